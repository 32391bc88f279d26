"""A second real store: Virtuoso Open Source 7 (tests/virtuoso.py starts a private one). Loading named
graphs over its authenticated Graph Store endpoint with HTTP Digest, reading them back over SPARQL, and
what a wrong or missing password gives."""

from __future__ import annotations

import pytest

from coi_graph.credentials import Credentials
from coi_graph.remote import GraphStore, RemoteError, RemoteStore
from tests.conftest import run_cli
from tests.virtuoso import PASSWORD, USER, Virtuoso, virtuoso

__all__ = ["virtuoso"]  # the session fixture

GRAPH = "https://w3id.org/coi-graph/graph/test-virtuoso"


def _count(server: Virtuoso, graph: str) -> int:
    _, rows = RemoteStore(server.query).select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    return int(rows[0]["n"]["value"])  # SPARQL JSON


def test_named_graphs_load_with_digest_credentials_and_read_back(virtuoso: Virtuoso) -> None:
    store = GraphStore(virtuoso.graph_store, credentials=Credentials(USER, PASSWORD), retries=0)
    body = "".join(f'<urn:coi:s{i}> <urn:coi:p> "value {i}"@en .\n' for i in range(3)).encode()
    store.post(GRAPH, body)
    store.post(GRAPH + "-2", b"<urn:coi:a> <urn:coi:b> <urn:coi:c> .\n")
    assert _count(virtuoso, GRAPH) == 3
    assert _count(virtuoso, GRAPH + "-2") == 1


@pytest.mark.parametrize("credentials", [None, Credentials(USER, "not-the-password")])
def test_without_the_right_password_the_store_refuses_and_the_password_is_not_shown(
    virtuoso: Virtuoso, credentials: Credentials | None
) -> None:
    store = GraphStore(virtuoso.graph_store, credentials=credentials, retries=0)
    with pytest.raises(RemoteError) as refused:
        store.post(GRAPH + "-refused", b"<urn:coi:a> <urn:coi:b> <urn:coi:c> .\n")
    assert "HTTP 401" in str(refused.value)
    assert "not-the-password" not in str(refused.value) + (refused.value.hint or "")
    assert _count(virtuoso, GRAPH + "-refused") == 0


def test_push_asks_for_a_password_it_cannot_find_before_sending(virtuoso: Virtuoso, tmp_path: object) -> None:
    result = run_cli("push", "--endpoint", virtuoso.graph_store, "--query-endpoint", virtuoso.query, "--user", USER)
    assert result.exit_code == 2
    assert "no password for dba" in result.stderr and "COI_GRAPH_PASSWORD" in result.stderr
