"""The word lists of the extractor (extract/lexicon.py): verb inflections from a lemma, with the tags the
patterns test (base, third, past, participle, gerund), and the closed word classes."""

from __future__ import annotations

import pytest

from coi_graph.extract import lexicon
from coi_graph.extract.lexicon import verb, verbs, words
from coi_graph.extract.tokens import tokenise


@pytest.mark.parametrize(
    ("lemma", "expected"),
    [
        # regular: -s, -ed, -ing
        ("attack", {"attack": {"base"}, "attacks": {"third"}, "attacked": {"past", "participle"},
                    "attacking": {"gerund"}}),
        # a final e is dropped before -ing and not doubled before -d
        ("seize", {"seize": {"base"}, "seizes": {"third"}, "seized": {"past", "participle"}, "seizing": {"gerund"}}),
        # a consonant and y: -ies, -ied, but -ying
        ("occupy", {"occupy": {"base"}, "occupies": {"third"}, "occupied": {"past", "participle"},
                    "occupying": {"gerund"}}),
        # a sibilant takes -es
        ("launch", {"launch": {"base"}, "launches": {"third"}, "launched": {"past", "participle"},
                    "launching": {"gerund"}}),
        # irregular: the past and the participle apart
        ("withdraw", {"withdraw": {"base"}, "withdraws": {"third"}, "withdrew": {"past"}, "withdrawn": {"participle"},
                      "withdrawing": {"gerund"}}),
        # a doubled consonant
        ("patrol", {"patrol": {"base"}, "patrols": {"third"}, "patrolled": {"past", "participle"},
                    "patrolling": {"gerund"}}),
    ],
)  # fmt: skip
def test_verb_forms_and_their_tags(lemma: str, expected: dict[str, set[str]]) -> None:
    assert verb(lemma) == expected


def test_one_form_carries_every_tag_it_can_have() -> None:
    # "hit" is the base, the past and the participle: a pattern asking for any of them finds it
    assert verb("hit") == {"hit": {"base", "past", "participle"}, "hits": {"third"}, "hitting": {"gerund"}}
    assert verb("strike")["struck"] == {"past", "participle"}
    assert verb("meet")["met"] == {"past", "participle"}


def test_verbs_maps_each_form_to_its_lemma_and_tags() -> None:
    table = verbs(["leave", "lead", "fight"])
    assert table["left"] == ("leave", frozenset({"past", "participle"}))
    assert table["led"] == ("lead", frozenset({"past", "participle"}))
    assert table["fighting"] == ("fight", frozenset({"gerund"}))
    assert "fighted" not in table and "leaved" not in table  # the irregular forms replace the regular ones
    # a form two lemmas share belongs to the first listed
    assert verbs(["see", "saw"])["saw"] == ("see", frozenset({"past"}))
    assert verbs(["saw", "see"])["saw"] == ("saw", frozenset({"base"}))


def test_words_makes_a_class_from_one_string() -> None:
    assert words("the  a\nan") == frozenset({"the", "a", "an"})
    assert words("") == frozenset()


def test_closed_classes_hold_the_forms_tokens_give() -> None:
    # patterns compare a token's ``low``: lower case, with the curly apostrophe folded
    classes = {name: value for name, value in vars(lexicon).items() if name.isupper() and isinstance(value, frozenset)}
    assert len(classes) >= 25
    for name, members in classes.items():
        assert all(w == w.lower() and "’" not in w for w in members), name
    possessive = tokenise("Iran’s")[1]
    assert possessive.low in lexicon.BE and possessive.low in lexicon.SKIP_LEFT


def test_composite_classes() -> None:
    # what the shallow parse skips left of a verb: auxiliaries, modals, negations, adverbs and "to"
    assert {"was", "will", "not", "reportedly", "to"} <= lexicon.SKIP_LEFT
    assert lexicon.AUXILIARIES | lexicon.MODALS | lexicon.NEGATIONS | lexicon.ADVERBS <= lexicon.SKIP_LEFT
    # dates: months (with their abbreviations), weekdays and relative words
    assert {"june", "sept", "friday", "yesterday", "earlier"} <= lexicon.TIME_WORDS
    assert lexicon.MONTHS | lexicon.WEEKDAYS <= lexicon.TIME_WORDS
    # a preposition of place is a preposition
    assert lexicon.PLACE_PREPOSITIONS <= lexicon.PREPOSITIONS
