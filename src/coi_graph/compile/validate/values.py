"""Python value tests: pySHACL's own logic for the values SPARQL cannot decide the same way."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD
from rdflib.term import Node

# --------------------------------------------------------------------------------------------
# Python value tests: pySHACL's own logic, for the values SPARQL cannot decide the same way
# --------------------------------------------------------------------------------------------


def _actual_datatype(value: Literal, rule: URIRef) -> bool:
    """pySHACL's DatatypeConstraintComponent._assert_actual_datatype."""
    python = value.value
    if rule in (XSD.string, RDF.langString):
        return isinstance(python, str | bytes)
    checks: dict[URIRef, type | tuple[type, ...]] = {
        XSD.integer: int,
        XSD.float: float,
        XSD.decimal: Decimal,
        XSD.boolean: bool,
        XSD.date: datetime.date,
        XSD.time: datetime.time,
        XSD.dateTime: datetime.datetime,
    }
    kind = checks.get(rule)
    return True if kind is None else isinstance(python, kind)


@dataclass(frozen=True)
class DatatypeTest:
    """sh:datatype as pySHACL decides it (constraints/core/value_constraints.py, evaluate)."""

    datatype: URIRef

    def __call__(self, value: Node) -> bool:
        if not isinstance(value, Literal):
            return False
        rule = self.datatype
        if value.datatype == rule:
            return value.ill_typed is not True and _actual_datatype(value, rule)
        if rule == RDFS.Literal:
            return True
        if rule == RDFS.Datatype and value.datatype:
            return True
        if value.datatype is None and value.language is None and rule == XSD.string:
            return _actual_datatype(value, rule)
        if rule == RDF.langString and value.language:
            return _actual_datatype(value, rule)
        return False


def _string_of(value: Node) -> str:
    """pySHACL's StringBasedConstraintBase.value_node_to_string."""
    if isinstance(value, Literal) and value.value is not None and value.datatype in (None, RDF.langString, XSD.string):
        return str(value.value)
    return str(value)


@dataclass(frozen=True)
class MinLengthTest:
    """sh:minLength on a value SPARQL cannot measure as pySHACL does (a non-string literal)."""

    length: int

    def __call__(self, value: Node) -> bool:
        return not isinstance(value, BNode) and len(_string_of(value)) >= self.length


@dataclass(frozen=True)
class PatternTest:
    """sh:pattern with Python's re, as pySHACL does (match, else search)."""

    pattern: str
    flags: int
    regex: re.Pattern[str] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "regex", re.compile(self.pattern, self.flags))

    def __call__(self, value: Node) -> bool:
        if isinstance(value, BNode):
            return False
        text = _string_of(value)
        return bool(self.regex.match(text) or self.regex.search(text))


def _compare_literal(left: Literal, right: Literal) -> int:
    """pySHACL's rdfutil.compare.compare_literal: rdflib's literal (in)equality, not SPARQL's."""
    if left.eq(right):
        return 0
    if type(left.value) in (datetime.datetime, datetime.time):
        if left.value == right.value:
            return 0
        if left.value > right.value:
            return 1
    elif left > right:
        return 1
    return -1


_RANGE_PASSES: dict[str, Callable[[int], bool]] = {
    ">=": lambda c: c >= 0,
    "<=": lambda c: c <= 0,
    ">": lambda c: c > 0,
    "<": lambda c: c < 0,
}


@dataclass(frozen=True)
class RangeTest:
    """sh:min/maxIn/Exclusive as pySHACL decides it (constraints/core/value_range_constraints.py)."""

    bound: Literal
    op: str

    def __call__(self, value: Node) -> bool:
        if not isinstance(value, Literal):
            return False
        if isinstance(self.bound.value, str) != isinstance(value.value, str):
            return False
        try:
            return _RANGE_PASSES[self.op](_compare_literal(value, self.bound))
        except (TypeError, NotImplementedError):
            return False


def pair_passes(value: Node, other: Node, strict: bool) -> bool:
    """pySHACL's LessThan(OrEquals)ConstraintComponent._compare_lt(oe) for one pair of (non-blank) values."""
    left: object = value
    right: object = other
    left_is_string = right_is_string = False
    if isinstance(value, URIRef) or (isinstance(value, Literal) and isinstance(value.value, str)):
        left, left_is_string = (str(value) if isinstance(value, URIRef) else value.value), True
    if isinstance(other, URIRef) or (isinstance(other, Literal) and isinstance(other.value, str)):
        right, right_is_string = (str(other) if isinstance(other, URIRef) else other.value), True
    if left_is_string != right_is_string:
        return False
    return bool(left < right) if strict else bool(left <= right)  # type: ignore[operator]
