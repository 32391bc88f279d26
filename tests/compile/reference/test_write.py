"""What the reference writer writes: canonical, sorted N-Quads (the same bytes for the same data, whatever
the blank-node ids) and a store whose default graph is the default view."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef

from coi_graph.compile.reference.write import canonical_nquads, write_build
from coi_graph.namespaces import Graphs

S, P, Q = URIRef("http://ex.org/s"), URIRef("http://ex.org/p"), URIRef("http://ex.org/q")
OTHER = URIRef("http://ex.org/g")
REGISTRY = "<https://w3id.org/coi-graph/graph/registry>"


def _layers(blank: BNode) -> dict[URIRef, Graph]:
    registry = Graph()
    registry.add((S, P, blank))
    registry.add((blank, Q, Literal("x", lang="en")))
    other = Graph()
    other.add((URIRef("http://ex.org/a"), P, Literal(1)))
    return {Graphs.REGISTRY: registry, OTHER: other}


def test_canonical_nquads_relabels_blank_nodes_and_sorts_lines() -> None:
    assert canonical_nquads(_layers(BNode("anything"))) == (
        '<http://ex.org/a> <http://ex.org/p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> <http://ex.org/g> .\n'
        f"<http://ex.org/s> <http://ex.org/p> _:c14n0 {REGISTRY} .\n"
        f'_:c14n0 <http://ex.org/q> "x"@en {REGISTRY} .\n'
    )


def test_canonical_nquads_is_the_same_whatever_the_ids_and_the_order_of_the_layers() -> None:
    first = canonical_nquads(_layers(BNode("b1")))
    reordered = dict(reversed(list(_layers(BNode()).items())))
    assert canonical_nquads(reordered) == first


def test_write_build_writes_the_dump_and_a_store_with_the_default_view(tmp_path: Path) -> None:
    dump = write_build(tmp_path, _layers(BNode("b")))
    assert dump == tmp_path / "graph.nq"
    assert dump.read_text(encoding="utf-8") == canonical_nquads(_layers(BNode("c")))
    store = ox.Store.read_only(str(tmp_path / "store"))
    assert len(list(store.quads_for_pattern(None, None, None, ox.NamedNode(str(OTHER))))) == 1
    default = list(store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    # the registry is part of the default view; the other graph is not
    assert sorted(str(q.predicate) for q in default) == ["<http://ex.org/p>", "<http://ex.org/q>"]
    assert "<http://ex.org/a>" not in {str(q.subject) for q in default}
