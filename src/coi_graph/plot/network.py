"""The network as a figure: nodes coloured by category, sized by weighted degree, labelled."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
from matplotlib.lines import Line2D

from coi_graph.network.projection import node_items
from coi_graph.network.style import CATEGORY_COLOURS
from coi_graph.plot.figure import new_figure, save

SEED = 42


def layout(graph: nx.MultiDiGraph[str], geo: bool = False) -> dict[str, tuple[float, float]]:
    """Positions: longitude and latitude where known and ``geo`` is set, a seeded spring layout otherwise."""
    simple = nx.Graph(graph.to_undirected())
    fixed = {}
    if geo:
        fixed = {
            n: (float(d["longitude"]), float(d["latitude"]))  # type: ignore[arg-type]
            for n, d in node_items(graph)
            if "longitude" in d and "latitude" in d
        }
    if len(simple) == 0:
        return {}
    if fixed:
        positions = nx.spring_layout(simple, seed=SEED, pos=fixed, fixed=list(fixed), iterations=200)
    else:
        # Kamada-Kawai spaces nodes by path length: deterministic, and readable at COI sizes
        start = nx.spring_layout(simple, seed=SEED)
        positions = nx.kamada_kawai_layout(simple, pos=start)
    return {n: (float(p[0]), float(p[1])) for n, p in positions.items()}


def plot_network(graph: nx.MultiDiGraph[str], path: Path, *, title: str = "", geo: bool = False) -> None:
    figure, axes = new_figure(11, 8.5)
    positions = layout(graph, geo)
    simple = nx.DiGraph(graph)
    nodes = node_items(graph)
    degree = {n: float(graph.degree(n, weight="weight")) for n in graph}
    top = max(degree.values(), default=1.0) or 1.0
    nx.draw_networkx_edges(
        simple, positions, ax=axes, edge_color="#9a9a9a", width=0.7, alpha=0.7, arrowsize=7,
        node_size=[80 + 900 * degree[n] / top for n, _ in nodes], nodelist=[n for n, _ in nodes],
    )  # fmt: skip
    nx.draw_networkx_nodes(
        simple, positions, ax=axes, nodelist=[n for n, _ in nodes],
        node_color=[CATEGORY_COLOURS.get(str(d.get("category", "other")), "#BBBBBB") for _, d in nodes],
        node_size=[80 + 900 * degree[n] / top for n, _ in nodes], edgecolors="white", linewidths=0.6,
    )  # fmt: skip
    labels = {n: _short(str(d.get("label", n))) for n, d in nodes}
    nx.draw_networkx_labels(simple, positions, labels=labels, ax=axes, font_size=6.5)
    present = sorted({str(d.get("category", "other")) for _, d in nodes})
    handles = [
        Line2D([], [], marker="o", linestyle="", markersize=7, color=CATEGORY_COLOURS[c], label=c)
        for c in present
        if c in CATEGORY_COLOURS
    ]
    axes.legend(handles=handles, loc="lower left", fontsize=7, frameon=False, title="type")
    axes.set_title(title or f"{len(nodes)} entities, {graph.number_of_edges()} relations", fontsize=10)
    axes.axis("off")
    save(figure, path)


def _short(label: str, width: int = 26) -> str:
    return label if len(label) <= width else label[: width - 1] + "…"
