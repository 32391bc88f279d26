"""Relations as records (extract/records.py): the relation scheme and its symmetric relations, a relation's
key, the ISO form of its date or interval, and the defaults of a record."""

from __future__ import annotations

import dataclasses

import pytest

from coi_graph.documents.dates import TimeValue
from coi_graph.extract import candidates
from coi_graph.extract.ents import Ent
from coi_graph.extract.records import MODALITIES, RELATIONS, SYMMETRIC, DocMention, Extraction, Relation, When

E = "https://w3id.org/coi-graph/id/entity/"
IRAN = Ent(E + "iran", "Iran", "state", "state")
IRAQ = Ent(E + "iraq", "Iraq", "state", "state")
SDF = Ent(E + "sdf", "Syrian Democratic Forces", "group", "NonStateArmedGroup")


def _relation(subject: Ent, relation: str, obj: Ent | None) -> Relation:
    return Relation(subject, relation, obj, rule="verb-active", why="'met'", score=0.8, trigger=1)


def test_the_scheme_and_its_symmetric_relations() -> None:
    assert len(RELATIONS) == len(set(RELATIONS)) == 15
    assert sorted(SYMMETRIC) == ["allied_with", "conducts_exercise_with", "meets_with"]
    assert SYMMETRIC.issubset(RELATIONS)
    # every relation and modality of a record has its term in a candidate claim
    assert set(RELATIONS) == set(candidates.PROPERTIES) | set(candidates.EVENTS)
    assert set(MODALITIES) == set(candidates.MODALITIES)


def test_a_symmetric_relation_has_one_key_whichever_way_it_is_said() -> None:
    one, other = _relation(IRAQ, "meets_with", IRAN), _relation(IRAN, "meets_with", IRAQ)
    assert one.key() == other.key() == (E + "iran", "meets_with", E + "iraq")
    # a directed relation keeps its direction
    assert _relation(IRAQ, "supports", IRAN).key() == (E + "iraq", "supports", E + "iran")
    assert _relation(IRAQ, "supports", IRAN).key() != _relation(IRAN, "supports", IRAQ).key()
    # a statement with no topic
    assert _relation(SDF, "states", None).key() == (E + "sdf", "states", None)


@pytest.mark.parametrize(
    ("when", "iso"),
    [
        (When("on 14 June 2024", TimeValue.from_lexical("2024-06-14")), "2024-06-14"),
        (When("in March", TimeValue.from_lexical("2024-03"), inferred=True), "2024-03"),
        (When("between 2019 and 2021", TimeValue.from_lexical("2019"), TimeValue.from_lexical("2021")), "2019/2021"),
        (When("until September 2025", None, TimeValue.from_lexical("2025-09")), "../2025-09"),  # open start
        (When("recently", None), ""),
    ],
)
def test_the_iso_form_of_a_date(when: When, iso: str) -> None:
    assert when.iso == iso


def test_a_new_relation_is_asserted_with_no_evidence_yet() -> None:
    first, second = _relation(IRAN, "supports", SDF), _relation(IRAN, "supports", SDF)
    assert (first.modality, first.when, first.attributed_to, first.quote, first.footnotes) == (
        "asserted", None, None, "", [],
    )  # fmt: skip
    first.footnotes.append("12")
    assert second.footnotes == []  # each record has its own list of footnote labels
    assert first != second  # records are compared by identity: two sentences may say the same


def test_records_of_mentions_and_dates_are_frozen_and_an_extraction_starts_empty() -> None:
    mention = DocMention(10, 14, "Iran", IRAN, "registry")
    with pytest.raises(dataclasses.FrozenInstanceError):
        mention.start = 0  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        When("now", None).inferred = True  # type: ignore[misc]
    one, two = Extraction(), Extraction()
    one.mentions.append(mention)
    assert (two.entities, two.mentions, two.relations) == ({}, [], [])
