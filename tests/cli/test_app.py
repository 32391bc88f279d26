"""The root of the command line (coi_graph.cli.app): --version, the global options (-q, -v, --debug, --store)
and the logging they set, and Group's errors as messages and exit codes: a CoiGraphError its message and
exit 2 (a ValidationFailed its report and exit 1), an OSError the hint about the disk and permissions, an
internal error a hint to rerun with --debug (which shows it), Ctrl-C exit 130, and a closed pipe no error.
The errors are raised by tiny commands added to a fresh Group with the root's options and callback."""

from __future__ import annotations

import errno
import logging
import sys
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from coi_graph import __version__, progress
from coi_graph.cli.app import Group, main
from coi_graph.errors import CoiGraphError, ValidationFailed

log = logging.getLogger("coi_graph.test_app")
DISK_HINT = (
    "  hint: check the path, its permissions and the free disk space; files are written whole or not at all, so "
    "what was there before is unchanged\n"
)


@pytest.fixture(autouse=True)
def _plain_logging(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No colour whatever the terminal; the logging and progress settings the root sets are put back."""
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("COI_GRAPH_STORE", raising=False)
    logger = logging.getLogger("coi_graph")
    saved = (list(logger.handlers), logger.level, logger.propagate)
    yield
    logger.handlers[:], logger.level, logger.propagate = saved[0], saved[1], saved[2]
    progress.configure()


@click.command()
@click.pass_context
def speak(ctx: click.Context) -> None:
    log.debug("debug message")
    log.info("info message")
    log.warning("warning message")
    click.echo(f"quiet={ctx.obj['quiet']} debug={ctx.obj['debug']} store={ctx.obj['store']}")


@click.command()
@click.argument("kind")
def fail(kind: str) -> None:
    if kind == "coi":
        raise CoiGraphError("no built graph at build/store", hint="run 'coi-graph build' first, or pass --build DIR")
    if kind == "violations":
        raise ValidationFailed("the data violate the shapes", report="data/claims/x.trig:3: coi:quote is missing\n")
    if kind == "disk":
        raise OSError(errno.ENOSPC, "No space left on device", "build/graph.nq")
    if kind == "permission":
        raise PermissionError(errno.EACCES, "Permission denied")
    if kind == "usage":
        raise click.BadParameter("not a date", param_hint="'--date'")
    if kind == "interrupt":
        raise KeyboardInterrupt
    raise ValueError("boom")


@click.command()
def pipe() -> None:
    click.echo("first line")
    raise BrokenPipeError(errno.EPIPE, "Broken pipe")


def root() -> Group:
    """A fresh root: the options and callback of coi-graph's, and the commands of this file."""
    group = Group(name="coi-graph", callback=main.callback, params=list(main.params),
                  context_settings={"help_option_names": ["-h", "--help"]})  # fmt: skip
    for command in (speak, fail, pipe):
        group.add_command(command)
    return group


def run(*args: str) -> Result:
    return CliRunner().invoke(root(), list(args), catch_exceptions=False)


def test_version_names_the_program_and_its_version() -> None:
    result = CliRunner().invoke(main, ["--version"], catch_exceptions=False)
    assert (result.exit_code, result.stdout, result.stderr) == (0, f"coi-graph, version {__version__}\n", "")
    assert isinstance(main, Group)  # the root turns errors into messages


@pytest.mark.parametrize(
    ("options", "stderr"),
    [
        ([], "info message\nwarning message\n"),
        (["-q"], "warning message\n"),
        (["-v"], "INFO: info message\nWARNING: warning message\n"),
        (["-vv"], "DEBUG: debug message\nINFO: info message\nWARNING: warning message\n"),
        (["-q", "-v"], "WARNING: warning message\n"),  # quiet wins
    ],
)
def test_quiet_and_verbose_set_what_the_log_shows_on_stderr(options: list[str], stderr: str) -> None:
    result = run(*options, "speak")
    assert result.exit_code == 0
    assert result.stderr == stderr
    assert result.stdout == f"quiet={'-q' in options} debug=False store=None\n"  # results stay on stdout


def test_debug_and_store_reach_the_commands(monkeypatch: pytest.MonkeyPatch) -> None:
    result = run("--debug", "--store", "sparql:http://127.0.0.1:7878/query", "speak")
    assert result.stdout == "quiet=False debug=True store=sparql:http://127.0.0.1:7878/query\n"
    monkeypatch.setenv("COI_GRAPH_STORE", "sparql:http://127.0.0.1:9999/query")
    assert run("speak").stdout == "quiet=False debug=False store=sparql:http://127.0.0.1:9999/query\n"


@pytest.mark.parametrize(
    ("kind", "code", "stderr"),
    [
        ("coi", 2, "error: no built graph at build/store\n  hint: run 'coi-graph build' first, or pass --build DIR\n"),
        ("violations", 1, "data/claims/x.trig:3: coi:quote is missing\nerror: the data violate the shapes\n"),
        ("disk", 2, "error: build/graph.nq: No space left on device\n" + DISK_HINT),
        ("permission", 2, "error: Permission denied\n" + DISK_HINT),
        ("interrupt", 130, "interrupted; nothing was changed\n"),
        ("internal", 2, "internal error: ValueError: boom\n  hint: rerun with --debug for the traceback, and report "
                        "it\n"),
    ],
)  # fmt: skip
def test_errors_are_a_message_and_an_exit_code_never_a_traceback(kind: str, code: int, stderr: str) -> None:
    result = run("fail", kind)
    assert (result.exit_code, result.stderr, result.stdout) == (code, stderr, "")
    assert "Traceback" not in result.output


def test_click_usage_errors_keep_clicks_own_message() -> None:
    result = run("fail", "usage")
    assert result.exit_code == 2
    assert "Error: Invalid value for '--date': not a date" in result.stderr
    assert "internal error" not in result.stderr


def test_debug_shows_an_internal_error_as_it_is() -> None:
    with pytest.raises(ValueError, match=r"^boom$"):
        run("--debug", "fail", "internal")
    # an error of ours is still a message under --debug
    assert run("--debug", "fail", "coi").exit_code == 2


def test_a_closed_pipe_is_not_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    """`coi-graph export … | head`: the reader went away; exit 0, nothing on stderr, and what is still written
    to stdout goes nowhere (no second broken pipe when Python flushes it at exit)."""
    path = tmp_path / "stdout.txt"
    with path.open("w", encoding="utf-8") as stdout:
        monkeypatch.setattr(sys, "stdout", stdout)  # a real file: the group points its descriptor at /dev/null
        code = root().main(["pipe"], prog_name="coi-graph", standalone_mode=False)
        print("written after the pipe closed", file=stdout, flush=True)
    assert code == 0
    assert path.read_text(encoding="utf-8") == "first line\n"
    assert capsys.readouterr().err == ""
