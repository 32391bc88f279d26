"""coi_graph.link.decisions: link decisions saved only when the data still validate with them (nothing written
otherwise), and the status table of ``coi-graph link --status``: one line per registry entity, linked,
candidate, open or unnamed, with its QIDs, then the counts."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from coi_graph.errors import ValidationFailed
from coi_graph.link import model
from coi_graph.link.decisions import save, status_table
from coi_graph.namespaces import ENT
from coi_graph.resources import ontology_path
from coi_graph.vocab import COI

DAY = date(2026, 11, 25)


def decision(entity: str, qid: str, status: URIRef = COI.LinkConfirmed, score: float = 1.0) -> model.Decision:
    return model.Decision(ENT[entity], qid, status, COI.VerifiedByHand, score, DAY, "A. Analyst", ("two sources",))


def test_a_valid_decision_is_merged_and_written(data_copy: Path) -> None:
    existing = model.load(data_copy)
    assert ENT["sdf"] not in model.confirmed(existing)
    made = decision("sdf", "Q1")
    path = save(data_copy, existing, [made])
    assert path == data_copy / model.LINKS_FILE
    saved = model.load(data_copy)
    assert len(saved) == len(existing) + 1 and made in saved
    assert model.confirmed(saved)[ENT["sdf"]] == "Q1"


def test_decisions_that_do_not_validate_are_refused_and_nothing_is_written(data_copy: Path) -> None:
    before = (data_copy / model.LINKS_FILE).read_bytes()
    existing = model.load(data_copy)
    assert model.confirmed(existing)[ENT["syria"]] == "Q858"
    with pytest.raises(ValidationFailed, match="do not validate; nothing was written") as raised:
        save(data_copy, existing, [decision("syria", "Q1")])  # a second confirmed QID for one entity
    assert "The entity has another confirmed Wikidata link (Q858)" in raised.value.report
    # the report names the files of the data directory, not of the scratch copy it was checked in
    assert f"{data_copy}/links/wikidata.ttl:" in raised.value.report
    assert (data_copy / model.LINKS_FILE).read_bytes() == before


@pytest.fixture
def registry() -> Graph:
    graph = Graph()
    for name, cls, label in [("syria", COI.Country, "Syria"), ("raqqa", COI.City, "Raqqa"),
                             ("sdf", COI.NonStateArmedGroup, "Syrian Democratic Forces"),
                             ("officials", COI.UnnamedActor, "two US defence officials (unnamed)")]:  # fmt: skip
        graph.add((ENT[name], RDF.type, cls))
        graph.add((ENT[name], SKOS.prefLabel, Literal(label, lang="en")))
    graph.add((ENT["claim-1"], RDF.type, COI.Claim))  # not an entity: not listed
    return graph


def test_status_lists_each_entity_with_its_state_and_qids(registry: Graph) -> None:
    ontology = Graph().parse(ontology_path(), format="turtle")
    decisions = [
        decision("syria", "Q858"),
        decision("raqqa", "Q1", COI.LinkCandidate, 0.55),
        decision("raqqa", "Q2", COI.LinkCandidate, 0.9),
        decision("raqqa", "Q3", COI.LinkRejected, 0.7),
        decision("sdf", "Q4", COI.LinkRejected, 0.6),
    ]
    lines = status_table(registry, ontology, decisions).splitlines()
    assert [re.split(r"\s{2,}", line) for line in lines[:-1]] == [
        ["unnamed", "ent:officials", "two US defence officials (unnamed)", "no Wikidata item expected"],
        ["candidate", "ent:raqqa", "Raqqa", "Q2 0.90, Q1 0.55; rejected Q3"],  # best candidate first
        ["open", "ent:sdf", "Syrian Democratic Forces", "rejected Q4"],
        ["linked", "ent:syria", "Syria", "Q858 (verified by hand)"],
    ]
    assert all(line.index("ent:") == 11 for line in lines[:-1])  # aligned columns
    assert lines[-1] == "4 entities: 1 linked, 1 candidate, 1 open, 1 unnamed"


def test_status_without_decisions_has_every_named_entity_open(registry: Graph) -> None:
    ontology = Graph().parse(ontology_path(), format="turtle")
    text = status_table(registry, ontology, [])
    assert text.endswith("\n4 entities: 0 linked, 0 candidate, 3 open, 1 unnamed\n")
    assert "open       ent:syria" in text and "Q858" not in text
