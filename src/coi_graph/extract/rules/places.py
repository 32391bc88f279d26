"""Where things are: presence of forces, and places inside places.

* **presence**: an actor's forces or facilities with a place after "in", "at", "near": "U.S. troops
  still in Syria", "US outposts in eastern Syria", "American bases located in ... Deir ez-Zur", "a base
  for Iran-backed fighters in Deir ez-Zur's eastern countryside";
* **hosting**: a place that houses or hosts an actor's base or personnel: "the al-Omar oil fields,
  which house a US military base", "facilities in Iraq hosting U.S. personnel";
* **reinforcement**: "increased its military presence at Diego Garcia";
* **located in**: a place, then "in"/"near"/"on" (or "located in") and a larger place ("the Tishreen
  Dam in Aleppo", "Ras al-Ayn and Tell Abyad in northeastern Syria"), a place and a larger one after a
  comma ("Afrin, Syria", "Erbil, northern Iraq"), and a possessor place ("Iraq's Kurdistan region").
"""

from __future__ import annotations

from collections.abc import Iterator

from coi_graph.extract import lexicon
from coi_graph.extract.ents import Phrase
from coi_graph.extract.lexicon import words
from coi_graph.extract.records import Relation
from coi_graph.extract.rules.base import Rule, relations
from coi_graph.extract.sentence import Sentence

TIME_AFTER = words("on in january february march april may june july august september october november december")
IN = frozenset({"in", "at", "near", "inside", "across", "throughout", "within", "on"})
_BRIDGE = words(
    "still now currently located stationed deployed based positioned remaining present "
    "operating situated already also the that are is were was remain remains"
)


def _place_after(sentence: Sentence, phrase: Phrase, limit: int = 4) -> list[Phrase]:
    """A place after "in"/"at" (past a few bridging words: "still", "located") right after a phrase."""
    j = phrase.end
    steps = 0
    while j < sentence.n and steps < limit:
        word = sentence.low(j)
        if word in IN:
            found = sentence.object_after(j - 1, preps=IN, limit=4, want=lambda p: p.ent.is_place)
            return [p for p in found if p.ent.is_place]
        if word in _BRIDGE:
            j += 1
            steps += 1
            continue
        return []
    return []


def _facility_in_clause(sentence: Sentence, phrase: Phrase) -> list[Phrase]:
    """ "U.S. forces thwarted two suicide drones at al-Tanf": forces acting at a base are there."""
    if phrase.head != "force":
        return []
    for j in range(phrase.end, min(sentence.n, phrase.end + 9)):
        token = sentence.tokens[j]
        if token.text in (",", ";", ".") or token.low in ("that", "which", "and", "but", "against", "on"):
            return []
        other = sentence.phrase_at[j]
        if other is not None:
            if other.ent.category == "facility" and sentence.prep_of(other) == "at":
                return [other]
            return []
    return []


def _presence(sentence: Sentence) -> Iterator[Relation]:
    for phrase in sentence.phrases:
        if phrase.head not in ("force", "facility", "activity") or not phrase.ent.is_actor:
            continue
        if sentence.low(phrase.end - 1) == "interests":
            continue  # "a challenge to US interests in Syria": a target, not a presence
        places = _place_after(sentence, phrase) or _facility_in_clause(sentence, phrase)
        if not places:
            continue
        yield from relations(sentence, [phrase], "present_in", places, trigger=phrase.end - 1,
                             rule=f"{phrase.head} in place",
                             why=f"'{sentence.span_text(phrase.start, phrase.end)} … in'", score=0.6)  # fmt: skip
    # "a base for X in Y", "bases of X in Y"
    for k in range(sentence.n - 2):
        if sentence.low(k) not in ("base", "bases", "outpost", "outposts", "positions", "headquarters", "camp",
                                   "camps") or sentence.low(k + 1) not in ("for", "of"):  # fmt: skip
            continue
        owners = sentence.object_after(k, preps=frozenset({"for", "of"}), limit=3)
        if not owners:
            continue
        places = _place_after(sentence, owners[-1])
        yield from relations(sentence, owners, "present_in", places, trigger=k, rule="base for X in place",
                             why=f"'{sentence.tokens[k].text} {sentence.low(k + 1)} … in'", score=0.55)  # fmt: skip


def _hosting(sentence: Sentence) -> Iterator[Relation]:
    for k, token in enumerate(sentence.tokens):
        if token.low not in ("house", "houses", "housed", "housing", "host", "hosts", "hosted", "hosting"):
            continue
        hosted = sentence.object_after(k, preps=None, limit=5, want=lambda p: p.head in ("force", "facility"))
        if not hosted:
            continue
        if token.low.endswith("ing"):
            place = sentence.phrase_before(k)
            if place is None:
                # "facilities in Iraq hosting U.S. personnel": the place of the facilities
                for j in range(k - 1, max(-1, k - 5), -1):
                    if sentence.phrase_at[j] is not None:
                        place = sentence.phrase_at[j]
                        break
            places = sentence.group(place) if place is not None else []
        else:
            places = sentence.subject_of(k)
        places = [p for p in places if p.ent.is_place]
        yield from relations(sentence, hosted, "present_in", places, trigger=k, rule="place hosts X",
                             why=f"'{token.text}'", score=0.6)  # fmt: skip


def _reinforcement(sentence: Sentence) -> Iterator[Relation]:
    for k, token in enumerate(sentence.tokens):
        if token.low not in ("increased", "increase", "increases", "increasing", "boosted", "boost", "expanded",
                             "expand", "bolstered", "strengthened"):  # fmt: skip
            continue
        window = [sentence.low(j) for j in range(k + 1, min(sentence.n, k + 5))]
        if "presence" not in window and "deployment" not in window and "troops" not in window:
            continue
        stop = k + 1 + window.index(next(w for w in window if w in ("presence", "deployment", "troops")))
        places = sentence.object_after(stop, preps=frozenset({"at", "in", "on", "near", "to"}), limit=4)
        subjects = sentence.subject_of(k)
        yield from relations(sentence, subjects, "reinforces", places, trigger=k, rule="increased presence at",
                             why=f"'{token.text} … presence'", score=0.6)  # fmt: skip


_STATE_VERBS = words(
    "remains remain remained is are was were be been came come comes fell fall falls stays stay "
    "stayed left placed brought"
)


def _under_control(sentence: Sentence) -> Iterator[Relation]:
    """ "the base, which remains under SDF control", "areas under the control of HTS": X controls the place."""
    for k in range(sentence.n - 2):
        if sentence.low(k) != "under":
            continue
        c = next((j for j in range(k + 1, min(sentence.n, k + 6)) if sentence.low(j) == "control"), None)
        if c is None:
            continue
        holders = [p for j in range(k + 1, c) for p in sentence.starting.get(j, ()) if p.ent.is_actor]
        if not holders and sentence.low(c + 1) == "of":
            holders = sentence.object_after(c, preps=frozenset({"of"}), limit=4)
        if not holders:
            continue
        j = k - 1
        while j >= 0 and sentence.tokens[j].low in lexicon.ADVERBS:
            j -= 1
        if sentence.low(j) in _STATE_VERBS:
            held = sentence.subject_of(j)
        else:
            before = sentence.phrase_before(k)
            held = [before] if before is not None and before.end >= k - 1 else []
        held = [p for p in held if p.ent.is_place]
        yield from relations(sentence, holders, "controls", held, trigger=c, rule="under X control",
                             why=f"'under … {sentence.tokens[c].text}'", score=0.55)  # fmt: skip


def _rank(phrase: Phrase) -> int:
    """A place's rank, where "the Zakho region" or "Aleppo province" is a region whatever the name alone is."""
    rank = phrase.ent.place_rank
    return max(rank, 2) if phrase.head == "place" and rank < 3 else rank


def _located(sentence: Sentence) -> Iterator[Relation]:
    for phrase in sentence.phrases:
        if not phrase.ent.is_place or phrase.head == "facility":
            continue
        if phrase.ent.is_actor and phrase.ent.category != "state":
            continue
        # possessor place: "Iraq's Kurdistan region", "Deir ez-Zur's countryside"
        for modifier in phrase.modifiers:
            if modifier.is_place and modifier.place_rank > phrase.ent.place_rank:
                yield from relations(sentence, [phrase], "located_in",
                                     [Phrase(phrase.start, phrase.start + 1, modifier, "name", phrase.start,
                                             phrase.start + 1)], trigger=phrase.start, rule="possessor place",
                                     why="'X's Y'", score=0.6)  # fmt: skip
        nxt_k = phrase.end
        word = sentence.low(nxt_k)
        if word in ("located", "situated", "lying"):
            nxt_k += 1
            word = sentence.low(nxt_k)
        if word in ("in", "near", "on", "inside", "within") or (
            word == "," and nxt_k + 1 < sentence.n and sentence.phrase_at[nxt_k + 1]
        ):
            if word == ",":
                larger = sentence.phrase_at[nxt_k + 1]
                if larger is None or larger.start != nxt_k + 1:
                    continue
                after = sentence.tokens[larger.end] if larger.end < sentence.n else None
                if after is not None and not (after.kind in ("punct", "num") or after.low in TIME_AFTER):
                    continue  # "In northern Syria, Türkiye is": a clause's subject, not where the place lies
                outer = [larger]
                rule = "place, larger place"
            else:
                outer = sentence.object_after(nxt_k - 1, preps=frozenset({"in", "near", "on", "inside", "within"}),
                                              limit=4, want=lambda p: p.ent.is_place)  # fmt: skip
                outer = [p for p in outer if p.ent.is_place][:1]
                rule = "place in larger place"
            if not outer or not outer[0].ent.is_place:
                continue
            inner_rank, outer_rank = _rank(phrase), _rank(outer[0])
            if outer_rank < inner_rank or (outer_rank == inner_rank and outer_rank != 2):
                continue
            if outer[0].head == "facility":
                continue
            inner = [p for p in sentence.group(phrase) if p.end <= phrase.end and p.ent.is_place
                     and p.ent.place_rank < 3]  # fmt: skip
            yield from relations(sentence, inner or [phrase], "located_in", outer, trigger=phrase.end, rule=rule,
                                 why=f"'{sentence.span_text(phrase.start, outer[0].end)}'", score=0.6)  # fmt: skip


RULES = (
    Rule(
        "presence",
        ("present_in", "stationed_at"),
        _presence,
        "U.S. troops still in Syria; US outposts in eastern Syria",
    ),
    Rule("hosting", ("present_in", "stationed_at"), _hosting, "the al-Omar oil fields, which house a US military base"),
    Rule("reinforcement", ("reinforces",), _reinforcement, "increased its military presence at Diego Garcia"),
    Rule("located", ("located_in",), _located, "the Tishreen Dam in Aleppo; Afrin, Syria"),
    Rule("under control", ("controls",), _under_control, "the base, which remains under SDF control"),
)
