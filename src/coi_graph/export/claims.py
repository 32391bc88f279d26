"""One row per asserted triple of every claim, with the claim's evidence alongside.

``object`` is empty when the object is a literal, which then goes in ``value``.
``footnotes`` is a ';'-separated list of footnote numbers; ``sources`` lists the cited
works as 'publisher, date' items separated by ';', in footnote and citation order. A claim
without footnotes rests on its document, whose publisher and date are its source.
"""

from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox

from coi_graph.export.tabular import Row
from coi_graph.store import Value, select

COLUMNS = (
    "claim", "document", "footnotes",
    "subject", "subject_label", "subject_wikidata",
    "predicate", "predicate_label",
    "object", "object_label", "object_wikidata", "value",
    "start", "end", "point_in_time", "as_of", "modality", "quote", "sources",
)  # fmt: skip

TRIPLES = """
SELECT ?claim ?document ?s ?p ?o ?start ?end ?pit ?asof ?modality ?quote WHERE {
  GRAPH graph:claims {
    ?claim a coi:Claim ; coi:quote ?quote ; coi:passage ?passage ; coi:modality ?m .
    OPTIONAL { ?claim coi:startTime ?start }
    OPTIONAL { ?claim coi:endTime ?end }
    OPTIONAL { ?claim coi:pointInTime ?pit }
    OPTIONAL { ?claim coi:asOf ?asof }
  }
  GRAPH graph:ontology { ?m skos:prefLabel ?modality }
  GRAPH graph:documents { ?passage coi:inDocument ?document }
  GRAPH ?claim { ?s ?p ?o }
}
"""

LABELS = """
SELECT ?x ?label WHERE {
  { GRAPH graph:registry { ?x skos:prefLabel ?label } }
  UNION { GRAPH graph:documents { ?x skos:prefLabel ?label } }
  UNION { GRAPH graph:ontology { ?x rdfs:label ?label } }
  UNION { GRAPH graph:plain { ?x rdfs:label ?label } }
  UNION { GRAPH ?g { ?x rdfs:label ?label } GRAPH graph:claims { ?g a coi:Claim } }
}
"""

WIKIDATA = "SELECT ?x ?qid WHERE { GRAPH graph:registry { ?x coi:wikidata ?qid } }"

FOOTNOTES = """
SELECT ?claim ?number ?position ?publisher ?date WHERE {
  GRAPH graph:claims { ?claim coi:footnote ?fn }
  GRAPH graph:documents {
    ?fn coi:footnoteNumber ?number ; coi:hasCitation ?citation .
    ?citation coi:ordinal ?position ; coi:publisherName ?publisher .
    OPTIONAL { ?citation coi:published ?date }
  }
}
"""

DOCUMENT_SOURCES = """
SELECT ?document ?publisher ?date WHERE {
  GRAPH graph:documents { ?document coi:publisher ?p . OPTIONAL { ?document coi:published ?date } }
  { GRAPH graph:registry { ?p skos:prefLabel ?publisher } }
  UNION { GRAPH graph:documents { ?p skos:prefLabel ?publisher } }
}
"""

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_FIXED_PREDICATE_LABELS = {_RDF_TYPE: "type", _RDFS_LABEL: "label"}


def _text(value: Value | None) -> str | None:
    return value.text if value is not None else None


def claim_rows(store: ox.Store) -> list[Row]:
    labels: dict[str, str] = {}
    for row in select(store, LABELS):
        x, label = row["x"], row["label"]
        if x is not None and label is not None and (x.text not in labels or label.language in (None, "en")):
            labels.setdefault(x.text, label.text)
    wikidata = {r["x"].text: r["qid"].text for r in select(store, WIKIDATA) if r["x"] and r["qid"]}

    cited: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for r in select(store, FOOTNOTES):
        assert r["claim"] and r["number"] and r["position"] and r["publisher"]
        date = r["date"].text if r["date"] else "n.d."
        cited[r["claim"].text].append(
            (int(r["number"].text), int(r["position"].text), f"{r['publisher'].text}, {date}")
        )
    document_source = {
        r["document"].text: f"{r['publisher'].text}, {r['date'].text if r['date'] else 'n.d.'}"
        for r in select(store, DOCUMENT_SOURCES)
        if r["document"] and r["publisher"]
    }

    rows: list[Row] = []
    for r in select(store, TRIPLES):
        claim, document, s, p, o = (r[k] for k in ("claim", "document", "s", "p", "o"))
        assert claim and document and s and p and o
        entries = sorted(set(cited.get(claim.text, [])))
        footnotes = sorted({number for number, _, _ in entries})
        sources: list[str] = []
        for _, _, item in entries:
            if item not in sources:
                sources.append(item)
        if not entries and document.text in document_source:
            sources.append(document_source[document.text])
        rows.append(
            {
                "claim": claim.text,
                "document": document.text,
                "footnotes": ";".join(str(n) for n in footnotes),
                "subject": s.text,
                "subject_label": labels.get(s.text),
                "subject_wikidata": wikidata.get(s.text),
                "predicate": p.text,
                "predicate_label": _FIXED_PREDICATE_LABELS.get(p.text) or labels.get(p.text),
                "object": o.text if o.is_iri else None,
                "object_label": labels.get(o.text) if o.is_iri else None,
                "object_wikidata": wikidata.get(o.text) if o.is_iri else None,
                "value": None if o.is_iri else o.text,
                "start": _text(r["start"]),
                "end": _text(r["end"]),
                "point_in_time": _text(r["pit"]),
                "as_of": _text(r["asof"]),
                "modality": _text(r["modality"]),
                "quote": _text(r["quote"]),
                "sources": "; ".join(sources),
            }
        )
    rows.sort(
        key=lambda row: (
            str(row["claim"]),
            str(row["subject"]),
            str(row["predicate"]),
            str(row["object"] or row["value"]),
        )
    )
    return rows
