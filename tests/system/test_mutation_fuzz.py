"""Seeded mutation fuzz of the inputs (issue 8): the seed documents and the curated data files, broken by
random deletions, duplications and junk bytes, never crash coi-graph.

Each mutant is either taken in, and then what the parser read out of it holds (every offset, marker,
footnote and citation is found in the text, the RDF reads back, the build loads it), or refused with the
project's own error, naming the file (and the line, where there is one) with a hint. Anything else is a
crash, reported with the seed that makes the mutant, so that it can be reproduced::

    python -m tests.system.test_mutation_fuzz data/documents/newsaz-2025-10-20-iraq-us-advisers.txt 17 mutant.txt

(with ``--lines`` for a mutant marked "lines only"). COI_GRAPH_FUZZ_SCALE=N runs N times as many mutants:
new seeds, the same checks.
"""

from __future__ import annotations

import os
import random
import re
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef

from coi_graph.compile.load import load_store
from coi_graph.compile.terms import iri, to_quads
from coi_graph.documents import euaa, news
from coi_graph.documents.generic import roman_value
from coi_graph.documents.model import ParsedDocument
from coi_graph.documents.text import BOM, lines, read_text
from coi_graph.documents.to_rdf import Resolver, TripleSink, document_triples
from coi_graph.errors import CoiGraphError, InputError
from coi_graph.ingest import FORMATS, Ingested, detect, ingest_file
from coi_graph.namespaces import DOC, ENT, Graphs
from coi_graph.registry import LabelIndex
from coi_graph.resources import ontology_path
from coi_graph.vocab import COI
from tests.conftest import DATA, ROOT, run_cli

SCALE = max(1, int(os.environ.get("COI_GRAPH_FUZZ_SCALE", "1")))

# ---------------------------------------------------------------------------------------------------------------------
# The mutator
# ---------------------------------------------------------------------------------------------------------------------

KINDS = ("delete", "duplicate", "junk", "delete-lines", "duplicate-lines")
LINE_KINDS = ("delete-lines", "duplicate-lines")
JUNK: dict[str, tuple[bytes, ...]] = {
    "invalid-utf8": (b"\xff", b"\xfe", b"\x80", b"\xc3(", b"\xc0\xaf", b"\xe2\x82", b"\xed\xa0\x80",
                     b"\xf4\x90\x80\x80"),
    "nul": (b"\x00",),
    "control": (
        b"\x01", b"\x07", b"\x08", b"\t", b"\x0b", b"\x0c", b"\r", b"\x1b[31m", b"\x1c", b"\x1e", b"\x7f",
        "\x85".encode(), "\u2028".encode(), "\u2029".encode(),
    ),
    "bom": (BOM.encode(),),
    # valid UTF-8 that text handling trips on: spaces and marks of no width, look-alike digits and letters,
    # characters whose case forms change length, noncharacters
    "unicode": tuple(
        c.encode()
        for c in ("\u00a0", "\u200b", "\u202e", "\u0301", "\ufffd", "\ufdd0", "\uffff", "\U0010ffff", "😀",
                  "٥٣٧", "𝟓𝟑𝟕", "ſ", "İ", "ß", "ﬀ", "Ⅻ")
    ),
    # pieces of the layouts: markers, footnote entries, links, headers, dates
    "markup": (
        b"[", b"]", b"(#)", b"[537](#)", b"[999](#)", b"[0](#)", b"[99999](#)", b"\n- [", b"- [x](#)",
        b"\n- [537](#)\n", b";", b",", b"[url](", b"[url](#)", b"[url](http://a b)", b"\nPlease cite as: ",
        b"\n date 2025-13-45 x\n", b" date 2025-02-29 ", b"\n\n", "\n© ".encode(), b"\nFootnotes\n", b"\n1. ",
        b"\n[1] ", b"[Key 2023, p. 4]", b"\nKey 2023: ", b"30 February 2025", b"n.d.", "“".encode(), b"\n# 3.4. ",
    ),
    "random": (),  # random bytes
}  # fmt: skip
JUNK_WEIGHTS = {"invalid-utf8": 1, "nul": 0.5, "control": 2, "bom": 1, "unicode": 3, "markup": 4, "random": 1}
SPANS = (1, 1, 2, 3, 8, 40, 200)


@dataclass(frozen=True)
class Mutant:
    source: str
    seed: int
    lines_only: bool
    data: bytes
    steps: tuple[str, ...]  # what was done, in order: "<kind> <details>"

    def __str__(self) -> str:
        return f"{self.source} seed {self.seed}{' (lines only)' if self.lines_only else ''} [{'; '.join(self.steps)}]"

    @property
    def kinds(self) -> list[str]:
        return [step.split(" ", 1)[0] for step in self.steps]


def _junk(rng: random.Random) -> tuple[str, bytes]:
    kind = rng.choices(list(JUNK_WEIGHTS), weights=list(JUNK_WEIGHTS.values()))[0]
    return kind, rng.randbytes(rng.randint(1, 6)) if kind == "random" else rng.choice(JUNK[kind])


def mutate(data: bytes, seed: int, source: str = "", *, lines_only: bool = False, max_steps: int = 5) -> Mutant:
    """``data`` with 1 to ``max_steps`` random mutations; the same seed gives the same mutant. ``lines_only``
    deletes and duplicates whole lines only, which in Turtle keeps the syntax more often than not."""
    rng = random.Random(seed)
    out = bytearray(data)
    steps: list[str] = []
    for _ in range(rng.randint(1, max_steps)):
        kind = rng.choice(LINE_KINDS if lines_only else KINDS)
        size = len(out)
        if kind == "delete" and size:
            start = rng.randrange(size)
            end = min(size, start + rng.choice(SPANS))
            del out[start:end]
            steps.append(f"delete bytes {start}:{end}")
        elif kind == "duplicate" and size:
            start = rng.randrange(size)
            end = min(size, start + rng.choice(SPANS))
            at = rng.randrange(size + 1)
            out[at:at] = out[start:end]
            steps.append(f"duplicate bytes {start}:{end} at {at}")
        elif kind == "junk":
            category, junk = _junk(rng)
            at = 0 if category == "bom" and rng.random() < 0.5 else rng.randrange(size + 1)
            out[at:at] = junk
            steps.append(f"junk {category} {junk!r} at {at}")
        elif kind in ("delete-lines", "duplicate-lines"):
            text_lines = bytes(out).splitlines(keepends=True)
            if not text_lines:
                continue
            start = rng.randrange(len(text_lines))
            end = min(len(text_lines), start + rng.choice((1, 1, 2, 3)))
            if kind == "delete-lines":
                del text_lines[start:end]
                steps.append(f"delete-lines {start + 1}-{end}")
            else:
                at = rng.randrange(len(text_lines) + 1)
                text_lines[at:at] = text_lines[start:end]
                steps.append(f"duplicate-lines {start + 1}-{end} before line {at + 1}")
            out = bytearray(b"".join(text_lines))
    return Mutant(source, seed, lines_only, bytes(out), tuple(steps))


# ---------------------------------------------------------------------------------------------------------------------
# What a clear error is, and what a document taken in must hold
# ---------------------------------------------------------------------------------------------------------------------

NEEDS_LINE = re.compile(r"syntax error|not valid UTF-8|binary", re.IGNORECASE)


def assert_clear(exc: CoiGraphError, path: Path, data: bytes, *, hint: bool = True) -> None:
    """The error names ``path``, a line that exists where the problem has one, and says how to fix it."""
    shown = exc.render()
    assert "Traceback" not in shown
    assert str(path) in shown, f"the error does not name {path}: {shown}"
    if isinstance(exc, InputError):
        where = exc.location
        assert where.path == path, f"the error is located in {where.path}, not {path}: {shown}"
        if NEEDS_LINE.search(exc.problem):
            assert where.line is not None, f"no line: {shown}"
        if where.line is not None:
            assert 1 <= where.line <= data.count(b"\n") + 1, f"line {where.line} is not in the file: {shown}"
    if hint or NEEDS_LINE.search(exc.message):
        assert exc.hint, f"no hint: {shown}"


def _numbers(text: str) -> set[int]:
    return {int(digits) for digits in re.findall(r"\d+", text)}


def check_parsed(parsed: ParsedDocument, content: str) -> None:
    """Every offset, marker, footnote and citation the parser gives is found in the text."""
    by_number = {line.number: line for line in lines(content)}
    for passage in parsed.passages:
        assert content[passage.start : passage.end].strip(), f"passage {passage.ordinal} is blank"
        assert by_number[passage.line].start == passage.start, f"passage {passage.ordinal}: line {passage.line}"
        # the clean text is the file's text with the markers cut out
        pieces: list[str] = []
        position = passage.start
        for marker in passage.markers:
            assert position <= marker.start < marker.end <= passage.end, f"marker {marker} out of place"
            pieces.append(content[position : marker.start])
            position = marker.end
            assert len("".join(pieces)) == marker.text_offset, f"marker {marker}: text offset"
            written = content[marker.start : marker.end]
            if marker.key is not None:
                assert marker.key in written, f"marker {marker}: {written!r}"
            else:
                assert marker.label in written, f"marker {marker}: {written!r}"
                value = int(marker.label) if marker.label.isdigit() else roman_value(marker.label)
                assert marker.number == value, f"marker {marker}: label {marker.label!r}"
        pieces.append(content[position : passage.end])
        assert "".join(pieces) == passage.text, f"passage {passage.ordinal}: clean text"
        last = 0
        for start, end in passage.sentences:
            assert last <= start < end <= len(passage.text), f"passage {passage.ordinal}: sentence {start}:{end}"
            assert not passage.text[start].isspace() and not passage.text[end - 1].isspace()
            file_start, file_end = passage.file_start(start), passage.file_end(end)
            span, position = [], file_start
            for marker in passage.markers:
                if file_start <= marker.start and marker.end <= file_end:
                    span.append(content[position : marker.start])
                    position = marker.end
            span.append(content[position:file_end])
            assert "".join(span) == passage.text[start:end], f"sentence {start}:{end}: file offsets"
            last = end
    numbers = [footnote.number for footnote in parsed.footnotes]
    assert len(numbers) == len(set(numbers)), f"footnotes listed twice: {numbers}"
    for footnote in parsed.footnotes:
        line = by_number[footnote.line].text
        if footnote.key is None:
            found = footnote.number in _numbers(line) or footnote.label in line  # "- [iv](#)": label iv, number 4
            assert found, f"footnote {footnote.number} is not on line {footnote.line}"
        else:
            assert footnote.key in line, f"reference {footnote.key!r} is not on line {footnote.line}"
        for part in footnote.raw.split("\n"):
            assert part in content, f"footnote {footnote.number}: {part!r} is not in the text"
        flat = " ".join(part.strip() for part in footnote.raw.splitlines() if part.strip())
        for citation in footnote.citations:
            assert citation.raw in flat, f"footnote {footnote.number}: citation {citation.raw!r}"
            for value in (citation.publisher, citation.title, citation.url, citation.pages):
                assert value is None or value in citation.raw, f"citation {citation.raw!r}: {value!r}"
    if parsed.cite_as:
        assert parsed.cite_as in content
    if parsed.attribution:
        assert any(parsed.attribution.phrase in passage.text for passage in parsed.passages)
        assert all(name in parsed.attribution.phrase for name in parsed.attribution.names)
    assert len(parsed.dateline) == len(parsed.dateline_offsets)
    for name, (start, end) in zip(parsed.dateline, parsed.dateline_offsets, strict=True):
        assert content[start:end] == name, f"dateline {name!r} is not at {start}:{end}"
        assert any(p.start <= start < end <= p.end for p in parsed.passages), f"dateline {name!r} in no passage"


@dataclass
class Registry:
    """The seed registry's publishers and actors, read once."""

    publishers: LabelIndex
    actors: LabelIndex

    def resolver(self) -> Resolver:
        return Resolver(self.publishers, self.actors, warnings=[])


def check_rdf(doc: URIRef, parsed: ParsedDocument, content: str, registry: Registry, where: str) -> None:
    """The document's RDF, made as the build makes it, goes into a store and reads back."""
    sink = TripleSink()
    node_lines = document_triples(sink, doc, parsed, content, Graph(), registry.resolver(), where)
    last_line = sum(1 for _ in lines(content))
    assert all(1 <= line <= last_line for line in node_lines.values())
    store = ox.Store()
    store.extend(to_quads(sink, iri(Graphs.DOCUMENTS)))
    dumped = store.dump(format=ox.RdfFormat.N_QUADS)
    assert dumped is not None
    assert len(list(ox.parse(dumped, format=ox.RdfFormat.N_QUADS))) == len(sink) == len(store)


# ---------------------------------------------------------------------------------------------------------------------
# The seed documents, through ingest (in-process) and the build's loader
# ---------------------------------------------------------------------------------------------------------------------

DOCS = ROOT / "tests" / "documents"
MISSING_METADATA = {"title": "Testland: armed groups", "date": "2025-05"}


@dataclass(frozen=True)
class Seed:
    path: Path
    mutants: int
    publisher: bool = False  # the text does not say its publisher: give ent:news-az
    metadata: bool = False  # nor its title and date: give them too

    @property
    def name(self) -> str:
        return self.path.name

    def cli_options(self) -> list[str]:
        options = ["--publisher", "ent:news-az"] if self.publisher or self.metadata else []
        for key, value in MISSING_METADATA.items() if self.metadata else ():
            options += [f"--{key}", value]
        return options


SEEDS = [
    Seed(DATA / "documents" / "euaa-2025-03-syria-country-focus-s3.4.txt", 250),
    Seed(DATA / "documents" / "newsaz-2025-10-20-iraq-us-advisers.txt", 250, publisher=True),
    Seed(DOCS / "report-glued.txt", 50),
    Seed(DOCS / "report-bracket.txt", 40, metadata=True),
    Seed(DOCS / "report-references.txt", 40, metadata=True),
    Seed(DOCS / "report-no-list.txt", 30, metadata=True),
    Seed(DOCS / "news-web.txt", 40, publisher=True),
    Seed(DOCS / "report-roman.txt", 40, metadata=True),  # a generic report: Roman markers, no note list
    Seed(DOCS / "report-crs.txt", 30, metadata=True),  # a generic report: headings, a date line, bullets
]
LOAD_EVERY = 10  # every so many mutants taken in are also filed and loaded by the build's loader


@dataclass
class Outcome:
    counts: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)

    def report(self, what: str) -> str:
        shown = "\n".join(self.failures[:10])
        more = f"\n... and {len(self.failures) - 10} more" if len(self.failures) > 10 else ""
        return f"{len(self.failures)} {what} crashed or gave an unclear error ({dict(self.counts)}):\n{shown}{more}"


def _ingest(path: Path, data: Path, seed: Seed, *, dry_run: bool) -> Ingested:
    """``ingest_file`` with what the seed document does not say."""
    return ingest_file(
        path,
        data,
        publisher=ENT["news-az"] if seed.publisher or seed.metadata else None,
        title=MISSING_METADATA["title"] if seed.metadata else None,
        date=MISSING_METADATA["date"] if seed.metadata else None,
        dry_run=dry_run,
    )


def _one_document(mutant: Mutant, seed: Seed, workdir: Path, data: Path, registry: Registry, load: bool) -> str:
    """Take one mutant in; 'taken' or 'refused', or an AssertionError or any other exception."""
    path = workdir / seed.name
    path.write_bytes(mutant.data)
    try:
        result = _ingest(path, workdir / "out", seed, dry_run=True)
    except CoiGraphError as exc:
        assert_clear(exc, path, mutant.data)
        return "refused"
    content = read_text(path)
    check_parsed(result.parsed, content)
    check_rdf(DOC[result.document_id], result.parsed, content, registry, str(path))
    if load:
        # filed as 'coi-graph ingest' files it, the build's loader reads it without complaint
        filed = _ingest(path, data, seed, dry_run=False)
        try:
            store = load_store(data).store
            sha = ox.NamedNode(str(COI.sha256))
            assert list(store.quads_for_pattern(ox.NamedNode(str(DOC[filed.document_id])), sha, None))
        finally:
            for written in filed.written:
                written.unlink()
    return "taken"


def fuzz_documents(seed: Seed, seeds: range, workdir: Path, data: Path, registry: Registry) -> Outcome:
    source = seed.path.read_bytes()
    outcome = Outcome()
    for number in seeds:
        mutant = mutate(source, number, seed.name)
        load = outcome.counts["taken"] % LOAD_EVERY == 0
        try:
            outcome.counts[_one_document(mutant, seed, workdir, data, registry, load)] += 1
        except Exception as exc:  # a crash, or a broken invariant: either way a failure to reproduce
            outcome.counts["failed"] += 1
            outcome.failures.append(f"{mutant}: {type(exc).__name__}: {exc}")
    return outcome


@pytest.fixture(scope="module")
def registry() -> Registry:
    graph = Graph()
    for entity_file in sorted((DATA / "entities").glob("*.ttl")):
        graph.parse(entity_file, format="turtle")
    ontology = Graph().parse(ontology_path(), format="turtle")
    return Registry(LabelIndex(graph, ontology, COI.Publisher), LabelIndex(graph, ontology, COI.Actor))


@pytest.mark.parametrize("seed", SEEDS, ids=[seed.name for seed in SEEDS])
def test_mutated_documents_are_taken_in_or_refused_clearly(
    seed: Seed, tmp_path: Path, data_copy: Path, registry: Registry
) -> None:
    mutants = seed.mutants * SCALE
    outcome = fuzz_documents(seed, range(mutants), tmp_path, data_copy, registry)
    if outcome.failures:
        pytest.fail(outcome.report(f"of {mutants} mutants of {seed.name}"), pytrace=False)
    # both ways are exercised: the fuzz is not all refusals (nothing checked) nor all passes (nothing broken)
    assert outcome.counts["taken"] >= mutants // 5, outcome.counts
    assert outcome.counts["refused"] >= mutants // 20, outcome.counts


CLI_MUTANTS = 10


@pytest.mark.parametrize("seed", SEEDS[:2], ids=[seed.name for seed in SEEDS[:2]])
def test_mutated_documents_through_the_cli(seed: Seed, tmp_path: Path) -> None:
    """'coi-graph ingest' on mutants: exit 0, or 2 with a message naming the file; never a traceback."""
    source = seed.path.read_bytes()
    exits: Counter[int] = Counter()
    for number in range(1000, 1000 + CLI_MUTANTS * SCALE):
        mutant = mutate(source, number, seed.name)
        path = tmp_path / f"in-{number}" / seed.name
        path.parent.mkdir()
        path.write_bytes(mutant.data)
        data = tmp_path / f"data-{number}"
        result = run_cli("ingest", str(path), "--data", str(data), *seed.cli_options())
        output = result.stdout + result.stderr
        exits[result.exit_code] += 1
        assert result.exit_code in (0, 2), f"{mutant}: exit {result.exit_code}\n{output}"
        assert "Traceback" not in output and "internal error" not in output, f"{mutant}:\n{output}"
        if result.exit_code == 0:
            assert f"{path}: " in result.stdout, f"{mutant}:\n{output}"
            assert len(list((data / "documents").glob("*.txt"))) == 1, f"{mutant}: nothing filed"
        else:
            assert f"error: {path}" in result.stderr, f"{mutant}: the error does not name the file\n{output}"
            assert "hint:" in result.stderr, f"{mutant}: no hint\n{output}"
    assert exits[0] and exits[2], exits


# ---------------------------------------------------------------------------------------------------------------------
# The curated data files, through the build's loader
# ---------------------------------------------------------------------------------------------------------------------

DATA_FILES = [
    ("claims/euaa-2025-03-syria-country-focus-s3.4.trig", 25),
    ("claims/newsaz-2025-10-20-iraq-us-advisers.trig", 25),
    ("entities/actors.ttl", 15),
    ("entities/places.ttl", 10),
    ("entities/publishers.ttl", 10),
    ("links/wikidata.ttl", 10),
    ("documents/euaa-2025-03-syria-country-focus-s3.4.ttl", 10),
    ("documents/newsaz-2025-10-20-iraq-us-advisers.ttl", 10),
    ("documents/euaa-2025-03-syria-country-focus-s3.4.txt", 10),
]


def _one_data_file(mutant: Mutant, path: Path, data: Path) -> str:
    path.write_bytes(mutant.data)
    try:
        load_store(data)
    except CoiGraphError as exc:
        assert_clear(exc, path, mutant.data, hint=False)
        return "refused"
    return "loaded"


@pytest.mark.parametrize(("relative", "mutants"), DATA_FILES, ids=[name for name, _ in DATA_FILES])
def test_mutated_data_files_load_or_are_refused_clearly(relative: str, mutants: int, data_copy: Path) -> None:
    path = data_copy / relative
    source = path.read_bytes()
    outcome = Outcome()
    for number in range(mutants * SCALE):
        mutant = mutate(source, number, relative, lines_only=number % 2 == 1)
        try:
            outcome.counts[_one_data_file(mutant, path, data_copy)] += 1
        except Exception as exc:
            outcome.counts["failed"] += 1
            outcome.failures.append(f"{mutant}: {type(exc).__name__}: {exc}")
    path.write_bytes(source)
    if outcome.failures:
        pytest.fail(outcome.report(f"of {mutants * SCALE} mutants of {relative}"), pytrace=False)
    assert outcome.counts["refused"], outcome.counts


def _some_mutants(path: Path, data: Path, loaded: int, refused: int) -> Iterator[tuple[Mutant, bool]]:
    """The first mutants of ``path`` that the loader takes (``loaded`` of them) and refuses (``refused``),
    each left in place while the caller looks at it."""
    source = path.read_bytes()
    wanted = {True: loaded, False: refused}
    for number in range(2000, 2200):
        mutant = mutate(source, number, path.name, lines_only=number % 2 == 1)
        path.write_bytes(mutant.data)
        try:
            load_store(data)
            ok = True
        except CoiGraphError:
            ok = False
        except Exception as exc:
            raise AssertionError(f"{mutant}: {type(exc).__name__}: {exc}") from exc
        if wanted[ok]:
            wanted[ok] -= 1
            yield mutant, ok
        if not any(wanted.values()):
            break
    path.write_bytes(source)
    assert not any(wanted.values()), f"too few mutants of {path.name} were loaded or refused: {wanted} missing"


VALIDATED = [DATA_FILES[0][0], DATA_FILES[2][0], DATA_FILES[-1][0]]


@pytest.mark.parametrize("relative", VALIDATED)
def test_mutated_data_files_through_validate(relative: str, data_copy: Path) -> None:
    """The whole of 'coi-graph validate' (reasoning and SHACL too) on mutants the loader takes, and one it
    refuses: exit 0, 1 (violations) or 2, never a traceback."""
    path = data_copy / relative
    for mutant, loaded in _some_mutants(path, data_copy, loaded=2 * SCALE, refused=1):
        result = run_cli("validate", "--data", str(data_copy))
        output = result.stdout + result.stderr
        assert "Traceback" not in output and "internal error" not in output, f"{mutant}:\n{output}"
        if loaded:
            assert result.exit_code in (0, 1), f"{mutant}: exit {result.exit_code}\n{output}"
        else:
            assert result.exit_code == 2, f"{mutant}: exit {result.exit_code}\n{output}"
            assert str(path) in result.stderr, f"{mutant}: the error does not name the file\n{output}"


# ---------------------------------------------------------------------------------------------------------------------
# The fuzz itself: deterministic, varied, and it does catch crashes
# ---------------------------------------------------------------------------------------------------------------------


def test_the_mutator_is_deterministic_and_varied() -> None:
    source = SEEDS[0].path.read_bytes()
    assert mutate(source, 7) == mutate(source, 7)
    mutants = [mutate(source, number) for number in range(200)]
    assert len({m.data for m in mutants}) >= 195
    assert set(KINDS) <= {kind for m in mutants for kind in m.kinds}
    categories = {step.split(" ")[1] for m in mutants for step in m.steps if step.startswith("junk")}
    assert categories == set(JUNK)
    assert any(m.data.startswith(BOM.encode()) for m in mutants)


def test_the_fuzz_reports_a_crash_with_its_seed(
    tmp_path: Path, data_copy: Path, registry: Registry, monkeypatch: pytest.MonkeyPatch
) -> None:
    def crashing(content: str) -> ParsedDocument:
        if "[url](#)" in content:
            raise IndexError("list index out of range")
        return euaa.parse(content)

    monkeypatch.setitem(FORMATS, euaa.FORMAT, crashing)
    outcome = fuzz_documents(SEEDS[0], range(20), tmp_path, data_copy, registry)
    assert outcome.failures
    assert re.match(r"euaa-\S+\.txt seed \d+ \[.+\]: IndexError: list index out of range", outcome.failures[0])


def test_the_fuzz_reports_an_error_that_does_not_name_the_file(
    tmp_path: Path, data_copy: Path, registry: Registry, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unclear(content: str) -> ParsedDocument:
        raise CoiGraphError("something is wrong")

    monkeypatch.setitem(FORMATS, news.FORMAT, unclear)
    outcome = fuzz_documents(SEEDS[1], range(20), tmp_path, data_copy, registry)
    assert any("the error does not name" in failure for failure in outcome.failures)


# ---------------------------------------------------------------------------------------------------------------------
# Regressions: what the fuzz found
# ---------------------------------------------------------------------------------------------------------------------

ID = re.compile(r"[a-z0-9][a-z0-9.-]{2,120}")
REPORT = SEEDS[0].path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("'[3.4. US-led", "'[3.4.٥٣٧. US-led"),  # Arabic-Indic digits in the section number
        ("'[3.4. US-led", "'[" + ".".join(map(str, range(1, 60))) + ". US-led"),  # a section number of 168 characters
        ("Please cite as: EUAA,", "Please cite as: " + "European Union Agency for Asylum " * 8 + ","),
    ],
    ids=["unicode-digits", "long-section", "long-publisher"],
)
def test_the_document_id_made_from_the_text_is_always_valid(old: str, new: str, tmp_path: Path) -> None:
    """Was: 'document id ... use lower-case letters, digits' for an id the user never gave, naming no file."""
    path = tmp_path / "report.txt"
    path.write_text(REPORT.replace(old, new, 1), encoding="utf-8")
    result = ingest_file(path, tmp_path / "data", dry_run=True)
    assert ID.fullmatch(result.document_id), result.document_id


@pytest.mark.parametrize("seed", SEEDS, ids=[seed.name for seed in SEEDS])
def test_a_byte_order_mark_changes_nothing(seed: Seed) -> None:
    """Was: a news article saved with a UTF-8 BOM could not be recognised ('cannot tell the layout'), and in a
    report the BOM became a passage of its own, which hid the section heading."""
    content = read_text(seed.path)
    with_bom = BOM + content
    assert detect(with_bom) == detect(content)
    layout = detect(content)
    assert layout is not None
    plain, marked = FORMATS[layout](content), FORMATS[layout](with_bom)
    check_parsed(marked, with_bom)
    assert [p.text for p in marked.passages] == [p.text for p in plain.passages]
    assert [p.start for p in marked.passages] == [p.start + 1 for p in plain.passages]
    assert [[m.number for m in p.markers] for p in marked.passages] == [
        [m.number for m in p.markers] for p in plain.passages
    ]
    assert [(f.number, f.raw) for f in marked.footnotes] == [(f.number, f.raw) for f in plain.footnotes]
    assert (marked.title, marked.date, marked.section_number) == (plain.title, plain.date, plain.section_number)


def test_a_document_without_paragraphs_is_refused_with_a_hint(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(" date 2025-10-20 A headline and nothing else\n", encoding="utf-8")
    with pytest.raises(InputError, match="no paragraphs") as caught:
        ingest_file(path, tmp_path / "data", publisher=ENT["news-az"], dry_run=True)
    assert_clear(caught.value, path, path.read_bytes())


# ---------------------------------------------------------------------------------------------------------------------


def _write_mutant(arguments: list[str]) -> None:
    """python -m tests.system.test_mutation_fuzz FILE SEED OUT [--lines]: write the mutant of FILE made by SEED to OUT."""
    source, seed, out = Path(arguments[0]), int(arguments[1]), Path(arguments[2])
    mutant = mutate(source.read_bytes(), seed, source.name, lines_only="--lines" in arguments[3:])
    out.write_bytes(mutant.data)
    print(mutant)


if __name__ == "__main__":
    _write_mutant(sys.argv[1:])
