"""`ingest`: take new document files into the data directory."""

from __future__ import annotations

import logging
from pathlib import Path

import click

from coi_graph import progress
from coi_graph.cli.options import (
    DATA_OPTION,
    output_dir_option,
)
from coi_graph.errors import CoiGraphError

log = logging.getLogger("coi_graph")


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@DATA_OPTION
@output_dir_option("File the documents into this data directory instead of --data.", old=["--out"])
@click.option("--format", "fmt", type=click.Choice(["auto", "euaa-report", "news", "report"]), default="auto",
              show_default=True, help="The layout; auto detects it; report: a generic report.")  # fmt: skip
@click.option("--id", "doc_id", default=None, help="The document id (one file only); default: publisher-date-title.")
@click.option("--publisher", default=None, help="The publisher, when the text does not say it: ent:news-az or a label.")
@click.option("--title", default=None, help="The title, when the text does not say it.")
@click.option("--date", default=None, help="The publication date, YYYY-MM-DD, YYYY-MM or YYYY.")
@click.option("--force", is_flag=True, help="Replace a document filed under the same id.")
@click.option("--dry-run", is_flag=True, help="Parse and report; write nothing.")
@click.option("--max-size-mb", type=click.FloatRange(min=0), default=20.0, show_default=True,
              help="Refuse files larger than this (0: no limit).")  # fmt: skip
def ingest(
    files: tuple[Path, ...],
    data_dir: Path,
    out_dir: Path | None,
    fmt: str,
    doc_id: str | None,
    publisher: str | None,
    title: str | None,
    date: str | None,
    force: bool,
    dry_run: bool,
    max_size_mb: float,
) -> None:
    """Take documents into the data directory: detect the layout, parse, and file them.

    \b
    Reads EUAA-style report sections (Markdown markers [N](#), markers flattened to [N] or
    to numbers glued to words, short references [Key 2023, p. 4] with a bibliography, or
    markers without a footnote list) and news articles (' date YYYY-MM-DD Title' first line).
    Any other text is read as a generic report (title line, headings, paragraphs, markers
    [N](#), [iv](#) or [N], an optional note list), with a warning: never refused for its layout.
    Each file is copied verbatim to DIR/documents/ with a metadata file; the next build parses it.
    A problem with one file is reported and the others go on; the exit code is then 2.

    \b
    Examples:
      coi-graph ingest new-section.md
      coi-graph ingest article.txt --publisher "News.Az"
      coi-graph ingest report.txt --format euaa-report --dry-run
      coi-graph ingest brief.txt --format report --publisher "HRW" --date 2024-02-29
    """
    from coi_graph.ingest import ingest_file, resolve_publisher

    target = out_dir or data_dir
    if doc_id and len(files) > 1:
        raise click.UsageError("--id names one document; give one file")
    publisher_iri = resolve_publisher(publisher, data_dir) if publisher else None
    failures = 0
    with progress.bar("ingesting", len(files), show=len(files) > 1) as advance:
        for path in files:
            try:
                result = ingest_file(
                    path, target, fmt=None if fmt == "auto" else fmt, doc_id=doc_id, publisher=publisher_iri,
                    title=title, date=date, force=force, dry_run=dry_run, max_megabytes=max_size_mb,
                )  # fmt: skip
            except CoiGraphError as exc:
                failures += 1
                click.echo(progress.styled(exc.render()), err=True)
                continue
            finally:
                advance(1)
            click.echo(result.summary() + (" (dry run: nothing written)" if dry_run else ""))
            for warning in result.parsed.warnings:
                log.warning("%s: warning: %s", path, warning)
    if failures:
        rest = "; the others were" if failures < len(files) else ""
        raise CoiGraphError(f"{failures} of {len(files)} file(s) could not be taken in{rest}")


def register(main: click.Group) -> None:
    main.add_command(ingest)
