"""The vocabulary the rules know: what owlrl reads as schema, what is implemented or refused, and the errors."""

from __future__ import annotations

from collections.abc import Mapping

from owlrl.AxiomaticTriples import OWLRL_Datatypes_Disjointness
from owlrl.XsdDatatypes import OWL_Datatype_Subsumptions, OWL_RL_Datatypes
from rdflib import URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD
from rdflib.term import Node

# ---------------------------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------------------------

W3C_NAMESPACES = (str(RDF), str(RDFS), str(OWL), str(XSD))
TRIVIAL_TYPES = frozenset({OWL.Thing, RDFS.Resource, OWL.NamedIndividual, RDFS.Class, OWL.Class})

# Predicates owlrl's rules never read (prp-ap only types them as annotation properties).
ANNOTATIONS = frozenset(
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
SCHEMA_PREDICATES = frozenset(
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
DATA_AXIOMS = frozenset(
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
UNIMPLEMENTED_PREDICATES = frozenset(
    {OWL.hasKey, OWL.maxCardinality, OWL.maxQualifiedCardinality, OWL.oneOf, OWL.onClass, OWL.distinctMembers}
)
PROPERTY_KINDS = frozenset({OWL.ObjectProperty, OWL.DatatypeProperty, RDF.Property})
CHARACTERISTICS = frozenset(
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
METACLASSES = PROPERTY_KINDS | CHARACTERISTICS | {OWL.Class, OWL.AllDisjointClasses, OWL.AllDisjointProperties}
OTHER_METACLASSES = frozenset(
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

OWLRL_DATATYPES = frozenset(str(d) for d in OWL_RL_Datatypes)
SUBSUMPTIONS: Mapping[str, tuple[str, ...]] = {
    str(k): tuple(str(v) for v in vs) for k, vs in OWL_Datatype_Subsumptions.items()
}
DATATYPE_DISJOINTNESS = tuple((str(a), str(b)) for a, _, b in OWLRL_Datatypes_Disjointness)
# rdflib gives plain and language-tagged literals no datatype, so owlrl does not type them; the store does.
PLAIN_DATATYPES = frozenset({str(XSD.string), str(RDF.langString)})

SAME_AS_IRI = f"<{OWL.sameAs}>"
TYPE_IRI = f"<{RDF.type}>"
NOTHING = str(OWL.Nothing)
SKOLEM = "urn:coi-graph:reason:class:"
MARK = "\x00"  # delimits placeholders in rule text; validated IRIs and literals never contain NUL


class Unsupported(Exception):
    """The fast reasoner cannot guarantee owlrl's result for this input: use owlrl instead."""


class UnsupportedAxiom(Unsupported):
    """The ontology (or data acting as schema) uses an axiom type the compiled rules do not implement."""


class UnsupportedData(Unsupported):
    """owlrl would read the data in a way the store cannot represent (e.g. make a literal a subject)."""


def is_w3c(node: Node) -> bool:
    return isinstance(node, URIRef) and str(node).startswith(W3C_NAMESPACES)


def is_datatype_class(node: Node | str) -> bool:
    """A W3C datatype (or rdfs:Literal): its instances are literals, whose types the store cannot hold."""
    text = str(node)
    return text in OWLRL_DATATYPES or text.startswith(str(XSD)) or text == str(RDFS.Literal)
