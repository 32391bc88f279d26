"""The corpus: generate(), its summary, and the calibration of its size."""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from random import Random

from coi_graph.errors import CoiGraphError
from coi_graph.synth.check import Checker
from coi_graph.synth.claimfiles import description_triples
from coi_graph.synth.documents import news_document, report_document
from coi_graph.synth.prose import Tally
from coi_graph.synth.registry import Theatre, registry_files
from coi_graph.synth.shares import (
    BUILT_FIXED,
    BUILT_OFFSET,
    BUILT_PER_ASSERTED,
    BUILT_PER_DOCUMENT,
    DOCUMENTS_PER_THEATRE,
    SHARE_REPORTS,
)
from coi_graph.synth.world import build_world

# =============================================================================================
# The corpus
# =============================================================================================


@dataclass(frozen=True)
class SynthSummary:
    """What generate() wrote."""

    out: Path
    seed: int
    target_triples: int
    documents: int
    reports: int
    articles: int
    theatres: int
    entities: int
    passages: int
    sentences: int
    footnotes: int
    citations: int
    works: int
    claims: int
    event_claims: int
    timed_claims: int
    modalities: dict[str, int]
    asserted_triples: int  # exactly what 'coi-graph build' counts as asserted
    estimated_built_triples: int  # asserted + plain + derived + inferred, from the calibration
    files: int
    bytes: int

    def render(self) -> str:
        modalities = ", ".join(f"{k.lower()} {v}" for k, v in sorted(self.modalities.items()))
        return (
            f"wrote {self.out} (seed {self.seed}, target {self.target_triples} triples): "
            f"{self.files} files, {self.bytes / 1e6:.1f} MB\n"
            f"documents {self.documents} ({self.reports} report sections, {self.articles} news articles) "
            f"in {self.theatres} theatre(s); entities {self.entities}\n"
            f"passages {self.passages}, sentences {self.sentences}, footnotes {self.footnotes}, "
            f"citations {self.citations}, works {self.works}\n"
            f"claims {self.claims} ({modalities}); with an event {self.event_claims}, with a time {self.timed_claims}\n"
            f"triples asserted {self.asserted_triples}, built about {self.estimated_built_triples}\n"
        )


def plan_documents(triples: int) -> int:
    """How many documents give about ``triples`` built triples."""
    return max(1, round((triples - BUILT_FIXED) / BUILT_PER_DOCUMENT))


def _theatre_sizes(documents: int) -> list[int]:
    full, rest = divmod(documents, DOCUMENTS_PER_THEATRE)
    return [DOCUMENTS_PER_THEATRE] * full + ([rest] if rest else [])


_CORPUS_FOLDERS = ("entities", "documents", "claims", "links")


def _prepare(out: Path, overwrite: bool) -> None:
    occupied = [out / name for name in _CORPUS_FOLDERS if (out / name).exists() and any((out / name).iterdir())]
    if occupied and not overwrite:
        raise CoiGraphError(
            f"{out} already holds a corpus ({', '.join(p.name for p in occupied)}); refusing to mix another into it",
            hint="choose another directory, or pass overwrite=True (--force) to replace it",
        )
    for path in occupied:
        shutil.rmtree(path)
    for name in ("entities", "documents", "claims"):
        (out / name).mkdir(parents=True, exist_ok=True)


def _write(path: Path, text: str) -> int:
    data = text.encode("utf-8")
    path.write_bytes(data)
    return len(data)


def _is_report(index: int, stream: str) -> bool:
    """Report sections and news articles in the seed's proportion, in blocks of ten in random order (a
    report section is about twice the size of an article, so that small corpora keep their size)."""
    block, position = divmod(index, 10)
    return position in Random(f"{stream}:kinds:{block}").sample(range(10), round(10 * SHARE_REPORTS))


def _document_day(theatre: Theatre, position: int, rng: Random) -> date:
    return theatre.start + timedelta(days=150 + 55 * position + rng.randint(-10, 10))


def generate(out: Path, *, triples: int, seed: int, overwrite: bool = False,
             progress: Callable[[int], None] | None = None) -> SynthSummary:  # fmt: skip
    """Write a synthetic corpus into ``out`` (entities/, documents/, claims/) whose build has about
    ``triples`` triples. ``progress`` is called with 1 after each document."""
    if triples < 1:
        raise ValueError("triples must be positive")
    documents = plan_documents(triples)
    stream = f"coi-graph-synth:{seed}"
    world = build_world(Random(f"{stream}:world"), _theatre_sizes(documents))
    _prepare(out, overwrite)
    size = files = 0
    for name, text in registry_files(world, seed).items():
        size += _write(out / "entities" / name, text)
        files += 1
    checker = Checker(world)
    asserted = len(checker.ontology) + sum(e.triples() for e in world.entities)
    tally, used = Tally(), set[str]()
    counts: Counter[str] = Counter()
    for index in range(documents):
        theatre = world.theatres[index // DOCUMENTS_PER_THEATRE]
        rng = Random(f"{stream}:document:{index}")
        day = _document_day(theatre, index % DOCUMENTS_PER_THEATRE, rng)
        make = report_document if _is_report(index, stream) else news_document
        generated = make(index, theatre, world, rng, tally, day, seed, used)
        for suffix, text in (("txt", generated.text), ("ttl", generated.metadata)):
            size += _write(out / "documents" / f"{generated.stem}.{suffix}", text)
        size += _write(out / "claims" / f"{generated.stem}.trig", generated.trig)
        files += 3
        asserted += checker.check(generated)
        asserted += sum(description_triples(c) + len(c.content()) for c in generated.claims)
        counts["reports" if generated.report else "articles"] += 1
        counts["passages"] += len(generated.passages)
        counts["footnotes"] += len(generated.footnotes)
        counts["citations"] += sum(len(f.works) for f in generated.footnotes)
        if progress is not None:
            progress(1)
    return SynthSummary(
        out=out, seed=seed, target_triples=triples, documents=documents, reports=counts["reports"],
        articles=counts["articles"], theatres=len(world.theatres), entities=len(world.entities),
        passages=counts["passages"], sentences=checker.sentences, footnotes=counts["footnotes"],
        citations=counts["citations"], works=len(checker.works), claims=tally.claims, event_claims=tally.events,
        timed_claims=tally.timed, modalities=dict(sorted(tally.modalities.items())), asserted_triples=asserted,
        estimated_built_triples=round(BUILT_PER_ASSERTED * asserted + BUILT_OFFSET),
        files=files, bytes=size,
    )  # fmt: skip


def calibrate(workdir: Path, documents: Iterable[int] = (2, 5, 10, 20, 40), seeds: Iterable[int] = (1, 2, 3)
              ) -> list[tuple[int, int, int, int]]:  # fmt: skip
    """Build generated corpora of several sizes with the real pipeline; (documents, seed, asserted,
    built) for each, from which BUILT_FIXED, BUILT_PER_DOCUMENT and BUILT_PER_ASSERTED are fitted.
    Slow: it runs the whole build. For maintainers, not for the command line."""
    from coi_graph.compile.pipeline import build

    rows = []
    for count in documents:
        for seed in seeds:
            target = BUILT_FIXED + count * BUILT_PER_DOCUMENT
            data = workdir / f"synth-{count}-{seed}"
            summary = generate(data, triples=target, seed=seed, overwrite=True)
            result = build(data, workdir / f"build-{count}-{seed}")
            built = sum(result.summary.triples[k] for k in ("asserted", "plain", "derived", "inferred"))
            rows.append((summary.documents, seed, summary.asserted_triples, built))
    return rows
