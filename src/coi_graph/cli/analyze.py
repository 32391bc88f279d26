"""`analyze`: measures of the network projected from the build (metrics, ego, path, slices)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import click

from coi_graph import progress
from coi_graph.cli.options import BUILD_OPTION as BUILD
from coi_graph.cli.options import OUTPUT_OPTION as OUTPUT
from coi_graph.cli.options import (
    network_for,
    projection_options,
    projection_settings,
)
from coi_graph.errors import CoiGraphError

log = logging.getLogger("coi_graph")


TABLE_FORMAT = click.option(
    "--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True
)


def _entity(graph: Any, name: str) -> str:
    """An entity given as ent:x, a full IRI or its exact label."""
    from coi_graph.query.params import ParameterValueError, expand_iri

    try:
        iri = expand_iri(name)
        if iri in graph:
            return iri
    except ParameterValueError:
        pass
    matches = sorted(str(n) for n, d in graph.nodes(data=True) if str(d.get("label", "")).casefold() == name.casefold())
    if len(matches) == 1:
        return matches[0]
    raise CoiGraphError(
        f"{name!r} is not a node of the network",
        hint="give an IRI such as ent:sdf or an exact label; check the projection options (--node-type, dates)",
    )


def _write(rows: list[dict[str, Any]], columns: list[str], fmt: str, output: Path | None) -> None:
    from coi_graph.export.tabular import render, write

    write(render(rows, columns, fmt), output)  # type: ignore[arg-type]


# --- analyze ----------------------------------------------------------------------------------


@click.group()
def analyze() -> None:
    """Measure the network: centralities, communities, ego networks, paths, time slices.

    \b
    Examples:
      coi-graph analyze metrics --top 10
      coi-graph analyze path ent:iraq ent:sdf
    """


@analyze.command("metrics")
@BUILD
@projection_options
@click.option("--top", type=int, default=0, help="Only the N nodes with the highest PageRank (0: all).")
@TABLE_FORMAT
@OUTPUT
def analyze_metrics(build_dir: Path, top: int, fmt: str, output: Path | None, **kwargs: Any) -> None:
    """Degree (in, out, weighted), PageRank, betweenness and Louvain community of every node.

    \b
    Examples:
      coi-graph analyze metrics --top 10
      coi-graph analyze metrics --node-type actor --format csv -o metrics.csv
    """
    from coi_graph.network.analytics import metrics

    network = network_for(build_dir, kwargs)
    with progress.steps("measuring the network"):
        rows = [vars(r) for r in metrics(network)]
    columns = ["label", "type", "in_degree", "out_degree", "weighted_degree", "pagerank", "betweenness", "community",
               "node"]  # fmt: skip
    _write(rows[:top] if top else rows, columns, fmt, output)


@analyze.command("ego")
@click.argument("entity")
@click.option("--radius", type=int, default=1, show_default=True, help="Steps from the entity, either direction.")
@BUILD
@projection_options
@TABLE_FORMAT
@OUTPUT
def analyze_ego(entity: str, radius: int, build_dir: Path, fmt: str, output: Path | None, **kwargs: Any) -> None:
    """The network around ENTITY: every relation among the nodes within --radius steps.

    \b
    Examples:
      coi-graph analyze ego ent:sdf
      coi-graph analyze ego "US military advisers in Iraq" --radius 2 --format json
    """
    from coi_graph.network.analytics import ego
    from coi_graph.network.projection import edge_items

    graph = network_for(build_dir, kwargs)
    sub = ego(graph, _entity(graph, entity), radius)
    rows = [
        {
            "source": sub.nodes[u].get("label", u),
            "relation": d.get("label", k),
            "target": sub.nodes[v].get("label", v),
            "claims": d.get("claims"),
            "publishers": d.get("publishers"),
            "first": d.get("first"),
            "last": d.get("last"),
            "footnotes": ";".join(str(n) for n in d.get("footnotes", [])),  # type: ignore[attr-defined]
            "modality": ";".join(d.get("modality", [])),  # type: ignore[arg-type]
            "origin": d.get("origin"),
        }
        for u, v, k, d in edge_items(sub)
    ]
    columns = ["source", "relation", "target", "claims", "publishers", "first", "last", "footnotes", "modality",
               "origin"]  # fmt: skip
    _write(rows, columns, fmt, output)


@analyze.command("path")
@click.argument("source")
@click.argument("target")
@click.option("--limit", type=int, default=3, show_default=True, help="At most this many shortest paths.")
@BUILD
@projection_options
@TABLE_FORMAT
@OUTPUT
def analyze_path(source: str, target: str, limit: int, build_dir: Path, fmt: str, output: Path | None,
                 **kwargs: Any) -> None:  # fmt: skip
    """How SOURCE is connected to TARGET, and on whose word: the shortest paths, each step with its
    claims, quotes and footnotes.

    \b
    Examples:
      coi-graph analyze path ent:iraq ent:sdf
      coi-graph analyze path Iraq "Syrian Democratic Forces" --format json
    """
    from coi_graph.cli.options import store_for
    from coi_graph.network.analytics import paths
    from coi_graph.store import select

    graph = network_for(build_dir, kwargs)
    found = paths(graph, _entity(graph, source), _entity(graph, target), limit)
    if not found:
        raise CoiGraphError(f"no path between {source} and {target} in this network")
    evidence = (
        "SELECT ?claim ?quote ?sources WHERE { ?claim coi:quote ?quote OPTIONAL { ?claim coi:sourceList ?sources } }"
    )
    quotes = {
        r["claim"].text: (r["quote"].text if r["quote"] else "", r["sources"].text if r["sources"] else "")
        for r in select(store_for(build_dir), evidence)
        if r["claim"]
    }
    rows = []
    for number, steps in enumerate(found, start=1):
        for step in steps:
            reading = (f"{step.source_label} {step.relation} {step.target_label}" if step.forward
                       else f"{step.target_label} {step.relation} {step.source_label}")  # fmt: skip
            for claim in step.claims or [""]:
                quote, sources = quotes.get(claim, ("", ""))
                rows.append({"path": number, "step": reading, "claim": claim, "quote": quote, "sources": sources,
                             "footnotes": ";".join(str(n) for n in step.footnotes),
                             "modality": ";".join(step.modality)})  # fmt: skip
    _write(rows, ["path", "step", "footnotes", "modality", "sources", "quote", "claim"], fmt, output)


@analyze.command("slices")
@click.option("--every", type=click.Choice(["month", "quarter", "year"]), default="month", show_default=True)
@click.option("--top", type=int, default=3, show_default=True, help="The N nodes with the highest PageRank per slice.")
@click.option("--empty", is_flag=True, help="Also list the slices without any claim.")
@BUILD
@projection_options
@TABLE_FORMAT
@OUTPUT
def analyze_slices(every: str, top: int, empty: bool, build_dir: Path, fmt: str, output: Path | None,
                   **kwargs: Any) -> None:  # fmt: skip
    """The network's measures per time slice: edges, and the most central nodes.

    \b
    Examples:
      coi-graph analyze slices --every quarter
      coi-graph analyze slices --every month --from 2024-12-01 --to 2025-03-31 --format csv
    """
    from coi_graph.cli.options import store_for
    from coi_graph.network.analytics import time_slices
    from coi_graph.network.projection import project

    store = store_for(build_dir)
    options = projection_settings(kwargs)
    rows = []
    with progress.steps("measuring time slices") as update:
        for start, end, rows_metrics, edges in time_slices(lambda o: project(store, o), options, every):
            update(f"{start.isoformat()} to {end.isoformat()}")
            active = [m for m in rows_metrics if m.in_degree + m.out_degree > 0]
            if not edges and not empty:
                continue
            rows.append({"start": start.isoformat(), "end": end.isoformat(), "edges": edges, "nodes": len(active),
                         "most central": "; ".join(f"{m.label} ({m.pagerank:.3f})" for m in active[:top])})  # fmt: skip
    _write(rows, ["start", "end", "edges", "nodes", "most central"], fmt, output)


def register(main: click.Group) -> None:
    main.add_command(analyze)
