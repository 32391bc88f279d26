"""`coi-graph dossier` (coi_graph.cli.dossier): the default output folder and format, the line it logs (the
entity's label, its number of claims as the library counts them, the files written), usage errors for a bad
format and an output that is a file, and the registration of the command. The pages themselves are tested in
tests/dossier/test_dossier.py."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from coi_graph.cli import dossier as dossier_commands
from coi_graph.cli import main
from coi_graph.compile.pipeline import BuildResult
from coi_graph.dossier.gather import Corpus, gather
from coi_graph.store import open_store
from tests.conftest import run_cli

ENT = "https://w3id.org/coi-graph/id/entity/"


def files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_register_adds_dossier() -> None:
    group = click.Group()
    dossier_commands.register(group)
    assert list(group.commands) == ["dossier"]
    assert group.commands["dossier"] is dossier_commands.dossier is main.commands["dossier"]


def test_by_default_both_formats_go_to_the_dossiers_folder(
    seed_build: BuildResult, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli("dossier", "SDF", "--build", str(seed_build.out_dir))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert files(tmp_path) == [
        "dossiers/charts/sdf-map.svg",
        "dossiers/charts/sdf-timeline.svg",
        "dossiers/sdf.html",
        "dossiers/sdf.md",
    ]
    claims = gather(Corpus(open_store(seed_build.out_dir)), ENT + "sdf", "sdf").claim_count
    assert claims == 3
    written = "dossiers/sdf.html, dossiers/charts/sdf-timeline.svg, dossiers/charts/sdf-map.svg, dossiers/sdf.md"
    assert result.stderr == f"wrote the dossier of Syrian Democratic Forces ({claims} claims) to {written}\n"


def test_a_format_it_does_not_write_is_a_usage_error(seed_build: BuildResult, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli("dossier", "ent:sdf", "--format", "pdf", "--build", str(seed_build.out_dir), "-o", str(out))
    assert result.exit_code == 2 and not out.exists()
    assert "Invalid value for '--format': 'pdf' is not one of 'html', 'markdown', 'both'." in result.stderr


def test_an_output_that_is_a_file_is_a_usage_error(seed_build: BuildResult, tmp_path: Path) -> None:
    taken = tmp_path / "dossiers"
    taken.write_text("a file\n", encoding="utf-8")
    result = run_cli("dossier", "ent:sdf", "--build", str(seed_build.out_dir), "-o", str(taken))
    assert result.exit_code == 2
    assert f"Invalid value for '-o' / '--output': Directory '{taken}' is a file." in result.stderr
    assert taken.read_text(encoding="utf-8") == "a file\n"
