"""`coi-graph export` (coi_graph.cli.export): the commands of the group, citations and claims as JSON Lines and
lossless CSV, an unknown graph, gephi-csv's required directory, and `export candidates` choosing CSV or xlsx
and refusing what it cannot do. The contents of the exports are tested in tests/export/ and
tests/cli/test_commands.py."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import click

from coi_graph.cli import export as export_commands
from coi_graph.cli import main
from coi_graph.compile.pipeline import BuildResult
from coi_graph.export.citations import COLUMNS as CITATION_COLUMNS
from coi_graph.export.citations import citation_rows
from coi_graph.export.claims import COLUMNS as CLAIM_COLUMNS
from coi_graph.export.claims import LOSSLESS_COLUMNS, claim_rows
from coi_graph.extract import draft
from coi_graph.store import open_store
from coi_graph.workbench.spreadsheet import COLUMNS as CANDIDATE_COLUMNS
from tests.conftest import DATA, run_cli


def test_register_adds_the_export_group_with_every_format() -> None:
    group = click.Group()
    export_commands.register(group)
    assert list(group.commands) == ["export"]
    assert group.commands["export"] is export_commands.export is main.commands["export"]
    assert sorted(export_commands.export.commands) == [
        "candidates", "citations", "claims", "geojson", "gephi-csv", "gexf", "graphml", "jsonld", "nquads",
        "quickstatements", "trig", "turtle",
    ]  # fmt: skip


def test_citations_as_json_lines_are_the_library_rows(seed_build: BuildResult) -> None:
    result = run_cli("export", "citations", "--build", str(seed_build.out_dir), "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    rows = citation_rows(open_store(seed_build.out_dir))
    assert records == [{c: row.get(c) for c in CITATION_COLUMNS} for row in rows]
    assert len(records) == 26 and list(records[0]) == list(CITATION_COLUMNS)
    assert (records[0]["footnote"], records[0]["position"], records[0]["publisher"]) == (537, 1, "INSS")


def test_claims_as_json_lines_to_a_file_and_lossless_columns(seed_build: BuildResult, tmp_path: Path) -> None:
    out = tmp_path / "claims.jsonl"
    result = run_cli("export", "claims", "--build", str(seed_build.out_dir), "--format", "jsonl", "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert (
        len(records) == len(claim_rows(open_store(seed_build.out_dir))) == seed_build.summary.triples["claim_content"]
    )
    assert list(records[0]) == list(CLAIM_COLUMNS)
    lossless = run_cli("export", "claims", "--build", str(seed_build.out_dir), "--lossless")
    header = next(csv.reader(io.StringIO(lossless.stdout)))
    assert header == list(LOSSLESS_COLUMNS)
    assert header[: len(CLAIM_COLUMNS)] == list(CLAIM_COLUMNS)
    assert header[len(CLAIM_COLUMNS) :] == [
        "value_datatype", "value_language", "passage", "footnote_iris", "time_expression", "time_approximate",
        "according_to", "tenure", "reviewed_by", "reviewed_on", "other_triples",
    ]  # fmt: skip


def test_unknown_graph_and_missing_directory_are_refused(seed_build: BuildResult, tmp_path: Path) -> None:
    out = tmp_path / "out.ttl"
    result = run_cli("export", "turtle", "--graph", "nonsense", "--build", str(seed_build.out_dir), "-o", str(out))
    assert result.exit_code == 2 and not out.exists()
    assert "error: unknown graph 'nonsense'" in result.stderr
    assert "hint: use one of ontology, registry, documents, claims, plain, derived, inferred, wikidata" in result.stderr
    gephi = run_cli("export", "gephi-csv", "--build", str(seed_build.out_dir))
    assert gephi.exit_code == 2 and "Error: Missing option '-o' / '--output'." in gephi.stderr


def test_candidates_without_drafts_say_how_to_make_one(tmp_path: Path) -> None:
    result = run_cli("export", "candidates", "--data", str(tmp_path))
    assert result.exit_code == 2 and result.stdout == ""
    assert f"error: no drafts in {tmp_path / 'drafts'}" in result.stderr
    assert "hint: extract a document first: coi-graph extract" in result.stderr


def test_candidates_choose_xlsx_by_the_file_name_and_csv_when_told(news_draft: Path, tmp_path: Path) -> None:
    pending = len(draft.read(news_draft)[1])
    refused = run_cli("export", "candidates", str(news_draft), "--data", str(DATA), "--format", "xlsx")
    assert refused.exit_code == 2
    assert "Error: an xlsx workbook goes to a file: give -o FILE.xlsx" in refused.stderr
    workbook = tmp_path / "candidates.xlsx"
    result = run_cli("export", "candidates", str(news_draft), "--data", str(DATA), "-o", str(workbook))
    assert result.exit_code == 0, result.stderr
    assert workbook.read_bytes()[:2] == b"PK"  # a zip: an xlsx workbook
    assert f"{pending} candidate(s), {pending} pending, from 1 draft(s) -> {workbook}" in result.stderr
    as_csv = tmp_path / "named.xlsx"
    result = run_cli("export", "candidates", str(news_draft), "--data", str(DATA), "--format", "csv",
                     "-o", str(as_csv))  # fmt: skip
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(as_csv.read_text(encoding="utf-8"))))
    assert list(rows[0]) == list(CANDIDATE_COLUMNS) and len(rows) == pending


def test_export_candidates_help_lists_every_column_in_order() -> None:
    """Regression: the help left out the new_entities column that the sheet has."""
    from coi_graph.workbench.spreadsheet import COLUMNS

    text = " ".join(run_cli("export", "candidates", "--help").output.split())
    listed = text.split("Columns: ", 1)[1].split(". Fill in", 1)[0]
    assert tuple(c.strip() for c in listed.split(",")) == COLUMNS
