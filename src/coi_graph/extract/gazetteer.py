"""The gazetteer: every name of every entity of the registry, normalised for matching.

Names are the preferred labels, aliases and transliterations of the registry, and the Wikidata
labels and aliases of the enrichment cache where one exists (``data/enrichment/*.json``).
Matching ignores case, diacritics, hyphens, apostrophes, the Arabic article ("al-", "Al ",
"el-", and the assimilated "ash-", "ar-", ... before a hyphen) and the possessive "'s". Acronyms
("US", "IS", "SDF") match only in capitals, so that "us" and "is" stay words.
"""

from __future__ import annotations

import itertools
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from coi_graph.registry import subclasses, without_diacritics
from coi_graph.vocab import COI

TOKEN = re.compile(r"[^\W_]+(?:['’ʼʻ`][^\W_]+)*(?:['’]s\b|['’])?", re.UNICODE)
ARTICLES = {"al", "el"}
ASSIMILATED = {"ad", "adh", "an", "ar", "as", "ash", "at", "ath", "az", "ud", "ur", "us"}  # only before a hyphen
APOSTROPHES = "'’ʼʻ`"


@dataclass(frozen=True)
class Token:
    start: int
    end: int  # excludes a possessive 's
    key: str  # normalised
    raw: str
    article: bool  # an Arabic article, skipped when matching


def normalise(text: str) -> str:
    return "".join(c for c in without_diacritics(text) if c not in APOSTROPHES).casefold()


def tokens(text: str) -> list[Token]:
    found: list[Token] = []
    for match in TOKEN.finditer(text):
        raw = match.group(0)
        start, end = match.start(), match.end()
        if raw[-2:] in ("'s", "’s") and len(raw) > 2:
            end -= 2
            raw = raw[:-2]
        elif raw[-1:] in APOSTROPHES:
            end -= 1
            raw = raw[:-1]
        key = normalise(raw)
        hyphen_follows = text[end : end + 1] in ("-", "‐", "‑")
        article = key in ARTICLES or (key in ASSIMILATED and hyphen_follows and raw.islower())
        if article and not (hyphen_follows or text[end : end + 1].isspace()):
            article = False
        found.append(Token(start, end, key, raw, article))
    return found


def name_key(name: str) -> tuple[str, ...]:
    """The matching key of a name: its normalised tokens without Arabic articles."""
    return tuple(t.key for t in tokens(name) if not t.article)


# The category of an entity for the extraction patterns, by the label of its most specific type
CATEGORIES = {
    "person": "person", "state": "state", "country": "country", "government": "government",
    "de facto government": "government", "caretaker government": "government", "agency": "government",
    "armed force": "group", "non-state armed group": "group", "coalition": "organisation",
    "organisation": "organisation", "publisher": "publisher", "media outlet": "publisher",
    "unnamed actor": "group", "region": "region", "administrative unit": "admin", "governorate": "admin",
    "city": "city", "facility": "facility", "military base": "facility", "air base": "facility",
    "oil field": "facility", "gas field": "facility", "airport": "facility", "place": "region",
    "position": "position",
}  # fmt: skip


@dataclass(frozen=True)
class Entry:
    iri: str
    label: str
    type: str
    kind: str  # actor, facility (a base, field or airport), place, position, other
    wikidata: str | None
    place_type: str | None = None  # the place type of an actor that is a place too (a state's country)

    @property
    def category(self) -> str:
        return CATEGORIES.get(self.type, "organisation" if self.kind == "actor" else "region")


@dataclass(frozen=True)
class Name:
    entry: Entry
    surface: str  # the name as written in the registry
    acronym: bool  # match in capitals only
    metonym: bool = False  # a government named by its seat ("Washington"): context decides

    def gaps(self) -> tuple[str, ...]:
        """The punctuation between the name's words ("." in "U.S.", "(" in "Islamic State (ISIL)")."""
        words = [t for t in tokens(self.surface) if not t.article]
        return tuple(punctuation(self.surface[a.end : b.start]) for a, b in itertools.pairwise(words))


def punctuation(gap: str) -> str:
    """The punctuation of the text between two words of a name, less spaces, hyphens, apostrophes and
    articles: what must be the same in the text and in the name for a match to span it."""
    return "".join(c for c in gap if not (c.isspace() or c.isalnum() or c in "-‐‑" + APOSTROPHES))


class Gazetteer:
    def __init__(self) -> None:
        self.names: dict[tuple[str, ...], list[Name]] = defaultdict(list)
        self.longest = 1
        self.by_iri: dict[str, Entry] = {}
        self.parents: dict[str, str] = {}  # a government, force or body -> the state or group it belongs to

    def add(self, entry: Entry, surface: str, *, government: bool = False) -> None:
        key = name_key(surface)
        if not key:
            return
        letters = [c for c in surface if c.isalpha()]
        acronym = len(key) == 1 and len(letters) <= 5 and all(c.isupper() for c in letters)
        self.by_iri.setdefault(entry.iri, entry)
        if any(n.entry.iri == entry.iri and n.surface == surface for n in self.names[key]):
            return
        # a one-word capitalised name of a government that shares no word with its label is its seat
        metonym = government and len(key) == 1 and not acronym and key[0] not in name_key(entry.label)
        self.names[key].append(Name(entry, surface, acronym, metonym))
        self.longest = max(self.longest, len(key))

    def lookup(self, key: tuple[str, ...]) -> list[Name]:
        return self.names.get(key, [])

    def entries(self) -> set[str]:
        return {n.entry.iri for names in self.names.values() for n in names}

    def affiliation(self, iri: str) -> set[str]:
        """The entity and what it belongs to, up the chain of governmentOf and partOf."""
        found = {iri}
        while iri in self.parents and self.parents[iri] not in found:
            iri = self.parents[iri]
            found.add(iri)
        return found


def build(registry: Graph, ontology: Graph, enrichment_dir: Path | None = None) -> Gazetteer:
    """The gazetteer of a registry (and of the enrichment cache, if any)."""
    kinds = {kind: subclasses(ontology, getattr(COI, name)) for kind, name in
             (("actor", "Actor"), ("facility", "Facility"), ("place", "Place"), ("position", "Position"))}  # fmt: skip
    entity_classes = subclasses(ontology, COI.Entity)
    governments = subclasses(ontology, COI.Government)
    depth = {c: len(set(ontology.transitive_objects(c, RDFS.subClassOf))) for c in entity_classes}
    gazetteer = Gazetteer()
    entries: dict[str, Entry] = {}
    found = {s for s, _, o in registry.triples((None, RDF.type, None)) if o in entity_classes and isinstance(s, URIRef)}
    for entity in sorted(found, key=str):
        types = [t for t in registry.objects(entity, RDF.type) if isinstance(t, URIRef) and t in entity_classes]
        actor_types = [t for t in types if t in kinds["actor"]]
        best = max(actor_types or types, key=lambda t: (depth.get(t, 0), str(t)))
        kind = next((k for k, classes in kinds.items() if best in classes), "other")
        label = registry.value(entity, SKOS.prefLabel)
        qid = registry.value(entity, COI.wikidata)
        place_types = [t for t in types if t in kinds["place"] or t in kinds["facility"]]
        place_type = max(place_types, key=lambda t: (depth.get(t, 0), str(t))) if place_types else None
        entry = Entry(str(entity), str(label or entity), str(ontology.value(best, RDFS.label) or best), kind,
                      str(qid) if qid else None,
                      str(ontology.value(place_type, RDFS.label) or place_type) if place_type else None)  # fmt: skip
        for prop in (COI.governmentOf, COI.partOf):
            parent = registry.value(entity, prop)
            if isinstance(parent, URIRef):
                gazetteer.parents.setdefault(str(entity), str(parent))
        entries[str(entity)] = entry
        government = best in governments
        for prop in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel):
            for name in registry.objects(entity, prop):
                gazetteer.add(entry, str(name), government=government and prop != SKOS.prefLabel)
    if enrichment_dir is not None and enrichment_dir.is_dir():
        for path in sorted(enrichment_dir.glob("*.json")):
            _add_enrichment(gazetteer, entries, path)
    return gazetteer


def _add_enrichment(gazetteer: Gazetteer, entries: dict[str, Entry], path: Path) -> None:
    """Wikidata labels and aliases from an enrichment cache:
    ``{"entities": {IRI: {"labels": {...}, "aliases": {...}}}}``."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    for iri, record in (data.get("entities") or {}).items():
        entry = entries.get(iri)
        if entry is None or not isinstance(record, dict):
            continue
        for field in ("labels", "aliases"):
            for values in (record.get(field) or {}).values():
                for value in values if isinstance(values, list) else [values]:
                    text = value.get("value") if isinstance(value, dict) else value
                    if isinstance(text, str):
                        gazetteer.add(entry, text)


def load(data_dir: Path) -> Gazetteer:
    """The gazetteer of a data directory: ``entities/*.ttl`` and ``enrichment/*.json``."""
    from coi_graph.errors import InputError, Location
    from coi_graph.link.model import materialise
    from coi_graph.resources import ontology_path

    registry = Graph()
    for path in sorted((data_dir / "entities").glob("*.ttl")) + sorted((data_dir / "links").glob("*.ttl")):
        try:
            registry.parse(path, format="turtle")
        except Exception as exc:  # rdflib raises many kinds
            raise InputError(Location(path), f"cannot read the registry file: {exc}") from exc
    registry += materialise(registry)
    ontology = Graph().parse(ontology_path(), format="turtle")
    return build(registry, ontology, data_dir / "enrichment")
