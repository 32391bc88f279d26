"""Candidates to a spreadsheet and decisions back: ``export candidates`` and ``import candidates``."""

from __future__ import annotations

import logging
from datetime import date, datetime
from pathlib import Path

import click

from coi_graph.cli.options import DATA_OPTION as DATA
from coi_graph.errors import CoiGraphError, ValidationFailed

log = logging.getLogger("coi_graph")


@click.command("candidates")
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
    relation_label, object, object_label, start, start_precision, end, end_precision,
    modality, attributed_to, attributed_to_label, according_to, time_expression, triples,
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


@click.command("candidates")
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


def register(export: click.Group, import_: click.Group) -> None:
    export.add_command(export_candidates)
    import_.add_command(import_candidates)
