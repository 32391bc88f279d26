"""Verb constructions: a relation's verb with its subject and object, in the active and the passive.

Each :class:`Frame` names a relation, the verbs that express it (as lemmas), and where its object
stands: a direct object, or a phrase after one of its prepositions ("withdraw from", "clash with").
The same frame reads:

* the active voice: "Iran-backed armed groups attacked U.S. personnel" (subject → object);
* the passive: "the PKK is designated a terrorist organization by Ankara" (the "by" phrase is the
  subject);
* the reduced relative: "a terrorist group armed and funded by Iran", "X, backed by Y" (the phrase
  the participle modifies is the object);
* for verbs of position ("stationed", "based", "deployed", "located"), the phrase in that position
  is the one placed, and the place follows "in", "at" or "to": "pro-Iran fighters based in Iraq".

A subject found through a relative pronoun ("X, which houses a US base") or a pronoun ("its
members attacked") is the antecedent's entity.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from coi_graph.extract import lexicon
from coi_graph.extract.ents import Ent, Phrase
from coi_graph.extract.lexicon import words
from coi_graph.extract.records import Relation
from coi_graph.extract.rules.base import Rule, relations
from coi_graph.extract.sentence import Sentence


@dataclass(frozen=True)
class Frame:
    relation: str
    lemmas: tuple[str, ...]
    preps: frozenset[str] | None = None  # None: a direct object
    particle: tuple[str, ...] = ()  # words right after the verb ("out", "over")
    positional: bool = False  # "X stationed in Y": the placed phrase is the verb's (passive) subject
    both_ways: bool = False  # "X clashed with Y": each attacks the other
    score: float = 0.6
    needs_word: frozenset[str] = frozenset()  # a word the clause must hold ("terrorist" for designations)
    prop: str | None = None  # the ontology property, where it is narrower than the relation's ("fights")


FRAMES: tuple[Frame, ...] = (
    Frame(
        "attacks",
        (
            "attack",
            "strike",
            "hit",
            "bomb",
            "shell",
            "target",
            "raid",
            "assault",
            "ambush",
            "neutralize",
            "neutralise",
            "pound",
            "storm",
            "kill",
            "shoot",
            "bombard",
        ),
    ),
    Frame("attacks", ("fire", "open"), frozenset({"on", "at"}), particle=()),
    Frame("attacks", ("clash", "battle", "engage"), frozenset({"with", "against"}), both_ways=True),
    # armed conflict without a specific attack: "the coalition fighting ISIS" (coi:fights, a kind of opposes)
    Frame("opposes", ("fight", "combat", "battle"), None, score=0.55, prop="fights"),
    Frame("opposes", ("fight",), frozenset({"against"}), score=0.55, prop="fights"),
    Frame(
        "supports",
        (
            "support",
            "back",
            "fund",
            "arm",
            "train",
            "equip",
            "finance",
            "sponsor",
            "assist",
            "aid",
            "supply",
            "bankroll",
            "reinforce",
            "protect",
            "defend",
            "create",
        ),
    ),
    Frame("supports", ("provide", "offer", "give"), None, score=0.5),
    Frame(
        "opposes",
        (
            "oppose",
            "threaten",
            "combat",
            "counter",
            "confront",
            "eradicate",
            "defeat",
            "contain",
            "resist",
            "deter",
            "dissuade",
            "prevent",
        ),
    ),
    Frame("opposes", ("crack",), frozenset({"on"}), particle=("down",)),
    Frame("allied_with", ("ally", "align", "cooperate", "coordinate", "partner", "unite", "side"), frozenset({"with"})),
    Frame("meets_with", ("meet",), frozenset({"with"})),
    Frame("meets_with", ("meet", "visit", "receive", "host", "phone")),
    Frame("meets_with", ("talk", "speak", "confer"), frozenset({"with", "to"})),
    Frame(
        "present_in",
        ("station", "base", "deploy", "position", "garrison", "locate", "headquarter"),
        frozenset({"in", "at", "on", "near", "to", "across", "throughout", "inside"}),
        positional=True,
    ),
    Frame("present_in", ("remain", "stay", "operate"), frozenset({"in", "at", "inside", "across"}), score=0.5),
    Frame(
        "present_in",
        ("keep", "maintain", "retain", "leave", "station", "deploy", "base", "position"),
        frozenset({"in", "at", "inside", "across", "near", "on"}),
        positional=True,
        score=0.55,
        needs_word=words(
            "troops forces advisers advisors soldiers personnel units contingent presence bases base garrison fighters"
        ),
    ),
    Frame(
        "controls",
        (
            "control",
            "seize",
            "capture",
            "occupy",
            "rule",
            "administer",
            "govern",
            "retake",
            "recapture",
            "overrun",
            "hold",
        ),
    ),
    Frame("controls", ("take",), None, particle=("over",)),
    Frame("controls", ("lead",), score=0.45),  # "HTS is now leading Syria" (a place: "leads the coalition" is not)
    Frame(
        "designates_as_terrorist",
        (
            "designate",
            "list",
            "blacklist",
            "proscribe",
            "label",
            "consider",
            "brand",
            "deem",
            "classify",
            "see",
            "regard",
            "view",
        ),
        needs_word=frozenset({"terrorist", "terror", "terrorism"}),
    ),
    Frame("withdraws_from", ("withdraw", "exit", "evacuate", "retreat", "depart"), frozenset({"from"})),
    Frame("withdraws_from", ("pull",), frozenset({"out", "from"}), particle=("out", "of")),
    Frame("withdraws_from", ("pull",), frozenset({"from"}), particle=("out",)),
    Frame("withdraws_from", ("leave", "exit", "evacuate", "abandon", "vacate")),
    Frame("reinforces", ("reinforce", "bolster")),
    Frame("reinforces", ("send", "dispatch"), frozenset({"to", "into"}), score=0.5),
    Frame("patrols", ("patrol",)),
    Frame("patrols", ("patrol",), frozenset({"in", "along", "near", "around"})),
)

_TABLE: dict[str, list[tuple[Frame, frozenset[str]]]] = {}
for _entry in FRAMES:
    for _lemma in _entry.lemmas:
        for _form, _tags in lexicon.verb(_lemma).items():
            _TABLE.setdefault(_form, []).append((_entry, frozenset(_tags)))

# a form that is (also) an adjective or a noun before a noun: "armed groups", "the attack", "strikes"
_NOT_A_VERB_AFTER = frozenset({"the", "a", "an", "its", "their", "his", "her", "of", "this", "these", "that"})
_ADJECTIVAL = words("armed backed based led held controlled occupied trained funded supported")


def _is_verb(sentence: Sentence, k: int, tags: frozenset[str]) -> bool:
    """A verb, not a noun ("the attack", "US strikes on") or an adjective ("armed groups")."""
    before = sentence.low(k - 1)
    word = sentence.low(k)
    if before in _NOT_A_VERB_AFTER and not (tags & {"past", "participle"} and before == "that"):
        return False
    if sentence.phrase_at[k] is not None:
        return False
    if (
        word in _ADJECTIVAL
        and k + 1 < sentence.n
        and sentence.tokens[k + 1].low
        in (lexicon.GROUP_NOUNS | lexicon.FORCE_NOUNS | {"opposition", "forces", "groups", "areas", "territory"})
    ):
        return False
    if before == "-" and not sentence.tokens[k].space_before:
        return False  # "Iran-backed": a compound, read by the compound patterns
    if tags == frozenset({"third"}) and (before in ("of", "for", "and", "on") or (sentence.phrase_before(k)
                                         and sentence.phrase_before(k).head in ("force",))):  # type: ignore[union-attr]  # fmt: skip
        return tags != frozenset({"third"}) or before not in ("of", "for", "on")
    return True


OWNED = words(
    "fighters troops forces bases members personnel soldiers units cells advisers advisors militants positions"
)


def modified_phrase(sentence: Sentence, k: int, *, any_prep: bool = False) -> list[Phrase]:
    """The phrase a participle phrase modifies: "X, backed by Y", "a group armed and funded by Y",
    "fighters based in Z" (past a few descriptive words and one dash or comma)."""
    j = k - 1
    steps = 0
    while j >= 0 and steps < 8:
        token = sentence.tokens[j]
        phrase = sentence.phrase_at[j]
        if phrase is not None:
            if not any_prep and sentence.prep_of(phrase) in ("by", "against", "on", "with", "from", "for"):
                return []
            return sentence.group(phrase)
        if token.text in ("—", "–", ",", "(") or (token.kind == "word" and not token.capitalised) or token.text == "-":
            if token.low in ("has", "have", "had", "maintains", "maintain", "keeps", "keep", "kept") and (
                sentence.low(j + 1) in OWNED
            ):
                return sentence.subject_of(j)  # "the PKK has fighters based in Qandil": the owner is placed
            if token.low in ("that", "which", "who", "said", "says") or (token.low in lexicon.AUXILIARIES):
                return []
            j -= 1
            steps += 1
            continue
        return []
    return []


def _apply(sentence: Sentence) -> Iterator[Relation]:
    for k, token in enumerate(sentence.tokens):
        entries = _TABLE.get(token.low)
        if not entries:
            continue
        seen: set[tuple[str, bool]] = set()
        for frame, tags in entries:
            if not _is_verb(sentence, k, tags):
                continue
            after = k  # the last token of the verb and its particle
            if frame.particle:
                words = [sentence.low(k + 1 + i) for i in range(len(frame.particle))]
                if words != list(frame.particle):
                    continue
                after = k + len(frame.particle)
            elif (
                frame.preps is not None and sentence.low(k + 1) in ("out", "down", "up") and frame.relation != "opposes"
            ):
                continue
            if frame.needs_word:
                a, b = sentence.clause_bounds(k)
                if not sentence.find(frame.needs_word, a, b):
                    continue
            passive = "participle" in tags and sentence.passive(k)
            key = (frame.relation, passive)
            if key in seen:
                continue
            found = list(_frame(sentence, frame, k, after, passive, tags))
            if found:
                seen.add(key)
            yield from found


def _frame(sentence: Sentence, frame: Frame, k: int, after: int, passive: bool,
           tags: frozenset[str]) -> Iterator[Relation]:  # fmt: skip
    word = sentence.tokens[k].text
    if frame.positional:
        if passive or "participle" in tags:
            placed = sentence.subject_of(k) if _has_be(sentence, k) else modified_phrase(sentence, k, any_prep=True)
            rule = "position-passive"
        else:
            # "agreed to keep US military advisers at the base": the kept force, when it is named; else the
            # keeper ("Turkey maintains troops in Afrin")
            kept = sentence.object_after(after, preps=None, limit=4)
            named = [p for p in kept if p.ent.is_actor and p.head in ("force", "name", "group")]
            if kept and any(sentence.low(j) in (frame.preps or ()) or sentence.low(j) in ("and", ",")
                            for j in range(after + 1, kept[0].start)):  # fmt: skip
                named = []  # not the direct object: "attacks against coalition bases in Iraq and Syria"
            placed = named or sentence.subject_of(k)
            rule = "position-active"
        places = sentence.object_after(after, preps=frame.preps, limit=8)
        if word.lower().startswith(("locat", "situat")):
            # "the oilfields, located near the Zakho border": a place located in another
            sited = [p for p in placed if p.ent.is_place and not p.ent.is_actor]
            yield from relations(sentence, sited, "located_in", places, trigger=k, rule=rule,
                                 why=f"'{word}' + '{(sentence.prep_of(places[0]) or '') if places else ''}'",
                                 score=frame.score)  # fmt: skip
        yield from relations(sentence, placed, frame.relation, places, trigger=k, rule=rule,
                             why=f"'{word}' + '{(sentence.prep_of(places[0]) or '') if places else ''}'",
                             score=frame.score)  # fmt: skip
        return
    if passive:
        agents = sentence.agent_by(k, limit=8)
        patients = sentence.subject_of(k) if _has_be(sentence, k) else modified_phrase(sentence, k)
        if not agents or not patients:
            return
        yield from relations(sentence, agents, frame.relation, patients, trigger=k, rule="verb-passive",
                             why=f"passive '{word} by'", score=frame.score)  # fmt: skip
        return
    if "participle" in tags and not tags & {"past"} and not _has_have(sentence, k):
        return  # a participle without "be" or "have" and no "by": an adjective
    subjects = sentence.subject_of(k) or _infinitive_subject(sentence, k)
    if not subjects:
        return
    if frame.preps is None:
        objects = sentence.object_after(after, preps=None, limit=8, through=ACTION_NOUNS)
        if not objects and frame.relation == "attacks":
            objects = _where(sentence, [], start=after)  # "Israel struck targets in Damascus"
    else:
        objects = sentence.object_after(after, preps=frame.preps, limit=10)
    if frame.relation == "controls":
        objects = [p for p in objects if not _adjectival(sentence, p)]  # "holds a Turkish flag"
    if not objects:
        return
    rule = "verb-active"
    if frame.relation == "attacks":
        objects = objects + [p for p in _where(sentence, objects) if p not in objects]
    for made in relations(sentence, subjects, frame.relation, objects, trigger=k, rule=rule,
                          why=f"'{word}'" + (f" {'/'.join(sorted(frame.preps))}" if frame.preps else ""),
                          score=frame.score):  # fmt: skip
        made.prop = frame.prop
        if frame.relation == "meets_with":
            made.where = _venue(sentence, objects)
        yield made
    if frame.both_ways:
        yield from relations(sentence, objects, frame.relation, subjects, trigger=k, rule="verb-reciprocal",
                             why=f"'{word} with': each side", score=frame.score - 0.1)  # fmt: skip


# nouns through which a verb reaches its object: "prevent the mobility of the PKK", "target the positions of X"
ACTION_NOUNS = words(
    "mobility movement movements activities activity return spread resurgence infiltration "
    "expansion influence advance positions bases headquarters members fighters forces "
    "leaders leadership commanders convoy convoys sites facilities strongholds hideouts "
    "territory"
)


def _where(sentence: Sentence, objects: list[Phrase], start: int | None = None) -> list[Phrase]:
    """ "attacked what it said was Israel's headquarters near the US consulate in Erbil": the town or
    site where an attacked thing that is not itself a place lies (not a whole country)."""
    if any(p.ent.is_place for p in objects) or any(not _facility(sentence, p) for p in objects):
        return []  # "neutralized pro-government forces at the Conoco gas fields": the forces were the target
    last = max(p.end for p in objects) if objects else (start or 0) + 1
    for j in range(last, min(sentence.n, last + 8)):
        token = sentence.tokens[j]
        if token.text in (";", ".") or token.low in ("that", "which", "who", "while", "after", "because"):
            return []
        phrase = sentence.phrase_at[j]
        placed = phrase is not None and phrase.start == j and phrase.ent.is_place and phrase.ent.place_rank <= 2
        if placed and phrase is not None and sentence.prep_of(phrase) in ("in", "near", "at", "inside", "outside"):
            return [phrase]
    return []


def _venue(sentence: Sentence, objects: list[Phrase]) -> Ent | None:
    """ "met a delegation of the US government in Baghdad": where a meeting took place, a place "in" or "at"
    after what was met, within the clause."""
    last = max(p.end for p in objects)
    _, end = sentence.clause_bounds(last - 1)
    for j in range(last, min(end, last + 6)):
        phrase = sentence.phrase_at[j]
        if sentence.tokens[j].text in (",", ";") or sentence.low(j) in ("to", "about", "on", "over"):
            return None  # "met X to discuss …", "talks on Y": not where
        if phrase is not None and phrase.start == j:
            if phrase.ent.is_place and sentence.prep_of(phrase) in ("in", "at"):
                return phrase.ent
            return None
    return None


def _adjectival(sentence: Sentence, phrase: Phrase) -> bool:
    """A state's adjective before a common noun ("a Turkish flag"), not the place itself."""
    nxt = sentence.tokens[phrase.end] if phrase.end < sentence.n else None
    return (
        phrase.ent.label not in sentence.span_text(phrase.start, phrase.end)
        and nxt is not None
        and (
            nxt.kind == "word"
            and not nxt.capitalised
            and nxt.low not in lexicon.PREPOSITIONS
            and nxt.low not in lexicon.CONJUNCTIONS
        )
    )


def _facility(sentence: Sentence, phrase: Phrase) -> bool:
    """Whether a phrase names an actor's facility ("US bases", "Israel's spy headquarters")."""
    if phrase.head == "facility":
        return True
    if phrase.end < sentence.n and sentence.tokens[phrase.end].kind == "poss":
        return any(
            sentence.low(j) in lexicon.FACILITY_NOUNS for j in range(phrase.end + 1, min(sentence.n, phrase.end + 5))
        )
    return False


def _infinitive_subject(sentence: Sentence, k: int) -> list[Phrase]:
    """ "Türkiye was prepared to provide Iraq with assistance … to prevent the mobility of the PKK": the
    subject of a purpose or complement infinitive is the clause's subject."""
    if sentence.low(k - 1) != "to":
        return []
    a, _ = sentence.clause_bounds(k)
    thats = [j for j in range(a, k) if sentence.low(j) == "that"]
    if thats:
        a = thats[-1] + 1  # "Ankara announced that Türkiye was prepared … to prevent": the complement's subject
    for phrase in (p for j in range(a, k) for p in sentence.starting.get(j, ())):
        if phrase.ent.is_actor and sentence.prep_of(phrase) is None:
            if any(sentence.low(j) in ("which", "who") for j in range(phrase.end, k)):
                return []  # "an agreement, which established terms to prevent …": not the clause's subject
            found = sentence.subject_of(_next_word(sentence, phrase.end))
            return found or [phrase]
    return []


def _next_word(sentence: Sentence, j: int) -> int:
    while j < sentence.n and sentence.tokens[j].kind == "punct":
        j += 1
    return min(j + 1, sentence.n - 1)


def _has_be(sentence: Sentence, k: int) -> bool:
    for j in range(k - 1, max(-1, k - 4), -1):
        word = sentence.low(j)
        if word in lexicon.BE or word in ("got", "get", "gets", "remain", "remains", "remained"):
            return True
        if not (word in lexicon.ADVERBS or word.endswith("ly") or word in ("not", "also", "and")):
            return False
    return False


def _has_have(sentence: Sentence, k: int) -> bool:
    for j in range(k - 1, max(-1, k - 4), -1):
        word = sentence.low(j)
        if word in ("has", "have", "had", "having"):
            return True
        if not (word in lexicon.ADVERBS or word.endswith("ly") or word in ("not", "also", "never", "been")):
            return False
    return False


RULES = (
    Rule("verb", tuple(sorted({f.relation for f in FRAMES})), _apply,
         "Iran-backed armed groups attacked U.S. personnel; a group armed and funded by Iran"),
)  # fmt: skip
