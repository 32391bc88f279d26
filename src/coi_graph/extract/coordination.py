"""Coordination: the phrases joined with one another by "and", "or", "/", "as well as" or a list of commas
ending in "and", and the one stretch of text that names several entities ("the two cities")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from coi_graph.extract.ents import Phrase
from coi_graph.extract.lexicon import ADJECTIVES

if TYPE_CHECKING:
    from coi_graph.extract.sentence import Sentence


def group(s: Sentence, phrase: Phrase) -> list[Phrase]:
    """The phrase and those coordinated with it: "X and Y", "X, Y and Z", "X/Y", "X or Y"."""
    members = [phrase]
    # to the right
    current = phrase
    while True:
        nxt = coordinated_after(s, current)
        if nxt is None:
            break
        members.append(nxt)
        current = nxt
    # to the left
    current = phrase
    while True:
        prev = coordinated_before(s, current)
        if prev is None:
            break
        members.insert(0, prev)
        current = prev
    # "the two cities": one stretch of text that stands for several entities
    for member in list(members):
        members += [p for p in s.same_span.get((member.start, member.end), ()) if p not in members]
    return sorted(members, key=lambda p: p.start)


def joiner_between(s: Sentence, a: int, b: int) -> str | None:
    """What joins the tokens between two phrases, if it is a coordination."""
    words = [t.low for t in s.tokens[a:b]]
    if words in (["and"], ["or"], ["/"], [",", "and"], [",", "or"], ["&"], ["as", "well", "as"], ["and", "the"],
                 [",", "and", "the"], ["or", "the"], ["and", "in"], ["and", "on"], ["and", "against"],
                 ["and", "to"], ["and", "at"], ["and", "by"], ["and", "from"], ["and", "with"]):  # fmt: skip
        return "and"
    if words in ([","], [",", "the"]):
        return ","
    if (
        len(words) in (2, 3)
        and words[0] == "and"
        and words[1] in ("in", "on", "at", "to", "against", "from")
        and (len(words) == 2 or words[2] in ADJECTIVES or words[2] == "the")
    ):
        return "and"  # "in Iraq and in neighboring Syria"
    return None


def coordinated_after(s: Sentence, phrase: Phrase) -> Phrase | None:
    for b in range(phrase.end, min(s.n, phrase.end + 4)):
        nxt = s.phrase_at[b]
        if nxt is not None and nxt is not phrase and nxt.start == b:
            joiner = joiner_between(s, phrase.end, b)
            if joiner == "and" or (joiner == "," and list_continues(s, nxt, phrase)):
                return nxt
            return None
    return None


def coordinated_before(s: Sentence, phrase: Phrase) -> Phrase | None:
    for a in range(phrase.start - 1, max(-1, phrase.start - 5), -1):
        prev = s.phrase_at[a]
        if prev is not None and prev is not phrase and prev.end == a + 1:
            joiner = joiner_between(s, prev.end, phrase.start)
            if joiner == "and" or (joiner == "," and list_continues(s, phrase, prev)):
                return prev
            return None
    return None


def list_continues(s: Sentence, phrase: Phrase, first: Phrase) -> bool:
    """A comma joins items of a list when the list goes on to an "and"/"or" and the items are of one
    kind (a place after a smaller place is where it lies, not a further item: "Afrin, Syria")."""
    if first.ent.is_place and phrase.ent.is_place and phrase.ent.place_rank > first.ent.place_rank:
        return False
    if first.ent.is_actor != phrase.ent.is_actor:
        return False
    current = phrase
    for _ in range(12):
        for b in range(current.end, min(s.n, current.end + 4)):
            nxt = s.phrase_at[b]
            if nxt is not None and nxt is not current and nxt.start == b:
                joiner = joiner_between(s, current.end, b)
                if joiner == "and":
                    return True
                if joiner != ",":
                    return False
                current = nxt
                break
        else:
            return False
    return False
