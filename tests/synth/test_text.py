"""The small text and value helpers of the synthetic corpus (synth/text.py): slugs, Turtle literals, dates
written as the documents write them, month arithmetic and numbers in the report and news styles."""

from __future__ import annotations

from collections import Counter
from datetime import date
from random import Random

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from coi_graph.documents.dates import TimeValue
from coi_graph.synth.text import (
    add_months,
    cap,
    day_text,
    lit,
    month_name_text,
    number_text,
    slug,
    time_lit,
    weighted,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Global Coalition", "global-coalition"),
        ("Ardenian-led Global Coalition", "ardenian-led-global-coalition"),
        ("two Ardenian defence officials (unnamed)", "two-ardenian-defence-officials-unnamed"),
        ("  Tal  al-Marah -- 3.4 ", "tal-al-marah-3-4"),
        ("Ünïcode", "n-code"),  # only ASCII letters and digits are kept
        ("!!!", "x"),  # nothing left: a placeholder, never an empty key
        ("", "x"),
    ],
)
def test_slug(text: str, expected: str) -> None:
    assert slug(text) == expected


def test_cap_upper_cases_the_first_letter_only() -> None:
    assert cap("the Ardenian forces") == "The Ardenian forces"
    assert cap("al-Qasr KMD") == "Al-Qasr KMD"
    assert cap("") == ""


def test_lit_escapes_and_parses_back_as_turtle() -> None:
    text = 'He said "we stay"\\ now\nand later'
    assert lit(text) == '"He said \\"we stay\\"\\\\ now\\nand later"'
    assert lit("Qasiria", "en") == '"Qasiria"@en'
    turtle = f"<urn:s> <urn:p> {lit(text, 'en')} ."
    graph = Graph().parse(data=turtle, format="turtle")
    assert graph.value(URIRef("urn:s"), URIRef("urn:p")) == Literal(text, lang="en")


@pytest.mark.parametrize(
    ("value", "expected", "datatype"),
    [
        (TimeValue(2024, 3, 7), '"2024-03-07"^^xsd:date', XSD.date),
        (TimeValue(2023, 11), '"2023-11"^^xsd:gYearMonth', XSD.gYearMonth),
        (TimeValue(2019), '"2019"^^xsd:gYear', XSD.gYear),
    ],
)
def test_time_lit_types_by_precision(value: TimeValue, expected: str, datatype: URIRef) -> None:
    assert time_lit(value) == expected
    turtle = f"@prefix xsd: <{XSD}> .\n<urn:s> <urn:p> {expected} ."
    parsed = Graph().parse(data=turtle, format="turtle").value(URIRef("urn:s"), URIRef("urn:p"))
    assert isinstance(parsed, Literal) and parsed.datatype == datatype and str(parsed) == value.lexical


def test_dates_in_words() -> None:
    assert day_text(date(2024, 1, 5)) == "5 January 2024"
    assert day_text(date(2023, 12, 31)) == "31 December 2023"
    assert month_name_text(TimeValue(2025, 9)) == "September 2025"
    with pytest.raises(AssertionError):
        month_name_text(TimeValue(2025))  # a year has no month to name


@pytest.mark.parametrize(
    ("year", "month", "delta", "expected"),
    [
        (2024, 3, -1, (2024, 2)),
        (2024, 1, -1, (2023, 12)),  # back across the year end
        (2024, 2, -14, (2022, 12)),
        (2023, 11, 3, (2024, 2)),  # forward across the year end
        (2023, 12, 12, (2024, 12)),
        (2023, 6, 0, (2023, 6)),
    ],
)
def test_add_months(year: int, month: int, delta: int, expected: tuple[int, int]) -> None:
    assert add_months(year, month, delta) == expected


@pytest.mark.parametrize(
    ("value", "report", "expected"),
    [
        (2000, True, "2 000"),
        (2000, False, "2,000"),
        (12500, True, "12 500"),
        (1234567, False, "1,234,567"),
        (950, True, "950"),
    ],
)
def test_number_text(value: int, report: bool, expected: str) -> None:
    assert number_text(value, report) == expected


def test_weighted_follows_the_weights_and_the_seed() -> None:
    pairs = (("never", 0), ("rare", 1), ("common", 9))
    rng = Random(11)
    many = Counter(weighted(rng, pairs) for _ in range(2000))
    assert set(many) == {"rare", "common"}  # a weight of zero is never drawn
    assert 0.85 < many["common"] / 2000 < 0.95
    first, second = Random(5), Random(5)
    assert [weighted(first, pairs) for _ in range(20)] == [weighted(second, pairs) for _ in range(20)]
    assert weighted(Random(1), ((3, 1),)) == 3  # integer values too
