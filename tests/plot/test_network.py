"""coi_graph.plot.network: the network as a picture, nodes coloured by category and labelled (long labels cut),
a legend of the categories drawn, a title; positions from longitude and latitude with ``geo``, else a seeded,
deterministic layout."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import networkx as nx
import pytest

from coi_graph.errors import CoiGraphError
from coi_graph.plot.network import layout, plot_network


@pytest.fixture
def graph() -> nx.MultiDiGraph[str]:
    g: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    g.add_node("ent:a", label="Syria", category="state", longitude=38.0, latitude=35.0)
    g.add_node("ent:b", label="Raqqa Governorate of the Syrian Arab Republic", category="place", longitude=39.0,
               latitude=35.9)  # fmt: skip
    g.add_node("ent:c", label="US$5m & <b>", category="mystery")  # a category without a colour
    g.add_edge("ent:a", "ent:b", weight=2)
    g.add_edge("ent:c", "ent:a", weight=1)
    return g


def texts(svg: str) -> list[str]:
    """The text elements of an SVG (matplotlib keeps text as text), in drawing order."""
    return [unescape(t) for t in re.findall(r"<text\b[^>]*>([^<]*)</text>", svg)]


def test_geo_layout_puts_located_nodes_at_their_coordinates(graph: nx.MultiDiGraph[str]) -> None:
    positions = layout(graph, geo=True)
    assert positions["ent:a"] == (38.0, 35.0) and positions["ent:b"] == (39.0, 35.9)
    assert set(positions) == {"ent:a", "ent:b", "ent:c"}  # the node without coordinates is placed too
    assert positions["ent:c"] not in (positions["ent:a"], positions["ent:b"])


def test_the_default_layout_is_seeded_and_ignores_coordinates(graph: nx.MultiDiGraph[str]) -> None:
    first, second = layout(graph), layout(graph)
    assert first == second
    assert first["ent:a"] != (38.0, 35.0)
    assert all(-1.0 <= c <= 1.0 for point in first.values() for c in point)  # Kamada-Kawai, scaled to 1
    assert layout(nx.MultiDiGraph()) == {}


def test_the_svg_draws_labels_title_and_legend(graph: nx.MultiDiGraph[str], tmp_path: Path) -> None:
    out = tmp_path / "network.svg"
    plot_network(graph, out)
    svg = out.read_text(encoding="utf-8")
    # labels by node id (long ones cut at 26 characters), the default title, the legend of the categories drawn
    assert texts(svg) == ["Syria", "Raqqa Governorate of the …", "US$5m & <b>", "3 entities, 2 relations", "type",
                          "place", "state"]  # fmt: skip
    fills = set(re.findall(r"fill: (#[0-9a-f]{6})", svg))
    assert {"#0072b2", "#f0e442", "#bbbbbb"} <= fills  # state, place, and grey for the unknown category


def test_a_title_is_used_and_png_is_written(graph: nx.MultiDiGraph[str], tmp_path: Path) -> None:
    svg, png = tmp_path / "n.svg", tmp_path / "n.png"
    plot_network(graph, svg, title="Actors of northeast Syria", geo=True)
    plot_network(graph, png)
    assert "Actors of northeast Syria" in texts(svg.read_text(encoding="utf-8"))
    data = png.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 10_000


def test_the_same_graph_gives_the_same_svg_and_other_formats_are_refused(graph: nx.MultiDiGraph[str],
                                                                        tmp_path: Path) -> None:  # fmt: skip
    plot_network(graph, tmp_path / "a.svg")
    plot_network(graph, tmp_path / "b.svg")
    assert (tmp_path / "a.svg").read_bytes() == (tmp_path / "b.svg").read_bytes()
    with pytest.raises(CoiGraphError, match=r"cannot write a picture as \.jpg"):
        plot_network(graph, tmp_path / "n.jpg")
    assert not (tmp_path / "n.jpg").exists()
