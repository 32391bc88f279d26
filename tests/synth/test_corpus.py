"""The corpus (synth/corpus.py): how many documents a size asks for, generate() writing a whole data directory
with a summary that counts what it wrote, the same bytes for the same seed, refusing to mix corpora, and the
calibration of the size against real builds."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import SKOS

from coi_graph.documents import euaa, news
from coi_graph.errors import CoiGraphError
from coi_graph.synth.corpus import SynthSummary, calibrate, generate, plan_documents
from coi_graph.synth.shares import BUILT_FIXED, BUILT_OFFSET, BUILT_PER_ASSERTED, BUILT_PER_DOCUMENT

TWO = BUILT_FIXED + 2 * BUILT_PER_DOCUMENT  # two documents; seed 3 makes one a report section, one an article


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, SynthSummary]:
    out = tmp_path_factory.mktemp("corpus") / "data"
    return out, generate(out, triples=TWO, seed=3)


@pytest.mark.parametrize(
    ("triples", "documents"),
    [
        (1, 1),  # never fewer than one
        (BUILT_FIXED, 1),
        (BUILT_FIXED + BUILT_PER_DOCUMENT, 1),
        (BUILT_FIXED + 3 * BUILT_PER_DOCUMENT, 3),
        (BUILT_FIXED + 3 * BUILT_PER_DOCUMENT + BUILT_PER_DOCUMENT // 2 + 1, 4),  # rounded
        (10_000, 5),
        (100_000, 57),
    ],
)
def test_plan_documents(triples: int, documents: int) -> None:
    assert plan_documents(triples) == documents


def test_generate_writes_a_data_directory_and_counts_it(corpus: tuple[Path, SynthSummary]) -> None:
    out, summary = corpus
    files = _files(out)
    texts = sorted(name for name in files if name.endswith(".txt"))
    assert sorted(name for name in files if name.startswith("entities/")) == [
        "entities/actors.ttl", "entities/places.ttl", "entities/positions.ttl", "entities/publishers.ttl",
        "entities/states.ttl",
    ]  # fmt: skip
    assert len(texts) == summary.documents == 2 and (summary.reports, summary.articles) == (1, 1)
    for text in texts:
        stem = text.removeprefix("documents/").removesuffix(".txt")
        assert f"documents/{stem}.ttl" in files and f"claims/{stem}.trig" in files
    assert summary.files == len(files) == 5 + 3 * 2
    assert summary.bytes == sum(len(data) for data in files.values())
    assert (summary.out, summary.seed, summary.target_triples, summary.theatres) == (out, 3, TWO, 1)
    registry = Graph()
    for name in files:
        if name.startswith("entities/"):
            registry.parse(out / name, format="turtle")
    assert summary.entities == len(set(registry.subjects(SKOS.prefLabel)))
    parsed = [(news if news.looks_like(c) else euaa).parse(c) for c in (files[t].decode("utf-8") for t in texts)]
    assert summary.passages == sum(len(p.passages) for p in parsed)
    assert summary.sentences == sum(len(s.sentences) for p in parsed for s in p.passages)
    assert summary.footnotes == sum(len(p.footnotes) for p in parsed) > 0
    assert summary.citations == sum(len(f.citations) for p in parsed for f in p.footnotes)
    claims = sum(data.decode("utf-8").count(" a coi:Claim ;") for name, data in files.items() if name.endswith(".trig"))
    assert summary.claims == claims == sum(summary.modalities.values())
    assert list(summary.modalities) == sorted(summary.modalities)
    assert 0 < summary.event_claims < summary.claims and 0 < summary.timed_claims < summary.claims
    assert summary.estimated_built_triples == round(BUILT_PER_ASSERTED * summary.asserted_triples + BUILT_OFFSET)


def test_render(corpus: tuple[Path, SynthSummary]) -> None:
    out, summary = corpus
    lines = summary.render().splitlines()
    assert lines[0] == f"wrote {out} (seed 3, target {TWO} triples): 11 files, {summary.bytes / 1e6:.1f} MB"
    assert lines[1] == f"documents 2 (1 report sections, 1 news articles) in 1 theatre(s); entities {summary.entities}"
    assert lines[3].startswith(f"claims {summary.claims} (intended ") and "stated" in lines[3]
    assert lines[4] == (f"triples asserted {summary.asserted_triples}, built about {summary.estimated_built_triples}")


def test_same_seed_same_bytes_another_seed_other_bytes(tmp_path: Path, corpus: tuple[Path, SynthSummary]) -> None:
    out, _ = corpus
    calls: list[int] = []
    again = generate(tmp_path / "again", triples=TWO, seed=3, progress=calls.append)
    assert calls == [1, 1]  # once per document
    first = _files(out)
    assert _files(tmp_path / "again") == first
    assert again.asserted_triples == corpus[1].asserted_triples
    generate(tmp_path / "other", triples=TWO, seed=4)
    other = _files(tmp_path / "other")
    assert other != first and other["entities/states.ttl"] != first["entities/states.ttl"]


def test_refuses_to_mix_corpora_unless_told_to_overwrite(tmp_path: Path) -> None:
    out = tmp_path / "data"
    (out / "links").mkdir(parents=True)
    (out / "links" / "old.ttl").write_text("# an old link\n", encoding="utf-8")
    (out / "notes.txt").write_text("kept\n", encoding="utf-8")
    with pytest.raises(CoiGraphError, match=r"already holds a corpus \(links\); refusing to mix"):
        generate(out, triples=1, seed=1)
    assert not (out / "entities").exists()  # nothing written
    summary = generate(out, triples=1, seed=1, overwrite=True)
    assert not (out / "links").exists() and (out / "notes.txt").read_text(encoding="utf-8") == "kept\n"
    assert summary.documents == 1 and len(list((out / "claims").iterdir())) == 1
    with pytest.raises(CoiGraphError, match=r"already holds a corpus \(entities, documents, claims\)"):
        generate(out, triples=1, seed=2)
    with pytest.raises(ValueError, match="triples must be positive"):
        generate(tmp_path / "none", triples=0, seed=1)


def test_calibrate_builds_each_size_with_the_real_pipeline(tmp_path: Path) -> None:
    ((documents, seed, asserted, built),) = calibrate(tmp_path, documents=(1,), seeds=(2,))
    summary = generate(tmp_path / "same", triples=BUILT_FIXED + BUILT_PER_DOCUMENT, seed=2)
    assert (documents, seed, asserted) == (1, 2, summary.asserted_triples)
    assert (tmp_path / "synth-1-2" / "entities").is_dir() and (tmp_path / "build-1-2").is_dir()
    assert built > asserted  # plain, derived and inferred triples on top
    assert abs(built - summary.estimated_built_triples) / built < 0.2  # the fit holds at one document too
