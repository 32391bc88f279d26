"""Nothing lost: every command that writes does it through a temporary file and a rename, so a
failure while writing (here a full disk, injected at the rename) leaves the previous file as it
was, no temporary file behind, and a clear error with exit code 2."""

from __future__ import annotations

import ast
import errno
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from coi_graph.cli import main
from coi_graph.compile.pipeline import build
from coi_graph.link import enrich, model
from tests.conftest import ROOT, run_cli
from tests.link.test_link import RAQQA_GOVERNORATE

SRC = ROOT / "src" / "coi_graph"
NEWS = ROOT / "tests" / "documents" / "news-web.txt"

# Writes that need no temporary file, each with the reason.
NOT_ATOMIC = {
    "fsutil.py": "the atomic writer itself",
    "compile/reference/write.py": "writes inside the build's staging directory, which is renamed into place whole",
    "compile/write.py": "writes inside the build's staging directory, which is renamed into place whole",
    "compile/pipeline.py": "the scratch copy of data/ that a change (accepted claims, an action) is validated in",
    "synth/corpus.py": "a synthetic corpus for benchmarks, written into a new directory of its own",
}


def _writes(tree: ast.AST) -> list[int]:
    """Lines that write a file directly: ``write_text``, ``write_bytes``, ``open(…, 'w'/'a'/'x')``."""
    lines = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        if name in ("write_text", "write_bytes"):
            lines.append(node.lineno)
        elif name in ("open", "fdopen") and not (isinstance(func, ast.Attribute) and ast.unparse(func) == "os.open"):
            modes = [*node.args[1:2], *(k.value for k in node.keywords if k.arg == "mode")]
            if isinstance(func, ast.Attribute) and func.attr == "open" and node.args:
                modes = [node.args[0], *modes]  # Path.open(mode)
            for mode in modes:
                constant = isinstance(mode, ast.Constant) and isinstance(mode.value, str)
                # a mode only known at run time counts as a write
                if not constant or set(mode.value) & set("wax"):  # type: ignore[attr-defined]
                    lines.append(node.lineno)
    return lines


def test_every_file_the_package_writes_goes_through_atomic_write() -> None:
    found = {}
    for path in sorted(SRC.rglob("*.py")):
        relative = path.relative_to(SRC).as_posix()
        lines = _writes(ast.parse(path.read_text(encoding="utf-8")))
        if lines and relative not in NOT_ATOMIC:
            found[relative] = lines
    assert found == {}, f"direct writes (use fsutil.atomic_write, or list the file with a reason): {found}"
    for relative in NOT_ATOMIC:
        assert _writes(ast.parse((SRC / relative).read_text(encoding="utf-8"))), f"{relative} no longer writes"


def test_the_scan_finds_direct_writes() -> None:
    text = "p.write_text('x')\nopen(f, 'w')\nopen(f)\nPath(f).open('ab')\nos.fdopen(fd, mode='wb')\nopen(f, m)\n"
    assert _writes(ast.parse(text)) == [1, 2, 4, 5, 6]


@pytest.fixture
def disk_full(monkeypatch: pytest.MonkeyPatch) -> Callable[[Path], None]:
    """``disk_full(path)``: the rename that finishes a write of ``path`` fails, as on a full disk."""

    def arm(path: Path) -> None:
        real = os.replace

        def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str], **kwargs: object) -> None:
            if Path(dst) == path and ".tmp" in str(src):
                raise OSError(errno.ENOSPC, "No space left on device", str(dst))
            real(src, dst)

        monkeypatch.setattr(os, "replace", replace)

    return arm


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _assert_clean_failure(result: Result, target: Path) -> None:
    assert result.exit_code == 2, result.output
    assert f"error: {target}: No space left on device" in result.stderr
    assert "unchanged" in result.stderr and "Traceback" not in result.stderr


def test_a_failed_link_decision_leaves_the_links_file_as_it_was(
    data_copy: Path, disk_full: Callable[[Path], None]
) -> None:
    links = data_copy / model.LINKS_FILE
    model.write(data_copy, [d for d in model.load(data_copy) if d.entity.endswith("raqqa-governorate") is False])
    before = _snapshot(data_copy)
    disk_full(links)
    result = run_cli("link", "--data", str(data_copy), "--confirm", f"ent:raqqa-governorate={RAQQA_GOVERNORATE}",
                     "--evidence", "item page", "--reviewer", "A. Analyst", "--date", "2026-11-25")  # fmt: skip
    _assert_clean_failure(result, links)
    assert _snapshot(data_copy) == before


def test_a_failed_enrichment_write_leaves_the_cache_as_it_was(
    data_copy: Path, disk_full: Callable[[Path], None]
) -> None:
    enrich.write(data_copy, {"entities": {"https://w3id.org/coi-graph/id/entity/syria": {"labels": {"en": "Syria"}}}})
    before = _snapshot(data_copy)
    disk_full(data_copy / enrich.ENRICHMENT_FILE)
    with pytest.raises(OSError, match="No space left"):
        enrich.write(data_copy, {"entities": {}})
    assert _snapshot(data_copy) == before


def test_a_failed_ingest_files_nothing_and_the_data_still_builds(
    data_copy: Path, tmp_path: Path, disk_full: Callable[[Path], None]
) -> None:
    before = _snapshot(data_copy)
    disk_full(data_copy / "documents" / "test-news.txt")
    args = ["ingest", str(NEWS), "--data", str(data_copy), "--publisher", "News.Az", "--id", "test-news"]
    _assert_clean_failure(run_cli(*args), data_copy / "documents" / "test-news.txt")
    assert _snapshot(data_copy) == before


def test_an_ingest_stopped_before_its_metadata_is_not_a_document_yet(
    data_copy: Path, tmp_path: Path, disk_full: Callable[[Path], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The text is written first and the metadata last: until the metadata is there, the build does
    not see the document, and running the same ingest again finishes it."""
    documents = build(data_copy, tmp_path / "before").summary.counts["documents"]
    disk_full(data_copy / "documents" / "test-news.ttl")
    args = ["ingest", str(NEWS), "--data", str(data_copy), "--publisher", "News.Az", "--id", "test-news"]
    _assert_clean_failure(run_cli(*args), data_copy / "documents" / "test-news.ttl")
    assert (data_copy / "documents" / "test-news.txt").is_file()
    assert not list(data_copy.rglob("*.tmp"))
    assert build(data_copy, tmp_path / "after").summary.counts["documents"] == documents
    monkeypatch.undo()
    assert run_cli(*args).exit_code == 0
    assert build(data_copy, tmp_path / "again").summary.counts["documents"] == documents + 1


def test_a_failed_review_files_nothing(data_copy: Path, tmp_path: Path, disk_full: Callable[[Path], None]) -> None:
    news = data_copy / "documents" / "newsaz-2025-10-20-iraq-us-advisers.txt"
    draft = tmp_path / "d.trig"
    assert run_cli("extract", str(news), "--data", str(data_copy), "-o", str(draft)).exit_code == 0
    before, draft_before = _snapshot(data_copy), draft.read_bytes()
    claims = data_copy / "claims" / "newsaz-2025-10-20-iraq-us-advisers.trig"
    disk_full(claims)
    result = CliRunner().invoke(
        main,
        ["review", str(draft), "--data", str(data_copy), "--reviewer", "A. Analyst", "--date", "2026-11-25"],
        input="a\nq\n",
    )
    _assert_clean_failure(result, claims)
    assert _snapshot(data_copy) == before and draft.read_bytes() == draft_before


def test_a_failed_export_keeps_the_previous_output(
    seed_build: object, tmp_path: Path, disk_full: Callable[[Path], None]
) -> None:
    out = tmp_path / "claims.csv"
    out.write_text("previous\n", encoding="utf-8")
    disk_full(out)
    result = run_cli("export", "claims", "--build", str(seed_build.out_dir), "-o", str(out))  # type: ignore[attr-defined]
    _assert_clean_failure(result, out)
    assert out.read_text(encoding="utf-8") == "previous\n" and [p.name for p in tmp_path.iterdir()] == ["claims.csv"]
