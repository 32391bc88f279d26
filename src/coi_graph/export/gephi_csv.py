"""Gephi's spreadsheet import: nodes.csv (Id, Label, ...) and edges.csv (Source, Target, Type, Label,
Weight, Start, End, ...). List values are joined with '; '. Cells are neutralised as every CSV of the
project is (:mod:`coi_graph.export.safety`): none starts a spreadsheet formula; numbers are kept."""

from __future__ import annotations

import networkx as nx

from coi_graph.export.safety import csv_text
from coi_graph.network.projection import edge_items, node_items

NODE_FIRST = ["Id", "Label", "type", "kind", "category", "wikidata", "latitude", "longitude", "precision", "aliases"]
EDGE_FIRST = ["Source", "Target", "Type", "Id", "Label", "Weight", "Start", "End", "relation", "claims", "publishers"]
_SKIP = {"label", "spells", "viz", "weight", "first", "last", "iri"}


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _write(header: list[str], rows: list[dict[str, str]]) -> str:
    return csv_text(header, ([row.get(name, "") for name in header] for row in rows))


def to_gephi_csv(graph: nx.MultiDiGraph[str]) -> tuple[str, str]:
    """(nodes.csv, edges.csv)."""
    node_rows = []
    extra_nodes: set[str] = set()
    for node, data in node_items(graph):
        row = {"Id": node, "Label": _cell(data.get("label", node))}
        for key, value in data.items():
            if key not in _SKIP:
                row[key] = _cell(value)
                extra_nodes.add(key)
        node_rows.append(row)
    node_header = NODE_FIRST + sorted(extra_nodes - set(NODE_FIRST))
    edge_rows = []
    extra_edges: set[str] = set()
    for index, (source, target, key, data) in enumerate(edge_items(graph)):
        row = {
            "Source": source,
            "Target": target,
            "Type": "Directed",
            "Id": f"e{index}",
            "Label": _cell(data.get("label", key)),
            "Weight": _cell(data.get("weight", 1.0)),
            "Start": _cell(data.get("first")),
            "End": _cell(data.get("last")),
        }
        for name, value in data.items():
            if name not in _SKIP:
                row[name] = _cell(value)
                extra_edges.add(name)
        edge_rows.append(row)
    edge_header = EDGE_FIRST + sorted(extra_edges - set(EDGE_FIRST))
    return _write(node_header, node_rows), _write(edge_header, edge_rows)
