"""The SPARQL queries a dossier is gathered with: entities, types, names, labels, structure, evidence, citations,
documents, mentions, coordinates."""

from __future__ import annotations

ENTITIES = """
SELECT ?entity ?label WHERE { GRAPH graph:registry { ?entity skos:prefLabel ?label } }
ORDER BY ?entity ?label
"""

TYPES = """
SELECT ?entity ?type_label ?root WHERE {
  GRAPH graph:registry { ?entity skos:prefLabel ?name ; a ?type }
  ?type rdfs:label ?type_label .
  FILTER (LANG(?type_label) IN ("en", ""))
  OPTIONAL { VALUES ?root { coi:Actor coi:Place coi:Position } ?type rdfs:subClassOf* ?root }
}
"""

NAMES = """
SELECT ?entity ?name WHERE {
  { GRAPH graph:registry { ?entity skos:prefLabel ?name } }
  UNION { GRAPH graph:registry { ?entity skos:prefLabel ?preferred ; skos:altLabel|skos:hiddenLabel ?name } }
  UNION { GRAPH graph:wikidata { ?entity skos:altLabel ?name } }
}
"""

# bound: ?entity
LABELS = """
SELECT ?entity ?label ?source WHERE {
  { GRAPH graph:registry { ?entity skos:prefLabel ?label } BIND ("preferred label" AS ?source) }
  UNION { GRAPH graph:registry { ?entity skos:altLabel ?label } BIND ("alias" AS ?source) }
  UNION { GRAPH graph:wikidata { ?entity skos:altLabel ?label } BIND ("Wikidata" AS ?source) }
}
"""

# bound: ?entity
QID = "SELECT ?entity ?qid WHERE { GRAPH graph:registry { ?entity coi:wikidata ?qid } }"

# the structural links that place an entity in a hierarchy, as the registry and the documents state them
STRUCTURE = """
SELECT DISTINCT ?s ?o ?relation ?inverse ?g WHERE {
  VALUES ?p { coi:locatedIn coi:partOf coi:memberOf coi:governmentOf coi:positionIn }
  VALUES ?g { graph:registry graph:plain }
  GRAPH ?g { ?s ?p ?o }
  ?p rdfs:label ?relation .
  OPTIONAL { { ?p owl:inverseOf ?inv } UNION { ?inv owl:inverseOf ?p } ?inv rdfs:label ?inverse }
}
"""

EVIDENCE = """
SELECT ?claim ?document ?footnote ?number WHERE {
  ?claim a coi:Claim ; coi:inDocument ?document .
  OPTIONAL { ?claim coi:footnote ?footnote . ?footnote coi:footnoteNumber ?number }
}
"""

# the parts of citation-list.rq's EUAA-style citations, per footnote
CITATIONS = """
SELECT ?footnote ?number ?doc_title ?position ?publisher ?title ?published ?url ?pages WHERE {
  ?footnote a coi:Footnote ; coi:footnoteNumber ?number ; coi:inDocument ?document ; coi:hasCitation ?citation .
  ?document coi:title ?doc_title .
  ?citation coi:ordinal ?position ; coi:publisherName ?publisher ; coi:title ?title .
  OPTIONAL { ?citation coi:published ?published }
  OPTIONAL { ?citation coi:url ?url }
  OPTIONAL { ?citation coi:pages ?pages }
}
"""

DOCUMENTS = """
SELECT ?document ?title ?publisher ?published ?url WHERE {
  ?document a coi:Document ; coi:title ?title ; coi:publisher ?by .
  ?by skos:prefLabel ?publisher .
  OPTIONAL { ?document coi:published ?published }
  OPTIONAL { ?document coi:url ?url }
}
"""

MENTIONS = "SELECT ?claim ?entity WHERE { ?claim a coi:Claim ; coi:mentions ?entity }"

COORDINATES = """
SELECT ?place ?lat ?lon ?precision WHERE {
  ?place coi:latitude ?lat ; coi:longitude ?lon .
  OPTIONAL { ?place coi:coordinatePrecision ?precision }
}
"""

# located-in is transitive: the default graph holds the closure that reasoning inferred
WITHIN = "SELECT ?place ?container WHERE { ?place coi:latitude ?lat ; coi:locatedIn ?container }"
