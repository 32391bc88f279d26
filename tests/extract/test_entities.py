"""The entities of one document (extract/entities.py): registry entities made once with their category and,
for a state's generic armed force, the state it acts for; proposed entities with stable IRIs that no
registry entity has, one per label or key."""

from __future__ import annotations

import pytest

from coi_graph.extract import gazetteer
from coi_graph.extract.entities import EntityTable
from coi_graph.extract.gazetteer import Gazetteer
from coi_graph.namespaces import ENT
from tests.conftest import DATA


@pytest.fixture(scope="module")
def names() -> Gazetteer:
    return gazetteer.load(DATA)


@pytest.fixture
def table(names: Gazetteer) -> EntityTable:
    return EntityTable(names)


def test_a_registry_entity_is_made_once_with_its_category(table: EntityTable) -> None:
    usa = table.registry(str(ENT["usa"]))
    assert usa is not None
    assert (usa.label, usa.category, usa.type_name, usa.proposed) == ("United States", "state", "state", False)
    assert table.registry(str(ENT["usa"])) is usa  # the same object for every mention
    assert table.entities == {str(ENT["usa"]): usa}
    raqqa = table.registry(str(ENT["raqqa"]))
    assert raqqa is not None and (raqqa.label, raqqa.category) == ("Raqqa city", "city")
    assert table.registry(str(ENT["no-such-entity"])) is None
    assert str(ENT["no-such-entity"]) not in table.entities


@pytest.mark.parametrize(
    ("force", "state"),
    [
        ("us-armed-forces", "United States"),  # "US armed forces"
        ("turkish-armed-forces", "Turkey"),  # "Turkish Armed Forces"
        ("irgc", None),  # a named force is an actor of its own, though part of Iran's forces
    ],
)
def test_a_generic_armed_force_acts_for_its_state(table: EntityTable, force: str, state: str | None) -> None:
    ent = table.registry(str(ENT[force]))
    assert ent is not None and ent.category == "group"
    assert (ent.acts_for.label if ent.acts_for else None) == state


def test_the_force_of_a_state(table: EntityTable) -> None:
    turkey, sdf = table.registry(str(ENT["turkey"])), table.registry(str(ENT["sdf"]))
    assert turkey is not None and sdf is not None
    force = table.force_of(turkey)  # what "Turkish troops" names
    assert force is not None and force.iri == str(ENT["turkish-armed-forces"]) and force.acts_for is turkey
    assert table.force_of(sdf) is None  # a group has no state's armed force


def test_a_proposed_entity_is_one_per_label_or_key(table: EntityTable) -> None:
    militia = table.proposed("Liwa al-Fajr", "group", "NonStateArmedGroup", "new name")
    assert (militia.iri, militia.proposed, militia.unnamed, militia.rule) == (
        str(ENT["liwa-al-fajr"]), True, False, "new name",
    )  # fmt: skip
    # the same label, in another spelling, is the same entity: the first type stays
    assert table.proposed("LIWA AL-FAJR", "organisation", "Organisation", "new name") is militia
    # an unnamed actor is keyed by its backer and head noun: "Iran-backed fighters" = "pro-Iran fighters"
    backed = table.proposed("Iran-backed fighters", "group", "NonStateArmedGroup", "unnamed X-backed group",
                            key="group|iran|fighters")  # fmt: skip
    pro = table.proposed("pro-Iran fighters", "group", "NonStateArmedGroup", "unnamed pro-X group",
                         key="group|iran|fighters")  # fmt: skip
    assert pro is backed and backed.unnamed and backed.label == "Iran-backed fighters"
    assert table.entities[backed.iri] is backed


def test_a_proposed_iri_never_takes_a_registry_iri(table: EntityTable) -> None:
    # "SDF" read as a new name (a spelling the registry lacks) gets sdf-2, not the registry's sdf
    first = table.proposed("SDF", "group", "NonStateArmedGroup", "new name")
    assert first.iri == str(ENT["sdf-2"])
    # two labels the key tells apart ("tal hamis", "tal-hamis") that share a slug get an IRI each
    town = table.proposed("Tal Hamis", "city", "City", "new name")
    other = table.proposed("Tal-Hamis", "city", "City", "new name")
    assert (town.iri, other.iri) == (str(ENT["tal-hamis"]), str(ENT["tal-hamis-2"]))


def test_an_alias_names_the_same_proposed_entity(table: EntityTable) -> None:
    department = table.proposed("Department for Military Operations", "organisation", "Organisation", "new name")
    table.alias("DMO", department)
    assert table.proposed("DMO", "organisation", "Organisation", "new name") is department


def test_affiliation(table: EntityTable) -> None:
    irgc = table.registry(str(ENT["irgc"]))
    assert irgc is not None
    assert table.affiliation(irgc) == {str(ENT["irgc"]), str(ENT["iranian-armed-forces"]), str(ENT["iran"])}
    proposed = table.proposed("Hawks Brigade", "group", "NonStateArmedGroup", "new name")
    assert table.affiliation(proposed) == {proposed.iri}  # nothing is known of a proposed entity
