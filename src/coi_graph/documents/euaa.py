"""Parser for EUAA-style COI report sections in Markdown.

Layout::

    Please cite as: EUAA, '[3.4. US-led coalition](#)' in *COI Report - Syria: Country Focus*, March 2025.

    3.4. US-led coalition

    Paragraph with markers.[537](#) ...

    - [537](#)

    Publisher, Title, 12 January 2025, [url](#); Publisher, Title, 6 January 2025, [url](#)

    © European Union Agency for Asylum ...
"""

from __future__ import annotations

import re

from coi_graph.documents.citations import parse_footnote_body
from coi_graph.documents.dates import parse_date
from coi_graph.documents.model import Footnote, Marker, ParsedDocument, Passage
from coi_graph.documents.text import Block, Line, blocks, lines

FORMAT = "euaa-report"

MARKER = re.compile(r"\[(?P<n>\d{1,5})\]\(#[^)\s]*\)")
FOOTNOTE_ENTRY = re.compile(r"^\s*[-*]\s*\[(?P<n>\d{1,5})\]\(#[^)\s]*\)\s*$")
CITE_AS = re.compile(r"^\s*Please cite as:\s*(?P<text>.+?)\s*$", re.IGNORECASE)
CITE_AS_PARTS = re.compile(
    r"^(?P<publisher>[^,]+),\s*['‘’\"“”]\[?(?P<section>[^\]'‘’\"“”]+?)\]?(?:\([^)]*\))?['‘’\"“”]\s*in\s*"
    r"\*?(?P<report>[^*]+?)\*?,\s*(?P<date>[^,]+?)\.?$"
)
HEADING = re.compile(r"^\s*(?:#+\s*)?(?P<number>\d+(?:\.\d+)*)\.?\s+(?P<title>\S.{0,150}?)\s*$")
FOOTER = re.compile(r"^\s*(?:©|\(c\)\s)", re.IGNORECASE)


def looks_like(content: str) -> bool:
    """True when the text has the markers or the footnote list of an EUAA report."""
    return any(CITE_AS.match(line) or FOOTNOTE_ENTRY.match(line) for line in content.splitlines())


def _passage(ordinal: int, block: Block, content: str) -> Passage:
    raw = content[block.start : block.end]
    markers: list[Marker] = []
    clean_parts: list[str] = []
    clean_length = 0
    position = 0
    for match in MARKER.finditer(raw):
        before = raw[position : match.start()]
        clean_parts.append(before)
        clean_length += len(before)
        markers.append(
            Marker(
                number=int(match["n"]),
                text_offset=clean_length,
                start=block.start + match.start(),
                end=block.start + match.end(),
            )
        )
        position = match.end()
    clean_parts.append(raw[position:])
    return Passage(
        ordinal=ordinal,
        text="".join(clean_parts),
        start=block.start,
        end=block.end,
        line=block.first_line,
        markers=tuple(markers),
    )


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


def _footnotes(entries: list[tuple[Line, list[Line]]], document: ParsedDocument) -> None:
    seen: set[int] = set()
    for entry, body_lines in entries:
        match = FOOTNOTE_ENTRY.match(entry.text)
        assert match is not None
        number = int(match["n"])
        body = "\n".join(line.text for line in body_lines).strip()
        if number in seen:
            document.warnings.append(f"line {entry.number}: footnote {number} is listed twice; the first is kept")
            continue
        seen.add(number)
        citations = tuple(parse_footnote_body(body))
        if not citations:
            document.warnings.append(f"line {entry.number}: footnote {number} has no citation text")
        for citation in citations:
            if citation.date is None:
                document.warnings.append(
                    f"line {entry.number}: footnote {number}, citation {citation.ordinal} has no date: {citation.raw!r}"
                )
        document.footnotes.append(Footnote(number=number, raw=body, line=entry.number, citations=citations))


def parse(content: str) -> ParsedDocument:
    document = ParsedDocument(format=FORMAT)
    all_lines = list(lines(content))
    body_lines: list[Line] = []
    entries: list[tuple[Line, list[Line]]] = []
    for line in all_lines:
        if entries:
            if FOOTNOTE_ENTRY.match(line.text):
                entries.append((line, []))
            elif FOOTER.match(line.text):
                break
            else:
                entries[-1][1].append(line)
            continue
        if FOOTNOTE_ENTRY.match(line.text):
            entries.append((line, []))
            continue
        cite = CITE_AS.match(line.text)
        if cite and document.cite_as is None:
            _parse_cite_as(document, cite["text"])
            continue
        if FOOTER.match(line.text):
            continue
        body_lines.append(line)

    paragraphs = blocks(body_lines)
    if paragraphs and len(paragraphs[0].lines) == 1:
        heading = HEADING.match(paragraphs[0].lines[0].text)
        if heading and not MARKER.search(paragraphs[0].lines[0].text):
            document.section_number = document.section_number or heading["number"]
            document.section_title = document.section_title or heading["title"].strip()
            paragraphs = paragraphs[1:]
    document.passages = [_passage(i, block, content) for i, block in enumerate(paragraphs, start=1)]
    _footnotes(entries, document)

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
