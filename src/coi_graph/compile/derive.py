"""The plain and derived layers computed on the Oxigraph store: what :mod:`coi_graph.compile.reference.derive`
computes on rdflib graphs, the same triples, at a million-triple scale.

Set-wise facts (the plain layer, triple counts, mentions, display labels, Wikidata IRIs,
geometries) are single SPARQL updates run by Oxigraph. Facts that need ordering or date arithmetic
(day ranges, footnote and source lists, attribution chains) read compact SELECT results and are
assembled in Python with the same functions as the rdflib version.

Oxigraph stores numbers by value, so a coordinate written ``36.0`` reads back as ``36``; the
geometries' WKT shows the canonical form. Everything else is lexically identical.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

import pyoxigraph as ox
from rdflib import Literal
from rdflib.namespace import XSD as XSD_NS
from rdflib.term import Node

from coi_graph.compile.terms import iri, to_rdflib
from coi_graph.documents.dates import TimeValue
from coi_graph.namespaces import ID, PREFIXES, Graphs
from coi_graph.vocab import COI

XSD = "http://www.w3.org/2001/XMLSchema#"
DERIVED = iri(Graphs.DERIVED)
_DATE_TYPES = (XSD_NS.date, XSD_NS.gYearMonth, XSD_NS.gYear)

UPDATES = [
    # the plain layer: the content of affirmative claims
    """INSERT { GRAPH graph:plain { ?s ?p ?o } } WHERE {
         GRAPH graph:claims { ?c a coi:Claim ; coi:modality ?m . VALUES ?m { coi:Stated coi:Reported } }
         GRAPH ?c { ?s ?p ?o } }""",
    # per claim: the number of its triples (0 for none)
    """INSERT { GRAPH graph:derived { ?c coi:tripleCount ?n } } WHERE {
         { SELECT ?c (COUNT(?s) AS ?n) WHERE { GRAPH graph:claims { ?c a coi:Claim }
             OPTIONAL { GRAPH ?c { ?s ?p ?o } } } GROUP BY ?c } }""",
    # per claim: the data resources its content mentions as subject or object
    f"""INSERT {{ GRAPH graph:derived {{ ?c coi:mentions ?t }} }} WHERE {{
         GRAPH graph:claims {{ ?c a coi:Claim }}
         GRAPH ?c {{ {{ ?t ?p ?o }} UNION {{ ?s ?p ?t }} }}
         FILTER (isIRI(?t) && STRSTARTS(STR(?t), "{ID}")) }}""",
    # per event or quantity: one display label, the first of the labels its claims give
    """INSERT { GRAPH graph:derived { ?n skos:prefLabel ?label } } WHERE {
         { SELECT ?n (STRLANG(MIN(STR(?l)), "en") AS ?label) WHERE {
             GRAPH graph:claims { ?c a coi:Claim } GRAPH ?c { ?n rdfs:label ?l } } GROUP BY ?n } }""",
    # per entity: the Wikidata entity IRI of a well-formed QID
    """INSERT { GRAPH graph:derived { ?e coi:wikidataEntity ?item } } WHERE {
         GRAPH ?g { ?e coi:wikidata ?q } VALUES ?g { graph:registry graph:documents }
         FILTER (REGEX(STR(?q), "^Q[1-9][0-9]*$")) BIND (IRI(CONCAT(STR(wd:), STR(?q))) AS ?item) }""",
    # per place with coordinates: a GeoSPARQL geometry
    """INSERT { GRAPH graph:derived { ?place geo:hasGeometry ?geometry . ?geometry a geo:Geometry ;
                                      geo:asWKT ?wkt } } WHERE {
         GRAPH ?g { ?place coi:latitude ?lat ; coi:longitude ?lon } VALUES ?g { graph:registry graph:documents }
         FILTER (isIRI(?place))
         BIND (IRI(CONCAT(STR(?place), "/geometry")) AS ?geometry)
         BIND (STRDT(CONCAT("POINT(", STR(?lon), " ", STR(?lat), ")"), geo:wktLiteral) AS ?wkt) }""",
]

CLAIM_TIMES = """SELECT ?c ?p ?v WHERE { GRAPH graph:claims {
  ?c a coi:Claim ; ?p ?v . VALUES ?p { coi:pointInTime coi:startTime coi:endTime coi:asOf } } }"""

EVIDENCE = """SELECT ?c ?document ?number ?ordinal ?name ?published WHERE {
  GRAPH graph:claims { ?c a coi:Claim }
  OPTIONAL { GRAPH graph:claims { ?c coi:passage ?passage }
             GRAPH graph:documents { ?passage coi:inDocument ?document } }
  OPTIONAL { GRAPH graph:claims { ?c coi:footnote ?footnote }
             GRAPH graph:documents { ?footnote coi:footnoteNumber ?number .
               OPTIONAL { ?footnote coi:hasCitation ?citation . ?citation coi:publisherName ?name .
                          OPTIONAL { ?citation coi:ordinal ?ordinal }
                          OPTIONAL { ?citation coi:published ?published } } } }
}"""

DOCUMENT_SOURCES = """SELECT ?document ?name ?published WHERE {
  GRAPH graph:documents { ?document coi:publisher ?publisher OPTIONAL { ?document coi:published ?published } }
  OPTIONAL { GRAPH graph:registry { ?publisher skos:prefLabel ?registry_name } }
  OPTIONAL { GRAPH graph:documents { ?publisher skos:prefLabel ?document_name } }
  BIND (COALESCE(?registry_name, ?document_name) AS ?name)
}"""

PUBLISHED = "SELECT ?s ?v WHERE { GRAPH graph:documents { ?s coi:published ?v } }"

ATTRIBUTION = """SELECT ?document ?ordinal ?agent ?name WHERE { GRAPH graph:documents {
    ?document coi:attribution ?step . ?step coi:attributedAgent ?agent OPTIONAL { ?step coi:ordinal ?ordinal } }
  OPTIONAL { GRAPH graph:registry { ?agent skos:prefLabel ?registry_name } }
  OPTIONAL { GRAPH graph:documents { ?agent skos:prefLabel ?document_name } }
  BIND (COALESCE(?registry_name, ?document_name) AS ?name) }"""


def time_value(node: Node | None) -> TimeValue | None:
    """A well-typed date, year-month or year literal as a TimeValue; anything else None."""
    if not isinstance(node, Literal) or node.datatype not in _DATE_TYPES or node.ill_typed:
        return None
    try:
        return TimeValue.from_lexical(str(node))
    except ValueError:
        return None


def _rows(store: ox.Store, query: str) -> ox.QuerySolutions:
    solutions = store.query(query, prefixes=PREFIXES)
    assert isinstance(solutions, ox.QuerySolutions)
    return solutions


def _time(term: object) -> TimeValue | None:
    if not isinstance(term, ox.Literal):
        return None
    return time_value(to_rdflib(term, string_datatype=True))


def _int(term: object) -> int | None:
    if isinstance(term, ox.Literal) and term.datatype.value == XSD + "integer":
        try:
            return int(term.value)
        except ValueError:
            return None
    return None


def _date(value: object) -> ox.Literal:
    return ox.Literal(str(value), datatype=ox.NamedNode(XSD + "date"))


def _ranges(subject: ox.NamedNode | ox.BlankNode, starts: list[TimeValue], ends: list[TimeValue]) -> Iterator[ox.Quad]:
    if starts:
        yield ox.Quad(subject, iri(COI.dateFrom), _date(min(v.earliest() for v in starts)), DERIVED)
    if ends:
        yield ox.Quad(subject, iri(COI.dateTo), _date(max(v.latest() for v in ends)), DERIVED)


def _claim_times(store: ox.Store) -> Iterator[ox.Quad]:
    starts: dict[ox.NamedNode, list[TimeValue]] = defaultdict(list)
    ends: dict[ox.NamedNode, list[TimeValue]] = defaultdict(list)
    for row in _rows(store, CLAIM_TIMES):
        claim, prop, value = row["c"], row["p"].value, _time(row["v"])
        if value is None or not isinstance(claim, ox.NamedNode):
            continue
        if prop != str(COI.endTime):
            starts[claim].append(value)
        if prop != str(COI.startTime):
            ends[claim].append(value)
    for claim in sorted(set(starts) | set(ends), key=lambda c: c.value):
        yield from _ranges(claim, starts.get(claim, []), ends.get(claim, []))


def _evidence(store: ox.Store) -> Iterator[ox.Quad]:
    documents: dict[ox.NamedNode, ox.NamedNode] = {}
    numbers: dict[ox.NamedNode, set[int]] = defaultdict(set)
    cited: dict[ox.NamedNode, set[tuple[int, int, str]]] = defaultdict(set)
    for row in _rows(store, EVIDENCE):
        claim = row["c"]
        if not isinstance(claim, ox.NamedNode):
            continue
        if isinstance(row["document"], ox.NamedNode):
            documents[claim] = row["document"]
        number = _int(row["number"])
        if number is None:
            continue
        numbers[claim].add(number)
        name = row["name"]
        if isinstance(name, ox.Literal):
            date = _time(row["published"])
            cited[claim].add((number, _int(row["ordinal"]) or 0, f"{name.value}, {date.lexical if date else 'n.d.'}"))
    fallback = {
        d: f"{name}, {date.lexical if date else 'n.d.'}" for d, (name, date) in _document_publishers(store).items()
    }
    in_document, footnote_list, source_list = (iri(p) for p in (COI.inDocument, COI.footnoteList,
                                                                               COI.sourceList))  # fmt: skip
    for claim in sorted(set(documents) | set(numbers), key=lambda c: c.value):
        document = documents.get(claim)
        if document is not None:
            yield ox.Quad(claim, in_document, document, DERIVED)
        if numbers.get(claim):
            listed = ";".join(str(n) for n in sorted(numbers[claim]))
            yield ox.Quad(claim, footnote_list, ox.Literal(listed), DERIVED)
        sources: list[str] = []
        for _, _, item in sorted(cited.get(claim, ())):
            if item not in sources:
                sources.append(item)
        if not sources and document is not None and document in fallback:
            sources.append(fallback[document])
        if sources:
            yield ox.Quad(claim, source_list, ox.Literal("; ".join(sources)), DERIVED)


def _document_publishers(store: ox.Store) -> dict[ox.NamedNode, tuple[str, TimeValue | None]]:
    """Each document's publisher, by its label, and its publication date."""
    found: dict[ox.NamedNode, tuple[str, TimeValue | None]] = {}
    for row in _rows(store, DOCUMENT_SOURCES):
        document, name = row["document"], row["name"]
        if isinstance(document, ox.NamedNode) and isinstance(name, ox.Literal) and name.value:
            found.setdefault(document, (name.value, _time(row["published"])))
    return found


def _documents(store: ox.Store) -> Iterator[ox.Quad]:
    values: dict[ox.NamedNode | ox.BlankNode, list[TimeValue]] = defaultdict(list)
    for row in _rows(store, PUBLISHED):
        subject, value = row["s"], _time(row["v"])
        if value is not None and isinstance(subject, (ox.NamedNode, ox.BlankNode)):
            values[subject].append(value)
    for subject in sorted(values, key=str):
        yield from _ranges(subject, values[subject], values[subject])
    steps: dict[ox.NamedNode, list[tuple[int, str]]] = defaultdict(list)
    for row in _rows(store, ATTRIBUTION):
        document, agent, name = row["document"], row["agent"], row["name"]
        if isinstance(document, ox.NamedNode) and agent is not None:
            label = name.value if isinstance(name, ox.Literal) else str(getattr(agent, "value", agent))
            steps[document].append((_int(row["ordinal"]) or 0, label))
    publishers = _document_publishers(store)
    chain = iri(COI.attributionChain)
    for document in sorted(steps, key=lambda d: d.value):
        names = [name for _, name in sorted(steps[document])]
        publisher = publishers[document][0] if document in publishers else None
        if publisher and (not names or names[-1] != publisher):
            names.append(publisher)
        yield ox.Quad(document, chain, ox.Literal(" → ".join(names)), DERIVED)


def derive_store(store: ox.Store) -> None:
    """Write graph:plain and graph:derived into ``store`` from its asserted graphs."""
    for update in UPDATES:
        store.update(update, prefixes=PREFIXES)
    store.extend(list(_claim_times(store)))
    store.extend(list(_evidence(store)))
    store.extend(list(_documents(store)))
