"""The mention layer (extract/layer.py): a sentence's mentions as spans over its tokens with their entities,
and the mentions recorded with offsets into the file: names widened to what the text writes as one name,
seats of government settled by context, new names and unnamed actors proposed, surnames, borders and
regions named by direction."""

from __future__ import annotations

import re

import pytest

from coi_graph.documents.model import Passage
from coi_graph.extract import gazetteer
from coi_graph.extract.entities import EntityTable
from coi_graph.extract.gazetteer import Gazetteer
from coi_graph.extract.layer import MentionLayer
from coi_graph.extract.mentions import Mention, find
from coi_graph.extract.records import Extraction
from coi_graph.extract.tokens import tokenise
from coi_graph.namespaces import ENT
from tests.conftest import DATA

AT = 100  # the passage's offset in the file: mentions are recorded with file offsets


@pytest.fixture(scope="module")
def names() -> Gazetteer:
    return gazetteer.load(DATA)


@pytest.fixture
def layer(names: Gazetteer) -> MentionLayer:
    return MentionLayer(names, EntityTable(names), Extraction())


def spans_of(layer: MentionLayer, text: str, found: list[Mention] | None = None) -> list[tuple[str, str, str]]:
    """(the words of each span, its entity's label, its category), in the order the layer gives them."""
    passage = Passage(1, text, AT, AT + len(text), 1, (), ((0, len(text)),))
    tokens = tokenise(text)
    found = find(text, layer.gazetteer, candidates=True) if found is None else found
    spans = layer.spans(passage, tokens, found)
    return [(text[tokens[s.start].start : tokens[s.end - 1].end], s.ent.label, s.ent.category) for s in spans]


def recorded(layer: MentionLayer) -> list[tuple[int, int, str, str, str]]:
    return [(m.start, m.end, m.text, m.ent.label, m.rule) for m in layer.result.mentions]


def test_names_are_widened_and_a_generic_force_is_recorded_as_its_state(layer: MentionLayer) -> None:
    text = "U.S. troops left the al-Tanf military base."
    assert spans_of(layer, text) == [
        ("U.S. troops", "US armed forces", "group"),  # the abbreviation's full stop and the force noun
        ("al-Tanf military base", "al-Tanf base", "facility"),  # the base's class words
    ]
    # the mention of a generic force is its state, by the words of the name; offsets are the file's
    assert recorded(layer) == [
        (100, 104, "U.S.", "United States", "registry"),
        (121, 142, "al-Tanf military base", "al-Tanf base", "registry"),
    ]
    assert text[121 - AT : 142 - AT] == "al-Tanf military base"
    # a capitalised class word after a name is part of it, and no new name of its own
    assert spans_of(layer, "B-52s left Diego Garcia Island.") == [("Diego Garcia Island", "Diego Garcia", "facility")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ankara ramped up its strikes.", "turkish-government"),  # the government acting
        ("Officials met in Ankara.", "ankara"),  # after a place preposition
        ("Baghdad: officials met.", "baghdad"),  # a dateline
    ],
)
def test_a_seat_of_government_is_settled_by_context(layer: MentionLayer, text: str, expected: str) -> None:
    spans_of(layer, text)
    assert [m.ent.iri for m in layer.result.mentions] == [str(ENT[expected])]


def test_a_possessive_belongs_to_the_mention_and_a_regime_to_the_person(layer: MentionLayer) -> None:
    assert spans_of(layer, "Bashar al-Assad's regime fell in December.") == [
        ("Bashar al-Assad's regime", "Assad government", "government")
    ]
    layer.result.mentions.clear()
    spans_of(layer, "Iran's proxies fired rockets.")
    assert recorded(layer) == [(100, 106, "Iran's", "Iran", "registry")]


def test_new_names_get_a_guessed_type(layer: MentionLayer) -> None:
    assert spans_of(layer, "The Liwa al-Fajr militia shelled Manbij.") == [
        ("Manbij", "Manbij", "city"),
        ("Liwa al-Fajr", "Liwa al-Fajr", "group"),  # a militia, by the class noun after it
    ]
    militia = layer.result.mentions[-1].ent
    assert (militia.proposed, militia.type_name, militia.iri) == (True, "NonStateArmedGroup", str(ENT["liwa-al-fajr"]))
    # a state's adjective before a facility or a broadcaster names a new entity
    assert spans_of(layer, "The Iranian Consulate in Erbil was hit. Syrian TV reported it.") == [
        ("Iranian Consulate", "Iranian Consulate", "facility"),
        ("Erbil", "Erbil", "city"),
        ("Syrian TV", "Syrian TV", "publisher"),
    ]
    assert [e.type_name for e in layer.table.entities.values() if e.proposed] == ["NonStateArmedGroup", "Region",
                                                                                   "MediaOutlet"]  # fmt: skip
    # a common word the text also writes in lower case is no new name
    text = "The Truce held in Manbij."
    assert spans_of(layer, text) == [("Manbij", "Manbij", "city"), ("Truce", "Truce", "organisation")]
    layer.lower_words.update(re.findall(r"\b[a-z]+\b", "The truce was agreed in May."))
    assert spans_of(layer, text) == [("Manbij", "Manbij", "city")]


def test_a_surname_names_the_person_named_in_full_before(layer: MentionLayer) -> None:
    first = spans_of(layer, "Pentagon spokesman Pat Ryder said the strikes hit Iran-backed groups.")
    assert ("Pat Ryder", "Pat Ryder", "person") in first  # "spokesman" before it: a person
    assert ("groups", "Iran-backed groups", "group") in first  # an unnamed actor, its head noun the mention
    assert spans_of(layer, "Ryder added that more were planned.") == [("Ryder", "Pat Ryder", "person")]
    ryder = [m for m in layer.result.mentions if m.ent.label == "Pat Ryder"]
    assert [(m.text, m.rule) for m in ryder] == [("Pat Ryder", "new name"), ("Ryder", "surname")]
    assert ryder[0].ent is ryder[1].ent and ryder[0].ent.surfaces == ["Pat Ryder", "Ryder"]


def test_borders_and_regions_named_by_direction_replace_their_places(layer: MentionLayer) -> None:
    text = "Fighting continued in eastern Homs near the Iraq-Jordan border."
    assert spans_of(layer, text) == [
        ("Iraq-Jordan border", "Iraq-Jordan border", "region"),
        ("eastern Homs", "eastern Homs", "region"),
    ]
    # the places inside are no mentions of their own any more
    assert sorted(recorded(layer)) == [
        (122, 134, "eastern Homs", "eastern Homs", "direction + place"),
        (144, 162, "Iraq-Jordan border", "Iraq-Jordan border", "X-Y border"),
    ]
    assert [(region.label, place.label) for region, place in layer.located] == [("eastern Homs", "Homs")]


def test_a_bracketed_acronym_after_a_new_name_is_that_name(layer: MentionLayer, names: Gazetteer) -> None:
    # find() reports no bracketed single word (it opens a segment), so the acronym's mention is given here
    text = "The Department for Military Operations (DMO) said that its units had entered the city of Aleppo."
    acronym = Mention(40, 43, "DMO", None, None, None, None, 0.3)
    assert text[40:43] == "DMO"
    spans_of(layer, text, sorted([*find(text, names), acronym], key=lambda m: m.start))
    department = next(e for e in layer.table.entities.values() if e.proposed)
    assert department.label == "Department for Military Operations"
    assert [m.ent for m in layer.result.mentions if m.text == "DMO"] == [department]
    # later, the acronym alone names the same entity
    assert spans_of(layer, "Later the DMO entered Hama.") == [
        ("Hama", "Hama", "city"),
        ("DMO", "Department for Military Operations", "organisation"),
    ]


def test_spans_are_token_spans(layer: MentionLayer) -> None:
    text = "Iran-backed militants attacked US forces."
    passage = Passage(1, text, 0, len(text), 1, (), ((0, len(text)),))
    tokens = tokenise(text)
    spans = layer.spans(passage, tokens, find(text, layer.gazetteer))
    shape = [(s.start, s.end, s.kind, s.phrase_start, s.ent.label) for s in spans]
    assert shape == [
        (0, 1, "name", None, "Iran"),
        (5, 7, "name", None, "US armed forces"),
        (3, 4, "unnamed", 0, "Iran-backed militants"),  # the head noun; the phrase starts at "Iran"
    ]
