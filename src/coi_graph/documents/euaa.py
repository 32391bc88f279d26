"""Parser for COI report sections (EUAA style), in the layouts reports arrive in.

The canonical layout, Markdown as EUAA publishes it::

    Please cite as: EUAA, '[3.4. US-led coalition](#)' in *COI Report - Syria: Country Focus*, March 2025.

    3.4. US-led coalition

    Paragraph with markers.[537](#) ...

    - [537](#)

    Publisher, Title, 12 January 2025, [url](#); Publisher, Title, 6 January 2025, [url](#)

    © European Union Agency for Asylum ...

and the layouts of text copied or converted from PDF and web pages:

- markers flattened to ``[1]``, or to numbers glued to the word or full stop before them
  (``important474``, ``Syria.541``), with a footnote list of numbered lines (``474 Publisher, …``,
  ``[1] Publisher, …``, ``1. Publisher, …``), after a "Footnotes"/"Notes"/"Sources" heading or at the end;
- short bracketed references (``[Security 2023, 1.1, pp. 16-17]``) to a bibliography of
  ``Key: Publisher, Title, Date`` lines;
- markers with no footnote list at all (a warning; the markers are kept).

Glued numbers are only markers when they fit the footnote list (or, without one, a run of
consecutive numbers in reading order), so that "M4 highway" or "F-16" stay text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from coi_graph.documents import sentences
from coi_graph.documents.citations import parse_footnote_body
from coi_graph.documents.dates import parse_date
from coi_graph.documents.model import Footnote, Marker, ParsedDocument, Passage
from coi_graph.documents.text import Block, Line, blocks, closed, lines

FORMAT = "euaa-report"

LINK_MARKER = re.compile(r"\[(?P<n>\d{1,5})\]\(#[^)\s]*\)")
LINK_MARKER_SCAN = re.compile(r"\[(?P<n>\d{1,5})\]\(#[^)\s]*(?P<close>\)?)")  # LINK_MARKER for text.closed
BRACKET_MARKER = re.compile(r"\[(?P<n>\d{1,5})\](?!\()")
SHORT_REFERENCE = re.compile(
    r"\[(?P<key>[A-Z][^\[\]\n,;]{0,60}?\s(?:19|20)\d{2}[a-z]?)(?:,\s*(?P<loc>[^\[\]\n]{1,80}?))?\](?!\()"
)
GLUED_NUMBER = re.compile(r"(?<=[A-Za-z.,;:)\]”’\"'])(?P<n>\d{1,4})(?=[\s.,;:)\]]|$)")
# kept for callers that only know the Markdown layout
MARKER = LINK_MARKER

LINK_ENTRY = re.compile(r"^\s*[-*]\s*\[(?P<n>\d{1,5})\]\(#[^)\s]*\)\s*(?P<body>.*)$")
NUMBERED_ENTRY = re.compile(r"^\s*(?:[-*]\s*)?(?:\[(?P<a>\d{1,5})\]|(?P<b>\d{1,5})[.)]?)\s+(?P<body>\S.*)$")
BIBLIOGRAPHY_ENTRY = re.compile(
    r"^\s*(?:[-*]\s*)?(?P<key>[A-Z][^:\n]{0,60}?\s(?:19|20)\d{2}[a-z]?)\s*(?::|\s[–—-]\s)\s*(?P<body>\S.*)$"
)
# Spaces at the end of a line are read once: "\s*:?\s*$" tried every split of a run of spaces between the two, and
# a lazy ".+?\s*$" read the run again from each of its spaces (quadratic time on a line with a long run of spaces)
NOTES_HEADING = re.compile(
    r"^\s*(?:#+\s*)?(?:footnotes|notes|endnotes|references|bibliography|sources)\s*(?::\s*)?$", re.IGNORECASE
)
CITE_AS = re.compile(r"^\s*Please cite as:\s*(?P<text>\S(?:.*\S)?|.)\s*$", re.IGNORECASE)
CITE_AS_PARTS = re.compile(
    r"^(?P<publisher>[^,]+),\s*['‘’\"“”]\[?(?P<section>[^\]'‘’\"“”]+?)\]?(?:\([^)]*\))?['‘’\"“”]\s*in\s*"
    r"\*?(?P<report>[^*]+?)\*?,\s*(?P<date>[^,]+?)\.?$"
)
# a section number is ASCII digits and dots: it goes into document ids and IRIs
HEADING = re.compile(r"^\s*(?:#+\s*)?(?P<number>[0-9]+(?:\.[0-9]+)*)\.?\s+(?P<title>\S.{0,150}?)(?<!\s)\s*$")
FOOTER = re.compile(r"^\s*(?:©|\(c\)\s)", re.IGNORECASE)
FOOTNOTE_ENTRY = LINK_ENTRY
MALFORMED_ENTRY = re.compile(r"^\s*[-*]\s*\[[^\]\d]*\]\(#[^)\s]*\)")


def looks_like(content: str) -> bool:
    """True when the text has a 'Please cite as' line, footnote markers or a footnote list of a report."""
    text_lines = [line.text for line in lines(content)]
    if any(CITE_AS.match(line) or LINK_ENTRY.match(line) for line in text_lines):
        return True
    has_marker = next(closed(LINK_MARKER_SCAN, content), None) is not None  # LINK_MARKER.search, in linear time
    return has_marker or any(NOTES_HEADING.match(line) for line in text_lines)


@dataclass
class _Entry:
    line: Line
    number: int | None
    key: str | None
    body: list[str] = field(default_factory=list)


def _parse_cite_as(document: ParsedDocument, text: str) -> None:
    document.cite_as = text
    match = CITE_AS_PARTS.match(text)
    if not match:
        document.warnings.append(f"the 'Please cite as' line has an unexpected form: {text!r}")
        return
    document.publisher_name = match["publisher"].strip()
    document.title = match["report"].strip()
    document.date = parse_date(match["date"])
    heading = HEADING.match(match["section"])
    if heading:
        document.section_number = heading["number"]
        document.section_title = heading["title"].strip()


def _notes_start(all_lines: list[Line]) -> int | None:
    """Index of the first line of the footnote list, or None."""
    for index, line in enumerate(all_lines):
        if LINK_ENTRY.match(line.text):
            return index
    for index, line in enumerate(all_lines):
        if NOTES_HEADING.match(line.text):
            return index
    # a trailing block of numbered lines with increasing numbers
    content = [i for i, line in enumerate(all_lines) if line.text.strip() and not FOOTER.match(line.text)]
    start = None
    expected = None
    for index in reversed(content):
        match = NUMBERED_ENTRY.match(all_lines[index].text)
        if not match:
            break
        number = int(match["a"] or match["b"])
        if expected is not None and number != expected - 1:
            break
        expected = number
        start = index
    if start is not None and len([i for i in content if i >= start]) >= 2:
        return start
    return None


def _entries(notes: list[Line], warnings: list[str] | None = None) -> list[_Entry]:
    """The entries of the footnote list, in whichever of the three layouts it uses. An entry whose
    label is not a number ("- [x](#)") is reported and its lines are skipped."""
    link = any(LINK_ENTRY.match(line.text) for line in notes)
    numbered = not link and sum(bool(NUMBERED_ENTRY.match(line.text)) for line in notes) >= 1
    entries: list[_Entry] = []
    for line in notes:
        if FOOTER.match(line.text):
            break
        if NOTES_HEADING.match(line.text):
            continue
        if link and (match := LINK_ENTRY.match(line.text)):
            entries.append(_Entry(line, int(match["n"]), None, [match["body"]] if match["body"].strip() else []))
        elif link and MALFORMED_ENTRY.match(line.text):
            if warnings is not None:
                warnings.append(f"line {line.number}: footnote entry {line.text.strip()!r} has no number; skipped")
            entries.append(_Entry(line, None, "", []))  # a placeholder that swallows its lines
        elif numbered and (match := NUMBERED_ENTRY.match(line.text)):
            entries.append(_Entry(line, int(match["a"] or match["b"]), None, [match["body"]]))
        elif not link and not numbered and (match := BIBLIOGRAPHY_ENTRY.match(line.text)):
            entries.append(_Entry(line, None, match["key"].strip(), [match["body"]]))
        elif entries:
            entries[-1].body.append(line.text)
    return entries


def _footnotes(entries: list[_Entry], document: ParsedDocument) -> None:
    seen: set[int] = set()
    for position, entry in enumerate(entries, start=1):
        if entry.key == "":
            continue  # a malformed entry, already reported
        number = entry.number if entry.number is not None else position
        body = "\n".join(part for part in entry.body).strip()
        if number in seen:
            document.warnings.append(f"line {entry.line.number}: footnote {number} is listed twice; the first is kept")
            continue
        seen.add(number)
        citations = tuple(parse_footnote_body(body))
        label = f"footnote {number}" if entry.key is None else f"reference {entry.key!r}"
        if not citations:
            document.warnings.append(f"line {entry.line.number}: {label} has no citation text")
        for citation in citations:
            if citation.date is None:
                document.warnings.append(
                    f"line {entry.line.number}: {label}, citation {citation.ordinal} has no date: {citation.raw!r}"
                )
        document.footnotes.append(
            Footnote(number=number, raw=body, line=entry.line.number, citations=citations, key=entry.key)
        )


@dataclass(frozen=True)
class _Found:
    start: int  # offsets within the block's raw text
    end: int
    number: int
    key: str | None = None
    locator: str | None = None
    label: str = ""  # as written: "541"; "" for the key of a short reference


def _find_markers(raw_blocks: list[str], footnotes: list[Footnote]) -> tuple[str, list[list[_Found]]]:
    """The marker style of the document and the markers of each block."""
    listed = {f.number for f in footnotes}
    keys = {f.key: f.number for f in footnotes if f.key}
    for style, pattern in (("link", LINK_MARKER_SCAN), ("bracket", BRACKET_MARKER)):
        found = [[_Found(m.start(), m.end(), int(m["n"]), label=m["n"])
                  for m in (closed(pattern, raw) if style == "link" else pattern.finditer(raw))]
                 for raw in raw_blocks]  # fmt: skip
        if any(found):
            return style, found
    found_refs: list[list[_Found]] = []
    for raw in raw_blocks:
        refs = []
        for match in SHORT_REFERENCE.finditer(raw):
            key = match["key"].strip()
            number = keys.get(key)
            if number is None:
                number = max(keys.values(), default=0) + 1
                keys[key] = number
            refs.append(_Found(match.start(), match.end(), number, key, (match["loc"] or "").strip() or None))
        found_refs.append(refs)
    if any(found_refs):
        return "reference", found_refs
    candidates = [[_Found(m.start(), m.end(), int(m["n"]), label=m["n"]) for m in GLUED_NUMBER.finditer(raw)]
                  for raw in raw_blocks]  # fmt: skip
    flat = [(b, c) for b, block in enumerate(candidates) for c in block]
    accepted: set[tuple[int, int]] = set()
    if listed:
        last = 0
        for b, c in flat:
            if c.number in listed and c.number >= last:
                accepted.add((b, c.start))
                last = c.number
    else:
        best = _longest_run([c.number for _, c in flat])
        if len(best) >= 2:
            accepted = {(flat[i][0], flat[i][1].start) for i in best}
    glued = [[c for c in block if (b, c.start) in accepted] for b, block in enumerate(candidates)]
    return ("glued" if any(glued) else "none"), glued


def _longest_run(numbers: list[int]) -> list[int]:
    """The positions of the longest run of consecutive numbers in reading order (the first of the longest):
    from each number, the first n + 1 after it, then the first n + 2 after that, and so on. The run from a
    position is that position and the run from its successor, so one pass from the end finds them all, in
    linear time (trying every start and scanning the rest took time quadratic in the numbers of the text)."""
    successor: list[int | None] = [None] * len(numbers)
    length = [1] * len(numbers)
    first_after: dict[int, int] = {}  # a number -> its first position after the one looked at
    for i in range(len(numbers) - 1, -1, -1):
        after = first_after.get(numbers[i] + 1)
        if after is not None:
            successor[i], length[i] = after, length[after] + 1
        first_after[numbers[i]] = i
    if not numbers:
        return []
    position: int | None = length.index(max(length))
    run = []
    while position is not None:
        run.append(position)
        position = successor[position]
    return run


def _passage(ordinal: int, block: Block, content: str, found: list[_Found]) -> Passage:
    raw = content[block.start : block.end]
    markers: list[Marker] = []
    parts: list[str] = []
    length = 0
    position = 0
    for item in found:
        before = raw[position : item.start]
        parts.append(before)
        length += len(before)
        start, end = block.start + item.start, block.start + item.end
        markers.append(Marker(item.number, length, start, end, item.key, item.locator, label=item.label))
        position = item.end
    parts.append(raw[position:])
    text = "".join(parts)
    return Passage(
        ordinal=ordinal,
        text=text,
        start=block.start,
        end=block.end,
        line=block.first_line,
        markers=tuple(markers),
        sentences=tuple(sentences.split(text)),
    )


def parse(content: str) -> ParsedDocument:
    document = ParsedDocument(format=FORMAT)
    all_lines = list(lines(content))
    notes_at = _notes_start(all_lines)
    body_lines: list[Line] = []
    for index, line in enumerate(all_lines):
        if notes_at is not None and index >= notes_at:
            break
        cite = CITE_AS.match(line.text)
        if cite and document.cite_as is None:
            _parse_cite_as(document, cite["text"])
            continue
        if FOOTER.match(line.text):
            continue
        body_lines.append(line)
    _footnotes(_entries(all_lines[notes_at:] if notes_at is not None else [], document.warnings), document)

    paragraphs = blocks(body_lines)
    if paragraphs and len(paragraphs[0].lines) == 1:
        heading = HEADING.match(paragraphs[0].lines[0].text)
        if heading and next(closed(LINK_MARKER_SCAN, paragraphs[0].lines[0].text), None) is None:
            document.section_number = document.section_number or heading["number"]
            document.section_title = document.section_title or heading["title"].strip()
            paragraphs = paragraphs[1:]
    style, found = _find_markers([content[b.start : b.end] for b in paragraphs], document.footnotes)
    document.marker_style = style
    document.passages = [_passage(i, b, content, f) for i, (b, f) in enumerate(zip(paragraphs, found, strict=True), 1)]

    listed = {footnote.number for footnote in document.footnotes}
    cited = {marker.number for passage in document.passages for marker in passage.markers}
    if cited and not listed:
        document.warnings.append("the document has footnote markers but no footnote list; markers are kept")
    else:
        for number in sorted(cited - listed):
            document.warnings.append(f"footnote marker [{number}] has no entry in the footnote list")
        for number in sorted(listed - cited):
            document.warnings.append(f"footnote {number} is listed but no marker refers to it")
    return document
