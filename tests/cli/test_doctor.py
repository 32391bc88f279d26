"""`coi-graph doctor` and `coi-graph completion` (coi_graph.cli.doctor): the report written to -o, the root
--store option (and COI_GRAPH_STORE) reaching the report, the choices each refuses, and the registration of
both. The checks themselves are tested in tests/cli/test_experience.py."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest

from coi_graph.cli import doctor as doctor_commands
from coi_graph.cli import main
from coi_graph.compile.pipeline import BuildResult
from tests.conftest import DATA, run_cli

REMOTE = "sparql:http://127.0.0.1:1/query"


def checks(text: str) -> dict[str, dict[str, object]]:
    return {c["name"]: c for c in json.loads(text)["checks"]}


def test_register_adds_doctor_and_completion() -> None:
    group = click.Group()
    doctor_commands.register(group)
    assert sorted(group.commands) == ["completion", "doctor"]
    assert group.commands["doctor"] is doctor_commands.doctor is main.commands["doctor"]
    assert group.commands["completion"] is doctor_commands.completion is main.commands["completion"]


def test_the_report_goes_to_the_output_file(seed_build: BuildResult, tmp_path: Path) -> None:
    out = tmp_path / "doctor.json"
    args = ["--data", str(DATA), "--build", str(seed_build.out_dir), "--cache", str(tmp_path / "cache")]
    result = run_cli("doctor", *args, "--format", "json", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["ok"] is True and report["summary"].startswith("everything needed is there")
    assert checks(out.read_text(encoding="utf-8"))["data directory"]["status"] == "ok"
    # the same checks as the table shows on stdout, in the same order
    table = run_cli("doctor", *args).stdout.splitlines()
    rows = [line for line in table if line.startswith("  ") and not line.lstrip().startswith("fix:")]
    shown = [(row[2:10].strip(), row[11:].split("  ")[0]) for row in rows]
    assert shown == [(c["status"], c["name"]) for c in report["checks"]]
    assert table[-1] == report["summary"]


def test_the_root_store_option_and_its_variable_reach_the_report(
    seed_build: BuildResult, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ["doctor", "--data", str(DATA), "--build", str(seed_build.out_dir), "--format", "json"]
    monkeypatch.delenv("COI_GRAPH_STORE", raising=False)
    assert "remote store" not in checks(run_cli(*args).stdout)
    given = checks(run_cli("--store", REMOTE, *args).stdout)["remote store"]
    assert (given["status"], given["facts"]) == ("info", {"store": REMOTE})
    assert str(given["detail"]).startswith(f"{REMOTE} (--store or COI_GRAPH_STORE)")
    monkeypatch.setenv("COI_GRAPH_STORE", REMOTE)
    assert checks(run_cli(*args).stdout)["remote store"]["facts"] == {"store": REMOTE}


def test_choices_are_refused_by_name() -> None:
    shell = run_cli("completion", "powershell")
    assert shell.exit_code == 2 and shell.stdout == ""
    assert "'powershell' is not one of 'bash', 'zsh', 'fish'." in shell.stderr
    fmt = run_cli("doctor", "--format", "yaml")
    assert fmt.exit_code == 2 and fmt.stdout == ""
    assert "Invalid value for '--format': 'yaml' is not one of 'table', 'json'." in fmt.stderr
