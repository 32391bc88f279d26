"""The one bridge between rdflib terms and Oxigraph terms: how a term crosses, and which literal forms each keeps.

The build keeps its data in an Oxigraph store and reads the ontology and shapes with rdflib; every
module that moves a term from one library to the other does it here.

- Into the store (:func:`iri`, :func:`to_ox`, :func:`to_quads`): IRIs are memoised, blank-node ids kept,
  literals in the lexical form they were written in (the store may canonicalise some: see
  :func:`stored_form`).
- Out of the store (:func:`to_rdflib`): a simple literal comes back with no datatype, as rdflib reads
  N-Triples and pySHACL sees it; with ``string_datatype`` it keeps an explicit ``xsd:string``, which is
  what the loader's metadata graphs and the derived dates compare against.
- Whole graphs (:func:`graph`): the union of some named graphs of a store as one rdflib graph, through
  N-Triples text, for owlrl and pySHACL.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal

_XSD_STRING = str(XSD.string)


@lru_cache(maxsize=65536)
def iri(value: str) -> ox.NamedNode:
    """An IRI (a string or an rdflib URIRef) as an Oxigraph named node; memoised."""
    return ox.NamedNode(str(value))


def to_ox(node: Node) -> OxTerm:
    """An rdflib term as an Oxigraph term: blank-node ids kept, literals as written."""
    if isinstance(node, URIRef):
        return iri(str(node))
    if isinstance(node, Literal):
        if node.language:
            return ox.Literal(str(node), language=node.language)
        if node.datatype is not None:
            return ox.Literal(str(node), datatype=iri(str(node.datatype)))
        return ox.Literal(str(node))
    if isinstance(node, BNode):
        return ox.BlankNode(str(node))
    raise TypeError(f"not an RDF term: {node!r}")


def to_quads(
    triples: Iterable[tuple[Node, Node, Node]], graph: ox.NamedNode | ox.DefaultGraph | None = None
) -> Iterator[ox.Quad]:
    """rdflib triples as quads in ``graph`` (the default graph if None)."""
    name = graph if graph is not None else ox.DefaultGraph()
    for s, p, o in triples:
        subject, predicate = to_ox(s), to_ox(p)
        assert isinstance(subject, (ox.NamedNode, ox.BlankNode)) and isinstance(predicate, ox.NamedNode)
        yield ox.Quad(subject, predicate, to_ox(o), name)


def to_rdflib(term: object, *, string_datatype: bool = False) -> Node:
    """An Oxigraph term as an rdflib term. A simple literal has no datatype unless ``string_datatype``.
    Raises TypeError for anything else (an RDF-star triple, a default graph)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING and not string_datatype:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"not an RDF term: {term!r}")


def to_triple(quad: ox.Quad, *, string_datatype: bool = False) -> tuple[Node, Node, Node]:
    """A quad's triple as rdflib terms."""
    return (
        to_rdflib(quad.subject, string_datatype=string_datatype),
        to_rdflib(quad.predicate, string_datatype=string_datatype),
        to_rdflib(quad.object, string_datatype=string_datatype),
    )


def graph(store: ox.Store, graphs: Iterable[ox.NamedNode]) -> Graph:
    """The union of some named graphs of ``store`` as one rdflib graph (what owlrl and pySHACL read)."""
    text = "".join(f"{quad.triple} .\n" for name in graphs for quad in store.quads_for_pattern(None, None, None, name))
    return Graph().parse(data=text, format="nt")


def stored_forms(literals: Iterable[ox.Literal]) -> dict[ox.Literal, ox.Literal]:
    """Each literal and the form the store keeps of it (Oxigraph canonicalises some: "1.0"^^xsd:decimal
    is kept as "1", language tags in lower case). One scratch store for all of them."""
    given = list(dict.fromkeys(literals))
    store = ox.Store()
    value = ox.NamedNode("urn:coi-graph:terms:value")
    store.extend(ox.Quad(ox.NamedNode(f"urn:coi-graph:terms:{i}"), value, term) for i, term in enumerate(given))
    kept = {str(q.subject): q.object for q in store.quads_for_pattern(None, value, None)}
    forms: dict[ox.Literal, ox.Literal] = {}
    for i, term in enumerate(given):
        stored = kept[f"<urn:coi-graph:terms:{i}>"]
        assert isinstance(stored, ox.Literal)
        forms[term] = stored
    return forms


def stored_form(literal: ox.Literal) -> ox.Literal:
    """The form the store keeps of one literal."""
    return stored_forms([literal])[literal]


class Unrepresentable(ValueError):
    """A term the store cannot hold: an invalid IRI or literal, a literal subject, two literals that the
    store keeps as one term."""


class RoundTrip:
    """rdflib terms into a store and back to the very terms that went in.

    The store normalises some literals (language tags to lower case, numbers to canonical form) and
    gives blank nodes its own ids; the way back returns the rdflib term that went in. Call
    :meth:`learn_literals` after the last term went in and before the first comes back.
    """

    def __init__(self) -> None:
        self.blanks: dict[BNode, ox.BlankNode] = {}
        self.blanks_back: dict[str, BNode] = {}
        self.literals: dict[Literal, ox.Literal] = {}
        self.literals_back: dict[ox.Literal, Literal] = {}

    def to_ox(self, term: Node) -> OxTerm:
        if isinstance(term, URIRef):
            try:
                return iri(str(term))
            except ValueError as exc:
                raise Unrepresentable(f"IRI {str(term)!r} is not valid in the store") from exc
        if isinstance(term, BNode):
            if term not in self.blanks:
                self.blanks[term] = ox.BlankNode()
                self.blanks_back[self.blanks[term].value] = term
            return self.blanks[term]
        if isinstance(term, Literal):
            if term not in self.literals:
                try:
                    self.literals[term] = to_ox(term)  # type: ignore[assignment]
                except ValueError as exc:
                    raise Unrepresentable(f"literal {term.n3()} is not valid in the store") from exc
            return self.literals[term]
        raise Unrepresentable(f"term {term!r} cannot be stored")

    def quads(self, graph: Graph, name: ox.NamedNode) -> Iterator[ox.Quad]:
        """The triples of ``graph`` as quads in ``name``; a generalised triple is refused."""
        for s, p, o in graph:
            subject, predicate = self.to_ox(s), self.to_ox(p)
            if isinstance(subject, ox.Literal) or not isinstance(predicate, ox.NamedNode):
                raise Unrepresentable(f"generalised triple ({s}, {p}, {o}) cannot be stored")
            yield ox.Quad(subject, predicate, self.to_ox(o), name)

    def learn_literals(self) -> None:
        """Learn how the store writes each literal that went in."""
        forms = stored_forms(self.literals.values())
        for original, term in self.literals.items():
            stored = forms[term]
            if self.literals_back.setdefault(stored, original) != original:
                raise Unrepresentable(
                    f"literals {self.literals_back[stored].n3()} and {original.n3()} are one term in the store"
                )

    def to_rdflib(self, term: OxTerm | ox.Triple) -> Node:
        if isinstance(term, ox.NamedNode):
            return URIRef(term.value)
        if isinstance(term, ox.BlankNode):
            return self.blanks_back.get(term.value, BNode(term.value))
        if isinstance(term, ox.Triple):
            raise TypeError(f"RDF-star triple terms are not RDF 1.1: {term}")
        return self.literals_back[term]

    def show(self, term: OxTerm) -> str:
        return str(self.to_rdflib(term))
