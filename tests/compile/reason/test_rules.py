"""What the compiled reasoning program is made of: violations and owlrl's messages for them, the class
checks on a node's types, and the rules a ``RuleSet`` lists."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from coi_graph.compile.reason.rules import ClassCheck, PropertyCheck, Rule, RuleSet, Violation

X, Y = ox.NamedNode("http://ex.org/x"), ox.NamedNode("http://ex.org/y")


@pytest.mark.parametrize(
    ("violation", "message"),
    [
        (Violation("cax-dw", ("A", "B"), (X,)), "Disjoint classes A and B have a common individual http://ex.org/x"),
        (Violation("cls-nothing2", (), (X,)), "http://ex.org/x is defined of type 'Nothing'"),
        (Violation("prp-irp", ("p",), (ox.BlankNode("b0"),)), "Irreflexive property used on b0 with p"),
        (
            Violation("prp-pdw", ("p", "q"), (X, Y)),
            "Erroneous usage of disjoint properties p and q on http://ex.org/x and http://ex.org/y",
        ),
        (
            Violation("prp-adp", ("p", "q"), (X, Y)),
            "Disjoint properties in an 'AllDisjointProperties' are not really disjoint: "
            "(http://ex.org/x, p,http://ex.org/y) and (http://ex.org/x,q,http://ex.org/y)",
        ),
        (
            Violation("eq-diff1", (), (X, Y)),
            "'sameAs' and 'differentFrom' cannot be used on the same subject-object pair: "
            "(http://ex.org/x, http://ex.org/y)",
        ),
        (
            Violation("dt-not-type", ("http://www.w3.org/2001/XMLSchema#integer",), (ox.Literal("abc"),)),
            "Lexical value of the literal 'abc' does not match its datatype (http://www.w3.org/2001/XMLSchema#integer)",
        ),
        # owlrl names the second class where the element should be; the message is kept as owlrl writes it
        (Violation("cls-com", ("A", "B"), ()), "Violation of complementarity for classes A and B on element B"),
    ],
)
def test_render_writes_owlrls_message(violation: Violation, message: str) -> None:
    assert violation.render() == message


def test_render_shows_nodes_with_the_given_function() -> None:
    violation = Violation("prp-asyp", ("p",), (X, Y))
    shown = violation.render(lambda term: f"<{term.value}>")
    assert shown == "Erroneous usage of asymmetric property p on <http://ex.org/x> and <http://ex.org/y>"


def test_a_disjoint_check_reports_every_pair_in_list_order() -> None:
    check = ClassCheck("disjoint", ("u:A", "u:B", "u:C"), ("A", "B", "C"))
    assert check.violations(X, {"u:C", "u:A", "u:B", "u:Other"}) == [
        Violation("cax-dw", ("A", "B"), (X,)),
        Violation("cax-dw", ("A", "C"), (X,)),
        Violation("cax-dw", ("B", "C"), (X,)),
    ]
    assert check.violations(X, {"u:B", "u:Other"}) == []


def test_nothing_and_complement_checks() -> None:
    nothing = ClassCheck("nothing", ("u:Nothing",), ("Nothing",))
    assert nothing.violations(X, frozenset({"u:Nothing"})) == [Violation("cls-nothing2", (), (X,))]
    assert nothing.violations(X, frozenset({"u:A"})) == []
    complement = ClassCheck("complement", ("u:A", "u:B"), ("A", "B"))
    assert complement.violations(X, {"u:A", "u:B"}) == [Violation("cls-com", ("A", "B"), ())]
    assert complement.violations(X, {"u:A"}) == []


def test_rules_lists_expand_types_closure_and_equality_in_that_order() -> None:
    rule = {name: Rule(name, f"INSERT DATA {{ }} # {name}") for name in ("e1", "e2", "t1", "c1", "q1")}
    rules = RuleSet(
        constructs=("rdfs:subClassOf",),
        expand=(rule["e1"], rule["e2"]),
        types=(rule["t1"],),
        closure=(rule["c1"],),
        equality=(rule["q1"],),
        move_delta="",
        guards=(),
        class_checks=(),
        property_checks=(PropertyCheck("prp-irp", "SELECT ?x ?y WHERE { }", ("p",)),),
        schema={},
        supers={},
        ranges={},
        value_ranges={},
        has_equality=True,
    )
    assert [r.name for r in rules.rules()] == ["e1", "e2", "t1", "c1", "q1"]
    assert Rule("r", "text").bulk == ""  # no bulk variant unless one is given
