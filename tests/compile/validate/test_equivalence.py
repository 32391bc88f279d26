"""The fast validator (shapes compiled to SPARQL on a pyoxigraph store) gives exactly pySHACL's results.

Both validators see the same RDF terms: the data is loaded into the store, and pySHACL validates
the graph read back from it. (Oxigraph keeps some literals in canonical form, "1.0"^^xsd:decimal
as "1"; that is a property of the store, not of the validator, and is checked apart.)
Results are compared as rendered by validate.py (severity, message, focus, path, value, shape,
constraint, file, line), as multisets, and in the order validate_graph sorts them.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import astuple
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS, XSD

from coi_graph.compile.reference.derive import derived_layer
from coi_graph.compile.reference.load import Loaded, load
from coi_graph.compile.reference.oracle import validation_graph
from coi_graph.compile.reference.validate import validate_graph
from coi_graph.compile.sources import SourceMap
from coi_graph.compile.terms import to_quads as graph_quads
from coi_graph.compile.terms import to_rdflib
from coi_graph.compile.validate.compiler import compile_shapes
from coi_graph.compile.validate.model import CompiledShapes, FastShaclError, UnsupportedShape
from coi_graph.compile.validate.report import Result, to_report
from coi_graph.compile.validate.run import validate_store
from coi_graph.compile.validate.shapes import load_shapes
from coi_graph.resources import ontology_path
from tests.shape_harness import BASE, FIXTURES, read_fixture

DATA = Path(__file__).resolve().parents[3] / "data"
CLAIMS_FILE = Path("claims") / "euaa-2025-03-syria-country-focus-s3.4.trig"
PARTS = [ox.NamedNode("urn:test:part-1"), ox.NamedNode("urn:test:part-2")]
ELSEWHERE = ox.NamedNode("urn:test:not-validated")
COI = "https://w3id.org/coi-graph/ontology#"


# ------------------------------------------------------------------------------------------
# helpers
# ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes()


@pytest.fixture(scope="module")
def compiled(shapes: Graph) -> CompiledShapes:
    return compile_shapes(shapes)


def _store(graph: Graph, spread: bool) -> tuple[ox.Store, list[ox.NamedNode] | None]:
    """The graph in a store: in the default graph, or spread over two named graphs with some triples
    in both (the union is validated; counts must not see a triple twice) and decoys in a third."""
    store = ox.Store()
    if not spread:
        store.extend(graph_quads(graph))
        return store, None
    for i, quad in enumerate(graph_quads(graph)):
        for part in PARTS if i % 3 == 0 else [PARTS[i % 2]]:
            store.add(ox.Quad(quad.subject, quad.predicate, quad.object, part))
    decoy = URIRef("urn:test:decoy")
    for triple in [(decoy, RDF.type, URIRef(COI + "Claim")), (decoy, URIRef(COI + "quote"), Literal(1))]:
        store.extend(graph_quads(Graph().add(triple), ELSEWHERE))
    return store, PARTS


def _read_back(store: ox.Store, graphs: list[ox.NamedNode] | None) -> Graph:
    """The validated data as rdflib sees it after the store (the terms both validators see)."""
    graph = Graph()
    names: list[ox.NamedNode | ox.DefaultGraph] = list(graphs) if graphs else [ox.DefaultGraph()]
    for name in names:
        for quad in store.quads_for_pattern(None, None, None, name):
            graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
    return graph


def _sort_key(r: Result) -> tuple[object, ...]:
    return (r.severity != "Violation", r.file or "~", r.line or 0, r.focus, r.message)


def _assert_same(
    graph: Graph, shapes: Graph, compiled: CompiledShapes, sources: SourceMap | None = None, spread: bool = False
) -> list[Result]:
    store, graphs = _store(graph, spread)
    expected = validate_graph(_read_back(store, graphs), sources, shapes).results
    actual = to_report(validate_store(store, compiled, graphs), sources, shapes).results
    missing = Counter(map(astuple, expected)) - Counter(map(astuple, actual))
    extra = Counter(map(astuple, actual)) - Counter(map(astuple, expected))
    assert not missing and not extra, f"pySHACL only: {sorted(missing)}\nfast only: {sorted(extra)}"
    assert [_sort_key(r) for r in actual] == [_sort_key(r) for r in expected]
    return actual


def _fixture_graph(*paths: Path) -> Graph:
    """What tests/shape_harness.validate_files validates (pipeline.validate_layers), as a graph."""
    asserted, contents = read_fixture(*paths)
    ontology = Graph().parse(ontology_path(), format="turtle")
    loaded = Loaded(ontology=ontology, registry=asserted, documents=Graph(), claims=asserted, contents=contents)
    return validation_graph(loaded, derived_layer(asserted, asserted, asserted, contents))


def _seed_graph(data_dir: Path) -> tuple[Graph, SourceMap]:
    loaded = load(data_dir)
    derived = derived_layer(loaded.registry, loaded.documents, loaded.claims, loaded.contents)
    return validation_graph(loaded, derived), loaded.sources


# ------------------------------------------------------------------------------------------
# 1. every shape fixture
# ------------------------------------------------------------------------------------------

FIXTURE_FILES = sorted(FIXTURES.glob("*/*.trig"))


@pytest.mark.parametrize("fixture", FIXTURE_FILES, ids=lambda p: f"{p.parent.name}-{p.stem}")
def test_shape_fixtures_give_pyshacls_results(fixture: Path, shapes: Graph, compiled: CompiledShapes) -> None:
    results = _assert_same(_fixture_graph(BASE, fixture), shapes, compiled, spread=fixture.stem == "bad")
    if fixture.stem == "bad":
        assert any(r.shape == f"coish:{fixture.parent.name}" for r in results)


def test_every_fixture_directory_is_covered() -> None:
    assert len(FIXTURE_FILES) >= 50


# ------------------------------------------------------------------------------------------
# 2. the seed data, and a broken seed
# ------------------------------------------------------------------------------------------


def test_seed_data_gives_pyshacls_results(shapes: Graph, compiled: CompiledShapes) -> None:
    graph, sources = _seed_graph(DATA)
    assert _assert_same(graph, shapes, compiled, sources) == []


def _break(data_dir: Path) -> None:
    """The edits of test_validate.py, and more that trip sh:sparql, sh:class, sh:datatype, sh:in,
    sh:or, sh:node, sh:maxCount and sh:maxInclusive."""

    def edit(relative: Path | str, old: str, new: str) -> None:
        path = data_dir / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, (relative, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    edit(CLAIMS_FILE, 'coi:quote "former President Joe Biden"', 'coi:quote "President Joseph Biden"')
    edit(CLAIMS_FILE, "ent:joe-biden coi:leads", "ent:joe-bidn coi:leads")
    # c:22 starts after it ends, and has two end times
    edit(
        CLAIMS_FILE,
        'coi:startTime "2024-12"^^xsd:gYearMonth ;',
        'coi:startTime "2024-12"^^xsd:gYearMonth ;\n    coi:endTime "2024-11"^^xsd:gYearMonth ;',
    )
    # c:02: a review day without reviewer (sh:sparql and the shape's message), a passage as a
    # footnote (sh:class), two modalities (sh:maxCount)
    edit(
        CLAIMS_FILE,
        "c:02 a coi:Claim ;\n",
        'c:02 a coi:Claim ;\n    coi:reviewedOn "2025-03-01"^^xsd:date ;\n    coi:footnote d:s3.4-p2 ;\n'
        "    coi:modality coi:Reported ;\n",
    )
    # c:03: a tenure that is not one (sh:in), a string for a boolean (sh:datatype), a future date
    edit(
        CLAIMS_FILE,
        "    coi:tenure coi:Former .",
        '    coi:tenure coi:Stated ;\n    coi:timeApproximate "yes" ;\n    coi:pointInTime "2026"^^xsd:gYear .',
    )
    # a date that is not typed (sh:node with sh:or), a number as a label (sh:or), a latitude of 136
    edit(
        "documents/newsaz-2025-10-20-iraq-us-advisers.ttl",
        'coi:sourceFormat "news" ;',
        'coi:sourceFormat "news" ;\n    coi:published "October 2025" ;',
    )
    edit("entities/actors.ttl", 'skos:prefLabel "Biden administration"@en ;', "skos:prefLabel 42 ;")
    edit("entities/places.ttl", "coi:latitude 36.0 ;", "coi:latitude 136.0 ;")


def test_broken_seed_gives_pyshacls_results(data_copy: Path, shapes: Graph, compiled: CompiledShapes) -> None:
    _break(data_copy)
    graph, sources = _seed_graph(data_copy)
    results = _assert_same(graph, shapes, compiled, sources, spread=True)
    constraints = {r.constraint for r in results}
    for component in ("SPARQL", "Class", "Datatype", "In", "Or", "Node", "MaxCount", "MaxInclusive"):
        assert f"sh:{component}ConstraintComponent" in constraints
    # a SPARQL result of a shape with its own sh:message shows the constraint's message
    review = [r for r in results if r.shape == "coish:ClaimRecordShape"]
    assert [r.message for r in review] == [
        "The claim gives a review day (2025-03-01) but no reviewer: add coi:reviewedBy with the analyst's name."
    ]
    assert all(r.file and r.line for r in results)


def test_the_store_keeps_decimals_in_canonical_form(data_copy: Path, shapes: Graph, compiled: CompiledShapes) -> None:
    """On the graph as parsed (not read back from the store) the results differ only where a decimal's
    lexical form does: "136.0" in the data is "136" in the store."""
    _break(data_copy)
    graph, sources = _seed_graph(data_copy)
    store, _ = _store(graph, spread=False)
    plain = validate_graph(graph, sources, shapes).results
    fast = to_report(validate_store(store, compiled), sources, shapes).results

    def numeric(r: Result) -> tuple[object, ...]:
        try:
            value: object = Decimal(r.value) if r.value is not None else None
        except ArithmeticError:
            value = r.value
        return (*astuple(r)[:4], value, *astuple(r)[5:])

    assert Counter(map(numeric, plain)) == Counter(map(numeric, fast))
    assert {r.value for r in plain} - {r.value for r in fast} == {"136.0"}


# ------------------------------------------------------------------------------------------
# 3. random mutations of the seed
# ------------------------------------------------------------------------------------------

POOL: list[Literal | URIRef | BNode] = [
    Literal("text"),
    Literal("text", lang="en"),
    Literal(""),
    Literal(42),
    Literal(-1),
    Literal(0),
    Literal("0.5", datatype=XSD.decimal),
    Literal("1.0", datatype=XSD.decimal),
    Literal("2.5E1", datatype=XSD.double),
    Literal("2024-12-08", datatype=XSD.date),
    Literal("2026-01-01", datatype=XSD.date),
    Literal("2024-12", datatype=XSD.gYearMonth),
    Literal("2031", datatype=XSD.gYear),
    Literal("March 2025", datatype=XSD.gYear),
    Literal("abc", datatype=XSD.integer),
    Literal("true", datatype=XSD.boolean),
    Literal("Q0858"),
    Literal("Q858"),
    Literal("f" * 64),
    URIRef("http://www.wikidata.org/entity/Q1"),
    URIRef("https://w3id.org/coi-graph/id/entity/nowhere"),
    BNode("mutation"),
]


def _mutate(graph: Graph, rng: random.Random) -> Graph:
    """A copy of ``graph`` with a few random deletions, changed objects, extra values, changed types
    and moved predicates, mostly in the instance data (sometimes in the ontology)."""
    mutated = Graph()
    mutated += graph
    triples = sorted(graph, key=lambda t: tuple(map(str, t)))
    instance = [t for t in triples if not str(t[0]).startswith(COI) and not isinstance(t[0], BNode)]
    nodes = sorted({t[0] for t in instance}, key=str)
    predicates = sorted({t[1] for t in instance}, key=str)
    classes = sorted({o for _, _, o in graph.triples((None, RDF.type, None)) if str(o).startswith(COI)}, key=str)
    for _ in range(rng.randint(1, 6)):
        s, p, o = rng.choice(triples if rng.random() < 0.1 else instance)
        operation = rng.choice(["delete", "object", "add", "type", "move"])
        if operation == "type":
            s = rng.choice(nodes)
            mutated.remove((s, RDF.type, None))
            mutated.add((s, RDF.type, rng.choice(classes)))
            continue
        if operation in ("delete", "object", "move"):
            mutated.remove((s, p, o))
        if operation in ("object", "add"):
            o = rng.choice(POOL) if rng.random() < 0.6 else rng.choice(nodes)
        if operation == "move":
            p = rng.choice(predicates)
        if operation != "delete":
            mutated.add((s, p, o))
    return mutated


def test_random_mutations_give_pyshacls_results(shapes: Graph, compiled: CompiledShapes) -> None:
    graph, _ = _seed_graph(DATA)
    rng = random.Random(20260325)
    checked = violations = 0
    for i in range(30):
        mutated = _mutate(graph, rng)
        try:
            results = _assert_same(mutated, shapes, compiled, spread=i % 2 == 1)
        except (FastShaclError, AssertionError):
            raise
        except Exception as exc:  # pragma: no cover - pySHACL failed: the fast validator must fail too
            store, graphs = _store(mutated, spread=False)
            with pytest.raises(FastShaclError):
                validate_store(store, compiled, graphs)
            print(f"mutation {i}: both fail ({exc})")
            continue
        checked += 1
        violations += len(results)
    assert checked >= 25 and violations >= 30


# ------------------------------------------------------------------------------------------
# 4. features the project's shapes do not use (yet), on small shapes
# ------------------------------------------------------------------------------------------

PREFIXES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix ex: <http://example.org/> .
"""

FEATURE_SHAPES = (
    PREFIXES
    + r"""
ex: a owl:Ontology ; sh:declare [ sh:prefix "ex" ; sh:namespace "http://example.org/"^^xsd:anyURI ] .

ex:Thing a rdfs:Class, sh:NodeShape ;                      # an implicit class target
    sh:property [ sh:path ex:code ; sh:pattern "^ab+c$" ; sh:flags "i" ; sh:minLength 3 ;
                  sh:message "code" ] ,
                [ sh:path ( ex:part ex:code ) ; sh:minCount 2 ; sh:message "two part codes" ] ,
                [ sh:path [ sh:inversePath ex:part ] ; sh:maxCount 1 ; sh:nodeKind sh:IRI ;
                  sh:severity sh:Warning ; sh:message "one whole" ] ,
                [ sh:path ex:size ; sh:minExclusive 0 ; sh:maxInclusive 10.5 ; sh:lessThan ex:limit ;
                  sh:lessThanOrEquals ex:cap ; sh:severity sh:Info ; sh:message "size" ] ,
                [ sh:path ex:label ; sh:minExclusive "b" ; sh:in ( "a" "c" "d"@en 3 ex:x ) ; sh:message "label" ] ,
                [ sh:path ex:tag ; sh:hasValue ex:required ; sh:maxCount 2 ; sh:message "tags" ] ,
                [ sh:path ex:part ; sh:node ex:PartShape ; sh:message "parts" ;
                  sh:property [ sh:path ex:code ; sh:minCount 1 ; sh:message "part code" ] ] .

ex:PartShape a sh:NodeShape ;
    sh:property [ sh:path ex:code ; sh:minCount 1 ; sh:maxCount 2 ; sh:datatype xsd:string ] ;
    sh:or ( [ sh:class ex:Thing ] [ sh:hasValue ex:special ] [ sh:nodeKind sh:BlankNode ] ) .

ex:DatatypeShape a sh:NodeShape ;
    sh:targetSubjectsOf ex:int, ex:date, ex:year, ex:any, ex:small, ex:dbl, ex:time, ex:custom, ex:bool ;
    sh:property [ sh:path ex:int ; sh:datatype xsd:integer ; sh:message "int" ] ,
                [ sh:path ex:date ; sh:datatype xsd:date ; sh:message "date" ] ,
                [ sh:path ex:year ; sh:datatype xsd:gYear ; sh:message "year" ] ,
                [ sh:path ex:any ; sh:datatype rdfs:Literal ; sh:message "literal" ] ,
                [ sh:path ex:small ; sh:datatype xsd:int ; sh:message "small int" ] ,
                [ sh:path ex:dbl ; sh:datatype xsd:double ; sh:message "double" ] ,
                [ sh:path ex:time ; sh:datatype xsd:dateTime ; sh:message "dateTime" ] ,
                [ sh:path ex:custom ; sh:datatype ex:unit ; sh:message "custom" ] ,
                [ sh:path ex:bool ; sh:datatype xsd:boolean ; sh:message "boolean" ] .

ex:NodeTargets a sh:NodeShape ;
    sh:targetNode ex:a, ex:nothing, "a literal" ;
    sh:targetObjectsOf ex:points ;
    sh:nodeKind sh:BlankNodeOrIRI ; sh:message "a node" ;
    sh:sparql [ sh:prefixes ex: ; sh:message "{$this} has {?n} ({?value})" ;
                sh:select "SELECT $this ?value ?n WHERE { $this ex:size ?value . BIND(CONCAT('n', STR(?value)) AS ?n) }" ] ,
              [ sh:prefixes ex: ; sh:deactivated true ; sh:select "SELECT $this WHERE { $this ?p ?o }" ] .

ex:Quiet a sh:NodeShape ;
    sh:targetClass ex:Thing ;
    sh:sparql [ sh:select "SELECT $this WHERE { $this <http://example.org/size> ?s FILTER(?s > 5) }" ] .

ex:Off a sh:NodeShape ; sh:targetClass ex:Thing ; sh:deactivated true ; sh:class ex:Nothing ; sh:message "off" .
"""
)

FEATURE_DATA = (
    PREFIXES
    + r"""
ex:SubThing rdfs:subClassOf ex:Thing .
ex:a a ex:Thing ; ex:code "ABBC", "abc", "xbc", 12, ex:abbc, _:b1 ;
    ex:part ex:b, ex:c, _:p1, "lit" ;
    ex:size 3, 7.5, "x", 11, ex:s ; ex:limit 5, 8.0, "9" ; ex:cap 7.5 ;
    ex:label "a", "b", "c", "d"@en, "d"@de, 3, 03.0, ex:x ;
    ex:tag ex:t1, ex:t2, ex:t3 ; ex:points ex:a, _:p1, "pointed" .
ex:b a ex:SubThing ; ex:code "ab", "abbbc" ; ex:tag ex:required ; ex:size 0, -1, 10.5, 10.6 .
ex:c ex:code "c1", "c2", "c3" .
_:p1 ex:code "pc" .
ex:d ex:part ex:a, ex:b .
ex:e ex:int 1, "1", "abc"^^xsd:integer, "99999999999999999999"^^xsd:integer, 2.0 ;
    ex:date "2024-02-29"^^xsd:date, "2024-02-30"^^xsd:date, "0000-01-01"^^xsd:date, "2024-12-08Z"^^xsd:date,
        "12024-01-01"^^xsd:date, "2024-12-08T10:00:00"^^xsd:dateTime ;
    ex:year "2024"^^xsd:gYear, "March"^^xsd:gYear, "2024"^^xsd:integer ;
    ex:any "x", ex:x, _:b3, 1 ; ex:small "5"^^xsd:int, "5000000000"^^xsd:int, 5 ;
    ex:dbl "1.5E0"^^xsd:double, "INF"^^xsd:double, "x"^^xsd:double, 1.5 ;
    ex:time "2024-12-08T10:00:00"^^xsd:dateTime, "2024-12-08T10:00:00+02:00"^^xsd:dateTime, "2024-12-08"^^xsd:date ;
    ex:custom "3"^^ex:unit, "3" ; ex:bool true, "1"^^xsd:boolean, "yes"^^xsd:boolean, "true" .
"""
)


@pytest.mark.filterwarnings("ignore:Parsing weird boolean", "ignore:Serializing weird numerical")
def test_features_beyond_the_project_shapes_give_pyshacls_results() -> None:
    shapes = Graph().parse(data=FEATURE_SHAPES, format="turtle")
    compiled = compile_shapes(shapes)
    data = Graph().parse(data=FEATURE_DATA, format="turtle")
    for spread in (False, True):
        results = _assert_same(data, shapes, compiled, spread=spread)
    assert len(results) >= 40
    assert {r.severity for r in results} == {"Violation", "Warning", "Info"}
    messages = {r.message for r in results}
    assert "constraint violated" in messages  # a SPARQL constraint with no message anywhere
    assert "http://example.org/a has n7.5 (7.5)" in messages  # {$this}, an extra variable and {?value}


def test_less_than_on_a_blank_node_fails_as_in_pyshacl() -> None:
    shapes = Graph().parse(
        data=PREFIXES + '[] sh:targetNode ex:a ; sh:property [ sh:path ex:v ; sh:lessThan ex:w ; sh:message "m" ] .',
        format="turtle",
    )
    data = Graph().parse(data=PREFIXES + "ex:a ex:v [] ; ex:w 1 .", format="turtle")
    with pytest.raises(Exception, match="BlankNode"):
        validate_graph(data, None, shapes)
    store, _ = _store(data, spread=False)
    with pytest.raises(FastShaclError, match="BlankNode"):
        validate_store(store, compile_shapes(shapes))


@pytest.mark.parametrize(
    ("shape", "construct"),
    [
        ("sh:targetClass ex:T ; sh:xone ( [ sh:class ex:A ] [ sh:class ex:B ] ) ; sh:message 'm'", "sh:xone"),
        ("sh:targetClass ex:T ; sh:closed true ; sh:message 'm'", "sh:closed"),
        ("sh:targetClass ex:T ; sh:class ex:A", "without sh:message"),
        ("sh:targetClass ex:T ; sh:class ex:A ; sh:message 'one', 'two'@de", "more than one sh:message"),
        (
            "sh:targetClass ex:T ; sh:property [ sh:path [ sh:zeroOrMorePath ex:p ] ; sh:minCount 1 ; sh:message 'm' ]",
            "the path",
        ),
        ("sh:targetClass ex:T ; sh:node [ sh:severity sh:Warning ; sh:class ex:A ] ; sh:message 'm'", "sh:severity"),
        ("sh:targetClass ex:T ; sh:node [ sh:pattern 'a' ; sh:lessThan ex:p ] ; sh:message 'm'", "sh:lessThan"),
        ("sh:targetClass ex:T ; sh:in ( 1.0 ) ; sh:message 'm'", "canonical form"),
        ("sh:targetClass ex:T ; sh:target [ a sh:SPARQLTarget ]", "sh:target"),
        (
            "sh:targetClass ex:T ; sh:sparql [ sh:select 'SELECT $this WHERE { ?x ?p ?o OPTIONAL { $this ?p ?o } }' ]",
            "unbound",
        ),
        (
            "sh:targetClass ex:T ; sh:sparql [ sh:select 'SELECT $this WHERE { $this ?p ?o MINUS { $this a ?c } }' ]",
            "MINUS",
        ),
        ("sh:targetClass ex:T ; sh:sparql [ sh:select 'SELECT ?o WHERE { $this ?p ?o }' ]", "does not select $this"),
        ("sh:targetClass ex:T ; sh:sparql [ sh:select 'ASK { $this ?p ?o }' ]", "SPARQL constraint"),
    ],
)
def test_unsupported_shapes_are_refused(shape: str, construct: str) -> None:
    shapes = Graph().parse(data=f"{PREFIXES}ex:S a sh:NodeShape ; {shape} .", format="turtle")
    with pytest.raises(UnsupportedShape, match=construct.replace("$", r"\$").replace("(", r"\(")) as refused:
        compile_shapes(shapes)
    # the error names the shape (or the blank node inside it) that uses the construct
    assert isinstance(refused.value.shape, URIRef | BNode)
    assert refused.value.shape.n3() in str(refused.value)


def test_labels_in_other_graphs_are_not_validated(shapes: Graph, compiled: CompiledShapes) -> None:
    """Only the named graphs passed in are the data graph; the store's other graphs are ignored."""
    graph, _ = _seed_graph(DATA)
    store, graphs = _store(graph, spread=True)
    entity = ox.NamedNode("https://w3id.org/coi-graph/id/entity/usa")
    store.add(ox.Quad(entity, ox.NamedNode(str(SKOS.prefLabel)), ox.Literal("again"), ELSEWHERE))
    assert validate_store(store, compiled, graphs) == []
    assert validate_store(store, compiled, [*PARTS, ELSEWHERE]) != []


def test_merged_data_graphs_leave_the_store_as_it_was(shapes: Graph, compiled: CompiledShapes) -> None:
    """Regression (a 1M-triple build took an hour): several data graphs are validated through one
    scratch merge of them, which gives the results of the single graph and is dropped afterwards."""
    graph, _ = _seed_graph(DATA)
    graph.add((URIRef("https://w3id.org/coi-graph/id/entity/usa"), RDF.type, URIRef(COI + "Claim")))
    store, graphs = _store(graph, spread=True)
    assert graphs is not None and len(graphs) > 1
    before = set(store)
    spread = validate_store(store, compiled, graphs)
    assert spread  # an entity typed as a claim violates the claim shapes
    assert set(store) == before
    one, _ = _store(graph, spread=False)
    assert sorted(map(repr, spread)) == sorted(map(repr, validate_store(one, compiled)))


# ------------------------------------------------------------------------------------------
# 5. a synthetic corpus, as generated and broken
# ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from coi_graph.synth import generate

    out = tmp_path_factory.mktemp("synth-shacl") / "data"
    generate(out, triples=6_000, seed=11)
    return out


def test_synthetic_corpus_gives_pyshacls_results(synthetic: Path, shapes: Graph, compiled: CompiledShapes) -> None:
    graph, sources = _seed_graph(synthetic)
    assert len(graph) > 2_000
    assert _assert_same(graph, shapes, compiled, sources, spread=True) == []


def test_broken_synthetic_corpus_gives_pyshacls_results(
    synthetic: Path, tmp_path: Path, shapes: Graph, compiled: CompiledShapes
) -> None:
    """Every claim of one document misquoted (sh:sparql), one with a second modality (sh:maxCount)."""
    import shutil

    data = tmp_path / "data"
    shutil.copytree(synthetic, data)
    claims = sorted((data / "claims").glob("*.trig"))[0]
    text = claims.read_text(encoding="utf-8")
    assert 'coi:quote "' in text and "coi:modality coi:" in text
    text = text.replace('coi:quote "', 'coi:quote "not ').replace(
        "coi:modality coi:", "coi:modality coi:Negated, coi:Planned, coi:", 1
    )
    claims.write_text(text, encoding="utf-8")
    graph, sources = _seed_graph(data)
    results = _assert_same(graph, shapes, compiled, sources, spread=True)
    constraints = {r.constraint for r in results}
    assert {"sh:SPARQLConstraintComponent", "sh:MaxCountConstraintComponent"} <= constraints
