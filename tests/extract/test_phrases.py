"""Noun phrases over the mentions (extract/phrases.py): a person's titles and affiliations, a state's forces,
bases and officials, possessors, aliases in brackets or after a slash, and unnamed actors with their backer.

The mention spans are written out here (token indices and entities), as the mention layer gives them.
"""

from __future__ import annotations

import pytest

from coi_graph.extract.ents import Ent, Phrase
from coi_graph.extract.phrases import Span, build
from coi_graph.extract.tokens import tokenise


def _ent(label: str, category: str, acts_for: Ent | None = None) -> Ent:
    return Ent(f"https://w3id.org/coi-graph/id/entity/{label.lower()}", label, category, "thing", acts_for=acts_for)


USA = _ent("United States", "state")
TURKEY = _ent("Turkey", "state")
IRAN = _ent("Iran", "state")
ERDOGAN = _ent("Erdogan", "person")
IRGC = _ent("IRGC", "group")
SDF = _ent("SDF", "group")
SNA = _ent("SNA", "group")
RAQQA = _ent("Raqqa", "city")
RAS_AL_AYN = _ent("Ras al-Ayn", "city")
TANF = _ent("al-Tanf base", "facility")
US_FORCES = _ent("US armed forces", "group", acts_for=USA)


def shape(text: str, spans: list[Span]) -> list[tuple[str, str, str, str, list[str]]]:
    """(the phrase's words, the name's words, the entity, the head, the modifiers) of each phrase."""
    tokens = tokenise(text)

    def words(a: int, b: int) -> str:
        return text[tokens[a].start : tokens[b - 1].end]

    return [(words(p.start, p.end), words(p.name_start, p.name_end), p.ent.label, p.head, [m.label for m in p.modifiers])
            for p in build(tokens, spans)]  # fmt: skip


def test_a_person_takes_in_the_titles_and_affiliations_before_the_name() -> None:
    text = "Turkish President Recep Tayyip Erdogan met the SDF."
    assert shape(text, [Span(0, 1, TURKEY), Span(2, 5, ERDOGAN), Span(7, 8, SDF)]) == [
        ("Turkish President Recep Tayyip Erdogan", "Recep Tayyip Erdogan", "Erdogan", "name", ["Turkey"]),
        ("SDF", "SDF", "SDF", "name", []),
    ]


@pytest.mark.parametrize(
    ("text", "words", "head"),
    [
        ("U.S. forces left Raqqa.", "U.S. forces", "force"),
        ("US special forces left Raqqa.", "US special forces", "force"),  # past a force modifier
        ("American bases were hit.", "American bases", "facility"),
        ("US officials said so.", "US officials", "official"),
        ("US presence grew.", "US presence", "activity"),
        ("US policy changed.", "US", "name"),  # no head noun that says how the state is meant
    ],
)
def test_a_head_noun_after_a_state_says_how_it_is_meant(text: str, words: str, head: str) -> None:
    assert shape(text, [Span(0, 1, USA)])[0] == (words, text.split()[0], "United States", head, [])


def test_a_registry_force_of_a_state_is_a_force_and_a_facility_takes_its_class_noun() -> None:
    text = "US forces left the al-Tanf base."
    assert shape(text, [Span(0, 2, US_FORCES), Span(4, 7, TANF)]) == [
        ("US forces", "US forces", "US armed forces", "force", []),
        ("al-Tanf base", "al-Tanf", "al-Tanf base", "name", []),
    ]


def test_a_possessor_becomes_a_modifier_unless_a_place_owns_an_actor() -> None:
    text = "Iran's elite Revolutionary Guards force attacked."
    assert shape(text, [Span(0, 1, IRAN), Span(3, 5, IRGC)]) == [
        ("Iran's elite Revolutionary Guards force", "Revolutionary Guards", "IRGC", "force", ["Iran"]),
    ]
    # "Raqqa's SDF": a city does not own a group; the two stay apart
    assert [p[2] for p in shape("Raqqa's SDF fighters advanced.", [Span(0, 1, RAQQA), Span(2, 3, SDF)])] == [
        "Raqqa", "SDF",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "spans", "words"),
    [
        ("The Syrian National Army (SNA) advanced.", [Span(1, 4, SNA), Span(5, 6, SNA)], "Syrian National Army (SNA)"),
        ("Ras al-Ayn/Serê Kaniyê fell.", [Span(0, 4, RAS_AL_AYN), Span(5, 7, RAS_AL_AYN)], "Ras al-Ayn/Serê Kaniyê"),
    ],
)
def test_two_names_of_one_entity_are_one_phrase(text: str, spans: list[Span], words: str) -> None:
    assert [p[0] for p in shape(text, spans)] == [words]


def test_a_bracketed_acronym_of_another_entity_stays_apart() -> None:
    text = "The Syrian National Army (SDF) advanced."
    assert [p[0] for p in shape(text, [Span(1, 4, SNA), Span(5, 6, SDF)])] == ["Syrian National Army", "SDF"]


def test_an_unnamed_actor_spans_its_modifiers_and_its_backer_is_one() -> None:
    backed = _ent("Iran-backed militants", "group")
    official = _ent("senior Turkish official", "person")
    text = "Iran-backed militants attacked, a senior Turkish official said."
    spans = [Span(0, 1, IRAN), Span(3, 4, backed, "unnamed", phrase_start=0), Span(8, 9, TURKEY),
             Span(7, 10, official, "unnamed", phrase_start=7)]  # fmt: skip
    assert shape(text, spans) == [
        ("Iran-backed militants", "militants", "Iran-backed militants", "group", ["Iran"]),
        ("senior Turkish official", "senior Turkish official", "senior Turkish official", "official", ["Turkey"]),
    ]
    phrases = build(tokenise(text), spans)
    assert all(isinstance(p, Phrase) for p in phrases) and len(phrases) == 2  # the backers are no phrases of their own
