"""Dates keep their precision; relative dates resolve against the document date."""

from __future__ import annotations

from datetime import date

import pytest
from rdflib.namespace import XSD

from coi_graph.documents.dates import TimeValue, parse_date, resolve

ARTICLE = date(2025, 10, 20)  # the news seed, a Monday


@pytest.mark.parametrize(
    ("text", "lexical", "precision"),
    [
        ("12 January 2025", "2025-01-12", "day"),
        ("October 1, 2024", "2024-10-01", "day"),
        ("March 2025", "2025-03", "month"),
        ("2025-10-20", "2025-10-20", "day"),
        ("in 2015", "2015", "year"),
        ("19 Sept. 2024", "2024-09-19", "day"),
    ],
)
def test_parse_date_keeps_precision(text: str, lexical: str, precision: str) -> None:
    value = parse_date(text)
    assert value is not None
    assert (value.lexical, value.precision) == (lexical, precision)


def test_impossible_dates_are_not_dates() -> None:
    assert parse_date("30 February 2025") is None
    with pytest.raises(ValueError):
        TimeValue(2025, 2, 30)


def test_datatype_carries_precision() -> None:
    assert TimeValue(2024, 12, 8).to_rdf().datatype == XSD.date
    assert TimeValue(2024, 12).to_rdf().datatype == XSD.gYearMonth
    assert TimeValue(2024).to_rdf().datatype == XSD.gYear
    assert TimeValue(2024, 2).latest() == date(2024, 2, 29)
    assert TimeValue(2024).earliest() == date(2024, 1, 1)


@pytest.mark.parametrize(
    ("expression", "lexical", "approximate"),
    [
        ("last year", "2024", False),
        ("on Monday", "2025-10-20", False),
        ("said on Friday", "2025-10-17", False),
        ("now", "2025-10-20", False),
        ("yesterday", "2025-10-19", False),
        ("in December", "2024-12", False),
        ("by September", "2025-09", False),
        ("in October", "2025-10", False),
        ("a decade ago", "2015", True),
        ("two years ago", "2023", True),
        ("last month", "2025-09", False),
        ("in early February 2025", "2025-02", False),
        ("well into the second half of December 2024", "2024-12", False),
    ],
)
def test_resolve_relative_dates(expression: str, lexical: str, approximate: bool) -> None:
    resolved = resolve(expression, ARTICLE)
    assert resolved is not None
    assert (resolved.value.lexical, resolved.approximate) == (lexical, approximate)


def test_expressions_without_time_resolve_to_nothing() -> None:
    assert resolve("the agreement originally stipulated", ARTICLE) is None
    assert resolve("they may leave", ARTICLE) is None
