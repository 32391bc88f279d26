"""GEXF 1.3 for Gephi, valid against the official RELAX NG schema.

networkx's own writer is not used: its 1.3 output does not validate, it crashes on list values and
drops ``pid``. Here:

- attributes are typed from their values (integer, double, boolean, string); lists are
  ``liststring``, the list type both Gephi and networkx's reader know, written as JSON arrays
  (``[537, 541]``, ``["a", "b"]``) so that items with commas survive;
- ``label`` becomes the node's or edge's label, ``weight`` the edge weight, ``spells`` the time
  spells; every other key, including ``start``, ``end``, ``pid`` and ``id``, is an attribute of
  the same title, so nothing is lost;
- attribute ids are numbers (``0``, ``1``, …, the nodes' attributes first, then the edges'), each
  declared with its ``title``: graphology-gexf, the reader of sigma.js and Gephi Lite, names an
  attribute by its title only when its id is a number, and by its id otherwise;
- networkx's multigraph key is not written: it is an internal of the projection, and the edge's
  ``relation`` and ``modality`` say what it encodes;
- control characters are made safe for XML (:func:`~coi_graph.export.safety.xml_document`): those
  XML 1.0 cannot hold become U+FFFD, DEL and the C1 controls are written as character references;
- ``viz``: colour by entity category, size by a chosen measure, and position from coordinates when
  ``geo`` is set;
- the graph is dynamic (``timeformat="date"``) so that Gephi's timeline plays the claims' dates.

Output is deterministic: nodes, edges and attributes in sorted order, no timestamp.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from xml.etree import ElementTree as ET

import networkx as nx

from coi_graph.export.safety import xml_document
from coi_graph.network.projection import edge_items, node_items
from coi_graph.network.style import colour, rgb

NS = "http://gexf.net/1.3"
VIZ = "http://gexf.net/1.3/viz"
_NODE_RESERVED = {"label", "spells", "viz"}
_EDGE_RESERVED = {"label", "spells", "viz", "weight"}
MIN_SIZE, MAX_SIZE = 4.0, 40.0
GEO_SCALE = 100.0  # one degree of longitude or latitude as 100 Gephi units


def _value_type(values: Iterable[object]) -> str:
    kinds = set()
    for value in values:
        if isinstance(value, bool):
            kinds.add("boolean")
        elif isinstance(value, int):
            kinds.add("integer")
        elif isinstance(value, float):
            kinds.add("double")
        elif isinstance(value, (list, tuple)):
            kinds.add("liststring")  # the list type that Gephi and networkx's reader both know
        else:
            kinds.add("string")
    if kinds == {"integer", "double"}:
        return "double"
    return kinds.pop() if len(kinds) == 1 else "string"


def _format(value: object, attr_type: str) -> str:
    if attr_type == "boolean":
        return "true" if value else "false"
    if attr_type == "liststring":
        items = list(value) if isinstance(value, (list, tuple)) else [value]
        return json.dumps(items, ensure_ascii=False)
    if attr_type == "double":
        return repr(float(value))  # type: ignore[arg-type]
    return str(value)


def _token(text: object) -> str:
    return " ".join(str(text).split())


def _declare(
    parent: ET.Element, cls: str, items: list[dict[str, object]], reserved: set[str], first_id: int = 0
) -> dict[str, tuple[str, str]]:
    """Declare the attributes of nodes or edges, numbered from ``first_id``; returns title -> (id, type)."""
    columns: dict[str, list[object]] = {}
    for data in items:
        for key, value in data.items():
            if key not in reserved and value is not None:
                columns.setdefault(key, []).append(value)
    declared: dict[str, tuple[str, str]] = {}
    if not columns:
        return declared
    element = ET.SubElement(parent, f"{{{NS}}}attributes", {"class": cls, "mode": "static"})
    for index, title in enumerate(sorted(columns)):
        attr_type = _value_type(columns[title])
        attr_id = str(first_id + index)
        ET.SubElement(element, f"{{{NS}}}attribute", {"id": attr_id, "title": title, "type": attr_type})
        declared[title] = (attr_id, attr_type)
    return declared


def _attvalues(parent: ET.Element, data: dict[str, object], declared: dict[str, tuple[str, str]]) -> None:
    present = [(k, v) for k, v in sorted(data.items()) if k in declared and v is not None]
    if not present:
        return
    values = ET.SubElement(parent, f"{{{NS}}}attvalues")
    for key, value in present:
        attr_id, attr_type = declared[key]
        ET.SubElement(values, f"{{{NS}}}attvalue", {"for": attr_id, "value": _format(value, attr_type)})


def _spells(parent: ET.Element, spells: object) -> None:
    if not isinstance(spells, (list, tuple)) or not spells:
        return
    element = ET.SubElement(parent, f"{{{NS}}}spells")
    for start, end in sorted(spells):
        attrs = {}
        if start:
            attrs["start"] = str(start)
        if end:
            attrs["end"] = str(end)
        ET.SubElement(element, f"{{{NS}}}spell", attrs)


def _sizes(graph: nx.MultiDiGraph[str], size_by: str | None) -> dict[str, float]:
    if not size_by:
        return {}
    values = {n: float(d[size_by]) for n, d in node_items(graph) if isinstance(d.get(size_by), (int, float))}  # type: ignore[arg-type]
    if not values:
        return {}
    low, high = min(values.values()), max(values.values())
    span = high - low
    return {n: MIN_SIZE + (MAX_SIZE - MIN_SIZE) * ((v - low) / span if span else 0.5) for n, v in values.items()}


def to_gexf(
    graph: nx.MultiDiGraph[str], *, size_by: str | None = None, geo: bool = False, description: str = ""
) -> str:
    ET.register_namespace("", NS)
    ET.register_namespace("viz", VIZ)
    root = ET.Element(f"{{{NS}}}gexf", {"version": "1.3"})
    meta = ET.SubElement(root, f"{{{NS}}}meta")
    ET.SubElement(meta, f"{{{NS}}}creator").text = "coi-graph"
    if description:
        ET.SubElement(meta, f"{{{NS}}}description").text = description
    graph_element = ET.SubElement(
        root, f"{{{NS}}}graph", {"defaultedgetype": "directed", "mode": "dynamic", "timeformat": "date"}
    )
    nodes = node_items(graph)
    edges = edge_items(graph)
    node_attrs = _declare(graph_element, "node", [d for _, d in nodes], _NODE_RESERVED)
    # one numbering for both classes, as networkx's writer does: an id names one attribute in the file
    edge_attrs = _declare(graph_element, "edge", [d for _, _, _, d in edges], _EDGE_RESERVED, len(node_attrs))
    sizes = _sizes(graph, size_by)

    nodes_element = ET.SubElement(graph_element, f"{{{NS}}}nodes", {"count": str(len(nodes))})
    for node, data in nodes:
        element = ET.SubElement(nodes_element, f"{{{NS}}}node", {"id": node, "label": _token(data.get("label", node))})
        _attvalues(element, data, node_attrs)
        _spells(element, data.get("spells"))
        red, green, blue = rgb(colour(str(data.get("type", "")), str(data.get("kind", ""))))
        ET.SubElement(element, f"{{{VIZ}}}color", {"r": str(red), "g": str(green), "b": str(blue)})
        if node in sizes:
            ET.SubElement(element, f"{{{VIZ}}}size", {"value": f"{sizes[node]:.2f}"})
        lat, lon = data.get("latitude"), data.get("longitude")
        if geo and isinstance(lat, (int, float)) and isinstance(lon, (int, float)):
            x, y = float(lon) * GEO_SCALE, float(lat) * GEO_SCALE
            ET.SubElement(element, f"{{{VIZ}}}position", {"x": f"{x:.4f}", "y": f"{y:.4f}"})

    edges_element = ET.SubElement(graph_element, f"{{{NS}}}edges", {"count": str(len(edges))})
    for index, (source, target, key, data) in enumerate(edges):
        weight = data.get("weight", 1.0)
        attrs = {"id": f"e{index}", "source": source, "target": target, "label": _token(data.get("label", key))}
        if isinstance(weight, (int, float)) and math.isfinite(weight):
            attrs["weight"] = repr(float(weight))
        element = ET.SubElement(edges_element, f"{{{NS}}}edge", attrs)
        _attvalues(element, data, edge_attrs)
        _spells(element, data.get("spells"))
    ET.indent(root, space="  ")
    return xml_document('<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n")
