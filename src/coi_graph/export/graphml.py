"""GraphML with typed keys (networkx's writer). Lists and spells, which GraphML has no type for,
are written as JSON arrays in string keys. Text is made safe for XML as in GEXF
(:mod:`coi_graph.export.safety`): control characters XML cannot hold become U+FFFD, DEL and C1
controls character references."""

from __future__ import annotations

import io
import json

import networkx as nx

from coi_graph.export.safety import xml_chars, xml_document
from coi_graph.network.projection import edge_items, node_items


def _xml(value: object) -> object:
    return xml_chars(value) if isinstance(value, str) else value


def _plain(data: dict[str, object]) -> dict[str, object]:
    out: dict[str, object] = {}
    for key, value in data.items():
        if value is None:
            continue
        text = json.dumps(value, ensure_ascii=False) if isinstance(value, (list, tuple, dict)) else value
        out[xml_chars(key)] = _xml(text)
    return out


def to_graphml(graph: nx.MultiDiGraph[str]) -> str:
    copy: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for node, data in node_items(graph):
        copy.add_node(xml_chars(node), **_plain(data))
    for source, target, key, data in edge_items(graph):
        copy.add_edge(xml_chars(source), xml_chars(target), key=xml_chars(key), **_plain(data))
    buffer = io.BytesIO()
    nx.write_graphml(copy, buffer, encoding="utf-8", named_key_ids=True, edge_id_from_attribute=None)
    return xml_document(buffer.getvalue().decode("utf-8"))
