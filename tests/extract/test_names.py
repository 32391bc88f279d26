"""Names the registry lacks (extract/names.py): the type guessed for a new capitalised name, unnamed actors
("Iran-backed militants", "a senior Iraqi official"), regions named by direction and borders named by
their two sides.

The functions take a sentence's tokens and ``mention_at`` (the token that starts a registry mention -> its
last token and its category), written out here as the mention layer would give them.
"""

from __future__ import annotations

import pytest

from coi_graph.extract.names import Directional, Unnamed, borders, directional_regions, guess_type, unnamed_actors
from coi_graph.extract.tokens import tokenise


@pytest.mark.parametrize(
    ("words", "before", "after", "expected"),
    [
        (["Tishreen", "Dam"], ["on", "the"], ["was"], "Region"),  # its head word
        (["Mosul", "Airport"], ["at"], [], "Airport"),
        (["Hawks", "Brigade"], ["the"], ["shelled"], "NonStateArmedGroup"),
        (["Liwa", "al-Fajr"], ["the"], ["militia", "shelled"], "NonStateArmedGroup"),  # a class noun after it
        (["Tawke"], ["the"], ["and", "peshkabir", "oilfields"], "OilField"),  # ... after a coordinated name
        (["Mount", "Qandil"], ["on"], [], "Region"),  # its first word
        (["Ahmed", "Rasheed"], ["military", "spokesman"], ["told"], "Person"),  # a title before it
        (["Ahmed", "Rasheed"], ["leader"], ["said"], "Person"),
        (["Rasheed", "Mahmoud"], ["and"], ["said"], "Person"),  # two or more words before "said"
        (["Gwer"], ["moved", "to"], ["on"], "City"),  # a place preposition before it
        (["Gwer"], ["the", "village", "of"], [], "City"),
        (["Gwer"], ["north", "of"], [], "Organisation"),  # "of" alone is no place preposition
        (["Rasheed"], [], ["said"], "Organisation"),  # one word before "said" may be an outlet
        (["Zaman", "al-Wasl"], ["told"], ["the"], "Organisation"),
    ],
)
def test_the_type_of_a_new_name(words: list[str], before: list[str], after: list[str], expected: str) -> None:
    assert guess_type(words, before, after) == expected


def test_a_backed_group_is_named_by_the_phrase_its_mention_the_head_noun() -> None:
    tokens = tokenise("Iran-backed militants fired rockets at the base.")
    assert unnamed_actors(tokens, {0: (0, "state")}) == [
        Unnamed(0, 21, "Iran-backed militants", "group", 12, 21, backer_token=0, rule="X-backed group")
    ]
    tokens = tokenise("Pro-Iran armed fighters fired rockets.")
    assert unnamed_actors(tokens, {2: (2, "state")}) == [
        Unnamed(0, 23, "Pro-Iran armed fighters", "group", 15, 23, backer_token=2, rule="pro-X group")
    ]
    tokens = tokenise("HTS-affiliated forces entered Aleppo.")
    assert [u.rule for u in unnamed_actors(tokens, {0: (0, "group"), 4: (4, "city")})] == ["X-affiliated group"]
    # "Iran-made drones": made is no backing, drones no group
    assert unnamed_actors(tokenise("Iran-made drones hit Erbil."), {0: (0, "state")}) == []


@pytest.mark.parametrize(
    ("text", "state_at", "expected"),
    [
        # the article is not part of the label; the phrase is the person's mention
        ("A senior Iraqi official said so.", 2, ("senior Iraqi official", "person", "unnamed official", 2)),
        ("Iraqi security officials said so.", 0, ("Iraqi security officials", "government", "unnamed officials", 0)),
        ("Iraqi officials said so.", 0, None),  # officials with no domain: too vague to be a body
        ("Iraqi official Ahmed Rasheed said so.", 0, None),  # a named person follows
    ],
)
def test_unnamed_officials(text: str, state_at: int, expected: tuple[str, str, str, int] | None) -> None:
    found = unnamed_actors(tokenise(text), {state_at: (state_at, "state")})
    if expected is None:
        assert found == []
    else:
        assert [(u.label, u.category, u.rule, u.start) for u in found] == [expected]
        assert found[0].mention_start == found[0].start and found[0].backer_token is None


def test_political_groups_need_a_descriptor_that_names_a_side() -> None:
    found = unnamed_actors(tokenise("Former regime loyalists attacked a checkpoint."), {})
    assert found == [Unnamed(0, 23, "Former regime loyalists", "group", 0, 23, None, "political group")]
    assert unnamed_actors(tokenise("Armed groups attacked a checkpoint."), {}) == []  # names nobody


def test_a_direction_before_a_place_is_a_region_of_it() -> None:
    tokens = tokenise("Clashes in northern Homs and in Hezbollah strongholds.")
    found = directional_regions(tokens, {3: (3, "city"), 6: (6, "group")})
    assert found == [Directional(11, 24, "northern Homs", place_token=3)]
    # a direction before an actor that is no place gives nothing
    assert directional_regions(tokenise("Clashes in southern Hezbollah."), {3: (3, "group")}) == []


def test_a_border_is_named_by_its_two_sides() -> None:
    tokens = tokenise("Clashes near the Syria-Jordan border.")
    assert borders(tokens, {3: (3, "state"), 5: (5, "state")}) == [Directional(17, 36, "Syria-Jordan border", 3)]
    # without a border word, two places joined by a hyphen are not a border
    assert borders(tokenise("Syria-Jordan talks resumed."), {0: (0, "state"), 2: (2, "state")}) == []
