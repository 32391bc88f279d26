"""From mentions to phrases: the noun phrases of a sentence whose head names an entity.

The component runs after the mention finder and before the relation patterns. It makes one
:class:`~coi_graph.extract.ents.Phrase` per mention and then grows it:

* a person's titles and affiliations before the name ("Turkish President Recep Tayyip Erdogan",
  "Pentagon spokesman Brig. Gen. Pat Ryder", "Türkiye's President Erdogan") become part of the phrase,
  the states and bodies in them its modifiers;
* a state's or group's head noun after it says how the actor is meant: its forces ("U.S. forces",
  "American troops"), its facilities ("US outposts", "American bases"), its officials;
* a possessive joins two names ("Iran's elite Revolutionary Guards force": the IRGC, Iran the possessor);
* a bracketed acronym or a slash alias of the same entity ("Syrian National Army (SNA)",
  "Ras al-Ayn/Serê Kaniyê") is part of the phrase;
* an unnamed actor ("Iran-backed militants") spans its modifiers, the backer a modifier.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from coi_graph.extract import lexicon
from coi_graph.extract.ents import Ent, Phrase
from coi_graph.extract.lexicon import words
from coi_graph.extract.tokens import Token


@dataclass(eq=False)
class Span:
    """A mention mapped onto the sentence's tokens: tokens [start, end) name ``ent``."""

    start: int
    end: int
    ent: Ent
    kind: str = "name"  # name, unnamed (an unnamed actor's whole phrase), head (its head noun)
    phrase_start: int | None = None  # for an unnamed actor: where its phrase starts


_FORCE_MODIFIERS = words(
    "military armed air special security elite ground naval combat defense defence "
    "intelligence army police revolutionary"
)
_TITLE_CAPITALISED = words(
    "president prime minister foreign defense defence secretary general gen. gen "
    "brig. brig commander chief leader ambassador envoy spokesman spokesperson king "
    "crown prince emir interim deputy vice supreme lt. col. colonel maj. admiral "
    "adm. sheikh ayatollah senator sen. rep. governor mayor director head national "
    "security adviser advisor council of state the mr. mrs. ms. dr. staff chairman "
    "lieutenant captain sergeant major transitional acting former then designate co "
    "chair senior top official military minister's affairs special representative "
    "coordinator spokeswoman speaker cleric commander-in-chief in"
)


def build(tokens: list[Token], spans: list[Span]) -> list[Phrase]:
    """The phrases of a sentence from its mention spans (token indices)."""
    spans = sorted(spans, key=lambda s: (s.start, -s.end))
    taken = [False] * len(tokens)
    phrases: list[Phrase] = []
    by_start = {s.start: s for s in spans if s.kind != "head"}
    starts = [s.start for s in spans]
    # unnamed actors first: their phrase covers the backer's mention
    for span in spans:
        if span.kind == "unnamed":
            start = span.phrase_start if span.phrase_start is not None else span.start
            inside = spans[bisect_left(starts, start) : bisect_left(starts, span.end)]
            modifiers = [s.ent for s in inside if s is not span and s.kind == "name"]
            head = "official" if span.ent.category in ("person", "government") else "group"
            phrases.append(Phrase(start, span.end, span.ent, head, span.start, span.end, modifiers))
            for k in range(start, span.end):
                taken[k] = True
    for span in spans:
        if span.kind != "name" or taken[span.start]:
            continue
        phrases.append(Phrase(span.start, span.end, span.ent, "name", span.start, span.end))
        for k in range(span.start, span.end):
            taken[k] = True
    phrases.sort(key=lambda p: p.start)
    phrases = _merge_aliases(tokens, phrases)
    phrases = _merge_possessives(tokens, phrases)
    phrases = _merge_titles(tokens, phrases)
    for phrase in phrases:
        _grow_head(tokens, phrase, by_start)
        if phrase.ent.acts_for is not None and phrase.head == "name":
            phrase.head = "force"  # "U.S. troops": a state's armed force, named as such in the registry
    return _drop_overlaps(phrases)


def _merge_aliases(tokens: list[Token], phrases: list[Phrase]) -> list[Phrase]:
    """ "Syrian National Army (SNA)", "Ras al-Ayn/Serê Kaniyê": one phrase for both names of one entity;
    a bracketed acronym of another entity is left alone."""
    out: list[Phrase] = []
    for phrase in phrases:
        if out:
            last = out[-1]
            between = [t.text for t in tokens[last.end : phrase.start]]
            if last.ent is phrase.ent and between in (["("], ["/"], [","]):
                close = phrase.end
                if between == ["("] and close < len(tokens) and tokens[close].text == ")":
                    close += 1
                last.end = close
                continue
            if last.ent is phrase.ent and between == [] and phrase.start == last.end:
                last.end = phrase.end
                continue
        out.append(phrase)
    return out


def _merge_possessives(tokens: list[Token], phrases: list[Phrase]) -> list[Phrase]:
    """ "Iran's elite Revolutionary Guards force", "Türkiye's President Erdogan", "Iraq's Kurdistan region":
    the possessor becomes a modifier of the next phrase when only adjectives or titles lie between."""
    out: list[Phrase] = []
    skip: set[int] = set()
    for i, phrase in enumerate(phrases):
        if i in skip:
            continue
        if phrase.end < len(tokens) and tokens[phrase.end].kind == "poss" and i + 1 < len(phrases):
            nxt = phrases[i + 1]
            between = tokens[phrase.end + 1 : nxt.start]
            if (
                len(between) <= 3
                and all(
                    t.kind == "word"
                    and (not t.capitalised or t.low in _TITLE_CAPITALISED)
                    and t.low not in lexicon.PREPOSITIONS
                    and t.low not in lexicon.DETERMINERS
                    for t in between
                )
                and phrase.head == "name"
                and not (phrase.ent.is_place and not phrase.ent.is_actor and nxt.ent.is_actor)
            ):
                nxt.start = phrase.start
                nxt.modifiers = [phrase.ent, *phrase.modifiers, *nxt.modifiers]
                continue
        out.append(phrase)
    return out


def _merge_titles(tokens: list[Token], phrases: list[Phrase]) -> list[Phrase]:
    """A person's phrase takes in the titles and affiliations before the name."""
    result: list[Phrase] = []
    # the phrases of ``result`` by the token they end before, in order, and those absorbed since: a lookup
    # is a dictionary's, not a scan of the sentence's phrases (linear time in a sentence of many names)
    ending: dict[int, list[Phrase]] = {}
    absorbed_ids: set[int] = set()

    def keep(phrase: Phrase) -> None:
        result.append(phrase)
        ending.setdefault(phrase.end, []).append(phrase)

    for phrase in phrases:
        if phrase.ent.category != "person":
            keep(phrase)
            continue
        k = phrase.start - 1
        absorbed: list[Phrase] = []
        while k >= 0:
            token = tokens[k]
            before = ending.get(k + 1)
            earlier = before[-1] if before else None
            if earlier is not None and earlier.ent.category != "person" and earlier.head == "name":
                absorbed.append(earlier)
                k = earlier.start - 1
                continue
            if (
                token.low.rstrip(".") in _TITLE_WORDS
                or token.low in ("-", "’s", "'s", "then", "spokesman", "spokesperson", "official")
                or (token.kind == "poss")
            ):
                if token.low in ("the", "of", "in") and not (k > 0 and tokens[k - 1].capitalised):
                    break
                k -= 1
                continue
            break
        start = k + 1
        while start < phrase.start and tokens[start].low in ("of", "the", "-", "in"):
            start += 1
        if start < phrase.start:
            for earlier in absorbed:
                if id(earlier) not in absorbed_ids:  # each is in ``result`` until absorbed
                    absorbed_ids.add(id(earlier))
                    ending[earlier.end].remove(earlier)
                phrase.modifiers = [earlier.ent, *earlier.modifiers, *phrase.modifiers]
            phrase.start = min(start, *(p.start for p in absorbed)) if absorbed else start
        keep(phrase)
    return [p for p in result if id(p) not in absorbed_ids]


_TITLE_WORDS = frozenset(w.rstrip(".") for w in _TITLE_CAPITALISED)
_CLASS_NOUNS = frozenset(
    {
        "militia",
        "group",
        "faction",
        "movement",
        "organisation",
        "organization",
        "party",
        "brigade",
        "battalion",
        "network",
    }
)


def _grow_head(tokens: list[Token], phrase: Phrase, by_start: dict[int, Span]) -> None:
    """The head noun after a state's or group's name: its forces, bases or officials."""
    if phrase.head != "name":
        return
    k = phrase.end
    while k < len(tokens) and tokens[k].low in _FORCE_MODIFIERS and not tokens[k].capitalised:
        k += 1
    if k >= len(tokens) or tokens[k].capitalised or k in by_start:
        # "al-Tanf military base": a facility's name and its class noun
        return
    word = tokens[k].low
    category = phrase.ent.category
    if category == "facility" and word in ("base", "bases", "field", "fields", "oilfield", "oilfields", "airport",
                                           "garrison", "dam", "facility", "outpost"):  # fmt: skip
        phrase.end = k + 1
        if word in ("field", "fields") and k + 1 < len(tokens) and tokens[k + 1].low in ("base",):
            phrase.end = k + 2
        return
    if category in ("place", "region", "admin", "city", "country") and word in lexicon.PLACE_NOUNS:
        phrase.end = k + 1
        phrase.head = "place"
        return
    if not phrase.ent.is_actor:
        return
    if category not in ("state", "government") and word in _CLASS_NOUNS:
        phrase.end = k + 1  # "the Liwa al-Fajr militia", "the Wagner group": the name and its class noun
        return
    if word in ("forces", "force", "troops", "military", "army", "soldiers", "personnel", "advisers", "advisors",
                "servicemembers", "servicemen", "units", "jets", "warplanes", "aircraft", "drones", "navy",
                "marines", "commandos", "contingent", "militaries", "fighters", "members", "militants",
                "fighter", "missiles", "warships", "service"):  # fmt: skip
        phrase.end = k + 1
        if word == "service" and k + 1 < len(tokens) and tokens[k + 1].low in ("members", "personnel"):
            phrase.end = k + 2
        phrase.head = "force"
    elif word in ("base", "bases", "outpost", "outposts", "garrison", "garrisons", "facilities", "facility",
                  "installations", "positions", "interests", "embassy", "consulate", "headquarters", "sites",
                  "checkpoint", "checkpoints"):  # fmt: skip
        phrase.end = k + 1
        phrase.head = "facility"
    elif word in ("activity", "activities", "cells", "presence", "operatives", "militants"):
        phrase.end = k + 1
        phrase.head = "activity"
    elif word in ("officials", "authorities", "leaders", "leadership", "officers", "diplomats", "negotiators"):
        phrase.end = k + 1
        phrase.head = "official"


def _drop_overlaps(phrases: list[Phrase]) -> list[Phrase]:
    phrases.sort(key=lambda p: (p.start, -(p.end - p.start)))
    out: list[Phrase] = []
    for phrase in phrases:
        if out and phrase.start < out[-1].end:
            if phrase.end > out[-1].end and phrase.ent is out[-1].ent:
                out[-1].end = phrase.end
            continue
        out.append(phrase)
    return out
