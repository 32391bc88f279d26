"""coi_graph.dossier.resolve: ENTITY as a user writes it (``ent:sdf``, a full IRI, a label, an alias or a
Wikidata label, in any case) resolved to one registry entity, or an error whose hint names the entities meant
("did you mean …"), the entities a name is ambiguous between, or that events have no dossier."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from coi_graph.compile.pipeline import BuildResult
from coi_graph.dossier.resolve import Corpus, resolve, short
from coi_graph.errors import CoiGraphError
from coi_graph.store import open_store

ENT = "https://w3id.org/coi-graph/id/entity/"


@dataclass
class Names:
    """What resolve reads of a corpus: the registry's entities, their names, and a label for each."""

    labels: dict[str, str]
    names: list[tuple[str, str]] = field(default_factory=list)

    @property
    def entities(self) -> dict[str, str]:
        return self.labels

    def label(self, iri: str) -> str:
        return self.labels.get(iri, iri)


CORPUS = Names(
    labels={ENT + "abu-dhabi": "Abu Dhabi", ENT + "emirati-government": "Government of the UAE",
            ENT + "deir-hafer": "Deir Hafer", ENT + "deir-ez-zor": "Deir ez-Zor city",
            ENT + "deir-ez-zor-governorate": "Deir ez-Zor Governorate", ENT + "sdf": "Syrian Democratic Forces"},
    names=[(ENT + "abu-dhabi", "Abu Dhabi"), (ENT + "emirati-government", "Abu Dhabi"),
           (ENT + "deir-hafer", "Deir Hafer"), (ENT + "deir-ez-zor", "Deir ez-Zor city"),
           (ENT + "deir-ez-zor", "city of Deir ez-Zor"), (ENT + "deir-ez-zor-governorate", "Deir ez-Zor Governorate"),
           (ENT + "sdf", "Syrian Democratic Forces"), (ENT + "sdf", "SDF"), (ENT + "sdf", "قسد"),
           (ENT + "gone", "Gone")],  # a name of something that is not an entity of this build
)  # fmt: skip


@pytest.mark.parametrize(
    ("iri", "expected"),
    [
        (ENT + "sdf", "ent:sdf"),
        ("https://w3id.org/coi-graph/id/event/strike-1", "ev:strike-1"),
        ("https://w3id.org/coi-graph/ontology#Country", "coi:Country"),
        ("http://example.org/x", "http://example.org/x"),
    ],
)
def test_short_uses_the_longest_project_prefix(iri: str, expected: str) -> None:
    assert short(iri) == expected


@pytest.mark.parametrize("text", ["ent:sdf", f"<{ENT}sdf>", ENT + "sdf", "SDF", "  sdf ", "syrian democratic forces",
                                  "قسد"])  # fmt: skip
def test_an_iri_label_or_alias_names_the_entity(text: str) -> None:
    assert resolve(CORPUS, text) == ENT + "sdf"  # type: ignore[arg-type]


def test_a_name_of_two_entities_is_an_error_that_lists_them() -> None:
    with pytest.raises(CoiGraphError) as raised:
        resolve(CORPUS, "abu dhabi")  # type: ignore[arg-type]
    assert raised.value.message == (
        "'abu dhabi' names 2 entities: ent:abu-dhabi (Abu Dhabi), ent:emirati-government (Government of the UAE)"
    )
    assert raised.value.hint == "give one of them as an IRI"


def test_a_partial_name_suggests_the_closest_entities() -> None:
    with pytest.raises(CoiGraphError, match="no entity 'Deir' in the registry of this build") as raised:
        resolve(CORPUS, "Deir")  # type: ignore[arg-type]
    # names that start with the text first, shorter names first; at most three
    assert raised.value.hint is not None and raised.value.hint.startswith(
        "did you mean ent:deir-hafer (Deir Hafer) or ent:deir-ez-zor (Deir ez-Zor city) or "
        "ent:deir-ez-zor-governorate (Deir ez-Zor Governorate)? give an IRI such as ent:sdf"
    )
    with pytest.raises(CoiGraphError) as raised:
        resolve(CORPUS, "Zor city")  # type: ignore[arg-type]
    assert raised.value.hint is not None and raised.value.hint.startswith("did you mean ent:deir-ez-zor (Deir")


@pytest.mark.parametrize(
    ("text", "events_note"),
    [("ev:strike-1", True), ("ent:gone", False), ("Gone", False), ("nothing like it", False)],
)
def test_what_is_no_entity_of_the_registry_is_an_error(text: str, events_note: bool) -> None:
    with pytest.raises(CoiGraphError, match="in the registry of this build") as raised:
        resolve(CORPUS, text)  # type: ignore[arg-type]
    assert raised.value.hint is not None
    assert raised.value.hint.endswith("; events, claims and documents have no dossier") == events_note


@pytest.fixture(scope="module")
def seed(seed_build: BuildResult) -> Corpus:
    return Corpus(open_store(Path(seed_build.out_dir)))


@pytest.mark.parametrize(
    ("text", "entity"),
    [("SDF", "sdf"), ("Syrian Arab Republic", "syria"), (" syria ", "syria"), ("Deir Ezzor", "deir-ez-zor-governorate"),
     ("ent:raqqa-governorate", "raqqa-governorate")],
)  # fmt: skip
def test_the_seed_registry_resolves_labels_and_aliases(seed: Corpus, text: str, entity: str) -> None:
    assert resolve(seed, text) == ENT + entity
