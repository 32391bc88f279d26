"""`coi-graph query` (coi_graph.cli.query): the group's own usage rules (a subcommand, or exactly one of -e and
--file), --param spelled NAME=VALUE, a --file with a saved query's header taking parameters, `query show` and
`query list` written to a file, and the registration of the group. Formats, limits and errors of the queries
themselves are tested in tests/query/."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import click
import pytest

from coi_graph.cli import main
from coi_graph.cli import query as query_commands
from coi_graph.compile.pipeline import BuildResult
from coi_graph.query.library import load_library
from coi_graph.query.standalone import standalone
from coi_graph.resources import queries_dir
from tests.conftest import run_cli

ONE_OF = "Error: give a subcommand (list, run), or exactly one of -e TEXT and --file FILE"


def test_register_adds_the_query_group_with_list_run_and_show() -> None:
    group = click.Group()
    query_commands.register(group)
    assert list(group.commands) == ["query"]
    assert group.commands["query"] is query_commands.query is main.commands["query"]
    assert sorted(query_commands.query.commands) == ["list", "run", "show"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], ONE_OF),
        (["-e", "ASK {}", "--file", "QUERY_FILE"], ONE_OF),
        (
            ["-e", "ASK {}", "--param", "actor=ent:sdf"],
            "Error: --param needs a saved query or a --file with a header; -e takes none",
        ),
    ],
)
def test_the_group_needs_one_query(args: list[str], message: str, seed_build: BuildResult, tmp_path: Path) -> None:
    query_file = tmp_path / "q.rq"
    query_file.write_text("ASK {}\n", encoding="utf-8")
    args = [str(query_file) if a == "QUERY_FILE" else a for a in args]
    result = run_cli("query", *args, "--build", str(seed_build.out_dir))
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("command", [["run", "presence"], ["show", "presence"]])
@pytest.mark.parametrize("param", ["actorent:sdf", "=ent:sdf"])
def test_a_param_must_be_name_equals_value(command: list[str], param: str, seed_build: BuildResult) -> None:
    build = ["--build", str(seed_build.out_dir)] if command[0] == "run" else []
    result = run_cli("query", *command, "--param", param, *build)
    assert result.exit_code == 2 and result.stdout == ""
    assert f"Invalid value for --param: {param!r}: write NAME=VALUE, e.g. actor=ent:us-armed-forces" in result.stderr


def test_a_file_with_a_saved_query_header_takes_parameters_as_run_does(seed_build: BuildResult) -> None:
    build = str(seed_build.out_dir)
    saved = queries_dir() / "presence.rq"
    from_file = run_cli("query", "--file", str(saved), "--param", "actor=ent:us-military-advisers-iraq",
                        "--format", "csv", "--build", build)  # fmt: skip
    assert from_file.exit_code == 0, from_file.stderr
    by_name = run_cli("query", "run", "presence", "--param", "actor=ent:us-military-advisers-iraq",
                      "--format", "csv", "--build", build)  # fmt: skip
    assert from_file.stdout == by_name.stdout
    rows = list(csv.DictReader(io.StringIO(from_file.stdout)))
    assert rows and {r["actor"] for r in rows} == {"https://w3id.org/coi-graph/id/entity/us-military-advisers-iraq"}
    unbound = run_cli("query", "--file", str(saved), "--format", "csv", "--build", build)
    assert len(list(csv.DictReader(io.StringIO(unbound.stdout)))) > len(rows)


def test_show_and_list_write_to_the_output_file(tmp_path: Path) -> None:
    query_file = tmp_path / "presence.rq"
    result = run_cli("query", "show", "presence", "--param", "actor=ent:sdf", "-o", str(query_file))
    assert result.exit_code == 0 and result.stdout == ""
    saved = load_library(queries_dir())["presence"]
    expected = standalone(saved.bind({"actor": "ent:sdf"}))
    assert query_file.read_text(encoding="utf-8") == expected
    assert "<https://w3id.org/coi-graph/id/entity/sdf>" in expected and "#@parameters" not in expected
    listing = tmp_path / "queries.txt"
    listed = run_cli("query", "list", "-o", str(listing))
    assert listed.exit_code == 0 and listed.stdout == ""
    text = listing.read_text(encoding="utf-8")
    assert text == run_cli("query", "list").stdout
    names = [line.split(":", 1)[0] for line in text.splitlines() if not line.startswith(" ")]
    assert names == list(load_library(queries_dir()))
