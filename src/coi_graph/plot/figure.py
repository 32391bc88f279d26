"""Shared matplotlib set-up: a non-interactive backend, fixed fonts and deterministic files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from coi_graph.errors import CoiGraphError
from coi_graph.fsutil import atomic_write

FORMATS = (".png", ".svg")


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")  # no display needed
    import matplotlib.pyplot as plt

    return plt


def new_figure(width: float, height: float) -> tuple[Any, Any]:
    plt = _pyplot()
    plt.rcParams.update(
        {
            "font.family": "DejaVu Sans",
            "font.size": 8,
            "svg.hashsalt": "coi-graph",  # stable SVG ids
            "svg.fonttype": "none",  # text stays text in SVG
            "text.parse_math": False,  # labels are data: "US$5m and US$7m" is not mathematics
        }
    )
    return plt.subplots(figsize=(width, height), dpi=150)  # type: ignore[no-any-return]


def save(figure: Any, path: Path) -> None:
    """Write PNG or SVG atomically, without a creation date, so the same input gives the same file."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise CoiGraphError(
            f"cannot write a picture as {suffix or 'a file without extension'}", hint="use .png or .svg"
        )
    metadata: dict[str, Any] = {"Date": None} if suffix == ".svg" else {"Software": "coi-graph"}
    mode = "w" if suffix == ".svg" else "wb"
    with atomic_write(path, mode, encoding="utf-8" if suffix == ".svg" else None) as handle:
        figure.savefig(handle, format=suffix[1:], metadata=metadata, bbox_inches="tight")
    _pyplot().close(figure)


def svg_text(figure: Any) -> str:
    """The figure as SVG text, without a creation date, as ``save`` writes it; the figure is closed."""
    import io

    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight")
    _pyplot().close(figure)
    return buffer.getvalue()
