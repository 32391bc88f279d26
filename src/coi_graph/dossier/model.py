"""What a dossier holds: plain, typed, immutable values, gathered from the graph by ``gather`` and
written by ``html`` and ``markdown``. Nothing here knows about SPARQL or about the output formats."""

from __future__ import annotations

from dataclasses import dataclass

WIKIDATA_PAGE = "https://www.wikidata.org/wiki/"


@dataclass(frozen=True)
class Ref:
    """Another resource named on the page: an entity (which may have a dossier), an event or a quantity."""

    iri: str
    label: str


@dataclass(frozen=True)
class Label:
    """One name of the entity: ``source`` is "preferred label" or "alias" (the registry) or "Wikidata"."""

    text: str
    language: str
    source: str


@dataclass(frozen=True)
class Step:
    """One step up the hierarchy: ``relation`` ("located in", "part of", …) to ``target``."""

    relation: str
    target: Ref
    claimed: bool = False  # said by a claim of the documents, not recorded in the registry


@dataclass(frozen=True)
class Member:
    """Something directly below the entity: ``relation`` is read from the entity ("contains", "has part")."""

    relation: str
    ref: Ref
    claimed: bool = False  # said by a claim of the documents, not recorded in the registry


@dataclass(frozen=True)
class Citation:
    """One citation of a footnote, in the EUAA citation style's parts."""

    publisher: str
    title: str
    when: str  # "19 December 2024", "March 2025", "2025" or "n.d."
    url: str | None  # only http(s) addresses; None when the source gives none
    pages: str | None = None


@dataclass(frozen=True)
class Note:
    """A numbered footnote of the dossier: a footnote of a document (its citations), or the document itself
    for a claim that rests on the document's own words."""

    number: int
    citations: tuple[Citation, ...]
    origin: str  # "footnote 541 of COI Report - Syria: Country Focus" or "the document itself (…)"


@dataclass(frozen=True)
class Support:
    """How many independent publishers back a claim, and which (corroboration.rq)."""

    publishers: int
    names: tuple[str, ...]


@dataclass(frozen=True)
class ClaimItem:
    claim: str
    subject: str  # the triple as a sentence: subject, relation, object
    relation: str
    object: str
    other: Ref | None  # the counterpart, when it is a resource
    date_from: str
    date_to: str
    dated_by: str  # "claim" or "document"
    modality: str
    quote: str
    document: str
    notes: tuple[int, ...]
    support: Support | None


@dataclass(frozen=True)
class ClaimGroup:
    relation: str
    direction: str  # "out": the entity is the subject; "in": the object
    heading: str  # "Syrian Democratic Forces supports …" / "… supports Syrian Democratic Forces"
    items: tuple[ClaimItem, ...]


@dataclass(frozen=True)
class StatementItem:
    statement: str
    label: str
    speakers: str
    said: str | None  # the speaker's own words, where quoted
    place: str | None
    attribution: str
    date_from: str
    date_to: str
    dated_by: str
    claim: str
    quote: str
    document: str
    notes: tuple[int, ...]
    content_claims: int  # claims whose content is what was said

    @property
    def rests_on(self) -> str:
        count = self.content_claims
        return f"{count} claim{'s rest' if count != 1 else ' rests'} on it"

    @property
    def words(self) -> tuple[str, ...]:
        """The speaker's quoted words, each piece on its own (statements.rq joins them with ' / ')."""
        return tuple(piece for piece in (self.said or "").split(" / ") if piece)


@dataclass(frozen=True)
class Side:
    claim: str
    modality: str
    value: str
    quote: str
    notes: tuple[int, ...]


@dataclass(frozen=True)
class Contradiction:
    kind: str  # "negation", "figures", "plan vs presence"
    subject: str
    relation: str
    a: Side
    b: Side


@dataclass(frozen=True)
class MapPlace:
    ref: Ref
    latitude: float
    longitude: float
    precision: float | None
    type_label: str
    role: str  # "this place", "in its claims", "within it"


@dataclass(frozen=True)
class Dossier:
    iri: str
    slug: str
    label: str
    types: tuple[str, ...]  # the registry's types, e.g. ("country", "state")
    kinds: tuple[str, ...]  # "actor", "place", "position"
    qid: str | None
    labels: tuple[Label, ...]
    chains: tuple[tuple[Step, ...], ...]  # paths up the hierarchy, nearest first
    members: tuple[Member, ...]
    groups: tuple[ClaimGroup, ...]
    statements: tuple[StatementItem, ...]
    contradictions: tuple[Contradiction, ...]
    notes: tuple[Note, ...]
    places: tuple[MapPlace, ...]

    @property
    def wikidata_url(self) -> str | None:
        return WIKIDATA_PAGE + self.qid if self.qid else None

    @property
    def type_text(self) -> str:
        return ", ".join(self.types) or "entity"

    @property
    def type_line(self) -> str:
        """ "country, state (actor, place)": the types, and the kinds that they do not already say."""
        extra = [k for k in self.kinds if k not in self.types]
        return self.type_text + (f" ({', '.join(extra)})" if extra else "")

    @property
    def claim_count(self) -> int:
        return len({item.claim for group in self.groups for item in group.items})

    @property
    def glance(self) -> str:
        """The page at a glance: 'N claims in M relations · … · K claims rest on a single publisher'."""
        supports = self.supports
        single = sum(1 for s in supports.values() if s.publishers == 1)
        publishers = len({n for s in supports.values() for n in s.names})
        return (
            f"{plural(self.claim_count, 'claim')} in {plural(len(self.groups), 'relation')} · "
            f"{plural(len(self.statements), 'statement')} made · "
            f"{plural(len(self.contradictions), 'contradiction')} · {plural(len(self.notes), 'source note')} · "
            f"{plural(publishers, 'publisher')}; {plural(single, 'claim')} rest{'s' if single == 1 else ''} "
            "on a single publisher"
        )

    @property
    def supports(self) -> dict[str, Support]:
        """Each claim of the page with its corroboration."""
        return {item.claim: item.support for group in self.groups for item in group.items if item.support}


def when(date_from: str, date_to: str, dated_by: str) -> str:
    """The days a claim covers, as a reader says them: one day, a range, or one side of it."""
    if date_from and date_to:
        span = date_from if date_from == date_to else f"{date_from} – {date_to}"
    elif date_from or date_to:
        span = f"from {date_from}" if date_from else f"by {date_to}"
    else:
        span = "undated"
    return span + (" (dated by the document)" if dated_by == "document" else "")


CLAIMED = "said by a claim"
CLAIMED_NOTE = (
    f"A step marked ({CLAIMED}) comes from the documents, not the registry: the claim, its quote and its "
    "sources are under Claims."
)


def plural(count: int, word: str) -> str:
    """'1 claim', '2 claims'."""
    return f"{count} {word}{'s' if count != 1 else ''}"
