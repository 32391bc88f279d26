"""Wikidata linking: decisions as data, the reconciliation client against a local server that answers
in the documented formats (W3C Reconciliation API, wbsearchentities, wbgetentities), the enrichment
cache, QuickStatements. The network is blocked in tests (tests/conftest.py); only the local server
on loopback is reachable."""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from rdflib import Graph, Literal, URIRef
from werkzeug import Request, Response

from coi_graph.compile.pipeline import build
from coi_graph.extract import gazetteer
from coi_graph.extract.mentions import find
from coi_graph.link import model
from coi_graph.link.http import Client, HttpError, OfflineError
from coi_graph.namespaces import ENT, Graphs
from coi_graph.store import open_store, select
from coi_graph.vocab import COI
from tests.conftest import DATA, run_cli

# --- documented responses -------------------------------------------------------------------------

SYRIA, RAQQA_CITY, RAQQA_GOVERNORATE = "Q858", "Q283368", "Q235563"


def _claim(pid: str, value: Any) -> dict[str, Any]:
    datavalue = {"value": {"entity-type": "item", "id": value}, "type": "wikibase-entityid"}
    if isinstance(value, dict):
        datavalue = {"value": value, "type": "globecoordinate"}
    return {"mainsnak": {"snaktype": "value", "property": pid, "datavalue": datavalue}, "type": "statement",
            "rank": "normal"}  # fmt: skip


ITEMS: dict[str, dict[str, Any]] = {
    RAQQA_CITY: {
        "type": "item", "id": RAQQA_CITY,
        "labels": {"en": {"language": "en", "value": "Raqqa"}, "ar": {"language": "ar", "value": "الرقة"}},
        "aliases": {"en": [{"language": "en", "value": "Ar-Raqqah"}]},
        "descriptions": {"en": {"language": "en", "value": "city in Syria"}},
        "claims": {"P31": [_claim("P31", "Q515")], "P17": [_claim("P17", SYRIA)]},
    },
    RAQQA_GOVERNORATE: {
        "type": "item", "id": RAQQA_GOVERNORATE,
        "labels": {"en": {"language": "en", "value": "Raqqa Governorate"},
                   "ar": {"language": "ar", "value": "محافظة الرقة"}},
        "aliases": {"en": [{"language": "en", "value": "Al-Raqqah Governorate"}]},
        "descriptions": {"en": {"language": "en", "value": "governorate of Syria"}},
        "claims": {"P31": [_claim("P31", "Q517351")], "P17": [_claim("P17", SYRIA)],
                   "P625": [_claim("P625", {"latitude": 35.95, "longitude": 38.99, "precision": 0.01})]},
    },
    SYRIA: {
        "type": "item", "id": SYRIA,
        "labels": {"en": {"language": "en", "value": "Syria"}, "ar": {"language": "ar", "value": "سوريا"}},
        "aliases": {}, "descriptions": {}, "claims": {"P31": [_claim("P31", "Q3624078")]},
    },
}  # fmt: skip

RECONCILED = {
    "result": [
        {"id": RAQQA_CITY, "name": "Raqqa", "score": 100, "match": True, "type": [{"id": "Q515", "name": "city"}]},
        {"id": RAQQA_GOVERNORATE, "name": "Raqqa Governorate", "score": 71, "match": False,
         "type": [{"id": "Q517351", "name": "governorate of Syria"}]},
    ]
}  # fmt: skip
SEARCH = {
    "searchinfo": {"search": "Raqqa Governorate"},
    "search": [
        {"id": RAQQA_GOVERNORATE, "label": "Raqqa Governorate", "description": "governorate of Syria",
         "match": {"type": "label", "language": "en", "text": "Raqqa Governorate"}},
        {"id": RAQQA_CITY, "label": "Raqqa", "description": "city in Syria",
         "match": {"type": "alias", "language": "en", "text": "Raqqa"}},
    ],
    "success": 1,
}  # fmt: skip


class FakeWikidata:
    """A local Wikidata: the reconciliation endpoint at /en/api and the Wikibase API at /w/api.php."""

    def __init__(self, server: HTTPServer) -> None:
        self.server = server
        self.items = dict(ITEMS)
        self.reconcile_answer: Callable[[dict[str, Any]], Response] | None = None
        self.failures: list[Response] = []  # answered first, one per request, before the real answers
        self.requests: list[Request] = []
        server.expect_request("/en/api").respond_with_handler(self._reconcile)
        server.expect_request("/w/api.php").respond_with_handler(self._api)

    @property
    def endpoint(self) -> str:
        return self.server.url_for("/en/api")

    @property
    def api(self) -> str:
        return self.server.url_for("/w/api.php")

    def _reconcile(self, request: Request) -> Response:
        self.requests.append(request)
        if self.failures:
            return self.failures.pop(0)
        queries = json.loads(request.form["queries"])
        if self.reconcile_answer is not None:
            return self.reconcile_answer(queries)
        return Response(json.dumps({key: RECONCILED for key in queries}), content_type="application/json")

    def _api(self, request: Request) -> Response:
        self.requests.append(request)
        if self.failures:
            return self.failures.pop(0)
        if request.args["action"] == "wbsearchentities":
            return Response(json.dumps(SEARCH), content_type="application/json")
        entities = {}
        for qid in request.args["ids"].split("|"):
            entities[qid] = self.items.get(qid, {"id": qid, "missing": ""})
        return Response(json.dumps({"entities": entities, "success": 1}), content_type="application/json")


@pytest.fixture
def wikidata(httpserver: HTTPServer) -> FakeWikidata:
    return FakeWikidata(httpserver)


@pytest.fixture
def unlinked(data_copy: Path) -> Path:
    """The seed data with the Raqqa Governorate link removed: an entity to reconcile."""
    decisions = [d for d in model.load(data_copy) if d.entity != ENT["raqqa-governorate"]]
    model.write(data_copy, decisions)
    return data_copy


def _link(data: Path, wikidata: FakeWikidata, cache: Path, *args: str) -> Any:
    return run_cli("link", *args, "--data", str(data), "--endpoint", wikidata.endpoint, "--api", wikidata.api,
                   "--cache", str(cache), "--interval", "0", "--date", "2026-11-25")  # fmt: skip


# --- decisions as data ----------------------------------------------------------------------------


def test_decisions_round_trip_and_render_the_same_bytes(tmp_path: Path) -> None:
    decisions = model.load(DATA)
    assert len(decisions) == 27 and all(d.status == COI.LinkConfirmed for d in decisions)
    model.write(tmp_path, decisions)
    assert (tmp_path / model.LINKS_FILE).read_bytes() == (DATA / model.LINKS_FILE).read_bytes()
    assert model.load(tmp_path) == decisions


def test_the_build_links_confirmed_entities_both_ways_and_never_with_same_as(seed_build: Any) -> None:
    store = open_store(seed_build.out_dir)
    rows = select(store, "SELECT ?qid ?item WHERE { ent:syria coi:wikidata ?qid ; coi:wikidataEntity ?item }")
    assert [(r["qid"].text, r["item"].text) for r in rows if r["qid"] and r["item"]] == [
        ("Q858", "http://www.wikidata.org/entity/Q858")
    ]
    same_as = select(store, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?a owl:sameAs ?b } }")
    assert same_as[0]["n"] and same_as[0]["n"].text == "0"


def test_status_lists_linked_candidate_open_and_unnamed_entities() -> None:
    result = run_cli("link", "--status", "--data", str(DATA))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert any(
        line.startswith("linked") and "ent:syria" in line and "Q858 (verified by hand)" in line for line in lines
    )
    assert any(line.startswith("open") and "ent:sdf" in line for line in lines)
    assert any(line.startswith("unnamed") and "ent:foreign-media" in line for line in lines)
    assert lines[-1] == "582 entities: 27 linked, 0 candidate, 550 open, 5 unnamed"


def test_confirm_by_hand_needs_evidence_and_a_reviewer_and_is_validated(unlinked: Path) -> None:
    result = run_cli("link", "--data", str(unlinked), "--confirm", f"ent:raqqa-governorate={RAQQA_GOVERNORATE}")
    assert result.exit_code == 2 and "--reviewer" in result.output
    result = run_cli("link", "--data", str(unlinked), "--confirm", f"ent:raqqa-governorate={RAQQA_GOVERNORATE}",
                     "--reviewer", "A. Analyst")  # fmt: skip
    assert result.exit_code == 2 and "--evidence" in result.output
    result = run_cli("link", "--data", str(unlinked), "--confirm", "ent:raqqa-governorate=858", "--reviewer", "A")
    assert result.exit_code == 2 and "not a Wikidata QID" in result.output
    # two confirmed QIDs for one entity do not validate, and nothing is written
    before = (unlinked / model.LINKS_FILE).read_bytes()
    result = run_cli("link", "--data", str(unlinked), "--confirm", "ent:syria=Q1", "--evidence", "x",
                     "--reviewer", "A. Analyst")  # fmt: skip
    assert result.exit_code == 1 and "another confirmed Wikidata link" in result.stderr
    assert (unlinked / model.LINKS_FILE).read_bytes() == before
    result = run_cli("link", "--data", str(unlinked), "--confirm", f"ent:raqqa-governorate={RAQQA_GOVERNORATE}",
                     "--evidence", "item page; Wikipedia article", "--reviewer", "A. Analyst",
                     "--date", "2026-11-25")  # fmt: skip
    assert result.exit_code == 0, result.output
    decision = next(d for d in model.load(unlinked) if d.entity == ENT["raqqa-governorate"])
    assert (decision.qid, decision.status, decision.method, decision.decided_by, decision.day) == (
        RAQQA_GOVERNORATE,
        COI.LinkConfirmed,
        COI.VerifiedByHand,
        "A. Analyst",
        date(2026, 11, 25),
    )


# --- reconciliation -------------------------------------------------------------------------------


def test_ambiguity_the_governorate_beats_the_city_of_the_same_name(unlinked: Path, wikidata: FakeWikidata,
                                                                   tmp_path: Path) -> None:  # fmt: skip
    result = _link(unlinked, wikidata, tmp_path / "cache", "ent:raqqa-governorate", "--allow-network")
    assert result.exit_code == 0, result.output
    ranked = [line.split("\t") for line in result.stdout.splitlines()]
    assert [r[1] for r in ranked] == [RAQQA_GOVERNORATE, RAQQA_CITY]
    assert float(ranked[0][2]) == 1.0 and float(ranked[1][2]) < 0.8
    candidates = {d.qid: d for d in model.load(unlinked) if d.entity == ENT["raqqa-governorate"]}
    assert all(d.status == COI.LinkCandidate and d.method == COI.Reconciled for d in candidates.values())
    city = " ".join(candidates[RAQQA_CITY].evidence)
    assert "type: instance of city (Q515), expected " in city and "governorate of Syria (Q517351)" in city
    assert "context: in Q858, as the registry says" in " ".join(candidates[RAQQA_GOVERNORATE].evidence)
    # the query sent the expected type and the country, per the W3C Reconciliation API
    sent = json.loads(wikidata.requests[0].form["queries"])["q0"]
    assert sent["type"] == "Q517351" and sent["properties"] == [{"pid": "P17", "v": SYRIA}]
    assert wikidata.requests[0].headers["User-Agent"].startswith("coi-graph/")
    # nothing is linked until reviewed
    assert all(d.status != COI.LinkConfirmed for d in candidates.values())


def test_review_confirms_one_and_rejects_the_others_which_stay_rejected(unlinked: Path, wikidata: FakeWikidata,
                                                                        tmp_path: Path) -> None:  # fmt: skip
    cache = tmp_path / "cache"
    assert _link(unlinked, wikidata, cache, "ent:raqqa-governorate", "--allow-network").exit_code == 0
    from click.testing import CliRunner

    from coi_graph.cli import main

    result = CliRunner().invoke(main, ["link", "--review", "--reviewer", "A. Analyst", "--data", str(unlinked),
                                       "--date", "2026-11-25"], input="c\n")  # fmt: skip
    assert result.exit_code == 0, result.output
    decisions = {d.qid: d for d in model.load(unlinked) if d.entity == ENT["raqqa-governorate"]}
    assert decisions[RAQQA_GOVERNORATE].status == COI.LinkConfirmed
    assert decisions[RAQQA_CITY].status == COI.LinkRejected
    assert decisions[RAQQA_GOVERNORATE].decided_by == "A. Analyst"
    # a later run proposes the rejected city no more, offline, from the cache
    requests = len(wikidata.requests)
    result = _link(unlinked, wikidata, cache, "ent:raqqa-governorate")
    assert result.exit_code == 0, result.output
    assert RAQQA_CITY not in result.stdout and len(wikidata.requests) == requests  # all from the cache
    assert {d.qid: d.status for d in model.load(unlinked) if d.entity == ENT["raqqa-governorate"]}[RAQQA_CITY] == (
        COI.LinkRejected
    )


def test_automatic_acceptance_only_when_asked_and_clear(unlinked: Path, wikidata: FakeWikidata, tmp_path: Path) -> None:
    result = _link(
        unlinked, wikidata, tmp_path / "c", "ent:raqqa-governorate", "--allow-network", "--accept-above", "0.95"
    )
    assert result.exit_code == 0, result.output
    decision = {d.qid: d for d in model.load(unlinked) if d.entity == ENT["raqqa-governorate"]}
    assert decision[RAQQA_GOVERNORATE].status == COI.LinkConfirmed
    assert decision[RAQQA_CITY].status == COI.LinkCandidate


def test_a_malformed_reconciliation_answer_falls_back_to_the_wikidata_api(unlinked: Path, wikidata: FakeWikidata,
                                                                          tmp_path: Path) -> None:  # fmt: skip
    wikidata.reconcile_answer = lambda queries: Response(
        json.dumps({"q0": {"oops": []}}), content_type="application/json"
    )
    result = _link(unlinked, wikidata, tmp_path / "c", "ent:raqqa-governorate", "--allow-network")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].split("\t")[1] == RAQQA_GOVERNORATE
    assert any(r.args.get("action") == "wbsearchentities" for r in wikidata.requests)


def test_a_malformed_api_answer_is_a_clear_error_and_changes_nothing(unlinked: Path, wikidata: FakeWikidata,
                                                                     tmp_path: Path) -> None:  # fmt: skip
    wikidata.reconcile_answer = lambda queries: Response("<html>maintenance</html>", content_type="text/html")
    wikidata.server.clear()
    wikidata.server.expect_request("/en/api").respond_with_handler(wikidata._reconcile)
    wikidata.server.expect_request("/w/api.php").respond_with_json({"search": "not a list"})
    before = (unlinked / model.LINKS_FILE).read_bytes()
    result = _link(unlinked, wikidata, tmp_path / "c", "ent:raqqa-governorate", "--allow-network")
    assert result.exit_code == 2
    assert "malformed wbsearchentities response" in result.stderr and "Traceback" not in result.output
    assert (unlinked / model.LINKS_FILE).read_bytes() == before


def test_offline_without_cache_fails_clearly_and_changes_nothing(unlinked: Path, tmp_path: Path) -> None:
    before = (unlinked / model.LINKS_FILE).read_bytes()
    result = run_cli("link", "ent:raqqa-governorate", "--data", str(unlinked), "--cache", str(tmp_path / "empty"))
    assert result.exit_code == 2
    assert "is not in the cache and the network is not allowed" in result.stderr
    assert "--allow-network" in result.stderr
    assert (unlinked / model.LINKS_FILE).read_bytes() == before


# --- the HTTP client ------------------------------------------------------------------------------


def _client(tmp_path: Path, **kwargs: Any) -> tuple[Client, list[float]]:
    waits: list[float] = []
    client = Client(cache_dir=tmp_path / "cache", allow_network=True, min_interval=0, sleep=waits.append, **kwargs)
    return client, waits


def test_429_and_500_are_retried_with_backoff_and_retry_after(wikidata: FakeWikidata, tmp_path: Path) -> None:
    wikidata.failures = [
        Response("slow down", status=429, headers={"Retry-After": "3"}),
        Response("oops", status=500),
    ]
    client, waits = _client(tmp_path, backoff=0.5)
    data = client.get_json(wikidata.api, {"action": "wbgetentities", "ids": SYRIA})
    assert data["entities"][SYRIA]["id"] == SYRIA
    assert waits == [3.0, 1.0]  # Retry-After honoured, then the doubled backoff
    assert client.requests_made == 3


def test_errors_that_persist_give_up_with_the_reason(wikidata: FakeWikidata, tmp_path: Path) -> None:
    wikidata.failures = [Response("oops", status=503)] * 3
    client, waits = _client(tmp_path, retries=2, backoff=1.0)
    with pytest.raises(HttpError, match="failed after 3 attempts: HTTP 503"):
        client.get_json(wikidata.api, {"action": "wbgetentities", "ids": SYRIA})
    assert waits == [1.0, 2.0]
    wikidata.failures = [Response("no", status=404)]
    with pytest.raises(HttpError, match="HTTP 404"):  # not retried
        client.get_json(wikidata.api, {"action": "wbgetentities", "ids": "Q2"})


def test_a_timeout_is_retried_then_reported(httpserver: HTTPServer, tmp_path: Path) -> None:
    def slow(request: Request) -> Response:
        time.sleep(0.6)
        return Response("{}", content_type="application/json")

    httpserver.expect_request("/slow").respond_with_handler(slow)
    client, waits = _client(tmp_path, timeout=0.2, retries=1, backoff=0.1)
    with pytest.raises(HttpError, match=r"no answer within 0.2 s"):
        client.get_json(httpserver.url_for("/slow"))
    assert waits == [0.1] and client.requests_made == 2


def test_the_cache_answers_offline_and_rate_limiting_spaces_requests(wikidata: FakeWikidata, tmp_path: Path) -> None:
    ticks = iter([0.0, 0.2, 1.0, 5.0])
    waits: list[float] = []
    client = Client(cache_dir=tmp_path / "cache", allow_network=True, min_interval=1.0, sleep=waits.append,
                    clock=lambda: next(ticks))  # fmt: skip
    client.get_json(wikidata.api, {"action": "wbgetentities", "ids": SYRIA})
    client.get_json(wikidata.api, {"action": "wbgetentities", "ids": RAQQA_CITY})
    assert waits == [pytest.approx(0.8)]  # the second request waited for its turn
    offline = Client(cache_dir=tmp_path / "cache", allow_network=False)
    assert offline.get_json(wikidata.api, {"action": "wbgetentities", "ids": SYRIA})["entities"][SYRIA]["id"] == SYRIA
    with pytest.raises(OfflineError):
        offline.get_json(wikidata.api, {"action": "wbgetentities", "ids": "Q1"})


def test_the_network_is_blocked_in_tests() -> None:
    with pytest.raises(OSError, match="network access blocked"):
        socket.create_connection(("203.0.113.1", 80), timeout=0.5)


# --- enrichment -----------------------------------------------------------------------------------


def test_enrich_writes_the_cache_the_build_and_the_gazetteer_read(data_copy: Path, wikidata: FakeWikidata,
                                                                  tmp_path: Path) -> None:  # fmt: skip
    result = run_cli("enrich", "--data", str(data_copy), "--api", wikidata.api, "--cache", str(tmp_path / "c"),
                     "--interval", "0", "--allow-network", "--date", "2026-11-25")  # fmt: skip
    # most linked QIDs are unknown to the fake server: reported as missing, exit 1
    assert result.exit_code == 1
    assert "warning: https://w3id.org/coi-graph/id/entity/usa: Q30 does not exist on Wikidata" in result.stderr
    cache = json.loads((data_copy / "enrichment" / "wikidata.json").read_text(encoding="utf-8"))
    assert cache["version"] == 1
    raqqa = cache["entities"][str(ENT["raqqa-governorate"])]
    assert raqqa["qid"] == RAQQA_GOVERNORATE and raqqa["retrieved"] == "2026-11-25"
    assert raqqa["labels"]["ar"] == {"value": "محافظة الرقة", "retrieved": "2026-11-25"}
    assert raqqa["instance_of"] == [{"value": "Q517351", "retrieved": "2026-11-25"}]
    assert raqqa["coordinates"][0]["value"]["latitude"] == 35.95
    # the build reads it offline, into its own graph
    built = build(data_copy, tmp_path / "build")
    store = open_store(built.out_dir)
    rows = select(
        store, f"SELECT ?l WHERE {{ GRAPH <{Graphs.WIKIDATA}> {{ ent:raqqa-governorate skos:altLabel ?l }} }}"
    )
    assert "محافظة الرقة" in {r["l"].text for r in rows if r["l"]}
    rows = select(store, f"SELECT ?l WHERE {{ GRAPH <{Graphs.WIKIDATA}> {{ ent:syria skos:altLabel ?l }} }}")
    assert "سوريا" in {r["l"].text for r in rows if r["l"]}
    # and the gazetteer finds the Arabic names
    found = find("اشتباكات في محافظة الرقة", gazetteer.load(data_copy), candidates=False)
    assert [(m.text, m.entity) for m in found] == [("محافظة الرقة", str(ENT["raqqa-governorate"]))]


def test_a_redirected_qid_is_reported(data_copy: Path, wikidata: FakeWikidata, tmp_path: Path) -> None:
    target = dict(ITEMS[SYRIA], id="Q999858")
    wikidata.items[SYRIA] = dict(target, redirects={"from": SYRIA, "to": "Q999858"})
    result = run_cli("enrich", "--data", str(data_copy), "--api", wikidata.api, "--cache", str(tmp_path / "c"),
                     "--interval", "0", "--allow-network")  # fmt: skip
    assert result.exit_code == 1
    assert "ent" in result.stderr and "Q858 now redirects to Q999858" in result.stderr
    cache = json.loads((data_copy / "enrichment" / "wikidata.json").read_text(encoding="utf-8"))
    assert cache["entities"][str(ENT["syria"])]["redirected_to"] == "Q999858"


def test_the_seed_qids_are_well_formed() -> None:
    for decision in model.load(DATA):
        assert model.QID.match(decision.qid)
        assert decision.item == URIRef(f"http://www.wikidata.org/entity/{decision.qid}")


def test_registry_without_links_has_no_qid(tmp_path: Path) -> None:
    graph = Graph()
    graph.add((ENT["x"], COI.wikidata, Literal("Q1")))
    assert model.confirmed(model.read(graph)) == {}


# --- QuickStatements ------------------------------------------------------------------------------

QS_SECTION = """Please cite as: EUAA, '[2.1. Places](#)' in *COI Report - Testland: Places*, June 2025.

2.1. Places

Raqqa Governorate lies in Syria.[12](#) Aleppo Governorate lies in Syria.[13](#)

- [12](#)

SOHR, Raqqa, 3 May 2025, [url](https://www.syriahr.com/en/1/)

- [13](#)

SOHR, Aleppo, 4 May 2025, [url](https://www.syriahr.com/en/2/)
"""
QS_CLAIMS = """@prefix coi: <https://w3id.org/coi-graph/ontology#> .
@prefix ent: <https://w3id.org/coi-graph/id/entity/> .
@prefix d:   <https://w3id.org/coi-graph/id/doc/euaa-2025-06-places/> .
@prefix c:   <https://w3id.org/coi-graph/id/claim/euaa-2025-06-places/> .
c:01 { ent:raqqa-governorate coi:locatedIn ent:syria . }
c:01 a coi:Claim ; coi:quote "Raqqa Governorate lies in Syria." ; coi:passage d:s2.1-p1 ; coi:footnote d:fn12 ;
    coi:modality coi:Stated .
c:02 { ent:aleppo-governorate coi:locatedIn ent:syria . }
c:02 a coi:Claim ; coi:quote "Aleppo Governorate lies in Syria." ; coi:passage d:s2.1-p1 ; coi:footnote d:fn13 ;
    coi:modality coi:Stated .
"""


def test_quickstatements_write_what_wikidata_lacks_with_references(data_copy: Path, tmp_path: Path) -> None:
    (data_copy / "documents" / "places.txt").write_text(QS_SECTION, encoding="utf-8")
    (data_copy / "documents" / "places.ttl").write_text(
        "@prefix coi: <https://w3id.org/coi-graph/ontology#> .\n@prefix doc: <https://w3id.org/coi-graph/id/doc/> .\n"
        'doc:euaa-2025-06-places a coi:Report ; coi:sourceFile "places.txt" ; coi:sourceFormat "euaa-report" .\n',
        encoding="utf-8",
    )
    (data_copy / "claims" / "places.trig").write_text(QS_CLAIMS, encoding="utf-8")
    (data_copy / "enrichment").mkdir()
    (data_copy / "enrichment" / "wikidata.json").write_text(json.dumps({
        "format": "coi-graph Wikidata enrichment", "version": 1, "entities": {
            str(ENT["raqqa-governorate"]): {"qid": RAQQA_GOVERNORATE, "retrieved": "2026-11-25", "labels": {},
                                            "located_in": [{"value": "Q999", "retrieved": "2026-11-25"}]},
        }}), encoding="utf-8")  # fmt: skip
    build(data_copy, tmp_path / "build")
    result = run_cli("export", "quickstatements", "--build", str(tmp_path / "build"), "--data", str(data_copy),
                     "--retrieved", "2026-11-25")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f'{RAQQA_GOVERNORATE}\tP131\t{SYRIA}\tS854\t"https://www.syriahr.com/en/1/"\tS813\t+2026-11-25T00:00:00Z/11'
    ]
    # Aleppo is linked but not enriched: what Wikidata has is unknown, so nothing is proposed
    assert "Q214064 P131 Q858: Q214064 is not in the enrichment cache" in result.stderr


def test_a_lagging_wikidata_maxlag_answer_is_waited_out(wikidata: FakeWikidata, tmp_path: Path) -> None:
    """The documented maxlag error comes with HTTP 200 and Retry-After; the client waits and retries."""
    lag = {"error": {"code": "maxlag", "info": "Waiting for db1: 7 seconds lagged", "host": "db1", "lag": 7}}
    wikidata.failures = [Response(json.dumps(lag), content_type="application/json", headers={"Retry-After": "5"})]
    client, waits = _client(tmp_path, backoff=1.0)
    data = client.get_json(wikidata.api, {"action": "wbgetentities", "ids": SYRIA, "maxlag": "5"})
    assert data["entities"][SYRIA]["id"] == SYRIA and waits == [5.0]
