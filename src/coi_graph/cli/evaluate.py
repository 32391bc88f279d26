"""The ``evaluate`` command: how well the mention finder and the extractor do, against gold data."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import click

from coi_graph import progress
from coi_graph.cli.options import DATA_OPTION as DATA
from coi_graph.cli.options import OUTPUT_OPTION as OUTPUT

log = logging.getLogger("coi_graph")

GOLD_COLUMNS = [
    "scope", "documents", "mention_recall", "mention_precision", "linking", "relation_recall", "relation_precision",
    "modality", "footnotes", "dates", "entity_recall", "entity_precision",
]  # fmt: skip


@click.command()
@DATA
@click.option("--gold", "gold_dir", type=click.Path(path_type=Path, file_okay=False, exists=True), default=None,
              help="A gold set in the development set's format: a folder of gold/*.json whose 'file' fields name "
                   "the documents, relative to the folder's parent.")  # fmt: skip
@click.option("--documents", "pattern", default=None, metavar="IDS",
              help="Only these documents of --gold: ids or ranges, comma-separated (e.g. D01-D15).")  # fmt: skip
@click.option("--predictions-out", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="With --gold: write each document's predictions there, in the set's score.py format.")  # fmt: skip
@click.option("--annotations", type=click.Path(path_type=Path, dir_okay=False, exists=True), multiple=True,
              help="Hand annotations of test documents (JSON), e.g. tests/documents/annotations.json.")  # fmt: skip
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@OUTPUT
def evaluate(data_dir: Path, gold_dir: Path | None, pattern: str | None, predictions_out: Path | None,
             annotations: tuple[Path, ...], fmt: str, output: Path | None) -> None:  # fmt: skip
    """Precision and recall of mentions and candidate claims, against gold data.

    \b
    With --gold: extract every document of a gold set (the development set's JSON) and report,
    overall, per relation type and per document: mention recall and precision (exact offsets),
    linking accuracy, required-relation recall, precision against required and optional
    relations, modality accuracy, footnote and date agreement, and entity recall and precision
    as the set's scorer counts them. --predictions-out writes the predictions so that the set's
    own score.py can check the figures.

    \b
    Without --gold: against the curated claims of --data (per passage, the entities and the
    claims' content as atoms) and against --annotations (exact mention spans and atoms).

    \b
    Examples:
      coi-graph evaluate --gold ../shared/devset/gold --documents D01-D15
      coi-graph evaluate --gold ../shared/devset/gold --predictions-out predictions/ --format csv
      python3 ../shared/devset/tools/score.py predictions/
      coi-graph evaluate --annotations tests/documents/annotations.json
    """
    from coi_graph.export.tabular import render, write
    from coi_graph.extract import gazetteer

    if gold_dir is None:
        if pattern or predictions_out:
            raise click.UsageError("--documents and --predictions-out go with --gold")
        _curated(data_dir, annotations, fmt, output)
        return
    from coi_graph.extract import goldset
    from coi_graph.fsutil import atomic_write

    names = gazetteer.load(data_dir)
    files = goldset.select(sorted(gold_dir.glob("*.json")), pattern)
    if not files:
        raise click.UsageError(f"no gold files in {gold_dir}" + (f" match {pattern!r}" if pattern else ""))
    with progress.bar("evaluating", len(files)) as advance:
        result = goldset.run(gold_dir, names, pattern=pattern, progress=lambda name: advance(1))
    rows = goldset.table(result)
    if predictions_out is not None:
        predictions_out.mkdir(parents=True, exist_ok=True)
        for name, prediction in sorted(result.predictions.items()):
            with atomic_write(predictions_out / name) as handle:
                handle.write(json.dumps(prediction, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
        log.info("predictions of %d documents -> %s", len(result.predictions), predictions_out)
    write(render(rows, GOLD_COLUMNS, fmt), output)  # type: ignore[arg-type]


def _curated(data_dir: Path, annotations: tuple[Path, ...], fmt: str, output: Path | None) -> None:
    from coi_graph.export.tabular import render, write
    from coi_graph.extract import gazetteer
    from coi_graph.extract.evaluate import evaluate_annotations, evaluate_curated

    with progress.steps("evaluating") as update:
        names = gazetteer.load(data_dir)
        update(f"against the curated claims of {data_dir}")
        evaluation = evaluate_curated(data_dir, names)
        for path in annotations:
            update(f"against {path}")
            evaluation = evaluate_annotations(path, data_dir, names, evaluation)
    columns = ["measure", "predicted", "gold", "matched", "precision", "recall", "f1"]
    write(render(evaluation.rows(), columns, fmt), output)  # type: ignore[arg-type]
    for note in evaluation.notes:
        log.info("note: %s", note)


def register(group: click.Group) -> None:
    group.add_command(evaluate)
