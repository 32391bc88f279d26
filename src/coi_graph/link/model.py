"""Wikidata link decisions, kept as data in ``data/links/wikidata.ttl``.

A decision says that a registry entity is (confirmed), may be (candidate) or is not (rejected) a
Wikidata item, with the method, score, evidence, day and who decided. Only confirmed decisions link:
the loader gives their entity ``coi:wikidata`` and the build derives ``coi:wikidataEntity``. Never
``owl:sameAs``, which would make reasoning copy every statement across.

The file is written sorted and without timestamps, so that a rerun that decides nothing new writes
the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from coi_graph.fsutil import atomic_write
from coi_graph.namespaces import ENT, LINK, WD
from coi_graph.vocab import COI

QID = re.compile(r"^Q[1-9][0-9]*$")
LINKS_FILE = Path("links") / "wikidata.ttl"
STATUS_NAMES = {COI.LinkConfirmed: "confirmed", COI.LinkCandidate: "candidate", COI.LinkRejected: "rejected"}
METHOD_NAMES = {COI.VerifiedByHand: "verified by hand", COI.Reconciled: "reconciled"}


@dataclass(frozen=True)
class Decision:
    entity: URIRef
    qid: str
    status: URIRef
    method: URIRef
    score: float
    day: date
    decided_by: str
    evidence: tuple[str, ...] = field(default_factory=tuple)

    @property
    def iri(self) -> URIRef:
        return LINK[f"{str(self.entity).rsplit('/', 1)[-1]}-{self.qid}"]

    @property
    def item(self) -> URIRef:
        return WD[self.qid]

    @property
    def status_name(self) -> str:
        return STATUS_NAMES[self.status]

    def with_status(self, status: URIRef, *, by: str, day: date, evidence: Iterable[str] = ()) -> Decision:
        return replace(
            self, status=status, decided_by=by, day=day, evidence=tuple(dict.fromkeys((*self.evidence, *evidence)))
        )


def read(graph: Graph) -> list[Decision]:
    """The decisions in a graph, sorted by entity and QID."""
    found = []
    for node in graph.subjects(RDF.type, COI.WikidataLink):
        entity, qid = graph.value(node, COI.linkOf), graph.value(node, COI.linkedQid)
        status, method = graph.value(node, COI.linkStatus), graph.value(node, COI.linkMethod)
        score, day = graph.value(node, COI.linkScore), graph.value(node, COI.decidedOn)
        if not (isinstance(entity, URIRef) and qid is not None and isinstance(status, URIRef)
                and isinstance(method, URIRef) and isinstance(day, Literal)):  # fmt: skip
            continue  # incomplete: the shapes report it
        found.append(
            Decision(
                entity=entity,
                qid=str(qid),
                status=status,
                method=method,
                score=float(str(score)) if score is not None else 0.0,
                day=day.toPython() if isinstance(day.toPython(), date) else date.min,
                decided_by=str(graph.value(node, COI.decidedBy) or ""),
                evidence=tuple(sorted(str(e) for e in graph.objects(node, COI.linkEvidence))),
            )
        )
    return sorted(found, key=lambda d: (str(d.entity), d.qid))


def load(data_dir: Path) -> list[Decision]:
    path = data_dir / LINKS_FILE
    return read(Graph().parse(path, format="turtle")) if path.is_file() else []


def confirmed(decisions: Iterable[Decision]) -> dict[URIRef, str]:
    """Entity → QID for the confirmed decisions."""
    return {d.entity: d.qid for d in decisions if d.status == COI.LinkConfirmed}


def materialise(graph: Graph) -> Graph:
    """``coi:wikidata`` for every entity with a confirmed decision in ``graph``."""
    links = Graph()
    for entity, qid in confirmed(read(graph)).items():
        links.add((entity, COI.wikidata, Literal(qid)))
    return links


def to_graph(decisions: Iterable[Decision]) -> Graph:
    graph = Graph()
    for d in decisions:
        node = d.iri
        graph.add((node, RDF.type, COI.WikidataLink))
        graph.add((node, COI.linkOf, d.entity))
        graph.add((node, COI.linkedQid, Literal(d.qid)))
        graph.add((node, COI.linkedItem, d.item))
        graph.add((node, COI.linkStatus, d.status))
        graph.add((node, COI.linkMethod, d.method))
        graph.add((node, COI.linkScore, Literal(Decimal(f"{d.score:.3f}").normalize(), datatype=XSD.decimal)))
        graph.add((node, COI.decidedOn, Literal(d.day)))
        if d.decided_by:
            graph.add((node, COI.decidedBy, Literal(d.decided_by)))
        for evidence in d.evidence:
            graph.add((node, COI.linkEvidence, Literal(evidence)))
    return graph


HEADER = """# Wikidata link decisions: one coi:WikidataLink per entity and QID considered.
# Confirmed links give the entity coi:wikidata (and, in the build, coi:wikidataEntity); candidates wait
# for review (`coi-graph link --review`); rejected ones are never proposed again. Written by coi-graph
# link, sorted; edit with care and run `coi-graph validate`.
@prefix coi:  <https://w3id.org/coi-graph/ontology#> .
@prefix ent:  <https://w3id.org/coi-graph/id/entity/> .
@prefix link: <https://w3id.org/coi-graph/id/link/> .
@prefix wd:   <http://www.wikidata.org/entity/> .
@prefix xsd:  <http://www.w3.org/2001/XMLSchema#> .
"""


def _decimal(value: float) -> str:
    """A Turtle decimal literal: "1.0", "0.87" (never "1", which would be an integer)."""
    text = f"{value:.3f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


def render(decisions: Iterable[Decision]) -> str:
    """The decisions as Turtle, one block per decision, in a fixed order."""
    blocks = [HEADER]
    for d in sorted(decisions, key=lambda d: (str(d.entity), d.qid)):
        entity = f"ent:{str(d.entity)[len(str(ENT)) :]}" if str(d.entity).startswith(str(ENT)) else f"<{d.entity}>"
        lines = [
            f"link:{str(d.iri)[len(str(LINK)) :]} a coi:WikidataLink",
            f"coi:linkOf {entity}",
            f"coi:linkedQid {Literal(d.qid).n3()}",
            f"coi:linkedItem wd:{d.qid}",
            f"coi:linkStatus coi:{str(d.status).rsplit('#', 1)[-1]}",
            f"coi:linkMethod coi:{str(d.method).rsplit('#', 1)[-1]}",
            f"coi:linkScore {_decimal(d.score)}",
            f'coi:decidedOn "{d.day.isoformat()}"^^xsd:date',
        ]
        if d.decided_by:
            lines.append(f"coi:decidedBy {Literal(d.decided_by).n3()}")
        for evidence in d.evidence:
            lines.append(f"coi:linkEvidence {Literal(evidence).n3()}")
        blocks.append(lines[0] + " ;\n    " + " ;\n    ".join(lines[1:]) + " .\n")
    return "\n".join(blocks)


def write(data_dir: Path, decisions: Iterable[Decision]) -> Path:
    path = data_dir / LINKS_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_write(path) as handle:
        handle.write(render(decisions))
    return path


def merge(existing: list[Decision], new: Iterable[Decision]) -> list[Decision]:
    """Add new decisions; a decision on the same entity and QID replaces the old one, except that a
    rejected or confirmed decision is never overwritten by a candidate."""
    by_key = {(d.entity, d.qid): d for d in existing}
    for d in new:
        old = by_key.get((d.entity, d.qid))
        if old is not None and old.status != COI.LinkCandidate and d.status == COI.LinkCandidate:
            continue
        by_key[(d.entity, d.qid)] = d
    return sorted(by_key.values(), key=lambda d: (str(d.entity), d.qid))
