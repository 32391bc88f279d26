"""`import`: tables read back into the data directory (claims, decisions on candidates)."""

from __future__ import annotations

import logging
import sys
from datetime import date, datetime
from pathlib import Path

import click

from coi_graph.cli.options import (
    BUILD_OPTION,
    OUTPUT_OPTION,
)
from coi_graph.cli.options import DATA_OPTION as DATA
from coi_graph.errors import EXIT_OK, EXIT_VIOLATIONS, ValidationFailed

log = logging.getLogger("coi_graph")


@click.group("import")
def import_() -> None:
    """Read exported files back into RDF.

    \b
    Examples:
      coi-graph import claims claims.csv -o claims.trig
      coi-graph import candidates candidates.xlsx --reviewer "A. Analyst"
    """


@import_.command("claims")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--check", is_flag=True, help="Compare the claims with the build's instead of writing them; exit 1 if any differ."
)
@BUILD_OPTION
@OUTPUT_OPTION
def import_claims(file: Path, check: bool, build_dir: Path, output: Path | None) -> None:
    """Read a claims CSV back into claims, as TriG.

    \b
    Writes the layout of data/claims/*.trig: each claim's description in the default
    graph, its content in the named graph of its IRI. A CSV exported with --lossless gives
    back every claim exactly; a plain one has no passage and no datatypes (its literals
    come back as strings), which a warning says. Rows are grouped by claim; errors name
    the line.

    \b
    Examples:
      coi-graph export claims --lossless -o claims.csv
      coi-graph import claims claims.csv -o claims.trig
      coi-graph import claims reviewed.csv --check --build build
    """
    from coi_graph.cli.options import store_for
    from coi_graph.export.claims_import import compare_with_build, read_claims_csv
    from coi_graph.export.tabular import write

    imported = read_claims_csv(file)
    if check:
        differences = compare_with_build(imported, store_for(build_dir))
        write("".join(f"{line}\n" for line in differences), output)
        log.info("%d claim(s) read; %d differ from the build", len(imported.claims), len(differences))
        sys.exit(EXIT_VIOLATIONS if differences else EXIT_OK)
    if not imported.lossless:
        log.warning(
            "%s: warning: a plain claims CSV has no passages, no literal datatypes or languages (its values are "
            "read as strings) and no further description; export with --lossless to read the claims back exactly",
            file,
        )
    write(imported.to_trig(), output)
    log.info("%d claim(s) read from %s", len(imported.claims), file)


@import_.command("candidates")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@DATA
@click.option("--reviewer", envvar="COI_GRAPH_REVIEWER", required=True,
              help="Your name, recorded on every decision (or set COI_GRAPH_REVIEWER).")  # fmt: skip
@click.option("--date", "day", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="The day of review recorded (default: today).")  # fmt: skip
@click.option("--dry-run", is_flag=True, help="Check every row as import would, and write nothing.")
def import_candidates(file: Path, data_dir: Path, reviewer: str, day: object, dry_run: bool) -> None:
    """Apply the decisions of a spreadsheet of candidates: all rows, or none.

    \b
    Each row with a decision goes through the workbench's actions: accept files the
    candidate as a claim in data/claims/, edit accepts it with the changed cells, reject
    marks it rejected in its draft with the reason. Every row is checked (fields, then
    SHACL with the rest of the data) before anything is written; if one fails, its row,
    column and message are printed, nothing is written, and the exit code is 1.

    \b
    Examples:
      coi-graph import candidates candidates.xlsx --reviewer "A. Analyst" --dry-run
      coi-graph import candidates candidates.csv --reviewer "A. Analyst" --date 2026-12-08
    """
    from coi_graph.workbench.actions import Workbench
    from coi_graph.workbench.spreadsheet import import_file

    today = day.date() if isinstance(day, datetime) else date.today()
    if not reviewer.strip():
        raise click.UsageError("--reviewer must name you")
    result = import_file(file, Workbench(data_dir, reviewer, today), dry_run=dry_run)
    if not result.ok:
        report = "".join(f"{file}: {v.render()}\n" for v in result.violations)
        raise ValidationFailed(f"{len(result.violations)} problem(s) in {file}; nothing was written", report=report,
                               hint="correct the rows named, then import again (--dry-run to check)")  # fmt: skip
    for path in result.written:
        click.echo(f"wrote {path}", err=True)
    if dry_run:
        click.echo(f"{file}: every row checked; {len(result.claims)} claim(s) would be filed; nothing written "
                   "(dry run)", err=True)  # fmt: skip
    else:
        click.echo(f"{file}: {len(result.claims)} claim(s) filed; {len(result.written)} file(s) written", err=True)


def register(main: click.Group) -> None:
    main.add_command(import_)
