"""The invented registry (synth/registry.py): entities and their triples, the builder that keeps keys unique
and actor labels unambiguous, and the entity files it writes, which parse as Turtle with every label."""

from __future__ import annotations

from random import Random

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from coi_graph.synth.names import FEMALE
from coi_graph.synth.registry import Entity, RegistryBuilder, display, plural, registry_files
from coi_graph.synth.shares import ALIASES_PER_ENTITY
from coi_graph.synth.text import weighted
from coi_graph.synth.world import build_world
from coi_graph.vocab import COI

ENT = "https://w3id.org/coi-graph/id/entity/"


def test_entity_iri_and_triples() -> None:
    entity = Entity(
        "kmd", ("coi:Agency", "coi:Publisher"), "KMD", "actors", aliases=["Kesalian Ministry of Defence"],
        props=[("coi:partOf", "ent:government-of-kesalia")],
    )  # fmt: skip
    assert entity.iri == "ent:kmd"
    assert entity.triples() == 2 + 1 + 1 + 1  # types, preferred label, alias, property


def test_add_keeps_keys_unique_and_picks_aliases() -> None:
    reg = RegistryBuilder(Random(1))
    first = reg.add(Entity("tal-marah", ("coi:City",), "Tal Marah", "places", ["Tell Marah"]), aliases=1)
    second = reg.add(Entity("tal-marah", ("coi:City",), "Tal Marah", "places"), aliases=0)
    third = reg.add(Entity("tal-marah", ("coi:City",), "Tal Marah", "places"), aliases=0)
    assert [first.key, second.key, third.key] == ["tal-marah", "tal-marah-2", "tal-marah-3"]
    assert reg.keys == {"tal-marah", "tal-marah-2", "tal-marah-3"}
    # the label again (in another case or spacing), an empty name and a repeat are skipped; at most `aliases`
    group = reg.add(
        Entity("jund", ("coi:NonStateArmedGroup",), "Jund al-Taki", "actors",
               ["jund  AL-taki", "", "Jund al Taki", "JAT", "Jund al Taki", "Ansar"]),
        aliases=2,
    )  # fmt: skip
    assert group.aliases == ["Jund al Taki", "JAT"]
    assert reg.entities == [first, second, third, group]


def test_actor_names_resolve_to_one_actor_only() -> None:
    reg = RegistryBuilder(Random(1))
    reg.add(Entity("kmd", ("coi:Agency",), "KMD", "actors", ["Kesalian Ministry of Defence"]), aliases=1)
    # an actor or publisher may not take a name another actor has; a place may
    other = reg.add(Entity("k2", ("coi:Publisher",), "Kesalia Monitor", "publishers", ["KMD", "KM"]), aliases=2)
    place = reg.add(Entity("kmd-place", ("coi:City",), "Kmd Town", "places", ["kmd"]), aliases=1)
    assert other.aliases == ["KM"]
    assert place.aliases == ["kmd"]
    assert reg.free("kesalian ministry of defence") is None
    assert reg.free("Kmd Town") == "Kmd Town"  # a place's name is not an actor's
    assert reg.free("") is None
    assert reg.abbreviation("Kesalian Ministry of Defence") == "KeMD"  # 'KMD' is taken
    assert reg.abbreviation("Honovrian Ministry of Defence") == "HMD"
    reg.add(Entity("kemd", ("coi:Agency",), "KeMD", "actors"), aliases=0)
    assert reg.abbreviation("Kesalian Ministry of Defence") == "Kesalian Ministry of Defence"


def test_aliases_not_taken_are_owed_to_later_entities() -> None:
    """An entity with too few names leaves its drawn aliases as a debt, which the next entities take, so that
    the mean number of aliases stays the seed's."""
    seed = next(s for s in range(100) if weighted(Random(s), ALIASES_PER_ENTITY) >= 2)
    replay = Random(seed)
    drawn_first, drawn_second = int(weighted(replay, ALIASES_PER_ENTITY)), int(weighted(replay, ALIASES_PER_ENTITY))
    reg = RegistryBuilder(Random(seed))
    bare = reg.add(Entity("bare", ("coi:City",), "Bare", "places", []))
    assert bare.aliases == []
    assert reg.alias_debt == drawn_first
    rich = reg.add(Entity("rich", ("coi:City",), "Rich", "places", [f"Rich {n}" for n in range(20)]))
    assert len(rich.aliases) == drawn_first + drawn_second
    assert reg.alias_debt == 0


def test_person() -> None:
    reg = RegistryBuilder(Random(3))
    leader = reg.person("Commander of the Army of Lefik.", women=0.0, kunya=True)
    assert leader.label == "Nizar Hukouri" and leader.key == "nizar-hukouri"
    assert leader.types == ("coi:Person",) and leader.file == "actors" and leader.gender == "m"
    # a nom de guerre first, then the surname, then the transliteration variants ('ou' -> 'u')
    assert leader.candidates == ["Abu Omar al-Hukouri", "Hukouri", "Nizar Hukuri"]
    assert leader.comment == "Commander of the Army of Lefik."
    assert leader.aliases == leader.candidates[: len(leader.aliases)]
    woman = reg.person(women=1.0)
    assert woman.gender == "f" and woman.label.split()[0] in FEMALE
    assert not woman.candidates[0].startswith("Abu ")


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        ("Ardenian armed forces", True),
        ("Kesalian troops", True),
        ("the Ardenian military", True),
        ("local officials", True),
        ("Kesalian Self-Defence Units", True),
        ("the Kesalian army", False),
        ("Jund al-Taki", False),
        ("KMD", False),
    ],
)
def test_plural(form: str, expected: bool) -> None:
    assert plural(form) is expected


def test_display() -> None:
    unnamed = Entity("local", ("coi:UnnamedActor",), "local officials (unnamed)", "actors", aliases=["local officials"])
    assert display(unnamed) == "local officials"
    assert display(Entity("x", ("coi:UnnamedActor",), "sources (unnamed)", "actors")) == "sources (unnamed)"
    assert display(Entity("kmd", ("coi:Agency",), "KMD", "actors", aliases=["Ministry"])) == "KMD"


def test_registry_files_parse_with_every_label() -> None:
    world = build_world(Random(2), [1])
    files = registry_files(world, seed=2)
    assert set(files) == {"states.ttl", "actors.ttl", "places.ttl", "positions.ttl", "publishers.ttl"}
    for name, text in files.items():
        assert "# Synthetic: written by 'coi-graph synth' (seed 2). Every name is invented.\n" in text
        graph = Graph().parse(data=text, format="turtle")
        entities = [e for e in world.entities if f"{e.file}.ttl" == name]
        assert entities, name
        assert len(graph) == sum(e.triples() for e in entities)  # what generate() counts as asserted
        for entity in entities:
            iri = URIRef(ENT + entity.key)
            assert graph.value(iri, SKOS.prefLabel) == Literal(entity.label, lang="en")
            assert set(graph.objects(iri, SKOS.altLabel)) == {Literal(a, lang="en") for a in entity.aliases}
            assert set(graph.objects(iri, RDF.type)) == {COI[t.split(":")[1]] for t in entity.types}
    states = Graph().parse(data=files["states.ttl"], format="turtle")
    assert (URIRef(ENT + "ardenia"), SKOS.prefLabel, Literal("Ardenia", lang="en")) in states
