"""The layouts a document file can have, how one is recognised, and reading a file with one.

A news article (first line `` date YYYY-MM-DD Title``) is recognised first, then an EUAA-style report
(``euaa.looks_like``, or footnote markers and a note list that its parser finds); any other text is read
as a generic report, with a warning, never refused. ``ingest``, ``extract`` and the build all choose
the layout here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rdflib import URIRef

from coi_graph.documents import euaa, generic, news
from coi_graph.documents.model import ParsedDocument
from coi_graph.vocab import COI

PARSERS: dict[str, Callable[[str], ParsedDocument]] = {
    euaa.FORMAT: euaa.parse,
    news.FORMAT: news.parse,
    generic.FORMAT: generic.parse,
}
DOCUMENT_CLASS: dict[str, URIRef] = {euaa.FORMAT: COI.Report, news.FORMAT: COI.NewsArticle, generic.FORMAT: COI.Report}
GENERIC_WARNING = "no specific layout recognised; read as a generic report"


def recognise(content: str) -> str | None:
    """The specific layout of the text (news article, EUAA report), or None when it has none."""
    if news.looks_like(content):
        return news.FORMAT
    if euaa.looks_like(content):
        return euaa.FORMAT
    parsed = euaa.parse(content)
    markers = [m for p in parsed.passages for m in p.markers]
    if parsed.marker_style == "bracket" and all(m.number in generic.YEARS for m in markers):
        markers = []  # "In [2019] the talks failed": a year in brackets, no footnote marker
    return euaa.FORMAT if parsed.footnotes or markers else None


def detect(content: str) -> str:
    """The layout to read the text with: its specific layout, or the generic report."""
    return recognise(content) or generic.FORMAT


@dataclass
class Reading:
    layout: str
    parsed: ParsedDocument
    recognised: bool  # False: no specific layout was recognised, the text was read as a generic report


def read(content: str, fmt: str | None = None) -> Reading:
    """The layout (``fmt``, or the one detected) and what its parser reads out of the text. A text read as a
    generic report because no specific layout was recognised carries :data:`GENERIC_WARNING` first among
    its warnings. ``fmt`` must be one of :data:`PARSERS` (a KeyError otherwise)."""
    layout = fmt or recognise(content)
    parsed = PARSERS[layout or generic.FORMAT](content)
    if layout is None:
        parsed.warnings.insert(0, GENERIC_WARNING)
    return Reading(layout or generic.FORMAT, parsed, recognised=layout is not None)
