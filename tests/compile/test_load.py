"""Incremental builds: unchanged documents come from the cache, and the result equals a clean build."""

from __future__ import annotations

from pathlib import Path

from coi_graph.compile.pipeline import build, cache_dir_for, prepare_store
from coi_graph.store import DUMP_FILE


def test_a_rebuild_parses_only_what_changed_and_equals_a_clean_build(data_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "build"
    build(data_copy, out)
    cache = cache_dir_for(out)
    assert len(list(cache.glob("*.nq"))) == 2  # one entry per document
    again = prepare_store(data_copy, cache_dir=cache, run_reasoner=False)
    assert (again.data.documents_parsed, again.data.documents_cached) == (0, 2)

    # edit one document: only it is parsed again
    text = data_copy / "documents" / "newsaz-2025-10-20-iraq-us-advisers.txt"
    text.write_text(text.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # a trailing line: same claims
    edited = prepare_store(data_copy, cache_dir=cache, run_reasoner=False)
    assert (edited.data.documents_parsed, edited.data.documents_cached) == (1, 1)

    # an incremental build writes exactly what a clean build writes
    build(data_copy, out)
    clean = tmp_path / "clean"
    build(data_copy, clean, cache=False)
    assert (out / DUMP_FILE).read_bytes() == (clean / DUMP_FILE).read_bytes()
    assert (out / "summary.json").read_bytes() == (clean / "summary.json").read_bytes()


def test_a_registry_change_invalidates_the_cached_documents(data_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "build"
    build(data_copy, out)
    publishers = data_copy / "entities" / "publishers.ttl"
    publishers.write_text(publishers.read_text(encoding="utf-8") + "\n# a comment changes no label\n", encoding="utf-8")
    same = prepare_store(data_copy, cache_dir=cache_dir_for(out), run_reasoner=False)
    assert same.data.documents_cached == 2
    publishers.write_text(
        publishers.read_text(encoding="utf-8").replace('"News.Az"@en', '"News.Az"@en, "NewsAz"@en', 1), encoding="utf-8"
    )
    changed = prepare_store(data_copy, cache_dir=cache_dir_for(out), run_reasoner=False)
    assert changed.data.documents_parsed == 2


def test_a_damaged_cache_entry_is_rebuilt(data_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "build"
    build(data_copy, out)
    for entry in cache_dir_for(out).glob("*.json"):
        entry.write_text("{not json", encoding="utf-8")
    result = prepare_store(data_copy, cache_dir=cache_dir_for(out), run_reasoner=False)
    assert result.data.documents_parsed == 2 and result.report.conforms
