"""The invented registry: states, places with their hierarchy, actors, positions, publishers; the entities,
the builder that names them, and the files they are written to."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from random import Random

from coi_graph.registry import normalise
from coi_graph.synth.names import FEMALE, FIRST_VARIANTS, MALE, Names, acronym_of, name_variants
from coi_graph.synth.shares import ALIASES_PER_ENTITY
from coi_graph.synth.text import lit, slug, weighted

# =============================================================================================
# The registry
# =============================================================================================


@dataclass
class Entity:
    """One registry entity, and how the text refers to it."""

    key: str
    types: tuple[str, ...]
    label: str
    file: str  # states, actors, places, positions, publishers
    candidates: list[str] = field(default_factory=list)  # aliases, most usual first
    aliases: list[str] = field(default_factory=list)  # those the registry keeps
    props: list[tuple[str, str]] = field(default_factory=list)
    article: bool = False  # 'the Northern Brigade'
    bare: tuple[str, ...] = ()  # names that take no article all the same ('Washington' for a government)
    the: tuple[str, ...] = ()  # names that take an article all the same ('the Republic of Qasiria')
    short: str | None = None  # 'Qasrik' for 'Qasrik base'
    comment: str | None = None
    gender: str = "m"
    adjective: str | None = None
    parent: Entity | None = None  # the governorate of a city or base, for the text
    position: Entity | None = None  # of a person
    troops: str | None = None  # 'Ardenian troops'

    @property
    def iri(self) -> str:
        return f"ent:{self.key}"

    def triples(self) -> int:
        return len(self.types) + 1 + len(self.aliases) + len(self.props)


@dataclass
class Power:
    """An invented great power: its state and the actors the theatres meet."""

    state: Entity
    government: Entity
    forces: Entity
    defence: Entity  # an agency that also publishes
    president: Entity
    presidency: Entity
    officials: Entity  # 'two Ardenian defence officials', unnamed
    coalition: Entity | None = None


@dataclass
class Theatre:
    """One invented country and what the documents about it name."""

    index: int
    documents: int
    country: Entity
    government: Entity
    forces: Entity
    defence: Entity
    capital: Entity
    regions: list[Entity]
    governorates: list[Entity]
    cities: list[Entity]
    bases: list[Entity]
    airport: Entity
    groups: dict[str, Entity]  # partner, jihadist, rebels, militia
    front: Entity | None
    people: dict[str, Entity]  # president, prime minister, ... commander of each group
    monitor: Entity
    outlet: Entity
    locals: Entity  # local officials, unnamed
    neighbour: Entity
    power: Power
    rival_power: Power
    start: date

    def base_places(self) -> list[Entity]:
        return [b for b in self.bases if b.parent is not None]


@dataclass
class World:
    entities: list[Entity]
    euaa: Entity
    powers: list[Power]
    media: dict[str, list[Entity]]  # by role
    origins: list[Entity]  # unnamed sources that news articles cite
    theatres: list[Theatre]


class RegistryBuilder:
    """Makes entities with unique keys and, for actors and publishers, labels that resolve to one entity."""

    def __init__(self, rng: Random) -> None:
        self.rng = rng
        self.names = Names(rng)
        self.entities: list[Entity] = []
        self.keys: set[str] = set()
        self.actor_labels: set[str] = set()
        self.alias_debt = 0  # aliases drawn that entities with too few names could not take

    def add(self, entity: Entity, *, aliases: int | None = None) -> Entity:
        key = entity.key
        number = 2
        while key in self.keys:
            key, number = f"{entity.key}-{number}", number + 1
        entity.key = key
        self.keys.add(key)
        count = aliases if aliases is not None else int(weighted(self.rng, ALIASES_PER_ENTITY))
        drawn = count
        if aliases is None:  # names that others could not take, so that the mean stays the seed's
            extra = min(self.alias_debt, max(len(entity.candidates) - count, 0))
            count += extra
            self.alias_debt -= extra
        actor = entity.file in ("actors", "publishers", "states")
        chosen: list[str] = []
        seen = {normalise(entity.label)}
        for alias in entity.candidates:
            norm = normalise(alias)
            if not norm or len(chosen) >= count or norm in seen or (actor and norm in self.actor_labels):
                continue
            chosen.append(alias)
            seen.add(norm)
        entity.aliases = chosen
        if aliases is None:
            self.alias_debt += max(drawn - len(chosen), 0)
        if actor:
            self.actor_labels.update(seen)
        self.entities.append(entity)
        return entity

    def free(self, label: str) -> str | None:
        """``label`` if no actor or publisher has it yet, else None."""
        return label if label and normalise(label) not in self.actor_labels else None

    def abbreviation(self, name: str) -> str:
        """An abbreviation of ``name`` that no other actor or publisher has: 'KMD', else 'KeMD', else the name."""
        acronym = acronym_of(name)
        longer = name.split()[0][:2] + acronym[1:] if acronym else ""
        return self.free(acronym) or self.free(longer) or name

    def person(self, comment: str | None = None, *, women: float = 0.2, kunya: bool = False) -> Entity:
        gender = "f" if self.rng.random() < women else "m"
        first = self.rng.choice(FEMALE if gender == "f" else MALE)
        surname = self.names.surname()
        label = f"{first} {surname}"
        candidates = [surname]
        if kunya:  # a nom de guerre, as armed group leaders have one
            candidates.insert(0, f"Abu {self.rng.choice(MALE)} al-{surname.removeprefix('Al-')}")
        for old, new in FIRST_VARIANTS:
            if first == old:
                candidates.append(f"{new} {surname}")
        candidates += [f"{first} {v}" for v in name_variants(surname)]
        return self.add(
            Entity(slug(label), ("coi:Person",), label, "actors", candidates, gender=gender, comment=comment)
        )


_FILE_HEADERS = {
    "states": "States and their territories. A state is an actor (coi:State) and its territory a place\n"
    "# (coi:Country); the same IRI is both.",
    "actors": "Governments, armed forces, armed groups, coalitions, agencies, persons and unnamed actors.",
    "places": "Regions, governorates, cities and facilities. The registry locates what a place's name or\n"
    "# definition gives; what the documents state is a claim.",
    "positions": "Offices and roles. Who holds them, and whether current or former, is stated in claims.",
    "publishers": "Publishers of the documents and of the works that footnotes cite.",
}


def registry_files(world: World, seed: int) -> dict[str, str]:
    """The entity files, by name, in the form of data/entities/."""
    files: dict[str, list[str]] = {name: [] for name in _FILE_HEADERS}
    for entity in world.entities:
        lines = [f"# {entity.comment}"] if entity.comment else []
        lines.append(f"{entity.iri} a {', '.join(entity.types)} ;")
        body = [f"skos:prefLabel {lit(entity.label, 'en')}"]
        if entity.aliases:
            body.append("skos:altLabel " + ", ".join(lit(a, "en") for a in entity.aliases))
        for predicate, value in entity.props:
            body.append(f"{predicate} {value}")
        lines += [f"    {part} ;" for part in body[:-1]] + [f"    {body[-1]} ."]
        files[entity.file].append("\n".join(lines))
    out = {}
    for name, blocks in files.items():
        header = (
            f"# {_FILE_HEADERS[name]}\n#\n"
            f"# Synthetic: written by 'coi-graph synth' (seed {seed}). Every name is invented.\n"
            "@prefix coi:  <https://w3id.org/coi-graph/ontology#> .\n"
            "@prefix ent:  <https://w3id.org/coi-graph/id/entity/> .\n"
            "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        )
        out[f"{name}.ttl"] = header + "".join(f"\n{block}\n" for block in blocks)
    return out


def plural(form: str) -> bool:
    return form.endswith(("forces", "Forces", "troops", "military", "Units", "authorities", "officials"))


def display(entity: Entity) -> str:
    """How a title or label names an entity: an unnamed actor by the words the text uses."""
    if entity.label.endswith("(unnamed)") and entity.aliases:
        return entity.aliases[0]
    return entity.label
