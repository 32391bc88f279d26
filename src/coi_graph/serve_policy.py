"""What the guard of ``coi-graph serve`` lets through: decisions on a request's method, target, headers and
body, with no network in them (``guard.py`` does the HTTP; docs/deploy.md says what and why)."""

from __future__ import annotations

import contextlib
import hmac
import ipaddress
from collections.abc import Iterator
from email.message import Message
from urllib.parse import parse_qs, urlsplit

from coi_graph.query.network import network_keyword

TOKEN_HEADER = "X-COI-Graph-Token"
_FORM = "application/x-www-form-urlencoded"
_SPARQL_BODIES = ("application/sparql-query", "application/sparql-update")
_SPARQL_FIELDS = ("query", "update")
# what a page of any site may send without the browser asking the server first (CORS "simple" requests)
_SIMPLE_BODIES = frozenset(("", _FORM, "multipart/form-data", "text/plain"))
_QUERY_PATHS = ("/query", "/sparql")  # a POST there is a read unless it carries an update
_WILDCARDS = ("0.0.0.0", "::", "")


def split_bind(bind: str) -> tuple[str, int]:
    """``127.0.0.1:7878``, ``localhost:80`` or ``[::1]:7878`` to a host and a port (``--bind`` of ``serve`` and
    of ``review --web``)."""
    from coi_graph.errors import CoiGraphError

    host, sep, port = bind.rpartition(":")
    host = host[1:-1] if host.startswith("[") and host.endswith("]") else host
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise CoiGraphError(f"--bind {bind!r}: write HOST:PORT", hint="e.g. --bind 127.0.0.1:7878")
    return host, int(port)


def is_loopback(host: str) -> bool:
    """Whether a server bound to ``host`` answers this machine only."""
    return host == "localhost" or host.startswith("127.") or host == "::1"


def _fields(target: str, content_type: str | None, body: bytes) -> tuple[str, dict[str, list[str]]]:
    """The body's media type, and the fields of the URL and of a form body."""
    fields = parse_qs(urlsplit(target).query, keep_blank_values=True)
    media = (content_type or "").split(";", 1)[0].strip().lower()
    if media == _FORM:
        for name, values in parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True).items():
            fields.setdefault(name, []).extend(values)
    return media, fields


def sparql_texts(target: str, content_type: str | None, body: bytes) -> Iterator[str]:
    """Every SPARQL query or update a request carries: URL fields, a form body, or a SPARQL body."""
    media, fields = _fields(target, content_type, body)
    for name in _SPARQL_FIELDS:
        yield from fields.get(name, [])
    if media in _SPARQL_BODIES:
        yield body.decode("utf-8", errors="replace")


def charset(content_type: str | None) -> str | None:
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


def split_host(value: str) -> tuple[str, int | None] | None:
    """``name``, ``name:port``, ``[v6]:port`` to a lower-case name and a port (None if not given)."""
    value = value.strip().lower()
    if value.startswith("["):
        name, bracket, rest = value[1:].partition("]")
        if not bracket or (rest and not rest.startswith(":")):
            return None
        port = rest[1:]
    else:
        name, _, port = value.partition(":")
    if not name or any(c in name for c in "/@ \t\\") or (port and not port.isdigit()):
        return None
    return name, int(port) if port else None


def _ip(name: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    with contextlib.suppress(ValueError):
        return ipaddress.ip_address(name)
    return None


def _named(value: str, allowed: tuple[str, ...]) -> bool:
    """Whether host[:port] ``value`` is one of the names given with ``--allowed-host`` (any port if none)."""
    given = split_host(value)
    if given is None:
        return False
    return any(
        name == given[0] and port in (None, given[1] or 80) for name, port in filter(None, map(split_host, allowed))
    )


def host_allowed(value: str | None, bound: tuple[str, int], allowed: tuple[str, ...] = ()) -> bool:
    """Whether a ``Host`` header names this server: the address it listens on (for a loopback address,
    any loopback name; for a wildcard, any address of the machine), or one of ``allowed``."""
    parsed = split_host(value or "")
    if parsed is None:
        return False
    if _named(value or "", allowed):
        return True
    name, port = parsed
    host, bound_port = bound[0].lower(), bound[1]
    if (port or 80) != bound_port:
        return False
    ip, bound_ip = _ip(name), _ip(host)
    if host in _WILDCARDS:  # an address literal cannot be a name an attacker controls
        return name == "localhost" or ip is not None
    if host == "localhost" or (bound_ip is not None and bound_ip.is_loopback):
        return name == "localhost" or (ip is not None and ip.is_loopback)
    return name == host or (ip is not None and ip == bound_ip)


def _same_origin(origin: str, host: str, allowed: tuple[str, ...]) -> bool:
    parts = urlsplit(origin.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return False  # 'null': a sandboxed frame, a file, a redirect across sites
    return parts.netloc.lower() == host.strip().lower() or _named(parts.netloc, allowed)


def given_token(headers: Message, cookie_name: str) -> str:
    """The token a request carries: the ``X-COI-Graph-Token`` header, else the cookie ``cookie_name``."""
    # by hand: http.cookies stops at the first cookie it finds malformed, another program's perhaps
    pairs = (p.strip().partition("=") for h in headers.get_all("Cookie") or [] for p in h.split(";"))
    cookies = [value for name, _, value in pairs if name == cookie_name]
    return str(headers.get(TOKEN_HEADER) or (cookies[0] if cookies else ""))


def token_matches(given: str, token: str) -> bool:
    """Whether ``given`` is the server's ``token`` (compared in constant time)."""
    return bool(token) and hmac.compare_digest(given.encode(), token.encode())


def cross_site(headers: Message, allowed: tuple[str, ...]) -> str | None:
    """Why a request comes from another site (its ``Sec-Fetch-Site``, or an ``Origin`` that is not the
    ``Host`` it was sent to nor one of ``allowed``), or None for a request of the server's own pages or of
    a program (no ``Origin``)."""
    site = str(headers.get("Sec-Fetch-Site") or "").strip().lower()
    origin = headers.get("Origin")
    if site not in ("", "same-origin", "none") or (
        origin is not None and not _same_origin(str(origin), str(headers.get("Host") or ""), allowed)
    ):
        return f"Origin: {origin}, Sec-Fetch-Site: {site or '-'}"
    return None


def write_refusal(method: str, target: str, headers: Message, body: bytes, *, read_write: bool,
                  allowed: tuple[str, ...], token: str, cookie_name: str) -> str | None:  # fmt: skip
    """Why a write is refused: a read-only server, another site, or a form without the token; None for a
    read (GET, HEAD, OPTIONS, a query posted to /query or /sparql) and for a write that may go."""
    if method in ("GET", "HEAD", "OPTIONS"):
        return None
    media, fields = _fields(target, headers.get("Content-Type"), body)
    query_path = method == "POST" and urlsplit(target).path in _QUERY_PATHS
    if query_path and media != "application/sparql-update" and "update" not in fields:
        return None  # a query
    if not read_write:
        return "refused: this server is read-only; start it with 'coi-graph serve --read-write' to accept updates"
    foreign = cross_site(headers, allowed)
    if foreign:
        return (f"refused: a write from another site ({foreign}); "
                "this server accepts writes only from its own pages and from programs")  # fmt: skip
    given = given_token(headers, cookie_name)
    if method == "POST" and media in _SIMPLE_BODIES and not hmac.compare_digest(given.encode(), token.encode()):
        return (f"refused: a write sent as {media or 'a body without Content-Type'} needs this server's token, "
                "since any web page can post that: send it as application/sparql-update (or RDF data), "
                f"or with the token of the query page (its cookie, or the {TOKEN_HEADER} header)")  # fmt: skip
    return None
