"""The measured distributions and the sizing constants of the synthetic corpus (synth/shares.py): the counts
they give are the seed corpus's as the comments state them, and the names they use are the ontology's and
the calendar's."""

from __future__ import annotations

import calendar
from datetime import date
from random import Random

import pytest

from coi_graph.synth.shares import (
    ALIASES_PER_ENTITY,
    CITATIONS_PER_FOOTNOTE,
    MODALITY_SHARES,
    MONTHS,
    NAMESPACE,
    NEWS_CLAIMS_PER_PASSAGE,
    NEWS_CLAUSES_PER_SENTENCE,
    NEWS_PASSAGES,
    NEWS_SENTENCES_PER_PASSAGE,
    PUBLISHER_ROLE_SHARES,
    REPORT_CLAIMS_PER_PASSAGE,
    REPORT_CLAUSES_PER_SENTENCE,
    REPORT_MARKERS_PER_PASSAGE,
    REPORT_PASSAGES,
    REPORT_SENTENCES_PER_PASSAGE,
    SHARE_CITATIONS_OF_A_CITED_WORK,
    SHARE_CLAIMS_WITH_TIME,
    SHARE_EVENT_CLAIMS,
    WEEKDAYS,
)
from coi_graph.synth.world import build_world
from coi_graph.vocab import COI


def test_modalities_are_the_seeds_71_claims_and_ontology_terms() -> None:
    assert NAMESPACE == "https://w3id.org/coi-graph/"
    assert sum(weight for _, weight in MODALITY_SHARES) == 71
    assert dict(MODALITY_SHARES)["Stated"] == 43
    for modality, _ in MODALITY_SHARES:
        assert str(getattr(COI, modality)) == f"{NAMESPACE}ontology#{modality}"  # raises on an unknown term
    assert pytest.approx(24 / 71) == SHARE_CLAIMS_WITH_TIME
    assert pytest.approx((36 + 1) / 71) == SHARE_EVENT_CLAIMS


def test_footnotes_citations_and_publishers_are_the_seeds() -> None:
    """18 footnotes, 26 citations; 26 citations by publisher role; 7 of 26 cite a work cited before."""
    assert sum(footnotes for _, footnotes in CITATIONS_PER_FOOTNOTE) == 18
    assert sum(citations * footnotes for citations, footnotes in CITATIONS_PER_FOOTNOTE) == 26
    assert sum(weight for _, weight in PUBLISHER_ROLE_SHARES) == 26
    assert PUBLISHER_ROLE_SHARES[0] == ("monitor", 15)  # the monitoring group is cited most, as SOHR is
    assert round(SHARE_CITATIONS_OF_A_CITED_WORK * 26) == 7


def test_every_publisher_role_has_publishers_in_a_world() -> None:
    """documents.py takes the monitor from the theatre and every other role from the world's media."""
    world = build_world(Random(1), [1])
    for role, _ in PUBLISHER_ROLE_SHARES:
        if role != "monitor":
            assert world.media[role], role
            assert all("coi:Publisher" in e.types or "coi:MediaOutlet" in e.types for e in world.media[role])


def test_aliases_are_the_seeds_63_entities_with_a_mean_of_1_59() -> None:
    entities = sum(count for _, count in ALIASES_PER_ENTITY)
    aliases = sum(n * count for n, count in ALIASES_PER_ENTITY)
    assert entities == 63
    assert aliases == 100
    assert round(aliases / entities, 2) == 1.59


def test_passage_densities_are_the_means_of_the_measured_passages() -> None:
    assert sum((6, 9, 11, 13)) / 4 == REPORT_CLAIMS_PER_PASSAGE
    assert round(sum((4, 4, 4, 4, 5, 11)) / 6, 2) == NEWS_CLAIMS_PER_PASSAGE
    assert sum((1, 4, 4, 9)) / 4 == REPORT_MARKERS_PER_PASSAGE
    assert sorted(REPORT_SENTENCES_PER_PASSAGE) == [1, 2, 2, 4]
    assert sorted(NEWS_SENTENCES_PER_PASSAGE) == [1, 1, 1, 1, 1, 6]
    assert REPORT_PASSAGES == (3, 4, 5) and NEWS_PASSAGES == (5, 6, 7)  # 4 and 6, varied by one either way
    # a report sentence joins one to three clauses, a news sentence one or two
    assert [n for n, _ in REPORT_CLAUSES_PER_SENTENCE] == [1, 2, 3]
    assert [n for n, _ in NEWS_CLAUSES_PER_SENTENCE] == [1, 2]


def test_month_and_weekday_names_index_as_the_calendar_does() -> None:
    assert list(MONTHS) == list(calendar.month_name)[1:]
    assert list(WEEKDAYS) == list(calendar.day_name)
    day = date(2024, 3, 7)
    assert WEEKDAYS[day.weekday()] == "Thursday" and MONTHS[day.month - 1] == "March"
