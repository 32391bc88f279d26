"""What the build derives from the asserted data.

- the plain layer: the union of the content of every claim whose modality is affirmative
  (stated or reported), so that ``?s coi:supports ?o`` works without reading claims;
- per claim: the resources its content mentions and its number of triples;
- per entity: the Wikidata entity IRI from the QID, and a GeoSPARQL geometry from verified
  coordinates.

Nothing here is curated: it is recomputed on every build.
"""

from __future__ import annotations

import re

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from coi_graph.namespaces import GEO, ID, WD
from coi_graph.vocab import COI

AFFIRMATIVE = frozenset({COI.Stated, COI.Reported})
QID = re.compile(r"^Q[1-9][0-9]*$")


def plain_layer(claims: Graph, contents: dict[URIRef, Graph]) -> Graph:
    """The union of affirmative claims' content."""
    plain = Graph()
    for claim, graph in contents.items():
        if set(claims.objects(claim, COI.modality)) & AFFIRMATIVE:
            plain += graph
    return plain


def derived_layer(registry: Graph, documents: Graph, claims: Graph, contents: dict[URIRef, Graph]) -> Graph:
    derived = Graph()
    for claim in sorted({c for c in claims.subjects(RDF.type, COI.Claim) if isinstance(c, URIRef)}):
        content = contents.get(claim, Graph())
        derived.add((claim, COI.tripleCount, Literal(len(content))))
        mentioned = {
            term for s, _, o in content for term in (s, o) if isinstance(term, URIRef) and str(term).startswith(str(ID))
        }
        for term in mentioned:
            derived.add((claim, COI.mentions, term))
    for graph in (registry, documents):
        for entity, _, qid in graph.triples((None, COI.wikidata, None)):
            if QID.match(str(qid)):
                derived.add((entity, COI.wikidataEntity, WD[str(qid)]))
        for place, _, lat in graph.triples((None, COI.latitude, None)):
            lon = graph.value(place, COI.longitude)
            if lon is None or not isinstance(place, URIRef):
                continue
            geometry = URIRef(f"{place}/geometry")
            derived.add((place, GEO.hasGeometry, geometry))
            derived.add((geometry, RDF.type, GEO.Geometry))
            wkt = f"POINT({lon} {lat})"
            derived.add((geometry, GEO.asWKT, Literal(wkt, datatype=GEO.wktLiteral)))
    return derived
