"""Ontology quality: labels and definitions, alignment, versioning, and OWL RL axioms that do work."""

from __future__ import annotations

import owlrl
import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from coi_graph import _genvocab
from coi_graph.compile.reference.reason import reason
from coi_graph.resources import ontology_path
from coi_graph.vocab import COI

ENT = Namespace("https://w3id.org/coi-graph/id/entity/")
ONTOLOGY = Graph().parse(ontology_path(), format="turtle")

UNDOCUMENTED = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl:  <http://www.w3.org/2002/07/owl#>
SELECT ?term ?missing WHERE {
  ?term a ?kind .
  VALUES ?kind { owl:Class owl:ObjectProperty owl:DatatypeProperty skos:Concept skos:ConceptScheme }
  FILTER STRSTARTS(STR(?term), "https://w3id.org/coi-graph/ontology#")
  { FILTER NOT EXISTS { ?term rdfs:label ?l } BIND("label" AS ?missing) }
  UNION
  { FILTER NOT EXISTS { ?term skos:definition ?d } BIND("definition" AS ?missing) }
}
"""


def test_every_class_property_and_concept_has_a_label_and_a_definition() -> None:
    missing = [(str(row[0]), str(row[1])) for row in ONTOLOGY.query(UNDOCUMENTED)]
    assert missing == []


def test_the_ontology_is_big_enough_to_mean_something() -> None:
    classes = set(ONTOLOGY.subjects(RDF.type, OWL.Class))
    properties = set(ONTOLOGY.subjects(RDF.type, OWL.ObjectProperty)) | set(
        ONTOLOGY.subjects(RDF.type, OWL.DatatypeProperty)
    )
    assert len(classes) >= 50
    assert len(properties) >= 90


def test_versioned_ontology_iri() -> None:
    ontology = URIRef("https://w3id.org/coi-graph/ontology")
    assert (ontology, RDF.type, OWL.Ontology) in ONTOLOGY
    version_iri = ONTOLOGY.value(ontology, OWL.versionIRI)
    version = ONTOLOGY.value(ontology, OWL.versionInfo)
    assert version_iri is not None and version is not None
    assert str(version_iri).endswith("/" + str(version))


@pytest.mark.parametrize(
    "namespace",
    [
        "http://www.w3.org/ns/prov#",
        "http://www.w3.org/2006/time#",
        "http://www.opengis.net/ont/geosparql#",
        "http://www.w3.org/2004/02/skos/core#",
        "http://purl.org/dc/terms/",
        "https://schema.org/",
    ],
)
def test_aligned_to_standard_vocabulary(namespace: str) -> None:
    """Some coi class or property is a subclass, subproperty or close match of a term of the vocabulary."""
    links = (RDFS.subClassOf, RDFS.subPropertyOf, SKOS.closeMatch)
    aligned = [
        (s, o)
        for p in links
        for s, o in ONTOLOGY.subject_objects(p)
        if str(s).startswith(str(COI)) and str(o).startswith(namespace)
    ]
    assert aligned, f"no alignment to {namespace}"


def test_generated_vocabulary_is_in_sync_with_the_ontology() -> None:
    assert _genvocab.target_path().read_text(encoding="utf-8") == _genvocab.render(ONTOLOGY), (
        "src/coi_graph/vocab.py is stale: run 'python -m coi_graph._genvocab'"
    )


def _infer(*triples: tuple[URIRef, URIRef, URIRef]) -> tuple[Graph, list[str]]:
    data = Graph()
    for triple in triples:
        data.add(triple)
    return reason([ONTOLOGY, data])


def test_located_in_is_transitive_and_has_an_inverse() -> None:
    inferred, errors = _infer((ENT.base, COI.locatedIn, ENT.governorate), (ENT.governorate, COI.locatedIn, ENT.country))
    assert errors == []
    assert (ENT.base, COI.locatedIn, ENT.country) in inferred
    assert (ENT.country, COI.contains, ENT.base) in inferred


def test_presence_propagates_up_the_hierarchy_by_property_chain() -> None:
    inferred, _ = _infer(
        (ENT.force, COI.stationedAt, ENT.base),
        (ENT.base, COI.locatedIn, ENT.governorate),
        (ENT.governorate, COI.locatedIn, ENT.country),
    )
    assert (ENT.force, COI.presentAt, ENT.base) in inferred  # sub-property
    assert (ENT.force, COI.presentAt, ENT.governorate) in inferred  # chain
    assert (ENT.force, COI.presentAt, ENT.country) in inferred  # chain over the transitive closure
    assert (ENT.country, COI.hosts, ENT.force) in inferred  # inverse


def test_event_places_propagate_and_roles_have_inverses() -> None:
    inferred, _ = _infer(
        (ENT.patrol, COI.atPlace, ENT.governorate),
        (ENT.governorate, COI.locatedIn, ENT.country),
        (ENT.patrol, COI.agent, ENT.force),
    )
    assert (ENT.patrol, COI.atPlace, ENT.country) in inferred
    assert (ENT.force, COI.agentOf, ENT.patrol) in inferred
    assert (ENT.patrol, COI.involves, ENT.force) in inferred
    assert (ENT.patrol, RDF.type, COI.Event) in inferred  # domain


def test_symmetric_alliance_implies_support_both_ways() -> None:
    inferred, _ = _infer((ENT.a, COI.alliedWith, ENT.b))
    assert (ENT.b, COI.alliedWith, ENT.a) in inferred
    assert (ENT.a, COI.supports, ENT.b) in inferred
    assert (ENT.b, COI.supports, ENT.a) in inferred


def test_fighting_is_opposing() -> None:
    inferred, _ = _infer((ENT.coalition, COI.fights, ENT.group))
    assert (ENT.coalition, COI.opposes, ENT.group) in inferred


def test_disjoint_classes_make_an_inconsistency() -> None:
    _, errors = _infer((ENT.x, RDF.type, COI.Person), (ENT.x, RDF.type, COI.Place))
    assert errors, "a person that is also a place must be reported"


def test_preferred_labels_become_rdfs_labels() -> None:
    data = Graph()
    data.add((ENT.x, SKOS.prefLabel, Literal("X", lang="en")))
    inferred, _ = reason([ONTOLOGY, data])
    assert (ENT.x, RDFS.label, Literal("X", lang="en")) in inferred


def test_ontology_stays_in_owl_rl() -> None:
    """Constructs outside OWL 2 RL are absent (owlrl would silently ignore them)."""
    forbidden = [OWL.unionOf, OWL.someValuesFrom, OWL.minCardinality, OWL.ReflexiveProperty]
    used = [str(p) for p in forbidden if any(ONTOLOGY.triples((None, p, None))) or (None, RDF.type, p) in ONTOLOGY]
    assert used == []
    assert owlrl.OWLRL_Semantics is not None
