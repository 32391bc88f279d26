"""coi_graph.workbench.coverage: the sentences in which an analyst found nothing to claim, kept as
``coi:NothingToClaim`` blocks in ``data/drafts/<document id>.coverage.ttl``: written sorted (the same decisions,
the same bytes) and read back as they were; incomplete blocks are passed over."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS, XSD

from coi_graph.vocab import COI
from coi_graph.workbench.coverage import NothingToClaim, decisions_path, parse, read, render

DOC = "euaa-2025-03-syria-country-focus"
SENTENCE = f"https://w3id.org/coi-graph/id/doc/{DOC}/s3.4-p"
CAPTION = NothingToClaim(SENTENCE + "1-s1", "a cross-reference to another report", "A. Analyst", date(2026, 11, 25))
REASON = 'quotes the report\'s title: "Syria – Security"\nand a new line'  # quotes and a line break: escaped
QUOTE = NothingToClaim(SENTENCE + "3-s2", REASON, "B. Reviewer", date(2026, 12, 1))


def test_the_file_of_a_document_is_beside_its_draft(tmp_path: Path) -> None:
    assert decisions_path(tmp_path / "drafts", DOC) == tmp_path / "drafts" / f"{DOC}.coverage.ttl"


def test_render_writes_one_block_per_sentence_sorted() -> None:
    text = render(DOC, [QUOTE, CAPTION])
    assert text == render(DOC, [CAPTION, QUOTE])  # the same decisions, the same bytes
    assert (
        text.splitlines()[0]
        == f"# Sentences of {DOC} in which an analyst found nothing to claim (coi-graph review --web)."
    )
    assert text.index(f"<{CAPTION.sentence}/nothing-to-claim>") < text.index(f"<{QUOTE.sentence}/nothing-to-claim>")
    block = text.split("\n\n")[1]
    assert block == (
        f"<{CAPTION.sentence}/nothing-to-claim> a coi:NothingToClaim ;\n"
        f"    coi:decisionOn <{CAPTION.sentence}> ;\n"
        '    skos:editorialNote "a cross-reference to another report" ;\n'
        '    coi:decidedBy "A. Analyst" ;\n'
        '    coi:decidedOn "2026-11-25"^^xsd:date .'
    )


def test_what_is_rendered_parses_back_to_the_same_decisions() -> None:
    text = render(DOC, [QUOTE, CAPTION])
    assert parse(text, "coverage.ttl") == {CAPTION.sentence: CAPTION, QUOTE.sentence: QUOTE}
    graph = Graph().parse(data=text, format="turtle")  # plain Turtle, as the shapes read it
    node = URIRef(QUOTE.sentence + "/nothing-to-claim")
    assert (node, RDF.type, COI.NothingToClaim) in graph
    assert graph.value(node, COI.decidedOn) == Literal("2026-12-01", datatype=XSD.date)


def test_read_a_file_and_a_missing_one(tmp_path: Path) -> None:
    path = decisions_path(tmp_path, DOC)
    assert read(path) == {}
    path.write_text(render(DOC, [CAPTION]), encoding="utf-8")
    assert read(path) == {CAPTION.sentence: CAPTION}


def test_incomplete_blocks_are_passed_over() -> None:
    text = f"""@prefix coi: <{COI}> . @prefix skos: <{SKOS}> . @prefix xsd: <{XSD}> .
<{SENTENCE}1-s1/n> a coi:NothingToClaim ; coi:decisionOn <{SENTENCE}1-s1> ; coi:decidedBy "A" ;
    coi:decidedOn "2026-11-25"^^xsd:date .
<{SENTENCE}1-s2/n> a coi:NothingToClaim ; coi:decisionOn <{SENTENCE}1-s2> ; skos:editorialNote "why" ;
    coi:decidedBy "A" ; coi:decidedOn "not a date"^^xsd:date .
<{SENTENCE}1-s3/n> a coi:NothingToClaim ; coi:decisionOn "{SENTENCE}1-s3" ; skos:editorialNote "why" ;
    coi:decidedBy "A" ; coi:decidedOn "2026-11-25"^^xsd:date .
<{SENTENCE}1-s4/n> a coi:NothingToClaim ; coi:decisionOn <{SENTENCE}1-s4> ; skos:editorialNote "why" ;
    coi:decidedBy "A" ; coi:decidedOn "2026-11-25"^^xsd:date .
"""
    # no reason; a date that is none; a sentence that is text, not an IRI: only the fourth is a decision
    assert parse(text, "coverage.ttl") == {
        SENTENCE + "1-s4": NothingToClaim(SENTENCE + "1-s4", "why", "A", date(2026, 11, 25))
    }
