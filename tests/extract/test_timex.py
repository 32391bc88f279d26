"""Time expressions of the extractor (coi_graph.extract.timex): one case per form, with the document
date and the year of an earlier date of the text; a regression case per bug found on the dev set."""

from __future__ import annotations

from datetime import date

import pytest

from coi_graph.extract import timex

FRIDAY = date(2024, 6, 14)


def _one(text: str, document_date: date | None = FRIDAY, context_year: int | None = None) -> tuple[str, bool]:
    found = timex.find(text, 0, len(text), document_date, context_year)
    assert len(found) == 1, f"{text!r}: {[f.when for f in found]}"
    when = found[0].when
    assert text[found[0].start : found[0].end] == when.text
    return when.iso, when.inferred


@pytest.mark.parametrize(
    ("text", "iso", "inferred"),
    [
        ("Israel struck the airport on 8 December 2024.", "2024-12-08", False),
        ("The talks began in March 2025.", "2025-03", False),
        ("The base was built in 2018.", "2018", False),
        ("The convoy was hit on Friday.", "2024-06-14", True),
        ("The convoy was hit last Sunday.", "2024-06-09", True),
        ("The envoy visited Baghdad earlier this month.", "2024-06", True),
        ("Militias attacked the base between October 19 and November 17.", "2023-10-19/2023-11-17", True),
        ("Militias attacked the base from 2 May 2024 to 9 May 2024.", "2024-05-02/2024-05-09", False),
    ],
)
def test_forms(text: str, iso: str, inferred: bool) -> None:
    assert _one(text) == (iso, inferred)


def test_regression_a_day_without_year_takes_the_year_of_the_text_before_it() -> None:
    """ "On 6 October" after "On 4 October 2019" in a report of 2023 is 2019, not 2023."""
    assert _one("On 6 October, Turkey launched the operation.", date(2023, 10, 30), 2019) == ("2019-10-06", True)


def test_regression_a_day_of_a_report_dated_to_a_month_is_in_that_year() -> None:
    """A report dated "2025-03" has the document date 2025-03-31: "on March 30" is 2025, not 2024."""
    assert _one("Trump stated on March 30 that strikes would follow.", date(2025, 3, 31)) == ("2025-03-30", True)


def test_a_day_after_the_document_date_is_in_the_year_before() -> None:
    assert _one("The strike on 20 December killed two.", date(2024, 1, 5)) == ("2023-12-20", True)


def test_an_interval_takes_its_year_from_its_end() -> None:
    assert _one("between 29 December and 3 January 2024", date(2024, 2, 1)) == ("2023-12-29/2024-01-03", True)


def test_no_date_and_no_document_date_gives_nothing_relative() -> None:
    assert timex.find("It happened on Friday.", 0, 22, None, None) == []


def test_a_day_scheduled_after_the_document_date_stays_in_its_year() -> None:
    """ "talks scheduled for Feb. 1" in an article of 29 January is ahead of it, not a year back."""
    assert _one("The talks are scheduled for Feb. 1 in Abu Dhabi.", date(2026, 1, 29)) == ("2026-02-01", True)
