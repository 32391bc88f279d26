"""The modality of a relation from the words that govern its trigger (extract/modality.py): negated,
conditional, planned, hedged, claimed, reported or asserted, with the cue word and whom a report is
attributed to."""

from __future__ import annotations

import pytest

from coi_graph.documents.model import Passage
from coi_graph.extract import gazetteer, modality
from coi_graph.extract.entities import EntityTable
from coi_graph.extract.gazetteer import Gazetteer
from coi_graph.extract.layer import MentionLayer
from coi_graph.extract.mentions import find
from coi_graph.extract.modality import Mood
from coi_graph.extract.phrases import build
from coi_graph.extract.records import Extraction
from coi_graph.extract.rules.speech import speakers
from coi_graph.extract.sentence import Sentence
from coi_graph.extract.tokens import tokenise
from tests.conftest import DATA


@pytest.fixture(scope="module")
def names() -> Gazetteer:
    return gazetteer.load(DATA)


def sentence_of(text: str, names: Gazetteer) -> Sentence:
    """The sentence as the engine gives it to the rules: tokens and the phrases over its mentions."""
    layer = MentionLayer(names, EntityTable(names), Extraction())
    passage = Passage(1, text, 0, len(text), 1, (), ((0, len(text)),))
    tokens = tokenise(text)
    return Sentence(text, tokens, build(tokens, layer.spans(passage, tokens, find(text, names))))


def mood(text: str, trigger: str, subject: str, names: Gazetteer) -> Mood:
    sentence = sentence_of(text, names)
    k = next(t.index for t in sentence.tokens if t.text == trigger)
    ent = next(p.ent for p in sentence.phrases if p.ent.label == subject)
    return modality.of(sentence, k, ent, speaker_of=speakers(sentence))


@pytest.mark.parametrize(
    ("text", "trigger", "expected", "cue"),
    [
        ("Türkiye attacked the SDF in Manbij.", "attacked", "asserted", None),
        ("Türkiye did not attack the SDF.", "attack", "negated", "not"),
        ("Türkiye never attacked the SDF.", "attacked", "negated", "never"),
        ("Türkiye refused to withdraw from Manbij.", "withdraw", "negated", "refused"),
        ("Türkiye denied any involvement in attacking the SDF.", "attacking", "negated", "denied"),
        ("If Türkiye attacks the SDF, Iran will respond.", "attacks", "conditional", "if"),
        ("Türkiye will attack the SDF.", "attack", "planned", "will"),
        ("Türkiye threatened to attack the SDF.", "attack", "planned", "threatened"),
        ("Türkiye announced the withdrawal of its forces from Manbij.", "withdrawal", "planned", "announced"),
        ("Türkiye may attack the SDF.", "attack", "hedged", "may"),
        ("Türkiye likely attacked the SDF.", "attacked", "hedged", "likely"),
        ("Türkiye reportedly attacked the SDF.", "attacked", "reported", "reportedly"),
        ("According to SOHR, Türkiye attacked the SDF.", "attacked", "reported", "according to"),
    ],
)
def test_the_modality_of_a_clause(names: Gazetteer, text: str, trigger: str, expected: str, cue: str | None) -> None:
    assert mood(text, trigger, "Turkey", names) == Mood(expected, cue)


def test_a_hedge_wins_over_a_plan_when_it_is_a_modal_of_possibility(names: Gazetteer) -> None:
    # "may" is possible, not planned, even with "plans" around it
    assert mood("Türkiye plans to attack the SDF.", "attack", "Turkey", names).modality == "planned"
    assert mood("Türkiye may plan to attack the SDF.", "attack", "Turkey", names).modality == "hedged"


def test_talks_scheduled_ahead_are_planned(names: Gazetteer) -> None:
    assert mood("Iran-Iraq talks are scheduled for 20 June.", "talks", "Iran", names) == Mood("planned", "scheduled")


def summary(found: Mood) -> tuple[str, str | None, str | None]:
    return found.modality, found.cue, found.attributed_to.label if found.attributed_to else None


def test_what_another_speaker_says_is_reported_and_attributed(names: Gazetteer) -> None:
    said = mood("Iran said the SDF attacked ISIL.", "attacked", "Syrian Democratic Forces", names)
    assert summary(said) == ("reported", "said", "Iran")
    after = mood("Türkiye attacked the SDF, SOHR said.", "attacked", "Turkey", names)
    assert summary(after) == ("reported", "said", "SOHR")


def test_what_a_party_says_of_itself_is_asserted_or_claimed(names: Gazetteer) -> None:
    own = mood("Türkiye said it attacked the SDF.", "attacked", "Turkey", names)
    assert summary(own) == ("asserted", "said", "Turkey")
    # the speaker is named with the subject: "Turkish President Erdogan" speaks for Türkiye
    erdogan = mood("Turkish President Recep Tayyip Erdogan said Türkiye attacked the SDF.", "attacked", "Turkey", names)
    assert summary(erdogan) == ("asserted", "said", "Recep Tayyip Erdoğan")
    claim = mood("Hezbollah claimed that its fighters attacked Israeli positions.", "attacked", "Hezbollah", names)
    assert summary(claim) == ("claimed", "claimed", None)
    target = mood("Türkiye attacked what it said was an SDF base.", "attacked", "Turkey", names)
    assert summary(target) == ("claimed", "what it said was", "Turkey")


def test_a_relative_clause_is_not_covered_by_the_report(names: Gazetteer) -> None:
    text = "Iran said the commander, who was killed in a strike, had trained the SDF."
    sentence = sentence_of(text, names)
    k = next(t.index for t in sentence.tokens if t.text == "killed")
    assert modality.of(sentence, k, None) == Mood("asserted")
