"""The validation report: results located in the data files, rendered as text, JSON or Turtle."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Literal as TypingLiteral

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from coi_graph.compile.sources import SourceMap
from coi_graph.compile.validate.model import RawResult, node_text
from coi_graph.namespaces import bind_prefixes, short

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


def short_term(node: Node | None) -> str | None:
    if node is None:
        return None
    if isinstance(node, URIRef):
        return short(str(node))
    if isinstance(node, Literal):
        return str(node)
    return node.n3()


def path_text(results: Graph, path: Node | None) -> str | None:
    if path is None:
        return None
    if isinstance(path, BNode):
        alternatives = results.value(path, SH.alternativePath)
        if alternatives is not None:
            members = [short_term(m) or "?" for m in Collection(results, alternatives)]
            return " | ".join(members)
    return short_term(path)


def shape_name(results: Graph, shapes: Graph, shape: Node | None) -> str | None:
    """The named node shape a result comes from (a property shape is named after its parent)."""
    if isinstance(shape, BNode):
        parent = shapes.value(predicate=SH.property, object=shape)
        shape = parent if parent is not None else shape
    return short_term(shape) if isinstance(shape, URIRef) else None


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
    return tuple(node_text(n) if n is not None else "" for n in (result.focus, result.shape, result.path, result.value))


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
                focus=short_term(result.focus) or "?",
                path=path_text(shapes, result.path),
                value=short_term(result.value),
                shape=shape_name(graph, shapes, result.shape),
                constraint=short_term(result.component),
                file=str(location.path) if location else None,
                line=location.line if location else None,
            )
        )
    # the order of validate_graph
    report.results.sort(key=lambda r: (r.severity != "Violation", r.file or "~", r.line or 0, r.focus, r.message))
    return report
