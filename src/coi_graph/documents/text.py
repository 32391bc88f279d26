"""Reading document files and splitting them into lines and paragraphs with offsets."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from coi_graph.errors import InputError, Location

# C0 controls but tab, line feed, form feed (a page break) and carriage return; DEL; C1 controls
_CONTROL = re.compile(r"[\x01-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def read_text(path: Path, *, controls: bool = False) -> str:
    """The file's text as UTF-8, unchanged. Empty, binary and non-UTF-8 files, and (unless ``controls``)
    control characters other than tab, line breaks and page breaks, are errors."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(Location(path), f"cannot read the file: {exc.strerror}") from exc
    if not data.strip():
        raise InputError(Location(path), "the file is empty", hint="write its content in it, or remove it")
    if b"\x00" in data[:65536]:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise InputError(
            Location(path, line),
            "the file is binary (it contains NUL bytes)",
            hint="save the document as UTF-8 text",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(
            Location(path, line, column),
            f"the file is not valid UTF-8 (byte 0x{data[exc.start]:02x})",
            hint="re-save the document as UTF-8",
        ) from exc
    control = None if controls else _CONTROL.search(text)
    if control is not None:
        start = control.start()
        raise InputError(
            Location(path, text.count("\n", 0, start) + 1, start - (text.rfind("\n", 0, start) + 1) + 1),
            f"the file holds a control character ({control.group(0)!r}), which would reach exports and terminals",
            hint="remove it (a text converter may have left it); tabs, line breaks and page breaks are fine",
        )
    return text


@dataclass(frozen=True)
class Line:
    number: int  # 1-based
    start: int  # offset of the first character
    text: str  # without the line break

    @property
    def end(self) -> int:
        return self.start + len(self.text)


BOM = "\ufeff"


_BREAK = re.compile(r"\r\n|\r|\n")


def lines(content: str) -> Iterator[Line]:
    """The lines of ``content`` with their offsets, numbered as an editor numbers them: only a line feed,
    a carriage return or both end a line (not the form feeds and other breaks ``str.splitlines`` knows,
    which text from PDFs is full of). A byte order mark before the first line (as some editors write)
    is not part of the line: the first line starts after it."""
    offset = 1 if content.startswith(BOM) else 0
    number = 0
    # one search per line break: linear in the length of the text, however long a line is (a pattern that
    # must end in a line break retried at every offset of a last line without one, and took quadratic time)
    while offset < len(content):
        match = _BREAK.search(content, offset)
        number += 1
        if match is None:
            yield Line(number, offset, content[offset:])
            return
        yield Line(number, offset, content[offset : match.start()])
        offset = match.end()


@dataclass(frozen=True)
class Block:
    """Consecutive non-blank lines."""

    lines: tuple[Line, ...]

    @property
    def start(self) -> int:
        return self.lines[0].start

    @property
    def end(self) -> int:
        return self.lines[-1].end

    @property
    def first_line(self) -> int:
        return self.lines[0].number


def blocks(content_lines: list[Line]) -> list[Block]:
    result: list[Block] = []
    current: list[Line] = []
    for line in content_lines:
        if line.text.strip():
            current.append(line)
        elif current:
            result.append(Block(tuple(current)))
            current = []
    if current:
        result.append(Block(tuple(current)))
    return result


def closed(scan: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    r"""The matches of ``P\)`` in ``text``, in linear time, given its scanning form ``P(?P<close>\)?)``: ``P`` is an
    opening without ")" or whitespace followed by a run of characters that excludes both, as in ``\[url\]\([^)\s]*``.

    ``P\)`` scans an opening that no ")" closes to the next space, and then every opening after it in that run
    again ("[1](#[1](#…" with no space: quadratic time). The scanning form matches up to there with ``close``
    empty, and the search goes on after it: no match of ``P\)`` can start inside what it passed over."""
    return (match for match in scan.finditer(text) if match["close"])
