"""SPARQL safety: parameters cannot change any saved query's structure, SERVICE and LOAD are
refused on every path unless the network is allowed (checked against what Oxigraph really
sends), and queries stop at a time limit and a row limit."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coi_graph.compile.pipeline import BuildResult
from coi_graph.query.library import QueryError, load_library
from coi_graph.query.limits import Limits
from coi_graph.query.network import code_of, network_keyword
from coi_graph.query.runner import execute
from coi_graph.remote import RemoteStore
from coi_graph.resources import queries_dir
from coi_graph.serve_policy import refusal, sparql_texts
from coi_graph.store import open_store
from tests.conftest import run_cli

LIBRARY = load_library(queries_dir())
SLOTS = [(q.name, p.name) for q in LIBRARY.values() for p in q.params]

# --- parameters cannot change any query's structure ----------------------------------------------

HOSTILE = [
    "ent:x> } ; DROP ALL ; SELECT * { <a",
    '"} UNION { ?s ?p ?o } #',
    "'} UNION { ?s ?p ?o } #",
    '""" } SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } #',
    "ent:sdf }",
    "<https://x/a b>",
    "https://x/a>{?s ?p ?o}<https://x/b",
    "2025-01-01'",
    "2025-01-01\n} LOAD <http://127.0.0.1:9/>",
    "1 } UNION { ?s ?p ?o",
    "Q1\\u0022",
    "\r# SERVICE",
    "\x00",
]


def _example_binding(query: str, param: str) -> dict[str, str]:
    declared = {p.name: p for p in LIBRARY[query].params}
    given = {p.name: p.example for p in declared.values() if p.required and p.example is not None}
    example = declared[param].example or declared[param].default
    assert example is not None, f"{query}: parameter {param} has no example"
    return given | {param: example}


def _assert_same_structure(query: str, param: str, value: str) -> None:
    """Bound with ``value``, the query is either refused or differs from the example only in a term."""
    binding = _example_binding(query, param)
    try:
        bound = LIBRARY[query].bind(binding | {param: value})
    except QueryError as exc:
        assert f"query {query!r}, parameter {param!r}" in exc.message or "longer than" in exc.message, exc.message
        return
    # strings, IRIs and comments blanked, the code is the example's code: the value stayed a term
    assert code_of(bound) == code_of(LIBRARY[query].bind(binding)), (query, param, value)
    if not LIBRARY[query].needs_network:
        execute(ox.Store(), bound, name=query)  # it parses, and runs on an empty store


@pytest.mark.parametrize(("query", "param"), SLOTS, ids=[f"{q}-{p}" for q, p in SLOTS])
@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_values_never_change_a_saved_query(query: str, param: str, value: str) -> None:
    _assert_same_structure(query, param, value)


def _crafted() -> st.SearchStrategy[str]:
    pieces = st.sampled_from(["}", "{", "<", ">", '"', "'", '"""', "#", "\n", "\r", "\\", "SERVICE", "LOAD",
                              " ", "ent:sdf", "https://x/", "2025-01-01", "1", "Q5", "^^", "@en", ";", "."])  # fmt: skip
    return st.lists(st.one_of(pieces, st.text(max_size=5)), max_size=12).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(slot=st.sampled_from(SLOTS), value=st.one_of(st.text(max_size=40), _crafted()))
def test_no_value_changes_any_saved_query(slot: tuple[str, str], value: str) -> None:
    _assert_same_structure(*slot, value)


def test_every_saved_query_parameter_is_covered() -> None:
    assert len(SLOTS) >= 25 and {q for q, _ in SLOTS} == {q.name for q in LIBRARY.values() if q.params}


# --- SERVICE and LOAD ----------------------------------------------------------------------------


class _Recorder(BaseHTTPRequestHandler):
    paths: list[str]

    def do_POST(self) -> None:
        self.paths.append(self.path)
        self.send_response(500)
        self.end_headers()

    do_GET = do_POST

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def listener() -> Iterator[tuple[str, list[str]]]:
    """A loopback HTTP server that records every request a query makes to it."""
    paths: list[str] = []
    handler = type("Recorder", (_Recorder,), {"paths": paths})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", paths
    finally:
        server.shutdown()
        server.server_close()


EVASIONS = [
    "SELECT * WHERE {{ SERVICE <{url}/plain> {{ ?s ?p ?o }} }}",
    "select * where {{ service <{url}/lower> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ SeRvIcE\t<{url}/tab> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ SERVICE SILENT <{url}/silent> {{ ?s ?p ?o }} }}",
    "PREFIX e: <{url}/>\nSELECT * WHERE {{ SERVICE e:prefixed {{ ?s ?p ?o }} }}",
    # a comment ends at a carriage return: the old check read on to the line feed (bug, fixed)
    "SELECT * WHERE {{ # a comment\rSERVICE <{url}/cr> {{ ?s ?p ?o }} }}",
    'SELECT * WHERE {{ BIND("""a "quoted" \\"""" AS ?x) SERVICE <{url}/after-long-string> {{ ?s ?p ?o }} }}',
    "SELECT * WHERE {{ BIND('it\\'s' AS ?x) BIND('#' AS ?y) SERVICE <{url}/after-strings> {{ ?s ?p ?o }} }}",
    "SELECT*{{VALUES?x{{1}}FILTER(?x<2)SERVICE<{url}/no-spaces>{{?s?p?o}}FILTER(?x>0)}}",
    "SELECT * WHERE {{ {{ SELECT * WHERE {{ SERVICE <{url}/nested> {{ ?s ?p ?o }} }} }} }}",
    "SELECT * WHERE {{ SERVICE <{url}/\\u0065scaped> {{ ?s ?p ?o }} }}",
    # found in review: Oxigraph reads a keyword glued to the tokens around it, and an escape in a prefixed
    # name ('\\#', "\\'") opened a comment or a string for the old check (bugs, fixed)
    "SELECT * WHERE {{ SERVICESILENT<{url}/glued-silent>{{ ?s ?p ?o }} }}",
    "PREFIX r: <{url}/glued-prefix> SELECT * WHERE {{ SERVICEr: {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ ?a ?b 1SERVICE <{url}/after-a-number> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ ?a ?b trueSERVICE <{url}/after-a-boolean> {{ ?s ?p ?o }} }}",
    "PREFIX ex: <http://e/> SELECT * WHERE {{ OPTIONAL {{ ?s ex:a\\# ?o }} SERVICE <{url}/escaped-hash> {{ ?s ?p ?o }} }}",
    "PREFIX ex: <http://e/> SELECT * WHERE {{ OPTIONAL {{ ?s ex:a\\' ?o }} SERVICE <{url}/escaped-quote> {{ ?s ?p ?o }} "
    "FILTER(!BOUND(?o) || ?o != 'z') }}",
]


def _one_triple_store() -> ox.Store:
    """A store whose one triple matches '?a ?b 1' and '?a ?b true', so that a pattern before a glued SERVICE
    has a row and Oxigraph goes on to call the host."""
    store = ox.Store()
    for value in (ox.Literal(1), ox.Literal(True)):
        store.add(ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/b"), value))
    return store


@pytest.mark.parametrize("template", EVASIONS, ids=range(len(EVASIONS)))
def test_oxigraph_really_calls_each_service_and_the_check_sees_it(
    template: str, listener: tuple[str, list[str]]
) -> None:
    url, paths = listener
    text = template.format(url=url)
    assert network_keyword(text) == "SERVICE"
    with pytest.raises(QueryError, match="uses SERVICE, which reaches another host; refused"):
        execute(_one_triple_store(), text)
    assert paths == []
    # the same text with the network allowed does reach the host: the refusal is what stopped it
    with contextlib.suppress(QueryError):  # the recorder answers 500; SILENT makes that an empty result
        execute(_one_triple_store(), text, allow_network=True)
    assert len(paths) == 1


def test_keywords_inside_strings_iris_and_comments_do_not_count() -> None:
    for text in [
        'SELECT * WHERE { ?s rdfs:label "SERVICE <http://x/> { }" }',
        "SELECT * WHERE { ?s rdfs:label 'LOAD <http://x/>' }",
        'SELECT * WHERE { ?s rdfs:label """SERVICE\nLOAD""" }',
        "SELECT * WHERE { ?s rdfs:label '''SERVICE''' }",
        "SELECT * WHERE { ?s <http://x/SERVICE> ?o }",
        "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://x/> { }",
    ]:
        assert network_keyword(text) is None, text
    assert network_keyword("LOAD <http://x/> INTO GRAPH <g>") == "LOAD"
    assert network_keyword("LOADSILENT<http://x/>") == "LOAD"
    assert network_keyword("SELECT ?serviceDate ?loaded WHERE { ?serviceDate ?p $loaded }") is None
    # a prefixed name holding the letters is refused too (write the IRI in full)
    assert network_keyword("SELECT * WHERE { ?s ex:download ?o }") == "LOAD"


_PIECES = ["SERVICE <{url}/f> { ?s ?p ?o }", "?s ?p ?o .", '"', "'", '"""', "#", "\n", "\r", "<", ">", "{", "}",
           "<http://x/a>", "FILTER(1<2)", "FILTER(2>1)", "'a'", '"b"', "\\", " ", "#c\n",
           "SERVICESILENT<{url}/g>{?s ?p ?o}", "1", "true", "SILENT", "e:a\\#", "e:a\\'", "?x", "$y"]  # fmt: skip


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=st.lists(st.sampled_from(_PIECES), min_size=1, max_size=8))
def test_no_query_reaches_a_host_unseen(parts: list[str], listener: tuple[str, list[str]]) -> None:
    """Random mixes of strings, comments, IRIs and SERVICE: whatever Oxigraph would send, the check sees."""
    url, paths = listener
    text = "PREFIX e: <http://e/> SELECT * WHERE { " + "".join(parts).replace("{url}", url) + " }"
    before = len(paths)
    with contextlib.suppress(QueryError):
        execute(ox.Store(), text, allow_network=True)
    if len(paths) > before:
        assert network_keyword(text) == "SERVICE", text


def test_remote_store_queries_are_refused_before_any_request(listener: tuple[str, list[str]]) -> None:
    url, paths = listener
    remote = RemoteStore(url + "/query", retries=1)
    with pytest.raises(QueryError, match="uses SERVICE"):
        execute(remote, f"SELECT * WHERE {{ SERVICE <{url}/x> {{ ?s ?p ?o }} }}")
    assert paths == []


@pytest.mark.parametrize("how", ["expression", "file", "saved"])
def test_every_command_path_refuses_service(
    how: str, seed_build: BuildResult, tmp_path: Path, listener: tuple[str, list[str]]
) -> None:
    url, paths = listener
    text = f"SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}"
    if how == "expression":
        args = ["query", "-e", text]
    elif how == "file":
        (tmp_path / "q.rq").write_text(text, encoding="utf-8")
        args = ["query", "--file", str(tmp_path / "q.rq")]
    else:
        args = ["query", "run", "wikidata-labels"]
    result = run_cli(*args, "--build", str(seed_build.out_dir))
    assert result.exit_code == 2 and "--allow-network" in result.stderr and "Traceback" not in result.stderr
    assert paths == []


def test_the_server_guard_finds_queries_in_every_place_a_request_carries_them() -> None:
    service = "SELECT * WHERE { SERVICE <http://h/> { ?s ?p ?o } }"
    load = "LOAD <http://h/data.ttl>"
    from urllib.parse import quote

    assert list(sparql_texts("/query?query=" + quote(service), None, b"")) == [service]
    assert list(sparql_texts("/query", "application/x-www-form-urlencoded", b"query=" + quote(service).encode())) == [
        service
    ]
    assert list(sparql_texts("/update", "application/sparql-update; charset=utf-8", load.encode())) == [load]
    assert list(sparql_texts("/query", "APPLICATION/SPARQL-QUERY", service.encode())) == [service]
    # a second query field cannot slip past the first
    both = "/query?query=" + quote("ASK {}") + "&query=" + quote(service)
    assert refusal(both, None, b"") is not None
    assert refusal("/update", "application/x-www-form-urlencoded", b"update=" + quote(load).encode()) is not None
    assert refusal("/query?query=" + quote("ASK { ?s ?p 'SERVICE' }"), None, b"") is None
    assert refusal("/store?graph=x", "text/turtle", b'<a> <b> "SERVICE <c> {}" .') is None


# --- time and row limits -------------------------------------------------------------------------


def test_a_query_stops_at_the_row_limit(seed_build: BuildResult) -> None:
    store = open_store(seed_build.out_dir)
    text = "SELECT ?c WHERE { ?c a coi:Claim }"
    count = len(execute(store, text).rows)
    assert count > 10
    assert len(execute(store, text, limits=Limits(timeout=None, max_rows=count)).rows) == count
    with pytest.raises(QueryError, match=f"returns more than {count - 1:,} rows"):
        execute(store, text, limits=Limits(timeout=None, max_rows=count - 1))
    with pytest.raises(QueryError, match="more than 1 rows"):
        execute(store, "CONSTRUCT WHERE { ?c a coi:Claim }", limits=Limits(timeout=None, max_rows=1))


def test_the_query_command_applies_its_limits(seed_build: BuildResult) -> None:
    build = str(seed_build.out_dir)
    over = run_cli("query", "-e", "SELECT * WHERE { ?s ?p ?o }", "--max-rows", "5", "--build", build)
    assert over.exit_code == 2 and "more than 5 rows" in over.stderr and "--max-rows" in over.stderr
    unlimited = run_cli("query", "-e", "SELECT * WHERE { ?s ?p ?o }", "--max-rows", "0", "--format", "csv",
                        "--build", build)  # fmt: skip
    assert unlimited.exit_code == 0 and len(unlimited.stdout.splitlines()) > 1000
    saved = run_cli("query", "run", "relations", "--max-rows", "1", "--build", build)
    assert saved.exit_code == 2 and "relations: the query returns more than 1 rows" in saved.stderr
    slow = run_cli("query", "-e", "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", "--max-rows", "0",
                   "--timeout", "0.5", "--build", build)  # fmt: skip
    assert slow.exit_code == 2 and "ran longer than 0.5 s; stopped" in slow.stderr and "--timeout" in slow.stderr
    assert "Traceback" not in over.stderr + saved.stderr + slow.stderr


def test_a_stopped_query_stops_reading_rows(seed_build: BuildResult) -> None:
    """After the time limit, the worker thread ends at its next row instead of running on."""
    before = {t.name for t in threading.enumerate()}
    with pytest.raises(QueryError, match="ran longer than"):
        execute(open_store(seed_build.out_dir), "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
                name="cross", limits=Limits(timeout=0.2, max_rows=None))  # fmt: skip
    for thread in threading.enumerate():
        if thread.name == "query cross" and thread.name not in before:
            thread.join(10)
            assert not thread.is_alive()


def test_limits_show_in_help() -> None:
    text = run_cli("query", "run", "--help").stdout
    assert "--timeout" in text and "--max-rows" in text and "default: 300" in text
