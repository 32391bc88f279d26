"""Write a build from the in-memory store: the canonical, sorted N-Quads dump and the persistent store.

The dump holds the named graphs (the default graph is the analyst's view, derived from them);
blank nodes are relabelled with RDFC-1.0 and the lines sorted, so that the same data gives the same
bytes. The persistent store is bulk-loaded from the same bytes, and its default graph with the view
(see :data:`coi_graph.store.DEFAULT_VIEW`): the union of the view's graphs, each triple once.

Everything stays in bytes serialised by Oxigraph: a million quads as Python objects took 2.5 GB and
14 s, and filling the view with a SPARQL update on the persistent store another 13 s (docs/benchmarks.md).
RDFC-1.0 labels depend only on the quads that hold blank nodes, so only those are canonicalised.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from coi_graph.store import DEFAULT_GRAPHS, DUMP_FILE, STORE_DIR

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer


def _canonical(lines: list[bytes]) -> list[bytes]:
    """The lines (N-Quads) with their blank nodes relabelled by RDFC-1.0."""
    dataset = ox.Dataset(ox.parse(b"\n".join(lines), format=ox.RdfFormat.N_QUADS))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return [f"{quad} .".encode() for quad in dataset]


def named_lines(store: ox.Store) -> list[bytes]:
    """Every quad of a named graph as a sorted N-Quads line, blank nodes canonicalised (RDFC-1.0)."""
    buffer = io.BytesIO()
    store.dump(buffer, format=ox.RdfFormat.N_QUADS)
    lines = buffer.getvalue().splitlines()
    del buffer
    default = _graph_lines(store, ox.DefaultGraph())
    if default:  # a quad of the default graph is written as its N-Triples line
        lines = [line for line in lines if line not in default]
    blank = [line for line in lines if b"_:" in line]
    if blank:
        lines = [line for line in lines if b"_:" not in line] + _canonical(blank)
    lines.sort()
    return lines


def _graph_lines(store: ox.Store, graph: ox.NamedNode | ox.DefaultGraph) -> set[bytes]:
    buffer = io.BytesIO()
    store.dump(buffer, format=ox.RdfFormat.N_TRIPLES, from_graph=graph)
    return set(buffer.getvalue().splitlines())


def default_view(lines: list[bytes]) -> list[bytes]:
    """The default graph from the named graphs' lines: the union of the view's graphs, each triple once,
    as sorted N-Triples lines (the graph IRI, the last term before " .", contains no space)."""
    graphs = {f"<{g}>".encode() for g in DEFAULT_GRAPHS}
    triples = set()
    for line in lines:
        head, graph, _ = line.rsplit(b" ", 2)
        if graph in graphs:
            triples.add(head + b" .")
    return sorted(triples)


def write_build_store(directory: Path, store: ox.Store) -> Path:
    """Write ``graph.nq`` and ``store/`` into ``directory``; return the dump's path."""
    lines = named_lines(store)
    dump = directory / DUMP_FILE
    with dump.open("wb") as handle:
        handle.writelines(line + b"\n" for line in lines)
    lines += default_view(lines)  # an N-Quads line without a graph is a triple of the default graph
    # the bulk loader gives blank nodes fresh random ids: the lines that have some go in as parsed quads,
    # which keep their canonical labels; the others are streamed to it (lenient: Oxigraph wrote them)
    blank = [line for line in lines if b"_:" in line]
    persistent = ox.Store(str(directory / STORE_DIR))
    reader = io.BufferedReader(_LineReader(line for line in lines if b"_:" not in line), buffer_size=1 << 20)
    persistent.bulk_load(reader, format=ox.RdfFormat.N_QUADS, lenient=True)
    del lines, reader
    persistent.bulk_extend(ox.parse(b"\n".join(blank), format=ox.RdfFormat.N_QUADS))
    persistent.flush()
    del persistent
    return dump


class _LineReader(io.RawIOBase):
    """A binary stream over lines, each followed by a newline, without joining them in memory."""

    def __init__(self, lines: Iterator[bytes]) -> None:
        self._lines = lines
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        view = memoryview(buffer).cast("B")
        while not self._pending:
            line = next(self._lines, None)
            if line is None:
                return 0
            self._pending = line + b"\n"
        n = min(len(view), len(self._pending))
        view[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n
