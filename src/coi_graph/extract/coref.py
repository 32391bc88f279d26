"""Coreference in argument positions: pronouns and definite descriptions.

The component keeps the entities of the last sentences in order of mention, noting which stood as
subjects. A pronoun in a subject position ("it", "he", "they", "its members") is the nearest
entity of a fitting kind in its sentence, else the last subject of that kind in the two sentences
before. A definite description ("the base", "the group", "the force", "the region", "the two
cities") is the last entity of its kind in the three sentences before. Nothing is resolved
further back: an unresolved pronoun leaves its relation out rather than guess.
"""

from __future__ import annotations

from dataclasses import dataclass

from coi_graph.extract.ents import Ent, Phrase
from coi_graph.extract.sentence import Sentence
from coi_graph.extract.tokens import Token

DESCRIPTIONS = {
    "base": ("facility",), "garrison": ("facility",), "airport": ("facility",), "outpost": ("facility",),
    "group": ("group",), "militia": ("group",), "organization": ("group", "organisation"),
    "organisation": ("group", "organisation"), "movement": ("group",), "faction": ("group",),
    "force": ("group",), "region": ("region", "admin"), "area": ("region", "admin"), "province": ("admin",),
    "city": ("city",), "town": ("city",), "village": ("city",), "consulate": ("facility", "region"),
    "embassy": ("facility", "region"), "dam": ("facility", "region"), "coalition": ("organisation",),
    "country": ("state", "country"),
}  # fmt: skip
PLURAL_DESCRIPTIONS = {
    "cities": ("city",), "towns": ("city",), "countries": ("state", "country"), "bases": ("facility",),
    "sides": ("state", "group", "government"), "groups": ("group",), "governments": ("government", "state"),
}  # fmt: skip
PERSONAL = frozenset({"he", "his", "him", "she", "her"})
FORCE_NOUNS = frozenset({"troops", "forces", "soldiers"})


@dataclass
class _Salient:
    sentence: int
    ent: Ent
    subject: bool


class Salience:
    """The entities of the last sentences, for pronouns and descriptions."""

    def __init__(self) -> None:
        self._items: list[_Salient] = []
        self.sentence_no = 0

    def pronoun(self, token: Token, sentence: Sentence) -> Ent | None:
        word = token.low
        here = [p for k in range(max(0, token.index - 40), token.index) for p in sentence.starting.get(k, ())
                if p.end <= token.index and p.resolved_from is None]  # fmt: skip
        if word in PERSONAL:
            wanted = {"person"}
        elif word in ("it", "its"):
            wanted = {"state", "government", "group", "organisation"}
        else:
            wanted = {"state", "government", "group", "organisation", "person"}
        for phrase in reversed(here):
            if phrase.ent.category in wanted and sentence.prep_of(phrase) is None:
                return phrase.ent
        for item in reversed(self._items):
            if self.sentence_no - item.sentence > 2:
                break
            if item.ent.category in wanted and (item.subject or word in PERSONAL):
                return item.ent
        return None

    def descriptions(self, tokens: list[Token], phrases: list[Phrase]) -> list[Phrase]:
        """ "the base", "the group", "the two cities": the last entities of that kind."""
        taken = {k for p in phrases for k in range(p.start, p.end)}
        out: list[Phrase] = []
        for k in range(2, len(tokens)):
            count = {"two": 2, "both": 2, "three": 3}.get(tokens[k - 1].low)
            kinds = PLURAL_DESCRIPTIONS.get(tokens[k].low)
            if count is None or kinds is None or k in taken:
                continue
            recent = self._recent(kinds, 3, count)
            if len(recent) < count:
                continue
            start = k - 2 if tokens[k - 2].low == "the" else k - 1
            for ent in reversed(recent[:count]):
                out.append(Phrase(start, k + 1, ent, "name", k, k + 1, resolved_from=f"the {tokens[k].low}"))
            taken.update(range(start, k + 1))
        for k in range(1, len(tokens)):
            kinds = DESCRIPTIONS.get(tokens[k].low)
            if kinds is None or k in taken or tokens[k - 1].low not in ("the", "this", "that"):
                continue
            if k + 1 < len(tokens) and (tokens[k + 1].kind == "word" and tokens[k + 1].capitalised):
                continue  # "the Base Commander": a title, not a description
            recent = self._recent(kinds, 3, 1)
            if recent:
                out.append(Phrase(k - 1, k + 1, recent[0], "name", k, k + 1, resolved_from=f"the {tokens[k].low}"))
        out += self._bare_forces(tokens, taken)
        return out

    def _bare_forces(self, tokens: list[Token], taken: set[int]) -> list[Phrase]:
        """ "Troops began leaving the base", "the soldiers withdrew": a force noun with nothing to say whose
        force it is, opening its clause, is the one armed force named in the three sentences before."""
        out: list[Phrase] = []
        for k, token in enumerate(tokens):
            if token.low not in FORCE_NOUNS or k in taken:
                continue
            start = k - 1 if k > 0 and tokens[k - 1].low in ("the", "these", "those") else k
            if start > 0 and tokens[start - 1].text not in (",", ";", ":"):
                continue  # "government forces", "said troops …": modified, or not opening a clause
            forces = {item.ent.iri: item.ent for item in self._items
                      if self.sentence_no - item.sentence <= 3 and item.ent.acts_for is not None}  # fmt: skip
            if len(forces) == 1:
                ent = next(iter(forces.values()))
                out.append(Phrase(start, k + 1, ent, "force", k, k + 1, resolved_from=token.low))
        return out

    def _recent(self, kinds: tuple[str, ...], sentences: int, count: int) -> list[Ent]:
        found: list[Ent] = []
        for item in reversed(self._items):
            if self.sentence_no - item.sentence > sentences:
                break
            if item.ent.category in kinds and item.ent not in found:
                found.append(item.ent)
                if len(found) == count:
                    break
        return found

    def remember(self, sentence: Sentence, subjects: set[int]) -> None:
        """Note the sentence's entities; ``subjects`` holds the ids of the entities that were subjects."""
        for phrase in sentence.phrases:
            if phrase.resolved_from is not None:
                continue
            is_subject = id(phrase.ent) in subjects or sentence.prep_of(phrase) is None
            self._items.append(_Salient(self.sentence_no, phrase.ent, is_subject))
        self._items = self._items[-60:]
