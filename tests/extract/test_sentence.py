"""The sentence the relation patterns see (coi_graph.extract.sentence.Sentence), built as the engine builds it
(extract/engine.py: tokens of the sentence's span of its passage, the phrases over the seed registry's
mentions, a state's forces read as its armed forces, descriptions, the pronoun resolver): its tokens and
phrases, coordination, and the moves of the shallow parse (subject, object, agent of a passive, antecedent
of a relative pronoun, embedded stretches and clause bounds)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from coi_graph.documents.model import Passage
from coi_graph.extract import gazetteer
from coi_graph.extract.coref import Salience
from coi_graph.extract.entities import EntityTable
from coi_graph.extract.ents import Ent, Phrase
from coi_graph.extract.gazetteer import Gazetteer
from coi_graph.extract.layer import MentionLayer
from coi_graph.extract.mentions import find
from coi_graph.extract.phrases import build
from coi_graph.extract.records import Extraction
from coi_graph.extract.sentence import Sentence
from coi_graph.extract.tokens import Token, tokenise
from tests.conftest import DATA

ENT = "https://w3id.org/coi-graph/id/entity/"
SDF = "Syrian Democratic Forces"
ISIL = "Islamic State (ISIL)"

Pronoun = Callable[[Token, Sentence], Ent | None]


@pytest.fixture(scope="module")
def names() -> Gazetteer:
    return gazetteer.load(DATA)


def read(names: Gazetteer, text: str, *, before: str = "", pronoun: Pronoun | None = None) -> Sentence:
    """The last sentence of a passage ``before + text``, as Extractor._passage and _sentence make it."""
    passage_text = before + text
    start, end = len(before), len(passage_text)
    table = EntityTable(names)
    layer = MentionLayer(names, table, Extraction())
    salience = Salience()
    salience.sentence_no += 1
    passage = Passage(1, passage_text, 0, end, 1, (), ((0, start), (start, end)) if before else ((0, end),))
    found = [m for m in find(passage_text, names, candidates=True) if m.start >= start and m.end <= end]
    tokens = tokenise(passage_text, start, end)
    phrases = build(tokens, layer.spans(passage, tokens, found))
    for phrase in phrases:
        if phrase.head == "force" and phrase.ent.category == "state":
            force = table.force_of(phrase.ent)  # "US forces": the US armed forces
            if force is not None:
                phrase.ent = force
    phrases += salience.descriptions(tokens, phrases)
    return Sentence(passage_text, tokens, phrases, index=salience.sentence_no, pronoun=pronoun or salience.pronoun)


def labels(phrases: list[Phrase]) -> list[str]:
    return [p.ent.label for p in phrases]


def at(sentence: Sentence, word: str) -> int:
    """The index of the token ``word`` (its only occurrence)."""
    (k,) = [t.index for t in sentence.tokens if t.text == word]
    return k


def test_tokens_and_phrases_point_into_the_passage_text(names: Gazetteer) -> None:
    before = "Fighting went on. "
    s = read(names, "Türkiye and the SDF attacked ISIS positions near Raqqa.", before=before)
    assert s.text.startswith(before) and (s.start, s.end) == (len(before), len(s.text))
    assert [t.text for t in s.tokens] == ["Türkiye", "and", "the", "SDF", "attacked", "ISIS", "positions", "near",
                                          "Raqqa", "."]  # fmt: skip
    assert s.n == 10 and s.index == 1
    shown = [(p.start, p.end, p.ent.label, p.head, s.span_text(p.start, p.end)) for p in s.phrases]
    assert shown == [
        (0, 1, "Turkey", "name", "Türkiye"),
        (3, 4, SDF, "name", "SDF"),
        (5, 7, ISIL, "facility", "ISIS positions"),  # ISIL's positions: the group is the actor behind the head
        (8, 9, "Raqqa Governorate", "name", "Raqqa"),
    ]
    assert [p.ent.iri for p in s.phrases][:2] == [ENT + "turkey", ENT + "sdf"]
    assert [s.phrase_at[k] is s.phrases[2] for k in (4, 5, 6, 7)] == [False, True, True, False]
    assert {k: labels(v) for k, v in s.starting.items()} == {
        0: ["Turkey"],
        3: [SDF],
        5: [ISIL],
        8: ["Raqqa Governorate"],
    }
    assert s.span_text(0, 4) == "Türkiye and the SDF" and s.span_text(3, 3) == ""
    assert s.low(0) == "türkiye" and s.low(-1) == "" and s.low(10) == ""
    assert s.find(frozenset({"and", "near"})) == [1, 7] and s.find(frozenset({"and", "near"}), 2, 7) == []
    assert s.phrase_before(4) is s.phrases[1]


def test_coordinated_phrases_form_one_group_but_a_place_after_a_smaller_one_does_not(names: Gazetteer) -> None:
    s = read(names, "Türkiye and the SDF attacked ISIS positions near Raqqa.")
    assert labels(s.group(s.phrases[0])) == labels(s.group(s.phrases[1])) == ["Turkey", SDF]
    assert labels(s.group(s.phrases[3])) == ["Raqqa Governorate"]
    listed = read(names, "Iran, Iraq and Syria met in Baghdad; the SDF withdrew.")
    assert labels(listed.group(listed.phrases[1])) == ["Iran", "Iraq", "Syria"]  # "X, Y and Z"
    located = read(names, "The SDF attacked ISIS in Raqqa, Syria.")
    raqqa = next(p for p in located.phrases if p.ent.label == "Raqqa Governorate")
    assert labels(located.group(raqqa)) == ["Raqqa Governorate"]  # where Raqqa lies, not a second place


def test_subject_object_and_preposition_of_a_verb(names: Gazetteer) -> None:
    s = read(names, "Türkiye and the SDF attacked ISIS positions near Raqqa.")
    verb = at(s, "attacked")
    assert labels(s.subject_of(verb)) == ["Turkey", SDF]
    assert labels(s.object_after(verb)) == [ISIL]  # no preposition: the direct object
    assert labels(s.object_after(verb, preps=frozenset({"near"}))) == ["Raqqa Governorate"]
    assert s.object_after(verb, preps=frozenset({"in"})) == []
    assert [s.prep_of(p) for p in s.phrases] == [None, None, None, "near"]
    assert labels(s.main_subject()) == ["Turkey", SDF]
    said = read(names, "The SDF said that ISIS attacked Raqqa.")
    assert said.object_after(at(said, "said")) == []  # "that" opens another clause


def test_a_passive_verb_and_its_agent(names: Gazetteer) -> None:
    s = read(names, "The SDF was supported by the US-led coalition.")
    verb = at(s, "supported")
    assert s.passive(verb)
    assert labels(s.agent_by(verb)) == ["US-led Global Coalition"]
    assert labels(s.subject_of(verb)) == [SDF]  # the subject of a passive: what is supported
    active = read(names, "The SDF attacked ISIS.")
    assert not active.passive(at(active, "attacked")) and active.agent_by(at(active, "attacked")) == []
    reduced = read(names, "The SDF, backed by the US-led coalition, attacked ISIS.")
    assert reduced.passive(at(reduced, "backed"))  # a reduced relative: "X, backed by Y"


def test_a_relative_clause_is_skipped_and_its_pronoun_stands_for_the_antecedent(names: Gazetteer) -> None:
    s = read(names, "US forces, which are based in Hasaka, attacked ISIS.")
    assert (s.phrases[0].ent.label, s.phrases[0].head) == ("US armed forces", "force")  # the state's force
    comma = 2
    assert s.embedded_end(comma) == 8 and s.embedded_end(at(s, "attacked")) is None
    assert labels(s.subject_of(at(s, "attacked"))) == ["US armed forces"]  # past ", which … ,"
    assert labels(s.subject_of(at(s, "based"))) == ["US armed forces"]  # "which" is its antecedent
    antecedent = s.antecedent(comma)
    assert antecedent is not None and antecedent.ent.label == "US armed forces"
    assert labels(s.object_after(at(s, "based"), preps=frozenset({"in"}))) == ["Al-Hasakah Governorate"]


def test_dashes_and_brackets_enclose_embedded_stretches_and_clauses_have_bounds(names: Gazetteer) -> None:
    s = read(names, "The SDF — backed by the US — attacked ISIS (in Raqqa).")
    assert s.dash_open(2) and not s.dash_open(7)  # 7 closes the pair
    assert s.embedded_end(2) == 7 and s.embedded_end(at(s, "(")) == at(s, ")")
    assert labels(s.subject_of(at(s, "attacked"))) == [SDF]  # the dash pair is skipped, and the US in it
    two = read(names, "Iran, Iraq and Syria met in Baghdad; the SDF withdrew.")
    semicolon = at(two, ";")
    assert two.clause_bounds(at(two, "met")) == (0, semicolon)
    assert two.clause_bounds(at(two, "withdrew")) == (semicolon + 1, two.n)
    assert labels(two.subject_of(at(two, "withdrew"))) == [SDF]
    assert labels(two.subject_of(at(two, "met"))) == ["Iran", "Iraq", "Syria"]
    assert labels(two.object_after(at(two, "met"), preps=frozenset({"in"}))) == ["Baghdad"]


def test_a_pronoun_subject_is_what_the_resolver_says_it_refers_to(names: Gazetteer) -> None:
    turkey = Ent(ENT + "turkey", "Turkey", "state", "State")
    asked: list[str] = []

    def resolver(token: Token, sentence: Sentence) -> Ent | None:
        asked.append(token.text)
        return turkey

    s = read(names, "It attacked the SDF.", pronoun=resolver)
    (subject,) = s.subject_of(1)
    assert (subject.ent, subject.start, subject.end, subject.resolved_from) == (turkey, 0, 1, "It")
    assert asked == ["It"]
    assert s.subject_of(1, allow_pronoun=False) == []  # a pattern may refuse a pronoun
    unresolved = read(names, "It attacked the SDF.", pronoun=lambda token, sentence: None)
    assert unresolved.subject_of(1) == []
