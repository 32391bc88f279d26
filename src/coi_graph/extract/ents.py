"""The entities and phrases the extractor reasons with.

An :class:`Ent` is an entity of the document: one of the registry, or one the document proposes (a
new name, an unnamed actor). A :class:`Phrase` is a noun phrase of a sentence whose head names an
entity, with the entities that modify it ("Turkish President Erdogan": the person, Türkiye a
modifier).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(eq=False)
class Ent:
    """An entity of the document: from the registry, or proposed (a new name or an unnamed actor)."""

    iri: str
    label: str
    category: str  # person, state, country, government, group, organisation, publisher, region, admin, city, facility
    type_name: str  # the ontology class (local name)
    proposed: bool = False
    unnamed: bool = False
    surfaces: list[str] = field(default_factory=list)
    rule: str | None = None  # why a proposed entity was proposed
    acts_for: Ent | None = None  # a state's armed force: the state it belongs to

    @property
    def is_actor(self) -> bool:
        return self.category in ("person", "state", "government", "group", "organisation", "publisher")

    @property
    def is_place(self) -> bool:
        return self.category in ("state", "country", "region", "admin", "city", "facility")

    @property
    def place_rank(self) -> int:
        return {"facility": 0, "city": 1, "admin": 2, "region": 2, "country": 3, "state": 3}.get(self.category, 9)


@dataclass(eq=False)
class Phrase:
    start: int  # token indices of the phrase, [start, end)
    end: int
    ent: Ent
    head: str  # name, force, facility, official, place, group, other
    name_start: int  # the tokens of the name itself
    name_end: int
    modifiers: list[Ent] = field(default_factory=list)
    resolved_from: str | None = None  # a pronoun or description the phrase stands for
