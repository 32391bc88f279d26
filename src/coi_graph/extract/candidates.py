"""Candidate claims for review: the extractor's relation records as the claims the build takes in.

:class:`Extractor` runs the pipeline of :mod:`coi_graph.extract.engine` over a parsed document and
turns each relation record into a :class:`Candidate`: content triples in the ontology's terms (a
direct property such as ``coi:supports``, or an event such as a ``coi:Strike`` with its roles), the
sentence it rests on (quote, passage and sentence IRIs, offsets in the file), the footnotes whose
markers stand in or close the sentence, the date, the modality, the construction that proposed it
and why. Entities the registry lacks are proposed beside the candidates that use them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from rdflib import Graph, Literal, Node, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from coi_graph.documents.model import ParsedDocument
from coi_graph.documents.to_rdf import passage_prefix
from coi_graph.extract.engine import Extractor as Pipeline
from coi_graph.extract.ents import Ent
from coi_graph.extract.gazetteer import Gazetteer
from coi_graph.extract.records import Extraction, Relation
from coi_graph.namespaces import EV
from coi_graph.vocab import COI

Triple = tuple[URIRef, URIRef, Node]

# relation type -> a direct property, or (event class, subject role, object role)
PROPERTIES = {
    "supports": COI.supports, "opposes": COI.opposes, "allied_with": COI.alliedWith,
    "stationed_at": COI.stationedAt, "present_in": COI.presentAt, "controls": COI.controls,
    "located_in": COI.locatedIn,
}  # fmt: skip
EVENTS = {
    "attacks": (COI.Strike, COI.agent, COI.target), "meets_with": (COI.Meeting, COI.participant, COI.participant),
    "states": (COI.Statement, COI.speaker, COI.about),
    "designates_as_terrorist": (COI.Designation, COI.agent, COI.target),
    "withdraws_from": (COI.Withdrawal, COI.agent, COI.origin),
    "reinforces": (COI.Reinforcement, COI.agent, COI.destination),
    "conducts_exercise_with": (COI.Exercise, COI.participant, COI.participant),
    "patrols": (COI.Patrol, COI.agent, COI.atPlace),
}  # fmt: skip
PLACE_PREPOSITIONS = frozenset({"in", "into", "across", "inside", "near", "around", "throughout"})
MODALITIES = {
    "asserted": COI.Stated, "reported": COI.Reported, "claimed": COI.Claimed, "hedged": COI.Possible,
    "planned": COI.Planned, "negated": COI.Negated, "presupposed": COI.Presupposed,
}  # fmt: skip


@dataclass
class Candidate:
    """One proposed claim: content triples and the description a curated claim would have."""

    number: int
    rule: str
    triples: list[Triple]
    quote: str
    passage: URIRef
    sentence: URIRef | None
    start: int  # the sentence's offsets in the file as read
    end: int
    modality: URIRef
    score: float
    footnotes: list[URIRef] = field(default_factory=list)
    time_property: URIRef | None = None
    time_value: Literal | None = None
    time_expression: str | None = None
    status: URIRef = COI.Pending
    reviewed_by: str | None = None
    reviewed_on: date | None = None
    accepted_as: URIRef | None = None
    note: str | None = None  # why it was proposed, for the reviewer
    footnote_labels: list[str] = field(default_factory=list)  # the markers' labels, with or without a note list
    time_end: Literal | None = None  # the end of an interval ("between A and B")
    time_inferred: bool = False  # resolved against the document date or an earlier date of the text
    attributed_to: URIRef | None = None  # whom the document attributes the content to
    relation: str | None = None  # the relation type of the scheme

    def atoms(self) -> set[tuple[str, str, str]]:
        """The content as comparable atoms: (s, p, o) of entities, or (event class, role, entity)."""
        return content_atoms(self.triples)


def content_atoms(triples: list[Triple] | set[Triple]) -> set[tuple[str, str, str]]:
    """(s, p, o) for relations between entities; (event class, role, entity) for an event's roles."""
    types: dict[Node, str] = {s: str(o) for s, p, o in triples if p == RDF.type}
    atoms: set[tuple[str, str, str]] = set()
    for s, p, o in triples:
        if p in (RDF.type, RDFS.label, COI.statementText) or isinstance(o, Literal):
            continue
        if s in types:
            if o in types:  # event to event (stipulates, resultOf): compare the classes
                atoms.add((types[s], str(p), types[o]))
            else:
                atoms.add((types[s], str(p), str(o)))
        elif o not in types:
            atoms.add((str(s), str(p), str(o)))
    return atoms


def _bare(surface: str) -> str:
    """A surface form without a possessive "'s"."""
    return surface[:-2] if surface.endswith(("'s", "’s")) else surface


def statement_text_literal(value: str) -> Literal:
    return Literal(value, datatype=XSD.string)


def triples_of(relation: Relation, event_iri: URIRef) -> list[Triple]:
    """The content of a relation record in the ontology's terms."""
    s = URIRef(relation.subject.iri)
    o = URIRef(relation.object.iri) if relation.object is not None else None
    if relation.relation in PROPERTIES:
        assert o is not None
        return [(s, COI[relation.prop] if relation.prop else PROPERTIES[relation.relation], o)]
    cls, subject_role, object_role = EVENTS[relation.relation]
    triples: list[Triple] = [(event_iri, RDF.type, cls), (event_iri, subject_role, s)]
    if o is not None:
        if (
            relation.relation == "attacks"
            and relation.object is not None
            and (
                not relation.object.is_actor
                or (relation.object.is_place and relation.object_prep in PLACE_PREPOSITIONS)
            )
        ):
            object_role = COI.atPlace  # a strike on a place, or in a country: where it hit
        triples.append((event_iri, object_role, o))
    if relation.relation == "designates_as_terrorist":
        triples.append((event_iri, COI.designationKind, COI.TerroristDesignation))
    if relation.where is not None:
        triples.append((event_iri, COI.atPlace, URIRef(relation.where.iri)))
    if relation.relation == "states" and relation.object_text:
        triples.append((event_iri, COI.statementText, statement_text_literal(relation.object_text)))
    label = f"{relation.relation.replace('_', ' ')}: {relation.subject.label}"
    if relation.object is not None:
        label += f" → {relation.object.label}"
    triples.append((event_iri, RDFS.label, Literal(label, lang="en")))
    return triples


class Extractor:
    """Candidates of one parsed document, and the extraction they come from."""

    def __init__(self, doc: URIRef, parsed: ParsedDocument, gazetteer: Gazetteer) -> None:
        self.doc = doc
        self.parsed = parsed
        self.gazetteer = gazetteer
        self.doc_local = str(doc).rsplit("/", 1)[-1]
        self.prefix = passage_prefix(doc, parsed)
        self.extraction = Extraction()
        self.located: list[tuple[Ent, Ent]] = []

    def run(self) -> list[Candidate]:
        pipeline = Pipeline(self.parsed, self.gazetteer)
        self.extraction = pipeline.run()
        self.located = pipeline.layer.located
        footnote_numbers = {f.number: f for f in self.parsed.footnotes}
        candidates: list[Candidate] = []
        for relation in self.extraction.relations:
            candidates.append(self._candidate(relation, len(candidates) + 1, footnote_numbers))
        return candidates

    def proposed(self, candidates: list[Candidate]) -> list[Ent]:
        """The proposed entities the candidates use, in order of first use."""
        used: list[Ent] = []
        seen: set[int] = set()  # the ids of ``used``: no scan of the list for each entity
        iris = {str(t) for c in candidates for triple in c.triples for t in (triple[0], triple[2])}
        for ent in self.extraction.entities.values():
            if ent.proposed and ent.iri in iris and id(ent) not in seen:
                seen.add(id(ent))
                used.append(ent)
        return used

    def proposed_graph(self, candidates: list[Candidate]) -> Graph:
        """The proposed entities the candidates use, as registry entries waiting for review: their guessed
        type, label, the other names the text gives them, and why they were proposed."""
        graph = Graph()
        located = {id(region): place for region, place in self.located}
        for ent in self.proposed(candidates):
            node = URIRef(ent.iri)
            graph.add((node, RDF.type, COI[ent.type_name]))
            if ent.unnamed:
                graph.add((node, RDF.type, COI.UnnamedActor))
            graph.add((node, SKOS.prefLabel, Literal(ent.label, lang="en")))
            for surface in sorted({_bare(s) for s in ent.surfaces} - {ent.label}):
                if surface and not ent.unnamed:
                    graph.add((node, SKOS.altLabel, Literal(surface, lang="en")))
            place = located.get(id(ent))
            if place is not None and not place.proposed:
                graph.add((node, COI.locatedIn, URIRef(place.iri)))
            graph.add((node, RDFS.comment, Literal(f"proposed by coi-graph extract ({ent.rule}); "
                                                    f"the type is a guess: check it", lang="en")))  # fmt: skip
        return graph

    def _candidate(self, relation: Relation, number: int, footnote_numbers: Mapping[int, object]) -> Candidate:
        digest = hashlib.sha256(
            f"{relation.passage}|{relation.sentence}|{relation.trigger}|{relation.relation}|{relation.subject.iri}|"
            f"{relation.object.iri if relation.object else ''}".encode()
        ).hexdigest()[:8]
        event = EV[f"{self.doc_local}-{relation.relation.replace('_', '-')}-{digest}"]
        passage_iri = URIRef(f"{self.prefix}p{relation.passage}")
        notes = [URIRef(f"{self.doc}/fn{label}") for label in relation.footnotes
                 if label.isdigit() and int(label) in footnote_numbers]  # fmt: skip
        when = relation.when
        time_property, time_value, time_end = None, None, None
        if when is not None:
            if when.end is not None and when.start is not None:
                time_property, time_value, time_end = COI.startTime, when.start.to_rdf(), when.end.to_rdf()
            elif when.end is not None:
                time_property, time_value = COI.endTime, when.end.to_rdf()
            elif when.start is not None:
                prefix = when.text.lower()
                time_property = COI.startTime if prefix.startswith(("since", "from")) else COI.pointInTime
                time_value = when.start.to_rdf()
        why = f"{relation.rule}: {relation.why}"
        if relation.attributed_to is not None:
            why += f"; attributed to {relation.attributed_to.label}"
        return Candidate(
            number=number,
            rule=relation.rule,
            triples=triples_of(relation, event),
            quote=relation.quote,
            passage=passage_iri,
            sentence=URIRef(f"{passage_iri}-s{relation.sentence}"),
            start=relation.start,
            end=relation.end,
            modality=MODALITIES[relation.modality],
            score=round(max(0.05, min(0.95, relation.score)), 2),
            footnotes=notes,
            time_property=time_property,
            time_value=time_value,
            time_expression=when.text if when is not None else None,
            note=why,
            footnote_labels=list(relation.footnotes),
            time_end=time_end,
            time_inferred=bool(when and when.inferred),
            attributed_to=URIRef(relation.attributed_to.iri) if relation.attributed_to is not None else None,
            relation=relation.relation,
        )
