"""What counts as a fact: the checks every RDF input file passes before its triples enter the build.

- A relation between entities (an object property of the ontology whose domain and range are
  entity classes) is a fact that needs its quote and source: it is accepted only inside a claim
  graph. The registry may state the relations typed coi:RegistryRelation (where a place lies,
  what a group is part of); nothing else outside a claim may relate two entities.
- Every predicate belongs to a vocabulary the project knows, and is a term of it.
- Every subject of the registry and of the claim descriptions is declared (it has an rdf:type).
- No literal holds a control character (raw or escaped), which would break XML exports and reach
  terminals as escape sequences.

Both loaders (:mod:`~coi_graph.compile.reference.load`, :mod:`~coi_graph.compile.load`) call these checks,
with terms as IRI strings, so that they give the same messages, files and lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, GEO, OWL, PROV, RDF, RDFS, SDO, SKOS, TIME, XSD, DefinedNamespace

from coi_graph.compile.sources import SourceMap
from coi_graph.errors import InputError, Location
from coi_graph.namespaces import COI_NS, short
from coi_graph.registry import subclasses
from coi_graph.vocab import COI

Kind = Literal["entities", "links", "documents", "description", "claim"]

# the vocabularies besides the ontology whose terms data may use as predicates; rdflib knows their terms
VOCABULARIES: tuple[type[DefinedNamespace], ...] = (RDF, RDFS, OWL, SKOS, XSD, DCTERMS, PROV, SDO, GEO, TIME)

_PLACES: dict[Kind, str] = {
    "entities": "an entities file",
    "links": "a links file",
    "documents": "a document's metadata",
    "description": "the default graph of a claims file (outside any claim's braces)",
    "claim": "a claim",
}


@dataclass(frozen=True)
class Vocabulary:
    """The predicates data may use, and which of them relate two entities, from the ontology."""

    relations: frozenset[str]
    registry_relations: frozenset[str]

    @classmethod
    def of(cls, ontology: Graph) -> Vocabulary:
        entities = subclasses(ontology, COI.Entity)
        relations = {
            str(p)
            for p in ontology.subjects(RDF.type, OWL.ObjectProperty)
            if ontology.value(p, RDFS.domain) in entities and ontology.value(p, RDFS.range) in entities
        }
        registry = {str(p) for p in ontology.subjects(RDF.type, COI.RegistryRelation)}
        return cls(frozenset(relations), frozenset(registry & relations))

    def known(self, predicate: str) -> bool:
        if predicate.startswith(COI_NS):
            return URIRef(predicate) in COI
        for vocabulary in VOCABULARIES:
            namespace = str(vocabulary._NS)
            if predicate.startswith(namespace):
                return URIRef(predicate) in vocabulary
        return False


def check_predicates(vocabulary: Vocabulary, kind: Kind, path: Path, predicates: Iterable[str],
                     sources: SourceMap, claim: str | None = None) -> None:  # fmt: skip
    """Refuse a predicate no known vocabulary defines, and a relation between entities outside a claim."""
    within = f" (in claim {short(claim)})" if claim else ""
    for predicate in sorted(set(predicates)):
        where = sources.locate_in(path, URIRef(predicate), top_level=kind == "description")
        if not vocabulary.known(predicate):
            raise InputError(
                where,
                f"{short(predicate)} is not a term of any vocabulary coi-graph knows{within}",
                hint="check the spelling and the prefix against ontology/coi.ttl (docs/data-model.md lists the terms); "
                "predicates come from coi:, rdf:, rdfs:, owl:, skos:, dcterms:, prov:, schema:, geo: or time:",
            )
        if kind == "claim" or predicate not in vocabulary.relations:
            continue
        if kind == "entities" and predicate in vocabulary.registry_relations:
            continue
        allowed = ", ".join(sorted(short(p) for p in vocabulary.registry_relations))
        raise InputError(
            where,
            f"{short(predicate)} relates two entities, a fact that needs its quote and source; "
            f"it is accepted only inside a claim graph, not in {_PLACES[kind]}",
            hint="state it in data/claims/ as a claim (a named graph with coi:quote, coi:passage and coi:modality); "
            f"an entities file may state only {allowed}",
        )


def check_declared(subjects: Iterable[str], typed: set[str], sources: SourceMap) -> None:
    """Refuse a subject of the registry or of a claim description that nothing declares."""
    for subject in sorted(set(subjects) - typed):
        node = URIRef(subject)
        raise InputError(
            sources.locate(node) or Location(Path(".")),
            f"{short(subject)} is described but declared nowhere: it has no rdf:type",
            hint="declare it with its class (e.g. 'ent:x a coi:ArmedGroup ; skos:prefLabel \"X\"@en .'), "
            "or fix the IRI if it should name an entity declared elsewhere",
        )


# C0 controls but tab, line feed and carriage return; DEL; C1 controls
_RAW = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CONTROL = r"(?:0[0-8bBcCeEfF]|1[0-9a-fA-F]|7[fF]|[89][0-9a-fA-F])"
_ESCAPED = re.compile(r"\\(?:u00|U000000)" + _CONTROL)


def check_controls(path: Path, text: str) -> None:
    """Refuse an RDF file holding a control character, written as such or as a \\u escape."""
    found = _RAW.search(text)
    escaped = _ESCAPED.search(text) if "\\u" in text or "\\U" in text else None
    first = min((m for m in (found, escaped) if m is not None), key=lambda m: m.start(), default=None)
    if first is None:
        return
    line = text.count("\n", 0, first.start()) + 1
    column = first.start() - (text.rfind("\n", 0, first.start()) + 1) + 1
    shown = repr(first.group(0)) if first is found else first.group(0)
    raise InputError(
        Location(path, line, column),
        f"a control character ({shown}) in the data: it would break XML exports and reach terminals",
        hint="remove it; labels and quotes hold printable text (a line break in a quote is written \\n)",
    )
