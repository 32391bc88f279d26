"""`coi-graph ingest`: layouts detected, documents filed, the next build takes them in, bad files reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from coi_graph.compile.pipeline import build
from coi_graph.documents.text import read_text
from coi_graph.ingest import detect
from coi_graph.store import open_store, select
from tests.conftest import ROOT, run_cli

DOCS = ROOT / "tests" / "documents"


@pytest.mark.parametrize(
    ("name", "layout"),
    [
        ("report-glued.txt", "euaa-report"),
        ("report-bracket.txt", "euaa-report"),
        ("report-references.txt", "euaa-report"),
        ("report-no-list.txt", "euaa-report"),
        ("news-web.txt", "news"),
    ],
)
def test_layout_is_detected(name: str, layout: str) -> None:
    assert detect(read_text(DOCS / name)) == layout


def test_seed_layouts_are_detected() -> None:
    assert detect(read_text(ROOT / "data/documents/euaa-2025-03-syria-country-focus-s3.4.txt")) == "euaa-report"
    assert detect(read_text(ROOT / "data/documents/newsaz-2025-10-20-iraq-us-advisers.txt")) == "news"


def test_ingested_documents_build_and_validate(data_copy: Path, tmp_path: Path) -> None:
    result = run_cli("ingest", str(DOCS / "report-glued.txt"), "--data", str(data_copy))
    assert result.exit_code == 0, result.output
    assert "5 footnotes, 6 citations" in result.stdout
    result = run_cli("ingest", str(DOCS / "news-web.txt"), "--data", str(data_copy), "--publisher", "News.Az")
    assert result.exit_code == 0, result.output
    filed = sorted(p.name for p in (data_copy / "documents").iterdir())
    report_id = "euaa-2025-06-coi-report-syria-security-situation-s2.3"
    news_id = "news-az-2025-06-02-coalition-keeps-advisers-at-harir-as-iraq-weighs"
    assert {f"{report_id}.txt", f"{report_id}.ttl", f"{news_id}.txt", f"{news_id}.ttl"} <= set(filed)
    # the text is filed verbatim
    assert (data_copy / "documents" / f"{report_id}.txt").read_bytes() == (DOCS / "report-glued.txt").read_bytes()
    built = build(data_copy, tmp_path / "build")
    assert built.report.conforms
    assert built.summary.counts["documents"] == 4
    store = open_store(built.out_dir)
    rows = select(
        store,
        """SELECT ?n (COUNT(?c) AS ?citations) WHERE { GRAPH graph:documents {
             ?fn coi:inDocument doc:euaa-2025-06-coi-report-syria-security-situation-s2.3 ; coi:footnoteNumber ?n .
             OPTIONAL { ?fn coi:hasCitation ?c } } }
           GROUP BY ?n ORDER BY ?n""",
    )
    assert [(r["n"].text, r["citations"].text) for r in rows if r["n"] and r["citations"]] == [
        ("474", "1"), ("475", "1"), ("476", "1"), ("477", "2"), ("478", "1"),
    ]  # fmt: skip
    sentences = select(
        store,
        """SELECT (COUNT(?s) AS ?n) WHERE { GRAPH graph:documents {
             ?s a coi:Sentence ; coi:inDocument doc:news-az-2025-06-02-coalition-keeps-advisers-at-harir-as-iraq-weighs } }""",
    )
    assert sentences[0]["n"] and int(sentences[0]["n"].text) == 5


def test_missing_metadata_is_asked_for(data_copy: Path) -> None:
    result = run_cli("ingest", str(DOCS / "report-bracket.txt"), "--data", str(data_copy))
    assert result.exit_code == 2
    assert "report-bracket.txt:1: the document does not say its title, date and publisher" in result.stderr
    assert "--title" in result.stderr
    result = run_cli(
        "ingest", str(DOCS / "report-bracket.txt"), "--data", str(data_copy),
        "--title", "Testland: Armed groups", "--date", "2025-05", "--id", "euaa-2025-05-testland",
        "--publisher", "EUAA",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    meta = (data_copy / "documents" / "euaa-2025-05-testland.ttl").read_text(encoding="utf-8")
    assert '"Testland: Armed groups"' in meta and "2025-05" in meta


def test_one_bad_file_does_not_lose_the_others(data_copy: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01\x02PDF")
    result = run_cli("ingest", str(empty), str(DOCS / "report-glued.txt"), str(binary), "--data", str(data_copy))
    assert result.exit_code == 2
    assert f"{empty}: the file is empty" in result.stderr
    assert f"{binary}:1: the file is binary" in result.stderr
    assert "2 of 3 file(s) could not be taken in; the others were" in result.stderr
    assert "Traceback" not in result.output
    assert (data_copy / "documents" / "euaa-2025-06-coi-report-syria-security-situation-s2.3.txt").exists()


def test_dry_run_writes_nothing_and_refiling_another_text_is_refused(data_copy: Path, tmp_path: Path) -> None:
    before = sorted((data_copy / "documents").iterdir())
    result = run_cli("ingest", str(DOCS / "report-glued.txt"), "--data", str(data_copy), "--dry-run")
    assert result.exit_code == 0 and "dry run" in result.stdout
    assert sorted((data_copy / "documents").iterdir()) == before
    changed = tmp_path / "changed.txt"
    changed.write_text(read_text(DOCS / "report-glued.txt").replace("1 500", "2 000"), encoding="utf-8")
    assert run_cli("ingest", str(DOCS / "report-glued.txt"), "--data", str(data_copy)).exit_code == 0
    result = run_cli("ingest", str(changed), "--data", str(data_copy))
    assert result.exit_code == 2 and "exists and holds another text" in result.stderr
    assert "1 500" in (data_copy / "documents" / "euaa-2025-06-coi-report-syria-security-situation-s2.3.txt").read_text(
        encoding="utf-8"
    )
    assert run_cli("ingest", str(changed), "--data", str(data_copy), "--force").exit_code == 0


def test_forced_layout_that_does_not_fit_is_an_error(data_copy: Path) -> None:
    result = run_cli("ingest", str(DOCS / "report-glued.txt"), "--data", str(data_copy), "--format", "news")
    assert result.exit_code == 2
    assert "Traceback" not in result.output


MALFORMED = """Please cite as: EUAA, '[2.1. Test](#)' in *COI Report - Testland: Security*, June 2025.

2.1. Test

The SDF controls parts of northeastern Syria.[12](#) Fighting continued near Raqqa.[13](#) More.[14](#)

- [12](#)

SOHR, A title, 3 May 2025, [url](#)

- [12](#)

SOHR, Another title, 4 May 2025, [url](#)

- [13](#)

Testwire, A title without a date, [url](#)

- [x](#)

Broken entry
"""


def test_malformed_footnotes_are_warned_about_with_their_lines(tmp_path: Path, data_copy: Path) -> None:
    path = tmp_path / "malformed.txt"
    path.write_text(MALFORMED, encoding="utf-8")
    result = run_cli("ingest", str(path), "--data", str(data_copy), "--dry-run")
    assert result.exit_code == 0, result.output
    warnings = result.stderr.splitlines()
    assert f"{path}: warning: line 19: footnote entry '- [x](#)' has no number; skipped" in warnings
    assert f"{path}: warning: line 11: footnote 12 is listed twice; the first is kept" in warnings
    assert any("line 15: footnote 13, citation 1 has no date" in w for w in warnings)
    assert any("footnote marker [14] has no entry in the footnote list" in w for w in warnings)
    assert "Broken entry" not in "".join(warnings)  # the malformed entry is not taken as a citation


def test_an_id_with_a_trailing_line_break_is_refused(data_copy: Path) -> None:
    """Regression: the id pattern ended in '$', which also matches before a final line break."""
    result = run_cli("ingest", str(DOCS / "news-web.txt"), "--data", str(data_copy), "--publisher", "News.Az",
                     "--id", "test-news\n", "--dry-run")  # fmt: skip
    assert result.exit_code == 2 and "document id" in result.stderr
