"""Taking in a further document of the same kinds: a report section with its own footnotes, end to end."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from coi_graph.compile.pipeline import build
from coi_graph.errors import CoiGraphError
from coi_graph.store import open_store, select
from tests.conftest import DATA

SECTION = """Please cite as: EUAA, '[2.1. Armed groups](#)' in *COI Report - Testland: Security Situation*, June 2025.

2.1. Armed groups

The SDF controls parts of northeastern Syria.[12](#) Fighting continued near Raqqa.[13](#)

- [12](#)

SOHR, A title, with commas | and “quotes”, 3 May 2025, [url](https://www.syriahr.com/en/1/); Testwire, Other title, 4 May 2025, [url](#), pp. 3-4

- [13](#)

SOHR, A title, with commas | and “quotes”, 3 May 2025, [url](https://www.syriahr.com/en/1/)
"""

METADATA = """@prefix coi: <https://w3id.org/coi-graph/ontology#> .
@prefix doc: <https://w3id.org/coi-graph/id/doc/> .
doc:euaa-2025-06-testland a coi:Report ; coi:sourceFile "testland-s2.1.txt" ; coi:sourceFormat "euaa-report" .
"""

CLAIMS = """@prefix coi: <https://w3id.org/coi-graph/ontology#> .
@prefix ent: <https://w3id.org/coi-graph/id/entity/> .
@prefix d:   <https://w3id.org/coi-graph/id/doc/euaa-2025-06-testland/> .
@prefix c:   <https://w3id.org/coi-graph/id/claim/euaa-2025-06-testland/> .
c:01 { ent:sdf coi:controlsPartOf ent:northeastern-syria . }
c:01 a coi:Claim ; coi:quote "The SDF controls parts of northeastern Syria." ;
    coi:passage d:s2.1-p1 ; coi:footnote d:fn12 ; coi:modality coi:Stated .
"""


def _add_document(data: Path) -> None:
    (data / "documents" / "testland-s2.1.txt").write_text(SECTION, encoding="utf-8")
    (data / "documents" / "testland-s2.1.ttl").write_text(METADATA, encoding="utf-8")
    (data / "claims" / "testland-s2.1.trig").write_text(CLAIMS, encoding="utf-8")


def test_a_new_report_section_builds_with_its_citations(data_copy: Path, tmp_path: Path) -> None:
    _add_document(data_copy)
    result = build(data_copy, tmp_path / "build")
    assert result.summary.counts["documents"] == 3
    assert result.summary.counts["footnotes"] == 18 + 2
    assert result.summary.counts["claims"] == 72
    store = open_store(result.out_dir)
    rows = select(
        store,
        """SELECT ?n ?publisher ?title ?url ?pages WHERE { GRAPH graph:documents {
             ?fn coi:inDocument doc:euaa-2025-06-testland ; coi:footnoteNumber ?n ; coi:hasCitation ?c .
             ?c coi:publisher ?publisher ; coi:title ?title . OPTIONAL { ?c coi:url ?url } OPTIONAL { ?c coi:pages ?pages }
           } } ORDER BY ?n ?title""",
    )
    got = [
        (r["n"].text, r["publisher"].text.rsplit("/", 1)[-1], r["title"].text)
        for r in rows
        if r["n"] and r["publisher"] and r["title"]
    ]
    assert got == [
        ("12", "sohr", "A title, with commas | and “quotes”"),
        ("12", "publisher-testwire", "Other title"),
        ("13", "sohr", "A title, with commas | and “quotes”"),
    ]
    assert rows[0]["url"] and rows[0]["url"].text == "https://www.syriahr.com/en/1/"
    assert rows[1]["pages"] and rows[1]["pages"].text == "pp. 3-4"
    # the SOHR work cited in both footnotes is one node
    works = select(
        store, "SELECT (COUNT(DISTINCT ?w) AS ?n) WHERE { GRAPH graph:documents { ?w a coi:Work ; coi:title ?t } }"
    )
    assert works[0]["n"] and int(works[0]["n"].text) == 19 + 2


def test_an_unknown_publisher_is_warned_and_kept(
    data_copy: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(logging.getLogger("coi_graph"), "propagate", True)  # the CLI may have turned it off
    _add_document(data_copy)
    with caplog.at_level("WARNING", logger="coi_graph"):
        build(data_copy, tmp_path / "build")
    assert any("publisher 'Testwire' is not in the registry" in r.getMessage() for r in caplog.records)


def test_build_refuses_to_replace_a_directory_that_is_not_a_build(tmp_path: Path) -> None:
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "notes.txt").write_text("keep me")
    with pytest.raises(CoiGraphError, match="is not a coi-graph build"):
        build(DATA, precious)
    assert (precious / "notes.txt").read_text() == "keep me"
