"""The SPARQL text the reasoning rules are written with: safe IRIs, VALUES blocks, graph placeholders,
matching across graphs, and the filters that keep only what the inferred layer may hold."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from coi_graph.compile.reason.sparql import (
    READ,
    absent_pattern,
    iri_text,
    kept_subject,
    kept_triple,
    match_in,
    minus_pattern,
    placeholder,
    values_block,
)
from coi_graph.compile.reason.vocabulary import UnsupportedAxiom

ID = "https://w3id.org/coi-graph/id/"
OWL = "http://www.w3.org/2002/07/owl#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
COI = "https://w3id.org/coi-graph/ontology#"


def test_iri_text_writes_a_safe_iri() -> None:
    assert iri_text("http://ex.org/x") == "<http://ex.org/x>"


@pytest.mark.parametrize(
    "value",
    [
        "",
        "http://ex.org/a b",
        "http://ex.org/x> . <y",
        'http://ex.org/"',
        "http://ex.org/{",
        "http://ex.org/\\u",
        "http://ex.org/\x01",
    ],
)
def test_iri_text_refuses_what_could_break_out_of_the_iri(value: str) -> None:
    with pytest.raises(UnsupportedAxiom, match="cannot be written safely into a SPARQL rule"):
        iri_text(value)


def test_values_block_and_placeholders() -> None:
    block = values_block(("d", "sup"), [("<http://a>", "<http://b>"), ("<http://c>", "<http://d>")])
    assert block == "VALUES (?d ?sup) { (<http://a> <http://b>) (<http://c> <http://d>) }"
    assert placeholder("READ") == "\x00READ\x00" == READ


def test_match_in_absent_and_minus_patterns_are_written_per_graph() -> None:
    assert match_in("?s ?p ?o", "?o ?q ?z", graphs="<http://g>") == (
        "GRAPH ?g0 { ?s ?p ?o } FILTER(?g0 IN (<http://g>)) GRAPH ?g1 { ?o ?q ?z } FILTER(?g1 IN (<http://g>))"
    )
    assert match_in("?s ?p ?o") == "GRAPH ?g0 { ?s ?p ?o } FILTER(?g0 IN (\x00READ\x00))"
    assert absent_pattern("?s a ?c") == "FILTER NOT EXISTS { GRAPH ?h { ?s a ?c } FILTER(?h IN (\x00READ\x00)) }"
    assert minus_pattern("?s a ?c", "VALUES ?c { <x> }") == (
        "MINUS { VALUES ?c { <x> } GRAPH ?h { ?s a ?c } FILTER(?h IN (\x00READ\x00)) }"
    )


def _store(*triples: tuple[str, str, str, str]) -> ox.Store:
    store = ox.Store()
    store.extend(
        ox.Quad(
            ox.NamedNode(s) if not s.startswith("_:") else ox.BlankNode(s[2:]),
            ox.NamedNode(p),
            ox.BlankNode(o[2:]) if o.startswith("_:") else ox.NamedNode(o),
            ox.NamedNode(g),
        )
        for s, p, o, g in triples
    )
    return store


def test_a_join_may_cross_the_graphs_it_is_given_and_absence_looks_in_all_of_them() -> None:
    a, b, c = "http://ex.org/a", "http://ex.org/b", "http://ex.org/c"
    p, g1, g2, g3 = "http://ex.org/p", "http://ex.org/g1", "http://ex.org/g2", "http://ex.org/g3"
    store = _store((a, p, b, g1), (b, p, c, g2), (a, p, c, g3), (b, p, a, g3))
    graphs = f"<{g1}>, <{g2}>"
    query = f"SELECT ?x ?z WHERE {{ {match_in('?x ?p ?y', '?y ?p ?z', graphs=graphs)} }}"
    assert [(r["x"].value, r["z"].value) for r in store.query(query)] == [(a, c)]  # g3 is not read
    every = f"<{g1}>, <{g2}>, <{g3}>"
    reverse_absent = f"{match_in('?x ?p ?y', graphs=graphs)} {absent_pattern('?y ?p ?x')}".replace(READ, every)
    rows = store.query(f"SELECT ?x ?y WHERE {{ {reverse_absent} }}")
    assert [(r["x"].value, r["y"].value) for r in rows] == [(b, c)]  # (a, b) is reversed in g3
    reverse_minus = f"{match_in('?x ?p ?y', graphs=graphs)} {minus_pattern('?y ?p ?x', '')}".replace(READ, every)
    rows = store.query(f"SELECT ?x ?y WHERE {{ {reverse_minus} }}")
    assert [(r["x"].value, r["y"].value) for r in rows] == [(b, c)]


def test_kept_triple_keeps_only_data_about_the_data_namespace() -> None:
    """What reason._keep keeps: a data subject, no blank or skolemised object, no trivial type, no x sameAs x."""
    g = "http://ex.org/g"
    x, y = ID + "entity/x", ID + "entity/y"
    store = _store(
        (x, COI + "presentAt", y, g),  # kept
        (x, RDF_TYPE, COI + "Actor", g),  # kept: a type of the ontology
        ("http://ex.org/outside", COI + "presentAt", y, g),  # subject outside the data namespace
        (x, COI + "presentAt", "_:b", g),  # blank object
        (x, RDF_TYPE, "urn:coi-graph:reason:class:0", g),  # a skolemised class
        (x, OWL + "sameAs", x, g),  # trivial sameAs
        (x, OWL + "sameAs", y, g),  # kept
        (x, RDF_TYPE, OWL + "Thing", g),
        (x, RDF_TYPE, OWL + "Class", g),
        (x, RDF_TYPE, "http://www.w3.org/2000/01/rdf-schema#Resource", g),
        (x, RDF_TYPE, OWL + "FunctionalProperty", g),  # any W3C class
    )
    query = f"SELECT ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER({kept_triple('s', 'p', 'o')}) }}"
    kept = sorted((r["s"].value, r["p"].value, r["o"].value) for r in store.query(query))
    assert kept == sorted([(x, COI + "presentAt", y), (x, RDF_TYPE, COI + "Actor"), (x, OWL + "sameAs", y)])
    assert kept_subject("s") == f'(isIRI(?s) && STRSTARTS(STR(?s), "{ID}"))'
