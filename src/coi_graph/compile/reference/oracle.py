"""The whole build on the reference engines (rdflib, owlrl, pySHACL), kept as the oracle.

The equivalence tests and the benchmarks compare the compiled engines of :mod:`coi_graph.compile.pipeline`
with this; nothing the product runs uses it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef

from coi_graph import progress
from coi_graph.compile.reference.derive import derived_layer, plain_layer
from coi_graph.compile.reference.load import Loaded, load
from coi_graph.compile.reference.reason import reason
from coi_graph.compile.reference.validate import validate_graph
from coi_graph.compile.validate.report import Report, add_inconsistencies
from coi_graph.namespaces import Graphs

log = logging.getLogger(__name__)


@dataclass
class Prepared:
    """Everything a build computes before it writes anything."""

    loaded: Loaded
    plain: Graph
    derived: Graph
    inferred: Graph
    report: Report

    def layers(self) -> dict[URIRef, Graph]:
        layers: dict[URIRef, Graph] = {
            Graphs.ONTOLOGY: self.loaded.ontology,
            Graphs.REGISTRY: self.loaded.registry,
            Graphs.DOCUMENTS: self.loaded.documents,
            Graphs.CLAIMS: self.loaded.claims,
            Graphs.PLAIN: self.plain,
            Graphs.DERIVED: self.derived,
            Graphs.INFERRED: self.inferred,
            Graphs.WIKIDATA: self.loaded.wikidata,
        }
        layers.update(self.loaded.contents)
        return layers


def validation_graph(loaded: Loaded, derived: Graph) -> Graph:
    """What the shapes check: everything asserted, every claim's content, and the derived layer."""
    data = Graph()
    for graph in (loaded.ontology, loaded.registry, loaded.documents, loaded.claims, derived):
        data += graph
    for content in loaded.contents.values():
        data += content
    return data


def validate_layers(asserted: Graph, contents: dict[URIRef, Graph], ontology: Graph) -> Report:
    """Validate data that is already RDF (registry, documents and claim descriptions in ``asserted``,
    claim content in ``contents``), as a build would. Used for shape fixtures and review."""
    loaded = Loaded(ontology=ontology, registry=asserted, documents=Graph(), claims=asserted, contents=contents)
    derived = derived_layer(asserted, asserted, asserted, contents)
    return validate_graph(validation_graph(loaded, derived))


def prepare(data_dir: Path, *, run_reasoner: bool = True) -> Prepared:
    loaded = load(data_dir)
    for warning in loaded.warnings:
        log.warning("%s", warning)
    plain = plain_layer(loaded.claims, loaded.contents)
    derived = derived_layer(loaded.registry, loaded.documents, loaded.claims, loaded.contents)
    inferred, inconsistencies = Graph(), list[str]()
    if run_reasoner:
        inferred, inconsistencies = reason(
            [loaded.ontology, loaded.registry, loaded.documents, loaded.claims, plain, derived]
        )
    progress.step("validating with pySHACL", log)
    report = validate_graph(validation_graph(loaded, derived), loaded.sources)
    add_inconsistencies(report, inconsistencies)
    return Prepared(loaded, plain, derived, inferred, report)
