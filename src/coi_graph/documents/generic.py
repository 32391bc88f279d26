"""Parser for reports in no specific layout: a think-tank brief, a human-rights report, a sitrep.

The layout is the common ground of plain-text reports::

    # Title of the report                         (the first line, or a Markdown heading)

    Subtitle, or a line of metadata               (short lines: headings, not passages)
    Published: 18 January 2025                    (a date given this way is the report's date)

    Summary

    A paragraph of text, with notes.[1](#) Another sentence.[ii](#)

    - A list item, a passage of its own
    - Another one

    Notes                                         (an optional note list, read as in EUAA reports)

    - [1](#)

    Publisher, Title, 3 May 2025, [url](#)

Footnote markers are ``[12](#)``, ``[viii](#)`` (lower- or upper-case Roman labels) or bare ``[12]``;
bracketed words (an editorial ``[down]`` in a quotation) stay text. Without a note list the markers
are kept (with a warning) and refer to nothing. A short line that does not end a sentence is a
heading, not a passage; a line starting with a bullet starts a passage of its own.
"""

from __future__ import annotations

import dataclasses
import re

from coi_graph.documents import euaa
from coi_graph.documents.dates import MONTHS, parse_date
from coi_graph.documents.model import ParsedDocument
from coi_graph.documents.text import Block, Line, blocks, closed, lines

FORMAT = "report"

_ROMAN_LABEL = r"[ivxlcdm]{1,12}|[IVXLCDM]{1,12}"
LINK_MARKER = re.compile(rf"\[(?P<n>\d{{1,5}}|{_ROMAN_LABEL})\]\(#[^)\s]*\)")
LINK_MARKER_SCAN = re.compile(rf"\[(?P<n>\d{{1,5}}|{_ROMAN_LABEL})\]\(#[^)\s]*(?P<close>\)?)")  # for text.closed
BRACKET_MARKER = euaa.BRACKET_MARKER
ROMAN_LINK_ENTRY = re.compile(rf"^\s*[-*]\s*\[(?P<n>{_ROMAN_LABEL})\]\(#[^)\s]*\)\s*(?P<body>.*)$")
_ROMAN = re.compile(r"m{0,4}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
_MAX_ROMAN_NOTE = 399  # notes are not numbered in the thousands in Roman numerals: "[mix](#)" is a link

# The title ends where the closing hashes and spaces begin; it is tried only where it can end (after a character
# that is neither a space nor "#", or after a "#" a space follows), and "\s*#*\s*" is written so that a run of spaces
# has one reading: read from every space of a long run, a heading took cubic time. The title is the same.
MARKDOWN_HEADING = re.compile(
    r"^\s{0,3}(?P<level>#{1,6})\s+(?P<title>(?:.*?(?:(?<![\s#])|(?<=#)(?=\s)))??)\s*(?:#+\s*)?$"
)
# "3.4. US-led coalition", "2. Politics": a numbered section, when it opens the text ("2024 in review" is not)
SECTION_HEADING = re.compile(
    r"^(?P<number>[0-9]{1,3}(?:\.[0-9]{1,3})+|[0-9]{1,3}(?=\.))\.?\s+(?P<title>\S.{0,150}?)(?<!\s)\s*$"
)
SYMBOL_BULLET = re.compile(r"^\s*[-*•·▪◦‣–—]\s+\S")
BULLET = re.compile(r"^\s*(?:[-*•·▪◦‣–—]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s+\S")  # a list item: "- ", "• ", "2. ", "(b) "
_SENTENCE_END = re.compile(r"[.!][\"'”’)\]]*$")
_MAX_HEADING_CHARACTERS = 150
_MAX_HEADING_WORDS = 15
_MAX_TITLE_CHARACTERS = 300  # the first line: a long title, but not a paragraph that lacks its full stop
_MAX_TITLE_WORDS = 40
# "© 2024 Human Rights Watch", "Copyright 2024": a footer ("(c) " alone may be an item of a list)
FOOTER = re.compile(r"^\s*(?:©|\(c\)\s+(?:\d{4}|copyright)|copyright\s+(?:©\s*)?\d{4})", re.IGNORECASE)
# "Published: Jan 18, 2025", "Date: 2025-01-18": the date of the report, when a header line says it
DATE_LINE = re.compile(
    r"^\s*[*_]*(?:published|publication date|date|dated|posted|released|issued)(?:\s+on)?[*_]*\s*:?[*_]*\s*"
    r"(?P<date>\S(?:.*\S)?|.)\s*$",  # ".+?\s*$", read in linear time
    re.IGNORECASE,
)
_DATE_WORDS = re.compile(
    r"\b(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r"|published|updated|date|dated|posted|as of)\b\.?",
    re.IGNORECASE,
)
# a year 1800-2099 in brackets is a year ("[2019]"), not a note, unless a note list lists it
YEARS = range(1800, 2100)


def roman_value(label: str) -> int | None:
    """The value of a Roman numeral written all in lower or all in upper case ("viii" 8, "XIV" 14), or None."""
    if not label or not (label.islower() or label.isupper()):
        return None
    low = label.lower()
    if not low.isascii() or not _ROMAN.fullmatch(low):
        return None
    values = [_ROMAN_VALUES[c] for c in low]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def _ordinal(label: str) -> int | None:
    """The number of a note label: "12" 12, "iv" 4; None for what is no note label."""
    if label.isdigit():
        return int(label)
    value = roman_value(label)
    return value if value is not None and value <= _MAX_ROMAN_NOTE else None


def heading(text: str, *, title: bool = False) -> str | None:
    """The heading a line is, without its Markdown '#', or None for a line of text: a short line that starts
    with a capital or a number ("2. Politics"), ends no sentence, is no bulleted item and holds no footnote
    marker. A ``title`` (the first line of the document) may be as long as a line of text."""
    markdown = MARKDOWN_HEADING.match(text)
    if markdown:
        return markdown["title"] or None
    line = text.strip()
    if not line or SYMBOL_BULLET.match(line) or line[-1] in ",;" or _SENTENCE_END.search(line):
        return None
    if next(closed(LINK_MARKER_SCAN, line), None) is not None or BRACKET_MARKER.search(line):
        return None
    words = line.split()
    characters, most = (
        (_MAX_TITLE_CHARACTERS, _MAX_TITLE_WORDS) if title else (_MAX_HEADING_CHARACTERS, _MAX_HEADING_WORDS)
    )
    if len(line) > characters or len(words) > most:
        return None
    if line.endswith("?") and len(words) > 10:
        return None
    first = next((c for c in line if c.isalnum()), "")
    return line if first.isupper() or first.isdigit() else None


def _date_like(text: str) -> bool:
    """A header line that is only a date or a span of dates: "11-17 Jan 2025", "Published: Jan 18, 2025"."""
    rest = _DATE_WORDS.sub("", text)
    return any(c.isdigit() for c in text) and not any(c.isalpha() for c in rest)


@dataclasses.dataclass(frozen=True)
class _Unit:
    heading: str | None  # the heading, or None for a passage
    lines: tuple[Line, ...]


def _units(paragraphs: list[Block]) -> list[_Unit]:
    """Headings and passages: a block of at most three heading lines is headings; a heading line followed by
    list items is a heading; each list item is a passage; other lines continue the passage they are in."""
    units: list[_Unit] = []
    for number, block in enumerate(paragraphs):
        titles = [heading(line.text, title=number == 0 and index == 0) for index, line in enumerate(block.lines)]
        if len(block.lines) <= 3 and all(titles):
            units.extend(_Unit(title, (line,)) for title, line in zip(titles, block.lines, strict=True))
            continue
        current: list[Line] = []
        for index, line in enumerate(block.lines):
            following = block.lines[index + 1] if index + 1 < len(block.lines) else None
            markdown = MARKDOWN_HEADING.match(line.text)
            first_of_list = not current and following is not None and bool(BULLET.match(following.text))
            if markdown or (first_of_list and titles[index] and not BULLET.match(line.text)):
                units.append(_Unit(titles[index], (line,)))
                continue
            if current and BULLET.match(line.text):
                units.append(_Unit(None, tuple(current)))
                current = []
            current.append(line)
        if current:
            units.append(_Unit(None, tuple(current)))
    return units


def _notes_start(all_lines: list[Line]) -> tuple[int | None, bool]:
    """Where the note list starts, as in EUAA reports (or with ``- [iv](#)`` entries), and whether it was found
    only as a trailing run of numbered lines (then it is a note list only if markers refer to it)."""
    for index, line in enumerate(all_lines):
        entry = ROMAN_LINK_ENTRY.match(line.text)
        if entry and _ordinal(entry["n"]):
            return index, False
    start = euaa._notes_start(all_lines)
    if start is None:
        return None, False
    text = all_lines[start].text
    return start, not (euaa.LINK_ENTRY.match(text) or euaa.NOTES_HEADING.match(text))


def _entries(notes: list[Line], warnings: list[str]) -> tuple[list[euaa._Entry], dict[int, str]]:
    """The entries of the note list and, for a list of ``- [iv](#)`` entries, the label of each number."""
    if not any(ROMAN_LINK_ENTRY.match(line.text) for line in notes):
        return euaa._entries(notes, warnings), {}
    entries: list[euaa._Entry] = []
    labels: dict[int, str] = {}
    for line in notes:
        if euaa.FOOTER.match(line.text):
            break
        if euaa.NOTES_HEADING.match(line.text):
            continue
        match = ROMAN_LINK_ENTRY.match(line.text) or euaa.LINK_ENTRY.match(line.text)
        number = _ordinal(match["n"]) if match else None
        if match and number:
            labels.setdefault(number, match["n"])
            entries.append(euaa._Entry(line, number, None, [match["body"]] if match["body"].strip() else []))
        elif euaa.MALFORMED_ENTRY.match(line.text):
            warnings.append(f"line {line.number}: footnote entry {line.text.strip()!r} has no number; skipped")
            entries.append(euaa._Entry(line, None, "", []))
        elif entries:
            entries[-1].body.append(line.text)
    return entries, labels


def _found(raw: str, style: str, listed: set[int]) -> list[euaa._Found]:
    """The markers of one passage's raw text in the document's marker style."""
    found = []
    for match in closed(LINK_MARKER_SCAN, raw) if style == "link" else BRACKET_MARKER.finditer(raw):
        number = _ordinal(match["n"])
        if not number:
            continue  # "[mix](#)" is a link, not a Roman numeral
        if style == "bracket" and ((number not in listed) if listed else (number in YEARS)):
            continue
        found.append(euaa._Found(match.start(), match.end(), number, label=match["n"]))
    return found


def _header(document: ParsedDocument, units: list[_Unit]) -> None:
    """Title (or section) and date from the headings before the first passage."""
    leading = []
    for unit in units:
        if unit.heading is None:
            break
        leading.append(unit)
    first = leading[0] if leading else None
    numbered = SECTION_HEADING.match(first.heading) if first and first.heading else None
    if first and numbered and not MARKDOWN_HEADING.match(first.lines[0].text):
        document.section_number = numbered["number"]
        document.section_title = numbered["title"].strip()
    else:
        top = [u for u in leading if (m := MARKDOWN_HEADING.match(u.lines[0].text)) and len(m["level"]) == 1]
        plain = [u for u in leading if u.heading and not _date_like(u.heading)]
        titles = top or plain
        if titles:
            document.title = titles[0].heading
    for unit in leading:
        dated = DATE_LINE.match(unit.heading or "")
        value = parse_date(dated["date"]) if dated and _date_like(unit.heading or "") else None
        if value is not None:
            document.date = value
            break


def parse(content: str) -> ParsedDocument:
    document = ParsedDocument(format=FORMAT)
    all_lines = list(lines(content))
    notes_at, trailing = _notes_start(all_lines)
    if notes_at is not None and trailing:
        listed_numbers = {e.number for e in euaa._entries(all_lines[notes_at:]) if e.number is not None}
        body_text = content[: all_lines[notes_at].start]
        referred = {
            int(m["n"])
            for m in (*closed(LINK_MARKER_SCAN, body_text), *BRACKET_MARKER.finditer(body_text))
            if m["n"].isdigit()
        }
        if not referred & listed_numbers:
            notes_at = None  # a numbered list at the end of the text, not notes
    body = [line for line in all_lines[:notes_at] if not FOOTER.match(line.text)]
    entries, labels = _entries(all_lines[notes_at:] if notes_at is not None else [], document.warnings)
    euaa._footnotes(entries, document)
    document.footnotes = [dataclasses.replace(f, label=labels.get(f.number, "")) for f in document.footnotes]

    units = _units(blocks(body))
    _header(document, units)
    passages = [Block(unit.lines) for unit in units if unit.heading is None]
    raw = [content[block.start : block.end] for block in passages]
    listed = {footnote.number for footnote in document.footnotes}
    style = "link" if any(next(closed(LINK_MARKER_SCAN, text), None) is not None for text in raw) else "bracket"
    found = [_found(text, style, listed) for text in raw]
    document.marker_style = style if any(found) else "none"
    document.passages = [
        euaa._passage(i, b, content, f) for i, (b, f) in enumerate(zip(passages, found, strict=True), 1)
    ]

    cited = {m.number: m.label for passage in document.passages for m in passage.markers}
    if cited and not listed:
        document.warnings.append("the document has footnote markers but no footnote list; markers are kept")
    else:
        for number in sorted(set(cited) - listed):
            document.warnings.append(f"footnote marker [{cited[number]}] has no entry in the footnote list")
        for footnote in document.footnotes:
            if footnote.number not in cited:
                document.warnings.append(f"footnote {footnote.label} is listed but no marker refers to it")
    return document
