"""coi_graph.query.standalone: a query as one self-contained SPARQL text, with the project's PREFIX
declarations, that a store or server knowing nothing of the project runs as the embedded store does."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from coi_graph.namespaces import PREFIXES
from coi_graph.query.standalone import standalone

QUERY = "SELECT ?label WHERE { ent:sdf skos:prefLabel ?label ; a coi:NonStateArmedGroup }"


def test_every_project_prefix_is_declared_before_the_query() -> None:
    text = standalone(QUERY)
    lines = text.splitlines()
    assert lines[: len(PREFIXES)] == [f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items()]
    assert "PREFIX coi: <https://w3id.org/coi-graph/ontology#>" in lines
    assert "PREFIX ent: <https://w3id.org/coi-graph/id/entity/>" in lines
    assert text.endswith("\n" + QUERY)


def test_a_store_without_the_project_prefixes_runs_it() -> None:
    store = ox.Store()
    store.load(
        input=b"@prefix coi: <https://w3id.org/coi-graph/ontology#> . "
        b"@prefix skos: <http://www.w3.org/2004/02/skos/core#> . "
        b'<https://w3id.org/coi-graph/id/entity/sdf> a coi:NonStateArmedGroup ; skos:prefLabel "SDF"@en .',
        format=ox.RdfFormat.TURTLE,
    )
    with pytest.raises(SyntaxError):  # the bare query names prefixes the store does not know
        store.query(QUERY)
    solutions = store.query(standalone(QUERY))
    assert isinstance(solutions, ox.QuerySolutions)
    assert [s["label"] for s in solutions] == [ox.Literal("SDF", language="en")]


def test_the_query_text_is_kept_as_it_is() -> None:
    query = 'ASK { ?s rdfs:label "PREFIX x: <y>\\n" }  # a comment\n'
    assert standalone(query).split("\n", len(PREFIXES))[-1] == query
