"""rdflib in, rdflib out: the compiled rules run on rdflib graphs in a scratch store (the twin of owlrl's step)."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import Graph, Literal
from rdflib.namespace import XSD

from coi_graph.compile.reason.compiler import compile_rules
from coi_graph.compile.reason.run import infer_violations
from coi_graph.compile.reason.vocabulary import UnsupportedData
from coi_graph.compile.terms import RoundTrip, Unrepresentable

# ---------------------------------------------------------------------------------------------
# rdflib in, rdflib out: the drop-in twin of reason.reason
# ---------------------------------------------------------------------------------------------


def _refuse_explicit_strings(graphs: list[Graph]) -> None:
    """owlrl tells an explicit xsd:string literal from a plain one; RDF 1.1 and the store do not."""
    for graph in graphs:
        for term in graph.objects():
            if isinstance(term, Literal) and term.datatype == XSD.string:
                raise UnsupportedData(
                    f"literal {term.n3()} is explicitly xsd:string: "
                    "owlrl tells it from a plain literal, RDF 1.1 does not"
                )


def reason_graphs(graphs: Iterable[Graph], ontology: Graph) -> tuple[Graph, list[str]]:
    """What :func:`coi_graph.compile.reference.reason.reason` returns for the union of ``graphs`` (inferred triples,
    inconsistency messages), computed with the compiled rules of ``ontology`` in a temporary store."""
    rules = compile_rules(ontology)
    graphs = list(graphs)
    _refuse_explicit_strings(graphs)
    store = ox.Store()
    terms = RoundTrip()
    names = []
    try:
        for i, graph in enumerate(graphs):
            name = ox.NamedNode(f"urn:coi-graph:reason:input:{i}")
            store.extend(terms.quads(graph, name))
            names.append(name)
        terms.learn_literals()
    except Unrepresentable as exc:
        raise UnsupportedData(str(exc)) from exc
    into = ox.NamedNode("urn:coi-graph:reason:inferred")
    _, violations = infer_violations(store, rules, names, into)
    inferred = Graph()
    for quad in store.quads_for_pattern(None, None, None, into):
        inferred.add((terms.to_rdflib(quad.subject), terms.to_rdflib(quad.predicate), terms.to_rdflib(quad.object)))
    return inferred, sorted({v.render(terms.show) for v in violations})
