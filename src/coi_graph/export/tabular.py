"""Write rows as CSV or JSON Lines, to a file (atomically) or to stdout."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Literal

from coi_graph.fsutil import atomic_write

TableFormat = Literal["csv", "jsonl"]
Row = dict[str, str | int | None]


def render(rows: Iterable[Row], columns: Sequence[str], fmt: TableFormat) -> str:
    buffer = io.StringIO()
    if fmt == "csv":
        writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: "" if row.get(c) is None else row.get(c) for c in columns})
    else:
        for row in rows:
            buffer.write(json.dumps({c: row.get(c) for c in columns}, ensure_ascii=False) + "\n")
    return buffer.getvalue()


def write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    with atomic_write(output) as handle:
        handle.write(text)
