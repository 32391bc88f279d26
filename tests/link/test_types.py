"""coi_graph.link.types: the Wikidata classes expected for each kind of entity, the properties the graph's
relations map to, and how a class is described in evidence ("city (Q515)")."""

from __future__ import annotations

import re

import pytest
from rdflib import Graph, URIRef

from coi_graph.link.types import (
    CLASS_NAMES,
    EXPECTED_TYPES,
    WIKIDATA_PROPERTIES,
    describe,
)
from coi_graph.registry import subclasses
from coi_graph.resources import ontology_path
from coi_graph.vocab import COI


@pytest.mark.parametrize(
    ("qid", "text"),
    [
        ("Q515", "city (Q515)"),
        ("Q517351", "governorate of Syria (Q517351)"),
        ("Q17149090", "armed organization (Q17149090)"),
        ("Q5", "human (Q5)"),
        ("Q42", "Q42"),  # a class the module does not name is given as its QID only
    ],
)
def test_describe_names_known_classes(qid: str, text: str) -> None:
    assert describe(qid) == text


@pytest.mark.parametrize(
    ("cls", "first"),
    [
        (COI.Country, "Q6256"),
        (COI.City, "Q515"),
        (COI.Governorate, "Q517351"),
        (COI.NonStateArmedGroup, "Q17149090"),
        (COI.Person, "Q5"),
        (COI.AirBase, "Q245016"),  # no class for air bases could be confirmed: military base
    ],
)
def test_the_first_expected_class_is_the_one_sent_to_the_service(cls: URIRef, first: str) -> None:
    assert EXPECTED_TYPES[cls][0] == first


def test_every_expected_class_is_named_and_well_formed() -> None:
    expected = {qid for qids in EXPECTED_TYPES.values() for qid in qids}
    assert expected <= set(CLASS_NAMES)
    assert all(re.fullmatch(r"Q[1-9][0-9]*", qid) for qid in CLASS_NAMES)


def test_expectations_are_for_entity_classes_of_the_ontology_and_leave_out_unconfirmed_ones() -> None:
    ontology = Graph().parse(ontology_path(), format="turtle")
    entity_classes = subclasses(ontology, COI.Entity)
    assert set(EXPECTED_TYPES) <= entity_classes
    # no class for gas fields could be confirmed: it is left out rather than guessed
    assert COI.GasField in entity_classes and COI.GasField not in EXPECTED_TYPES


def test_relations_map_to_member_of_part_of_and_located_in() -> None:
    assert {COI.memberOf: "P463", COI.partOf: "P361", COI.locatedIn: "P131"} == WIKIDATA_PROPERTIES
