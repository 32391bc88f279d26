"""The TBox: read from the ontology, closed as owlrl's scm-* rules close it, refused where the rules cannot follow."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD
from rdflib.term import Node

from coi_graph.compile.reason.vocabulary import (
    ANNOTATIONS,
    CHARACTERISTICS,
    DATA_AXIOMS,
    METACLASSES,
    OTHER_METACLASSES,
    PROPERTY_KINDS,
    SCHEMA_PREDICATES,
    UnsupportedAxiom,
    is_datatype_class,
    is_w3c,
)
from coi_graph.namespaces import ID

# ---------------------------------------------------------------------------------------------
# The TBox, closed as owlrl's scm-* rules close it
# ---------------------------------------------------------------------------------------------

Pair = tuple[Node, Node]


@dataclass
class Restriction:
    """An owl:someValuesFrom, owl:allValuesFrom or owl:hasValue restriction."""

    node: Node
    kind: URIRef
    properties: tuple[Node, ...]
    filler: Node


@dataclass
class TBox:
    """The schema part of the ontology, after owlrl's scm-* closure, as Python sets."""

    sub_class: set[Pair] = field(default_factory=set)
    equivalent_class: set[Pair] = field(default_factory=set)
    sub_property: set[Pair] = field(default_factory=set)
    equivalent_property: set[Pair] = field(default_factory=set)
    domain: set[Pair] = field(default_factory=set)
    range: set[Pair] = field(default_factory=set)
    classes: set[Node] = field(default_factory=set)
    properties: set[Node] = field(default_factory=set)
    inverse: set[Pair] = field(default_factory=set)
    characteristics: dict[Node, set[Node]] = field(default_factory=lambda: defaultdict(set))
    chains: list[tuple[Node, tuple[Node, ...]]] = field(default_factory=list)
    restrictions: list[Restriction] = field(default_factory=list)
    intersections: list[tuple[Node, tuple[Node, ...]]] = field(default_factory=list)
    unions: list[tuple[Node, tuple[Node, ...]]] = field(default_factory=list)
    complements: list[Pair] = field(default_factory=list)
    disjoint_pairs: list[Pair] = field(default_factory=list)
    disjoint_lists: list[tuple[Node, ...]] = field(default_factory=list)
    property_disjoint_pairs: list[Pair] = field(default_factory=list)
    property_disjoint_lists: list[tuple[Node, ...]] = field(default_factory=list)
    super_classes: dict[Node, set[Node]] = field(default_factory=dict)
    super_property_index: dict[Node, set[Node]] = field(default_factory=dict)

    def supers(self, node: Node) -> set[Node]:
        """The class itself and every superclass (what cax-sco gives its instances)."""
        return {node} | self.super_classes.get(node, set())

    def super_properties(self, node: Node) -> set[Node]:
        return self.super_property_index.get(node, set()) - {node}


def _items(graph: Graph, head: Node) -> tuple[Node, ...]:
    return tuple(graph.items(head))


def read_tbox(ontology: Graph) -> TBox:
    """The asserted schema, with what owlrl's one-time rules add (cls-thing, cls-nothing)."""
    t = TBox()
    t.classes = set(ontology.subjects(RDF.type, OWL.Class)) | {OWL.Thing, OWL.Nothing}
    t.properties = {s for kind in PROPERTY_KINDS for s in ontology.subjects(RDF.type, kind)}
    pairs = (
        (t.sub_class, RDFS.subClassOf),
        (t.equivalent_class, OWL.equivalentClass),
        (t.sub_property, RDFS.subPropertyOf),
        (t.equivalent_property, OWL.equivalentProperty),
        (t.domain, RDFS.domain),
        (t.range, RDFS.range),
        (t.inverse, OWL.inverseOf),
    )
    for target, predicate in pairs:
        target.update(ontology.subject_objects(predicate))
    for kind in CHARACTERISTICS:
        t.characteristics[kind] = set(ontology.subjects(RDF.type, kind))
    t.chains = [(s, _items(ontology, o)) for s, o in ontology.subject_objects(OWL.propertyChainAxiom)]
    for kind in (OWL.someValuesFrom, OWL.allValuesFrom, OWL.hasValue):
        for s, o in ontology.subject_objects(kind):
            t.restrictions.append(Restriction(s, kind, tuple(ontology.objects(s, OWL.onProperty)), o))
    t.intersections = [(s, _items(ontology, o)) for s, o in ontology.subject_objects(OWL.intersectionOf)]
    t.unions = [(s, _items(ontology, o)) for s, o in ontology.subject_objects(OWL.unionOf)]
    t.complements = list(ontology.subject_objects(OWL.complementOf))
    t.disjoint_pairs = list(ontology.subject_objects(OWL.disjointWith))
    t.property_disjoint_pairs = list(ontology.subject_objects(OWL.propertyDisjointWith))
    for node in ontology.subjects(RDF.type, OWL.AllDisjointClasses):
        t.disjoint_lists.extend(_items(ontology, m) for m in ontology.objects(node, OWL.members))
    for node in ontology.subjects(RDF.type, OWL.AllDisjointProperties):
        t.property_disjoint_lists.extend(_items(ontology, m) for m in ontology.objects(node, OWL.members))
    return t


def index_pairs(pairs: Iterable[Pair]) -> dict[Node, set[Node]]:
    forward: dict[Node, set[Node]] = defaultdict(set)
    for a, b in pairs:
        forward[a].add(b)
    return forward


def _scm_hierarchy(pairs: set[Pair], equivalent: set[Pair]) -> set[Pair]:
    """One round of scm-sco/scm-spo (transitive, never reflexive), scm-eqc2/eqp2 and scm-eqc/eqp."""
    new: set[Pair] = set()
    supers = index_pairs(pairs)
    for a, b in pairs:
        if a != b:
            new.update((a, c) for c in supers.get(b, ()) if c != a)
        if (b, a) in pairs:
            equivalent.add((a, b))
    for a, b in equivalent:
        if a != b:
            new.update({(a, b), (b, a)})
    return new - pairs


def _scm_domain_range(axioms: set[Pair], tbox: TBox) -> set[Pair]:
    """One round of scm-dom1/2 (or scm-rng1/2): lift to superclasses, pass down to subproperties."""
    supers = index_pairs(tbox.sub_class)
    subs = index_pairs((b, a) for a, b in tbox.sub_property)
    new: set[Pair] = set()
    for p, c in axioms:
        new.update((p, c2) for c2 in supers.get(c, ()) if c2 != c)
        new.update((p1, c) for p1 in subs.get(p, ()) if p1 != p)
    return new - axioms


def _scm_restriction_pair(r1: Restriction, r2: Restriction, tbox: TBox) -> set[Pair]:
    """scm-hv, scm-svf1/2, scm-avf1/2 for one ordered pair of restrictions."""
    found: set[Pair] = set()
    same_filler = r1.filler == r2.filler
    sub_filler = (r1.filler, r2.filler) in tbox.sub_class
    for p1 in r1.properties:
        for p2 in r2.properties:
            sub_property = (p1, p2) in tbox.sub_property
            has_value = r1.kind == OWL.hasValue and same_filler and sub_property
            some_values = r1.kind == OWL.someValuesFrom and (
                (p1 == p2 and sub_filler) or (same_filler and sub_property)
            )
            if has_value or some_values:
                found.add((r1.node, r2.node))
            elif r1.kind == OWL.allValuesFrom:
                if p1 == p2 and sub_filler:
                    found.add((r1.node, r2.node))
                if same_filler and sub_property:
                    found.add((r2.node, r1.node))
    return found


def _scm_restrictions(tbox: TBox) -> set[Pair]:
    found: set[Pair] = set()
    for r1 in tbox.restrictions:
        for r2 in tbox.restrictions:
            if r1.kind == r2.kind:
                found |= _scm_restriction_pair(r1, r2, tbox)
    return found - tbox.sub_class


def close_tbox(tbox: TBox) -> TBox:
    """Apply owlrl's scm-* rules to a fixpoint (in place; returned for convenience)."""
    for c in tbox.classes:  # scm-cls
        tbox.sub_class.update({(c, c), (c, OWL.Thing), (OWL.Nothing, c)})
        tbox.equivalent_class.add((c, c))
    for p in tbox.properties:  # scm-op, scm-dp
        tbox.sub_property.add((p, p))
        tbox.equivalent_property.add((p, p))
    for c, members in tbox.intersections:  # scm-int
        tbox.sub_class.update((c, m) for m in members)
    for c, members in tbox.unions:  # scm-uni
        tbox.sub_class.update((m, c) for m in members)
    while True:
        classes = _scm_hierarchy(tbox.sub_class, tbox.equivalent_class) | _scm_restrictions(tbox)
        props = _scm_hierarchy(tbox.sub_property, tbox.equivalent_property)
        domains = _scm_domain_range(tbox.domain, tbox)
        ranges = _scm_domain_range(tbox.range, tbox)
        if not (classes or props or domains or ranges):
            break
        tbox.sub_class |= classes
        tbox.sub_property |= props
        tbox.domain |= domains
        tbox.range |= ranges
    tbox.super_classes = index_pairs(tbox.sub_class)
    tbox.super_property_index = index_pairs(tbox.sub_property)
    return tbox


# ---------------------------------------------------------------------------------------------
# Inventory: refuse what the rules do not implement
# ---------------------------------------------------------------------------------------------


def inventory(ontology: Graph) -> list[str]:
    """The OWL and RDFS constructs the ontology uses, as sorted prefixed names.

    Raises UnsupportedAxiom for any RDF/RDFS/OWL predicate or metaclass the rules do not implement.
    """
    used: set[str] = set()
    supported_types = METACLASSES | OTHER_METACLASSES
    for _, p, o in ontology:
        if p == RDF.type and is_w3c(o):
            if o not in supported_types and not str(o).startswith(str(XSD)):
                raise UnsupportedAxiom(f"rdf:type {o} is not implemented by the fast reasoner")
            used.add(f"a {ontology.namespace_manager.normalizeUri(str(o))}")
        elif is_w3c(p) and p not in ANNOTATIONS and p not in (RDF.type, RDF.first, RDF.rest):
            if p not in SCHEMA_PREDICATES | DATA_AXIOMS:
                raise UnsupportedAxiom(f"{p} is not implemented by the fast reasoner")
            used.add(ontology.namespace_manager.normalizeUri(str(p)))
    return sorted(used)


def _property_terms(tbox: TBox) -> set[Node]:
    found: set[Node] = set(tbox.properties)
    for pairs in (tbox.sub_property, tbox.equivalent_property, tbox.inverse):
        found.update(x for pair in pairs for x in pair)
    found.update(p for p, _ in tbox.domain | tbox.range)
    for members in tbox.characteristics.values():
        found |= members
    for p, chain in tbox.chains:
        found.add(p)
        found.update(chain)
    for r in tbox.restrictions:
        found.update(r.properties)
    return found


def _check_properties(tbox: TBox) -> None:
    """Property expressions must be named, outside the data namespace, and not RDF/RDFS/OWL schema
    properties (axioms on those would make owlrl reason about the schema itself)."""
    for p in _property_terms(tbox):
        if not isinstance(p, URIRef):
            raise UnsupportedAxiom(f"property expression {p} (a blank node) is not implemented")
        if is_w3c(p) and p not in ANNOTATIONS:
            raise UnsupportedAxiom(f"an axiom about the schema property {p} is not implemented")
        if str(p).startswith(str(ID)):
            raise UnsupportedAxiom(f"schema term {p} lies in the data namespace {ID}")


def _check_classes(tbox: TBox) -> None:
    """Classes must not imply metaclasses (data nodes would become schema), lie in the data namespace,
    or be datatypes where the store would have to type literals."""
    for c in {x for pair in tbox.sub_class for x in pair}:
        if str(c).startswith(str(ID)):
            raise UnsupportedAxiom(f"schema term {c} lies in the data namespace {ID}")
        if c not in METACLASSES and tbox.supers(c) & METACLASSES:
            raise UnsupportedAxiom(f"class {c} implies a metaclass")
        if is_datatype_class(c) and any(not is_datatype_class(s) and s != OWL.Thing for s in tbox.supers(c)):
            raise UnsupportedAxiom(f"datatype {c} has a superclass")
    for p, c in tbox.domain | tbox.range:
        if tbox.supers(c) & METACLASSES:
            raise UnsupportedAxiom(f"domain or range {c} of {p} makes data nodes schema terms")
    for p, c in tbox.domain:
        if is_datatype_class(c):
            raise UnsupportedAxiom(f"datatype {c} as the domain of {p} is not implemented")
    read_by_rules = [c for pair in tbox.disjoint_pairs + tbox.complements for c in pair]
    read_by_rules += [c for members in tbox.disjoint_lists for c in members]
    read_by_rules += [c for _, members in tbox.intersections for c in members]
    read_by_rules += [r.filler for r in tbox.restrictions if r.kind != OWL.hasValue]
    for c in read_by_rules:
        if is_datatype_class(c):
            raise UnsupportedAxiom(f"class axiom or restriction on the datatype {c} is not implemented")


def _check_restrictions(ontology: Graph, tbox: TBox) -> None:
    for r in tbox.restrictions:
        if r.kind == OWL.hasValue and isinstance(r.filler, BNode):
            raise UnsupportedAxiom(f"owl:hasValue with a blank node value ({r.node}) is not implemented")
        if r.kind != OWL.hasValue and (r.filler, RDF.type, RDFS.Datatype) in ontology:
            raise UnsupportedAxiom(f"restriction on the datatype {r.filler} is not implemented")
        if r.kind == OWL.allValuesFrom and tbox.supers(r.filler) & METACLASSES:
            raise UnsupportedAxiom(f"owl:allValuesFrom {r.filler} makes data nodes schema terms")
    schema_terms = _property_terms(tbox) | {x for pair in tbox.sub_class for x in pair}
    for s, o in ontology.subject_objects(OWL.sameAs):
        if s in schema_terms or o in schema_terms:
            raise UnsupportedAxiom(f"owl:sameAs between schema terms ({s} = {o}) is not implemented")


def check_supported(ontology: Graph, tbox: TBox) -> None:
    """Raise UnsupportedAxiom for schema owlrl would read in a way the compiled rules do not follow."""
    _check_properties(tbox)
    _check_classes(tbox)
    _check_restrictions(ontology, tbox)
