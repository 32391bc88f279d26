"""The filed documents, found as the build finds them, and as the actions need them: a passage's text, its
sentences and footnote markers, the document's date, and where a quote stands in the file. Parsed as the build
parses them, once per file version."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from coi_graph.documents.model import Passage
from coi_graph.documents.to_rdf import passage_prefix
from coi_graph.extract.candidates import Candidate
from coi_graph.extract.draft import DraftCandidate
from coi_graph.extract.source import Source, open_source
from coi_graph.namespaces import short
from coi_graph.vocab import COI
from coi_graph.workbench.fields import FieldError, Span

_PART = re.compile(r"p(\d+)(?:-s(\d+))?$")
DOC_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,200}")
log = logging.getLogger("coi_graph")


@dataclass(frozen=True)
class Filed:
    """A document filed in data/documents/: its IRI, its text and its metadata graph."""

    doc: URIRef
    text_path: Path
    metadata: Graph

    @property
    def id(self) -> str:
        return str(self.doc).rsplit("/", 1)[-1]


def filed_documents(data_dir: Path) -> list[Filed]:
    """The documents data/documents/ files, as the build finds them: each metadata file's ``coi:sourceFile``,
    kept inside the data directory; a metadata file that does not parse, or names a text outside, is logged and
    passed over (the build reports it with its line)."""
    from coi_graph.compile.inventory import contained
    from coi_graph.errors import CoiGraphError, Location

    found: list[Filed] = []
    folder = data_dir / "documents"
    for meta in sorted(folder.glob("*.ttl")):
        try:
            metadata = Graph().parse(meta, format="turtle")
        except Exception as exc:  # rdflib raises many kinds
            log.warning("%s: not read: %s", meta, exc)
            continue
        for doc, _, source in sorted(metadata.triples((None, COI.sourceFile, None))):
            if not isinstance(doc, URIRef) or not DOC_ID.fullmatch(str(doc).rsplit("/", 1)[-1]):
                continue
            try:
                path = contained(data_dir, folder / str(source), Location(meta), named=str(source))
            except CoiGraphError as exc:
                log.warning("%s", exc)
                continue
            if path.is_file():
                found.append(Filed(doc, path, metadata))
    return found


class Documents:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self._parsed: dict[URIRef, tuple[tuple[int, int], Source]] = {}

    def source(self, doc: URIRef) -> Source:
        for filed in filed_documents(self.data_dir):
            if filed.doc != doc:
                continue
            text = filed.text_path
            key = (text.stat().st_mtime_ns, text.with_suffix(".ttl").stat().st_mtime_ns)
            cached = self._parsed.get(doc)
            if cached is None or cached[0] != key:
                cached = (key, open_source(text, self.data_dir))
                self._parsed[doc] = cached
            return cached[1]
        raise FieldError("document", f"{short(str(doc))} is not filed in {self.data_dir / 'documents'}: take it in "
                                     "with 'coi-graph ingest' first")  # fmt: skip

    def published(self, doc: URIRef) -> Literal | None:
        date = self.source(doc).parsed.date
        return date.to_rdf() if date is not None else None

    def passage(self, doc: URIRef, node: URIRef) -> tuple[Passage, int | None]:
        """The passage ``node`` names (a passage's or a sentence's IRI), and the sentence's number if any."""
        parsed = self.source(doc).parsed
        prefix = passage_prefix(doc, parsed)
        found = _PART.match(str(node)[len(prefix) :]) if str(node).startswith(prefix) else None
        passage = next((p for p in parsed.passages if found and p.ordinal == int(found.group(1))), None)
        if found is None or passage is None:
            raise FieldError("passage", f"{short(str(node))} is no passage or sentence of {short(str(doc))} (e.g. "
                                        f"{short(prefix + 'p1')}, {short(prefix + 'p1-s2')})")  # fmt: skip
        sentence = int(found.group(2)) if found.group(2) else None
        if sentence is not None and not 1 <= sentence <= len(passage.sentences):
            raise FieldError("passage", f"{short(str(node))}: the passage has {len(passage.sentences)} sentences")
        return passage, sentence

    def candidate_span(self, doc: URIRef, c: Candidate) -> tuple[Span, tuple[int, int] | None]:
        """The texts a candidate's quote must stand in, and its sentence's offsets in the passage text."""
        passage, _ = self.passage(doc, c.passage)
        bounds = None
        if c.sentence is not None:
            other, index = self.passage(doc, c.sentence)
            if other != passage or index is None:
                raise FieldError("sentence", f"{short(str(c.sentence))} is not a sentence of {short(str(c.passage))}")
            bounds = passage.sentences[index - 1]
        text = passage.text[bounds[0] : bounds[1]] if bounds else None
        return Span(passage.text, text, self._markers(doc, passage, bounds)), bounds

    def _markers(self, doc: URIRef, passage: Passage, bounds: tuple[int, int] | None) -> tuple[
            tuple[str, URIRef | None], ...]:  # fmt: skip
        """The markers of the sentence at ``bounds`` (of the passage, without), with the footnote each names."""
        numbers = {f.number for f in self.source(doc).parsed.footnotes}
        markers = passage.markers_in(*bounds) if bounds else passage.markers
        return tuple((m.label, URIRef(f"{doc}/fn{m.number}") if m.number in numbers else None) for m in markers)

    def quote_offsets(self, doc: URIRef, c: Candidate, bounds: tuple[int, int] | None) -> tuple[int, int] | None:
        """Where the quote stands in the document file (the offsets ``coi:startOffset``/``coi:endOffset`` give)."""
        passage, _ = self.passage(doc, c.passage)
        first, last = bounds or (0, len(passage.text))
        at = passage.text.find(c.quote, first, last)
        return (passage.file_start(at), passage.file_end(at + len(c.quote))) if at >= 0 and c.quote else None

    def span(self, doc: URIRef, node: URIRef, start: int | None,
             end: int | None) -> tuple[DraftCandidate, Span, tuple[int, int]]:  # fmt: skip
        """A claim to be made from the span ``start:end`` of a passage's text (a sentence's, by default)."""
        passage, sentence = self.passage(doc, node)
        text = passage.text
        if start is None or end is None:
            if sentence is None and (start, end) == (None, None):
                start, end = 0, len(text)
            elif sentence is not None:
                start, end = passage.sentences[sentence - 1]
            else:
                raise FieldError("span", "give both the start and the end of the span")
        if not 0 <= start < end <= len(text):
            raise FieldError("span", f"{start}:{end} is not a span of the passage text (0:{len(text)})")
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start == end:
            raise FieldError("span", "the span holds only spaces: select the words that state the claim")
        iri = URIRef(f"{passage_prefix(doc, self.source(doc).parsed)}p{passage.ordinal}")
        index = next((i for i, (a, b) in enumerate(passage.sentences, start=1) if a <= start and end <= b), None)
        markers = passage.markers_in(start, end)  # in the words, or right after them
        if not markers and index:  # else the next ones in the sentence: a marker backs the words before it
            after = sorted((m for m in passage.markers_in(*passage.sentences[index - 1]) if m.text_offset >= end),
                           key=lambda m: m.text_offset)  # fmt: skip
            markers = [m for m in after if m.text_offset == after[0].text_offset]
        numbers = {f.number for f in self.source(doc).parsed.footnotes}
        claim = DraftCandidate(
            number=0, rule="workbench", triples=[], quote=text[start:end], passage=iri,
            sentence=URIRef(f"{iri}-s{index}") if index else None, start=passage.file_start(start),
            end=passage.file_end(end), modality=COI.Stated, score=1.0,
            footnotes=[URIRef(f"{doc}/fn{m.number}") for m in markers if m.number in numbers],
            footnote_labels=[m.label for m in markers],
        )  # fmt: skip
        bounds = passage.sentences[index - 1] if index else None
        span = Span(text, text[bounds[0] : bounds[1]] if bounds else None, self._markers(doc, passage, bounds))
        return claim, span, (claim.start, claim.end)
