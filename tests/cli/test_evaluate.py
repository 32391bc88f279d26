"""`coi-graph evaluate` (coi_graph.cli.evaluate): the curated evaluation written to -o as the library computes
it, as CSV with its columns, the options that go only with --gold, an empty gold folder, and the registration
of the command. The gold-set figures are tested in tests/extract/test_goldset.py."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import click
import pytest

from coi_graph.cli import evaluate as evaluate_commands
from coi_graph.cli import main
from coi_graph.extract import gazetteer
from coi_graph.extract.evaluate import evaluate_curated
from tests.conftest import DATA, run_cli

COLUMNS = ["measure", "predicted", "gold", "matched", "precision", "recall", "f1"]


def test_register_adds_evaluate() -> None:
    group = click.Group()
    evaluate_commands.register(group)
    assert list(group.commands) == ["evaluate"]
    assert group.commands["evaluate"] is evaluate_commands.evaluate is main.commands["evaluate"]


def test_curated_evaluation_to_a_file_is_what_the_library_computes(tmp_path: Path) -> None:
    out = tmp_path / "evaluation.json"
    result = run_cli("evaluate", "--data", str(DATA), "--format", "json", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    rows = json.loads(out.read_text(encoding="utf-8"))
    expected = evaluate_curated(DATA, gazetteer.load(DATA)).rows()
    assert rows == [{c: row.get(c) for c in COLUMNS} for row in expected]
    assert [r["measure"] for r in rows][:2] == [
        "curated: entities of the claims, per passage",
        "curated: candidate atoms",
    ]


def test_curated_evaluation_as_csv() -> None:
    result = run_cli("evaluate", "--data", str(DATA), "--format", "csv")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == COLUMNS
    for row in rows:
        assert int(row["predicted"]) >= int(row["matched"]) and int(row["gold"]) > 0, row
    entities = rows[0]
    assert float(entities["precision"]) == round(100 * int(entities["matched"]) / int(entities["predicted"]), 1)


@pytest.mark.parametrize("option", [["--documents", "D01-D15"], ["--predictions-out", "predictions"]])
def test_gold_options_need_gold(option: list[str], tmp_path: Path) -> None:
    if option[0] == "--predictions-out":
        option = [option[0], str(tmp_path / option[1])]
    result = run_cli("evaluate", "--data", str(DATA), *option)
    assert result.exit_code == 2 and result.stdout == ""
    assert "Error: --documents and --predictions-out go with --gold" in result.stderr
    assert not (tmp_path / "predictions").exists()


def test_a_gold_folder_without_gold_files_is_refused(tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "notes.txt").write_text("no JSON here\n", encoding="utf-8")
    result = run_cli("evaluate", "--gold", str(gold), "--data", str(DATA))
    assert result.exit_code == 2 and result.stdout == ""
    assert f"Error: no gold files in {gold}" in result.stderr
    missing = run_cli("evaluate", "--gold", str(tmp_path / "none"), "--data", str(DATA))
    assert missing.exit_code == 2 and f"Directory '{tmp_path / 'none'}' does not exist." in missing.stderr
