"""What ``coi-graph doctor`` checks (data, build, caches, libraries) and how its report is rendered:
sizes, the verdict, the table with its fix lines, and the JSON for scripts."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from coi_graph import __version__
from coi_graph.doctor import (
    ABSENT,
    INFO,
    MISSING,
    OK,
    WARNING,
    Check,
    build_checks,
    cache_checks,
    data_checks,
    human,
    library_checks,
    render_json,
    render_table,
    verdict,
)


@pytest.mark.parametrize(
    ("size", "text"),
    [(0, "0 B"), (999, "999 B"), (1000, "1.0 kB"), (15_270, "15.3 kB"), (2_500_000, "2.5 MB"),
     (7_100_000_000, "7.1 GB"), (12_345_000_000_000, "12345.0 GB")],
)  # fmt: skip
def test_human_sizes_in_powers_of_1000(size: int, text: str) -> None:
    assert human(size) == text


def _by_name(checks: list[Check]) -> dict[str, Check]:
    return {c.name: c for c in checks}


def test_data_checks_count_the_files_and_say_what_to_do_next(tmp_path: Path) -> None:
    data = tmp_path / "data"
    for name in ("entities/a.ttl", "entities/b.ttl", "entities/notes.txt", "claims/c.trig", "documents/d.txt"):
        (data / name).parent.mkdir(parents=True, exist_ok=True)
        (data / name).write_text("", encoding="utf-8")
    (data / "enrichment").mkdir()
    (data / "enrichment" / "wikidata.json").write_text('{"entities": {"Q1": {}, "Q2": {}}}', encoding="utf-8")
    checks = _by_name(data_checks(data))
    assert (checks["data directory"].status, checks["data directory"].detail) == (OK, str(data.resolve()))
    assert (checks["entities"].status, checks["entities"].detail) == (OK, "2 registry files (entities/*.ttl)")
    assert checks["claims"].facts == {"files": 1}
    documents = checks["documents"]  # a .txt without its .ttl is no document
    assert (documents.status, documents.fix, documents.required) == (WARNING, "coi-graph ingest FILE", False)
    links = checks["wikidata links"]
    assert (links.status, links.fix) == (ABSENT, "coi-graph link --allow-network")
    enrichment = checks["wikidata enrichment"]
    assert (enrichment.status, enrichment.detail) == (OK, f"{data / 'enrichment' / 'wikidata.json'}: 2 entities")
    assert all(checks[n].status == OK for n in ("ontology", "shapes", "queries"))


def test_a_missing_data_directory_is_required(tmp_path: Path) -> None:
    checks = data_checks(tmp_path / "nowhere")
    last = checks[-1]
    assert (last.name, last.status, last.required, last.fails) == ("data directory", MISSING, True, True)
    assert last.fix == "run from the project folder, or pass --data DIR"


def test_build_checks_without_a_build_warn_and_name_a_remote_store(tmp_path: Path) -> None:
    build = tmp_path / "build"
    checks = build_checks(build, tmp_path, "http://localhost:7878")
    assert [(c.name, c.status) for c in checks] == [("remote store", INFO), ("build directory", WARNING)]
    assert checks[1].detail == f"{build}: no build" and checks[1].fix == f"coi-graph build -o {build}"
    assert not any(c.fails for c in checks)


def _fake_build(tmp_path: Path, counts: dict[str, int]) -> Path:
    build = tmp_path / "build"
    (build / "store").mkdir(parents=True)
    (build / "store" / "data").write_bytes(b"x" * 1500)
    (build / "graph.nq").write_bytes(b"y" * 200)
    (build / "summary.json").write_text(json.dumps({"counts": counts}), encoding="utf-8")
    return build


def test_build_checks_report_contents_sizes_and_staleness(tmp_path: Path) -> None:
    build = _fake_build(tmp_path, {"documents": 2, "claims": 71, "entities": 582})
    data = tmp_path / "data"
    data.mkdir()
    edited = data / "claims.trig"
    edited.write_text("", encoding="utf-8")
    summary = build / "summary.json"
    later = 4_000_000_000  # after every input of this repository, ontology and shapes included
    os.utime(summary, (later, later))
    checks = _by_name(build_checks(build, data, None))
    assert "remote store" not in checks
    assert checks["contents"].detail == "2 documents, 71 claims, 582 entities"
    assert checks["store"].facts["bytes"] == 1500 and "(1.5 kB, Oxigraph)" in checks["store"].detail
    assert checks["dump"].facts["bytes"] == 200
    assert checks["build directory"].facts["bytes"] == 1500 + 200 + summary.stat().st_size
    assert (checks["up to date"].status, checks["up to date"].facts) == (OK, {"stale": False})
    os.utime(edited, (later + 60, later + 60))
    stale = _by_name(build_checks(build, data, None))["up to date"]
    assert stale.status == WARNING and stale.facts == {"stale": True, "newest": str(edited)}
    assert stale.fix == f"coi-graph build --data {data} -o {build}"


def test_cache_checks_count_the_answers(tmp_path: Path) -> None:
    (absent,) = cache_checks(tmp_path / "cache")
    assert absent.status == ABSENT and not absent.fails
    (tmp_path / "cache" / "ab").mkdir(parents=True)
    for name in ("ab/1.json", "ab/2.json", "ab/lock"):
        (tmp_path / "cache" / name).write_text("{}", encoding="utf-8")
    (found,) = cache_checks(tmp_path / "cache")
    assert found.status == OK and found.facts["answers"] == 2 and "(2 answers, 6 B)" in found.detail


def test_library_checks_cover_every_library_with_its_range() -> None:
    checks = _by_name(library_checks())
    assert list(checks)[:3] == ["rdflib", "pyoxigraph", "pyshacl"]
    assert checks["rdflib"].required and not checks["selenium"].required
    assert checks["rdflib"].facts["requires"] == ">=7.1,<8"  # from pyproject.toml, lower bound first
    assert checks["rdflib"].status == OK and checks["rdflib"].detail.endswith("(needs >=7.1,<8)")


CHECKS = [
    Check("data", "ontology", OK, "/x/coi.ttl", required=True),
    Check("data", "data directory", MISSING, "data: not found", required=True, fix="pass --data DIR"),
    Check("build", "build directory", WARNING, "build: no build", fix="coi-graph build -o build"),
    Check("caches", "http cache", ABSENT, "cache: empty", fix="enrich"),
]


def test_verdict_names_what_is_missing_else_counts_the_rest() -> None:
    assert verdict(CHECKS) == "1 required item(s) missing: data directory; see the fix lines above"
    assert verdict(CHECKS, table=False) == "1 required item(s) missing: data directory"
    rest = [c for c in CHECKS if c.name != "data directory"]
    assert verdict(rest) == "everything needed is there (1 optional item(s) absent, 1 warning(s))"
    assert verdict(rest[:1]) == "everything needed is there"


def test_render_table_groups_by_section_and_shows_fixes_for_what_is_not_ok() -> None:
    width = len("build directory")  # the longest name
    assert render_table(CHECKS) == "\n".join([
        "data",
        f"  ok       {'ontology':<{width}}  /x/coi.ttl",
        f"  MISSING  {'data directory':<{width}}  data: not found",
        f"  {'':<8} {'':<{width}}  fix: pass --data DIR",
        "build",
        f"  warning  {'build directory':<{width}}  build: no build",
        f"  {'':<8} {'':<{width}}  fix: coi-graph build -o build",
        "caches",
        f"  absent   {'http cache':<{width}}  cache: empty",
        f"  {'':<8} {'':<{width}}  fix: enrich",
        "",
        "1 required item(s) missing: data directory; see the fix lines above",
    ]) + "\n"  # fmt: skip


def test_render_json_gives_every_check_and_whether_it_fails() -> None:
    payload = json.loads(render_json(CHECKS))
    assert payload["coi_graph"] == __version__ and payload["ok"] is False
    assert payload["summary"] == "1 required item(s) missing: data directory"
    assert [(c["name"], c["fails"]) for c in payload["checks"]] == [
        ("ontology", False), ("data directory", True), ("build directory", False), ("http cache", False)
    ]  # fmt: skip
    assert set(payload["checks"][0]) == {"section", "name", "status", "detail", "required", "fix", "facts", "fails"}
    assert json.loads(render_json(CHECKS[:1]))["ok"] is True
