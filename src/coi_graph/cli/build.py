"""`build` and `validate`: data/ into the store, or checked without writing."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from coi_graph import progress
from coi_graph.cli.options import (
    DATA_OPTION,
    OUTPUT_OPTION,
    STRICT_OPTION,
    output_dir_option,
)
from coi_graph.errors import EXIT_OK, EXIT_VIOLATIONS

log = logging.getLogger("coi_graph")


@click.command()
@DATA_OPTION
@output_dir_option("Where to write the build (replaced atomically).", default=Path("build"), old=["--out"])
@STRICT_OPTION
def build(data_dir: Path, out_dir: Path, strict: bool) -> None:
    """Build the graph: parse documents, reason (OWL 2 RL), validate (SHACL), write the store.

    \b
    Writes OUTPUT/graph.nq (sorted N-Quads), OUTPUT/store/ (Oxigraph), OUTPUT/summary.json
    and OUTPUT/validation.txt, then prints a summary. If the data violates the shapes,
    prints the violations, changes nothing and exits 1. On a terminal, a status line shows
    the step it is at (loading, deriving, reasoning, validating, writing).

    Reads only inside the data directory. A file it does not read (a top-level file, *.TTL,
    a subfolder of claims/, a dangling link) is named in a warning; --strict makes those
    warnings errors.

    \b
    Examples:
      coi-graph build
      coi-graph build --data my-data -o /tmp/build
      coi-graph build --strict             # in CI: any warning about the data fails the build
    """
    from coi_graph.compile.pipeline import build as run_build

    with progress.steps("building"):
        result = run_build(data_dir, out_dir, strict=strict)
    click.echo(result.summary.render(), nl=False)
    for warning in result.report.warnings:
        log.warning("%s: warning: %s (%s)", warning.where(), warning.message, warning.focus)
    log.info("built %s", out_dir)


@click.command()
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
@STRICT_OPTION
def validate(data_dir: Path, fmt: str, output: Path | None, strict: bool) -> None:
    """Validate the data against the shapes without writing a build.

    \b
    Exit codes: 0 conforms, 1 violations, 2 error (bad file, bad syntax).

    \b
    Examples:
      coi-graph validate
      coi-graph validate --format json -o report.json
      coi-graph validate --strict          # warnings about the data are errors
    """
    from coi_graph.compile.pipeline import prepare_store
    from coi_graph.export.tabular import write

    with progress.steps("validating"):
        # the build's engines: the same results as pySHACL, at any size
        prepared = prepare_store(data_dir, strict=strict)
    write(prepared.report.render(fmt), output)  # type: ignore[arg-type]
    sys.exit(EXIT_OK if prepared.report.conforms else EXIT_VIOLATIONS)


def register(main: click.Group) -> None:
    main.add_command(build)
    main.add_command(validate)
