#!/usr/bin/env python3
"""Audit the installed Python distributions against the package index's JSON API.

    .venv/bin/python .ci/audit.py                      # the environment of this interpreter
    .venv/bin/python .ci/audit.py -r constraints/ci.txt  # the pins of a requirements/constraints file
    .venv/bin/python .ci/audit.py --strict             # exit 1 on any finding (CI only reports)

For each distribution it asks https://pypi.org/pypi/<name>/json and reports:

- VULNERABLE: advisories in the document's `vulnerabilities` field. PyPI fills that field for the
  project's *latest* release only, so it is applied only when the installed version is the latest;
  an older version is reported as "not checked" (not as clean).
- YANKED: the installed version was yanked from the index, with the reason given.
- UNKNOWN: the index does not know the project (404), or not the installed version.
- skipped: installed from a local directory (the project itself, editable installs).

Why not pip-audit: its PyPI service asks https://pypi.org/pypi/<name>/<version>/json and its OSV
service asks api.osv.dev; on the CI machine the first answers 404 and the second is unreachable,
so pip-audit reports every package as "could not be audited". See docs/dependencies.md.

Exit status: 0 when the audit ran, whatever it found (findings are reported in the log), and 0 with
"index unreachable: audit skipped" when the index cannot be reached, so that CI does not go red
because of the network. With --strict: 1 when there is any finding (vulnerable, yanked, unknown,
fetch error), 2 when the index is unreachable.

Standard library only: it runs in any environment it audits.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib import metadata
from typing import Any, TextIO

INDEX = "https://pypi.org/pypi"
USER_AGENT = "coi-graph-ci-audit/1 (python-urllib; stdlib only)"
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})

Project = dict[str, Any]
"""The index's JSON document of one project."""
Fetch = Callable[[str], Project | None]
"""Fetch a project's document by canonical name; None if the index does not know it (404).
Raises IndexUnreachable when the index could not be asked."""


class IndexUnreachable(Exception):
    """The index did not answer (network error, timeout, server error) after the retries."""


# Kinds of issue, in the order a row's status is chosen. The first four are findings (--strict fails).
VULNERABLE = "VULNERABLE"
YANKED = "YANKED"
UNKNOWN = "UNKNOWN"
ERROR = "ERROR"
NOT_CHECKED = "not checked"
SKIPPED = "skipped"
OK = "ok"
FINDINGS = (VULNERABLE, YANKED, UNKNOWN, ERROR)
ORDER = (*FINDINGS, NOT_CHECKED, SKIPPED, OK)


@dataclass(frozen=True)
class Dist:
    """An installed distribution (or a pin of a requirements file)."""

    name: str
    version: str
    local: bool = False  # installed from a local directory or file: not audited against the index


@dataclass
class Result:
    """What the audit says about one distribution."""

    dist: Dist
    latest: str | None = None
    issues: list[tuple[str, str]] = field(default_factory=list)  # (kind, text)

    @property
    def status(self) -> str:
        kinds = {kind for kind, _ in self.issues}
        return next((kind for kind in ORDER if kind in kinds), OK)

    @property
    def findings(self) -> list[tuple[str, str]]:
        return [(kind, text) for kind, text in self.issues if kind in FINDINGS]


def canonical_name(name: str) -> str:
    """PEP 503 normalised name."""
    return re.sub(r"[-_.]+", "-", name).lower()


def version_key(version: str) -> str:
    """A comparison key for versions: lower case, no leading 'v', and trailing '.0' release segments
    dropped so that 1.0 and 1.0.0 compare equal. Not full PEP 440, which needs no more here: the index
    lists versions as uploaded and installed metadata carries the same string."""
    v = version.strip().lower().removeprefix("v")
    match = re.match(r"(\d+(?:\.\d+)*)(.*)", v)
    if not match:
        return v
    release = re.sub(r"(?:\.0+)+$", "", match.group(1)) or "0"
    return release + match.group(2)


def _find_release(project: Project, version: str) -> list[dict[str, Any]] | None:
    releases: dict[str, list[dict[str, Any]]] = project.get("releases") or {}
    if version in releases:
        return releases[version]
    key = version_key(version)
    for listed, files in releases.items():
        if version_key(listed) == key:
            return files
    return None


def _advisory_text(vuln: dict[str, Any]) -> str:
    ids = [str(vuln.get("id", "?")), *(str(a) for a in vuln.get("aliases") or [])]
    fixed = ", ".join(str(f) for f in vuln.get("fixed_in") or []) or "no fixed release"
    text = f"{' / '.join(ids)} (fixed in: {fixed})"
    summary = vuln.get("summary") or vuln.get("details") or ""
    summary = " ".join(str(summary).split())
    if summary:
        text += f": {summary[:100]}{'...' if len(summary) > 100 else ''}"
    if vuln.get("link"):
        text += f" <{vuln['link']}>"
    return text


def check(dist: Dist, project: Project | None) -> Result:
    """The audit of one distribution, given the index's document of its project (None: 404)."""
    result = Result(dist)
    if dist.local:
        result.issues.append((SKIPPED, "installed from a local directory: not on the index"))
        return result
    if project is None:
        result.issues.append((UNKNOWN, "the index does not know this project"))
        return result
    latest = str((project.get("info") or {}).get("version") or "") or None
    result.latest = latest
    files = _find_release(project, dist.version)
    if files is None:
        result.issues.append((UNKNOWN, f"version {dist.version} is not a release on the index"))
    else:
        yanked = [f for f in files if f.get("yanked")]
        if yanked:
            reason = next((str(f["yanked_reason"]).strip() for f in yanked if f.get("yanked_reason")), "")
            result.issues.append((YANKED, f"version {dist.version} was yanked: {reason or 'no reason given'}"))
    if latest is not None and version_key(latest) == version_key(dist.version):
        seen: set[str] = set()  # the same advisory is often listed under each of its ids (PYSEC, GHSA)
        for vuln in project.get("vulnerabilities") or []:
            ids = {str(vuln.get("id")), *(str(a) for a in vuln.get("aliases") or [])}
            if not vuln.get("withdrawn") and not ids & seen:
                result.issues.append((VULNERABLE, _advisory_text(vuln)))
            seen |= ids
    else:
        result.issues.append((NOT_CHECKED, f"not checked: advisory data covers only the latest release {latest}"))
    return result


def audit(dists: Iterable[Dist], fetch: Fetch, workers: int = 6) -> list[Result]:
    """Check every distribution. The first request to the index is a probe: if it fails, the index is
    unreachable and IndexUnreachable propagates (nothing was audited). Later failures are reported
    per distribution as ERROR."""
    todo = [d for d in dists if not d.local]
    results = [check(d, None) for d in dists if d.local]
    if not todo:
        return results

    def one(dist: Dist) -> Result:
        try:
            return check(dist, fetch(canonical_name(dist.name)))
        except IndexUnreachable as exc:
            return Result(dist, issues=[(ERROR, f"index did not answer: {exc}")])

    results.append(check(todo[0], fetch(canonical_name(todo[0].name))))  # the probe
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        results.extend(pool.map(one, todo[1:]))
    return results


def make_fetch(
    index: str = INDEX,
    timeout: float = 20.0,
    retries: int = 2,
    backoff: float = 1.0,
    user_agent: str = USER_AGENT,
) -> Fetch:
    """A fetch function asking `index` (PyPI's JSON API layout: <index>/<name>/json)."""

    def fetch(name: str) -> Project | None:
        url = f"{index.rstrip('/')}/{urllib.parse.quote(name)}/json"
        request = urllib.request.Request(
            url, headers={"User-Agent": user_agent, "Accept": "application/json", "Accept-Encoding": "gzip"}
        )
        problem = "no attempt"
        for attempt in range(retries + 1):
            if attempt:
                time.sleep(backoff * 2 ** (attempt - 1))
            try:
                with urllib.request.urlopen(request, timeout=timeout) as response:
                    body: bytes = response.read()
                    if response.headers.get("Content-Encoding", "").lower() == "gzip":
                        body = gzip.decompress(body)
                document = json.loads(body)
                if not isinstance(document, dict):
                    raise ValueError("the answer is not a JSON object")
                return document
            except urllib.error.HTTPError as exc:
                if exc.code == 404:
                    return None
                problem = f"HTTP {exc.code} {exc.reason}"
                if exc.code not in RETRY_STATUS:
                    break
            except (urllib.error.URLError, OSError, ValueError) as exc:  # DNS, refused, timeout, bad body
                problem = str(getattr(exc, "reason", None) or exc) or type(exc).__name__
        raise IndexUnreachable(f"{url}: {problem}")

    return fetch


def installed_distributions() -> list[Dist]:
    """The distributions of this interpreter's environment (its sys.path), one per name."""
    seen: dict[str, Dist] = {}
    for dist in metadata.distributions():
        name = dist.metadata["Name"]
        if not name or canonical_name(name) in seen:
            continue  # an earlier sys.path entry shadows this one
        local = False
        direct_url = dist.read_text("direct_url.json")
        if direct_url:
            try:
                origin = json.loads(direct_url)
                local = "dir_info" in origin or str(origin.get("url", "")).startswith("file:")
            except ValueError:
                pass
        seen[canonical_name(name)] = Dist(name, dist.version, local)
    return sorted(seen.values(), key=lambda d: canonical_name(d.name))


def pinned_distributions(lines: Iterable[str]) -> list[Dist]:
    """The `name==version` pins of a requirements or constraints file (other lines are ignored)."""
    dists = []
    for line in lines:
        line = line.split("#", 1)[0].split(";", 1)[0].strip()
        match = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?\s*===?\s*([^\s,]+)", line)
        if match:
            dists.append(Dist(match.group(1), match.group(2)))
    return dists


def render(results: Sequence[Result], index: str = INDEX) -> str:
    """A table, findings first, then a summary line and what the audit cannot see."""
    rows = sorted(results, key=lambda r: (ORDER.index(r.status), canonical_name(r.dist.name)))
    header = ("package", "installed", "latest", "status", "details")
    cells = [(r.dist.name, r.dist.version, r.latest or "-", r.status) for r in rows]
    widths = [max([len(header[i])] + [len(c[i]) for c in cells]) for i in range(4)]

    def line(values: Sequence[str], details: str) -> str:
        return ("  ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)) + "  " + details).rstrip()

    out = [line(header[:4], header[4]), line(["-" * w for w in widths], "-" * 7)]
    for row, values in zip(rows, cells, strict=True):
        texts = [text for kind in ORDER for k, text in row.issues if k == kind]
        out.append(line(values, texts[0] if texts else ""))
        out.extend(line([""] * 4, text) for text in texts[1:])
    counts = {kind: sum(1 for r in results if r.status == kind) for kind in ORDER}
    out.append("")
    out.append(
        f"{len(results)} distributions audited against {index}: "
        + ", ".join(f"{counts[kind]} {kind.lower() if kind in FINDINGS else kind}" for kind in ORDER)
    )
    if counts[NOT_CHECKED]:
        out.append(
            f"{counts[NOT_CHECKED]} not checked for advisories: the index lists advisories for a project's "
            "latest release only; an older installed version may be affected by advisories fixed since."
        )
    return "\n".join(out) + "\n"


def main(
    argv: Sequence[str] | None = None,
    *,
    fetch: Fetch | None = None,
    dists: Sequence[Dist] | None = None,
    out: TextIO | None = None,
) -> int:
    parser = argparse.ArgumentParser(
        prog="audit.py", description="Report known vulnerabilities, yanked and unknown versions of installed packages."
    )
    parser.add_argument("-r", "--requirements", metavar="FILE", help="audit the name==version pins of FILE instead")
    parser.add_argument("--index", default=INDEX, help="JSON API base URL (default: %(default)s)")
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds per request (default: %(default)s)")
    parser.add_argument("--retries", type=int, default=2, help="retries per request (default: %(default)s)")
    parser.add_argument("--strict", action="store_true", help="exit 1 on any finding, 2 if the index is unreachable")
    args = parser.parse_args(argv)
    stream = out if out is not None else sys.stdout

    if dists is None:
        if args.requirements:
            with open(args.requirements, encoding="utf-8") as fh:
                dists = pinned_distributions(fh)
        else:
            dists = installed_distributions()
    if fetch is None:
        fetch = make_fetch(args.index, timeout=args.timeout, retries=args.retries)

    try:
        results = audit(dists, fetch)
    except IndexUnreachable as exc:
        stream.write(f"index unreachable: audit skipped ({exc})\n")
        return 2 if args.strict else 0
    stream.write(render(results, args.index))
    if args.strict and any(r.findings for r in results):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
