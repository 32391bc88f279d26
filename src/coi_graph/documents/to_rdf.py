"""Turn a parsed document into RDF: document, section, passages, markers, footnotes, citations, works."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS, XSD
from rdflib.term import Node

from coi_graph.documents.model import ParsedCitation, ParsedDocument
from coi_graph.namespaces import ENT, WORK
from coi_graph.registry import LabelIndex
from coi_graph.vocab import COI


def slug(text: str) -> str:
    value = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")
    return value or "x"


def _local(iri: URIRef) -> str:
    return re.split(r"[/#]", str(iri))[-1]


@dataclass
class Resolver:
    """Resolves names written in documents to registry entities, creating placeholders for unknown publishers."""

    publishers: LabelIndex
    actors: LabelIndex
    warnings: list[str] = field(default_factory=list)

    def publisher(self, name: str, graph: Graph | TripleSink, where: str) -> URIRef:
        found = self.publishers.lookup(name)
        if len(found) == 1:
            return next(iter(found))
        placeholder = ENT["publisher-" + slug(name)]
        if found:
            self.warnings.append(f"{where}: publisher {name!r} matches several registry entries; left unresolved")
        else:
            self.warnings.append(
                f"{where}: publisher {name!r} is not in the registry; add it to data/entities/ with this label"
            )
        graph.add((placeholder, RDF.type, COI.Publisher))
        graph.add((placeholder, SKOS.prefLabel, Literal(name, lang="en")))
        return placeholder

    def actor(self, name: str, where: str) -> URIRef | None:
        # "The Worar Post reported …" is read as "Worar Post": the registry may name it with its article
        found = self.actors.lookup(name) or self.actors.lookup(f"The {name}")
        if len(found) == 1:
            return next(iter(found))
        self.warnings.append(f"{where}: {name!r} matches {len(found)} registry actors; left out of the attribution")
        return None


def work_iri(publisher: URIRef, citation: ParsedCitation) -> URIRef:
    """One IRI per cited work: the same publisher, title and date give the same work."""
    date = citation.date.lexical if citation.date else "nd"
    key = "|".join((str(publisher), citation.title.casefold(), date))
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]
    return WORK[f"{_local(publisher)}-{date}-{digest}"]


class TripleSink:
    """The few Graph operations that building a document needs, without rdflib's indexes: a set of
    triples in insertion order with a (subject, predicate) lookup. Ten times faster than a Graph
    for the tens of thousands of triples of a large corpus."""

    def __init__(self) -> None:
        self._triples: dict[tuple[Node, Node, Node], None] = {}
        self._by_sp: dict[tuple[Node, Node], Node] = {}

    def add(self, triple: tuple[Node, Node, Node]) -> None:
        if triple not in self._triples:
            self._triples[triple] = None
            self._by_sp.setdefault((triple[0], triple[1]), triple[2])

    def value(self, subject: Node, predicate: Node) -> Node | None:
        return self._by_sp.get((subject, predicate))

    def __iter__(self) -> Iterator[tuple[Node, Node, Node]]:
        return iter(self._triples)

    def __len__(self) -> int:
        return len(self._triples)


Sink = Graph | TripleSink


def _set_once(graph: Sink, subject: URIRef, predicate: URIRef, value: Literal | URIRef, warnings: list[str]) -> None:
    existing = graph.value(subject, predicate)
    if existing is None:
        graph.add((subject, predicate, value))
    elif existing != value:
        warnings.append(
            f"<{subject}>: metadata gives {existing!r} for {predicate}, the text gives {value!r}; kept the metadata"
        )


def passage_prefix(doc: URIRef, parsed: ParsedDocument) -> str:
    """What passage IRIs start with: ``<doc>/p`` or, in a section, ``<doc>/s3.4-p``, less the ``p``."""
    if parsed.section_number or parsed.section_title:
        return f"{doc}/s{parsed.section_number or '0'}-"
    return f"{doc}/"


def document_graph(
    doc: URIRef, parsed: ParsedDocument, content: str, metadata: Graph, resolver: Resolver, where: str
) -> tuple[Graph, dict[URIRef, int]]:
    """RDF for one parsed document file, and the line in the file where each passage, footnote and
    citation starts. ``metadata`` holds what the file itself does not say."""
    graph = Graph()
    lines = document_triples(graph, doc, parsed, content, metadata, resolver, where)
    return graph, lines


def document_triples(
    graph: Sink, doc: URIRef, parsed: ParsedDocument, content: str, metadata: Graph, resolver: Resolver, where: str
) -> dict[URIRef, int]:
    """Add the RDF of one parsed document to ``graph``; return the line where each node starts."""
    lines: dict[URIRef, int] = {}
    for triple in metadata.triples((doc, None, None)):
        graph.add(triple)
    graph.add((doc, COI.sha256, Literal(hashlib.sha256(content.encode("utf-8")).hexdigest())))
    warnings = resolver.warnings
    if parsed.title:
        _set_once(graph, doc, COI.title, Literal(parsed.title), warnings)
    if parsed.date:
        _set_once(graph, doc, COI.published, parsed.date.to_rdf(), warnings)
    if parsed.publisher_name:
        _set_once(graph, doc, COI.publisher, resolver.publisher(parsed.publisher_name, graph, where), warnings)

    container = doc
    prefix = passage_prefix(doc, parsed)
    if parsed.section_number or parsed.section_title:
        container = URIRef(prefix[:-1])
        graph.add((container, RDF.type, COI.Section))
        graph.add((container, COI.inDocument, doc))
        graph.add((container, COI.isPartOf, doc))
        if parsed.section_number:
            graph.add((container, COI.sectionNumber, Literal(parsed.section_number)))
        if parsed.section_title:
            graph.add((container, COI.title, Literal(parsed.section_title)))
        if parsed.cite_as:
            graph.add((container, COI.citeAs, Literal(parsed.cite_as)))
    elif parsed.cite_as:
        graph.add((doc, COI.citeAs, Literal(parsed.cite_as)))

    footnote_iris = {footnote.number: URIRef(f"{doc}/fn{footnote.number}") for footnote in parsed.footnotes}
    for passage in parsed.passages:
        p = URIRef(f"{prefix}p{passage.ordinal}")
        lines[p] = passage.line
        graph.add((p, RDF.type, COI.Passage))
        graph.add((p, COI.text, Literal(passage.text)))
        graph.add((p, COI.ordinal, Literal(passage.ordinal)))
        graph.add((p, COI.startOffset, Literal(passage.start)))
        graph.add((p, COI.endOffset, Literal(passage.end)))
        graph.add((p, COI.isPartOf, container))
        graph.add((p, COI.inDocument, doc))
        for index, (text_start, text_end) in enumerate(passage.sentences, start=1):
            sentence = URIRef(f"{p}-s{index}")
            graph.add((sentence, RDF.type, COI.Sentence))
            graph.add((sentence, COI.inPassage, p))
            graph.add((sentence, COI.inDocument, doc))
            graph.add((sentence, COI.ordinal, Literal(index)))
            graph.add((sentence, COI.textOffset, Literal(text_start)))
            graph.add((sentence, COI.textEndOffset, Literal(text_end)))
            graph.add((sentence, COI.startOffset, Literal(passage.file_start(text_start))))
            graph.add((sentence, COI.endOffset, Literal(passage.file_end(text_end))))
        for index, marker in enumerate(passage.markers, start=1):
            m = URIRef(f"{p}-m{index}")
            lines[m] = passage.line
            if marker.key:
                graph.add((m, COI.referenceKey, Literal(marker.key)))
            if marker.locator:
                graph.add((m, COI.locator, Literal(marker.locator)))
            graph.add((m, RDF.type, COI.FootnoteReference))
            graph.add((m, COI.footnoteNumber, Literal(marker.number)))
            if not marker.numeric and marker.key is None:  # "[viii](#)": the label as written, beside its number
                graph.add((m, COI.footnoteLabel, Literal(marker.label)))
            graph.add((m, COI.textOffset, Literal(marker.text_offset)))
            graph.add((m, COI.startOffset, Literal(marker.start)))
            graph.add((m, COI.endOffset, Literal(marker.end)))
            graph.add((m, COI.inPassage, p))
            graph.add((m, COI.inDocument, doc))
            if marker.number in footnote_iris:
                graph.add((m, COI.refersTo, footnote_iris[marker.number]))

    for footnote in parsed.footnotes:
        f = footnote_iris[footnote.number]
        lines[f] = footnote.line
        graph.add((f, RDF.type, COI.Footnote))
        graph.add((f, COI.footnoteNumber, Literal(footnote.number)))
        if footnote.key is None and footnote.label != str(footnote.number):
            graph.add((f, COI.footnoteLabel, Literal(footnote.label)))
        graph.add((f, COI.rawText, Literal(footnote.raw)))
        if footnote.key:
            graph.add((f, COI.referenceKey, Literal(footnote.key)))
        graph.add((f, COI.inDocument, doc))
        for citation in footnote.citations:
            c = URIRef(f"{f}-c{citation.ordinal}")
            lines[c] = footnote.line
            publisher = resolver.publisher(citation.publisher, graph, f"{where}:{footnote.line}")
            graph.add((f, COI.hasCitation, c))
            graph.add((c, RDF.type, COI.Citation))
            graph.add((c, COI.ordinal, Literal(citation.ordinal)))
            graph.add((c, COI.rawText, Literal(citation.raw)))
            graph.add((c, COI.publisherName, Literal(citation.publisher)))
            graph.add((c, COI.publisher, publisher))
            graph.add((c, COI.title, Literal(citation.title)))
            if citation.date:
                graph.add((c, COI.published, citation.date.to_rdf()))
            if citation.url:
                graph.add((c, COI.url, Literal(citation.url, datatype=XSD.anyURI)))
            if citation.pages:
                graph.add((c, COI.pages, Literal(citation.pages)))
            w = work_iri(publisher, citation)
            graph.add((c, COI.citedWork, w))
            graph.add((w, RDF.type, COI.Work))
            graph.add((w, COI.title, Literal(citation.title)))
            graph.add((w, COI.publisher, publisher))
            if citation.date:
                graph.add((w, COI.published, citation.date.to_rdf()))
            if citation.url:
                graph.add((w, COI.url, Literal(citation.url, datatype=XSD.anyURI)))

    if parsed.attribution:
        for ordinal, name in enumerate(parsed.attribution.names, start=1):
            agent = resolver.actor(name, where)
            if agent is None:
                continue
            step = URIRef(f"{doc}/attribution-{ordinal}")
            graph.add((doc, COI.attribution, step))
            graph.add((step, RDF.type, COI.AttributionStep))
            graph.add((step, COI.ordinal, Literal(ordinal)))
            graph.add((step, COI.attributedAgent, agent))
            role = COI.OriginalSource if ordinal == 1 else COI.Reporter
            graph.add((step, COI.attributionRole, role))
    for warning in parsed.warnings:
        warnings.append(f"{where}: {warning}")
    return lines
