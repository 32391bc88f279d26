"""The statement construction (coi_graph.extract.rules.speech), run alone in the extraction engine: the speaker
(subject, after a quotation, after "according to", of "issued a statement"), what the statement is about (not the
addressee, not the place it was made in, not the speaker's own side), the words said, a negated statement, the
speakers ``speakers`` gives the modality of a reported relation, and verbs that are no statement."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from coi_graph.extract.ents import Ent
from coi_graph.extract.gazetteer import Gazetteer
from coi_graph.extract.records import Relation
from coi_graph.extract.rules import speech
from coi_graph.namespaces import ENT
from tests.extract.rules.family import Found, found, run


def extract(text: str, names: Gazetteer, *, affiliation: Callable[[Ent], set[str]] | None = None,
            alone: bool = True) -> list[Relation]:  # fmt: skip
    """The relations of a one-passage news text, with the statement rule only (``alone``) or every rule."""
    if not alone:
        return run(text, names, None)
    return run(text, names, lambda extractor: (speech.make_rule(affiliation or extractor.table.affiliation),))


@pytest.mark.parametrize(
    ("text", "speaker", "about", "why", "said"),
    [
        ("Fuad Hussein said that Türkiye must respect the border.",
         "Fuad Hussein", "Turkey", "'said'", "that Türkiye must respect the border"),
        ("The Iraqi Army said ISIL had attacked Tikrit.",
         "Iraqi Army", "Islamic State (ISIL)", "'said'", "ISIL had attacked Tikrit"),
        ("According to Hakan Fidan, the PKK has no future in Syria.",
         "Hakan Fidan", "Kurdistan Workers' Party", "'According'", "the PKK has no future in Syria"),
        ("The Iraqi Ministry of Foreign Affairs issued a statement condemning the attack on Erbil.",
         "Iraqi Ministry of Foreign Affairs", "Erbil", "'statement'", "condemning the attack on Erbil"),
    ],
)  # fmt: skip
def test_speaker_topic_and_words(names: Gazetteer, text: str, speaker: str, about: str, why: str, said: str) -> None:
    (relation,) = extract(text, names)
    assert found([relation]) == {(speaker, "states", about, "statement", "asserted")}
    assert (relation.why, relation.object_text) == (why, said)


def test_the_speaker_after_a_quotation(names: Gazetteer) -> None:
    (relation,) = extract("“Türkiye will not accept this,” said Hakan Fidan.", names)
    assert found([relation]) == {("Hakan Fidan", "states", "Turkey", "statement", "asserted")}
    assert relation.why == "'said' (after the words)"


def test_neither_the_addressee_nor_the_place_is_the_topic(names: Gazetteer) -> None:
    text = "Masoud Barzani told reporters in Erbil that Baghdad had failed the Kurdistan Region."
    (relation,) = extract(text, names)
    assert found([relation]) == {("Masoud Barzani", "states", "Government of Iraq", "statement", "asserted")}
    assert relation.where is not None and relation.where.label == "Erbil"


def test_the_speakers_own_side_is_not_the_topic(names: Gazetteer) -> None:
    text = "Fuad Hussein said that Türkiye must respect the border."
    turkey = str(ENT["turkey"])
    assert found(extract(text, names, affiliation=lambda ent: {turkey})) == {
        ("Fuad Hussein", "states", None, "statement", "asserted")
    }


def test_a_statement_not_made_is_negated(names: Gazetteer) -> None:
    assert found(extract("Iran will not comment on the strike.", names)) == {
        ("Iran", "states", None, "statement", "negated")
    }


def test_the_speaker_makes_what_was_said_reported(names: Gazetteer) -> None:
    relations = extract("The Iraqi Army said ISIL had attacked Tikrit.", names, alone=False)
    attack = next(r for r in relations if r.relation == "attacks")
    assert (attack.subject.label, attack.object and attack.object.label, attack.modality) == (
        "Islamic State (ISIL)", "Tikrit", "reported"
    )  # fmt: skip
    assert attack.attributed_to is not None and attack.attributed_to.label == "Iraqi Army"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("According to Reuters, the PKK has no future in Syria.", set()),  # a source cited, not a speaker
        ("The PKK rejected disarmament.", set()),  # a rejection of a thing, not of a claim
        # a statement inside another: only the outer speaker spoke
        ("Hakan Fidan said that Iraq had confirmed the deal.",
         {("Hakan Fidan", "states", "Iraq", "statement", "asserted")}),
    ],
)  # fmt: skip
def test_near_misses(names: Gazetteer, text: str, expected: set[Found]) -> None:
    assert found(extract(text, names)) == expected
