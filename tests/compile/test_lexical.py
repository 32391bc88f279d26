"""What ``ill_typed`` decides: rdflib's lexical check, made strict for xsd:gYearMonth and xsd:gYear."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from coi_graph.compile.lexical import ill_typed


@pytest.mark.parametrize(
    ("lexical", "valid"),
    [
        ("2024-12", True),
        ("2024-01Z", True),
        ("2024-12+14:00", True),
        ("-0044-03", True),  # a negative (BCE) year
        ("12024-12", True),  # more than four digits, no leading zero
        ("2024-13", False),  # the month 13 rdflib lets through
        ("2024-00", False),
        ("2024-1", False),  # the month needs two digits
        ("02024-12", False),  # a five-digit year with a leading zero
        ("2024-12+14:01", False),  # timezones stop at +14:00
        (" 2024-12", False),  # the whole string must match
    ],
)
def test_g_year_month_is_checked_strictly(lexical: str, valid: bool) -> None:
    assert ill_typed(lexical, str(XSD.gYearMonth)) is not valid


@pytest.mark.parametrize(
    ("lexical", "valid"), [("2024", True), ("-0500", True), ("2024Z", True), ("24", False), ("2024-01", False)]
)
def test_g_year_is_checked_strictly(lexical: str, valid: bool) -> None:
    assert ill_typed(lexical, str(XSD.gYear)) is not valid


def test_the_strict_check_catches_what_rdflib_accepts() -> None:
    """The reason the module exists: rdflib does not flag the month 13."""
    assert Literal("2024-13", datatype=XSD.gYearMonth).ill_typed is not True
    assert ill_typed("2024-13", str(XSD.gYearMonth)) is True


@pytest.mark.parametrize(
    ("lexical", "datatype", "expected"),
    [
        ("12", XSD.integer, False),
        ("abc", XSD.integer, True),
        ("1.5", XSD.decimal, False),
        ("x", XSD.decimal, True),
        ("2024-02-29", XSD.date, False),
        ("2024-02-30", XSD.date, True),
        ("anything at all", XSD.string, False),
    ],
)
def test_other_datatypes_use_rdflibs_check(lexical: str, datatype: URIRef, expected: bool) -> None:
    assert ill_typed(lexical, str(datatype)) is expected
