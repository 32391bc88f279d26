"""The spreadsheet round trip (issue 17): export the candidates, decide in the cells (edited here with the csv
module and openpyxl, as an analyst's spreadsheet program would), import: the files written are those the same
actions write; a bad row is refused with its row, column and message, and nothing is written."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from coi_graph.workbench.actions import Workbench
from coi_graph.workbench.spreadsheet import COLUMNS, read_rows
from tests.conftest import run_cli
from tests.workbench.test_actions import cand, extracted, snapshot

DAY = date(2026, 12, 8)
EDIT = {"object": "ent:hts", "start": "2024-12-20", "start_precision": "month", "modality": "reported"}


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return extracted(tmp_path)


def _export(data: Path, output: Path) -> None:
    result = run_cli("export", "candidates", "--data", str(data), "-o", str(output))
    assert result.exit_code == 0, result.stderr


def _import(data: Path, file: Path, *extra: str) -> object:
    return run_cli("import", "candidates", str(file), "--data", str(data), "--reviewer", "A. Analyst",
                   "--date", DAY.isoformat(), *extra)  # fmt: skip


def _decide(rows: list[dict[str, str]]) -> None:
    """Reject 1, accept 2 as proposed, edit 6 (another object, a month, another modality)."""
    by_candidate = {row["candidate"]: row for row in rows}
    by_candidate[cand(1)].update(decision="reject", reason="points to another report")
    by_candidate[cand(2)]["decision"] = "accept"
    by_candidate[cand(6)].update(decision="edit", **EDIT)


def _same_by_actions(data: Path, tmp_path: Path) -> dict[str, bytes]:
    """What the workbench's actions write for the same decisions, on a fresh copy."""
    other = extracted(tmp_path / "actions")
    bench = Workbench(other, "A. Analyst", DAY, cache_dir=None)
    for result in (bench.reject(cand(1), "points to another report"), bench.accept(cand(2)),
                   bench.accept(cand(6), EDIT)):  # fmt: skip
        assert result.ok, result.render()
    return portable(other)


def portable(folder: Path) -> dict[str, bytes]:
    """The files of a data folder, its own path (which the draft's header names) written DATA."""
    return {name: text.replace(str(folder).encode(), b"DATA") for name, text in snapshot(folder).items()}


def test_csv_round_trip_writes_what_the_actions_write(data: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "candidates.csv"
    _export(data, sheet)
    text = sheet.read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == list(COLUMNS) and len(rows) == 7
    assert rows[1]["candidate"] == cand(2) and rows[1]["footnotes"].endswith("/fn541")
    assert rows[1]["start"] == "2024-12" and rows[1]["start_precision"] == "month"
    _decide(rows)
    with sheet.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(COLUMNS))
        writer.writeheader()
        writer.writerows(rows)
    before = snapshot(data)
    dry = _import(data, sheet, "--dry-run")
    assert dry.exit_code == 0, dry.stderr  # type: ignore[attr-defined]
    assert snapshot(data) == before  # checked, nothing written
    result = _import(data, sheet)
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    assert "2 claim(s) filed" in result.stderr  # type: ignore[attr-defined]
    assert portable(data) == _same_by_actions(data, tmp_path)


def test_xlsx_round_trip_writes_what_the_actions_write(data: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "candidates.xlsx"
    _export(data, sheet)
    book = load_workbook(sheet)
    table = book["candidates"]
    header = [c.value for c in table[1]]
    assert header == list(COLUMNS)
    rows = [dict(zip(header, ["" if c.value is None else str(c.value) for c in line], strict=True))
            for line in table.iter_rows(min_row=2)]  # fmt: skip
    _decide(rows)
    for index, row in enumerate(rows, start=2):
        for column, name in enumerate(COLUMNS, start=1):
            table.cell(index, column).value = row[name] or None
    book.save(sheet)
    result = _import(data, sheet)
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    assert portable(data) == _same_by_actions(data, tmp_path)


def test_a_bad_row_is_refused_with_row_column_and_message_and_nothing_is_written(data: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "candidates.csv"
    _export(data, sheet)
    rows = list(csv.DictReader(io.StringIO(sheet.read_text(encoding="utf-8"))))
    rows[0].update(decision="reject", reason="fine")  # a good row: not written either
    rows[1].update(decision="edit", relation="coi:supports", object="ent:al-omar-oil-field")
    rows[2].update(decision="accept", modality="negated")  # changed cells, but "accept"
    with sheet.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(COLUMNS))
        writer.writeheader()
        writer.writerows(rows)
    before = snapshot(data)
    result = _import(data, sheet)
    assert result.exit_code == 1  # type: ignore[attr-defined]
    err = result.stderr  # type: ignore[attr-defined]
    assert "row 4, column decision: the row changes modality; write 'edit'" in err
    assert "nothing was written" in err
    assert snapshot(data) == before
    rows[2]["decision"] = ""
    with sheet.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(COLUMNS))
        writer.writeheader()
        writer.writerows(rows)
    result = _import(data, sheet)
    assert result.exit_code == 1  # type: ignore[attr-defined]
    assert "row 3, column object: ent:al-omar-oil-field (Al-Omar Oil Field) is an oil field" in result.stderr  # type: ignore[attr-defined]
    assert snapshot(data) == before


def test_cells_are_formula_neutralised_and_come_back_exactly(data: Path, tmp_path: Path) -> None:
    reason = '=HYPERLINK("http://x";"y"), -1, @a'
    bench = Workbench(data, "A. Analyst", DAY, cache_dir=None)
    assert bench.reject(cand(1), reason).ok
    sheet = tmp_path / "c.csv"
    _export(data, sheet)
    raw = sheet.read_text(encoding="utf-8")
    assert "'=HYPERLINK" in raw and "=HYPERLINK" not in raw.replace("'=HYPERLINK", "")
    assert read_rows(sheet)[0][1]["reason"] == reason
    book = tmp_path / "c.xlsx"
    _export(data, book)
    cell = load_workbook(book)["candidates"].cell(2, COLUMNS.index("reason") + 1)
    assert cell.value == reason and cell.data_type == "s"
    assert read_rows(book)[0][1]["reason"] == reason
