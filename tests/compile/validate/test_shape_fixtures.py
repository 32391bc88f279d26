"""Every shape has a conforming and a violating fixture, and every constraint an actionable message.

Fixtures live in tests/shapes/fixtures/<ShapeName>/{ok,bad}.trig and are validated together
with tests/shapes/base.trig.
"""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import SH

from coi_graph.compile.validate.shapes import load_shapes
from coi_graph.resources import ontology_path
from tests.shape_harness import BASE, FIXTURES, validate_files

SHAPES = load_shapes()
COISH = "https://w3id.org/coi-graph/shapes#"
TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
TARGETED = sorted({str(s)[len(COISH) :] for p in TARGETS for s in SHAPES.subjects(p, None) if str(s).startswith(COISH)})


def test_the_base_fixture_conforms_without_warnings() -> None:
    report = validate_files(BASE)
    assert report.results == [], report.render("text")


def test_shapes_are_found() -> None:
    assert len(TARGETED) >= 25


@pytest.mark.parametrize("shape", TARGETED)
def test_conforming_fixture(shape: str) -> None:
    fixture = FIXTURES / shape / "ok.trig"
    assert fixture.is_file(), f"missing conforming fixture {fixture}"
    report = validate_files(BASE, fixture)
    assert report.results == [], report.render("text")


@pytest.mark.parametrize("shape", TARGETED)
def test_violating_fixture(shape: str) -> None:
    fixture = FIXTURES / shape / "bad.trig"
    assert fixture.is_file(), f"missing violating fixture {fixture}"
    report = validate_files(BASE, fixture)
    hits = [r for r in report.results if r.shape == f"coish:{shape}"]
    assert hits, f"{fixture} does not violate {shape}:\n{report.render('text')}"
    assert all(r.message for r in hits)


MISSING_MESSAGES = """
PREFIX sh: <http://www.w3.org/ns/shacl#>
SELECT ?constraint WHERE {
  { ?shape sh:property ?constraint . }
  UNION { ?shape sh:sparql ?constraint . }
  UNION {
    ?constraint a sh:NodeShape ; ?parameter ?x .
    VALUES ?parameter { sh:class sh:or sh:and sh:not sh:datatype sh:in sh:pattern sh:nodeKind }
  }
  FILTER NOT EXISTS { ?constraint sh:message ?m . }
}
"""


def test_every_constraint_has_a_message() -> None:
    missing = list(SHAPES.query(MISSING_MESSAGES))
    assert missing == []


def test_every_ontology_class_is_covered_by_a_shape() -> None:
    """Each coi class is a shape's target class, or a subclass of one (SHACL targets include subclasses)."""
    ontology = Graph().parse(ontology_path(), format="turtle")
    coi = "https://w3id.org/coi-graph/ontology#"
    classes = {
        c for c in ontology.subjects(None, URIRef("http://www.w3.org/2002/07/owl#Class")) if str(c).startswith(coi)
    }
    targeted = set(SHAPES.objects(None, SH.targetClass))
    uncovered = []
    for cls in classes:
        ancestors = set(ontology.transitive_objects(cls, URIRef("http://www.w3.org/2000/01/rdf-schema#subClassOf")))
        if not ancestors & targeted:
            uncovered.append(str(cls))
    assert sorted(uncovered) == []
