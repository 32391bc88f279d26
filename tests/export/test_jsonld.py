"""coi_graph.export.jsonld: a dataset as JSON-LD that reads back to the same quads, with every literal a value
object in its stored lexical form, IRIs shortened with the context's prefixes, each named graph a graph object,
and a clear error for what JSON-LD cannot hold."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from coi_graph.compile.pipeline import BuildResult
from coi_graph.errors import CoiGraphError
from coi_graph.export.jsonld import to_jsonld
from coi_graph.export.rdf import context
from coi_graph.namespaces import Graphs
from coi_graph.store import STORE_DIR

COI = "https://w3id.org/coi-graph/ontology#"
ENT = "https://w3id.org/coi-graph/id/entity/"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
CONTEXT = {"coi": COI, "ent": ENT, "xsd": XSD, "ex": "http://example.org/"}
SDF = ox.NamedNode(ENT + "sdf")
PLAIN = ox.NamedNode(str(Graphs.PLAIN))


def typed(text: str, datatype: str) -> ox.Literal:
    return ox.Literal(text, datatype=ox.NamedNode(XSD + datatype))


def hard_quads() -> list[ox.Quad]:
    """Literals and blank nodes that rdflib's own JSON-LD writer used to lose or change."""
    b1, b2 = ox.BlankNode("b1"), ox.BlankNode("b2")
    p = ox.NamedNode("http://example.org/p")
    return [
        ox.Quad(SDF, RDF_TYPE, ox.NamedNode(COI + "NonStateArmedGroup")),
        ox.Quad(SDF, ox.NamedNode(COI + "amount"), typed("2000", "integer")),
        ox.Quad(SDF, ox.NamedNode(COI + "share"), typed("1000", "double")),
        ox.Quad(SDF, ox.NamedNode(COI + "flag"), typed("0", "boolean")),
        ox.Quad(SDF, ox.NamedNode(COI + "flag"), typed("true", "boolean")),
        ox.Quad(SDF, ox.NamedNode(COI + "seen"), typed("2024-12-08T10:00:00Z", "dateTime")),
        ox.Quad(SDF, ox.NamedNode(COI + "odd"), typed("many", "integer")),  # ill-typed: kept as it is
        ox.Quad(SDF, ox.NamedNode(COI + "note"), ox.Literal("")),
        ox.Quad(SDF, ox.NamedNode(COI + "note"), ox.Literal("قسد", language="ar")),
        ox.Quad(b1, p, b2),  # blank nodes that are only objects of each other
        ox.Quad(b2, p, b1),
        ox.Quad(SDF, ox.NamedNode(COI + "supports"), ox.NamedNode(ENT + "syria"), PLAIN),
    ]


def canonical(quads: list[ox.Quad]) -> set[str]:
    dataset = ox.Dataset(quads)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return {str(q) for q in dataset}


def test_literals_are_value_objects_with_their_exact_lexical_form() -> None:
    document = json.loads(to_jsonld(hard_quads(), CONTEXT))
    assert document["@context"] == CONTEXT
    sdf = next(node for node in document["@graph"] if node["@id"] == "ent:sdf")
    assert sdf["@type"] == ["coi:NonStateArmedGroup"]
    assert sdf["coi:amount"] == [{"@type": "xsd:integer", "@value": "2000"}]
    assert sdf["coi:share"] == [{"@type": "xsd:double", "@value": "1000"}]
    assert sdf["coi:flag"] == [{"@type": "xsd:boolean", "@value": "0"}, {"@type": "xsd:boolean", "@value": "true"}]
    assert sdf["coi:seen"] == [{"@type": "xsd:dateTime", "@value": "2024-12-08T10:00:00Z"}]
    assert sdf["coi:odd"] == [{"@type": "xsd:integer", "@value": "many"}]
    assert sdf["coi:note"] == [{"@value": ""}, {"@language": "ar", "@value": "قسد"}]  # xsd:string: no @type


def test_default_graph_first_then_one_graph_object_per_named_graph_in_iri_order() -> None:
    quads = [
        *hard_quads(),
        ox.Quad(SDF, ox.NamedNode(COI + "opposes"), ox.NamedNode(ENT + "isis"), ox.NamedNode(ENT + "a-graph")),
    ]
    top = json.loads(to_jsonld(quads, CONTEXT))["@graph"]
    assert [node["@id"] for node in top] == ["_:b1", "_:b2", "ent:sdf", "ent:a-graph", str(Graphs.PLAIN)]
    assert top[3]["@graph"] == [{"@id": "ent:sdf", "coi:opposes": [{"@id": "ent:isis"}]}]
    # graph:plain is not in this context, so its IRI stays whole, and its node is inside it only
    assert top[4]["@graph"] == [{"@id": "ent:sdf", "coi:supports": [{"@id": "ent:syria"}]}]
    assert "coi:supports" not in top[2]


def test_reads_back_to_the_same_quads_with_oxigraph_and_rdflib() -> None:
    quads = hard_quads()
    text = to_jsonld(quads, CONTEXT)
    back = list(ox.parse(input=text.encode("utf-8"), format=ox.RdfFormat.JSON_LD))
    assert canonical(back) == canonical(quads)  # lexical forms and blank nodes included
    # rdflib, an independent reader, sees the same graphs as it does in the N-Quads of the same quads
    exported, reference = rdflib.Dataset(), rdflib.Dataset()
    exported.parse(data=text, format="json-ld")
    nquads = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    assert nquads is not None
    reference.parse(data=nquads.decode("utf-8"), format="nquads")
    for name in (rdflib.graph.DATASET_DEFAULT_GRAPH_ID, rdflib.URIRef(str(Graphs.PLAIN))):
        assert len(reference.graph(name)) > 0
        assert isomorphic(exported.graph(name), reference.graph(name)), name


def test_the_seed_registry_reads_back_as_the_store_holds_it(seed_build: BuildResult) -> None:
    store = ox.Store.read_only(str(seed_build.out_dir / STORE_DIR))
    registry = list(store.quads_for_pattern(None, None, None, ox.NamedNode(str(Graphs.REGISTRY))))
    ctx = context()["@context"]
    assert isinstance(ctx, dict)
    text = to_jsonld(registry, ctx)
    assert '"@id": "ent:syria"' in text  # shortened with the published context
    back = list(ox.parse(input=text.encode("utf-8"), format=ox.RdfFormat.JSON_LD))
    assert len(back) == len(registry) > 500
    assert canonical(back) == canonical(registry)


@pytest.mark.parametrize(
    ("term", "message"),
    [
        (ox.NamedNode("geo:35,38"), "geo:35,38"),  # a reader would expand it with the prefix geo:
        (ox.Literal("سوريا", language="ar", direction=ox.BaseDirection.RTL), "base direction"),
        (ox.Triple(SDF, ox.NamedNode(COI + "supports"), ox.NamedNode(ENT + "syria")), "triple term"),
    ],
)
def test_what_json_ld_cannot_hold_is_an_error(term: ox.NamedNode | ox.Literal | ox.Triple, message: str) -> None:
    ctx = {**CONTEXT, "geo": "http://www.opengis.net/ont/geosparql#"}
    with pytest.raises(CoiGraphError, match=message) as raised:
        to_jsonld([ox.Quad(SDF, ox.NamedNode(COI + "p"), term)], ctx)
    assert raised.value.hint in ("export N-Quads instead", "export TriG or N-Quads instead")


def test_an_iri_that_merely_starts_like_a_prefix_namespace_with_slashes_stays_whole() -> None:
    """A suffix that starts with // would read as a network path: such an IRI is not compacted."""
    ctx = {"ex": "http://example.org/"}
    odd = ox.NamedNode("http://example.org///x")
    document = json.loads(to_jsonld([ox.Quad(odd, ox.NamedNode("http://example.org/p"), odd)], ctx))
    assert document["@graph"] == [{"@id": "http://example.org///x", "ex:p": [{"@id": "http://example.org///x"}]}]
