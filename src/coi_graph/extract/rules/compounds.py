"""Compound modifiers that carry a relation inside a noun phrase.

* "X-backed Y", "X-funded Y", "X-sponsored Y", "pro-X Y", "X-aligned Y": X supports Y
  ("US-backed Syrian Democratic Forces", "Iran-backed militants", "pro-Iran fighters");
* "X-designated ... terrorist ... Y": X designates Y ("U.S.-designated Foreign Terrorist Organization
  Kata'ib Hezbollah");
* "X-occupied Y", "X-controlled Y", "X-held Y": X controls Y ("Turkish-occupied northern Syria");
* "X-Y talks", "X-Y clashes", "X-Y agreement": a meeting, fighting or an alliance between the two.

Y is the first name after the compound, past other compounds, commas between modifiers and
descriptive words ("the Iran-backed, U.S.-designated Foreign Terrorist Organization Kata'ib
Hezbollah"); an unnamed actor built on the compound ("Iran-backed militants") is Y itself.
"""

from __future__ import annotations

from collections.abc import Iterator

from coi_graph.extract.ents import Phrase
from coi_graph.extract.records import Relation
from coi_graph.extract.rules.base import Rule, relations
from coi_graph.extract.sentence import Sentence

COMPOUNDS = {
    "backed": "supports", "funded": "supports", "sponsored": "supports", "supported": "supports",
    "financed": "supports", "armed": "supports", "trained": "supports", "aligned": "supports",
    "designated": "designates_as_terrorist", "occupied": "controls", "controlled": "controls", "held": "controls",
    "run": "controls", "administered": "controls", "dominated": "controls",
}  # fmt: skip


def _target(sentence: Sentence, k: int, modifier: Phrase) -> Phrase | None:
    """The phrase a compound at token ``k`` modifies: the next phrase, within the noun phrase."""
    j = k + 1
    steps = 0
    while j < sentence.n and steps < 8:
        phrase = sentence.phrase_at[j]
        if (
            phrase is not None
            and phrase is not modifier
            and phrase.end < sentence.n
            and (sentence.tokens[phrase.end].text == "-" and not sentence.tokens[phrase.end].space_before)
        ):
            j = phrase.end  # "Iran-backed, U.S.-designated …": another compound, not what is modified
            steps += 1
            continue
        if phrase is not None and phrase is not modifier:
            if phrase.modifiers and phrase.name_start > j and phrase.ent.category == "person":
                # "US-backed Syrian Democratic Forces (SDF) Commander Mazloum Abdi": the group, not its commander
                return Phrase(j, j + 1, phrase.modifiers[0], "name", j, j + 1)
            return phrase
        token = sentence.tokens[j]
        if token.text in (".", ";", ":", "(", ")") or token.low in (
            "that",
            "which",
            "who",
            "and",
            "or",
            "by",
            "in",
            "on",
            "at",
            "of",
            "to",
            "for",
            "with",
        ):
            return None
        j += 1
        steps += 1
    return None


def _apply(sentence: Sentence) -> Iterator[Relation]:
    tokens = sentence.tokens
    for k in range(2, sentence.n):
        relation = COMPOUNDS.get(tokens[k].low)
        if relation is None or tokens[k - 1].text != "-" or tokens[k - 1].space_before or tokens[k].space_before:
            continue
        # the modifier: the phrase (or the name inside a phrase) ending right before the hyphen
        modifier = sentence.phrase_at[k - 2]
        if modifier is None:
            continue
        backer = _name_before(sentence, k - 1, modifier)
        if backer is None:
            continue
        if modifier.start <= k <= modifier.end - 1 and modifier.head in ("group", "official"):
            target: Phrase | None = modifier  # "Iran-backed militants": the unnamed group is the phrase
        else:
            target = _target(sentence, k, modifier)
        if target is None:
            continue
        if relation == "designates_as_terrorist":
            window = {t.low for t in tokens[k : target.start + 1]} | {
                t.low for t in tokens[target.end : target.end + 6]
            }
            if not window & {"terrorist", "terror", "terrorism"}:
                continue
        yield from relations(sentence, [backer], relation, [target], trigger=k, rule=f"compound X-{tokens[k].low}",
                             why=f"'{sentence.span_text(k - 2, k + 1)}'", score=0.75)  # fmt: skip
    # pro-X Y
    for k in range(sentence.n - 2):
        if tokens[k].low != "pro" or tokens[k + 1].text != "-":
            continue
        inner = sentence.phrase_at[k + 2]
        if inner is None:
            continue
        backer = _name_at(sentence, k + 2, inner)
        if inner.head == "group" and inner.start <= k:
            target = inner
        else:
            target = _target(sentence, k + 2 + (inner.end - inner.start) - 1, inner)
        if backer is None or target is None:
            continue
        yield from relations(sentence, [backer], "supports", [target], trigger=k, rule="compound pro-X",
                             why=f"'pro-{tokens[k + 2].text}'", score=0.7)  # fmt: skip


def _name_before(sentence: Sentence, hyphen: int, phrase: Phrase) -> Phrase | None:
    """The name that ends right before a hyphen, as a phrase of its own (inside an unnamed actor's phrase
    the backer is a modifier)."""
    if phrase.end == hyphen and phrase.head == "name":
        return phrase
    return _name_at(sentence, hyphen - 1, phrase)


def _name_at(sentence: Sentence, k: int, phrase: Phrase) -> Phrase | None:
    if phrase.head == "name" and phrase.name_start <= k < phrase.end:
        return phrase
    for modifier in phrase.modifiers:
        return Phrase(k, k + 1, modifier, "name", k, k + 1)
    return None


# "Russia-Ukraine peace talks", "Turkish-Iraqi cooperation": a relation between the two sides of a pair
PAIR_NOUNS = {
    **dict.fromkeys(("talks", "meeting", "meetings", "summit", "negotiations", "consultations"), "meets_with"),
    # "clashes" are events; "the Israel-Hamas war" names a war as the background of what the text says
    **dict.fromkeys(("clashes", "fighting", "skirmishes"), "attacks"),
    **dict.fromkeys(("agreement", "deal", "accord", "alliance", "cooperation", "partnership", "pact"),
                    "allied_with"),
}  # fmt: skip
_PAIR_FILLERS = frozenset({"peace", "security", "military", "border", "trade", "bilateral", "direct", "indirect",
                           "high-level", "strategic", "defence", "defense", "energy", "ceasefire"})  # fmt: skip


def _pairs(sentence: Sentence) -> Iterator[Relation]:
    for k in range(1, sentence.n - 2):
        if sentence.tokens[k].text not in ("-", "–"):
            continue
        left, right = sentence.phrase_at[k - 1], sentence.phrase_at[k + 1]
        if left is None or right is None or left.end != k or right.start != k + 1 or left.ent is right.ent:
            continue
        j = right.end
        while j < sentence.n and sentence.low(j) in _PAIR_FILLERS:
            j += 1
        relation = PAIR_NOUNS.get(sentence.low(j))
        if relation is None:
            continue
        why = f"'{sentence.span_text(left.start, j + 1)}'"
        yield from relations(sentence, [left], relation, [right], trigger=j, rule="compound X-Y", why=why, score=0.5)
        if relation == "attacks":
            yield from relations(sentence, [right], relation, [left], trigger=j, rule="compound X-Y", why=why,
                                 score=0.5)  # fmt: skip


RULES = (
    Rule("compound", ("supports", "designates_as_terrorist", "controls"), _apply,
         "US-backed Syrian Democratic Forces; U.S.-designated Foreign Terrorist Organization Kata'ib Hezbollah"),
    Rule("pair", ("meets_with", "attacks", "allied_with"), _pairs,
         "Russia-Ukraine peace talks; Turkish-Iraqi cooperation"),
)  # fmt: skip
