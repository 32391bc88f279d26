"""The invented world (synth/world.py): the global part (EUAA, three powers, media, unnamed sources), and
the theatres, whose registry grows with their documents, with a place hierarchy, groups and office holders,
built the same for the same seed."""

from __future__ import annotations

from datetime import date
from random import Random

import pytest

from coi_graph.registry import normalise
from coi_graph.synth.registry import Entity, World
from coi_graph.synth.world import build_world


@pytest.fixture(scope="module")
def world() -> World:
    return build_world(Random(1), [12, 12, 1])


def _located_in(entity: Entity) -> list[str]:
    return [value for predicate, value in entity.props if predicate == "coi:locatedIn"]


def test_global_part(world: World) -> None:
    assert world.euaa.label == "EUAA" and world.euaa.aliases == ["European Union Agency for Asylum"]
    assert [p.state.label for p in world.powers] == ["Ardenia", "Valdoria", "Korvenia"]
    assert [p.forces.label for p in world.powers] == [
        "Ardenian armed forces", "Valdorian armed forces", "Korvenian armed forces"
    ]  # fmt: skip
    assert [p.defence.label for p in world.powers] == ["ADD", "VDD", "KDD"]
    lead = world.powers[0]
    assert lead.coalition is not None and lead.coalition.label == "Ardenian-led Global Coalition"
    assert [p.coalition for p in world.powers[1:]] == [None, None]
    assert lead.president.position is lead.presidency and lead.presidency.label == "President of Ardenia"
    assert ("coi:positionIn", "ent:ardenia") in lead.presidency.props
    assert [o.label for o in world.origins] == [
        "foreign media (unnamed)", "local sources (unnamed)", "security sources (unnamed)",
        "military sources (unnamed)", "diplomatic sources (unnamed)",
    ]  # fmt: skip
    assert {e.label for e in world.media["think tank"]} == {"IRSS", "CSPA", "MESC"}
    assert world.media["defence"] == [p.defence for p in world.powers]


def test_a_theatre_grows_with_its_documents(world: World) -> None:
    full, small = world.theatres[0], world.theatres[2]
    assert (full.documents, small.documents) == (12, 1)
    # twelve documents: 4 governorates of 2 cities and 3 bases, 2 fields and an air base; one: 2 of 1 and 1, a field
    assert (len(full.governorates), len(full.cities), len(full.bases), len(full.regions)) == (4, 8, 15, 2)
    assert (len(small.governorates), len(small.cities), len(small.bases), len(small.regions)) == (2, 2, 3, 1)
    assert set(full.groups) == {"partner", "jihadist", "rebels", "militia"} and full.front is not None
    assert set(small.groups) == {"partner", "jihadist", "rebels"} and small.front is None
    offices = ["president", "prime minister", "foreign minister", "defence minister"]
    assert set(full.people) == {*offices, *(f"commander {role}" for role in full.groups)}
    assert set(small.people) == {*offices[:2], *(f"commander {role}" for role in small.groups)}


def test_theatres_take_turns_with_powers_neighbours_and_dates(world: World) -> None:
    first, second, third = world.theatres
    ardenia, valdoria, korvenia = world.powers
    assert [(t.power, t.rival_power) for t in world.theatres] == [
        (ardenia, valdoria), (ardenia, valdoria), (valdoria, korvenia)
    ]  # fmt: skip
    assert first.neighbour is korvenia.state
    assert second.neighbour is first.country and third.neighbour is second.country
    assert [t.start for t in world.theatres] == [date(2018, 1, 1), date(2019, 6, 1), date(2020, 11, 1)]
    assert [t.index for t in world.theatres] == [0, 1, 2]


def test_places_form_a_hierarchy(world: World) -> None:
    for theatre in world.theatres:
        country = theatre.country
        assert country.types == ("coi:State", "coi:Country") and country.adjective == country.label[:-1] + "an"
        for place in (*theatre.regions, *theatre.governorates):
            assert place.parent is country and _located_in(place) == [country.iri]
        for city in theatre.cities:
            assert city.parent in theatre.governorates and _located_in(city) == [city.parent.iri]
        for base in theatre.bases:
            assert base.parent in theatre.governorates  # for the text; the claims state it
            assert base.parent is not None and base.parent.iri not in _located_in(base)
            assert base.short is not None and base.short in base.label
        assert theatre.base_places() == theatre.bases
        assert theatre.capital is theatre.cities[0]
        assert theatre.airport.label == f"{theatre.capital.label} International Airport"
        assert _located_in(theatre.airport) == [theatre.capital.iri]


def test_actors_and_office_holders(world: World) -> None:
    theatre = world.theatres[0]
    name, adjective = theatre.country.label, theatre.country.adjective
    assert theatre.government.label == f"Government of {name}"
    assert ("coi:governmentOf", theatre.country.iri) in theatre.government.props
    assert theatre.forces.label == f"{adjective} Armed Forces" and theatre.forces.troops == f"{adjective} troops"
    assert theatre.defence.aliases[0] == f"{adjective} Ministry of Defence"
    assert theatre.monitor.types == ("coi:Publisher",) and theatre.monitor.file == "publishers"
    assert theatre.locals.label == f"local {adjective} officials (unnamed)"
    president = theatre.people["president"]
    assert president.position is not None and president.position.label == f"President of {name}"
    assert ("coi:positionIn", theatre.country.iri) in president.position.props
    for role, group in theatre.groups.items():
        commander = theatre.people[f"commander {role}"]
        assert commander.position is not None and commander.position.label == f"commander of the {group.label}"
        assert ("coi:positionIn", group.iri) in commander.position.props


def test_keys_are_unique_and_actor_names_resolve_to_one_entity(world: World) -> None:
    keys = [e.key for e in world.entities]
    assert len(keys) == len(set(keys))
    owners: dict[str, str] = {}
    for entity in world.entities:
        if entity.file in ("actors", "publishers", "states"):
            for name in {normalise(n) for n in (entity.label, *entity.aliases)}:
                assert owners.setdefault(name, entity.key) == entity.key, name


def test_same_seed_same_world() -> None:
    def labels(seed: int) -> list[tuple[str, str, tuple[str, ...]]]:
        return [(e.key, e.label, tuple(e.aliases)) for e in build_world(Random(seed), [3]).entities]

    assert labels(5) == labels(5)
    assert labels(5) != labels(6)
