"""Write a built dataset: canonical, sorted N-Quads (byte-identical for the same input) and the Oxigraph store."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef

from coi_graph.store import DUMP_FILE, STORE_DIR, load_store


def canonical_nquads(layers: dict[URIRef, Graph]) -> str:
    """All layers as N-Quads, blank nodes relabelled with RDFC-1.0 and lines sorted."""
    dataset = Dataset()
    for name, graph in layers.items():
        target = dataset.graph(name)
        for triple in graph:
            target.add(triple)
    text = dataset.serialize(format="nquads")
    canonical = ox.Dataset(ox.parse(input=text.encode("utf-8"), format=ox.RdfFormat.N_QUADS))
    canonical.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    lines = sorted(f"{quad} ." for quad in canonical)
    return "\n".join(lines) + "\n"


def write_build(directory: Path, layers: dict[URIRef, Graph]) -> Path:
    """Write ``graph.nq`` and ``store/`` into ``directory``; return the dump's path."""
    dump = directory / DUMP_FILE
    dump.write_text(canonical_nquads(layers), encoding="utf-8")
    load_store(directory / STORE_DIR, dump)
    return dump
