"""What the compiled program is made of: rules, rule sets, and the consistency checks with their messages."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pyoxigraph as ox

# ---------------------------------------------------------------------------------------------
# Violations and checks
# ---------------------------------------------------------------------------------------------

OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal


def _show(term: OxTerm) -> str:
    return term.value


_MESSAGES: Mapping[str, Callable[[tuple[str, ...], list[str]], str]] = {
    "cax-dw": lambda a, n: f"Disjoint classes {a[0]} and {a[1]} have a common individual {n[0]}",
    "cls-com": lambda a, n: f"Violation of complementarity for classes {a[0]} and {a[1]} on element {a[1]}",
    "cls-nothing2": lambda a, n: f"{n[0]} is defined of type 'Nothing'",
    "prp-irp": lambda a, n: f"Irreflexive property used on {n[0]} with {a[0]}",
    "prp-asyp": lambda a, n: f"Erroneous usage of asymmetric property {a[0]} on {n[0]} and {n[1]}",
    "prp-pdw": lambda a, n: f"Erroneous usage of disjoint properties {a[0]} and {a[1]} on {n[0]} and {n[1]}",
    "prp-adp": lambda a, n: (
        "Disjoint properties in an 'AllDisjointProperties' are not really disjoint: "
        f"({n[0]}, {a[0]},{n[1]}) and ({n[0]},{a[1]},{n[1]})"
    ),
    "prp-npa1": lambda a, n: f"Negative (object) property assertion violated for: ({n[0]}, {a[0]}, {n[1]})",
    "prp-npa2": lambda a, n: f"Negative (datatype) property assertion violated for: ({n[0]}, {a[0]}, {n[1]})",
    "eq-diff1": lambda a, n: (
        f"'sameAs' and 'differentFrom' cannot be used on the same subject-object pair: ({n[0]}, {n[1]})"
    ),
    "dt-not-type": lambda a, n: f"Lexical value of the literal '{n[0]}' does not match its datatype ({a[0]})",
}


@dataclass(frozen=True)
class Violation:
    """An inconsistency: the OWL 2 RL rule, the axiom's terms as owlrl prints them, the offending nodes."""

    rule: str
    axiom: tuple[str, ...]
    nodes: tuple[OxTerm, ...]

    def render(self, show: Callable[[OxTerm], str] = _show) -> str:
        """owlrl's message (owlrl prints terms with str(): IRIs, blank node ids, lexical forms)."""
        return _MESSAGES[self.rule](self.axiom, [show(n) for n in self.nodes])


@dataclass(frozen=True)
class ClassCheck:
    """A check on the types of one node: cax-dw/cax-adc (``disjoint``), cls-com or cls-nothing2."""

    kind: str
    members: tuple[str, ...]  # the classes as the store names them (blank-node classes skolemised)
    labels: tuple[str, ...]  # the same classes as owlrl prints them

    def violations(self, node: OxTerm, types: set[str] | frozenset[str]) -> list[Violation]:
        if self.kind == "nothing":
            return [Violation("cls-nothing2", (), (node,))] if self.members[0] in types else []
        if self.kind == "complement":
            both = self.members[0] in types and self.members[1] in types
            return [Violation("cls-com", self.labels, ())] if both else []
        found = []
        for i in range(len(self.members) - 1):  # owlrl's cax-adc: every pair in list order
            for j in range(i + 1, len(self.members)):
                if self.members[i] in types and self.members[j] in types:
                    found.append(Violation("cax-dw", (self.labels[i], self.labels[j]), (node,)))
        return found


@dataclass(frozen=True)
class PropertyCheck:
    """prp-irp, prp-asyp, prp-pdw or prp-adp: a SELECT of the offending (?x, ?y) pairs."""

    rule: str
    query: str
    labels: tuple[str, ...]


# ---------------------------------------------------------------------------------------------
# The compiled program
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """One SPARQL update: the OWL 2 RL rules it implements, and its text with graph placeholders.

    ``bulk`` is the same rule for the first pass over all the data: it drops what already holds with
    one anti-join (MINUS) instead of a lookup per conclusion, which pays off only on large inputs."""

    name: str
    text: str
    bulk: str = ""


@dataclass(frozen=True)
class RuleSet:
    """The compiled program for one ontology.

    ``expand`` and ``types`` are the tables, run once over the data and then over each round's
    delta; ``closure`` and ``equality`` are the joining rules that write the delta. The rest feeds
    the guards, the checks, and the typing of literals that happens in Python.
    """

    constructs: tuple[str, ...]
    expand: tuple[Rule, ...]
    types: tuple[Rule, ...]
    closure: tuple[Rule, ...]
    equality: tuple[Rule, ...]
    move_delta: str
    guards: tuple[tuple[str, str], ...]
    class_checks: tuple[ClassCheck, ...]
    property_checks: tuple[PropertyCheck, ...]
    schema: Mapping[tuple[str, str, str], int]
    supers: Mapping[str, frozenset[str]]
    ranges: Mapping[str, frozenset[str]]
    value_ranges: Mapping[str, frozenset[str]]
    has_equality: bool

    def rules(self) -> list[Rule]:
        """Every SPARQL rule of the program, for inspection."""
        return [*self.expand, *self.types, *self.closure, *self.equality]
