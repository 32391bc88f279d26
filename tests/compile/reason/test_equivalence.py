"""The fast reasoner (OWL 2 RL compiled to SPARQL rules) equals owlrl, the reference oracle.

Equal means the same inferred triples and the same inconsistency messages, on the small cases in
tests/reasoning/ (one per rule family), on the seed graph, on a synthetic corpus, and inside the
build's own store. Where the fast rules cannot reproduce owlrl they must refuse, and the build must
then fall back to owlrl.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF

from coi_graph.compile.derive import derive_store
from coi_graph.compile.load import load_store
from coi_graph.compile.pipeline import REASONED_GRAPHS, reason_store
from coi_graph.compile.reason.compiler import compile_rules
from coi_graph.compile.reason.graphs import reason_graphs
from coi_graph.compile.reason.run import infer
from coi_graph.compile.reason.vocabulary import Unsupported, UnsupportedAxiom
from coi_graph.compile.reference.reason import reason
from coi_graph.compile.terms import graph as _rdflib_graph
from coi_graph.compile.terms import iri, to_ox, to_quads
from coi_graph.namespaces import Graphs
from coi_graph.synth import generate
from tests.conftest import DATA

CASES = Path(__file__).resolve().parents[2] / "reasoning"
ID = "https://w3id.org/coi-graph/id/test/"
S = "https://example.org/schema#"


def _case(path: Path) -> Graph:
    return Graph().parse(path, format="turtle")


def _expects_unsupported(path: Path) -> bool:
    return path.read_text(encoding="utf-8").startswith("# expect: unsupported")


def _cases(unsupported: bool) -> list[Path]:
    return [p for p in sorted(CASES.glob("*.ttl")) if _expects_unsupported(p) == unsupported]


def _prepared(data_dir: Path) -> tuple[ox.Store, Graph, list[ox.NamedNode], Graph]:
    """The store as the build has it before reasoning, and the same graphs as one rdflib graph."""
    data = load_store(data_dir, None)
    derive_store(data.store)
    named = [ox.NamedNode(str(g)) for g in REASONED_GRAPHS]
    return data.store, data.ontology, named, _rdflib_graph(data.store, named)


def _assert_equal(expected: tuple[Graph, list[str]], got: tuple[Graph, list[str]]) -> None:
    missing, extra = set(expected[0]) - set(got[0]), set(got[0]) - set(expected[0])
    assert not missing and not extra, f"missing {sorted(missing)[:5]}, extra {sorted(extra)[:5]}"
    assert got[1] == expected[1]


@pytest.mark.parametrize("path", _cases(unsupported=False), ids=lambda p: p.stem)
def test_case_equals_owlrl(path: Path) -> None:
    graph = _case(path)
    expected = reason([graph])
    assert len(expected[0]) > 0 or expected[1], "a case must make owlrl infer or report something"
    _assert_equal(expected, reason_graphs([graph], graph))


@pytest.mark.parametrize("path", _cases(unsupported=True), ids=lambda p: p.stem)
def test_unsupported_case_is_refused(path: Path) -> None:
    graph = _case(path)
    with pytest.raises(UnsupportedAxiom):
        reason_graphs([graph], graph)


def test_cases_cover_the_rule_families() -> None:
    """The cases exercise each family of compiled rules at least once (a guard against a case rotting)."""
    inferred = {p: reason([_case(p)]) for p in _cases(unsupported=False)}
    triples = {t for graph, _ in inferred.values() for t in graph}
    messages = " ".join(m for _, found in inferred.values() for m in found)
    t = URIRef
    assert (t(ID + "a"), RDF.type, t(S + "Actor")) in triples  # cax-sco
    assert (t(ID + "b"), RDF.type, t(S + "Actor")) in triples  # prp-rng
    assert (t(ID + "b"), t(S + "fights"), t(ID + "a")) in triples  # prp-symp
    assert (t(ID + "unit1"), t(S + "presentIn"), t(ID + "base1")) in triples  # prp-inv + prp-spo1
    assert (t(ID + "town"), t(S + "partOf"), t(ID + "country")) in triples  # prp-trp
    assert (t(ID + "unit"), t(S + "locatedIn"), t(ID + "district")) in triples  # prp-spo2
    assert (t(ID + "army"), RDF.type, t(S + "StateArmedForce")) in triples  # cls-int1
    assert (t(ID + "x"), RDF.type, t(S + "Supporter")) in triples  # cls-svf1
    assert (t(ID + "sdf"), RDF.type, t(S + "UsAlly")) in triples  # cls-hv2
    assert (t(ID + "uk"), RDF.type, t(S + "StateActor")) in triples  # cls-avf
    assert (t(ID + "gen1"), OWL.sameAs, t(ID + "gen2")) in triples  # prp-fp
    assert (t(ID + "sdf"), t(S + "based"), t(ID + "hasaka")) in triples  # prp-ifp + eq-rep-s
    expected_messages = {
        "cax-dw": "Disjoint classes https://example.org/schema#Person and",
        "cax-adc": "Disjoint classes https://example.org/schema#Base and",
        "prp-irp": "Irreflexive property used on",
        "prp-asyp": "Erroneous usage of asymmetric property",
        "prp-pdw": "Erroneous usage of disjoint properties",
        "eq-diff1": "'sameAs' and 'differentFrom' cannot be used",
        "cls-nothing2": "is defined of type 'Nothing'",
        "prp-npa1": "Negative (object) property assertion violated",
        "dt-not-type": "Lexical value of the literal 'many' does not match its datatype",
    }
    for rule, text in expected_messages.items():
        assert text in messages, rule


def test_seed_graph_equals_owlrl() -> None:
    _, ontology, _, graph = _prepared(DATA)
    expected = reason([graph])
    assert len(expected[0]) > 1000
    _assert_equal(expected, reason_graphs([graph], ontology))


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth-reason") / "data"
    generate(out, triples=8_000, seed=7)
    return out


@pytest.mark.parametrize("which", ["seed", "synthetic"])
def test_in_store_inference_equals_owlrl(which: str, synthetic: Path) -> None:
    """What the build runs: the rules inside the build's store, over its named graphs."""
    store, ontology, named, graph = _prepared(DATA if which == "seed" else synthetic)
    expected_graph, expected_messages = reason([graph])
    into = ox.NamedNode("urn:test:inferred")
    count, messages = infer(store, compile_rules(ontology), named, into)
    got = {q.triple for q in store.quads_for_pattern(None, None, None, into)}
    want = {ox.Triple(*(to_ox(x) for x in t)) for t in expected_graph}
    assert count == len(got) == len(want)
    assert got == want
    assert messages == expected_messages


def test_build_falls_back_to_owlrl_when_the_rules_cannot_reproduce_it(data_copy: Path) -> None:
    """An ontology axiom the rules do not compile: reason_store runs owlrl and still gets its result."""
    extra = _case(CASES / "unsupported_cardinality.ttl")
    data = load_store(data_copy, None)
    derive_store(data.store)
    data.ontology += extra
    data.store.extend(to_quads(extra, iri(Graphs.ONTOLOGY)))
    with pytest.raises(Unsupported):
        compile_rules(data.ontology)
    named = [ox.NamedNode(str(g)) for g in REASONED_GRAPHS]
    expected = reason([_rdflib_graph(data.store, named)])
    same = (URIRef(ID + "b1"), OWL.sameAs, URIRef(ID + "b2"))
    assert same in expected[0]  # owlrl's cls-maxc2, which the fast rules do not have
    count, messages = reason_store(data)
    inferred = _rdflib_graph(data.store, [ox.NamedNode(str(Graphs.INFERRED))])
    assert count == len(inferred) == len(expected[0])
    assert set(inferred) == set(expected[0])
    assert messages == expected[1]
