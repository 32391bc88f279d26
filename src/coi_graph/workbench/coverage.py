"""Sentences in which an analyst found nothing to claim (issue 17), kept as data beside the drafts.

A sentence that carries a footnote marker or two or more mentions needs a claim (see
:mod:`coi_graph.workbench.view`); some state nothing the graph records (a caption, a cross-reference, a quote
of the text's own title). The analyst says so once, with the reason: a ``coi:NothingToClaim`` block in
``data/drafts/<document id>.coverage.ttl``, one per sentence, sorted, with who and when. The build never reads
``drafts/``; the workbench counts such a sentence as covered. Deleting the block (or undo) reopens it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS, XSD

from coi_graph.vocab import COI

SUFFIX = ".coverage.ttl"


@dataclass(frozen=True)
class NothingToClaim:
    """One decision: the sentence's IRI, why it states nothing to claim, who decided and on which day."""

    sentence: str
    reason: str
    decided_by: str
    decided_on: date


def decisions_path(drafts_dir: Path, doc_id: str) -> Path:
    return drafts_dir / f"{doc_id}{SUFFIX}"


def parse(text: str, source: str) -> dict[str, NothingToClaim]:
    """The decisions of a coverage file's text, by sentence IRI (``source`` names it in parse errors)."""
    graph = Graph().parse(data=text, format="turtle", publicID=source)
    found = {}
    for node in graph.subjects(RDF.type, COI.NothingToClaim):
        sentence, reason = graph.value(node, COI.decisionOn), graph.value(node, SKOS.editorialNote)
        by, on = graph.value(node, COI.decidedBy), graph.value(node, COI.decidedOn)
        if isinstance(sentence, URIRef) and reason is not None and by is not None and isinstance(on, Literal):
            day = on.toPython()
            if isinstance(day, date):
                found[str(sentence)] = NothingToClaim(str(sentence), str(reason), str(by), day)
    return found


def read(path: Path) -> dict[str, NothingToClaim]:
    return parse(path.read_text(encoding="utf-8"), path.as_uri()) if path.is_file() else {}


def render(doc_id: str, decisions: Iterable[NothingToClaim]) -> str:
    """The coverage file: a header, then one block per sentence, sorted by IRI (the same decisions, the same
    bytes)."""
    lines = [
        f"# Sentences of {doc_id} in which an analyst found nothing to claim (coi-graph review --web).",
        "# The build does not read this file; the workbench counts these sentences as covered.",
        f"@prefix coi: <{COI}> .",
        f"@prefix skos: <{SKOS}> .",
        f"@prefix xsd: <{XSD}> .",
    ]
    for d in sorted(decisions, key=lambda d: d.sentence):
        lines += [
            "",
            f"<{d.sentence}/nothing-to-claim> a coi:NothingToClaim ;",
            f"    coi:decisionOn <{d.sentence}> ;",
            f"    skos:editorialNote {Literal(d.reason).n3()} ;",
            f"    coi:decidedBy {Literal(d.decided_by).n3()} ;",
            f'    coi:decidedOn "{d.decided_on.isoformat()}"^^xsd:date .',
        ]
    return "\n".join(lines) + "\n"
