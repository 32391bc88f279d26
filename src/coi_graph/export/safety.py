"""What every writer does to text it did not make itself: labels, quotes, titles and values come from
documents and registries, and a writer must not turn them into a formula, an escape sequence or a
file that does not parse. One place, used by every CSV, XML and terminal writer of the project.

**CSV** (OWASP, *CSV Injection*): no cell begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return, the characters that make a spreadsheet read a cell as a formula: such a cell is written with
a leading apostrophe, which makes a spreadsheet read it as text. Because a spreadsheet set to another
separator splits a line elsewhere (many European settings split on ``;``), the same holds after every
comma, semicolon, tab or line break inside a value, where such a reader starts a new cell, and after
any double quotes there. A plain number (``-5``, ``+1.5``, ``-2e3``) is left alone, as a cell or as
such a part: a spreadsheet reads it as a number, not a formula, and numeric columns (coordinates,
measures) keep their values. An apostrophe that already stands in such a place before one of those
characters or another apostrophe gets one more, so that the escape can be undone exactly:
:func:`restore_cell` gives back the original value (``coi-graph import claims`` does). Cells are
quoted as RFC 4180 says (a cell with the separator, a double quote or a line break is in double
quotes, inner quotes doubled), so that a value cannot end its cell and start another. A CSV is text
and holds other characters as they are, but NUL, which no text file holds (``import claims`` refuses a
file with one as binary), is written as U+FFFD.

**XML** (GEXF, GraphML): XML 1.0 cannot hold the C0 control characters other than tab, line feed
and carriage return, nor U+FFFE, U+FFFF or lone surrogates, not even as character references, so
they are replaced by U+FFFD (the replacement character). DEL and the C1 controls (U+007F-U+009F)
are legal but invisible and dangerous on a terminal, so they are written as character references
(``&#x85;``), as is the carriage return (so that the parser's line-end handling keeps it): a reader
gets the same string back, and no raw control character is in the file.

**Terminal**: :func:`visible` renders control characters as ``\\x1b``, so that a label cannot move
the cursor, change colours or retitle the window. Tables (``--format table``, Markdown) always
render them so; any other output written to standard output is rendered so when standard output is
a terminal (:func:`coi_graph.export.tabular.write`), and written exactly to files and pipes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

FORMULA_TRIGGERS = frozenset("=+-@\t\r")
"""The first characters that make a spreadsheet read a cell as a formula (OWASP, CSV Injection)."""

CELL_SEPARATORS = frozenset(",;\t\n\r")
"""Where a spreadsheet, set to one separator or another, may start a new cell."""

_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
# the places a cell may start, when what follows them (after double quotes) could need an apostrophe
_CELL_START = re.compile("(?:^|(?<=[,;\t\n\r]))(?=\"*[-=+@\t\r'])")
_PIECE = re.compile("[\\s\\S][^,;\t\n\r]*")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_XML_REFERENCE = re.compile("[\r\x7f-\x9f]")


def _after_quotes(text: str, at: int) -> str:
    """The character at ``at`` or, if that is a double quote, after the run of them ('' at the end)."""
    while at < len(text) and text[at] == '"':
        at += 1
    return text[at : at + 1]


def _needs_apostrophe(text: str, at: int) -> bool:
    """Whether the cell a spreadsheet may start at ``at`` needs an apostrophe before it."""
    first = _after_quotes(text, at)
    if first and first in FORMULA_TRIGGERS:
        piece = _PIECE.match(text, at)
        return not (piece and _NUMBER.fullmatch(piece.group()))
    return text[at] == "'" and _carries_apostrophe(text, at)


def _carries_apostrophe(text: str, at: int) -> bool:
    """Whether the apostrophe at ``at`` (a place a cell may start) is one :func:`neutralise_cell` put."""
    following = _after_quotes(text, at + 1)
    return bool(following) and (following in FORMULA_TRIGGERS or following == "'")


def neutralise_cell(value: str) -> str:
    """The CSV cell for ``value``: an apostrophe before every place a spreadsheet would read a formula."""
    places = [m.start() for m in _CELL_START.finditer(value) if _needs_apostrophe(value, m.start())]
    if not places:
        return value
    parts = [value[start:end] for start, end in zip([0, *places], [*places, len(value)], strict=True)]
    return "'".join(parts)


def restore_cell(cell: str) -> str:
    """The value a CSV cell written by :func:`neutralise_cell` holds (its inverse)."""
    places = [
        m.start() for m in _CELL_START.finditer(cell) if cell[m.start()] == "'" and _carries_apostrophe(cell, m.start())
    ]
    if not places:
        return cell
    return "".join(
        cell[start:end] for start, end in zip([0] + [p + 1 for p in places], [*places, len(cell)], strict=True)
    )


def _field(value: object, delimiter: str) -> str:
    text = neutralise_cell("" if value is None else str(value)).replace("\x00", "\ufffd")
    if delimiter in text or '"' in text or "\n" in text or "\r" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]], delimiter: str = ",") -> str:
    """A CSV (or, with ``delimiter="\\t"``, TSV) document, every cell neutralised; ``None`` is empty, NUL U+FFFD.
    Lines end with ``\\n``; Python's ``csv`` reader and every spreadsheet read it."""
    lines = []
    for row in [header, *rows]:
        cells = [_field(value, delimiter) for value in row]
        if cells == [""]:
            cells = ['""']  # a row of one empty cell is not an empty line
        lines.append(delimiter.join(cells) + "\n")
    return "".join(lines)


def visible(text: str, keep: str = "") -> str:
    """``text`` with every control character (C0, DEL, C1) but those in ``keep`` shown as ``\\x1b``."""
    return _CONTROL.sub(lambda m: m.group() if m.group() in keep else f"\\x{ord(m.group()):02x}", text)


def table_cell(value: object) -> str:
    """A cell of a table for the terminal: line breaks and tabs as spaces, other controls visible."""
    text = "" if value is None else str(value)
    return visible(text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ").replace("\t", " "))


def xml_chars(text: str) -> str:
    """``text`` with what XML 1.0 cannot hold replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def xml_document(text: str) -> str:
    """A serialised XML document made safe: :func:`xml_chars`, then carriage returns, DEL and the C1
    controls as character references. Markup is ASCII, so only text and attribute values change."""
    return _XML_REFERENCE.sub(lambda m: f"&#x{ord(m.group()):X};", xml_chars(text))
