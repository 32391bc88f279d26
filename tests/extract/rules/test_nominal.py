"""The noun constructions (coi_graph.extract.rules.nominal), run alone in the extraction engine: a relation's
noun with its agent found by "by", a modifier, "of", a governing verb or an adjunct, "between X and Y" each way,
an agreement among coordinated subjects, a victim as target, and nouns with no agent that must give nothing."""

from __future__ import annotations

import pytest

from coi_graph.extract.gazetteer import Gazetteer
from coi_graph.extract.records import Relation
from coi_graph.extract.rules import nominal
from tests.extract.rules.family import Found, found, run


def extract(text: str, names: Gazetteer) -> list[Relation]:
    """The relations of a one-passage news text, with the noun rules only."""
    return run(text, names, nominal.RULES)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A drone strike by Turkey on Qamishli killed three people.",
         ("Turkey", "attacks", "Qamishli", "noun-by", "asserted")),
        ("Turkish drone strikes on Qamishli continued.",
         ("Turkey", "attacks", "Qamishli", "noun-modifier", "asserted")),
        ("Iran's support for Hezbollah continued.", ("Iran", "supports", "Hezbollah", "noun-modifier", "asserted")),
        ("The withdrawal of the Wagner Group from Libya was completed.",
         ("Wagner Group", "withdraws_from", "Libya", "noun-of", "asserted")),
        ("The presence of Iranian forces in Albu Kamal worried Israel.",
         ("Armed Forces of the Islamic Republic of Iran", "present_in", "Albu Kamal", "noun-of", "asserted")),
        ("Israel carried out airstrikes against Hezbollah in Lebanon.",
         ("Israel", "attacks", "Hezbollah", "noun-light verb", "asserted")),
        ("Russia held joint exercises with Iran.",
         ("Russia", "conducts_exercise_with", "Iran", "noun-light verb", "asserted")),
        ("After talks with Hakan Fidan, Fuad Hussein returned to Baghdad.",
         ("Fuad Hussein", "meets_with", "Hakan Fidan", "noun-adjunct", "asserted")),
    ],
)  # fmt: skip
def test_the_agent_of_a_relational_noun(names: Gazetteer, text: str, expected: Found) -> None:
    assert found(extract(text, names)) == {expected}


def test_fighting_between_two_sides_is_an_attack_each_way(names: Gazetteer) -> None:
    relations = extract("Fighting between Hay'at Tahrir al-Sham and the Syrian Arab Army resumed.", names)
    assert found(relations) == {
        ("Hay'at Tahrir al-Sham", "attacks", "Syrian Arab Army", "noun-between", "asserted"),
        ("Syrian Arab Army", "attacks", "Hay'at Tahrir al-Sham", "noun-between", "asserted"),
    }
    assert {r.why for r in relations} == {"'Fighting between … and …'"}


def test_talks_between_and_an_agreement_among_subjects_are_symmetric(names: Gazetteer) -> None:
    # a meeting or an alliance is proposed once, not once each way
    assert found(extract("Talks between Iraq and Türkiye were held in Baghdad.", names)) == {
        ("Iraq", "meets_with", "Turkey", "noun-between", "asserted")
    }
    assert found(extract("Iraq and Türkiye signed a security agreement.", names)) == {
        ("Iraq", "allied_with", "Turkey", "noun-among", "asserted")
    }


def test_the_one_killed_in_a_strike_is_its_target(names: Gazetteer) -> None:
    assert found(extract("Qais al-Khazali was killed in a US drone strike.", names)) == {
        ("United States", "attacks", "Qais al-Khazali", "noun-modifier", "asserted")
    }


def test_an_announced_designation_is_planned(names: Gazetteer) -> None:
    assert found(extract("The United States announced the designation of Harakat al-Nujaba.", names)) == {
        ("United States", "designates_as_terrorist", "Harakat al-Nujaba", "noun-light verb", "planned")
    }


@pytest.mark.parametrize(
    "text",
    [
        "A strike on Damascus killed two people.",  # no agent
        "Support for the Syrian National Army declined.",  # no one gives it
        "The visit by Hakan Fidan to Damascus lasted two days.",  # a visit to a city is not a meeting
    ],
)
def test_near_misses_give_no_relation(names: Gazetteer, text: str) -> None:
    assert found(extract(text, names)) == set()
