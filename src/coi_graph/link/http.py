"""A small, polite HTTP client for Wikidata and reconciliation services.

* an on-disk cache (one JSON file per request, keyed by the SHA-256 of method, URL and body), read
  first, so that a second run and every test work offline;
* a descriptive User-Agent, as the Wikimedia User-Agent policy asks;
* rate limiting (a minimum interval between requests to the network);
* retries with exponential backoff on HTTP 429 and 5xx and on timeouts, honouring ``Retry-After``;
* a timeout on every request;
* offline by default: without ``allow_network`` a request that is not cached fails with
  :class:`OfflineError`, and nothing is written.

Only the standard library is used (``urllib``).
"""

from __future__ import annotations

import hashlib
import json
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coi_graph.errors import CoiGraphError
from coi_graph.fsutil import atomic_write

PROJECT_URL = "https://w3id.org/coi-graph"


def user_agent() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        release = version("coi-graph")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
        release = "unknown"
    return f"coi-graph/{release} ({PROJECT_URL}; COI knowledge-graph toolkit) python-urllib"


class HttpError(CoiGraphError):
    """A request failed after its retries, or the answer was not what the API documents."""


class OfflineError(HttpError):
    """A request is needed that is not in the cache, and the network is not allowed."""


@dataclass
class Client:
    cache_dir: Path | None
    allow_network: bool = False
    timeout: float = 20.0
    retries: int = 4
    backoff: float = 1.0  # seconds before the first retry; doubled each time
    min_interval: float = 1.0  # seconds between two requests to the network
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    requests_made: int = 0
    _last: float | None = field(default=None, repr=False)

    def get_json(self, url: str, params: Mapping[str, str] | None = None) -> Any:
        full = url + ("?" + urllib.parse.urlencode(sorted(params.items())) if params else "")
        return self._json("GET", full, None)

    def post_json(self, url: str, form: Mapping[str, str]) -> Any:
        body = urllib.parse.urlencode(sorted(form.items())).encode("utf-8")
        return self._json("POST", url, body)

    # --- internals ------------------------------------------------------------------------------

    def _key(self, method: str, url: str, body: bytes | None) -> str:
        digest = hashlib.sha256(method.encode() + b" " + url.encode() + b"\n" + (body or b"")).hexdigest()
        return digest

    def _json(self, method: str, url: str, body: bytes | None) -> Any:
        key = self._key(method, url, body)
        path = self.cache_dir / f"{key}.json" if self.cache_dir is not None else None
        if path is not None and path.is_file():
            return json.loads(path.read_text(encoding="utf-8"))["response"]
        if not self.allow_network:
            raise OfflineError(
                f"{method} {_short(url)} is not in the cache and the network is not allowed",
                hint="rerun with --allow-network (the machine needs internet access); nothing was changed",
            )
        text = self._fetch(method, url, body)
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise HttpError(f"{_short(url)} answered with something that is not JSON: {text[:80]!r}") from exc
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            record = {"method": method, "url": url, "body": body.decode("utf-8") if body else None, "response": data}
            with atomic_write(path) as handle:
                handle.write(json.dumps(record, ensure_ascii=False, sort_keys=True, indent=1))
        return data

    def _fetch(self, method: str, url: str, body: bytes | None) -> str:
        headers = {"User-Agent": user_agent(), "Accept": "application/json"}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        delay = self.backoff
        last_problem = ""
        for attempt in range(self.retries + 1):
            self._wait_turn()
            request = urllib.request.Request(url, data=body, headers=headers, method=method)
            self.requests_made += 1
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    raw: bytes = response.read()
                    text = raw.decode("utf-8")
                    lagged = _maxlag(text)
                    if lagged is None:
                        return text
                    # the Wikidata API answers 200 with error "maxlag" when its replicas lag: wait, retry
                    last_problem = f"the server is lagging ({lagged})"
                    wait = max(delay, retry_after_seconds(response.headers.get("Retry-After")) or 0.0)
            except urllib.error.HTTPError as exc:
                last_problem = f"HTTP {exc.code}"
                if exc.code != 429 and exc.code < 500:
                    raise HttpError(f"{method} {_short(url)} failed: HTTP {exc.code} {exc.reason}") from exc
                retry_after = retry_after_seconds(exc.headers.get("Retry-After") if exc.headers else None)
                wait = max(delay, retry_after or 0.0)
            except TimeoutError as exc:
                last_problem = f"no answer within {self.timeout:g} s"
                wait = delay
                del exc
            except urllib.error.URLError as exc:
                if isinstance(exc.reason, (TimeoutError, socket.timeout)):
                    last_problem = f"no answer within {self.timeout:g} s"
                    wait = delay
                else:
                    raise HttpError(
                        f"{method} {_short(url)}: cannot connect ({exc.reason})",
                        hint="check the network, or work offline from the cache (leave out --allow-network)",
                    ) from exc
            if attempt < self.retries:
                self.sleep(wait)
                delay *= 2
        raise HttpError(f"{method} {_short(url)} failed after {self.retries + 1} attempts: {last_problem}")

    def _wait_turn(self) -> None:
        now = self.clock()
        if self._last is not None and now - self._last < self.min_interval:
            self.sleep(self.min_interval - (now - self._last))
            now = self.clock()
        self._last = now


def _maxlag(text: str) -> str | None:
    """The message of a MediaWiki ``maxlag`` error answer, or None."""
    if '"maxlag"' not in text[:400]:
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return None
    error = data.get("error") if isinstance(data, dict) else None
    if isinstance(error, dict) and error.get("code") == "maxlag":
        return str(error.get("info", "maxlag"))
    return None


def retry_after_seconds(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


def _short(url: str) -> str:
    return url if len(url) <= 120 else url[:117] + "..."
