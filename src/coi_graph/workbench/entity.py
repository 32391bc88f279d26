"""A new entity for the registry, and the Wikidata items that may be it, proposed from the HTTP cache."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from coi_graph.documents.to_rdf import slug
from coi_graph.link import model as links
from coi_graph.namespaces import ENT, short
from coi_graph.registry import normalise
from coi_graph.vocab import COI
from coi_graph.workbench.fields import Entities, FieldError, Schema, iri

if TYPE_CHECKING:
    from coi_graph.workbench.actions import Workbench

_CONTROL = {chr(c) for c in (*range(0x20), *range(0x7F, 0xA0))}


def entity_class(schema: Schema, text: str) -> URIRef:
    """``coi:ArmedForce``, ``ArmedForce`` or its label ``armed force`` as an entity class of the ontology."""
    wanted = text.strip()
    by_label = {normalise(schema.label(c)): c for c in schema.entity_classes}
    found = by_label.get(normalise(wanted))
    if found is None:
        name = wanted if ":" in wanted else f"coi:{wanted}"
        candidate = iri(name, "type")
        found = candidate if candidate in schema.entity_classes else None
    if found is None or found in (COI.Entity, COI.Actor, COI.Place):
        kinds = ", ".join(sorted(schema.label(c) for c in schema.entity_classes if c not in (COI.Entity,)))
        raise FieldError("type", f"{text!r} is not a kind of entity to create: one of {kinds}")
    return found


def new_entity(schema: Schema, entities: Entities, type_: str, label: str,
               aliases: Sequence[str]) -> tuple[URIRef, Graph]:  # fmt: skip
    """The entity's IRI (``ent:`` and its label in lower case, hyphenated) and its triples."""
    cls = entity_class(schema, type_)
    names = [label.strip(), *(a.strip() for a in aliases if a.strip())]
    if not names[0]:
        raise FieldError("label", "give the entity's name, as the documents write it")
    for name in names:
        if _CONTROL & set(name):
            raise FieldError("label" if name == names[0] else "aliases", f"{name!r} holds a control character")
    taken = {normalise(v): e for e, v in entities.labels.items()}
    for name in names:
        if normalise(name) in taken:
            other = taken[normalise(name)]
            raise FieldError("label" if name == names[0] else "aliases",
                             f"{short(other)} is already called {entities.label(other)!r}: use it, or give a name "
                             "that tells them apart")  # fmt: skip
    base, number = slug(names[0]), 1
    entity = ENT[base]
    while entity in entities.types:
        number += 1
        entity = ENT[f"{base}-{number}"]
    graph = Graph()
    graph.add((entity, RDF.type, cls))
    graph.add((entity, SKOS.prefLabel, Literal(names[0], lang="en")))
    for alias in sorted(set(names[1:]) - {names[0]}):
        graph.add((entity, SKOS.altLabel, Literal(alias, lang="en")))
    return entity, graph


def propose_links(bench: Workbench, entity: URIRef, graph: Graph) -> tuple[list[links.Decision], list[str]]:
    """Candidate Wikidata links for a new entity, from the HTTP cache (or the network, if the workbench
    allows it), and notes on what was not found."""
    from coi_graph.link import reconcile
    from coi_graph.link.http import Client, HttpError
    from coi_graph.link.wikidata import RECONCILIATION_ENDPOINT, WIKIDATA_API

    if bench.cache_dir is None and not bench.allow_network:
        return [], ["no Wikidata proposal: no HTTP cache, and the network is not allowed"]
    cls = graph.value(entity, RDF.type)
    assert isinstance(cls, URIRef)
    label = str(graph.value(entity, SKOS.prefLabel))
    aliases = sorted(str(a) for a in graph.objects(entity, SKOS.altLabel))
    client = Client(cache_dir=bench.cache_dir, allow_network=bench.allow_network, min_interval=0.0 if not
                    bench.allow_network else 1.0)  # fmt: skip
    subject = reconcile.Subject(entity, label, aliases, cls)
    try:
        proposals = reconcile.propose(client, bench.endpoint or RECONCILIATION_ENDPOINT, [subject], limit=3,
                                      api=bench.api or WIKIDATA_API)  # fmt: skip
    except HttpError as exc:  # OfflineError among them: not in the cache
        return [], [f"no Wikidata proposal: {exc.message}"]
    by = "coi-graph workbench"
    made = [
        links.Decision(d.entity, d.qid, COI.LinkCandidate, d.method, d.score, bench.day, by, d.evidence)
        for d in reconcile.decisions(proposals, day=bench.day)
    ]
    notes = [f"Wikidata candidate {d.qid} for {short(entity)}, score {d.score:.3f}: confirm or reject it with "
             "'coi-graph link --review'" for d in made]  # fmt: skip
    return made, notes or ["no Wikidata proposal: the search found nothing"]
