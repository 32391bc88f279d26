"""The validation fast path equals plain pySHACL, and reports are readable."""

from __future__ import annotations

from pathlib import Path

import pyshacl
import pytest
from rdflib import Graph
from rdflib.namespace import RDF, SH

from coi_graph.compile.reference.derive import derived_layer
from coi_graph.compile.reference.load import load
from coi_graph.compile.reference.oracle import validation_graph
from coi_graph.compile.reference.validate import validate_graph
from coi_graph.compile.validate.shapes import load_shapes

CLAIMS_FILE = Path("claims") / "euaa-2025-03-syria-country-focus-s3.4.trig"


def _results(graph: Graph) -> set[tuple[str, ...]]:
    keys = (
        SH.focusNode,
        SH.resultPath,
        SH.value,
        SH.sourceConstraintComponent,
        SH.resultSeverity,
        SH.resultMessage,
    )
    return {tuple(str(graph.value(r, k)) for k in keys) for r in graph.subjects(RDF.type, SH.ValidationResult)}


def test_parse_once_gives_the_same_results_as_plain_pyshacl(data_copy: Path) -> None:
    path = data_copy / CLAIMS_FILE
    text = path.read_text()
    text = text.replace('coi:quote "former President Joe Biden"', 'coi:quote "President Joseph Biden"')
    text = text.replace('coi:endTime "2024-12"^^xsd:gYearMonth', 'coi:endTime "2024-11"^^xsd:gYearMonth', 1)
    text = text.replace("ent:joe-biden coi:leads", "ent:joe-bidn coi:leads")
    path.write_text(text)
    loaded = load(data_copy)
    data = validation_graph(loaded, derived_layer(loaded.registry, loaded.documents, loaded.claims, loaded.contents))
    shapes = load_shapes()

    fast = validate_graph(data, loaded.sources, shapes)
    _, plain_graph, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True)
    assert isinstance(plain_graph, Graph)

    assert _results(fast.graph) == _results(plain_graph)
    assert len(fast.violations) >= 3
    rendered = fast.render("text")
    assert f"{CLAIMS_FILE}:" in rendered and "violation(s)" in rendered


def test_nested_results_are_not_reported_twice(tmp_path: Path) -> None:
    """Regression: a bad date checked through sh:node gave a second, generic result from sh:detail."""
    from tests.shape_harness import BASE, validate_files

    fixture = tmp_path / "bad-date.trig"
    fixture.write_text(
        "@prefix coi: <https://w3id.org/coi-graph/ontology#> .\n"
        "@prefix c: <https://w3id.org/coi-graph/id/claim/test-report/> .\n"
        'c:1 coi:pointInTime "March 2025" .\n',
        encoding="utf-8",
    )
    report = validate_files(BASE, fixture)
    assert len(report.results) == 1, report.render("text")
    assert report.results[0].shape == "coish:ClaimTimeShape"
    assert "xsd:gYearMonth" in report.results[0].message


def test_coordinates_need_two_sources(tmp_path: Path) -> None:
    from tests.shape_harness import BASE, validate_files

    fixture = tmp_path / "one-source.trig"
    fixture.write_text(
        "@prefix coi: <https://w3id.org/coi-graph/ontology#> .\n"
        "@prefix ent: <https://w3id.org/coi-graph/id/entity/> .\n"
        'ent:region-c coi:latitude 36.2 ; coi:longitude 37.1 ; coi:coordinatePrecision 0.1 ; coi:coordinateSource "memory" .\n',
        encoding="utf-8",
    )
    report = validate_files(BASE, fixture)
    assert [r.message.split(":")[0] for r in report.results] == ["Coordinates need two independent sources"]


def test_a_crash_of_rdflibs_parser_is_located_from_its_frames() -> None:
    """When rdflib fails without a position on text Oxigraph accepts, the parser's own frame (the text
    and the index it had reached) gives the line and column."""
    from coi_graph.compile.reference.load import _crash_location

    def nodeOrLiteral(argstr: str, i: int) -> None:
        raise IndexError("list index out of range")

    with pytest.raises(IndexError) as caught:
        nodeOrLiteral("@prefix e: <x:> .\ne:a e:b\n  e:c .", 28)
    assert str(_crash_location(Path("f.ttl"), caught.value)) == "f.ttl:3:3"
