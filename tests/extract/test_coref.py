"""Coreference in argument positions (extract/coref.py): pronouns, definite descriptions ("the group", "the
two cities") and a bare force noun ("troops") resolved to the entities of the last sentences, and nothing
resolved further back than the window allows."""

from __future__ import annotations

import pytest

from coi_graph.documents import sentences
from coi_graph.documents.dates import TimeValue
from coi_graph.documents.model import ParsedDocument, Passage
from coi_graph.extract import gazetteer
from coi_graph.extract.coref import Salience
from coi_graph.extract.engine import Extractor
from coi_graph.extract.entities import EntityTable
from coi_graph.extract.gazetteer import Gazetteer
from coi_graph.extract.layer import MentionLayer
from coi_graph.extract.mentions import find
from coi_graph.extract.phrases import build
from coi_graph.extract.records import Extraction
from coi_graph.extract.sentence import Sentence
from coi_graph.extract.tokens import tokenise
from tests.conftest import DATA


@pytest.fixture(scope="module")
def names() -> Gazetteer:
    return gazetteer.load(DATA)


class Reader:
    """Reads sentences one after the other as the engine does: mentions, phrases, descriptions, then the
    sentence is remembered."""

    def __init__(self, names: Gazetteer) -> None:
        self.names = names
        self.table = EntityTable(names)
        self.layer = MentionLayer(names, self.table, Extraction())
        self.salience = Salience()

    def read(self, text: str) -> Sentence:
        self.salience.sentence_no += 1
        passage = Passage(1, text, 0, len(text), 1, (), ((0, len(text)),))
        tokens = tokenise(text)
        phrases = build(tokens, self.layer.spans(passage, tokens, find(text, self.names)))
        for phrase in phrases:
            force = self.table.force_of(phrase.ent) if phrase.head == "force" else None
            phrase.ent = force or phrase.ent  # "Russian forces": the Russian Armed Forces
        phrases += self.salience.descriptions(tokens, phrases)
        sentence = Sentence(text, tokens, phrases, index=self.salience.sentence_no, pronoun=self.salience.pronoun)
        self.salience.remember(sentence, set())
        return sentence

    def pronoun(self, sentence: Sentence, word: str) -> str | None:
        token = next(t for t in sentence.tokens if t.low == word)
        ent = self.salience.pronoun(token, sentence)
        return ent.label if ent is not None else None


def resolved(sentence: Sentence) -> list[tuple[str, str, str | None]]:
    return [(sentence.span_text(p.start, p.end), p.ent.label, p.resolved_from) for p in sentence.phrases
            if p.resolved_from is not None]  # fmt: skip


def test_a_pronoun_is_an_entity_of_a_fitting_kind(names: Gazetteer) -> None:
    reader = Reader(names)
    reader.read("Erdogan met the SDF in Raqqa.")
    said = reader.read("He said it would leave.")
    assert reader.pronoun(said, "he") == "Recep Tayyip Erdoğan"  # a person
    assert reader.pronoun(said, "it") == "Syrian Democratic Forces"  # a state, government, group or organisation
    # in its own sentence, the nearest entity before it that no preposition governs
    own = reader.read("Türkiye said it controls Manbij.")
    assert reader.pronoun(own, "it") == "Turkey"


def test_a_pronoun_reaches_two_sentences_back_and_no_further(names: Gazetteer) -> None:
    reader = Reader(names)
    reader.read("Erdogan arrived in Baghdad.")
    reader.read("Nothing happened.")
    assert reader.pronoun(reader.read("He spoke."), "he") == "Recep Tayyip Erdoğan"
    reader = Reader(names)
    reader.read("Erdogan arrived in Baghdad.")
    reader.read("Nothing happened.")
    reader.read("Nothing more happened.")
    assert reader.pronoun(reader.read("He spoke."), "he") is None  # an unresolved pronoun: no guess


def test_definite_descriptions_are_the_last_entities_of_their_kind(names: Gazetteer) -> None:
    reader = Reader(names)
    reader.read("The SDF entered Raqqa after Türkiye struck Kobani and Manbij.")
    group = reader.read("The group was welcomed.")
    assert resolved(group) == [("The group", "Syrian Democratic Forces", "the group")]
    cities = reader.read("The two cities were shelled again.")
    assert resolved(cities) == [
        ("The two cities", "Ain Al-Arab", "the cities"),
        ("The two cities", "Manbij", "the cities"),
    ]
    # a capitalised word after it makes a title, not a description
    assert resolved(reader.read("The Group Commander spoke.")) == []


@pytest.mark.parametrize(("between", "expected"), [(2, "Syrian Democratic Forces"), (3, None)])
def test_a_description_reaches_three_sentences_back(names: Gazetteer, between: int, expected: str | None) -> None:
    reader = Reader(names)
    reader.read("The SDF entered the town.")
    for _ in range(between):
        reader.read("Nothing happened.")
    assert [label for _, label, _ in resolved(reader.read("The group left."))] == ([expected] if expected else [])


def test_a_bare_force_noun_opening_a_clause_is_the_one_force_named_before(names: Gazetteer) -> None:
    reader = Reader(names)
    reader.read("Russian forces are stationed at the Hmeimim air base.")
    left = reader.read("Two days later, the soldiers left.")
    assert resolved(left) == [("the soldiers", "Russian Armed Forces", "soldiers")]
    assert left.phrases[0].head == "force"
    # "government troops": modified, so not the force named before
    assert resolved(reader.read("Later, government troops left.")) == []
    # two forces named: no telling which
    reader.read("US forces and Turkish forces patrolled.")
    assert resolved(reader.read("Troops left.")) == []


def extract(text: str, names: Gazetteer) -> set[tuple[str, str, str | None]]:
    parsed = ParsedDocument(format="news", date=TimeValue.from_lexical("2024-06-14"))
    parsed.passages.append(Passage(1, text, 0, len(text), 1, (), tuple(sentences.split(text))))
    result = Extractor(parsed, names).run()
    return {(r.subject.label, r.relation, r.object.label if r.object else None) for r in result.relations}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The SDF entered the city on Monday. The group later captured Manbij.",
         {("Syrian Democratic Forces", "controls", "Manbij")}),
        ("Türkiye struck Kobani and Manbij. The two cities were shelled again by the Turkish Armed Forces.",
         {("Turkish Armed Forces", "attacks", "Manbij"), ("Turkish Armed Forces", "attacks", "Ain Al-Arab")}),
        ("Russian forces are stationed at the Hmeimim air base. Two days later, the soldiers left the Hmeimim air base.",
         {("Russian Armed Forces", "withdraws_from", "Hmeimim Air Base")}),
        ("Hezbollah fighters crossed the border. It was quiet. They attacked Israeli positions.",
         {("Hezbollah", "attacks", "Israel")}),
    ],
)  # fmt: skip
def test_resolved_arguments_give_relations(names: Gazetteer, text: str, expected: set[tuple[str, str, str]]) -> None:
    assert expected <= extract(text, names)


def test_an_unresolved_pronoun_gives_no_relation(names: Gazetteer) -> None:
    text = "Hezbollah fighters crossed the border. It was quiet. The night was calm. They attacked Israeli positions."
    assert not {r for r in extract(text, names) if r[1] == "attacks"}
