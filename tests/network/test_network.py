"""The projection of the seed graph onto a network, and the analytics on small graphs with known answers."""

from __future__ import annotations

from datetime import date

import networkx as nx
import pytest

from coi_graph.compile.pipeline import BuildResult
from coi_graph.network import analytics
from coi_graph.network.projection import ProjectionOptions, project
from coi_graph.store import open_store

ENT = "https://w3id.org/coi-graph/id/entity/"
EV = "https://w3id.org/coi-graph/id/event/"
ALL = ("stated", "reported", "planned", "intended", "possible", "negated")


@pytest.fixture(scope="module")
def network(seed_build: BuildResult) -> nx.MultiDiGraph[str]:
    return project(open_store(seed_build.out_dir))


def test_nodes_carry_label_type_qid_coordinates_and_aliases(network: nx.MultiDiGraph[str]) -> None:
    syria = network.nodes[ENT + "syria"]
    assert (syria["label"], syria["type"], syria["kind"], syria["wikidata"]) == ("Syria", "state", "actor", "Q858")
    assert (syria["latitude"], syria["longitude"], syria["precision"]) == (35.0, 38.0, 1.0)
    assert syria["aliases"] == ["Syrian", "Syrian Arab Republic"]
    base = network.nodes[ENT + "ain-al-asad-air-base"]
    assert (base["type"], base["kind"], base["category"]) == ("air base", "place", "facility")
    assert "wikidata" not in base  # open: no verified QID


def test_edges_aggregate_claims_with_their_evidence(network: nx.MultiDiGraph[str]) -> None:
    # "around 2 000 US troops in the country" (541, USDOD and Al Jazeera, as of December 2024) and
    # "US forces in neighbouring Syria" (News.Az, 2025-10-20)
    edge = network.edges[ENT + "us-armed-forces", ENT + "syria", "presentAt"]
    assert (edge["claims"], edge["publishers"]) == (2, 3)
    assert (edge["first"], edge["last"]) == ("2024-12-01", "2025-10-20")
    assert edge["footnotes"] == [541]
    assert edge["modality"] == ["reported"]
    assert [c.rsplit("/", 2)[-2] for c in edge["claim_ids"]] == [
        "euaa-2025-03-syria-country-focus",
        "newsaz-2025-10-20-iraq-us-advisers",
    ]
    assert edge["spells"] == [("2024-12-01", "2024-12-31"), ("2025-10-20", "2025-10-20")]
    # footnotes 545-548 cite six SOHR items: one publisher
    qasrik = network.edges[ENT + "global-coalition", ENT + "qasrik-base", "stationedAt"]
    assert (qasrik["claims"], qasrik["publishers"], qasrik["footnotes"]) == (1, 1, [545, 546, 547, 548])
    assert network.edges[ENT + "us-armed-forces", ENT + "sdf", "supports"]["footnotes"] == [542]


def test_events_collapse_into_actor_edges(network: nx.MultiDiGraph[str]) -> None:
    strike = network.edges[ENT + "us-armed-forces", ENT + "isil", "event:strike"]
    assert strike["events"] == [EV + "us-strikes-2024-12-08"]
    assert (strike["first"], strike["last"]) == ("2024-12-08", "2024-12-08")
    meeting = network.edges[ENT + "biden-administration", ENT + "ahmad-al-sharaa", "event:meeting"]
    assert meeting["footnotes"] == [537]


def test_events_as_nodes(seed_build: BuildResult) -> None:
    graph = project(open_store(seed_build.out_dir), ProjectionOptions(events="nodes"))
    strike = EV + "us-strikes-2024-12-08"
    assert graph.nodes[strike]["kind"] == "event" and graph.nodes[strike]["type"] == "strike"
    assert graph.has_edge(ENT + "us-armed-forces", strike, "agent")
    assert graph.has_edge(ENT + "isil", strike, "target")
    exercise = EV + "joint-exercise-coalition-sdf"
    assert graph.has_edge(exercise, ENT + "qasrik-base", "atPlace")


def test_modalities(network: nx.MultiDiGraph[str], seed_build: BuildResult) -> None:
    # by default only what the documents assert: no planned withdrawal, no negated threat
    assert not any(k.startswith("event:withdrawal|") for _, _, k in network.edges(keys=True))
    assert not network.has_edge(ENT + "isil", ENT + "iraq", "threatens|negated")
    everything = project(open_store(seed_build.out_dir), ProjectionOptions(modalities=ALL))
    assert everything.has_edge(ENT + "isil", ENT + "iraq", "threatens|negated")
    assert everything.has_edge(ENT + "isil", ENT + "iraq", "threatens|possible")
    assert everything.edges[ENT + "us-armed-forces", ENT + "ain-al-asad-air-base", "event:withdrawal|planned"][
        "modality"
    ] == ["planned"]


def test_time_window_and_as_of(seed_build: BuildResult) -> None:
    store = open_store(seed_build.out_dir)
    december = project(store, ProjectionOptions(start=date(2024, 12, 1), end=date(2024, 12, 31), registry=False))
    assert december.has_edge(ENT + "us-armed-forces", ENT + "isil", "event:strike")
    assert not december.has_edge(ENT + "us-military-advisers-iraq", ENT + "ain-al-asad-air-base", "stationedAt")
    # as known at mid-2025, only the EUAA report (March 2025) counts
    mid_2025 = project(store, ProjectionOptions(as_of=date(2025, 6, 30), registry=False))
    sources = {c.rsplit("/", 2)[-2] for _, _, d in mid_2025.edges(data=True) for c in d["claim_ids"]}
    assert sources == {"euaa-2025-03-syria-country-focus"}
    assert ENT + "us-military-advisers-iraq" not in mid_2025


def test_inferred_and_registry_edges_are_marked(seed_build: BuildResult, network: nx.MultiDiGraph[str]) -> None:
    registry = network.edges[ENT + "al-hasakah-governorate", ENT + "syria", "locatedIn"]
    assert (registry["origin"], registry["claims"]) == ("registry", 0)
    inferred = project(open_store(seed_build.out_dir), ProjectionOptions(inferred=True))
    edge = inferred.edges[ENT + "global-coalition", ENT + "syria", "presentAt"]
    assert edge["origin"] == "inferred" and edge["inferred"] is True
    assert not network.has_edge(ENT + "global-coalition", ENT + "syria", "presentAt")


def test_relation_and_type_filters(seed_build: BuildResult) -> None:
    store = open_store(seed_build.out_dir)
    supports = project(store, ProjectionOptions(relations=frozenset({"supports", "opposes"}), registry=False))
    assert {k for _, _, k in supports.edges(keys=True)} == {"supports", "opposes"}
    actors = project(store, ProjectionOptions(node_types=frozenset({"Actor"})))
    assert all(d["kind"] == "actor" for _, d in actors.nodes(data=True))
    assert ENT + "sdf" in actors and ENT + "syria" in actors  # a state is an actor


# --- analytics on hand-made graphs -----------------------------------------------------------------


def _graph(edges: list[tuple[str, str]]) -> nx.MultiDiGraph[str]:
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for u, v in edges:
        graph.add_node(u, label=u.upper(), type="state")
        graph.add_node(v, label=v.upper(), type="state")
        graph.add_edge(u, v, key="supports", weight=1.0, label="supports", claim_ids=[f"c-{u}-{v}"], footnotes=[1],
                       modality=["stated"], first="2025-01-01", last="2025-01-31")  # fmt: skip
    return graph


def test_degree_pagerank_and_betweenness_on_a_path() -> None:
    rows = {r.node: r for r in analytics.metrics(_graph([("a", "b"), ("b", "c")]))}
    assert (rows["b"].in_degree, rows["b"].out_degree) == (1, 1)
    assert rows["b"].betweenness == 1.0 and rows["a"].betweenness == 0.0
    assert rows["c"].pagerank > rows["b"].pagerank > rows["a"].pagerank  # rank flows to the end of the chain
    assert abs(sum(r.pagerank for r in rows.values()) - 1.0) < 1e-5


def test_louvain_finds_two_cliques_joined_by_a_bridge() -> None:
    left = [(a, b) for a in "abc" for b in "abc" if a < b]
    right = [(a, b) for a in "xyz" for b in "xyz" if a < b]
    groups = analytics.communities(_graph([*left, *right, ("c", "x")]))
    assert groups["a"] == groups["b"] == groups["c"]
    assert groups["x"] == groups["y"] == groups["z"]
    assert groups["a"] != groups["x"]
    assert analytics.communities(_graph([*left, *right, ("c", "x")])) == groups  # fixed seed


def test_ego_and_paths() -> None:
    graph = _graph([("a", "b"), ("c", "b"), ("c", "d"), ("e", "f")])
    assert set(analytics.ego(graph, "b", 1)) == {"a", "b", "c"}
    assert set(analytics.ego(graph, "b", 2)) == {"a", "b", "c", "d"}
    (route,) = analytics.paths(graph, "a", "d")
    assert [(s.source, s.target, s.forward) for s in route] == [("a", "b", True), ("b", "c", False), ("c", "d", True)]
    assert route[1].claims == ["c-c-b"]
    assert analytics.paths(graph, "a", "f") == []


def test_annotate_writes_measures_back() -> None:
    graph = analytics.annotate(_graph([("a", "b")]))
    assert set(graph.nodes["a"]) >= {"pagerank", "betweenness", "community", "in_degree", "out_degree"}


def test_time_slices(seed_build: BuildResult) -> None:
    store = open_store(seed_build.out_dir)
    slices = analytics.time_slices(lambda o: project(store, o), ProjectionOptions(), "quarter")
    by_start = {start.isoformat(): edges for start, _, _, edges in slices}
    assert by_start["2015-01-01"] == 2  # IS "seized wide swathes of territory in Iraq and Syria a decade ago"
    assert by_start["2016-01-01"] == 0
    assert by_start["2025-01-01"] > by_start["2024-10-01"] > 0


def test_edge_counts_match_the_data_files(network: nx.MultiDiGraph[str]) -> None:
    """Counted from data/ with rdflib, independently of the projection code."""
    from rdflib import Dataset, Graph, URIRef
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    from coi_graph.network.projection import RELATIONS
    from coi_graph.vocab import COI
    from tests.conftest import DATA

    relations = {URIRef(str(COI) + name) for name in RELATIONS}
    claims = Dataset()
    for path in sorted((DATA / "claims").glob("*.trig")):
        claims.parse(path, format="trig")
    described = claims.graph(DATASET_DEFAULT_GRAPH_ID)
    affirmative = {c for c, m in described.subject_objects(COI.modality) if m in (COI.Stated, COI.Reported)}
    direct = {
        (str(s), str(p).removeprefix(str(COI)), str(o))
        for s, p, o, g in claims.quads((None, None, None, None))
        if g in affirmative and p in relations
    }
    registry = Graph()
    for path in sorted((DATA / "entities").glob("*.ttl")):
        registry.parse(path, format="turtle")
    edges = {(u, k, v) for u, v, k in network.edges(keys=True)}
    events = {e for e in edges if e[1].startswith("event:")}
    # the registry's edges among the entities the claims name (directly or through an event)
    claimed = {node for s, _, o in direct | events for node in (s, o)}
    structural = {
        (str(s), str(p).removeprefix(str(COI)), str(o))
        for s, p, o in registry
        if p in relations and str(s) in claimed and str(o) in claimed
    } - direct

    assert {
        e for e in edges if not e[1].startswith("event:") and network.edges[e[0], e[2], e[1]]["origin"] == "claims"
    } == direct
    assert {e for e in edges if network.edges[e[0], e[2], e[1]]["origin"] == "registry"} == structural
    assert events and network.number_of_edges() == len(direct) + len(structural) + len(events)
    # isolates are dropped: every node has an edge
    assert network.number_of_nodes() == len({n for e in edges for n in (e[0], e[2])})
