"""The ``coi-graph`` command line.

Exit codes, as in pySHACL: 0 success (the data conforms), 1 the data violates the shapes,
2 any other error. Errors name the file and line and never print a traceback (``--debug``
does). Results go to stdout or ``-o FILE``; progress and warnings go to stderr.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

import click

from coi_graph import __version__
from coi_graph.errors import EXIT_ERROR, EXIT_OK, EXIT_VIOLATIONS, CoiGraphError

log = logging.getLogger("coi_graph")

DATA_OPTION = click.option(
    "--data",
    "data_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("data"),
    show_default=True,
    help="The data directory: entities/, documents/, claims/.",
)
BUILD_OPTION = click.option(
    "--build",
    "build_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("build"),
    show_default=True,
    help="The directory a build wrote.",
)
OUTPUT_OPTION = click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Write to FILE (atomically) instead of stdout.",
)


def _configure_logging(verbosity: int, quiet: bool) -> None:
    level = logging.WARNING if quiet else (logging.DEBUG if verbosity > 1 else logging.INFO)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s" if verbosity else "%(message)s"))
    root = logging.getLogger("coi_graph")
    root.handlers[:] = [handler]
    root.setLevel(level)
    root.propagate = False
    # rdflib logs a traceback for every ill-typed literal; the loader reports them itself.
    logging.getLogger("rdflib").setLevel(logging.CRITICAL)
    logging.getLogger("pyshacl").setLevel(logging.ERROR)


class _Group(click.Group):
    """Turns CoiGraphError into a message and an exit code, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CoiGraphError as exc:
            click.echo(exc.render(), err=True)
            ctx.exit(exc.exit_code)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except KeyboardInterrupt:
            click.echo("interrupted; nothing was changed", err=True)
            ctx.exit(130)
        except Exception as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(f"internal error: {type(exc).__name__}: {exc}", err=True)
            click.echo("  hint: rerun with --debug for the traceback, and report it", err=True)
            ctx.exit(EXIT_ERROR)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="coi-graph")
@click.option("-q", "--quiet", is_flag=True, help="Only print results and errors.")
@click.option("-v", "--verbose", count=True, help="More detail on stderr (-vv for debug).")
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
@click.pass_context
def main(ctx: click.Context, quiet: bool, verbose: int, debug: bool) -> None:
    """coi-graph: Country-of-Origin-Information documents as a traceable knowledge graph.

    \b
    Typical session:
      coi-graph build                      # data/ -> build/ (reason, validate, store)
      coi-graph validate --format json     # check data/ without writing anything
      coi-graph export claims -o claims.csv

    Exit codes: 0 success, 1 the data violates the shapes, 2 any other error.
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug
    _configure_logging(verbose, quiet)


@main.command()
@DATA_OPTION
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("build"),
    show_default=True,
    help="Where to write the build (replaced atomically).",
)
def build(data_dir: Path, out_dir: Path) -> None:
    """Build the graph: parse documents, reason (OWL 2 RL), validate (SHACL), write the store.

    \b
    Writes OUT/graph.nq (sorted N-Quads), OUT/store/ (Oxigraph), OUT/summary.json and
    OUT/validation.txt, then prints a summary. If the data violates the shapes, prints
    the violations, changes nothing and exits 1.

    \b
    Examples:
      coi-graph build
      coi-graph build --data my-data --out /tmp/build
    """
    from coi_graph.build.pipeline import build as run_build

    result = run_build(data_dir, out_dir)
    click.echo(result.summary.render(), nl=False)
    for warning in result.report.warnings:
        log.warning("%s: warning: %s (%s)", warning.where(), warning.message, warning.focus)
    log.info("built %s", out_dir)


@main.command()
@DATA_OPTION
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "turtle"]),
    default="text",
    show_default=True,
    help="Report format; turtle is the SHACL validation report graph.",
)
@OUTPUT_OPTION
def validate(data_dir: Path, fmt: str, output: Path | None) -> None:
    """Validate the data against the shapes without writing a build.

    \b
    Exit codes: 0 conforms, 1 violations, 2 error (bad file, bad syntax).

    \b
    Examples:
      coi-graph validate
      coi-graph validate --format json -o report.json
    """
    from coi_graph.build.pipeline import prepare
    from coi_graph.export.tabular import write

    prepared = prepare(data_dir)
    write(prepared.report.render(fmt), output)  # type: ignore[arg-type]
    sys.exit(EXIT_OK if prepared.report.conforms else EXIT_VIOLATIONS)


@main.group()
def export() -> None:
    """Export the built graph for review or other tools."""


@export.command("claims")
@BUILD_OPTION
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl"]), default="csv", show_default=True)
@OUTPUT_OPTION
def export_claims(build_dir: Path, fmt: str, output: Path | None) -> None:
    """One row per asserted triple of every claim, with quote, footnotes and sources.

    \b
    Columns: claim, document, footnotes, subject, subject_label, subject_wikidata,
    predicate, predicate_label, object, object_label, object_wikidata, value, start,
    end, point_in_time, as_of, modality, quote, sources.

    \b
    Examples:
      coi-graph export claims -o claims.csv
      coi-graph export claims --format jsonl | grep supports
    """
    from coi_graph.export.claims import COLUMNS, claim_rows
    from coi_graph.export.tabular import render, write
    from coi_graph.store import open_store

    rows = claim_rows(open_store(build_dir))
    write(render(rows, COLUMNS, fmt), output)  # type: ignore[arg-type]


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
    from coi_graph.export.citations import COLUMNS, citation_rows
    from coi_graph.export.tabular import render, write
    from coi_graph.store import open_store

    rows = citation_rows(open_store(build_dir))
    write(render(rows, COLUMNS, fmt), output)  # type: ignore[arg-type]
