"""The command line as a person meets it: progress on stderr only where someone watches, colour only on
terminals, the same options spelled the same way everywhere, an example in every --help, shell completion,
--version, and ``coi-graph doctor``."""

from __future__ import annotations

import importlib.metadata
import io
import json
import logging
import os
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.shell_completion import ShellComplete
from click.testing import CliRunner
from rich.console import Console

from coi_graph import __version__, progress
from coi_graph.cli import main
from coi_graph.cli.options import BUILD_HELP, DATA_HELP
from coi_graph.compile.pipeline import BuildResult
from tests.conftest import DATA, ROOT, run_cli

ANSI = re.compile(r"\x1b\[")


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No colour forced from outside, and the quiet flag of an earlier command forgotten."""
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    progress.configure()
    yield
    progress.configure()


def _terminal() -> tuple[Console, io.StringIO]:
    buffer = io.StringIO()
    return Console(file=buffer, force_terminal=True, width=100, color_system="standard"), buffer


def _pipe() -> tuple[Console, io.StringIO]:
    buffer = io.StringIO()
    return Console(file=buffer, force_terminal=False, width=100), buffer


def _commands(group: click.Group = main, path: tuple[str, ...] = ()) -> Iterator[tuple[str, click.Command]]:
    """Every command of the tree, groups included, as ('coi-graph export claims', command)."""
    yield " ".join(("coi-graph", *path)), group
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            yield from _commands(command, (*path, name))
        else:
            yield " ".join(("coi-graph", *path, name)), command


def _help(name: str) -> str:
    args = [*name.split()[1:], "--help"]
    result = run_cli(*args)
    assert result.exit_code == 0, (name, result.output)
    return result.stdout


# --- progress -----------------------------------------------------------------------------------


def test_bar_shows_on_a_terminal() -> None:
    console, buffer = _terminal()
    with progress.bar("writing documents", 3, console=console) as advance:
        for _ in range(3):
            advance(1)
    shown = buffer.getvalue()
    assert "writing documents" in shown and "3/3" in shown


def test_bar_and_steps_show_nothing_when_stderr_is_not_a_terminal() -> None:
    console, buffer = _pipe()
    with progress.bar("writing documents", 3, console=console) as advance:
        advance(3)
    with progress.steps("building", console=console) as update:
        update("reasoning")
        progress.step("validating")
    assert buffer.getvalue() == ""


def test_quiet_hides_progress_even_on_a_terminal() -> None:
    progress.configure(quiet=True)
    console, buffer = _terminal()
    with progress.bar("writing documents", 3, console=console) as advance:
        advance(3)
    with progress.steps("building", console=console):
        progress.step("reasoning")
    assert buffer.getvalue() == ""


def test_steps_show_the_current_step_and_counts_of_inner_work() -> None:
    console, buffer = _terminal()
    with progress.steps("building", console=console):
        progress.step("reasoning (OWL 2 RL)")
        with progress.bar("parsing documents", 2) as advance:
            advance(1)
            advance(1)
    shown = buffer.getvalue()
    assert "building" in shown
    assert "building: parsing documents 2/2" in shown  # one live display: the inner count goes on the status line
    assert progress.step("outside") is None  # no display open: nothing to update, nothing raised


def test_a_status_line_inside_another_reports_on_the_outer_one() -> None:
    """Regression: steps() inside steps() (a query inside a command that already shows a status) would open
    a second live display, which rich refuses; the inner title goes on the outer line instead."""
    console, buffer = _terminal()
    with progress.steps("measuring time slices", console=console), progress.steps("projecting the network") as inner:
        inner("2 of 3")
    shown = buffer.getvalue()
    assert "measuring time slices: projecting the network: 2 of 3" in shown


def test_small_or_hidden_work_shows_no_bar() -> None:
    console, buffer = _terminal()
    with progress.bar("ingesting", 1, show=False, console=console) as advance:
        advance(1)
    with progress.bar("nothing", 0, console=console) as advance:
        advance(1)
    assert buffer.getvalue() == ""


def test_steps_are_logged_without_a_display_and_with_v(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("coi_graph.test")
    console, _ = _terminal()
    with caplog.at_level(logging.INFO, logger="coi_graph.test"):
        progress.step("no display: logged", logger)
        with progress.steps("building", console=console):
            progress.step("display: not logged", logger)
        progress.configure(verbose=1)
        with progress.steps("building", console=console):
            progress.step("display with -v: logged", logger)
    assert [r.getMessage() for r in caplog.records] == ["no display: logged", "display with -v: logged"]


def test_colour_only_on_a_terminal_and_never_with_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    message = "error: data directory x not found\n  hint: pass --data DIR"
    terminal, _ = _terminal()
    pipe, _ = _pipe()
    assert ANSI.search(progress.styled(message, terminal))
    assert progress.styled(message, pipe) == message
    monkeypatch.setenv("NO_COLOR", "1")
    assert progress.styled(message, Console(file=io.StringIO(), force_terminal=True)) == message


def test_quiet_build_prints_only_results_and_errors(tmp_path: Path) -> None:
    result = run_cli("-q", "build", "--data", str(DATA), "-o", str(tmp_path / "build"))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.startswith("triples ")
    failed = run_cli("-q", "build", "--data", str(tmp_path / "nothing"), "-o", str(tmp_path / "other"))
    assert failed.exit_code == 2
    assert failed.stderr.startswith("error: data directory")
    assert "not found" in failed.stderr


def test_output_has_no_colour_codes_off_a_terminal(tmp_path: Path, seed_build: BuildResult) -> None:
    build = str(seed_build.out_dir)
    runs = [
        run_cli("--help"),
        run_cli("build", "--help"),
        run_cli("validate", "--data", str(DATA)),
        run_cli("build", "--data", str(tmp_path / "nothing"), "-o", str(tmp_path / "b")),
        run_cli("query", "run", "no-such-query", "--build", build),
        run_cli("query", "list"),
        run_cli("doctor", "--data", str(DATA), "--build", build),
        run_cli("export", "claims", "--build", str(tmp_path / "no-build")),
    ]
    for result in runs:
        assert not ANSI.search(result.stdout + result.stderr), result.stdout + result.stderr
    assert "error:" in runs[3].stderr and "error:" in runs[4].stderr and "error:" in runs[7].stderr


# --- --version ----------------------------------------------------------------------------------


def test_version_comes_from_the_package_metadata() -> None:
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    installed = importlib.metadata.version("coi-graph")
    assert installed == declared == __version__
    result = run_cli("--version")
    assert result.exit_code == 0
    assert result.stdout == f"coi-graph, version {installed}\n"
    source = (ROOT / "src" / "coi_graph" / "__init__.py").read_text(encoding="utf-8")
    assert declared not in source  # one source: pyproject.toml


# --- the command tree ---------------------------------------------------------------------------


def test_every_command_has_an_example_in_its_help() -> None:
    missing = []
    for name, _ in _commands():
        text = _help(name)
        _, found, after = text.partition("Examples:")
        if not found or not any(line.strip().startswith("coi-graph") for line in after.splitlines()):
            missing.append(name)
    assert not missing, f"no 'Examples:' with a 'coi-graph ...' line in the help of: {missing}"


def test_every_format_option_is_a_choice_with_its_default_shown() -> None:
    for name, command in _commands():
        for param in command.params:
            if "--format" in getattr(param, "opts", []):
                assert isinstance(param, click.Option)
                assert isinstance(param.type, click.Choice), name
                assert param.default is not None and param.default in param.type.choices, name
                assert param.show_default, name
                assert f"[default: {param.default}]" in " ".join(_help(name).split()), name


# Commands that read the data directory; each takes --data with one default and one help.
READS_DATA = {
    "coi-graph build", "coi-graph validate", "coi-graph ingest", "coi-graph mentions", "coi-graph extract",
    "coi-graph review", "coi-graph evaluate", "coi-graph link", "coi-graph enrich",
    "coi-graph export quickstatements", "coi-graph doctor",
}  # fmt: skip
# Commands whose result is not written to stdout or a file of the user's choosing.
NO_OUTPUT_FILE = {
    "coi-graph review": "interactive: records decisions in the draft and data/claims/",
    "coi-graph import candidates": "records the decisions of a spreadsheet in the drafts and data/claims/",
    "coi-graph link": "records decisions in data/links/wikidata.ttl",
    "coi-graph enrich": "writes data/enrichment/wikidata.json",
    "coi-graph serve": "a server",
    "coi-graph push": "loads a remote store",
}


def _option(command: click.Command, name: str) -> click.Option | None:
    for param in command.params:
        if isinstance(param, click.Option) and name in param.opts:
            return param
    return None


def test_data_and_build_options_are_the_same_everywhere() -> None:
    seen = set()
    for name, command in _commands():
        data = _option(command, "--data")
        if data is not None:
            seen.add(name)
            assert data.default == Path("data") and data.show_default and data.help == DATA_HELP, name
        build = _option(command, "--build")
        if build is not None:
            assert build.default == Path("build") and build.show_default and build.help == BUILD_HELP, name
    assert seen >= READS_DATA, f"commands that read data/ without --data: {READS_DATA - seen}"


def test_every_command_that_writes_a_result_takes_o_output() -> None:
    lacking = []
    for name, command in _commands():
        if isinstance(command, click.Group) and not command.invoke_without_command:
            continue
        if name in NO_OUTPUT_FILE:
            continue
        output = _option(command, "--output")
        if output is None or "-o" not in output.opts:
            lacking.append(name)
    assert not lacking, f"commands without -o/--output: {lacking}"


@pytest.mark.parametrize(
    ("command", "old"),
    [(["build"], "--out"), (["synth"], "--out"), (["ingest", "x.txt"], "--out")],
)
def test_old_spellings_still_work_but_are_not_shown(command: list[str], old: str) -> None:
    cmd = main.commands[command[0]]
    with cmd.make_context(command[0], [*command[1:], old, "somewhere"]) as ctx:
        assert ctx.params["out_dir"] == Path("somewhere")
    with cmd.make_context(command[0], [*command[1:], "-o", "elsewhere"]) as ctx:
        assert ctx.params["out_dir"] == Path("elsewhere")
    text = _help(f"coi-graph {command[0]}")
    assert "-o, --output" in text
    assert not re.search(rf"{old}\b(?!put)", text)


def test_format_auto_is_the_default_and_detects_the_layout() -> None:
    report = str(DATA / "documents" / "euaa-2025-03-syria-country-focus-s3.4.txt")
    runs = [
        run_cli("ingest", report, "--data", str(DATA), "--dry-run", "--id", "a-test", *fmt)
        for fmt in ([], ["--format", "auto"], ["--format", "euaa-report"])
    ]
    assert all(r.exit_code == 0 for r in runs), [r.stderr for r in runs]
    assert runs[0].stdout == runs[1].stdout == runs[2].stdout
    assert "euaa-report" in runs[0].stdout


# --- shell completion ---------------------------------------------------------------------------


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_prints_the_script_click_makes(shell: str) -> None:
    result = run_cli("completion", shell)
    assert result.exit_code == 0
    assert "_COI_GRAPH_COMPLETE" in result.stdout
    # the same script as click's own mechanism: _COI_GRAPH_COMPLETE=bash_source coi-graph
    runner = CliRunner()
    sourced = runner.invoke(main, [], prog_name="coi-graph", env={"_COI_GRAPH_COMPLETE": f"{shell}_source"})
    assert sourced.stdout.strip() == result.stdout.strip()


def test_completion_offers_commands_subcommands_and_choices() -> None:
    def complete(args: list[str], incomplete: str) -> list[str]:
        completer = ShellComplete(main, {}, "coi-graph", "_COI_GRAPH_COMPLETE")
        return [item.value for item in completer.get_completions(args, incomplete)]

    assert "query" in complete([], "qu")
    assert complete(["query"], "ru") == ["run"]
    assert set(complete(["completion"], "")) == {"bash", "zsh", "fish"}
    assert "json" in complete(["validate", "--format"], "")
    assert "--output" in complete(["build"], "--o")


def test_completion_writes_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "coi-graph.fish"
    result = run_cli("completion", "fish", "-o", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    assert "_COI_GRAPH_COMPLETE" in target.read_text(encoding="utf-8")


# --- doctor -------------------------------------------------------------------------------------


def _doctor(*args: str) -> tuple[int, dict[str, dict[str, object]], dict[str, object]]:
    result = run_cli("doctor", "--format", "json", *args)
    payload = json.loads(result.stdout)
    return result.exit_code, {c["name"]: c for c in payload["checks"]}, payload


def test_doctor_reports_versions_data_build_and_store(seed_build: BuildResult, tmp_path: Path) -> None:
    code, checks, payload = _doctor("--data", str(DATA), "--build", str(seed_build.out_dir),
                                    "--cache", str(tmp_path / "cache"))  # fmt: skip
    assert code == 0 and payload["ok"] is True
    for library in ("rdflib", "pyoxigraph", "pyshacl", "owlrl", "networkx", "matplotlib", "click", "rich"):
        assert checks[library]["status"] == "ok", checks[library]
        assert checks[library]["facts"]["version"] == importlib.metadata.version(library)  # type: ignore[index]
    assert checks["python"]["status"] == "ok"
    assert checks["coi-graph"]["detail"] == __version__
    assert checks["documents"]["facts"] == {"files": len(list((DATA / "documents").glob("*.ttl")))}
    assert checks["claims"]["facts"] == {"files": len(list((DATA / "claims").glob("*.trig")))}
    assert checks["store"]["facts"]["bytes"] > 0  # type: ignore[index, operator]
    assert checks["up to date"]["status"] == "ok"
    assert checks["oxigraph server"]["status"] in ("ok", "absent")
    assert {"chromium", "chromedriver", "wikidata http cache", "platform"} <= set(checks)
    table = run_cli("doctor", "--data", str(DATA), "--build", str(seed_build.out_dir))
    assert table.exit_code == 0
    assert table.stdout.splitlines()[0] == "environment"
    assert "everything needed is there" in table.stdout


def test_doctor_says_a_build_is_stale(seed_build: BuildResult, data_copy: Path) -> None:
    edited = data_copy / "claims" / "newsaz-2025-10-20-iraq-us-advisers.trig"
    later = (seed_build.out_dir / "summary.json").stat().st_mtime + 60
    os.utime(edited, (later, later))
    code, checks, _ = _doctor("--data", str(data_copy), "--build", str(seed_build.out_dir))
    assert code == 0  # a stale build is reported, not a failure
    assert checks["up to date"]["status"] == "warning"
    assert str(edited) in str(checks["up to date"]["detail"])
    assert "coi-graph build" in str(checks["up to date"]["fix"])


def test_doctor_reports_an_enrichment_file_of_the_wrong_shape(seed_build: BuildResult, data_copy: Path) -> None:
    """Found in review: '{"entities": 5}' ended doctor in an internal error (TypeError)."""
    enrichment = data_copy / "enrichment" / "wikidata.json"
    enrichment.parent.mkdir(parents=True, exist_ok=True)
    enrichment.write_text('{"entities": 5}', encoding="utf-8")
    code, checks, _ = _doctor("--data", str(data_copy), "--build", str(seed_build.out_dir))
    assert code == 0 and checks["wikidata enrichment"]["status"] == "warning"
    assert "not readable" in str(checks["wikidata enrichment"]["detail"])


def test_doctor_exits_1_and_says_how_to_fix_what_is_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = run_cli("doctor", "--data", str(tmp_path / "nothing"), "--build", str(tmp_path / "no-build"))
    assert result.exit_code == 1
    assert "MISSING  data directory" in result.stdout
    assert "fix: run from the project folder, or pass --data DIR" in result.stdout
    assert "1 required item(s) missing: data directory" in result.stdout
    code, checks, payload = _doctor("--data", str(tmp_path / "nothing"), "--build", str(tmp_path / "no-build"))
    assert code == 1 and payload["ok"] is False
    assert checks["build directory"]["status"] == "warning"  # not built yet: reported, with the command

    real = importlib.metadata.version

    def without_rich(name: str) -> str:
        if name == "rich":
            raise importlib.metadata.PackageNotFoundError(name)
        return real(name)

    monkeypatch.setattr(importlib.metadata, "version", without_rich)
    code, checks, _ = _doctor("--data", str(DATA), "--build", str(tmp_path / "no-build"))
    assert code == 1
    assert checks["rich"]["status"] == "missing" and "pip install" in str(checks["rich"]["fix"])


def test_doctor_reports_optional_things_missing_without_failing(
    monkeypatch: pytest.MonkeyPatch, seed_build: BuildResult
) -> None:
    import shutil

    from coi_graph import oxigraph_server
    from coi_graph.errors import CoiGraphError

    def no_server() -> str:
        raise CoiGraphError("the oxigraph server is not installed", hint="pip install 'oxigraph>=0.5,<0.6'")

    monkeypatch.setattr(oxigraph_server, "oxigraph_binary", no_server)
    monkeypatch.setattr(shutil, "which", lambda name: None)
    code, checks, _ = _doctor("--data", str(DATA), "--build", str(seed_build.out_dir))
    assert code == 0
    for name in ("oxigraph server", "chromium", "chromedriver"):
        assert checks[name]["status"] == "absent" and checks[name]["fix"], checks[name]
