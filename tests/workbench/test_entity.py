"""coi_graph.workbench.entity: a new registry entity made from the workbench's form (its class from a label or
name, its IRI from its label, its names checked against the registry's), and the Wikidata items that may be it,
proposed as candidates from the HTTP cache or a local server that answers in the documented formats."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from rdflib import Graph, Literal
from rdflib.namespace import RDF, SKOS
from werkzeug import Request, Response

from coi_graph.link import reconcile
from coi_graph.link.http import Client
from coi_graph.namespaces import ENT
from coi_graph.vocab import COI
from coi_graph.workbench.entity import entity_class, new_entity, propose_links
from coi_graph.workbench.fields import Entities, FieldError, Schema

RAQQA_CITY, RAQQA_GOVERNORATE = "Q283368", "Q235563"
DAY = date(2026, 11, 25)


@pytest.fixture(scope="module")
def schema() -> Schema:
    return Schema.load()


@pytest.fixture
def entities() -> Entities:
    registry = Graph()
    registry.add((ENT["sdf"], RDF.type, COI.NonStateArmedGroup))
    registry.add((ENT["sdf"], SKOS.prefLabel, Literal("Syrian Democratic Forces", lang="en")))
    registry.add((ENT["pmf"], RDF.type, COI.NonStateArmedGroup))  # the IRI a new "PMF" would take
    registry.add((ENT["pmf"], SKOS.prefLabel, Literal("Popular Mobilisation Forces", lang="en")))
    return Entities.of(registry)


@pytest.mark.parametrize("text", ["armed force", "Armed Force", " armed  force ", "ArmedForce", "coi:ArmedForce"])
def test_a_class_from_its_label_or_its_name(schema: Schema, text: str) -> None:
    assert entity_class(schema, text) == COI.ArmedForce


@pytest.mark.parametrize("text", ["actor", "coi:Place", "Entity", "spaceship", "coi:Claim"])
def test_what_is_no_kind_of_entity_to_create_is_refused_with_the_kinds(schema: Schema, text: str) -> None:
    with pytest.raises(FieldError) as raised:
        entity_class(schema, text)
    assert raised.value.violation.field == "type"
    assert raised.value.violation.message.startswith(f"{text!r} is not a kind of entity to create: one of actor, ")
    assert "armed force" in raised.value.violation.message and "governorate" in raised.value.violation.message


def test_a_new_entity_is_named_after_its_label_with_its_aliases(schema: Schema, entities: Entities) -> None:
    entity, graph = new_entity(schema, entities, "city", "  Deir ez-Zor City ", ["Deir Ezzor", " ", "Deir Ezzor"])
    assert entity == ENT["deir-ez-zor-city"]
    assert set(graph) == {
        (entity, RDF.type, COI.City),
        (entity, SKOS.prefLabel, Literal("Deir ez-Zor City", lang="en")),
        (entity, SKOS.altLabel, Literal("Deir Ezzor", lang="en")),
    }


def test_an_iri_already_taken_gets_a_number(schema: Schema, entities: Entities) -> None:
    entity, _ = new_entity(schema, entities, "non-state armed group", "PMF", [])
    assert entity == ENT["pmf-2"]


@pytest.mark.parametrize(
    ("label", "aliases", "field", "message"),
    [
        ("syrian  democratic FORCES", [], "label", "ent:sdf is already called 'Syrian Democratic Forces'"),
        ("Kurdish forces", ["Syrian Democratic Forces"], "aliases", "ent:sdf is already called"),
        ("", [], "label", "give the entity's name"),
        ("Tab\there", [], "label", "holds a control character"),
        ("Fine", ["bad\x85alias"], "aliases", "holds a control character"),
    ],
)
def test_names_are_checked(schema: Schema, entities: Entities, label: str, aliases: list[str], field: str,
                           message: str) -> None:  # fmt: skip
    with pytest.raises(FieldError) as raised:
        new_entity(schema, entities, "non-state armed group", label, aliases)
    assert raised.value.violation.field == field and message in raised.value.violation.message


# --- Wikidata proposals ------------------------------------------------------------------------------


def item(qid: str, label: str, instance_of: str) -> dict[str, Any]:
    value = {"value": {"id": instance_of}, "type": "wikibase-entityid"}
    return {"id": qid, "labels": {"en": {"language": "en", "value": label}},
            "claims": {"P31": [{"mainsnak": {"snaktype": "value", "datavalue": value}, "rank": "normal"}]}}  # fmt: skip


class FakeWikidata:
    """A local Wikidata: the reconciliation endpoint at /en/api and the Wikibase API at /w/api.php."""

    def __init__(self, server: HTTPServer) -> None:
        self.server = server
        self.requests: list[Request] = []
        server.expect_request("/en/api").respond_with_handler(self._reconcile)
        server.expect_request("/w/api.php").respond_with_handler(self._api)

    def _reconcile(self, request: Request) -> Response:
        self.requests.append(request)
        result = [{"id": RAQQA_CITY, "name": "Raqqa", "score": 100, "match": True},
                  {"id": RAQQA_GOVERNORATE, "name": "Raqqa Governorate", "score": 71, "match": False}]  # fmt: skip
        answer = {key: {"result": result} for key in json.loads(request.form["queries"])}
        return Response(json.dumps(answer), content_type="application/json")

    def _api(self, request: Request) -> Response:
        self.requests.append(request)
        items = {RAQQA_CITY: item(RAQQA_CITY, "Raqqa", "Q515"),
                 RAQQA_GOVERNORATE: item(RAQQA_GOVERNORATE, "Raqqa Governorate", "Q517351")}  # fmt: skip
        found = {q: items.get(q, {"id": q, "missing": ""}) for q in request.args["ids"].split("|")}
        return Response(json.dumps({"entities": found}), content_type="application/json")


def bench(tmp_path: Path, server: HTTPServer | None = None, *, network: bool = True) -> SimpleNamespace:
    """What propose_links reads of the workbench: its cache, whether it may go online, the services, the day."""
    return SimpleNamespace(cache_dir=tmp_path / "cache", allow_network=network, day=DAY,
                           endpoint=server.url_for("/en/api") if server else "http://127.0.0.1:9/en/api",
                           api=server.url_for("/w/api.php") if server else "http://127.0.0.1:9/w/api.php")  # fmt: skip


def test_proposals_from_the_cache_are_candidates_with_scores_and_notes(
    schema: Schema, entities: Entities, httpserver: HTTPServer, tmp_path: Path
) -> None:
    wikidata = FakeWikidata(httpserver)
    entity, graph = new_entity(schema, entities, "governorate", "Raqqa Governorate", [])
    # the HTTP cache holds the answers to the requests the workbench makes (as an earlier online run leaves it)
    online = Client(cache_dir=tmp_path / "cache", allow_network=True, min_interval=0)
    subject = reconcile.Subject(entity, "Raqqa Governorate", [], COI.Governorate)
    reconcile.propose(online, httpserver.url_for("/en/api"), [subject], limit=3, api=httpserver.url_for("/w/api.php"))
    assert len(wikidata.requests) == 2
    sent = json.loads(wikidata.requests[0].form["queries"])["q0"]
    assert sent == {"query": "Raqqa Governorate", "limit": 3, "type": "Q517351"}
    made, notes = propose_links(bench(tmp_path, httpserver, network=False), entity, graph)  # type: ignore[arg-type]
    assert len(wikidata.requests) == 2  # offline: every answer came from the cache
    # the governorate: exact name, expected type, no country known (0.5 + 0.3 + 0.1); the city: neither
    assert [(d.qid, d.score, d.status, d.method, d.decided_by, d.day) for d in made] == [
        (RAQQA_GOVERNORATE, 0.9, COI.LinkCandidate, COI.Reconciled, "coi-graph workbench", DAY),
        (RAQQA_CITY, 0.5, COI.LinkCandidate, COI.Reconciled, "coi-graph workbench", DAY),
    ]
    assert all(d.entity == entity for d in made)
    assert notes == [
        "Wikidata candidate Q235563 for ent:raqqa-governorate, score 0.900: confirm or reject it with "
        "'coi-graph link --review'",
        "Wikidata candidate Q283368 for ent:raqqa-governorate, score 0.500: confirm or reject it with "
        "'coi-graph link --review'",
    ]


def test_without_cache_or_network_there_is_a_note_instead(schema: Schema, entities: Entities, tmp_path: Path) -> None:
    entity, graph = new_entity(schema, entities, "governorate", "Raqqa Governorate", [])
    nothing = SimpleNamespace(cache_dir=None, allow_network=False, day=DAY, endpoint=None, api=None)
    assert propose_links(nothing, entity, graph) == (  # type: ignore[arg-type]
        [],
        ["no Wikidata proposal: no HTTP cache, and the network is not allowed"],
    )
    made, notes = propose_links(bench(tmp_path, network=False), entity, graph)  # type: ignore[arg-type]
    assert made == []
    assert notes[0].startswith("no Wikidata proposal: POST http://127.0.0.1:9/en/api is not in the cache")
