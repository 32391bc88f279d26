"""The workbench's JSON API: an action performed from a request's fields, its result as a status and JSON, and
the schema and candidate fields the page needs."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from coi_graph.errors import CoiGraphError
from coi_graph.namespaces import CANDIDATE
from coi_graph.workbench.fields import MODALITIES, PRECISIONS, Schema
from coi_graph.workbench.view import DocumentView

if TYPE_CHECKING:
    from coi_graph.workbench.server import Config


class Refused(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def write_support(config: Config) -> tuple[bool, str]:
    """Whether the page's write keys work, and if not why."""
    if not config.reviewer:
        return False, "Read only: start the workbench with --reviewer NAME to accept, reject or edit candidates."
    return True, ""


def result_json(result: Any) -> tuple[int, dict[str, Any]]:
    """An action's result (:class:`coi_graph.workbench.actions.ActionResult`) as the page reads it: 200 when
    done, 422 with the violations, field by field, when refused (nothing written)."""
    violations = [{"field": v.field, "message": v.message} for v in result.violations]
    data = {
        "ok": result.ok, "action": result.action, "message": result.render(), "violations": violations,
        "written": [str(p) for p in result.written], "claims": [str(c) for c in result.claims],
        "entity": str(result.entity) if result.entity is not None else None, "notes": list(result.notes),
        "proposals": [{"entity": str(d.entity), "qid": d.qid, "score": d.score, "method": d.method,
                       "status": "candidate"} for d in result.proposals],
        "unconfirmed": [{"entity": iri, "label": label, "type": kind} for iri, label, kind in result.unconfirmed],
    }  # fmt: skip
    if not result.ok:
        data["error"] = result.render()
    return (200 if result.ok else 422), data


def _text(data: dict[str, Any], name: str, default: str = "") -> str:
    value = data.get(name, default)
    if not isinstance(value, str):
        raise Refused(400, f"{name} must be text")
    return value


def _edits(data: dict[str, Any]) -> dict[str, str]:
    edits = data.get("edits") or {}
    if not isinstance(edits, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in edits.items()):
        raise Refused(400, 'edits must be an object of texts: {"object": "ent:sdf", "modality": "reported"}')
    return edits


def perform(bench: Any, action: str, arguments: dict[str, Any]) -> Any:
    """Call the write side for one request of the page."""
    if action in ("accept", "reject", "edit"):
        candidate = str(CANDIDATE[f"{arguments['doc']}/{arguments['number']}"])
        if action == "accept":
            # the entities the extractor proposed go into the registry only when the analyst confirms them
            confirm = arguments.get("confirm_entities") is True
            return bench.accept(candidate, _edits(arguments), confirm_entities=confirm)
        if action == "reject":
            return bench.reject(candidate, _text(arguments, "reason"))
        return bench.edit(candidate, _edits(arguments))
    if action == "add_claim":
        start, end = arguments.get("start"), arguments.get("end")
        if not all(v is None or isinstance(v, int) for v in (start, end)):
            raise Refused(400, "start and end must be numbers")
        fields = arguments.get("fields") or {}
        if not isinstance(fields, dict) or not all(isinstance(v, str) for v in fields.values()):
            raise Refused(400, "fields must be an object of texts")
        return bench.add_claim(_text(arguments, "doc"), _text(arguments, "passage"), start, end, fields=fields)
    if action == "create_entity":
        aliases = arguments.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise Refused(400, "aliases must be a list of texts")
        return bench.create_entity(_text(arguments, "type"), _text(arguments, "label"), aliases)
    if action == "nothing_to_claim":
        return bench.nothing_to_claim(_text(arguments, "doc"), _text(arguments, "sentence"), _text(arguments, "reason"))
    if action == "undo":
        return bench.undo()
    raise Refused(404, f"no action {action!r}")


def schema_json(schema: Schema) -> dict[str, Any]:
    """The write side's schema (:class:`coi_graph.workbench.fields.Schema`) as the page's forms need it."""
    from coi_graph.namespaces import short
    from coi_graph.vocab import COI

    def end(cls: Any) -> dict[str, str] | None:
        return None if cls is None else {"iri": short(str(cls)), "label": schema.label(cls)}

    relations = []
    for relation in sorted((*schema.relations, *schema.events), key=lambda r: schema.label(r).casefold()):
        subject, obj = schema.ends(relation)
        relations.append({"iri": short(str(relation)), "label": schema.label(relation),
                          "event": relation in schema.events, "subject": end(subject), "object": end(obj)})  # fmt: skip
    kinds = sorted((c for c in schema.entity_classes if c not in (COI.Entity, COI.Actor, COI.Place)),
                   key=lambda c: schema.label(c).casefold())  # fmt: skip
    return {
        "relations": relations, "modalities": list(MODALITIES), "precisions": list(PRECISIONS),
        "types": [{"iri": short(str(c)), "label": schema.label(c)} for c in kinds],
    }  # fmt: skip


def candidate_fields(view: DocumentView, schema: Schema) -> dict[int, dict[str, str]]:
    """The fields of each candidate of the document's draft as the edit form shows them: subject, relation and
    object when its content is one relation, dates with their precision, modality, attribution, quote."""
    from coi_graph.extract import draft
    from coi_graph.namespaces import short
    from coi_graph.workbench.fields import PRECISION_OF, content_of, time_fields

    path = Path(view.draft_path)
    if not path.is_file():
        return {}
    try:
        _, candidates = draft.read(path)
    except CoiGraphError:
        return {}
    labels: dict[str, str] = {}
    for shown in view.candidates:
        for t in shown.triples:
            for iri_, label in ((t.subject, t.subject_label), (t.object, t.object_label)):
                if label:
                    labels.setdefault(iri_, label)
    found: dict[int, dict[str, str]] = {}
    for d in candidates:
        fields: dict[str, str] = {"modality": short(str(d.modality)).split(":", 1)[-1].lower(), "quote": d.quote,
                                  "time_expression": d.time_expression or "",
                                  "footnotes": " ".join(d.footnote_labels)}  # fmt: skip
        content = content_of(d.triples, schema)
        if content is not None:
            fields["relation"] = short(str(content.relation))
            for name, term in (("subject", content.subject), ("object", content.object)):
                if term is not None:
                    fields[name], fields[f"{name}_label"] = short(str(term)), labels.get(str(term), short(str(term)))
        start, end = time_fields(d)
        for name, value in (("start", start), ("end", end)):
            if value is not None:
                fields[name] = str(value)
                fields[f"{name}_precision"] = PRECISION_OF.get(value.datatype, "") if value.datatype else ""
        if d.attributed_to is not None:
            fields["attributed_to"] = short(str(d.attributed_to))
            fields["attributed_to_label"] = labels.get(str(d.attributed_to), short(str(d.attributed_to)))
        found[d.number] = fields
    return found
