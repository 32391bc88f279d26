"""coi_graph.link.reconcile: which registry entities to reconcile and with what context, the ranked proposals
(0.5 name + 0.3 type + 0.2 context) with their evidence, the fallback to ``wbsearchentities``, rejected items
never proposed again, and automatic confirmation only of a clear winner. Wikidata is a local server that answers
in the documented formats (the network is blocked in tests)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from rdflib import Graph, Literal
from rdflib.namespace import RDF, SKOS
from werkzeug import Request, Response

from coi_graph.link import model
from coi_graph.link.http import Client, OfflineError
from coi_graph.link.reconcile import Proposal, Subject, decisions, propose, subjects
from coi_graph.namespaces import ENT
from coi_graph.resources import ontology_path
from coi_graph.vocab import COI

SYRIA, IRAQ, RAQQA_CITY, RAQQA_GOVERNORATE = "Q858", "Q796", "Q283368", "Q235563"
DAY = date(2026, 11, 25)


def item(qid: str, label: str, aliases: list[str], instance_of: str, country: str) -> dict[str, Any]:
    def claim(value: str) -> dict[str, Any]:
        return {"mainsnak": {"snaktype": "value", "datavalue": {"value": {"id": value}, "type": "wikibase-entityid"}},
                "rank": "normal"}  # fmt: skip

    return {"type": "item", "id": qid, "labels": {"en": {"language": "en", "value": label}},
            "aliases": {"en": [{"language": "en", "value": a} for a in aliases]},
            "claims": {"P31": [claim(instance_of)], "P17": [claim(country)]}}  # fmt: skip


ITEMS = {
    RAQQA_CITY: item(RAQQA_CITY, "Raqqa", ["Ar-Raqqah"], "Q515", SYRIA),
    RAQQA_GOVERNORATE: item(RAQQA_GOVERNORATE, "Raqqa Governorate", [], "Q517351", SYRIA),
}
RECONCILED = {"result": [
    {"id": RAQQA_CITY, "name": "Raqqa", "score": 100, "match": True, "type": [{"id": "Q515"}]},
    {"id": RAQQA_GOVERNORATE, "name": "Raqqa Governorate", "score": 71, "match": False, "type": [{"id": "Q517351"}]},
]}  # fmt: skip
SEARCH = {"search": [{"id": RAQQA_GOVERNORATE, "label": "Raqqa Governorate"}, {"id": RAQQA_CITY, "label": "Raqqa"}]}


class FakeWikidata:
    """A local Wikidata: the reconciliation endpoint at /en/api and the Wikibase API at /w/api.php."""

    def __init__(self, server: HTTPServer) -> None:
        self.server = server
        self.items = dict(ITEMS)
        self.reconcile_ok = True
        self.requests: list[Request] = []
        server.expect_request("/en/api").respond_with_handler(self._reconcile)
        server.expect_request("/w/api.php").respond_with_handler(self._api)

    endpoint = property(lambda self: self.server.url_for("/en/api"))
    api = property(lambda self: self.server.url_for("/w/api.php"))

    def _reconcile(self, request: Request) -> Response:
        self.requests.append(request)
        queries = json.loads(request.form["queries"])
        answer = {key: RECONCILED for key in queries} if self.reconcile_ok else {"q0": {"oops": []}}
        return Response(json.dumps(answer), content_type="application/json")

    def _api(self, request: Request) -> Response:
        self.requests.append(request)
        if request.args["action"] == "wbsearchentities":
            return Response(json.dumps(SEARCH), content_type="application/json")
        found = {q: self.items.get(q, {"id": q, "missing": ""}) for q in request.args["ids"].split("|")}
        return Response(json.dumps({"entities": found}), content_type="application/json")


@pytest.fixture
def wikidata(httpserver: HTTPServer) -> FakeWikidata:
    return FakeWikidata(httpserver)


@pytest.fixture
def client(tmp_path: Path) -> Client:
    return Client(cache_dir=tmp_path / "cache", allow_network=True, min_interval=0, sleep=lambda _: None)


GOVERNORATE = Subject(ENT["raqqa-governorate"], "Raqqa Governorate", ["Al-Raqqah Governorate"], COI.Governorate,
                      country=SYRIA)  # fmt: skip


def ranked(proposals: list[Proposal]) -> list[tuple[str, float, bool, bool, bool]]:
    return [(p.qid, p.score, p.exact, p.typed, p.placed) for p in proposals]


def test_subjects_are_named_unlinked_entities_with_their_country() -> None:
    registry = Graph()
    for name, cls, label in [
        ("syria", COI.Country, "Syria"),
        ("raqqa-governorate", COI.Governorate, "Raqqa Gov."),
        ("raqqa", COI.City, "Raqqa"),
        ("officials", COI.UnnamedActor, "two officials"),
        ("tanf", COI.MilitaryBase, "al-Tanf base"),
        ("omar", COI.Facility, "al-Omar"),
    ]:
        registry.add((ENT[name], RDF.type, cls))
        registry.add((ENT[name], SKOS.prefLabel, Literal(label, lang="en")))
    registry.add((ENT["tanf"], RDF.type, COI.AirBase))  # the most specific expected class is chosen
    registry.add((ENT["omar"], RDF.type, COI.OilField))  # an expected class before one without expectations
    registry.add((ENT["raqqa"], SKOS.altLabel, Literal("Ar-Raqqah", lang="en")))
    registry.add((ENT["raqqa"], COI.locatedIn, ENT["raqqa-governorate"]))
    registry.add((ENT["raqqa-governorate"], COI.locatedIn, ENT["syria"]))
    registry += model.to_graph([model.Decision(ENT["syria"], SYRIA, COI.LinkConfirmed, COI.VerifiedByHand, 1.0, DAY,
                                               "A. Analyst", ("two sources",))])  # fmt: skip
    ontology = Graph().parse(ontology_path(), format="turtle")
    found = subjects(registry, ontology)
    # Syria is linked and the unnamed officials are no Wikidata item: neither is proposed
    assert found == [
        Subject(ENT["omar"], "al-Omar", [], COI.OilField),
        Subject(ENT["raqqa"], "Raqqa", ["Ar-Raqqah"], COI.City, country=SYRIA),  # through the governorate
        Subject(ENT["raqqa-governorate"], "Raqqa Gov.", [], COI.Governorate, country=SYRIA, parent=SYRIA),
        Subject(ENT["tanf"], "al-Tanf base", [], COI.AirBase),
    ]
    assert [s.iri for s in subjects(registry, ontology, only=[ENT["syria"]])] == [ENT["syria"]]


def test_the_governorate_beats_the_city_of_the_same_name(wikidata: FakeWikidata, client: Client) -> None:
    proposals = propose(client, wikidata.endpoint, [GOVERNORATE], api=wikidata.api)
    assert ranked(proposals) == [(RAQQA_GOVERNORATE, 1.0, True, True, True), (RAQQA_CITY, 0.6, False, False, True)]
    assert proposals[0].evidence == [
        "reconciliation: 'Raqqa Governorate' (Q235563)",
        "name: exact",
        "type: instance of governorate of Syria (Q517351), as expected",
        "context: in Q858, as the registry says",
    ]
    assert proposals[1].evidence[1:3] == [
        "name: not exact (service score 1.00)",
        "type: instance of city (Q515), expected first-level administrative country subdivision (Q10864048), "
        "governorate of Syria (Q517351), governorate of Iraq (Q841753)",
    ]
    # the query carried the expected type and the country, per the W3C Reconciliation API
    sent = json.loads(wikidata.requests[0].form["queries"])
    assert sent == {"q0": {"query": "Raqqa Governorate", "limit": 5, "type": "Q517351",
                           "properties": [{"pid": "P17", "v": SYRIA}]}}  # fmt: skip


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        # in another country: the context counts against it
        (
            Subject(GOVERNORATE.iri, "Raqqa Governorate", [], COI.Governorate, country=IRAQ),
            [(RAQQA_GOVERNORATE, 0.8, True, True, False), (RAQQA_CITY, 0.4, False, False, False)],
        ),
        # nothing expected of a facility, nothing known of its place: both halves count 0.5
        (
            Subject(GOVERNORATE.iri, "Raqqa", [], COI.Facility),
            [(RAQQA_CITY, 0.75, True, False, False), (RAQQA_GOVERNORATE, 0.605, False, False, False)],
        ),
    ],
    ids=["elsewhere", "no-expectation"],
)
def test_type_and_context_weigh_in(wikidata: FakeWikidata, client: Client, subject: Subject,
                                   expected: list[tuple[str, float, bool, bool, bool]]) -> None:  # fmt: skip
    proposals = propose(client, wikidata.endpoint, [subject], api=wikidata.api)
    assert ranked(proposals) == expected


def test_rejected_and_deleted_items_and_the_limit(wikidata: FakeWikidata, client: Client) -> None:
    rejected = {(GOVERNORATE.iri, RAQQA_CITY)}
    assert ranked(propose(client, wikidata.endpoint, [GOVERNORATE], rejected=rejected, api=wikidata.api)) == [
        (RAQQA_GOVERNORATE, 1.0, True, True, True)
    ]
    assert [p.qid for p in propose(client, wikidata.endpoint, [GOVERNORATE], limit=1, api=wikidata.api)] == [
        RAQQA_GOVERNORATE
    ]
    del wikidata.items[RAQQA_GOVERNORATE]
    uncached = Client(cache_dir=None, allow_network=True, min_interval=0)
    deleted = next(p for p in propose(uncached, wikidata.endpoint, [GOVERNORATE], api=wikidata.api)
                   if p.qid == RAQQA_GOVERNORATE)  # fmt: skip
    assert deleted.score == 0.0 and deleted.evidence[-1] == "the item does not exist (deleted?)"


def test_a_failing_service_falls_back_to_wbsearchentities(wikidata: FakeWikidata, client: Client) -> None:
    wikidata.reconcile_ok = False
    proposals = propose(client, wikidata.endpoint, [GOVERNORATE], api=wikidata.api)
    assert [p.qid for p in proposals] == [RAQQA_GOVERNORATE, RAQQA_CITY]
    assert proposals[0].evidence[0] == "wbsearchentities: 'Raqqa Governorate' (Q235563)"
    search = [r for r in wikidata.requests if r.path == "/w/api.php" and r.args["action"] == "wbsearchentities"]
    assert [(r.args["search"], r.args["limit"]) for r in search] == [("Raqqa Governorate", "7")]


def test_offline_without_cache_is_an_error_not_a_fallback(wikidata: FakeWikidata, tmp_path: Path) -> None:
    offline = Client(cache_dir=tmp_path / "empty", allow_network=False)
    with pytest.raises(OfflineError, match="not in the cache"):
        propose(offline, wikidata.endpoint, [GOVERNORATE], api=wikidata.api)
    assert wikidata.requests == []


def test_decisions_confirm_only_a_clear_winner_when_asked(wikidata: FakeWikidata, client: Client) -> None:
    proposals = propose(client, wikidata.endpoint, [GOVERNORATE], api=wikidata.api)
    made = {d.qid: d for d in decisions(proposals, day=DAY)}
    assert {q: d.status for q, d in made.items()} == {RAQQA_GOVERNORATE: COI.LinkCandidate,
                                                       RAQQA_CITY: COI.LinkCandidate}  # fmt: skip
    governorate = made[RAQQA_GOVERNORATE]
    assert (governorate.entity, governorate.method, governorate.score, governorate.day, governorate.decided_by) == (
        GOVERNORATE.iri, COI.Reconciled, 1.0, DAY, "coi-graph link",
    )  # fmt: skip
    accepted = {d.qid: d for d in decisions(proposals, day=DAY, accept_above=0.95)}
    assert accepted[RAQQA_GOVERNORATE].status == COI.LinkConfirmed
    assert accepted[RAQQA_GOVERNORATE].evidence[-1] == "confirmed automatically: score ≥ 0.95 and ahead by ≥ 0.15"
    assert accepted[RAQQA_CITY].status == COI.LinkCandidate
    # not far enough ahead of the runner-up (1.0 against 0.6): nothing is confirmed
    close = decisions(proposals, day=DAY, accept_above=0.95, margin=0.5)
    assert all(d.status == COI.LinkCandidate for d in close)
