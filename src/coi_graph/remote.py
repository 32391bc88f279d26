"""A remote SPARQL 1.1 endpoint as the store: query, analyze and export against Fuseki, GraphDB,
QLever, Virtuoso, Neptune or an Oxigraph server, and push a build into one.

Queries go over the SPARQL 1.1 Protocol (POST, form-encoded) with the project's prefixes prepended.
The build's default graph (the analyst's view: registry, documents, claims, plain, derived and
inferred layers) is pushed as the store's default graph, so a saved query means the same thing
remotely as on the embedded store. Parameters are bound with a trailing
``VALUES`` clause built from RDF terms (never pasted from user text). Loading uses the SPARQL 1.1
Graph Store Protocol (or SPARQL 1.1 Update where a store lacks it), in batches, and verifies the counts afterwards.

An answer reads as the embedded store's would: Oxigraph keeps booleans, numbers and dates as values and
language tags in lower case, so every typed literal a remote store answers goes through an in-memory
Oxigraph store before anyone reads it ("1"^^xsd:boolean becomes "true", "+05"^^xsd:int "5"^^xsd:integer).
An HTTP error shows the store's own message; only 502, 503 and 504 (and broken connections) are tried
again, after a growing pause or the one ``Retry-After`` asks for.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from coi_graph.credentials import Credentials, opener, refuse_userinfo
from coi_graph.errors import CoiGraphError
from coi_graph.namespaces import PREFIXES

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
RETRIED = frozenset({502, 503, 504})  # a gateway or an overloaded store: the same request may succeed later
MESSAGE_CHARS = 500  # of the store's own message in an error
_KEY = "urn:x-coi-graph:term:"  # subjects of the scratch store that gives literals their canonical form
_KEY_PREDICATE = ox.NamedNode(_KEY + "is")


class RemoteError(CoiGraphError):
    """The endpoint refused, failed or answered out of protocol."""


@dataclass
class Endpoint:
    """An HTTP endpoint of a store: its URL, how long to wait, how often to retry, who is asking."""

    endpoint: str
    timeout: float = 120.0
    retries: int = 3
    sleep: Callable[[float], None] = time.sleep
    credentials: Credentials | None = field(default=None, repr=False)
    requests_made: int = field(default=0, repr=False)


@dataclass
class RemoteStore(Endpoint):
    """A SPARQL 1.1 query endpoint (``sparql:https://host/dataset/query``)."""

    @classmethod
    def from_spec(cls, spec: str) -> RemoteStore:
        url = spec[len("sparql:") :] if spec.startswith("sparql:") else spec
        if not url.startswith(("http://", "https://")):
            raise CoiGraphError(f"--store {spec!r}: give sparql:http(s)://host/…/query")
        refuse_userinfo(url)
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
            answer = data["boolean"]
            if not isinstance(answer, bool):  # out of the format; some stores send the text
                answer = {"true": True, "1": True, "false": False, "0": False}.get(str(answer).strip().lower())
            if answer is None:
                raise RemoteError(f"{self.endpoint} answered an ASK with {data['boolean']!r}, not true or false")
            return ["result"], [{"result": {"type": "literal", "value": "true" if answer else "false",
                                            "datatype": "http://www.w3.org/2001/XMLSchema#boolean"}}]  # fmt: skip
        try:
            variables = [str(v) for v in data["head"]["vars"]]
            rows = list(data["results"]["bindings"])
        except (KeyError, TypeError) as exc:
            raise RemoteError(f"{self.endpoint} answered out of the SPARQL JSON format") from exc
        if not all(isinstance(row, dict) for row in rows):
            raise RemoteError(f"{self.endpoint} answered out of the SPARQL JSON format (a row is not an object)")
        return variables, canonical_rows(rows)

    def construct(self, query: str) -> list[ox.Triple]:
        """The triples of a CONSTRUCT or DESCRIBE, their literals as the embedded store gives them."""
        raw = self.request(query, "application/n-triples")
        try:
            triples = [q.triple for q in ox.parse(input=raw, format=ox.RdfFormat.N_TRIPLES)]
        except (SyntaxError, ValueError) as exc:
            raise RemoteError(f"{self.endpoint} answered with something that is not N-Triples: {exc}") from exc
        typed = [(i, t.object) for i, t in enumerate(triples) if isinstance(t.object, ox.Literal) and _typed(t.object)]
        for (i, _), literal in zip(typed, canonical([literal for _, literal in typed]), strict=True):
            triples[i] = ox.Triple(triples[i].subject, triples[i].predicate, literal)
        return triples


def _typed(literal: ox.Literal) -> bool:
    """Whether the embedded store might write ``literal`` otherwise: a typed literal other than a string."""
    return literal.language is None and literal.datatype.value != XSD_STRING


def canonical(literals: Sequence[ox.Literal]) -> list[ox.Literal]:
    """``literals`` as the embedded store gives them back: each is stored in an in-memory Oxigraph store and
    read out again, so that a remote answer is written exactly as the embedded store would write it
    ("1"^^xsd:boolean is "true", "01.50"^^xsd:decimal "1.5", "7"^^xsd:short "7"^^xsd:integer, "1.0E0"^^xsd:double
    "1"); what Oxigraph does not read as a value (an unknown datatype, an ill-typed literal) stays as it is."""
    distinct = list(dict.fromkeys(literals))
    if not distinct:
        return []
    scratch = ox.Store()
    scratch.extend(ox.Quad(ox.NamedNode(f"{_KEY}{i}"), _KEY_PREDICATE, term) for i, term in enumerate(distinct))
    stored: dict[ox.Literal, ox.Literal] = {}
    for quad in scratch:
        assert isinstance(quad.object, ox.Literal) and isinstance(quad.subject, ox.NamedNode)
        stored[distinct[int(quad.subject.value[len(_KEY) :])]] = quad.object
    return [stored[term] for term in literals]


def canonical_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """SPARQL JSON rows with every typed literal rewritten in place to the embedded store's form."""
    bindings = list(_typed_bindings(binding for row in rows for binding in row.values()))
    literals = [term for term in map(binding_term, bindings) if isinstance(term, ox.Literal)]
    for binding, literal in zip(bindings, canonical(literals), strict=True):  # a literal binding is a Literal
        binding.update(type="literal", value=literal.value, datatype=literal.datatype.value)
    return rows


def _typed_bindings(bindings: Iterable[Any]) -> Iterator[dict[str, Any]]:
    for binding in bindings:
        if not isinstance(binding, dict):
            continue
        kind = binding.get("type")
        if kind in ("literal", "typed-literal") and not binding.get("xml:lang"):
            if binding.get("datatype") not in (None, XSD_STRING):
                yield binding
        elif kind == "triple" and isinstance(binding.get("value"), dict):
            yield from _typed_bindings(binding["value"].values())


def binding_term(binding: Mapping[str, Any] | None) -> Term | None:
    """A SPARQL JSON binding as an Oxigraph term (a language tag in lower case, as Oxigraph keeps it)."""
    if not binding:
        return None
    try:
        return _term(binding)
    except (ValueError, TypeError) as exc:
        raise RemoteError(f"the store answered a term that is not RDF ({exc}): {json.dumps(binding)[:120]}") from exc


def _term(binding: Mapping[str, Any]) -> Term:
    kind, value = binding.get("type"), binding.get("value", "")
    if kind == "uri":
        return ox.NamedNode(value)
    if kind == "bnode":
        return _blank_node(value)
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


def _blank_node(label: str) -> ox.BlankNode:
    """The store's blank node; a label that is not one in RDF (Virtuoso's ``nodeID://b10004``) becomes a
    hash of it, so that the same node keeps one name within an answer."""
    try:
        return ox.BlankNode(label)
    except ValueError:
        return ox.BlankNode(hashlib.sha256(str(label).encode("utf-8")).hexdigest()[:32])


def _user_agent() -> str:
    from coi_graph.link.http import user_agent

    return user_agent()


def _send(owner: Endpoint, request: urllib.request.Request) -> bytes:
    """Send ``request``; an HTTP error shows the store's own message. Only 502, 503 and 504 and broken
    connections are tried again (``owner.retries`` times), after 1, 2, 4 … seconds or the longer wait a
    ``Retry-After`` asks for; a ``Retry-After`` longer than ``owner.timeout`` ends the attempts."""
    from coi_graph.link.http import retry_after_seconds

    delay = 1.0
    problem = ""
    for attempt in range(owner.retries + 1):
        owner.requests_made += 1
        wait = delay
        try:
            director = opener(owner.credentials, request.full_url)  # answers the store's Basic or Digest challenge
            with director.open(fullurl=request, timeout=owner.timeout) as response:  # a request, not a file
                data: bytes = response.read()
                return data
        except urllib.error.HTTPError as exc:
            problem = f"HTTP {exc.code} {exc.reason}".rstrip() + _store_message(exc)
            if exc.code not in RETRIED:
                raise RemoteError(f"{request.full_url}: {problem}", hint=_hint(exc.code)) from exc
            asked = retry_after_seconds(exc.headers.get("Retry-After") if exc.headers else None)
            if asked is not None and asked > owner.timeout:
                raise RemoteError(
                    f"{request.full_url}: {problem}; the store asks to wait {asked:g} s before trying again",
                    hint="try again later",
                ) from exc
            wait = max(delay, asked or 0.0)
        except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
            problem = str(getattr(exc, "reason", exc))
        if attempt < owner.retries:
            owner.sleep(wait)
            delay *= 2
    raise RemoteError(
        f"{request.full_url}: failed after {owner.retries + 1} attempts ({problem})",
        hint="check that the endpoint is up and the URL is its SPARQL query or graph store URL",
    )


def _store_message(error: urllib.error.HTTPError) -> str:
    """The body of an error answer after ": ", as one line of at most ``MESSAGE_CHARS`` printable characters
    (an HTML page's text without its tags); "" if there is none."""
    try:
        raw = error.read(16 * MESSAGE_CHARS)
    except (OSError, ValueError):
        return ""
    content_type = error.headers.get("Content-Type", "") if error.headers else ""
    charset = error.headers.get_content_charset() if error.headers else None
    try:
        text = raw.decode(charset or "utf-8", "replace")
    except LookupError:  # a charset Python does not know
        text = raw.decode("utf-8", "replace")
    if "html" in content_type.lower() or text.lstrip()[:1] == "<":
        text = html.unescape(re.sub(r"<[^>]*>", " ", re.sub(r"(?is)<(script|style)\b.*?</\1\s*>", " ", text)))
    text = " ".join("".join(c if c.isprintable() else " " for c in text).split())  # no escapes, no controls
    if len(text) > MESSAGE_CHARS:
        text = text[: MESSAGE_CHARS - 1] + "…"
    return ": " + text if text else ""


def _hint(status: int) -> str:
    if status == 400:
        return "the store could not run the query; its message says why (stores differ in the SPARQL they accept)"
    if status in (404, 405):
        return "check that the URL is the store's SPARQL query (or graph store) endpoint"
    if status in (401, 403, 407):
        return "the store refuses this client; --store and push send no credentials"
    return "the store's message says why; not tried again, as it would most likely fail the same way"


@dataclass
class GraphStore(Endpoint):
    """A SPARQL 1.1 Graph Store Protocol endpoint (Oxigraph ``/store``, Fuseki ``/dataset/data``)."""

    def post(self, graph: str | None, ntriples: bytes) -> None:
        """Add triples to ``graph`` (or the default graph)."""
        url = self.endpoint + ("?" + urllib.parse.urlencode({"graph": graph}) if graph else "?default")
        headers = {"Content-Type": "application/n-triples", "User-Agent": _user_agent()}
        _send(self, urllib.request.Request(url, data=ntriples, headers=headers, method="POST"))

    def delete(self, graph: str | None) -> None:
        """Remove ``graph`` (or every triple of the default graph); a graph the store does not have is no error."""
        url = self.endpoint + ("?" + urllib.parse.urlencode({"graph": graph}) if graph else "?default")
        try:
            _send(self, urllib.request.Request(url, headers={"User-Agent": _user_agent()}, method="DELETE"))
        except RemoteError as exc:
            if "HTTP 404" not in str(exc):
                raise


def _graph_iri(graph: str) -> str:
    """``graph`` as an IRI in SPARQL text, checked by Oxigraph so that it cannot break out of its brackets."""
    return str(ox.NamedNode(graph))


@dataclass
class UpdateStore(Endpoint):
    """A SPARQL 1.1 Update endpoint, for stores without the Graph Store Protocol: the same ``post`` and
    ``delete`` as :class:`GraphStore`, as ``INSERT DATA`` and ``DROP SILENT``."""

    # triples per request: Virtuoso 7.2's SPARQL compiler runs out of memory on an update of some thousands
    max_triples: int = 1000

    def _update(self, text: str) -> None:
        headers = {"Content-Type": "application/sparql-update", "User-Agent": _user_agent()}
        _send(self, urllib.request.Request(self.endpoint, data=text.encode("utf-8"), headers=headers, method="POST"))

    def post(self, graph: str | None, ntriples: bytes) -> None:
        """Add triples (N-Triples, which is SPARQL's own triple syntax) to ``graph`` or the default graph."""
        lines = ntriples.decode("utf-8").splitlines(keepends=True)
        for start in range(0, len(lines), self.max_triples):
            body = "".join(lines[start : start + self.max_triples])
            # INSERT ... WHERE {} rather than INSERT DATA: Virtuoso 7.2 refuses blank nodes in INSERT DATA
            # ("SP031: Blank node ... is not allowed in a constant clause"); a template may hold them
            template = f"GRAPH {_graph_iri(graph)} {{\n{body}}}" if graph else body
            self._update(f"INSERT {{\n{template}\n}} WHERE {{}}")

    def delete(self, graph: str | None) -> None:
        self._update(f"DROP SILENT GRAPH {_graph_iri(graph)}" if graph else "DROP SILENT DEFAULT")
