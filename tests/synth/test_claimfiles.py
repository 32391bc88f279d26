"""Claims files (synth/claimfiles.py): each generated claim written in the TriG form of data/claims/, one named
graph of content per claim and its quote, passage, footnotes, modality and time in the default graph; and the
count of description triples that generate() adds to the asserted total."""

from __future__ import annotations

from datetime import date
from random import Random

from rdflib import Dataset, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import RDF, XSD

from coi_graph.documents.dates import TimeValue
from coi_graph.synth.claimfiles import claims_file, description_triples
from coi_graph.synth.documents import Generated, news_document, report_document
from coi_graph.synth.prose import Claim, Footnote, Node, Passage, Tally, Topic, When
from coi_graph.synth.world import build_world
from coi_graph.vocab import COI

NS = "https://w3id.org/coi-graph/"
TOPIC = Topic("strike", "A", "B", date(2024, 1, 1))


def _generated(passages: list[Passage], *, report: bool = True) -> Generated:
    claims = [c for p in passages for c in p.claims]
    return Generated("doc-x", "doc-x-s3.4", report, "", "", "", passages, claims, [], "s3.4-" if report else "")


def _hand_made() -> tuple[Generated, Claim, Claim]:
    strike = Node(
        "ev:strike-a-d1-01", ["coi:Strike"], "A strikes B",
        [("coi:agent", "ent:a"), ("coi:target", "ent:b"), ("coi:target", "ent:b"), ("coi:atPlace", "ent:c")],
    )  # fmt: skip
    first = Claim(
        'A struck "B" near C', "Reported", [strike],
        When("in early January 2024", point=TimeValue(2024, 1), approximate=True),
        according_to="ev:statement-kmd-d1-02", footnotes=[Footnote(TOPIC, 5), Footnote(TOPIC, 5), Footnote(TOPIC, 6)],
    )  # fmt: skip
    second = Claim(
        "X, the President", "Stated", [Node("ent:x", props=[("coi:holdsPosition", "ent:p"), ("coi:leads", "ent:g")])],
        tenure=("coi:Current",),
    )  # fmt: skip
    passages = [Passage("For information, see section 1.2.3.", cross_reference=True), Passage("...", claims=[first]),
                Passage("...", claims=[second])]  # fmt: skip
    return _generated(passages), first, second


def test_a_claim_is_written_as_data_claims_writes_it() -> None:
    generated, first, second = _hand_made()
    text = claims_file(generated, 'EUAA, COI Report (March 2024), section 3.4 "Strikes"')
    assert text.startswith('# Claims of EUAA, COI Report (March 2024), section 3.4 "Strikes".\n')
    assert f"@prefix d:    <{NS}id/doc/doc-x/> .\n@prefix c:    <{NS}id/claim/doc-x/> .\n" in text
    assert "# Passage 1 is a cross-reference and states no fact.\n" in text
    assert (first.passage, first.number, second.passage, second.number) == (2, 1, 3, 2)
    assert (
        "c:01 {\n"
        "    ev:strike-a-d1-01 a coi:Strike ;\n"
        '        rdfs:label "A strikes B"@en ;\n'
        "        coi:agent ent:a ;\n"
        "        coi:target ent:b ;\n"  # a value given twice is written once
        "        coi:atPlace ent:c .\n"
        "}\n"
        "c:01 a coi:Claim ;\n"
        '    coi:quote "A struck \\"B\\" near C" ;\n'
        "    coi:passage d:s3.4-p2 ;\n"
        "    coi:footnote d:fn5, d:fn6 ;\n"
        "    coi:modality coi:Reported ;\n"
        "    coi:accordingTo ev:statement-kmd-d1-02 ;\n"
        '    coi:pointInTime "2024-01"^^xsd:gYearMonth ;\n'
        "    coi:timeApproximate true ;\n"
        '    coi:timeExpression "in early January 2024" .\n'
    ) in text
    assert (
        "c:02 {\n"
        "    ent:x coi:holdsPosition ent:p .\n"
        "    ent:x coi:leads ent:g .\n"
        "}\n"
        "c:02 a coi:Claim ;\n"
        '    coi:quote "X, the President" ;\n'
        "    coi:passage d:s3.4-p3 ;\n"
        "    coi:modality coi:Stated ;\n"
        "    coi:tenure coi:Current .\n"
    ) in text


def test_description_triples_counts_what_is_written() -> None:
    _, first, second = _hand_made()
    # type, quote, passage, modality; two footnotes; according to; a point, approximate, an expression
    assert description_triples(first) == 4 + 2 + 1 + 3
    assert description_triples(second) == 4 + 1  # and a tenure
    untimed = Claim("q", "Stated", [], When("lately"))  # an expression that gives no value is not written
    assert description_triples(untimed) == 4


def _dataset(text: str) -> Dataset:
    dataset = Dataset()
    dataset.parse(data=text, format="trig")
    return dataset


def test_the_hand_made_file_parses_as_trig() -> None:
    generated, first, _ = _hand_made()
    dataset = _dataset(claims_file(generated, "test"))
    claim = URIRef(f"{NS}id/claim/doc-x/01")
    description = dataset.graph(DATASET_DEFAULT_GRAPH_ID)
    assert (claim, RDF.type, COI.Claim) in description
    assert description.value(claim, COI.quote) == Literal(first.quote)
    assert description.value(claim, COI.passage) == URIRef(f"{NS}id/doc/doc-x/s3.4-p2")
    assert set(description.objects(claim, COI.footnote)) == {URIRef(f"{NS}id/doc/doc-x/fn{n}") for n in (5, 6)}
    assert description.value(claim, COI.pointInTime) == Literal("2024-01", datatype=XSD.gYearMonth)
    assert description.value(claim, COI.modality) == COI.Reported
    assert len(dataset.graph(claim)) == 1 + 1 + 1 + 1 + 1  # type, label, agent, target once, place


def test_generated_files_parse_with_the_counted_triples() -> None:
    world = build_world(Random(4), [2])
    theatre = world.theatres[0]
    report = report_document(0, theatre, world, Random(1), Tally(), date(2024, 6, 3), 1, set())
    article = news_document(1, theatre, world, Random(2), Tally(), date(2024, 6, 20), 1, set())
    for generated, prefix in ((report, report.passage_prefix), (article, "")):
        dataset = _dataset(generated.trig)
        description = dataset.graph(DATASET_DEFAULT_GRAPH_ID)
        claims = sorted(description.subjects(RDF.type, COI.Claim))
        assert len(claims) == len(generated.claims) > 0
        for claim in generated.claims:
            iri = URIRef(f"{NS}id/claim/{generated.doc_id}/{claim.number:02d}")
            assert len(list(description.triples((iri, None, None)))) == description_triples(claim)
            assert len(dataset.graph(iri)) == len(claim.content())
            assert description.value(iri, COI.quote) == Literal(claim.quote)
            passage = f"{NS}id/doc/{generated.doc_id}/{prefix}p{claim.passage}"
            assert description.value(iri, COI.passage) == URIRef(passage)
            assert claim in generated.passages[claim.passage - 1].claims
        assert (generated.trig.count("d:fn") > 0) == generated.report  # only report claims cite footnotes
