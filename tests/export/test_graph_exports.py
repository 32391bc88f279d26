"""Every network and RDF export read back by a real reader."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from lxml import etree

from coi_graph.compile.pipeline import BuildResult
from coi_graph.export.gephi_csv import to_gephi_csv
from coi_graph.export.gexf import to_gexf
from coi_graph.export.graphml import to_graphml
from coi_graph.export.rdf import context, to_rdf
from coi_graph.network.analytics import annotate
from coi_graph.network.projection import ProjectionOptions, project
from coi_graph.store import open_store
from tests.conftest import ROOT, SHARED, run_cli

ENT = "https://w3id.org/coi-graph/id/entity/"
GEXF_SCHEMA = SHARED / "schemas" / "gexf" / "1.3" / "gexf.rng"


@pytest.fixture(scope="module")
def network(seed_build: BuildResult) -> nx.MultiDiGraph[str]:
    return annotate(project(open_store(seed_build.out_dir)))


def _validate_gexf(text: str) -> None:
    if not GEXF_SCHEMA.is_file():
        pytest.skip(f"{GEXF_SCHEMA} not present (CI has ../shared beside the clone)")
    schema = etree.RelaxNG(etree.parse(str(GEXF_SCHEMA)))
    document = etree.parse(io.BytesIO(text.encode("utf-8")))
    assert schema.validate(document), schema.error_log


@pytest.mark.parametrize("geo", [False, True])
def test_gexf_validates_against_the_official_schema(network: nx.MultiDiGraph[str], geo: bool) -> None:
    _validate_gexf(to_gexf(network, size_by="pagerank", geo=geo))


def test_networkx_writer_output_does_not_validate_but_ours_does(network: nx.MultiDiGraph[str]) -> None:
    """Why the project writes GEXF itself (a regression guard on the reason)."""
    simple: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    simple.add_edge("a", "b")
    buffer = io.BytesIO()
    nx.write_gexf(simple, buffer, version="1.3")
    if not GEXF_SCHEMA.is_file():
        pytest.skip("schema not present")
    schema = etree.RelaxNG(etree.parse(str(GEXF_SCHEMA)))
    assert not schema.validate(etree.parse(io.BytesIO(buffer.getvalue())))
    _validate_gexf(to_gexf(simple))


def test_gexf_reads_back_with_networkx(network: nx.MultiDiGraph[str]) -> None:
    back = nx.read_gexf(io.BytesIO(to_gexf(network, size_by="pagerank", geo=True).encode("utf-8")))
    assert back.number_of_nodes() == network.number_of_nodes()
    assert back.number_of_edges() == network.number_of_edges()
    syria = back.nodes[ENT + "syria"]
    assert syria["label"] == "Syria" and syria["wikidata"] == "Q858" and syria["latitude"] == 35.0
    assert json.loads(syria["aliases"]) == ["Syrian", "Syrian Arab Republic"]
    assert syria["viz"]["position"]["x"] == pytest.approx(38.0 * 100)
    assert syria["viz"]["color"] == {"r": 0, "g": 114, "b": 178, "a": 1.0}
    original = network.edges[ENT + "us-armed-forces", ENT + "syria", "presentAt"]
    # networkx's multigraph key is not written (no library internals in the file): the edge is found by
    # its relation, and networkx keys it by the GEXF edge id
    (edge,) = [d for d in back[ENT + "us-armed-forces"][ENT + "syria"].values() if d["relation"] == "presentAt"]
    assert "networkx_key" not in edge
    assert json.loads(edge["footnotes"]) == original["footnotes"] == [541]
    assert json.loads(edge["claim_ids"]) == original["claim_ids"]
    assert edge["claims"] == 2 and edge["weight"] == 2.0
    assert edge["spells"] == original["spells"]


def test_gexf_keeps_lists_and_the_names_networkx_reserves() -> None:
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    graph.add_node(
        "a", label="Alpha", start="2025-01-01", end="2025-02-01", pid="parent-1", tags=["x, y", "z"], ids=[1, 2]
    )
    graph.add_node("b", label="Beta")
    graph.add_edge("a", "b", key="k1", label="knows", start="s", weight=2.5, ratio=0.5, ok=True)
    graph.add_edge("a", "b", key="k2", label="meets")
    text = to_gexf(graph)
    _validate_gexf(text)
    back = nx.read_gexf(io.BytesIO(text.encode("utf-8")))
    node = back.nodes["a"]
    assert (node["label"], node["start"], node["end"], node["pid"]) == ("Alpha", "2025-01-01", "2025-02-01", "parent-1")
    assert json.loads(node["tags"]) == ["x, y", "z"] and json.loads(node["ids"]) == [1, 2]
    edges = {d["label"]: d for d in back["a"]["b"].values()}  # parallel edges stay apart
    edge = edges["knows"]
    assert (edge["start"], edge["weight"], edge["ratio"], edge["ok"]) == ("s", 2.5, 0.5, True)
    assert sorted(edges) == ["knows", "meets"]


def test_gexf_is_deterministic(network: nx.MultiDiGraph[str]) -> None:
    assert to_gexf(network) == to_gexf(network)


def test_graphml_reads_back_with_typed_keys(network: nx.MultiDiGraph[str]) -> None:
    text = to_graphml(network)
    assert 'attr.name="pagerank" attr.type="double"' in text and 'attr.name="claims" attr.type="long"' in text
    back = nx.read_graphml(io.StringIO(text), force_multigraph=True)
    assert back.number_of_nodes() == network.number_of_nodes()
    assert back.number_of_edges() == network.number_of_edges()
    assert back.nodes[ENT + "syria"]["pagerank"] == network.nodes[ENT + "syria"]["pagerank"]
    edge = back.edges[ENT + "us-armed-forces", ENT + "syria", "presentAt"]
    assert edge["claims"] == 2 and json.loads(edge["footnotes"]) == [541]


def test_gephi_csv(network: nx.MultiDiGraph[str]) -> None:
    nodes_csv, edges_csv = to_gephi_csv(network)
    nodes = list(csv.DictReader(io.StringIO(nodes_csv)))
    edges = list(csv.DictReader(io.StringIO(edges_csv)))
    assert list(nodes[0])[:3] == ["Id", "Label", "type"]
    assert list(edges[0])[:8] == ["Source", "Target", "Type", "Id", "Label", "Weight", "Start", "End"]
    assert len(nodes) == network.number_of_nodes() and len(edges) == network.number_of_edges()
    row = next(
        e
        for e in edges
        if e["Source"] == ENT + "us-armed-forces" and e["Target"] == ENT + "syria" and e["relation"] == "presentAt"
    )
    assert (row["Type"], row["Weight"], row["Start"], row["End"], row["footnotes"]) == (
        "Directed",
        "2.0",
        "2024-12-01",
        "2025-10-20",
        "541",
    )


def test_gephi_csv_command_writes_two_files(seed_build: BuildResult, tmp_path: Path) -> None:
    result = run_cli("export", "gephi-csv", "--build", str(seed_build.out_dir), "-o", str(tmp_path / "gephi"))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "gephi").iterdir()) == ["edges.csv", "nodes.csv"]


def test_geojson_round_trip(seed_build: BuildResult) -> None:
    result = run_cli("export", "geojson", "--build", str(seed_build.out_dir))
    collection = json.loads(result.stdout)
    assert collection["type"] == "FeatureCollection"
    places = {f["id"]: f for f in collection["features"] if f["properties"]["kind"] == "place"}
    events = [f for f in collection["features"] if f["properties"]["kind"] == "event"]
    assert len(places) == 14  # the places whose coordinates two sources verify
    syria = places[ENT + "syria"]
    assert syria["geometry"] == {"type": "Point", "coordinates": [38.0, 35.0]}  # longitude first
    assert syria["properties"]["coordinate_precision_deg"] == 1.0
    for feature in collection["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
    strikes_at_ain = [e for e in events if e["properties"]["place"] == ENT + "ain-al-asad-air-base"]
    assert {e["properties"]["modality"] for e in strikes_at_ain} == {"planned"}  # the pullout, by September 2025
    assert json.loads(json.dumps(collection)) == collection


def _canonical(quads: list[ox.Quad]) -> set[str]:
    dataset = ox.Dataset(quads)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return {str(q) for q in dataset}


def _built(seed_build: BuildResult) -> set[str]:
    return _canonical(list(ox.parse(path=str(seed_build.out_dir / "graph.nq"), format=ox.RdfFormat.N_QUADS)))


@pytest.mark.parametrize(
    ("fmt", "parser"), [("trig", ox.RdfFormat.TRIG), ("nquads", ox.RdfFormat.N_QUADS), ("jsonld", ox.RdfFormat.JSON_LD)]
)
def test_rdf_datasets_round_trip_isomorphic(seed_build: BuildResult, fmt: str, parser: ox.RdfFormat) -> None:
    text = to_rdf(seed_build.out_dir, fmt)
    quads = list(ox.parse(input=text.encode("utf-8"), format=parser))
    assert _canonical(quads) == _built(seed_build)


def test_turtle_round_trips_one_graph(seed_build: BuildResult) -> None:
    text = to_rdf(seed_build.out_dir, "turtle", "plain")
    triples = {str(t) for t in ox.parse(input=text.encode("utf-8"), format=ox.RdfFormat.TURTLE)}
    plain = {
        str(ox.Triple(q.subject, q.predicate, q.object))
        for q in ox.parse(path=str(seed_build.out_dir / "graph.nq"), format=ox.RdfFormat.N_QUADS)
        if q.graph_name == ox.NamedNode("https://w3id.org/coi-graph/graph/plain")
    }
    assert triples == plain and len(plain) > 100


def test_jsonld_carries_the_published_context(seed_build: BuildResult) -> None:
    document = json.loads(to_rdf(seed_build.out_dir, "jsonld"))
    published = json.loads((ROOT / "ontology" / "context.jsonld").read_text(encoding="utf-8"))
    assert document["@context"] == published["@context"] == context()["@context"]
    assert "coi:supports" in json.dumps(document)


def _library(build: Path, fmt: str, *, options: ProjectionOptions | None = None, metrics: bool = True,
             geo: bool = False, graph: str = "plain") -> str:  # fmt: skip
    """What the library makes for ``coi-graph export FMT`` with these settings (the command's defaults)."""
    if fmt in ("gexf", "graphml"):
        network = project(open_store(build), options or ProjectionOptions())
        if metrics:
            annotate(network)
        if fmt == "graphml":
            return to_graphml(network)
        return to_gexf(network, size_by="pagerank" if metrics else None, geo=geo, description="coi-graph network")
    if fmt == "geojson":
        from coi_graph.export.geojson import to_geojson

        return to_geojson(open_store(build))
    return to_rdf(build, fmt, graph)


@pytest.mark.parametrize("fmt", ["gexf", "graphml", "geojson", "turtle", "trig", "nquads", "jsonld"])
def test_an_export_command_writes_what_the_library_makes(seed_build: BuildResult, tmp_path: Path, fmt: str) -> None:
    """The file ``-o`` names holds exactly what the library makes with the command's defaults, and nothing goes
    to stdout; without ``-o`` stdout is the same text. The export is not empty."""
    out = tmp_path / f"out.{fmt}"
    result = run_cli("export", fmt, "--build", str(seed_build.out_dir), "-o", str(out))
    assert result.exit_code == 0, result.output
    expected = _library(seed_build.out_dir, fmt)
    assert out.read_text(encoding="utf-8") == expected and result.stdout == ""
    streamed = run_cli("export", fmt, "--build", str(seed_build.out_dir))
    assert streamed.exit_code == 0 and streamed.stdout == expected
    if fmt == "gexf":
        tree = etree.fromstring(expected.encode("utf-8"))
        nodes = tree.findall(".//{*}node")
        assert len(nodes) == project(open_store(seed_build.out_dir), ProjectionOptions()).number_of_nodes() > 0
    elif fmt == "geojson":
        assert json.loads(expected)["features"]
    elif fmt in ("nquads", "trig", "turtle"):
        assert expected.count("\n") > 100


def test_export_options_reach_the_library(seed_build: BuildResult, tmp_path: Path) -> None:
    build = seed_build.out_dir

    def exported(*args: str) -> str:
        out = tmp_path / "out"
        result = run_cli("export", *args, "--build", str(build), "-o", str(out))
        assert result.exit_code == 0, result.output
        return out.read_text(encoding="utf-8")

    bare = exported("gexf", "--no-metrics")
    assert bare == _library(build, "gexf", metrics=False) != _library(build, "gexf")
    assert 'title="pagerank"' not in bare and 'title="pagerank"' in _library(build, "gexf")
    geo = exported("gexf", "--geo")
    assert geo == _library(build, "gexf", geo=True) and "viz:position" in geo
    events = exported("gexf", "--events", "nodes")
    assert events == _library(build, "gexf", options=ProjectionOptions(events="nodes"))
    assert events != _library(build, "gexf")
    assert exported("turtle", "--graph", "claims") == _library(build, "turtle", graph="claims") != exported("turtle")


def test_events_as_nodes_export_validates(seed_build: BuildResult) -> None:
    graph = annotate(project(open_store(seed_build.out_dir), ProjectionOptions(events="nodes", inferred=True)))
    _validate_gexf(to_gexf(graph, geo=True))
