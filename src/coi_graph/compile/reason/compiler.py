"""OWL 2 RL as compiled SPARQL rules: the TBox read and closed, the data rules generated, then run to a fixpoint
(the package docstring says how and why)."""

from __future__ import annotations

import logging
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import pyoxigraph as ox
from owlrl.AxiomaticTriples import OWLRL_Datatypes_Disjointness
from owlrl.DatatypeHandling import AltXSDToPYTHON
from owlrl.XsdDatatypes import OWL_Datatype_Subsumptions, OWL_RL_Datatypes
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD
from rdflib.term import Node

from coi_graph.compile.terms import RoundTrip, Unrepresentable
from coi_graph.namespaces import ID

log = logging.getLogger(__name__)

# ---------------------------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------------------------

_W3C = (str(RDF), str(RDFS), str(OWL), str(XSD))
_TRIVIAL_TYPES = frozenset({OWL.Thing, RDFS.Resource, OWL.NamedIndividual, RDFS.Class, OWL.Class})

# Predicates owlrl's rules never read (prp-ap only types them as annotation properties).
_ANNOTATIONS = frozenset(
    {
        RDFS.label,
        RDFS.comment,
        RDFS.seeAlso,
        RDFS.isDefinedBy,
        OWL.versionInfo,
        OWL.versionIRI,
        OWL.priorVersion,
        OWL.backwardCompatibleWith,
        OWL.incompatibleWith,
        OWL.deprecated,
        OWL.imports,
    }
)
# Schema predicates the compiled rules implement.
_SCHEMA_PREDICATES = frozenset(
    {
        RDFS.subClassOf,
        RDFS.subPropertyOf,
        RDFS.domain,
        RDFS.range,
        OWL.equivalentClass,
        OWL.equivalentProperty,
        OWL.inverseOf,
        OWL.propertyChainAxiom,
        OWL.disjointWith,
        OWL.propertyDisjointWith,
        OWL.members,
        OWL.intersectionOf,
        OWL.unionOf,
        OWL.complementOf,
        OWL.someValuesFrom,
        OWL.allValuesFrom,
        OWL.hasValue,
        OWL.onProperty,
    }
)
# Predicates whose axioms are data (individuals), handled at run time.
_DATA_AXIOMS = frozenset(
    {
        OWL.sameAs,
        OWL.differentFrom,
        OWL.sourceIndividual,
        OWL.assertionProperty,
        OWL.targetIndividual,
        OWL.targetValue,
    }
)
# Schema predicates owlrl has rules for that this module does not implement: data using them is refused.
_UNIMPLEMENTED_PREDICATES = frozenset(
    {OWL.hasKey, OWL.maxCardinality, OWL.maxQualifiedCardinality, OWL.oneOf, OWL.onClass, OWL.distinctMembers}
)
_PROPERTY_KINDS = frozenset({OWL.ObjectProperty, OWL.DatatypeProperty, RDF.Property})
_CHARACTERISTICS = frozenset(
    {
        OWL.TransitiveProperty,
        OWL.SymmetricProperty,
        OWL.AsymmetricProperty,
        OWL.IrreflexiveProperty,
        OWL.FunctionalProperty,
        OWL.InverseFunctionalProperty,
    }
)
# Typing a node with one of these makes owlrl read it as schema.
_METACLASSES = _PROPERTY_KINDS | _CHARACTERISTICS | {OWL.Class, OWL.AllDisjointClasses, OWL.AllDisjointProperties}
_OTHER_METACLASSES = frozenset(
    {
        RDFS.Class,
        OWL.AnnotationProperty,
        OWL.Ontology,
        OWL.NamedIndividual,
        OWL.Restriction,
        OWL.NegativePropertyAssertion,
        OWL.Thing,
        OWL.Nothing,
        RDFS.Datatype,
        RDF.List,
    }
)

_OWLRL_DATATYPES = frozenset(str(d) for d in OWL_RL_Datatypes)
_SUBSUMPTIONS: Mapping[str, tuple[str, ...]] = {
    str(k): tuple(str(v) for v in vs) for k, vs in OWL_Datatype_Subsumptions.items()
}
_DATATYPE_DISJOINTNESS = tuple((str(a), str(b)) for a, _, b in OWLRL_Datatypes_Disjointness)
# rdflib gives plain and language-tagged literals no datatype, so owlrl does not type them; the store does.
_PLAIN = frozenset({str(XSD.string), str(RDF.langString)})

_SAME_AS = f"<{OWL.sameAs}>"
_TYPE = f"<{RDF.type}>"
_NOTHING = str(OWL.Nothing)
_SKOLEM = "urn:coi-graph:reason:class:"
_MARK = "\x00"  # delimits placeholders in rule text; validated IRIs and literals never contain NUL


class Unsupported(Exception):
    """The fast reasoner cannot guarantee owlrl's result for this input: use owlrl instead."""


class UnsupportedAxiom(Unsupported):
    """The ontology (or data acting as schema) uses an axiom type the compiled rules do not implement."""


class UnsupportedData(Unsupported):
    """owlrl would read the data in a way the store cannot represent (e.g. make a literal a subject)."""


def _is_w3c(node: Node) -> bool:
    return isinstance(node, URIRef) and str(node).startswith(_W3C)


def _is_datatype_class(node: Node | str) -> bool:
    """A W3C datatype (or rdfs:Literal): its instances are literals, whose types the store cannot hold."""
    text = str(node)
    return text in _OWLRL_DATATYPES or text.startswith(str(XSD)) or text == str(RDFS.Literal)


# ---------------------------------------------------------------------------------------------
# SPARQL text
# ---------------------------------------------------------------------------------------------

_FORBIDDEN_IN_IRI = frozenset('<>"{}|^`\\')


def _iri(value: str) -> str:
    """``<value>`` for SPARQL, refusing anything that could break out of the IRI."""
    if not value or any(c in _FORBIDDEN_IN_IRI or ord(c) <= 0x20 for c in value):
        raise UnsupportedAxiom(f"IRI {value!r} cannot be written safely into a SPARQL rule")
    return f"<{value}>"


def _values(variables: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    heads = " ".join(f"?{v}" for v in variables)
    body = " ".join("(" + " ".join(row) + ")" for row in rows)
    return f"VALUES ({heads}) {{ {body} }}"


def _placeholder(name: str) -> str:
    return f"{_MARK}{name}{_MARK}"


# Filled by infer with the graphs of one run: the source of a table rule, everything a rule may read
# (data, output, scratch and delta graphs), everything but the delta, the data graphs, the data with
# what joining rules derived (whose expansions the lifted tables cover), and the written graphs.
SRC, READ, ALL, DATA, VALUES, OUT, EXTRA, DELTA, JOINED, EQ = map(
    _placeholder, ("SRC", "READ", "ALL", "DATA", "VALUES", "OUT", "EXTRA", "DELTA", "JOINED", "EQ")
)


def _match(*patterns: str, graphs: str = READ) -> str:
    """Triple patterns matched in any of ``graphs``, each on its own (a join may cross graphs)."""
    return " ".join(f"GRAPH ?g{i} {{ {pattern} }} FILTER(?g{i} IN ({graphs}))" for i, pattern in enumerate(patterns))


def _absent(pattern: str) -> str:
    """Keep a solution only if ``pattern`` does not hold yet (one lookup per solution)."""
    return f"FILTER NOT EXISTS {{ GRAPH ?h {{ {pattern} }} FILTER(?h IN ({READ})) }}"


def _minus(pattern: str, values: str) -> str:
    """Keep a solution only if ``pattern`` does not hold yet (one anti-join over what ``values`` allows)."""
    return f"MINUS {{ {values} GRAPH ?h {{ {pattern} }} FILTER(?h IN ({READ})) }}"


def _kept_subject(var: str) -> str:
    return f'(isIRI(?{var}) && STRSTARTS(STR(?{var}), "{ID}"))'


def _kept_property(s: str, p: str, o: str) -> str:
    """reason._keep for a triple whose predicate is not rdf:type (a skolemised class is a blank node)."""
    blank = f'(isBlank(?{o}) || STRSTARTS(STR(?{o}), "{_SKOLEM}"))'
    return f"({_kept_subject(s)} && !{blank} && !(sameTerm(?{p}, {_SAME_AS}) && sameTerm(?{s}, ?{o})))"


def _trivial_class(var: str) -> str:
    prefixes = " || ".join(f'STRSTARTS(STR(?{var}), "{ns}")' for ns in _W3C)
    trivial = ", ".join(_iri(str(t)) for t in sorted(_TRIVIAL_TYPES))
    return f"(isIRI(?{var}) && (?{var} IN ({trivial}) || {prefixes}))"


def _kept(s: str, p: str, o: str) -> str:
    """reason._keep in SPARQL, for any triple."""
    return f"({_kept_property(s, p, o)} && !(sameTerm(?{p}, {_TYPE}) && {_trivial_class(o)}))"


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
    t.properties = {s for kind in _PROPERTY_KINDS for s in ontology.subjects(RDF.type, kind)}
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
    for kind in _CHARACTERISTICS:
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


def _index(pairs: Iterable[Pair]) -> dict[Node, set[Node]]:
    forward: dict[Node, set[Node]] = defaultdict(set)
    for a, b in pairs:
        forward[a].add(b)
    return forward


def _scm_hierarchy(pairs: set[Pair], equivalent: set[Pair]) -> set[Pair]:
    """One round of scm-sco/scm-spo (transitive, never reflexive), scm-eqc2/eqp2 and scm-eqc/eqp."""
    new: set[Pair] = set()
    supers = _index(pairs)
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
    supers = _index(tbox.sub_class)
    subs = _index((b, a) for a, b in tbox.sub_property)
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
    tbox.super_classes = _index(tbox.sub_class)
    tbox.super_property_index = _index(tbox.sub_property)
    return tbox


# ---------------------------------------------------------------------------------------------
# Inventory: refuse what the rules do not implement
# ---------------------------------------------------------------------------------------------


def inventory(ontology: Graph) -> list[str]:
    """The OWL and RDFS constructs the ontology uses, as sorted prefixed names.

    Raises UnsupportedAxiom for any RDF/RDFS/OWL predicate or metaclass the rules do not implement.
    """
    used: set[str] = set()
    supported_types = _METACLASSES | _OTHER_METACLASSES
    for _, p, o in ontology:
        if p == RDF.type and _is_w3c(o):
            if o not in supported_types and not str(o).startswith(str(XSD)):
                raise UnsupportedAxiom(f"rdf:type {o} is not implemented by the fast reasoner")
            used.add(f"a {ontology.namespace_manager.normalizeUri(str(o))}")
        elif _is_w3c(p) and p not in _ANNOTATIONS and p not in (RDF.type, RDF.first, RDF.rest):
            if p not in _SCHEMA_PREDICATES | _DATA_AXIOMS:
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
        if _is_w3c(p) and p not in _ANNOTATIONS:
            raise UnsupportedAxiom(f"an axiom about the schema property {p} is not implemented")
        if str(p).startswith(str(ID)):
            raise UnsupportedAxiom(f"schema term {p} lies in the data namespace {ID}")


def _check_classes(tbox: TBox) -> None:
    """Classes must not imply metaclasses (data nodes would become schema), lie in the data namespace,
    or be datatypes where the store would have to type literals."""
    for c in {x for pair in tbox.sub_class for x in pair}:
        if str(c).startswith(str(ID)):
            raise UnsupportedAxiom(f"schema term {c} lies in the data namespace {ID}")
        if c not in _METACLASSES and tbox.supers(c) & _METACLASSES:
            raise UnsupportedAxiom(f"class {c} implies a metaclass")
        if _is_datatype_class(c) and any(not _is_datatype_class(s) and s != OWL.Thing for s in tbox.supers(c)):
            raise UnsupportedAxiom(f"datatype {c} has a superclass")
    for p, c in tbox.domain | tbox.range:
        if tbox.supers(c) & _METACLASSES:
            raise UnsupportedAxiom(f"domain or range {c} of {p} makes data nodes schema terms")
    for p, c in tbox.domain:
        if _is_datatype_class(c):
            raise UnsupportedAxiom(f"datatype {c} as the domain of {p} is not implemented")
    read_by_rules = [c for pair in tbox.disjoint_pairs + tbox.complements for c in pair]
    read_by_rules += [c for members in tbox.disjoint_lists for c in members]
    read_by_rules += [c for _, members in tbox.intersections for c in members]
    read_by_rules += [r.filler for r in tbox.restrictions if r.kind != OWL.hasValue]
    for c in read_by_rules:
        if _is_datatype_class(c):
            raise UnsupportedAxiom(f"class axiom or restriction on the datatype {c} is not implemented")


def _check_restrictions(ontology: Graph, tbox: TBox) -> None:
    for r in tbox.restrictions:
        if r.kind == OWL.hasValue and isinstance(r.filler, BNode):
            raise UnsupportedAxiom(f"owl:hasValue with a blank node value ({r.node}) is not implemented")
        if r.kind != OWL.hasValue and (r.filler, RDF.type, RDFS.Datatype) in ontology:
            raise UnsupportedAxiom(f"restriction on the datatype {r.filler} is not implemented")
        if r.kind == OWL.allValuesFrom and tbox.supers(r.filler) & _METACLASSES:
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


# ---------------------------------------------------------------------------------------------
# Violations and checks
# ---------------------------------------------------------------------------------------------

OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal


def _show(term: OxTerm) -> str:
    return term.value


_MESSAGES: Mapping[str, Callable[[tuple[str, ...], list[str]], str]] = {
    "cax-dw": lambda a, n: f"Disjoint classes {a[0]} and {a[1]} have a common individual {n[0]}",
    "cls-com": lambda a, n: f"Violation of complementarity for classes {a[0]} and {a[1]} on element {a[1]}",
    "cls-nothing2": lambda a, n: f"{n[0]} is defined of type 'Nothing'",
    "prp-irp": lambda a, n: f"Irreflexive property used on {n[0]} with {a[0]}",
    "prp-asyp": lambda a, n: f"Erroneous usage of asymmetric property {a[0]} on {n[0]} and {n[1]}",
    "prp-pdw": lambda a, n: f"Erroneous usage of disjoint properties {a[0]} and {a[1]} on {n[0]} and {n[1]}",
    "prp-adp": lambda a, n: (
        "Disjoint properties in an 'AllDisjointProperties' are not really disjoint: "
        f"({n[0]}, {a[0]},{n[1]}) and ({n[0]},{a[1]},{n[1]})"
    ),
    "prp-npa1": lambda a, n: f"Negative (object) property assertion violated for: ({n[0]}, {a[0]}, {n[1]})",
    "prp-npa2": lambda a, n: f"Negative (datatype) property assertion violated for: ({n[0]}, {a[0]}, {n[1]})",
    "eq-diff1": lambda a, n: (
        f"'sameAs' and 'differentFrom' cannot be used on the same subject-object pair: ({n[0]}, {n[1]})"
    ),
    "dt-not-type": lambda a, n: f"Lexical value of the literal '{n[0]}' does not match its datatype ({a[0]})",
}


@dataclass(frozen=True)
class Violation:
    """An inconsistency: the OWL 2 RL rule, the axiom's terms as owlrl prints them, the offending nodes."""

    rule: str
    axiom: tuple[str, ...]
    nodes: tuple[OxTerm, ...]

    def render(self, show: Callable[[OxTerm], str] = _show) -> str:
        """owlrl's message (owlrl prints terms with str(): IRIs, blank node ids, lexical forms)."""
        return _MESSAGES[self.rule](self.axiom, [show(n) for n in self.nodes])


@dataclass(frozen=True)
class ClassCheck:
    """A check on the types of one node: cax-dw/cax-adc (``disjoint``), cls-com or cls-nothing2."""

    kind: str
    members: tuple[str, ...]  # the classes as the store names them (blank-node classes skolemised)
    labels: tuple[str, ...]  # the same classes as owlrl prints them

    def violations(self, node: OxTerm, types: set[str] | frozenset[str]) -> list[Violation]:
        if self.kind == "nothing":
            return [Violation("cls-nothing2", (), (node,))] if self.members[0] in types else []
        if self.kind == "complement":
            both = self.members[0] in types and self.members[1] in types
            return [Violation("cls-com", self.labels, ())] if both else []
        found = []
        for i in range(len(self.members) - 1):  # owlrl's cax-adc: every pair in list order
            for j in range(i + 1, len(self.members)):
                if self.members[i] in types and self.members[j] in types:
                    found.append(Violation("cax-dw", (self.labels[i], self.labels[j]), (node,)))
        return found


@dataclass(frozen=True)
class PropertyCheck:
    """prp-irp, prp-asyp, prp-pdw or prp-adp: a SELECT of the offending (?x, ?y) pairs."""

    rule: str
    query: str
    labels: tuple[str, ...]


# ---------------------------------------------------------------------------------------------
# The compiled program
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """One SPARQL update: the OWL 2 RL rules it implements, and its text with graph placeholders.

    ``bulk`` is the same rule for the first pass over all the data: it drops what already holds with
    one anti-join (MINUS) instead of a lookup per conclusion, which pays off only on large inputs."""

    name: str
    text: str
    bulk: str = ""


@dataclass(frozen=True)
class RuleSet:
    """The compiled program for one ontology.

    ``expand`` and ``types`` are the tables, run once over the data and then over each round's
    delta; ``closure`` and ``equality`` are the joining rules that write the delta. The rest feeds
    the guards, the checks, and the typing of literals that happens in Python.
    """

    constructs: tuple[str, ...]
    expand: tuple[Rule, ...]
    types: tuple[Rule, ...]
    closure: tuple[Rule, ...]
    equality: tuple[Rule, ...]
    move_delta: str
    guards: tuple[tuple[str, str], ...]
    class_checks: tuple[ClassCheck, ...]
    property_checks: tuple[PropertyCheck, ...]
    schema: Mapping[tuple[str, str, str], int]
    supers: Mapping[str, frozenset[str]]
    ranges: Mapping[str, frozenset[str]]
    value_ranges: Mapping[str, frozenset[str]]
    has_equality: bool

    def rules(self) -> list[Rule]:
        """Every SPARQL rule of the program, for inspection."""
        return [*self.expand, *self.types, *self.closure, *self.equality]


def compile_rules(ontology: Graph) -> RuleSet:
    """Read the ontology's axioms and generate the rules that matter for data resources.

    Raises UnsupportedAxiom if the ontology uses an axiom type the rules do not implement.
    """
    constructs = inventory(ontology)
    tbox = close_tbox(read_tbox(ontology))
    check_supported(ontology, tbox)
    return _Compiler(ontology, tbox).compile(tuple(constructs))


def _skolemise(tbox: TBox) -> dict[Node, str]:
    """Name the blank-node classes (restrictions, anonymous class expressions) so types can be stored."""
    nodes: set[Node] = {r.node for r in tbox.restrictions} | {x for pair in tbox.sub_class for x in pair}
    blank = sorted((n for n in nodes if isinstance(n, BNode)), key=str)
    return {n: f"{_SKOLEM}{i}" for i, n in enumerate(blank)}


def _schema_signatures(ontology: Graph) -> dict[tuple[str, str, str], int]:
    """The ontology's schema triples as counted signatures (see _signature)."""
    counts: dict[tuple[str, str, str], int] = defaultdict(int)
    for s, p, o in ontology:
        if p in _SCHEMA_PREDICATES | _UNIMPLEMENTED_PREDICATES or (p == RDF.type and o in _METACLASSES):
            counts[_signature(str(s), isinstance(s, BNode), str(p), str(o), isinstance(o, BNode))] += 1
    return dict(counts)


def _signature(s: str, s_blank: bool, p: str, o: str, o_blank: bool) -> tuple[str, str, str]:
    """A schema triple with its blank nodes made anonymous: their ids differ between rdflib and the
    store, so restrictions and lists are compared by how many of each shape there are."""
    return ("_" if s_blank else s, p, "_" if o_blank else o)


class _Compiler:
    """Turns the closed TBox into SPARQL text and tables (one instance per compile_rules call)."""

    def __init__(self, ontology: Graph, tbox: TBox) -> None:
        self.ontology = ontology
        self.tbox = tbox
        self.skolem = _skolemise(tbox)
        self.inverse = _index([*tbox.inverse, *((b, a) for a, b in tbox.inverse)])
        self.expansion = {p: self._expansion(p) for p in self._properties()}
        self.relevant = frozenset(self.key(n) for n in self._relevant())

    # -- naming -------------------------------------------------------------------------------------

    def key(self, node: Node) -> str:
        """How the store names a class or property: its IRI, or the skolem IRI of a blank node."""
        return self.skolem.get(node, str(node))

    def sparql(self, node: Node) -> str:
        """An ontology term as SPARQL text: IRIs and skolemised classes as IRIs, literals in N3."""
        if isinstance(node, Literal):
            text = node.n3()
            if _MARK in text:
                raise UnsupportedAxiom(f"literal {text!r} cannot be written into a SPARQL rule")
            return text
        if isinstance(node, BNode) and node not in self.skolem:
            raise UnsupportedAxiom(f"blank node {node} used where a named term is needed")
        return _iri(self.key(node))

    @staticmethod
    def output_class(node: Node) -> bool:
        """Would reason._keep keep ``?x rdf:type node`` for a data resource ?x?"""
        return isinstance(node, URIRef) and node not in _TRIVIAL_TYPES and not str(node).startswith(_W3C)

    def materialised(self, node: Node) -> bool:
        """Types to this class are stored: they are output, or a rule or check reads them."""
        return self.output_class(node) or self.key(node) in self.relevant

    def closed(self, classes: Iterable[Node]) -> set[Node]:
        return {s for c in classes for s in self.tbox.supers(c)}

    # -- what rules and checks read ----------------------------------------------------------------

    def _relevant(self) -> set[Node]:
        t = self.tbox
        nodes: set[Node] = {OWL.Nothing}
        nodes.update(c for pair in t.disjoint_pairs + t.complements for c in pair)
        nodes.update(c for members in t.disjoint_lists for c in members)
        nodes.update(c for _, members in t.intersections for c in members)
        for r in t.restrictions:
            if r.kind == OWL.someValuesFrom and r.filler != OWL.Thing:
                nodes.add(r.filler)
            if r.kind in (OWL.allValuesFrom, OWL.hasValue):
                nodes.add(r.node)
        return {n for n in nodes if not _is_datatype_class(n)}

    # -- property expansion: prp-spo1, prp-eqp1/2, prp-inv1/2, prp-symp -----------------------------

    def _properties(self) -> set[Node]:
        t = self.tbox
        found = {a for a, _ in t.sub_property} | set(self.inverse) | t.characteristics[OWL.SymmetricProperty]
        return found | {p for p, _ in t.domain | t.range}

    def _expansion(self, prop: Node) -> set[tuple[Node, bool]]:
        """Every (property, same direction?) that a triple of ``prop`` implies by spo/eqp/inv/symp, closed."""
        symmetric = self.tbox.characteristics[OWL.SymmetricProperty]
        seen: set[tuple[Node, bool]] = {(prop, True)}
        todo = [(prop, True)]
        while todo:
            p, forward = todo.pop()
            implied = {(q, forward) for q in self.tbox.super_properties(p)}
            implied |= {(q, not forward) for q in self.inverse.get(p, ())}
            if p in symmetric:
                implied.add((p, not forward))
            for item in implied - seen:
                seen.add(item)
                todo.append(item)
        return seen

    def expand_rules(self) -> tuple[tuple[Rule, ...], tuple[tuple[str, str], ...]]:
        forward: list[tuple[str, str]] = []
        backward: list[tuple[str, str]] = []
        for p, items in sorted(self.expansion.items(), key=lambda kv: str(kv[0])):
            for q, same in sorted(items, key=lambda i: (str(i[0]), i[1])):
                if (q, same) != (p, True):
                    (forward if same else backward).append((self.sparql(p), self.sparql(q)))
        if not forward and not backward:
            return (), ()
        branches = []
        if forward:
            branches.append(f"{{ {_values(('in', 'p'), forward)} {_match('?s ?in ?o', graphs=SRC)} }}")
        if backward:
            branches.append(f"{{ {_values(('in', 'p'), backward)} {_match('?o ?in ?s', graphs=SRC)} }}")
        head = "INSERT { GRAPH ?out { ?s ?p ?o } } WHERE { " + " UNION ".join(branches) + " FILTER(!isLiteral(?s)) "
        tail = f" BIND(IF({_kept_property('s', 'p', 'o')}, {OUT}, {EXTRA}) AS ?out) }}"
        targets = " ".join(sorted({row[1] for row in forward + backward}))
        text = head + _absent("?s ?p ?o") + tail
        bulk = head + _minus("?s ?p ?o", f"VALUES ?p {{ {targets} }}") + tail
        guards: tuple[tuple[str, str], ...] = ()
        if backward:
            props = " ".join(sorted({row[0] for row in backward}))
            query = f"ASK {{ VALUES ?in {{ {props} }} {_match('?s ?in ?o', graphs=ALL)} FILTER(isLiteral(?o)) }}"
            guards = ((query, "a literal is the value of an inverse or symmetric property"),)
        return (Rule("prp-spo1 prp-eqp1/2 prp-inv1/2 prp-symp (expansion table)", text, bulk),), guards

    # -- typing: cax-sco, cax-eqc, prp-dom, prp-rng, cls-int2, cls-uni, lifted through the expansion --

    def _typing_groups(self) -> dict[str, dict[frozenset[Node], list[Node]]]:
        """For each kind of source (type, subject, object), the sources grouped by the classes they give."""
        domains, ranges = _index(self.tbox.domain), _index(self.tbox.range)
        groups: dict[str, dict[frozenset[Node], list[Node]]] = {k: defaultdict(list) for k in ("sco", "dom", "rng")}
        for c in {a for a, _ in self.tbox.sub_class}:
            given = frozenset(s for s in self.tbox.supers(c) - {c} if self.materialised(s))
            if given:
                groups["sco"][given].append(c)
        for p, items in self.expansion.items():
            subject: set[Node] = set()
            obj: set[Node] = set()
            for q, same in items:
                subject |= domains.get(q, set()) if same else ranges.get(q, set())
                obj |= ranges.get(q, set()) if same else domains.get(q, set())
            for kind, classes in (("dom", subject), ("rng", obj)):
                given = frozenset(c for c in self.closed(classes) if self.materialised(c))
                if given:
                    groups[kind][given].append(p)
        return groups

    def type_rules(self) -> tuple[Rule, ...]:
        patterns = {
            "sco": ("cax-sco cax-eqc cls-int2 cls-uni", f"?x {_TYPE} ?in", ""),
            "dom": ("prp-dom", "?x ?in ?y", ""),
            "rng": ("prp-rng", "?y ?in ?x", "FILTER(!isLiteral(?x))"),
        }
        rules = []
        for kind, groups in self._typing_groups().items():
            name, pattern, extra = patterns[kind]
            for classes, sources in sorted(groups.items(), key=lambda kv: sorted(map(str, kv[1]))):
                ins = " ".join(sorted(self.sparql(s) for s in sources))
                select = f"SELECT DISTINCT ?x WHERE {{ VALUES ?in {{ {ins} }} {_match(pattern, graphs=SRC)} {extra} }}"
                rows = self.type_rows(classes)
                text, bulk = _typing_insert(select, rows, False), _typing_insert(select, rows, True)
                rules.append(Rule(f"{name} ({len(sources)} sources, {len(classes)} classes)", text, bulk))
        return tuple(rules)

    def type_rows(self, classes: Iterable[Node]) -> list[tuple[str, str, str]]:
        """VALUES rows (class, output?, read by a rule or check?) for the stored classes."""
        rows = []
        for c in sorted(set(classes), key=str):
            if self.materialised(c):
                out = "true" if self.output_class(c) else "false"
                rows.append((self.sparql(c), out, "true" if self.key(c) in self.relevant else "false"))
        return rows

    def value_ranges(self) -> dict[str, frozenset[str]]:
        """The classes a property's value gets from the ranges of the property and of everything it
        expands to in the same direction (the types owlrl gives a literal value, closed)."""
        ranges = _index(self.tbox.range)
        found = {}
        for p, items in self.expansion.items():
            classes = self.closed(c for q, same in items if same for c in ranges.get(q, ()))
            if classes:
                found[self.key(p)] = frozenset(map(self.key, classes))
        return found

    # -- joining rules, writing the delta: prp-trp, prp-spo2, cls-*, prp-fp, prp-ifp ------------------

    def closure_rules(self) -> tuple[Rule, ...]:
        rules = []
        for p in sorted(self.tbox.characteristics[OWL.TransitiveProperty], key=str):
            q = self.sparql(p)
            rules.append(_delta_rule("prp-trp", "?x", q, "?z", [f"?x {q} ?y", f"?y {q} ?z"]))
        for p, chain in self.tbox.chains:
            if chain:
                steps = [f"?x{i} {self.sparql(q)} ?x{i + 1}" for i, q in enumerate(chain)]
                rules.append(_delta_rule("prp-spo2", "?x0", self.sparql(p), f"?x{len(chain)}", steps))
        for c, members in self.tbox.intersections:
            if members:
                patterns = [f"?y {_TYPE} {self.sparql(m)}" for m in members]
                rules.append(self._types_to_delta("cls-int1", "y", patterns, "", [c]))
        for r in self.tbox.restrictions:
            rules.extend(self._restriction(r))
        for p in sorted(self.tbox.characteristics[OWL.FunctionalProperty], key=str):
            q = self.sparql(p)
            patterns = [f"?x {q} ?a", f"?x {q} ?b"]
            rules.append(_delta_rule("prp-fp", "?a", _SAME_AS, "?b", patterns, "!sameTerm(?a, ?b)"))
        for p in sorted(self.tbox.characteristics[OWL.InverseFunctionalProperty], key=str):
            q = self.sparql(p)
            patterns = [f"?a {q} ?y", f"?b {q} ?y"]
            rules.append(_delta_rule("prp-ifp", "?a", _SAME_AS, "?b", patterns, "!sameTerm(?a, ?b)"))
        return tuple(rules)

    def _types_to_delta(self, name: str, var: str, patterns: list[str], condition: str, classes: list[Node]) -> Rule:
        """A rule concluding ``?var rdf:type C`` (with C's superclasses) into the delta graph."""
        rows = self.type_rows(self.closed(classes))
        keep = f"FILTER(({_kept_subject(var)} && ?o) || ?r || {EQ})" + (f" FILTER({condition})" if condition else "")
        text = (
            f"INSERT {{ GRAPH {DELTA} {{ ?{var} {_TYPE} ?c }} }} WHERE {{ {_match(*patterns)} "
            f"{_values(('c', 'o', 'r'), rows)} {keep} {_absent(f'?{var} {_TYPE} ?c')} }}"
        )
        return Rule(name, text)

    def _restriction(self, r: Restriction) -> list[Rule]:
        rules = []
        for prop in r.properties:
            p = self.sparql(prop)
            if r.kind == OWL.someValuesFrom:
                patterns = [f"?u {p} ?v"] + ([] if r.filler == OWL.Thing else [f"?v {_TYPE} {self.sparql(r.filler)}"])
                rules.append(self._types_to_delta("cls-svf1/2", "u", patterns, "", [r.node]))
            elif r.kind == OWL.hasValue:
                value = self.sparql(r.filler)
                rules.append(self._types_to_delta("cls-hv2", "u", [f"?u {p} {value}"], "", [r.node]))
                rules.append(_delta_rule("cls-hv1", "?u", p, value, [f"?u {_TYPE} {self.sparql(r.node)}"]))
            else:
                patterns = [f"?u {_TYPE} {self.sparql(r.node)}", f"?u {p} ?v"]
                rules.append(self._types_to_delta("cls-avf", "v", patterns, "!isLiteral(?v)", [r.filler]))
        return rules

    @staticmethod
    def equality_rules() -> tuple[Rule, ...]:
        """eq-sym, eq-trans, eq-rep-s/p/o; run only when the data or prp-fp/ifp make owl:sameAs."""
        same, differ = f"?x {_SAME_AS} ?y", "!sameTerm(?x, ?y)"
        return (
            _delta_rule("eq-sym", "?y", _SAME_AS, "?x", [same]),
            _delta_rule("eq-trans", "?x", _SAME_AS, "?z", [same, f"?y {_SAME_AS} ?z"]),
            _delta_rule("eq-rep-s", "?y", "?p", "?o", [same, "?x ?p ?o"], differ),
            _delta_rule("eq-rep-p", "?s", "?y", "?o", [same, "?s ?x ?o"], differ),
            _delta_rule("eq-rep-o", "?s", "?p", "?y", [same, "?s ?p ?x"], differ),
        )

    # -- guards: where owlrl would type or equate literals, which the store cannot follow -------------

    def guards(self) -> list[tuple[str, str]]:
        found = []
        literal_valued: set[Node] = set()
        for r in self.tbox.restrictions:
            if r.kind == OWL.allValuesFrom:
                for prop in r.properties:
                    patterns = [f"?u {_TYPE} {self.sparql(r.node)}", f"?u {self.sparql(prop)} ?v"]
                    query = f"ASK {{ {_match(*patterns, graphs=ALL)} FILTER(isLiteral(?v)) }}"
                    found.append((query, f"owl:allValuesFrom on {prop} would type a literal"))
            elif r.kind == OWL.someValuesFrom and r.filler != OWL.Thing:
                literal_valued.update(r.properties)
        for p in sorted(self.tbox.characteristics[OWL.FunctionalProperty], key=str):
            q = self.sparql(p)
            condition = "!sameTerm(?a, ?b) && (isLiteral(?a) || isLiteral(?b))"
            query = f"ASK {{ {_match(f'?x {q} ?a', f'?x {q} ?b', graphs=ALL)} FILTER({condition}) }}"
            found.append((query, f"prp-fp on {p} would make a literal owl:sameAs another value"))
        members = {self.key(m) for _, ms in self.tbox.intersections for m in ms}
        literal_valued |= {p for p, cs in _index(self.tbox.range).items() if {self.key(c) for c in cs} & members}
        if literal_valued:
            props = " ".join(sorted(self.sparql(p) for p in literal_valued))
            query = f"ASK {{ VALUES ?p {{ {props} }} {_match('?s ?p ?v', graphs=ALL)} FILTER(isLiteral(?v)) }}"
            found.append((query, "a literal value where owlrl would type it or make it owl:sameAs (svf, int, fp)"))
        return found

    # -- checks -------------------------------------------------------------------------------------

    def class_checks(self) -> tuple[ClassCheck, ...]:
        checks = [ClassCheck("nothing", (_NOTHING,), (_NOTHING,))]
        for a, b in self.tbox.disjoint_pairs:
            checks.append(ClassCheck("disjoint", (self.key(a), self.key(b)), (str(a), str(b))))
        for members in self.tbox.disjoint_lists:
            if members:
                checks.append(ClassCheck("disjoint", tuple(map(self.key, members)), tuple(map(str, members))))
        for a, b in self.tbox.complements:
            checks.append(ClassCheck("complement", (self.key(a), self.key(b)), (str(a), str(b))))
        return tuple(checks)

    def property_checks(self) -> tuple[PropertyCheck, ...]:
        t = self.tbox
        found = []
        for p in sorted(t.characteristics[OWL.IrreflexiveProperty], key=str):
            found.append(PropertyCheck("prp-irp", _pairs([f"?x {self.sparql(p)} ?y"], "sameTerm(?x, ?y)"), (str(p),)))
        for p in sorted(t.characteristics[OWL.AsymmetricProperty], key=str):
            q = self.sparql(p)
            found.append(PropertyCheck("prp-asyp", _pairs([f"?x {q} ?y", f"?y {q} ?x"]), (str(p),)))
        pairs = list(t.property_disjoint_pairs)
        for members in t.property_disjoint_lists:
            for i in range(len(members) - 1):
                for j in range(i + 1, len(members) - 1):  # owlrl's bound: the last property is never compared
                    pairs.append((members[i], members[j]))
        n_pdw = len(t.property_disjoint_pairs)
        for index, (a, b) in enumerate(pairs):
            query = _pairs([f"?x {self.sparql(a)} ?y", f"?x {self.sparql(b)} ?y"])
            found.append(PropertyCheck("prp-pdw" if index < n_pdw else "prp-adp", query, (str(a), str(b))))
        return tuple(found)

    # -- assembling ---------------------------------------------------------------------------------

    def compile(self, constructs: tuple[str, ...]) -> RuleSet:
        expand, expand_guards = self.expand_rules()
        return RuleSet(
            constructs=constructs,
            expand=expand,
            types=self.type_rules(),
            closure=self.closure_rules(),
            equality=self.equality_rules(),
            move_delta=_move_delta(self.relevant),
            guards=(*expand_guards, *self.guards()),
            class_checks=self.class_checks(),
            property_checks=self.property_checks(),
            schema=_schema_signatures(self.ontology),
            supers={self.key(c): frozenset(map(self.key, self.tbox.supers(c))) for c in self.tbox.super_classes},
            ranges={
                self.key(p): frozenset(map(self.key, self.closed(cs))) for p, cs in _index(self.tbox.range).items()
            },
            value_ranges=self.value_ranges(),
            has_equality=bool(
                self.tbox.characteristics[OWL.FunctionalProperty]
                or self.tbox.characteristics[OWL.InverseFunctionalProperty]
            ),
        )


def _typing_insert(select: str, rows: list[tuple[str, str, str]], bulk: bool) -> str:
    """Type each ?x of ``select`` with each class row (class, output?, read by a rule?) it lacks: output
    classes of data resources to the output graph, the rest to the scratch graph if something reads it."""
    classes = " ".join(row[0] for row in rows)
    pattern = f"?x {_TYPE} ?c"
    absent = _minus(pattern, f"VALUES ?c {{ {classes} }}") if bulk else _absent(pattern)
    return (
        f"INSERT {{ GRAPH ?out {{ ?x {_TYPE} ?c }} }} WHERE {{ {{ {select} }} {_values(('c', 'o', 'r'), rows)} "
        f"BIND({_kept_subject('x')} && ?o AS ?k) FILTER(?k || ?r || {EQ}) "
        f"{absent} BIND(IF(?k, {OUT}, {EXTRA}) AS ?out) }}"
    )


def _delta_rule(name: str, s: str, p: str, o: str, patterns: list[str], condition: str = "") -> Rule:
    """A joining rule whose new conclusions go to the delta graph. A variable subject must not be a
    literal, nor a variable predicate anything but an IRI: the store holds RDF, not owlrl's
    generalised triples (the guards report where owlrl would have made one)."""
    filters = [condition] if condition else []
    if s.startswith("?"):
        filters.append(f"!isLiteral({s})")
    if p.startswith("?"):
        filters.append(f"isIRI({p})")
    where = _match(*patterns) + (f" FILTER({' && '.join(filters)})" if filters else "")
    text = f"INSERT {{ GRAPH {DELTA} {{ {s} {p} {o} }} }} WHERE {{ {where} {_absent(f'{s} {p} {o}')} }}"
    return Rule(name, text)


def _pairs(patterns: list[str], condition: str = "") -> str:
    where = _match(*patterns, graphs=ALL) + (f" FILTER({condition})" if condition else "")
    return f"SELECT DISTINCT ?x ?y WHERE {{ {where} }}"


def _move_delta(relevant: frozenset[str]) -> str:
    """Move the delta into the output graph (kept triples) or the scratch graph (what rules read)."""
    classes = ", ".join(_iri(c) for c in sorted(relevant))
    needed = f"(!sameTerm(?p, {_TYPE}) || {EQ} || ?o IN ({classes}))"
    return (
        f"INSERT {{ GRAPH ?out {{ ?s ?p ?o }} }} WHERE {{ GRAPH {DELTA} {{ ?s ?p ?o }} "
        f"BIND(IF({_kept('s', 'p', 'o')}, {OUT}, IF({needed}, {EXTRA}, ?none)) AS ?out) }} ; "
        f"INSERT {{ GRAPH {JOINED} {{ ?s ?p ?o }} }} WHERE {{ GRAPH {DELTA} {{ ?s ?p ?o }} }} ; "
        f"CLEAR SILENT GRAPH {DELTA}"
    )


# ---------------------------------------------------------------------------------------------
# Running the program
# ---------------------------------------------------------------------------------------------


@dataclass
class _Run:
    """One inference run: the store, the program, the graphs, and what the run learnt about the data."""

    store: ox.Store
    rules: RuleSet
    data: list[ox.NamedNode]
    into: ox.NamedNode
    extra: ox.NamedNode
    delta: ox.NamedNode
    joined: ox.NamedNode
    equality: bool = False
    explicit_datatypes: set[str] = field(default_factory=set)
    literal_datatypes: set[str] = field(default_factory=set)
    used_datatypes: set[str] = field(default_factory=set)

    def fill(self, template: str, source: str = "ALL") -> str:
        """The template with this run's graphs (validated IRIs) in place of the placeholders."""
        written = [self.into, self.extra]
        lists = {
            "SRC": {"ALL": [*self.data, *written], "DATA": self.data, "DELTA": [self.delta]}[source],
            "READ": [*self.data, *written, self.delta],
            "ALL": [*self.data, *written],
            "DATA": self.data,
            "VALUES": [*self.data, self.joined],
            "OUT": [self.into],
            "EXTRA": [self.extra],
            "DELTA": [self.delta],
            "JOINED": [self.joined],
        }
        text = template.replace(EQ, "true" if self.equality else "false")
        for name, graphs in lists.items():
            text = text.replace(_placeholder(name), ", ".join(_iri(g.value) for g in graphs))
        return text

    def update(self, template: str, source: str = "ALL") -> None:
        self.store.update(self.fill(template, source))

    def ask(self, template: str) -> bool:
        return bool(self.store.query(self.fill(template)))

    def select(self, template: str, substitutions: Mapping[str, OxTerm] | None = None) -> list[ox.QuerySolution]:
        subs = {ox.Variable(k): v for k, v in (substitutions or {}).items()}
        result = self.store.query(self.fill(template), substitutions=subs)  # type: ignore[arg-type]
        assert isinstance(result, ox.QuerySolutions)
        return list(result)

    def delta_empty(self) -> bool:
        return not self.ask(f"ASK {{ GRAPH {DELTA} {{ ?s ?p ?o }} }}")

    def count(self, graph: ox.NamedNode) -> int:
        rows = self.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {_iri(graph.value)} {{ ?s ?p ?o }} }}")
        value = rows[0][0]
        assert isinstance(value, ox.Literal)
        return int(value.value)


def infer(
    store: ox.Store, rules: RuleSet, data_graphs: list[ox.NamedNode], into: ox.NamedNode
) -> tuple[int, list[str]]:
    """Compute the OWL 2 RL closure of the union of ``data_graphs`` (which include the ontology's own
    graph) and write into ``into`` (emptied first) only the new triples owlrl's step keeps.

    Returns the number of triples written and the inconsistency messages, sorted and worded as owlrl
    words them. String literals are read as owlrl reads rdflib's plain literals (no xsd:string type
    of their own), which is what it does with data that has no explicit ``^^xsd:string``. Raises
    Unsupported where owlrl would do something this program does not reproduce; ``into`` is then
    left empty.
    """
    count, violations = infer_violations(store, rules, data_graphs, into)
    return count, sorted({v.render() for v in violations})


def infer_violations(
    store: ox.Store, rules: RuleSet, data_graphs: list[ox.NamedNode], into: ox.NamedNode
) -> tuple[int, list[Violation]]:
    """:func:`infer`, with the inconsistencies as structured violations (reason_fast prints their terms
    as rdflib would)."""
    if into in data_graphs:
        raise ValueError(f"the output graph {into} is one of the data graphs")
    scratch = [ox.NamedNode(f"urn:coi-graph:reason:{uuid.uuid4().hex}:{n}") for n in ("extra", "delta", "joined")]
    run = _Run(store, rules, list(data_graphs), into, extra=scratch[0], delta=scratch[1], joined=scratch[2])
    started = time.perf_counter()
    store.update(f"CLEAR SILENT GRAPH {_iri(into.value)}")
    try:
        _guard_data(run)
        violations = _datatypes(run)
        rounds = _saturate(run)
        violations += _check(run)
        count = run.count(into)
    except BaseException:
        store.update(f"CLEAR SILENT GRAPH {_iri(into.value)}")
        raise
    finally:
        store.update(" ; ".join(f"DROP SILENT GRAPH {_iri(g.value)}" for g in scratch))
    log.info("inferred %d triples in %d rounds, %.2f s (fast OWL 2 RL)", count, rounds, time.perf_counter() - started)
    return count, violations


def _guard_data(run: _Run) -> None:
    """Refuse data that acts as schema beyond the compiled ontology (owlrl would reason with it), and
    decide whether the equality rules must run."""
    predicates = " ".join(_iri(str(p)) for p in sorted(_SCHEMA_PREDICATES | _UNIMPLEMENTED_PREDICATES))
    metaclasses = " ".join(_iri(str(c)) for c in sorted(_METACLASSES | {OWL.AllDifferent}))
    query = (
        f"SELECT DISTINCT ?s ?p ?o WHERE {{ {{ VALUES ?p {{ {predicates} }} {_match('?s ?p ?o', graphs=DATA)} }} "
        f"UNION {{ VALUES ?o {{ {metaclasses} }} {_match(f'?s {_TYPE} ?o', graphs=DATA)} BIND({_TYPE} AS ?p) }} }}"
    )
    counts: dict[tuple[str, str, str], int] = defaultdict(int)
    for row in run.select(query):
        s, p, o = row["s"], row["p"], row["o"]
        assert s is not None and p is not None and o is not None
        counts[_signature(s.value, isinstance(s, ox.BlankNode), p.value, o.value, isinstance(o, ox.BlankNode))] += 1
    for signature, n in counts.items():
        if signature[2] == str(OWL.AllDifferent):
            continue  # eq-diff2/3 only fire with owl:sameAs (checked below)
        if n > run.rules.schema.get(signature, 0):
            raise UnsupportedAxiom(f"the data asserts the schema triple {signature}, not in the compiled ontology")
    same = run.select(f"SELECT DISTINCT ?x ?y WHERE {{ {_match(f'?x {_SAME_AS} ?y', graphs=DATA)} }}")
    schema_terms = {term for signature in run.rules.schema for term in (signature[0], signature[2])}
    for row in same:
        x, y = row["x"], row["y"]
        if isinstance(x, ox.Literal) or isinstance(y, ox.Literal):
            raise UnsupportedData("owl:sameAs with a literal (owlrl would make literal subjects)")
        if (isinstance(x, ox.NamedNode) and x.value in schema_terms) or (
            isinstance(y, ox.NamedNode) and y.value in schema_terms
        ):
            raise UnsupportedAxiom(f"owl:sameAs on a schema term ({x} = {y}) is not implemented")
    run.equality = run.rules.has_equality or any(row["x"] != row["y"] for row in same)
    if run.equality and any(s[2] == str(OWL.AllDifferent) for s in counts):
        raise UnsupportedData("owl:AllDifferent together with owl:sameAs (eq-diff2/3) is not implemented")


def _saturate(run: _Run) -> int:
    """Run the program to its fixpoint and return the number of rounds.

    The tables run once over the data (expansion over everything, typing over the data graphs: the
    typing tables are lifted through the expansion). Then each round runs the joining rules over
    everything, keeps their new conclusions in the delta graph, expands and types the delta alone,
    and moves it out. The first round with an empty delta is the fixpoint.
    """
    for rule in run.rules.expand:
        run.update(rule.bulk or rule.text, "ALL")
    for rule in run.rules.types:
        run.update(rule.bulk or rule.text, "DATA")
    closure = [*run.rules.closure, *(run.rules.equality if run.equality else ())]
    rounds = 0
    while closure:
        rounds += 1
        for rule in closure:
            run.update(rule.text)
        if run.delta_empty():
            break
        for rule in [*run.rules.expand, *run.rules.types]:
            run.update(rule.text, "DELTA")
        run.update(run.rules.move_delta)
    for query, meaning in run.rules.guards:
        if run.ask(query):
            raise UnsupportedData(f"{meaning} (owlrl would reason with a literal as a node)")
    return rounds


# ---------------------------------------------------------------------------------------------
# Datatypes: dt-type2, dt-not-type, and the datatype disjointness owlrl adds for used datatypes
# ---------------------------------------------------------------------------------------------


def _datatypes(run: _Run) -> list[Violation]:
    """Check every typed literal with owlrl's lexical converters (dt-not-type) and record which
    datatypes the data uses; resources explicitly typed with a datatype get its supertypes."""
    rows = run.select(
        f"SELECT DISTINCT ?l WHERE {{ {_match('?s ?p ?l', graphs=DATA)} "
        f'FILTER(isLiteral(?l) && LANG(?l) = "" && !sameTerm(DATATYPE(?l), {_iri(str(XSD.string))})) }}'
    )
    violations = []
    for row in rows:
        literal = row[0]
        assert isinstance(literal, ox.Literal)
        datatype = literal.datatype.value
        if datatype not in _OWLRL_DATATYPES:
            continue
        run.literal_datatypes.add(datatype)
        convert = AltXSDToPYTHON.get(URIRef(datatype))
        try:
            if convert is not None:
                convert(literal.value)
        except ValueError:
            violations.append(Violation("dt-not-type", (datatype,), (literal,)))
    every = " ".join(_iri(d) for d in sorted(_OWLRL_DATATYPES))
    query = f"SELECT DISTINCT ?d WHERE {{ VALUES ?d {{ {every} }} {_match(f'?s {_TYPE} ?d', graphs=DATA)} }}"
    explicit = {row[0].value for row in run.select(query) if row[0] is not None}
    run.explicit_datatypes = explicit
    used = run.literal_datatypes | explicit
    run.used_datatypes = used | {s for d in used for s in _SUBSUMPTIONS.get(d, ())}
    rows_sub = [(_iri(d), _iri(s)) for d in sorted(explicit) for s in _SUBSUMPTIONS.get(d, ())]
    if rows_sub:
        run.update(
            f"INSERT {{ GRAPH {EXTRA} {{ ?s {_TYPE} ?sup }} }} WHERE {{ {_values(('d', 'sup'), rows_sub)} "
            f"{_match(f'?s {_TYPE} ?d', graphs=DATA)} {_absent(f'?s {_TYPE} ?sup')} }}"
        )
    return violations


def _own_types(datatype: str, rules: RuleSet) -> set[str]:
    """The types owlrl gives a literal for its own datatype (dt-type2, the XSD subsumptions, cax-sco)."""
    if datatype not in _OWLRL_DATATYPES or datatype in _PLAIN:
        return set()
    direct = {datatype, *_SUBSUMPTIONS.get(datatype, ())}
    return {s for d in direct for s in rules.supers.get(d, frozenset({d}))}


# ---------------------------------------------------------------------------------------------
# Consistency checks
# ---------------------------------------------------------------------------------------------


def _check(run: _Run) -> list[Violation]:
    """Every consistency check on the saturated closure."""
    datatype_checks = [
        ClassCheck("disjoint", (a, b), (a, b))
        for a, b in _DATATYPE_DISJOINTNESS
        if a in run.used_datatypes and b in run.used_datatypes
    ]
    checks = [*run.rules.class_checks, *datatype_checks]
    stored = [*run.rules.class_checks, *(datatype_checks if run.explicit_datatypes else ())]
    candidates = _stored_candidates(run, stored) | _literal_candidates(run) | _datatype_candidates(run, datatype_checks)
    violations = [v for node in candidates for check in checks for v in check.violations(node, _types(run, node))]
    return [
        *violations,
        *_property_violations(run),
        *_negative_assertion_violations(run),
        *_different_violations(run),
    ]


def _types(run: _Run, node: OxTerm) -> set[str]:
    """Every type owlrl gives a node: stored types, and the types the store does not hold (a literal's
    own datatype; the datatype ranges of the properties the node is a value of)."""
    types: set[str] = set()
    if isinstance(node, ox.Literal):
        types |= _own_types(node.datatype.value, run.rules)
    else:
        query = f"SELECT DISTINCT ?x ?c WHERE {{ {_match(f'?x {_TYPE} ?c', graphs=ALL)} }}"
        types |= {row["c"].value for row in run.select(query, {"x": node}) if isinstance(row["c"], ox.NamedNode)}
    query = f"SELECT DISTINCT ?x ?q WHERE {{ {_match('?s ?q ?x', graphs=ALL)} }}"
    for row in run.select(query, {"x": node}):
        if isinstance(row["q"], ox.NamedNode):
            types |= run.rules.ranges.get(row["q"].value, frozenset())
    return types


def _stored_candidates(run: _Run, checks: list[ClassCheck]) -> set[OxTerm]:
    """Nodes whose stored types hit a check: in owl:Nothing, or in two members of a disjointness."""
    found: set[OxTerm] = set()
    for check in checks:
        members = " ".join(_iri(m) for m in check.members)
        having = "" if check.kind == "nothing" else "HAVING (COUNT(DISTINCT ?c) > 1)"
        pattern = _match(f"?x {_TYPE} ?c", graphs=ALL)
        query = f"SELECT ?x WHERE {{ VALUES ?c {{ {members} }} {pattern} }} GROUP BY ?x {having}"
        found.update(row[0] for row in run.select(query) if row[0] is not None)
    return found


def _literal_candidates(run: _Run) -> set[OxTerm]:
    """Literals that owlrl types with a class some check reads: values of properties with such a range
    (or of a datatype with such a superclass). Well-typed data has none."""
    read = {m for check in run.rules.class_checks for m in check.members}
    properties = sorted(p for p, classes in run.rules.value_ranges.items() if classes & read)
    datatypes = sorted(d for d in run.literal_datatypes if _own_types(d, run.rules) & read)
    queries = []
    if properties:
        listed = " ".join(_iri(p) for p in properties)
        match = _match("?s ?q ?l", graphs=VALUES)
        queries.append(f"SELECT DISTINCT ?l WHERE {{ VALUES ?q {{ {listed} }} {match} FILTER(isLiteral(?l)) }}")
    if datatypes:
        listed = ", ".join(_iri(d) for d in datatypes)
        match = _match("?s ?p ?l", graphs=VALUES)
        queries.append(f"SELECT DISTINCT ?l WHERE {{ {match} FILTER(isLiteral(?l) && DATATYPE(?l) IN ({listed})) }}")
    return {row[0] for query in queries for row in run.select(query) if row[0] is not None}


def _datatype_candidates(run: _Run, checks: list[ClassCheck]) -> set[OxTerm]:
    """Nodes that two sources put in two disjoint datatypes. A node's datatypes come from its own
    datatype (literals), the ranges of the properties it is a value of, and stored types (resources
    typed with a datatype). The values of the properties ranged with each datatype are fetched once
    and intersected here: few datatypes take part, and the store plans such probes badly."""
    values: dict[str, set[OxTerm]] = {}
    stored: dict[str, set[OxTerm]] = {}
    found: set[OxTerm] = set()
    for check in checks:
        a, b = check.members
        for c in (a, b):
            if c not in values:
                values[c] = _ranged_values(run, c)
                stored[c] = _stored_instances(run, c) if run.explicit_datatypes else set()
        found |= values[a] & values[b]
        found |= values[a] & stored[b] | values[b] & stored[a]
        for own, other in ((a, values[b]), (b, values[a])):
            found |= {v for v in other if isinstance(v, ox.Literal) and own in _own_types(v.datatype.value, run.rules)}
    return found


def _ranged_values(run: _Run, datatype: str) -> set[OxTerm]:
    properties = " ".join(sorted(_iri(p) for p, classes in run.rules.value_ranges.items() if datatype in classes))
    if not properties:
        return set()
    query = f"SELECT DISTINCT ?l WHERE {{ VALUES ?q {{ {properties} }} {_match('?s ?q ?l', graphs=VALUES)} }}"
    return {row[0] for row in run.select(query) if row[0] is not None}


def _stored_instances(run: _Run, datatype: str) -> set[OxTerm]:
    query = f"SELECT DISTINCT ?x WHERE {{ {_match(f'?x {_TYPE} {_iri(datatype)}', graphs=ALL)} }}"
    return {row[0] for row in run.select(query) if row[0] is not None}


def _property_violations(run: _Run) -> list[Violation]:
    """prp-irp, prp-asyp, prp-pdw, prp-adp."""
    violations = []
    for check in run.rules.property_checks:
        for row in run.select(check.query):
            x, y = row["x"], row["y"]
            assert x is not None and y is not None
            violations.append(Violation(check.rule, check.labels, (x, y)))
    return violations


def _negative_assertion_violations(run: _Run) -> list[Violation]:
    """prp-npa1/2: a negative property assertion whose triple holds (the assertions are data)."""
    source, prop = _iri(str(OWL.sourceIndividual)), _iri(str(OWL.assertionProperty))
    violations = []
    for target, rule in ((OWL.targetIndividual, "prp-npa1"), (OWL.targetValue, "prp-npa2")):
        patterns = (f"?n {source} ?i1", f"?n {prop} ?p", f"?n {_iri(str(target))} ?i2", "?i1 ?p ?i2")
        for row in run.select(f"SELECT DISTINCT ?i1 ?p ?i2 WHERE {{ {_match(*patterns, graphs=ALL)} }}"):
            i1, p, i2 = row["i1"], row["p"], row["i2"]
            assert i1 is not None and p is not None and i2 is not None
            violations.append(Violation(rule, (p.value,), (i1, i2)))
    return violations


def _different_violations(run: _Run) -> list[Violation]:
    """eq-diff1: owl:differentFrom between nodes that are owl:sameAs (every node is the same as itself)."""
    different = _match(f"?a {_iri(str(OWL.differentFrom))} ?b", graphs=ALL)
    same = f"OPTIONAL {{ {_match(f'?a {_SAME_AS} ?b', graphs=ALL)} BIND(true AS ?same) }}"
    violations = []
    for row in run.select(f"SELECT DISTINCT ?a ?b ?same WHERE {{ {different} {same} }}"):
        a, b = row["a"], row["b"]
        assert a is not None and b is not None
        if a == b:
            violations.append(Violation("eq-diff1", (), (a, a)))
        elif row["same"] is not None:
            violations += [Violation("eq-diff1", (), (a, b)), Violation("eq-diff1", (), (b, a))]
    return violations


# ---------------------------------------------------------------------------------------------
# rdflib in, rdflib out: the drop-in twin of reason.reason
# ---------------------------------------------------------------------------------------------


def _refuse_explicit_strings(graphs: list[Graph]) -> None:
    """owlrl tells an explicit xsd:string literal from a plain one; RDF 1.1 and the store do not."""
    for graph in graphs:
        for term in graph.objects():
            if isinstance(term, Literal) and term.datatype == XSD.string:
                raise UnsupportedData(
                    f"literal {term.n3()} is explicitly xsd:string: "
                    "owlrl tells it from a plain literal, RDF 1.1 does not"
                )


def reason_fast(graphs: Iterable[Graph], ontology: Graph) -> tuple[Graph, list[str]]:
    """What :func:`coi_graph.compile.reference.reason.reason` returns for the union of ``graphs`` (inferred triples,
    inconsistency messages), computed with the compiled rules of ``ontology`` in a temporary store."""
    rules = compile_rules(ontology)
    graphs = list(graphs)
    _refuse_explicit_strings(graphs)
    store = ox.Store()
    terms = RoundTrip()
    names = []
    try:
        for i, graph in enumerate(graphs):
            name = ox.NamedNode(f"urn:coi-graph:reason:input:{i}")
            store.extend(terms.quads(graph, name))
            names.append(name)
        terms.learn_literals()
    except Unrepresentable as exc:
        raise UnsupportedData(str(exc)) from exc
    into = ox.NamedNode("urn:coi-graph:reason:inferred")
    _, violations = infer_violations(store, rules, names, into)
    inferred = Graph()
    for quad in store.quads_for_pattern(None, None, None, into):
        inferred.add((terms.to_rdflib(quad.subject), terms.to_rdflib(quad.predicate), terms.to_rdflib(quad.object)))
    return inferred, sorted({v.render(terms.show) for v in violations})
