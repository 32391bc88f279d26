"""Benchmark extraction: its speed, its growth with length, and its quality on the development set.

Run:  .venv/bin/python benchmarks/extraction.py [--repeat N] [--devset PATH]

* **speed**: ``extract`` of a 5,000-word report (the seed and test documents of the repository, repeated),
  read as a generic report, median of N runs;
* **growth**: one line without a full stop of 10,000 to 1,000,000 characters, taken in by ``ingest`` (into a
  temporary data directory), searched by ``mentions``, parsed and extracted, with the ratio of each extraction
  time to the first: linear time gives ratios close to the ratios of the lengths; then a line of 1,000,000
  characters made of sentences (with full stops and footnote markers) and one of a single repeated word;
  medians of at most 3 runs;
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
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from rdflib import URIRef

from coi_graph.documents import layouts
from coi_graph.extract import gazetteer, goldset
from coi_graph.extract.engine import Extractor
from coi_graph.extract.gazetteer import Gazetteer
from coi_graph.extract.mentions import find
from coi_graph.ingest import ingest_file

ROOT = Path(__file__).resolve().parent.parent
SENTENCE = (
    "Israeli forces struck targets near Damascus and Iran-backed militias attacked US forces in eastern Syria "
    "while officials in Baghdad said that the Popular Mobilization Forces would remain in Anbar and "
)
SENTENCES = (
    "Turkish President Recep Tayyip Erdogan said on 12 March 2024 that Türkiye would launch an operation against "
    "the SDF in northern Syria.[3](#) The Islamic Resistance in Iraq claimed that its members attacked the al-Tanf "
    "base with drones, according to Reuters. “We will not withdraw,” a senior Iranian military official told AFP in "
    "Tehran. U.S. forces struck Kata'ib Hezbollah positions in Anbar and the Iraqi government condemned the "
    "strikes.[12](#) "
)
WORD = "Damascus "
LENGTHS = (10_000, 40_000, 160_000, 320_000, 1_000_000)


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


def line(unit: str, length: int) -> str:
    return (unit * (length // len(unit) + 1))[:length]


def median_seconds(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def commands(content: str, names: Gazetteer, folder: Path, repeat: int) -> tuple[float, float, float]:
    """Median seconds of ingest (the file into a data directory), mentions, and parse and extract, on one text."""
    path = folder / "line.txt"
    path.write_text(content, encoding="utf-8")
    publisher = URIRef("https://example.org/publisher")

    def ingest() -> None:
        ingest_file(path, folder, publisher=publisher, title="A line", date="2025-01-01", force=True)

    def extract() -> None:
        Extractor(layouts.read(content, "report").parsed, names).run()

    return (median_seconds(ingest, repeat), median_seconds(lambda: find(content, names), repeat),
            median_seconds(extract, repeat))  # fmt: skip


def growth(names: Gazetteer, repeat: int) -> list[str]:
    lines = [
        "| one line, characters | ingest, s | mentions, s | extract, s | extract time / time at 10,000 "
        "| length / 10,000 |",
        "|---|---|---|---|---|---|",
    ]
    with tempfile.TemporaryDirectory() as folder:
        base = None
        for length in LENGTHS:
            ingest, mentions, extract = commands(line(SENTENCE, length), names, Path(folder), repeat)
            base = base or extract
            lines.append(f"| {length:,} | {ingest:.3f} | {mentions:.3f} | {extract:.3f} | {extract / base:.1f} | "
                         f"{length / 10_000:.0f} |")  # fmt: skip
        lines += ["", "| a line of 1,000,000 characters | ingest, s | mentions, s | extract, s |", "|---|---|---|---|"]
        for label, unit in (("sentences, full stops, footnote markers", SENTENCES), ("one word repeated", WORD)):
            ingest, mentions, extract = commands(line(unit, LENGTHS[-1]), names, Path(folder), repeat)
            lines.append(f"| {label} | {ingest:.3f} | {mentions:.3f} | {extract:.3f} |")
    return lines


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
    print(f"Growth, medians of {min(args.repeat, 3)} runs:\n")
    print("\n".join(growth(names, min(args.repeat, 3))))
    if (args.devset / "gold").is_dir():
        shown = os.path.relpath(args.devset, ROOT)
        print(f"\nThe development set ({shown}), `coi-graph evaluate --gold`:\n")
        print("\n".join(quality(args.devset, names)))
    else:
        print(f"\n(no development set at {args.devset}: quality not measured)")


if __name__ == "__main__":
    main()
