"""One row per citation: where it is (document, footnote, position) and what it cites."""

from __future__ import annotations

from coi_graph.export.tabular import Row
from coi_graph.store import AnyStore, select

COLUMNS = ("document", "footnote", "position", "publisher", "title", "date", "url", "pages", "work")

QUERY = """
SELECT ?document ?footnote ?position ?publisher ?title ?date ?url ?pages ?work WHERE {
  GRAPH graph:documents {
    ?fn a coi:Footnote ; coi:inDocument ?document ; coi:footnoteNumber ?footnote ; coi:hasCitation ?citation .
    ?citation coi:ordinal ?position ; coi:publisherName ?publisher ; coi:title ?title ; coi:citedWork ?work .
    OPTIONAL { ?citation coi:published ?date }
    OPTIONAL { ?citation coi:url ?url }
    OPTIONAL { ?citation coi:pages ?pages }
  }
}
ORDER BY ?document ?footnote ?position
"""


def citation_rows(store: AnyStore) -> list[Row]:
    rows: list[Row] = []
    for solution in select(store, QUERY):
        row: Row = {}
        for column in COLUMNS:
            value = solution[column]
            if value is None:
                row[column] = None
            elif column in ("footnote", "position"):
                row[column] = int(value.text)
            else:
                row[column] = value.text
        rows.append(row)
    return rows
