"""Take a new document into the data directory: detect its layout, parse it, and file it.

A text in no specific layout is read as a generic report, with a warning: never refused for its layout.
The document is copied verbatim to ``documents/<id>.txt`` with a metadata file ``documents/<id>.ttl``
giving its IRI, layout, and what the text does not say (a news article's publisher). The next
build parses it like any other document: citations are parsed, not retyped. Both files are
written atomically; a problem with one input never stops the others.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from coi_graph.documents import layouts, news
from coi_graph.documents.dates import TimeValue
from coi_graph.documents.model import ParsedDocument
from coi_graph.documents.text import read_text
from coi_graph.documents.to_rdf import slug
from coi_graph.errors import CoiGraphError, InputError, Location
from coi_graph.fsutil import atomic_write
from coi_graph.namespaces import DOC, bind_prefixes
from coi_graph.vocab import COI

FORMATS = layouts.PARSERS
DOCUMENT_CLASS = layouts.DOCUMENT_CLASS
_ID = re.compile(r"[a-z0-9][a-z0-9.-]{2,120}")
# The longest COI report seen is about 1 MB of text; far larger files are not one document.
MAX_MEGABYTES = 20.0


def detect(content: str) -> str:
    """The layout ingest reads the text with: news, euaa-report, or the generic report."""
    return layouts.detect(content)


@dataclass
class Ingested:
    path: Path
    document_id: str
    format: str
    parsed: ParsedDocument
    written: list[Path] = field(default_factory=list)

    def summary(self) -> str:
        p = self.parsed
        sentences = sum(len(x.sentences) for x in p.passages)
        markers = sum(len(x.markers) for x in p.passages)
        citations = sum(len(f.citations) for f in p.footnotes)
        return (
            f"{self.path}: {self.format} ({'no' if p.marker_style == 'none' else p.marker_style} markers), "
            f"'{p.title}', {p.date.lexical if p.date else 'no date'}: {len(p.passages)} passages, "
            f"{sentences} sentences, {markers} markers, {len(p.footnotes)} footnotes, {citations} citations"
            f" -> documents/{self.document_id}.txt"
        )


def document_id(parsed: ParsedDocument, publisher: str | None) -> str:
    """publisher-date-title-sSECTION, each part cut short so that the id is valid whatever the text says."""
    parts = [slug(publisher or parsed.publisher_name or ("news" if parsed.format == news.FORMAT else "report"))[:32]]
    if parsed.date:
        parts.append(parsed.date.lexical)
    parts.append(slug(parsed.title or "untitled")[:48])
    if parsed.section_number:
        parts.append("s" + parsed.section_number[:24].rstrip("."))
    return "-".join(p.strip("-") for p in parts if p)


def _check_size(path: Path, max_megabytes: float) -> None:
    try:
        size = path.stat().st_size
    except OSError:
        return  # reading it names the problem
    if max_megabytes and size > max_megabytes * 1_000_000:
        raise InputError(
            Location(path),
            f"the file holds {size / 1_000_000:.1f} MB of text, more than one document is expected to "
            f"({max_megabytes:g} MB)",
            hint="split it into its sections and take each in, or raise the limit with --max-size-mb",
        )


def ingest_file(
    path: Path,
    data_dir: Path,
    *,
    fmt: str | None = None,
    doc_id: str | None = None,
    publisher: URIRef | None = None,
    title: str | None = None,
    date: str | None = None,
    force: bool = False,
    dry_run: bool = False,
    max_megabytes: float = MAX_MEGABYTES,
) -> Ingested:
    _check_size(path, max_megabytes)
    content = read_text(path)
    if fmt is not None and fmt not in FORMATS:
        raise CoiGraphError(f"unknown layout {fmt!r}", hint=f"use one of {', '.join(sorted(FORMATS))}")
    reading = layouts.read(content, fmt)
    chosen, parsed = reading.layout, reading.parsed
    if title:
        parsed.title = title
    if date:
        try:
            parsed.date = TimeValue.from_lexical(date)
        except ValueError as exc:
            raise InputError(Location(path), f"--date {date!r}: {exc}") from exc
    if not parsed.passages:
        raise InputError(
            Location(path),
            "the document has no paragraphs of text",
            hint="check that this is the document: its text comes in paragraphs, before any footnote list",
        )
    missing = [name for name, value in (("title", parsed.title), ("date", parsed.date)) if not value]
    if publisher is None and (chosen == news.FORMAT or not parsed.publisher_name):
        missing.append("publisher")
    if missing:
        raise InputError(
            Location(path, 1),
            "the document does not say its "
            + (", ".join(missing[:-1]) + " and " if len(missing) > 1 else "")
            + missing[-1],
            hint="give them with " + ", ".join(f"--{m} …" for m in missing),
        )
    identifier = doc_id or document_id(parsed, str(publisher).rsplit("/", 1)[-1] if publisher else None)
    if not _ID.fullmatch(identifier):
        raise CoiGraphError(f"document id {identifier!r}: use lower-case letters, digits, '.' and '-'")
    folder = data_dir / "documents"
    text_path, meta_path = folder / f"{identifier}.txt", folder / f"{identifier}.ttl"
    if text_path.exists() and not force and text_path.read_bytes() != path.read_bytes():
        raise CoiGraphError(
            f"{text_path} exists and holds another text",
            hint="pass --id to file it under another name, or --force to replace it",
        )
    result = Ingested(path, identifier, chosen, parsed)
    if dry_run:
        return result
    metadata = Graph()
    bind_prefixes(metadata.namespace_manager)
    doc = DOC[identifier]
    metadata.add((doc, RDF.type, DOCUMENT_CLASS[chosen]))
    metadata.add((doc, COI.sourceFile, Literal(text_path.name)))
    metadata.add((doc, COI.sourceFormat, Literal(chosen)))
    if publisher is not None:
        metadata.add((doc, COI.publisher, publisher))
    if title:
        metadata.add((doc, COI.title, Literal(title)))
    if date and parsed.date:
        metadata.add((doc, COI.published, parsed.date.to_rdf()))
    header = f"# Metadata of {text_path.name}, written by coi-graph ingest; the text itself is parsed at build time.\n"
    with atomic_write(text_path, "wb", encoding=None) as handle:
        handle.write(path.read_bytes())
    with atomic_write(meta_path) as handle:
        handle.write(header + metadata.serialize(format="turtle"))
    result.written = [text_path, meta_path]
    return result


def resolve_publisher(value: str, data_dir: Path) -> URIRef:
    """A publisher given as ent:x, a full IRI, or a label of the registry."""
    from coi_graph.query.params import ParameterValueError, expand_iri
    from coi_graph.registry import LabelIndex
    from coi_graph.resources import ontology_path

    try:
        return URIRef(expand_iri(value))
    except ParameterValueError:
        pass
    registry = Graph()
    for entity_file in sorted((data_dir / "entities").glob("*.ttl")):
        registry.parse(entity_file, format="turtle")
    found = LabelIndex(registry, Graph().parse(ontology_path(), format="turtle"), COI.Publisher).lookup(value)
    if len(found) != 1:
        raise CoiGraphError(
            f"publisher {value!r} is {'ambiguous' if found else 'not in the registry'}",
            hint="give its IRI (e.g. ent:news-az), or add it to data/entities/publishers.ttl first",
        )
    return next(iter(found))
