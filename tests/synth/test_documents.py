"""Generated documents (synth/documents.py): EUAA-style report sections with footnote markers and a footnote
list of citations, and news articles with a dateline; each read back by the real parsers as written, with
metadata in Turtle, unique ids, and the same document for the same seed."""

from __future__ import annotations

from datetime import date
from random import Random

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from coi_graph.documents import euaa, news
from coi_graph.documents.dates import TimeValue
from coi_graph.synth.documents import Generated, news_document, report_document
from coi_graph.synth.prose import Tally
from coi_graph.synth.registry import World
from coi_graph.synth.text import month_name_text, slug
from coi_graph.synth.world import build_world
from coi_graph.vocab import COI

DOC = "https://w3id.org/coi-graph/id/doc/"
ENT = "https://w3id.org/coi-graph/id/entity/"


@pytest.fixture(scope="module")
def world() -> World:
    return build_world(Random(1), [4])


def _report(world: World, seed: int, used: set[str] | None = None) -> Generated:
    theatre = world.theatres[0]
    return report_document(
        0, theatre, world, Random(seed), Tally(), date(2024, 3, 17), 7, set() if used is None else used
    )


def _news(world: World, seed: int, used: set[str] | None = None) -> Generated:
    theatre = world.theatres[0]
    return news_document(
        1, theatre, world, Random(seed), Tally(), date(2024, 5, 17), 7, set() if used is None else used
    )


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_report_section_reads_back_as_written(world: World, seed: int) -> None:
    generated = _report(world, seed)
    country = world.theatres[0].country.label
    assert generated.report and generated.doc_id.startswith(f"euaa-2024-03-{slug(country)}-")  # published 1 March
    section = generated.passage_prefix.removeprefix("s").removesuffix("-")
    assert generated.stem == f"{generated.doc_id}-s{section}"
    assert generated.text.startswith(f"Please cite as: EUAA, '[{section}. ")
    assert f"*COI Report - {country}: " in generated.text.split("\n", 1)[0]
    assert generated.text.endswith("© European Union Agency for Asylum 2025 | Email: info@euaa.europa.eu\n")
    parsed = euaa.parse(generated.text)
    assert parsed.warnings == []
    assert parsed.section_number == section and parsed.date == TimeValue(2024, 3)
    assert [p.text for p in parsed.passages] == [p.text for p in generated.passages]
    numbers = [f.number for f in generated.footnotes]
    assert numbers == list(range(numbers[0], numbers[0] + len(numbers)))  # numbered on from a random first
    assert [[m.number for m in p.markers] for p in parsed.passages] == [
        [f.number for _, f in p.markers] for p in generated.passages
    ]
    assert generated.claims == [c for p in generated.passages for c in p.claims]
    # every footnote cites works as the footnote list writes them, all published before the report
    assert [f.number for f in parsed.footnotes] == numbers
    for ours, theirs in zip(generated.footnotes, parsed.footnotes, strict=True):
        assert ours.works and len(theirs.citations) == len(ours.works)
        for index, (work, citation) in enumerate(zip(ours.works, theirs.citations, strict=True)):
            assert (citation.publisher, citation.title, citation.url) == (work.publisher.label, work.title, work.url)
            assert citation.date == TimeValue.from_date(work.day) and work.day < date(2024, 3, 1)
            assert citation.pages == ours.pages.get(index)
            assert work.url.startswith("https://www.") and ".example/" in work.url


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_a_news_article_reads_back_as_written(world: World, seed: int) -> None:
    generated = _news(world, seed)
    assert not generated.report and generated.footnotes == [] and generated.passage_prefix == ""
    assert generated.stem == generated.doc_id and "-2024-05-17-" in generated.doc_id
    first_line = generated.text.split("\n", 1)[0]
    assert first_line.startswith(" date 2024-05-17 ") and len(first_line) > len(" date 2024-05-17 ")
    assert news.looks_like(generated.text)
    parsed = news.parse(generated.text)
    assert parsed.warnings == [] and parsed.date == TimeValue(2024, 5, 17)
    assert parsed.title == first_line.removeprefix(" date 2024-05-17 ")
    assert [p.text for p in parsed.passages] == [p.text for p in generated.passages]
    assert all(not p.markers for p in generated.passages)
    assert (" reports citing " in generated.text) == (parsed.attribution is not None)


def test_metadata_is_turtle_naming_the_file_and_format(world: World) -> None:
    for generated, kind, fmt in (
        (_report(world, 1), COI.Report, "euaa-report"),
        (_news(world, 1), COI.NewsArticle, "news"),
    ):
        graph = Graph().parse(data=generated.metadata, format="turtle")
        doc = URIRef(DOC + generated.doc_id)
        assert (doc, RDF.type, kind) in graph
        assert graph.value(doc, COI.sourceFile) == Literal(f"{generated.stem}.txt")
        assert graph.value(doc, COI.sourceFormat) == Literal(fmt)
        assert graph.value(doc, COI.language) == Literal("en")
        assert "# Synthetic: written by 'coi-graph synth' (seed 7)." in generated.metadata
    report, article = _report(world, 1), _news(world, 1)
    assert (
        Graph().parse(data=report.metadata, format="turtle").value(URIRef(DOC + report.doc_id), COI.publisher) is None
    )
    publisher = Graph().parse(data=article.metadata, format="turtle").value(URIRef(DOC + article.doc_id), COI.publisher)
    assert publisher is not None and str(publisher).startswith(ENT)
    key = str(publisher).removeprefix(ENT)
    assert article.doc_id.startswith(f"{key}-2024-05-17-")  # named after its outlet


def test_ids_are_unique_within_a_corpus(world: World) -> None:
    used: set[str] = set()
    first, second, third = (_report(world, 5, used) for _ in range(3))
    assert second.doc_id == f"{first.doc_id}-2" and third.doc_id == f"{first.doc_id}-3"
    assert used == {first.doc_id, second.doc_id, third.doc_id}
    assert second.text == first.text  # the same draw, another id
    assert f"@prefix d:    <{DOC}{second.doc_id}/> ." in second.trig


def test_same_seed_same_document(world: World) -> None:
    for make in (_report, _news):
        one, again, other = make(world, 9), make(world, 9), make(world, 10)
        assert (one.text, one.metadata, one.trig) == (again.text, again.metadata, again.trig)
        assert one.text != other.text


def test_claims_file_and_month(world: World) -> None:
    generated = _report(world, 2)
    month = month_name_text(TimeValue(2024, 3))
    assert generated.trig.startswith("# Claims of EUAA, COI Report - ")
    assert f"({month}), section {generated.passage_prefix[1:-1]} " in generated.trig.split("\n", 1)[0]
    assert generated.trig.count(" a coi:Claim ;") == len(generated.claims) > 0
    assert [c.number for c in generated.claims] == list(range(1, len(generated.claims) + 1))
