"""The ``synth`` command: a synthetic corpus for benchmarks, in the project's own data formats."""

from __future__ import annotations

import logging
from pathlib import Path

import click

from coi_graph import progress
from coi_graph.cli.options import output_dir_option
from coi_graph.errors import CoiGraphError

log = logging.getLogger("coi_graph")

# Corpora of fewer documents are written before a progress bar would show anything useful.
PROGRESS_FROM_DOCUMENTS = 50


@click.command("synth")
@click.option(
    "--triples",
    type=click.IntRange(min=1),
    default=10_000,
    show_default=True,
    metavar="N",
    help="About how many triples the built graph should have (asserted, plain, derived and inferred).",
)
@click.option("--seed", type=int, default=1, show_default=True, help="Same seed and size, same bytes.")
@output_dir_option("The data directory to write: entities/, documents/, claims/.", required=True, old=["--out"])
@click.option(
    "--force",
    is_flag=True,
    help="Write into a directory that is not empty, replacing the corpus in it (entities/, documents/, "
    "claims/, links/); other files are left alone.",
)
def synth(triples: int, seed: int, out_dir: Path, force: bool) -> None:
    """Write a synthetic corpus for benchmarks: a data directory whose build has about N triples.

    \b
    Invented states, governorates, cities, bases, armed groups, persons and publishers
    (entities/); EUAA-style report sections with footnotes and news articles (documents/);
    curated claims with verbatim quotes, footnotes, modality and time (claims/). It is
    built and validated like data/, with zero violations. The distributions follow the
    seed corpus. No name is real and no entity has a Wikidata QID.
    The summary goes to stdout; progress, for large corpora, to stderr.

    \b
    Examples:
      coi-graph synth --triples 10000 -o /tmp/synth-10k
      coi-graph build --data /tmp/synth-10k -o /tmp/synth-10k-build
      coi-graph synth --triples 1000000 --seed 7 -o /tmp/synth-1m
      coi-graph synth --triples 100000 -o /tmp/synth-100k --force    # replace the corpus there
    """
    from coi_graph.synth import generate, plan_documents

    if out_dir.exists() and not out_dir.is_dir():
        raise CoiGraphError(f"{out_dir} is not a directory", hint="choose a directory for -o")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not force:
        raise CoiGraphError(
            f"{out_dir} is not empty; refusing to overwrite it",
            hint="choose another -o DIR, or pass --force to replace the corpus in it",
        )
    documents = plan_documents(triples)
    with progress.bar("writing documents", documents, show=documents >= PROGRESS_FROM_DOCUMENTS) as advance:
        summary = generate(out_dir, triples=triples, seed=seed, overwrite=force, progress=advance)
    click.echo(summary.render(), nl=False)
    log.info("build it with: coi-graph build --data %s -o BUILD", out_dir)


def register(group: click.Group) -> None:
    """Add ``synth`` to the command line."""
    group.add_command(synth)
