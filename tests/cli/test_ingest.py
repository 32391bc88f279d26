"""`coi-graph ingest` (coi_graph.cli.ingest) as a user runs it: -o files into another data directory, --id
with several files, the size limit, an unknown publisher, and the registration of the command. Layouts, bad
files and refiling are tested in tests/test_ingest.py."""

from __future__ import annotations

from pathlib import Path

import click

from coi_graph.cli import ingest as ingest_commands
from coi_graph.cli import main
from tests.conftest import ROOT, run_cli

DOCS = ROOT / "tests" / "documents"
REPORT = DOCS / "report-glued.txt"
NEWS = DOCS / "news-web.txt"
REPORT_ID = "euaa-2025-06-coi-report-syria-security-situation-s2.3"


def listing(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def test_register_adds_ingest() -> None:
    group = click.Group()
    ingest_commands.register(group)
    assert list(group.commands) == ["ingest"]
    assert group.commands["ingest"] is ingest_commands.ingest is main.commands["ingest"]


def test_output_files_the_document_in_another_data_directory(data_copy: Path, tmp_path: Path) -> None:
    before = listing(data_copy)
    target = tmp_path / "elsewhere"
    result = run_cli("ingest", str(REPORT), "--data", str(data_copy), "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        f"{REPORT}: euaa-report (glued markers), 'COI Report - Syria: Security Situation', 2025-06: 2 passages, "
        f"7 sentences, 5 markers, 5 footnotes, 6 citations -> documents/{REPORT_ID}.txt\n"
    )
    assert listing(target) == ["documents", f"documents/{REPORT_ID}.ttl", f"documents/{REPORT_ID}.txt"]
    assert (target / "documents" / f"{REPORT_ID}.txt").read_bytes() == REPORT.read_bytes()
    assert listing(data_copy) == before  # --data is only read


def test_id_names_one_document_only(data_copy: Path) -> None:
    before = listing(data_copy)
    result = run_cli("ingest", str(NEWS), str(REPORT), "--id", "test-two", "--data", str(data_copy))
    assert result.exit_code == 2
    assert "Error: --id names one document; give one file" in result.stderr
    assert result.stdout == "" and listing(data_copy) == before


def test_a_file_over_the_size_limit_is_refused(data_copy: Path) -> None:
    before = listing(data_copy)
    result = run_cli("ingest", str(REPORT), "--data", str(data_copy), "--max-size-mb", "0.001")
    assert result.exit_code == 2
    assert f"error: {REPORT}: the file holds" in result.stderr and "(0.001 MB)" in result.stderr
    assert "raise the limit with --max-size-mb" in result.stderr
    assert "error: 1 of 1 file(s) could not be taken in\n" in result.stderr
    assert result.stdout == "" and listing(data_copy) == before
    # 0 lifts the limit
    unlimited = run_cli("ingest", str(REPORT), "--data", str(data_copy), "--max-size-mb", "0", "--dry-run")
    assert unlimited.exit_code == 0 and unlimited.stdout.endswith(".txt (dry run: nothing written)\n")


def test_an_unknown_publisher_is_refused_before_anything_is_read(data_copy: Path) -> None:
    before = listing(data_copy)
    result = run_cli("ingest", str(NEWS), "--data", str(data_copy), "--publisher", "Nobody Press Agency")
    assert result.exit_code == 2
    assert result.stderr == (
        "error: publisher 'Nobody Press Agency' is not in the registry\n"
        "  hint: give its IRI (e.g. ent:news-az), or add it to data/entities/publishers.ttl first\n"
    )
    assert listing(data_copy) == before


def test_metadata_options_name_the_document(data_copy: Path) -> None:
    result = run_cli("ingest", str(NEWS), "--data", str(data_copy), "--publisher", "ent:news-az", "--id", "test-x",
                     "--title", "Advisers stay", "--date", "2025-06-02", "--dry-run")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        f"{NEWS}: news (no markers), 'Advisers stay', 2025-06-02: 2 passages, 5 sentences, 0 markers, "
        "0 footnotes, 0 citations -> documents/test-x.txt (dry run: nothing written)\n"
    )
    assert not (data_copy / "documents" / "test-x.txt").exists()
