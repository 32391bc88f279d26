"""The synthetic corpus: it builds and validates with the real pipeline, it is deterministic, it grows
linearly, and its claims quote their passages."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from rdflib import Dataset, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import RDF

from coi_graph import synth
from coi_graph.cli.synth import register
from coi_graph.compile.pipeline import BuildResult, build
from coi_graph.compile.reference.load import load
from coi_graph.documents import euaa, news
from coi_graph.documents.model import ParsedDocument
from coi_graph.errors import CoiGraphError
from coi_graph.synth import SynthSummary, generate
from coi_graph.vocab import COI

DOC = "https://w3id.org/coi-graph/id/doc/"


def _built(result: BuildResult) -> int:
    return sum(result.summary.triples[k] for k in ("asserted", "plain", "derived", "inferred"))


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, SynthSummary]:
    out = tmp_path_factory.mktemp("synth") / "data"
    return out, generate(out, triples=10_000, seed=1)


@pytest.fixture(scope="module")
def built(corpus: tuple[Path, SynthSummary], tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    return build(corpus[0], tmp_path_factory.mktemp("synth-build") / "build")


def test_builds_and_validates_with_zero_violations(corpus: tuple[Path, SynthSummary], built: BuildResult) -> None:
    data, summary = corpus
    assert built.report.violations == []
    assert built.report.warnings == []
    assert built.summary.triples["asserted"] == summary.asserted_triples  # counted exactly, not estimated
    assert built.summary.counts["documents"] == summary.documents
    assert built.summary.counts["claims"] == summary.claims
    assert abs(_built(built) - 10_000) / 10_000 < 0.3
    assert {p.name for p in (data / "entities").iterdir()} == {
        "actors.ttl", "places.ttl", "positions.ttl", "publishers.ttl", "states.ttl"
    }  # fmt: skip


def test_documents_parse_without_warnings(corpus: tuple[Path, SynthSummary]) -> None:
    data, summary = corpus
    assert load(data).warnings == []
    texts = sorted((data / "documents").glob("*.txt"))
    assert len(texts) == summary.documents > 1
    for path in texts:
        content = path.read_text(encoding="utf-8")
        parsed = (news if news.looks_like(content) else euaa).parse(content)
        assert parsed.warnings == [], path.name
        assert parsed.title and parsed.date and parsed.passages


def test_same_seed_same_bytes(tmp_path: Path, corpus: tuple[Path, SynthSummary]) -> None:
    first = _files(corpus[0])
    generate(tmp_path / "again", triples=10_000, seed=1)
    assert _files(tmp_path / "again") == first
    # another process with another hash seed: nothing may depend on the order of a set
    script = "import sys; from pathlib import Path; from coi_graph.synth import generate; "
    script += "generate(Path(sys.argv[1]), triples=10_000, seed=1)"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, "-c", script, str(tmp_path / "process")], check=True, env=env)
    assert _files(tmp_path / "process") == first
    generate(tmp_path / "other", triples=10_000, seed=2)
    assert _files(tmp_path / "other") != first


def test_size_grows_linearly(tmp_path: Path, built: BuildResult) -> None:
    small, large = (generate(tmp_path / str(n), triples=n, seed=3) for n in (5_000, 20_000))
    assert large.documents > 3 * small.documents
    for summary in (small, large):
        assert abs(summary.estimated_built_triples - summary.target_triples) / summary.target_triples < 0.3
    ratio = (large.asserted_triples - 1218) / (small.asserted_triples - 1218)  # the ontology is fixed
    assert 4 * 0.7 < ratio < 4 * 1.3
    # and the real build: 5k against the 10k corpus built above
    half = build(tmp_path / "5000", tmp_path / "build-5000")
    assert 2 * 0.7 < _built(built) / _built(half) < 2 * 1.3


def _passages(data: Path) -> tuple[dict[str, str], dict[str, set[str]]]:
    """Each passage's text, and the footnotes whose marker stands in it, read with the parsers."""
    texts: dict[str, str] = {}
    markers: dict[str, set[str]] = {}
    for meta in sorted((data / "documents").glob("*.ttl")):
        content = meta.with_suffix(".txt").read_text(encoding="utf-8")
        parsed: ParsedDocument = (news if news.looks_like(content) else euaa).parse(content)
        doc = DOC + meta.read_text(encoding="utf-8").split("\ndoc:", 1)[1].split()[0]
        prefix = f"{doc}/s{parsed.section_number}-" if parsed.section_number else f"{doc}/"
        for passage in parsed.passages:
            iri = f"{prefix}p{passage.ordinal}"
            texts[iri] = passage.text
            markers[iri] = {f"{doc}/fn{m.number}" for m in passage.markers}
    return texts, markers


def test_claims_quote_their_passage_and_cite_its_footnotes(corpus: tuple[Path, SynthSummary]) -> None:
    data, summary = corpus
    texts, markers = _passages(data)
    claims = 0
    for path in sorted((data / "claims").glob("*.trig")):
        dataset = Dataset()
        dataset.parse(path, format="trig")
        description = dataset.graph(DATASET_DEFAULT_GRAPH_ID)
        for claim in description.subjects(RDF.type, COI.Claim):
            claims += 1
            passage = str(description.value(claim, COI.passage))
            assert str(description.value(claim, COI.quote)) in texts[passage], claim
            expression = description.value(claim, COI.timeExpression)
            assert expression is None or str(expression) in texts[passage], claim
            footnotes = {str(f) for f in description.objects(claim, COI.footnote)}
            assert footnotes <= markers[passage], claim
            assert footnotes or not markers[passage] or "/s" not in passage, claim  # report claims cite
            content = dataset.graph(URIRef(str(claim)))
            assert len(content) > 0
            for said in content.objects(None, COI.statementText):
                assert str(said) in texts[passage], claim
    assert claims == summary.claims


def _claims_per_passage(data: Path) -> dict[str, Counter[str]]:
    """How many claims each passage has, by document format, read from the claims files."""
    found: dict[str, Counter[str]] = {"report": Counter(), "news": Counter()}
    for path in sorted((data / "claims").glob("*.trig")):
        text = path.read_text(encoding="utf-8")
        declared = re.search(r"@prefix ([dn]): +<([^>]+)>", text)
        assert declared is not None
        prefix, namespace = declared.groups()
        for local in re.findall(rf"coi:passage {prefix}:(\S+) ;", text):
            found["report" if prefix == "d" else "news"][namespace + local] += 1
    return found


def test_distributions_follow_the_seed(tmp_path: Path) -> None:
    """The shares and densities measured on the seed corpus hold for a generated one (~60 documents)."""
    summary = generate(tmp_path, triples=100_000, seed=4)
    total = sum(weight for _, weight in synth.MODALITY_SHARES)
    for modality, weight in synth.MODALITY_SHARES:
        assert abs(summary.modalities.get(modality, 0) / summary.claims - weight / total) < 0.04, modality
    assert abs(summary.timed_claims / summary.claims - synth.SHARE_CLAIMS_WITH_TIME) < 0.04
    assert abs(summary.event_claims / summary.claims - synth.SHARE_EVENT_CLAIMS) < 0.06
    footnotes = synth.CITATIONS_PER_FOOTNOTE
    per_footnote = sum(n * k for n, k in footnotes) / sum(k for _, k in footnotes)
    assert abs(summary.citations / summary.footnotes / per_footnote - 1) < 0.15
    assert abs(summary.citations / summary.works - 26 / 19) < 0.15  # works cited again, as often as in the seed
    counts = _claims_per_passage(tmp_path)
    _, markers = _passages(tmp_path)
    report = list(counts["report"].values())
    news_ = list(counts["news"].values())
    marked = [len(markers[iri]) for iri in counts["report"]]
    assert abs(sum(report) / len(report) / synth.REPORT_CLAIMS_PER_PASSAGE - 1) < 0.2
    assert abs(sum(news_) / len(news_) / synth.NEWS_CLAIMS_PER_PASSAGE - 1) < 0.2
    assert abs(sum(marked) / len(marked) / synth.REPORT_MARKERS_PER_PASSAGE - 1) < 0.25


def test_refuses_to_mix_corpora(corpus: tuple[Path, SynthSummary]) -> None:
    with pytest.raises(CoiGraphError, match="already holds a corpus"):
        generate(corpus[0], triples=10_000, seed=9)


def test_command(tmp_path: Path) -> None:
    from coi_graph.cli.app import Group as _Group

    group = _Group("coi-graph")
    register(group)
    assert isinstance(group.commands["synth"], click.Command)
    runner = CliRunner()
    help_text = runner.invoke(group, ["synth", "--help"]).output
    assert "Examples:" in help_text and "--triples" in help_text
    out = tmp_path / "corpus"
    first = runner.invoke(group, ["synth", "--triples", "4000", "--seed", "5", "-o", str(out)])
    assert first.exit_code == 0, first.output
    assert "triples asserted" in first.stdout
    refused = runner.invoke(group, ["synth", "--triples", "4000", "-o", str(out)])
    assert refused.exit_code == 2
    assert "not empty" in refused.stderr
    forced = runner.invoke(group, ["synth", "--triples", "4000", "--seed", "6", "-o", str(out), "--force"])
    assert forced.exit_code == 0, forced.output
