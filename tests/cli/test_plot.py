"""`coi-graph plot` (coi_graph.cli.plot): -o is required by each picture, the projection options, --title and the
time window reach the picture (read back from the SVG's text), a bad date is a usage error, and the
registration of the group. PNG/SVG output and determinism are tested in tests/plot/test_plots.py."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from coi_graph.cli import main
from coi_graph.cli import plot as plot_commands
from coi_graph.compile.pipeline import BuildResult
from tests.conftest import run_cli


def texts(svg: Path) -> list[str]:
    """The text elements of an SVG the project draws (text is kept as text, not paths)."""
    return re.findall(r"<text[^>]*>([^<]*)</text>", svg.read_text(encoding="utf-8"))


def test_register_adds_the_plot_group() -> None:
    group = click.Group()
    plot_commands.register(group)
    assert list(group.commands) == ["plot"]
    assert group.commands["plot"] is plot_commands.plot is main.commands["plot"]
    assert sorted(plot_commands.plot.commands) == ["map", "network", "timeline"]


@pytest.mark.parametrize("kind", ["network", "timeline", "map"])
def test_each_picture_needs_an_output_file(kind: str, seed_build: BuildResult) -> None:
    result = run_cli("plot", kind, "--build", str(seed_build.out_dir))
    assert result.exit_code == 2 and result.stdout == ""
    assert "Error: Missing option '-o' / '--output'." in result.stderr


def test_network_draws_only_the_relations_asked_for_under_the_title(seed_build: BuildResult, tmp_path: Path) -> None:
    out = tmp_path / "supports.svg"
    result = run_cli("plot", "network", "--relation", "supports", "--title", "Who supports whom",
                     "--build", str(seed_build.out_dir), "-o", str(out))  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    shown = texts(out)
    assert "Who supports whom" in shown
    # the one 'supports' claim of the seed: US armed forces supports the SDF
    assert {"Syrian Democratic Forces", "US armed forces"} <= set(shown)
    assert "Syria" not in shown and "Iraq" not in shown


def test_timeline_window_and_top_reach_the_picture(seed_build: BuildResult, tmp_path: Path) -> None:
    out = tmp_path / "winter.svg"
    result = run_cli("plot", "timeline", "--from", "2025-01-01", "--to", "2025-03-31", "--top", "3",
                     "--build", str(seed_build.out_dir), "-o", str(out))  # fmt: skip
    assert result.exit_code == 0, result.stderr
    shown = texts(out)
    assert "Claims per actor, January 2025 to March 2025 (the 3 actors with most claims)" in shown
    assert "21 claim(s) outside this window are not shown" in shown
    assert {"US armed forces", "US-led Global Coalition"} <= set(shown)
    assert {t for t in shown if re.fullmatch(r"\d{4}-\d{2}", t)} == {"2025-01", "2025-02", "2025-03"}


def test_a_date_not_in_iso_form_is_a_usage_error(seed_build: BuildResult, tmp_path: Path) -> None:
    out = tmp_path / "t.svg"
    result = run_cli("plot", "timeline", "--from", "01/12/2024", "--build", str(seed_build.out_dir), "-o", str(out))
    assert result.exit_code == 2 and not out.exists()
    assert "Invalid value for '--from': '01/12/2024' does not match the format '%Y-%m-%d'." in result.stderr
