"""Commands on the network: ``analyze``, the graph and RDF exports, and ``plot``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import click

from coi_graph import progress
from coi_graph.cli.options import BUILD_OPTION as BUILD
from coi_graph.cli.options import OUTPUT_OPTION as OUTPUT
from coi_graph.errors import CoiGraphError

F = Callable[..., Any]

SIZE_MEASURES = ["pagerank", "betweenness", "weighted_degree", "in_degree", "out_degree"]
TABLE_FORMAT = click.option(
    "--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True
)


def projection_options(function: F) -> F:
    """The options that shape the network, shared by analyze, the graph exports and plot network."""
    options = [
        click.option("--relation", "relations", multiple=True, metavar="NAME",
                     help="Keep only this relation (supports, stationedAt, strike, ...); repeat for several."),
        click.option("--node-type", "node_types", multiple=True, metavar="TYPE",
                     help="Keep only nodes of this type or class, with subclasses (person, Place, ...)."),
        click.option("--from", "start", type=click.DateTime(["%Y-%m-%d"]), help="Keep claims that reach this date."),
        click.option("--to", "end", type=click.DateTime(["%Y-%m-%d"]), help="Keep claims that start by this date."),
        click.option("--as-of", "as_of", type=click.DateTime(["%Y-%m-%d"]),
                     help="As known at this date: documents published by then, what had happened by then."),
        click.option("--events", type=click.Choice(["collapse", "nodes"]), default="collapse", show_default=True,
                     help="Collapse events into actor-actor and actor-place edges, or keep them as nodes."),
        click.option("--modality", "modalities", multiple=True,
                     type=click.Choice(["stated", "reported", "planned", "intended", "possible", "negated", "all"]),
                     help="Modalities that count (default: stated and reported)."),
        click.option("--inferred/--no-inferred", default=False, show_default=True,
                     help="Add the edges OWL RL reasoning infers (marked inferred)."),
        click.option("--registry/--no-registry", default=True, show_default=True,
                     help="Add the registry's structural edges (part of, located in, government of) among "
                          "the entities the claims name."),
        click.option("--keep-isolates", is_flag=True, help="Keep nodes without edges."),
    ]  # fmt: skip
    for option in reversed(options):
        function = option(function)
    return function


def _options(kwargs: dict[str, Any]) -> Any:
    from coi_graph.network.projection import AFFIRMATIVE, ProjectionOptions

    modalities = tuple(kwargs.pop("modalities") or AFFIRMATIVE)
    if "all" in modalities:
        modalities = ("stated", "reported", "planned", "intended", "possible", "negated")

    def day(value: Any) -> date | None:
        return value.date() if value is not None else None

    return ProjectionOptions(
        relations=frozenset(kwargs.pop("relations")),
        node_types=frozenset(kwargs.pop("node_types")),
        start=day(kwargs.pop("start")),
        end=day(kwargs.pop("end")),
        as_of=day(kwargs.pop("as_of")),
        events=kwargs.pop("events"),
        modalities=modalities,
        inferred=kwargs.pop("inferred"),
        registry=kwargs.pop("registry"),
        keep_isolates=kwargs.pop("keep_isolates"),
    )


def _network(build_dir: Path, kwargs: dict[str, Any]) -> Any:
    from coi_graph.cli.options import store_for
    from coi_graph.network.projection import project

    with progress.steps("projecting the network"):
        return project(store_for(build_dir), _options(kwargs))


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

    network = _network(build_dir, kwargs)
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

    graph = _network(build_dir, kwargs)
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

    graph = _network(build_dir, kwargs)
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
    options = _options(kwargs)
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


# --- exports ------------------------------------------------------------------------------------


def register_exports(export: click.Group) -> None:
    @export.command("gexf")
    @BUILD
    @projection_options
    @click.option("--size-by", type=click.Choice(SIZE_MEASURES), default="pagerank", show_default=True,
                  help="Node size in Gephi.")  # fmt: skip
    @click.option("--geo", is_flag=True, help="Place nodes at their coordinates (where verified).")
    @click.option(
        "--metrics/--no-metrics", default=True, show_default=True, help="Write the measures as node attributes."
    )
    @OUTPUT
    def export_gexf(
        build_dir: Path, size_by: str, geo: bool, metrics: bool, output: Path | None, **kwargs: Any
    ) -> None:
        """The network as GEXF 1.3 for Gephi: typed attributes, colours by type, sizes by a measure,
        positions from coordinates (--geo) and time spells for the timeline.

        \b
        Examples:
          coi-graph export gexf -o coi.gexf
          coi-graph export gexf --geo --events nodes -o coi-geo.gexf
        """
        from coi_graph.export.gexf import to_gexf
        from coi_graph.export.tabular import write
        from coi_graph.network.analytics import annotate

        graph = _network(build_dir, kwargs)
        if metrics:
            annotate(graph)
        write(to_gexf(graph, size_by=size_by if metrics else None, geo=geo, description="coi-graph network"), output)

    @export.command("graphml")
    @BUILD
    @projection_options
    @click.option(
        "--metrics/--no-metrics", default=True, show_default=True, help="Write the measures as node attributes."
    )
    @OUTPUT
    def export_graphml(build_dir: Path, metrics: bool, output: Path | None, **kwargs: Any) -> None:
        """The network as GraphML with typed keys (lists as JSON strings).

        \b
        Examples:
          coi-graph export graphml -o coi.graphml
        """
        from coi_graph.export.graphml import to_graphml
        from coi_graph.export.tabular import write
        from coi_graph.network.analytics import annotate

        graph = _network(build_dir, kwargs)
        if metrics:
            annotate(graph)
        write(to_graphml(graph), output)

    @export.command("gephi-csv")
    @BUILD
    @projection_options
    @click.option("--metrics/--no-metrics", default=True, show_default=True, help="Write the measures as node columns.")
    @click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path, file_okay=False), required=True,
                  help="Directory for nodes.csv and edges.csv.")  # fmt: skip
    def export_gephi_csv(build_dir: Path, metrics: bool, out_dir: Path, **kwargs: Any) -> None:
        """The network as Gephi's spreadsheet import: nodes.csv and edges.csv.

        \b
        Examples:
          coi-graph export gephi-csv -o gephi/
        """
        from coi_graph.export.gephi_csv import to_gephi_csv
        from coi_graph.export.tabular import write
        from coi_graph.network.analytics import annotate

        graph = _network(build_dir, kwargs)
        if metrics:
            annotate(graph)
        nodes, edges = to_gephi_csv(graph)
        write(nodes, out_dir / "nodes.csv")
        write(edges, out_dir / "edges.csv")

    @export.command("geojson")
    @BUILD
    @OUTPUT
    def export_geojson(build_dir: Path, output: Path | None) -> None:
        """Places with verified coordinates, and the events located at them, as GeoJSON for QGIS.

        \b
        Examples:
          coi-graph export geojson -o places.geojson
        """
        from coi_graph.cli.options import store_for
        from coi_graph.export.geojson import to_geojson
        from coi_graph.export.tabular import write

        write(to_geojson(store_for(build_dir)), output)

    for fmt, help_text in (
        ("turtle", "One graph as Turtle (--graph: plain, registry, documents, claims, ... or a claim IRI)."),
        ("trig", "Every named graph as TriG: the claim structure is kept."),
        ("nquads", "Every named graph as N-Quads (canonical and sorted, as the build wrote it)."),
        ("jsonld", "Every named graph as JSON-LD with the published @context inline."),
    ):
        _rdf_command(export, fmt, help_text)


def _rdf_command(export: click.Group, fmt: str, help_text: str) -> None:
    @export.command(fmt, help=f"{help_text}\n\n\b\nExamples:\n  coi-graph export {fmt} -o coi.{_suffix(fmt)}")
    @BUILD
    @click.option("--graph", default="plain", show_default=True, help="For turtle: which graph.")
    @OUTPUT
    def command(build_dir: Path, graph: str, output: Path | None) -> None:
        from coi_graph.export.rdf import to_rdf
        from coi_graph.export.tabular import write

        with progress.steps(f"writing {fmt}"):
            text = to_rdf(build_dir, fmt, graph)
        write(text, output)


def _suffix(fmt: str) -> str:
    return {"turtle": "ttl", "trig": "trig", "nquads": "nq", "jsonld": "jsonld"}[fmt]


# --- plot ---------------------------------------------------------------------------------------


@click.group()
def plot() -> None:
    """Pictures for reports: the network, a timeline of claims, a map (PNG or SVG by the file name).

    \b
    Examples:
      coi-graph plot network -o network.png
      coi-graph plot map -o map.svg
    """


PICTURE = click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), required=True,
                       help="The picture: FILE.png or FILE.svg.")  # fmt: skip


@plot.command("network")
@BUILD
@projection_options
@click.option("--geo", is_flag=True, help="Place nodes with verified coordinates at their longitude and latitude.")
@click.option("--title", default="", help="A title (default: the counts).")
@PICTURE
def plot_network_command(build_dir: Path, geo: bool, title: str, output: Path, **kwargs: Any) -> None:
    """The network: nodes coloured by type and sized by weighted degree, with labels.

    \b
    Examples:
      coi-graph plot network -o network.png
      coi-graph plot network --node-type actor --relation supports --relation opposes -o actors.svg
    """
    from coi_graph.plot.network import plot_network

    with progress.steps("drawing the network"):
        plot_network(_network(build_dir, kwargs), output, title=title, geo=geo)


@plot.command("timeline")
@BUILD
@click.option("--top", type=int, default=15, show_default=True, help="The N actors with most claims.")
@click.option(
    "--from", "start", type=click.DateTime(["%Y-%m-%d"]), help="Start of the window (default: 24 months back)."
)
@click.option("--to", "end", type=click.DateTime(["%Y-%m-%d"]), help="End of the window (default: the latest date).")
@PICTURE
def plot_timeline_command(build_dir: Path, top: int, start: Any, end: Any, output: Path) -> None:
    """Claims per actor over time, marked by modality, grey where dated only by their document.

    \b
    Examples:
      coi-graph plot timeline -o timeline.png
      coi-graph plot timeline --from 2024-11-01 --to 2025-03-31 -o winter.svg
    """
    from coi_graph.cli.options import store_for
    from coi_graph.plot.timeline import plot_timeline

    plot_timeline(store_for(build_dir), output, top=top, start=start.date() if start else None,
                  end=end.date() if end else None)  # fmt: skip


@plot.command("map")
@BUILD
@PICTURE
def plot_map_command(build_dir: Path, output: Path) -> None:
    """Places with verified coordinates and the events located at them.

    \b
    Examples:
      coi-graph plot map -o map.png
    """
    from coi_graph.cli.options import store_for
    from coi_graph.plot.map import plot_map

    plot_map(store_for(build_dir), output)
