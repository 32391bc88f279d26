"""What the build derives from the asserted data.

- the plain layer: the union of the content of every claim whose modality is affirmative
  (stated or reported), so that ``?s coi:supports ?o`` works without reading claims;
- per claim: the resources its content mentions, its number of triples, its document, its
  time as a day range (``coi:dateFrom``/``coi:dateTo``), and its footnotes and sources as
  display strings;
- per document and cited work: the publication date as a day range; per document, its
  attribution chain as a display string;
- per event and quantity: one ``skos:prefLabel`` taken from the ``rdfs:label`` its claims give,
  so that every resource a query shows has one display label;
- per entity: the Wikidata entity IRI from the QID, and a GeoSPARQL geometry from verified
  coordinates.

Nothing here is curated: it is recomputed on every build from the graphs it reads.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from coi_graph.compile.derive import time_value
from coi_graph.documents.dates import TimeValue
from coi_graph.namespaces import GEO, ID, WD
from coi_graph.vocab import COI

AFFIRMATIVE = frozenset({COI.Stated, COI.Reported})
QID = re.compile(r"^Q[1-9][0-9]*$")


def plain_layer(claims: Graph, contents: dict[URIRef, Graph]) -> Graph:
    """The union of affirmative claims' content."""
    plain = Graph()
    for claim, graph in contents.items():
        if set(claims.objects(claim, COI.modality)) & AFFIRMATIVE:
            plain += graph
    return plain


def _values(graph: Graph, subject: Node, predicates: Iterable[URIRef]) -> list[TimeValue]:
    found = (time_value(v) for p in predicates for v in graph.objects(subject, p))
    return [v for v in found if v is not None]


def _add_range(derived: Graph, subject: Node, starts: list[TimeValue], ends: list[TimeValue]) -> None:
    if starts:
        derived.add((subject, COI.dateFrom, Literal(min(v.earliest() for v in starts))))
    if ends:
        derived.add((subject, COI.dateTo, Literal(max(v.latest() for v in ends))))


def _int(node: Node | None) -> int | None:
    return int(node.toPython()) if isinstance(node, Literal) and node.datatype == XSD.integer else None


def _label(graphs: Iterable[Graph], node: Node) -> str | None:
    for graph in graphs:
        label = graph.value(node, SKOS.prefLabel)
        if label is not None:
            return str(label)
    return None


def _claim_facts(derived: Graph, claims: Graph, contents: dict[URIRef, Graph]) -> None:
    labels: dict[Node, set[str]] = {}
    for claim in sorted({c for c in claims.subjects(RDF.type, COI.Claim) if isinstance(c, URIRef)}):
        content = contents.get(claim, Graph())
        derived.add((claim, COI.tripleCount, Literal(len(content))))
        for term in {t for s, _, o in content for t in (s, o)}:
            if isinstance(term, URIRef) and str(term).startswith(str(ID)):
                derived.add((claim, COI.mentions, term))
        for node, label in content.subject_objects(RDFS.label):
            labels.setdefault(node, set()).add(str(label))
        starts = _values(claims, claim, (COI.pointInTime, COI.startTime, COI.asOf))
        ends = _values(claims, claim, (COI.pointInTime, COI.endTime, COI.asOf))
        _add_range(derived, claim, starts, ends)
    for node, texts in labels.items():
        derived.add((node, SKOS.prefLabel, Literal(sorted(texts)[0], lang="en")))


def _evidence(derived: Graph, registry: Graph, documents: Graph, claims: Graph) -> None:
    for claim in claims.subjects(RDF.type, COI.Claim):
        passage = claims.value(claim, COI.passage)
        document = documents.value(passage, COI.inDocument) if passage is not None else None
        if document is not None:
            derived.add((claim, COI.inDocument, document))
        cited: list[tuple[int, int, str]] = []
        numbers: set[int] = set()
        for footnote in claims.objects(claim, COI.footnote):
            number = _int(documents.value(footnote, COI.footnoteNumber))
            if number is None:
                continue
            numbers.add(number)
            for citation in documents.objects(footnote, COI.hasCitation):
                date = time_value(documents.value(citation, COI.published))
                written = documents.value(citation, COI.publisherName)
                item = f"{written}, {date.lexical if date else 'n.d.'}"
                cited.append((number, _int(documents.value(citation, COI.ordinal)) or 0, item))
        if numbers:
            derived.add((claim, COI.footnoteList, Literal(";".join(str(n) for n in sorted(numbers)))))
        sources: list[str] = []
        for _, _, item in sorted(cited):
            if item not in sources:
                sources.append(item)
        if not sources and document is not None:
            publisher = documents.value(document, COI.publisher)
            name = _label((registry, documents), publisher) if publisher is not None else None
            published = time_value(documents.value(document, COI.published))
            if name:
                sources.append(f"{name}, {published.lexical if published else 'n.d.'}")
        if sources:
            derived.add((claim, COI.sourceList, Literal("; ".join(sources))))


def _documents(derived: Graph, registry: Graph, documents: Graph) -> None:
    for subject in set(documents.subjects(COI.published, None)):
        values = _values(documents, subject, (COI.published,))
        _add_range(derived, subject, values, values)
    for document in set(documents.subjects(COI.attribution, None)):
        steps = sorted(
            (_int(documents.value(step, COI.ordinal)) or 0, documents.value(step, COI.attributedAgent))
            for step in documents.objects(document, COI.attribution)
        )
        names = [_label((registry, documents), agent) or str(agent) for _, agent in steps if agent is not None]
        publisher = documents.value(document, COI.publisher)
        publisher_name = _label((registry, documents), publisher) if publisher is not None else None
        if publisher_name and (not names or names[-1] != publisher_name):
            names.append(publisher_name)
        derived.add((document, COI.attributionChain, Literal(" → ".join(names))))


def _entities(derived: Graph, registry: Graph, documents: Graph) -> None:
    for graph in (registry, documents):
        for entity, _, qid in graph.triples((None, COI.wikidata, None)):
            if QID.match(str(qid)):
                derived.add((entity, COI.wikidataEntity, WD[str(qid)]))
        for place, _, lat in graph.triples((None, COI.latitude, None)):
            lon = graph.value(place, COI.longitude)
            if lon is None or not isinstance(place, URIRef):
                continue
            geometry = URIRef(f"{place}/geometry")
            derived.add((place, GEO.hasGeometry, geometry))
            derived.add((geometry, RDF.type, GEO.Geometry))
            point = f"POINT({_canonical(lon)} {_canonical(lat)})"
            derived.add((geometry, GEO.asWKT, Literal(point, datatype=GEO.wktLiteral)))


def _canonical(number: Node) -> str:
    """A coordinate as the store writes it: "36.0" → "36", "44.40" → "44.4" (the value, not the lexical form)."""
    try:
        return format(Decimal(str(number)).normalize(), "f")
    except InvalidOperation:
        return str(number)


def derived_layer(registry: Graph, documents: Graph, claims: Graph, contents: dict[URIRef, Graph]) -> Graph:
    derived = Graph()
    _claim_facts(derived, claims, contents)
    _evidence(derived, registry, documents, claims)
    _documents(derived, registry, documents)
    _entities(derived, registry, documents)
    return derived
