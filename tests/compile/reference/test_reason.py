"""The reference reasoner (owlrl) as the build's fallback calls it: what it keeps, and that it leaves rdflib
as it found it."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

from coi_graph.compile.lexical import ill_typed
from coi_graph.compile.reference.reason import reason
from coi_graph.namespaces import ID

A, B = URIRef(ID + "entity/a"), URIRef(ID + "entity/b")
ACTOR, AGENT = URIRef("https://example.org/Actor"), URIRef("https://example.org/Agent")


def test_the_subclass_closure_is_inferred_and_only_data_resources_are_kept() -> None:
    graph = Graph()
    graph.add((ACTOR, RDFS.subClassOf, AGENT))
    graph.add((A, RDF.type, ACTOR))
    inferred, errors = reason([graph])
    assert (A, RDF.type, AGENT) in inferred
    assert (A, RDF.type, OWL.Thing) not in inferred  # trivial types are dropped
    assert not any(s == ACTOR for s in inferred.subjects())  # entailments about the vocabulary are dropped
    assert errors == []


def test_a_disjointness_violation_is_an_inconsistency_message() -> None:
    graph = Graph()
    graph.add((ACTOR, OWL.disjointWith, AGENT))
    graph.add((A, RDF.type, ACTOR))
    graph.add((A, RDF.type, AGENT))
    _, errors = reason([graph])
    assert len(errors) == 1 and str(A) in errors[0]


def test_rdflib_judges_literals_the_same_after_owlrl_ran() -> None:
    """Regression: owlrl left its lexical converters in rdflib, and "2024-01Z" became an ill-typed
    xsd:gYearMonth for every later check in the process (the build's admission among them)."""
    before = (Literal("2024-01Z", datatype=XSD.gYearMonth).ill_typed, ill_typed("2024-01Z", str(XSD.gYearMonth)))
    graph = Graph()
    graph.add((B, URIRef("https://example.org/on"), Literal("2024-01", datatype=XSD.gYearMonth)))
    reason([graph])
    after = (Literal("2024-01Z", datatype=XSD.gYearMonth).ill_typed, ill_typed("2024-01Z", str(XSD.gYearMonth)))
    assert after == before == (None, False)
