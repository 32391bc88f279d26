"""From the built graph to a ``Dossier``: SPARQL on the project's runner, values bound as RDF terms.

The claims, statements, corroboration counts and contradictions come from the saved queries
(``profile``, ``statements``, ``corroboration``, ``contradictions``) so that a dossier says what
``coi-graph query run`` says. What the saved queries do not cover (labels in every language, the
hierarchy, the citations behind each claim, coordinates) is asked here, with the entity bound by
Oxigraph's substitutions (a ``VALUES`` row on a remote endpoint), never written into the text.

``Corpus`` asks the questions about the whole graph once, so that ``dossier --all`` asks them once
for every page.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

import pyoxigraph as ox

from coi_graph.dossier.model import (
    Citation,
    ClaimGroup,
    ClaimItem,
    Contradiction,
    Dossier,
    Label,
    MapPlace,
    Member,
    Note,
    Ref,
    Side,
    StatementItem,
    Step,
    Support,
)
from coi_graph.dossier.queries import (
    CITATIONS,
    COORDINATES,
    DOCUMENTS,
    ENTITIES,
    EVIDENCE,
    LABELS,
    MENTIONS,
    NAMES,
    QID,
    STRUCTURE,
    TYPES,
    WITHIN,
)
from coi_graph.query.library import SavedQuery, get, load_library
from coi_graph.query.runner import execute
from coi_graph.resources import queries_dir
from coi_graph.store import AnyStore, Value, select

XSD = "http://www.w3.org/2001/XMLSchema#"
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")  # fmt: skip
KINDS = ("actor", "place", "position")
MAX_CHAINS = 12
MAX_DEPTH = 8
_SAFE_URL = re.compile(r"^https?://[^\s<>\"'`\\]+$")
_SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,100}$")

Row = dict[str, Value | None]


def _text(value: Value | None) -> str:
    return value.text if value is not None else ""


def _optional(value: Value | None) -> str | None:
    return value.text if value is not None else None


def euaa_date(value: Value | None) -> str:
    """A date as the EUAA citation style writes it, keeping its precision: "19 December 2024",
    "March 2025", "2025"; "n.d." without a date (as citation-list.rq)."""
    if value is None:
        return "n.d."
    text = value.text
    if value.datatype == XSD + "date" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return f"{int(text[8:10])} {MONTHS[int(text[5:7]) - 1]} {text[:4]}"
    if value.datatype == XSD + "gYearMonth" and re.fullmatch(r"\d{4}-\d{2}", text):
        return f"{MONTHS[int(text[5:7]) - 1]} {text[:4]}"
    return text


def safe_url(value: Value | None) -> str | None:
    """An address that may become a link: http(s) only, nothing that could leave an attribute."""
    return value.text if value is not None and _SAFE_URL.match(value.text) else None


def slug_of(iri: str) -> str:
    """A file name for the entity's pages: its local name (ent:sdf -> sdf), or a hash when that is unsafe."""
    local = re.split(r"[/#]", iri)[-1]
    if _SLUG.match(local) and local.lower() != "index":
        return local
    return "entity-" + hashlib.sha256(iri.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class Entity:
    iri: str
    label: str
    types: tuple[str, ...]
    kinds: tuple[str, ...]

    @property
    def group(self) -> str:
        """The heading the index lists it under."""
        return ", ".join(self.types) or "entity"


@dataclass(frozen=True)
class _Edge:
    source: str
    target: str
    relation: str
    inverse: str
    claimed: bool  # said by claims of the documents only, not recorded in the registry


@dataclass(frozen=True)
class _Evidence:
    document: str
    footnotes: tuple[str, ...]  # footnote IRIs, by number


def _rows(store: AnyStore, query: str, entity: str | None = None) -> list[Row]:
    bindings = {"entity": ox.NamedNode(entity)} if entity is not None else None
    return select(store, query, bindings)


class Corpus:
    """The built graph, with the answers that hold for every dossier asked once."""

    def __init__(self, store: AnyStore) -> None:
        self.store = store
        self.library: dict[str, SavedQuery] = load_library(queries_dir())

    def saved(self, name: str, params: dict[str, str] | None = None) -> list[Row]:
        """Run a saved query with its parameters bound as typed RDF terms."""
        query = get(self.library, name)
        result = execute(self.store, query.bind(params or {}), name=name)
        return [dict(zip(result.columns, row, strict=True)) for row in result.rows]

    @cached_property
    def entities(self) -> dict[str, Entity]:
        labels: dict[str, str] = {}
        for row in _rows(self.store, ENTITIES):
            labels.setdefault(_text(row["entity"]), _text(row["label"]))
        types: dict[str, set[str]] = defaultdict(set)
        kinds: dict[str, set[str]] = defaultdict(set)
        for row in _rows(self.store, TYPES):
            iri = _text(row["entity"])
            types[iri].add(_text(row["type_label"]))
            if row["root"] is not None:
                kinds[iri].add(row["root"].text.rsplit("#", 1)[-1].lower())
        return {
            iri: Entity(iri, label, tuple(sorted(types[iri])), tuple(k for k in KINDS if k in kinds[iri]))
            for iri, label in sorted(labels.items())
        }

    @cached_property
    def names(self) -> list[tuple[str, str]]:
        """(entity, name) for every label, alias and Wikidata label: what ENTITY may be given as."""
        return sorted({(_text(r["entity"]), _text(r["name"])) for r in _rows(self.store, NAMES)})

    def label(self, iri: str) -> str:
        entity = self.entities.get(iri)
        return entity.label if entity else iri

    @cached_property
    def edges(self) -> list[_Edge]:
        registry: dict[tuple[str, str, str, str], bool] = {}
        for row in _rows(self.store, STRUCTURE):
            relation = _text(row["relation"])
            inverse = _optional(row["inverse"]) or INVERSE_FALLBACK.get(relation, f"is {relation} of")
            key = (_text(row["s"]), _text(row["o"]), relation, inverse)
            registry[key] = registry.get(key, False) or _text(row["g"]).endswith("/registry")
        found = [_Edge(*key, claimed=not recorded) for key, recorded in registry.items()]
        return sorted(found, key=lambda e: (e.source, e.relation, e.target))

    @cached_property
    def evidence(self) -> dict[str, _Evidence]:
        documents: dict[str, str] = {}
        footnotes: dict[str, set[tuple[int, str]]] = defaultdict(set)
        for row in _rows(self.store, EVIDENCE):
            claim = _text(row["claim"])
            documents[claim] = _text(row["document"])
            if row["footnote"] is not None:
                footnotes[claim].add((int(_text(row["number"])), row["footnote"].text))
        return {c: _Evidence(d, tuple(f for _, f in sorted(footnotes[c]))) for c, d in documents.items()}

    @cached_property
    def footnote_notes(self) -> dict[str, tuple[tuple[Citation, ...], str]]:
        """Footnote IRI -> its citations in their order, and where it stands."""
        parts: dict[str, list[tuple[int, Citation]]] = defaultdict(list)
        origin: dict[str, str] = {}
        for row in _rows(self.store, CITATIONS):
            footnote = _text(row["footnote"])
            origin[footnote] = f"footnote {_text(row['number'])} of {_text(row['doc_title'])}"
            citation = Citation(_text(row["publisher"]), _text(row["title"]), euaa_date(row["published"]),
                                safe_url(row["url"]), _optional(row["pages"]))  # fmt: skip
            parts[footnote].append((int(_text(row["position"])), citation))
        return {f: (tuple(c for _, c in sorted(parts[f], key=lambda p: p[0])), origin[f]) for f in sorted(parts)}

    @cached_property
    def document_notes(self) -> dict[str, tuple[tuple[Citation, ...], str]]:
        """Document IRI -> the document as a citation, for claims that rest on its own words."""
        notes = {}
        for row in _rows(self.store, DOCUMENTS):
            document = _text(row["document"])
            citation = Citation(_text(row["publisher"]), _text(row["title"]), euaa_date(row["published"]),
                                safe_url(row["url"]))  # fmt: skip
            notes[document] = ((citation,), "the document itself: the claim cites no footnote")
        return dict(sorted(notes.items()))

    @cached_property
    def support(self) -> dict[str, Support]:
        found = {}
        for row in self.saved("corroboration"):
            names = tuple(sorted(n for n in _text(row["publisher_names"]).split("; ") if n))
            found[_text(row["claim"])] = Support(int(_text(row["publishers"])), names)
        return found

    @cached_property
    def contradictions(self) -> list[Row]:
        return self.saved("contradictions")

    @cached_property
    def mentions(self) -> dict[str, set[str]]:
        """Entity -> the claims whose content names it."""
        return _grouped(self.store, MENTIONS, "entity", "claim")

    @cached_property
    def named_in(self) -> dict[str, set[str]]:
        """Claim -> the entities its content names."""
        found: dict[str, set[str]] = defaultdict(set)
        for entity, claims in self.mentions.items():
            for claim in claims:
                found[claim].add(entity)
        return found

    @cached_property
    def coordinates(self) -> dict[str, tuple[float, float, float | None]]:
        found = {}
        for row in _rows(self.store, COORDINATES):
            precision = float(row["precision"].text) if row["precision"] else None
            found[_text(row["place"])] = (float(_text(row["lat"])), float(_text(row["lon"])), precision)
        return found

    @cached_property
    def within(self) -> dict[str, set[str]]:
        """Place -> the located places within it, at any depth."""
        return _grouped(self.store, WITHIN, "container", "place")

    def in_claims(self) -> list[Entity]:
        """The entities of the registry that at least one claim names, by label."""
        named = [e for iri, e in self.entities.items() if self.mentions.get(iri)]
        return sorted(named, key=lambda e: (e.label.casefold(), e.iri))


def _grouped(store: AnyStore, query: str, key: str, value: str) -> dict[str, set[str]]:
    """The answers of ``query`` as ``key`` -> the set of its ``value``s."""
    found: dict[str, set[str]] = defaultdict(set)
    for row in _rows(store, query):
        found[_text(row[key])].add(_text(row[value]))
    return found


INVERSE_FALLBACK = {"position in": "has position"}


class _Notebook:
    """Numbers the dossier's footnotes in the order the page first cites them."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.numbers: dict[str, int] = {}
        self.notes: list[Note] = []

    def cite(self, claim: str) -> tuple[int, ...]:
        evidence = self.corpus.evidence.get(claim)
        if evidence is None:
            return ()
        keys = evidence.footnotes or (evidence.document,)
        numbers = []
        for key in keys:
            if key not in self.numbers:
                found = self.corpus.footnote_notes.get(key) or self.corpus.document_notes.get(key)
                if found is None:
                    continue
                self.numbers[key] = len(self.notes) + 1
                self.notes.append(Note(self.numbers[key], found[0], found[1]))
            numbers.append(self.numbers[key])
        return tuple(numbers)


def _chains(corpus: Corpus, iri: str) -> tuple[tuple[Step, ...], ...]:
    """Every path up the hierarchy from the entity, longest paths only, at most MAX_CHAINS."""
    up: dict[str, list[_Edge]] = defaultdict(list)
    for edge in corpus.edges:
        up[edge.source].append(edge)
    found: list[tuple[Step, ...]] = []

    def walk(node: str, path: tuple[Step, ...], seen: frozenset[str]) -> None:
        if len(found) >= MAX_CHAINS:
            return
        steps = [e for e in up.get(node, []) if e.target not in seen]
        if not steps or len(path) >= MAX_DEPTH:
            if path:
                found.append(path)
            return
        for edge in steps:
            step = Step(edge.relation, Ref(edge.target, corpus.label(edge.target)), claimed=edge.claimed)
            walk(edge.target, (*path, step), seen | {edge.target})

    walk(iri, (), frozenset({iri}))
    return tuple(found)


def _members(corpus: Corpus, iri: str) -> tuple[Member, ...]:
    members = {
        Member(e.inverse, Ref(e.source, corpus.label(e.source)), claimed=e.claimed)
        for e in corpus.edges
        if e.target == iri
    }
    return tuple(sorted(members, key=lambda m: (m.relation, m.ref.label.casefold(), m.ref.iri)))


def _labels(corpus: Corpus, iri: str) -> tuple[Label, ...]:
    order = {"preferred label": 0, "alias": 1, "Wikidata": 2}
    found = {
        Label(_text(r["label"]), (r["label"].language if r["label"] else None) or "", _text(r["source"]))
        for r in _rows(corpus.store, LABELS, iri)
    }
    return tuple(sorted(found, key=lambda x: (order.get(x.source, 3), x.language, x.text.casefold(), x.text)))


def _heading(label: str, relation: str, direction: str) -> str:
    return f"{label} {relation} …" if direction == "out" else f"… {relation} {label}"


def _groups(corpus: Corpus, entity: Entity, notebook: _Notebook) -> tuple[ClaimGroup, ...]:
    grouped: dict[tuple[str, str], list[ClaimItem]] = {}
    for row in corpus.saved("profile", {"entity": entity.iri}):
        relation, direction = _text(row["relation_label"]), _text(row["direction"])
        other_iri = _optional(row["other"])
        other_text = _optional(row["other_label"]) or _optional(row["value"]) or other_iri or ""
        claim = _text(row["claim"])
        subject, obj = (entity.label, other_text) if direction == "out" else (other_text, entity.label)
        grouped.setdefault((relation, direction), []).append(
            ClaimItem(
                claim=claim,
                subject=subject,
                relation=relation,
                object=obj,
                other=Ref(other_iri, other_text) if other_iri else None,
                date_from=_text(row["date_from"]),
                date_to=_text(row["date_to"]),
                dated_by=_text(row["dated_by"]),
                modality=_text(row["modality"]),
                quote=_text(row["quote"]),
                document=_text(row["document"]),
                notes=notebook.cite(claim),
                support=corpus.support.get(claim),
            )
        )
    return tuple(
        ClaimGroup(relation, direction, _heading(entity.label, relation, direction), tuple(items))
        for (relation, direction), items in grouped.items()
    )


def _statements(corpus: Corpus, entity: Entity, notebook: _Notebook) -> tuple[StatementItem, ...]:
    items = []
    for row in corpus.saved("statements", {"speaker": entity.iri}):
        claim = _text(row["claim"])
        items.append(
            StatementItem(
                statement=_text(row["statement"]),
                label=_optional(row["statement_label"]) or _text(row["statement"]),
                speakers=_text(row["speakers"]),
                said=_optional(row["said"]),
                place=_optional(row["place_label"]),
                attribution=_text(row["attribution"]),
                date_from=_text(row["date_from"]),
                date_to=_text(row["date_to"]),
                dated_by=_text(row["dated_by"]),
                claim=claim,
                quote=_text(row["quote"]),
                document=_text(row["document"]),
                notes=notebook.cite(claim),
                content_claims=len(_text(row["claims"]).split()),
            )
        )
    return tuple(items)


def _contradictions(corpus: Corpus, iri: str, claims: set[str], notebook: _Notebook) -> tuple[Contradiction, ...]:
    found = []
    for row in corpus.contradictions:
        a, b = _text(row["claim_a"]), _text(row["claim_b"])
        if _text(row["subject"]) != iri and a not in claims and b not in claims:
            continue
        sides = []
        for key, claim in (("a", a), ("b", b)):
            sides.append(Side(claim, _text(row[f"modality_{key}"]), _text(row[f"value_{key}"]),
                              _text(row[f"quote_{key}"]), notebook.cite(claim)))  # fmt: skip
        found.append(Contradiction(_text(row["kind"]), _text(row["subject_label"]), _text(row["relation_label"]),
                                   sides[0], sides[1]))  # fmt: skip
    return tuple(found)


def _places(corpus: Corpus, entity: Entity) -> tuple[MapPlace, ...]:
    """The entity itself if it has verified coordinates, the located places its claims name, and, for a
    place, the located places within it."""
    roles: dict[str, str] = {}
    if entity.iri in corpus.coordinates:
        roles[entity.iri] = "this place"
    named = {other for claim in corpus.mentions.get(entity.iri, set()) for other in corpus.named_in[claim]}
    for other in sorted(named):
        if other in corpus.coordinates and other not in roles:
            roles[other] = "in its claims"
    for other in sorted(corpus.within.get(entity.iri, set())):
        if other in corpus.coordinates and other not in roles:
            roles[other] = "within it"
    places = []
    for iri, role in roles.items():
        lat, lon, precision = corpus.coordinates[iri]
        known = corpus.entities.get(iri)
        type_label = known.types[0] if known and known.types else "place"
        places.append(MapPlace(Ref(iri, corpus.label(iri)), lat, lon, precision, type_label, role))
    order = {"this place": 0, "in its claims": 1, "within it": 2}
    return tuple(sorted(places, key=lambda p: (order[p.role], p.ref.label.casefold(), p.ref.iri)))


def gather(corpus: Corpus, iri: str, slug: str | None = None) -> Dossier:
    """Everything the graph says about one entity of the registry."""
    entity = corpus.entities[iri]
    notebook = _Notebook(corpus)
    groups = _groups(corpus, entity, notebook)
    statements = _statements(corpus, entity, notebook)
    claims = {item.claim for group in groups for item in group.items} | {s.claim for s in statements}
    contradictions = _contradictions(corpus, iri, claims, notebook)
    qids = sorted(_text(r["qid"]) for r in _rows(corpus.store, QID, iri))
    return Dossier(
        iri=iri,
        slug=slug or slug_of(iri),
        label=entity.label,
        types=entity.types,
        kinds=entity.kinds,
        qid=qids[0] if qids else None,
        labels=_labels(corpus, iri),
        chains=_chains(corpus, iri),
        members=_members(corpus, iri),
        groups=groups,
        statements=statements,
        contradictions=contradictions,
        notes=tuple(notebook.notes),
        places=_places(corpus, entity),
    )


def slugs(entities: Iterable[Entity]) -> dict[str, str]:
    """A distinct file name for each entity: the local name, with a short hash where two collide."""
    taken: dict[str, str] = {}
    result = {}
    for entity in sorted(entities, key=lambda e: e.iri):
        slug = slug_of(entity.iri)
        if slug.lower() in taken:
            slug = f"{slug}-{hashlib.sha256(entity.iri.encode('utf-8')).hexdigest()[:8]}"
        taken[slug.lower()] = entity.iri
        result[entity.iri] = slug
    return result
