"""`coi-graph analyze` (coi_graph.cli.analyze): metrics, ego, path and slices on the seed build, each checked
against the library on the same network, entities given by IRI or label, the errors for an unknown entity and
for no path, and the registration of the group."""

from __future__ import annotations

import csv
import io
import json

import click
import networkx as nx
import pytest

from coi_graph.cli import analyze as analyze_commands
from coi_graph.cli import main
from coi_graph.compile.pipeline import BuildResult
from coi_graph.network.analytics import ego, metrics
from coi_graph.network.projection import project
from coi_graph.store import open_store
from tests.conftest import run_cli

ENT = "https://w3id.org/coi-graph/id/entity/"


@pytest.fixture(scope="module")
def network(seed_build: BuildResult) -> nx.MultiDiGraph[str]:
    """The network the commands project by default."""
    return project(open_store(seed_build.out_dir))


def test_register_adds_the_analyze_group() -> None:
    group = click.Group()
    analyze_commands.register(group)
    assert list(group.commands) == ["analyze"]
    assert group.commands["analyze"] is analyze_commands.analyze is main.commands["analyze"]
    assert sorted(analyze_commands.analyze.commands) == ["ego", "metrics", "path", "slices"]


def test_metrics_are_the_library_measures_ranked_by_pagerank(
    seed_build: BuildResult, network: nx.MultiDiGraph[str]
) -> None:
    result = run_cli("analyze", "metrics", "--top", "3", "--format", "csv", "--build", str(seed_build.out_dir))
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == ["label", "type", "in_degree", "out_degree", "weighted_degree", "pagerank",
                             "betweenness", "community", "node"]  # fmt: skip
    expected = metrics(network)[:3]
    assert [(r["node"], r["label"], int(r["in_degree"])) for r in rows] == [
        (m.node, m.label, m.in_degree) for m in expected
    ]
    assert rows[0]["node"] == ENT + "syria"
    every = json.loads(run_cli("analyze", "metrics", "--format", "json", "--build", str(seed_build.out_dir)).stdout)
    assert len(every) == network.number_of_nodes()


def test_ego_by_label_is_ego_by_iri_and_an_unknown_entity_is_an_error(
    seed_build: BuildResult, network: nx.MultiDiGraph[str]
) -> None:
    build = str(seed_build.out_dir)
    by_iri = run_cli("analyze", "ego", "ent:sdf", "--format", "json", "--build", build)
    by_label = run_cli("analyze", "ego", "Syrian Democratic Forces", "--format", "json", "--build", build)
    assert by_iri.exit_code == 0 and by_iri.stdout == by_label.stdout
    rows = json.loads(by_iri.stdout)
    assert len(rows) == ego(network, ENT + "sdf", 1).number_of_edges()
    supports = [r for r in rows if r["relation"] == "supports"]
    assert [(r["source"], r["target"], r["footnotes"], r["modality"]) for r in supports] == [
        ("US armed forces", "Syrian Democratic Forces", "542", "stated")
    ]
    unknown = run_cli("analyze", "ego", "nobody", "--build", build)
    assert unknown.exit_code == 2 and unknown.stdout == ""
    assert unknown.stderr == (
        "error: 'nobody' is not a node of the network\n"
        "  hint: give an IRI such as ent:sdf or an exact label; check the projection options (--node-type, dates)\n"
    )


def test_path_shows_each_step_on_whose_word_or_says_there_is_none(seed_build: BuildResult) -> None:
    build = str(seed_build.out_dir)
    result = run_cli("analyze", "path", "Syrian Democratic Forces", "ent:us-armed-forces", "--limit", "1",
                     "--format", "json", "--build", build)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == [
        {
            "path": 1,
            "step": "US armed forces supports Syrian Democratic Forces",
            "footnotes": "542",
            "modality": "stated",
            "sources": "Al Jazeera, 2025-01-06",
            "quote": "where they act in support of the SDF as part of a mission to defeat ISIL",
            "claim": "https://w3id.org/coi-graph/id/claim/euaa-2025-03-syria-country-focus/15",
        }
    ]
    none = run_cli("analyze", "path", "ent:us-armed-forces", "ent:isil", "--relation", "supports",
                   "--keep-isolates", "--build", build)  # fmt: skip
    assert none.exit_code == 2
    assert none.stderr == "error: no path between ent:us-armed-forces and ent:isil in this network\n"


def test_slices_per_year_with_and_without_the_empty_ones(seed_build: BuildResult) -> None:
    build = str(seed_build.out_dir)
    result = run_cli("analyze", "slices", "--every", "year", "--format", "csv", "--build", build)
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == ["start", "end", "edges", "nodes", "most central"]
    assert [(r["start"], r["end"], r["edges"], r["nodes"]) for r in rows] == [
        ("2015-01-01", "2015-12-31", "2", "3"),
        ("2024-01-01", "2024-12-31", "14", "16"),
        ("2025-01-01", "2025-12-31", "66", "44"),
    ]
    assert rows[0]["most central"] == "Iraq (0.370); Syria (0.370); Islamic State (ISIL) (0.260)"
    empty = run_cli("analyze", "slices", "--every", "year", "--empty", "--format", "csv", "--build", build)
    years = list(csv.DictReader(io.StringIO(empty.stdout)))
    assert [r["start"][:4] for r in years] == [str(y) for y in range(2015, 2026)]
    assert {(r["edges"], r["nodes"], r["most central"]) for r in years[1:9]} == {("0", "0", "")}
