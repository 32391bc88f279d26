"""The check of each generated document (synth/check.py): the real parsers read it without warnings and as
written, its claims quote their passage and cite footnotes marked there, and the triples the build will
assert for it are counted, a work cited again counted once."""

from __future__ import annotations

from datetime import date
from random import Random

import pytest

from coi_graph.documents import euaa
from coi_graph.synth.check import Checker
from coi_graph.synth.documents import Generated, news_document, report_document
from coi_graph.synth.prose import Footnote, Tally, Topic, When
from coi_graph.synth.registry import World
from coi_graph.synth.text import lit
from coi_graph.synth.world import build_world


@pytest.fixture(scope="module")
def world() -> World:
    return build_world(Random(1), [2])


@pytest.fixture(scope="module")
def checker(world: World) -> Checker:
    return Checker(world)


def _report(world: World, seed: int = 3) -> Generated:
    return report_document(0, world.theatres[0], world, Random(seed), Tally(), date(2024, 3, 17), 7, set())


def _news(world: World, seed: int = 4) -> Generated:
    return news_document(1, world.theatres[0], world, Random(seed), Tally(), date(2024, 5, 17), 7, set())


def test_counts_a_works_triples_once(world: World) -> None:
    checker = Checker(world)
    report = _report(world)
    first = checker.check(report)
    # one IRI per work, however often it is cited: the same publisher, title and date are the same work
    distinct = {(w.publisher.key, w.title.casefold(), w.day) for f in report.footnotes for w in f.works}
    assert len(checker.works) == len(distinct) > 0
    again = checker.check(report)
    assert 0 < again < first  # the same works, cited by an earlier document: their triples are there already
    article = _news(world)
    assert checker.check(article) == checker.check(article) > 0  # an article cites no works
    assert len(checker.works) == len(distinct)


def test_counts_the_sentences_the_parser_finds(world: World) -> None:
    checker = Checker(world)
    report = _report(world)
    checker.check(report)
    once = checker.sentences
    assert once == sum(len(p.sentences) for p in euaa.parse(report.text).passages)
    assert once >= len(report.passages)  # a sentence at least in each
    checker.check(report)
    assert checker.sentences == 2 * once


def test_a_quote_not_in_its_passage_is_refused(world: World, checker: Checker) -> None:
    report = _report(world)
    report.passages[-1].claims[0].quote = "words the passage does not have"
    with pytest.raises(RuntimeError, match="quote not in the passage: 'words the passage does not have'"):
        checker.check(report)


def test_a_time_expression_or_statement_text_not_in_the_passage_is_refused(world: World, checker: Checker) -> None:
    article = _news(world)
    timed = next(c for c in article.claims if c.when is not None and c.when.expression)
    timed.when = When("on 31 February", point=timed.when.point)
    with pytest.raises(RuntimeError, match="time expression not in the passage: 'on 31 February'"):
        checker.check(article)
    article = _news(world)
    node = article.claims[0].nodes[0]
    node.props.append(("coi:statementText", lit("never said")))
    with pytest.raises(RuntimeError, match='statement text not in the passage: "never said"'):
        checker.check(article)


def test_a_footnote_without_a_marker_in_the_passage_is_refused(world: World, checker: Checker) -> None:
    report = _report(world)
    claim = next(p for p in report.passages if p.claims).claims[0]
    claim.footnotes.append(Footnote(Topic("strike", "A", "B", date(2024, 1, 1)), 999))
    with pytest.raises(RuntimeError, match=f"a footnote of claim {claim.number} has no marker in the passage"):
        checker.check(report)


def test_text_the_parser_reads_otherwise_is_refused(world: World, checker: Checker) -> None:
    report = _report(world)
    report.passages[0].text += " One sentence more."
    with pytest.raises(RuntimeError, match=f"generated document {report.stem} does not check: .*splits the passages"):
        checker.check(report)
    report = _report(world)
    marker = f"[{report.footnotes[0].number}](#)"
    report.text = report.text.replace(marker, "", 1)  # the first marker of the text, gone
    with pytest.raises(RuntimeError, match="the markers differ"):
        checker.check(report)
    # and the checker goes on checking good documents afterwards
    assert checker.check(_report(world)) > 0
