"""The dependency audit of CI (.ci/audit.py), replaying responses recorded from https://pypi.org/pypi/<name>/json.

The fixtures under tests/audit/ are those responses, trimmed; tests/audit/_404.json lists names the index
answered 404 for. The network is blocked in tests: the audit's fetch function is injected, and the real one
is tried against a local HTTP server.
"""

from __future__ import annotations

import gzip
import importlib.util
import io
import json
import re
import sys
from types import ModuleType
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "audit"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("ci_audit", ROOT / ".ci" / "audit.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


audit = _load()
NOT_FOUND = set(json.loads((FIXTURES / "_404.json").read_text(encoding="utf-8"))["not_found"])


def recorded(name: str) -> dict[str, Any] | None:
    """The index as recorded: a fixture's document, None for a recorded 404."""
    if name in NOT_FOUND:
        return None
    path = FIXTURES / f"{name}.json"
    assert path.exists(), f"no recorded response for {name}"
    document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return document


def unreachable(name: str) -> dict[str, Any] | None:
    raise audit.IndexUnreachable(f"https://pypi.org/pypi/{name}/json: [Errno -2] Name or service not known")


def run(*dists: Any, argv: tuple[str, ...] = (), fetch: Any = recorded) -> tuple[int, str]:
    out = io.StringIO()
    code = audit.main(list(argv), fetch=fetch, dists=list(dists), out=out)
    return code, out.getvalue()


def one(name: str, version: str) -> Any:
    return audit.check(audit.Dist(name, version), recorded(audit.canonical_name(name)))


def test_a_clean_latest_release_is_ok() -> None:
    result = one("rdflib", "7.6.0")
    assert (result.status, result.latest, result.issues) == ("ok", "7.6.0", [])


def test_advisories_of_the_latest_release_are_reported() -> None:
    result = one("pycrypto", "2.6.1")
    assert result.status == "VULNERABLE"
    texts = [text for kind, text in result.issues if kind == "VULNERABLE"]
    assert len(texts) == 2, "4 entries, 2 advisories: each is listed under its PYSEC and its GHSA id"
    assert texts[0].startswith(
        "PYSEC-2017-94 / CVE-2013-7459 / GHSA-cq27-v7xp-c356 (fixed in: no fixed release): Heap-based"
    )
    assert texts[0].endswith("<https://osv.dev/vulnerability/PYSEC-2017-94>")


def test_a_withdrawn_advisory_is_not_reported() -> None:
    project = recorded("pycrypto")
    assert project is not None
    for vuln in project["vulnerabilities"]:
        vuln["withdrawn"] = "2020-01-01T00:00:00Z"
    assert audit.check(audit.Dist("pycrypto", "2.6.1"), project).status == "ok"


def test_a_yanked_installed_version_is_reported_with_its_reason() -> None:
    result = one("requests", "2.32.0")
    assert result.status == "YANKED"
    assert result.issues == [
        ("YANKED", "version 2.32.0 was yanked: Yanked due to conflicts with CVE-2024-35195 mitigation"),
        ("not checked", "not checked: advisory data covers only the latest release 2.34.2"),
    ]


def test_an_outdated_version_is_not_checked_rather_than_called_clean() -> None:
    result = one("requests", "2.31.0")
    assert (result.status, result.latest) == ("not checked", "2.34.2")
    assert result.issues == [("not checked", "not checked: advisory data covers only the latest release 2.34.2")]
    assert result.findings == []


def test_an_outdated_version_is_not_blamed_for_the_latest_release_advisories() -> None:
    assert one("pycrypto", "2.6").status == "not checked"


def test_a_project_or_version_unknown_to_the_index() -> None:
    assert one("coi-graph", "0.1.0").issues == [("UNKNOWN", "the index does not know this project")]
    result = one("rdflib", "99.0")
    assert result.issues[0] == ("UNKNOWN", "version 99.0 is not a release on the index")


def test_names_and_versions_are_compared_normalised() -> None:
    assert audit.canonical_name("Typing_Extensions") == "typing-extensions"
    assert audit.check(audit.Dist("RDFLib", "7.6"), recorded("rdflib")).status == "ok"
    assert audit.version_key("1.0.0") == audit.version_key("1") != audit.version_key("1.0.1")


def test_the_report_puts_findings_first_and_counts_them() -> None:
    dists = [
        audit.Dist("rdflib", "7.6.0"),
        audit.Dist("requests", "2.31.0"),
        audit.Dist("pycrypto", "2.6.1"),
        audit.Dist("requests", "2.32.0"),
        audit.Dist("coi-graph", "0.1.0"),
        audit.Dist("coi-graph", "0.1.0", local=True),
    ]
    code, out = run(*dists)
    assert code == 0, "findings are reported, not fatal"
    lines = out.splitlines()
    assert lines[0].split() == ["package", "installed", "latest", "status", "details"]
    rows = [re.split(r"\s{2,}", line) for line in lines[2:] if line and not line.startswith(" ")][:-2]
    assert [(row[0], row[3]) for row in rows] == [
        ("pycrypto", "VULNERABLE"),
        ("requests", "YANKED"),
        ("coi-graph", "UNKNOWN"),
        ("requests", "not checked"),
        ("coi-graph", "skipped"),
        ("rdflib", "ok"),
    ]
    assert len(lines) == 2 + 6 + 1 + 1 + 3  # header, rows, a 2nd advisory and the yanked row's note, summary
    assert (
        "6 distributions audited against https://pypi.org/pypi: 1 vulnerable, 1 yanked, 1 unknown, 0 error, "
        "1 not checked, 1 skipped, 1 ok" in out
    )
    assert (
        "requests   2.31.0     2.34.2  not checked  not checked: advisory data covers only the latest release 2.34.2"
        in out
    )


def test_strict_fails_on_findings_only() -> None:
    assert run(audit.Dist("pycrypto", "2.6.1"), argv=("--strict",))[0] == 1
    assert run(audit.Dist("requests", "2.32.0"), argv=("--strict",))[0] == 1
    assert run(audit.Dist("rdflib", "7.6.0"), audit.Dist("requests", "2.31.0"), argv=("--strict",))[0] == 0


def test_an_unreachable_index_skips_the_audit_without_failing() -> None:
    code, out = run(audit.Dist("rdflib", "7.6.0"), fetch=unreachable)
    assert code == 0
    assert out.startswith("index unreachable: audit skipped (https://pypi.org/pypi/rdflib/json: ")
    assert run(audit.Dist("rdflib", "7.6.0"), fetch=unreachable, argv=("--strict",))[0] == 2


def test_a_later_failure_is_an_error_row_not_a_skipped_audit() -> None:
    def flaky(name: str) -> dict[str, Any] | None:
        return recorded(name) if name == "rdflib" else unreachable(name)

    code, out = run(audit.Dist("rdflib", "7.6.0"), audit.Dist("requests", "2.31.0"), fetch=flaky)
    assert code == 0
    assert "requests  2.31.0     -       ERROR   index did not answer: https://pypi.org/pypi/requests/json" in out


def test_pins_are_read_from_a_constraints_file() -> None:
    lines = ["# comment", "rdflib==7.6.0", "Foo_Bar[extra] == 1.0 ; python_version < '3.12'", "-e .", "numpy>=2"]
    assert audit.pinned_distributions(lines) == [audit.Dist("rdflib", "7.6.0"), audit.Dist("Foo_Bar", "1.0")]
    pins = audit.pinned_distributions((ROOT / "constraints" / "ci.txt").read_text(encoding="utf-8").splitlines())
    assert {"rdflib", "pyshacl", "pytest"} <= {audit.canonical_name(d.name) for d in pins}


def test_the_installed_environment_is_listed_once_per_name() -> None:
    dists = audit.installed_distributions()
    names = [audit.canonical_name(d.name) for d in dists]
    assert len(names) == len(set(names)) and "pytest" in names
    assert all(d.local for d in dists if audit.canonical_name(d.name) == "coi-graph")


@pytest.fixture
def index(httpserver: HTTPServer) -> str:
    return httpserver.url_for("/pypi")


def test_the_real_fetch_reads_gzip_json_and_maps_404_to_none(httpserver: HTTPServer, index: str) -> None:
    body = gzip.compress((FIXTURES / "rdflib.json").read_bytes())
    httpserver.expect_request("/pypi/rdflib/json", headers={"Accept-Encoding": "gzip"}).respond_with_response(
        Response(body, headers={"Content-Encoding": "gzip", "Content-Type": "application/json"})
    )
    httpserver.expect_request("/pypi/coi-graph/json").respond_with_data("Not Found", status=404)
    fetch = audit.make_fetch(index, timeout=5, retries=0)
    assert fetch("rdflib") == recorded("rdflib")
    assert fetch("coi-graph") is None
    assert httpserver.log[0][0].headers["User-Agent"].startswith("coi-graph-ci-audit/")


def test_the_real_fetch_retries_a_server_error_then_gives_up(httpserver: HTTPServer, index: str) -> None:
    httpserver.expect_ordered_request("/pypi/rdflib/json").respond_with_data("busy", status=503)
    httpserver.expect_ordered_request("/pypi/rdflib/json").respond_with_json({"info": {"version": "7.6.0"}})
    assert audit.make_fetch(index, timeout=5, retries=1, backoff=0)("rdflib") == {"info": {"version": "7.6.0"}}

    httpserver.clear()
    httpserver.expect_request("/pypi/rdflib/json").respond_with_data("busy", status=503)
    with pytest.raises(audit.IndexUnreachable, match="HTTP 503"):
        audit.make_fetch(index, timeout=5, retries=2, backoff=0)("rdflib")
    assert len(httpserver.log) == 3


def test_the_real_fetch_reports_a_blocked_network_as_unreachable() -> None:
    fetch = audit.make_fetch("http://192.0.2.1/pypi", timeout=5, retries=1, backoff=0)  # TEST-NET-1, no DNS
    with pytest.raises(audit.IndexUnreachable, match="network access blocked in tests"):
        fetch("rdflib")
