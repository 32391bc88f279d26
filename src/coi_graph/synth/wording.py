"""Words and roles the clauses share: verb forms by number, and the pairs of actors a clause is about."""

from __future__ import annotations

from coi_graph.synth.prose import Writer
from coi_graph.synth.registry import Entity, plural


def their_form(form: str) -> str:
    return "their" if plural(form) else "its"


def is_form(form: str) -> str:
    return "are" if plural(form) else "is"


def has_form(form: str) -> str:
    return "have" if plural(form) else "has"


def foreign_actor(w: Writer) -> Entity:
    """The foreign actor of the theatre: the coalition its power leads, or that power's forces."""
    power = w.theatre.power
    if power.coalition is not None and w.rng.random() < 0.5:
        return power.coalition
    return power.forces


def strike_pair(w: Writer) -> tuple[Entity, Entity]:
    t = w.theatre
    pairs = [(foreign_actor(w), t.groups["jihadist"]), (t.forces, t.groups["rebels"]), (t.forces, t.groups["jihadist"]),
             (t.rival_power.forces, t.groups["rebels"])]  # fmt: skip
    return w.rng.choice(pairs)


def rival_pair(w: Writer) -> tuple[Entity, Entity]:
    t, g = w.theatre, w.theatre.groups
    pairs = [(g["partner"], g["jihadist"]), (t.forces, g["rebels"]), (g["rebels"], g["jihadist"]),
             (g["partner"], g["rebels"])]  # fmt: skip
    if "militia" in g:
        pairs.append((g["militia"], g["rebels"]))
    return w.rng.choice(pairs)


def patron_pair(w: Writer) -> tuple[Entity, Entity]:
    t, g = w.theatre, w.theatre.groups
    pairs = [(foreign_actor(w), g["partner"]), (t.neighbour, g["rebels"]), (t.rival_power.forces, t.forces)]
    if "militia" in g:
        pairs.append((t.government, g["militia"]))
    return w.rng.choice(pairs)
