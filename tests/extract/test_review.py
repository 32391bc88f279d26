"""What an analyst types in review is data, never syntax: a reviewer name, a note, a draft's name or
an edited quote with a line break cannot add a triple to a claims or registry file (issue 16)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from click.testing import CliRunner
from rdflib import Dataset, Graph, Literal, URIRef

from coi_graph.cli import main
from coi_graph.extract import draft
from coi_graph.vocab import COI
from tests.conftest import ROOT, run_cli

INJECTED = "A. Analyst\n<urn:x:evil> <urn:x:says> <urn:x:this> .\n# x"
EVIL = URIRef("urn:x:evil")


def _draft(data_copy: Path, tmp_path: Path) -> Path:
    ingested = run_cli("ingest", str(ROOT / "tests" / "documents" / "news-web.txt"), "--data", str(data_copy),
                       "--publisher", "News.Az", "--id", "test-news-web")  # fmt: skip
    assert ingested.exit_code == 0, ingested.output
    out = tmp_path / "d.trig"
    result = run_cli("extract", str(data_copy / "documents" / "test-news-web.txt"), "--data", str(data_copy),
                     "-o", str(out))  # fmt: skip
    assert result.exit_code == 0, result.output
    return out


def _review(out: Path, data_copy: Path, reviewer: str, answers: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(
        main,
        ["review", str(out), "--data", str(data_copy), "--reviewer", reviewer, "--date", "2026-11-25"],
        input=answers,
        catch_exceptions=False,
    )


def test_a_reviewer_name_with_a_line_break_is_a_literal_not_a_triple(data_copy: Path, tmp_path: Path) -> None:
    out = _draft(data_copy, tmp_path)
    result = _review(out, data_copy, INJECTED, "a\nq\n")
    assert result.exit_code == 0, result.output
    claims = Dataset()
    claims.parse(data_copy / "claims" / "test-news-web.trig", format="trig")
    assert not list(claims.quads((EVIL, None, None, None)))
    reviewers = set(claims.default_graph.objects(None, COI.reviewedBy))
    assert reviewers == {Literal(INJECTED)}
    # and the draft marks the candidate accepted without the name breaking it either
    _, after = draft.read(out)
    assert [c.reviewed_by for c in after if c.status == COI.Accepted] == [INJECTED]


def test_an_edited_quote_with_a_line_break_stays_one_literal(data_copy: Path, tmp_path: Path) -> None:
    out = _draft(data_copy, tmp_path)
    _, candidates = draft.read(out)
    quote = candidates[0].quote
    # an edit that keeps the triples and gives a quote with an injected line: refused by validation (the
    # passage does not hold it) or filed as one literal; never a triple
    answers = f"e\n\n{quote[:20]}\\n<urn:x:evil> <urn:x:says> <urn:x:this> .\n\nq\n"
    _review(out, data_copy, "A. Analyst", answers)
    path = data_copy / "claims" / "test-news-web.trig"
    if path.is_file():
        claims = Dataset()
        claims.parse(path, format="trig")
        assert not list(claims.quads((EVIL, None, None, None)))


def test_comment_lines_hold_no_line_break() -> None:
    assert draft.comment("a\nb\r\nc\u2028d\x1be") == "a\\u000ab\\u000d\\u000ac\\u2028d\\u001be"
    graph = Graph().parse(data="# " + draft.comment(INJECTED) + "\n", format="turtle")
    assert len(graph) == 0


def test_entities_file_comment_cannot_be_broken() -> None:
    from coi_graph.extract.review import entities_text
    from coi_graph.namespaces import ENT

    entities = Graph()
    entities.add((ENT["x"], URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), COI.NonStateArmedGroup))
    text = entities_text("", entities, reviewer=INJECTED, day=date(2026, 11, 25), draft="d\n<urn:x:evil> a <urn:x:C> .")
    parsed = Graph().parse(data=text, format="turtle")
    assert not list(parsed.triples((EVIL, None, None)))
    assert set(parsed.subjects()) == {ENT["x"]}
