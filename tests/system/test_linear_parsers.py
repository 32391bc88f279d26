"""Parsers are linear (issue 16): ingest, mentions and extract do work proportional to the length of a text,
however it is shaped, and no regular expression of theirs backtracks catastrophically on a 1 MB line.

No clock anywhere: the work of a command is counted as the Python events the interpreter reports to a trace
function (``sys.settrace``: a line run, a call, a return), the same count on every run and every machine. Each
shape of text is generated from its seed at n, 2n and 4n characters (the shorter a prefix of the longer), and
the work each doubling adds must grow at most 2.15 times: 2 for work proportional to the length, 4 for work
proportional to its square. A loop that rescans the text (every mention of a passage for each of its sentences,
every span of a sentence for each of its names, every footnote marker for each offset) shows as a growth near 4;
the constant work of loading and writing cancels out of the difference. Reintroducing the scan of every mention
for each sentence in ``engine._passage``, for one, makes the "sentences" cases of extract fail with a growth of 3.

What the trace cannot see is work done inside C: a regular expression that scans the rest of the text from each
position. Those are checked by running the parsers and the extractor's expressions over 1 MB of the texts that
made them backtrack (a run of spaces after a footnote's link, a Markdown heading, an unclosed marker without a
space, …): with the quadratic expressions these took hours; linear, they take a fraction of a second. There is
no time limit in the test: a regression shows as a test that does not finish.
"""

from __future__ import annotations

import importlib
import pkgutil
import random
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from rdflib import URIRef

import coi_graph.extract
from coi_graph.documents import layouts
from coi_graph.extract import gazetteer
from coi_graph.extract.candidates import Extractor
from coi_graph.extract.gazetteer import Gazetteer
from coi_graph.extract.mentions import find
from coi_graph.extract.source import open_source
from coi_graph.ingest import ingest_file
from tests.conftest import DATA

# the pieces each shape of text is made of, drawn at random (with the shape's seed) into a block that repeats
SHAPES: dict[str, tuple[str, ...]] = {
    # a report's prose: sentences with footnote markers, quotations, dates, abbreviations
    "sentences": (
        "Turkish President Recep Tayyip Erdogan said on 12 March 2024 that Türkiye would launch an operation "
        "against the SDF in northern Syria.[3](#) ",
        "The Islamic Resistance in Iraq claimed that its members attacked the al-Tanf base with drones, according "
        "to Reuters. ",
        "“We will not withdraw,” a senior Iranian military official told AFP in Tehran. ",
        "U.S. forces struck Kata'ib Hezbollah positions in Anbar and the Iraqi government condemned the strikes.[12](#) ",
        "Hezbollah fighters, who are backed by Iran, were deployed near the Lebanese border on Friday. ",
        "Russian troops withdrew from the Qamishli airport as the SDF took control of Hasakah governorate. ",
    ),
    # one sentence as long as the text: no full stop anywhere
    "no full stop": (
        "Israeli forces struck targets near Damascus ",
        "and Iran-backed militias attacked US forces in eastern Syria ",
        "while officials in Baghdad said that the Popular Mobilization Forces would remain in Anbar ",
        "and ",
    ),
    # the items the pipeline loops over packed tight: a sentence, a name and a marker every few characters
    "short sentences": ("Iraq. ", "Syria.[1](#) ", "Iran. ", "Erdogan spoke. ", "Hezbollah.[2](#) ", "The SDF. "),
    # states' adjectives before names the registry lacks, and people with their titles, in one sentence
    "adjectives": (
        "Turkish Alpha forces with ",
        "Iranian and Iraqi troops near ",
        "President Erdogan said that ",
        "Syrian Bravo units and ",
        "Defense Secretary Austin warned ",
    ),
    "one word": ("Damascus ",),
    # long runs of capitalised words that name nothing the registry knows
    "capitalised": ("Alpha ", "Bravo ", "Charlie ", "Delta ", "Echo ", "Foxtrot ", "Golf ", "Hotel ", "of "),
    # coordination, lists, unnamed actors, borders, regions by direction, titles, acronyms in brackets
    "names": (
        "Syria and Iraq and ",
        "Iran, Hezbollah, ",
        "Iran-backed militias ",
        "pro-Iran fighters ",
        "an Iraqi official ",
        "senior Turkish military officials ",
        "eastern Syria ",
        "the Syria-Türkiye border ",
        "Turkish President Erdogan ",
        "Pentagon spokesman Pat Ryder and Ryder ",
        "the Department for Military Operations (DMO) ",
        "HTS-affiliated forces ",
    ),
    # quotation marks, brackets and parentheses never closed, markers cut short, digits and numbers glued to words
    "unclosed": (
        "“We will ",
        '"the ',
        "‘Iran ",
        "(Iraq ",
        "[the ",
        "[12](# ",
        "[iv](#",
        "— Syria ",
        "word12 ",
        "Syria.541 ",
        "M4 ",
        "[2019] ",
        "3,000 ",
        "1.5 ",
    ),
    # numbers glued to words and full stops, as a footnote marker flattened by a PDF is
    "glued": ("important474 ", "Syria.541 ", "forces12 ", "base3 ", "area7, ", "Iraq.88 "),
}
SIZE = 6_000  # the smallest length measured; then twice and four times as long
# The most the work added by a doubling may grow: 2 is linear, 4 quadratic. Measured, every case grows between 1.97
# and 2.03; a quadratic loop over the names of one sentence adds little at these lengths (one that the layer had
# grew 2.19 on "adjectives"), so the bound is close above 2.
GROWTH = 2.15


def text(shape: str, length: int) -> str:
    """``length`` characters of the shape, in one line: a block of its pieces drawn with the shape's seed, repeated."""
    rng = random.Random(sorted(SHAPES).index(shape))
    block = "".join(rng.choice(SHAPES[shape]) for _ in range(64))
    return (block * (length // len(block) + 1))[:length]


def work(run: Callable[[], object]) -> int:
    """The Python events (lines, calls, returns) that running ``run`` reports to a trace function."""
    events = 0

    def trace(frame: FrameType, event: str, arg: Any) -> Callable[..., Any]:
        nonlocal events
        events += 1
        return trace

    previous = sys.gettrace()
    sys.settrace(trace)
    try:
        run()
    finally:
        sys.settrace(previous)
    return events


@pytest.fixture(scope="module")
def names() -> Gazetteer:
    return gazetteer.load(DATA)


def _ingest(path: Path, data_dir: Path, names: Gazetteer) -> None:
    ingest_file(path, data_dir, publisher=URIRef("https://example.org/publisher"), title="T", date="2024-01-01",
                dry_run=True)  # fmt: skip


def _mentions(path: Path, data_dir: Path, names: Gazetteer) -> None:
    find(path.read_text(encoding="utf-8"), names)


def _extract(path: Path, data_dir: Path, names: Gazetteer) -> None:
    source = open_source(path, data_dir)
    extractor = Extractor(source.doc, source.parsed, names)
    extractor.proposed_graph(extractor.run())


COMMANDS: dict[str, Callable[[Path, Path, Gazetteer], None]] = {
    "ingest": _ingest,  # read, detect the layout, parse; the files it would write are left out (dry run)
    "mentions": _mentions,
    "extract": _extract,  # the parsed document's candidates and proposed entities, without the TriG writer
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_work_grows_linearly_with_the_length(command: str, shape: str, names: Gazetteer, tmp_path: Path) -> None:
    run = COMMANDS[command]
    (tmp_path / "documents").mkdir()
    counts = []
    for length in (SIZE, SIZE, 2 * SIZE, 4 * SIZE):  # the first run fills the caches, and is not counted
        path = tmp_path / f"{length}.txt"
        path.write_text(text(shape, length), encoding="utf-8")
        counts.append(work(lambda path=path: run(path, tmp_path, names)))
    _, w1, w2, w4 = counts
    first, second = w2 - w1, w4 - w2
    assert second <= GROWTH * max(first, 0) + 0.01 * w1, (
        f"{command} on {shape!r}: {w1:,} / {w2:,} / {w4:,} events at {SIZE:,} / {2 * SIZE:,} / {4 * SIZE:,} "
        f"characters; the second doubling added {second / max(first, 1):.2f} times the work of the first"
    )
    assert w4 <= 2 * GROWTH * w1 + 0.01 * w1  # and the whole grows no faster either


def test_the_measure_sees_a_quadratic_loop() -> None:
    """The measure itself: a loop over every earlier item for each item grows 4 times per doubling."""

    def quadratic(items: int) -> None:
        seen: list[int] = []
        for item in range(items):
            if item not in [s for s in seen]:  # a scan of all before it, as a Python loop
                seen.append(item)

    w1, w2, w4 = (work(lambda n=n: quadratic(n)) for n in (200, 400, 800))
    assert (w4 - w2) / (w2 - w1) > 3.5


# --- regular expressions: 1 MB of what made them backtrack ----------------------------------------------------

MEGABYTE = 1_000_000


def _run_of(piece: str, before: str = "", after: str = "") -> str:
    return before + piece * (MEGABYTE // len(piece)) + after


# texts in which a parser's expression once read a run of characters again from each of its positions
ADVERSARIAL: dict[str, str] = {
    "spaces after a footnote's link": "A report\n\nIran attacked Syria.[1](#)\n\nNotes\n\n- [1](#)\n\n"
    + _run_of(" ", "Publisher, Title, 1 May 2020, [url](#)", "x"),
    "spaces in a footnote's citation": "A report\n\nIran attacked Syria.[1](#)\n\nNotes\n\n- [1](#)\n\n"
    + _run_of("\t", "Publisher, Title, 1 May 2020", "x, url, 2 May 2021"),
    "unclosed links in a footnote": "A report\n\nIran attacked Syria.[1](#)\n\nNotes\n\n- [1](#)\n\n"
    + _run_of("[url](", "Publisher, Title, ", " x"),
    "unclosed markers without a space": _run_of("[1](#", "A report\n\n"),
    "unclosed Roman markers without a space": _run_of("[iv](#", "A report\n\n", "."),
    "spaces in a Markdown heading": _run_of(" ", "# A", "x\n\nIran attacked Syria."),
    "hashes in a Markdown heading": _run_of("#", "# A ", " x\n\nIran attacked Syria."),
    "spaces after a notes heading": _run_of(" ", "A report\n\nIran attacked Syria.\n\nNotes", ")\n\n1 x\n2 y"),
    "spaces in a cite-as line": _run_of(" ", "Please cite as: x", "y\n\nIran attacked Syria.[1](#)"),
    "spaces in a date line": _run_of(" ", "# Published: 1 May", "2020 x\n\nIran attacked Syria."),
    "spaces in a section heading": _run_of(" ", "3.4. A", "x\n\nIran attacked Syria."),
    "spaces in a news header": _run_of("\t", " date 2024-01-01 A", "x\n\nIran attacked Syria."),
    "spaces after a source": _run_of(" ", " date 2024-01-01 A\n\nAlpha said, according to Reuters", "x"),
    "a run of words before quoted sources": _run_of("two ", " date 2024-01-01 A\n\n", "officials quoted by x"),
}


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_parsers_read_a_megabyte_of_adversarial_text(name: str) -> None:
    """The layout detected and parsed as ingest and extract read a file: news, or the EUAA parser and then, for a
    report in no specific layout, the generic one."""
    reading = layouts.read(ADVERSARIAL[name])
    assert reading.parsed.passages


NOT_PARSING = ("coi_graph.extract.draft", "coi_graph.extract.review")  # they write and read drafts, not documents


def _extractor_patterns() -> Iterator[tuple[str, re.Pattern[str]]]:
    for info in pkgutil.walk_packages(coi_graph.extract.__path__, "coi_graph.extract."):
        if info.name in NOT_PARSING:
            continue
        module = importlib.import_module(info.name)
        for attribute, value in vars(module).items():
            if isinstance(value, re.Pattern) and value.pattern:
                yield f"{info.name}.{attribute}", value


QUARTER = MEGABYTE // 4  # a quadratic search of this many characters takes minutes; a linear one, milliseconds
EXTRACTOR_TEXTS = (
    *((piece * (QUARTER // len(piece) + 1))[:QUARTER] for piece in (" ", "two ", "Syria.541 ", "“", "Aa ", "1 May ")),
    text("unclosed", QUARTER),
)


def test_the_extractors_expressions_search_from_every_position() -> None:
    """Every regular expression of the extractor's modules, searched from every position of a quarter of a
    megabyte of each text (what ``finditer`` does, though the extractor searches a sentence at a time): none
    reads the rest of the text again from each position."""
    patterns = dict(_extractor_patterns())
    assert len(patterns) > 10
    for _, pattern in sorted(patterns.items()):
        for content in EXTRACTOR_TEXTS:
            for _ in pattern.finditer(content):
                pass
