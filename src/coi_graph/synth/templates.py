"""The templates a generated document draws its clauses from, with their weights; which are said once,
and which read well framed as what someone said."""

from __future__ import annotations

from collections.abc import Callable

from coi_graph.synth.clauses_conflict import t_bounty, t_clashes, t_designation, t_strike, t_takeover, t_threat
from coi_graph.synth.clauses_politics import (
    t_agreement,
    t_leadership,
    t_meeting,
    t_quote,
    t_relations,
    t_statement,
    t_support,
)
from coi_graph.synth.clauses_presence import (
    t_base,
    t_deployment,
    t_exercise,
    t_membership,
    t_planning,
    t_presence,
    t_reinforcement,
    t_withdrawal,
)
from coi_graph.synth.prose import Writer

Template = Callable[[Writer], None]

REPORT_TEMPLATES: tuple[tuple[Template, int], ...] = (
    (t_presence, 3), (t_reinforcement, 3), (t_strike, 3), (t_clashes, 3), (t_support, 3), (t_meeting, 2),
    (t_statement, 2), (t_withdrawal, 3), (t_exercise, 2), (t_membership, 2), (t_threat, 2), (t_designation, 1),
    (t_bounty, 1), (t_base, 2), (t_agreement, 1), (t_deployment, 3), (t_relations, 1), (t_planning, 1),
    (t_takeover, 2), (t_leadership, 1),
)  # fmt: skip
NEWS_TEMPLATES: tuple[tuple[Template, int], ...] = (
    (t_presence, 2), (t_strike, 3), (t_clashes, 3), (t_support, 2), (t_meeting, 2), (t_statement, 4),
    (t_withdrawal, 3), (t_membership, 1), (t_threat, 2), (t_designation, 1), (t_bounty, 1), (t_base, 2),
    (t_agreement, 2), (t_deployment, 3), (t_relations, 2), (t_planning, 1), (t_takeover, 2), (t_quote, 3),
)  # fmt: skip
# Templates that say what a document says once.
ONCE = frozenset({t_relations, t_agreement, t_leadership})
# Templates whose clause reads as well framed as what someone said ("X said that ...").
FRAMEABLE = frozenset(
    {t_strike, t_clashes, t_support, t_withdrawal, t_exercise, t_base, t_deployment, t_takeover,
     t_membership, t_agreement}
)  # fmt: skip
