"""Small text and value helpers of the synthetic corpus."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from random import Random

from coi_graph.documents.dates import TimeValue
from coi_graph.synth.shares import MONTHS

# =============================================================================================
# Small helpers
# =============================================================================================


def weighted(rng: Random, pairs: Sequence[tuple[str, int]] | Sequence[tuple[int, int]]) -> int | str:
    values = [value for value, _ in pairs]
    weights = [weight for _, weight in pairs]
    return rng.choices(values, weights)[0]


def slug(text: str) -> str:
    out = []
    for char in text.casefold():
        out.append(char if char.isascii() and char.isalnum() else "-")
    return "-".join(part for part in "".join(out).split("-") if part) or "x"


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def lit(text: str, lang: str | None = None) -> str:
    """A Turtle string literal."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"' + (f"@{lang}" if lang else "")


def time_lit(value: TimeValue) -> str:
    datatype = {"day": "date", "month": "gYearMonth", "year": "gYear"}[value.precision]
    return f'"{value.lexical}"^^xsd:{datatype}'


def day_text(value: date) -> str:
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def month_name_text(value: TimeValue) -> str:
    assert value.month is not None
    return f"{MONTHS[value.month - 1]} {value.year}"


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def number_text(value: int, report: bool) -> str:
    """'2 000' as EUAA writes it, '2,000' as the news does."""
    return f"{value:,}".replace(",", " " if report else ",")
