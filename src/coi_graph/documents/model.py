"""What the parsers read out of a document file, before it becomes RDF."""

from __future__ import annotations

from dataclasses import dataclass, field

from coi_graph.documents.dates import TimeValue


@dataclass(frozen=True)
class Marker:
    """A footnote marker such as ``[541](#)`` in a passage."""

    number: int
    text_offset: int  # offset in the passage's clean text
    start: int  # offsets of the marker in the file as read
    end: int


@dataclass(frozen=True)
class Passage:
    """A paragraph: its clean text (markers removed) and where it lies in the file."""

    ordinal: int
    text: str
    start: int
    end: int
    line: int
    markers: tuple[Marker, ...] = ()


@dataclass(frozen=True)
class ParsedCitation:
    """One citation inside a footnote."""

    ordinal: int
    raw: str
    publisher: str
    title: str
    date: TimeValue | None
    url: str | None
    pages: str | None


@dataclass(frozen=True)
class Footnote:
    number: int
    raw: str
    line: int
    citations: tuple[ParsedCitation, ...]


@dataclass(frozen=True)
class Attribution:
    """'X reports citing Y': names in the order origin first, then each reporter."""

    names: tuple[str, ...]
    phrase: str


@dataclass
class ParsedDocument:
    """The structure of one document file."""

    format: str
    title: str | None = None
    date: TimeValue | None = None
    publisher_name: str | None = None
    cite_as: str | None = None
    section_number: str | None = None
    section_title: str | None = None
    passages: list[Passage] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    attribution: Attribution | None = None
    warnings: list[str] = field(default_factory=list)
