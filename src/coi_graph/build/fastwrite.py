"""Write a build from the in-memory store: the canonical, sorted N-Quads dump and the persistent store.

The dump holds the named graphs (the default graph is the analyst's view, derived from them);
blank nodes are relabelled with RDFC-1.0 and the lines sorted, so that the same data gives the same
bytes. The persistent store is filled from the same quads with Oxigraph's bulk loader, and its
default graph with the view (see :data:`coi_graph.store.DEFAULT_VIEW`).
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from coi_graph.store import DEFAULT_VIEW, DUMP_FILE, STORE_DIR


def named_quads(store: ox.Store) -> list[ox.Quad]:
    """Every quad of a named graph, blank nodes canonicalised (RDFC-1.0) when there are any."""
    quads = [
        q for q in store.quads_for_pattern(None, None, None, None) if not isinstance(q.graph_name, ox.DefaultGraph)
    ]
    if any(isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode) for q in quads):
        dataset = ox.Dataset(quads)
        dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
        quads = list(dataset)
    return quads


def write_build_store(directory: Path, store: ox.Store) -> Path:
    """Write ``graph.nq`` and ``store/`` into ``directory``; return the dump's path."""
    quads = named_quads(store)
    lines = sorted(f"{quad} ." for quad in quads)
    dump = directory / DUMP_FILE
    dump.write_text("\n".join(lines) + "\n", encoding="utf-8")
    persistent = ox.Store(str(directory / STORE_DIR))
    persistent.bulk_extend(quads)
    persistent.update(DEFAULT_VIEW)
    persistent.flush()
    del persistent
    return dump
