"""Pictures: written as PNG or SVG, deterministic, and refusing other formats."""

from __future__ import annotations

from pathlib import Path

import pytest

from coi_graph.compile.pipeline import BuildResult
from tests.conftest import run_cli


@pytest.mark.parametrize("kind", ["network", "timeline", "map"])
def test_plots_write_png_and_svg(seed_build: BuildResult, tmp_path: Path, kind: str) -> None:
    for suffix in (".png", ".svg"):
        out = tmp_path / f"{kind}{suffix}"
        result = run_cli("plot", kind, "--build", str(seed_build.out_dir), "-o", str(out))
        assert result.exit_code == 0, result.output
        data = out.read_bytes()
        if suffix == ".png":
            assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 20_000
        else:
            assert b"<svg" in data[:500] and len(data) > 20_000


def test_svg_is_byte_identical_when_redrawn(seed_build: BuildResult, tmp_path: Path) -> None:
    first, second = tmp_path / "a.svg", tmp_path / "b.svg"
    for out in (first, second):
        run_cli("plot", "network", "--build", str(seed_build.out_dir), "-o", str(out))
    assert first.read_bytes() == second.read_bytes()


def test_map_names_what_it_draws(seed_build: BuildResult, tmp_path: Path) -> None:
    out = tmp_path / "map.svg"
    run_cli("plot", "map", "--build", str(seed_build.out_dir), "-o", str(out))
    svg = out.read_text(encoding="utf-8")
    assert "13 places with verified coordinates" in svg and "United States" in svg and "Ain al-Asad air base" in svg


def test_unknown_picture_format_is_an_error(seed_build: BuildResult, tmp_path: Path) -> None:
    result = run_cli("plot", "map", "--build", str(seed_build.out_dir), "-o", str(tmp_path / "map.jpg"))
    assert result.exit_code == 2 and "use .png or .svg" in result.stderr


def test_the_map_centres_on_places_even_when_the_middle_is_empty() -> None:
    """Regression: the middle longitude (Johannesburg's) and the middle latitude (Washington's) meet in the
    Mediterranean, far from every place; the map then had nothing to draw and a dossier crashed (max() of
    an empty sequence). It centres on the densest group instead."""
    from coi_graph.plot.map import focus_places

    def place(label: str, lon: float, lat: float) -> dict[str, object]:
        return {"geometry": {"coordinates": [lon, lat]}, "properties": {"label": label}}

    near, far = focus_places([place("Washington", -77.04, 38.91), place("Pretoria", 28.19, -25.75),
                        place("Johannesburg", 28.05, -26.2), place("Tromsø", 18.96, 69.65)])  # fmt: skip
    assert [p["properties"]["label"] for p in near] == ["Pretoria", "Johannesburg"]
    assert far == ["Tromsø", "Washington"]


def test_dollar_signs_in_labels_are_text_not_mathematics() -> None:
    """Regression: matplotlib read '$…$' in a label as mathtext: 'US$5m and US$7m' came out garbled and
    '$\\undefined$' raised an error."""
    from coi_graph.plot.figure import new_figure, svg_text

    figure, axes = new_figure(4, 2)
    axes.set_title("a $\\undefined$ b; a bounty of US$5m and US$7m")
    text = svg_text(figure)
    assert "a $\\undefined$ b; a bounty of US$5m and US$7m" in text
