"""The analyst's actions over a data directory: accept, reject or edit a candidate, add a claim from a span of
text, create an entity, undo. The write side of the workbench; the web server and the spreadsheet import call it.

Every action is planned in memory, checked field by field (:mod:`coi_graph.workbench.fields`), then validated
with the build's loader and SHACL shapes over a scratch copy of the data directory with the planned files in
place (:func:`coi_graph.compile.pipeline.validate_changes`, as ``coi-graph review`` does). Only an action with no
violation writes, each file atomically; a refused action leaves every file byte for byte as it was, and says
what is wrong, field by field. Claims are written by the writer ``review`` uses
(:func:`coi_graph.extract.review.append_claims`): same file, same form, same bytes for the same decision.

Candidates stay in their draft, ``data/drafts/<document id>.trig`` (:func:`draft_path`), which the build never
reads; only accepted candidates and added claims reach ``data/claims/``, with ``coi:reviewedBy`` and
``coi:reviewedOn``. :meth:`Workbench.undo` puts back the files of the last action, from the bytes the workbench
kept in memory (no journal on disk).
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS

from coi_graph.compile.inventory import DRAFTS
from coi_graph.compile.pipeline import validate_changes
from coi_graph.errors import CoiGraphError
from coi_graph.extract import draft
from coi_graph.extract.draft import DraftCandidate
from coi_graph.extract.review import (
    REVIEWED_ENTITIES,
    ToFile,
    accepted_note,
    append_claims,
    claims_file,
    entities_text,
    write_changes,
)
from coi_graph.fsutil import atomic_write
from coi_graph.link import model as links
from coi_graph.namespaces import CANDIDATE, DOC, ENT, short
from coi_graph.vocab import COI
from coi_graph.workbench.documents import Documents
from coi_graph.workbench.fields import Entities, FieldError, Schema, Violation, apply_edits, iri

DEFAULT_CACHE = Path(".cache/coi-graph/http")


def draft_path(data_dir: Path, doc: URIRef | str) -> Path:
    """The draft of document ``doc`` (its IRI, or the last segment of it): ``drafts/<id>.trig``, or another
    draft in ``drafts/`` whose header names the document."""
    return find_draft(data_dir / DRAFTS, doc)


def find_draft(folder: Path, doc: URIRef | str) -> Path:
    """The draft of document ``doc`` in ``folder``: ``<id>.trig``, or another draft whose header names it."""
    doc_id = str(doc).rsplit("/", 1)[-1]
    default = folder / f"{doc_id}.trig"
    if default.is_file() or not folder.is_dir():
        return default
    wanted = f"# document <{DOC[doc_id]}>"
    for path in sorted(folder.glob("*.trig")):
        with path.open(encoding="utf-8", errors="replace") as handle:
            if wanted in [handle.readline().rstrip("\n") for _ in range(3)]:
                return path
    return default


@dataclass
class ActionResult:
    """What an action did: ``ok``, the files written, or the violations that refused it (nothing written)."""

    action: str
    ok: bool
    written: list[Path] = field(default_factory=list)
    violations: list[Violation] = field(default_factory=list)
    claims: list[URIRef] = field(default_factory=list)  # the claims filed
    entity: URIRef | None = None  # the entity created
    proposals: list[links.Decision] = field(default_factory=list)  # Wikidata matches proposed, status candidate
    notes: list[str] = field(default_factory=list)
    # refused only because the candidate uses entities the extractor proposed: (IRI, label, type) of each, to
    # show the analyst, who may confirm them (accept again with ``confirm_entities``)
    unconfirmed: list[tuple[str, str, str]] = field(default_factory=list)

    def render(self) -> str:
        if not self.ok:
            return "\n".join(f"refused: {v.render()}" for v in self.violations)
        done = [f"{self.action}: wrote {', '.join(str(p) for p in self.written) or 'nothing'}"]
        return "\n".join(done + self.notes)


@dataclass(frozen=True)
class Decision:
    """One decision of a batch (:meth:`Workbench.apply`): ``accept`` (with ``edits``) or ``reject``."""

    candidate: str
    action: str
    edits: Mapping[str, str] = field(default_factory=dict)
    reason: str = ""
    draft: Path | None = None
    row: int | None = None
    columns: Mapping[str, str] = field(default_factory=dict)  # field -> spreadsheet column, for messages


class _Plan:
    """Files as an action would leave them, in memory; ``trial``: files validated but not written."""

    def __init__(self) -> None:
        self.texts: dict[Path, str] = {}
        self.trial: dict[Path, str] = {}
        self.violations: list[Violation] = []
        self.owners: dict[str, tuple[int | None, str]] = {}  # short IRI -> (row, field)
        self.claims: list[URIRef] = []
        self.unconfirmed: list[tuple[str, str, str]] = []

    def read(self, path: Path) -> str | None:
        if path in self.texts:
            return self.texts[path]
        return path.read_text(encoding="utf-8") if path.is_file() else None


@dataclass
class _Undo:
    action: str
    files: list[tuple[Path, bytes | None, bytes]]  # path, bytes before, bytes written


class Workbench:
    """The actions of one analyst (``reviewer``, recorded with the ``day`` on everything they decide) over
    ``data_dir``. Wikidata matches for created entities come from the HTTP cache (``cache_dir``) only, unless
    ``allow_network``. Thread-safe: one action at a time."""

    def __init__(self, data_dir: Path, reviewer: str, day: date | None = None, *,
                 cache_dir: Path | None = DEFAULT_CACHE,
                 allow_network: bool = False, endpoint: str | None = None, api: str | None = None) -> None:  # fmt: skip
        if not reviewer.strip():
            raise CoiGraphError("the workbench records who decided: give the reviewer's name")
        self.data_dir = data_dir
        self.reviewer = reviewer.strip()
        self._day = day
        self.cache_dir, self.allow_network, self.endpoint, self.api = cache_dir, allow_network, endpoint, api
        self.schema = Schema.load()
        self.documents = Documents(data_dir)
        self.history: list[_Undo] = []
        self._lock = threading.Lock()
        self._baseline: dict[tuple[tuple[str, int, int], ...], set[tuple[str, str, str | None, str | None]]] = {}

    @property
    def day(self) -> date:
        """The day recorded on what is decided: the one given, or today's (a server left running over midnight
        records the next day's decisions on the next day)."""
        return self._day or date.today()

    # --- the actions ----------------------------------------------------------------------------------

    def accept(self, candidate: str, edits: Mapping[str, str] | None = None, *, draft: Path | None = None,
               confirm_entities: bool = True) -> ActionResult:  # fmt: skip
        """File the candidate (with ``edits`` made) as a claim; the proposed entities it uses are confirmed into
        data/entities/reviewed.ttl unless ``confirm_entities`` is false, when such a candidate is refused."""
        return self.apply([Decision(candidate, "accept", edits or {}, draft=draft)], action="accept",
                          confirm_entities=confirm_entities)  # fmt: skip

    def reject(self, candidate: str, reason: str, *, draft: Path | None = None) -> ActionResult:
        """Mark the candidate rejected in its draft, with the reason, the reviewer and the day."""
        return self.apply([Decision(candidate, "reject", reason=reason, draft=draft)], action="reject")

    def edit(self, candidate: str, edits: Mapping[str, str], *, draft: Path | None = None) -> ActionResult:
        """Change fields of a pending candidate in its draft, without accepting it; checked as if accepted."""
        return self.apply([Decision(candidate, "edit", edits, draft=draft)], action="edit")

    def apply(self, decisions: Sequence[Decision], *, action: str = "apply", confirm_entities: bool = True,
              dry_run: bool = False) -> ActionResult:  # fmt: skip
        """Several decisions as one action: all are written, or none (a spreadsheet's rows)."""
        with self._lock:
            plan = _Plan()
            for decision in decisions:
                self._decide(plan, decision, confirm_entities)
            return self._commit(plan, action, dry_run=dry_run)

    def add_claim(self, doc: str, passage: str, start: int | None = None, end: int | None = None, *,
                  fields: Mapping[str, str]) -> ActionResult:  # fmt: skip
        """File a claim the extractor did not propose, from the span ``start:end`` of the text of ``passage`` (or
        of the sentence, when ``passage`` names one; the whole of it without offsets). ``fields``: relation,
        subject, object, modality (default stated) and optional dates, attribution, time expression. The quote,
        sentence, offsets and the footnotes whose markers stand in or right after the span (else the next markers in
        its sentence: a marker backs the words before it) are filled in."""
        with self._lock:
            plan = _Plan()
            try:
                doc_iri = iri(doc, "document") if ":" in doc else DOC[doc]
                made = self.documents.span(doc_iri, iri(passage, "passage"), start, end)
            except FieldError as exc:
                plan.violations.append(exc.violation)
                return self._commit(plan, "add claim")
            base, span, offsets = made
            edits = {"modality": "stated", **fields}
            if not {"relation", "subject"} <= set(edits):
                plan.violations.append(Violation("relation", "give the relation and the subject (and the object)"))
                return self._commit(plan, "add claim")
            entities = self._entities(plan)
            seed = _local(doc_iri)
            claim, found = apply_edits(base, edits, schema=self.schema, entities=entities, span=span,
                                       published=self.documents.published(doc_iri), seed=seed)  # fmt: skip
            plan.violations += found
            if not found:
                note = (f"added in the workbench from {short(str(claim.passage))} [{offsets[0]}:{offsets[1]}] by "
                        f"{self.reviewer} on {self.day.isoformat()}")  # fmt: skip
                self._file(plan, doc_iri, claim, note, None, offsets)
            return self._commit(plan, "add claim")

    def nothing_to_claim(self, doc: str, sentence: str, reason: str) -> ActionResult:
        """Record that ``sentence`` (its IRI) of ``doc`` states nothing to claim, with the reason, the reviewer and
        the day, in data/drafts/<document id>.coverage.ttl (:mod:`coi_graph.workbench.coverage`)."""
        from coi_graph.workbench import coverage

        with self._lock:
            plan = _Plan()
            try:
                doc_iri = iri(doc, "document") if ":" in doc else DOC[doc]
                node = iri(sentence, "sentence")
                if self.documents.passage(doc_iri, node)[1] is None:
                    raise FieldError("sentence", f"{short(str(node))} is a passage: choose one of its sentences")
                if not reason.strip():
                    raise FieldError("reason", "say why the sentence states nothing to claim (a caption, a "
                                               "cross-reference, a heading read as a sentence, …)")  # fmt: skip
                path = coverage.decisions_path(self.data_dir / DRAFTS, _local(doc_iri))
                existing = plan.read(path)
                try:
                    decisions = coverage.parse(existing, path.as_uri()) if existing else {}
                except Exception as exc:  # rdflib raises many kinds
                    raise FieldError("sentence", f"{path} is not Turtle, nothing written: {exc}") from exc
            except FieldError as exc:
                plan.violations.append(exc.violation)
                return self._commit(plan, "nothing to claim")
            decisions[str(node)] = coverage.NothingToClaim(str(node), reason.strip(), self.reviewer, self.day)
            plan.texts[path] = coverage.render(_local(doc_iri), decisions.values())
            return self._commit(plan, "nothing to claim")

    def create_entity(self, type_: str, label: str, aliases: Sequence[str] = ()) -> ActionResult:
        """Add an entity to data/entities/reviewed.ttl, with the reviewer and the day, and propose the Wikidata
        items that match it, from the HTTP cache (the network only with ``allow_network``), as candidate links
        in data/links/wikidata.ttl: never confirmed automatically."""
        from coi_graph.workbench.entity import new_entity, propose_links

        with self._lock:
            plan = _Plan()
            entities = self._entities(plan)
            try:
                entity, graph = new_entity(self.schema, entities, type_, label, aliases)
            except FieldError as exc:
                plan.violations.append(exc.violation)
                return self._commit(plan, "create entity")
            path = self.data_dir / "entities" / REVIEWED_ENTITIES
            note = f"created in the workbench by {self.reviewer} on {self.day.isoformat()}"
            plan.texts[path] = entities_text(plan.read(path) or "", graph, reviewer=self.reviewer, day=self.day,
                                             note=note)  # fmt: skip
            plan.owners[short(entity)] = (None, "label")
            proposals, notes = propose_links(self, entity, graph)
            if proposals:
                link_path = self.data_dir / links.LINKS_FILE
                existing = links.read(Graph().parse(data=plan.read(link_path) or "", format="turtle"))
                plan.texts[link_path] = links.render(links.merge(existing, proposals))
            result = self._commit(plan, "create entity")
            if result.ok:
                result.entity, result.proposals = entity, proposals
            result.notes += notes
            return result

    def undo(self) -> ActionResult:
        """Put back the files the last action changed, as they were before it. Refused if one changed since."""
        with self._lock:
            if not self.history:
                return ActionResult("undo", False, violations=[Violation("undo", "nothing to undo")])
            last = self.history[-1]
            changed = [p for p, _, after in last.files if (p.read_bytes() if p.is_file() else None) != after]
            if changed:
                return ActionResult("undo", False, violations=[Violation(
                    "undo", f"{', '.join(map(str, changed))} changed since the {last.action}: undoing it would lose "
                    "that change; edit the file by hand")])  # fmt: skip
            for path, before, _ in last.files:
                if before is None:
                    path.unlink()
                else:
                    with atomic_write(path, "wb") as handle:
                        handle.write(before)
            self.history.pop()
            return ActionResult("undo", True, written=[p for p, _, _ in last.files], notes=[f"undid the {last.action}"])

    # --- planning -------------------------------------------------------------------------------------

    def _entities(self, plan: _Plan) -> Entities:
        from coi_graph.duplicates import read_registry

        registry, _ = read_registry(self.data_dir)
        found = Entities.of(registry)
        reviewed = self.data_dir / "entities" / REVIEWED_ENTITIES
        if reviewed in plan.texts:
            found.add(Graph().parse(data=plan.texts[reviewed], format="turtle"))
        return found

    def entities_for(self, draft_file: Path) -> Entities:
        """The entities the candidates of a draft may use: the registry's and those the draft proposes."""
        found = self._entities(_Plan())
        found.add(draft.proposed_entities(draft_file))
        return found

    def proposed_only(self, draft_file: Path) -> set[URIRef]:
        """The entities a draft proposes that the registry lacks: accepting a candidate that uses one files it."""
        return set(self.entities_for(draft_file).types) - set(self._entities(_Plan()).types)

    def locate(self, candidate: str, where: Path | None = None) -> tuple[Path, int]:
        """The draft a candidate (its IRI, e.g. cand:doc/3) stands in, and its number."""
        node = iri(candidate, "candidate")
        local, _, number = str(node).removeprefix(str(CANDIDATE)).rpartition("/")
        if not str(node).startswith(str(CANDIDATE)) or not number.isdigit() or not local:
            raise FieldError("candidate", f"{candidate!r} is not a candidate's IRI (cand:<document>/<number>)")
        path = where or draft_path(self.data_dir, local)
        if not path.is_file():
            raise FieldError("candidate", f"no draft of {local} at {path}: run 'coi-graph extract' with -o {path}")
        return path, int(number)

    def _decide(self, plan: _Plan, decision: Decision, confirm_entities: bool) -> None:
        def refuse(name: str, message: str) -> None:
            plan.violations.append(Violation(name, message, decision.row, decision.columns.get(name)))

        try:
            path, number = self.locate(decision.candidate, decision.draft)
            text = plan.read(path) or ""
            doc, candidates = draft.read(path, text)
        except FieldError as exc:
            return refuse(exc.violation.field, exc.violation.message)
        except CoiGraphError as exc:
            return refuse("candidate", exc.message)
        candidate = next((c for c in candidates if c.number == number), None)
        if candidate is None:
            return refuse("candidate", f"{path} has no candidate {number}")
        if candidate.status != COI.Pending:
            status = "accepted" if candidate.status == COI.Accepted else "rejected"
            return refuse("status", f"candidate {number} was {status} by {candidate.reviewed_by} on "
                                    f"{candidate.reviewed_on}; it is no longer pending")  # fmt: skip
        if decision.action not in ("accept", "reject", "edit"):
            return refuse("decision", f"{decision.action!r} is not a decision: accept, reject or edit")
        if decision.action == "reject":
            if not decision.reason.strip():
                return refuse("reason", "say why the candidate is rejected (the text does not say it, wrong entity…)")
            candidate.status, candidate.reason = COI.Rejected, decision.reason.strip()
            candidate.reviewed_by, candidate.reviewed_on = self.reviewer, self.day
            plan.texts[path] = self._render(path, text, doc, candidates)
            return None
        entities = self._entities(plan)
        proposed = draft.proposed_entities(path, text)
        entities.add(proposed)
        try:
            span, offsets = self.documents.candidate_span(doc, candidate)
        except FieldError as exc:
            return refuse(exc.violation.field, exc.violation.message)
        edited, found = apply_edits(candidate, decision.edits, schema=self.schema, entities=entities, span=span,
                                    published=self.documents.published(doc), seed=_local(doc))  # fmt: skip
        for violation in found:
            refuse(violation.field, violation.message)
        if found:
            return None
        used = {t for s, _, o in edited.triples for t in (s, o) if isinstance(t, URIRef)}
        if edited.attributed_to is not None:
            used.add(edited.attributed_to)
        new = sorted((e for e in used if (e, RDF.type, None) in proposed and e not in self._entities(plan).types),
                     key=str)  # fmt: skip
        if new and not confirm_entities:
            for entity in new:
                kind = proposed.value(entity, RDF.type)
                plan.unconfirmed.append((str(entity), str(proposed.value(entity, SKOS.prefLabel) or short(entity)),
                                         self.schema.label(kind) if isinstance(kind, URIRef) else ""))  # fmt: skip
            return refuse("subject", f"uses {', '.join(short(e) for e in new)}, which the registry lacks: confirm it "
                                     "or create the entity first")  # fmt: skip
        start_end = self.documents.quote_offsets(doc, edited, offsets)
        if decision.action == "edit":
            self._file(plan, doc, edited, "trial", decision.row, start_end, trial=True)
            candidates[candidates.index(candidate)] = edited
            plan.texts[path] = self._render(path, text, doc, candidates)
            return None
        if new:
            entity_path = self.data_dir / "entities" / REVIEWED_ENTITIES
            graph = Graph()
            for entity in new:
                for p, o in proposed.predicate_objects(entity):
                    graph.add((entity, p, o))
            plan.texts[entity_path] = entities_text(plan.read(entity_path) or "", graph, reviewer=self.reviewer,
                                                    day=self.day, draft=path.name)  # fmt: skip
        note = accepted_note(path.name, candidate, self.reviewer, self.day)
        claim = self._file(plan, doc, edited, note, decision.row, start_end)
        edited.status, edited.reviewed_by, edited.reviewed_on, edited.accepted_as = (
            COI.Accepted, self.reviewer, self.day, claim)  # fmt: skip
        candidates[candidates.index(candidate)] = edited
        plan.texts[path] = self._render(path, text, doc, candidates)
        return None

    def _render(self, path: Path, text: str, doc: URIRef, candidates: list[DraftCandidate]) -> str:
        source, name = draft.header_fields(text)
        return draft.render(doc, candidates, source=source, draft=name, proposed=draft.proposed_entities(path, text))

    def _file(self, plan: _Plan, doc: URIRef, claim: DraftCandidate, note: str, row: int | None,
              offsets: tuple[int, int] | None, *, trial: bool = False) -> URIRef:  # fmt: skip
        target = claims_file(self.data_dir, doc)
        texts = plan.trial if trial else plan.texts
        existing = texts[target] if target in texts else plan.read(target)
        text, made = append_claims(target, existing, doc, [ToFile(claim, note, offsets)], reviewer=self.reviewer,
                                   day=self.day)  # fmt: skip
        texts[target] = text
        plan.owners[short(made[0])] = (row, "claim")
        for s, _, o in claim.triples:
            for name, term in (("subject", s), ("object", o)):
                if isinstance(term, URIRef) and str(term).startswith(str(ENT)):
                    plan.owners.setdefault(short(term), (row, name))
        if not trial:
            plan.claims.append(made[0])
        return made[0]

    # --- validation and writing -----------------------------------------------------------------------

    def _commit(self, plan: _Plan, action: str, *, dry_run: bool = False) -> ActionResult:
        if plan.violations:
            return ActionResult(action, False, violations=plan.violations, unconfirmed=plan.unconfirmed)
        changes = {p: t for p, t in plan.texts.items() if (p.read_text(encoding="utf-8") if p.is_file() else None) != t}
        validated = {p: t for p, t in {**changes, **plan.trial}.items() if self._built(p)}
        if validated:
            report = validate_changes(self.data_dir, validated)
            new = self._new_violations(report)
            if new:
                return ActionResult(action, False, violations=[self._tie(plan, r) for r in new])
        if dry_run:
            return ActionResult(action, True, written=[], claims=plan.claims, notes=["dry run: nothing written"])
        order = sorted(changes, key=lambda p: ({"claims": 1, DRAFTS: 2}.get(p.parent.name, 0), str(p)))
        record = [(p, p.read_bytes() if p.is_file() else None, changes[p].encode("utf-8")) for p in order]
        write_changes({p: changes[p] for p in order})
        if record:
            self.history.append(_Undo(action, record))
        return ActionResult(action, True, written=order, claims=plan.claims)

    def _built(self, path: Path) -> bool:
        try:
            relative = path.resolve().relative_to(self.data_dir.resolve())
        except ValueError:
            return False
        return relative.parts[0] != DRAFTS

    def _new_violations(self, report: object) -> list[object]:
        from coi_graph.compile.validate.report import Report, Result

        assert isinstance(report, Report)
        if report.conforms:
            return []
        key = self._fingerprint()
        if key not in self._baseline:  # what the data violate already is not this action's doing
            before = validate_changes(self.data_dir, {})
            self._baseline = {key: {(r.message, r.focus, r.path, r.value) for r in before.violations}}
        known = self._baseline[key]
        new: list[Result] = [r for r in report.violations if (r.message, r.focus, r.path, r.value) not in known]
        return list(new)

    def _fingerprint(self) -> tuple[tuple[str, int, int], ...]:
        files = sorted(p for p in self.data_dir.rglob("*") if p.is_file() and DRAFTS not in p.parts)
        return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files)

    def _tie(self, plan: _Plan, result: object) -> Violation:
        """A SHACL result as a violation of a field of the action (of a row of a batch)."""
        from coi_graph.compile.validate.report import Result

        assert isinstance(result, Result)
        row, name = plan.owners.get(result.focus, (None, "claim"))
        if name == "claim":
            name = _field_of(result.path, result.message)
        where = f" ({result.where()})" if result.file else ""
        return Violation(name, result.message + where, row)


_PATHS = {"coi:quote": "quote", "coi:modality": "modality", "coi:footnote": "footnotes", "coi:pointInTime": "start",
          "coi:startTime": "start", "coi:asOf": "start", "coi:endTime": "end", "coi:attributedTo": "attributed_to",
          "coi:accordingTo": "according_to", "coi:sentence": "sentence", "coi:timeExpression": "time_expression",
          "coi:passage": "passage"}  # fmt: skip
_MESSAGES = (("statement in this claim", "triples"), ("starts after it ends", "end"),
             ("after its document was published", "start"), ("quote", "quote"),
             ("coi:sentence", "sentence"), ("time expression", "time_expression"),
             ("footnote", "footnotes"))  # fmt: skip


def _local(doc: URIRef) -> str:
    return str(doc).rsplit("/", 1)[-1]


def _field_of(path: str | None, message: str) -> str:
    if path in _PATHS:
        return _PATHS[path]
    return next((name for words, name in _MESSAGES if words in message), "claim")
