"""The tokeniser of the extractor (extract/tokens.py): words, abbreviations, possessives, numbers and
punctuation with their offsets, and whether a space precedes each token."""

from __future__ import annotations

import pytest

from coi_graph.extract.tokens import Token, tokenise


def _shape(text: str) -> list[tuple[str, str]]:
    return [(t.text, t.kind) for t in tokenise(text)]


def test_a_sentence_is_cut_into_words_and_punctuation_with_offsets() -> None:
    text = "The US-led coalition supports the SDF in Raqqa."
    tokens = tokenise(text)
    assert " ".join(t.text for t in tokens) == "The US - led coalition supports the SDF in Raqqa ."
    assert [t.index for t in tokens] == list(range(11))
    assert all(text[t.start : t.end] == t.text for t in tokens)
    assert (tokens[9].start, tokens[9].end) == (41, 46)


def test_a_hyphenated_compound_is_three_tokens_without_spaces_unlike_a_dash() -> None:
    compound = tokenise("Iran-backed militants")
    assert [(t.text, t.kind, t.space_before) for t in compound] == [
        ("Iran", "word", True),
        ("-", "punct", False),
        ("backed", "word", False),
        ("militants", "word", True),
    ]
    dash = tokenise("They left Iraq - the base.")
    assert [(t.text, t.space_before) for t in dash[2:5]] == [("Iraq", True), ("-", True), ("the", True)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a possessive is a token of its own, with a straight or a curly apostrophe
        ("Iran's proxies", [("Iran", "word"), ("'s", "poss"), ("proxies", "word")]),
        ("the coalition’s mission", [("the", "word"), ("coalition", "word"), ("’s", "poss"), ("mission", "word")]),
        # an inner apostrophe stays in the word
        ("Kata’ib Hezbollah", [("Kata’ib", "word"), ("Hezbollah", "word")]),
        (
            "Hay'at Tahrir al-Sham",
            [("Hay'at", "word"), ("Tahrir", "word"), ("al", "word"), ("-", "punct"), ("Sham", "word")],
        ),
        # a dotted abbreviation is one token, its hyphen apart
        ("U.S.-led strikes", [("U.S.", "abbr"), ("-", "punct"), ("led", "word"), ("strikes", "word")]),
        # numbers with separators, decades and ordinals
        (
            "2,000 troops in the 1980s, 47th",
            [
                ("2,000", "num"),
                ("troops", "word"),
                ("in", "word"),
                ("the", "word"),
                ("1980s", "num"),
                (",", "punct"),
                ("47th", "num"),
            ],
        ),
    ],
)
def test_token_kinds(text: str, expected: list[tuple[str, str]]) -> None:
    assert _shape(text) == expected


def test_a_slice_keeps_offsets_into_the_whole_text_and_numbers_from_zero() -> None:
    text = "Alpha. Türkiye struck Manbij."
    tokens = tokenise(text, 7, 21)
    assert [(t.index, t.text, t.start, t.end) for t in tokens] == [(0, "Türkiye", 7, 14), (1, "struck", 15, 21)]
    # the first token of the slice counts as preceded by a space, like the first of a text
    assert tokens[0].space_before is True
    assert tokenise(text, 0, 0) == []


def test_token_properties() -> None:
    possessive, word, abbreviation, comma = Token(0, 0, 2, "’s", "poss", False), *tokenise("Raqqa U.S. ,")
    assert possessive.low == "'s"  # the curly apostrophe is folded, so patterns write "'s"
    assert (word.low, word.capitalised, word.is_word) == ("raqqa", True, True)
    assert (abbreviation.kind, abbreviation.is_word) == ("abbr", True)
    assert (comma.kind, comma.is_word, comma.capitalised) == ("punct", False, False)
    assert tokenise("troops")[0].capitalised is False
