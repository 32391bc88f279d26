"""SHACL validation: the project's shapes compiled to whole-graph SPARQL queries on a pyoxigraph store.

The stages, one module each: :mod:`.shapes` reads the shapes graph, :mod:`.compiler` turns every
constraint into SPARQL checks grouped by :mod:`.program` (with :mod:`.sparql` for sh:sparql and
:mod:`.values` for the value tests SPARQL cannot decide), :mod:`.run` runs them on the store, and
:mod:`.report` turns the results into the report the build prints.

pySHACL evaluates every constraint once per focus node, in Python, over an rdflib graph: half a
second on the seed data, minutes at 100k triples. Here every constraint of every shape becomes one
SPARQL SELECT that finds its violations for all focus nodes at once (target selection and check in
one query), and the store's query engine does the work.

The results are meant to be exactly pySHACL's (0.40, run as ``validate.validate_graph`` runs it: no
inference, advanced mode, warnings allowed): the same focus nodes, paths, values, constraint
components, severities and messages. Where pySHACL's verdict rests on rdflib (is a literal well
typed, how do two literals compare, does a Python regular expression match) the query decides the
values SPARQL decides the same way and calls back into Python, with pySHACL's own logic, for the
rest. A shape that uses a SHACL feature not implemented here is refused by :func:`compile_shapes`
with :class:`UnsupportedShape`, so that the fast path never silently diverges from pySHACL.

Implemented: targets (sh:targetClass with rdfs:subClassOf* in the data graph, implicit class
targets, sh:targetNode, sh:targetSubjectsOf, sh:targetObjectsOf); paths (IRIs, sh:inversePath of an
IRI, sh:alternativePath, sequences); sh:class, sh:datatype, sh:nodeKind, sh:in, sh:hasValue,
sh:minCount, sh:maxCount, sh:minLength, sh:pattern (with sh:flags), sh:minInclusive,
sh:maxInclusive, sh:minExclusive, sh:maxExclusive, sh:lessThan, sh:lessThanOrEquals, sh:or, sh:node,
sh:property, sh:sparql (SELECT-based, on node shapes), sh:severity, sh:deactivated, sh:message.
"""
