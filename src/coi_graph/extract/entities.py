"""The entities of one document: those of the registry it mentions, and those it proposes.

A registry entity becomes an :class:`~coi_graph.extract.ents.Ent` the first time it is
mentioned, with its category and, for a state's armed
force named generically ("US armed forces"), the state it acts for. A proposed entity (a new
name, an unnamed actor, a region named by direction) gets a stable IRI from its label that no
registry entity has; the same label, or the same key ("Iran-backed fighters" and "pro-Iran
fighters"), gives the same entity.
"""

from __future__ import annotations

import re

from coi_graph.documents.to_rdf import slug
from coi_graph.extract.ents import Ent
from coi_graph.extract.gazetteer import Gazetteer, normalise
from coi_graph.namespaces import ENT

# "US armed forces", "Russian Armed Forces": a state's forces, counted as the state; a named force
# ("Islamic Revolutionary Guard Corps", "Quds Force") is an actor of its own
GENERIC_FORCE = re.compile(r"\b(?:armed forces|forces|military|troops|army)\b", re.IGNORECASE)


class EntityTable:
    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.entities: dict[str, Ent] = {}
        self._by_key: dict[str, Ent] = {}
        self._forces: dict[str, str] | None = None

    def affiliation(self, ent: Ent) -> set[str]:
        """The entity and what the registry says it belongs to."""
        return self.gazetteer.affiliation(ent.iri) if not ent.proposed else {ent.iri}

    def registry(self, iri: str) -> Ent | None:
        ent = self.entities.get(iri)
        if ent is not None:
            return ent
        entry = self.gazetteer.by_iri.get(iri)
        if entry is None:
            return None
        ent = Ent(iri, entry.label, entry.category, entry.type)
        if entry.category == "state" or entry.place_type == "country":
            ent.category = "state" if entry.kind == "actor" else "country"
        self.entities[iri] = ent
        if entry.type == "armed force" and GENERIC_FORCE.search(entry.label):
            states = [a for a in self.gazetteer.affiliation(iri) - {iri}
                      if a in self.gazetteer.by_iri and self.gazetteer.by_iri[a].category == "state"]  # fmt: skip
            if states:
                ent.acts_for = self.registry(states[0])
        return ent

    def force_of(self, state: Ent) -> Ent | None:
        """The registry's armed force of a state, named generically ("US armed forces"): what "U.S. troops"
        and "American forces" name when the registry has no name for the phrase itself."""
        if self._forces is None:
            self._forces = {}
            for iri, entry in self.gazetteer.by_iri.items():
                if entry.type == "armed force" and GENERIC_FORCE.search(entry.label):
                    for parent in self.gazetteer.affiliation(iri) - {iri}:
                        self._forces.setdefault(parent, iri)
        force = self._forces.get(state.iri)
        return self.registry(force) if force is not None else None

    def proposed(self, label: str, category: str, type_name: str, rule: str, key: str | None = None) -> Ent:
        key = key or normalise(label)
        ent = self._by_key.get(key)
        if ent is None:
            base = slug(label)[:60] or "entity"
            iri, n = str(ENT[base]), 2
            while iri in self.entities or iri in self.gazetteer.by_iri:
                iri, n = str(ENT[f"{base}-{n}"]), n + 1
            unnamed = rule.startswith(("unnamed", "X-", "pro-"))
            ent = Ent(iri, label, category, type_name, proposed=True, unnamed=unnamed, rule=rule)
            self._by_key[key] = ent
            self.entities[iri] = ent
        return ent

    def alias(self, key: str, ent: Ent) -> None:
        """Another name of a proposed entity ("DMO" for "Department for Military Operations")."""
        self._by_key[normalise(key)] = ent
