"""Coordination (coi_graph.extract.coordination): which words join two phrases, and which phrases are
coordinated, in lists, across "as well as", and where a comma only says where a place lies."""

from __future__ import annotations

import pytest

from coi_graph.extract import coordination
from coi_graph.extract.gazetteer import Gazetteer
from tests.extract.test_sentence import labels, names, read

__all__ = ["names"]  # the gazetteer fixture, shared with the sentence's tests


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        ("Turkey and Iran met.", "and"),
        ("Turkey or Iran met.", "and"),
        ("Turkey as well as Iran met.", "and"),
        ("Turkey, Iran and Iraq met.", ","),
        ("Turkey met Iran.", None),
    ],
)
def test_the_words_between_two_phrases_say_whether_they_are_coordinated(
    names: Gazetteer, text: str, joined: str | None
) -> None:
    s = read(names, text)
    first, second = s.phrases[0], s.phrases[1]
    assert coordination.joiner_between(s, first.end, second.start) == joined


def test_a_list_groups_every_item_from_any_member(names: Gazetteer) -> None:
    s = read(names, "Turkey, Iran and Iraq met in Ankara.")
    assert labels(coordination.group(s, s.phrases[0])) == ["Turkey", "Iran", "Iraq"]
    assert labels(coordination.group(s, s.phrases[2])) == ["Turkey", "Iran", "Iraq"]
    assert coordination.coordinated_after(s, s.phrases[0]) is s.phrases[1]
    assert coordination.coordinated_before(s, s.phrases[0]) is None


def test_a_comma_before_a_larger_place_is_where_it_lies_not_a_list(names: Gazetteer) -> None:
    s = read(names, "Fighting continued in Raqqa, Syria and in Iraq.")
    raqqa, syria = s.phrases[0], s.phrases[1]
    assert not coordination.list_continues(s, syria, raqqa)
    assert labels(coordination.group(s, raqqa)) == [labels([raqqa])[0]]


def test_an_actor_and_a_place_are_not_one_list(names: Gazetteer) -> None:
    s = read(names, "Turkey, Raqqa and Iran.")
    turkey, raqqa = s.phrases[0], s.phrases[1]
    assert not coordination.list_continues(s, raqqa, turkey)
    assert coordination.coordinated_after(s, turkey) is None
