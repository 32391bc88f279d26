"""Words and roles the clauses share (synth/wording.py): verb forms that agree with a name, the foreign
actor of a theatre, and the pairs of actors that strike, fight and support one another."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from random import Random

import pytest

from coi_graph.synth.prose import Tally, Writer
from coi_graph.synth.registry import Entity, World
from coi_graph.synth.wording import foreign_actor, has_form, is_form, patron_pair, rival_pair, strike_pair, their_form
from coi_graph.synth.world import build_world


@pytest.fixture(scope="module")
def world() -> World:
    # theatre 0 has all four groups (12 documents), theatre 1 no militia; theatre 2's power (Valdoria) leads
    # no coalition
    return build_world(Random(1), [12, 1, 1])


def _writers(world: World, theatre: int, count: int = 60) -> list[Writer]:
    return [
        Writer(True, date(2024, 3, 1), world.theatres[theatre], world, Random(s), Tally(), "d1") for s in range(count)
    ]


@pytest.mark.parametrize(
    ("form", "their", "is_", "has"),
    [
        ("the Ardenian armed forces", "their", "are", "have"),
        ("Kesalian troops", "their", "are", "have"),
        ("the Kesalian authorities", "their", "are", "have"),
        ("the Kesalian army", "its", "is", "has"),
        ("the Global Coalition", "its", "is", "has"),
        ("KMD", "its", "is", "has"),
    ],
)
def test_verb_forms_agree_with_the_name(form: str, their: str, is_: str, has: str) -> None:
    assert (their_form(form), is_form(form), has_form(form)) == (their, is_, has)


def test_foreign_actor_is_the_coalition_or_the_powers_forces(world: World) -> None:
    power = world.theatres[0].power
    assert power.coalition is not None
    assert {foreign_actor(w).key for w in _writers(world, 0)} == {power.coalition.key, power.forces.key}
    valdoria = world.theatres[2].power
    assert valdoria is world.powers[1] and valdoria.coalition is None
    assert {foreign_actor(w).key for w in _writers(world, 2)} == {valdoria.forces.key}


def _pairs(world: World, theatre: int, choose: Callable[[Writer], tuple[Entity, Entity]]) -> set[tuple[str, str]]:
    """The pairs ``choose`` gives in a theatre, as keys, over 200 seeds."""
    return {(one.key, two.key) for one, two in map(choose, _writers(world, theatre, 200))}


def test_strike_pairs(world: World) -> None:
    t = world.theatres[0]
    g = t.groups
    assert t.power.coalition is not None
    assert _pairs(world, 0, strike_pair) == {
        (t.power.coalition.key, g["jihadist"].key), (t.power.forces.key, g["jihadist"].key),
        (t.forces.key, g["rebels"].key), (t.forces.key, g["jihadist"].key), (t.rival_power.forces.key, g["rebels"].key),
    }  # fmt: skip


def test_rival_pairs_fight_with_a_militia_only_where_there_is_one(world: World) -> None:
    for index in (0, 1):
        t = world.theatres[index]
        g = t.groups
        expected = {
            (g["partner"].key, g["jihadist"].key), (t.forces.key, g["rebels"].key),
            (g["rebels"].key, g["jihadist"].key), (g["partner"].key, g["rebels"].key),
        }  # fmt: skip
        if "militia" in g:
            expected.add((g["militia"].key, g["rebels"].key))
        assert ("militia" in g) == (index == 0)
        assert _pairs(world, index, rival_pair) == expected


def test_patron_pairs(world: World) -> None:
    t = world.theatres[1]
    g = t.groups
    assert t.power.coalition is not None and "militia" not in g
    assert _pairs(world, 1, patron_pair) == {
        (t.power.coalition.key, g["partner"].key), (t.power.forces.key, g["partner"].key),
        (t.neighbour.key, g["rebels"].key), (t.rival_power.forces.key, t.forces.key),
    }  # fmt: skip
    militia = world.theatres[0]
    assert (militia.government.key, militia.groups["militia"].key) in _pairs(world, 0, patron_pair)
