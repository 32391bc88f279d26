"""Write a build from the in-memory store: the canonical, sorted N-Quads dump and the persistent store.

The dump holds the named graphs (the default graph is the analyst's view, derived from them);
blank nodes are relabelled with RDFC-1.0 and the lines sorted, so that the same data gives the same
bytes. The persistent store holds the same quads, and in its default graph the view (see
:data:`coi_graph.store.DEFAULT_VIEW`): the union of the view's graphs.

:class:`BuildWriter` writes while the build goes on. Each call of :meth:`BuildWriter.add` dumps some
graphs of the in-memory store as sorted N-Quads (Oxigraph serialises them; a million quads as
Python objects took 2.5 GB and 14 s) into a part file, and Oxigraph's bulk loader loads the part
into the persistent store on a background thread, which runs beside the reasoner and the validator
(Oxigraph releases the GIL). :meth:`BuildWriter.finish` loads the quads with blank nodes, which the
bulk loader would relabel at random, as parsed quads with their canonical labels, and merges the
sorted parts into the dump. RDFC-1.0 labels depend only on the quads that hold blank nodes, so only
those are canonicalised. Nothing is written outside the directory given, which the caller replaces
atomically.
"""

from __future__ import annotations

import heapq
import io
from collections.abc import Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from types import TracebackType

import pyoxigraph as ox

from coi_graph.store import DEFAULT_GRAPHS, DUMP_FILE, STORE_DIR

_VIEW = frozenset(f"<{g}>".encode() for g in DEFAULT_GRAPHS)


def _canonical(lines: list[bytes]) -> list[bytes]:
    """The lines (N-Quads) with their blank nodes relabelled by RDFC-1.0."""
    dataset = ox.Dataset(ox.parse(b"\n".join(lines), format=ox.RdfFormat.N_QUADS))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return [f"{quad} .".encode() for quad in dataset]


def _view_triple(line: bytes) -> bytes | None:
    """The N-Triples line of an N-Quads line if its graph is one of the view's, else None (the graph IRI,
    the last term before " .", contains no space)."""
    head, graph, _ = line.rsplit(b" ", 2)
    return head + b" ." if graph in _VIEW else None


def _lines(store: ox.Store, graphs: Sequence[ox.NamedNode] | None) -> list[bytes]:
    """N-Quads lines of the given named graphs (every named graph if None)."""
    if graphs is None:
        buffer = io.BytesIO()
        store.dump(buffer, format=ox.RdfFormat.N_QUADS)
        lines = buffer.getvalue().splitlines()
        default = io.BytesIO()
        store.dump(default, format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
        if default.getvalue():  # a quad of the default graph is written as its N-Triples line
            triples = set(default.getvalue().splitlines())
            lines = [line for line in lines if line not in triples]
        return lines
    found: list[bytes] = []
    for graph in graphs:
        buffer = io.BytesIO()
        store.dump(buffer, format=ox.RdfFormat.N_TRIPLES, from_graph=graph)
        suffix = f" <{graph.value}> .".encode()
        found.extend(line[:-2] + suffix for line in buffer.getvalue().splitlines())
    return found


def _write_lines(path: Path, lines: Iterable[bytes]) -> None:
    with path.open("wb") as handle:
        handle.writelines(line + b"\n" for line in lines)


class BuildWriter:
    """The dump and the persistent store of one build, written into ``directory`` part by part."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.store = ox.Store(str(directory / STORE_DIR))
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="coi-graph-store-writer")
        self._loads: list[Future[None]] = []
        self._parts: list[Path] = []
        self._blank: list[bytes] = []

    def add(self, store: ox.Store, graphs: Sequence[ox.NamedNode] | None = None) -> None:
        """Write the given named graphs of ``store`` (all if None); call it once per graph. Returns once
        they are dumped; sorting, the part files and the load into the persistent store go on in the
        background."""
        lines = _lines(store, graphs)
        n = len(self._parts)
        part = self.directory / f".part-{n}.nq"
        self._parts.append(part)
        self._loads.append(self._pool.submit(self._write_and_load, lines, part, self.directory / f".view-{n}.nt"))

    def _write_and_load(self, lines: list[bytes], part: Path, view: Path) -> None:
        self._blank.extend(line for line in lines if b"_:" in line)
        lines = sorted(line for line in lines if b"_:" not in line)
        _write_lines(part, lines)
        _write_lines(view, (t for t in map(_view_triple, lines) if t is not None))
        del lines
        self._load(part, view)

    def _load(self, part: Path, view: Path) -> None:
        # lenient: Oxigraph wrote these lines; the view's triples go to the default graph (a set: a
        # triple in several of the view's graphs is stored once)
        self.store.bulk_load(path=str(part), format=ox.RdfFormat.N_QUADS, lenient=True)
        self.store.bulk_load(path=str(view), format=ox.RdfFormat.N_TRIPLES, lenient=True, to_graph=ox.DefaultGraph())
        view.unlink()

    def finish(self) -> Path:
        """Wait for the loads, add the blank-node quads, write the dump; return its path."""
        for load in self._loads:
            load.result()
        blank = sorted(_canonical(self._blank)) if self._blank else []
        view = [t for t in map(_view_triple, blank) if t is not None]
        self.store.bulk_extend(ox.parse(b"\n".join(blank + view), format=ox.RdfFormat.N_QUADS))
        self.store.flush()
        dump = self.directory / DUMP_FILE
        handles = [part.open("rb") for part in self._parts]
        try:
            _write_lines(dump, heapq.merge(blank, *((line.rstrip(b"\n") for line in h) for h in handles)))
        finally:
            for handle in handles:
                handle.close()
        for part in self._parts:
            part.unlink()
        return dump

    def close(self) -> None:
        """Wait for any background load (whether or not it succeeded) and release the store."""
        self._pool.shutdown(wait=True, cancel_futures=True)
        del self.store

    def __enter__(self) -> BuildWriter:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()


def write_build_store(directory: Path, store: ox.Store) -> Path:
    """Write ``graph.nq`` and ``store/`` into ``directory`` at once; return the dump's path."""
    with BuildWriter(directory) as writer:
        writer.add(store)
        return writer.finish()
