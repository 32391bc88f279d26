"""A remote SPARQL 1.1 endpoint as the store: query, analyze and export against Fuseki, GraphDB,
QLever, Virtuoso, Neptune or an Oxigraph server, and push a build into one.

Queries go over the SPARQL 1.1 Protocol (POST, form-encoded) with the project's prefixes prepended.
The build's default graph (the analyst's view: registry, documents, claims, plain, derived and
inferred layers) is pushed as the store's default graph, so a saved query means the same thing
remotely as on the embedded store. Parameters are bound with a trailing
``VALUES`` clause built from RDF terms (never pasted from user text). Loading uses the SPARQL 1.1
Graph Store Protocol, in batches, with retries, and verifies the counts afterwards.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from coi_graph.errors import CoiGraphError
from coi_graph.namespaces import PREFIXES

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


class RemoteError(CoiGraphError):
    """The endpoint refused, failed or answered out of protocol."""


@dataclass
class RemoteStore:
    """A SPARQL 1.1 query endpoint (``sparql:https://host/dataset/query``)."""

    endpoint: str
    timeout: float = 120.0
    retries: int = 3
    sleep: Callable[[float], None] = time.sleep
    requests_made: int = field(default=0, repr=False)

    @classmethod
    def from_spec(cls, spec: str) -> RemoteStore:
        url = spec[len("sparql:") :] if spec.startswith("sparql:") else spec
        if not url.startswith(("http://", "https://")):
            raise CoiGraphError(f"--store {spec!r}: give sparql:http(s)://host/…/query")
        return cls(url)

    # --- queries --------------------------------------------------------------------------------

    def text(self, query: str, bindings: Mapping[str, Term] | None = None) -> str:
        """The query as sent: prefixes first, then the query, then the bound values."""
        prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
        values = ""
        if bindings:
            names = list(bindings)
            variables = " ".join("?" + n for n in names)
            terms = " ".join(str(bindings[n]) for n in names)  # N-Triples syntax: escaped by Oxigraph
            values = f"\nVALUES ({variables}) {{ ({terms}) }}"
        return prologue + query + values

    def request(self, query: str, accept: str, bindings: Mapping[str, Term] | None = None) -> bytes:
        form = [("query", self.text(query, bindings))]
        body = urllib.parse.urlencode(form).encode("utf-8")
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": accept,
                   "User-Agent": _user_agent()}  # fmt: skip
        return _send(self, urllib.request.Request(self.endpoint, data=body, headers=headers, method="POST"))

    def select(self, query: str, bindings: Mapping[str, Term] | None = None) -> tuple[list[str], list[dict[str, Any]]]:
        """Variables and rows of a SELECT (or ASK, as one row ``result``) in SPARQL JSON terms."""
        raw = self.request(query, "application/sparql-results+json", bindings)
        try:
            data = json.loads(raw)
        except ValueError as exc:
            raise RemoteError(f"{self.endpoint} answered with something that is not SPARQL JSON") from exc
        if isinstance(data, dict) and "boolean" in data:
            return ["result"], [{"result": {"type": "literal", "value": "true" if data["boolean"] else "false",
                                            "datatype": "http://www.w3.org/2001/XMLSchema#boolean"}}]  # fmt: skip
        try:
            variables = list(data["head"]["vars"])
            rows = list(data["results"]["bindings"])
        except (KeyError, TypeError) as exc:
            raise RemoteError(f"{self.endpoint} answered out of the SPARQL JSON format") from exc
        return variables, rows

    def construct(self, query: str) -> list[ox.Triple]:
        raw = self.request(query, "application/n-triples")
        return [q.triple for q in ox.parse(input=raw, format=ox.RdfFormat.N_TRIPLES)]


def binding_term(binding: Mapping[str, Any] | None) -> Term | None:
    """A SPARQL JSON binding as an Oxigraph term."""
    if not binding:
        return None
    kind, value = binding.get("type"), binding.get("value", "")
    if kind == "uri":
        return ox.NamedNode(value)
    if kind == "bnode":
        return ox.BlankNode(value)
    if kind in ("literal", "typed-literal"):
        if binding.get("xml:lang"):
            return ox.Literal(value, language=binding["xml:lang"])
        datatype = binding.get("datatype")
        return ox.Literal(value, datatype=ox.NamedNode(datatype)) if datatype else ox.Literal(value)
    if kind == "triple":
        inner = binding.get("value") or {}
        s, p, o = (binding_term(inner.get(k)) for k in ("subject", "predicate", "object"))
        if isinstance(p, ox.NamedNode) and isinstance(s, (ox.NamedNode, ox.BlankNode)) and o is not None:
            return ox.Triple(s, p, o)
    raise RemoteError(f"unknown SPARQL JSON binding: {json.dumps(binding)[:120]}")


def _user_agent() -> str:
    from coi_graph.link.http import user_agent

    return user_agent()


def _send(owner: Any, request: urllib.request.Request) -> bytes:
    """Send with retries on 429/5xx and connection errors; a clear error otherwise."""
    delay = 1.0
    problem = ""
    for attempt in range(owner.retries + 1):
        owner.requests_made += 1
        try:
            with urllib.request.urlopen(request, timeout=owner.timeout) as response:
                data: bytes = response.read()
                return data
        except urllib.error.HTTPError as exc:
            detail = exc.read()[:300].decode("utf-8", "replace").strip()
            if exc.code != 429 and exc.code < 500:
                raise RemoteError(f"{request.full_url}: HTTP {exc.code}: {detail or exc.reason}") from exc
            problem = f"HTTP {exc.code}"
        except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
            problem = str(getattr(exc, "reason", exc))
        if attempt < owner.retries:
            owner.sleep(delay)
            delay *= 2
    raise RemoteError(
        f"{request.full_url}: failed after {owner.retries + 1} attempts ({problem})",
        hint="check that the endpoint is up and the URL is its SPARQL query or graph store URL",
    )


@dataclass
class GraphStore:
    """A SPARQL 1.1 Graph Store Protocol endpoint (Oxigraph ``/store``, Fuseki ``/dataset/data``)."""

    endpoint: str
    timeout: float = 120.0
    retries: int = 3
    sleep: Callable[[float], None] = time.sleep
    requests_made: int = field(default=0, repr=False)

    def post(self, graph: str | None, ntriples: bytes) -> None:
        """Add triples to ``graph`` (or the default graph)."""
        url = self.endpoint + ("?" + urllib.parse.urlencode({"graph": graph}) if graph else "?default")
        headers = {"Content-Type": "application/n-triples", "User-Agent": _user_agent()}
        _send(self, urllib.request.Request(url, data=ntriples, headers=headers, method="POST"))

    def post_quads(self, nquads: bytes) -> None:
        """Add quads to the dataset (Oxigraph ``/store`` and Fuseki's dataset endpoint accept N-Quads)."""
        headers = {"Content-Type": "application/n-quads", "User-Agent": _user_agent()}
        _send(self, urllib.request.Request(self.endpoint, data=nquads, headers=headers, method="POST"))

    def delete(self, graph: str) -> None:
        url = self.endpoint + "?" + urllib.parse.urlencode({"graph": graph})
        try:
            _send(self, urllib.request.Request(url, headers={"User-Agent": _user_agent()}, method="DELETE"))
        except RemoteError as exc:
            if "HTTP 404" not in str(exc):
                raise
