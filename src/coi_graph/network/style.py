"""Colours and categories of entity types, shared by the Gephi export and the pictures."""

from __future__ import annotations

# Colour-blind-safe palette (Okabe-Ito, plus greys), by the category of a node type.
CATEGORY_COLOURS: dict[str, str] = {
    "state": "#0072B2",
    "government": "#56B4E9",
    "armed force": "#D55E00",
    "armed group": "#E69F00",
    "coalition": "#CC79A7",
    "person": "#009E73",
    "organisation": "#8C6BB1",
    "position": "#999999",
    "place": "#F0E442",
    "facility": "#B8860B",
    "event": "#555555",
    "other": "#BBBBBB",
}

_TYPE_CATEGORY: dict[str, str] = {
    "state": "state",
    "country": "state",
    "government": "government",
    "de facto government": "government",
    "caretaker government": "government",
    "armed force": "armed force",
    "non-state armed group": "armed group",
    "coalition": "coalition",
    "person": "person",
    "unnamed actor": "person",
    "organisation": "organisation",
    "agency": "organisation",
    "publisher": "organisation",
    "media outlet": "organisation",
    "position": "position",
    "region": "place",
    "governorate": "place",
    "administrative unit": "place",
    "city": "place",
    "place": "place",
    "facility": "facility",
    "military base": "facility",
    "air base": "facility",
    "oil field": "facility",
    "gas field": "facility",
    "airport": "facility",
}


def category(node_type: str, kind: str = "") -> str:
    if kind == "event":
        return "event"
    return _TYPE_CATEGORY.get(node_type, "other")


def colour(node_type: str, kind: str = "") -> str:
    return CATEGORY_COLOURS[category(node_type, kind)]


def rgb(hex_colour: str) -> tuple[int, int, int]:
    value = hex_colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)
