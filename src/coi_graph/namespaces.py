"""IRIs of the project's data, named graphs and the standard vocabularies it uses.

The ontology's own terms are the ``COI`` namespace of :mod:`coi_graph.vocab`, generated from
ontology/coi.ttl.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SH, SKOS, XSD, NamespaceManager

BASE = "https://w3id.org/coi-graph/"

COI_NS = BASE + "ontology#"
ID = Namespace(BASE + "id/")
ENT = Namespace(BASE + "id/entity/")
EV = Namespace(BASE + "id/event/")
QTY = Namespace(BASE + "id/quantity/")
DOC = Namespace(BASE + "id/doc/")
CLAIM = Namespace(BASE + "id/claim/")
CANDIDATE = Namespace(BASE + "id/candidate/")
LINK = Namespace(BASE + "id/link/")
WORK = Namespace(BASE + "id/work/")
GRAPH = Namespace(BASE + "graph/")
SHAPES_NS = BASE + "shapes#"

WD = Namespace("http://www.wikidata.org/entity/")
GEO = Namespace("http://www.opengis.net/ont/geosparql#")
SCHEMA = Namespace("https://schema.org/")
TIME = Namespace("http://www.w3.org/2006/time#")


class Graphs:
    """The named graphs of a built dataset. Each claim's content is a further graph named by the claim IRI."""

    ONTOLOGY = URIRef(GRAPH + "ontology")
    REGISTRY = URIRef(GRAPH + "registry")
    DOCUMENTS = URIRef(GRAPH + "documents")
    CLAIMS = URIRef(GRAPH + "claims")
    PLAIN = URIRef(GRAPH + "plain")
    DERIVED = URIRef(GRAPH + "derived")
    INFERRED = URIRef(GRAPH + "inferred")
    WIKIDATA = URIRef(GRAPH + "wikidata")  # labels and aliases from the enrichment cache

    ASSERTED = (ONTOLOGY, REGISTRY, DOCUMENTS, CLAIMS)
    FIXED = (ONTOLOGY, REGISTRY, DOCUMENTS, CLAIMS, PLAIN, DERIVED, INFERRED, WIKIDATA)


PREFIXES: dict[str, str] = {
    "coi": COI_NS,
    "ent": str(ENT),
    "ev": str(EV),
    "qty": str(QTY),
    "doc": str(DOC),
    "claim": str(CLAIM),
    "cand": str(CANDIDATE),
    "link": str(LINK),
    "work": str(WORK),
    "graph": str(GRAPH),
    "coish": SHAPES_NS,
    "wd": str(WD),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "geo": str(GEO),
    "schema": str(SCHEMA),
    "time": str(TIME),
    "sh": str(SH),
}


def bind_prefixes(manager: NamespaceManager) -> None:
    """Bind the project prefixes on a graph's namespace manager."""
    for prefix, iri in PREFIXES.items():
        manager.bind(prefix, Namespace(iri), override=True, replace=True)


def short(iri: str) -> str:
    """A readable prefixed form of ``iri`` for messages (the longest matching project prefix), else ``<iri>``."""
    best = max((ns for ns in PREFIXES.values() if iri.startswith(ns) and len(iri) > len(ns)), key=len, default=None)
    if best is None:
        return f"<{iri}>"
    prefix = next(p for p, ns in PREFIXES.items() if ns == best)
    return f"{prefix}:{iri[len(best) :]}"
