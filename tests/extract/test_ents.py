"""The entities and phrases the extractor reasons with (extract/ents.py): which categories are actors and
places, how places rank by size, and that entities are compared by identity."""

from __future__ import annotations

import pytest

from coi_graph.extract.ents import Ent, Phrase


def _ent(category: str, label: str = "X") -> Ent:
    return Ent(f"https://w3id.org/coi-graph/id/entity/{label.lower()}", label, category, "thing")


@pytest.mark.parametrize(
    ("category", "actor", "place", "rank"),
    [
        ("person", True, False, 9),
        ("state", True, True, 3),  # Türkiye acts and is a place
        ("country", False, True, 3),  # a country as territory only
        ("government", True, False, 9),
        ("group", True, False, 9),
        ("organisation", True, False, 9),
        ("publisher", True, False, 9),  # a news agency reports: an actor
        ("region", False, True, 2),
        ("admin", False, True, 2),
        ("city", False, True, 1),
        ("facility", False, True, 0),
        ("position", False, False, 9),  # "Iraq's prime minister" as an office
    ],
)
def test_actor_place_and_rank_by_category(category: str, actor: bool, place: bool, rank: int) -> None:
    ent = _ent(category)
    assert (ent.is_actor, ent.is_place, ent.place_rank) == (actor, place, rank)


def test_the_smaller_place_ranks_first() -> None:
    places = [_ent("state", "Syria"), _ent("facility", "al-Tanf base"), _ent("admin", "Homs Governorate"),
              _ent("city", "Palmyra")]  # fmt: skip
    assert [p.label for p in sorted(places, key=lambda p: p.place_rank)] == [
        "al-Tanf base", "Palmyra", "Homs Governorate", "Syria",
    ]  # fmt: skip


def test_a_new_entity_is_registry_named_and_not_proposed_by_default() -> None:
    ent = Ent("https://w3id.org/coi-graph/id/entity/sdf", "Syrian Democratic Forces", "group", "NonStateArmedGroup")
    assert (ent.proposed, ent.unnamed, ent.surfaces, ent.rule, ent.acts_for) == (False, False, [], None, None)


def test_entities_are_compared_by_identity_and_keep_their_own_lists() -> None:
    first, second = _ent("group", "SDF"), _ent("group", "SDF")
    assert first != second and first == first  # two mentions' entities are the same only if the same object
    assert len({first, second}) == 2  # hashable by identity: usable as keys while surfaces change
    first.surfaces.append("SDF")
    assert second.surfaces == []


def test_a_phrase_names_its_entity_with_its_own_modifiers() -> None:
    turkey, erdogan = _ent("state", "Turkey"), _ent("person", "Erdogan")
    phrase = Phrase(0, 5, erdogan, "name", 2, 5, [turkey])
    other = Phrase(6, 7, erdogan, "name", 6, 7)
    assert (phrase.start, phrase.end, phrase.name_start, phrase.name_end) == (0, 5, 2, 5)
    assert phrase.modifiers == [turkey] and other.modifiers == [] and other.resolved_from is None
    other.modifiers.append(turkey)
    assert Phrase(0, 1, turkey, "name", 0, 1).modifiers == []
    assert phrase != Phrase(0, 5, erdogan, "name", 2, 5, [turkey])  # identity, like an entity
