"""Possible duplicates in the entity registry: different entities with the same label.

Two entities are reported when one of their labels (``skos:prefLabel``, ``altLabel`` or ``hiddenLabel``)
has the same key: the same words up to case, diacritics, punctuation and the Arabic article ("al-",
"Al ", "el-", the assimilated "ash-", "ar-", "As-" ... before a hyphen, and the Arabic-script "ال"). The
key is the gazetteer's matching key (:func:`coi_graph.extract.gazetteer.name_key`) with the article forms
the gazetteer leaves to the text ("As-Suwayda", "الحسكة"): two entities with one key are two entities the
extractor cannot tell apart, and often one entity added twice.

Only entities of a common top class (actor, place, position) are compared: a government named by its
seat ("Damascus") and the city are two things with one name, on purpose.

Finding is linear in the number of labels; the file and line of each label are looked up afterwards
(:func:`locate`), for the few duplicates found only.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from coi_graph.compile.sources import SourceMap
from coi_graph.errors import InputError, Location
from coi_graph.extract.gazetteer import ASSIMILATED, Token, tokens
from coi_graph.namespaces import short
from coi_graph.registry import subclasses, without_diacritics
from coi_graph.vocab import COI

LABELS = (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)
ARABIC_ARTICLE = "ال"
_HYPHENS = ("-", "‐", "‑")


def label_key(label: str) -> str:
    """The words of ``label`` that tell it from others: normalised, without Arabic articles."""
    text = without_diacritics(label)  # before tokenising: a combining mark is not a word character
    words = []
    for token in tokens(text):
        if token.article or _capitalised_article(token, text):
            continue
        key = token.key
        if key.startswith(ARABIC_ARTICLE) and len(key) > len(ARABIC_ARTICLE) + 1:
            key = key[len(ARABIC_ARTICLE) :]
        words.append(key)
    return " ".join(words)


def _capitalised_article(token: Token, text: str) -> bool:
    """ "As-Suwayda", "Ar-Raqqa": an assimilated article that starts a name (not "US-led")."""
    raw = token.raw
    return token.key in ASSIMILATED and raw[1:].islower() and text[token.end : token.end + 1] in _HYPHENS


@dataclass(frozen=True)
class LabelUse:
    """One label of one entity, and where it is written (``line`` None until located)."""

    entity: str
    label: str
    path: Path | None
    line: int | None = None

    @property
    def where(self) -> str:
        return str(Location(self.path, self.line)) if self.path is not None else "file not found"


def _order(use: LabelUse) -> tuple[str, int, str, str]:
    return (str(use.path or ""), use.line or 0, use.entity, use.label)


def _written_at(use: LabelUse) -> tuple[str, int]:
    return (str(use.path or ""), use.line or 0)


@dataclass(frozen=True)
class Duplicate:
    """Different entities with labels of one key: one use per entity, in file order."""

    key: str
    uses: tuple[LabelUse, ...]
    also: int = 0  # other keys the same entities share ("Harir air base" and "Harir airbase")

    @property
    def entities(self) -> tuple[str, ...]:
        return tuple(u.entity for u in self.uses)

    def describe(self) -> str:
        """'ent:a "X" (file:line) and ent:b "x" (file:line) have the same label'"""
        named = [f'{short(u.entity)} "{u.label}" ({u.where})' for u in self.uses]
        listed = ", ".join(named[:-1]) + " and " + named[-1]
        same = len({u.label for u in self.uses}) == 1
        text = listed + (
            " have the same label" if same else " differ only in case, diacritics, punctuation or the Arabic article"
        )
        return text + (f" ({self.also} more label{'s' if self.also > 1 else ''} alike)" if self.also else "")

    def message(self) -> str:
        """The build's one-line warning."""
        return f"duplicate label: {self.describe()}; merge them or make one label more specific"


def find_duplicates(uses: Iterable[LabelUse], kinds: Mapping[str, Collection[str]] | None = None) -> list[Duplicate]:
    """The groups of different entities whose labels share a key, in file order.

    With ``kinds`` (entity -> top classes, see :func:`kinds_of`), only entities that share a top class
    are grouped, and entities without one (not registry entities) are left out."""
    by_key: dict[str, dict[str, LabelUse]] = {}
    for use in uses:
        if kinds is not None and not kinds.get(use.entity):
            continue
        key = label_key(use.label)
        if not key:
            continue
        entities = by_key.setdefault(key, {})
        first = entities.get(use.entity)
        if first is None or _written_at(use) < _written_at(first):  # the first written, else the first given
            entities[use.entity] = use
    found: dict[frozenset[str], Duplicate] = {}  # one per set of entities, the first key in file order
    for key, entities in by_key.items():
        if len(entities) > 1:
            for group in _groups(entities, kinds):
                duplicate = Duplicate(key, tuple(group))
                same = frozenset(duplicate.entities)
                if same in found:  # the first written, else the first given
                    earlier = found[same] if _written(found[same]) <= _written(duplicate) else duplicate
                    duplicate = replace(earlier, also=found[same].also + 1)
                found[same] = duplicate
    return sorted(found.values(), key=_first)


def _first(duplicate: Duplicate) -> list[tuple[str, int, str, str]]:
    return [_order(u) for u in duplicate.uses]


def _written(duplicate: Duplicate) -> list[tuple[str, int]]:
    return [_written_at(u) for u in duplicate.uses]


def _groups(entities: dict[str, LabelUse], kinds: Mapping[str, Collection[str]] | None) -> list[list[LabelUse]]:
    """The uses of one key, grouped by shared top class (one group without ``kinds``); groups of two or more."""
    ordered = sorted(entities.values(), key=_order)
    if kinds is None:
        return [ordered]
    groups: list[tuple[set[str], list[LabelUse]]] = []  # disjoint classes: at most one group per top class
    for use in ordered:
        mine = set(kinds[use.entity])
        joined = [g for g in groups if g[0] & mine]
        groups = [g for g in groups if not g[0] & mine]
        classes = mine.union(*(g[0] for g in joined))
        groups.append((classes, sorted([u for g in joined for u in g[1]] + [use], key=_order)))
    return [g[1] for g in groups if len(g[1]) > 1]


def kinds_of(types: Iterable[tuple[str, str]], ontology: Graph) -> dict[str, frozenset[str]]:
    """Entity IRI -> the top classes of the registry (coi:Actor, coi:Place, coi:Position) it is an
    instance of, from (entity, rdf:type) pairs; entities of no class of the ontology are left out."""
    tops = [c for c in ontology.subjects(RDFS.subClassOf, COI.Entity) if isinstance(c, URIRef)]
    top_of: dict[str, set[str]] = {}
    for top in tops:
        for cls in subclasses(ontology, top):
            top_of.setdefault(str(cls), set()).add(str(top))
    found: dict[str, set[str]] = {}
    for entity, kind in types:
        if kind in top_of:
            found.setdefault(entity, set()).update(top_of[kind])
    return {entity: frozenset(classes) for entity, classes in found.items()}


def uses_from_graph(graph: Graph, path: Path | None = None) -> list[LabelUse]:
    """The labels of the subjects of ``graph``: one file's graph (``path``), or a merged registry
    (``path`` None: :func:`locate` finds the file)."""
    return [
        LabelUse(str(s), str(o), path)
        for p in LABELS
        for s, o in graph.subject_objects(p)
        if isinstance(s, URIRef) and isinstance(o, Literal)
    ]


def registry_duplicates(registry: Graph, ontology: Graph, sources: SourceMap) -> list[Duplicate]:
    """The possible duplicates of a loaded registry, located in the files of ``sources``."""
    types = ((str(s), str(o)) for s, o in registry.subject_objects(RDF.type) if isinstance(s, URIRef))
    return locate(find_duplicates(uses_from_graph(registry), kinds_of(types, ontology)), sources)


def locate(duplicates: list[Duplicate], sources: SourceMap) -> list[Duplicate]:
    """``duplicates`` with the file (where unknown) and the line of each label: the file that writes the
    entity as a subject, the line of the label written after it there, else the entity's line."""
    starts: dict[Path, list[int]] = {}  # the offsets where the lines of a file start, computed once
    located = []
    for duplicate in duplicates:
        uses = tuple(_locate(use, sources, starts) if use.line is None else use for use in duplicate.uses)
        located.append(replace(duplicate, uses=tuple(sorted(uses, key=_order))))
    return sorted(located, key=_first)


def _locate(use: LabelUse, sources: SourceMap, starts: dict[Path, list[int]]) -> LabelUse:
    entity = URIRef(use.entity)
    if use.path is None:
        subject = sources.locate(entity)  # the first file that writes it as a subject, else mentions it
    elif use.path in sources.texts:
        subject = SourceMap(texts={use.path: sources.texts[use.path]}).locate(entity) or Location(use.path)
    else:
        return use
    if subject is None:
        return use
    text = sources.texts.get(subject.path, "")
    if subject.path not in starts:
        starts[subject.path] = [0] + [m.end() for m in re.finditer("\n", text)]
    lines = starts[subject.path]
    offset = _find_literal(text, use.label, lines[subject.line - 1] if subject.line else 0)
    line = bisect.bisect_right(lines, offset) if offset is not None else subject.line
    return replace(use, path=subject.path, line=line)


def _find_literal(text: str, label: str, start: int) -> int | None:
    """Where ``label`` is first written as a Turtle string from ``start``."""
    escaped = label.replace("\\", "\\\\").replace("\n", "\\n")
    for quote in ('"', "'"):
        found = text.find(quote + escaped.replace(quote, "\\" + quote) + quote, start)
        if found >= 0:
            return found
    return None


def read_registry(data_dir: Path) -> tuple[Graph, SourceMap]:
    """``data_dir/entities/*.ttl`` alone, with the files' texts: for the commands that show the
    duplicates without loading documents and claims (``link --review``, ``review``)."""
    registry, sources = Graph(), SourceMap()
    for path in sorted((data_dir / "entities").glob("*.ttl")):
        text = path.read_text(encoding="utf-8")
        sources.add_file(path, text)
        try:
            registry.parse(data=text, format="turtle", publicID=path.resolve().as_uri())
        except Exception as exc:  # rdflib raises many kinds
            raise InputError(Location(path), f"cannot read the registry file: {exc}",
                             hint="'coi-graph validate' names the line") from exc  # fmt: skip
    return registry, sources


def section(duplicates: list[Duplicate], title: str = "Possible duplicates", more: int = 0) -> str:
    """The duplicates as a short section of a command's output; empty if there are none. ``more``: how
    many others were left out, named in the last line."""
    if not duplicates:
        return ""
    lines = [f"{title} ({len(duplicates)}): merge them, or make one label more specific"]
    lines += [f"  {d.describe()}" for d in duplicates]
    if more:
        lines.append(f"  and {more} more in the registry: 'coi-graph link --status' lists them")
    return "\n".join(lines) + "\n"
