"""The place constructions (coi_graph.extract.rules.places), run alone in the extraction engine: forces and
bases in a place, a place hosting them, an increased presence, a place in a larger place, "under X control",
which of them a report leaves asserted, and near-misses that must give nothing."""

from __future__ import annotations

import pytest

from coi_graph.extract.gazetteer import Gazetteer
from coi_graph.extract.records import Relation
from coi_graph.extract.rules import places
from tests.extract.rules.family import Found, found, run


def extract(text: str, names: Gazetteer) -> list[Relation]:
    """The relations of a one-passage news text, with the place rules only."""
    return run(text, names, places.RULES)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russian troops currently in Qamishli number about 300.",
         ("Russian Armed Forces", "present_in", "Qamishli", "force in place", "asserted")),
        ("American bases in Deir ez-Zor Governorate were attacked.",
         ("United States", "present_in", "Deir ez-Zor Governorate", "facility in place", "asserted")),
        # at a base: stationed there
        ("US advisers at the Ain al-Asad air base left.",
         ("US armed forces", "stationed_at", "Ain al-Asad air base", "force in place", "asserted")),
        ("The base for Hezbollah in al-Qusayr was hit.",
         ("Hezbollah", "present_in", "al-Qusayr", "base for X in place", "asserted")),
        ("The Tabqa Dam, which houses Russian troops, was quiet.",
         ("Russian Armed Forces", "stationed_at", "Tabqa Dam", "place hosts X", "asserted")),
        ("Facilities in Erbil hosting US troops were hit.",
         ("US armed forces", "present_in", "Erbil", "place hosts X", "asserted")),
        ("Türkiye increased its military presence in Idlib.",
         ("Turkey", "reinforces", "Idlib", "increased presence at", "asserted")),
    ],
)  # fmt: skip
def test_forces_and_bases_in_a_place(names: Gazetteer, text: str, expected: Found) -> None:
    assert found(extract(text, names)) == {expected}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Iraq's Kurdistan Region held elections.",
         ("Kurdistan Region", "located_in", "Iraq", "possessor place", "asserted")),
        ("A drone exploded in Hawija, Kirkuk Governorate, on Sunday.",
         ("Hawija", "located_in", "Kirkuk Governorate", "place, larger place", "asserted")),
        ("The Mosul Dam in Nineveh Governorate needs repairs.",
         ("Mosul Dam", "located_in", "Nineveh Governorate", "place in larger place", "asserted")),
        ("The Tabqa Dam near Raqqa city was calm.",
         ("Tabqa Dam", "located_in", "Raqqa city", "place in larger place", "asserted")),
    ],
)  # fmt: skip
def test_a_place_in_a_larger_place(names: Gazetteer, text: str, expected: Found) -> None:
    assert found(extract(text, names)) == {expected}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tabqa, which remains under the control of the Syrian Democratic Forces, was calm.",
         ("Syrian Democratic Forces", "controls", "Tabqa", "under X control", "asserted")),
        ("Afrin fell under Turkish control in 2018.", ("Turkey", "controls", "Afrin", "under X control", "asserted")),
    ],
)  # fmt: skip
def test_under_x_control(names: Gazetteer, text: str, expected: Found) -> None:
    relations = extract(text, names)
    assert found(relations) == {expected}
    assert [r.why for r in relations] == ["'under … control'"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # forces in a place: what the noun phrase takes for granted stays asserted
        ("According to Syrian officials, Russian troops in Qamishli left.",
         ("Russian Armed Forces", "present_in", "Qamishli", "force in place", "asserted")),
        # control said by the clause: reported
        ("According to Syrian officials, Tabqa fell under Turkish control.",
         ("Turkey", "controls", "Tabqa", "under X control", "reported")),
    ],
)  # fmt: skip
def test_inside_a_report(names: Gazetteer, text: str, expected: Found) -> None:
    assert found(extract(text, names)) == {expected}


@pytest.mark.parametrize(
    "text",
    [
        "US interests in Iraq were threatened.",  # interests are not a presence
        "In Hawija, Kirkuk Governorate officials reported clashes.",  # after the comma, the clause's subject
        "Raqqa Governorate in Tabqa was calm.",  # a larger place does not lie in a smaller one
    ],
)
def test_near_misses_give_no_relation(names: Gazetteer, text: str) -> None:
    assert found(extract(text, names)) == set()
