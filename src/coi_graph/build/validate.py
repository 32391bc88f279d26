"""Validate with pySHACL and report what is wrong, where, and how to fix it.

The data graph is everything asserted (ontology, registry, documents, claim descriptions,
the content of every claim) plus what the build derives; inferred triples are left out, so
that a class or range constraint is checked against what the data says, not what reasoning
concluded from it. OWL RL inconsistencies found by the reasoner are added as violations.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, field
from typing import Literal as TypingLiteral

import pyshacl
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.processor import SPARQLProcessor
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Identifier, Node

from coi_graph.build.sources import SourceMap
from coi_graph.namespaces import bind_prefixes, short
from coi_graph.resources import shape_files

ReportFormat = TypingLiteral["text", "json", "turtle"]


@dataclass(frozen=True)
class Result:
    """One validation result."""

    severity: str  # Violation, Warning or Info
    message: str
    focus: str
    path: str | None = None
    value: str | None = None
    shape: str | None = None
    constraint: str | None = None
    file: str | None = None
    line: int | None = None

    def where(self) -> str:
        if self.file is None:
            return "(no file)"
        return f"{self.file}:{self.line}" if self.line else self.file


@dataclass
class Report:
    results: list[Result] = field(default_factory=list)
    graph: Graph = field(default_factory=Graph)

    @property
    def violations(self) -> list[Result]:
        return [r for r in self.results if r.severity == "Violation"]

    @property
    def warnings(self) -> list[Result]:
        return [r for r in self.results if r.severity == "Warning"]

    @property
    def conforms(self) -> bool:
        return not self.violations

    def render(self, fmt: ReportFormat) -> str:
        if fmt == "json":
            payload = {
                "conforms": self.conforms,
                "violations": len(self.violations),
                "warnings": len(self.warnings),
                "results": [asdict(r) for r in self.results],
            }
            return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
        if fmt == "turtle":
            bind_prefixes(self.graph.namespace_manager)
            return self.graph.serialize(format="turtle")
        return render_text(self.results)


def render_text(results: list[Result]) -> str:
    if not results:
        return "Conforms: no violations.\n"
    lines = []
    for r in results:
        lines.append(f"{r.where()}: {r.severity}: {r.message}")
        detail = f"  focus {r.focus}"
        if r.path:
            detail += f", path {r.path}"
        if r.value is not None:
            detail += f", value {r.value}"
        if r.shape:
            detail += f" [{r.shape}]"
        lines.append(detail)
    violations = sum(r.severity == "Violation" for r in results)
    warnings = sum(r.severity == "Warning" for r in results)
    lines.append(f"{violations} violation(s), {warnings} warning(s).")
    return "\n".join(lines) + "\n"


def load_shapes() -> Graph:
    shapes = Graph()
    for path in shape_files():
        shapes.parse(path, format="turtle")
    return shapes


def _short(node: Node | None) -> str | None:
    if node is None:
        return None
    if isinstance(node, URIRef):
        return short(str(node))
    if isinstance(node, Literal):
        return str(node)
    return node.n3()


def _path_text(results: Graph, path: Node | None) -> str | None:
    if path is None:
        return None
    if isinstance(path, BNode):
        alternatives = results.value(path, SH.alternativePath)
        if alternatives is not None:
            members = [_short(m) or "?" for m in Collection(results, alternatives)]
            return " | ".join(members)
    return _short(path)


def _shape_name(results: Graph, shapes: Graph, shape: Node | None) -> str | None:
    """The named node shape a result comes from (a property shape is named after its parent)."""
    if isinstance(shape, BNode):
        parent = shapes.value(predicate=SH.property, object=shape)
        shape = parent if parent is not None else shape
    return _short(shape) if isinstance(shape, URIRef) else None


def _message(results: Graph, result: Node) -> str:
    """pySHACL's result message: the shape's sh:message with {?value} filled in, or its own text."""
    message = results.value(result, SH.resultMessage)
    return str(message) if message is not None else "constraint violated"


@contextlib.contextmanager
def _parse_each_query_once() -> Iterator[None]:
    """Let rdflib parse each SPARQL constraint once instead of once per focus node.

    pySHACL hands the same query text to rdflib for every focus node, and rdflib parses it
    each time (about 45 ms a parse, nine tenths of validation time on the seed graph). The
    translated query is reused, exactly as rdflib's own prepareQuery does.
    """
    original = SPARQLProcessor.query
    cache: dict[tuple[str, str | None, tuple[tuple[str, str], ...]], Query] = {}

    def query(
        self: SPARQLProcessor,
        strOrQuery: str | Query,
        initBindings: Mapping[str, Identifier] | None = None,
        initNs: Mapping[str, object] | None = None,
        base: str | None = None,
        DEBUG: bool = False,
    ) -> Mapping[str, object]:
        if isinstance(strOrQuery, str):
            key = (strOrQuery, base, tuple(sorted((k, str(v)) for k, v in (initNs or {}).items())))
            if key not in cache:
                cache[key] = translateQuery(parseQuery(strOrQuery), base, initNs)
            strOrQuery = cache[key]
        return original(self, strOrQuery, initBindings, initNs, base, DEBUG)

    SPARQLProcessor.query = query  # type: ignore[method-assign]
    try:
        yield
    finally:
        SPARQLProcessor.query = original  # type: ignore[method-assign]


def validate_graph(data: Graph, sources: SourceMap | None = None, shapes: Graph | None = None) -> Report:
    """Run pySHACL on ``data`` and collect located, readable results."""
    shapes = shapes if shapes is not None else load_shapes()
    with _parse_each_query_once():
        _conforms, results_graph, _text = pyshacl.validate(
            data,
            shacl_graph=shapes,
            inference="none",
            advanced=True,
            allow_warnings=True,
            abort_on_first=False,
        )
    assert isinstance(results_graph, Graph)
    bind_prefixes(results_graph.namespace_manager)
    report = Report(graph=results_graph)
    # top-level results only: those nested under sh:detail (e.g. from sh:node) explain a parent result
    for result in results_graph.objects(None, SH.result):
        focus = results_graph.value(result, SH.focusNode)
        severity = results_graph.value(result, SH.resultSeverity)
        location = sources.locate(focus) if sources else None
        component = results_graph.value(result, SH.sourceConstraintComponent)
        report.results.append(
            Result(
                severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
                message=_message(results_graph, result),
                focus=_short(focus) or "?",
                path=_path_text(results_graph, results_graph.value(result, SH.resultPath)),
                value=_short(results_graph.value(result, SH.value)),
                shape=_shape_name(results_graph, shapes, results_graph.value(result, SH.sourceShape)),
                constraint=_short(component),
                file=str(location.path) if location else None,
                line=location.line if location else None,
            )
        )
    report.results.sort(key=lambda r: (r.severity != "Violation", r.file or "~", r.line or 0, r.focus, r.message))
    return report


def add_inconsistencies(report: Report, messages: Iterable[str]) -> None:
    """Record OWL RL inconsistencies found by the reasoner as violations."""
    for message in messages:
        report.results.append(
            Result(
                severity="Violation",
                message=f"OWL RL inconsistency: {message}",
                focus="(reasoner)",
                constraint="owl:consistency",
            )
        )
