"""SPARQL-based constraints (sh:sparql): compiled into the program, with pySHACL's checks on their SELECT texts."""

from __future__ import annotations

import re

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import Node, Variable

# pySHACL's checks on sh:select texts (pyshacl/helper/sparql_query_helper.py, SPARQLQueryHelper)
from coi_graph.compile.validate.model import Check, SparqlSource, UnsupportedShape
from coi_graph.compile.validate.program import Focus, Program
from coi_graph.compile.validate.shapes import is_deactivated, one_value

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


def sparql_prefixes(shapes: Graph, node: Node) -> dict[str, str]:
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
            prefix, namespace = one_value(shapes, declare, SH.prefix), one_value(shapes, declare, SH.namespace)
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


def check_select(shape: Node, text: str, prefixes: dict[str, str]) -> tuple[str, ...]:
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


def sparql_checks(
    graph: Graph,
    program: Program,
    shape: Node,
    path: Node | None,
    focus: Focus,
    severity: URIRef,
    messages: tuple[Node, ...],
) -> None:
    for node in graph.objects(shape, SH.sparql):
        if path is not None:
            raise UnsupportedShape(shape, "sh:sparql on a property shape")
        if is_deactivated(graph, node):
            continue
        select = one_value(graph, node, SH.select)
        if not (isinstance(select, Literal) and isinstance(select.value, str)):
            raise UnsupportedShape(shape, "sh:sparql without one sh:select string")
        extra = tuple(graph.objects(node, SH.message))
        if len(extra) > 1:
            raise UnsupportedShape(shape, "a SPARQL constraint with more than one sh:message")
        if not all(isinstance(m, Literal) and isinstance(m.value, str) for m in extra):
            raise UnsupportedShape(shape, "a SPARQL constraint's sh:message that is not a string")
        prefixes = sparql_prefixes(graph, node)
        variables = check_select(shape, select.value, prefixes)
        prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in prefixes.items())
        projection = " ".join(f"?{v}" for v in variables)
        query = f"{prologue}SELECT DISTINCT {projection} WHERE {{ {focus('?this')} {{ {select.value}\n}} }}"
        source = SparqlSource(node, tuple(m for m in extra if isinstance(m, Literal)), variables)
        check = Check(shape, SH.SPARQLConstraintComponent, severity, None, messages, "focus", sparql=source)
        program.alone(focus, query, check)
