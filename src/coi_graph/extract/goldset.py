"""Measure extraction against a gold set in the development set's JSON format (``gold/*.json``).

Each gold file names its document (``file``, relative to the gold set's root), its entities with
every mention's offsets, and its relations with evidence, modality, date and footnote labels. The
measures:

* **mentions**: recall and precision of mention spans (exact offsets), and **linking**: of the
  mentions found, the share linked to the right entity;
* **entities** and **relations**: exactly as the set's own scorer (``tools/score.py``) counts them:
  names matched through the gold entity's canonical name and surface forms; relation recall over the
  required relations, precision against required and optional ones; footnote agreement;
* **modality** accuracy on matched relations, and **dates** agreement where both give one.

Predictions are written in the scorer's format (:func:`prediction`), so that the scorer run on them
gives the same figures as :func:`score_document` (a test checks this).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coi_graph.extract.ents import Ent
from coi_graph.extract.gazetteer import Gazetteer
from coi_graph.extract.records import Extraction, Relation

EQUIV = {"strikes": "attacks", "present_in": "stationed_at", "made_statement": "states"}
SYMMETRIC = {"allied_with", "meets_with"}
TYPE_NAMES = {
    "person": "Person", "state": "State", "country": "Country", "government": "Government", "group": "ArmedGroup",
    "organisation": "Organisation", "publisher": "Publisher", "region": "Region", "admin": "Governorate",
    "city": "City", "facility": "MilitaryBase",
}  # fmt: skip


def norm(text: str | None) -> str:
    """The scorer's normalisation: ASCII, lower case, no possessive, no punctuation, no the/al/el."""
    value = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower()
    value = re.sub(r"[’'`]s\b", "", value)
    value = re.sub(r"[^a-z0-9 ]+", " ", value)
    value = re.sub(r"\b(the|al|el)\b", " ", value)
    return " ".join(value.split())


def _canonical_aliases(entity: dict[str, Any]) -> set[str]:
    out = {entity["canonical"]}
    match = re.match(r"(.*?)\s*\((.*?)\)\s*$", entity["canonical"])
    if match:
        out |= {match.group(1), match.group(2)}
    return {norm(a) for a in out if norm(a)}


def gold_aliases(entity: dict[str, Any]) -> set[str]:
    """The scorer's aliases of a gold entity: canonical name, its parts around a bracket, surface forms."""
    return _canonical_aliases(entity) | {norm(a) for a in entity["surface_forms"] if norm(a)}


def alias_map(gold: dict[str, Any]) -> dict[str, str]:
    amap: dict[str, str] = {}
    for entity in gold["entities"]:  # canonical names take priority over surface forms
        for alias in _canonical_aliases(entity):
            amap.setdefault(alias, entity["id"])
    for entity in gold["entities"]:
        for alias in gold_aliases(entity):
            amap.setdefault(alias, entity["id"])
    return amap


def _rel_class(relation: str) -> str:
    return EQUIV.get(relation, relation)


def _key(s: str | None, r: str, o: str | None) -> tuple[str | None, str, str | None]:
    r = _rel_class(r)
    if r in SYMMETRIC and s and o:
        s, o = sorted([s, o])
    return (s, r, o)


# --- predictions in the scorer's format ------------------------------------------------------------


def scheme_ent(ent: Ent) -> Ent:
    """The entity as the scheme counts it: a state's armed force is the state ("U.S. forces")."""
    return ent.acts_for or ent


def entity_name(ent: Ent) -> str:
    """The name of an entity as the document writes it: its label if the text uses it, else its most
    frequent surface form (a possessive dropped)."""
    if ent.unnamed or not ent.surfaces or any(norm(s) == norm(ent.label) for s in ent.surfaces):
        return ent.label
    counts = Counter(norm(s) for s in ent.surfaces)
    best = max(ent.surfaces, key=lambda s: (counts[norm(s)], len(s)))
    return re.sub(r"['’]s$", "", best)


def entity_type(ent: Ent, extraction: Extraction) -> str:
    if ent.category == "facility" and ent.type_name in ("oil field", "gas field", "OilField"):
        return "OilField"
    if ent.category == "facility" and ent.type_name in ("airport", "Airport"):
        return "Region"
    if ent.category == "state":
        as_actor = any(r.subject is ent or (r.object is ent and r.relation not in (
            "present_in", "stationed_at", "located_in", "controls", "withdraws_from", "reinforces"))
            for r in extraction.relations)  # fmt: skip
        return "State" if as_actor else "Country"
    return TYPE_NAMES.get(ent.category, "Organisation")


def predicted_relations(extraction: Extraction) -> list[Relation]:
    """The relations a prediction holds: no negated ones (the scheme has no negation)."""
    return [r for r in extraction.relations if r.modality != "negated"]


def prediction(extraction: Extraction) -> dict[str, Any]:
    """The scorer's JSON: one entity per mentioned entity, one relation per (subject, relation, object)."""
    mentioned = {scheme_ent(m.ent).iri: scheme_ent(m.ent) for m in extraction.mentions}
    entities = [{"name": entity_name(e), "type": entity_type(e, extraction)}
                for e in sorted(mentioned.values(), key=lambda e: e.iri)]  # fmt: skip
    merged: dict[tuple[str, str, str | None], dict[str, Any]] = {}
    for relation in predicted_relations(extraction):
        subject = entity_name(scheme_ent(relation.subject))
        obj = entity_name(scheme_ent(relation.object)) if relation.object else None
        if subject == obj:
            continue
        key = (subject, relation.relation, obj)
        record = merged.setdefault(key, {"subject": subject, "relation": relation.relation, "object": obj,
                                         "footnotes": [], "modality": relation.modality,
                                         "date": relation.when.iso if relation.when else None,
                                         "rule": relation.rule})  # fmt: skip
        for label in relation.footnotes:
            if label not in record["footnotes"]:
                record["footnotes"].append(label)
    return {"entities": entities, "relations": list(merged.values())}


# --- scoring ---------------------------------------------------------------------------------------


@dataclass
class DocScore:
    name: str
    counts: Counter[str] = field(default_factory=Counter)
    by_relation: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    errors: list[str] = field(default_factory=list)


def score_document(name: str, gold: dict[str, Any], pred: dict[str, Any], extraction: Extraction | None) -> DocScore:
    """The scorer's counts for one document, and mention, linking, modality and date counts."""
    result = DocScore(name)
    c = result.counts
    amap = alias_map(gold)
    types = {e["id"]: {e["type"], *e.get("alt_types", [])} for e in gold["entities"]}
    predicted = [(amap.get(norm(p.get("name"))), p.get("type")) for p in pred.get("entities", [])]
    hits = {i for i, _ in predicted if i}
    c["ent_tp"] += len(hits)
    c["ent_gold"] += len(gold["entities"])
    c["ent_pred"] += len(predicted)
    c["ent_pred_ok"] += sum(1 for i, _ in predicted if i)
    c["type_ok"] += sum(1 for i, t in predicted if i and t in types[i])
    gold_keys = [
        (_key(g["subject_id"] or g["subject"], g["relation"], g.get("object_id")), g) for g in gold["relations"]
    ]
    matched_required: set[str] = set()
    for g in gold["relations"]:
        relation = _rel_class(g["relation"])
        if g["required"]:
            c["rel_req"] += 1
            result.by_relation[relation]["gold"] += 1
    for p in pred.get("relations", []):
        s = amap.get(norm(p.get("subject")))
        o = amap.get(norm(p.get("object"))) if p.get("object") else None
        k = _key(s, p.get("relation", ""), o)
        relation = _rel_class(p.get("relation", ""))
        c["rel_pred"] += 1
        result.by_relation[relation]["predicted"] += 1
        candidates = [(kk, g) for kk, g in gold_keys if kk == k or (g.get("object_id") is None and kk[:2] == k[:2])]
        if not (s and candidates):
            result.errors.append(f"wrong: {p.get('subject')} {p.get('relation')} {p.get('object')} [{p.get('rule')}]")
            continue
        c["rel_pred_ok"] += 1
        result.by_relation[relation]["correct"] += 1
        for _, g in candidates:
            if g["required"]:
                matched_required.add(g["id"])
        with_notes = [g for _, g in candidates if g["footnotes"]]
        if with_notes:
            c["fn_n"] += 1
            labels = set(map(str, p.get("footnotes", [])))
            c["fn_ok"] += any(labels & set(g["footnotes"]) for g in with_notes)
        best = next((g for kk, g in candidates if kk == k), candidates[0][1])
        c["mod_n"] += 1
        agrees = _modality_agrees(p.get("modality"), best["modality"])
        c["mod_ok"] += agrees
        if not agrees:
            result.errors.append(
                f"modality {p.get('modality')} (gold {best['modality']}): {p.get('subject')} "
                f"{p.get('relation')} {p.get('object')} :: {best['sentence'][:90]}"
            )
        if best.get("date") and p.get("date"):
            c["date_n"] += 1
            c["date_ok"] += p["date"] == best["date"]
    c["rel_req_found"] += len(matched_required)
    for g in gold["relations"]:
        if g["required"] and g["id"] in matched_required:
            result.by_relation[_rel_class(g["relation"])]["found"] += 1
        elif g["required"]:
            result.errors.append(f"missed: {g['subject']} {g['relation']} {g.get('object')} :: {g['sentence'][:100]}")
    if extraction is not None:
        _score_mentions(gold, extraction, amap, c)
    return result


def _modality_agrees(predicted: str | None, gold: str) -> bool:
    return (predicted or "asserted") == gold


def _score_mentions(gold: dict[str, Any], extraction: Extraction, amap: dict[str, str], c: Counter[str]) -> None:
    gold_spans = {(m["start"], m["end"]): e["id"] for e in gold["entities"] for m in e["mentions"]}
    ours = {(m.start, m.end): m.ent for m in extraction.mentions}
    c["men_gold"] += len(gold_spans)
    c["men_pred"] += len(ours)
    matched = [(span, gold_spans[span], ours[span]) for span in ours if span in gold_spans]
    c["men_ok"] += len(matched)
    # an entity's gold counterpart: by its names where they settle it, else by its matched mentions
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for _, gold_id, ent in matched:
        votes[ent.iri][gold_id] += 1
    for _, gold_id, ent in matched:
        by_name = {amap[norm(n)] for n in [ent.label] if norm(n) in amap}
        counterpart = next(iter(by_name)) if len(by_name) == 1 else votes[ent.iri].most_common(1)[0][0]
        c["link_n"] += 1
        c["link_ok"] += counterpart == gold_id


def ratio(a: int, b: int) -> float | None:
    return a / b if b else None


def figures(counts: Counter[str]) -> dict[str, float | None]:
    return {
        "mention recall": ratio(counts["men_ok"], counts["men_gold"]),
        "mention precision": ratio(counts["men_ok"], counts["men_pred"]),
        "linking accuracy": ratio(counts["link_ok"], counts["link_n"]),
        "entity recall": ratio(counts["ent_tp"], counts["ent_gold"]),
        "entity precision": ratio(counts["ent_pred_ok"], counts["ent_pred"]),
        "type accuracy": ratio(counts["type_ok"], counts["ent_pred_ok"]),
        "relation recall (required)": ratio(counts["rel_req_found"], counts["rel_req"]),
        "relation precision": ratio(counts["rel_pred_ok"], counts["rel_pred"]),
        "modality accuracy": ratio(counts["mod_ok"], counts["mod_n"]),
        "footnote agreement": ratio(counts["fn_ok"], counts["fn_n"]),
        "date agreement": ratio(counts["date_ok"], counts["date_n"]),
    }


def read_gold(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


# --- a whole gold set ------------------------------------------------------------------------------


@dataclass
class GoldRun:
    """The counts over a gold set, per document and per relation type, and the predictions made."""

    documents: list[DocScore] = field(default_factory=list)
    predictions: dict[str, dict[str, Any]] = field(default_factory=dict)

    def totals(self, names: set[str] | None = None) -> Counter[str]:
        total: Counter[str] = Counter()
        for doc in self.documents:
            if names is None or doc.name in names:
                total.update(doc.counts)
        return total

    def by_relation(self) -> dict[str, Counter[str]]:
        merged: dict[str, Counter[str]] = defaultdict(Counter)
        for doc in self.documents:
            for relation, counts in doc.by_relation.items():
                merged[relation].update(counts)
        return dict(merged)


def select(paths: list[Path], pattern: str | None) -> list[Path]:
    """The gold files whose names start with one of ``pattern``'s comma-separated ids or ranges
    ("D01-D15", "D16,D18"); all of them without a pattern."""
    if not pattern:
        return paths
    chosen: list[Path] = []
    for path in paths:
        doc_id = path.name.split("_", 1)[0]
        for part in pattern.split(","):
            part = part.strip()
            if "-" in part:
                low, high = part.split("-", 1)
                if low <= doc_id <= high:
                    chosen.append(path)
                    break
            elif doc_id.startswith(part):
                chosen.append(path)
                break
    return chosen


def run(gold_dir: Path, gazetteer: Gazetteer, *, pattern: str | None = None,
        progress: Callable[[str], None] | None = None) -> GoldRun:  # fmt: skip
    """Extract every document of a gold set and score it."""
    from coi_graph.documents import layouts
    from coi_graph.documents.dates import TimeValue
    from coi_graph.documents.text import read_text
    from coi_graph.extract.engine import Extractor

    result = GoldRun()
    root = gold_dir.parent
    for path in select(sorted(gold_dir.glob("*.json")), pattern):
        gold = read_gold(path)
        document = root / gold["file"]
        content = read_text(document)
        parsed = layouts.read(content).parsed
        if parsed.date is None and gold.get("doc_date"):
            parsed.date = TimeValue.from_lexical(str(gold["doc_date"]).split("/")[0])
        extraction = Extractor(parsed, gazetteer, content=content).run()
        pred = prediction(extraction)
        result.predictions[path.name] = pred
        result.documents.append(score_document(path.name, gold, pred, extraction))
        if progress is not None:
            progress(path.name)
    return result


def _row(scope: str, documents: int, counts: Counter[str]) -> dict[str, object]:
    found = figures(counts)

    def cell(name: str) -> object:
        value = found[name]
        return None if value is None else round(value, 3)

    return {
        "scope": scope, "documents": documents, "mention_recall": cell("mention recall"),
        "mention_precision": cell("mention precision"), "linking": cell("linking accuracy"),
        "relation_recall": cell("relation recall (required)"), "relation_precision": cell("relation precision"),
        "modality": cell("modality accuracy"), "footnotes": cell("footnote agreement"), "dates": cell("date agreement"),
        "entity_recall": cell("entity recall"), "entity_precision": cell("entity precision"),
    }  # fmt: skip


def table(result: GoldRun) -> list[dict[str, object]]:
    """Rows for the whole set, each relation type (relation figures only) and each document."""
    rows = [_row("all", len(result.documents), result.totals())]
    for relation, counts in sorted(result.by_relation().items()):
        row: dict[str, object] = {"scope": f"relation {relation}", "documents": len(result.documents)}
        row["relation_recall"] = round(counts["found"] / counts["gold"], 3) if counts["gold"] else None
        row["relation_precision"] = round(counts["correct"] / counts["predicted"], 3) if counts["predicted"] else None
        rows.append(row)
    for doc in result.documents:
        rows.append(_row(f"document {doc.name.split('_', 1)[0]}", 1, doc.counts))
    return rows
