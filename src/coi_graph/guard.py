"""A guard in front of the Oxigraph server of ``coi-graph serve``.

Oxigraph's server evaluates ``SERVICE <http://any-host/>`` itself, and with ``--read-write``
also ``LOAD <http://any-host/>``: anyone who can reach the endpoint could make it send requests
to other hosts. The guard listens on the address the analyst asked for, forwards each request
to Oxigraph on a private loopback port, and refuses (403) every SPARQL query or update that
uses ``SERVICE`` or ``LOAD`` unless the server was started with ``--allow-network``. It also
refuses answers larger than a set size (413) instead of streaming them without end.

Requests are read whole (they carry a ``Content-Length``; chunked requests are refused with
411) and answers are buffered up to the size limit, then sent with their length.
"""

from __future__ import annotations

import contextlib
import http.client
import logging
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from coi_graph.query.network import network_keyword

log = logging.getLogger("coi_graph")

MAX_REQUEST = 16 * 1024 * 1024
_HOP_BY_HOP = frozenset(
    ("connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailers",
     "transfer-encoding", "upgrade", "content-length", "expect", "content-encoding")
)  # fmt: skip
_SINGLE = ("Content-Type", "Content-Length", "Transfer-Encoding", "Content-Encoding")
_FORM = "application/x-www-form-urlencoded"
_SPARQL_BODIES = ("application/sparql-query", "application/sparql-update")
_SPARQL_FIELDS = ("query", "update")


@dataclass(frozen=True)
class GuardConfig:
    """Where Oxigraph listens, whether SERVICE and LOAD may run, and the largest answer sent."""

    upstream_host: str
    upstream_port: int
    allow_network: bool = False
    max_response: int = 64 * 1024 * 1024
    timeout: float = 60.0
    client_timeout: float = 30.0  # seconds a client may stay silent while it sends its request
    max_connections: int = 32


def sparql_texts(target: str, content_type: str | None, body: bytes) -> Iterator[str]:
    """Every SPARQL query or update a request carries: URL fields, a form body, or a SPARQL body."""
    for field in _SPARQL_FIELDS:
        yield from parse_qs(urlsplit(target).query, keep_blank_values=True).get(field, [])
    media = (content_type or "").split(";", 1)[0].strip().lower()
    text = body.decode("utf-8", errors="replace")
    if media == _FORM:
        fields = parse_qs(text, keep_blank_values=True)
        for field in _SPARQL_FIELDS:
            yield from fields.get(field, [])
    elif media in _SPARQL_BODIES:
        yield text


def _charset(content_type: str | None) -> str | None:
    for parameter in (content_type or "").split(";")[1:]:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip('"').lower()
    return None


def refusal(target: str, content_type: str | None, body: bytes) -> str | None:
    """Why the request is refused when the network is not allowed, or None."""
    for text in sparql_texts(target, content_type, body):
        keyword = network_keyword(text)
        if keyword:
            return (
                f"refused: the query uses {keyword}, which reaches another host, and this server runs offline. "
                "Start it with 'coi-graph serve --allow-network' to allow that."
            )
    return None


class _Handler(BaseHTTPRequestHandler):
    server: GuardServer
    server_version = "coi-graph"
    # HTTP/1.1 answers 'Expect: 100-continue' at once (curl waits a second for it on large bodies);
    # every answer carries its length and closes the connection
    protocol_version = "HTTP/1.1"

    def setup(self) -> None:
        super().setup()
        self.connection.settimeout(self.server.config.client_timeout)  # a silent client is let go

    def log_message(self, format: str, *args: object) -> None:
        log.debug("serve: " + format, *args)

    def _plain(self, status: int, text: str) -> None:
        body = (text + "\n").encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _body(self) -> bytes | None:
        for name in _SINGLE:
            if len(self.headers.get_all(name) or []) > 1:
                # the guard would read one and Oxigraph perhaps another: refuse instead of guessing
                self._plain(400, f"send one {name} header, not several")
                return None
        encoding = (self.headers.get("Content-Encoding") or "identity").strip().lower()
        if encoding != "identity":
            self._plain(415, f"send the request uncompressed (it says Content-Encoding: {encoding})")
            return None
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            self._plain(411, "send the request with a Content-Length (chunked requests are not accepted)")
            return None
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            self._plain(400, "the Content-Length header is not a number")
            return None
        if length < 0 or length > MAX_REQUEST:
            self._plain(413, f"the request is larger than {MAX_REQUEST // (1024 * 1024)} MB")
            return None
        try:
            body = self.rfile.read(length) if length else b""
        except OSError:  # the client went quiet for longer than the timeout, or away
            self.close_connection = True
            return None
        if len(body) < length:
            self.close_connection = True
            return None
        return body

    def _forward(self) -> None:
        body = self._body()
        if body is None:
            return
        config = self.server.config
        charset = _charset(self.headers.get("Content-Type"))
        if charset not in (None, "utf-8", "utf8", "us-ascii"):
            self._plain(415, f"send the request in UTF-8 (it says charset={charset})")
            return
        if not config.allow_network:
            why = refusal(self.path, self.headers.get("Content-Type"), body)
            if why:
                log.warning("serve: %s %s from %s: %s", self.command, self.path[:80], self.client_address[0], why)
                self._plain(403, why)
                return
        headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP}
        upstream = http.client.HTTPConnection(config.upstream_host, config.upstream_port, timeout=config.timeout)
        try:
            upstream.request(self.command, self.path, body=body if body or self.command == "POST" else None,
                             headers=headers)  # fmt: skip
            response = upstream.getresponse()
            payload = response.read(config.max_response + 1)
        except (OSError, http.client.HTTPException) as exc:
            self._plain(502, f"the SPARQL server did not answer: {exc}")
            return
        finally:
            upstream.close()
        if len(payload) > config.max_response:
            megabytes = config.max_response / (1024 * 1024)
            self._plain(
                413,
                f"the answer is larger than {megabytes:.3g} MB: add LIMIT or a narrower pattern, "
                "or start the server with a larger --max-response-mb",
            )
            return
        self.send_response(response.status, response.reason)
        for key, value in response.getheaders():
            if key.lower() not in _HOP_BY_HOP:
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_OPTIONS = do_PATCH = _forward


class GuardServer(ThreadingHTTPServer):
    """One thread per connection, at most ``config.max_connections`` at once; more are answered 503."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], config: GuardConfig) -> None:
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        super().__init__(address, _Handler)
        self.config = config
        self.slots = threading.BoundedSemaphore(config.max_connections)

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self.slots.acquire(blocking=False):
            with contextlib.suppress(OSError):
                request.sendall(b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()


def start(address: tuple[str, int], config: GuardConfig) -> tuple[GuardServer, threading.Thread]:
    """Listen on ``address`` and serve in a background thread; ``server.shutdown()`` stops it."""
    server = GuardServer(address, config)
    thread = threading.Thread(target=server.serve_forever, name="coi-graph guard", daemon=True)
    thread.start()
    return server, thread
