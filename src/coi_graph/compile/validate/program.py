"""Focus patterns and the program: how the checks of many shapes are grouped into few queries."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from rdflib.namespace import RDF, RDFS
from rdflib.term import Node

from coi_graph.compile.validate.model import Check, CompiledQuery
from coi_graph.compile.validate.shapes import iri_text

FOCUS_MARK = "\x00f\x00"  # stands for the focus variable in focus patterns


@dataclass(frozen=True)
class Focus:
    """A pattern that binds a variable to the focus nodes of a context, each once.

    Its text is deterministic (internal variables are scoped in its subquery), so that shapes with
    the same targets share one context and their checks one query.
    """

    template: str
    depth: int = 0

    def __call__(self, var: str) -> str:
        return self.template.replace(FOCUS_MARK, var)


def all_of(tests: Sequence[str]) -> str:
    """A conjunction of total boolean expressions that stops at the first false one (oxigraph
    evaluates both sides of && and ||, but only the chosen branch of IF)."""
    if not tests:
        return "true"
    expression = tests[-1]
    for test in reversed(tests[:-1]):
        expression = f"IF({test}, {expression}, false)"
    return expression


def any_of(tests: Sequence[str]) -> str:
    """A disjunction of total boolean expressions that stops at the first true one."""
    if not tests:
        return "false"
    expression = tests[-1]
    for test in reversed(tests[:-1]):
        expression = f"IF({test}, true, {expression})"
    return expression


def instances_of(shape: Node, cls: Node) -> str:
    """The property path from a node to the classes it is a SHACL instance of, ending in ``cls``."""
    return f"<{RDF.type}>/<{RDFS.subClassOf}>* {iri_text(shape, cls, 'sh:class')}"


def _branches(branches: Sequence[tuple[Check, str]]) -> str:
    return " UNION ".join(f"{{ {pattern} BIND({k} AS ?_k) }}" for k, (_, pattern) in enumerate(branches))


@dataclass
class _Context:
    """The property-level checks that share one set of focus nodes.

    Violations are found in the whole graph, each check a branch of one UNION, and joined with the
    focus nodes once; minimum counts and sh:hasValue are the focus nodes that an anti-join with
    the nodes that satisfy them leaves.
    """

    focus: Focus
    violations: list[tuple[Check, str]] = field(default_factory=list)
    presences: list[tuple[Check, str]] = field(default_factory=list)

    def queries(self) -> Iterator[CompiledQuery]:
        focus = self.focus("?this")
        if self.violations:
            # found in the whole graph first: scans of the constrained properties, usually without a
            # result, are cheaper than joining every focus node with its values; when there are no
            # focus nodes at all (say, no candidate claims) the guard skips the query
            found = f"{{ SELECT DISTINCT ?_k ?this ?value ?other WHERE {{ {_branches(self.violations)} }} }}"
            text = f"SELECT DISTINCT ?_k ?this ?value ?other WHERE {{ {found} {focus} }}"
            guard = f"ASK {{ {focus} }}"
            yield CompiledQuery(text, tuple(c for c, _ in self.violations), keyed=True, guard=guard)
        if self.presences:
            keys = " ".join(str(k) for k in range(len(self.presences)))
            text = (
                f"SELECT DISTINCT ?_k ?this WHERE {{ {focus} VALUES ?_k {{ {keys} }} "
                f"MINUS {{ {_branches(self.presences)} }} }}"
            )
            yield CompiledQuery(text, tuple(c for c, _ in self.presences), keyed=True, guard=f"ASK {{ {focus} }}")


class Program:
    """Collects the compiled checks: queries of their own, and branches grouped by focus context."""

    def __init__(self) -> None:
        self.alone_queries: list[CompiledQuery] = []
        self.contexts: list[_Context] = []

    def _context(self, focus: Focus) -> _Context:
        for context in self.contexts:
            if context.focus == focus:
                return context
        self.contexts.append(_Context(focus))
        return self.contexts[-1]

    def alone(self, focus: Focus, text: str, check: Check) -> None:
        guard = f"ASK {{ {focus('?this')} }}"
        self.alone_queries.append(CompiledQuery(text, (check,), guard=guard))

    def violation(self, focus: Focus, check: Check, pattern: str) -> None:
        self._context(focus).violations.append((check, pattern))

    def present(self, focus: Focus, check: Check, pattern: str) -> None:
        self._context(focus).presences.append((check, pattern))

    def queries(self) -> tuple[CompiledQuery, ...]:
        merged = [q for context in self.contexts for q in context.queries()]
        return (*merged, *self.alone_queries)
