"""A dataset as JSON-LD, written from its quads so that reading it back gives the same quads.

Every literal is a value object with its lexical form exactly as stored (``{"@value": "2000", "@type":
"xsd:integer"}``), never a JSON number or boolean, and every named graph is a graph object. IRIs are
shortened with the prefixes of the given context (``coi:supports``), which is written inline.

rdflib's JSON-LD writer, used before, lost data: it read the N-Quads with normalised lexical forms
("2024-12-08T10:00:00Z" became "…+00:00"), wrote doubles, integers and booleans as JSON numbers (so
"1000"^^xsd:double came back as an xsd:integer), dropped the type of ill-typed literals, dropped a
value that compared false when the same subject and property had another value ("0", ""), and skipped
blank nodes that are only ever objects of each other.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping

import pyoxigraph as ox

from coi_graph.errors import CoiGraphError

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

Node = dict[str, object]


class _Shortener:
    """IRIs as compact IRIs where a prefix of the context allows it, else as they are."""

    def __init__(self, context: Mapping[str, object]) -> None:
        self.prefixes = {
            name: iri for name, iri in context.items() if isinstance(iri, str) and not name.startswith("@")
        }
        self._by_length = sorted(self.prefixes.items(), key=lambda item: -len(item[1]))

    def __call__(self, iri: str) -> str:
        scheme, colon, rest = iri.partition(":")
        if colon and scheme in self.prefixes and not rest.startswith("//"):
            # a reader would take e.g. geo:35,38 for a compact IRI of the prefix geo: and expand it
            raise CoiGraphError(
                f"the IRI <{iri}> cannot be written as JSON-LD with this context, whose prefix {scheme!r} "
                "would change it",
                hint="export TriG or N-Quads instead",
            )
        for name, namespace in self._by_length:
            suffix = iri[len(namespace) :]
            if iri.startswith(namespace) and suffix and not suffix.startswith("//"):
                return f"{name}:{suffix}"
        return iri


def _node_id(term: object, shorten: _Shortener) -> str:
    if isinstance(term, ox.NamedNode):
        return shorten(term.value)
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    raise CoiGraphError(f"JSON-LD 1.1 cannot hold the RDF 1.2 triple term {term}", hint="export N-Quads instead")


def _value(term: object, shorten: _Shortener) -> Node:
    if not isinstance(term, ox.Literal):
        return {"@id": _node_id(term, shorten)}
    if term.direction is not None:
        raise CoiGraphError(f"JSON-LD readers drop the base direction of {term}", hint="export N-Quads instead")
    if term.language is not None:
        return {"@language": term.language, "@value": term.value}
    if term.datatype.value == XSD_STRING:
        return {"@value": term.value}
    return {"@type": shorten(term.datatype.value), "@value": term.value}


def _sort_key(value: Node) -> tuple[str, str, str]:
    return (str(value.get("@id", "")), str(value.get("@value", "")), json.dumps(value, sort_keys=True))


def _nodes(quads: Iterable[ox.Quad], shorten: _Shortener) -> list[Node]:
    """The node objects of one graph's triples, sorted by id, their properties and values sorted too."""
    properties: dict[str, dict[str, list[Node]]] = defaultdict(lambda: defaultdict(list))
    types: dict[str, list[str]] = defaultdict(list)
    for quad in quads:
        subject = _node_id(quad.subject, shorten)
        if quad.predicate.value == RDF_TYPE and isinstance(quad.object, ox.NamedNode):
            types[subject].append(shorten(quad.object.value))
        else:  # a blank node or literal type stays an ordinary rdf:type value
            properties[subject][shorten(quad.predicate.value)].append(_value(quad.object, shorten))
    nodes: list[Node] = []
    for subject in sorted(set(properties) | set(types)):
        node: Node = {"@id": subject}
        if subject in types:
            node["@type"] = sorted(types[subject])
        for key in sorted(properties[subject]):
            node[key] = sorted(properties[subject][key], key=_sort_key)
        nodes.append(node)
    return nodes


def to_jsonld(quads: Iterable[ox.Quad], context: Mapping[str, object]) -> str:
    """The quads as one JSON-LD document with ``context`` (the value of its ``@context``) inline: the default
    graph's nodes at the top of ``@graph``, then one graph object per named graph, in IRI order."""
    shorten = _Shortener(context)
    graphs: dict[ox.NamedNode | ox.BlankNode | ox.DefaultGraph, list[ox.Quad]] = defaultdict(list)
    for quad in quads:
        graphs[quad.graph_name].append(quad)
    top: list[Node] = _nodes(graphs.pop(ox.DefaultGraph(), []), shorten)
    for name in sorted(graphs, key=lambda g: _node_id(g, shorten)):
        top.append({"@id": _node_id(name, shorten), "@graph": _nodes(graphs[name], shorten)})
    return json.dumps({"@context": dict(context), "@graph": top}, indent=1, ensure_ascii=False) + "\n"
