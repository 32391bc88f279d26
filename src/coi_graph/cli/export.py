"""`export`: the build as tables, networks and RDF, one command per format."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import click

from coi_graph import progress
from coi_graph.cli.options import (
    BUILD_OPTION,
    OUTPUT_OPTION,
    SIZE_MEASURES,
    day_or_today,
    network_for,
    projection_options,
)
from coi_graph.cli.options import BUILD_OPTION as BUILD
from coi_graph.cli.options import DATA_OPTION as DATA
from coi_graph.cli.options import OUTPUT_OPTION as OUTPUT
from coi_graph.errors import CoiGraphError

log = logging.getLogger("coi_graph")


@click.group()
def export() -> None:
    """Export the built graph for review or other tools.

    \b
    Examples:
      coi-graph export claims -o claims.csv
      coi-graph export gexf -o coi.gexf
      coi-graph export trig -o coi.trig
    """


@export.command("claims")
@BUILD_OPTION
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl"]), default="csv", show_default=True)
@click.option(
    "--lossless",
    is_flag=True,
    help="Add the columns that 'coi-graph import claims' needs to give the claims back exactly.",
)
@OUTPUT_OPTION
def export_claims(build_dir: Path, fmt: str, lossless: bool, output: Path | None) -> None:
    """One row per asserted triple of every claim, with quote, footnotes and sources.

    \b
    Columns: claim, document, footnotes, subject, subject_label, subject_wikidata,
    predicate, predicate_label, object, object_label, object_wikidata, value, start,
    end, point_in_time, as_of, modality, quote, sources.
    With --lossless, after them: value_datatype, value_language, passage, footnote_iris,
    time_expression, time_approximate, according_to, tenure, reviewed_by, reviewed_on,
    other_triples.

    \b
    Examples:
      coi-graph export claims -o claims.csv
      coi-graph export claims --format jsonl | grep supports
      coi-graph export claims --lossless -o claims.csv
    """
    from coi_graph.cli.options import store_for
    from coi_graph.export.claims import COLUMNS, LOSSLESS_COLUMNS, claim_rows
    from coi_graph.export.tabular import render, write

    rows = claim_rows(store_for(build_dir), lossless=lossless)
    write(render(rows, LOSSLESS_COLUMNS if lossless else COLUMNS, fmt), output)  # type: ignore[arg-type]


@export.command("citations")
@BUILD_OPTION
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl"]), default="csv", show_default=True)
@OUTPUT_OPTION
def export_citations(build_dir: Path, fmt: str, output: Path | None) -> None:
    """One row per citation of every footnote, as parsed from the documents.

    \b
    Columns: document, footnote, position, publisher, title, date, url, pages, work.

    \b
    Examples:
      coi-graph export citations -o citations.csv
      coi-graph export citations --format jsonl
    """
    from coi_graph.cli.options import store_for
    from coi_graph.export.citations import COLUMNS, citation_rows
    from coi_graph.export.tabular import render, write

    rows = citation_rows(store_for(build_dir))
    write(render(rows, COLUMNS, fmt), output)  # type: ignore[arg-type]


# --- networks and RDF -------------------------------------------------------------------------


def _rdf_command(fmt: str, help_text: str) -> None:
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


@export.command("gexf")
@BUILD
@projection_options
@click.option("--size-by", type=click.Choice(SIZE_MEASURES), default="pagerank", show_default=True,
              help="Node size in Gephi.")  # fmt: skip
@click.option("--geo", is_flag=True, help="Place nodes at their coordinates (where verified).")
@click.option("--metrics/--no-metrics", default=True, show_default=True, help="Write the measures as node attributes.")
@OUTPUT
def export_gexf(build_dir: Path, size_by: str, geo: bool, metrics: bool, output: Path | None, **kwargs: Any) -> None:
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

    graph = network_for(build_dir, kwargs)
    if metrics:
        annotate(graph)
    write(to_gexf(graph, size_by=size_by if metrics else None, geo=geo, description="coi-graph network"), output)


@export.command("graphml")
@BUILD
@projection_options
@click.option("--metrics/--no-metrics", default=True, show_default=True, help="Write the measures as node attributes.")
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

    graph = network_for(build_dir, kwargs)
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

    graph = network_for(build_dir, kwargs)
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
    _rdf_command(fmt, help_text)


# --- Wikidata and curation ---------------------------------------------------------------------


@export.command("quickstatements")
@BUILD_OPTION
@DATA
@click.option("--retrieved", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="The day you checked the sources, written as P813 (default: today).")  # fmt: skip
@OUTPUT_OPTION
def export_quickstatements(build_dir: Path, data_dir: Path, retrieved: object, output: Path | None) -> None:
    """Relations Wikidata lacks, between linked entities, as QuickStatements V1 for review.

    \b
    Only confirmed links; only member of (P463), part of (P361) and located in (P131); only
    relations that a stated or reported claim asserts with a cited URL, and that the enrichment
    cache shows Wikidata does not have. Each line carries S854 (the source URL) and S813 (the day
    you retrieved it). Nothing is posted to Wikidata.

    \b
    Examples:
      coi-graph enrich --allow-network && coi-graph build
      coi-graph export quickstatements --retrieved 2026-11-25 -o review.qs
    """
    from coi_graph.cli.options import store_for
    from coi_graph.export.quickstatements import quickstatements
    from coi_graph.export.tabular import write
    from coi_graph.link import enrich as enrichment

    result = quickstatements(store_for(build_dir), enrichment.read(data_dir), retrieved=day_or_today(retrieved))
    write("".join(line + "\n" for line in result.lines), output)
    for note in result.notes:
        log.warning("note: %s", note)
    log.info("%d QuickStatements line(s)", len(result.lines))


@export.command("candidates")
@click.argument("drafts", nargs=-1, type=click.Path(path_type=Path, dir_okay=False, exists=True))
@DATA
@click.option("--format", "fmt", type=click.Choice(["auto", "csv", "xlsx"]), default="auto", show_default=True,
              help="auto: xlsx for -o FILE.xlsx, else csv.")  # fmt: skip
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write to FILE (atomically) instead of stdout; xlsx needs a file.")  # fmt: skip
def export_candidates(drafts: tuple[Path, ...], data_dir: Path, fmt: str, output: Path | None) -> None:
    """One row per candidate of the drafts, for deciding in a spreadsheet.

    \b
    Without DRAFT, the drafts of DIR/drafts/. Columns: candidate, document, draft, status,
    score, rule, sentence, passage, footnotes, quote, subject, subject_label, relation,
    relation_label, object, object_label, new_entities, start, start_precision, end,
    end_precision, modality, attributed_to, attributed_to_label, according_to, time_expression, triples,
    reviewed_by, reviewed_on, accepted_as, reason, decision. Fill in decision (accept,
    reject with a reason, or edit with the changed cells) and read it back with
    'coi-graph import candidates'.

    \b
    Examples:
      coi-graph export candidates -o candidates.xlsx
      coi-graph export candidates data/drafts/new-section.trig --format csv -o new-section.csv
    """
    from coi_graph.compile.inventory import DRAFTS
    from coi_graph.export.tabular import write
    from coi_graph.workbench.actions import Workbench
    from coi_graph.workbench.spreadsheet import candidate_rows, render_csv, write_xlsx

    chosen = fmt if fmt != "auto" else "xlsx" if output is not None and output.suffix.lower() == ".xlsx" else "csv"
    files = list(drafts) or sorted((data_dir / DRAFTS).glob("*.trig"))
    if not files:
        raise CoiGraphError(f"no drafts in {data_dir / DRAFTS}", hint="extract a document first: coi-graph extract "
                            "data/documents/FILE.txt -o data/drafts/ID.trig")  # fmt: skip
    rows = candidate_rows(files, Workbench(data_dir, "export", cache_dir=None))
    if chosen == "xlsx":
        if output is None:
            raise click.UsageError("an xlsx workbook goes to a file: give -o FILE.xlsx")
        write_xlsx(rows, output)
    else:
        write(render_csv(rows), output)
    pending = sum(1 for row in rows if row["status"] == "pending")
    log.info("%d candidate(s), %d pending, from %d draft(s)%s", len(rows), pending, len(files),
             f" -> {output}" if output else "")  # fmt: skip


def register(main: click.Group) -> None:
    main.add_command(export)
