"""A guard in front of the Oxigraph server of ``coi-graph serve`` (docs/deploy.md says what and why).

It forwards each request to the engine (Oxigraph's server on a private loopback port), but refuses (403)
a ``Host`` not its own (DNS rebinding), ``SERVICE`` and ``LOAD`` unless ``allow_network``, writes to a
read-only server, and writes from another site or posted as a form without the server's token; also
ambiguous framing (400), chunked (411), compressed or non-UTF-8 bodies (415), oversized requests and
answers (413). A request past ``timeout`` is answered 504 and ``Upstream.stop`` stops it in the engine.
Beyond ``max_connections`` requests it answers 503 with ``Retry-After``. The service description does not
offer SERVICE while it is refused, and every answer has one ``Server`` header, the guard's.
"""

from __future__ import annotations

import contextlib
import heapq
import http.client
import itertools
import logging
import secrets
import socket
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Protocol
from urllib.parse import urlsplit

from coi_graph import serve_policy as policy

log = logging.getLogger("coi_graph")

MAX_REQUEST = 16 * 1024 * 1024
_HOP_BY_HOP = frozenset(
    ("connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailers",
     "transfer-encoding", "upgrade", "content-length", "expect", "content-encoding", "server", "date")
)  # fmt: skip
_SINGLE = ("Content-Type", "Content-Length", "Transfer-Encoding", "Content-Encoding")
_DESCRIBED = ("/query", "/sparql", "/update")  # a GET there without a query: the service description
_SD = "http://www.w3.org/ns/sparql-service-description#"
_BUSY = b"HTTP/1.1 503 Service Unavailable\r\nServer: coi-graph\r\nRetry-After: 1\r\nContent-Length: 0\r\n"


@dataclass(frozen=True)
class GuardConfig:
    """Where Oxigraph listens at first, what the guard lets through, and its limits."""

    upstream_host: str
    upstream_port: int
    allow_network: bool = False
    max_response: int = 64 * 1024 * 1024
    timeout: float = 60.0  # seconds a request may run in the engine before it is stopped; 0: no limit
    client_timeout: float = 30.0  # seconds a client may stay silent while it sends its request
    max_connections: int = 32  # requests served at once
    max_waiting: int = 512  # connections beyond those answered 503 with Retry-After (closed beyond both)
    read_write: bool = False
    allowed_hosts: tuple[str, ...] = ()  # Host names answered besides the address listened on
    token: str = field(default_factory=lambda: secrets.token_urlsafe(32), repr=False)


class Upstream(Protocol):
    """The SPARQL server behind the guard: ``address`` gives its host, port and generation (which changes
    when it is restarted; OSError if it is down), ``stop`` stops what a generation is computing."""

    def address(self) -> tuple[str, int, int]: ...

    def stop(self, generation: int) -> None: ...


@dataclass(frozen=True)
class FixedUpstream:
    """A server the guard cannot restart: stopping a request only closes its connection."""

    host: str
    port: int

    def address(self) -> tuple[str, int, int]:
        return self.host, self.port, 0

    def stop(self, generation: int) -> None: ...


class _Flight:
    """A request in the engine, racing its deadline: the first of ``land`` (the answer is in) and ``expire``
    (the deadline passed, and the connection is shut, so that the handler stops waiting) wins."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._socket: socket.socket | None = None
        self.expired = self.landed = False

    def attach(self, connection: socket.socket | None) -> None:
        with self._lock:
            self._socket = connection
        self._shut_if_expired()

    def land(self) -> bool:
        with self._lock:
            self.landed = not self.expired
            self._socket = None
            return self.landed

    def expire(self) -> bool:
        with self._lock:
            self.expired = not self.landed
        return self._shut_if_expired()

    def _shut_if_expired(self) -> bool:
        with self._lock:
            connection = self._socket if self.expired else None
        with contextlib.suppress(OSError):
            if connection is not None:
                connection.shutdown(socket.SHUT_RDWR)
        return self.expired


class _Handler(BaseHTTPRequestHandler):
    server: GuardServer
    busy = False
    # HTTP/1.1 answers 'Expect: 100-continue' at once (curl waits a second for it on large bodies);
    # every answer carries its length and closes the connection
    protocol_version = "HTTP/1.1"

    def setup(self) -> None:
        super().setup()
        self.connection.settimeout(self.server.config.client_timeout)  # a silent client is let go

    def version_string(self) -> str:
        return "coi-graph"

    def log_message(self, format: str, *args: object) -> None:
        log.debug("serve: " + format, *args)

    def _plain(self, status: int, text: str, retry: bool = False) -> None:
        body = (text + "\n").encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        if retry:
            self.send_header("Retry-After", "1")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _refuse(self, status: int, why: str) -> None:
        log.warning("serve: %s %s from %s: %s", self.command, self.path[:80], self.client_address[0], why)
        self._plain(status, why)

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
        if self.busy:  # read first: closing on an unread request would reset the connection, answer and all
            self._plain(503, "the server is busy: try again in a moment", retry=True)
            return
        config, host = self.server.config, self.headers.get("Host")
        if not policy.host_allowed(host, self.server.bound, config.allowed_hosts):
            self._refuse(403, f"refused: this server does not answer to the name {host!r} (it may be a web page "
                              "that renamed it); use its address, or start it with --allowed-host NAME")  # fmt: skip
            return
        encoding = policy.charset(self.headers.get("Content-Type"))
        if encoding not in (None, "utf-8", "utf8", "us-ascii"):
            self._plain(415, f"send the request in UTF-8 (it says charset={encoding})")
            return
        why = None if config.allow_network else policy.refusal(self.path, self.headers.get("Content-Type"), body)
        why = why or policy.write_refusal(self.command, self.path, self.headers, body, read_write=config.read_write,
                                          allowed=config.allowed_hosts, token=config.token,
                                          cookie_name=self.server.cookie_name)  # fmt: skip
        if why:
            self._refuse(403, why)
            return
        self._relay(body)

    def _relay(self, body: bytes) -> None:
        config, upstream = self.server.config, self.server.upstream
        headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP}
        headers["Connection"] = "close"
        try:
            host, port, generation = upstream.address()
        except OSError as exc:
            self._plain(503, f"the SPARQL engine is not available: {exc}", retry=True)
            return
        flight = _Flight()
        if config.timeout:
            self.server.watch(flight, generation)
        connection = http.client.HTTPConnection(host, port, timeout=config.timeout + 30 if config.timeout else None)
        try:
            connection.connect()
            flight.attach(connection.sock)
            connection.request(self.command, self.path, body=body if body or self.command == "POST" else None,
                               headers=headers)  # fmt: skip
            response = connection.getresponse()
            payload = response.read(config.max_response + 1)
            if len(payload) <= config.max_response and response.length:  # shorter than it said: cut off
                raise http.client.IncompleteRead(payload, response.length)
        except (OSError, http.client.HTTPException) as exc:
            self._failed(flight, generation, exc)
            return
        finally:
            connection.close()
        if not flight.land():
            self._failed(flight, generation, None)
            return
        if len(payload) > config.max_response:
            megabytes = config.max_response / (1024 * 1024)
            self._plain(413, f"the answer is larger than {megabytes:.3g} MB: add LIMIT or a narrower pattern, "
                             "or start the server with a larger --max-response-mb")  # fmt: skip
            return
        try:
            payload = self._described(response, payload, body)
        except (SyntaxError, ValueError) as exc:  # Oxigraph's own description did not parse
            self._plain(502, f"the service description could not be checked: {exc}")
            return
        self._answer(response, payload)

    def _failed(self, flight: _Flight, generation: int, exc: BaseException | None) -> None:
        timeout = self.server.config.timeout
        if flight.expired:
            self._plain(504, f"stopped: the request ran longer than {timeout:g} s. Narrow the query (a parameter, "
                             "a FILTER, LIMIT), or start the server with a larger --timeout")  # fmt: skip
            return
        with contextlib.suppress(OSError):
            if self.server.upstream.address()[2] != generation:
                self._plain(503, f"the SPARQL engine was restarted while it ran this request, to stop another "
                                 f"that ran longer than {timeout:g} s: try again", retry=True)  # fmt: skip
                return
        self._plain(502, f"the SPARQL server did not answer: {exc}")

    def _described(self, response: http.client.HTTPResponse, payload: bytes, body: bytes) -> bytes:
        """The service description without BasicFederatedQuery, while SERVICE is refused."""
        if (self.server.config.allow_network or response.status != 200 or b"BasicFederatedQuery" not in payload
                or urlsplit(self.path).path not in _DESCRIBED
                or any(policy.sparql_texts(self.path, self.headers.get("Content-Type"), body))):  # fmt: skip
            return payload
        import pyoxigraph as ox

        media = (response.getheader("Content-Type") or "").split(";", 1)[0].strip()
        rdf = ox.RdfFormat.from_media_type(media)
        if rdf is None:
            return payload
        base = f"http://{self.headers.get('Host')}{urlsplit(self.path).path}"
        feature, federated = ox.NamedNode(_SD + "feature"), ox.NamedNode(_SD + "BasicFederatedQuery")
        kept = [q for q in ox.parse(payload, format=rdf, base_iri=base)
                if not (q.predicate == feature and q.object == federated)]  # fmt: skip
        return ox.serialize(kept, format=rdf, prefixes={"sd": _SD}) or b""

    def _answer(self, response: http.client.HTTPResponse, payload: bytes) -> None:
        self.send_response(response.status, response.reason)
        for key, value in response.getheaders():
            if key.lower() not in _HOP_BY_HOP:
                self.send_header(key, value)
        media = (response.getheader("Content-Type") or "").split(";", 1)[0].strip().lower()
        if self.server.config.read_write and media == "text/html":  # the query page: its writes carry the token
            self.send_header("Set-Cookie", f"{self.server.cookie_name}={self.server.config.token}; Path=/; "
                                           "HttpOnly; SameSite=Strict")  # fmt: skip
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_OPTIONS = do_PATCH = _forward


class _BusyHandler(_Handler):
    """For a connection beyond ``max_connections``: reads the request and answers 503."""

    busy = True

    def setup(self) -> None:
        super().setup()
        self.connection.settimeout(min(self.server.config.client_timeout, 5.0))


class GuardServer(ThreadingHTTPServer):
    """One thread per connection, at most ``config.max_connections`` at once; more are answered 503."""

    daemon_threads = True
    request_queue_size = 1024  # a burst of clients waits to be accepted instead of being turned away

    def __init__(self, address: tuple[str, int], config: GuardConfig, upstream: Upstream | None = None) -> None:
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        self._deadlines: list[tuple[float, int, _Flight, int]] = []  # a heap: the next deadline first
        self._tick, self._order, self._closing = threading.Condition(), itertools.count(), False
        super().__init__(address, _Handler)  # calls server_close if it cannot listen
        self.config = config
        self.upstream: Upstream = upstream or FixedUpstream(config.upstream_host, config.upstream_port)
        self.bound = (address[0], int(self.server_address[1]))
        self.cookie_name = f"coi-graph-token-{self.bound[1]}"
        self.slots = threading.BoundedSemaphore(config.max_connections)
        self.waiting = threading.BoundedSemaphore(config.max_waiting)
        threading.Thread(target=self._watch, name="coi-graph guard deadlines", daemon=True).start()

    def process_request(self, request: Any, client_address: Any) -> None:
        if self.slots.acquire(blocking=False):
            slot, handler = self.slots, _Handler
        elif self.waiting.acquire(blocking=False):
            slot, handler = self.waiting, _BusyHandler
        else:
            with contextlib.suppress(OSError):
                request.sendall(_BUSY + b"Connection: close\r\n\r\n")
            self.shutdown_request(request)
            return
        try:
            threading.Thread(target=self._serve, args=(request, client_address, handler, slot), daemon=True).start()
        except BaseException:
            slot.release()
            raise

    def _serve(self, request: Any, client_address: Any, handler: type[_Handler], slot: threading.Semaphore) -> None:
        try:
            handler(request, client_address, self)
        except Exception:
            self.handle_error(request, client_address)
        finally:
            self.shutdown_request(request)
            slot.release()

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that went away, or a request that broke: one line in the debug log, no traceback."""
        log.debug("serve: the connection from %s ended early: %s", client_address[0], sys.exc_info()[1])

    def watch(self, flight: _Flight, generation: int) -> None:
        """Expire ``flight`` after ``config.timeout`` seconds, unless its answer is in first."""
        with self._tick:
            due = time.monotonic() + self.config.timeout
            heapq.heappush(self._deadlines, (due, next(self._order), flight, generation))
            self._tick.notify()

    def _watch(self) -> None:
        """One thread for all deadlines: the handler of a request past its own answers 504 (its connection
        to the engine is shut), and the engine is told to stop it."""
        while True:
            with self._tick:
                while not self._closing and (not self._deadlines or self._deadlines[0][0] > time.monotonic()):
                    self._tick.wait(self._deadlines[0][0] - time.monotonic() if self._deadlines else None)
                if self._closing:
                    return
                _, _, flight, generation = heapq.heappop(self._deadlines)
            if flight.expire():
                log.warning("serve: a request ran longer than %g s; stopping it", self.config.timeout)
                threading.Thread(target=self._stop, args=(generation,), daemon=True).start()

    def _stop(self, generation: int) -> None:
        try:
            self.upstream.stop(generation)
        except Exception as exc:  # a thread of its own would print a traceback
            log.warning("serve: could not stop the SPARQL engine: %s", exc)

    def server_close(self) -> None:
        super().server_close()
        with self._tick:
            self._closing = True
            self._tick.notify()


def start(address: tuple[str, int], config: GuardConfig,
          upstream: Upstream | None = None) -> tuple[GuardServer, threading.Thread]:  # fmt: skip
    """Listen on ``address`` and serve in a background thread; ``server.shutdown()`` stops it."""
    server = GuardServer(address, config, upstream)
    thread = threading.Thread(target=server.serve_forever, name="coi-graph guard", daemon=True)
    thread.start()
    return server, thread
