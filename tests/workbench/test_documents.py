"""coi_graph.workbench.documents: the documents filed in data/documents/, found as the build finds them, and
what the workbench's actions need of them: a passage or sentence from its IRI, a claim drafted from a span of
words (its quote, sentence, footnotes and offsets in the file), a candidate's text and markers, and the
document's date; parsed once per version of the file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from coi_graph.extract.candidates import Candidate
from coi_graph.vocab import COI
from coi_graph.workbench.documents import Documents, filed_documents
from coi_graph.workbench.fields import FieldError, Span
from tests.conftest import DATA

DOC = URIRef("https://w3id.org/coi-graph/id/doc/euaa-2025-03-syria-country-focus")
NEWS = URIRef("https://w3id.org/coi-graph/id/doc/newsaz-2025-10-20-iraq-us-advisers")
P = f"{DOC}/s3.4-p"  # the EUAA section 3.4: passages s3.4-p1, sentences s3.4-p1-s1
TROOPS = (
    "According to the US Department of Defense, as of December 2024, there were around 2 000 US troops in the country."
)
RAW = (DATA / "documents" / "euaa-2025-03-syria-country-focus-s3.4.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def documents() -> Documents:
    return Documents(DATA)


def candidate(quote: str, passage: str, sentence: str | None) -> Candidate:
    return Candidate(1, "test", [], quote, URIRef(P + passage), URIRef(P + sentence) if sentence else None, 0, 0,
                     COI.Stated, 1.0)  # fmt: skip


def test_filed_documents_are_found_as_the_build_finds_them(tmp_path: Path) -> None:
    assert [(f.id, f.text_path.name) for f in filed_documents(DATA)] == [
        ("euaa-2025-03-syria-country-focus", "euaa-2025-03-syria-country-focus-s3.4.txt"),
        ("newsaz-2025-10-20-iraq-us-advisers", "newsaz-2025-10-20-iraq-us-advisers.txt"),
    ]
    folder = tmp_path / "data" / "documents"
    folder.mkdir(parents=True)
    (folder / "a.txt").write_text("text", encoding="utf-8")
    (tmp_path / "outside.txt").write_text("text", encoding="utf-8")
    head = "@prefix coi: <https://w3id.org/coi-graph/ontology#> . @prefix doc: <https://w3id.org/coi-graph/id/doc/> .\n"
    (folder / "a.ttl").write_text(head + 'doc:a coi:sourceFile "a.txt" .', encoding="utf-8")
    (folder / "b.ttl").write_text(head + 'doc:b coi:sourceFile "../../outside.txt" .', encoding="utf-8")
    (folder / "c.ttl").write_text(head + 'doc:c coi:sourceFile "missing.txt" .', encoding="utf-8")
    (folder / "d.ttl").write_text("this is not Turtle", encoding="utf-8")
    # a text outside the data directory, a text that is not there, a file that does not parse: passed over
    assert [f.id for f in filed_documents(tmp_path / "data")] == ["a"]


@pytest.mark.parametrize(("node", "ordinal", "sentence"), [("3-s1", 3, 1), ("3-s4", 3, 4), ("2", 2, None)])
def test_a_passage_or_sentence_from_its_iri(
    documents: Documents, node: str, ordinal: int, sentence: int | None
) -> None:
    passage, number = documents.passage(DOC, URIRef(P + node))
    assert (passage.ordinal, number) == (ordinal, sentence)
    assert documents.passage(DOC, URIRef(P + "3"))[0].text.startswith(TROOPS)


@pytest.mark.parametrize(
    ("node", "message"),
    [
        (P + "3-s5", "doc:euaa-2025-03-syria-country-focus/s3.4-p3-s5: the passage has 4 sentences"),
        (P + "99", "is no passage or sentence of doc:euaa-2025-03-syria-country-focus (e.g. "
                   "doc:euaa-2025-03-syria-country-focus/s3.4-p1, doc:euaa-2025-03-syria-country-focus/s3.4-p1-s2)"),
        (f"{NEWS}/p1", "is no passage or sentence of doc:euaa-2025-03-syria-country-focus"),
    ],
)  # fmt: skip
def test_a_node_that_is_no_passage_is_a_field_error(documents: Documents, node: str, message: str) -> None:
    with pytest.raises(FieldError) as raised:
        documents.passage(DOC, URIRef(node))
    assert raised.value.violation.field == "passage" and message in raised.value.violation.message


def test_a_claim_from_a_whole_sentence(documents: Documents) -> None:
    claim, span, offsets = documents.span(DOC, URIRef(P + "3-s1"), None, None)
    assert claim.quote == TROOPS and span.sentence_text == TROOPS
    assert (claim.passage, claim.sentence) == (URIRef(P + "3"), URIRef(P + "3-s1"))
    assert claim.footnotes == [URIRef(f"{DOC}/fn541")] and claim.footnote_labels == ["541"]
    assert (claim.modality, claim.rule) == (COI.Stated, "workbench")
    assert offsets == (claim.start, claim.end) and RAW[claim.start : claim.end] == TROOPS
    assert span.markers == (("541", URIRef(f"{DOC}/fn541")),)


def test_a_claim_from_selected_words_their_markers_and_bad_spans(documents: Documents) -> None:
    passage, _ = documents.passage(DOC, URIRef(P + "2"))
    at = passage.text.index("and the newly appointed")
    claim, _, _ = documents.span(DOC, URIRef(P + "2"), at, passage.text.index("Al-Shibani.") + len("Al-Shibani."))
    assert claim.footnote_labels == ["538"]  # the marker right after the words
    first, _, _ = documents.span(DOC, URIRef(P + "2"), 0, len("Soon after"))
    assert first.quote == "Soon after" and first.footnote_labels == ["537"]  # else the next one in the sentence
    across, _, _ = documents.span(DOC, URIRef(P + "2"), passage.text.index("Ahmad Al-Sharaa"), at + 3)
    # the file offsets step over the marker [537](#) that the clean text leaves out
    assert across.quote == "Ahmad Al-Sharaa, and"
    assert RAW[across.start : across.end] == "Ahmad Al-Sharaa,[537](#) and"
    claim, _, _ = documents.span(DOC, URIRef(P + "3"), 113, 130)  # from the space between two sentences
    assert claim.quote == "The US administr" and claim.sentence == URIRef(P + "3-s2")
    for start, end, message in [(113, 114, "the span holds only spaces"), (50, 10, "50:10 is not a span"),
                                (0, None, "give both the start and the end")]:  # fmt: skip
        with pytest.raises(FieldError, match=message):
            documents.span(DOC, URIRef(P + "3"), start, end)


def test_a_candidates_text_and_where_its_quote_stands(documents: Documents) -> None:
    c = candidate("around 2 000 US troops", "3", "3-s1")
    span, bounds = documents.candidate_span(DOC, c)
    assert span == Span(documents.passage(DOC, URIRef(P + "3"))[0].text, TROOPS, (("541", URIRef(f"{DOC}/fn541")),))
    assert bounds == (0, 113)
    start, end = documents.quote_offsets(DOC, c, bounds) or (0, 0)
    assert RAW[start:end] == "around 2 000 US troops"
    assert documents.quote_offsets(DOC, candidate("not in the text", "3", "3-s1"), bounds) is None
    with pytest.raises(FieldError, match="is not a sentence of"):
        documents.candidate_span(DOC, candidate("x", "3", "2-s1"))


def test_the_date_of_a_document_with_its_precision(documents: Documents) -> None:
    assert documents.published(NEWS) == Literal("2025-10-20", datatype=XSD.date)
    assert documents.published(DOC) == Literal("2025-03", datatype=XSD.gYearMonth)
    with pytest.raises(FieldError, match="is not filed in"):
        documents.source(URIRef("https://w3id.org/coi-graph/id/doc/unknown"))


def test_a_file_is_parsed_once_per_version(data_copy: Path) -> None:
    documents = Documents(data_copy)
    first = documents.source(NEWS)
    assert documents.source(NEWS) is first
    text = data_copy / "documents" / "newsaz-2025-10-20-iraq-us-advisers.txt"
    text.write_text(text.read_text(encoding="utf-8").replace("Washington and Baghdad", "Baghdad and Washington"),
                    encoding="utf-8")  # fmt: skip
    stamp = text.stat().st_mtime_ns + 1_000_000_000
    os.utime(text, ns=(stamp, stamp))
    again = documents.source(NEWS)
    assert again is not first
    assert again.parsed.passages[0].text.startswith("Baghdad and Washington")
