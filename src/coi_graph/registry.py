"""The entity registry: look entities up by their labels and aliases."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from coi_graph.vocab import COI

_SPACES = re.compile(r"\s+")


def without_diacritics(text: str) -> str:
    """``text`` decomposed (NFKD) without its combining marks: accents, and Arabic short vowels."""
    if text.isascii():  # nothing to decompose: the common case, made fast
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def normalise(label: str) -> str:
    """Case-, accent- and spacing-insensitive form of a label, for exact lookups."""
    stripped = without_diacritics(label).replace("’", "'").replace("‘", "'")
    return _SPACES.sub(" ", stripped).strip().casefold()


def subclasses(ontology: Graph, cls: URIRef) -> set[URIRef]:
    """``cls`` and all its subclasses in the ontology."""
    return {c for c in ontology.transitive_subjects(RDFS.subClassOf, cls) if isinstance(c, URIRef)}


class LabelIndex:
    """Entities of some classes, by normalised preferred and alternative label."""

    def __init__(self, registry: Graph, ontology: Graph, cls: URIRef = COI.Entity) -> None:
        classes = subclasses(ontology, cls)
        self._by_label: dict[str, set[URIRef]] = defaultdict(set)
        for entity, _, kind in registry.triples((None, RDF.type, None)):
            if kind in classes and isinstance(entity, URIRef):
                for prop in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel):
                    for label in registry.objects(entity, prop):
                        self._by_label[normalise(str(label))].add(entity)

    def lookup(self, label: str) -> set[URIRef]:
        return set(self._by_label.get(normalise(label), set()))
