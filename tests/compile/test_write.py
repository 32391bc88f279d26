"""The build writer: the dump and the persistent store written part by part in the background equal
what one write of the finished store gives, with canonical blank nodes and the analyst's default view."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from coi_graph.compile.pipeline import BuildResult, prepare_store
from coi_graph.compile.write import BuildWriter, write_build_store
from coi_graph.namespaces import Graphs
from coi_graph.store import DEFAULT_VIEW, DUMP_FILE, STORE_DIR
from tests.conftest import DATA

INFERRED = ox.NamedNode(str(Graphs.INFERRED))


@pytest.fixture(scope="module")
def prepared_store() -> ox.Store:
    return prepare_store(DATA).store


def _expected_store(dump: Path) -> set[ox.Quad]:
    """What the store must hold: the dump's quads, and in the default graph the view over them."""
    store = ox.Store()
    store.extend(ox.parse(path=str(dump), format=ox.RdfFormat.N_QUADS))
    store.update(DEFAULT_VIEW)
    return set(store)


def test_a_write_in_parts_equals_one_write(prepared_store: ox.Store, tmp_path: Path) -> None:
    whole, parts = tmp_path / "whole", tmp_path / "parts"
    whole.mkdir()
    parts.mkdir()
    write_build_store(whole, prepared_store)
    without_inferred = ox.Store()
    without_inferred.extend(q for q in prepared_store if q.graph_name != INFERRED)
    with BuildWriter(parts) as writer:
        writer.add(without_inferred)
        writer.add(prepared_store, [INFERRED])
        writer.finish()
    assert (parts / DUMP_FILE).read_bytes() == (whole / DUMP_FILE).read_bytes()
    assert set(ox.Store.read_only(str(parts / STORE_DIR))) == set(ox.Store.read_only(str(whole / STORE_DIR)))
    assert sorted(p.name for p in parts.iterdir()) == [DUMP_FILE, STORE_DIR]  # no part file left behind


def test_the_store_holds_the_dump_and_the_default_view(seed_build: BuildResult) -> None:
    """Blank nodes keep their canonical labels in the store (the bulk loader would relabel them at random)."""
    dump = seed_build.out_dir / DUMP_FILE
    stored = set(ox.Store.read_only(str(seed_build.out_dir / STORE_DIR)))
    assert stored == _expected_store(dump)
    blank = [q for q in stored if isinstance(q.subject, ox.BlankNode)]
    assert blank and all(q.subject.value.startswith("c14n") for q in blank)
    assert any(isinstance(q.graph_name, ox.DefaultGraph) for q in blank)


def test_the_dump_is_sorted_and_canonical(seed_build: BuildResult) -> None:
    lines = (seed_build.out_dir / DUMP_FILE).read_bytes().splitlines()
    assert lines == sorted(lines)
    assert len(lines) == len(set(lines))
    assert any(b"_:c14n0 " in line for line in lines)


def test_an_abandoned_writer_waits_for_its_loads(prepared_store: ox.Store, tmp_path: Path) -> None:
    """A build that fails after a part was handed over (say, on violations) closes the writer before its
    staging directory is removed: no background load may still be writing there."""
    with pytest.raises(RuntimeError), BuildWriter(tmp_path) as writer:
        writer.add(prepared_store)
        raise RuntimeError("validation failed")
    assert all(load.done() for load in writer._loads)
