"""What every construction shares: the registry of rules, the argument constraints of each
relation, and the function that turns matched phrases into relation records."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from coi_graph.extract.ents import Ent, Phrase
from coi_graph.extract.lexicon import words
from coi_graph.extract.records import Relation
from coi_graph.extract.sentence import Sentence


@dataclass(frozen=True)
class Rule:
    """A named construction: a function from a sentence to relations, and an example it matches."""

    name: str
    relations: tuple[str, ...]
    apply: Callable[[Sentence], Iterator[Relation]]
    example: str


def actor(ent: Ent) -> bool:
    return ent.is_actor


def place(ent: Ent) -> bool:
    return ent.is_place


def actor_or_place(ent: Ent) -> bool:
    return ent.is_actor or ent.is_place


def nonplace_actor(ent: Ent) -> bool:
    return ent.is_actor


SUBJECT: dict[str, Callable[[Ent], bool]] = {
    "supports": actor, "opposes": actor, "allied_with": actor, "stationed_at": actor, "present_in": actor,
    "controls": actor, "located_in": place, "attacks": actor, "meets_with": actor, "states": actor,
    "designates_as_terrorist": actor, "withdraws_from": actor, "reinforces": actor,
    "conducts_exercise_with": actor, "patrols": actor,
}  # fmt: skip
OBJECT: dict[str, Callable[[Ent], bool]] = {
    "supports": actor, "opposes": actor, "allied_with": actor, "stationed_at": place, "present_in": place,
    "controls": place, "located_in": place, "attacks": actor_or_place, "meets_with": actor,
    "states": actor_or_place, "designates_as_terrorist": actor, "withdraws_from": place, "reinforces": place,
    "conducts_exercise_with": actor, "patrols": place,
}  # fmt: skip


# relations of armed force: a head of state or commander named with his state acts for it
MILITARY = words("attacks present_in stationed_at withdraws_from reinforces controls patrols conducts_exercise_with")


def _actor_ent(phrase: Phrase, relation: str = "") -> Ent:
    """The entity a phrase stands for in a relation: "Turkish President Erdogan" launching an operation is
    Türkiye acting."""
    if relation in MILITARY and phrase.ent.category == "person":
        state = next((m for m in phrase.modifiers if m.category == "state"), None)
        if state is not None:
            return state
    return phrase.ent


def relations(sentence: Sentence, subjects: Iterable[Phrase], relation: str, objects: Iterable[Phrase | None],
              *, trigger: int, rule: str, why: str, score: float) -> Iterator[Relation]:  # fmt: skip
    """One relation per subject and object that fit the relation's argument types."""
    objects = list(objects)
    for subject in subjects:
        s = _actor_ent(subject, relation)
        if not SUBJECT[relation](s):
            continue
        if relation != "states" and s.category == "publisher" and relation not in ("meets_with",):
            continue
        for obj in objects:
            o = obj.ent if obj is not None else None
            if o is not None and (o is s or not OBJECT[relation](o)):
                continue
            if o is None and relation != "states":
                continue
            if relation in ("stationed_at", "present_in") and o is not None:
                relation_here = "stationed_at" if o.category == "facility" else "present_in"
            else:
                relation_here = relation
            if relation == "located_in" and o is not None and s.place_rank > o.place_rank:
                continue
            if (
                relation in ("supports", "opposes", "allied_with", "attacks", "meets_with")
                and o is not None
                and (o.iri in _same(s) or s.iri in _same(o))
            ):
                continue
            made = Relation(s, relation_here, o, rule, why, score, trigger)
            made.object_at = obj.start if obj is not None else None
            made.object_prep = sentence.prep_of(obj) if obj is not None else None
            yield made


def _same(ent: Ent) -> set[str]:
    return {ent.iri}
