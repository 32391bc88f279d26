"""The shape compiler: each shape's targets, paths and parameters turned into SPARQL checks of the program."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import Node

from coi_graph.compile.terms import to_ox
from coi_graph.compile.validate.model import (
    FN_TEST,
    Check,
    CompiledQuery,
    CompiledShapes,
    UnsupportedShape,
    ValueTest,
    node_text,
)
from coi_graph.compile.validate.program import FOCUS_MARK, Focus, Program, all_of, any_of, instances_of
from coi_graph.compile.validate.report import short_term
from coi_graph.compile.validate.run import value_functions
from coi_graph.compile.validate.shapes import (
    COMPONENTS,
    PASSIVE,
    constant_text,
    count_of,
    find_shapes,
    implicit_class,
    iri_text,
    is_deactivated,
    one_value,
    refuse_graph_features,
    shape_messages,
    shape_severity,
)
from coi_graph.compile.validate.sparql import sparql_checks
from coi_graph.compile.validate.values import DatatypeTest, MinLengthTest, PatternTest, RangeTest

# --------------------------------------------------------------------------------------------
# Constants
# --------------------------------------------------------------------------------------------

# stands for the value node in expression templates; cannot occur in an IRI or an escaped literal
_V = "\x00v\x00"
_XSD_STRING = str(XSD.string)

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

# --------------------------------------------------------------------------------------------
# The compiler
# --------------------------------------------------------------------------------------------


class _Compiler:
    """Turns the shapes into checks; holds the shapes graph, the shape index and fresh variable names."""

    def __init__(self, shapes: Graph) -> None:
        self.graph = shapes
        self.paths = find_shapes(shapes)
        self.tests: list[ValueTest] = []
        self.program = Program()
        self._names = itertools.count(1)

    # -- helpers -------------------------------------------------------------------------

    def fresh(self) -> str:
        return f"?_v{next(self._names)}"

    def test(self, test: ValueTest) -> str:
        """A call of the Python value test ``test`` on the value node (a template), false if it fails to run."""
        self.tests.append(test)
        return f"COALESCE(<{FN_TEST}>({_V}, {len(self.tests) - 1}), false)"

    def path(self, shape: Node, path: Node, depth: int = 0) -> str:
        """A SHACL path as a SPARQL property path; pySHACL's value_nodes_from_path gives the semantics."""
        graph = self.graph
        if isinstance(path, URIRef):
            return iri_text(shape, path, "a path")
        if not isinstance(path, BNode) or depth > 8:
            raise UnsupportedShape(shape, f"the path {node_text(path)}")
        if (path, RDF.first, None) in graph:
            members = list(Collection(graph, path))
            if len(members) < 2:
                raise UnsupportedShape(shape, "a sequence path with fewer than two members")
            return "(" + "/".join(self.path(shape, m, depth + 1) for m in members) + ")"
        inverse = one_value(graph, path, SH.inversePath)
        if inverse is not None:
            if not isinstance(inverse, URIRef):
                raise UnsupportedShape(shape, "sh:inversePath of a complex path")
            return "^" + iri_text(shape, inverse, "a path")
        alternatives = one_value(graph, path, SH.alternativePath)
        if alternatives is not None:
            members = list(Collection(graph, alternatives))
            if len(members) < 2:
                raise UnsupportedShape(shape, "sh:alternativePath with fewer than two members")
            return "(" + "|".join(self.path(shape, m, depth + 1) for m in members) + ")"
        raise UnsupportedShape(shape, f"the path {node_text(path)} (only IRIs, inverse, alternative and sequence)")

    def parameters(self, shape: Node) -> list[URIRef]:
        """The constraint parameters of a shape, refusing sh: parameters we do not implement."""
        found: list[URIRef] = []
        for predicate in dict.fromkeys(self.graph.predicates(shape, None)):
            if not isinstance(predicate, URIRef) or not str(predicate).startswith(str(SH)):
                continue
            if predicate in COMPONENTS:
                found.append(predicate)
            elif predicate not in PASSIVE:
                raise UnsupportedShape(shape, short_term(predicate) or str(predicate))
        return sorted(found)

    # -- targets ---------------------------------------------------------------------------

    def targets(self, shape: Node) -> Focus | None:
        """The focus nodes of a shape's own targets as a pattern binding a variable, or None."""
        graph = self.graph
        branches: list[str] = []
        classes = sorted(graph.objects(shape, SH.targetClass), key=str)
        if implicit_class(graph, shape):
            classes.append(shape)
        for cls in classes:
            branches.append(
                f"{FOCUS_MARK} <{RDF.type}>/<{RDFS.subClassOf}>* {iri_text(shape, cls, 'sh:targetClass')} ."
            )
        nodes = sorted(constant_text(shape, n, "sh:targetNode") for n in graph.objects(shape, SH.targetNode))
        if nodes:
            branches.append(f"VALUES {FOCUS_MARK} {{ {' '.join(nodes)} }}")
        for predicate in sorted(graph.objects(shape, SH.targetSubjectsOf), key=str):
            branches.append(f"{FOCUS_MARK} {iri_text(shape, predicate, 'sh:targetSubjectsOf')} ?_t .")
        for predicate in sorted(graph.objects(shape, SH.targetObjectsOf), key=str):
            branches.append(f"?_t {iri_text(shape, predicate, 'sh:targetObjectsOf')} {FOCUS_MARK} .")
        if not branches:
            return None
        union = " UNION ".join(f"{{ {branch} }}" for branch in dict.fromkeys(branches))
        return Focus(f"{{ SELECT DISTINCT {FOCUS_MARK} WHERE {{ {union} }} }}")

    def values_of(self, focus: Focus, shape: Node, path: Node) -> Focus:
        """The value nodes of a property shape, as the focus nodes of its own property shapes."""
        parent = f"?_p{focus.depth}"
        values = f"{focus(parent)} {parent} {self.path(shape, path)} {FOCUS_MARK} ."
        return Focus(f"{{ SELECT DISTINCT {FOCUS_MARK} WHERE {{ {values} }} }}", focus.depth + 1)

    # -- value tests (expressions that never raise an error) -------------------------------------

    def value_tests(self, shape: Node, parameter: URIRef, stack: tuple[Node, ...]) -> list[str]:
        """Boolean expression templates (over the value node), one per rule: true if the value node passes."""
        graph = self.graph
        values = list(graph.objects(shape, parameter))
        if parameter == SH["class"]:
            return [
                f"EXISTS {{ {_V} <{RDF.type}>/<{RDFS.subClassOf}>* {iri_text(shape, c, 'sh:class')} }}" for c in values
            ]
        if parameter == SH.datatype:
            return [self.datatype_test(shape, one_value(graph, shape, SH.datatype))]
        if parameter == SH.nodeKind:
            kind = one_value(graph, shape, SH.nodeKind)
            if kind not in _NODE_KINDS:
                raise UnsupportedShape(shape, f"sh:nodeKind {node_text(kind) if kind else ''}")
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
        dt = iri_text(shape, rule, "sh:datatype")
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
        members = one_value(self.graph, shape, SH["in"])
        if members is None or not isinstance(members, BNode | URIRef):
            raise UnsupportedShape(shape, "sh:in that is not a list")
        terms = [constant_text(shape, m, "an sh:in member") for m in Collection(self.graph, members)]
        if not terms:
            return "false"
        return "(" + " || ".join(f"sameTerm({_V}, {t})" for t in dict.fromkeys(terms)) + ")"

    def min_length_test(self, shape: Node) -> str:
        length = count_of(self.graph, shape, SH.minLength)
        assert length is not None
        if length == 0:
            return "true"
        stringy = any_of([f"isIRI({_V})", f"sameTerm(DATATYPE({_V}), <{XSD.string}>)", f'LANG({_V}) != ""'])
        python = self.test(MinLengthTest(length))
        return f"IF(isBlank({_V}), false, IF({stringy}, STRLEN(STR({_V})) >= {length}, {python}))"

    def pattern_test(self, shape: Node, pattern: Node) -> str:
        if not isinstance(pattern, Literal):
            raise UnsupportedShape(shape, "sh:pattern that is not a literal")
        flags_node = one_value(self.graph, shape, SH.flags)
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
            number = str(to_ox(bound))
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
        return any_of([self.conforms(m, _V, stack) for m in shapes])

    # -- conformance of a value node to a shape (sh:or members, sh:node) ------------------------

    def conforms(self, shape: Node, var: str, stack: tuple[Node, ...]) -> str:
        """An expression true iff the node in ``var`` conforms to ``shape``, as pySHACL decides for
        sh:or and sh:node (no result at all; only Violation severity is supported here)."""
        if shape not in self.paths:
            raise UnsupportedShape(shape, "a reference to something that is not a shape")
        if shape in stack:
            raise UnsupportedShape(shape, "a recursive shape reference")
        if is_deactivated(self.graph, shape):
            return "true"
        if shape_severity(self.graph, shape) != SH.Violation:
            raise UnsupportedShape(shape, "sh:severity on a shape checked through sh:or or sh:node")
        inner = (*stack, shape)
        path = self.paths[shape]
        parts: list[str] = []
        for parameter in self.parameters(shape):
            parts.extend(self.conformance_parts(shape, parameter, path, var, inner))
        return all_of(parts)

    def conformance_parts(
        self, shape: Node, parameter: URIRef, path: Node | None, var: str, stack: tuple[Node, ...]
    ) -> list[str]:
        graph = self.graph
        if parameter in (SH.sparql, SH.lessThan, SH.lessThanOrEquals):
            raise UnsupportedShape(shape, f"{short_term(parameter)} in a shape checked through sh:or or sh:node")
        if parameter in (SH.minCount, SH.maxCount):
            if path is None:
                raise UnsupportedShape(shape, f"{short_term(parameter)} on a node shape")
            return self.count_parts(shape, parameter, self.path(shape, path), var)
        if parameter == SH.hasValue:
            values = [constant_text(shape, v, "sh:hasValue") for v in graph.objects(shape, SH.hasValue)]
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
        n = count_of(self.graph, shape, parameter)
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
        if is_deactivated(graph, shape):
            return
        path = self.paths[shape]
        severity = shape_severity(graph, shape)
        messages = shape_messages(graph, shape)
        for parameter in self.parameters(shape):
            if parameter == SH.property:
                self.property_checks(shape, path, focus, (*stack, shape))
                continue
            if parameter == SH.sparql:
                sparql_checks(self.graph, self.program, shape, path, focus, severity, messages)
                continue
            if not messages:
                raise UnsupportedShape(
                    shape, f"{short_term(parameter)} without sh:message (pySHACL's generic messages)"
                )
            if path is None:
                self.node_checks(
                    shape,
                    parameter,
                    focus,
                    Check(shape, COMPONENTS[parameter], severity, None, messages, "focus"),
                    stack,
                )
            else:
                self.path_checks(
                    shape,
                    parameter,
                    focus,
                    Check(shape, COMPONENTS[parameter], severity, path, messages, "path"),
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
            raise UnsupportedShape(shape, f"{short_term(parameter)} on a node shape")
        if parameter == SH.hasValue:
            for value in graph.objects(shape, SH.hasValue):
                term = constant_text(shape, value, "sh:hasValue")
                self.program.present(focus, replace(check, value="none"), f"VALUES ?this {{ {term} }}")
            return
        if parameter == SH["class"]:
            for cls in graph.objects(shape, parameter):
                instances = instances_of(shape, cls)
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
            n = count_of(graph, shape, parameter)
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
                term = constant_text(shape, value, "sh:hasValue")
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
                self.program.violation(focus, check, f"{values} MINUS {{ ?value {instances_of(shape, cls)} }}")
        else:
            for test in self.value_tests(shape, parameter, (*stack, shape)):
                failed = f"FILTER(!COALESCE({test.replace(_V, '?value')}, false))"
                self.program.violation(focus, check, f"{values} {failed}")

    def pair_pattern(self, shape: Node, other: Node, path: str, strict: bool) -> str:
        """Candidate (value, other value) pairs; Python confirms them with pySHACL's comparison."""
        predicate = iri_text(shape, other, "sh:lessThan / sh:lessThanOrEquals")
        op = "<" if strict else "<="
        numbers = " && ".join(
            f"isNumeric({x}) && (sameTerm(DATATYPE({x}), <{XSD.integer}>) || sameTerm(DATATYPE({x}), <{XSD.decimal}>))"
            for x in ("?value", "?other")
        )
        surely_fine = f"COALESCE({numbers} && ?value {op} ?other, false)"
        keep = f"FILTER(isBlank(?value) || (BOUND(?other) && (isBlank(?other) || !{surely_fine})))"
        return f"?this {path} ?value . OPTIONAL {{ ?this {predicate} ?other }} {keep}"


def _check_syntax(queries: Iterable[CompiledQuery], tests: Sequence[ValueTest]) -> None:
    """Run every query once on an empty store, so that a compiler bug shows at compile time."""
    store = ox.Store()
    functions = value_functions(tests)
    for query in queries:
        list(store.query(query.text, custom_functions=functions))  # type: ignore[arg-type]


def compile_shapes(shapes: Graph) -> CompiledShapes:
    """Compile every shape with targets into SPARQL checks; raise UnsupportedShape for anything we
    cannot evaluate exactly as pySHACL does."""
    refuse_graph_features(shapes)
    compiler = _Compiler(shapes)
    for shape in sorted(compiler.paths, key=lambda s: (isinstance(s, BNode), str(s))):
        focus = compiler.targets(shape)
        if focus is not None:
            compiler.shape_checks(shape, focus, ())
    compiled = CompiledShapes(compiler.program.queries(), tuple(compiler.tests))
    _check_syntax(compiled.queries, compiled.tests)
    return compiled
