"""Parsing the seed documents: structure, footnotes, citations, works. Counts are hand-counted from the files."""

from __future__ import annotations

from pathlib import Path

import pytest

from coi_graph.documents import euaa, news
from coi_graph.documents.text import read_text
from coi_graph.errors import InputError
from tests.conftest import DATA

REPORT = DATA / "documents" / "euaa-2025-03-syria-country-focus-s3.4.txt"
ARTICLE = DATA / "documents" / "newsaz-2025-10-20-iraq-us-advisers.txt"

# footnote -> number of citations, read off the footnote list of section 3.4
CITATIONS_PER_FOOTNOTE = {
    537: 2, 538: 1, 539: 1, 540: 1, 541: 2, 542: 1, 543: 1, 544: 1, 545: 2,
    546: 3, 547: 4, 548: 1, 549: 1, 550: 1, 551: 1, 552: 1, 553: 1, 554: 1,
}  # fmt: skip


@pytest.fixture(scope="module")
def report() -> euaa.ParsedDocument:
    return euaa.parse(read_text(REPORT))


def test_report_metadata_from_the_cite_as_line(report: euaa.ParsedDocument) -> None:
    assert report.publisher_name == "EUAA"
    assert report.title == "COI Report - Syria: Country Focus"
    assert report.date is not None and report.date.lexical == "2025-03"
    assert (report.section_number, report.section_title) == ("3.4", "US-led coalition")
    assert report.cite_as is not None and report.cite_as.startswith("EUAA, '[3.4. US-led coalition](#)'")
    assert report.warnings == []


def test_report_footnotes_and_citations(report: euaa.ParsedDocument) -> None:
    assert {f.number: len(f.citations) for f in report.footnotes} == CITATIONS_PER_FOOTNOTE
    assert sum(CITATIONS_PER_FOOTNOTE.values()) == 26


def test_report_passages_and_markers(report: euaa.ParsedDocument) -> None:
    assert len(report.passages) == 5
    markers = [[m.number for m in p.markers] for p in report.passages]
    assert markers == [[], [537, 538, 539, 540], [541, 542, 543, 544], list(range(545, 554)), [554]]
    content = read_text(REPORT)
    for passage in report.passages:
        assert "](#)" not in passage.text.replace("\\(October 2024\\)](#)", "")
        for marker in passage.markers:
            assert content[marker.start : marker.end] == f"[{marker.number}](#)"
            # the clean text is the file's text without the markers, offsets included
            before = content[passage.start : marker.start]
            assert passage.text[: marker.text_offset] == euaa.MARKER.sub("", before)


def test_works_are_distinct_by_publisher_title_and_date(report: euaa.ParsedDocument) -> None:
    works = {(c.publisher, c.title, c.date) for f in report.footnotes for c in f.citations}
    publishers = {c.publisher for f in report.footnotes for c in f.citations}
    assert len(works) == 19
    assert publishers == {"INSS", "Al Jazeera", "NPR", "USDOD", "USIP", "SOHR", "NBC News"}
    sohr = {w for w in works if w[0] == "SOHR"}
    assert len(sohr) == 11


def test_footer_is_not_part_of_the_last_footnote(report: euaa.ParsedDocument) -> None:
    last = report.footnotes[-1]
    assert last.number == 554
    assert "European Union Agency for Asylum" not in last.raw


def test_news_article() -> None:
    article = news.parse(read_text(ARTICLE))
    assert article.date is not None and article.date.lexical == "2025-10-20"
    assert article.title == "Iraq confirms some US troops will remain due to ISIS threat in Syria"
    assert len(article.passages) == 6
    assert article.attribution is not None
    assert article.attribution.names == ("foreign media", "News.Az")
    content = read_text(ARTICLE)
    for passage in article.passages:
        assert content[passage.start : passage.end] == passage.text


def test_format_detection() -> None:
    assert news.looks_like(read_text(ARTICLE)) and not euaa.looks_like(read_text(ARTICLE))
    assert euaa.looks_like(read_text(REPORT)) and not news.looks_like(read_text(REPORT))


def test_markers_without_footnote_list_are_kept_with_a_warning() -> None:
    parsed = euaa.parse("1.1. Title\n\nA fact.[12](#) Another.[13](#)\n")
    assert [m.number for m in parsed.passages[0].markers] == [12, 13]
    assert parsed.footnotes == []
    assert any("no footnote list" in w for w in parsed.warnings)


def test_duplicate_and_unreferenced_footnotes_are_warned() -> None:
    text = "1.1. Title\n\nA fact.[1](#)\n\n- [1](#)\n\nA, B, 1 May 2024, [url](#)\n\n- [1](#)\n\nC, D, 2 May 2024\n\n- [2](#)\n\nE, F, 2024\n"
    parsed = euaa.parse(text)
    assert [f.number for f in parsed.footnotes] == [1, 2]
    assert any("listed twice" in w for w in parsed.warnings)
    assert any("footnote 2 is listed but no marker" in w for w in parsed.warnings)


def test_unreadable_files_are_clear_errors(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"abc\n\x00\x01")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("line one\ncaf\xe9\n".encode("latin-1"))
    with pytest.raises(InputError, match="empty"):
        read_text(empty)
    with pytest.raises(InputError, match=r"binary.txt:2: the file is binary"):
        read_text(binary)
    with pytest.raises(InputError, match=r"latin.txt:2:4: the file is not valid UTF-8"):
        read_text(latin)


def test_lines_are_numbered_as_an_editor_numbers_them() -> None:
    """Regression: form feeds (page breaks in text from PDFs), vertical tabs and U+2028 do not end a line,
    so the line an error names is the line an editor shows."""
    from coi_graph.documents.text import lines

    content = "\ufeffpage one\x0cpage two\r\nsecond\u2028still second\rthird\n\nfifth"
    numbered = [(line.number, line.text) for line in lines(content)]
    assert numbered == [(1, "page one\x0cpage two"), (2, "second\u2028still second"), (3, "third"), (4, ""),
                        (5, "fifth")]  # fmt: skip
    assert all(content[line.start : line.end] == line.text for line in lines(content))


def test_attribution_prefers_reports_citing_over_quoted_by_in_any_sentence() -> None:
    """The attribution is looked for sentence by sentence (linear on huge passages) with the same
    preference as before: 'X reports citing Y' anywhere in the passage wins over 'Y quoted by X'."""
    text = (" date 2025-10-20 Advisers stay\n\nTwo officials were quoted by Reuters as saying so. "
            "News.Az reports citing foreign media that advisers will remain.\n")  # fmt: skip
    parsed = news.parse(text)
    assert parsed.attribution is not None
    assert parsed.attribution.names == ("foreign media that advisers will remain", "News.Az")


def test_regression_an_outlet_named_with_its_article_is_the_attribution() -> None:
    """ "The Worar Post reported …" is read as "Worar Post"; the registry calls it "The Worar Post"
    (`coi-graph synth --triples 1000000` stopped on this: the attribution was left out, with a warning)."""
    from rdflib import Graph, Literal
    from rdflib.namespace import RDF, SKOS

    from coi_graph.documents.to_rdf import Resolver
    from coi_graph.namespaces import ENT
    from coi_graph.registry import LabelIndex
    from coi_graph.resources import ontology_path
    from coi_graph.vocab import COI

    registry = Graph()
    registry.add((ENT["worar-post"], RDF.type, COI.MediaOutlet))
    registry.add((ENT["worar-post"], SKOS.prefLabel, Literal("The Worar Post", lang="en")))
    ontology = Graph().parse(ontology_path())
    resolver = Resolver(LabelIndex(registry, ontology, COI.Publisher), LabelIndex(registry, ontology, COI.Actor))
    assert resolver.actor("Worar Post", "news.txt") == ENT["worar-post"]
    assert resolver.warnings == []
    assert resolver.actor("Daily Nowhere", "news.txt") is None and resolver.warnings
