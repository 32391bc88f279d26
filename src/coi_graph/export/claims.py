"""One row per asserted triple of every claim, with the claim's evidence alongside.

``object`` is the object's IRI (``_:label`` for a blank node) and is empty when the object is a literal,
which then goes in ``value``. ``footnotes`` is a ';'-separated list of footnote numbers; ``sources`` lists
the cited works as 'publisher, date' items separated by ';', in footnote and citation order. A claim
without footnotes rests on its document, whose publisher and date are its source. Both come from the
build's derived layer (``coi:footnoteList``, ``coi:sourceList``).

With ``lossless=True`` (``coi-graph export claims --lossless``) the rows carry :data:`EXTRA_COLUMNS` too,
so that :mod:`coi_graph.export.claims_import` gives back every claim of a valid build exactly: its named
graph, with literals' datatypes and languages, and everything ``graph:claims`` says about it.
"""

from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox

from coi_graph.export.tabular import Row
from coi_graph.store import AnyStore, Value, select
from coi_graph.vocab import COI

COLUMNS = (
    "claim", "document", "footnotes",
    "subject", "subject_label", "subject_wikidata",
    "predicate", "predicate_label",
    "object", "object_label", "object_wikidata", "value",
    "start", "end", "point_in_time", "as_of", "modality", "quote", "sources",
)  # fmt: skip

# Appended, so that the plain columns keep their names and places. Lists of IRIs are separated by spaces
# (an IRI has none), lists of labels by ';'.
EXTRA_COLUMNS = (
    "value_datatype",  # the literal's datatype IRI (rdf:langString with a language)
    "value_language",  # the literal's language tag
    "passage",  # coi:passage, an IRI
    "footnote_iris",  # coi:footnote, IRIs
    "time_expression",  # coi:timeExpression, a string
    "time_approximate",  # coi:timeApproximate, true or false
    "according_to",  # coi:accordingTo, IRIs
    "tenure",  # coi:tenure, labels of coi:TenureStatus concepts
    "reviewed_by",  # coi:reviewedBy, a string
    "reviewed_on",  # coi:reviewedOn, an xsd:date
    "other_triples",  # any other triple about the claim in graph:claims, as N-Triples lines
)
LOSSLESS_COLUMNS = COLUMNS + EXTRA_COLUMNS

TRIPLES = """
SELECT ?claim ?document ?footnotes ?s ?p ?o ?start ?end ?pit ?asof ?modality ?quote ?sources WHERE {
  GRAPH graph:claims {
    ?claim a coi:Claim ; coi:quote ?quote ; coi:modality ?m .
    OPTIONAL { ?claim coi:startTime ?start }
    OPTIONAL { ?claim coi:endTime ?end }
    OPTIONAL { ?claim coi:pointInTime ?pit }
    OPTIONAL { ?claim coi:asOf ?asof }
  }
  GRAPH graph:derived {
    ?claim coi:inDocument ?document .
    OPTIONAL { ?claim coi:footnoteList ?footnotes }
    OPTIONAL { ?claim coi:sourceList ?sources }
  }
  GRAPH graph:ontology { ?m skos:prefLabel ?modality }
  GRAPH ?claim { ?s ?p ?o }
}
ORDER BY ?claim ?s ?p ?o
"""

LABELS = """
SELECT ?x ?label WHERE {
  { GRAPH graph:registry { ?x skos:prefLabel ?label } }
  UNION { GRAPH graph:documents { ?x skos:prefLabel ?label } }
  UNION { GRAPH graph:derived { ?x skos:prefLabel ?label } }
  UNION { GRAPH graph:ontology { ?x rdfs:label ?label } }
}
"""

WIKIDATA = "SELECT ?x ?qid WHERE { GRAPH graph:registry { ?x coi:wikidata ?qid } }"

DESCRIPTIONS = "SELECT ?claim ?p ?o WHERE { GRAPH graph:claims { ?claim a coi:Claim ; ?p ?o } }"

TENURES = "SELECT ?x ?label WHERE { GRAPH graph:ontology { ?x a coi:TenureStatus ; skos:prefLabel ?label } }"

_FIXED_PREDICATE_LABELS = {
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#type": "type",
    "http://www.w3.org/2000/01/rdf-schema#label": "label",
}

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
# what the plain columns carry of a claim's description (the importer rebuilds these triples from them)
_IN_PLAIN_COLUMNS = {str(p) for p in (COI.quote, COI.modality, COI.startTime, COI.endTime, COI.pointInTime, COI.asOf)}
# single literal values: the column, and the datatype it is read back with
_LITERAL_COLUMNS = {
    str(COI.timeExpression): ("time_expression", XSD + "string"),
    str(COI.timeApproximate): ("time_approximate", XSD + "boolean"),
    str(COI.reviewedBy): ("reviewed_by", XSD + "string"),
    str(COI.reviewedOn): ("reviewed_on", XSD + "date"),
}
_IRI_LIST_COLUMNS = {str(COI.footnote): "footnote_iris", str(COI.accordingTo): "according_to"}


def _text(value: Value | None) -> str | None:
    return value.text if value is not None else None


def is_node(value: Value) -> bool:
    """An IRI or a blank node (a literal always has a datatype)."""
    return value.is_iri or value.datatype is None


def to_term(value: Value) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if value.is_iri:
        return ox.NamedNode(value.text)
    if value.datatype is None:
        return ox.BlankNode(value.text.removeprefix("_:"))
    if value.language:
        return ox.Literal(value.text, language=value.language)
    return ox.Literal(value.text, datatype=ox.NamedNode(value.datatype))


def claim_rows(store: AnyStore, *, lossless: bool = False) -> list[Row]:
    labels = {r["x"].text: r["label"].text for r in select(store, LABELS) if r["x"] and r["label"]}
    wikidata = {r["x"].text: r["qid"].text for r in select(store, WIKIDATA) if r["x"] and r["qid"]}
    descriptions = _descriptions(store) if lossless else {}
    rows: list[Row] = []
    for r in select(store, TRIPLES):
        s, p, o = r["s"], r["p"], r["o"]
        assert s is not None and p is not None and o is not None
        node = is_node(o)
        row: Row = {
            "claim": _text(r["claim"]),
            "document": _text(r["document"]),
            "footnotes": _text(r["footnotes"]) or "",
            "subject": s.text,
            "subject_label": labels.get(s.text),
            "subject_wikidata": wikidata.get(s.text),
            "predicate": p.text,
            "predicate_label": _FIXED_PREDICATE_LABELS.get(p.text) or labels.get(p.text),
            "object": o.text if node else None,
            "object_label": labels.get(o.text) if o.is_iri else None,
            "object_wikidata": wikidata.get(o.text) if o.is_iri else None,
            "value": None if node else o.text,
            "start": _text(r["start"]),
            "end": _text(r["end"]),
            "point_in_time": _text(r["pit"]),
            "as_of": _text(r["asof"]),
            "modality": _text(r["modality"]),
            "quote": _text(r["quote"]),
            "sources": _text(r["sources"]) or "",
        }
        if lossless:
            row["value_datatype"] = None if node else o.datatype
            row["value_language"] = None if node else o.language
            row.update(descriptions.get(str(row["claim"]), {}))
        rows.append(row)
    return rows


def _descriptions(store: AnyStore) -> dict[str, dict[str, str | None]]:
    """Per claim, the extra columns: what graph:claims says about it beyond the plain columns."""
    tenures = {r["x"].text: r["label"].text for r in select(store, TENURES) if r["x"] and r["label"]}
    singles: dict[str, dict[str, str]] = defaultdict(dict)
    lists: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    other: dict[str, list[str]] = defaultdict(list)
    for r in select(store, DESCRIPTIONS):
        claim, p, o = r["claim"], r["p"], r["o"]
        assert claim is not None and p is not None and o is not None
        c, prop = claim.text, p.text
        if prop in _IN_PLAIN_COLUMNS or (prop == RDF_TYPE and o.text == str(COI.Claim) and o.is_iri):
            continue
        literal = _LITERAL_COLUMNS.get(prop)
        if prop == str(COI.passage) and o.is_iri and "passage" not in singles[c]:
            singles[c]["passage"] = o.text
        elif literal and o.datatype == literal[1] and literal[0] not in singles[c]:
            singles[c][literal[0]] = o.text
        elif prop in _IRI_LIST_COLUMNS and o.is_iri:
            lists[c][_IRI_LIST_COLUMNS[prop]].append(o.text)
        elif prop == str(COI.tenure) and o.is_iri and o.text in tenures:
            lists[c]["tenure"].append(tenures[o.text])
        else:
            other[c].append(f"{ox.Triple(ox.NamedNode(c), ox.NamedNode(prop), to_term(o))} .")
    columns: dict[str, dict[str, str | None]] = {}
    for c in set(singles) | set(lists) | set(other):
        found: dict[str, str | None] = dict(singles.get(c, {}))
        for name, items in lists.get(c, {}).items():
            found[name] = (";" if name == "tenure" else " ").join(sorted(items))
        found["other_triples"] = "\n".join(sorted(other[c])) if other.get(c) else None
        columns[c] = found
    return columns
