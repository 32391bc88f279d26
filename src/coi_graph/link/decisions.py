"""Link decisions as the commands handle them: saved only when the data still validate, and listed per entity."""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path

from rdflib import Graph, URIRef

from coi_graph import progress
from coi_graph.errors import ValidationFailed
from coi_graph.link import model
from coi_graph.link.model import Decision
from coi_graph.namespaces import short as short_iri
from coi_graph.vocab import COI


def save(data_dir: Path, decisions: list[Decision], made: list[Decision]) -> Path:
    """Merge ``made`` into ``decisions`` and write the links file, only if the data still validate with it
    (checked on a scratch copy with the build's pipeline); otherwise raise ValidationFailed, nothing written."""
    from coi_graph.compile.pipeline import prepare_store

    merged = model.merge(decisions, made)
    with tempfile.TemporaryDirectory(prefix="coi-link-") as scratch:
        copy = Path(scratch) / "data"
        shutil.copytree(data_dir, copy, ignore=shutil.ignore_patterns("enrichment", ".*"))
        model.write(copy, merged)
        quiet = logging.getLogger("coi_graph")
        level = quiet.level
        quiet.setLevel(logging.WARNING)
        try:
            with progress.steps("validating the decisions"):
                prepared = prepare_store(copy, run_reasoner=False)
        finally:
            quiet.setLevel(level)
        if not prepared.report.conforms:
            raise ValidationFailed("the link decisions do not validate; nothing was written",
                                   report=prepared.report.render("text").replace(str(copy), str(data_dir)))  # fmt: skip
    return model.write(data_dir, merged)


def status_table(registry: Graph, ontology: Graph, decisions: list[Decision]) -> str:
    """One line per registry entity: linked, candidate, unnamed or open, with the QIDs; then the counts."""
    from rdflib.namespace import RDF, SKOS

    from coi_graph.registry import subclasses

    classes = subclasses(ontology, COI.Entity)
    entities = sorted({s for s, _, o in registry.triples((None, RDF.type, None)) if o in classes}, key=str)
    by_entity: dict[URIRef, list[Decision]] = {}
    for d in decisions:
        by_entity.setdefault(d.entity, []).append(d)
    rows = []
    counts = {"linked": 0, "candidate": 0, "open": 0, "unnamed": 0}
    for entity in entities:
        if not isinstance(entity, URIRef):
            continue
        mine = by_entity.get(entity, [])
        label = str(registry.value(entity, SKOS.prefLabel) or "")
        confirmed = [d for d in mine if d.status == COI.LinkConfirmed]
        candidates = [d for d in mine if d.status == COI.LinkCandidate]
        rejected = [d.qid for d in mine if d.status == COI.LinkRejected]
        if confirmed:
            state, detail = "linked", f"{confirmed[0].qid} ({model.METHOD_NAMES[confirmed[0].method]})"
        elif candidates:
            state = "candidate"
            detail = ", ".join(f"{d.qid} {d.score:.2f}" for d in sorted(candidates, key=lambda d: -d.score))
        elif (entity, RDF.type, COI.UnnamedActor) in registry:
            state, detail = "unnamed", "no Wikidata item expected"
        else:
            state, detail = "open", ""
        if rejected:
            detail += ("; " if detail else "") + "rejected " + ", ".join(rejected)
        counts[state] += 1
        rows.append(f"{state:<9}  {short_iri(entity):<44}  {label[:40]:<40}  {detail}".rstrip())
    summary = ", ".join(f"{n} {k}" for k, n in counts.items())
    return "\n".join(rows) + f"\n{len(rows)} entities: {summary}\n"
