"""Measure the mention finder and the claim extractor: precision and recall.

Two gold standards:

* **the curated claims** of ``data/`` (the seed corpus): per passage, the entities the curated
  claims use (for mentions) and the claims' content as atoms (for candidates), restricted to the
  relations the extractor proposes;
* **hand annotations** of test documents (a JSON file such as ``tests/documents/annotations.json``):
  every mention with its offsets, and the claims a reader finds in each sentence, as atoms.

An atom is ``(subject, property, object)`` for a relation between entities, or ``(event class,
role, entity)`` for a role in an event. Matching is per passage. "Lenient" also counts a
stationedAt for a presentAt (and back) and fights for opposes.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from coi_graph.errors import InputError, Location
from coi_graph.extract.candidates import Candidate, Extractor, content_atoms
from coi_graph.extract.gazetteer import Gazetteer
from coi_graph.extract.mentions import find
from coi_graph.extract.source import Source, open_source
from coi_graph.namespaces import PREFIXES
from coi_graph.vocab import COI

Atom = tuple[str, str, str]
SCOPE_PROPERTIES = {str(p) for p in (COI.presentAt, COI.stationedAt, COI.supports, COI.fights, COI.opposes,
                                     COI.controls, COI.controlsPartOf)}  # fmt: skip
SCOPE_EVENTS = {str(c) for c in (COI.Strike, COI.Meeting, COI.Statement, COI.Withdrawal, COI.Reinforcement,
                                 COI.Patrol, COI.Designation)}  # fmt: skip
ENTITY_ROLES = {str(p) for p in (COI.agent, COI.participant, COI.party, COI.target, COI.speaker, COI.atPlace,
                                 COI.origin, COI.destination)}  # fmt: skip
LENIENT = {str(COI.stationedAt): str(COI.presentAt), str(COI.fights): str(COI.opposes)}


def in_scope(atom: Atom) -> bool:
    return atom[1] in SCOPE_PROPERTIES or (atom[0] in SCOPE_EVENTS and atom[1] in ENTITY_ROLES)


def _lenient(atom: Atom) -> Atom:
    return (atom[0], LENIENT.get(atom[1], atom[1]), atom[2])


@dataclass
class Score:
    """Counts of one comparison; precision and recall from them."""

    true_positives: int = 0
    predicted: int = 0
    gold: int = 0
    found_gold: int = 0  # gold items matched (may differ from true_positives with duplicates)

    def add(self, predicted: set[tuple[object, ...]], gold: set[tuple[object, ...]]) -> None:
        self.predicted += len(predicted)
        self.gold += len(gold)
        self.true_positives += len(predicted & gold)
        self.found_gold += len(gold & predicted)

    @property
    def precision(self) -> float | None:
        return self.true_positives / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.found_gold / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p and r else None

    def row(self, name: str) -> dict[str, str | int | float | None]:
        def pct(value: float | None) -> float | None:
            return None if value is None else round(100 * value, 1)

        return {"measure": name, "predicted": self.predicted, "gold": self.gold, "matched": self.true_positives,
                "precision": pct(self.precision), "recall": pct(self.recall), "f1": pct(self.f1)}  # fmt: skip


@dataclass
class Evaluation:
    scores: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    modality_agree: int = 0
    modality_compared: int = 0
    notes: list[str] = field(default_factory=list)

    def rows(self) -> list[dict[str, str | int | float | None]]:
        rows = [score.row(name) for name, score in self.scores.items()]
        if self.modality_compared:
            rows.append({"measure": "candidates: modality of matched claims", "predicted": self.modality_compared,
                         "gold": self.modality_compared, "matched": self.modality_agree,
                         "precision": round(100 * self.modality_agree / self.modality_compared, 1),
                         "recall": None, "f1": None})  # fmt: skip
        return rows


def _candidate_atoms(candidates: list[Candidate]) -> dict[str, set[Atom]]:
    by_passage: dict[str, set[Atom]] = defaultdict(set)
    for candidate in candidates:
        by_passage[str(candidate.passage)] |= {a for a in candidate.atoms() if in_scope(a)}
    return by_passage


def _compare_claims(evaluation: Evaluation, label: str, predicted: dict[str, set[Atom]],
                    gold: dict[str, set[Atom]]) -> None:  # fmt: skip
    strict, lenient = (
        evaluation.scores[f"{label}: candidate atoms"],
        evaluation.scores[f"{label}: candidate atoms (lenient)"],
    )
    for passage in sorted(set(predicted) | set(gold)):
        p, g = predicted.get(passage, set()), gold.get(passage, set())
        strict.add(set(p), set(g))
        lenient.add({_lenient(a) for a in p}, {_lenient(a) for a in g})


def _modalities(evaluation: Evaluation, candidates: list[Candidate], gold: list[tuple[str, set[Atom], str]]) -> None:
    for passage, atoms, modality in gold:
        for candidate in candidates:
            if str(candidate.passage) == passage and candidate.atoms() & atoms:
                evaluation.modality_compared += 1
                evaluation.modality_agree += str(candidate.modality) == modality
                break


# --- the curated claims of a data directory ---------------------------------------------------


def _curated(data_dir: Path) -> tuple[dict[str, set[Atom]], dict[str, set[str]], list[tuple[str, set[Atom], str]]]:
    """Per passage: in-scope atoms, entities used; and (passage, atoms, modality) per claim."""
    dataset = Dataset()
    for path in sorted((data_dir / "claims").glob("*.trig")):
        dataset.parse(path, format="trig")
    description = dataset.default_graph
    types: dict[Node, URIRef] = {}
    contents: dict[URIRef, Graph] = {}
    for claim in description.subjects(RDF.type, COI.Claim):
        if isinstance(claim, URIRef):
            contents[claim] = dataset.graph(claim)
            for s, _, o in contents[claim].triples((None, RDF.type, None)):
                if isinstance(s, URIRef) and isinstance(o, URIRef):
                    types[s] = o
    atoms: dict[str, set[Atom]] = defaultdict(set)
    entities: dict[str, set[str]] = defaultdict(set)
    claims: list[tuple[str, set[Atom], str]] = []
    for claim, content in contents.items():
        passage = str(description.value(claim, COI.passage))
        triples = set(content) | {(s, RDF.type, types[s]) for s, _, _ in content if s in types}
        triples |= {(o, RDF.type, types[o]) for _, _, o in content if isinstance(o, URIRef) and o in types}
        found = {a for a in content_atoms(triples) if in_scope(a)}  # type: ignore[arg-type]
        atoms[passage] |= found
        modality = str(description.value(claim, COI.modality))
        if found:
            claims.append((passage, found, modality))
        for s, p, o in content:
            for node in (s, o):
                if isinstance(node, URIRef) and node not in types and p != RDF.type and "/id/entity/" in str(node):
                    entities[passage].add(str(node))
    return atoms, entities, claims


def evaluate_curated(data_dir: Path, gazetteer: Gazetteer) -> Evaluation:
    """Mentions and candidates of every filed document against the curated claims of ``data_dir``."""
    evaluation = Evaluation()
    gold_atoms, gold_entities, gold_claims = _curated(data_dir)
    for text_path in sorted((data_dir / "documents").glob("*.txt")):
        source = open_source(text_path, data_dir)
        candidates = Extractor(source.doc, source.parsed, gazetteer).run()
        found: dict[str, set[str]] = defaultdict(set)
        extractor = Extractor(source.doc, source.parsed, gazetteer)
        for parsed_passage in source.parsed.passages:
            iri = f"{extractor.prefix}p{parsed_passage.ordinal}"
            found[iri] = {m.entity for m in find(parsed_passage.text, gazetteer, candidates=False) if m.entity}
        passages = set(found)
        entity_score = evaluation.scores["curated: entities of the claims, per passage"]
        for passage in sorted(passages):
            entity_score.add({(passage, e) for e in found[passage]},
                             {(passage, e) for e in gold_entities.get(passage, set())})  # fmt: skip
        predicted = _candidate_atoms(candidates)
        _compare_claims(evaluation, "curated", predicted, {p: a for p, a in gold_atoms.items() if p in passages})
        _modalities(evaluation, candidates, [c for c in gold_claims if c[0] in passages])
    return evaluation


# --- hand annotations -------------------------------------------------------------------------


def _expand(value: str) -> str:
    prefix, _, local = value.partition(":")
    if prefix in PREFIXES and not value.startswith("http"):
        return PREFIXES[prefix] + local
    return value


def evaluate_annotations(annotations: Path, data_dir: Path, gazetteer: Gazetteer,
                         evaluation: Evaluation | None = None) -> Evaluation:  # fmt: skip
    """Mentions (exact spans and entities) and candidates against hand annotations."""
    evaluation = evaluation or Evaluation()
    try:
        data = json.loads(annotations.read_text(encoding="utf-8"))
        documents = data["documents"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InputError(Location(annotations), f"not an annotations file: {exc}") from exc
    for name, gold in sorted(documents.items()):
        path = annotations.parent / name
        source: Source = open_source(path, data_dir)
        content = source.content
        for index, mention in enumerate(gold["mentions"]):
            if content[mention["start"] : mention["end"]] != mention["text"]:
                raise InputError(Location(annotations), f"{name}: mention {index + 1} ({mention['text']!r}) "
                                 f"does not match the text at {mention['start']}-{mention['end']}")  # fmt: skip
        found = find(content, gazetteer, candidates=True)
        predicted_spans = {(m.start, m.end, m.entity) for m in found if m.entity}
        gold_spans = {(m["start"], m["end"], _expand(m["entity"])) for m in gold["mentions"] if m["entity"]}
        evaluation.scores["annotated: mentions (span and entity)"].add(predicted_spans, gold_spans)  # type: ignore[arg-type]
        evaluation.scores["annotated: new names (no entity), by span"].add(
            {(m.start, m.end) for m in found if m.entity is None},
            {(m["start"], m["end"]) for m in gold["mentions"] if not m["entity"]},
        )
        candidates = Extractor(source.doc, source.parsed, gazetteer).run()
        extractor_prefix = Extractor(source.doc, source.parsed, gazetteer).prefix
        gold_atoms: dict[str, set[Atom]] = defaultdict(set)
        gold_claims: list[tuple[str, set[Atom], str]] = []
        skipped = 0
        for claim in gold["claims"]:
            passage = f"{extractor_prefix}p{claim['passage']}"
            atoms = {tuple(_expand(x) for x in atom) for atom in claim["atoms"]}
            atoms = {a for a in atoms if in_scope(a)}  # type: ignore[arg-type]
            if not atoms:
                skipped += 1
                continue
            gold_atoms[passage] |= atoms  # type: ignore[arg-type]
            gold_claims.append((passage, atoms, str(COI[claim["modality"].capitalize()])))  # type: ignore[arg-type]
        if skipped:
            evaluation.notes.append(
                f"{name}: {skipped} annotated claim(s) have no participant in the registry; not scored"
            )
        _compare_claims(evaluation, "annotated", _candidate_atoms(candidates), gold_atoms)
        _modalities(evaluation, candidates, gold_claims)
    return evaluation
