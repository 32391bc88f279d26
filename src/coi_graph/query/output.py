"""Query results as a table for the terminal, CSV, TSV, JSON records or a Markdown table.

CSV and TSV cells never start a spreadsheet formula, and tables (terminal and Markdown) show control
characters as ``\\x1b`` (:mod:`coi_graph.export.safety`)."""

from __future__ import annotations

import json
from decimal import Decimal

from coi_graph.export.safety import csv_text, table_cell
from coi_graph.namespaces import PREFIXES, short
from coi_graph.query.runner import QueryResult
from coi_graph.store import Value

FORMATS = ("table", "csv", "tsv", "json", "markdown")
XSD = "http://www.w3.org/2001/XMLSchema#"
_NUMBERS = {XSD + "integer", XSD + "decimal", XSD + "double", XSD + "float", XSD + "long", XSD + "int"}
_TABLE_WIDTH = 60


def _short_text(value: Value | None) -> str:
    if value is None:
        return ""
    if value.is_iri and any(value.text.startswith(ns) for ns in PREFIXES.values()):
        return short(value.text)
    return value.text


def _json_value(value: Value | None) -> object:
    if value is None:
        return None
    if value.datatype in _NUMBERS:
        number = Decimal(value.text)
        return int(number) if number == number.to_integral_value() and "." not in value.text else float(number)
    if value.datatype == XSD + "boolean":
        return value.text == "true"
    return value.text


def render(result: QueryResult, fmt: str) -> str:
    if fmt in ("csv", "tsv"):
        rows = ([None if v is None else v.text for v in row] for row in result.rows)
        return csv_text(result.columns, rows, delimiter="," if fmt == "csv" else "\t")
    if fmt == "json":
        records = [dict(zip(result.columns, (_json_value(v) for v in row), strict=True)) for row in result.rows]
        return json.dumps(records, indent=2, ensure_ascii=False) + "\n"
    if fmt == "markdown":
        lines = ["| " + " | ".join(result.columns) + " |", "|" + "---|" * len(result.columns)]
        for row in result.rows:
            cells = [table_cell(_short_text(v)).replace("|", "\\|") for v in row]
            lines.append("| " + " | ".join(cells) + " |")
        return "\n".join(lines) + "\n"
    return _table(result)


def _table(result: QueryResult) -> str:
    def cell(value: Value | None) -> str:
        text = table_cell(_short_text(value))
        return text if len(text) <= _TABLE_WIDTH else text[: _TABLE_WIDTH - 1] + "…"

    grid = [result.columns] + [[cell(v) for v in row] for row in result.rows]
    widths = [max(len(r[i]) for r in grid) for i in range(len(result.columns))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in grid]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.append(f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''})")
    return "\n".join(lines) + "\n"
