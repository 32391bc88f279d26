"""What the reference derivation (rdflib) derives: the plain layer and the derived layer."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from coi_graph.compile.reference.derive import derived_layer, plain_layer
from coi_graph.namespaces import GEO, WD
from coi_graph.vocab import COI

ENT = "https://w3id.org/coi-graph/id/entity/"
CLAIM = URIRef("https://w3id.org/coi-graph/id/claim/x/1")


def test_plain_layer_takes_stated_and_reported_claims_only() -> None:
    claims, contents = Graph(), {}
    for index, modality in enumerate((COI.Stated, COI.Reported, COI.Planned, COI.Negated)):
        claim = URIRef(f"{CLAIM}{index}")
        claims.add((claim, RDF.type, COI.Claim))
        claims.add((claim, COI.modality, modality))
        content = Graph()
        content.add((URIRef(ENT + "a"), COI.supports, URIRef(f"{ENT}b{index}")))
        contents[claim] = content
    plain = plain_layer(claims, contents)
    assert {str(o)[-2:] for o in plain.objects()} == {"b0", "b1"}


def test_derived_layer() -> None:
    registry, claims = Graph(), Graph()
    place = URIRef(ENT + "place")
    registry.add((place, COI.wikidata, Literal("Q858")))
    registry.add((place, COI.latitude, Literal("35.5")))
    registry.add((place, COI.longitude, Literal("38.2")))
    registry.add((URIRef(ENT + "bad"), COI.wikidata, Literal("858")))
    claims.add((CLAIM, RDF.type, COI.Claim))
    content = Graph()
    content.add((URIRef(ENT + "a"), COI.presentAt, place))
    content.add((URIRef(ENT + "a"), RDF.type, COI.ArmedForce))
    derived = derived_layer(registry, Graph(), claims, {CLAIM: content})
    assert (place, COI.wikidataEntity, WD.Q858) in derived
    assert not list(derived.triples((URIRef(ENT + "bad"), COI.wikidataEntity, None)))  # malformed: left to the shapes
    geometry = derived.value(place, GEO.hasGeometry)
    assert str(derived.value(geometry, GEO.asWKT)) == "POINT(38.2 35.5)"  # WKT is longitude first
    assert set(derived.objects(CLAIM, COI.mentions)) == {URIRef(ENT + "a"), place}
    assert derived.value(CLAIM, COI.tripleCount) == Literal(2)
