"""``coi-graph dossier``: the page of one entity, or of every entity a claim names."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import click

log = logging.getLogger("coi_graph")


def register(group: click.Group) -> None:
    group.add_command(dossier)


@click.command("dossier")
@click.argument("entity", required=False)
@click.option("--all", "every", is_flag=True, help="A dossier for every entity named in a claim, and an index.")
@click.option(
    "-o", "--output", "out_dir", type=click.Path(path_type=Path, file_okay=False), default=Path("dossiers"),
    show_default=True, help="The directory to write the pages into (created if needed).",
)  # fmt: skip
@click.option(
    "--build", "build_dir", type=click.Path(path_type=Path, file_okay=False), default=Path("build"),
    show_default=True, help="The directory a build wrote.",
)  # fmt: skip
@click.option(
    "--format", "fmt", type=click.Choice(["html", "markdown", "both"]), default="both", show_default=True,
    help="HTML (one self-contained page), Markdown (with the pictures in charts/), or both.",
)  # fmt: skip
def dossier(entity: str | None, every: bool, out_dir: Path, build_dir: Path, fmt: str) -> None:
    """Everything the graph says about ENTITY (an actor or a place): its labels in every language, its
    Wikidata item, its place in the hierarchy, its claims grouped by relation with quotes, modality,
    dates and footnotes, a timeline, a map, its statements, contradictions, and its sources as numbered
    EUAA-style footnotes with the number of independent publishers behind each claim.

    \b
    ENTITY is ent:sdf, a full IRI, or a label or alias ("SDF", "Syria").
    The HTML page needs nothing from the network: style and pictures are inline.

    \b
    Examples:
      coi-graph dossier ent:sdf -o dossiers
      coi-graph dossier "Syria" --format html -o out/
      coi-graph dossier --all -o dossiers      # and dossiers/index.html
    """
    from coi_graph.cli.options import store_for
    from coi_graph.dossier.gather import Corpus
    from coi_graph.dossier.resolve import resolve
    from coi_graph.dossier.write import write_all, write_dossier

    if every == (entity is not None):
        raise click.UsageError("give an ENTITY, or --all for every entity (not both)")
    started = time.monotonic()
    corpus = Corpus(store_for(build_dir))
    if every:
        written = write_all(corpus, out_dir, fmt)
        log.info("wrote %d dossiers and the index (%d files) to %s in %.1f s", len(written.dossiers),
                 len(written.files), out_dir, time.monotonic() - started)  # fmt: skip
        return
    assert entity is not None
    written = write_dossier(corpus, resolve(corpus, entity), out_dir, fmt)
    page = written.dossiers[0]
    log.info("wrote the dossier of %s (%d claims) to %s", page.label, page.claim_count,
             ", ".join(str(p) for p in written.files))  # fmt: skip
