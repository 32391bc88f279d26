"""Propose Wikidata items for registry entities, ranked by name, type and context.

For each entity without a confirmed link: ask the reconciliation service (W3C Reconciliation API)
for its label, constrained by the expected type and the country; fall back to ``wbsearchentities``
when the service fails or answers badly. Then read the candidates' ``P31`` (instance of), ``P17``
(country) and ``P131`` (located in) with ``wbgetentities`` and score each:

    0.5 × name (1 for an exact label or alias, else the service's score)
  + 0.3 × type (1 if an instance of an expected class, 0 if of none, 0.5 if nothing is expected)
  + 0.2 × context (1 if in the entity's country or parent place, 0 if elsewhere, 0.5 if unknown)

Nothing is confirmed automatically unless ``accept_above`` is given and a candidate reaches it with
an exact name, the right type and the right country, ahead of the next by a margin. Candidates an
analyst rejected are never proposed again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from coi_graph.link import model
from coi_graph.link.http import Client, HttpError, OfflineError
from coi_graph.link.types import COUNTRY_PID, EXPECTED_TYPES, INSTANCE_OF_PID, LOCATED_IN_PID, describe
from coi_graph.link.wikidata import WIKIDATA_API, Item, Match, get_entities, reconcile, search
from coi_graph.registry import normalise, subclasses
from coi_graph.vocab import COI

NAME, TYPE, CONTEXT = 0.5, 0.3, 0.2


@dataclass
class Subject:
    """What the registry says about an entity to reconcile."""

    iri: URIRef
    label: str
    aliases: list[str]
    cls: URIRef
    country: str | None = None  # QID of the country it is in or belongs to
    parent: str | None = None  # QID of the place it is directly in


@dataclass
class Proposal:
    subject: Subject
    qid: str
    label: str
    score: float
    evidence: list[str] = field(default_factory=list)
    exact: bool = False
    typed: bool = False
    placed: bool = False


def subjects(registry: Graph, ontology: Graph, only: Iterable[URIRef] = ()) -> list[Subject]:
    """The entities to reconcile: ``only``, or every named entity without a confirmed link."""
    entity_classes = subclasses(ontology, COI.Entity)
    depth = {c: len(set(ontology.transitive_objects(c, RDFS.subClassOf))) for c in entity_classes}
    linked = model.confirmed(model.read(registry))
    wanted = set(only)
    found = []
    for entity in sorted({s for s, _, o in registry.triples((None, RDF.type, None)) if o in entity_classes}, key=str):
        if not isinstance(entity, URIRef) or (wanted and entity not in wanted) or (not wanted and entity in linked):
            continue
        types = [t for t in registry.objects(entity, RDF.type) if isinstance(t, URIRef) and t in entity_classes]
        if COI.UnnamedActor in types or not types:
            continue  # "two US defence officials" is no Wikidata item
        cls = max(types, key=lambda t: (t in EXPECTED_TYPES, depth.get(t, 0), str(t)))
        label = str(registry.value(entity, SKOS.prefLabel) or "")
        aliases = sorted({str(a) for a in registry.objects(entity, SKOS.altLabel)})
        found.append(Subject(entity, label, aliases, cls, *_context(registry, entity, linked)))
    return found


def _context(registry: Graph, entity: URIRef, linked: dict[URIRef, str]) -> tuple[str | None, str | None]:
    parents = [p for p in registry.objects(entity, COI.locatedIn) if isinstance(p, URIRef)]
    parent = next((linked[p] for p in parents if p in linked), None)
    owners = parents + [o for o in registry.objects(entity, COI.governmentOf) if isinstance(o, URIRef)]
    seen: set[URIRef] = set()
    while owners:
        place = owners.pop(0)
        if place in seen:
            continue
        seen.add(place)
        if (place, RDF.type, COI.Country) in registry and place in linked:
            return linked[place], parent
        owners += [p for p in registry.objects(place, COI.locatedIn) if isinstance(p, URIRef)]
    if (entity, RDF.type, COI.Country) in registry:
        return None, parent
    return None, parent


def _names(subject: Subject) -> set[str]:
    return {normalise(n) for n in [subject.label, *subject.aliases] if n}


def propose(client: Client, endpoint: str | None, targets: list[Subject], *, limit: int = 5,
            rejected: set[tuple[URIRef, str]] | None = None, api: str = WIKIDATA_API) -> list[Proposal]:  # fmt: skip
    """Ranked proposals for every subject (at most ``limit`` each), best first."""
    rejected = rejected or set()
    matches: dict[int, list[Match]] = {}
    if endpoint:
        try:
            queries = {f"q{i}": _query(s, limit) for i, s in enumerate(targets)}
            for start in range(0, len(targets), 10):
                batch = {k: queries[k] for k in list(queries)[start : start + 10]}
                for key, found in reconcile(client, endpoint, batch).items():
                    matches[int(key[1:])] = found
        except OfflineError:
            raise
        except HttpError:
            matches = {}  # the service failed: fall back to the Wikidata API below
    for index, subject in enumerate(targets):
        if index not in matches:
            matches[index] = search(client, subject.label, limit=limit + 2, api=api)
    qids = sorted({m.qid for found in matches.values() for m in found})
    items = get_entities(client, qids, ["en"], api=api) if qids else {}
    proposals = []
    for index, subject in enumerate(targets):
        ranked = [_score(subject, m, items.get(m.qid)) for m in matches[index]]
        ranked = [p for p in ranked if (subject.iri, p.qid) not in rejected]
        ranked.sort(key=lambda p: (-p.score, p.qid))
        proposals.extend(ranked[:limit])
    return proposals


def _query(subject: Subject, limit: int) -> dict[str, object]:
    query: dict[str, object] = {"query": subject.label, "limit": limit}
    expected = EXPECTED_TYPES.get(subject.cls, ())
    if expected:
        query["type"] = expected[0]
    if subject.country:
        query["properties"] = [{"pid": COUNTRY_PID, "v": subject.country}]
    return query


def _score(subject: Subject, match: Match, item: Item | None) -> Proposal:
    evidence = [
        f"{match.source}: '{match.label}' ({match.qid}){' — ' + match.description if match.description else ''}"
    ]
    names = _names(subject)
    item_names = {normalise(match.label)}
    if item is not None and not item.missing:
        item_names |= {normalise(v) for v in item.labels.values()}
        item_names |= {normalise(v) for values in item.aliases.values() for v in values}
    exact = bool(names & item_names)
    name_score = 1.0 if exact else min(match.score, 0.8)
    evidence.append("name: exact" if exact else f"name: not exact (service score {match.score:.2f})")
    expected = set(EXPECTED_TYPES.get(subject.cls, ()))
    instance_of = set(item.values(INSTANCE_OF_PID)) if item else set(match.types)
    if not expected:
        type_score, typed = 0.5, False
        evidence.append("type: no expectation for " + str(subject.cls).rsplit("#", 1)[-1])
    elif instance_of & expected:
        type_score, typed = 1.0, True
        evidence.append(f"type: instance of {describe(sorted(instance_of & expected)[0])}, as expected")
    else:
        type_score, typed = 0.0, False
        evidence.append(f"type: instance of {', '.join(describe(q) for q in sorted(instance_of)[:3]) or 'nothing'}, "
                        f"expected {', '.join(describe(q) for q in sorted(expected))}")  # fmt: skip
    places = set(item.values(COUNTRY_PID)) | set(item.values(LOCATED_IN_PID)) if item else set()
    wanted = {q for q in (subject.country, subject.parent) if q}
    if not wanted or not places:
        context_score, placed = 0.5, False
        evidence.append("context: unknown")
    elif places & wanted:
        context_score, placed = 1.0, True
        evidence.append(f"context: in {', '.join(sorted(places & wanted))}, as the registry says")
    else:
        context_score, placed = 0.0, False
        evidence.append(f"context: in {', '.join(sorted(places))}, not {', '.join(sorted(wanted))}")
    if item is not None and item.missing:
        evidence.append("the item does not exist (deleted?)")
        name_score = type_score = context_score = 0.0
    score = round(NAME * name_score + TYPE * type_score + CONTEXT * context_score, 3)
    return Proposal(subject, match.qid, match.label, score, evidence, exact, typed, placed)


def decisions(proposals: list[Proposal], *, day: date, accept_above: float | None = None,
              margin: float = 0.15) -> list[model.Decision]:  # fmt: skip
    """Candidate decisions; with ``accept_above``, the clear winners are confirmed as reconciled."""
    by_subject: dict[URIRef, list[Proposal]] = {}
    for proposal in proposals:
        by_subject.setdefault(proposal.subject.iri, []).append(proposal)
    made = []
    for entity, ranked in by_subject.items():
        ranked.sort(key=lambda p: (-p.score, p.qid))
        for position, p in enumerate(ranked):
            runner_up = ranked[position + 1].score if position + 1 < len(ranked) else 0.0
            clear = (accept_above is not None and position == 0 and p.score >= accept_above and p.exact
                     and p.typed and (p.placed or not p.subject.country) and p.score - runner_up >= margin)  # fmt: skip
            status = COI.LinkConfirmed if clear else COI.LinkCandidate
            evidence = [*p.evidence] + ([f"confirmed automatically: score ≥ {accept_above} and ahead by ≥ {margin}"]
                                        if clear else [])  # fmt: skip
            made.append(model.Decision(entity, p.qid, status, COI.Reconciled, p.score, day, "coi-graph link",
                                       tuple(evidence)))  # fmt: skip
    return made
