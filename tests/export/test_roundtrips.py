"""Lossless round trips: every RDF export read back is the built dataset (or, for Turtle, the graph it
holds), with its claim structure; the claims CSV read back gives the same claims."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from coi_graph.compile.pipeline import BuildResult, build
from coi_graph.errors import CoiGraphError, InputError
from coi_graph.export.claims import COLUMNS, EXTRA_COLUMNS, LOSSLESS_COLUMNS, claim_rows
from coi_graph.export.claims_import import ImportedClaim, parse_claims_csv, read_claims_csv
from coi_graph.export.rdf import LAYERS, graph_iri, to_rdf
from coi_graph.export.tabular import Row, render
from coi_graph.namespaces import Graphs
from coi_graph.store import STORE_DIR
from tests.conftest import run_cli

COI = "https://w3id.org/coi-graph/ontology#"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
CLAIM_CLASS = ox.NamedNode(COI + "Claim")
CLAIMS = ox.NamedNode(str(Graphs.CLAIMS))
DOCUMENTS = ox.NamedNode(str(Graphs.DOCUMENTS))
DERIVED = ox.NamedNode(str(Graphs.DERIVED))
CLAIM_11 = "https://w3id.org/coi-graph/id/claim/euaa-2025-03-syria-country-focus/11"
QTY = "https://w3id.org/coi-graph/id/quantity/us-troops-syria-2024-12"
PARSERS = {"trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS, "jsonld": ox.RdfFormat.JSON_LD}


# --- helpers ----------------------------------------------------------------------------------------


def canonical(quads: list[ox.Quad]) -> list[ox.Quad]:
    """The quads with their blank nodes relabelled by RDFC-1.0: isomorphic datasets give equal sets."""
    dataset = ox.Dataset(quads)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return list(dataset)


def strings(quads: list[ox.Quad]) -> set[str]:
    return {str(q) for q in canonical(quads)}


def in_graph(triples: Iterable[ox.Quad], name: str) -> list[ox.Quad]:
    """A Turtle file's triples (parsed as quads in the default graph) put in the graph ``name``."""
    return [ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(name)) for t in triples]


def store_quads(seed_build: BuildResult) -> list[ox.Quad]:
    """The built dataset as the Oxigraph store holds it: its named graphs (the default graph is a view)."""
    store = ox.Store.read_only(str(seed_build.out_dir / STORE_DIR))
    return [q for q in store if not isinstance(q.graph_name, ox.DefaultGraph)]


@dataclass(frozen=True)
class ClaimView:
    """What a dataset says of one claim: its description, its content, its footnotes' entries and
    citations, and what the derived layer gives it (document, footnote list, sources)."""

    description: frozenset[str]
    content: frozenset[str]
    evidence: frozenset[str]
    derived: frozenset[str]


def claim_structure(quads: list[ox.Quad]) -> dict[str, ClaimView]:
    quads = canonical(quads)
    by_graph: dict[object, list[ox.Quad]] = defaultdict(list)
    for q in quads:
        by_graph[q.graph_name].append(q)

    def about(graph: ox.NamedNode, subjects: set[object]) -> set[str]:
        return {str(ox.Triple(q.subject, q.predicate, q.object)) for q in by_graph[graph] if q.subject in subjects}

    claims = {q.subject for q in by_graph[CLAIMS] if q.predicate == RDF_TYPE and q.object == CLAIM_CLASS}
    views: dict[str, ClaimView] = {}
    for claim in claims:
        assert isinstance(claim, ox.NamedNode)
        footnotes = {q.object for q in by_graph[CLAIMS] if q.subject == claim and q.predicate.value == COI + "footnote"}
        citations = {
            q.object for q in by_graph[DOCUMENTS] if q.subject in footnotes and q.predicate.value == COI + "hasCitation"
        }
        views[claim.value] = ClaimView(
            description=frozenset(about(CLAIMS, {claim})),
            content=frozenset(str(ox.Triple(q.subject, q.predicate, q.object)) for q in by_graph[claim]),
            evidence=frozenset(about(DOCUMENTS, footnotes | citations)),
            derived=frozenset(about(DERIVED, {claim})),
        )
    return views


def _from_rdflib(dataset: rdflib.Dataset) -> list[ox.Quad]:
    def term(node: object) -> ox.NamedNode | ox.BlankNode | ox.Literal:
        if isinstance(node, rdflib.URIRef):
            return ox.NamedNode(str(node))
        if isinstance(node, rdflib.BNode):
            return ox.BlankNode(str(node))
        assert isinstance(node, rdflib.Literal)
        if node.language:
            return ox.Literal(str(node), language=node.language)
        return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype or XSD + "string")))

    quads = []
    for s, p, o, g in dataset.quads():
        graph = g.identifier if isinstance(g, rdflib.Graph) else g
        name = ox.DefaultGraph() if graph == rdflib.graph.DATASET_DEFAULT_GRAPH_ID else term(graph)
        quads.append(ox.Quad(term(s), term(p), term(o), name))  # type: ignore[arg-type]
    return quads


# --- RDF exports: the seed build --------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(seed_build: BuildResult) -> list[ox.Quad]:
    quads = store_quads(seed_build)
    assert any(isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode) for q in quads)
    return quads


@pytest.fixture(scope="module")
def built_claims(built: list[ox.Quad]) -> dict[str, ClaimView]:
    views = claim_structure(built)
    assert len(views) == 71 and all(v.content and v.description for v in views.values())
    eleven = views[CLAIM_11]
    quote = "as of December 2024, there were around 2 000 US troops in the country"
    assert f'<{CLAIM_11}> <{COI}quote> "{quote}"' in eleven.description
    assert f'<{QTY}> <{COI}amount> "2000"^^<{XSD}integer>' in eleven.content
    for link in ("hasCitation", "citedWork", "publisher"):  # fn541 cites two works
        assert sum(f"<{COI}{link}>" in item for item in eleven.evidence) == 2, link
    return views


@pytest.mark.parametrize("fmt", ["trig", "nquads", "jsonld"])
def test_dataset_exports_read_back_as_the_store_with_its_claims(
    seed_build: BuildResult, built: list[ox.Quad], built_claims: dict[str, ClaimView], fmt: str
) -> None:
    """The reference is the Oxigraph store, not the dump the N-Quads export copies."""
    back = list(ox.parse(input=to_rdf(seed_build.out_dir, fmt).encode("utf-8"), format=PARSERS[fmt]))
    assert strings(back) == strings(built)
    assert claim_structure(back) == built_claims


@pytest.mark.parametrize("fmt", ["trig", "jsonld"])
def test_dataset_exports_read_back_with_rdflib_too(seed_build: BuildResult, fmt: str) -> None:
    """A second, independent reader: rdflib reads the export and the dump alike (it normalises lexical
    forms on both sides, so this checks the structure, not the lexical forms)."""
    exported, dump = rdflib.Dataset(), rdflib.Dataset()
    exported.parse(data=to_rdf(seed_build.out_dir, fmt), format="json-ld" if fmt == "jsonld" else fmt)
    dump.parse(source=str(seed_build.out_dir / "graph.nq"), format="nquads")
    assert strings(_from_rdflib(exported)) == strings(_from_rdflib(dump))


def test_turtle_holds_one_graph_and_all_graphs_make_the_dataset(
    seed_build: BuildResult, built: list[ox.Quad], built_claims: dict[str, ClaimView]
) -> None:
    """Turtle has no graphs: each export is one graph, by layer name or claim IRI, read back isomorphic to
    it (the ontology's blank nodes included); together they are the dataset with its claim structure."""
    names = sorted({q.graph_name.value for q in built if isinstance(q.graph_name, ox.NamedNode)})
    by_layer = {graph_iri(layer): layer for layer in LAYERS}
    assert set(by_layer) - set(names) == {str(Graphs.WIKIDATA)}  # the seed has no Wikidata enrichment
    together: list[ox.Quad] = []
    for name in names:
        text = to_rdf(seed_build.out_dir, "turtle", by_layer.get(name, name))
        triples = in_graph(ox.parse(input=text.encode("utf-8"), format=ox.RdfFormat.TURTLE), name)
        assert strings(triples) == strings([q for q in built if q.graph_name == ox.NamedNode(name)]), name
        together += triples
    assert strings(together) == strings(built)
    assert claim_structure(together) == built_claims


def test_turtle_names_every_layer(seed_build: BuildResult) -> None:
    assert graph_iri("wikidata") == str(Graphs.WIKIDATA)
    with pytest.raises(CoiGraphError, match="has no graph"):
        to_rdf(seed_build.out_dir, "turtle", "wikidata")


@pytest.mark.parametrize("fmt", ["turtle", "trig", "nquads", "jsonld"])
def test_export_command_files_read_back(
    seed_build: BuildResult, built: list[ox.Quad], tmp_path: Path, fmt: str
) -> None:
    """What the commands write to files (UTF-8, atomically) reads back: a claim's graph as Turtle."""
    out = tmp_path / f"out.{fmt}"
    graph = ["--graph", CLAIM_11] if fmt == "turtle" else []
    result = run_cli("export", fmt, "--build", str(seed_build.out_dir), *graph, "-o", str(out))
    assert result.exit_code == 0, result.output
    if fmt == "turtle":
        back = in_graph(ox.parse(path=str(out), format=ox.RdfFormat.TURTLE), CLAIM_11)
        expected = [q for q in built if q.graph_name == ox.NamedNode(CLAIM_11)]
        assert len(expected) >= 5 and strings(back) == strings(expected)
    else:
        assert strings(list(ox.parse(path=str(out), format=PARSERS[fmt]))) == strings(built)


# --- RDF exports: quads that the seed does not have -------------------------------------------------

E = "https://w3id.org/coi-graph/id/entity/"
C = "https://w3id.org/coi-graph/id/claim/x/"
# Literals a build can hold (Oxigraph keeps "0", "", doubles and time zones as written) and a few it
# normalises or refuses (non-canonical and ill-typed forms): an export must keep them all as they are.
# rdflib's JSON-LD writer, used before, lost "0" and "" beside another value, made the double an
# xsd:integer, rewrote "Z" as "+00:00", "007" as "7", and dropped the type of the ill-typed value.
HARD_QUADS = f"""
<{E}a> <{COI}amount> "0"^^<{XSD}integer> <{C}1> .
<{E}a> <{COI}amount> "12"^^<{XSD}integer> <{C}1> .
<{E}a> <{COI}amount> "007"^^<{XSD}integer> <{C}1> .
<{E}a> <{COI}amount> "1000"^^<{XSD}double> <{C}1> .
<{E}a> <{COI}amount> "1.50"^^<{XSD}decimal> <{C}1> .
<{E}a> <{COI}approximate> "false"^^<{XSD}boolean> <{C}1> .
<{E}a> <{COI}approximate> "1"^^<{XSD}boolean> <{C}1> .
<{E}a> <{COI}amount> "abc"^^<{XSD}integer> <{C}1> .
<{E}a> <{COI}pointInTime> "2024-12-08T10:00:00Z"^^<{XSD}dateTime> <{C}1> .
<{E}a> <{COI}pointInTime> "2024-12"^^<{XSD}gYearMonth> <{C}1> .
<{E}a> <http://www.w3.org/2000/01/rdf-schema#comment> "" <{C}1> .
<{E}a> <http://www.w3.org/2000/01/rdf-schema#comment> "plain" <{C}1> .
<{E}a> <http://www.w3.org/2000/01/rdf-schema#label> "two\\nlines \\"quoted\\" \\\\ tab\\t"@en <{C}1> .
<{E}a> <http://www.w3.org/2000/01/rdf-schema#label> "\\u0633\\u0648\\u0631\\u064A\\u0627"@ar-latn <{C}1> .
<{E}a> <http://example.org/p> "x"^^<http://example.org/custom> <{C}1> .
<{E}a> <http://example.org/p> _:shared <{C}1> .
_:shared <http://example.org/q> "in claim 1" <{C}1> .
_:shared <http://example.org/q> "the same node in claim 2" <{C}2> .
_:c1 <http://example.org/next> _:c2 <{C}2> .
_:c2 <http://example.org/next> _:c1 <{C}2> .
<{E}a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "a literal type" <{C}2> .
<{E}a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> _:c1 <{C}2> .
<{E}a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{COI}Thing> <{C}2> .
<{E}caf\\u00E9> <http://example.org/p> <{E}b%C3%A9///x> <{C}2> .
<{COI}> <{COI}> <urn:uuid:1234> <{C}2> .
<{C}2> <http://example.org/p> "0.0"^^<{XSD}decimal> .
<{C}2> <http://example.org/p> _:shared .
_:shared <http://example.org/p> <{C}2> _:graph .
"""


@pytest.fixture
def hard_build(tmp_path: Path) -> Path:
    (tmp_path / "graph.nq").write_text(HARD_QUADS.lstrip(), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("fmt", ["trig", "nquads", "jsonld"])
def test_dataset_exports_keep_hard_literals_and_blank_nodes(hard_build: Path, fmt: str) -> None:
    expected = list(ox.parse(path=str(hard_build / "graph.nq"), format=ox.RdfFormat.N_QUADS))
    assert len(expected) == len(HARD_QUADS.strip().splitlines())
    back = list(ox.parse(input=to_rdf(hard_build, fmt).encode("utf-8"), format=PARSERS[fmt]))
    assert strings(back) == strings(expected)


def test_turtle_keeps_hard_literals(hard_build: Path) -> None:
    quads = ox.parse(path=str(hard_build / "graph.nq"), format=ox.RdfFormat.N_QUADS)
    expected = [q for q in quads if q.graph_name == ox.NamedNode(C + "1")]
    text = to_rdf(hard_build, "turtle", C + "1")
    back = in_graph(ox.parse(input=text.encode("utf-8"), format=ox.RdfFormat.TURTLE), C + "1")
    assert strings(back) == strings(expected)


def test_jsonld_refuses_an_iri_the_context_would_change(tmp_path: Path) -> None:
    """geo:35,38 is a geo URI, but under the published context a reader expands it with the prefix geo:."""
    (tmp_path / "graph.nq").write_text(f"<{E}a> <http://example.org/p> <geo:35,38> <{C}1> .\n", encoding="utf-8")
    with pytest.raises(CoiGraphError, match="geo:35,38"):
        to_rdf(tmp_path, "jsonld")
    assert "<geo:35,38>" in to_rdf(tmp_path, "trig")


# --- the claims CSV -----------------------------------------------------------------------------------


def _export_claims(seed_build: BuildResult, tmp_path: Path, *extra: str) -> Path:
    out = tmp_path / "claims.csv"
    result = run_cli("export", "claims", "--build", str(seed_build.out_dir), *extra, "-o", str(out))
    assert result.exit_code == 0, result.output
    return out


def _claims_part(quads: list[ox.Quad]) -> list[ox.Quad]:
    """graph:claims and every claim's graph."""
    claims = {q.subject for q in quads if q.graph_name == CLAIMS and q.predicate == RDF_TYPE}
    return [q for q in quads if q.graph_name == CLAIMS or q.graph_name in claims]


def _values(quads: list[ox.Quad], predicate: str) -> dict[str, set[ox.NamedNode | ox.BlankNode | ox.Literal]]:
    found: dict[str, set[ox.NamedNode | ox.BlankNode | ox.Literal]] = defaultdict(set)
    for q in quads:
        if q.graph_name in (CLAIMS, DERIVED) and q.predicate.value == predicate:
            assert isinstance(q.subject, ox.NamedNode) and not isinstance(q.object, ox.Triple)
            found[q.subject.value].add(q.object)
    return found


TIMES = {"start": "startTime", "end": "endTime", "point_in_time": "pointInTime", "as_of": "asOf"}


def _check_what_both_layouts_carry(claims: tuple[ImportedClaim, ...], built: list[ox.Quad]) -> None:
    by_iri = {c.iri.value: c for c in claims}
    claim_iris = {q.subject for q in built if q.graph_name == CLAIMS and q.object == CLAIM_CLASS}
    assert set(by_iri) == {iri.value for iri in claim_iris if isinstance(iri, ox.NamedNode)}
    documents, quotes = _values(built, COI + "inDocument"), _values(built, COI + "quote")
    modalities, footnotes = _values(built, COI + "modality"), _values(built, COI + "footnote")
    for iri, claim in by_iri.items():
        assert {claim.document} == documents[iri]
        assert {ox.Literal(claim.quote)} == quotes[iri]
        assert {claim.modality} == modalities[iri]
        assert set(claim.footnote_iris) == footnotes.get(iri, set())
        assert [f"{claim.document.value}/fn{n}" for n in claim.footnotes] == [f.value for f in claim.footnote_iris]
        for column, prop in TIMES.items():
            assert set(filter(None, [claim.times.get(column)])) == _values(built, COI + prop).get(iri, set())
    eleven = by_iri[CLAIM_11]
    assert eleven.footnotes == (541,) and eleven.modality.value == COI + "Reported"
    assert eleven.times == {"as_of": ox.Literal("2024-12", datatype=ox.NamedNode(XSD + "gYearMonth"))}
    assert eleven.sources == "USDOD, 2024-12-19; Al Jazeera, 2024-12-19"


def test_lossless_claims_csv_gives_back_every_claim_exactly(
    seed_build: BuildResult, built: list[ox.Quad], tmp_path: Path
) -> None:
    imported = read_claims_csv(_export_claims(seed_build, tmp_path, "--lossless"))
    assert imported.lossless and len(imported.claims) == 71
    _check_what_both_layouts_carry(imported.claims, built)
    assert strings(imported.quads()) == strings(_claims_part(built))  # graph:claims and the claims' graphs
    eleven = next(c for c in imported.claims if c.iri.value == CLAIM_11)
    q, integer, boolean = ox.NamedNode(QTY), ox.NamedNode(XSD + "integer"), ox.NamedNode(XSD + "boolean")
    assert ox.Triple(q, ox.NamedNode(COI + "amount"), ox.Literal("2000", datatype=integer)) in eleven.content
    assert ox.Triple(q, ox.NamedNode(COI + "approximate"), ox.Literal("true", datatype=boolean)) in eleven.content
    label = ox.Literal("US troops in Syria, December 2024", language="en")
    assert ox.Triple(q, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), label) in eleven.content


def test_plain_claims_csv_gives_back_what_it_carries(
    seed_build: BuildResult, built: list[ox.Quad], tmp_path: Path
) -> None:
    """The plain layout has no datatypes, languages, passage or further description: its literals come
    back as strings, and its descriptions lack exactly the properties the --lossless columns carry."""
    imported = read_claims_csv(_export_claims(seed_build, tmp_path))
    assert not imported.lossless and len(imported.claims) == 71
    _check_what_both_layouts_carry(imported.claims, built)

    def untyped(quad: ox.Quad) -> str:
        o = quad.object
        value = f'"{o.value}"' if isinstance(o, ox.Literal) else str(o)
        return f"{quad.subject} {quad.predicate} {value} {quad.graph_name}"

    contents = [q for q in _claims_part(built) if q.graph_name != CLAIMS]
    back = [q for q in imported.quads() if q.graph_name != CLAIMS]
    assert {untyped(q) for q in back} == {untyped(q) for q in contents}
    assert all(q.object.datatype.value == XSD + "string" for q in back if isinstance(q.object, ox.Literal))
    lost = set(strings(_claims_part(built))) - strings(imported.quads())
    descriptions = {q for q in _claims_part(built) if q.graph_name == CLAIMS}
    assert {str(q) for q in descriptions} - lost == {str(q) for q in imported.quads() if q.graph_name == CLAIMS}
    lacking = {q.predicate.value.removeprefix(COI) for q in descriptions if str(q) in lost}
    assert lacking == {"passage", "timeExpression", "timeApproximate", "accordingTo", "tenure"}


def test_imported_claims_rebuild_the_same_graph(seed_build: BuildResult, data_copy: Path, tmp_path: Path) -> None:
    """The TriG of a lossless CSV, as the only claims file, builds the very graph the CSV came from."""
    trig = run_cli("import", "claims", str(_export_claims(seed_build, tmp_path, "--lossless")))
    assert trig.exit_code == 0, trig.stderr
    for path in (data_copy / "claims").glob("*.trig"):
        path.unlink()
    (data_copy / "claims" / "from-csv.trig").write_text(trig.stdout, encoding="utf-8")
    rebuilt = build(data_copy, tmp_path / "rebuilt")
    assert (rebuilt.out_dir / "graph.nq").read_bytes() == (seed_build.out_dir / "graph.nq").read_bytes()


def test_import_claims_command(seed_build: BuildResult, tmp_path: Path) -> None:
    for command in (("import", "claims"), ("export", "claims")):
        assert "Examples:" in run_cli(*command, "--help").stdout
    lossless = _export_claims(seed_build, tmp_path, "--lossless")
    out = tmp_path / "claims.trig"
    result = run_cli("import", "claims", str(lossless), "-o", str(out))
    assert result.exit_code == 0 and "71 claim(s) read" in result.stderr and "warning" not in result.stderr
    trig = list(ox.parse(path=str(out), format=ox.RdfFormat.TRIG))
    descriptions_in_claims = [
        ox.Quad(q.subject, q.predicate, q.object, CLAIMS if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name)
        for q in trig
    ]
    assert strings(descriptions_in_claims) == strings(read_claims_csv(lossless).quads())

    check = run_cli("import", "claims", str(lossless), "--check", "--build", str(seed_build.out_dir))
    assert check.exit_code == 0 and check.stdout == "", check.stdout

    rows = list(csv.DictReader(io.StringIO(lossless.read_text(encoding="utf-8"))))
    for row in rows:  # a reviewer corrects claim 11's quote, in every row of it, and drops claim 10
        if row["claim"] == CLAIM_11:
            row["quote"] = "as of December 2024, there were around 2 000 US troops"
    rows = [r for r in rows if not r["claim"].endswith("focus/10")]
    reviewed = tmp_path / "reviewed.csv"
    reviewed.write_text(render(rows, LOSSLESS_COLUMNS, "csv"), encoding="utf-8")
    check = run_cli("import", "claims", str(reviewed), "--check", "--build", str(seed_build.out_dir))
    assert check.exit_code == 1
    assert check.stdout.splitlines() == [
        "claim:euaa-2025-03-syria-country-focus/10: only in the build",
        f"claim:euaa-2025-03-syria-country-focus/11: quote differ (line {_first_line(rows, CLAIM_11)})",
    ]

    plain = run_cli("import", "claims", str(_export_claims(seed_build, tmp_path)))
    assert plain.exit_code == 0 and "warning: a plain claims CSV has no passages" in plain.stderr


def _first_line(rows: list[dict[str, str]], claim: str) -> int:
    return 2 + next(i for i, r in enumerate(rows) if r["claim"] == claim)  # no cell in the seed spans lines


# --- the claims CSV: bad input ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample_rows(seed_build: BuildResult) -> list[Row]:
    """Claim 11's rows and the next claim's, lossless; in the CSV they stand on lines 2, 3, …"""
    from coi_graph.store import open_store

    rows = claim_rows(open_store(seed_build.out_dir), lossless=True)
    eleven = [r for r in rows if r["claim"] == CLAIM_11]
    after = [r for r in rows if str(r["claim"]).endswith("focus/12")]
    assert len(eleven) >= 5 and after
    return eleven + after


def _csv(rows: list[Row], columns: tuple[str, ...] = LOSSLESS_COLUMNS) -> str:
    return render(rows, columns, "csv")


def _changed(rows: list[Row], index: int, **values: str) -> list[Row]:
    return [dict(r, **values) if i == index else dict(r) for i, r in enumerate(rows)]


BAD_CSVS: dict[str, tuple[Callable[[list[Row]], str], int | None, str]] = {
    "not a claims csv": (lambda rows: "name,value\na,1\n", 1, "not a claims CSV: the header lacks the column(s) claim"),
    "some lossless columns": (
        lambda rows: _csv(rows, COLUMNS + EXTRA_COLUMNS[:3]),
        1,
        "but not footnote_iris, time_expression",
    ),
    "short row": (lambda rows: _csv(rows) + "a,b,c\n", None, "the row has 3 field(s), the header 30"),
    "unclosed quote": (lambda rows: _csv(rows) + '"' + CLAIM_11 + ",x\n", None, "not a valid CSV file"),
    "unknown modality": (lambda rows: _csv(_changed(rows, 0, modality="rumoured")), 2, "modality: unknown modality"),
    "bad subject": (lambda rows: _csv(_changed(rows, 1, subject="not an iri")), 3, "subject: 'not an iri' is not an"),
    "bad blank node": (lambda rows: _csv(_changed(rows, 1, subject="_:a b")), 3, "is not a blank node label"),
    "bad date": (lambda rows: _csv(_changed(rows, 0, as_of="2024-13")), 2, "as_of: '2024-13' is not a valid"),
    "not a date": (lambda rows: _csv(_changed(rows, 0, as_of="December")), 2, "as_of: 'December' is not a date"),
    "quote differs": (lambda rows: _csv(_changed(rows, 3, quote="other")), 5, "quote: differs from line 2, where"),
    "ill-typed": (
        lambda rows: _csv(_changed(rows, 0, object="", value="many", value_datatype=XSD + "integer")),
        2,
        "value: 'many' is not a valid xsd:integer",
    ),
    "object and value": (lambda rows: _csv(_changed(rows, 0, value="x")), 2, "an object or a value, not both"),
    "bad language": (
        lambda rows: _csv(_changed(rows, 0, object="", value="x", value_language="en us")),
        2,
        "value_language: 'en us' is not a language tag",
    ),
    "bad footnotes": (lambda rows: _csv([dict(r, footnotes="541, 542") for r in rows[:2]]), 2, "footnotes: '541, 54"),
    "empty claim": (lambda rows: _csv(_changed(rows, 1, claim="")), 3, "column claim: empty"),
    "foreign triple": (
        lambda rows: _csv([dict(r, other_triples=f"<{E}a> <{COI}x> <{E}b> .") for r in rows[:1]]),
        2,
        "other_triples: a triple about",
    ),
    "bad n-triples": (
        lambda rows: _csv([dict(r, other_triples="not rdf") for r in rows[:1]]),
        2,
        "other_triples: not N-Triples",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_CSVS))
def test_bad_claims_csv_is_an_error_with_file_and_line(sample_rows: list[Row], tmp_path: Path, case: str) -> None:
    make, line, message = BAD_CSVS[case]
    text = make(sample_rows)
    path = tmp_path / "claims.csv"
    path.write_text(text, encoding="utf-8")
    expected = line if line is not None else len(text.splitlines())  # the last line
    with pytest.raises(InputError) as caught:
        read_claims_csv(path)
    assert caught.value.location.path == path and caught.value.location.line == expected, caught.value.message
    assert message in caught.value.problem


def test_bad_claims_csv_lines_count_cells_that_span_lines(sample_rows: list[Row], tmp_path: Path) -> None:
    """A quoted value with line breaks makes its row several lines long: the next row starts below them."""
    rows = [
        dict(r, quote=str(r["quote"]) + "\n(continued)") if r["claim"] == CLAIM_11 else dict(r) for r in sample_rows
    ]
    bad = len(rows) - 1
    rows[bad]["modality"] = "rumoured"
    text = _csv(rows)
    with pytest.raises(InputError) as caught:
        parse_claims_csv(text, tmp_path / "x.csv")
    assert (
        caught.value.location.line == len(text.splitlines()) == bad + 2 + sum(1 for r in rows if r["claim"] == CLAIM_11)
    )


def test_bad_claims_csv_on_the_command_line(tmp_path: Path) -> None:
    path = tmp_path / "claims.csv"
    for content, message in ((b"", "the file is empty"), (b"claim\n\xff\n", "not valid UTF-8")):
        path.write_bytes(content)
        result = run_cli("import", "claims", str(path))
        assert result.exit_code == 2 and result.stdout == ""
        assert result.stderr.startswith(f"error: {path}") and message in result.stderr


def test_a_spreadsheet_byte_order_mark_and_crlf_are_read(sample_rows: list[Row], tmp_path: Path) -> None:
    path = tmp_path / "claims.csv"
    path.write_bytes(("\ufeff" + _csv(sample_rows).replace("\n", "\r\n")).encode("utf-8"))
    assert read_claims_csv(path).claims[0].iri.value == CLAIM_11


SYNTHETIC = f"""
@prefix coi: <{COI}> . @prefix xsd: <{XSD}> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix c: <https://w3id.org/coi-graph/id/claim/t/> . @prefix d: <https://w3id.org/coi-graph/id/doc/t/> .
@prefix ev: <https://w3id.org/coi-graph/id/event/> . @prefix ent: <{E}> .
<{Graphs.CLAIMS}> {{
  c:1 a coi:Claim, prov:Entity ; coi:quote "He said, \\"yes\\",\\nthen left" ; coi:modality coi:Reported ;
      coi:passage d:p1 ; coi:footnote d:fn3, d:fn4 ; coi:pointInTime "2024-12-08"^^xsd:date ;
      coi:startTime "2024"^^xsd:gYear ; coi:timeApproximate false ; coi:accordingTo ev:s1, ev:s2 ;
      coi:tenure coi:Current, coi:NewlyAppointed ; coi:reviewedBy "A. Reviewer" ; coi:reviewedOn "2025-01-02"^^xsd:date ;
      rdfs:comment "a note"@en ; coi:timeExpression "in 2024"@en .
  c:2 a coi:Claim ; coi:quote "q2" ; coi:modality coi:Negated ; coi:passage d:p1 ; coi:asOf "2024-12"^^xsd:gYearMonth .
}}
<{Graphs.DERIVED}> {{
  c:1 coi:inDocument <https://w3id.org/coi-graph/id/doc/t> ; coi:footnoteList "3;4" ; coi:sourceList "X, 2024" .
  c:2 coi:inDocument <https://w3id.org/coi-graph/id/doc/t> .
}}
c:1 {{ ent:a coi:supports _:b ; rdfs:label "a, \\"b\\""@en-gb . _:b rdfs:label "" ; coi:amount "1.0E3"^^xsd:double . }}
c:2 {{ _:b coi:presentAt ent:c . ent:c coi:amount 0 . }}
"""


def test_lossless_claims_csv_round_trips_what_the_seed_lacks(tmp_path: Path) -> None:
    """Blank nodes (shared by two claims), literals of other types, commas, quotes and line breaks, and a
    description with accordingTo, tenure, review and triples no column names (other_triples)."""
    from coi_graph.resources import ontology_path

    store = ox.Store()
    store.load(input=SYNTHETIC.encode("utf-8"), format=ox.RdfFormat.TRIG)
    store.load(path=str(ontology_path()), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(str(Graphs.ONTOLOGY)))
    quads = [q for q in store if not isinstance(q.graph_name, ox.DefaultGraph)]
    rows = claim_rows(store, lossless=True)
    imported = parse_claims_csv(render(rows, LOSSLESS_COLUMNS, "csv"), tmp_path / "x.csv")
    assert strings(imported.quads()) == strings(_claims_part(quads))
    one = next(r for r in rows if r["claim"] == "https://w3id.org/coi-graph/id/claim/t/1")
    assert (one["according_to"], one["tenure"]) == (
        "https://w3id.org/coi-graph/id/event/s1 https://w3id.org/coi-graph/id/event/s2",
        "current;newly appointed",
    )
    assert str(one["other_triples"]).count("\n") == 2  # the comment, prov:Entity and the tagged time expression
    supports = next(r for r in claim_rows(store) if r["predicate"] == f"{COI}supports")
    assert str(supports["object"]).startswith("_:") and supports["value"] is None  # a blank node is an object
