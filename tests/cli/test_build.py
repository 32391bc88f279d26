"""`coi-graph build` and `coi-graph validate` (coi_graph.cli.build): what a build writes and prints, files the
build does not read and --strict, the validation report written to a file, and the registration of both."""

from __future__ import annotations

import json
from pathlib import Path

import click

from coi_graph.cli import build as build_commands
from coi_graph.cli import main
from coi_graph.compile.pipeline import BuildResult
from tests.conftest import DATA, run_cli

NOT_DATA = "a file at the top of the data directory is not data"
STRICT = "error: 1 warning(s) above, and --strict makes warnings errors"


def with_stray_file(data_copy: Path) -> Path:
    """The seed data with a file the build does not read: a note at the top of the data directory."""
    note = data_copy / "notes.txt"
    note.write_text("to do: check footnote 541\n", encoding="utf-8")
    return note


def test_register_adds_build_and_validate() -> None:
    group = click.Group()
    build_commands.register(group)
    assert sorted(group.commands) == ["build", "validate"]
    assert group.commands["build"] is build_commands.build is main.commands["build"]
    assert group.commands["validate"] is build_commands.validate is main.commands["validate"]


def test_build_writes_the_build_and_prints_its_summary(
    data_copy: Path, tmp_path: Path, seed_build: BuildResult
) -> None:
    note = with_stray_file(data_copy)
    out = tmp_path / "build"
    result = run_cli("build", "--data", str(data_copy), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == seed_build.summary.render()
    assert result.stdout.startswith("triples   asserted ") and "claims    71 " in result.stdout
    # the file it does not read is named, with the reason, on stderr; it does not change the graph
    assert f"{note}: not read: {NOT_DATA}" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["graph.nq", "store", "summary.json", "validation.txt"]
    assert (out / "graph.nq").read_bytes() == (seed_build.out_dir / "graph.nq").read_bytes()
    assert (out / "validation.txt").read_text(encoding="utf-8") == "Conforms: no violations.\n"
    assert json.loads((out / "summary.json").read_text(encoding="utf-8"))["counts"]["claims"] == 71


def test_strict_makes_a_file_not_read_an_error(data_copy: Path, tmp_path: Path) -> None:
    note = with_stray_file(data_copy)
    out = tmp_path / "build"
    built = run_cli("build", "--data", str(data_copy), "-o", str(out), "--strict")
    assert built.exit_code == 2
    assert f"{note}: not read: {NOT_DATA}" in built.stderr
    assert STRICT in built.stderr and "hint: fix or remove what each warning names" in built.stderr
    assert built.stdout == "" and not out.exists()
    validated = run_cli("validate", "--data", str(data_copy), "--strict")
    assert validated.exit_code == 2 and STRICT in validated.stderr and validated.stdout == ""
    note.unlink()
    assert run_cli("validate", "--data", str(data_copy), "--strict").exit_code == 0


def test_validate_writes_its_report_to_the_output_file(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    result = run_cli("validate", "--data", str(DATA), "--format", "json", "-o", str(report))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert json.loads(report.read_text(encoding="utf-8")) == {
        "conforms": True,
        "violations": 0,
        "warnings": 0,
        "results": [],
    }


def test_build_refuses_an_output_that_is_a_file(tmp_path: Path) -> None:
    taken = tmp_path / "build"
    taken.write_text("not a directory\n", encoding="utf-8")
    result = run_cli("build", "--data", str(DATA), "-o", str(taken))
    assert result.exit_code == 2
    assert f"Invalid value for '-o' / '--output' / '--out': Directory '{taken}' is a file." in result.stderr
    assert taken.read_text(encoding="utf-8") == "not a directory\n"
