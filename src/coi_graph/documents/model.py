"""What the parsers read out of a document file, before it becomes RDF."""

from __future__ import annotations

from dataclasses import dataclass, field

from coi_graph.documents.dates import TimeValue


@dataclass(frozen=True)
class Marker:
    """A footnote marker in a passage: ``[541](#)``, ``[1]``, a number glued to a word (``important474``)
    or a short reference (``[Security 2023, 1.1, pp. 16-17]``, whose ``key`` names a bibliography entry)."""

    number: int
    text_offset: int  # offset in the passage's clean text
    start: int  # offsets of the marker in the file as read
    end: int
    key: str | None = None
    locator: str | None = None  # "1.1, pp. 16-17" in a short reference

    @property
    def length(self) -> int:
        return self.end - self.start


@dataclass(frozen=True)
class Passage:
    """A paragraph: its clean text (markers removed), where it lies in the file, and its sentences
    as (start, end) offsets into the clean text."""

    ordinal: int
    text: str
    start: int
    end: int
    line: int
    markers: tuple[Marker, ...] = ()
    sentences: tuple[tuple[int, int], ...] = ()

    def file_start(self, offset: int) -> int:
        """The file offset of the character at ``offset`` of the clean text."""
        return self.start + offset + sum(m.length for m in self.markers if m.text_offset <= offset)

    def file_end(self, offset: int) -> int:
        """The file offset just after a span of the clean text ending (exclusively) at ``offset``."""
        return self.start + offset + sum(m.length for m in self.markers if m.text_offset < offset)


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
    """A numbered footnote, or a bibliography entry that short references point to by ``key``."""

    number: int
    raw: str
    line: int
    citations: tuple[ParsedCitation, ...]
    key: str | None = None


@dataclass(frozen=True)
class Attribution:
    """'X reports citing Y', 'quoted by Z': names in the order origin first, then each reporter."""

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
    marker_style: str = "none"  # link, bracket, reference, glued or none
    warnings: list[str] = field(default_factory=list)
