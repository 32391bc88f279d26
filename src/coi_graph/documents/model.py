"""What the parsers read out of a document file, before it becomes RDF."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property

from coi_graph.documents.dates import TimeValue


@dataclass(frozen=True)
class Marker:
    """A footnote marker in a passage: ``[541](#)``, ``[viii](#)``, ``[1]``, a number glued to a word
    (``important474``) or a short reference (``[Security 2023, 1.1, pp. 16-17]``, whose ``key`` names a
    bibliography entry).

    ``label`` is the marker as written, without its brackets: "541", "viii", "Security 2023" (the key of a
    short reference). ``number`` is its ordinal: the number itself, the value of a Roman label (viii is 8),
    the position of a short reference's entry in the bibliography; it names the footnote (``.../fn8``)."""

    number: int
    text_offset: int  # offset in the passage's clean text
    start: int  # offsets of the marker in the file as read
    end: int
    key: str | None = None
    locator: str | None = None  # "1.1, pp. 16-17" in a short reference
    label: str = ""  # "" is read as str(number)

    def __post_init__(self) -> None:
        if not self.label:
            object.__setattr__(self, "label", self.key or str(self.number))

    @property
    def length(self) -> int:
        return self.end - self.start

    @property
    def numeric(self) -> bool:
        """Whether the label is the number itself, as in ``[541](#)``; not for ``[viii](#)`` or a short reference."""
        return self.key is None and self.label == str(self.number)


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

    @cached_property
    def _marker_index(self) -> tuple[list[int], list[int], list[int]]:
        """The markers in order of their clean-text offsets: (their positions in :attr:`markers`, their
        offsets, and the lengths of the markers before each, summed): every lookup is a binary search, so
        that the offsets of all the mentions of a passage with many markers take linear time, not
        mentions × markers."""
        order = sorted(range(len(self.markers)), key=lambda i: self.markers[i].text_offset)
        offsets = [self.markers[i].text_offset for i in order]
        before = [0]
        for i in order:
            before.append(before[-1] + self.markers[i].length)
        return order, offsets, before

    def file_start(self, offset: int) -> int:
        """The file offset of the character at ``offset`` of the clean text."""
        _, offsets, before = self._marker_index
        return self.start + offset + before[bisect_right(offsets, offset)]  # the markers at or before it

    def file_end(self, offset: int) -> int:
        """The file offset just after a span of the clean text ending (exclusively) at ``offset``."""
        _, offsets, before = self._marker_index
        return self.start + offset + before[bisect_left(offsets, offset)]  # the markers before it

    def markers_in(self, start: int, end: int) -> list[Marker]:
        """The markers that belong to the span ``start:end`` of the clean text, a sentence as
        :attr:`sentences` gives it: those inside it, and one right after its last character or after the
        space that follows it ("… a fact.[3](#) Next", "… said “so.” [4](#)"). A marker at ``start`` itself
        closes the sentence before. This is the one place of that rule: every sentence has its markers."""
        order, offsets, _ = self._marker_index
        chosen = order[bisect_right(offsets, start) : bisect_right(offsets, end + 1)]
        return [self.markers[i] for i in sorted(chosen)]

    def labels_in(self, start: int, end: int) -> list[str]:
        """The labels of :meth:`markers_in`, in reading order: ``["2", "3"]``, ``["viii"]``."""
        return [m.label for m in self.markers_in(start, end)]


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
    label: str = ""  # as written in the list: "12", "iv"; "" is read as str(number)

    def __post_init__(self) -> None:
        if not self.label:
            object.__setattr__(self, "label", self.key or str(self.number))


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
    # the place names of a news article's dateline ("BAGHDAD (Reuters) -", "Dubai/Baghdad:"), as written,
    # and their offsets in the file (start, end); they stay in the passage's text
    dateline: tuple[str, ...] = ()
    dateline_offsets: tuple[tuple[int, int], ...] = ()
    marker_style: str = "none"  # link, bracket, reference, glued or none
    warnings: list[str] = field(default_factory=list)
