"""Each generated document checked with the real parsers; what the build will assert, counted."""

from __future__ import annotations

from collections import Counter

from coi_graph.synth.documents import Generated
from coi_graph.synth.prose import Passage
from coi_graph.synth.registry import World
from coi_graph.synth.shares import NAMESPACE

# =============================================================================================
# Checking each document with the real parsers, and counting what the build will assert
# =============================================================================================


class Checker:
    """Parses every generated document as the build will, checks that it parses without warnings and
    says what the claims say it says, and counts the triples the build will assert for it."""

    def __init__(self, world: World) -> None:
        from rdflib import Graph, Literal, URIRef
        from rdflib.namespace import RDF, SKOS

        from coi_graph.documents.to_rdf import Resolver
        from coi_graph.registry import LabelIndex
        from coi_graph.resources import ontology_path
        from coi_graph.vocab import COI

        self.ontology = Graph().parse(ontology_path(), format="turtle")
        registry = Graph()
        for entity in world.entities:
            iri = URIRef(f"{NAMESPACE}id/entity/{entity.key}")
            for kind in entity.types:
                registry.add((iri, RDF.type, COI[kind.split(":", 1)[1]]))
            for label in (entity.label, *entity.aliases):
                registry.add(
                    (iri, SKOS.altLabel if label != entity.label else SKOS.prefLabel, Literal(label, lang="en"))
                )
        self.warnings: list[str] = []
        self.resolver = Resolver(LabelIndex(registry, self.ontology, COI.Publisher),
                                 LabelIndex(registry, self.ontology, COI.Actor), self.warnings)  # fmt: skip
        self.works: set[str] = set()
        self.sentences = 0

    def check(self, generated: Generated) -> int:
        """The number of triples the build's documents graph gains from this document."""
        from rdflib import Graph, URIRef

        from coi_graph.documents import euaa, news
        from coi_graph.documents.to_rdf import document_graph

        parsed = (euaa if generated.report else news).parse(generated.text)
        problems = list(parsed.warnings)
        if [p.text for p in parsed.passages] != [p.text for p in generated.passages]:
            problems.append("the parser splits the passages differently")
        for ours, theirs in zip(generated.passages, parsed.passages, strict=False):
            if [f.number for _, f in ours.markers] != [m.number for m in theirs.markers]:
                problems.append(f"passage {theirs.ordinal}: the markers differ")
            self.sentences += len(theirs.sentences)
            problems += _claim_problems(ours, theirs.ordinal)
        if not generated.report and generated.text.count(" reports citing ") and parsed.attribution is None:
            problems.append("the attribution is not recognised")
        metadata = Graph().parse(data=generated.metadata, format="turtle")
        doc = URIRef(f"{NAMESPACE}id/doc/{generated.doc_id}")
        graph, _ = document_graph(doc, parsed, generated.text, metadata, self.resolver, generated.stem)
        problems += self.warnings
        self.warnings.clear()
        if problems:
            raise RuntimeError(f"generated document {generated.stem} does not check: " + "; ".join(problems))
        count = len(graph)
        per_work = Counter(str(s) for s in graph.subjects() if str(s).startswith(f"{NAMESPACE}id/work/"))
        for work, triples in per_work.items():
            if work in self.works:
                count -= triples  # the same work, cited by an earlier document: the same triples
            self.works.add(work)
        return count


def _claim_problems(passage: Passage, ordinal: int) -> list[str]:
    problems = []
    here = {id(f) for _, f in passage.markers}
    for claim in passage.claims:
        if claim.quote not in passage.text:
            problems.append(f"passage {ordinal}: quote not in the passage: {claim.quote!r}")
        if claim.when and claim.when.expression and claim.when.expression not in passage.text:
            problems.append(f"passage {ordinal}: time expression not in the passage: {claim.when.expression!r}")
        if any(id(f) not in here for f in claim.footnotes):
            problems.append(f"passage {ordinal}: a footnote of claim {claim.number} has no marker in the passage")
        for node in claim.nodes:
            for predicate, value in node.props:
                if predicate == "coi:statementText" and value[1:-1].replace('\\"', '"') not in passage.text:
                    problems.append(f"passage {ordinal}: statement text not in the passage: {value}")
    return problems
