"""coi_graph.link.wikidata: the W3C Reconciliation API, ``wbsearchentities`` and ``wbgetentities`` read into
Match and Item records, against a local server that answers in the documented formats (the network is blocked
in tests; only loopback is reachable), and a clear HttpError for an answer out of format."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from coi_graph.link.http import Client, HttpError
from coi_graph.link.wikidata import Item, Match, get_entities, reconcile, search

SYRIA, RAQQA_CITY, RAQQA_GOVERNORATE = "Q858", "Q283368", "Q235563"


def statement(value: Any, rank: str = "normal", snaktype: str = "value") -> dict[str, Any]:
    datavalue = (
        {"value": value, "type": "globecoordinate"}
        if isinstance(value, dict)
        else {"value": {"entity-type": "item", "id": value}, "type": "wikibase-entityid"}
    )
    return {"mainsnak": {"snaktype": snaktype, "property": "P", "datavalue": datavalue}, "type": "statement",
            "rank": rank}  # fmt: skip


GOVERNORATE = {
    "type": "item", "id": RAQQA_GOVERNORATE,
    "labels": {"en": {"language": "en", "value": "Raqqa Governorate"},
               "ar": {"language": "ar", "value": "محافظة الرقة"}},
    "aliases": {"en": [{"language": "en", "value": "Al-Raqqah Governorate"}, {"language": "en", "value": "Raqqa"}]},
    "descriptions": {"en": {"language": "en", "value": "governorate of Syria"}},
    "claims": {
        "P31": [statement("Q517351"), statement("Q1", rank="deprecated")],  # a deprecated value is left out
        "P17": [statement(SYRIA), statement(SYRIA, snaktype="somevalue")],  # no value: left out
        "P625": [statement({"latitude": 35.95, "longitude": 38.99, "precision": 0.01, "globe": "earth"})],
    },
}  # fmt: skip


class FakeWikidata:
    """A local Wikidata: the reconciliation endpoint at /en/api and the Wikibase API at /w/api.php, answering
    with what the test sets, and keeping every request."""

    def __init__(self, server: HTTPServer) -> None:
        self.server = server
        self.reconciled: Any = {}
        self.searched: Any = {}
        self.entities: dict[str, Any] = {}
        self.requests: list[Request] = []
        server.expect_request("/en/api").respond_with_handler(self._reconcile)
        server.expect_request("/w/api.php").respond_with_handler(self._api)

    def _reconcile(self, request: Request) -> Response:
        self.requests.append(request)
        return Response(json.dumps(self.reconciled), content_type="application/json")

    def _api(self, request: Request) -> Response:
        self.requests.append(request)
        if request.args["action"] == "wbsearchentities":
            return Response(json.dumps(self.searched), content_type="application/json")
        asked = request.args["ids"].split("|")
        found = {qid: self.entities.get(qid, {"id": qid, "missing": ""}) for qid in asked}
        return Response(json.dumps({"entities": found, "success": 1}), content_type="application/json")


@pytest.fixture
def wikidata(httpserver: HTTPServer) -> FakeWikidata:
    return FakeWikidata(httpserver)


@pytest.fixture
def client(tmp_path: Path) -> Client:
    return Client(cache_dir=tmp_path / "cache", allow_network=True, min_interval=0, sleep=lambda _: None)


def test_reconcile_reads_matches_and_normalises_scores(wikidata: FakeWikidata, client: Client) -> None:
    wikidata.reconciled = {
        "q0": {"result": [
            {"id": RAQQA_CITY, "name": "Raqqa", "score": 100, "match": True, "type": [{"id": "Q515", "name": "city"}],
             "description": "city in Syria"},
            {"id": RAQQA_GOVERNORATE, "name": "Raqqa Governorate", "score": 71, "match": False,
             "type": [{"id": "Q517351", "name": "governorate of Syria"}, {"name": "no id"}]},
        ]},
        "q1": {"result": [{"id": SYRIA, "name": "Syria", "score": 0.5}]},  # a service that scores 0-1
    }  # fmt: skip
    queries = {"q0": {"query": "Raqqa", "type": "Q515", "limit": 3}, "q1": {"query": "Syria", "limit": 3}}
    found = reconcile(client, wikidata.server.url_for("/en/api"), queries)
    assert found == {
        "q0": [
            Match(RAQQA_CITY, "Raqqa", 1.0, "city in Syria", ["Q515"], exact=True),
            Match(RAQQA_GOVERNORATE, "Raqqa Governorate", 0.71, "", ["Q517351"], exact=False),
        ],
        "q1": [Match(SYRIA, "Syria", 0.5, source="reconciliation")],
    }
    # the batch is sent as the form field "queries", JSON with sorted keys, as the API documents
    assert json.loads(wikidata.requests[0].form["queries"]) == queries


@pytest.mark.parametrize(
    "answer",
    [[], {"q1": {"result": []}}, {"q0": {"oops": []}}, {"q0": {"result": [{"name": "no id"}]}}],
    ids=["not-an-object", "query-missing", "no-result-list", "result-without-id"],
)
def test_reconcile_out_of_format_is_an_http_error(wikidata: FakeWikidata, client: Client, answer: Any) -> None:
    wikidata.reconciled = answer
    with pytest.raises(HttpError, match="malformed reconciliation response"):
        reconcile(client, wikidata.server.url_for("/en/api"), {"q0": {"query": "Raqqa"}})


def test_search_scores_by_position_and_marks_the_exact_match(wikidata: FakeWikidata, client: Client) -> None:
    wikidata.searched = {"search": [
        {"id": RAQQA_GOVERNORATE, "label": "Raqqa Governorate", "description": "governorate of Syria",
         "match": {"type": "alias", "language": "en", "text": "raqqa"}},
        {"id": RAQQA_CITY, "label": "Raqqa", "match": {"type": "label", "language": "en", "text": "Raqqa City"}},
        *({"id": f"Q{n}", "label": "Raqqa"} for n in range(1, 10)),
    ]}  # fmt: skip
    found = search(client, "Raqqa", limit=11, api=wikidata.server.url_for("/w/api.php"))
    assert [(m.qid, m.exact, m.source) for m in found[:3]] == [
        (RAQQA_GOVERNORATE, True, "wbsearchentities"),  # the alias matched, case aside
        (RAQQA_CITY, False, "wbsearchentities"),
        ("Q1", True, "wbsearchentities"),  # no match object: the label is compared
    ]
    assert [m.score for m in found] == pytest.approx([0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.1, 0.1])
    sent = wikidata.requests[0].args
    assert (sent["action"], sent["search"], sent["limit"], sent["type"], sent["maxlag"]) == (
        "wbsearchentities", "Raqqa", "11", "item", "5",
    )  # fmt: skip


@pytest.mark.parametrize("answer", [{"error": {"code": "x"}, "search": []}, {"search": "not a list"}, {"search": [1]}])
def test_search_out_of_format_is_an_http_error(wikidata: FakeWikidata, client: Client, answer: Any) -> None:
    wikidata.searched = answer
    with pytest.raises(HttpError, match="malformed wbsearchentities response"):
        search(client, "Raqqa", api=wikidata.server.url_for("/w/api.php"))


def test_get_entities_reads_labels_aliases_and_claim_values(wikidata: FakeWikidata, client: Client) -> None:
    wikidata.entities = {RAQQA_GOVERNORATE: GOVERNORATE}
    items = get_entities(client, [RAQQA_GOVERNORATE, "Q404"], ["en", "ar"], api=wikidata.server.url_for("/w/api.php"))
    assert items[RAQQA_GOVERNORATE] == Item(
        qid=RAQQA_GOVERNORATE,
        labels={"en": "Raqqa Governorate", "ar": "محافظة الرقة"},
        aliases={"en": ["Al-Raqqah Governorate", "Raqqa"]},
        descriptions={"en": "governorate of Syria"},
        claims={"P31": ["Q517351"], "P17": [SYRIA], "P625": [{"latitude": 35.95, "longitude": 38.99,
                                                               "precision": 0.01}]},
    )  # fmt: skip
    assert items[RAQQA_GOVERNORATE].values("P131") == []
    assert items["Q404"] == Item(qid="Q404", missing=True)
    assert wikidata.requests[0].args["languages"] == "en|ar"


def test_get_entities_maps_a_redirect_to_its_target(wikidata: FakeWikidata, client: Client) -> None:
    wikidata.entities = {SYRIA: dict(GOVERNORATE, id="Q999858", redirects={"from": SYRIA, "to": "Q999858"})}
    items = get_entities(client, [SYRIA], ["en"], api=wikidata.server.url_for("/w/api.php"))
    assert set(items) == {SYRIA}
    assert (items[SYRIA].qid, items[SYRIA].redirected_from) == ("Q999858", SYRIA)


def test_get_entities_asks_in_batches_of_fifty(wikidata: FakeWikidata, client: Client) -> None:
    qids = [f"Q{n}" for n in range(1, 61)]
    batches: list[int] = []
    items = get_entities(client, qids, ["en"], api=wikidata.server.url_for("/w/api.php"), progress=batches.append)
    assert batches == [50, 10]
    assert [len(r.args["ids"].split("|")) for r in wikidata.requests] == [50, 10]
    assert sorted(items) == sorted(qids) and all(item.missing for item in items.values())


def test_get_entities_out_of_format_is_an_http_error(httpserver: HTTPServer, client: Client) -> None:
    httpserver.expect_request("/w/api.php").respond_with_json({"error": {"code": "no-such-entity"}})
    with pytest.raises(HttpError, match="malformed wbgetentities response"):
        get_entities(client, [SYRIA], ["en"], api=httpserver.url_for("/w/api.php"))
