"""QuickStatements (V1) for the relations of the graph that Wikidata lacks, for review.

Only entities with a confirmed Wikidata link take part. A relation is written when both ends are
linked, Wikidata has a property for it (member of P463, part of P361, located in P131), a stated or
reported claim asserts it with a footnote whose citation has a URL, and the enrichment cache shows
that the item does not have it yet. Each statement carries its references: the source URL (S854)
and the day the analyst retrieved it (S813). Nothing is posted: the file is for a person to check
and paste into QuickStatements.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from coi_graph.link.types import REFERENCE_URL_PID, RETRIEVED_PID, WIKIDATA_PROPERTIES
from coi_graph.store import AnyStore, select

# which enrichment-cache field holds each property's values
CACHE_FIELDS = {"P131": "located_in", "P361": "part_of", "P463": "member_of"}

QUERY = """
SELECT DISTINCT ?subject_qid ?p ?object_qid ?url ?claim WHERE {
  GRAPH graph:claims { ?claim coi:modality ?modality ; coi:footnote ?footnote . }
  GRAPH ?claim { ?s ?p ?o }
  GRAPH graph:documents { ?footnote coi:hasCitation ?citation . ?citation coi:url ?url . }
  GRAPH graph:registry { ?s coi:wikidata ?subject_qid . ?o coi:wikidata ?object_qid . }
  VALUES ?modality { coi:Stated coi:Reported }
  #@relations
}
ORDER BY ?subject_qid ?p ?object_qid ?url
"""


@dataclass
class Result:
    lines: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def quickstatements(store: AnyStore, enrichment: dict[str, Any], *, retrieved: date) -> Result:
    relations = " ".join(f"<{p}>" for p in WIKIDATA_PROPERTIES)
    query = QUERY.replace("#@relations", f"VALUES ?p {{ {relations} }}")
    cache = {record.get("qid"): record for record in (enrichment.get("entities") or {}).values()
             if isinstance(record, dict)}  # fmt: skip
    result = Result()
    seen: set[tuple[str, str, str]] = set()
    stamp = f"+{retrieved.isoformat()}T00:00:00Z/11"
    for row in select(store, query):
        if not (row["subject_qid"] and row["p"] and row["object_qid"] and row["url"]):
            continue
        subject, obj, url = row["subject_qid"].text, row["object_qid"].text, row["url"].text
        pid = WIKIDATA_PROPERTIES[ox_to_uri(row["p"].text)]
        if (subject, pid, obj) in seen:
            continue
        record = cache.get(subject)
        if record is None:
            result.notes.append(f"{subject} {pid} {obj}: {subject} is not in the enrichment cache, so what "
                                "Wikidata has is unknown; run coi-graph enrich")  # fmt: skip
            seen.add((subject, pid, obj))
            continue
        present = {v.get("value") for v in record.get(CACHE_FIELDS[pid], []) if isinstance(v, dict)}
        seen.add((subject, pid, obj))
        if obj in present:
            continue
        quoted = '"' + url.replace('"', "%22") + '"'
        result.lines.append("\t".join([subject, pid, obj, f"S{REFERENCE_URL_PID[1:]}", quoted,
                                       f"S{RETRIEVED_PID[1:]}", stamp]))  # fmt: skip
    return result


def ox_to_uri(text: str) -> Any:
    from rdflib import URIRef

    return URIRef(text)
