"""The workbench's local web server (``coi-graph review --web``), hardened as ``coi-graph serve`` is.

It listens on 127.0.0.1 unless told otherwise and answers:

- a request whose ``Host`` is not the address it listens on (or a name given with ``--allowed-host``):
  **403**, against DNS rebinding (:func:`coi_graph.serve_policy.host_allowed`);
- a request without the server's token: **403**. The token is new at each start and printed in the URL
  (``/?token=…``); opening that URL sets it as a cookie (``HttpOnly``, ``SameSite=Strict``) and redirects
  to the same page without it. Programs may send it in the ``X-COI-Graph-Token`` header;
- a ``POST`` from another site (its ``Origin`` or ``Sec-Fetch-Site``, :func:`coi_graph.serve_policy.
  cross_site`), or without the token: **403**, nothing changed; a ``POST`` that is not JSON: **415**.

Every page carries a Content-Security-Policy that allows scripts, styles and requests only from the server
itself and no inline script or style; every text from the data is escaped (``templates.py``).

Pages: ``/`` (documents), ``/doc/<id>``; JSON: ``/api/docs``, ``/api/doc/<id>``, ``/api/entities?q=``,
``/api/schema`` (the relations, modalities, precisions and entity types the forms offer);
writes: ``POST /api/candidate/<doc id>/<n>/accept|reject|edit``, ``/api/claim``, ``/api/entity``,
``/api/sentence`` (nothing to claim), ``/api/undo``, done by :mod:`coi_graph.workbench.actions` (validated
before anything is written; 422 with the violations when refused), for the reviewer named at start
(``--reviewer``; without one, 403).
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
import secrets
import socket
import sys
import threading
import webbrowser
from dataclasses import dataclass, field
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from coi_graph import serve_policy as policy
from coi_graph.errors import CoiGraphError
from coi_graph.workbench import templates
from coi_graph.workbench.actions import DEFAULT_CACHE, Workbench
from coi_graph.workbench.api import Refused, candidate_fields, perform, result_json, schema_json, write_support
from coi_graph.workbench.documents import DOC_ID
from coi_graph.workbench.fields import Schema
from coi_graph.workbench.reader import Reader
from coi_graph.workbench.view import NotFound, to_json

log = logging.getLogger("coi_graph")

STATIC = Path(__file__).parent / "static"
_STATIC_TYPES = {"workbench.js": "text/javascript; charset=utf-8", "workbench.css": "text/css; charset=utf-8"}
MAX_BODY = 1024 * 1024
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")  # fmt: skip
SECURITY_HEADERS = (
    ("Content-Security-Policy", CSP),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "no-referrer"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Cross-Origin-Resource-Policy", "same-origin"),
    ("Cache-Control", "no-store"),
)
_CANDIDATE_ACTION = re.compile(r"/api/candidate/(?P<doc>[^/]+)/(?P<number>[0-9]{1,6})/(?P<action>accept|reject|edit)")
_OTHER_ACTIONS = {"/api/claim": "add_claim", "/api/entity": "create_entity", "/api/sentence": "nothing_to_claim",
                  "/api/undo": "undo"}  # fmt: skip


@dataclass(frozen=True)
class Config:
    """What the server serves and to whom."""

    data_dir: Path
    reviewer: str | None = None
    allowed_hosts: tuple[str, ...] = ()
    drafts_dir: Path | None = None
    token: str = field(default_factory=lambda: secrets.token_urlsafe(32), repr=False)
    day: date | None = None  # the day recorded on decisions; None: the day each is taken
    cache_dir: Path | None = DEFAULT_CACHE  # Wikidata proposals for new entities: the HTTP cache ...
    allow_network: bool = False  # ... and, only when allowed, the reconciliation service
    endpoint: str | None = None  # the reconciliation service and the Wikibase API (default: Wikidata's)
    api: str | None = None


class _Handler(BaseHTTPRequestHandler):
    server: WorkbenchServer
    protocol_version = "HTTP/1.1"

    def setup(self) -> None:
        super().setup()
        self.connection.settimeout(30)

    def version_string(self) -> str:
        return "coi-graph"

    def log_message(self, format: str, *args: object) -> None:
        log.debug("workbench: " + format, *args)

    # answers -----------------------------------------------------------------------------------------

    def _send(self, status: int, body: bytes, content_type: str, headers: tuple[tuple[str, str], ...] = ()) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        for name, value in SECURITY_HEADERS + headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        if self.command != "HEAD":
            self.wfile.write(body)

    def _html(self, status: int, text: str) -> None:
        self._send(status, text.encode("utf-8"), "text/html; charset=utf-8")

    def _json(self, status: int, data: object) -> None:
        self._send(status, (to_json(data) + "\n").encode("utf-8"), "application/json; charset=utf-8")

    def _error(self, status: int, message: str) -> None:
        if self._wants_json():
            self._json(status, {"error": message, "status": status})
        else:
            title = {403: "Refused", 404: "Not found", 501: "Not implemented"}.get(status, "Error")
            self._html(status, templates.message_page(title, message, status))

    def _wants_json(self) -> bool:
        return urlsplit(self.path).path.startswith("/api/") or self.command == "POST"

    # checks ------------------------------------------------------------------------------------------

    def _check_host(self) -> None:
        host = self.headers.get("Host")
        if not policy.host_allowed(host, self.server.bound, self.server.config.allowed_hosts):
            raise Refused(403, f"refused: this server does not answer to the name {host!r} (it may be a web page "
                               "that renamed it); use its address, or start it with --allowed-host NAME")  # fmt: skip

    def _has_token(self) -> bool:
        given = policy.given_token(self.headers, self.server.cookie_name)
        return policy.token_matches(given, self.server.config.token)

    def _check_write(self) -> dict[str, Any]:
        """The JSON body of a POST that may go; Refused otherwise."""
        foreign = policy.cross_site(self.headers, self.server.config.allowed_hosts)
        if foreign:
            raise Refused(403, f"refused: a request from another site ({foreign}); the workbench accepts "
                               "changes only from its own pages")  # fmt: skip
        if not self._has_token():
            raise Refused(403, "refused: this request needs the workbench's token (open the URL it printed at start, "
                               f"or send the {policy.TOKEN_HEADER} header)")  # fmt: skip
        for name in ("Content-Length", "Content-Type", "Transfer-Encoding"):
            if len(self.headers.get_all(name) or []) > 1:
                raise Refused(400, f"send one {name} header, not several")
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            raise Refused(411, "send the request with a Content-Length")
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError as exc:
            raise Refused(400, "the Content-Length header is not a number") from exc
        if length < 0 or length > MAX_BODY:
            raise Refused(413, f"the request is larger than {MAX_BODY // 1024} KB")
        body = self.rfile.read(length) if length else b""
        media = (self.headers.get("Content-Type") or "").split(";", 1)[0].strip().lower()
        if body and media != "application/json":
            raise Refused(415, "send the request as application/json")
        try:
            data = json.loads(body.decode("utf-8")) if body else {}
        except (UnicodeDecodeError, ValueError) as exc:
            raise Refused(400, f"the request is not JSON: {exc}") from exc
        if not isinstance(data, dict):
            raise Refused(400, "send a JSON object")
        return data

    # methods -----------------------------------------------------------------------------------------

    def do_GET(self) -> None:
        self._guarded(self._get)

    def do_HEAD(self) -> None:
        self._guarded(self._get)

    def do_POST(self) -> None:
        self._guarded(self._post)

    def _not_allowed(self) -> None:
        self._guarded(lambda: self._error(405, f"{self.command} is not answered here: use GET or POST"))

    do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _not_allowed

    def _guarded(self, handle: Any) -> None:
        try:
            self._check_host()
            handle()
        except Refused as exc:
            if exc.status == 403:
                log.warning("workbench: %s %s from %s: %s", self.command, self.path[:80], self.client_address[0], exc)
            self._error(exc.status, str(exc))
        except NotFound as exc:
            self._error(404, exc.message if hasattr(exc, "message") else str(exc))
        except CoiGraphError as exc:
            self._error(500, exc.render())
        except (BrokenPipeError, ConnectionResetError):
            pass
        except Exception:
            log.exception("workbench: %s %s failed", self.command, self.path[:80])
            self._error(500, "internal error; the server's log says more (run with -v)")

    def _get(self) -> None:
        parts = urlsplit(self.path)
        path, query = parts.path, parse_qs(parts.query)
        if path.startswith("/static/"):
            name = path[len("/static/") :]
            if name not in _STATIC_TYPES:
                raise Refused(404, "no such file")
            self._send(200, (STATIC / name).read_bytes(), _STATIC_TYPES[name])
            return
        if "token" in query:  # the URL printed at start: keep the token as a cookie, and drop it from the URL
            if not policy.token_matches(query["token"][0], self.server.config.token):
                raise Refused(403, "refused: this is not the workbench's token; open the URL it printed at start")
            rest = urlencode([(k, v) for k, vs in query.items() if k != "token" for v in vs], doseq=True)
            cookie = f"{self.server.cookie_name}={self.server.config.token}; Path=/; HttpOnly; SameSite=Strict"
            self._send(303, b"", "text/plain; charset=utf-8",
                       (("Location", path + (f"?{rest}" if rest else "")), ("Set-Cookie", cookie)))  # fmt: skip
            return
        if not self._has_token():
            raise Refused(403, "refused: open the workbench with the URL it printed at start (it holds a token "
                               "that keeps other programs and users out), or send the "
                               f"{policy.TOKEN_HEADER} header")  # fmt: skip
        workbench = self.server.workbench
        if path == "/":
            self._html(200, templates.document_list(workbench.documents(), str(workbench.data_dir)))
        elif path.startswith("/doc/"):
            view = workbench.document(_doc_id(path[len("/doc/") :]))
            writable, reason = write_support(self.server.config)
            fields = candidate_fields(view, self.server.write_schema())
            self._html(200, templates.document_page(view, writable=writable, reason=reason, fields=fields))
        elif path == "/api/docs":
            self._json(200, [d.to_dict() for d in workbench.documents()])
        elif path.startswith("/api/doc/"):
            self._json(200, workbench.document(_doc_id(path[len("/api/doc/") :])).to_dict())
        elif path == "/api/schema":
            self._json(200, self.server.schema())
        elif path == "/api/entities":
            text = (query.get("q") or [""])[0]
            types = [t for value in query.get("type", []) for t in value.split(",")]
            try:
                limit = max(1, min(100, int((query.get("limit") or ["20"])[0])))
            except ValueError as exc:
                raise Refused(400, "limit must be a number") from exc
            hits = workbench.search_entities(text, types or None, limit)
            self._json(200, {"query": text, "types": types, "hits": [vars(h) for h in hits]})
        else:
            raise Refused(404, f"nothing at {path}")

    def _post(self) -> None:
        data = self._check_write()
        path = urlsplit(self.path).path
        match = _CANDIDATE_ACTION.fullmatch(path)
        if match:
            action = match["action"]
            arguments: dict[str, Any] = {"doc": _doc_id(match["doc"]), "number": int(match["number"]), **data}
        elif path in _OTHER_ACTIONS:
            action, arguments = _OTHER_ACTIONS[path], dict(data)
        else:
            raise Refused(404, f"nothing to post to at {path}")
        writable, reason = write_support(self.server.config)
        if not writable:
            raise Refused(403, f"{action}: {reason}")
        status, answer = result_json(perform(self.server.bench(), action, arguments))
        self._json(status, answer)


def _doc_id(text: str) -> str:
    if not DOC_ID.fullmatch(text):
        raise Refused(404, "no such document")
    return text


class WorkbenchServer(ThreadingHTTPServer):
    """One thread per request; writes one at a time."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], config: Config) -> None:
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        super().__init__(address, _Handler)
        self.config = config
        self.bound = (address[0], int(self.server_address[1]))
        self.cookie_name = f"coi-graph-workbench-{self.bound[1]}"
        self.workbench = Reader(config.data_dir, config.drafts_dir)
        self._bench: Workbench | None = None
        self._bench_lock = threading.Lock()
        self._schema: dict[str, Any] | None = None
        self._write_schema: Schema | None = None

    def bench(self) -> Workbench:
        """The write side, one for the server's life: its history is what undo puts back."""
        with self._bench_lock:
            if self._bench is None:
                c = self.config
                assert c.reviewer
                self._bench = Workbench(c.data_dir, c.reviewer, c.day, cache_dir=c.cache_dir,
                                        allow_network=c.allow_network, endpoint=c.endpoint, api=c.api)  # fmt: skip
            return self._bench

    def write_schema(self) -> Schema:
        """The write side's schema, loaded once."""
        with self._bench_lock:
            if self._write_schema is None:
                self._write_schema = Schema.load()
            return self._write_schema

    def schema(self) -> dict[str, Any]:
        """What the page offers in its forms: the relations the actions accept (with the type each end must
        have), the modalities, the precisions of a date and the kinds of entity that may be created."""
        if self._schema is None:
            self._schema = schema_json(self.write_schema())
        return self._schema

    @property
    def base(self) -> str:
        host, port = self.bound
        shown = "127.0.0.1" if host in ("", "0.0.0.0") else ("[::1]" if host == "::" else host)
        return f"http://[{shown}]:{port}" if ":" in shown and not shown.startswith("[") else f"http://{shown}:{port}"

    @property
    def url(self) -> str:
        """The address to open, with the token."""
        return f"{self.base}/?token={self.config.token}"

    def handle_error(self, request: Any, client_address: Any) -> None:
        log.debug("workbench: the connection from %s ended early: %s", client_address[0], sys.exc_info()[1])


def start(address: tuple[str, int], config: Config) -> tuple[WorkbenchServer, threading.Thread]:
    """Listen on ``address`` and serve in a background thread; ``server.shutdown()`` stops it."""
    server = WorkbenchServer(address, config)
    thread = threading.Thread(target=server.serve_forever, name="coi-graph workbench", daemon=True)
    thread.start()
    return server, thread


def run(config: Config, bind: str, *, open_browser: bool = False) -> None:
    """Serve until Ctrl-C or SIGTERM (the command line's ``review --web``)."""
    import signal

    from coi_graph.serve_policy import is_loopback, split_bind

    if not (config.data_dir / "documents").is_dir():
        raise CoiGraphError(
            f"no documents in {config.data_dir}", hint="run from the project folder, or pass --data DIR"
        )
    for name in config.allowed_hosts:
        if policy.split_host(name) is None:
            raise CoiGraphError(f"--allowed-host {name!r}: write a host name, with :PORT or without",
                                hint="e.g. --allowed-host workbench.example.org")  # fmt: skip
    host, port = split_bind(bind)
    if not is_loopback(host):
        log.warning("warning: the workbench on %s is reachable from other machines", bind)
    try:
        server, thread = start((host, port), config)
    except OSError as exc:
        raise CoiGraphError(f"cannot listen on {host}:{port}: {exc.strerror or exc}",
                            hint="choose another port with --bind HOST:PORT") from exc  # fmt: skip
    writable, reason = write_support(config)
    print(f"workbench for {config.data_dir}: {server.url}", flush=True)
    log.info("%s Ctrl-C stops.", f"Reviewing as {config.reviewer}." if writable else reason)
    if open_browser:
        webbrowser.open_new_tab(server.url)

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        while thread.is_alive():
            thread.join(0.5)
    except KeyboardInterrupt:
        log.info("stopped")
    finally:
        signal.signal(signal.SIGTERM, previous)
        with contextlib.suppress(Exception):
            server.shutdown()
        server.server_close()
