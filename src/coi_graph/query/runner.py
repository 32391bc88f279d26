"""Run SPARQL on the built store, with the project's prefixes and default graph.

The default graph is the union of the ontology, the registry, the documents, the claim
descriptions, the plain layer, the derived layer and the inferred graph: what the corpus says
affirmatively, with its provenance. Each claim's own content is the named graph of its IRI
(``GRAPH ?claim { … }``), which is where planned, intended, possible and negated content lives.

Queries that reach other hosts (``SERVICE``, ``LOAD``) are refused unless the caller allows
the network.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pyoxigraph as ox

from coi_graph.errors import CoiGraphError
from coi_graph.namespaces import PREFIXES
from coi_graph.query.library import QueryError
from coi_graph.remote import RemoteStore
from coi_graph.store import AnyStore, Value, to_value

XSD_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"

# strings, IRIs and comments, which may mention SERVICE without calling it
_NOT_CODE = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>\s]*>|#[^\n]*'
)
_NETWORK = re.compile(r"\b(SERVICE|LOAD)\b", re.IGNORECASE)
_SYNTAX = re.compile(r"error at (?P<line>\d+):(?P<column>\d+): (?P<why>[\s\S]*)")


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[list[Value | None]] = field(default_factory=list)


def network_keyword(text: str) -> str | None:
    """``SERVICE`` or ``LOAD`` if the query uses one, outside strings, IRIs and comments."""
    match = _NETWORK.search(_NOT_CODE.sub(" ", text))
    return match.group(1).upper() if match else None


_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)


def _execute_remote(store: RemoteStore, text: str, name: str) -> QueryResult:
    """The same result shapes as on the embedded store, from a SPARQL 1.1 endpoint."""
    from coi_graph.remote import binding_term

    form = _FORM.search(_NOT_CODE.sub(" ", text))
    if form and form.group(1).upper() in ("CONSTRUCT", "DESCRIBE"):
        triples = store.construct(text)
        rows = [[to_value(t.subject), to_value(t.predicate), to_value(t.object)] for t in triples]
        return QueryResult(["subject", "predicate", "object"], rows)
    try:
        variables, solutions = store.select(text)
    except CoiGraphError as exc:
        raise QueryError(f"{name}: {exc.message}", hint=exc.hint) from exc
    return QueryResult(variables, [[to_value(binding_term(row.get(v))) for v in variables] for row in solutions])


def execute(store: AnyStore, text: str, *, name: str = "query", allow_network: bool = False) -> QueryResult:
    keyword = network_keyword(text)
    if keyword and not allow_network:
        raise QueryError(
            f"{name}: the query uses {keyword}, which reaches another host; refused",
            hint="rerun with --allow-network if you mean to query a remote endpoint",
        )
    if not isinstance(store, ox.Store):
        return _execute_remote(store, text, name)
    try:
        result = store.query(
            text,
            prefixes=PREFIXES,
        )
    except SyntaxError as exc:
        match = _SYNTAX.match(str(exc))
        if match:
            why = match["why"].splitlines()[0][:200]
            raise QueryError(
                f"{name}: SPARQL syntax error at line {match['line']}, column {match['column']}: {why}"
            ) from exc
        raise QueryError(f"{name}: SPARQL syntax error: {exc}") from exc
    except OSError as exc:
        raise QueryError(f"{name}: the query could not reach another host: {exc}") from exc
    if isinstance(result, ox.QueryBoolean):
        return QueryResult(["result"], [[Value("true" if bool(result) else "false", datatype=XSD_BOOLEAN)]])
    if isinstance(result, ox.QuerySolutions):
        columns = [v.value for v in result.variables]
        # positional access: about a fifth faster than by name on tens of thousands of rows
        return QueryResult(columns, [list(map(to_value, solution)) for solution in result])
    rows = [[to_value(t.subject), to_value(t.predicate), to_value(t.object)] for t in result]
    return QueryResult(["subject", "predicate", "object"], rows)
