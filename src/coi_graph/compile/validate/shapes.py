"""The shapes graph: loading it, and reading the shapes, targets and parameters the compiler needs."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD
from rdflib.term import Node

from coi_graph.compile.terms import iri, stored_form, to_ox
from coi_graph.compile.validate.model import UnsupportedShape, node_text
from coi_graph.compile.validate.report import short_term
from coi_graph.resources import shape_files

# the constraint component of each parameter the compiler implements
COMPONENTS: dict[URIRef, URIRef] = {
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
PASSIVE = frozenset(
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

TARGETS = (SH.targetClass, SH.targetNode, SH.targetObjectsOf, SH.targetSubjectsOf)
SHAPE_LISTS = (SH["and"], SH["or"], SH.xone)
SHAPE_VALUES = (SH.property, SH.node, SH["not"], SH.qualifiedValueShape)

# things pySHACL's advanced mode or custom components would act on
REFUSED_TYPES = (
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
REFUSED_PREDICATES = (SH.rule, SH.target, SH.expression, SH.js)


def load_shapes() -> Graph:
    shapes = Graph()
    for path in shape_files():
        shapes.parse(path, format="turtle")
    return shapes


# --------------------------------------------------------------------------------------------
# The shapes graph
# --------------------------------------------------------------------------------------------


def refuse_graph_features(shapes: Graph) -> None:
    """pySHACL's advanced mode and custom constraint components act on these; we do not."""
    for kind in REFUSED_TYPES:
        for node in shapes.subjects(RDF.type, kind):
            if kind != SH.ConstraintComponent or not str(node).startswith(str(SH)):
                raise UnsupportedShape(node, f"a {short_term(kind)}")
    for sub in shapes.subjects(RDFS.subClassOf, SH.ConstraintComponent):
        for node in shapes.subjects(RDF.type, sub):
            raise UnsupportedShape(node, "a custom constraint component")
    for predicate in REFUSED_PREDICATES:
        for node in shapes.subjects(predicate, None):
            raise UnsupportedShape(node, short_term(predicate) or str(predicate))


def find_shapes(shapes: Graph) -> dict[Node, Node | None]:
    """Every shape pySHACL knows, with its sh:path (None for a node shape); see ShapesGraph._build_node_shape_cache."""
    found: set[Node] = set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(RDF.type, SH.PropertyShape))
    for predicate in (*TARGETS, SH.property, SH.node):
        found.update(shapes.subjects(predicate, None))
    for predicate in SHAPE_VALUES:
        found.update(shapes.objects(None, predicate))
    for predicate in SHAPE_LISTS:
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


def one_value(shapes: Graph, shape: Node, predicate: URIRef) -> Node | None:
    values = list(shapes.objects(shape, predicate))
    if len(values) > 1:
        raise UnsupportedShape(shape, f"more than one {short_term(predicate)}")
    return values[0] if values else None


def count_of(shapes: Graph, shape: Node, predicate: URIRef) -> int | None:
    value = one_value(shapes, shape, predicate)
    if value is None:
        return None
    if not (isinstance(value, Literal) and value.datatype == XSD.integer and isinstance(value.value, int)):
        raise UnsupportedShape(shape, f"{short_term(predicate)} that is not an xsd:integer")
    if value.value < 0:
        raise UnsupportedShape(shape, f"a negative {short_term(predicate)}")
    return value.value


def is_deactivated(shapes: Graph, node: Node) -> bool:
    value = one_value(shapes, node, SH.deactivated)
    if value is None:
        return False
    if not isinstance(value, Literal):
        raise UnsupportedShape(node, "sh:deactivated that is not a literal")
    return bool(value.value)


def shape_severity(shapes: Graph, shape: Node) -> URIRef:
    value = one_value(shapes, shape, SH.severity)
    if value is None:
        return SH.Violation
    if not isinstance(value, URIRef):
        raise UnsupportedShape(shape, "sh:severity that is not an IRI")
    return value


def shape_messages(shapes: Graph, shape: Node) -> tuple[Node, ...]:
    """A shape's sh:message; pySHACL keeps several in a set, whose order (and so the shown message) is random."""
    messages = tuple(shapes.objects(shape, SH.message))
    if len(messages) > 1:
        raise UnsupportedShape(shape, "more than one sh:message (pySHACL would pick one at random)")
    return messages


def implicit_class(shapes: Graph, shape: Node) -> bool:
    """pySHACL's Shape.implicit_class_targets (with the owl:Class triple it adds to the shapes graph)."""
    classes = {RDFS.Class, OWL.Class, *shapes.subjects(RDFS.subClassOf, RDFS.Class)}
    return any(t in classes for t in shapes.objects(shape, RDF.type))


def iri_text(shape: Node, node: Node, what: str) -> str:
    """An IRI of the shapes graph written into a query (checked by oxigraph, so it cannot break out)."""
    if not isinstance(node, URIRef):
        raise UnsupportedShape(shape, f"{what} that is not an IRI ({node_text(node)})")
    try:
        return str(iri(node))
    except ValueError as exc:
        raise UnsupportedShape(shape, f"{what} with an invalid IRI ({node})") from exc


def constant_text(shape: Node, node: Node, what: str) -> str:
    """An IRI or literal of the shapes graph written into a query, in the exact form the store keeps.

    Oxigraph stores some literals in canonical form ("1.0"^^xsd:decimal as "1", language tags in lower
    case) while rdflib compares lexical forms: such a constant would match different data terms than
    in pySHACL, so it is refused.
    """
    if isinstance(node, URIRef):
        return iri_text(shape, node, what)
    if not isinstance(node, Literal):
        raise UnsupportedShape(shape, f"{what} that is a blank node")
    term = to_ox(node)
    assert isinstance(term, ox.Literal)
    stored = stored_form(term)
    if stored != term or stored.value != str(node):
        raise UnsupportedShape(shape, f"{what} {node.n3()} (not in the canonical form the store keeps)")
    return str(term)
