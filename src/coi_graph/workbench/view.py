"""What the workbench shows of the data directory: plain data, read from ``data/`` itself, no build needed.

The documents are parsed as the build parses them (their metadata file, then the layout's parser), so that
passages, sentences, footnote markers and footnotes carry the IRIs the build gives them
(``<passage>-s<n>``, ``<passage>-m<n>``, ``<doc>/fn<n>``; :mod:`coi_graph.documents.to_rdf`). Mentions come
from the finder behind ``coi-graph mentions`` (run on each passage's text, markers removed), candidates from
the document's draft (``drafts/<document id>.trig``, or any draft in ``drafts/`` that names the document),
claims from ``claims/*.trig`` (their quotes located in their passages). Reading ``data/`` rather than a build
means the page is current the moment a claim is filed or a draft written, with no build in between, and
works on a data directory that does not validate yet.

Coverage: a sentence *needs a claim* when a footnote marker belongs to it or it has two or more mentions
(registry entities, or new names); it is *covered* when a filed claim quotes it (or names it with
``coi:sentence``), *nothing* when an analyst decided it states nothing to claim
(:mod:`coi_graph.workbench.coverage`), *pending* when only a pending candidate rests on it, and *left*
otherwise. A document's progress is (covered + nothing) / needing.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field
from typing import Any

from coi_graph.errors import CoiGraphError

log = logging.getLogger("coi_graph")


class NotFound(CoiGraphError):
    """No document of that id in the data directory."""


# --- the data structures the page shows ---------------------------------------------------------------


@dataclass
class Citation:
    iri: str
    raw: str
    publisher: str
    title: str
    date: str | None
    url: str | None
    pages: str | None


@dataclass
class Footnote:
    iri: str
    number: int
    label: str
    raw: str
    citations: list[Citation]


@dataclass
class Marker:
    """A footnote marker: where it stands (``text_offset`` in its passage's text, ``start``/``end`` in the
    file) and the footnote it refers to (None without a note list)."""

    iri: str
    label: str
    number: int
    text_offset: int
    start: int
    end: int
    footnote: str | None
    sentence: str | None


@dataclass
class Mention:
    """A name in a passage; ``entity`` None for a new name (a capitalised name no registry entity has)."""

    passage: str
    sentence: str | None
    text_start: int  # in the passage's text (markers removed)
    text_end: int
    start: int  # in the file as read
    end: int
    text: str
    entity: str | None
    label: str | None
    type: str | None
    kind: str | None  # actor, place, facility, position, other
    wikidata: str | None
    score: float
    flag: str | None = None
    ambiguous: list[str] = field(default_factory=list)

    @property
    def new(self) -> bool:
        return self.entity is None


@dataclass
class Sentence:
    iri: str
    ordinal: int
    passage: str
    text: str
    text_start: int
    text_end: int
    start: int
    end: int
    markers: list[str]  # the labels of the markers that belong to it
    footnotes: list[str]  # the footnotes they refer to
    entities: list[str]  # the registry entities it mentions, once each, in order
    needs_claim: bool
    claims: list[str] = field(default_factory=list)
    candidates: list[int] = field(default_factory=list)  # the numbers of candidates resting on it
    state: str = "none"  # covered, nothing (to claim, as an analyst decided), pending, left, or none (needs none)
    nothing: str | None = None  # the analyst's reason, name and day, when decided there is nothing to claim


@dataclass
class Passage:
    iri: str
    ordinal: int
    text: str
    start: int
    end: int
    line: int
    headings: list[str]  # the headings right before it, in order
    sentences: list[Sentence]
    markers: list[Marker]


@dataclass
class Triple:
    subject: str
    predicate: str
    object: str
    subject_label: str | None
    predicate_short: str
    object_label: str | None


@dataclass
class Evidence:
    """A quote located in its passage: offsets in the passage's text and in the file, and the sentences
    it overlaps. ``located`` is False when the quote is not in the passage (then the offsets are the
    sentence's, or 0)."""

    passage: str
    text_start: int
    text_end: int
    start: int
    end: int
    sentences: list[str]
    located: bool


@dataclass
class Candidate:
    number: int
    iri: str
    rule: str
    status: str  # pending, accepted, rejected
    score: float
    quote: str
    modality: str
    time_expression: str | None
    time_value: str | None
    footnotes: list[str]
    footnote_labels: list[str]
    triples: list[Triple]
    turtle: str  # the triples on one line, as `coi-graph review` shows and edits them
    evidence: Evidence
    note: str | None
    reviewed_by: str | None
    reviewed_on: str | None
    accepted_as: str | None


@dataclass
class Claim:
    iri: str
    file: str
    quote: str
    modality: str
    footnotes: list[str]
    triples: list[Triple]
    turtle: str
    evidence: Evidence
    reviewed_by: str | None
    reviewed_on: str | None


@dataclass
class Coverage:
    needing: int  # sentences that need a claim
    covered: int  # of those, with a filed claim
    pending: int  # of those, without one but with a pending candidate
    left: list[str]  # the IRIs of the others: no claim, no pending candidate, no decision
    nothing: int = 0  # of those needing one, without a claim but decided to state nothing to claim

    @property
    def progress(self) -> float | None:
        """(covered + nothing) / needing; None when no sentence needs a claim."""
        return (self.covered + self.nothing) / self.needing if self.needing else None

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "progress": self.progress}


@dataclass
class DocumentSummary:
    id: str
    iri: str
    file: str
    kind: str  # Report, NewsArticle, Document
    title: str
    date: str | None
    publisher: str | None
    publisher_iri: str | None
    pending: int
    accepted: int
    rejected: int
    claims: int
    coverage: Coverage
    draft: str | None  # the draft file, if there is one

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "coverage": self.coverage.to_dict()}


@dataclass
class DocumentView:
    """One document as the page shows it."""

    summary: DocumentSummary
    format: str
    section: str | None  # "3.4. US-led coalition"
    cite_as: str | None
    passages: list[Passage]
    footnotes: list[Footnote]
    mentions: list[Mention]
    candidates: list[Candidate]
    claims: list[Claim]
    draft_path: str  # where the draft is, or would be written
    warnings: list[str]

    @property
    def coverage(self) -> Coverage:
        return self.summary.coverage

    @property
    def sentences(self) -> list[Sentence]:
        return [s for p in self.passages for s in p.sentences]

    def sentence(self, iri: str) -> Sentence | None:
        return next((s for s in self.sentences if s.iri == iri), None)

    @property
    def new_names(self) -> list[Mention]:
        return [m for m in self.mentions if m.new]

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["summary"] = self.summary.to_dict()
        for record, mention in zip(data["mentions"], self.mentions, strict=True):
            record["new"] = mention.new
        return data

    def to_json(self) -> str:
        return to_json(self.to_dict())


@dataclass
class EntityHit:
    """A registry entity found by :meth:`Workbench.search_entities`: ``alias`` is the name that matched
    when it is not the preferred label."""

    iri: str
    label: str
    alias: str | None
    type: str
    kind: str
    wikidata: str | None
    score: float


def to_json(data: object) -> str:
    """JSON that is safe inside HTML too: ``<``, ``>`` and ``&`` written as escapes."""
    text = json.dumps(data, ensure_ascii=False, default=_default)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _default(value: object) -> object:
    if isinstance(value, Coverage | DocumentSummary | DocumentView):
        return value.to_dict()
    if isinstance(value, EntityHit):
        return asdict(value)
    raise TypeError(f"not JSON: {type(value).__name__}")
