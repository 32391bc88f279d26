"""coi_graph.workbench.fields: the fields of a claim an analyst edits as text, checked before anything is
written: dates with their precision, the relation and the type each end must have (from the ontology and
shapes/relations.ttl), events edited as a relation, modality, footnotes among the sentence's markers, and a
quote and time expression that stand in the text; each problem a Violation tied to its field."""

from __future__ import annotations

from dataclasses import replace

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from coi_graph.extract.draft import DraftCandidate
from coi_graph.namespaces import ENT, EV
from coi_graph.vocab import COI
from coi_graph.workbench.fields import (
    Content,
    Entities,
    FieldError,
    Schema,
    Span,
    Violation,
    apply_edits,
    check,
    content_of,
    later,
    parse_date,
)

DOC = "https://w3id.org/coi-graph/id/doc/d"
PASSAGE = "In March 2025, the SDF supported the United States against ISIS. Later it stopped."
SENTENCE = "In March 2025, the SDF supported the United States against ISIS."
SPAN = Span(PASSAGE, SENTENCE, (("541", URIRef(DOC + "/fn541")), ("542", None)))  # 542: a marker without a note
PUBLISHED = Literal("2025-04-01", datatype=XSD.date)


@pytest.fixture(scope="module")
def schema() -> Schema:
    return Schema.load()


@pytest.fixture(scope="module")
def entities() -> Entities:
    registry = Graph()
    for name, cls, label in [
        ("sdf", COI.NonStateArmedGroup, "Syrian Democratic Forces"),
        ("usa", COI.State, "United States"),
        ("isis", COI.NonStateArmedGroup, "ISIS"),
        ("al-tanf-base", COI.MilitaryBase, "al-Tanf base"),
    ]:
        registry.add((ENT[name], RDF.type, cls))
        registry.add((ENT[name], SKOS.prefLabel, Literal(label, lang="en")))
    return Entities.of(registry)


@pytest.fixture
def candidate() -> DraftCandidate:
    return DraftCandidate(number=1, rule="r", triples=[(ENT.sdf, COI.supports, ENT.usa)], quote="the SDF supported",
                          passage=URIRef(DOC + "/p1"), sentence=URIRef(DOC + "/p1-s1"), start=0, end=10,
                          modality=COI.Stated, score=0.9)  # fmt: skip


Edited = tuple[DraftCandidate, list[Violation]]


def edit(candidate: DraftCandidate, schema: Schema, entities: Entities, **edits: str) -> Edited:
    return apply_edits(candidate, edits, schema=schema, entities=entities, span=SPAN, published=PUBLISHED, seed="d-1")


@pytest.mark.parametrize(
    ("value", "precision", "lexical", "datatype"),
    [
        ("2025-03-14", "", "2025-03-14", XSD.date),
        (" 2025-03 ", "", "2025-03", XSD.gYearMonth),
        ("2025", "", "2025", XSD.gYear),
        ("2025-03-14", "Month", "2025-03", XSD.gYearMonth),  # cut to the precision asked
        ("2025-03-14", "year", "2025", XSD.gYear),
    ],
)
def test_a_date_carries_its_precision_in_its_datatype(
    value: str, precision: str, lexical: str, datatype: URIRef
) -> None:
    assert parse_date(value, precision, "start") == Literal(lexical, datatype=datatype)


@pytest.mark.parametrize(
    ("value", "precision", "field", "message"),
    [
        ("2025", "day", "end", "'2025' has no day: write it as 2025-03-14, or choose year precision"),
        ("2025-02-30", "", "end", "'2025-02-30' is not a real day: check the month and the day"),
        ("2025-13", "", "end", "'2025-13' is not a real month"),
        ("March 2025", "", "end", "'March 2025' is not a date: write 2025-03-14, 2025-03 or 2025"),
        ("2025", "week", "end_precision", "'week' is not a precision: write day, month or year"),
    ],
)
def test_a_date_that_is_none_is_a_field_error(value: str, precision: str, field: str, message: str) -> None:
    with pytest.raises(FieldError) as raised:
        parse_date(value, precision, "end")
    assert raised.value.violation.field == field and raised.value.violation.message.startswith(message)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [("2025-04", "2025-03-31", True), ("2025-03", "2025-03-31", False), ("2025-03-14", "2025", False),
     ("2026", "2025-12-31", True), ("2025-03-01", "2025-03-02", False)],
)  # fmt: skip
def test_later_compares_at_the_precision_both_share(a: str, b: str, expected: bool) -> None:
    assert later(Literal(a), Literal(b)) is expected


def test_the_classes_each_end_must_have_and_content_as_one_relation(schema: Schema) -> None:
    assert schema.ends(COI.supports) == (COI.Actor, COI.Actor)
    assert schema.ends(COI.stationedAt) == (COI.Actor, COI.Place)
    assert schema.ends(COI.Strike) == (COI.Actor, COI.Actor)  # an event's roles: agent and target
    assert schema.events[COI.Meeting] == (COI.participant, COI.participant)
    assert schema.is_a({COI.NonStateArmedGroup}, COI.Actor) and not schema.is_a({COI.MilitaryBase}, COI.Actor)
    assert content_of([(ENT.sdf, COI.supports, ENT.usa)], schema) == Content(ENT.sdf, COI.supports, ENT.usa)
    meeting = EV["m"]
    triples = [(meeting, RDF.type, COI.Meeting), (meeting, COI.participant, ENT.usa),
               (meeting, COI.participant, ENT.sdf)]  # fmt: skip
    # participants of a meeting: the first (by IRI) is the subject, the second the object
    assert content_of(triples, schema) == Content(ENT.sdf, COI.Meeting, ENT.usa, meeting)
    assert content_of([(ENT.sdf, COI.supports, ENT.usa), (ENT.sdf, COI.fights, ENT.isis)], schema) is None


def test_good_edits_change_a_copy_and_nothing_is_wrong(candidate: DraftCandidate, schema: Schema,
                                                       entities: Entities) -> None:  # fmt: skip
    edited, violations = edit(candidate, schema, entities, object="ent:isis", modality="Reported", start="2025-03",
                              end="2025-03-14", footnotes="541 542", attributed_to="ent:sdf",
                              time_expression=" In March 2025 ")  # fmt: skip
    assert violations == []
    assert edited.triples == [(ENT.sdf, COI.supports, ENT.isis)] and edited.modality == COI.Reported
    assert (edited.time_property, edited.time_value, edited.time_end) == (
        COI.startTime, Literal("2025-03", datatype=XSD.gYearMonth), Literal("2025-03-14", datatype=XSD.date)
    )  # fmt: skip
    assert edited.footnote_labels == ["541", "542"] and edited.footnotes == [URIRef(DOC + "/fn541")]
    assert (edited.attributed_to, edited.time_expression) == (ENT.sdf, "In March 2025")
    assert candidate.triples == [(ENT.sdf, COI.supports, ENT.usa)] and candidate.modality == COI.Stated


def test_each_bad_edit_is_a_violation_of_its_field(candidate: DraftCandidate, schema: Schema,
                                                   entities: Entities) -> None:  # fmt: skip
    _, violations = edit(candidate, schema, entities, object="ent:al-tanf-base", start="2025-03", end="2024-12",
                         colour="red", modality="rumoured")  # fmt: skip
    assert [(v.field, v.message) for v in violations] == [
        ("colour", "not a field of a claim: use one of subject, relation, object, start, start_precision, end, "
                   "end_precision, modality, attributed_to, according_to, quote, time_expression, footnotes, triples"),
        ("modality", "'rumoured' is not a modality: one of stated, reported, claimed, planned, intended, possible, "
                     "presupposed, negated"),
        ("object", "ent:al-tanf-base (al-Tanf base) is a military base, not an actor: coi:supports takes an actor "
                   "as its object. Pick another entity or another relation."),
        ("end", "the end (2024-12) is before the start (2025-03): correct one of them"),
    ]  # fmt: skip
    # as a form shows it, or a spreadsheet with its row and column
    assert violations[-1].render() == "end: the end (2024-12) is before the start (2025-03): correct one of them"
    assert replace(violations[-1], row=3, column="E").render().startswith("row 3, column E: the end (2024-12)")
    assert replace(violations[-1], row=3).render().startswith("row 3, column end: ")
    _, violations = edit(candidate, schema, entities, footnotes="541 999", relation="coi:nonsense")
    assert {v.field for v in violations} == {"footnotes", "relation"}
    assert "999: no footnote marker of the claim's sentence has that label; its markers: 541, 542" in [
        v.message for v in violations
    ]


def test_a_relation_changed_to_an_event_makes_a_named_event(candidate: DraftCandidate, schema: Schema,
                                                            entities: Entities) -> None:  # fmt: skip
    edited, violations = edit(candidate, schema, entities, relation="coi:Strike", object="ent:isis")
    assert violations == []
    (node, _, _), *_ = edited.triples
    assert str(node).startswith(str(EV) + "d-1-strike-")
    assert set(edited.triples) == {
        (node, RDF.type, COI.Strike),
        (node, RDFS.label, Literal("strike: Syrian Democratic Forces → ISIS", lang="en")),
        (node, COI.agent, ENT.sdf),
        (node, COI.target, ENT.isis),
    }
    again, _ = edit(candidate, schema, entities, relation="coi:Strike", object="ent:isis")
    assert again.triples == edited.triples  # the same seed and ends, the same event IRI


def test_check_finds_what_is_wrong_with_a_claim_about_to_be_filed(candidate: DraftCandidate, schema: Schema,
                                                                  entities: Entities) -> None:  # fmt: skip
    def fields(c: DraftCandidate, span: Span = SPAN) -> list[str]:
        return [v.field for v in check(c, schema=schema, entities=entities, span=span, published=PUBLISHED)]

    assert fields(candidate) == []
    assert fields(replace(candidate, quote="SDF supports")) == ["quote"]  # not verbatim in the sentence
    assert fields(replace(candidate, quote="Later it stopped.")) == ["quote"]  # in the passage, not the sentence
    assert fields(replace(candidate, quote="Later it stopped."), Span(PASSAGE, None)) == []
    assert fields(replace(candidate, quote=" ")) == ["quote"]
    assert fields(replace(candidate, time_expression="in April")) == ["time_expression"]
    assert fields(replace(candidate, triples=[(ENT.sdf, COI.supports, ENT.nobody)])) == ["object"]
    assert fields(replace(candidate, attributed_to=ENT["al-tanf-base"])) == ["attributed_to"]
    after = Literal("2025-05", datatype=XSD.gYearMonth)  # after the document's date
    assert fields(replace(candidate, time_property=COI.pointInTime, time_value=after)) == ["start"]
    assert fields(replace(candidate, time_property=COI.pointInTime, time_value=after, modality=COI.Planned)) == []
