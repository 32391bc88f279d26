"""How the validator's program groups checks: focus patterns, short-circuit conjunctions and disjunctions,
the class path of sh:class, and the queries a ``Program`` writes (run here on a small store)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import BNode, URIRef
from rdflib.namespace import SH

from coi_graph.compile.validate.model import Check, UnsupportedShape
from coi_graph.compile.validate.program import FOCUS_MARK, Focus, Program, all_of, any_of, instances_of

EX = "http://ex.org/"
FOCUS = Focus(f"{{ SELECT DISTINCT {FOCUS_MARK} WHERE {{ {FOCUS_MARK} a <{EX}C> }} }}")
DATA = f"""
<{EX}a> a <{EX}C> ; <{EX}name> "A" ; <{EX}bad> 1 .
<{EX}b> a <{EX}C> ; <{EX}age> 3 .
<{EX}c> <{EX}bad> 2 .
"""


def _check(name: str) -> Check:
    return Check(URIRef(EX + name), SH.MinCountConstraintComponent, SH.Violation, None, (), "none")


def _store() -> ox.Store:
    store = ox.Store()
    store.load(input=DATA.encode(), format=ox.RdfFormat.TURTLE)
    return store


def test_a_focus_puts_the_variable_in_its_template() -> None:
    assert FOCUS("?this") == f"{{ SELECT DISTINCT ?this WHERE {{ ?this a <{EX}C> }} }}"
    assert Focus(FOCUS.template) == FOCUS and Focus(FOCUS.template, 1) != FOCUS  # equal text, one context


@pytest.mark.parametrize(
    ("tests", "conjunction", "disjunction"),
    [
        ([], "true", "false"),
        (["a"], "a", "a"),
        (["a", "b", "c"], "IF(a, IF(b, c, false), false)", "IF(a, true, IF(b, true, c))"),
    ],
)
def test_all_of_and_any_of_nest_ifs(tests: list[str], conjunction: str, disjunction: str) -> None:
    assert all_of(tests) == conjunction
    assert any_of(tests) == disjunction


def test_all_of_and_any_of_evaluate_as_and_and_or() -> None:
    store = ox.Store()
    for tests, expected_all, expected_any in (
        (["true", "true", "false"], "false", "true"),
        (["false", "false", "false"], "false", "false"),
        (["true", "true", "true"], "true", "true"),
    ):
        (row,) = store.query(
            f"SELECT ?all ?any WHERE {{ BIND({all_of(tests)} AS ?all) BIND({any_of(tests)} AS ?any) }}"
        )
        assert (row["all"].value, row["any"].value) == (expected_all, expected_any)


def test_instances_of_follows_type_then_subclasses() -> None:
    path = instances_of(URIRef(EX + "shape"), URIRef(EX + "C"))
    assert path == (
        "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* "
        "<http://ex.org/C>"
    )
    with pytest.raises(UnsupportedShape, match="sh:class that is not an IRI"):
        instances_of(URIRef(EX + "shape"), BNode("b"))


def test_checks_of_one_focus_share_a_query_and_rows_name_their_check() -> None:
    program = Program()
    program.violation(FOCUS, _check("v"), f"?this <{EX}bad> ?value .")
    program.present(FOCUS, _check("name"), f"?this <{EX}name> ?n .")
    program.present(Focus(FOCUS.template), _check("age"), f"?this <{EX}age> ?n .")
    assert len(program.contexts) == 1
    violations, presences = program.queries()
    assert violations.keyed and presences.keyed
    assert violations.checks == (_check("v"),) and presences.checks == (_check("name"), _check("age"))
    assert violations.guard == presences.guard == f"ASK {{ {FOCUS('?this')} }}"
    store = _store()
    found = [(int(r["_k"].value), r["this"].value, r["value"].value) for r in store.query(violations.text)]
    assert found == [(0, EX + "a", "1")]  # c has a bad value but is no focus node
    missing = sorted((int(r["_k"].value), r["this"].value) for r in store.query(presences.text))
    assert missing == [(0, EX + "b"), (1, EX + "a")]  # b has no name, a no age


def test_queries_of_their_own_come_after_the_grouped_ones() -> None:
    program = Program()
    alone = f"SELECT DISTINCT ?this WHERE {{ {FOCUS('?this')} ?this <{EX}age> ?age FILTER(?age < 5) }}"
    program.alone(FOCUS, alone, _check("alone"))
    program.violation(
        Focus("{ ?this a <http://ex.org/D> }".replace("?this", FOCUS_MARK)), _check("v"), "?this ?p ?value ."
    )
    queries = program.queries()
    assert [q.checks[0].shape for q in queries] == [URIRef(EX + "v"), URIRef(EX + "alone")]
    last = queries[-1]
    assert last.text == alone and not last.keyed and last.guard == f"ASK {{ {FOCUS('?this')} }}"
    assert [r["this"].value for r in _store().query(last.text)] == [EX + "b"]
    assert program.queries() == queries  # reading the queries changes nothing
