"""Pictures: written as PNG or SVG, deterministic, and refusing other formats."""

from __future__ import annotations

from pathlib import Path

import pytest

from coi_graph.build.pipeline import BuildResult
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
