"""Network measures on a projected graph.

- degree (in and out), weighted by the number of claims; PageRank on the weighted directed graph;
  betweenness on the undirected view, sampled (k nodes, fixed seed) when the graph is large;
  Louvain communities on the undirected weighted view with a fixed seed;
- the ego network of an entity;
- the shortest paths between two entities, ignoring direction, with the claims and quotes on each edge;
- the measures per time slice (month, quarter or year).

Every result is deterministic for the same graph: sorted output and fixed seeds.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeAlias

import networkx as nx

from coi_graph.network.projection import ProjectionOptions

SEED = 42
BETWEENNESS_EXACT_UP_TO = 500  # nodes; above, betweenness is estimated from a sample
BETWEENNESS_SAMPLE = 200

Graph: TypeAlias = "nx.MultiDiGraph[str]"


@dataclass
class NodeMetrics:
    node: str
    label: str
    type: str
    in_degree: int
    out_degree: int
    weighted_degree: float
    pagerank: float
    betweenness: float
    community: int


def _simple_undirected(graph: Graph) -> nx.Graph[str]:
    """One undirected edge per connected pair, weighted by the claims on all its edges."""
    simple: nx.Graph[str] = nx.Graph()
    simple.add_nodes_from(graph.nodes)
    for u, v, data in graph.edges(data=True):
        weight = float(data.get("weight", 1.0))
        if simple.has_edge(u, v):
            simple[u][v]["weight"] += weight
        else:
            simple.add_edge(u, v, weight=weight)
    return simple


def _simple_directed(graph: Graph) -> nx.DiGraph[str]:
    simple: nx.DiGraph[str] = nx.DiGraph()
    simple.add_nodes_from(graph.nodes)
    for u, v, data in graph.edges(data=True):
        weight = float(data.get("weight", 1.0))
        if simple.has_edge(u, v):
            simple[u][v]["weight"] += weight
        else:
            simple.add_edge(u, v, weight=weight)
    return simple


def communities(graph: Graph) -> dict[str, int]:
    """Louvain communities (fixed seed), numbered from 0 by decreasing size, then by first member."""
    undirected = _simple_undirected(graph)
    if undirected.number_of_edges() == 0:
        return {node: i for i, node in enumerate(sorted(graph.nodes))}
    found = nx.community.louvain_communities(undirected, weight="weight", seed=SEED)
    ordered = sorted((sorted(c) for c in found), key=lambda members: (-len(members), members[0]))
    return {node: index for index, members in enumerate(ordered) for node in members}


def metrics(graph: Graph) -> list[NodeMetrics]:
    """Every node's measures, ordered by PageRank (highest first), then label."""
    if graph.number_of_nodes() == 0:
        return []
    directed = _simple_directed(graph)
    undirected = _simple_undirected(graph)
    pagerank = nx.pagerank(directed, weight="weight") if directed.number_of_edges() else {}
    k = None if undirected.number_of_nodes() <= BETWEENNESS_EXACT_UP_TO else BETWEENNESS_SAMPLE
    betweenness = nx.betweenness_centrality(undirected, k=k, seed=SEED, normalized=True)
    groups = communities(graph)
    rows = [
        NodeMetrics(
            node=node,
            label=str(data.get("label", node)),
            type=str(data.get("type", "")),
            in_degree=int(graph.in_degree(node)),
            out_degree=int(graph.out_degree(node)),
            weighted_degree=float(graph.degree(node, weight="weight")),
            pagerank=round(float(pagerank.get(node, 0.0)), 6),
            betweenness=round(float(betweenness.get(node, 0.0)), 6),
            community=groups[node],
        )
        for node, data in graph.nodes(data=True)
    ]
    return sorted(rows, key=lambda r: (-r.pagerank, r.label, r.node))


def annotate(graph: Graph, rows: Iterable[NodeMetrics] | None = None) -> Graph:
    """Write the measures back into the graph as node attributes (for the exports)."""
    for row in metrics(graph) if rows is None else rows:
        graph.nodes[row.node].update(
            {
                "in_degree": row.in_degree,
                "out_degree": row.out_degree,
                "weighted_degree": row.weighted_degree,
                "pagerank": row.pagerank,
                "betweenness": row.betweenness,
                "community": row.community,
            }
        )
    return graph


def ego(graph: Graph, center: str, radius: int = 1) -> Graph:
    """The entity, everything within ``radius`` steps of it in either direction, and the edges among them."""
    if center not in graph:
        raise KeyError(center)
    nearby = nx.single_source_shortest_path_length(_simple_undirected(graph), center, cutoff=radius)
    return graph.subgraph(nearby).copy()


@dataclass
class PathStep:
    source: str
    source_label: str
    relation: str
    target: str
    target_label: str
    forward: bool  # False when the path walks the edge against its direction
    claims: list[str] = field(default_factory=list)
    footnotes: list[int] = field(default_factory=list)
    modality: list[str] = field(default_factory=list)


def paths(graph: Graph, source: str, target: str, limit: int = 3) -> list[list[PathStep]]:
    """Up to ``limit`` shortest paths from ``source`` to ``target``, ignoring direction.

    Each step lists every relation between the two nodes (in either direction) with its claims,
    so that the answer says on whose word the two are connected.
    """
    for node in (source, target):
        if node not in graph:
            raise KeyError(node)
    undirected = _simple_undirected(graph)
    try:
        found = nx.all_shortest_paths(undirected, source, target)
        routes = sorted(found)[:limit]
    except nx.NetworkXNoPath:
        return []
    result = []
    for route in routes:
        steps: list[PathStep] = []
        for u, v in itertools.pairwise(route):
            for a, b, forward in ((u, v, True), (v, u, False)):
                for key in sorted(str(k) for k in graph.get_edge_data(a, b, default={})):
                    data: dict[str, Any] = dict(graph.edges[a, b, key])
                    steps.append(
                        PathStep(
                            source=u,
                            source_label=str(graph.nodes[u].get("label", u)),
                            relation=str(data.get("label", key)),
                            target=v,
                            target_label=str(graph.nodes[v].get("label", v)),
                            forward=forward,
                            claims=list(data.get("claim_ids", [])),
                            footnotes=list(data.get("footnotes", [])),
                            modality=list(data.get("modality", [])),
                        )
                    )
        result.append(steps)
    return result


def _slices(first: date, last: date, every: str) -> list[tuple[date, date]]:
    months = {"month": 1, "quarter": 3, "year": 12}[every]
    start = date(first.year, 1 if every == "year" else first.month - (first.month - 1) % months, 1)
    out = []
    while start <= last:
        month = start.month - 1 + months
        nxt = date(start.year + month // 12, month % 12 + 1, 1)
        out.append((start, date.fromordinal(nxt.toordinal() - 1)))
        start = nxt
    return out


def time_slices(
    graph_for: Callable[[ProjectionOptions], Graph], options: ProjectionOptions, every: str
) -> list[tuple[date, date, list[NodeMetrics], int]]:
    """The measures of the network of each slice: (start, end, metrics, number of edges)."""
    whole = graph_for(options)
    dates = [str(d[k]) for _, _, d in whole.edges(data=True) for k in ("first", "last") if d.get(k)]
    if not dates:
        return []
    first, last = date.fromisoformat(min(dates)), date.fromisoformat(max(dates))
    result = []
    for start, end in _slices(first, last, every):
        sliced = graph_for(ProjectionOptions(**{**options.__dict__, "start": start, "end": end, "registry": False}))
        result.append((start, end, metrics(sliced), sliced.number_of_edges()))
    return result
