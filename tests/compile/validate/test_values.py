"""The value tests the validator runs in Python, as pySHACL decides them: sh:datatype, sh:minLength,
sh:pattern, the sh:min/max ranges, and the sh:lessThan(OrEquals) comparison of a pair."""

from __future__ import annotations

import datetime
import re

import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD
from rdflib.term import Node

from coi_graph.compile.validate.values import DatatypeTest, MinLengthTest, PatternTest, RangeTest, pair_passes

IRI = URIRef("http://ex.org/x")


@pytest.mark.parametrize(
    ("datatype", "value", "passes"),
    [
        (XSD.integer, Literal(5), True),
        (XSD.integer, Literal("x", datatype=XSD.integer), False),  # ill-typed
        (XSD.int, Literal("99999999999", datatype=XSD.int), False),  # out of the range of xsd:int
        (XSD.date, Literal("2024-02-30", datatype=XSD.date), False),
        (XSD.integer, Literal("5"), False),  # a simple literal is no integer
        (XSD.decimal, Literal(3), False),  # an xsd:integer is not written xsd:decimal
        (XSD.string, Literal("5"), True),  # a simple literal is an xsd:string
        (XSD.string, Literal("5", lang="en"), False),
        (RDF.langString, Literal("5", lang="en"), True),
        (RDFS.Literal, Literal(5), True),
        (XSD.integer, IRI, False),
        (XSD.string, BNode(), False),
    ],
)
def test_datatype_test(datatype: URIRef, value: Node, passes: bool) -> None:
    assert DatatypeTest(datatype)(value) is passes


@pytest.mark.parametrize(
    ("length", "value", "passes"),
    [
        (3, Literal("abc"), True),
        (3, Literal("ab"), False),
        (3, Literal(100), True),  # the lexical form "100"
        (4, Literal(1.0), False),  # "1.0"
        (10, IRI, True),  # the IRI's text, 16 characters
        (1, BNode(), False),  # a blank node has no length
    ],
)
def test_min_length_test(length: int, value: Node, passes: bool) -> None:
    assert MinLengthTest(length)(value) is passes


def test_pattern_test_matches_or_searches_with_pythons_re() -> None:
    qid = PatternTest("^Q[0-9]+$", 0)
    assert qid(Literal("Q42")) and not qid(Literal("q42")) and not qid(BNode())
    assert PatternTest("^Q", re.IGNORECASE)(Literal("q1"))
    assert PatternTest("42", 0)(Literal("Q42"))  # search, not only match
    assert PatternTest("^http://ex", 0)(IRI)
    assert PatternTest("a", 0) == PatternTest("a", 0)  # the compiled regex is left out of equality


@pytest.mark.parametrize(
    ("bound", "op", "value", "passes"),
    [
        (Literal(10), ">=", Literal(10), True),
        (Literal(10), ">=", Literal(9), False),
        (Literal(10), ">=", Literal(11.5), True),
        (Literal(10), ">", Literal(10), False),
        (Literal(10), "<", Literal(9), True),
        (Literal(10), "<=", Literal(10), True),
        (Literal(10), ">=", Literal("10"), False),  # a string against a number
        (Literal(10), ">=", IRI, False),
        (Literal(datetime.date(2020, 1, 1)), ">=", Literal(datetime.date(2021, 1, 1)), True),
        (Literal("b"), ">", Literal("c"), True),
    ],
)
def test_range_test(bound: Literal, op: str, value: Node, passes: bool) -> None:
    assert RangeTest(bound, op)(value) is passes


@pytest.mark.parametrize(
    ("value", "other", "strict", "passes"),
    [
        (Literal(1), Literal(2), True, True),
        (Literal(2), Literal(2), True, False),
        (Literal(2), Literal(2), False, True),
        (Literal("a"), Literal(2), False, False),  # a string and a number do not compare
        (URIRef("http://a.org/"), Literal("http://b.org/"), True, True),  # an IRI compares as its text
        (Literal(datetime.date(2020, 1, 1)), Literal(datetime.date(2020, 1, 2)), True, True),
    ],
)
def test_pair_passes(value: Node, other: Node, strict: bool, passes: bool) -> None:
    assert pair_passes(value, other, strict) is passes
