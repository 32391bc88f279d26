"""`python -m coi_graph` (coi_graph.__main__): the command line run as a module, in a subprocess with this
interpreter: its version, its help naming the commands under the module's name, and a usage error's exit code."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from coi_graph import __version__
from coi_graph.cli import main


def run_module(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "coi_graph", *args], capture_output=True, text=True, check=False, cwd=cwd, timeout=120
    )


def test_version(tmp_path: Path) -> None:
    result = run_module("--version", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"coi-graph, version {__version__}\n"
    assert result.stderr == ""


def test_help_lists_every_command_under_the_module_name(tmp_path: Path) -> None:
    result = run_module("--help", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Usage: python -m coi_graph [OPTIONS] COMMAND [ARGS]...\n")
    listed = result.stdout.split("Commands:\n", 1)[1].splitlines()
    assert [line.split()[0] for line in listed if line.startswith("  ")] == sorted(main.commands)


def test_an_unknown_command_is_a_usage_error(tmp_path: Path) -> None:
    result = run_module("nosuch", cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert "Error: No such command 'nosuch'." in result.stderr
    assert "Traceback" not in result.stderr
