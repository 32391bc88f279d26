"""Write rows as CSV or JSON Lines, to a file (atomically) or to stdout.

CSV cells and terminal output are made safe by :mod:`coi_graph.export.safety`: no cell starts a
spreadsheet formula, and nothing written to a terminal carries a control character."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Literal

from coi_graph.export.safety import csv_text, table_cell, visible
from coi_graph.fsutil import atomic_write

TableFormat = Literal["csv", "jsonl", "json", "table"]
Row = dict[str, str | int | float | None]


def render(rows: Iterable[Row], columns: Sequence[str], fmt: TableFormat) -> str:
    rows = list(rows)
    if fmt == "json":
        return json.dumps([{c: row.get(c) for c in columns} for row in rows], indent=2, ensure_ascii=False) + "\n"
    if fmt == "table":
        return _table(rows, columns)
    if fmt == "csv":
        return csv_text(columns, ([row.get(c) for c in columns] for row in rows))
    buffer = io.StringIO()
    for row in rows:
        buffer.write(json.dumps({c: row.get(c) for c in columns}, ensure_ascii=False) + "\n")
    return buffer.getvalue()


def write(text: str, output: Path | None) -> None:
    """``text`` to ``output``, or to stdout: exactly to a pipe or a file, with control characters shown
    (:func:`~coi_graph.export.safety.visible`) on a terminal."""
    if output is None:
        sys.stdout.write(visible(text, keep="\n\t") if sys.stdout.isatty() else text)
        sys.stdout.flush()
        return
    with atomic_write(output) as handle:
        handle.write(text)


def _table(rows: list[Row], columns: Sequence[str], width: int = 60) -> str:
    def cell(value: object) -> str:
        text = table_cell(value)
        return text if len(text) <= width else text[: width - 1] + "…"

    grid = [list(columns)] + [[cell(row.get(c)) for c in columns] for row in rows]
    widths = [max(len(r[i]) for r in grid) for i in range(len(columns))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in grid]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n"
