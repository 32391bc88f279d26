"""The templates a generated document draws its clauses from (synth/templates.py): which templates reports and
news use and with what weights, which are said once, and which read well framed as what someone said."""

from __future__ import annotations

import re
from datetime import date
from random import Random

import pytest

from coi_graph.synth import clauses_conflict, clauses_politics, clauses_presence
from coi_graph.synth.clauses_conflict import t_threat
from coi_graph.synth.clauses_politics import t_agreement, t_leadership, t_quote, t_relations, t_statement
from coi_graph.synth.clauses_presence import t_exercise, t_planning, t_presence, t_reinforcement
from coi_graph.synth.prose import Tally, Writer
from coi_graph.synth.registry import World
from coi_graph.synth.templates import FRAMEABLE, NEWS_TEMPLATES, ONCE, REPORT_TEMPLATES, Template
from coi_graph.synth.world import build_world

FRAME = "ev:statement-kmd-d1-01"


@pytest.fixture(scope="module")
def world() -> World:
    return build_world(Random(1), [12])


def _all_clause_templates() -> set[Template]:
    return {
        getattr(module, name)
        for module in (clauses_presence, clauses_conflict, clauses_politics)
        for name in vars(module)
        if name.startswith("t_") and getattr(module, name).__module__ == module.__name__
    }


def test_reports_and_news_draw_on_every_template_between_them() -> None:
    report = [t for t, _ in REPORT_TEMPLATES]
    news = [t for t, _ in NEWS_TEMPLATES]
    assert len(report) == len(set(report)) == 20 and len(news) == len(set(news)) == 18
    assert set(report) | set(news) == _all_clause_templates()
    assert set(report) - set(news) == {t_reinforcement, t_exercise, t_leadership}
    assert set(news) - set(report) == {t_quote}  # '"...," he said.' is the news's


def test_weights() -> None:
    for templates in (REPORT_TEMPLATES, NEWS_TEMPLATES):
        assert all(isinstance(weight, int) and 1 <= weight <= 4 for _, weight in templates)
    assert sum(weight for _, weight in REPORT_TEMPLATES) == 41
    assert sum(weight for _, weight in NEWS_TEMPLATES) == 39
    news = dict(NEWS_TEMPLATES)
    assert max(news.values()) == 4 and [t.__name__ for t, w in NEWS_TEMPLATES if w == 4] == ["t_statement"]
    assert dict(REPORT_TEMPLATES)[t_relations] == 1


def test_once_and_frameable_are_templates_in_use() -> None:
    used = {t for t, _ in (*REPORT_TEMPLATES, *NEWS_TEMPLATES)}
    assert {t_relations, t_agreement, t_leadership} == ONCE
    assert used >= ONCE | FRAMEABLE
    assert len(FRAMEABLE) == 10
    # a template that makes its own statement is not framed by another: 'X said that Y said ...'
    assert not FRAMEABLE & {t_statement, t_quote, t_presence, t_planning, t_threat}


@pytest.mark.parametrize("template", sorted(FRAMEABLE, key=lambda t: t.__name__), ids=lambda t: t.__name__)
def test_a_frameable_template_reads_as_what_someone_said(world: World, template: Template) -> None:
    """Under a frame ('KMD said that ...') every claim of the clause is reported according to the frame, and
    the clause does not report speech again."""
    for seed in range(10):
        for report in (True, False):
            w = Writer(report, date(2024, 3, 1), world.theatres[0], world, Random(seed), Tally(), "d1")
            w.new_passage()
            w.frame = FRAME
            template(w)
            assert w.passage.claims
            for claim in w.passage.claims:
                assert claim.according_to == FRAME and claim.modality != "Stated"
            assert not re.search(r"\b(said|announced|pledged|denied)\b", w.passage.text), w.passage.text
