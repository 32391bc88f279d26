"""The compound constructions (coi_graph.extract.rules.compounds), run alone in the extraction engine:
"X-funded Y", "X-aligned Y", "X-held Y", "X-controlled Y", "pro-X Y", a compound past another one,
"X-designated" only with "terrorist", the pairs "X-Y talks / cooperation / clashes", what a compound takes for
granted inside a report, and hyphenated words that must give nothing."""

from __future__ import annotations

import pytest

from coi_graph.extract.gazetteer import Gazetteer
from coi_graph.extract.records import Relation
from coi_graph.extract.rules import compounds
from tests.extract.rules.family import Found, found, run


def extract(text: str, names: Gazetteer) -> list[Relation]:
    """The relations of a one-passage news text, with the compound rules only."""
    return run(text, names, compounds.RULES)


@pytest.mark.parametrize(
    ("text", "expected", "why"),
    [
        ("Turkish-funded Sultan Murad Division fighters entered Afrin.",
         ("Turkey", "supports", "Sultan Murad Division", "compound X-funded", "asserted"), "'Turkish-funded'"),
        ("The Iran-aligned Badr Organization won seats.",
         ("Iran", "supports", "Badr Organization", "compound X-aligned", "asserted"), "'Iran-aligned'"),
        ("Thousands returned to SDF-held Raqqa city.",
         ("Syrian Democratic Forces", "controls", "Raqqa city", "compound X-held", "asserted"), "'SDF-held'"),
        ("Residents fled HTS-controlled Idlib.",
         ("Hay'at Tahrir al-Sham", "controls", "Idlib", "compound X-controlled", "asserted"), "'HTS-controlled'"),
        ("Pro-Iran Harakat al-Nujaba fighters crossed the border.",
         ("Iran", "supports", "Harakat al-Nujaba", "compound pro-X", "asserted"), "'pro-Iran'"),
    ],
)  # fmt: skip
def test_a_compound_relates_its_first_part_to_the_name_it_modifies(
    names: Gazetteer, text: str, expected: Found, why: str
) -> None:
    relations = extract(text, names)
    assert found(relations) == {expected}
    assert [r.why for r in relations] == [why]


def test_a_compound_reaches_its_name_past_another_compound(names: Gazetteer) -> None:
    text = "The Iran-backed, US-designated terrorist group Kata'ib Hezbollah denied involvement."
    assert found(extract(text, names)) == {
        ("Iran", "supports", "Kata'ib Hezbollah", "compound X-backed", "asserted"),
        ("United States", "designates_as_terrorist", "Kata'ib Hezbollah", "compound X-designated", "asserted"),
    }


def test_x_designated_without_terrorist_is_no_designation(names: Gazetteer) -> None:
    assert extract("The US-designated envoy Tom Barrack arrived in Damascus.", names) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Iraq-Türkiye security cooperation improved.",
         {("Iraq", "allied_with", "Turkey", "compound X-Y", "asserted")}),
        ("Russia-Türkiye talks resumed in Moscow.", {("Russia", "meets_with", "Turkey", "compound X-Y", "asserted")}),
        # fighting: each side attacks the other
        ("Israel-Hezbollah clashes escalated.",
         {("Israel", "attacks", "Hezbollah", "compound X-Y", "asserted"),
          ("Hezbollah", "attacks", "Israel", "compound X-Y", "asserted")}),
    ],
)  # fmt: skip
def test_a_pair_before_its_noun(names: Gazetteer, text: str, expected: set[Found]) -> None:
    assert found(extract(text, names)) == expected


def test_a_compound_stays_asserted_inside_a_report(names: Gazetteer) -> None:
    text = "According to Syrian officials, the Iran-aligned Badr Organization attacked Tal Afar."
    assert found(extract(text, names)) == {("Iran", "supports", "Badr Organization", "compound X-aligned", "asserted")}


@pytest.mark.parametrize(
    "text",
    [
        "Iraq-Türkiye trade grew.",  # a pair before a noun that is no meeting, alliance or fighting
        "The Iran-Iraq border was closed.",
        "Residents of Iran - backed Hezbollah areas fled.",  # a dash between spaces is not a compound
    ],
)
def test_near_misses_give_no_relation(names: Gazetteer, text: str) -> None:
    assert found(extract(text, names)) == set()
