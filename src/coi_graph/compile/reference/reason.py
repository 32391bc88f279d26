"""OWL 2 RL reasoning with owlrl; the inferred triples go to a graph of their own.

The closure is computed over the ontology and every asserted layer except the content of
claims that are not affirmative (planned, intended, possible, negated), which the plain
layer leaves out. Only what reasoning adds about the data is kept: triples whose subject is
a data resource (an IRI under https://w3id.org/coi-graph/id/), without reflexive owl:sameAs
or trivial types such as owl:Thing. Entailments about the vocabularies themselves are dropped.
OWL RL inconsistencies (e.g. an individual in two disjoint classes) are returned as messages.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

import owlrl
from rdflib import BNode, Graph, URIRef
from rdflib import term as rdflib_term
from rdflib.namespace import OWL, RDF, RDFS, XSD
from rdflib.term import Node

from coi_graph.namespaces import ID

log = logging.getLogger(__name__)

_W3C = (str(RDF), str(RDFS), str(OWL), str(XSD))
_TRIVIAL_TYPES = {OWL.Thing, RDFS.Resource, OWL.NamedIndividual, RDFS.Class, OWL.Class}
_ERROR_NS = "http://www.daml.org/2002/03/agents/agent-ont#"


def _keep(s: Node, p: Node, o: Node) -> bool:
    if not isinstance(s, URIRef) or not str(s).startswith(str(ID)) or isinstance(o, BNode):
        return False
    if p == OWL.sameAs and s == o:
        return False
    return not (p == RDF.type and (o in _TRIVIAL_TYPES or str(o).startswith(_W3C)))


def reason(graphs: Iterable[Graph]) -> tuple[Graph, list[str]]:
    """Return (inferred triples, inconsistency messages) for the union of ``graphs``."""
    closure = Graph()
    for graph in graphs:
        closure += graph
    asserted = set(closure)
    log.info("reasoning over %d triples (OWL 2 RL, owlrl)", len(asserted))
    # owlrl swaps its own lexical converters into rdflib for the closure and puts back only those rdflib
    # has itself, so rdflib would judge a gYearMonth such as "2024-01Z" ill-typed ever after in this process
    conversions = dict(rdflib_term._toPythonMapping)
    try:
        owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(closure)
    finally:
        rdflib_term._toPythonMapping.clear()
        rdflib_term._toPythonMapping.update(conversions)
    errors: list[str] = []
    for message in closure.subjects(RDF.type, URIRef(_ERROR_NS + "ErrorMessage")):
        for text in closure.objects(message, URIRef(_ERROR_NS + "error")):
            errors.append(str(text))
    inferred = Graph()
    for triple in closure:
        if triple not in asserted and _keep(*triple):
            inferred.add(triple)
    return inferred, sorted(errors)
