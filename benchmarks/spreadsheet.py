"""Time the spreadsheet export and import of candidates: xlsx (openpyxl) against CSV (the standard library).

Run:  .venv/bin/python benchmarks/spreadsheet.py [--rows N] [--repeat R]

Rows are the export's columns, filled from the candidates of the seed draft (``coi-graph extract`` on the
EUAA section), repeated to N rows; each format is written to a temporary file and read back with the
workbench's own functions (:func:`~coi_graph.workbench.spreadsheet.render_csv`, ``write_xlsx``, ``read_rows``).
Prints a Markdown table: milliseconds to write and to read, file size, best of R runs.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _rows(count: int) -> list[dict[str, str]]:
    from click.testing import CliRunner

    from coi_graph.cli import main
    from coi_graph.workbench.actions import Workbench
    from coi_graph.workbench.spreadsheet import candidate_rows

    with tempfile.TemporaryDirectory() as scratch:
        draft = Path(scratch) / "draft.trig"
        source = ROOT / "data" / "documents" / "euaa-2025-03-syria-country-focus-s3.4.txt"
        result = CliRunner().invoke(main, ["extract", str(source), "--data", str(ROOT / "data"), "-o", str(draft)])
        assert result.exit_code == 0, result.output
        seed = candidate_rows([draft], Workbench(ROOT / "data", "benchmark", cache_dir=None))
    return [dict(seed[i % len(seed)], candidate=f"cand:bench/{i + 1}") for i in range(count)]


def _best(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def _write_csv(rows: list[dict[str, str]], path: Path) -> None:
    from coi_graph.workbench.spreadsheet import render_csv

    path.write_text(render_csv(rows), encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    from coi_graph.workbench.spreadsheet import read_rows, write_xlsx

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    print("| rows | format | write ms | read ms | size KB |")
    print("|---:|---|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as scratch:
        csv_file, xlsx_file = Path(scratch) / "c.csv", Path(scratch) / "c.xlsx"
        for count in args.rows:
            rows = _rows(count)
            write_csv = _best(partial(_write_csv, rows, csv_file), args.repeat)
            read_csv = _best(partial(read_rows, csv_file), args.repeat)
            write_x = _best(partial(write_xlsx, rows, xlsx_file), args.repeat)
            read_x = _best(partial(read_rows, xlsx_file), args.repeat)
            assert [r for _, r in read_rows(xlsx_file)] == [r for _, r in read_rows(csv_file)]
            for name, w, r, path in (("csv", write_csv, read_csv, csv_file), ("xlsx", write_x, read_x, xlsx_file)):
                print(f"| {count} | {name} | {w:.0f} | {r:.0f} | {path.stat().st_size / 1024:.0f} |")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
