"""The extraction rules: trigger words for each relation, and the cues of modality and time.

Rules are general English patterns of COI writing ("stationed at", "in support of", "struck",
"said"), never phrases of one document. Each rule names what it proposes: a direct relation between
two entities (``property``) or an event with roles (``event``), which kinds of entity fill the
subject and object, and a base score that ranks its candidates for review.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import URIRef

from coi_graph.vocab import COI

Kinds = frozenset[str]  # "actor", "place", "facility"
ACTOR: Kinds = frozenset({"actor"})
PLACE: Kinds = frozenset({"place", "facility"})
ANY: Kinds = ACTOR | PLACE


@dataclass(frozen=True)
class Rule:
    name: str
    trigger: re.Pattern[str]
    base: float
    subject: Kinds  # who acts (before the trigger)
    object: Kinds  # what is acted on (after the trigger)
    property: URIRef | None = None  # a direct relation subject → object
    event: URIRef | None = None  # or an event
    subject_role: URIRef | None = None
    object_role: URIRef | None = None
    place_role: URIRef | None = None  # a place after "in/near/at" in the clause, for events
    needs_object: bool = True
    object_first_place: bool = False  # the object is the first place after the trigger, even past actors


def _words(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.IGNORECASE)


RULES: tuple[Rule, ...] = (
    Rule(
        "stationed-at",
        _words(
            r"stationed\s+(?:at|in|on)",
            r"based\s+(?:at|in)",
            r"garrisoned\s+(?:at|in)",
            r"deployed\s+(?:at|in|to)",
            r"positioned\s+(?:at|in)",
            r"remain(?:s|ed|ing)?\s+(?:at|in)",
            r"stay(?:s|ed|ing)?\s+(?:at|in)",
            r"present\s+(?:at|in)",
            r"presence\s+(?:at|in)",
            r"keep(?:s|ing)?\b[^.;]{0,60}?\b(?:at|in)",
            r"kept\b[^.;]{0,60}?\b(?:at|in)",
            r"deployment\s+(?:in|at|to)",
            r"(?<=troops)\s+(?:in|at)",
            r"(?<=forces)\s+(?:in|at)",
            r"(?<=advisers)\s+(?:in|at)",
            r"(?<=personnel)\s+(?:in|at)",
            r"(?<=soldiers)\s+(?:in|at)",
            r"maintain(?:s|ed|ing)?\b[^.;]{0,40}?\b(?:at|in)",
        ),
        0.55,
        ACTOR,
        PLACE,
        property=COI.presentAt,
        object_first_place=True,
    ),
    Rule(
        "supports",
        _words(
            r"support(?:s|ed|ing)?",
            r"in support of",
            r"support for",
            r"back(?:s|ed|ing)",
            r"assist(?:s|ed|ing)?",
            r"train(?:s|ed|ing)?",
            r"equip(?:s|ped|ping)?",
            r"fund(?:s|ed|ing)?",
            r"ally of",
            r"allied with",
        ),
        0.55,
        ACTOR,
        ACTOR,
        property=COI.supports,
    ),
    Rule(
        "fights",
        _words(
            r"fight(?:s|ing)?",
            r"fought",
            r"combat(?:s|ed|ing)?",
            r"clash(?:es|ed)?\s+with",
            r"battl(?:e|es|ed|ing)",
            r"at war with",
            r"campaign against",
            r"mission to defeat",
            r"defeat",
        ),
        0.55,
        ACTOR,
        ACTOR,
        property=COI.fights,
    ),
    Rule(
        "opposes",
        _words(r"oppos(?:e|es|ed|ing)", r"hostile to", r"rival(?:s)? of", r"enem(?:y|ies) of", r"reject(?:s|ed)"),
        0.45,
        ACTOR,
        ACTOR,
        property=COI.opposes,
    ),
    Rule(
        "strike",
        _words(
            r"strike[sd]?\s+(?:on|against)",
            r"air\s?strikes?",
            r"struck",
            r"attack(?:s|ed|ing)?",
            r"bomb(?:s|ed|ing)",
            r"shell(?:s|ed|ing)",
            r"raid(?:s|ed)?",
            r"targeted",
            r"launched\s+strikes?",
            r"carried out\s+(?:air\s?)?strikes?",
            r"conducted\s+(?:air\s?)?strikes?",
            r"hit",
        ),
        0.55,
        ACTOR,
        ANY,
        event=COI.Strike,
        subject_role=COI.agent,
        object_role=COI.target,
        place_role=COI.atPlace,
        needs_object=False,
    ),
    Rule(
        "meeting",
        _words(
            r"met(?:\s+with)?",
            r"meet(?:s|ing)?(?:\s+with)?",
            r"meetings?\s+(?:with|between)",
            r"talks\s+with",
            r"held\s+talks",
        ),
        0.55,
        ACTOR,
        ACTOR,
        event=COI.Meeting,
        subject_role=COI.participant,
        object_role=COI.participant,
        place_role=COI.atPlace,
        needs_object=False,
    ),
    Rule(
        "withdrawal",
        _words(
            r"withdraw(?:s|n|al|ing)?",
            r"withdrew",
            r"pull(?:s|ed|ing)?\s+out",
            r"pull(?:s|ed|ing)?\b[^.;]{0,30}?\bout\s+of",
            r"pull-?outs?",
            r"pullback",
            r"wind(?:s|ing)?\s+down",
            r"wound\s+down",
            r"draw(?:s|ing)?\s?down",
            r"drew\s+down",
            r"reduc(?:e|es|ed|ing|tions?)",
            r"exit(?:s|ed)?\s+from",
            r"evacuat(?:e|es|ed|ing)",
            r"hand(?:ed)?\s+over",
        ),
        0.5,
        ACTOR,
        PLACE,
        event=COI.Withdrawal,
        subject_role=COI.agent,
        object_role=COI.origin,
        needs_object=False,
        object_first_place=True,
    ),
    Rule(
        "reinforcement",
        _words(
            r"reinforc(?:e|es|ed|ing|ements?)",
            r"sent\s+(?:more|additional|extra|new)",
            r"send(?:s|ing)?\s+(?:more|additional|extra|new)",
            r"deploy(?:s|ed|ing)?\s+(?:more|additional|extra|new)",
            r"bolster(?:s|ed|ing)?",
            r"additional\s+troops",
        ),
        0.5,
        ACTOR,
        PLACE,
        event=COI.Reinforcement,
        subject_role=COI.agent,
        object_role=COI.destination,
        needs_object=False,
        object_first_place=True,
    ),
    Rule(
        "patrol",
        _words(r"patrol(?:s|led|ling)?"),
        0.55,
        ACTOR,
        PLACE,
        event=COI.Patrol,
        subject_role=COI.agent,
        object_role=COI.atPlace,
        needs_object=False,
        object_first_place=True,
    ),
    Rule(
        "controls",
        _words(
            r"control(?:s|led|ling)?",
            r"held",
            r"hold(?:s|ing)?",
            r"seiz(?:e|es|ed)",
            r"captur(?:e|es|ed)",
            r"took\s+over",
            r"tak(?:e|es|ing)\s+over",
        ),
        0.45,
        ACTOR,
        PLACE,
        property=COI.controls,
        object_first_place=True,
    ),
    Rule(
        "designation",
        _words(
            r"designat(?:e|es|ed|ing|ion)",
            r"blacklist(?:s|ed)?",
            r"proscrib(?:e|es|ed)",
            r"list(?:s|ed)?\b[^.;]{0,40}\bas\s+a?\s*terrorist",
        ),
        0.55,
        ACTOR,
        ACTOR,
        event=COI.Designation,
        subject_role=COI.agent,
        object_role=COI.target,
    ),
    Rule(
        "statement",
        _words(
            r"said",
            r"says",
            r"stated",
            r"told",
            r"announced",
            r"declared",
            r"warned",
            r"confirm(?:s|ed)?",
            r"denied",
            r"comment(?:s|ed)?",
            r"insisted",
            r"stressed",
            r"noted",
            r"claimed",
            r"added",
            r"according to",
            r"quoted",
        ),
        0.6,
        ACTOR,
        ACTOR,
        event=COI.Statement,
        subject_role=COI.speaker,
        place_role=COI.atPlace,
        needs_object=False,
    ),
)

RULE_NAMES = tuple(rule.name for rule in RULES)

# What makes the object of "controls" a part: "controls parts of", "most of", "areas of"
PART_OF = re.compile(r"\b(?:parts?|areas?|most|much|some|swathes|pockets)\s+of\s*$", re.IGNORECASE)
# A source named after "according to" or "quoted by" is not the actor of the clause
SOURCE_BEFORE = re.compile(
    r"\b(?:according\s+to|quoted\s+by|cited\s+by|citing|reported\s+by|told)\s*(?:the\s+)?$", re.IGNORECASE
)
# "under the control of X": the actor comes after the trigger
UNDER_CONTROL = re.compile(r"\bunder\s+(?:the\s+)?(?:\w+\s+)?control\s+of\s*$", re.IGNORECASE)
PLACE_PREPOSITION = re.compile(
    r"\b(?:in|near|at|around|outside|inside|from|to|into|towards|across|on)\s+(?:the\s+)?$", re.IGNORECASE
)
# a place named after a preposition, perhaps with one adjective: "in neighbouring Syria"
PLACE_USE = re.compile(r"\b(?:in|near|at|around|outside|inside|from|into|towards|across)\s+(?:the\s+)?(?:[a-z]+\s+)?$")
SPEECH = re.compile(
    r"\b(?:said|says|stated|told|announced|declared|warned|noted|added|stressed|insisted|claimed|maintained|argued|"
    r"confirmed|reported|explained)\b",
    re.IGNORECASE,
)
# between the items of a list of names: ", ", " and ", " (including those in ", "), "
LIST_WORDS = frozenset(
    {"and", "or", "as", "well", "including", "those", "in", "at", "the", "also", "both", "its", "their"}
)
LIST_PUNCTUATION = re.compile(r"[\s,;()]+")


def list_gap(gap: str) -> bool:
    """Whether ``gap`` separates two items of one list."""
    words = [w.lower() for w in LIST_PUNCTUATION.split(gap) if w]
    if ("in" in words or "at" in words) and not {"including", "those"} & set(words):
        return False  # "the base in northern Iraq": where it is, not a further item
    return len(gap) <= 30 and all(w in LIST_WORDS for w in words) and (bool(words) or "," in gap or "(" in gap)


NOMINAL = re.compile(r"\b(?:the|this|that|these|those|such)\s+$", re.IGNORECASE)
PASSIVE_BY = re.compile(r"\bby\s+(?:the\s+)?$", re.IGNORECASE)

CLAUSE_BREAK = re.compile(r";|\s[–—]\s|,?\s+(?:while|whereas|but|although|though)\s+", re.IGNORECASE)
QUOTED = re.compile(r"[\"“]([^\"“”]{3,}?)[\"”]|(?<!\w)['‘]([^'‘’]{3,}?)['’](?!\w)")

NEGATION = re.compile(
    r"\b(?:not|never|no\s+longer|n't|denied|den(?:y|ies)|without|refus(?:ed|es)\s+to|declined\s+to|failed\s+to|no)\b",
    re.IGNORECASE,
)
PLANNED = re.compile(
    r"\b(?:will|shall|is\s+to|are\s+to|was\s+to|plan(?:s|ned)?(?:\s+to)?|scheduled|set\s+to|expected\s+to|due\s+to|would|"
    r"agreed\s+to|agreement\s+to|timetable|by\s+(?:the\s+end\s+of\s+)?(?:january|february|march|april|may|june|july|august|"
    r"september|october|november|december|\d{4}|next))\b",
    re.IGNORECASE,
)
INTENDED = re.compile(
    r"\b(?:want(?:s|ed)?\s+to|intend(?:s|ed)?|aim(?:s|ed)?\s+to|seek(?:s|ing)?\s+to|sought\s+to|interest\s+in|ready\s+to|"
    r"willing\s+to|vow(?:s|ed)?|pledg(?:e|es|ed)|promis(?:e|es|ed)|call(?:s|ed)?\s+for|urg(?:e|es|ed))\b",
    re.IGNORECASE,
)
POSSIBLE = re.compile(
    r"\b(?:may|might|could|possibl[ey]|likely|fear(?:s|ed)?|risk\s+of|threat\s+of|expected|reportedly\s+considering|"
    r"consider(?:s|ed|ing))\b",
    re.IGNORECASE,
)
REPORTED = re.compile(
    r"\b(?:according\s+to|reportedly|reported(?:ly)?|said|says|stated|told|quoted|claimed|announced|cited|citing|"
    r"sources?|officials?\s+(?:said|say))\b",
    re.IGNORECASE,
)

_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_DAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
TIME = re.compile(
    rf"\b(?:(?:on|in|by|since|until|from|as\s+of|early|late|mid|end\s+of|in\s+early|in\s+late|in\s+mid)[\s-]+)?"
    rf"(?:\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?|{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|{_MONTH}(?:\s+\d{{4}})?|\d{{4}}(?=\b)"
    rf"|{_DAY}|last\s+(?:week|month|year)|this\s+(?:week|month|year)|next\s+(?:week|month|year)|yesterday|today"
    rf"|(?:a|one|two|three|four|five|\d+)\s+(?:decades?|years?)\s+ago)\b",
    re.IGNORECASE,
)
YEAR_ONLY = re.compile(r"^\d{4}$")
