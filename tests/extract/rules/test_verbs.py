"""The verb constructions (coi_graph.extract.rules.verbs), run alone in the extraction engine: the active, the
passive and the reduced relative with their direction, "clash with" both ways, fighting as ``fights``, verbs
of position, a meeting's venue, designations that need "terrorist", and near-misses that must give nothing."""

from __future__ import annotations

import pytest

from coi_graph.extract.gazetteer import Gazetteer
from coi_graph.extract.records import Relation
from coi_graph.extract.rules import verbs
from tests.extract.rules.family import Found, found, run


def extract(text: str, names: Gazetteer) -> list[Relation]:
    """The relations of a one-passage news text, with the verb rules only."""
    return run(text, names, verbs.RULES)


@pytest.mark.parametrize(
    ("text", "expected", "why"),
    [
        ("Türkiye shelled Tal Rifaat on Tuesday.", ("Turkey", "attacks", "Tal Rifaat", "verb-active"), "'shelled'"),
        ("The Popular Mobilization Forces seized Tal Afar in 2017.",
         ("Popular Mobilization Forces", "controls", "Tal Afar", "verb-active"), "'seized'"),
        ("The Russian Armed Forces withdrew from Qamishli Airport.",
         ("Russian Armed Forces", "withdraws_from", "Qamishli Airport", "verb-active"), "'withdrew' from"),
        # the passive: the "by" phrase is the subject, the grammatical subject the object
        ("Hamas is backed by Iran.", ("Iran", "supports", "Hamas", "verb-passive"), "passive 'backed by'"),
        ("The Houthis were targeted by the United States.",
         ("United States", "attacks", "Houthis", "verb-passive"), "passive 'targeted by'"),
        # the reduced relative: the phrase the participle modifies is the object
        ("Harakat al-Nujaba, a militia funded by Iran, rejected the ceasefire.",
         ("Iran", "supports", "Harakat al-Nujaba", "verb-passive"), "passive 'funded by'"),
    ],
)  # fmt: skip
def test_direction_of_active_passive_and_reduced_relative(
    names: Gazetteer, text: str, expected: tuple[str, str, str, str], why: str
) -> None:
    relations = extract(text, names)
    assert found(relations) == {(*expected, "asserted")}
    assert [r.why for r in relations] == [why]


def test_clash_with_gives_an_attack_each_way(names: Gazetteer) -> None:
    relations = extract("Kata'ib Hezbollah clashed with the Iraqi Army near Jurf al-Sakhar.", names)
    assert found(relations) == {
        ("Kata'ib Hezbollah", "attacks", "Iraqi Army", "verb-active", "asserted"),
        ("Iraqi Army", "attacks", "Kata'ib Hezbollah", "verb-reciprocal", "asserted"),
    }


def test_fighting_is_opposition_with_the_narrower_property_fights(names: Gazetteer) -> None:
    (relation,) = extract("The Global Coalition continues to fight the Islamic State in Syria.", names)
    assert (relation.subject.label, relation.relation, relation.object and relation.object.label) == (
        "US-led Global Coalition", "opposes", "Islamic State (ISIL)"
    )  # fmt: skip
    assert (relation.prop, relation.rule) == ("fights", "verb-active")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Turkish forces are deployed in Afrin.",
         ("Turkish Armed Forces", "present_in", "Afrin", "position-passive", "asserted")),
        # at a base: stationed there
        ("Iranian advisers are stationed at the Tiyas Military Airbase.",
         ("Armed Forces of the Islamic Republic of Iran", "stationed_at", "Tiyas Military Airbase",
          "position-passive", "asserted")),
        # "keeps troops at": the keeper is placed
        ("Russia retains troops at the Tartus naval base.",
         ("Russia", "stationed_at", "Tartus naval base", "position-active", "asserted")),
        # "located in": a place in a place, not a presence
        ("The Tiyas Military Airbase is located in Homs Governorate.",
         ("Tiyas Military Airbase", "located_in", "Homs Governorate", "position-passive", "asserted")),
    ],
)  # fmt: skip
def test_verbs_of_position_place_the_right_phrase(names: Gazetteer, text: str, expected: Found) -> None:
    assert found(extract(text, names)) == {expected}


def test_a_meeting_keeps_its_venue_apart_from_who_was_met(names: Gazetteer) -> None:
    (relation,) = extract("Hakan Fidan met Asaad Al-Shibani in Damascus.", names)
    assert found([relation]) == {("Hakan Fidan", "meets_with", "Asaad Al-Shibani", "verb-active", "asserted")}
    assert relation.where is not None and relation.where.label == "Damascus"


def test_a_designation_needs_the_word_terrorist(names: Gazetteer) -> None:
    assert found(extract("The United States designated Harakat al-Nujaba a terrorist organization.", names)) == {
        ("United States", "designates_as_terrorist", "Harakat al-Nujaba", "verb-active", "asserted")
    }
    assert extract("The United States designated Harakat al-Nujaba as its main partner.", names) == []


@pytest.mark.parametrize(
    "text",
    [
        "The Syrian Arab Army was attacked near Palmyra.",  # a passive with no "by": no attacker
        "SDF fighters held a Turkish flag.",  # a state's adjective before a noun is not the place held
        "Iran-backed militias remained quiet.",  # a compound, not the verb "backed" (the compound rules read it)
    ],
)
def test_near_misses_give_no_relation(names: Gazetteer, text: str) -> None:
    assert found(extract(text, names)) == set()
