"""The TBox of the fast reasoner: what ``read_tbox`` reads, what ``close_tbox`` adds as owlrl's scm-* rules do,
the constructs ``inventory`` lists, and the axioms ``inventory`` and ``check_supported`` refuse."""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL

from coi_graph.compile.reason.tbox import TBox, check_supported, close_tbox, index_pairs, inventory, read_tbox
from coi_graph.compile.reason.vocabulary import UnsupportedAxiom
from coi_graph.resources import ontology_path

PREFIXES = """@prefix : <http://ex.org/> . @prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix id: <https://w3id.org/coi-graph/id/> .
"""
HIERARCHY = """
:A a owl:Class . :B a owl:Class ; rdfs:subClassOf :A . :C a owl:Class ; rdfs:subClassOf :B .
:D a owl:Class ; owl:equivalentClass :C .
:p a owl:ObjectProperty ; rdfs:domain :C ; rdfs:range :B . :q a owl:ObjectProperty ; rdfs:subPropertyOf :p .
:r a owl:ObjectProperty , owl:TransitiveProperty .
"""


def _ex(name: str) -> URIRef:
    return URIRef("http://ex.org/" + name)


def _graph(body: str) -> Graph:
    return Graph().parse(data=PREFIXES + body, format="turtle")


def _closed(body: str) -> TBox:
    return close_tbox(read_tbox(_graph(body)))


def test_read_tbox_reads_the_asserted_schema_with_thing_and_nothing() -> None:
    tbox = read_tbox(_graph(HIERARCHY))
    assert tbox.classes == {_ex("A"), _ex("B"), _ex("C"), _ex("D"), OWL.Thing, OWL.Nothing}
    assert tbox.properties == {_ex("p"), _ex("q"), _ex("r")}
    assert tbox.sub_class == {(_ex("B"), _ex("A")), (_ex("C"), _ex("B"))}  # not closed yet
    assert tbox.characteristics[OWL.TransitiveProperty] == {_ex("r")}
    assert tbox.characteristics[OWL.SymmetricProperty] == set()


def test_close_tbox_closes_the_hierarchies_domains_and_ranges() -> None:
    tbox = _closed(HIERARCHY)
    assert tbox.supers(_ex("C")) == {_ex("C"), _ex("B"), _ex("A"), _ex("D"), OWL.Thing}
    assert tbox.supers(_ex("D")) == {_ex("D"), _ex("C"), _ex("B"), _ex("A"), OWL.Thing}  # scm-eqc1
    assert (_ex("C"), _ex("D")) in tbox.equivalent_class and (_ex("D"), _ex("C")) in tbox.equivalent_class
    assert (OWL.Nothing, _ex("A")) in tbox.sub_class  # scm-cls
    assert tbox.super_properties(_ex("q")) == {_ex("p")}  # itself left out
    # scm-dom1/rng1 lift to superclasses, scm-dom2/rng2 pass down to the subproperty
    supers_of_c = {_ex("A"), _ex("B"), _ex("C"), _ex("D"), OWL.Thing}
    assert tbox.domain == {(p, c) for p in (_ex("p"), _ex("q")) for c in supers_of_c}
    assert tbox.range == {(p, c) for p in (_ex("p"), _ex("q")) for c in (_ex("A"), _ex("B"), OWL.Thing)}


def test_close_tbox_orders_restrictions_scm_svf1() -> None:
    tbox = _closed(
        ":B a owl:Class . :C a owl:Class ; rdfs:subClassOf :B . :p a owl:ObjectProperty ."
        ":r1 owl:onProperty :p ; owl:someValuesFrom :C . :r2 owl:onProperty :p ; owl:someValuesFrom :B ."
    )
    assert (_ex("r1"), _ex("r2")) in tbox.sub_class
    assert (_ex("r2"), _ex("r1")) not in tbox.sub_class


def test_index_pairs_maps_each_left_to_its_rights() -> None:
    assert index_pairs([("a", "b"), ("a", "c"), ("b", "c")]) == {"a": {"b", "c"}, "b": {"c"}}  # type: ignore[list-item]


def test_inventory_lists_the_constructs_used_as_sorted_prefixed_names() -> None:
    assert inventory(_graph(HIERARCHY + ':A rdfs:label "A" .')) == [
        "a owl:Class",
        "a owl:ObjectProperty",
        "a owl:TransitiveProperty",
        "owl:equivalentClass",
        "rdfs:domain",
        "rdfs:range",
        "rdfs:subClassOf",
        "rdfs:subPropertyOf",
    ]  # rdfs:label is an annotation: not a construct


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (":A owl:hasKey ( :p ) .", "owl#hasKey is not implemented by the fast reasoner"),
        (":p a owl:ReflexiveProperty .", "rdf:type http://www.w3.org/2002/07/owl#ReflexiveProperty is not implemented"),
    ],
)
def test_inventory_refuses_what_the_rules_do_not_implement(body: str, message: str) -> None:
    with pytest.raises(UnsupportedAxiom, match=message):
        inventory(_graph(body))


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (":p owl:inverseOf [ owl:inverseOf :q ] .", r"property expression \S+ \(a blank node\) is not implemented"),
        (":q rdfs:subPropertyOf rdfs:subClassOf .", "an axiom about the schema property"),
        ("id:X a owl:Class .", "schema term https://w3id.org/coi-graph/id/X lies in the data namespace"),
        ("id:p a owl:ObjectProperty .", "schema term https://w3id.org/coi-graph/id/p lies in the data namespace"),
        (":A a owl:Class ; rdfs:subClassOf owl:Class .", "implies a metaclass"),
        (":p a owl:DatatypeProperty ; rdfs:domain xsd:string .", "datatype .*#string as the domain of"),
        ("xsd:string rdfs:subClassOf :A . :A a owl:Class .", "datatype .*#string has a superclass"),
        (":A a owl:Class ; owl:disjointWith xsd:string .", "class axiom or restriction on the datatype"),
        (":p a owl:ObjectProperty . :r owl:onProperty :p ; owl:hasValue [ ] .", "owl:hasValue with a blank node"),
        (":p a owl:ObjectProperty . :r owl:onProperty :p ; owl:allValuesFrom owl:Class .", "makes data nodes schema"),
        (":A a owl:Class . :B a owl:Class . :A owl:sameAs :B .", "owl:sameAs between schema terms"),
    ],
)
def test_check_supported_refuses_schema_the_rules_cannot_follow(body: str, message: str) -> None:
    graph = _graph(body)
    with pytest.raises(UnsupportedAxiom, match=message):
        check_supported(graph, close_tbox(read_tbox(graph)))


def test_the_projects_ontology_is_supported() -> None:
    ontology = Graph().parse(ontology_path(), format="turtle")
    tbox = close_tbox(read_tbox(ontology))
    check_supported(ontology, tbox)  # raises if not
    constructs = inventory(ontology)
    assert "rdfs:subClassOf" in constructs and constructs == sorted(constructs)
