"""Dates as documents write them, with their precision, and relative dates resolved.

A :class:`TimeValue` keeps the precision the text gives: a day, a month or a year. It maps to
the XSD datatype that carries that precision (xsd:date, xsd:gYearMonth, xsd:gYear), as
OWL-Time's ``inXSD*`` properties do.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from rdflib import Literal as RDFLiteral
from rdflib.namespace import XSD

Precision = Literal["day", "month", "year"]

MONTHS: dict[str, int] = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS: dict[str, int] = {name.lower(): i for i, name in enumerate(calendar.day_name)}

_MONTH = r"(?:" + "|".join(sorted((m for m in MONTHS), key=len, reverse=True)) + r")\.?"
DAY_MONTH_YEAR = re.compile(rf"\b(?P<d>\d{{1,2}})\s+(?P<m>{_MONTH})\s+(?P<y>\d{{4}})\b", re.IGNORECASE)
MONTH_DAY_YEAR = re.compile(rf"\b(?P<m>{_MONTH})\s+(?P<d>\d{{1,2}}),\s*(?P<y>\d{{4}})\b", re.IGNORECASE)
MONTH_YEAR = re.compile(rf"\b(?P<m>{_MONTH})\s+(?P<y>\d{{4}})\b", re.IGNORECASE)
ISO_DATE = re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")
ISO_MONTH = re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})\b")
YEAR = re.compile(r"\b(?P<y>(?:19|20)\d{2})\b")


@dataclass(frozen=True, order=True)
class TimeValue:
    """A calendar date at day, month or year precision."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} out of range")
        if self.day is not None and self.month is not None:
            date(self.year, self.month, self.day)  # raises ValueError on 2025-02-30

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    @property
    def lexical(self) -> str:
        if self.day is not None and self.month is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def earliest(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> date:
        if self.day is not None and self.month is not None:
            return date(self.year, self.month, self.day)
        month = self.month or 12
        return date(self.year, month, calendar.monthrange(self.year, month)[1])

    def to_rdf(self) -> RDFLiteral:
        datatype = {"day": XSD.date, "month": XSD.gYearMonth, "year": XSD.gYear}[self.precision]
        return RDFLiteral(self.lexical, datatype=datatype)

    @classmethod
    def from_date(cls, value: date) -> TimeValue:
        return cls(value.year, value.month, value.day)

    @classmethod
    def from_lexical(cls, text: str) -> TimeValue:
        """Parse an ISO lexical form: ``2024-12-08``, ``2024-12`` or ``2024``."""
        match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text.strip())
        if not match:
            raise ValueError(f"not an ISO date, year-month or year: {text!r}")
        year, month, day = match.groups()
        return cls(int(year), int(month) if month else None, int(day) if day else None)


def _month_number(name: str) -> int:
    """The number of a month name as the patterns match it: case-insensitively, which in Unicode
    also admits look-alike letters ('Auguſt' with a long s)."""
    key = name.lower().rstrip(".")
    if key in MONTHS:
        return MONTHS[key]
    for month, number in MONTHS.items():
        if re.fullmatch(re.escape(month), key, re.IGNORECASE):
            return number
    raise ValueError(f"not a month name: {name!r}")


def parse_date(text: str) -> TimeValue | None:
    """The first absolute date in ``text``, at the precision written, or None.

    Reads '12 January 2025', 'October 1, 2024', 'March 2025', '2025-10-20', '2025'.
    An impossible day such as '30 February 2025' gives None.
    """
    for pattern in (ISO_DATE, DAY_MONTH_YEAR, MONTH_DAY_YEAR):
        match = pattern.search(text)
        if match:
            try:
                month = int(match["m"]) if match["m"].isdigit() else _month_number(match["m"])
                return TimeValue(int(match["y"]), month, int(match["d"]))
            except ValueError:
                return None
    for pattern in (ISO_MONTH, MONTH_YEAR):
        match = pattern.search(text)
        if match:
            month = int(match["m"]) if match["m"].isdigit() else _month_number(match["m"])
            if 1 <= month <= 12:
                return TimeValue(int(match["y"]), month)
    match = YEAR.search(text)
    if match:
        return TimeValue(int(match["y"]))
    return None


@dataclass(frozen=True)
class Resolved:
    """A time expression resolved against a document date."""

    value: TimeValue
    approximate: bool = False


def resolve(expression: str, document_date: date) -> Resolved | None:
    """Resolve a time expression against the date of the document it comes from.

    Absolute dates win ('in early February 2025' is 2025-02). Relative forms: 'today', 'now',
    'yesterday', 'on Monday' (the latest Monday on or before the document date), 'this year',
    'last year', 'next year', 'last month', 'N years ago' and 'a decade ago' (approximate), and
    a month without a year after a preposition ('in December', 'by September'), which is the latest such month not
    after the document's month. None when the expression gives no time.
    """
    absolute = parse_date(expression)
    if absolute is not None:
        return Resolved(absolute)
    try:
        relative = _relative(expression, document_date)
    except (OverflowError, ValueError):  # before year 1 or after 9999: no calendar date to give
        return None
    return relative if relative is None or 1 <= relative.value.year <= 9999 else None


def _relative(expression: str, document_date: date) -> Resolved | None:
    """The relative forms of :func:`resolve`."""
    text = expression.lower()
    if re.search(r"\b(today|now|currently|this week)\b", text):
        return Resolved(TimeValue.from_date(document_date))
    if re.search(r"\byesterday\b", text):
        return Resolved(TimeValue.from_date(document_date - timedelta(days=1)))
    for name, weekday in WEEKDAYS.items():
        if re.search(rf"\b{name}\b", text):
            back = (document_date.weekday() - weekday) % 7
            return Resolved(TimeValue.from_date(document_date - timedelta(days=back)))
    if re.search(r"\bthis year\b", text):
        return Resolved(TimeValue(document_date.year))
    if re.search(r"\blast year\b", text):
        return Resolved(TimeValue(document_date.year - 1))
    if re.search(r"\bnext year\b", text):
        return Resolved(TimeValue(document_date.year + 1))
    if re.search(r"\blast month\b", text):
        first = document_date.replace(day=1) - timedelta(days=1)
        return Resolved(TimeValue(first.year, first.month))
    match = re.search(r"\b(a|one|two|three|four|five|\d+)\s+(decade|year)s?\s+ago\b", text)
    if match:
        words = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
        count = words.get(match[1]) or int(match[1])
        years = count * (10 if match[2] == "decade" else 1)
        return Resolved(TimeValue(document_date.year - years), approximate=True)
    match = re.search(
        rf"\b(?:in|by|since|until|till|from|of|early|late|mid|end of|start of)[\s-]+(?P<m>{_MONTH})(?![\w])",
        expression,
        re.IGNORECASE,
    )
    if match:
        month = _month_number(match["m"])
        year = document_date.year if month <= document_date.month else document_date.year - 1
        return Resolved(TimeValue(year, month))
    return None
