"""Validate a fixture together with tests/shapes/base.trig, as a build would."""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from coi_graph.compile.reference.oracle import validate_layers
from coi_graph.compile.validate.report import Report
from coi_graph.resources import ontology_path

SHAPES_DIR = Path(__file__).resolve().parent / "shapes"
BASE = SHAPES_DIR / "base.trig"
FIXTURES = SHAPES_DIR / "fixtures"


def read_fixture(*paths: Path) -> tuple[Graph, dict[URIRef, Graph]]:
    """The fixture files as a build reads data: what is asserted, and each claim's content graph."""
    dataset = Dataset()
    for path in paths:
        dataset.parse(path, format="trig")
    asserted = Graph()
    contents: dict[URIRef, Graph] = {}
    for graph in dataset.graphs():
        if graph.identifier == DATASET_DEFAULT_GRAPH_ID:
            asserted += graph
        elif len(graph) and isinstance(graph.identifier, URIRef):
            content = contents.setdefault(graph.identifier, Graph())
            content += graph
    return asserted, contents


def validate_files(*paths: Path) -> Report:
    asserted, contents = read_fixture(*paths)
    return validate_layers(asserted, contents, Graph().parse(ontology_path(), format="turtle"))
