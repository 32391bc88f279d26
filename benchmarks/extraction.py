"""Benchmark extraction: its speed, its growth with length, and its quality on the development set.

Run:  .venv/bin/python benchmarks/extraction.py [--repeat N] [--devset PATH]

* **speed**: ``extract`` of a 5,000-word report (the seed and test documents of the repository, repeated),
  read as a generic report, median of N runs;
* **growth**: one line without a full stop of 10,000 to 320,000 characters, parsed and extracted, with the
  ratio of each time to the first: linear time gives ratios close to the ratios of the lengths;
* **quality**: ``coi-graph evaluate --gold`` on the development set (``../shared/devset`` beside the
  repository, skipped when it is absent), D01–D15 (developed on) and D16–D20 apart; D16–D20 were held out
  until their first run, whose figures docs/extraction.md keeps.

The output is Markdown, for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time
from pathlib import Path

from coi_graph.documents import layouts
from coi_graph.extract import gazetteer, goldset
from coi_graph.extract.engine import Extractor
from coi_graph.extract.gazetteer import Gazetteer

ROOT = Path(__file__).resolve().parent.parent
SENTENCE = (
    "Israeli forces struck targets near Damascus and Iran-backed militias attacked US forces in eastern Syria "
    "while officials in Baghdad said that the Popular Mobilization Forces would remain in Anbar and "
)


def report_text(words: int) -> str:
    """A report of about ``words`` words, made of the repository's own documents."""
    parts = []
    for path in sorted((ROOT / "data" / "documents").glob("*.txt")) + sorted(
        (ROOT / "tests" / "documents").glob("*.txt")
    ):
        # the prose of each document (its passages), without its title, footnotes or citations
        # ("Notes" alone would open a note list in the middle of the report: sentences only)
        passages = layouts.read(path.read_text(encoding="utf-8")).parsed.passages
        parts += [p.text for p in passages if len(p.text.split()) > 3]
    text = "A report for the benchmark\n\n"
    while len(text.split()) < words:
        text += "\n\n".join(parts) + "\n\n"
    return text


def timed(content: str, names: Gazetteer, repeat: int) -> tuple[float, int]:
    times, relations = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        parsed = layouts.read(content, "report").parsed
        relations = len(Extractor(parsed, names).run().relations)
        times.append(time.perf_counter() - start)
    return statistics.median(times), relations


def quality(devset: Path, names: Gazetteer) -> list[str]:
    lines = [
        "| documents | mention R | mention P | linking | relation R (required) | relation P | modality | footnotes |",
        "|---|---|---|---|---|---|---|---|",
    ]
    rows = (("D01–D15 (developed on)", "D01-D15"), ("D16–D20 (held out until their first run)", "D16-D20"),
            ("all 20", None))  # fmt: skip
    for label, pattern in rows:
        run = goldset.run(devset / "gold", names, pattern=pattern)
        f = goldset.figures(run.totals())

        def cell(name: str, figures: dict[str, float | None] = f) -> str:
            value = figures[name]
            return "–" if value is None else f"{value:.3f}"

        lines.append(
            f"| {label} | {cell('mention recall')} | {cell('mention precision')} | {cell('linking accuracy')} | "
            f"{cell('relation recall (required)')} | {cell('relation precision')} | {cell('modality accuracy')} | "
            f"{cell('footnote agreement')} |"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--devset", type=Path, default=ROOT.parent / "shared" / "devset")
    args = parser.parse_args()
    names = gazetteer.load(ROOT / "data")
    print(f"Machine: {platform.machine()}, Python {platform.python_version()}; medians of {args.repeat} runs.\n")
    text = report_text(5000)
    seconds, relations = timed(text, names, args.repeat)
    print(f"A report of {len(text.split()):,} words: {seconds:.2f} s to parse and extract, {relations} relations.\n")
    print("| one line, characters | seconds | time / time at 10,000 | length / 10,000 |")
    print("|---|---|---|---|")
    base = None
    for length in (10_000, 40_000, 160_000, 320_000):
        line = (SENTENCE * (length // len(SENTENCE) + 1))[:length]
        seconds, _ = timed("A line\n\n" + line, names, args.repeat)
        base = base or seconds
        print(f"| {length:,} | {seconds:.3f} | {seconds / base:.1f} | {length / 10_000:.0f} |")
    if (args.devset / "gold").is_dir():
        shown = os.path.relpath(args.devset, ROOT)
        print(f"\nThe development set ({shown}), `coi-graph evaluate --gold`:\n")
        print("\n".join(quality(args.devset, names)))
    else:
        print(f"\n(no development set at {args.devset}: quality not measured)")


if __name__ == "__main__":
    main()
