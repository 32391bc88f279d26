"""Read a claims CSV, as ``coi-graph export claims`` writes it, back into claims (``coi-graph import claims``).

The inverse of :mod:`coi_graph.export.claims`, beside it because it reads the columns that module defines.
Rows are grouped by ``claim``; what the claim's rows repeat (document, quote, footnotes, …) must agree.

From either layout come back: the claim IRIs, their documents, footnote numbers, quotes, modalities (the
label, read back to the ontology's concept), time qualifiers (typed by their form: ``2024-12-08``
xsd:date, ``2024-12`` xsd:gYearMonth, ``2024`` xsd:gYear, the only datatypes the shapes allow), sources
and every content triple with its IRIs and blank nodes (``_:label``). The plain layout has no datatypes
or languages, so its literals come back as xsd:string; it has no passage and no further description,
and its footnote IRIs are rebuilt as ``<document>/fn<number>``, the way the build names them. A CSV
written with ``--lossless`` (:data:`~coi_graph.export.claims.EXTRA_COLUMNS`) carries all of that, so
that the claims of a valid build come back exactly: ``graph:claims`` and every claim's named graph.

The labels, Wikidata ids and sources columns are derived from the rest of the build and not read back
into RDF. Errors name the file and the line where the row starts. Every cell is read back through
:func:`~coi_graph.export.safety.restore_cell`: the apostrophe the export puts before a cell that would
start a spreadsheet formula (``'=…``, ``'-…``) is removed, so the original value comes back.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from coi_graph.compile import terms
from coi_graph.compile.lexical import ill_typed
from coi_graph.documents.text import read_text
from coi_graph.errors import InputError, Location
from coi_graph.export.claims import COLUMNS, EXTRA_COLUMNS, LOSSLESS_COLUMNS, XSD, claim_rows
from coi_graph.export.safety import restore_cell
from coi_graph.export.tabular import render
from coi_graph.namespaces import PREFIXES, Graphs, short
from coi_graph.resources import ontology_path
from coi_graph.store import AnyStore
from coi_graph.vocab import COI

Term = ox.NamedNode | ox.BlankNode | ox.Literal
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
SKOS_PREF_LABEL = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
CLAIMS_GRAPH = terms.iri(Graphs.CLAIMS)

# the datatypes the build checks for ill-typed values (coi_graph.compile.lexical)
_CHECKED = {XSD + name for name in ("date", "gYearMonth", "gYear", "integer", "decimal", "boolean")}
_TIME_COLUMNS = {"start": COI.startTime, "end": COI.endTime, "point_in_time": COI.pointInTime, "as_of": COI.asOf}
_TIME_FORMS = (
    (re.compile(r"-?\d{4,}-\d\d-\d\d(Z|[+-]\d\d:\d\d)?"), XSD + "date"),
    (re.compile(r"-?\d{4,}-\d\d(Z|[+-]\d\d:\d\d)?"), XSD + "gYearMonth"),
    (re.compile(r"-?\d{4,}(Z|[+-]\d\d:\d\d)?"), XSD + "gYear"),
)
# the columns that describe the claim, not one of its triples: every row of a claim repeats them
_CLAIM_COLUMNS = ("document", "footnotes", "start", "end", "point_in_time", "as_of", "modality", "quote", "sources")
_CLAIM_EXTRA_COLUMNS = tuple(c for c in EXTRA_COLUMNS if c not in ("value_datatype", "value_language"))
_REQUIRED = ("claim", "document", "subject", "predicate", "modality", "quote")


@dataclass(frozen=True)
class ImportedClaim:
    """One claim as a claims CSV gives it back."""

    iri: ox.NamedNode
    document: ox.NamedNode
    quote: str
    modality: ox.NamedNode
    footnotes: tuple[int, ...]
    footnote_iris: tuple[ox.NamedNode, ...]
    times: Mapping[str, ox.Literal]  # by column: start, end, point_in_time, as_of
    sources: str
    content: frozenset[ox.Triple]  # the claim's named graph
    further_description: frozenset[ox.Triple]  # from the lossless columns: passage, accordingTo, …
    line: int = field(compare=False)  # where its first row starts

    def description(self) -> list[ox.Triple]:
        """What ``graph:claims`` says about the claim, as far as the CSV carries it."""
        triples = [
            ox.Triple(self.iri, RDF_TYPE, terms.iri(COI.Claim)),
            ox.Triple(self.iri, terms.iri(COI.quote), ox.Literal(self.quote)),
            ox.Triple(self.iri, terms.iri(COI.modality), self.modality),
        ]
        triples += [ox.Triple(self.iri, terms.iri(COI.footnote), f) for f in self.footnote_iris]
        triples += [ox.Triple(self.iri, terms.iri(_TIME_COLUMNS[c]), v) for c, v in self.times.items()]
        return triples + sorted(self.further_description, key=str)


@dataclass(frozen=True)
class ClaimsCsv:
    """The claims of one CSV file."""

    path: Path
    claims: tuple[ImportedClaim, ...]
    lossless: bool  # written with --lossless: literals keep their datatypes, claims their whole description

    def quads(self, description_graph: ox.NamedNode | ox.DefaultGraph = CLAIMS_GRAPH) -> list[ox.Quad]:
        """Every claim's description in ``description_graph`` (``graph:claims`` as in a build, or the default
        graph as in data/claims/*.trig) and its content in the graph named by its IRI."""
        quads: list[ox.Quad] = []
        for claim in self.claims:
            quads += [ox.Quad(t.subject, t.predicate, t.object, description_graph) for t in claim.description()]
            quads += [ox.Quad(t.subject, t.predicate, t.object, claim.iri) for t in sorted(claim.content, key=str)]
        return quads

    def to_trig(self) -> str:
        """The claims in the layout of data/claims/*.trig: descriptions in the default graph."""
        data = ox.serialize(self.quads(ox.DefaultGraph()), format=ox.RdfFormat.TRIG, prefixes=PREFIXES)
        return (data or b"").decode("utf-8")


def read_claims_csv(path: Path) -> ClaimsCsv:
    """The claims of a CSV that ``coi-graph export claims`` wrote (with or without ``--lossless``).

    Raises :class:`~coi_graph.errors.InputError`, with the file and line, for a file that is not such a CSV."""
    # a CSV exported from a store may hold control characters (quoted, as CSV allows): they are data here
    return parse_claims_csv(read_text(path, controls=True), path)


def parse_claims_csv(text: str, path: Path) -> ClaimsCsv:
    """The claims of a claims CSV's ``text``; ``path`` names it in errors."""
    text = text.removeprefix("\ufeff")  # a spreadsheet may add a byte-order mark
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[tuple[int, dict[str, str]]] = []
    try:
        header = next(reader, None)
        if header is None:
            raise InputError(Location(path, 1), "the file has no header row")
        lossless = _check_header(header, path)
        start = reader.line_num + 1
        for cells in reader:
            line, start = start, reader.line_num + 1
            if cells:
                rows.append((line, _record(cells, header, Location(path, line))))
    except csv.Error as exc:
        raise InputError(
            Location(path, reader.line_num), f"not a valid CSV file: {exc}", hint="a quote may be unclosed"
        ) from exc
    return ClaimsCsv(path, tuple(claims_from_rows(rows, path, lossless=lossless)), lossless)


def _check_header(header: list[str], path: Path) -> bool:
    doubled = sorted({name for name in header if header.count(name) > 1})
    if doubled:
        raise InputError(Location(path, 1), f"the header names column(s) {', '.join(doubled)} twice")
    missing = [name for name in COLUMNS if name not in header]
    if missing:
        raise InputError(
            Location(path, 1),
            f"not a claims CSV: the header lacks the column(s) {', '.join(missing)}",
            hint="read a file written by 'coi-graph export claims' (CSV, not JSON Lines)",
        )
    extra = [name for name in EXTRA_COLUMNS if name in header]
    if extra and len(extra) < len(EXTRA_COLUMNS):
        lacking = ", ".join(name for name in EXTRA_COLUMNS if name not in header)
        raise InputError(
            Location(path, 1),
            f"the header has some of the --lossless columns but not {lacking}",
            hint="export again with 'coi-graph export claims --lossless', or remove the --lossless columns",
        )
    return bool(extra)


def _record(cells: list[str], header: list[str], location: Location) -> dict[str, str]:
    if len(cells) != len(header):
        raise InputError(
            location,
            f"the row has {len(cells)} field(s), the header {len(header)}",
            hint="a value with a comma, quote or line break must be in double quotes",
        )
    return dict(zip(header, (restore_cell(cell) for cell in cells), strict=True))


class _Row:
    """One row, with its location for errors."""

    def __init__(self, path: Path, line: int, values: Mapping[str, str]) -> None:
        self.location = Location(path, line)
        self.values = values

    def get(self, column: str) -> str:
        return self.values.get(column, "")

    def error(self, column: str, message: str, hint: str | None = None) -> InputError:
        return InputError(self.location, f"column {column}: {message}", hint=hint)

    def iri(self, column: str, text: str | None = None) -> ox.NamedNode:
        text = self.get(column) if text is None else text
        try:
            return ox.NamedNode(text)
        except ValueError as exc:
            raise self.error(column, f"{text!r} is not an absolute IRI ({exc})") from exc

    def node(self, column: str) -> ox.NamedNode | ox.BlankNode:
        text = self.get(column)
        if text.startswith("_:"):
            try:
                return ox.BlankNode(text[2:])
            except ValueError as exc:
                raise self.error(column, f"{text!r} is not a blank node label") from exc
        return self.iri(column)

    def typed(self, column: str, text: str, datatype: str) -> ox.Literal:
        if datatype in _CHECKED and ill_typed(text, datatype):
            raise self.error(column, f"{text!r} is not a valid {_short(datatype)}")
        return ox.Literal(text, datatype=ox.NamedNode(datatype))


def _short(iri: str) -> str:
    return "xsd:" + iri[len(XSD) :] if iri.startswith(XSD) else f"<{iri}>"


@lru_cache(maxsize=1)
def _concepts() -> dict[str, dict[str, ox.NamedNode]]:
    """Per concept class (Modality, TenureStatus), its concepts by preferred label, from the ontology."""
    triples = list(ox.parse(path=str(ontology_path()), format=ox.RdfFormat.TURTLE))
    labels = {
        t.subject: t.object.value
        for t in triples
        if t.predicate == SKOS_PREF_LABEL and isinstance(t.object, ox.Literal)
    }
    found: dict[str, dict[str, ox.NamedNode]] = {"Modality": {}, "TenureStatus": {}}
    for t in triples:
        if t.predicate == RDF_TYPE and isinstance(t.subject, ox.NamedNode) and isinstance(t.object, ox.NamedNode):
            kind = t.object.value.removeprefix(str(COI))
            if kind in found and t.subject in labels:
                found[kind][labels[t.subject]] = t.subject
    return found


def _concept(row: _Row, column: str, label: str, kind: str) -> ox.NamedNode:
    concepts = _concepts()[kind]
    if label not in concepts:
        raise row.error(column, f"unknown {column} {label!r}", hint=f"use one of {', '.join(sorted(concepts))}")
    return concepts[label]


def _object(row: _Row, lossless: bool) -> Term:
    if row.get("object"):
        if row.get("value"):
            raise row.error("value", "a row has an object or a value, not both")
        return row.node("object")
    text = row.get("value")
    datatype, language = (row.get("value_datatype"), row.get("value_language")) if lossless else ("", "")
    if language:
        if datatype not in ("", RDF_LANG_STRING):
            raise row.error("value_datatype", f"a value with a language is an rdf:langString, not {datatype}")
        try:
            return ox.Literal(text, language=language)
        except ValueError as exc:
            raise row.error("value_language", f"{language!r} is not a language tag ({exc})") from exc
    if datatype == RDF_LANG_STRING:
        raise row.error("value_language", "an rdf:langString needs a language tag")
    return row.typed("value", text, row.iri("value_datatype").value if datatype else XSD + "string")


def _time(row: _Row, column: str) -> ox.Literal | None:
    text = row.get(column)
    if not text:
        return None
    for form, datatype in _TIME_FORMS:
        if form.fullmatch(text):
            return row.typed(column, text, datatype)
    raise row.error(column, f"{text!r} is not a date", hint="write YYYY-MM-DD, YYYY-MM or YYYY")


def _footnotes(row: _Row) -> tuple[int, ...]:
    text = row.get("footnotes")
    items = [item.strip() for item in text.split(";")] if text.strip() else []
    if not all(item.isdigit() for item in items):
        raise row.error("footnotes", f"{text!r} is not a ';'-separated list of footnote numbers")
    return tuple(int(item) for item in items)


def _further(row: _Row, claim: ox.NamedNode) -> list[ox.Triple]:
    """The description the lossless columns carry beyond the plain ones."""
    triples: list[ox.Triple] = []

    def add(predicate: object, value: Term) -> None:
        triples.append(ox.Triple(claim, terms.iri(predicate), value))

    if row.get("passage"):
        add(COI.passage, row.iri("passage"))
    for iri in row.get("according_to").split():
        add(COI.accordingTo, row.iri("according_to", iri))
    for label in filter(None, (item.strip() for item in row.get("tenure").split(";"))):
        add(COI.tenure, _concept(row, "tenure", label, "TenureStatus"))
    for column, predicate, datatype in (
        ("time_expression", COI.timeExpression, "string"),
        ("time_approximate", COI.timeApproximate, "boolean"),
        ("reviewed_by", COI.reviewedBy, "string"),
        ("reviewed_on", COI.reviewedOn, "date"),
    ):
        if row.get(column):
            add(predicate, row.typed(column, row.get(column), XSD + datatype))
    text = row.get("other_triples")
    if text.strip():
        try:
            parsed = list(ox.parse(input=text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))
        except SyntaxError as exc:
            raise row.error("other_triples", f"not N-Triples: {exc}") from exc
        for quad in parsed:
            if quad.subject != claim:
                raise row.error("other_triples", f"a triple about {quad.subject}, not about the claim {claim}")
            triples.append(ox.Triple(quad.subject, quad.predicate, quad.object))
    return triples


def claims_from_rows(
    rows: Iterable[tuple[int, Mapping[str, str]]], path: Path, *, lossless: bool
) -> list[ImportedClaim]:
    """Claims from (line, row) pairs whose keys are the column names; ``path`` names the source in errors."""
    first: dict[str, tuple[_Row, ImportedClaim]] = {}  # the claim's first row, and what it says of the claim
    content: dict[str, set[ox.Triple]] = {}
    for line, values in rows:
        row = _Row(path, line, values)
        for column in _REQUIRED:
            if not row.get(column):
                raise row.error(column, "empty", hint="every row names its claim, document, triple, modality and quote")
        claim = row.get("claim")
        if claim not in first:
            first[claim] = (row, _claim(row, lossless))
            content[claim] = set()
        else:
            before = first[claim][0]
            for column in _CLAIM_COLUMNS + (_CLAIM_EXTRA_COLUMNS if lossless else ()):
                if row.get(column) != before.get(column):
                    raise row.error(
                        column,
                        f"differs from line {before.location.line}, where the claim {claim} first appears",
                        hint="every row of a claim repeats its document, quote, modality, times and evidence",
                    )
        predicate = row.iri("predicate")
        content[claim].add(ox.Triple(row.node("subject"), predicate, _object(row, lossless)))
    return [replace(described, content=frozenset(content[iri])) for iri, (_, described) in first.items()]


def _claim(row: _Row, lossless: bool) -> ImportedClaim:
    """The claim as its (first) row describes it, without content."""
    iri, document = row.iri("claim"), row.iri("document")
    footnotes = _footnotes(row)
    if lossless:
        footnote_iris = tuple(row.iri("footnote_iris", text) for text in row.get("footnote_iris").split())
    else:
        footnote_iris = tuple(ox.NamedNode(f"{document.value}/fn{n}") for n in footnotes)
    times = {column: value for column in _TIME_COLUMNS if (value := _time(row, column)) is not None}
    assert row.location.line is not None
    return ImportedClaim(
        iri=iri,
        document=document,
        quote=row.get("quote"),
        modality=_concept(row, "modality", row.get("modality"), "Modality"),
        footnotes=footnotes,
        footnote_iris=footnote_iris,
        times=times,
        sources=row.get("sources"),
        content=frozenset(),
        further_description=frozenset(_further(row, iri)) if lossless else frozenset(),
        line=row.location.line,
    )


def compare_with_build(imported: ClaimsCsv, store: AnyStore) -> list[str]:
    """How the CSV's claims differ from the build's, both read through the CSV's layout: one line per claim
    that only one of them has or that differs (naming what differs). Empty if they are the same. Blank
    nodes are compared by their labels, as the build's export writes them."""
    columns = LOSSLESS_COLUMNS if imported.lossless else COLUMNS
    text = render(claim_rows(store, lossless=imported.lossless), columns, "csv")
    built = {c.iri: c for c in parse_claims_csv(text, Path("<build>")).claims}
    mine = {c.iri: c for c in imported.claims}
    differences: list[str] = []
    for iri in sorted(set(built) | set(mine), key=lambda n: n.value):
        if iri not in built:
            differences.append(f"{short(iri.value)}: only in {imported.path} (line {mine[iri].line})")
        elif iri not in mine:
            differences.append(f"{short(iri.value)}: only in the build")
        else:
            names = [
                f.name
                for f in fields(ImportedClaim)
                if f.compare and getattr(mine[iri], f.name) != getattr(built[iri], f.name)
            ]
            if names:
                differences.append(f"{short(iri.value)}: {', '.join(names)} differ (line {mine[iri].line})")
    return differences
