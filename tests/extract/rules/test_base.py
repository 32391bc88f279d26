"""What every rule family shares (coi_graph.extract.rules.base): the Rule record, the argument types of
each relation, and ``relations``, which turns matched phrases into relation records, on a sentence whose
phrases are set by hand."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest

from coi_graph.extract.ents import Ent, Phrase
from coi_graph.extract.records import RELATIONS, Relation
from coi_graph.extract.rules.base import (
    MILITARY,
    OBJECT,
    SUBJECT,
    Rule,
    actor,
    actor_or_place,
    place,
    relations,
)
from coi_graph.extract.sentence import Sentence
from coi_graph.extract.tokens import tokenise

# token:   0       1   2       3   4   5   6  7     8  9   10      11   12 13
TEXT = "Erdogan met Reuters and the SDF in Afrin at the Hmeimim base in Syria"

TURKEY = Ent("https://example.org/turkey", "Turkey", "state", "State")
ERDOGAN = Ent("https://example.org/erdogan", "Erdogan", "person", "Person")
REUTERS = Ent("https://example.org/reuters", "Reuters", "publisher", "Publisher")
SDF = Ent("https://example.org/sdf", "SDF", "group", "ArmedGroup")
AFRIN = Ent("https://example.org/afrin", "Afrin", "city", "City")
BASE = Ent("https://example.org/hmeimim", "Hmeimim base", "facility", "MilitaryBase")
SYRIA = Ent("https://example.org/syria", "Syria", "country", "Country")


class Scene:
    """The sentence of TEXT with a phrase for each name."""

    def __init__(self) -> None:
        self.erdogan = Phrase(0, 1, ERDOGAN, "name", 0, 1, modifiers=[TURKEY])  # "Turkish President Erdogan"
        self.reuters = Phrase(2, 3, REUTERS, "name", 2, 3)
        self.sdf = Phrase(5, 6, SDF, "name", 5, 6)
        self.afrin = Phrase(7, 8, AFRIN, "name", 7, 8)
        self.base = Phrase(10, 12, BASE, "facility", 10, 12)
        self.syria = Phrase(13, 14, SYRIA, "name", 13, 14)
        phrases = [self.erdogan, self.reuters, self.sdf, self.afrin, self.base, self.syria]
        self.sentence = Sentence(TEXT, tokenise(TEXT), phrases)

    def made(self, subjects: list[Phrase], relation: str, objects: list[Phrase | None]) -> list[Relation]:
        return list(relations(self.sentence, subjects, relation, objects, trigger=1, rule="test rule",
                              why="'met'", score=0.5))  # fmt: skip


def _triples(made: list[Relation]) -> list[tuple[str, str, str | None]]:
    return [(r.subject.label, r.relation, r.object.label if r.object else None) for r in made]


@pytest.fixture
def scene() -> Scene:
    return Scene()


def test_argument_tables_cover_the_relation_scheme() -> None:
    assert set(SUBJECT) == set(OBJECT) == set(RELATIONS)
    assert set(RELATIONS) >= MILITARY
    # a head of state speaking or meeting is the person; attacking or deploying is the state
    assert {"attacks", "stationed_at", "present_in", "withdraws_from", "controls"} <= MILITARY
    assert not {"meets_with", "states", "supports", "allied_with"} & MILITARY


@pytest.mark.parametrize(
    ("category", "is_actor", "is_place", "either"),
    [
        ("state", True, True, True),
        ("person", True, False, True),
        ("group", True, False, True),
        ("publisher", True, False, True),
        ("country", False, True, True),
        ("city", False, True, True),
        ("facility", False, True, True),
        ("region", False, True, True),
    ],
)
def test_argument_predicates_follow_the_entity_category(
    category: str, is_actor: bool, is_place: bool, either: bool
) -> None:
    ent = Ent(f"https://example.org/{category}", category, category, "Thing")
    assert (actor(ent), place(ent), actor_or_place(ent)) == (is_actor, is_place, either)
    assert SUBJECT["located_in"](ent) is is_place
    assert OBJECT["supports"](ent) is is_actor
    assert OBJECT["attacks"](ent) is either  # an actor or a place may be attacked


def test_a_position_at_a_facility_is_stationed_at_elsewhere_present_in(scene: Scene) -> None:
    for asked in ("present_in", "stationed_at"):
        made = scene.made([scene.sdf], asked, [scene.base, scene.afrin])
        assert _triples(made) == [("SDF", "stationed_at", "Hmeimim base"), ("SDF", "present_in", "Afrin")]


def test_a_head_of_state_acts_for_his_state_only_in_military_relations(scene: Scene) -> None:
    assert _triples(scene.made([scene.erdogan], "attacks", [scene.afrin])) == [("Turkey", "attacks", "Afrin")]
    assert _triples(scene.made([scene.erdogan], "meets_with", [scene.sdf])) == [("Erdogan", "meets_with", "SDF")]
    assert _triples(scene.made([scene.erdogan], "states", [scene.sdf])) == [("Erdogan", "states", "SDF")]


def test_arguments_of_the_wrong_type_give_nothing(scene: Scene) -> None:
    assert scene.made([scene.sdf], "supports", [scene.afrin]) == []  # a city is not supported
    assert scene.made([scene.afrin], "attacks", [scene.sdf]) == []  # a city does not attack
    assert scene.made([scene.sdf], "attacks", [scene.sdf]) == []  # no relation of an entity with itself
    twin = Phrase(5, 6, Ent(SDF.iri, "SDF again", "group", "ArmedGroup"), "name", 5, 6)
    assert scene.made([scene.sdf], "supports", [twin]) == []  # nor with another record of the same IRI
    # a publisher reports: it does not attack, but it may meet
    assert scene.made([scene.reuters], "attacks", [scene.sdf]) == []
    assert _triples(scene.made([scene.reuters], "meets_with", [scene.sdf])) == [("Reuters", "meets_with", "SDF")]


def test_only_a_statement_may_lack_an_object(scene: Scene) -> None:
    assert _triples(scene.made([scene.sdf], "states", [None])) == [("SDF", "states", None)]
    assert scene.made([scene.sdf], "attacks", [None]) == []


def test_a_place_lies_only_in_a_larger_place(scene: Scene) -> None:
    assert _triples(scene.made([scene.afrin], "located_in", [scene.syria])) == [("Afrin", "located_in", "Syria")]
    assert scene.made([scene.syria], "located_in", [scene.afrin]) == []


def test_a_record_says_which_rule_on_which_words_and_where_its_object_is(scene: Scene) -> None:
    (made,) = scene.made([scene.sdf], "present_in", [scene.afrin])
    assert (made.rule, made.why, made.score, made.trigger) == ("test rule", "'met'", 0.5, 1)
    assert (made.object_at, made.object_prep, made.modality) == (7, "in", "asserted")

    def apply(sentence: Sentence) -> Iterator[Relation]:
        return relations(sentence, [scene.sdf], "controls", [scene.afrin], trigger=4, rule="test rule", why="",
                         score=0.4)  # fmt: skip

    rule = Rule("test", ("controls",), apply, "the SDF in Afrin")
    assert _triples(list(rule.apply(scene.sentence))) == [("SDF", "controls", "Afrin")]
    with pytest.raises(dataclasses.FrozenInstanceError):
        rule.name = "other"  # type: ignore[misc]
