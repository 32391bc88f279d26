"""One row per asserted triple of every claim, with the claim's evidence alongside.

``object`` is empty when the object is a literal, which then goes in ``value``.
``footnotes`` is a ';'-separated list of footnote numbers; ``sources`` lists the cited
works as 'publisher, date' items separated by ';', in footnote and citation order. A claim
without footnotes rests on its document, whose publisher and date are its source. Both come
from the build's derived layer (``coi:footnoteList``, ``coi:sourceList``).
"""

from __future__ import annotations

from coi_graph.export.tabular import Row
from coi_graph.store import AnyStore, Value, select

COLUMNS = (
    "claim", "document", "footnotes",
    "subject", "subject_label", "subject_wikidata",
    "predicate", "predicate_label",
    "object", "object_label", "object_wikidata", "value",
    "start", "end", "point_in_time", "as_of", "modality", "quote", "sources",
)  # fmt: skip

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

_FIXED_PREDICATE_LABELS = {
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#type": "type",
    "http://www.w3.org/2000/01/rdf-schema#label": "label",
}


def _text(value: Value | None) -> str | None:
    return value.text if value is not None else None


def claim_rows(store: AnyStore) -> list[Row]:
    labels = {r["x"].text: r["label"].text for r in select(store, LABELS) if r["x"] and r["label"]}
    wikidata = {r["x"].text: r["qid"].text for r in select(store, WIKIDATA) if r["x"] and r["qid"]}
    rows: list[Row] = []
    for r in select(store, TRIPLES):
        s, p, o = r["s"], r["p"], r["o"]
        assert s is not None and p is not None and o is not None
        rows.append(
            {
                "claim": _text(r["claim"]),
                "document": _text(r["document"]),
                "footnotes": _text(r["footnotes"]) or "",
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
                "sources": _text(r["sources"]) or "",
            }
        )
    return rows
