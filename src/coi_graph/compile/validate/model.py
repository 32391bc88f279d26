"""What compiled shapes are: checks, queries, raw results, and the errors of the validator."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal as TypingLiteral

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

FN_TEST = "urn:coi-graph:validate:test"


# --------------------------------------------------------------------------------------------
# Public types
# --------------------------------------------------------------------------------------------


class UnsupportedShape(ValueError):
    """The shapes use a SHACL feature (or a form of one) that the fast validator does not implement."""

    def __init__(self, shape: Node, construct: str) -> None:
        self.shape = shape
        self.construct = construct
        super().__init__(f"shape {node_text(shape)}: {construct} is not supported by the fast validator")


class FastShaclError(RuntimeError):
    """Validation cannot complete: pySHACL stops with an error on the same data."""


@dataclass(frozen=True)
class RawResult:
    """One validation result, as pySHACL would put it in its report graph.

    ``shape`` is the sh:sourceShape (a property shape's blank node for property constraints),
    ``messages`` are its sh:resultMessage values in the order pySHACL adds them (reports show the
    first), and ``source_constraint`` is the sh:sparql node for SPARQL-based constraints.
    """

    focus: Node
    path: Node | None
    value: Node | None
    component: URIRef
    severity: URIRef
    shape: Node
    messages: tuple[str, ...] = ()
    source_constraint: Node | None = None

    @property
    def message(self) -> str:
        """The message a report shows (validate.py's fallback when pySHACL gives none)."""
        return self.messages[0] if self.messages else "constraint violated"


ValueMode = TypingLiteral["path", "focus", "none"]


@dataclass(frozen=True)
class SparqlSource:
    """What a SPARQL-based constraint's rows need to become results: pySHACL's message inputs."""

    constraint: Node
    extra_messages: tuple[Literal, ...]
    variables: tuple[str, ...]


@dataclass(frozen=True)
class Check:
    """One constraint of one shape in one context: what each of its rows becomes as a result.

    ``value`` says where sh:value comes from: the row's ``?value`` (a property shape's value node),
    the focus node (a node shape's value node is its focus node), or nowhere (cardinality).
    ``strict`` is set for sh:lessThan (True) and sh:lessThanOrEquals (False), whose rows are candidate
    pairs that Python confirms with pySHACL's comparison.
    """

    shape: Node
    component: URIRef
    severity: URIRef
    path: Node | None
    messages: tuple[Node, ...]
    value: ValueMode
    sparql: SparqlSource | None = None
    strict: bool | None = None


@dataclass(frozen=True)
class CompiledQuery:
    """One SPARQL SELECT and the checks its rows belong to (if ``keyed``, ``?_k`` is the check's index)."""

    text: str
    checks: tuple[Check, ...]
    keyed: bool = False
    guard: str | None = None  # an ASK for the focus nodes: the query is skipped when there are none


ValueTest = Callable[[Node], bool]


@dataclass(frozen=True)
class CompiledShapes:
    """The compiled program: the queries, and the Python value tests they call back."""

    queries: tuple[CompiledQuery, ...]
    tests: tuple[ValueTest, ...]

    @property
    def checks(self) -> tuple[Check, ...]:
        return tuple(c for q in self.queries for c in q.checks)


def node_text(node: Node) -> str:
    return node.n3() if isinstance(node, URIRef | BNode | Literal) else str(node)
