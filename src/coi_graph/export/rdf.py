"""The built graph as RDF: TriG, N-Quads and JSON-LD keep every named graph (so the claim structure:
one graph per claim, described in graph:claims); Turtle writes one graph. Each reads back isomorphic to
what it holds, blank nodes and literals' lexical forms included (tests/export/test_roundtrips.py).

The JSON-LD carries the published context (ontology/context.jsonld, also at
https://w3id.org/coi-graph/context.jsonld) inline, so that it reads offline; :mod:`coi_graph.export.jsonld`
writes it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox

from coi_graph.errors import CoiGraphError
from coi_graph.export.jsonld import to_jsonld
from coi_graph.namespaces import GRAPH, PREFIXES
from coi_graph.resources import ontology_path
from coi_graph.store import DUMP_FILE

RDF_FORMATS = ("turtle", "trig", "nquads", "jsonld")
LAYERS = ("ontology", "registry", "documents", "claims", "plain", "derived", "inferred", "wikidata")


def context() -> dict[str, object]:
    data = json.loads((ontology_path().parent / "context.jsonld").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _quads(build_dir: Path) -> list[ox.Quad]:
    dump = build_dir / DUMP_FILE
    if not dump.is_file():
        raise CoiGraphError(f"no built graph at {dump}", hint="run 'coi-graph build' first, or pass --build DIR")
    return list(ox.parse(path=str(dump), format=ox.RdfFormat.N_QUADS))


def graph_iri(name: str) -> str:
    """A layer name (plain, registry, …) or a full graph IRI."""
    if name in LAYERS:
        return str(GRAPH) + name
    if name.startswith(("http://", "https://", "urn:")):
        return name
    raise CoiGraphError(f"unknown graph {name!r}", hint=f"use one of {', '.join(LAYERS)} or a claim IRI")


def to_rdf(build_dir: Path, fmt: str, graph: str = "plain") -> str:
    quads = _quads(build_dir)
    if fmt == "nquads":
        return (build_dir / DUMP_FILE).read_text(encoding="utf-8")
    if fmt == "trig":
        data = ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=PREFIXES)
        assert data is not None
        return data.decode("utf-8")
    if fmt == "turtle":
        name = graph_iri(graph)
        triples = [ox.Triple(q.subject, q.predicate, q.object) for q in quads if q.graph_name == ox.NamedNode(name)]
        if not triples:
            raise CoiGraphError(f"the build has no graph {name}")
        data = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
        assert data is not None
        return data.decode("utf-8")
    if fmt == "jsonld":
        ctx = context()["@context"]
        assert isinstance(ctx, dict)
        return to_jsonld(quads, ctx)
    raise CoiGraphError(f"unknown RDF format {fmt!r}", hint=f"use one of {', '.join(RDF_FORMATS)}")
