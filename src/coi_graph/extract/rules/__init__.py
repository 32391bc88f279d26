"""The constructions the extractor matches, one module per family, each rule named and exemplified.

=============  ==========================================================================
module         constructions
=============  ==========================================================================
``verbs``      a relation's verb in the active, the passive and the reduced relative
``nominal``    a relation's noun with its agent and object ("an Israeli strike on X")
``compounds``  "X-backed Y", "pro-X Y", "X-designated Y", "X-occupied Y"
``copula``     "X is an ally of Y", "X, a proxy of Y", "X is an occupying power in Y"
``places``     forces and bases in a place, a place hosting them, a place in a larger place
``speech``     statements: the speaker, what the statement is about, the words said
=============  ==========================================================================
"""

from __future__ import annotations

from collections.abc import Callable

from coi_graph.extract.ents import Ent
from coi_graph.extract.rules import compounds, copula, nominal, places, speech, verbs
from coi_graph.extract.rules.base import Rule


def all_rules(affiliation: Callable[[Ent], set[str]]) -> tuple[Rule, ...]:
    """Every rule, in the order they run (earlier rules win a tie between equal relations)."""
    return (
        *compounds.RULES,
        *verbs.RULES,
        *nominal.RULES,
        *copula.RULES,
        *places.RULES,
        speech.make_rule(affiliation),
    )
