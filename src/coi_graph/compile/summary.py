"""What a build holds, counted on the embedded store."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

import pyoxigraph as ox

from coi_graph.namespaces import Graphs
from coi_graph.store import select


@dataclass
class Summary:
    triples: dict[str, int] = field(default_factory=dict)
    entities_by_type: dict[str, int] = field(default_factory=dict)
    claims_by_modality: dict[str, int] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    violations: int = 0
    warnings: int = 0

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, sort_keys=True) + "\n"

    def render(self) -> str:
        t = self.triples
        lines = [
            f"triples   asserted {t.get('asserted', 0)} (claim content {t.get('claim_content', 0)}), "
            f"plain layer {t.get('plain', 0)}, derived {t.get('derived', 0)}, inferred {t.get('inferred', 0)}",
        ]
        c = self.counts
        lines.append(
            f"documents {c.get('documents', 0)}, passages {c.get('passages', 0)}, footnotes {c.get('footnotes', 0)}, "
            f"citations {c.get('citations', 0)}, works {c.get('works', 0)}, cited publishers {c.get('publishers', 0)}"
        )
        modality = ", ".join(f"{k} {v}" for k, v in sorted(self.claims_by_modality.items()))
        lines.append(f"claims    {c.get('claims', 0)} ({modality})")
        lines.append(f"entities  {c.get('entities', 0)}")
        for kind, count in sorted(self.entities_by_type.items(), key=lambda kv: (-kv[1], kv[0])):
            lines.append(f"  {kind:<24} {count}")
        lines.append(f"violations {self.violations}, warnings {self.warnings}")
        return "\n".join(lines) + "\n"


def _count(store: ox.Store, query: str) -> int:
    rows = select(store, query)
    value = rows[0]["n"] if rows else None
    return int(value.text) if value else 0


def summarise(store: ox.Store) -> Summary:
    summary = Summary()
    asserted = {str(g) for g in Graphs.ASSERTED}
    layer_names = {str(Graphs.PLAIN): "plain", str(Graphs.DERIVED): "derived", str(Graphs.INFERRED): "inferred"}
    triples = {"asserted": 0, "claim_content": 0, "plain": 0, "derived": 0, "inferred": 0}
    for row in select(store, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"):
        graph, n = row["g"], row["n"]
        assert graph is not None and n is not None
        count = int(n.text)
        if graph.text in layer_names:
            triples[layer_names[graph.text]] += count
        elif graph.text == str(Graphs.WIKIDATA):
            continue  # labels from the enrichment cache: neither asserted by the data nor the content of a claim
        elif graph.text in asserted:
            triples["asserted"] += count
        else:
            triples["claim_content"] += count
            triples["asserted"] += count
    summary.triples = triples

    for row in select(
        store,
        """SELECT ?label (COUNT(DISTINCT ?e) AS ?n) WHERE {
               GRAPH graph:registry { ?e a ?type }
               GRAPH graph:ontology { ?type rdfs:subClassOf* coi:Entity ; rdfs:label ?label }
           } GROUP BY ?label""",
    ):
        assert row["label"] is not None and row["n"] is not None
        summary.entities_by_type[row["label"].text] = int(row["n"].text)
    for row in select(
        store,
        """SELECT ?label (COUNT(?c) AS ?n) WHERE {
               GRAPH graph:claims { ?c a coi:Claim ; coi:modality ?m }
               GRAPH graph:ontology { ?m skos:prefLabel ?label }
           } GROUP BY ?label""",
    ):
        assert row["label"] is not None and row["n"] is not None
        summary.claims_by_modality[row["label"].text] = int(row["n"].text)

    counts = {
        "entities": "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { GRAPH graph:registry { ?e a ?t } "
        "GRAPH graph:ontology { ?t rdfs:subClassOf* coi:Entity } }",
        "claims": "SELECT (COUNT(?c) AS ?n) WHERE { GRAPH graph:claims { ?c a coi:Claim } }",
        "documents": "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { GRAPH graph:documents { ?d coi:sourceFile ?f } }",
        "passages": "SELECT (COUNT(?p) AS ?n) WHERE { GRAPH graph:documents { ?p a coi:Passage } }",
        "footnotes": "SELECT (COUNT(?f) AS ?n) WHERE { GRAPH graph:documents { ?f a coi:Footnote } }",
        "citations": "SELECT (COUNT(?c) AS ?n) WHERE { GRAPH graph:documents { ?c a coi:Citation } }",
        "works": "SELECT (COUNT(DISTINCT ?w) AS ?n) WHERE { GRAPH graph:documents { ?w a coi:Work } }",
        "publishers": "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { GRAPH graph:documents "
        "{ ?w a coi:Work ; coi:publisher ?p } }",
    }
    summary.counts = {name: _count(store, query) for name, query in counts.items()}
    return summary
