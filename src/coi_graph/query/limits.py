"""How long a query may run and how many rows it may return (``coi-graph query --timeout --max-rows``)."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_TIMEOUT = 300.0
DEFAULT_MAX_ROWS = 1_000_000


@dataclass(frozen=True)
class Limits:
    """Seconds a query may run and rows it may return; None: no limit."""

    timeout: float | None = DEFAULT_TIMEOUT
    max_rows: int | None = DEFAULT_MAX_ROWS


NO_LIMITS = Limits(timeout=None, max_rows=None)
