"""Time expressions of a sentence and their values: explicit dates, intervals, and relative dates
resolved against the document date (marked inferred).

A day and month without a year ("On 6 October") takes the year of the last explicit date the text
gave before it, or else the document's; "on Friday", "last Sunday", "earlier this month" are
resolved against the document date. Each relation takes the expression nearest its trigger in
its clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from coi_graph.documents.dates import MONTHS, WEEKDAYS, TimeValue, parse_date, resolve
from coi_graph.extract.records import When

_M = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|" \
     r"Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"  # fmt: skip
_D = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DATE = (rf"(?:\d{{1,2}}\s+{_M}(?:,?\s+\d{{4}})?|{_M}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|"
         rf"(?:(?:early|mid|late|mid-)\s*)?{_M}(?:\s+\d{{4}})?|(?:19|20)\d{{2}})")  # fmt: skip
TIME = re.compile(
    rf"\bbetween\s+(?:the\s+)?(?P<a>{_DATE})(?:\s+[\w-]+){{0,6}}?\s+and\s+(?P<b>{_DATE})\b"
    rf"|\bfrom\s+(?P<fa>{_DATE})\s+(?:to|until|through)\s+(?P<fb>{_DATE})\b"
    rf"|\b(?P<rel>(?:(?:on|last|this|next|since|by|until|early|late)\s+)?{_D}|yesterday|today|tonight"
    rf"|(?:last|this|next|earlier\s+this|later\s+this|earlier\s+last)\s+(?:week|month|year|weekend)"
    rf"|(?:a|one|two|three|four|five|\d+)\s+(?:days?|weeks?|months?|years?|decades?)\s+ago)\b"
    rf"|\b(?P<one>(?:(?:on|in|since|by|until|from|as\s+of|early|late|mid|in\s+early|in\s+late|in\s+mid|"
    rf"the\s+end\s+of|end\s+of)[\s-]+)?{_DATE})(?![\w-])",
    re.IGNORECASE,
)
# a day ahead of the text's date, not the last one before it: "talks scheduled for Feb. 1"
_AHEAD = re.compile(r"\b(?:scheduled|slated|set|planned|due|expected|postponed|delayed)\s+(?:for|on|until|to)\s*$",
                    re.IGNORECASE)  # fmt: skip
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_DAY_MONTH = re.compile(rf"\b(?:(?P<d1>\d{{1,2}})\s+(?P<m1>{_M})|(?P<m2>{_M})\s+(?P<d2>\d{{1,2}}))\b", re.IGNORECASE)


@dataclass(frozen=True)
class Found:
    start: int  # offsets in the passage text
    end: int
    when: When


def _day_month(text: str, year: int) -> TimeValue | None:
    match = _DAY_MONTH.search(text)
    if match is None:
        return None
    month_name = (match["m1"] or match["m2"]).lower().rstrip(".")
    day = int(match["d1"] or match["d2"])
    month = MONTHS.get(month_name) or MONTHS.get(month_name[:3])
    if month is None:
        return None
    try:
        return TimeValue(year, month, day)
    except ValueError:
        return None


def _value(text: str, document_date: date | None, context_year: int | None,
           ahead: bool = False) -> tuple[TimeValue | None, bool]:  # fmt: skip
    """The value of one date expression and whether it was inferred."""
    if _YEAR.search(text):
        return parse_date(text), False
    year = context_year or (document_date.year if document_date else None)
    if year is not None:
        day = _day_month(text, year)
        if day is not None:
            if not ahead and context_year is None and document_date is not None and day.earliest() > document_date:
                day = TimeValue(year - 1, day.month, day.day)
            return day, True
    if document_date is None:
        return None, False
    lowered = text.lower()
    match = re.search(r"\b(last|this|next)\s+(" + "|".join(WEEKDAYS) + r")\b", lowered)
    if match:
        weekday = WEEKDAYS[match[2]]
        back = (document_date.weekday() - weekday) % 7 or (7 if match[1] == "last" else 0)
        if match[1] == "next":
            return TimeValue.from_date(
                document_date + timedelta(days=(weekday - document_date.weekday()) % 7 or 7)
            ), True
        return TimeValue.from_date(document_date - timedelta(days=back)), True
    if re.search(r"\b(earlier|later)\s+this\s+month\b", lowered):
        return TimeValue(document_date.year, document_date.month), True
    if re.search(r"\bthis\s+week\b", lowered):
        return TimeValue(document_date.year, document_date.month), True
    if re.search(r"\blast\s+week\b", lowered):
        earlier = document_date - timedelta(days=7)
        return TimeValue(earlier.year, earlier.month), True
    resolved = resolve(text, document_date)
    if resolved is None:
        return None, False
    return resolved.value, True


def find(text: str, start: int, end: int, document_date: date | None, context_year: int | None) -> list[Found]:
    """The time expressions of ``text[start:end]``."""
    found: list[Found] = []
    for match in TIME.finditer(text, start, end):
        if match["a"] or match["fa"]:
            first, second = (match["a"], match["b"]) if match["a"] else (match["fa"], match["fb"])
            b_value, b_inferred = _value(second, document_date, context_year)
            year = b_value.year if b_value else context_year
            a_value, a_inferred = _value(first, document_date, year)
            if a_inferred and a_value is not None and b_value is not None and a_value.earliest() > b_value.earliest():
                # "between 29 December and 3 January 2024": the start is in the year before the end
                a_value = TimeValue(a_value.year - 1, a_value.month, a_value.day)
            if a_value is None and b_value is None:
                continue
            found.append(Found(match.start(), match.end(),
                               When(match.group(0), a_value, b_value, a_inferred or b_inferred)))  # fmt: skip
            continue
        expression = match.group(0)
        if re.fullmatch(r"(?:19|20)\d{2}", expression) and text[match.end() : match.end() + 1] in ("-", "–"):
            continue
        # an explicit year earlier in the same sentence wins over one carried from before it
        same_sentence = last_year(found)
        ahead = bool(_AHEAD.search(text, max(start, match.start() - 30), match.start()))
        value, inferred = _value(expression, document_date, same_sentence or context_year, ahead)
        if value is None:
            continue
        lowered = expression.lower()
        if lowered.startswith(("since", "from")):
            found.append(Found(match.start(), match.end(), When(expression, value, None, inferred)))
        elif lowered.startswith(("until", "by")):
            found.append(Found(match.start(), match.end(), When(expression, None, value, inferred)))
        else:
            found.append(Found(match.start(), match.end(), When(expression, value, None, inferred)))
    return found


def last_year(found: list[Found]) -> int | None:
    """The year of the last explicit date among ``found``, for the yearless dates that follow."""
    for item in reversed(found):
        if not item.when.inferred and item.when.start is not None and _YEAR.search(item.when.text):
            return item.when.start.year
        if not item.when.inferred and item.when.end is not None and _YEAR.search(item.when.text):
            return item.when.end.year
    return None
