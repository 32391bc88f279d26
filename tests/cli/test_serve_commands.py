"""`coi-graph serve` and `coi-graph push` (coi_graph.cli.serve) without a server: what they refuse before
anything starts or is sent (no build, limits out of range, no endpoint), the defaults their --help promises,
and the registration of both. The running server and pushes to it are tested in tests/cli/test_serve.py and
tests/cli/test_serve_hardening.py."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from coi_graph.cli import main
from coi_graph.cli import serve as serve_commands
from coi_graph.compile.pipeline import BuildResult
from tests.conftest import run_cli


def one_line(text: str) -> str:
    return " ".join(text.split())


def test_register_adds_serve_and_push() -> None:
    group = click.Group()
    serve_commands.register(group)
    assert sorted(group.commands) == ["push", "serve"]
    assert group.commands["serve"] is serve_commands.serve is main.commands["serve"]
    assert group.commands["push"] is serve_commands.push is main.commands["push"]


@pytest.mark.parametrize("command", ["serve", "push"])
def test_without_a_build_nothing_starts_and_nothing_is_sent(command: str, tmp_path: Path) -> None:
    extra = ["--endpoint", "http://127.0.0.1:9/store"] if command == "push" else []
    result = run_cli(command, "--build", str(tmp_path / "none"), *extra)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == (
        f"error: no built graph at {tmp_path / 'none' / 'store'}\n"
        "  hint: run 'coi-graph build' first, or pass --build DIR\n"
    )


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--timeout", "-1", "Invalid value for '--timeout': -1 is not in the range x>=0."),
        ("--max-connections", "0", "Invalid value for '--max-connections': 0 is not in the range x>=1."),
        ("--max-response-mb", "0", "Invalid value for '--max-response-mb': 0.0 is not in the range x>=0.001."),
    ],
)
def test_serve_refuses_limits_out_of_range(option: str, value: str, message: str, seed_build: BuildResult) -> None:
    result = run_cli("serve", "--build", str(seed_build.out_dir), option, value)
    assert result.exit_code == 2 and result.stdout == ""
    assert message in result.stderr


@pytest.mark.parametrize(
    "endpoints", [(), ("--endpoint", "http://127.0.0.1:9/store", "--update-endpoint", "http://127.0.0.1:9/update")]
)
def test_push_needs_one_endpoint(seed_build: BuildResult, endpoints: tuple[str, ...]) -> None:
    result = run_cli("push", "--build", str(seed_build.out_dir), *endpoints)
    assert result.exit_code == 2 and result.stdout == ""
    assert "give the store's --endpoint (Graph Store Protocol) or its --update-endpoint" in result.stderr


def test_help_shows_the_safe_defaults() -> None:
    serve = run_cli("serve", "--help")
    assert serve.exit_code == 0
    text = one_line(serve.stdout)
    for shown in (
        "--bind TEXT Host and port; 127.0.0.1 keeps it on this machine. [default: 127.0.0.1:7878]",
        "(0: no limit). [default: 30; x>=0]",
        "--max-response-mb FLOAT RANGE Refuse (413) an answer larger than this many MB. [default: 64.0; x>=0.001]",
        "503 with Retry-After. [default: 32; x>=1]",
        "--allow-network Let queries use SERVICE and LOAD to reach other hosts (refused by default).",
    ):
        assert shown in text, shown
    push = one_line(run_cli("push", "--help").stdout)
    assert "--endpoint TEXT The Graph Store Protocol URL" in push and "--update-endpoint TEXT" in push
    assert "--replace First remove the graphs this build pushes" in push
    assert "--batch INTEGER RANGE Quads per request. [default: 50000; x>=1]" in push
    assert "--timeout FLOAT Seconds to wait for each request. [default: 120.0]" in push


@pytest.mark.parametrize("batch", ["0", "-5"])
def test_push_refuses_an_empty_batch(seed_build: BuildResult, batch: str) -> None:
    """Regression: --batch 0 ended in an internal error (range step zero), a negative one sent nothing."""
    result = run_cli("push", "--build", str(seed_build.out_dir), "--endpoint", "http://127.0.0.1:9/store",
                     "--batch", batch)  # fmt: skip
    assert result.exit_code == 2
    assert "--batch" in result.output and "x>=1" in result.output


def test_push_refuses_an_endpoint_whose_query_url_it_cannot_guess_before_sending(seed_build: BuildResult) -> None:
    """Regression: the query URL was worked out after every quad had been sent, leaving the push unverified."""
    result = run_cli("push", "--build", str(seed_build.out_dir), "--endpoint", "http://127.0.0.1:9/graphs")
    assert result.exit_code == 2
    assert "cannot guess the query URL of http://127.0.0.1:9/graphs" in result.stderr
    assert "requests" not in result.stderr  # nothing was sent (the port is closed: a post would fail differently)


@pytest.mark.parametrize(
    ("view", "says"),
    [
        ("not an iri", "is not an IRI"),
        ("https://w3id.org/coi-graph/graph/claims", "a graph the build does not have"),
    ],
)
def test_push_refuses_a_default_graph_that_is_no_iri_or_a_build_graph(
    seed_build: BuildResult, view: str, says: str
) -> None:
    result = run_cli("push", "--build", str(seed_build.out_dir), "--endpoint", "http://127.0.0.1:9/store",
                     "--default-graph", view)  # fmt: skip
    assert result.exit_code == 2 and says in result.output
