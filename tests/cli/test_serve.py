"""`coi-graph serve`, `push` and `--store sparql:URL`, against real Oxigraph servers on loopback, and the
query UI in headless Chromium (Debian's chromium and chromium-driver; .ci/run installs them)."""

from __future__ import annotations

import contextlib
import gzip
import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from coi_graph.compile.pipeline import BuildResult
from coi_graph.oxigraph_server import oxigraph_binary
from coi_graph.remote import GraphStore
from tests.conftest import Browser, run_cli


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait(url: str, process: subprocess.Popen[bytes], seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the server exited: {process.stderr.read().decode() if process.stderr else ''}")
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.1)
    raise AssertionError(f"{url} did not answer within {seconds} s")


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture(scope="module")
def served(seed_build: BuildResult) -> Iterator[str]:
    """`coi-graph serve` on the seed build (read-only, loopback)."""
    port = _free_port()
    command = [str(Path(sys.executable).with_name("coi-graph")), "serve", "--build", str(seed_build.out_dir),
               "--bind", f"127.0.0.1:{port}", "--timeout", "10"]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(base + "/", process)
        yield base
    finally:
        _stop(process)


@pytest.fixture
def writable(tmp_path: Path) -> Iterator[str]:
    """An empty read-write Oxigraph server, as a stand-in for any SPARQL 1.1 store."""
    port = _free_port()
    process = subprocess.Popen([oxigraph_binary(), "serve", "--location", str(tmp_path / "remote"),
                                "--bind", f"127.0.0.1:{port}"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(base + "/", process)
        yield base
    finally:
        _stop(process)


def _post(url: str, body: str, content_type: str, accept: str) -> tuple[int, bytes]:
    request = urllib.request.Request(url, data=body.encode("utf-8"), method="POST",
                                     headers={"Content-Type": content_type, "Accept": accept})  # fmt: skip
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


# --- serve ----------------------------------------------------------------------------------------


def test_serve_answers_select_with_the_default_view(served: str) -> None:
    query = "PREFIX coi: <https://w3id.org/coi-graph/ontology#> SELECT ?o WHERE { ?s coi:supports ?o } ORDER BY ?o"
    status, body = _post(served + "/query", query, "application/sparql-query", "application/sparql-results+json")
    assert status == 200
    rows = json.loads(body)["results"]["bindings"]
    assert {"type": "uri", "value": "https://w3id.org/coi-graph/id/entity/sdf"} in [r["o"] for r in rows]


def test_serve_answers_construct(served: str) -> None:
    query = ("PREFIX coi: <https://w3id.org/coi-graph/ontology#> "
             "CONSTRUCT { ?s coi:wikidata ?q } WHERE { ?s coi:wikidata ?q }")  # fmt: skip
    status, body = _post(served + "/query", query, "application/sparql-query", "application/n-triples")
    assert status == 200
    lines = body.decode("utf-8").splitlines()
    assert len(lines) == 27 and "<https://w3id.org/coi-graph/id/entity/syria> " in body.decode()


def test_serve_refuses_updates(served: str) -> None:
    status, body = _post(served + "/update", "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
                         "application/sparql-update", "*/*")  # fmt: skip
    assert status == 403 and b"read-only" in body


def test_a_saved_query_runs_on_the_server_as_on_the_embedded_store(served: str, seed_build: BuildResult) -> None:
    text = run_cli("query", "show", "relations", "--param", "actor=ent:sdf").stdout
    status, body = _post(served + "/query", text, "application/sparql-query", "text/csv")
    assert status == 200
    local = run_cli("query", "run", "relations", "--param", "actor=ent:sdf", "--build", str(seed_build.out_dir),
                    "--format", "csv").stdout  # fmt: skip
    remote_rows = body.decode("utf-8").replace("\r\n", "\n").strip().splitlines()
    assert len(remote_rows) == len(local.strip().splitlines()) >= 2


def _start_serve(build: Path, *options: str) -> tuple[str, subprocess.Popen[bytes]]:
    port = _free_port()
    command = [str(Path(sys.executable).with_name("coi-graph")), "serve", "--build", str(build),
               "--bind", f"127.0.0.1:{port}", *options]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    _wait(base + "/", process)
    return base, process


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def test_serve_refuses_service_in_every_form_of_request(served: str, httpserver: HTTPServer) -> None:
    """Oxigraph's server would call any host named by SERVICE: the guard in front refuses it."""
    service = f"SELECT * WHERE {{ SERVICE <{httpserver.url_for('/sparql')}> {{ ?s ?p ?o }} }}"
    answers = [
        _post(served + "/query", service, "application/sparql-query", "application/sparql-results+json"),
        _post(served + "/query", "query=" + urllib.parse.quote(service), "application/x-www-form-urlencoded", "*/*"),
        _get(served + "/query?query=" + urllib.parse.quote(service)),
        _post(served + "/update", "LOAD <" + httpserver.url_for("/data.ttl") + ">", "application/sparql-update", "*/*"),
    ]
    for status, body in answers:
        assert status == 403 and (b"uses SERVICE" in body or b"uses LOAD" in body), (status, body)
    assert len(httpserver.log) == 0


def test_serve_answers_expect_100_continue_and_refuses_other_charsets(served: str) -> None:
    """curl sends 'Expect: 100-continue' with large bodies and waits for the interim answer."""
    host, port = served.removeprefix("http://").split(":")
    body = b"ASK { ?s ?p ?o }"
    with socket.create_connection((host, int(port)), timeout=5) as connection:
        connection.sendall(b"POST /query HTTP/1.1\r\nHost: " + f"{host}:{port}".encode() + b"\r\n"
                           b"Content-Type: application/sparql-query\r\n"
                           b"Accept: application/sparql-results+json\r\nExpect: 100-continue\r\n"
                           b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n")  # fmt: skip
        assert connection.recv(25).startswith(b"HTTP/1.1 100 Continue")
        connection.sendall(body)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 200 ") and b'"boolean":true' in answer
    status, text = _post(served + "/query", "ASK {}", "application/sparql-query; charset=utf-16", "*/*")
    assert status == 415 and b"UTF-8" in text


def test_serve_with_allow_network_lets_service_through(seed_build: BuildResult, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/sparql").respond_with_data(
        '{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"literal","value":"remote"}}]}}',
        content_type="application/sparql-results+json",
    )
    base, process = _start_serve(seed_build.out_dir, "--allow-network")
    try:
        query = f"SELECT ?x WHERE {{ SERVICE <{httpserver.url_for('/sparql')}> {{ ?x ?p ?o }} }}"
        status, body = _post(base + "/query", query, "application/sparql-query", "application/sparql-results+json")
        assert status == 200 and b'"remote"' in body
        assert len(httpserver.log) == 1
        status, body = _get(base + "/query")  # the service description offers SERVICE: it runs here
        assert status == 200 and b"#BasicFederatedQuery>" in body
    finally:
        _stop(process)
    assert b"SERVICE and LOAD allowed" in (process.stderr.read() if process.stderr else b"")


def test_serve_refuses_answers_over_the_size_limit(seed_build: BuildResult) -> None:
    base, process = _start_serve(seed_build.out_dir, "--max-response-mb", "0.01")
    try:
        status, body = _get(base + "/query?query=" + urllib.parse.quote("SELECT * WHERE { ?s ?p ?o }"))
        assert status == 413 and b"larger than 0.01 MB" in body and b"LIMIT" in body
        small = urllib.parse.quote("SELECT * WHERE { ?s ?p ?o } LIMIT 3")
        status, body = _get(base + "/query?query=" + small)
        assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 3
    finally:
        _stop(process)


def test_serve_warns_when_reachable_from_other_machines(seed_build: BuildResult) -> None:
    port = _free_port()
    command = [str(Path(sys.executable).with_name("coi-graph")), "serve", "--build", str(seed_build.out_dir),
               "--bind", f"0.0.0.0:{port}"]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        _wait(f"http://127.0.0.1:{port}/", process)
    finally:
        _stop(process)
    stderr = process.stderr.read().decode() if process.stderr else ""
    assert f"warning: serving on 0.0.0.0:{port}: reachable from other machines" in stderr
    assert "read-only" in stderr and "SERVICE and LOAD refused" in stderr
    assert process.returncode == 0


@pytest.mark.parametrize("bind", ["7878", "host:", ":80", "127.0.0.1:99999"])
def test_serve_refuses_a_bad_bind(bind: str, seed_build: BuildResult) -> None:
    result = run_cli("serve", "--build", str(seed_build.out_dir), "--bind", bind)
    assert result.exit_code == 2 and "write HOST:PORT" in result.stderr


def test_serve_says_when_the_port_is_taken(seed_build: BuildResult, served: str) -> None:
    result = run_cli("serve", "--build", str(seed_build.out_dir), "--bind", served.removeprefix("http://"))
    assert result.exit_code == 2 and "cannot listen on" in result.stderr and "--bind" in result.stderr


@pytest.mark.skipif(sys.platform != "linux", reason="Debian chromium")
def test_the_query_ui_runs_a_saved_query_in_headless_chromium(served: str, tmp_path: Path, browser: Browser) -> None:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    options = webdriver.ChromeOptions()
    options.binary_location = browser.chromium
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1400,1000"):  # fmt: skip
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(browser.chromedriver), options=options)
    try:
        driver.get(served + "/")
        WebDriverWait(driver, 20).until(
            expected_conditions.presence_of_element_located((By.CSS_SELECTOR, ".CodeMirror"))
        )
        query = run_cli("query", "show", "relations", "--param", "actor=ent:sdf").stdout
        driver.execute_script("document.querySelector('.CodeMirror').CodeMirror.setValue(arguments[0]);", query)
        driver.find_element(By.CSS_SELECTOR, ".yasqe_queryButton").click()
        WebDriverWait(driver, 20).until(
            lambda d: "Syrian Democratic Forces" in d.find_element(By.CSS_SELECTOR, ".yasr").text
        )
        shot = tmp_path / "query-ui.png"
        driver.save_screenshot(str(shot))
        assert shot.stat().st_size > 10_000
        assert "supports" in driver.find_element(By.CSS_SELECTOR, ".yasr").text
    finally:
        driver.quit()


# --- push and --store -----------------------------------------------------------------------------


def test_push_then_query_analyze_and_export_against_the_remote_store(writable: str, seed_build: BuildResult) -> None:
    build_dir = str(seed_build.out_dir)
    result = run_cli("push", "--build", build_dir, "--endpoint", writable + "/store", "--batch", "1000")
    assert result.exit_code == 0, result.output
    assert "counts verified" in result.stderr
    remote = ["--store", f"sparql:{writable}/query"]
    for args in (
        ["query", "run", "relations", "--param", "actor=ent:sdf", "--format", "csv"],
        ["query", "run", "timeline", "--format", "csv"],
        [
            "query",
            "run",
            "citation-list",
            "--param",
            "document=doc:euaa-2025-03-syria-country-focus",
            "--format",
            "csv",
        ],
        ["analyze", "metrics", "--format", "csv"],
        ["export", "claims", "--format", "csv"],
        ["export", "gexf"],
    ):
        local = run_cli(*args, "--build", build_dir)
        there = run_cli(*remote, *args, "--build", build_dir)
        assert local.exit_code == 0 and there.exit_code == 0, there.output
        assert there.stdout == local.stdout, args
    # pushing again adds nothing
    again = run_cli("push", "--build", build_dir, "--endpoint", writable + "/store")
    assert again.exit_code == 0, again.output


def test_push_into_one_graph(writable: str, seed_build: BuildResult) -> None:
    graph = "https://example.org/coi"
    result = run_cli("push", "--build", str(seed_build.out_dir), "--endpoint", writable + "/store", "--graph", graph)
    assert result.exit_code == 0, result.output
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    status, body = _post(writable + "/query", query, "application/sparql-query", "application/sparql-results+json")
    assert status == 200 and int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) > 3000


def test_push_to_a_store_that_is_down_is_a_clear_error(seed_build: BuildResult) -> None:
    port = _free_port()
    result = run_cli("push", "--build", str(seed_build.out_dir), "--endpoint", f"http://127.0.0.1:{port}/store")
    assert result.exit_code == 2 and "failed after" in result.stderr and "Traceback" not in result.output


def test_the_graph_store_client_retries_503(httpserver: HTTPServer) -> None:
    answers = [Response("busy", status=503), Response("", status=204)]
    httpserver.expect_request("/store").respond_with_handler(lambda request: answers.pop(0))
    waits: list[float] = []
    client = GraphStore(httpserver.url_for("/store"), sleep=waits.append)
    client.post(None, b"<urn:a> <urn:b> <urn:c> .\n")
    assert waits == [1.0] and client.requests_made == 2


def test_remote_store_errors_name_the_endpoint(writable: str) -> None:
    result = run_cli("--store", f"sparql:{writable}/nothing-here", "query", "run", "timeline")
    assert result.exit_code == 2 and "/nothing-here" in result.stderr
    bad = run_cli("--store", "ftp://x", "query", "run", "timeline")
    assert bad.exit_code == 2 and "sparql:http" in bad.stderr


def test_query_show_prints_a_self_contained_query() -> None:
    text = run_cli("query", "show", "presence", "--param", "actor=ent:sdf").stdout
    assert text.startswith("PREFIX coi: <https://w3id.org/coi-graph/ontology#>\n")
    assert "<https://w3id.org/coi-graph/id/entity/sdf>" in text
    assert urllib.parse.quote(text)  # plain text, ready to send


# --- the guard on its own, in front of a recording upstream ----------------------------------------


@pytest.fixture
def guarded(httpserver: HTTPServer, request: pytest.FixtureRequest) -> Iterator[tuple[str, HTTPServer]]:
    """A guard allowing two connections. Its client timeout is 5 s, long enough for a busy machine; a
    test that waits for it to run out asks for a shorter one with ``indirect`` parametrization."""
    from coi_graph import guard

    httpserver.expect_request("/query").respond_with_data("ok")
    client_timeout = getattr(request, "param", 5.0)
    config = guard.GuardConfig("127.0.0.1", httpserver.port, client_timeout=client_timeout, max_connections=2)
    server, _ = guard.start(("127.0.0.1", 0), config)
    try:
        yield f"127.0.0.1:{server.server_address[1]}", httpserver
    finally:
        server.shutdown()
        server.server_close()


def _raw(address: str, request: bytes, wait: float = 5.0) -> bytes:
    host, port = address.split(":")
    with socket.create_connection((host, int(port)), timeout=wait) as connection:
        connection.sendall(request)
        answer = b""
        with contextlib.suppress(TimeoutError):
            while chunk := connection.recv(65536):
                answer += chunk
    return answer


def test_the_guard_refuses_a_second_content_type(guarded: tuple[str, HTTPServer]) -> None:
    """Found in review: the guard read the first Content-Type (text/plain: nothing to check) and forwarded
    the last (a SPARQL query with SERVICE), which Oxigraph ran."""
    address, upstream = guarded
    body = b"SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"
    answer = _raw(address, b"POST /query HTTP/1.1\r\nHost: " + address.encode() + b"\r\nContent-Type: text/plain\r\n"
                  b"Content-Type: application/sparql-query\r\nContent-Length: " + str(len(body)).encode()
                  + b"\r\n\r\n" + body)  # fmt: skip
    assert answer.startswith(b"HTTP/1.1 400 ") and b"send one Content-Type header" in answer
    assert len(upstream.log) == 0


def test_the_guard_refuses_a_compressed_body(guarded: tuple[str, HTTPServer]) -> None:
    """Found in review: a gzip body went through unread (the guard saw bytes, Oxigraph the query)."""
    address, upstream = guarded
    body = gzip.compress(b"SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    answer = _raw(address, b"POST /query HTTP/1.1\r\nHost: " + address.encode() + b"\r\n"
                  b"Content-Type: application/sparql-query\r\n"
                  b"Content-Encoding: gzip\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)  # fmt: skip
    assert answer.startswith(b"HTTP/1.1 415 ") and b"uncompressed" in answer
    assert len(upstream.log) == 0


@pytest.mark.parametrize("guarded", [2.0], indirect=True)  # the idle clients are let go after 2 s
def test_the_guard_lets_silent_clients_go_and_caps_connections(guarded: tuple[str, HTTPServer]) -> None:
    """Found in review: half-sent requests held a thread each, for ever.

    Regression (failed on a busy machine): the test slept a fixed 0.1 s for the guard to take both idle
    connections; it now probes until the guard refuses, well within the client timeout."""
    address, upstream = guarded
    host, port = address.split(":")
    idle = [socket.create_connection((host, int(port)), timeout=10) for _ in range(2)]
    probe = b"GET /query HTTP/1.1\r\nHost: " + address.encode() + b"\r\n\r\n"
    try:
        for connection in idle:  # a promise of 100 bytes, then silence
            connection.sendall(
                b"POST /query HTTP/1.1\r\nHost: " + address.encode() + b"\r\nContent-Length: 100\r\n\r\nSELECT"
            )
        deadline = time.monotonic() + 1.5
        answers = [_raw(address, probe)]  # until the guard holds both idle connections, one may get through
        while not answers[-1].startswith(b"HTTP/1.1 503 ") and time.monotonic() < deadline:
            answers.append(_raw(address, probe))
        assert answers[-1].startswith(b"HTTP/1.1 503 ")
        assert b"\r\nRetry-After: 1\r\n" in answers[-1] and answers[-1].count(b"\r\nServer: ") == 1
        for connection in idle:  # let go after the client timeout
            assert connection.recv(100) == b""
        assert _raw(address, probe).startswith(b"HTTP/1.1 200 ")
    finally:
        for connection in idle:
            connection.close()
    # upstream saw the probes that got through before the cap (all answers but the 503) and the last 200
    assert len(upstream.log) == len(answers)
