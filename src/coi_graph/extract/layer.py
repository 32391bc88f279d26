"""The mention layer: every mention of a sentence as a span over its tokens, with its entity.

After the gazetteer has matched the registry's names (:mod:`coi_graph.extract.mentions`), this
component settles what a sentence's names are:

* a name is widened to what the text writes as one name: an abbreviation's full stop ("U.S."), a
  class word ("Diego Garcia Island", "the al-Tanf military base", "the Conoco gas fields"), a
  state's adjective naming a facility or body ("the Iranian Consulate", "the American Enterprise
  Institute", "Syrian TV");
* a seat of government is the place after a place preposition or in a dateline, else the
  government acting ("as Ankara ramped up");
* a new name gets a guessed type, and is dropped when it is a common word the text also writes in
  lower case ("Update", "Facts"); a bracketed acronym after a new name is that name's;
* a surname names the person named in full before ("Ryder" after "Pat Ryder");
* borders ("the Syria-Türkiye border"), regions named by direction ("eastern Syria") and unnamed
  actors ("Iran-backed militants", "an Iraqi official") are proposed as entities.

Mentions are recorded with offsets into the file; a possessive "'s" belongs to the mention, as the
development set writes them ("Iran's").
"""

from __future__ import annotations

import re
from bisect import bisect_right

from coi_graph.documents.model import Passage
from coi_graph.extract import names
from coi_graph.extract.entities import EntityTable
from coi_graph.extract.ents import Ent
from coi_graph.extract.gazetteer import Gazetteer, name_key, normalise
from coi_graph.extract.lexicon import words
from coi_graph.extract.mentions import Mention
from coi_graph.extract.phrases import Span
from coi_graph.extract.records import DocMention, Extraction
from coi_graph.extract.tokens import Token

CATEGORY_OF_TYPE = {
    "MilitaryBase": "facility", "Airport": "facility", "OilField": "facility", "Region": "region",
    "Government": "government", "NonStateArmedGroup": "group", "Organisation": "organisation",
    "MediaOutlet": "publisher", "Person": "person", "City": "city",
}  # fmt: skip
TYPE_OF_CATEGORY = {"person": "Person", "group": "NonStateArmedGroup", "government": "Government"}
CLASS_WORDS = words(
    "Island Dam Base Airport Airbase Field Oilfield Mountains Mountain River Province "
    "Governorate Desert Valley Crossing Garrison Camp Lake Plain Bridge"
)
FACILITY_CLASS = words(
    "military air gas oil naval base bases field fields oilfield oilfields airport dam garrison airbase"
)
FACILITY_HEADS = words("base bases field fields oilfield oilfields airport dam garrison airbase")
FORCE_WORDS = frozenset({"forces", "force", "troops", "military", "army", "armed", "soldiers", "personnel"})
MEDIA_WORDS = ("TV", "Television", "Radio", "News Agency", "news agency", "state TV", "state television",
               "state media", "state news agency")  # fmt: skip
AFFILIATED = frozenset({"affiliated", "linked", "led", "run", "controlled", "loyal"})
PLACE_PREPOSITIONS = words(
    "in at to from near into on over outside around across towards toward via inside "
    "within of visited visit visits reached entered captured seized retook leaving "
    "left"
)


def _acronym(short: str, name: str) -> bool:
    """Whether ``short`` is the acronym of ``name`` (its words' initials)."""
    letters = [c for c in short if c.isalpha()]
    if not letters or not all(c.isupper() for c in letters):
        return False
    initials = "".join(w[0] for w in re.findall(r"[^\W\d_]+", name) if w[0].isupper())
    return "".join(letters) == initials or "".join(letters) in initials


class MentionLayer:
    def __init__(self, gazetteer: Gazetteer, table: EntityTable, result: Extraction) -> None:
        self.gazetteer = gazetteer
        self.table = table
        self.result = result
        self.lower_words: set[str] = set()  # every word the text writes in lower case
        self._surnames: dict[str, Ent] = {}
        self._surfaces: set[tuple[int, str]] = set()  # (id of an entity, a surface of it): ent.surfaces as a set
        self.located: list[tuple[Ent, Ent]] = []  # a proposed region and the place its name gives

    # --- recording -----------------------------------------------------------------------------

    def record(self, passage: Passage, start: int, end: int, ent: Ent, rule: str) -> None:
        text = passage.text
        if text[end : end + 2] in ("’s", "'s") and not text[end + 2 : end + 3].isalnum():
            end += 2
        surface = text[start:end]
        if ent.category == "person" and " " in surface.strip() and surface.split()[-1][:1].isupper():
            self._surnames.setdefault(surface.split()[-1], ent)
        self.result.mentions.append(DocMention(passage.file_start(start), passage.file_end(end), surface, ent, rule))
        if (id(ent), surface) not in self._surfaces:  # only this method adds surfaces: the set mirrors the list
            self._surfaces.add((id(ent), surface))
            ent.surfaces.append(surface)

    def _forget(self, passage: Passage, start: int, end: int) -> None:
        """Drop the mentions inside a span that a longer mention now covers."""
        a, b = passage.file_start(start), passage.file_end(end)
        mentions = self.result.mentions
        k = len(mentions)
        while k > 0 and mentions[k - 1].end > a:  # the mentions of this sentence come last
            k -= 1
        mentions[k:] = [m for m in mentions[k:] if not (a <= m.start and m.end <= b)]

    # --- one sentence --------------------------------------------------------------------------

    def spans(self, passage: Passage, tokens: list[Token], found: list[Mention]) -> list[Span]:
        """Mentions as spans over the sentence's tokens, new names and unnamed actors included."""
        index_of = {t.start: t.index for t in tokens}
        end_of = {t.end: t.index for t in tokens}
        containing = {offset: t.index for t in tokens for offset in range(t.start, t.end)}
        spans: list[Span] = []
        ending: dict[int, Span] = {}  # the first span that ends at a token index
        # each lookup below is a dictionary's or a binary search, not a scan of the sentence: linear time
        ends = [t.end for t in tokens]
        unlinked: dict[int, Mention] = {}  # the first mention of no entity that starts at an offset
        for mention in found:
            if mention.entity is None and not mention.ambiguous:
                unlinked.setdefault(mention.start, mention)
        mention_at: dict[int, tuple[int, str]] = {}
        taken = [False] * len(tokens)
        for mention in sorted(found, key=lambda m: (m.entity is None and not m.ambiguous, m.start)):
            a, b = containing.get(mention.start), containing.get(mention.end - 1)
            if a is None or b is None or tokens[a].start != mention.start:
                continue
            if taken[a] or taken[b]:
                continue
            made = (
                self._regime(passage, tokens, mention, a, b)
                or self._organisation(passage, tokens, mention, a, b, unlinked, ends)
                or self._name(passage, tokens, mention, a, b, ending)
            )
            if made is None:
                continue
            span, start, end, rule = made
            spans.append(span)
            ending.setdefault(span.end, span)
            for k in range(span.start, span.end):
                taken[k] = True
            mention_at[span.start] = (span.end - 1, span.ent.category)
            self._record_span(passage, tokens, span, start, end, rule)
        for k, token in enumerate(tokens):  # "Ryder" after "Pat Ryder": a person named by surname
            person = self._surnames.get(token.text)
            if person is not None and not taken[k]:
                taken[k] = True
                spans.append(Span(k, k + 1, person))
                mention_at[k] = (k, person.category)
                self.record(passage, token.start, token.end, person, "surname")
        spans, mention_at = self._compounds(passage, tokens, spans, mention_at, index_of, end_of)
        starting: dict[int, Span] = {}  # the first span that starts at a token index
        for span in spans:
            starting.setdefault(span.start, span)
        for unnamed in names.unnamed_actors(tokens, mention_at):
            ent = self._unnamed(unnamed, tokens, starting)
            a, b = index_of[unnamed.start], end_of[unnamed.end]
            spans.append(Span(index_of[unnamed.mention_start], b + 1, ent, "unnamed", phrase_start=a))
            starting.setdefault(spans[-1].start, spans[-1])
            if unnamed.category in ("person", "government"):
                self._forget(passage, unnamed.start, unnamed.end)  # the state in "an Iraqi official" is its part
            self.record(passage, unnamed.mention_start, unnamed.mention_end, ent, "unnamed")
        return spans

    def _record_span(self, passage: Passage, tokens: list[Token], span: Span, start: int, end: int,
                     rule: str) -> None:  # fmt: skip
        """A generic force ("U.S. forces") is recorded as a mention of its state, the words of the name."""
        ent = span.ent
        if ent.acts_for is not None:
            last = span.end - 1
            while last > span.start and tokens[last].low in FORCE_WORDS:
                last -= 1
            if last < span.end - 1:
                self.record(passage, start, tokens[last].end, ent.acts_for, rule)
                return
        self.record(passage, start, end, ent, rule)

    def _name(self, passage: Passage, tokens: list[Token], mention: Mention, a: int, b: int,
              ending: dict[int, Span]) -> tuple[Span, int, int, str] | None:  # fmt: skip
        text = passage.text
        start, end = mention.start, mention.end
        registry = bool(mention.entity or mention.ambiguous)
        if tokens[b].end != end:
            if tokens[b].kind != "abbr":
                return None
            end = tokens[b].end  # "U.S" is the abbreviation "U.S."
        if registry:
            b, end = self._widen(tokens, mention, b, end)
        if registry and self._named_by_adjective(tokens, mention, b):
            # "the Iranian Consulate", "Syrian TV": a facility or outlet named by a state's adjective
            b += 1
            label = text[start : tokens[b].end]
            words = [t.text for t in tokens[a : b + 1]]
            type_name = (
                "MediaOutlet" if tokens[b].text in ("TV", "Television", "Radio") else names.guess_type(words, [], [])
            )
            category = (
                "facility" if tokens[b].low in names.INFRASTRUCTURE else CATEGORY_OF_TYPE.get(type_name, "organisation")
            )
            ent = self.table.proposed(label, category, type_name, "new name")
            return Span(a, b + 1, ent), start, tokens[b].end, "new name"
        if registry:
            chosen = self._metonym(mention, tokens, a, b) if mention.entity is None else mention.entity
            known = self.table.registry(chosen) if chosen else None
            return (Span(a, b + 1, known), start, end, "registry") if known is not None else None
        new = self._new_name(mention, tokens, a, b)
        if new is None:
            return None
        ent = new
        if a >= 2 and tokens[a - 1].text == "(" and b + 1 < len(tokens) and tokens[b + 1].text == ")":
            named = ending.get(a - 1)
            if named is not None and named.ent.proposed and _acronym(mention.text, named.ent.label):
                ent = named.ent  # "Department for Military Operations (DMO)": the acronym names it too
                self.table.alias(mention.text, ent)
        return Span(a, b + 1, ent), start, end, "new name"

    def _regime(self, passage: Passage, tokens: list[Token], mention: Mention, a: int,
                b: int) -> tuple[Span, int, int, str] | None:  # fmt: skip
        """ "Bashar al-Assad's regime", "Al-Julani's regime": the government the registry names after the
        person ("Assad regime")."""
        entry = self.gazetteer.by_iri.get(mention.entity or "")
        if entry is None or entry.category != "person" or b + 2 >= len(tokens) or tokens[b + 1].kind != "poss":
            return None
        noun = tokens[b + 2].low
        if noun not in ("regime", "government", "administration", "cabinet"):
            return None
        for surname in (mention.text.split()[-1], entry.label.split()[-1]):
            key = (*tuple(k for k in name_key(surname) if k), noun)
            for name in self.gazetteer.lookup(key):
                if name.entry.category == "government":
                    ent = self.table.registry(name.entry.iri)
                    if ent is not None:
                        return Span(a, b + 3, ent), mention.start, tokens[b + 2].end, "registry"
        return None

    def _organisation(self, passage: Passage, tokens: list[Token], mention: Mention, a: int, b: int,
                      unlinked: dict[int, Mention], ends: list[int]) -> tuple[Span, int, int, str] | None:  # fmt: skip
        """ "the American Enterprise Institute": a state's adjective that begins an organisation's name."""
        if not mention.entity or b + 1 >= len(tokens) or not tokens[b + 1].space_before:
            return None
        entry = self.gazetteer.by_iri.get(mention.entity)
        if entry is None or entry.category != "state" or mention.text == entry.label:
            return None
        nxt = unlinked.get(tokens[b + 1].start)
        if nxt is None:
            return None
        head = nxt.text.split()[-1].lower()
        if names.HEAD_TYPES.get(head) in (None, "Person", "Region", "City", "MilitaryBase", "Airport", "OilField"):
            return None
        last = bisect_right(ends, nxt.end) - 1  # the last token that ends within the name
        label = passage.text[mention.start : nxt.end]
        type_name = names.HEAD_TYPES[head]
        ent = self.table.proposed(label, CATEGORY_OF_TYPE.get(type_name, "organisation"), type_name, "new name")
        return Span(a, last + 1, ent), mention.start, nxt.end, "new name"

    def _widen(self, tokens: list[Token], mention: Mention, b: int, end: int) -> tuple[int, int]:
        """ "Diego Garcia Island", "the al-Tanf military base", "the Conoco gas fields"."""
        if b + 1 < len(tokens) and tokens[b + 1].space_before and tokens[b + 1].text in CLASS_WORDS:
            return b + 1, tokens[b + 1].end
        entry = self.gazetteer.by_iri.get(mention.entity or "")
        if entry is not None and entry.category == "facility":
            k = b + 1
            while k < len(tokens) and k - b <= 3 and tokens[k].low in FACILITY_CLASS and not tokens[k].capitalised:
                k += 1
            if k > b + 1 and tokens[k - 1].low in FACILITY_HEADS:
                return k - 1, tokens[k - 1].end
        return b, end

    def _named_by_adjective(self, tokens: list[Token], mention: Mention, b: int) -> bool:
        if not mention.entity or b + 1 >= len(tokens) or not tokens[b + 1].space_before:
            return False
        entry = self.gazetteer.by_iri.get(mention.entity)
        adjective = entry is not None and entry.category == "state" and mention.text != entry.label
        nxt = tokens[b + 1]
        return adjective and nxt.capitalised and (nxt.low in names.INFRASTRUCTURE or nxt.text in ("TV", "Television",
                                                                                               "Radio"))  # fmt: skip

    def _metonym(self, mention: Mention, tokens: list[Token], a: int, b: int) -> str | None:
        """A seat of government the mention finder could not settle ("Ankara", "Baghdad"): the place
        after a place preposition or in a dateline, else the government acting."""
        by_iri = self.gazetteer.by_iri
        places = [i for i in mention.ambiguous if i in by_iri and by_iri[i].kind != "actor"]
        actors = [i for i in mention.ambiguous if i not in places]
        before = tokens[a - 1].low if a > 0 else ""
        after = tokens[b + 1].text if b + 1 < len(tokens) else ""
        dateline = a <= 2 and after in (":", "/", "—", "–", "(")
        as_place = before in PLACE_PREPOSITIONS or dateline or before == "/" or not actors
        chosen = (places or actors) if as_place else actors
        return chosen[0] if chosen else None

    def _new_name(self, mention: Mention, tokens: list[Token], a: int, b: int) -> Ent | None:
        words = [t.text for t in tokens[a : b + 1] if t.kind in ("word", "abbr")]
        if not words:
            return None
        if len(words) == 1 and words[0].lower() in self.lower_words:
            return None  # "Update", "Facts": a common word the text also writes in lower case
        before = [t.low for t in tokens[max(0, a - 3) : a]]
        after = [t.low for t in tokens[b + 1 : b + 4]]
        type_name = names.guess_type(words, before, after)
        category = CATEGORY_OF_TYPE.get(type_name, "organisation")
        if words[-1].lower() in names.INFRASTRUCTURE:
            category = "facility"  # a dam, a consulate, an airport: a place at a point
        return self.table.proposed(mention.text, category, type_name, "new name")

    def _unnamed(self, unnamed: names.Unnamed, tokens: list[Token], starting: dict[int, Span]) -> Ent:
        type_name = TYPE_OF_CATEGORY[unnamed.category]
        head = unnamed.label.split()[-1].lower()
        key = None
        if unnamed.backer_token is not None and unnamed.category == "group":
            key = f"group|{normalise(tokens[unnamed.backer_token].text)}|{head}"  # "Iran-backed" = "pro-Iran" fighters
        ent = self.table.proposed(unnamed.label, unnamed.category, type_name, f"unnamed {unnamed.rule}", key)
        if unnamed.backer_token is not None and unnamed.rule.split()[0].split("-")[-1] in AFFILIATED:
            backer = starting.get(unnamed.backer_token)
            if backer is not None:
                ent.acts_for = backer.ent  # "HTS-affiliated forces": the scheme counts them as HTS
        return ent

    def _compounds(self, passage: Passage, tokens: list[Token], spans: list[Span],
                   mention_at: dict[int, tuple[int, str]], index_of: dict[int, int],
                   end_of: dict[int, int]) -> tuple[list[Span], dict[int, tuple[int, str]]]:  # fmt: skip
        """Borders ("the Syria-Türkiye border") and regions named by direction ("eastern Syria")."""
        made: list[tuple[names.Directional, Ent, Ent | None]] = []
        # the spans by the token they start at, in order; a compound drops those it covers from the index and
        # from the list once, at the end: each compound looks only at its own tokens, not at every span
        starting: dict[int, list[Span]] = {}
        for span in spans:
            starting.setdefault(span.start, []).append(span)
        for border in names.borders(tokens, mention_at):
            made.append((border, self.table.proposed(border.label, "region", "Region", "X-Y border"), None))
        for region in names.directional_regions(tokens, mention_at):
            place = starting[region.place_token][0].ent if region.place_token in starting else None
            if place is None:
                continue
            made.append((region, self.table.proposed(region.label, "region", "Region", "direction + place"), place))
        dropped: set[int] = set()
        for item, ent, place in made:
            a, b = index_of[item.start], end_of[item.end]
            if any(sp.end > b + 1 for k in range(a, b + 1) for sp in starting.get(k, ())):
                continue
            for k in range(a, b + 1):
                dropped.update(id(sp) for sp in starting.pop(k, ()))
            spans.append(Span(a, b + 1, ent))
            starting.setdefault(a, []).append(spans[-1])
            for k in range(a, b + 1):
                mention_at.pop(k, None)  # the others keep their order
            mention_at[a] = (b, "region")
            self._forget(passage, item.start, item.end)
            self.record(passage, item.start, item.end, ent, ent.rule or "compound")
            if place is not None:
                self.located.append((ent, place))
        if dropped:
            spans = [sp for sp in spans if id(sp) not in dropped]
        return spans, mention_at
