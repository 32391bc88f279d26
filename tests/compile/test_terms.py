"""The bridge between rdflib and pyoxigraph terms: how each kind of term crosses both ways, the union of
named graphs as one rdflib graph, the forms the store keeps, and ``RoundTrip`` back to the very terms."""

from __future__ import annotations

import re

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

from coi_graph.compile.terms import (
    RoundTrip,
    Unrepresentable,
    graph,
    iri,
    stored_form,
    stored_forms,
    to_ox,
    to_quads,
    to_rdflib,
    to_triple,
)

S, P, OBJ = URIRef("http://ex.org/s"), URIRef("http://ex.org/p"), URIRef("http://ex.org/o")
G1, G2, G3 = (ox.NamedNode(f"http://ex.org/g{i}") for i in (1, 2, 3))
DECIMAL = ox.NamedNode(str(XSD.decimal))


def test_iri_is_a_memoised_named_node_and_refuses_an_invalid_iri() -> None:
    node = iri("http://ex.org/x")
    assert node == ox.NamedNode("http://ex.org/x")
    assert iri("http://ex.org/x") is node  # the same object: memoised
    assert iri(URIRef("http://ex.org/x")) == node
    with pytest.raises(ValueError):
        iri("http://ex.org/a b")


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        (S, ox.NamedNode("http://ex.org/s")),
        (BNode("b1"), ox.BlankNode("b1")),  # blank-node ids kept
        (Literal("plain"), ox.Literal("plain")),
        (Literal("1.0", datatype=XSD.decimal), ox.Literal("1.0", datatype=DECIMAL)),  # as written, not "1"
        (Literal("Hi", lang="en"), ox.Literal("Hi", language="en")),
    ],
)
def test_to_ox_crosses_each_kind_of_term(term: URIRef | BNode | Literal, expected: object) -> None:
    assert to_ox(term) == expected


def test_to_ox_refuses_what_is_not_a_term() -> None:
    with pytest.raises(TypeError, match="not an RDF term"):
        to_ox("http://ex.org/s")  # type: ignore[arg-type]


def test_to_quads_puts_triples_in_the_given_graph_or_the_default_graph() -> None:
    triples = [(S, P, Literal("x")), (BNode("b"), P, OBJ)]
    assert list(to_quads(triples, G1)) == [
        ox.Quad(ox.NamedNode(str(S)), ox.NamedNode(str(P)), ox.Literal("x"), G1),
        ox.Quad(ox.BlankNode("b"), ox.NamedNode(str(P)), ox.NamedNode(str(OBJ)), G1),
    ]
    assert [q.graph_name for q in to_quads(triples)] == [ox.DefaultGraph(), ox.DefaultGraph()]


def test_to_rdflib_gives_a_simple_literal_no_datatype_unless_string_datatype() -> None:
    simple = ox.Literal("x")
    assert to_rdflib(simple) == Literal("x") and to_rdflib(simple).datatype is None
    assert to_rdflib(simple, string_datatype=True) == Literal("x", datatype=XSD.string)
    assert to_rdflib(ox.Literal("Hi", language="en"), string_datatype=True) == Literal("Hi", lang="en")
    assert to_rdflib(ox.Literal("1", datatype=DECIMAL)) == Literal("1", datatype=XSD.decimal)
    assert to_rdflib(ox.BlankNode("b7")) == BNode("b7")
    with pytest.raises(TypeError, match="not an RDF term"):
        to_rdflib(ox.DefaultGraph())


def test_to_triple_and_graph_read_quads_back_as_rdflib() -> None:
    store = ox.Store()
    store.extend(to_quads([(S, P, Literal("1.0", datatype=XSD.decimal)), (S, P, Literal("plain"))], G1))
    store.extend(to_quads([(S, P, OBJ)], G2))
    store.extend(to_quads([(S, P, URIRef("http://ex.org/elsewhere"))], G3))
    (quad,) = store.quads_for_pattern(None, None, None, G2)
    assert to_triple(quad) == (S, P, OBJ)
    (plain,) = store.quads_for_pattern(None, None, ox.Literal("plain"), G1)
    assert to_triple(plain, string_datatype=True)[2].datatype == XSD.string
    union = graph(store, [G1, G2])  # G3 is left out
    assert isinstance(union, Graph)
    assert set(union) == {(S, P, Literal("1", datatype=XSD.decimal)), (S, P, Literal("plain")), (S, P, OBJ)}


def test_stored_forms_are_what_the_store_keeps() -> None:
    one_point_zero = ox.Literal("1.0", datatype=DECIMAL)
    zero_one = ox.Literal("01", datatype=ox.NamedNode(str(XSD.integer)))
    forms = stored_forms([one_point_zero, zero_one, one_point_zero, ox.Literal("x")])
    assert forms == {
        one_point_zero: ox.Literal("1", datatype=DECIMAL),
        zero_one: ox.Literal("1", datatype=ox.NamedNode(str(XSD.integer))),
        ox.Literal("x"): ox.Literal("x"),
    }
    assert stored_form(one_point_zero).value == "1"


def test_round_trip_returns_the_terms_that_went_in() -> None:
    """The store lower-cases the tag, writes "1" for "1.0" and names the blank node its own way."""
    source = Graph()
    blank, tagged, decimal = BNode("mine"), Literal("Hi", lang="EN"), Literal("1.0", datatype=XSD.decimal)
    source.add((S, P, tagged))
    source.add((blank, P, decimal))
    source.add((S, P, blank))
    trip = RoundTrip()
    store = ox.Store()
    store.extend(trip.quads(source, G1))
    trip.learn_literals()
    assert {str(q.object) for q in store if isinstance(q.object, ox.Literal)} == {
        '"Hi"@en',
        f'"1"^^<{XSD.decimal}>',
    }
    back = {tuple(trip.to_rdflib(t) for t in (q.subject, q.predicate, q.object)) for q in store}
    assert back == set(source)
    assert trip.show(ox.Literal("1", datatype=DECIMAL)) == "1.0"


def test_learn_literals_refuses_two_literals_that_are_one_store_term() -> None:
    trip = RoundTrip()
    trip.to_ox(Literal("1.0", datatype=XSD.decimal))
    trip.to_ox(Literal("1.00", datatype=XSD.decimal))
    with pytest.raises(Unrepresentable, match="are one term in the store") as caught:
        trip.learn_literals()
    assert '"1.0"' in str(caught.value) and '"1.00"' in str(caught.value)


def test_round_trip_refuses_what_the_store_cannot_hold() -> None:
    trip = RoundTrip()
    with pytest.raises(Unrepresentable, match=re.escape("IRI 'http://ex.org/a b' is not valid in the store")):
        trip.to_ox(URIRef("http://ex.org/a b"))
    with pytest.raises(Unrepresentable, match="is not valid in the store"):
        trip.to_ox(Literal("x", datatype=URIRef("http://ex.org/bad type")))
    with pytest.raises(Unrepresentable, match="cannot be stored"):
        trip.to_ox("x")  # type: ignore[arg-type]
    literal_subject = Graph()
    literal_subject.add((Literal("x"), P, OBJ))
    with pytest.raises(Unrepresentable, match="generalised triple"):
        list(trip.quads(literal_subject, G1))
    with pytest.raises(TypeError, match="RDF-star"):
        trip.to_rdflib(ox.Triple(iri(str(S)), iri(str(P)), iri(str(OBJ))))
    assert issubclass(Unrepresentable, ValueError)
