"""SPARQL-based constraints (sh:sparql) in the fast validator: the prefixes pySHACL would declare, the
sh:select texts refused where a whole-graph run could differ from pySHACL's, and the query each becomes."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH

from coi_graph.compile.validate.model import UnsupportedShape
from coi_graph.compile.validate.program import FOCUS_MARK, Focus, Program
from coi_graph.compile.validate.sparql import check_select, sparql_checks, sparql_prefixes

EX = "http://ex.org/"
SHAPE = URIRef(EX + "S")
BASE = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
}
SHAPES = f"""@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <{EX}> .
@prefix owl: <http://www.w3.org/2002/07/owl#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<{EX}shapes> a owl:Ontology ; sh:declare [ sh:prefix "ex" ; sh:namespace "{EX}"^^xsd:anyURI ] .
ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:sparql ex:big , ex:off .
ex:big sh:prefixes <{EX}shapes> ; sh:message "too big" ;
    sh:select "SELECT $this ?value WHERE {{ $this ex:p ?value . FILTER(?value > 3) }}" .
ex:off sh:deactivated true ; sh:select "SELECT $this WHERE {{ $this ex:q ?v }}" .
ex:bare sh:select "SELECT $this WHERE {{ $this ex:q ?v }}" .
"""
FOCUS = Focus(f"{{ SELECT DISTINCT {FOCUS_MARK} WHERE {{ {FOCUS_MARK} a <{EX}C> }} }}")


def _shapes(extra: str = "") -> Graph:
    return Graph().parse(data=SHAPES + extra, format="turtle")


def test_sparql_prefixes_are_rdf_rdfs_owl_and_the_declared_ones() -> None:
    shapes = _shapes()
    assert sparql_prefixes(shapes, URIRef(EX + "big")) == BASE | {"ex": EX}
    assert sparql_prefixes(shapes, URIRef(EX + "bare")) == BASE  # no sh:prefixes


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            f'<{EX}shapes> sh:declare [ sh:prefix "ex" ; sh:namespace "http://other.org/"^^xsd:anyURI ] .',
            "declared twice",
        ),
        (
            f'<{EX}shapes> sh:declare [ sh:prefix "1x" ; sh:namespace "http://other.org/"^^xsd:anyURI ] .',
            "prefix name '1x'",
        ),
        (f'<{EX}shapes> sh:declare [ sh:prefix "y" ; sh:namespace <http://other.org/> ] .', "one sh:namespace literal"),
    ],
)
def test_sparql_prefixes_refuse_bad_declarations(extra: str, message: str) -> None:
    with pytest.raises(UnsupportedShape, match=message):
        sparql_prefixes(_shapes(extra), URIRef(EX + "big"))


@pytest.mark.parametrize(
    ("text", "variables"),
    [
        ("SELECT $this WHERE { $this ex:p ?v . }", ("this",)),
        ("SELECT $this ?value WHERE { $this ex:p ?value . FILTER(?value > 3) }", ("this", "value")),
        ("SELECT $this WHERE { { $this ex:p ?v } UNION { ?x ex:q ?this } }", ("this",)),
    ],
)
def test_check_select_returns_the_projected_variables(text: str, variables: tuple[str, ...]) -> None:
    assert check_select(SHAPE, text, BASE | {"ex": EX}) == variables


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("SELECT $this WHERE { $this ex:p ?v . MINUS { $this ex:q ?v } }", "MINUS in a SPARQL constraint"),
        ("SELECT $this WHERE { $this ex:p ?v . VALUES ?v { 1 } }", "VALUES in a SPARQL constraint"),
        ("SELECT $this WHERE { SERVICE <http://x.org/> { $this ex:p ?v } }", "SERVICE in a SPARQL constraint"),
        ("SELECT $this WHERE { ?x ex:p ?v . BIND(?x AS ?this) }", "AS rebinding"),
        ("SELECT $this WHERE { $this $PATH ?v . }", r"\$PATH in a SPARQL constraint"),
        ("PREFIX ex: <http://ex.org/> SELECT $this WHERE { $this ex:p ?v . }", "PREFIX or BASE inside"),
        ("ASK { $this ex:p ?v }", "not a plain SELECT"),
        ("SELECT $this WHERE { $this ex:p ?v ", "rdflib cannot parse"),
        ("SELECT $this ?failure WHERE { $this ex:p ?failure . }", "does not select"),
        ("SELECT $this WHERE { ?x ex:p ?v . }", "may leave \\$this unbound"),
        ("SELECT $this WHERE { { $this ex:p ?v } UNION { ?x ex:q ?w } }", "may leave \\$this unbound"),
        ("SELECT $this WHERE { OPTIONAL { $this ex:p ?v } ?this ex:q ?w }", "uses \\$this where it may be unbound"),
        ("SELECT ?this WHERE { ?this ex:p ?v . BIND(1 AS ?value) }", r"binds \?value"),
        ("SELECT $this WHERE { $this ex:p ?v } GROUP BY $this", "using AggregateJoin"),
    ],
)
def test_check_select_refuses_what_pyshacl_would_evaluate_differently(text: str, message: str) -> None:
    with pytest.raises(UnsupportedShape, match=message):
        check_select(SHAPE, text, BASE | {"ex": EX})


def test_sparql_checks_compile_each_active_constraint_into_a_query_of_its_own() -> None:
    program = Program()
    sparql_checks(_shapes(), program, SHAPE, None, FOCUS, SH.Violation, ())
    (query,) = program.queries()  # ex:off is deactivated
    (check,) = query.checks
    assert (check.component, check.value, check.severity) == (SH.SPARQLConstraintComponent, "focus", SH.Violation)
    assert check.sparql is not None and check.sparql.constraint == URIRef(EX + "big")
    assert check.sparql.extra_messages == (Literal("too big"),) and check.sparql.variables == ("this", "value")
    assert query.text.startswith("PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n")
    assert f"PREFIX ex: <{EX}>\nSELECT DISTINCT ?this ?value WHERE {{ {FOCUS('?this')} {{ SELECT $this" in query.text
    store = ox.Store()
    data = f"<{EX}a> a <{EX}C> ; <{EX}p> 5, 2 . <{EX}b> <{EX}p> 9 . <{EX}d> a <{EX}C> ; <{EX}p> 4 ."
    store.load(input=data.encode(), format=ox.RdfFormat.TURTLE)
    rows = sorted((r["this"].value, r["value"].value) for r in store.query(query.text))
    assert rows == [(EX + "a", "5"), (EX + "d", "4")]  # b is no focus node


def test_sparql_checks_refuse_sparql_on_a_property_shape() -> None:
    with pytest.raises(UnsupportedShape, match="sh:sparql on a property shape"):
        sparql_checks(_shapes(), Program(), SHAPE, URIRef(EX + "path"), FOCUS, SH.Violation, ())
