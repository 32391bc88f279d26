"""Relations as first-class records: what the patterns propose, before it becomes RDF.

A :class:`Relation` names its subject and object (entities of the document), one of the relation
types of the scheme, the modality the text gives it, its date, its evidence (the sentence, its
offsets, the footnote labels in or closing it) and why it was proposed (the construction that
matched, and on which words). The draft writer turns it into a candidate claim; the evaluation
compares it with gold relations.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from coi_graph.documents.dates import TimeValue
from coi_graph.extract.ents import Ent

# The relation scheme (the dev set's), and which relations are symmetric
RELATIONS = (
    "supports", "opposes", "allied_with", "stationed_at", "present_in", "controls", "located_in", "attacks",
    "meets_with", "states", "designates_as_terrorist", "withdraws_from", "reinforces", "conducts_exercise_with",
    "patrols",
)  # fmt: skip
SYMMETRIC = frozenset({"allied_with", "meets_with", "conducts_exercise_with"})
# asserted, reported (attributed or "reportedly"), claimed (a party's own claim), hedged ("likely"),
# planned (announced, scheduled, threatened, conditional), negated; presupposed for what a sentence
# takes for granted
MODALITIES = ("asserted", "reported", "claimed", "hedged", "planned", "negated", "presupposed")


@dataclass(frozen=True)
class When:
    """A date or interval of a relation: the words of the text, the value, and whether it was inferred
    (resolved against the document date or an earlier date of the text)."""

    text: str
    start: TimeValue | None
    end: TimeValue | None = None  # an interval "between A and B"; ``start`` None for "until B"
    inferred: bool = False

    @property
    def iso(self) -> str:
        if self.end is None:
            return self.start.lexical if self.start else ""
        return f"{self.start.lexical if self.start else '..'}/{self.end.lexical}"


@dataclass(frozen=True)
class DocMention:
    """A mention with offsets into the file as read."""

    start: int
    end: int
    text: str
    ent: Ent
    rule: str  # registry, new name, surname, unnamed, ...


@dataclass(eq=False)
class Relation:
    subject: Ent
    relation: str
    object: Ent | None
    rule: str  # the construction that matched
    why: str  # the words it matched on, for the reviewer
    score: float
    trigger: int  # token index of the trigger in its sentence
    object_at: int | None = None  # token index where the object's phrase starts
    object_prep: str | None = None  # the preposition before the object ("in" Iraq: a place struck)
    modality: str = "asserted"
    attributed_to: Ent | None = None
    object_text: str | None = None  # for a statement: what was said
    where: Ent | None = None  # the place of the event, where the text gives it apart from the object
    prop: str | None = None  # a narrower ontology property than the relation's own ("fights" for opposes)
    when: When | None = None
    # evidence
    passage: int = 0  # passage ordinal
    sentence: int = 0  # sentence index in the passage, from 1
    start: int = 0  # the sentence's offsets in the file as read
    end: int = 0
    quote: str = ""
    footnotes: list[str] = field(default_factory=list)  # the labels of the markers in or closing the sentence

    def key(self) -> tuple[str, str, str | None]:
        s, o = self.subject.iri, self.object.iri if self.object else None
        if self.relation in SYMMETRIC and o is not None and o < s:
            s, o = o, s
        return (s, self.relation, o)


@dataclass
class Extraction:
    """What the extractor found in one document: its entities, mentions and relations."""

    entities: dict[str, Ent] = field(default_factory=dict)
    mentions: list[DocMention] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
