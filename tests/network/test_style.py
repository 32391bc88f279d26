"""coi_graph.network.style: the category and colour-blind-safe colour of each entity type, shared by the Gephi
export and the pictures, and a colour as RGB."""

from __future__ import annotations

import re

import pytest

from coi_graph.network.style import CATEGORY_COLOURS, category, colour, rgb


@pytest.mark.parametrize(
    ("node_type", "expected", "hex_colour"),
    [
        ("country", "state", "#0072B2"),
        ("state", "state", "#0072B2"),
        ("de facto government", "government", "#56B4E9"),
        ("armed force", "armed force", "#D55E00"),
        ("non-state armed group", "armed group", "#E69F00"),
        ("coalition", "coalition", "#CC79A7"),
        ("unnamed actor", "person", "#009E73"),
        ("media outlet", "organisation", "#8C6BB1"),
        ("position", "position", "#999999"),
        ("governorate", "place", "#F0E442"),
        ("air base", "facility", "#B8860B"),
        ("spaceship", "other", "#BBBBBB"),  # a type the palette does not know
    ],
)
def test_each_type_has_its_category_and_colour(node_type: str, expected: str, hex_colour: str) -> None:
    assert category(node_type) == expected
    assert colour(node_type) == hex_colour


def test_an_event_is_an_event_whatever_its_type() -> None:
    assert category("strike", "event") == "event"
    assert category("country", "event") == "event"
    assert colour("meeting", "event") == "#555555"


def test_every_category_has_a_distinct_hex_colour() -> None:
    colours = list(CATEGORY_COLOURS.values())
    assert all(re.fullmatch(r"#[0-9A-F]{6}", c) for c in colours)
    assert len(set(colours)) == len(colours) == 12


@pytest.mark.parametrize(
    ("hex_colour", "expected"),
    [("#0072B2", (0, 114, 178)), ("E69F00", (230, 159, 0)), ("#ffffff", (255, 255, 255)), ("#000000", (0, 0, 0))],
)
def test_rgb_reads_a_hex_colour(hex_colour: str, expected: tuple[int, int, int]) -> None:
    assert rgb(hex_colour) == expected
