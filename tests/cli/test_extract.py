"""`coi-graph mentions`, `extract` and `review` (coi_graph.cli.extract): mentions without candidates written to
-o, --min-score, one draft per document, the warning for a document not filed, review keeping the decisions
made before the input ends and refusing a blank reviewer, and the registration of the three commands. The
extractor and the review of accepted claims are tested in tests/extract/."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import click
from click.testing import CliRunner

from coi_graph.cli import extract as extract_commands
from coi_graph.cli import main
from coi_graph.extract import draft, gazetteer
from coi_graph.extract.mentions import find
from coi_graph.vocab import COI
from tests.cli.conftest import NEWS
from tests.conftest import DATA, ROOT, run_cli

UNFILED = ROOT / "tests" / "documents" / "news-web.txt"


def test_register_adds_mentions_extract_and_review() -> None:
    group = click.Group()
    extract_commands.register(group)
    assert sorted(group.commands) == ["extract", "mentions", "review"]
    for name in ("mentions", "extract", "review"):
        assert group.commands[name] is getattr(extract_commands, name) is main.commands[name]


def test_mentions_without_candidates_to_a_file_are_the_library_mentions(tmp_path: Path) -> None:
    out = tmp_path / "mentions.jsonl"
    result = run_cli("mentions", str(NEWS), "--data", str(DATA), "--no-candidates", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    expected = find(NEWS.read_text(encoding="utf-8"), gazetteer.load(DATA), candidates=False, file=str(NEWS))
    assert records == [m.record() for m in expected]
    assert records and all(r["entity"] for r in records)  # no name without an entity


def test_min_score_keeps_the_candidates_at_or_above_it_renumbered(news_draft: Path, tmp_path: Path) -> None:
    _, every = draft.read(news_draft)
    result = run_cli("extract", str(NEWS), "--data", str(DATA), "--min-score", "0.65")
    assert result.exit_code == 0, result.stderr
    doc, kept = draft.read(tmp_path / "stdout.trig", text=result.stdout)
    assert str(doc) == "https://w3id.org/coi-graph/id/doc/newsaz-2025-10-20-iraq-us-advisers"
    high = [c for c in every if c.score >= 0.65]
    assert 0 < len(high) < len(every)
    assert [c.quote for c in kept] == [c.quote for c in high]
    assert [c.number for c in kept] == list(range(1, len(high) + 1))
    assert f"{NEWS}: {len(high)} candidates from " in result.stderr


def test_one_draft_holds_one_document_and_an_unfiled_one_is_named(tmp_path: Path) -> None:
    out = tmp_path / "two.trig"
    result = run_cli("extract", str(NEWS), str(UNFILED), "--data", str(DATA), "-o", str(out))
    assert result.exit_code == 2 and not out.exists()
    assert "Error: one draft holds one document: give one FILE with -o, or none to print" in result.stderr
    unfiled = run_cli("extract", str(UNFILED), "--data", str(DATA), "-o", str(out))
    assert unfiled.exit_code == 0, unfiled.stderr
    assert f"{UNFILED}: not filed in {DATA}/documents: run 'coi-graph ingest' before reviewing" in unfiled.stderr
    assert out.read_text(encoding="utf-8").count("a coi:CandidateClaim") == len(draft.read(out)[1]) > 0


def test_review_keeps_the_decisions_made_before_the_input_ends(news_draft: Path, tmp_path: Path) -> None:
    copy = tmp_path / "news.trig"
    copy.write_bytes(news_draft.read_bytes())
    _, before = draft.read(copy)
    result = CliRunner().invoke(
        main,
        ["review", str(copy), "--data", str(DATA), "--reviewer", "A. Analyst", "--date", "2026-11-25"],
        input="r\n",
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.stderr
    assert f"{copy}: {len(before)} pending of {len(before)} candidates of <" in result.stderr
    assert "stopped; the decisions made so far are kept" in result.stderr
    assert result.stderr.endswith(f"{copy}: 1 rejected\n")
    _, after = draft.read(copy)
    assert (after[0].status, after[0].reviewed_by, after[0].reviewed_on) == (
        COI.Rejected,
        "A. Analyst",
        date(2026, 11, 25),
    )
    assert all(c.status == COI.Pending for c in after[1:])
    blank = run_cli("review", str(copy), "--data", str(DATA), "--reviewer", "   ")
    assert blank.exit_code == 2 and "Error: --reviewer must name you" in blank.stderr
