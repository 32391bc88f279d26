"""Running compiled shapes on a store: the queries, the Python value tests they call, their rows as results."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor

import pyoxigraph as ox
from rdflib import BNode, Literal
from rdflib.term import Node

from coi_graph.compile.terms import to_rdflib
from coi_graph.compile.validate.model import (
    FN_TEST,
    Check,
    CompiledQuery,
    CompiledShapes,
    FastShaclError,
    RawResult,
    SparqlSource,
    ValueTest,
)
from coi_graph.compile.validate.values import pair_passes

# --------------------------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------------------------


def _value(term: object) -> Node:
    """A term of a result row as the rdflib term pySHACL sees for it."""
    try:
        return to_rdflib(term)
    except TypeError as exc:
        raise FastShaclError(f"cannot validate the RDF term {term!r}") from exc


def value_functions(tests: Sequence[ValueTest]) -> dict[ox.NamedNode, Callable[..., ox.Literal | None]]:
    """The Python value tests as one SPARQL function: test(value, index) -> xsd:boolean."""

    def run(term: object, index: object) -> ox.Literal | None:
        if not isinstance(index, ox.Literal):
            return None
        try:
            return ox.Literal(tests[int(index.value)](_value(term)))
        except (FastShaclError, ValueError, IndexError):
            return None

    return {ox.NamedNode(FN_TEST): run}


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
    values = {v: _value(row[v]) for v in source.variables if row.get(v) is not None}
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
    focus = _value(row["this"])
    value: Node | None = None
    if check.value == "focus":
        value = focus
    elif check.value == "path":
        value = _value(row["value"])
    if check.strict is not None:
        other = _value(row["other"]) if row.get("other") is not None else None
        if isinstance(value, BNode) or isinstance(other, BNode):
            name = "sh:lessThan" if check.strict else "sh:lessThanOrEquals"
            raise FastShaclError(f"Cannot use {name} to compare a BlankNode.")  # as pySHACL does
        assert value is not None and other is not None
        if pair_passes(value, other, check.strict):
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
    functions = value_functions(compiled.tests)
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
