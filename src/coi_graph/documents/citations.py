"""Parse the citations of an EUAA-style footnote.

A footnote holds one or more citations separated by ';'. Each reads
``Publisher, Title, Date, [url](href)`` and may end in pages (``, pp. 12-13``). Titles contain
commas, dates, '|', '&' and curly quotes, so the parser anchors on the right: the citation's
own date is the one just before the ``[url](...)`` link, the publisher is what comes before
the first comma, and the title is everything in between.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from coi_graph.documents.dates import DAY_MONTH_YEAR, MONTH_DAY_YEAR, MONTH_YEAR, TimeValue, parse_date
from coi_graph.documents.model import ParsedCitation
from coi_graph.documents.text import closed

URL_LINK = re.compile(r"\[url\]\((?P<href>[^)\s]*)\)", re.IGNORECASE)
# URL_LINK, and an opening that no ")" closes before the next space, which the search then skips: see
# text.closed (a run of "[url](" without a space was scanned again from each, in quadratic time)
_URL_LINK_SCAN = re.compile(r"\[url\]\((?P<href>[^)\s]*)(?P<close>\)?)", re.IGNORECASE)
# the pages after a link; "\s*,?\s*" read a run of spaces in quadratic time (each split of it into the two was tried)
PAGES = re.compile(r"\s*(?:,\s*)?(?P<pages>(?:pp?|paras?)\.\s*[0-9IVXLCivxlc][0-9IVXLCivxlc\-–,\s]*)", re.IGNORECASE)
_DATE_AT_END = re.compile(
    r",\s*(?P<date>"
    + "|".join(
        p.pattern.replace("(?P<d>", "(?:").replace("(?P<m>", "(?:").replace("(?P<y>", "(?:")
        for p in (DAY_MONTH_YEAR, MONTH_DAY_YEAR, MONTH_YEAR)
    )
    + r"|\b(?:19|20)\d{2}\b|n\.d\.|undated)\s*(?:,\s*)?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Piece:
    raw: str  # the citation exactly as written (link and pages included)
    text: str  # the part before the link: publisher, title, date
    href: str | None
    pages: str | None


def _split(body: str) -> list[_Piece]:
    """Split a footnote body into its citations."""
    pieces: list[_Piece] = []
    position = 0
    for link in closed(_URL_LINK_SCAN, body):  # URL_LINK.finditer(body), in linear time
        head_start = position
        head = body[position : link.start()]
        # a ';' before the link closes earlier citations that had no link of their own
        *linkless, last = head.split(";")
        for text in linkless:
            if text.strip():
                pieces.append(_Piece(text.strip(), text, None, None))
            head_start += len(text) + 1
        position = link.end()
        pages = None
        pages_match = PAGES.match(body, position)
        if pages_match:
            pages = pages_match["pages"].strip().rstrip(",").strip()
            position = pages_match.end()
        pieces.append(_Piece(body[head_start:position].strip(), last, link["href"], pages))
        separator = re.compile(r"\s*;?").match(body, position)
        position = separator.end() if separator else position
    for text in body[position:].split(";"):
        if text.strip():
            pieces.append(_Piece(text.strip(), text, None, None))
    return pieces


# a link written out rather than as [url](...): "…, 15 April 2025, url", "…, https://…", "…, available at: https://…";
# spaces before it are taken from the first of them only (from each space of a long run, the search took quadratic
# time): the leftmost match is the same
TRAILING_LINK = re.compile(
    r"(?:,\s*|(?<![\s,])\s*)(?:available\s+at:?\s*)?(?P<link>https?://\S+|\burl\b|\blink\b)\s*"
    r"(?P<pages>,\s*(?:pp?|paras?)\.\s*\S.*)?$",
    re.IGNORECASE,
)


def parse_citation(text: str, ordinal: int, href: str | None = None, pages: str | None = None) -> ParsedCitation:
    """Parse one citation's text (without its link) into publisher, title and date."""
    body = text.strip().rstrip(" ,;")
    if href is None:
        trailing = TRAILING_LINK.search(body)
        if trailing:
            link = trailing["link"]
            href = link.rstrip(".,;") if link.lower().startswith("http") else None
            if trailing["pages"] and pages is None:
                pages = trailing["pages"].lstrip(", ").strip()
            body = body[: trailing.start()].rstrip(" ,;")
    date: TimeValue | None = None
    match = _DATE_AT_END.search(body) if body else None
    if match:
        date = parse_date(match["date"])
        body = body[: match.start()]
    publisher, _, title = body.partition(",")
    return ParsedCitation(
        ordinal=ordinal,
        raw=text.strip(),
        publisher=publisher.strip(),
        title=title.strip().rstrip(","),
        date=date,
        url=href if href and href != "#" else None,
        pages=pages,
    )


def parse_footnote_body(body: str) -> list[ParsedCitation]:
    """All citations of a footnote body, in order. Lines are joined with single spaces."""
    flat = " ".join(line.strip() for line in body.splitlines() if line.strip())
    citations = []
    for ordinal, piece in enumerate(_split(flat), start=1):
        parsed = parse_citation(piece.text, ordinal, piece.href, piece.pages)
        citations.append(dataclasses.replace(parsed, raw=piece.raw))
    return citations
