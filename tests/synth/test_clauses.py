"""The clause templates (synth/clauses_presence.py, clauses_conflict.py, clauses_politics.py): each writes COI
prose with a Writer on a built world and records, as slices of that prose, the claims its code says it makes,
with their relations, classes and modalities."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from random import Random

import pytest

from coi_graph.synth import clauses_conflict, clauses_politics, clauses_presence
from coi_graph.synth.clauses_conflict import (
    t_bounty,
    t_clashes,
    t_designation,
    t_strike,
    t_takeover,
    t_threat,
)
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
from coi_graph.synth.prose import Claim, Tally, Writer
from coi_graph.synth.registry import Entity, World
from coi_graph.synth.text import lit, number_text
from coi_graph.synth.world import build_world

Template = Callable[[Writer], None]
ROLES = {"coi:agent", "coi:target", "coi:atPlace"}

# template: (what every clause it writes records, all it may record, the modalities it may give)
SPEC: dict[Template, tuple[set[str], set[str], set[str]]] = {
    t_presence: (
        {"coi:Statement", "coi:speaker", "coi:presentAt", "coi:Quantity", "coi:quantityOf", "coi:quantityAt",
         "coi:unitText"},
        {"coi:amount", "coi:approximate", "coi:minValue", "coi:maxValue"},
        {"Stated", "Reported"},
    ),
    t_reinforcement: (
        {"coi:Reinforcement", "coi:agent", "coi:destination", "coi:stationedAt", "coi:locatedIn"}, set(),
        {"Stated", "Reported"},
    ),
    t_withdrawal: (
        {"coi:Withdrawal", "coi:agent", "coi:origin", "coi:extent"}, {"coi:controls"},
        {"Stated", "Reported", "Planned", "Intended", "Negated"},
    ),
    t_exercise: (
        {"coi:Exercise", "coi:agent", "coi:atPlace", "coi:cooperatesWith", "coi:locatedIn"},
        {"coi:Patrol", "coi:leads"}, {"Stated"},
    ),
    t_membership: ({"coi:memberOf"}, {"coi:leads"}, {"Stated"}),
    t_base: (
        {"coi:BaseEstablishment", "coi:agent", "coi:atPlace"}, {"coi:locatedIn"},
        {"Stated", "Intended", "Possible", "Planned"},
    ),
    t_deployment: (
        {"coi:Deployment", "coi:agent", "coi:atPlace"}, {"coi:presentAt", "coi:supports", "coi:cooperatesWith"},
        {"Stated", "Reported", "Planned", "Intended"},
    ),
    t_planning: (
        {"coi:Statement", "coi:speaker", "coi:reportedBy", "coi:Planning", "coi:agent", "coi:plannedEvent",
         "coi:Withdrawal", "coi:origin", "coi:extent"}, set(), {"Stated", "Reported", "Planned"},
    ),
    t_strike: (
        {"coi:Strike", "coi:agent", "coi:target", "coi:atPlace"}, {"coi:opposes", "coi:locatedIn", "coi:leads"},
        {"Stated"},
    ),
    t_clashes: ({"coi:fights", "coi:presentAt"}, {"coi:locatedIn"}, {"Stated", "Reported"}),
    t_threat: (
        {"coi:threatens"}, {"coi:controlsPartOf", "coi:Statement", "coi:speaker", "coi:holdsPosition"},
        {"Possible", "Stated", "Negated"},
    ),
    t_designation: (
        {"coi:agent", "coi:target", "coi:designationKind"}, {"coi:Designation", "coi:DesignationRemoval"},
        {"Stated", "Negated"},
    ),
    t_bounty: ({"coi:BountyChange", "coi:agent", "coi:target", "coi:changeKind"}, {"coi:holdsPosition"}, {"Stated"}),
    t_takeover: (
        {"coi:controls", "coi:Withdrawal", "coi:agent", "coi:origin", "coi:extent"}, {"coi:locatedIn"}, {"Stated"},
    ),
    t_support: ({"coi:supports"}, {"coi:controlsPartOf"}, {"Stated", "Reported", "Negated", "Possible", "Intended"}),
    t_meeting: ({"coi:Meeting", "coi:agent", "coi:participant", "coi:atPlace"}, {"coi:holdsPosition"}, {"Stated"}),
    t_statement: (
        {"coi:Statement", "coi:speaker", "coi:statementText"},
        {"coi:holdsPosition", "coi:opposes", "coi:presentAt", "coi:supports", "coi:cooperatesWith",
         "coi:hasRelationsWith"},
        {"Stated", "Intended"},
    ),
    t_agreement: (
        {"coi:Agreement", "coi:party", "coi:stipulates", "coi:Withdrawal", "coi:agent", "coi:origin"}, set(),
        {"Stated", "Planned"},
    ),
    t_relations: ({"coi:hasRelationsWith", "coi:adjacentTo"}, set(), {"Stated"}),
    t_leadership: ({"coi:leads", "coi:holdsPosition"}, set(), {"Stated"}),
    t_quote: ({"coi:Statement", "coi:speaker", "coi:statementText"}, {"coi:holdsPosition"}, {"Stated"}),
}  # fmt: skip


@pytest.fixture(scope="module")
def world() -> World:
    return build_world(Random(1), [12])


def _writer(world: World, seed: int, *, report: bool = True) -> Writer:
    w = Writer(report, date(2024, 3, 1), world.theatres[0], world, Random(seed), Tally(), "d3")
    w.new_passage()
    return w


def _terms(claims: list[Claim]) -> set[str]:
    """The classes and predicates of the claims' content."""
    return {o if p == "a" else p for c in claims for _, p, o in c.content() if p != "rdfs:label"}


def _names(entity: Entity) -> set[str]:
    return {entity.label.removesuffix(" (unnamed)"), *entity.aliases, *entity.bare, *entity.the,
            *(n for n in (entity.short, entity.troops and entity.troops.split()[0]) if n)}  # fmt: skip


def test_the_spec_covers_every_template_of_the_three_modules() -> None:
    found = {
        getattr(module, name)
        for module in (clauses_presence, clauses_conflict, clauses_politics)
        for name in vars(module)
        if name.startswith("t_") and getattr(module, name).__module__ == module.__name__
    }
    assert found == set(SPEC)


@pytest.mark.parametrize("template", list(SPEC), ids=lambda t: t.__name__)
def test_a_template_writes_a_clause_and_records_its_claims(world: World, template: Template) -> None:
    required, optional, modalities = SPEC[template]
    keys = {e.iri: e for e in world.entities}
    for seed in range(8):
        for report in (True, False) if template is not t_quote else (False,):  # t_quote: news only
            w = _writer(world, seed, report=report)
            template(w)
            text, claims = w.passage.text, w.passage.claims
            assert text and claims, (template.__name__, seed)
            terms = _terms(claims)
            assert required <= terms <= required | optional, (seed, terms)
            assert {c.modality for c in claims} <= modalities
            for claim in claims:
                assert claim.quote and claim.quote in text
                if claim.when is not None:
                    assert claim.when.values() and claim.when.expression and claim.when.expression in text
                for subject, _, value in claim.content():
                    for iri in (subject, value):
                        assert not iri.startswith("ent:") or iri in keys, iri
                        assert not iri.startswith("ev:") or iri.endswith(tuple(f"-d3-{n:02d}" for n in range(1, 9)))
                    # every actor and place the event or relation names is named in the text (an office is
                    # named through its holder, and a speaker's own words say 'his government')
                    entity = keys.get(value)
                    if entity and "coi:Position" not in entity.types and claim.modality != "Intended":
                        assert any(name in text for name in _names(entity)), (entity.label, text)


def test_presence_writes_the_number_and_records_a_statement_and_a_quantity(world: World) -> None:
    for seed in range(12):
        for report in (True, False):
            w = _writer(world, seed, report=report)
            t_presence(w)
            statement, quantity = w.passage.claims
            assert statement.modality == "Stated" and statement.when is None
            assert quantity.modality == "Reported" and quantity.according_to == statement.nodes[0].subject
            assert quantity.when is not None and quantity.when.as_of is not None
            assert quantity.when.expression is not None and quantity.when.expression.startswith("as of ")
            present, count = quantity.nodes
            force, place = present.subject, present.props[0][1]
            assert present.props == [("coi:presentAt", place)]
            props = dict(count.props)
            assert (props["coi:quantityOf"], props["coi:quantityAt"]) == (force, place)
            assert props["coi:unitText"] in (lit("troops"), lit("soldiers"))
            numbers = [props[k] for k in ("coi:minValue", "coi:maxValue", "coi:amount") if k in props]
            for number in numbers:  # '2 500' in a report, '2,500' in the news
                assert number_text(int(number), report) in w.passage.text
            if "coi:amount" in props:
                assert props["coi:approximate"] == "true"
            else:
                low, high = int(props["coi:minValue"]), int(props["coi:maxValue"])
                assert low == high - high // 4


def test_takeover_starts_control_when_the_loser_withdraws(world: World) -> None:
    theatre = world.theatres[0]
    for seed in range(12):
        w = _writer(world, seed)
        t_takeover(w)
        located = [c for c in w.passage.claims if _terms([c]) == {"coi:locatedIn"}]  # 'Tal Marah (Marah Governorate)'
        control, withdrawal = [c for c in w.passage.claims if c not in located]
        ((group, _, city),) = control.content()
        assert control.content() == [(group, "coi:controls", city)] and city in {c.iri for c in theatre.cities}
        assert all(c.content()[0][0] == city for c in located)
        assert control.when is not None and withdrawal.when is not None
        assert control.when.start == withdrawal.when.point and control.when.start is not None
        assert control.when.point is None  # control starts then: a start time, not a point in time
        props = dict(withdrawal.nodes[0].props)
        loser = theatre.groups["rebels"] if group == theatre.groups["militia"].iri else theatre.forces
        assert props == {"coi:agent": loser.iri, "coi:origin": city, "coi:extent": "coi:Complete"}
        assert group != theatre.groups["partner"].iri
        assert " after " in w.passage.text and withdrawal.quote == w.passage.text.split(" after ", 1)[1]


def test_relations_and_statements(world: World) -> None:
    theatre = world.theatres[0]
    w = _writer(world, 1)
    t_relations(w)
    country, power, neighbour = theatre.country, theatre.power.state, theatre.neighbour
    assert w.passage.text == (
        f"{country.label} has sought to balance its relations with {power.label} and neighbouring {neighbour.label}"
    )
    relations, adjacent = w.passage.claims
    assert relations.quote == w.passage.text
    assert relations.content() == [
        (country.iri, "coi:hasRelationsWith", power.iri), (country.iri, "coi:hasRelationsWith", neighbour.iri)
    ]  # fmt: skip
    assert (adjacent.quote, adjacent.content()) == (
        f"neighbouring {neighbour.label}", [(country.iri, "coi:adjacentTo", neighbour.iri)]
    )  # fmt: skip
    for seed in range(12):
        w = _writer(world, seed, report=False)
        t_statement(w)
        said = re.search(r'would "([^"]+)"', w.passage.text)
        assert said is not None
        statements = [c for c in w.passage.claims if c.nodes[0].types == ["coi:Statement"]]
        (statement,) = statements
        assert ("coi:statementText", lit(said[1])) in statement.nodes[0].props
        assert w.speaker is not None and ("coi:speaker", w.speaker.iri) in statement.nodes[0].props
        intent = w.passage.claims[-1]
        assert intent.modality == "Intended" and intent.according_to == statement.nodes[0].subject
        assert intent.quote.endswith(f'would "{said[1]}"')
