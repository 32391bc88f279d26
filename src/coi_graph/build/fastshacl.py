"""Fast SHACL validation: the project's shapes compiled to whole-graph SPARQL queries on a pyoxigraph store.

pySHACL evaluates every constraint once per focus node, in Python, over an rdflib graph: half a
second on the seed data, minutes at 100k triples. Here every constraint of every shape becomes one
SPARQL SELECT that finds its violations for all focus nodes at once (target selection and check in
one query), and the store's query engine does the work.

The results are meant to be exactly pySHACL's (0.40, run as ``validate.validate_graph`` runs it: no
inference, advanced mode, warnings allowed): the same focus nodes, paths, values, constraint
components, severities and messages. Where pySHACL's verdict rests on rdflib (is a literal well
typed, how do two literals compare, does a Python regular expression match) the query decides the
values SPARQL decides the same way and calls back into Python, with pySHACL's own logic, for the
rest. A shape that uses a SHACL feature not implemented here is refused by :func:`compile_shapes`
with :class:`UnsupportedShape`, so that the fast path never silently diverges from pySHACL.

Implemented: targets (sh:targetClass with rdfs:subClassOf* in the data graph, implicit class
targets, sh:targetNode, sh:targetSubjectsOf, sh:targetObjectsOf); paths (IRIs, sh:inversePath of an
IRI, sh:alternativePath, sequences); sh:class, sh:datatype, sh:nodeKind, sh:in, sh:hasValue,
sh:minCount, sh:maxCount, sh:minLength, sh:pattern (with sh:flags), sh:minInclusive,
sh:maxInclusive, sh:minExclusive, sh:maxExclusive, sh:lessThan, sh:lessThanOrEquals, sh:or, sh:node,
sh:property, sh:sparql (SELECT-based, on node shapes), sh:severity, sh:deactivated, sh:message.
"""

from __future__ import annotations

import datetime
import itertools
import re
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Literal as TypingLiteral

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import Node, Variable

from coi_graph.build.fastload import Converter
from coi_graph.build.sources import SourceMap
from coi_graph.build.validate import Report, Result, _path_text, _shape_name, _short
from coi_graph.namespaces import bind_prefixes

# --------------------------------------------------------------------------------------------
# Public types
# --------------------------------------------------------------------------------------------


class UnsupportedShape(ValueError):
    """The shapes use a SHACL feature (or a form of one) that the fast validator does not implement."""

    def __init__(self, shape: Node, construct: str) -> None:
        self.shape = shape
        self.construct = construct
        super().__init__(f"shape {_node_text(shape)}: {construct} is not supported by the fast validator")


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


# --------------------------------------------------------------------------------------------
# Constants
# --------------------------------------------------------------------------------------------

_FN_TEST = "urn:coi-graph:fastshacl:test"
# stands for the value node in expression templates; cannot occur in an IRI or an escaped literal
_V = "\x00v\x00"
_XSD_STRING = str(XSD.string)

_COMPONENTS: dict[URIRef, URIRef] = {
    SH["class"]: SH.ClassConstraintComponent,
    SH.datatype: SH.DatatypeConstraintComponent,
    SH.nodeKind: SH.NodeKindConstraintComponent,
    SH["in"]: SH.InConstraintComponent,
    SH.hasValue: SH.HasValueConstraintComponent,
    SH.minCount: SH.MinCountConstraintComponent,
    SH.maxCount: SH.MaxCountConstraintComponent,
    SH.minLength: SH.MinLengthConstraintComponent,
    SH.pattern: SH.PatternConstraintComponent,
    SH.minInclusive: SH.MinInclusiveConstraintComponent,
    SH.maxInclusive: SH.MaxInclusiveConstraintComponent,
    SH.minExclusive: SH.MinExclusiveConstraintComponent,
    SH.maxExclusive: SH.MaxExclusiveConstraintComponent,
    SH.lessThan: SH.LessThanConstraintComponent,
    SH.lessThanOrEquals: SH.LessThanOrEqualsConstraintComponent,
    SH["or"]: SH.OrConstraintComponent,
    SH.node: SH.NodeConstraintComponent,
    SH.property: SH.PropertyConstraintComponent,
    SH.sparql: SH.SPARQLConstraintComponent,
}

# sh: predicates a shape may carry that validate nothing (or that another parameter reads)
_PASSIVE = frozenset(
    {
        SH.path,
        SH.targetClass,
        SH.targetNode,
        SH.targetSubjectsOf,
        SH.targetObjectsOf,
        SH.message,
        SH.severity,
        SH.deactivated,
        SH.name,
        SH.description,
        SH.order,
        SH.group,
        SH.defaultValue,
        SH.flags,
        SH.prefixes,
        SH.declare,
    }
)

# shape-valued parameters that make a node a shape (pySHACL's ShapesGraph._build_node_shape_cache)
_TARGETS = (SH.targetClass, SH.targetNode, SH.targetObjectsOf, SH.targetSubjectsOf)
_SHAPE_LISTS = (SH["and"], SH["or"], SH.xone)
_SHAPE_VALUES = (SH.property, SH.node, SH["not"], SH.qualifiedValueShape)

# things pySHACL's advanced mode or custom components would act on
_REFUSED_TYPES = (
    SH.ConstraintComponent,
    SH.SPARQLFunction,
    SH.JSFunction,
    SH.Function,
    SH.SPARQLTargetType,
    SH.JSTargetType,
    SH.SPARQLRule,
    SH.TripleRule,
    SH.JSRule,
)
_REFUSED_PREDICATES = (SH.rule, SH.target, SH.expression, SH.js)

_NODE_KINDS: dict[URIRef, str] = {
    SH.IRI: f"isIRI({_V})",
    SH.BlankNode: f"isBlank({_V})",
    SH.Literal: f"isLiteral({_V})",
    SH.BlankNodeOrIRI: f"(isBlank({_V}) || isIRI({_V}))",
    SH.BlankNodeOrLiteral: f"(isBlank({_V}) || isLiteral({_V}))",
    SH.IRIOrLiteral: f"(isIRI({_V}) || isLiteral({_V}))",
}

_RANGE_OPS: dict[URIRef, str] = {
    SH.minInclusive: ">=",
    SH.maxInclusive: "<=",
    SH.minExclusive: ">",
    SH.maxExclusive: "<",
}

# pySHACL's checks on sh:select texts (pyshacl/helper/sparql_query_helper.py, SPARQLQueryHelper)
_BIND_THIS = re.compile(r"([\s{}()])[\$\?]this", flags=re.M)
_MENTIONS = {
    "PATH": re.compile(r"([\s{}()])[\$\?]PATH", flags=re.M),
    "shapesGraph": re.compile(r"([\s{}()])[\$\?]shapesGraph", flags=re.M),
    "currentShape": re.compile(r"([\s{}()])[\$\?]currentShape", flags=re.M),
}
_INVALID_SPARQL = {
    "MINUS": re.compile(r"^(?:[^#]*|M)(?!#)#?[^\?\$\#]M?INUS[\s\{]", flags=re.M | re.I),
    "VALUES": re.compile(r"^(?!\s*#).*?(?<![\w\-\:])VALUES\b(?:\s*(?:\(|[\?\$]\w+|\{|\w|\s))", flags=re.M | re.I),
    "SERVICE": re.compile(r"^(?:[^#]*|S)(?!#)#?[^\?\$\#]S?ERVICE[\s\<]", flags=re.M | re.I),
    "a nested SELECT": re.compile(
        r"SELECT[\s\(\)\$\?\a-z]*\{[^\}]*SELECT\s+((?:(?:[\?\$]\w+\s+)|(?:\*\s+))+)", flags=re.M | re.I
    ),
}
_AS_VARIABLE = re.compile(r"[^\w]+AS[\s]+[\$\?](\w+)", flags=re.M | re.I)
_RESERVED_VARIABLES = ("this", "path", "value", "failure")

# --------------------------------------------------------------------------------------------
# Terms
# --------------------------------------------------------------------------------------------


def _node_text(node: Node) -> str:
    return node.n3() if isinstance(node, URIRef | BNode | Literal) else str(node)


def to_rdflib(term: object) -> Node:
    """An oxigraph term as the rdflib term pySHACL sees for it (a simple literal has no datatype)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise FastShaclError(f"cannot validate the RDF term {term!r}")


def to_oxigraph(node: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as an oxigraph term (blank node ids are kept)."""
    return Converter().term(node)


def graph_quads(graph: Graph, graph_name: ox.NamedNode | None = None) -> Iterator[ox.Quad]:
    """The triples of an rdflib graph as quads in ``graph_name`` (the default graph if None)."""
    name = graph_name if graph_name is not None else ox.DefaultGraph()
    converter = Converter()
    for s, p, o in graph:
        subject, predicate, obj = converter.term(s), converter.term(p), converter.term(o)
        assert not isinstance(subject, ox.Literal) and isinstance(predicate, ox.NamedNode)
        yield ox.Quad(subject, predicate, obj, name)


def _iri(shape: Node, node: Node, what: str) -> str:
    """An IRI of the shapes graph written into a query (checked by oxigraph, so it cannot break out)."""
    if not isinstance(node, URIRef):
        raise UnsupportedShape(shape, f"{what} that is not an IRI ({_node_text(node)})")
    try:
        return str(ox.NamedNode(str(node)))
    except ValueError as exc:
        raise UnsupportedShape(shape, f"{what} with an invalid IRI ({node})") from exc


def _constant(shape: Node, node: Node, what: str) -> str:
    """An IRI or literal of the shapes graph written into a query, in the exact form the store keeps.

    Oxigraph stores some literals in canonical form ("1.0"^^xsd:decimal as "1", language tags in lower
    case) while rdflib compares lexical forms: such a constant would match different data terms than
    in pySHACL, so it is refused.
    """
    if isinstance(node, URIRef):
        return _iri(shape, node, what)
    if not isinstance(node, Literal):
        raise UnsupportedShape(shape, f"{what} that is a blank node")
    term = to_oxigraph(node)
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), term))
    stored = next(iter(store.quads_for_pattern(None, None, None))).object
    if stored != term or (isinstance(stored, ox.Literal) and stored.value != str(node)):
        raise UnsupportedShape(shape, f"{what} {node.n3()} (not in the canonical form the store keeps)")
    return str(term)


# --------------------------------------------------------------------------------------------
# Python value tests: pySHACL's own logic, for the values SPARQL cannot decide the same way
# --------------------------------------------------------------------------------------------


def _actual_datatype(value: Literal, rule: URIRef) -> bool:
    """pySHACL's DatatypeConstraintComponent._assert_actual_datatype."""
    python = value.value
    if rule in (XSD.string, RDF.langString):
        return isinstance(python, str | bytes)
    checks: dict[URIRef, type | tuple[type, ...]] = {
        XSD.integer: int,
        XSD.float: float,
        XSD.decimal: Decimal,
        XSD.boolean: bool,
        XSD.date: datetime.date,
        XSD.time: datetime.time,
        XSD.dateTime: datetime.datetime,
    }
    kind = checks.get(rule)
    return True if kind is None else isinstance(python, kind)


@dataclass(frozen=True)
class DatatypeTest:
    """sh:datatype as pySHACL decides it (constraints/core/value_constraints.py, evaluate)."""

    datatype: URIRef

    def __call__(self, value: Node) -> bool:
        if not isinstance(value, Literal):
            return False
        rule = self.datatype
        if value.datatype == rule:
            return value.ill_typed is not True and _actual_datatype(value, rule)
        if rule == RDFS.Literal:
            return True
        if rule == RDFS.Datatype and value.datatype:
            return True
        if value.datatype is None and value.language is None and rule == XSD.string:
            return _actual_datatype(value, rule)
        if rule == RDF.langString and value.language:
            return _actual_datatype(value, rule)
        return False


def _string_of(value: Node) -> str:
    """pySHACL's StringBasedConstraintBase.value_node_to_string."""
    if isinstance(value, Literal) and value.value is not None and value.datatype in (None, RDF.langString, XSD.string):
        return str(value.value)
    return str(value)


@dataclass(frozen=True)
class MinLengthTest:
    """sh:minLength on a value SPARQL cannot measure as pySHACL does (a non-string literal)."""

    length: int

    def __call__(self, value: Node) -> bool:
        return not isinstance(value, BNode) and len(_string_of(value)) >= self.length


@dataclass(frozen=True)
class PatternTest:
    """sh:pattern with Python's re, as pySHACL does (match, else search)."""

    pattern: str
    flags: int
    regex: re.Pattern[str] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "regex", re.compile(self.pattern, self.flags))

    def __call__(self, value: Node) -> bool:
        if isinstance(value, BNode):
            return False
        text = _string_of(value)
        return bool(self.regex.match(text) or self.regex.search(text))


def _compare_literal(left: Literal, right: Literal) -> int:
    """pySHACL's rdfutil.compare.compare_literal: rdflib's literal (in)equality, not SPARQL's."""
    if left.eq(right):
        return 0
    if type(left.value) in (datetime.datetime, datetime.time):
        if left.value == right.value:
            return 0
        if left.value > right.value:
            return 1
    elif left > right:
        return 1
    return -1


_RANGE_PASSES: dict[str, Callable[[int], bool]] = {
    ">=": lambda c: c >= 0,
    "<=": lambda c: c <= 0,
    ">": lambda c: c > 0,
    "<": lambda c: c < 0,
}


@dataclass(frozen=True)
class RangeTest:
    """sh:min/maxIn/Exclusive as pySHACL decides it (constraints/core/value_range_constraints.py)."""

    bound: Literal
    op: str

    def __call__(self, value: Node) -> bool:
        if not isinstance(value, Literal):
            return False
        if isinstance(self.bound.value, str) != isinstance(value.value, str):
            return False
        try:
            return _RANGE_PASSES[self.op](_compare_literal(value, self.bound))
        except (TypeError, NotImplementedError):
            return False


def _pair_passes(value: Node, other: Node, strict: bool) -> bool:
    """pySHACL's LessThan(OrEquals)ConstraintComponent._compare_lt(oe) for one pair of (non-blank) values."""
    left: object = value
    right: object = other
    left_is_string = right_is_string = False
    if isinstance(value, URIRef) or (isinstance(value, Literal) and isinstance(value.value, str)):
        left, left_is_string = (str(value) if isinstance(value, URIRef) else value.value), True
    if isinstance(other, URIRef) or (isinstance(other, Literal) and isinstance(other.value, str)):
        right, right_is_string = (str(other) if isinstance(other, URIRef) else other.value), True
    if left_is_string != right_is_string:
        return False
    return bool(left < right) if strict else bool(left <= right)  # type: ignore[operator]


# --------------------------------------------------------------------------------------------
# The shapes graph
# --------------------------------------------------------------------------------------------


def _refuse_graph_features(shapes: Graph) -> None:
    """pySHACL's advanced mode and custom constraint components act on these; we do not."""
    for kind in _REFUSED_TYPES:
        for node in shapes.subjects(RDF.type, kind):
            if kind != SH.ConstraintComponent or not str(node).startswith(str(SH)):
                raise UnsupportedShape(node, f"a {_short(kind)}")
    for sub in shapes.subjects(RDFS.subClassOf, SH.ConstraintComponent):
        for node in shapes.subjects(RDF.type, sub):
            raise UnsupportedShape(node, "a custom constraint component")
    for predicate in _REFUSED_PREDICATES:
        for node in shapes.subjects(predicate, None):
            raise UnsupportedShape(node, _short(predicate) or str(predicate))


def _find_shapes(shapes: Graph) -> dict[Node, Node | None]:
    """Every shape pySHACL knows, with its sh:path (None for a node shape); see ShapesGraph._build_node_shape_cache."""
    found: set[Node] = set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(RDF.type, SH.PropertyShape))
    for predicate in (*_TARGETS, SH.property, SH.node):
        found.update(shapes.subjects(predicate, None))
    for predicate in _SHAPE_VALUES:
        found.update(shapes.objects(None, predicate))
    for predicate in _SHAPE_LISTS:
        for members in shapes.objects(None, predicate):
            found.update(Collection(shapes, members))
    result: dict[Node, Node | None] = {}
    for shape in found:
        paths = list(shapes.objects(shape, SH.path))
        if len(paths) > 1:
            raise UnsupportedShape(shape, "more than one sh:path")
        if paths and (shape, RDF.type, SH.NodeShape) in shapes:
            raise UnsupportedShape(shape, "a sh:NodeShape with a sh:path")
        if not paths and (shape, RDF.type, SH.PropertyShape) in shapes:
            raise UnsupportedShape(shape, "a sh:PropertyShape without a sh:path")
        result[shape] = paths[0] if paths else None
    return result


def _one(shapes: Graph, shape: Node, predicate: URIRef) -> Node | None:
    values = list(shapes.objects(shape, predicate))
    if len(values) > 1:
        raise UnsupportedShape(shape, f"more than one {_short(predicate)}")
    return values[0] if values else None


def _count(shapes: Graph, shape: Node, predicate: URIRef) -> int | None:
    value = _one(shapes, shape, predicate)
    if value is None:
        return None
    if not (isinstance(value, Literal) and value.datatype == XSD.integer and isinstance(value.value, int)):
        raise UnsupportedShape(shape, f"{_short(predicate)} that is not an xsd:integer")
    if value.value < 0:
        raise UnsupportedShape(shape, f"a negative {_short(predicate)}")
    return value.value


def _deactivated(shapes: Graph, node: Node) -> bool:
    value = _one(shapes, node, SH.deactivated)
    if value is None:
        return False
    if not isinstance(value, Literal):
        raise UnsupportedShape(node, "sh:deactivated that is not a literal")
    return bool(value.value)


def _severity(shapes: Graph, shape: Node) -> URIRef:
    value = _one(shapes, shape, SH.severity)
    if value is None:
        return SH.Violation
    if not isinstance(value, URIRef):
        raise UnsupportedShape(shape, "sh:severity that is not an IRI")
    return value


def _messages(shapes: Graph, shape: Node) -> tuple[Node, ...]:
    """A shape's sh:message; pySHACL keeps several in a set, whose order (and so the shown message) is random."""
    messages = tuple(shapes.objects(shape, SH.message))
    if len(messages) > 1:
        raise UnsupportedShape(shape, "more than one sh:message (pySHACL would pick one at random)")
    return messages


def _implicit_class(shapes: Graph, shape: Node) -> bool:
    """pySHACL's Shape.implicit_class_targets (with the owl:Class triple it adds to the shapes graph)."""
    classes = {RDFS.Class, OWL.Class, *shapes.subjects(RDFS.subClassOf, RDFS.Class)}
    return any(t in classes for t in shapes.objects(shape, RDF.type))


# --------------------------------------------------------------------------------------------
# The compiler
# --------------------------------------------------------------------------------------------

_F = "\x00f\x00"  # stands for the focus variable in focus patterns


@dataclass(frozen=True)
class Focus:
    """A pattern that binds a variable to the focus nodes of a context, each once.

    Its text is deterministic (internal variables are scoped in its subquery), so that shapes with
    the same targets share one context and their checks one query.
    """

    template: str
    depth: int = 0

    def __call__(self, var: str) -> str:
        return self.template.replace(_F, var)


def _all(tests: Sequence[str]) -> str:
    """A conjunction of total boolean expressions that stops at the first false one (oxigraph
    evaluates both sides of && and ||, but only the chosen branch of IF)."""
    if not tests:
        return "true"
    expression = tests[-1]
    for test in reversed(tests[:-1]):
        expression = f"IF({test}, {expression}, false)"
    return expression


def _any(tests: Sequence[str]) -> str:
    """A disjunction of total boolean expressions that stops at the first true one."""
    if not tests:
        return "false"
    expression = tests[-1]
    for test in reversed(tests[:-1]):
        expression = f"IF({test}, true, {expression})"
    return expression


def _instances(shape: Node, cls: Node) -> str:
    """The property path from a node to the classes it is a SHACL instance of, ending in ``cls``."""
    return f"<{RDF.type}>/<{RDFS.subClassOf}>* {_iri(shape, cls, 'sh:class')}"


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


class _Program:
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


class _Compiler:
    """Turns the shapes into checks; holds the shapes graph, the shape index and fresh variable names."""

    def __init__(self, shapes: Graph) -> None:
        self.graph = shapes
        self.paths = _find_shapes(shapes)
        self.tests: list[ValueTest] = []
        self.program = _Program()
        self._names = itertools.count(1)

    # -- helpers -------------------------------------------------------------------------

    def fresh(self) -> str:
        return f"?_v{next(self._names)}"

    def test(self, test: ValueTest) -> str:
        """A call of the Python value test ``test`` on the value node (a template), false if it fails to run."""
        self.tests.append(test)
        return f"COALESCE(<{_FN_TEST}>({_V}, {len(self.tests) - 1}), false)"

    def path(self, shape: Node, path: Node, depth: int = 0) -> str:
        """A SHACL path as a SPARQL property path; pySHACL's value_nodes_from_path gives the semantics."""
        graph = self.graph
        if isinstance(path, URIRef):
            return _iri(shape, path, "a path")
        if not isinstance(path, BNode) or depth > 8:
            raise UnsupportedShape(shape, f"the path {_node_text(path)}")
        if (path, RDF.first, None) in graph:
            members = list(Collection(graph, path))
            if len(members) < 2:
                raise UnsupportedShape(shape, "a sequence path with fewer than two members")
            return "(" + "/".join(self.path(shape, m, depth + 1) for m in members) + ")"
        inverse = _one(graph, path, SH.inversePath)
        if inverse is not None:
            if not isinstance(inverse, URIRef):
                raise UnsupportedShape(shape, "sh:inversePath of a complex path")
            return "^" + _iri(shape, inverse, "a path")
        alternatives = _one(graph, path, SH.alternativePath)
        if alternatives is not None:
            members = list(Collection(graph, alternatives))
            if len(members) < 2:
                raise UnsupportedShape(shape, "sh:alternativePath with fewer than two members")
            return "(" + "|".join(self.path(shape, m, depth + 1) for m in members) + ")"
        raise UnsupportedShape(shape, f"the path {_node_text(path)} (only IRIs, inverse, alternative and sequence)")

    def parameters(self, shape: Node) -> list[URIRef]:
        """The constraint parameters of a shape, refusing sh: parameters we do not implement."""
        found: list[URIRef] = []
        for predicate in dict.fromkeys(self.graph.predicates(shape, None)):
            if not isinstance(predicate, URIRef) or not str(predicate).startswith(str(SH)):
                continue
            if predicate in _COMPONENTS:
                found.append(predicate)
            elif predicate not in _PASSIVE:
                raise UnsupportedShape(shape, _short(predicate) or str(predicate))
        return sorted(found)

    # -- targets ---------------------------------------------------------------------------

    def targets(self, shape: Node) -> Focus | None:
        """The focus nodes of a shape's own targets as a pattern binding a variable, or None."""
        graph = self.graph
        branches: list[str] = []
        classes = sorted(graph.objects(shape, SH.targetClass), key=str)
        if _implicit_class(graph, shape):
            classes.append(shape)
        for cls in classes:
            branches.append(f"{_F} <{RDF.type}>/<{RDFS.subClassOf}>* {_iri(shape, cls, 'sh:targetClass')} .")
        nodes = sorted(_constant(shape, n, "sh:targetNode") for n in graph.objects(shape, SH.targetNode))
        if nodes:
            branches.append(f"VALUES {_F} {{ {' '.join(nodes)} }}")
        for predicate in sorted(graph.objects(shape, SH.targetSubjectsOf), key=str):
            branches.append(f"{_F} {_iri(shape, predicate, 'sh:targetSubjectsOf')} ?_t .")
        for predicate in sorted(graph.objects(shape, SH.targetObjectsOf), key=str):
            branches.append(f"?_t {_iri(shape, predicate, 'sh:targetObjectsOf')} {_F} .")
        if not branches:
            return None
        union = " UNION ".join(f"{{ {branch} }}" for branch in dict.fromkeys(branches))
        return Focus(f"{{ SELECT DISTINCT {_F} WHERE {{ {union} }} }}")

    def values_of(self, focus: Focus, shape: Node, path: Node) -> Focus:
        """The value nodes of a property shape, as the focus nodes of its own property shapes."""
        parent = f"?_p{focus.depth}"
        values = f"{focus(parent)} {parent} {self.path(shape, path)} {_F} ."
        return Focus(f"{{ SELECT DISTINCT {_F} WHERE {{ {values} }} }}", focus.depth + 1)

    # -- value tests (expressions that never raise an error) -------------------------------------

    def value_tests(self, shape: Node, parameter: URIRef, stack: tuple[Node, ...]) -> list[str]:
        """Boolean expression templates (over the value node), one per rule: true if the value node passes."""
        graph = self.graph
        values = list(graph.objects(shape, parameter))
        if parameter == SH["class"]:
            return [f"EXISTS {{ {_V} <{RDF.type}>/<{RDFS.subClassOf}>* {_iri(shape, c, 'sh:class')} }}" for c in values]
        if parameter == SH.datatype:
            return [self.datatype_test(shape, _one(graph, shape, SH.datatype))]
        if parameter == SH.nodeKind:
            kind = _one(graph, shape, SH.nodeKind)
            if kind not in _NODE_KINDS:
                raise UnsupportedShape(shape, f"sh:nodeKind {_node_text(kind) if kind else ''}")
            return [_NODE_KINDS[kind]]  # type: ignore[index]
        if parameter == SH["in"]:
            return [self.in_test(shape)]
        if parameter == SH.minLength:
            return [self.min_length_test(shape)]
        if parameter == SH.pattern:
            return [self.pattern_test(shape, p) for p in values]
        if parameter in _RANGE_OPS:
            return [self.range_test(shape, b, _RANGE_OPS[parameter]) for b in values]
        if parameter == SH["or"]:
            return [self.or_test(shape, members, stack) for members in values]
        if parameter == SH.node:
            return [self.conforms(n, _V, stack) for n in values]
        raise AssertionError(parameter)

    def datatype_test(self, shape: Node, rule: Node | None) -> str:
        """sh:datatype: exact SPARQL where oxigraph and rdflib agree, pySHACL's test for the rest."""
        if not isinstance(rule, URIRef):
            raise UnsupportedShape(shape, "sh:datatype that is not an IRI")
        dt = _iri(shape, rule, "sh:datatype")
        same = f"(isLiteral({_V}) && sameTerm(DATATYPE({_V}), {dt}))"
        if rule == XSD.string:
            return same
        if rule == RDF.langString:
            return f'(isLiteral({_V}) && LANG({_V}) != "")'
        if rule == RDFS.Literal:
            return f"isLiteral({_V})"
        python = self.test(DatatypeTest(rule))
        # values oxigraph holds as valid and rdflib reads as the same valid value; the rest go to Python
        years = f"YEAR({_V}) >= 1 && YEAR({_V}) <= 9999"
        numeric = f"isNumeric({_V})"
        fast: dict[URIRef, str] = {
            XSD.integer: numeric,
            XSD.decimal: numeric,
            XSD.double: numeric,
            XSD.float: numeric,
            XSD.boolean: f"sameTerm(DATATYPE(<{XSD.boolean}>({_V})), <{XSD.boolean}>)",
            XSD.date: f'sameTerm(DATATYPE(<{XSD.date}>({_V})), <{XSD.date}>) && TZ({_V}) = "" && {years}',
            XSD.dateTime: f'sameTerm(DATATYPE(<{XSD.dateTime}>({_V})), <{XSD.dateTime}>) && TZ({_V}) = "" && {years}',
        }
        if rule in fast:
            return f"IF({same}, IF(COALESCE({fast[rule]}, false), true, {python}), false)"
        if rule.startswith(str(XSD)) or rule.startswith(str(RDF)) or rule.startswith(str(RDFS)):
            # rdflib may know this datatype (and then check its literals): let pySHACL's test decide
            return f"(isLiteral({_V}) && {python})"
        # a datatype rdflib does not know: its literals are never ill-typed for rdflib
        return same

    def in_test(self, shape: Node) -> str:
        members = _one(self.graph, shape, SH["in"])
        if members is None or not isinstance(members, BNode | URIRef):
            raise UnsupportedShape(shape, "sh:in that is not a list")
        terms = [_constant(shape, m, "an sh:in member") for m in Collection(self.graph, members)]
        if not terms:
            return "false"
        return "(" + " || ".join(f"sameTerm({_V}, {t})" for t in dict.fromkeys(terms)) + ")"

    def min_length_test(self, shape: Node) -> str:
        length = _count(self.graph, shape, SH.minLength)
        assert length is not None
        if length == 0:
            return "true"
        stringy = _any([f"isIRI({_V})", f"sameTerm(DATATYPE({_V}), <{XSD.string}>)", f'LANG({_V}) != ""'])
        python = self.test(MinLengthTest(length))
        return f"IF(isBlank({_V}), false, IF({stringy}, STRLEN(STR({_V})) >= {length}, {python}))"

    def pattern_test(self, shape: Node, pattern: Node) -> str:
        if not isinstance(pattern, Literal):
            raise UnsupportedShape(shape, "sh:pattern that is not a literal")
        flags_node = _one(self.graph, shape, SH.flags)
        flags = 0
        if flags_node is not None:
            text = str(flags_node.value if isinstance(flags_node, Literal) else flags_node).lower()
            flags = (re.I if "i" in text else 0) | (re.M if "m" in text else 0)
        source = str(pattern.value) if pattern.value is not None and len(pattern.value) > 1 else str(pattern)
        try:
            test = PatternTest(source, flags)
        except re.error as exc:
            raise UnsupportedShape(shape, f"sh:pattern {source!r} ({exc})") from exc
        return f"IF(isBlank({_V}), false, {self.test(test)})"

    def range_test(self, shape: Node, bound: Node, op: str) -> str:
        if not isinstance(bound, Literal):
            raise UnsupportedShape(shape, "a range bound that is not a literal")
        python = self.test(RangeTest(bound, op))
        if bound.datatype in (XSD.integer, XSD.decimal) and not bound.ill_typed and bound.value is not None:
            number = str(to_oxigraph(bound))
            integer_or_decimal = (
                f"(sameTerm(DATATYPE({_V}), <{XSD.integer}>) || sameTerm(DATATYPE({_V}), <{XSD.decimal}>))"
            )
            fast = f"(isNumeric({_V}) && {integer_or_decimal} && {_V} {op} {number})"
            return f"IF(COALESCE({fast}, false), true, {python})"
        return python

    def or_test(self, shape: Node, members: Node, stack: tuple[Node, ...]) -> str:
        if not isinstance(members, BNode | URIRef):
            raise UnsupportedShape(shape, "sh:or that is not a list")
        shapes = list(dict.fromkeys(Collection(self.graph, members)))
        if not shapes:
            raise UnsupportedShape(shape, "an empty sh:or")
        return _any([self.conforms(m, _V, stack) for m in shapes])

    # -- conformance of a value node to a shape (sh:or members, sh:node) ------------------------

    def conforms(self, shape: Node, var: str, stack: tuple[Node, ...]) -> str:
        """An expression true iff the node in ``var`` conforms to ``shape``, as pySHACL decides for
        sh:or and sh:node (no result at all; only Violation severity is supported here)."""
        if shape not in self.paths:
            raise UnsupportedShape(shape, "a reference to something that is not a shape")
        if shape in stack:
            raise UnsupportedShape(shape, "a recursive shape reference")
        if _deactivated(self.graph, shape):
            return "true"
        if _severity(self.graph, shape) != SH.Violation:
            raise UnsupportedShape(shape, "sh:severity on a shape checked through sh:or or sh:node")
        inner = (*stack, shape)
        path = self.paths[shape]
        parts: list[str] = []
        for parameter in self.parameters(shape):
            parts.extend(self.conformance_parts(shape, parameter, path, var, inner))
        return _all(parts)

    def conformance_parts(
        self, shape: Node, parameter: URIRef, path: Node | None, var: str, stack: tuple[Node, ...]
    ) -> list[str]:
        graph = self.graph
        if parameter in (SH.sparql, SH.lessThan, SH.lessThanOrEquals):
            raise UnsupportedShape(shape, f"{_short(parameter)} in a shape checked through sh:or or sh:node")
        if parameter in (SH.minCount, SH.maxCount):
            if path is None:
                raise UnsupportedShape(shape, f"{_short(parameter)} on a node shape")
            return self.count_parts(shape, parameter, self.path(shape, path), var)
        if parameter == SH.hasValue:
            values = [_constant(shape, v, "sh:hasValue") for v in graph.objects(shape, SH.hasValue)]
            if path is None:
                return [f"sameTerm({var}, {v})" for v in values]
            return [f"EXISTS {{ {var} {self.path(shape, path)} {v} }}" for v in values]
        if parameter == SH.property:
            parts = []
            for child in graph.objects(shape, SH.property):
                if self.paths.get(child) is None:
                    raise UnsupportedShape(child, "sh:property pointing at a node shape")
                if path is None:
                    parts.append(self.conforms(child, var, stack))
                else:
                    v = self.fresh()
                    parts.append(
                        f"NOT EXISTS {{ {var} {self.path(shape, path)} {v} . "
                        f"FILTER(!COALESCE({self.conforms(child, v, stack)}, false)) }}"
                    )
            return parts
        tests = self.value_tests(shape, parameter, stack)
        if path is None:
            return [f"COALESCE({t.replace(_V, var)}, false)" for t in tests]
        sparql_path = self.path(shape, path)
        parts = []
        for t in tests:
            v = self.fresh()
            parts.append(f"NOT EXISTS {{ {var} {sparql_path} {v} . FILTER(!COALESCE({t.replace(_V, v)}, false)) }}")
        return parts

    def count_parts(self, shape: Node, parameter: URIRef, path: str, var: str) -> list[str]:
        """sh:minCount / sh:maxCount without aggregates: n distinct values exist (or not)."""
        n = _count(self.graph, shape, parameter)
        assert n is not None
        if parameter == SH.minCount:
            return [] if n == 0 else [self.distinct_values_exist(shape, path, var, n)]
        return ["!" + self.distinct_values_exist(shape, path, var, n + 1)]

    def distinct_values_exist(self, shape: Node, path: str, var: str, n: int) -> str:
        """EXISTS n pairwise different values (n(n-1)/2 comparisons: small counts only)."""
        if n > 6:
            raise UnsupportedShape(shape, "a count above 5 in a shape checked through sh:or or sh:node")
        values = [self.fresh() for _ in range(n)]
        triples = " ".join(f"{var} {path} {v} ." for v in values)
        different = " && ".join(f"!sameTerm({a}, {b})" for a, b in itertools.combinations(values, 2))
        return f"EXISTS {{ {triples} {f'FILTER({different})' if different else ''} }}"

    # -- top-level checks ----------------------------------------------------------------------

    def shape_checks(self, shape: Node, focus: Focus, stack: tuple[Node, ...]) -> None:
        """Compile every check of ``shape`` on the focus nodes that ``focus`` binds (one context)."""
        graph = self.graph
        if shape in stack:
            raise UnsupportedShape(shape, "a recursive sh:property")
        if _deactivated(graph, shape):
            return
        path = self.paths[shape]
        severity = _severity(graph, shape)
        messages = _messages(graph, shape)
        for parameter in self.parameters(shape):
            if parameter == SH.property:
                self.property_checks(shape, path, focus, (*stack, shape))
                continue
            if parameter == SH.sparql:
                self.sparql_checks(shape, path, focus, severity, messages)
                continue
            if not messages:
                raise UnsupportedShape(shape, f"{_short(parameter)} without sh:message (pySHACL's generic messages)")
            if path is None:
                self.node_checks(
                    shape,
                    parameter,
                    focus,
                    Check(shape, _COMPONENTS[parameter], severity, None, messages, "focus"),
                    stack,
                )
            else:
                self.path_checks(
                    shape,
                    parameter,
                    focus,
                    Check(shape, _COMPONENTS[parameter], severity, path, messages, "path"),
                    stack,
                )

    def property_checks(self, shape: Node, path: Node | None, focus: Focus, stack: tuple[Node, ...]) -> None:
        for child in self.graph.objects(shape, SH.property):
            if self.paths.get(child) is None:
                raise UnsupportedShape(child, "sh:property pointing at a node shape")
            child_focus = focus if path is None else self.values_of(focus, shape, path)
            self.shape_checks(child, child_focus, stack)

    def node_checks(self, shape: Node, parameter: URIRef, focus: Focus, check: Check, stack: tuple[Node, ...]) -> None:
        """Constraints of a node shape: its value node is its focus node, so they run on the focus nodes."""
        graph = self.graph
        if parameter in (SH.minCount, SH.maxCount, SH.lessThan, SH.lessThanOrEquals):
            raise UnsupportedShape(shape, f"{_short(parameter)} on a node shape")
        if parameter == SH.hasValue:
            for value in graph.objects(shape, SH.hasValue):
                term = _constant(shape, value, "sh:hasValue")
                self.program.present(focus, replace(check, value="none"), f"VALUES ?this {{ {term} }}")
            return
        if parameter == SH["class"]:
            for cls in graph.objects(shape, parameter):
                instances = _instances(shape, cls)
                query = f"SELECT DISTINCT ?this WHERE {{ {focus('?this')} MINUS {{ ?this {instances} }} }}"
                self.program.alone(focus, query, check)
            return
        for test in self.value_tests(shape, parameter, (*stack, shape)):
            failed = f"FILTER(!COALESCE({test.replace(_V, '?this')}, false))"
            self.program.alone(focus, f"SELECT DISTINCT ?this WHERE {{ {focus('?this')} {failed} }}", check)

    def path_checks(self, shape: Node, parameter: URIRef, focus: Focus, check: Check, stack: tuple[Node, ...]) -> None:
        """Constraints of a property shape, as patterns that find violations in the whole graph (joined
        with the focus nodes once per context), or that find the focus nodes that satisfy a minimum."""
        graph = self.graph
        assert check.path is not None
        path = self.path(shape, check.path)
        values = f"?this {path} ?value ."
        if parameter in (SH.minCount, SH.maxCount):
            n = _count(graph, shape, parameter)
            assert n is not None
            v = self.fresh()
            counted = f"{{ SELECT ?this WHERE {{ ?this {path} {v} }} GROUP BY ?this HAVING (COUNT(DISTINCT {v})"
            if parameter == SH.maxCount:
                self.program.violation(focus, replace(check, value="none"), f"{counted} > {n}) }}")
            elif n == 1:
                self.program.present(focus, replace(check, value="none"), f"?this {path} {v} .")
            elif n > 1:  # a minimum count of zero always passes (pySHACL returns at once)
                self.program.present(focus, replace(check, value="none"), f"{counted} >= {n}) }}")
        elif parameter == SH.hasValue:
            for value in graph.objects(shape, SH.hasValue):
                term = _constant(shape, value, "sh:hasValue")
                self.program.present(focus, replace(check, value="none"), f"?this {path} {term} .")
        elif parameter in (SH.lessThan, SH.lessThanOrEquals):
            strict = parameter == SH.lessThan
            for other in graph.objects(shape, parameter):
                self.program.violation(
                    focus, replace(check, strict=strict), self.pair_pattern(shape, other, path, strict)
                )
        elif parameter == SH["class"]:
            # an anti-join: the instances of the class are found once, not per value node (the same as
            # FILTER NOT EXISTS here, since ?value is always bound)
            for cls in graph.objects(shape, parameter):
                self.program.violation(focus, check, f"{values} MINUS {{ ?value {_instances(shape, cls)} }}")
        else:
            for test in self.value_tests(shape, parameter, (*stack, shape)):
                failed = f"FILTER(!COALESCE({test.replace(_V, '?value')}, false))"
                self.program.violation(focus, check, f"{values} {failed}")

    def pair_pattern(self, shape: Node, other: Node, path: str, strict: bool) -> str:
        """Candidate (value, other value) pairs; Python confirms them with pySHACL's comparison."""
        predicate = _iri(shape, other, "sh:lessThan / sh:lessThanOrEquals")
        op = "<" if strict else "<="
        numbers = " && ".join(
            f"isNumeric({x}) && (sameTerm(DATATYPE({x}), <{XSD.integer}>) || sameTerm(DATATYPE({x}), <{XSD.decimal}>))"
            for x in ("?value", "?other")
        )
        surely_fine = f"COALESCE({numbers} && ?value {op} ?other, false)"
        keep = f"FILTER(isBlank(?value) || (BOUND(?other) && (isBlank(?other) || !{surely_fine})))"
        return f"?this {path} ?value . OPTIONAL {{ ?this {predicate} ?other }} {keep}"

    # -- SPARQL-based constraints ---------------------------------------------------------------

    def sparql_checks(
        self, shape: Node, path: Node | None, focus: Focus, severity: URIRef, messages: tuple[Node, ...]
    ) -> None:
        for node in self.graph.objects(shape, SH.sparql):
            if path is not None:
                raise UnsupportedShape(shape, "sh:sparql on a property shape")
            if _deactivated(self.graph, node):
                continue
            select = _one(self.graph, node, SH.select)
            if not (isinstance(select, Literal) and isinstance(select.value, str)):
                raise UnsupportedShape(shape, "sh:sparql without one sh:select string")
            extra = tuple(self.graph.objects(node, SH.message))
            if len(extra) > 1:
                raise UnsupportedShape(shape, "a SPARQL constraint with more than one sh:message")
            if not all(isinstance(m, Literal) and isinstance(m.value, str) for m in extra):
                raise UnsupportedShape(shape, "a SPARQL constraint's sh:message that is not a string")
            prefixes = _sparql_prefixes(self.graph, node)
            variables = _check_select(shape, select.value, prefixes)
            prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in prefixes.items())
            projection = " ".join(f"?{v}" for v in variables)
            query = f"{prologue}SELECT DISTINCT {projection} WHERE {{ {focus('?this')} {{ {select.value}\n}} }}"
            source = SparqlSource(node, tuple(m for m in extra if isinstance(m, Literal)), variables)
            check = Check(shape, SH.SPARQLConstraintComponent, severity, None, messages, "focus", sparql=source)
            self.program.alone(focus, query, check)


def _sparql_prefixes(shapes: Graph, node: Node) -> dict[str, str]:
    """The prefixes pySHACL declares for a SPARQL constraint (SPARQLQueryHelper.collect_prefixes)."""
    prefixes = {"rdf": str(RDF), "rdfs": str(RDFS), "owl": str(OWL)}
    values = list(shapes.objects(node, SH.prefixes))
    if not values:
        return prefixes
    ontologies = set(shapes.subjects(RDF.type, OWL.Ontology))
    graph_declares = set(shapes.objects(shapes.identifier, SH.declare))
    global_declares = graph_declares | {d for o in ontologies for d in shapes.objects(o, SH.declare)}
    declared: dict[str, str] = {}
    for value in values:
        own = set(shapes.objects(value, SH.declare))
        declares = own | graph_declares if own and value in ontologies else global_declares | own
        for declare in declares:
            prefix, namespace = _one(shapes, declare, SH.prefix), _one(shapes, declare, SH.namespace)
            if not isinstance(prefix, Literal) or not isinstance(namespace, Literal):
                raise UnsupportedShape(node, "an sh:declare without one sh:prefix and one sh:namespace literal")
            name, iri = str(prefix.value), str(namespace.value)
            if declared.get(name, iri) != iri:
                raise UnsupportedShape(node, f"the prefix {name}: declared twice with different namespaces")
            if not re.fullmatch(r"[A-Za-z][\w.-]*|", name):
                raise UnsupportedShape(node, f"the prefix name {name!r}")
            ox.NamedNode(iri)  # raises on an IRI that could break out of <...>
            declared[name] = iri
    prefixes.update(declared)
    return prefixes


def _variables_in(value: object) -> set[str]:
    """The variables an algebra expression mentions (EXISTS patterns included)."""
    if isinstance(value, Variable):
        return {str(value)}
    found: set[str] = set()
    if isinstance(value, CompValue):
        for key, item in value.items():
            if key != "_vars":
                found |= _variables_in(item)
    elif isinstance(value, list | tuple):
        for item in value:
            found |= _variables_in(item)
    return found


def _certain(shape: Node, node: CompValue) -> set[str]:
    """The variables certainly bound by an algebra pattern; refuses any use of ``$this`` before it is
    bound, where pySHACL's pre-binding and our join with the focus nodes would differ."""

    def used_before_bound(expr: object, bound: set[str]) -> None:
        if "this" in _variables_in(expr) and "this" not in bound:
            raise UnsupportedShape(shape, "a SPARQL constraint that uses $this where it may be unbound")

    name = node.name
    if name == "BGP":
        return {str(t) for triple in node.triples for t in triple if isinstance(t, Variable)}
    if name == "Join":
        return _certain(shape, node.p1) | _certain(shape, node.p2)
    if name == "LeftJoin":
        left = _certain(shape, node.p1)
        _certain(shape, node.p2)
        # OPTIONAL { $this ... } would match other nodes than the focus node before the join
        used_before_bound([node.p2, node.get("expr")], left)
        return left
    if name == "Union":
        return _certain(shape, node.p1) & _certain(shape, node.p2)
    if name in ("Filter", "Extend"):
        bound = _certain(shape, node.p)
        used_before_bound(node.expr, bound)
        if name == "Extend" and str(node.var) in _RESERVED_VARIABLES:
            raise UnsupportedShape(shape, f"a SPARQL constraint that binds ?{node.var}")
        return bound
    if name == "Project":
        return _certain(shape, node.p) & {str(v) for v in node.PV}
    if name in ("Distinct", "Reduced"):
        return _certain(shape, node.p)
    raise UnsupportedShape(shape, f"a SPARQL constraint using {name} (only plain SELECT patterns)")


def _check_select(shape: Node, text: str, prefixes: dict[str, str]) -> tuple[str, ...]:
    """Refuse sh:select texts whose whole-graph evaluation could differ from pySHACL's per-focus one;
    return the projected variables."""
    for what, regex in _INVALID_SPARQL.items():
        if regex.search(text):
            raise UnsupportedShape(shape, f"{what} in a SPARQL constraint")
    if any(m.group(1) in ("this", "shapesGraph", "currentShape") for m in _AS_VARIABLE.finditer(text)):
        raise UnsupportedShape(shape, "AS rebinding $this in a SPARQL constraint")
    for what, regex in _MENTIONS.items():
        if regex.search(text):
            raise UnsupportedShape(shape, f"${what} in a SPARQL constraint")
    try:
        prologue = parseQuery(text)[0]
        query = prepareQuery(text, initNs=prefixes)
    except Exception as exc:  # rdflib raises pyparsing and its own errors
        raise UnsupportedShape(shape, f"a SPARQL constraint rdflib cannot parse ({exc})") from exc
    if len(prologue):
        raise UnsupportedShape(shape, "PREFIX or BASE inside a SPARQL constraint")
    algebra = query.algebra
    if algebra.name != "SelectQuery" or algebra.get("datasetClause"):
        raise UnsupportedShape(shape, "a SPARQL constraint that is not a plain SELECT")
    variables = tuple(str(v) for v in algebra.PV)
    if "this" not in variables or "failure" in variables:
        raise UnsupportedShape(shape, "a SPARQL constraint that does not select $this (or selects ?failure)")
    if not _BIND_THIS.search(text):
        raise UnsupportedShape(shape, "a SPARQL constraint whose $this pySHACL would not pre-bind")
    if "this" not in _certain(shape, algebra.p):
        raise UnsupportedShape(shape, "a SPARQL constraint that may leave $this unbound")
    return variables


def _check_syntax(queries: Iterable[CompiledQuery], tests: Sequence[ValueTest]) -> None:
    """Run every query once on an empty store, so that a compiler bug shows at compile time."""
    store = ox.Store()
    functions = _functions(tests)
    for query in queries:
        list(store.query(query.text, custom_functions=functions))  # type: ignore[arg-type]


def compile_shapes(shapes: Graph) -> CompiledShapes:
    """Compile every shape with targets into SPARQL checks; raise UnsupportedShape for anything we
    cannot evaluate exactly as pySHACL does."""
    _refuse_graph_features(shapes)
    compiler = _Compiler(shapes)
    for shape in sorted(compiler.paths, key=lambda s: (isinstance(s, BNode), str(s))):
        focus = compiler.targets(shape)
        if focus is not None:
            compiler.shape_checks(shape, focus, ())
    compiled = CompiledShapes(compiler.program.queries(), tuple(compiler.tests))
    _check_syntax(compiled.queries, compiled.tests)
    return compiled


# --------------------------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------------------------


def _functions(tests: Sequence[ValueTest]) -> dict[ox.NamedNode, Callable[..., ox.Literal | None]]:
    """The Python value tests as one SPARQL function: test(value, index) -> xsd:boolean."""

    def run(term: object, index: object) -> ox.Literal | None:
        if not isinstance(index, ox.Literal):
            return None
        try:
            return ox.Literal(tests[int(index.value)](to_rdflib(term)))
        except (FastShaclError, ValueError, IndexError):
            return None

    return {ox.NamedNode(_FN_TEST): run}


def _format_message(message: str, bound: dict[str, Node]) -> str:
    """pySHACL's ConstraintComponent._format_sparql_based_result_message (re.sub, in that order)."""
    for name, value in bound.items():
        message = re.sub(f"{{[?$]{name}}}", str(value), message)
    return message


def _sparql_messages(check: Check, source: SparqlSource, bound: dict[str, Node]) -> tuple[str, ...]:
    """The sh:resultMessage values pySHACL adds for a SPARQL result, in its order: the constraint's
    own message (unless the shape has the same), then the shape's (make_v_result)."""
    texts: list[str] = []
    for message in source.extra_messages:
        if message not in check.messages:
            texts.append(_format_message(str(message.value), bound))
    for shape_message in check.messages:
        if isinstance(shape_message, Literal):
            texts.append(_format_message(str(shape_message.value), bound))
        else:
            texts.append(str(shape_message))
    return tuple(texts)


Row = dict[str, object]  # the bound variables of one solution, as oxigraph terms


def _sparql_result(check: Check, source: SparqlSource, row: Row) -> RawResult:
    """One row of a SPARQL constraint as pySHACL turns it into a result (_evaluate_sparql_constraint)."""
    values = {v: to_rdflib(row[v]) for v in source.variables if row.get(v) is not None}
    focus = values.pop("this")
    path = values.pop("path", None)
    value = values.pop("value", None)
    if value is None:
        value = focus  # node shapes: pySHACL reports the focus node as the value
    bound = {**values, "this": focus}
    if path is not None:
        bound["path"] = path
    bound["value"] = value
    return RawResult(
        focus=focus,
        path=path,
        value=value,
        component=check.component,
        severity=check.severity,
        shape=check.shape,
        messages=_sparql_messages(check, source, bound),
        source_constraint=source.constraint,
    )


def _result(check: Check, row: Row) -> RawResult | None:
    """One row as a result, or None for a candidate pair that pySHACL's comparison lets pass."""
    if check.sparql is not None:
        return _sparql_result(check, check.sparql, row)
    focus = to_rdflib(row["this"])
    value: Node | None = None
    if check.value == "focus":
        value = focus
    elif check.value == "path":
        value = to_rdflib(row["value"])
    if check.strict is not None:
        other = to_rdflib(row["other"]) if row.get("other") is not None else None
        if isinstance(value, BNode) or isinstance(other, BNode):
            name = "sh:lessThan" if check.strict else "sh:lessThanOrEquals"
            raise FastShaclError(f"Cannot use {name} to compare a BlankNode.")  # as pySHACL does
        assert value is not None and other is not None
        if _pair_passes(value, other, check.strict):
            return None
    messages = tuple(str(m) for m in check.messages)
    return RawResult(focus, check.path, value, check.component, check.severity, check.shape, messages)


def _query(
    store: ox.Store,
    text: str,
    data_graphs: list[ox.NamedNode] | None,
    functions: dict[ox.NamedNode, Callable[..., ox.Literal | None]],
) -> object:
    if data_graphs is None:
        return store.query(text, custom_functions=functions)  # type: ignore[arg-type]
    return store.query(text, default_graph=list(data_graphs), custom_functions=functions)  # type: ignore[arg-type]


def _run(
    store: ox.Store,
    query: CompiledQuery,
    data_graphs: list[ox.NamedNode] | None,
    functions: dict[ox.NamedNode, Callable[..., ox.Literal | None]],
) -> list[RawResult]:
    if query.guard is not None and not bool(_query(store, query.guard, data_graphs, functions)):
        return []
    solutions = _query(store, query.text, data_graphs, functions)
    assert isinstance(solutions, ox.QuerySolutions)
    names = [v.value for v in solutions.variables]
    rows = [{n: t for n, t in zip(names, solution, strict=True) if t is not None} for solution in solutions]
    del solutions  # oxigraph's solutions must not travel to another thread (in an exception's traceback)
    results: list[RawResult] = []
    for row in rows:
        key = row.get("_k") if query.keyed else None
        check = query.checks[int(key.value)] if isinstance(key, ox.Literal) else query.checks[0]
        result = _result(check, row)
        if result is not None:
            results.append(result)
    return results


def validate_store(
    store: ox.Store,
    compiled: CompiledShapes,
    data_graphs: list[ox.NamedNode] | None = None,
    *,
    workers: int = 2,
) -> list[RawResult]:
    """Validate the union of ``data_graphs`` (the store's default graph if None) with the compiled shapes.

    The queries run on ``workers`` threads (oxigraph evaluates them without holding the GIL). Several
    data graphs are first merged into one scratch graph, dropped at the end: Oxigraph answers each
    pattern over a list of default graphs graph by graph, so a query over the ~20 000 claim graphs of
    a 1M-triple corpus was hundreds of times slower than over their merge (docs/benchmarks.md).
    """
    functions = _functions(compiled.tests)
    if data_graphs is None or len(data_graphs) <= 1:
        return _run_all(store, compiled, data_graphs, functions, workers)
    merged = ox.NamedNode(f"urn:coi-graph:fastshacl:merged:{uuid.uuid4().hex}")
    graphs = " ".join(f"<{g.value}>" for g in data_graphs)
    where = f"VALUES ?g {{ {graphs} }} GRAPH ?g {{ ?s ?p ?o }}"
    store.update(f"INSERT {{ GRAPH <{merged.value}> {{ ?s ?p ?o }} }} WHERE {{ {where} }}")
    try:
        return _run_all(store, compiled, [merged], functions, workers)
    finally:
        store.update(f"DROP SILENT GRAPH <{merged.value}>")


def _run_all(
    store: ox.Store,
    compiled: CompiledShapes,
    data_graphs: list[ox.NamedNode] | None,
    functions: dict[ox.NamedNode, Callable[..., ox.Literal | None]],
    workers: int,
) -> list[RawResult]:
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        parts = pool.map(lambda q: _run(store, q, data_graphs, functions), compiled.queries)
        return [result for part in parts for result in part]


# --------------------------------------------------------------------------------------------
# Reports
# --------------------------------------------------------------------------------------------


def _copy_blank(source: Graph, target: Graph, node: Node, seen: set[Node]) -> None:
    """Copy a blank node's description (as pySHACL's clone_blank_node does, ids kept)."""
    if not isinstance(node, BNode) or node in seen:
        return
    seen.add(node)
    for p, o in source.predicate_objects(node):
        target.add((node, p, o))
        _copy_blank(source, target, o, seen)


def _report_graph(results: Sequence[RawResult], shapes: Graph) -> Graph:
    """A SHACL validation report graph like pySHACL's (data blank nodes are not described)."""
    graph = Graph(bind_namespaces="core")
    for prefix, namespace in shapes.namespace_manager.namespaces():
        graph.namespace_manager.bind(prefix, namespace)
    bind_prefixes(graph.namespace_manager)
    report = BNode()
    graph.add((report, RDF.type, SH.ValidationReport))
    conforms = all(r.severity in (SH.Info, SH.Warning) for r in results)
    graph.add((report, SH.conforms, Literal(conforms)))
    seen: set[Node] = set()
    for result in results:
        node = BNode()
        graph.add((report, SH.result, node))
        graph.add((node, RDF.type, SH.ValidationResult))
        graph.add((node, SH.sourceConstraintComponent, result.component))
        graph.add((node, SH.sourceShape, result.shape))
        graph.add((node, SH.resultSeverity, result.severity))
        graph.add((node, SH.focusNode, result.focus))
        if result.value is not None:
            graph.add((node, SH.value, result.value))
        if result.path is not None:
            graph.add((node, SH.resultPath, result.path))
        if result.source_constraint is not None:
            graph.add((node, SH.sourceConstraint, result.source_constraint))
        for message in result.messages:
            graph.add((node, SH.resultMessage, Literal(message)))
        for described in (result.shape, result.path, result.source_constraint):
            if described is not None:
                _copy_blank(shapes, graph, described, seen)
    return graph


def _raw_key(result: RawResult) -> tuple[str, ...]:
    return tuple(
        _node_text(n) if n is not None else "" for n in (result.focus, result.shape, result.path, result.value)
    )


def to_report(results: Sequence[RawResult], sources: SourceMap | None, shapes: Graph) -> Report:
    """The report validate.validate_graph would give for the same results: same Result fields, same order."""
    graph = _report_graph(results, shapes)
    report = Report(graph=graph)
    for result in sorted(results, key=_raw_key):
        location = sources.locate(result.focus) if sources else None
        report.results.append(
            Result(
                severity=str(result.severity).rsplit("#", 1)[-1],
                message=result.message,
                focus=_short(result.focus) or "?",
                path=_path_text(shapes, result.path),
                value=_short(result.value),
                shape=_shape_name(graph, shapes, result.shape),
                constraint=_short(result.component),
                file=str(location.path) if location else None,
                line=location.line if location else None,
            )
        )
    # the order of validate_graph
    report.results.sort(key=lambda r: (r.severity != "Violation", r.file or "~", r.line or 0, r.focus, r.message))
    return report
