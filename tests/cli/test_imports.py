"""`coi-graph import` (coi_graph.cli.imports): `import claims` refusing files that are not claims CSVs and writing
its --check differences to -o, `import candidates` taking the reviewer from COI_GRAPH_REVIEWER and refusing a
missing or blank one, and the registration of the group. The round trips themselves are tested in
tests/export/test_roundtrips.py and tests/workbench/test_spreadsheet.py."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import click
import pytest

from coi_graph.cli import imports as import_commands
from coi_graph.cli import main
from coi_graph.compile.pipeline import BuildResult
from coi_graph.export.claims import LOSSLESS_COLUMNS
from coi_graph.export.tabular import render
from coi_graph.extract import draft
from coi_graph.vocab import COI
from tests.conftest import run_cli

DRAFT = "newsaz-2025-10-20-iraq-us-advisers"
DROPPED = "https://w3id.org/coi-graph/id/claim/euaa-2025-03-syria-country-focus/10"


@pytest.fixture
def sheet(data_copy: Path, tmp_path: Path) -> Path:
    """The candidates of a draft of the news article in data/drafts/, exported as CSV."""
    (data_copy / "drafts").mkdir()
    made = run_cli("extract", str(data_copy / "documents" / f"{DRAFT}.txt"), "--data", str(data_copy),
                   "-o", str(data_copy / "drafts" / f"{DRAFT}.trig"))  # fmt: skip
    assert made.exit_code == 0, made.stderr
    path = tmp_path / "candidates.csv"
    exported = run_cli("export", "candidates", "--data", str(data_copy), "-o", str(path))
    assert exported.exit_code == 0, exported.stderr
    return path


def test_register_adds_the_import_group_with_claims_and_candidates() -> None:
    group = click.Group()
    import_commands.register(group)
    assert list(group.commands) == ["import"]
    assert group.commands["import"] is import_commands.import_ is main.commands["import"]
    assert sorted(import_commands.import_.commands) == ["candidates", "claims"]


def test_import_claims_names_a_missing_file_and_a_file_of_other_columns(
    seed_build: BuildResult, tmp_path: Path
) -> None:
    missing = tmp_path / "missing.csv"
    result = run_cli("import", "claims", str(missing))
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == f"error: {missing}: cannot read the file: No such file or directory\n"
    citations = tmp_path / "citations.csv"
    assert run_cli("export", "citations", "--build", str(seed_build.out_dir), "-o", str(citations)).exit_code == 0
    result = run_cli("import", "claims", str(citations))
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith(f"error: {citations}:1: not a claims CSV: the header lacks the column(s) claim, ")
    assert "hint: read a file written by 'coi-graph export claims' (CSV, not JSON Lines)" in result.stderr


def test_check_writes_the_differences_to_the_output_file(seed_build: BuildResult, tmp_path: Path) -> None:
    exported = run_cli("export", "claims", "--lossless", "--build", str(seed_build.out_dir))
    rows = [r for r in csv.DictReader(io.StringIO(exported.stdout)) if r["claim"] != DROPPED]
    reviewed = tmp_path / "reviewed.csv"
    reviewed.write_text(render(rows, LOSSLESS_COLUMNS, "csv"), encoding="utf-8")
    differences = tmp_path / "differences.txt"
    result = run_cli("import", "claims", str(reviewed), "--check", "--build", str(seed_build.out_dir),
                     "-o", str(differences))  # fmt: skip
    assert result.exit_code == 1 and result.stdout == ""
    assert differences.read_text(encoding="utf-8") == "claim:euaa-2025-03-syria-country-focus/10: only in the build\n"
    assert "70 claim(s) read; 1 differ from the build" in result.stderr


def test_import_candidates_takes_the_reviewer_from_the_environment(
    sheet: Path, data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = list(csv.DictReader(io.StringIO(sheet.read_text(encoding="utf-8"))))
    rows[0].update(decision="reject", reason="an agreement, not an alliance")
    with sheet.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    monkeypatch.setenv("COI_GRAPH_REVIEWER", "B. Reviewer")
    result = run_cli("import", "candidates", str(sheet), "--data", str(data_copy), "--date", "2026-12-08")
    assert result.exit_code == 0, result.stderr
    path = data_copy / "drafts" / f"{DRAFT}.trig"
    assert result.stderr == f"wrote {path}\n{sheet}: 0 claim(s) filed; 1 file(s) written\n"
    first = draft.read(path)[1][0]
    assert (first.status, first.reviewed_by, first.reviewed_on) == (COI.Rejected, "B. Reviewer", date(2026, 12, 8))


def test_import_candidates_needs_a_reviewer_and_an_existing_file(
    sheet: Path, data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COI_GRAPH_REVIEWER", raising=False)
    before = (data_copy / "drafts" / f"{DRAFT}.trig").read_bytes()
    missing = run_cli("import", "candidates", str(sheet), "--data", str(data_copy))
    assert missing.exit_code == 2 and "Error: Missing option '--reviewer'." in missing.stderr
    blank = run_cli("import", "candidates", str(sheet), "--data", str(data_copy), "--reviewer", "  ")
    assert blank.exit_code == 2 and "Error: --reviewer must name you" in blank.stderr
    absent = tmp_path / "absent.csv"
    nothing = run_cli("import", "candidates", str(absent), "--data", str(data_copy), "--reviewer", "A. Analyst")
    assert nothing.exit_code == 2 and f"File '{absent}' does not exist." in nothing.stderr
    assert (data_copy / "drafts" / f"{DRAFT}.trig").read_bytes() == before
