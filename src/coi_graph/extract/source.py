"""The document a file is: found among the filed documents of the data directory, or parsed as new.

Candidates name passages, sentences and footnotes by the IRIs the build gives them, so a file is
best extracted after ``coi-graph ingest``: then its IRI, layout, title and date are those of its
metadata file. A file not yet filed is parsed with the IRI ingest would give it, in the layout ingest would
detect: a text in no specific layout is read as a generic report, with a warning.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from coi_graph.documents.dates import TimeValue
from coi_graph.documents.model import ParsedDocument
from coi_graph.documents.text import read_text
from coi_graph.errors import InputError, Location
from coi_graph.namespaces import DOC
from coi_graph.vocab import COI


@dataclass
class Source:
    path: Path
    content: str
    parsed: ParsedDocument
    doc: URIRef
    filed: Path | None  # the copy in data/documents/, when the document is filed
    warnings: list[str] = field(default_factory=list)  # about reading it: no specific layout recognised


def _filed(path: Path, data_dir: Path) -> Path | None:
    folder = data_dir / "documents"
    if not folder.is_dir():
        return None
    data = path.read_bytes()
    for candidate in sorted(folder.glob("*.txt")):
        if candidate.resolve() == path.resolve() or candidate.read_bytes() == data:
            return candidate
    return None


def open_source(path: Path, data_dir: Path, fmt: str | None = None) -> Source:
    from coi_graph.documents import layouts
    from coi_graph.ingest import document_id

    content = read_text(path)
    filed = _filed(path, data_dir)
    metadata = Graph()
    doc: URIRef | None = None
    if filed is not None:
        meta_path = filed.with_suffix(".ttl")
        if meta_path.is_file():
            metadata.parse(meta_path, format="turtle")
            found = next(iter(metadata.subjects(COI.sourceFile, Literal(filed.name))), None)
            doc = found if isinstance(found, URIRef) else None
    layout = fmt or (
        str(metadata.value(doc, COI.sourceFormat)) if doc and metadata.value(doc, COI.sourceFormat) else None
    )
    if layout is not None and layout not in layouts.PARSERS:  # a metadata file's coi:sourceFormat
        raise InputError(Location(filed.with_suffix(".ttl") if filed else path), f"unknown document format {layout!r}",
                         hint=f"set coi:sourceFormat to one of: {', '.join(sorted(layouts.PARSERS))}")  # fmt: skip
    reading = layouts.read(content, layout)
    parsed = reading.parsed
    warnings = [] if reading.recognised else [layouts.GENERIC_WARNING]
    if doc is not None:
        title, published = metadata.value(doc, COI.title), metadata.value(doc, COI.published)
        if title is not None:
            parsed.title = str(title)
        if isinstance(published, Literal):
            parsed.date = TimeValue.from_lexical(str(published))
    else:
        publisher = next(iter(metadata.objects(None, COI.publisher)), None)
        doc = DOC[document_id(parsed, str(publisher).rsplit("/", 1)[-1] if publisher else None)]
    if not parsed.passages:
        raise InputError(Location(path), "the document has no paragraphs of text")
    if (doc, RDF.type, None) not in metadata and filed is not None:
        raise InputError(Location(filed.with_suffix(".ttl")), f"no metadata names {filed.name} (coi:sourceFile)")
    return Source(path, content, parsed, doc, filed, warnings)
