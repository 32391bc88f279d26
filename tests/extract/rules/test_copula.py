"""The copula and apposition constructions (coi_graph.extract.rules.copula), run alone in the extraction
engine: "X is an ally of Y", "X and Y are allies", "X, a proxy of Y", "an umbrella group of Y-backed …",
"an occupying power", their direction, and relational nouns that must give nothing."""

from __future__ import annotations

import pytest

from coi_graph.extract.gazetteer import Gazetteer
from coi_graph.extract.records import Relation
from coi_graph.extract.rules import copula
from tests.extract.rules.family import Found, found, run


def extract(text: str, names: Gazetteer) -> list[Relation]:
    """The relations of a one-passage news text, with the copula rules only."""
    return run(text, names, copula.RULES)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hezbollah is a close ally of Iran.", ("Hezbollah", "allied_with", "Iran", "ally of", "asserted")),
        ("Hezbollah, a key ally of the Government of Syria, sent fighters to Qusayr.",
         ("Hezbollah", "allied_with", "Government of Syria", "ally of", "asserted")),
        # coordinated subjects: one alliance between them
        ("In 2015, Russia and Iran became allies.", ("Russia", "allied_with", "Iran", "are allies", "asserted")),
        ("Hezbollah and Hamas remain partners.", ("Hezbollah", "allied_with", "Hamas", "are allies", "asserted")),
    ],
)  # fmt: skip
def test_allies(names: Gazetteer, text: str, expected: Found) -> None:
    assert found(extract(text, names)) == {expected}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kata'ib Hezbollah is a proxy of Iran.", ("Iran", "supports", "Kata'ib Hezbollah", "proxy of", "asserted")),
        ("The Sultan Murad Division, a proxy of Türkiye, shelled Tal Rifaat.",
         ("Turkey", "supports", "Sultan Murad Division", "proxy of", "asserted")),
        # "a proxy it helped create, X": the clause's subject backs X
        ("Türkiye relies on a proxy it helped create, the Syrian National Army.",
         ("Turkey", "supports", "Syrian National Army", "proxy of", "asserted")),
        ("The Islamic Resistance in Iraq, an umbrella group of Iran-backed militias, claimed the attack.",
         ("Iran", "supports", "Islamic Resistance in Iraq", "umbrella of X-backed", "asserted")),
    ],
)  # fmt: skip
def test_a_proxy_is_supported_by_its_backer(names: Gazetteer, text: str, expected: Found) -> None:
    relations = extract(text, names)
    assert found(relations) == {expected}
    # never the other way round
    assert not any(r.subject.label == expected[2] and r.relation == "supports" for r in relations)


@pytest.mark.parametrize(
    "text", ["In Afrin, Türkiye is an occupying power.", "Türkiye, the occupying power in Afrin, denied the report."]
)
def test_an_occupying_power_controls_the_place(names: Gazetteer, text: str) -> None:
    relations = extract(text, names)
    assert found(relations) == {("Turkey", "controls", "Afrin", "occupying power", "asserted")}
    assert [r.why for r in relations] == ["'an occupying power'"]


def test_an_apposition_stays_asserted_inside_a_report(names: Gazetteer) -> None:
    text = "According to Syrian officials, Hezbollah, a key ally of Iran, moved fighters to Homs."
    assert found(extract(text, names)) == {("Hezbollah", "allied_with", "Iran", "ally of", "asserted")}


@pytest.mark.parametrize(
    "text",
    [
        "Hezbollah is an enemy of Israel.",  # not a relational noun of the family
        "Kata'ib Hezbollah is a proxy.",  # a proxy of no one named
        "Russia was an ally in the war.",  # "ally" without "of" or "to"
    ],
)
def test_near_misses_give_no_relation(names: Gazetteer, text: str) -> None:
    assert found(extract(text, names)) == set()
