"""`coi-graph link` and `coi-graph enrich` (coi_graph.cli.link): a rejection recorded by hand, the usage errors
for a decision without a reviewer or with a bad entity, enrich without confirmed links, and the registration
of both commands. Reconciliation, review, --confirm and enrichment against a fake Wikidata are tested in
tests/link/test_link.py."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click
from rdflib import URIRef

from coi_graph.cli import link as link_commands
from coi_graph.cli import main
from coi_graph.link import model
from coi_graph.vocab import COI
from tests.conftest import DATA, run_cli

ENT = "https://w3id.org/coi-graph/id/entity/"


def test_register_adds_link_and_enrich() -> None:
    group = click.Group()
    link_commands.register(group)
    assert sorted(group.commands) == ["enrich", "link"]
    assert group.commands["link"] is link_commands.link is main.commands["link"]
    assert group.commands["enrich"] is link_commands.enrich is main.commands["enrich"]


def test_reject_records_a_decision_by_hand_and_keeps_the_confirmed_link(data_copy: Path) -> None:
    before = model.load(data_copy)
    confirmed = model.confirmed(before)[URIRef(ENT + "raqqa-governorate")]
    result = run_cli("link", "--reject", "ent:raqqa-governorate=Q1", "--reviewer", "A. Analyst",
                     "--date", "2026-11-25", "--data", str(data_copy))  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"{data_copy / model.LINKS_FILE}: 1 decision(s) recorded\n"
    after = model.load(data_copy)
    assert len(after) == len(before) + 1
    (rejected,) = [d for d in after if d.qid == "Q1"]
    assert (str(rejected.entity), rejected.status, rejected.method, rejected.score) == (
        ENT + "raqqa-governorate",
        COI.LinkRejected,
        COI.VerifiedByHand,
        0.0,
    )
    assert (rejected.decided_by, rejected.day) == ("A. Analyst", date(2026, 11, 25))
    assert model.confirmed(after)[URIRef(ENT + "raqqa-governorate")] == confirmed


def test_decisions_need_a_reviewer_and_an_entity(data_copy: Path) -> None:
    links = (data_copy / model.LINKS_FILE).read_bytes()
    review = run_cli("link", "--review", "--data", str(data_copy))
    assert review.exit_code == 2 and "Error: --review records who decided: give --reviewer NAME" in review.stderr
    reject = run_cli("link", "--reject", "ent:raqqa-governorate=Q1", "--data", str(data_copy))
    assert reject.exit_code == 2
    assert "Error: --confirm and --reject record who decided: give --reviewer NAME" in reject.stderr
    bad = run_cli("link", "--reject", "raqqa=Q1", "--reviewer", "A. Analyst", "--data", str(data_copy))
    assert bad.exit_code == 2
    assert "Error: raqqa=Q1: 'raqqa' is not an IRI: write ent:usa, doc:…, or a full https:// IRI" in bad.stderr
    assert (data_copy / model.LINKS_FILE).read_bytes() == links


def test_reconcile_refuses_an_entity_that_is_not_an_iri(tmp_path: Path) -> None:
    result = run_cli("link", "not an iri", "--data", str(DATA), "--cache", str(tmp_path / "cache"))
    assert result.exit_code == 2 and result.stdout == ""
    assert "Error: 'not an iri' is not an IRI: write ent:usa" in result.stderr
    assert not (tmp_path / "cache").exists()


def test_enrich_without_confirmed_links_says_where_to_look(data_copy: Path, tmp_path: Path) -> None:
    model.write(data_copy, [d for d in model.load(data_copy) if d.status != COI.LinkConfirmed])
    result = run_cli("enrich", "--data", str(data_copy), "--cache", str(tmp_path / "cache"))
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == (
        "error: no confirmed Wikidata links to enrich\n  hint: coi-graph link --status shows them\n"
    )
    assert not (data_copy / "enrichment").exists()
