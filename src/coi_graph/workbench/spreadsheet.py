"""Candidates to a spreadsheet and decisions back: ``coi-graph export candidates`` and ``import candidates``.

One row per candidate: its IRI, document, draft, status, sentence, quote, footnotes, subject, relation and
object (IRIs and labels), dates with their precision, modality, attribution, time expression, its triples as
Turtle, and two columns for the analyst: ``decision`` (accept, reject, edit or empty) and ``reason``. A row
marked ``edit`` is accepted with the editable cells that differ from the candidate as edits; a row marked
``accept`` whose editable cells were changed is refused (say ``edit``). Import applies the decisions through
:meth:`~coi_graph.workbench.actions.Workbench.apply`, the same actions as the workbench, all or nothing per
file: a row that fails is reported with its row number, column and message, and no row is written.

CSV cells are formula-neutralised as in every CSV export (:mod:`coi_graph.export.safety`) and restored on
import; in xlsx every cell is written as text, never as a formula or a number.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path

from rdflib import URIRef

from coi_graph.errors import InputError, Location
from coi_graph.export.safety import csv_text, restore_cell
from coi_graph.extract import draft
from coi_graph.extract.draft import DraftCandidate
from coi_graph.extract.review import show_triples
from coi_graph.fsutil import atomic_write
from coi_graph.namespaces import short
from coi_graph.vocab import COI
from coi_graph.workbench.actions import ActionResult, Decision, Workbench
from coi_graph.workbench.fields import PRECISION_OF, Entities, Schema, content_of, time_fields

COLUMNS = ("candidate", "document", "draft", "status", "score", "rule", "sentence", "passage", "footnotes", "quote",
           "subject", "subject_label", "relation", "relation_label", "object", "object_label", "new_entities",
           "start", "start_precision", "end", "end_precision", "modality", "attributed_to", "attributed_to_label",
           "according_to", "time_expression", "triples", "reviewed_by", "reviewed_on", "accepted_as", "reason",
           "decision")  # fmt: skip
EDITABLE = ("subject", "relation", "object", "start", "start_precision", "end", "end_precision", "modality",
            "attributed_to", "according_to", "quote", "time_expression", "triples")  # fmt: skip
DECISIONS = ("accept", "reject", "edit")
Row = dict[str, str]


def candidate_row(path: Path, doc: URIRef, c: DraftCandidate, schema: Schema, entities: Entities,
                  proposed: set[URIRef] | frozenset[URIRef] = frozenset()) -> Row:  # fmt: skip
    """One row of the sheet. ``new_entities`` lists the ``proposed`` entities the candidate uses (the extractor's,
    not in the registry): accepting the row adds them to the registry, as confirming them in the page does."""
    content = content_of(c.triples, schema)
    used = {t for s, _, o in c.triples for t in (s, o) if isinstance(t, URIRef)}
    if c.attributed_to is not None:
        used.add(c.attributed_to)
    new = sorted((e for e in used if e in proposed), key=str)
    start, end = time_fields(c)
    status = {COI.Pending: "pending", COI.Accepted: "accepted", COI.Rejected: "rejected"}.get(c.status, "")
    row: Row = {
        "candidate": short(str(draft.candidate_iri(doc, c.number))), "document": short(str(doc)), "draft": str(path),
        "status": status, "score": f"{c.score:.2f}", "rule": c.rule,
        "sentence": short(str(c.sentence)) if c.sentence else "", "passage": short(str(c.passage)),
        "footnotes": " ".join(short(str(f)) for f in c.footnotes) or " ".join(c.footnote_labels), "quote": c.quote,
        "subject": short(str(content.subject)) if content else "",
        "subject_label": entities.label(content.subject) if content else "",
        "relation": short(str(content.relation)) if content else "",
        "relation_label": schema.label(content.relation) if content else "",
        "object": short(str(content.object)) if content and content.object else "",
        "object_label": entities.label(content.object) if content and content.object else "",
        "start": str(start) if start is not None else "",
        "start_precision": PRECISION_OF.get(start.datatype, "") if start is not None and start.datatype else "",
        "new_entities": "; ".join(f"{short(str(e))} ({entities.label(e)}, "
                                  f"{', '.join(schema.label(t) for t in sorted(entities.types.get(e, ())))})"
                                  for e in new),
        "end": str(end) if end is not None else "",
        "end_precision": PRECISION_OF.get(end.datatype, "") if end is not None and end.datatype else "",
        "modality": short(str(c.modality)).removeprefix("coi:").lower(),
        "attributed_to": short(str(c.attributed_to)) if c.attributed_to else "",
        "attributed_to_label": entities.label(c.attributed_to) if c.attributed_to else "",
        "according_to": short(str(c.according_to)) if c.according_to else "",
        "time_expression": c.time_expression or "", "triples": show_triples(c.triples),
        "reviewed_by": c.reviewed_by or "", "reviewed_on": c.reviewed_on.isoformat() if c.reviewed_on else "",
        "accepted_as": short(str(c.accepted_as)) if c.accepted_as else "", "reason": c.reason or "", "decision": "",
    }  # fmt: skip
    return row


def candidate_rows(drafts: Iterable[Path], bench: Workbench) -> list[Row]:
    rows = []
    for path in drafts:
        doc, candidates = draft.read(path)
        entities, proposed = bench.entities_for(path), bench.proposed_only(path)
        rows += [candidate_row(path, doc, c, bench.schema, entities, proposed) for c in candidates]
    return rows


def render_csv(rows: Sequence[Row]) -> str:
    return csv_text(COLUMNS, ([row[c] for c in COLUMNS] for row in rows))


def write_xlsx(rows: Sequence[Row], output: Path) -> None:
    """The rows as a workbook of one sheet, "candidates", every cell text; the header frozen."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "candidates"
    sheet.append(list(COLUMNS))
    for row in rows:
        sheet.append([row[c] for c in COLUMNS])
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            if isinstance(cell.value, str) and cell.value:
                cell.data_type = "s"  # a cell that starts with "=" stays text, never a formula
    sheet.freeze_panes = "B2"
    with atomic_write(output, "wb") as handle:
        book.save(handle)


def read_rows(path: Path) -> list[tuple[int, Row]]:
    """The rows of a CSV or xlsx file, each with its row number as a spreadsheet shows it (the header is 1)."""
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        try:
            book = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
            raise InputError(Location(path), f"not an xlsx workbook: {exc}") from exc
        sheet = book["candidates"] if "candidates" in book.sheetnames else book.worksheets[0]
        lines = [["" if v is None else str(v) for v in values] for values in sheet.iter_rows(values_only=True)]
        book.close()
    else:
        text = path.read_text(encoding="utf-8-sig")
        if "\x00" in text:
            raise InputError(Location(path), "a binary file, not a CSV")
        try:
            lines = [[restore_cell(cell) for cell in line] for line in csv.reader(io.StringIO(text, newline=""))]
        except csv.Error as exc:
            raise InputError(Location(path), f"not a CSV: {exc}") from exc
    if not lines:
        raise InputError(Location(path), "empty: no header row")
    header = [h.strip() for h in lines[0]]
    missing = [c for c in ("candidate", "decision", *EDITABLE) if c not in header]
    if missing:
        hint = "export the candidates with 'coi-graph export candidates' and edit that file"
        raise InputError(Location(path, 1), f"the header lacks the column(s) {', '.join(missing)}", hint=hint)
    rows = []
    for number, cells in enumerate(lines[1:], start=2):
        if any(cell.strip() for cell in cells):
            rows.append((number, dict(zip(header, [*cells, *[""] * (len(header) - len(cells))], strict=False))))
    return rows


def decisions(path: Path, bench: Workbench) -> tuple[list[Decision], list[str]]:
    """The decisions of a spreadsheet's rows (rows without one are passed over), and problems found in reading
    them: a decision that is none of accept, reject, edit; an ``accept`` whose cells were edited."""
    found, problems = [], []
    current: dict[str, Row] = {}
    for number, row in read_rows(path):
        decision = row.get("decision", "").strip().lower()
        if not decision:
            continue
        where = f"row {number}, column"
        if decision not in DECISIONS:
            problems.append(f"{where} decision: {decision!r} is not a decision: accept, reject, edit or empty")
            continue
        name, draft_file = row["candidate"].strip(), row.get("draft", "").strip()
        try:
            located, _ = bench.locate(name, Path(draft_file) if draft_file and Path(draft_file).is_file() else None)
        except Exception as exc:  # FieldError: the candidate is not found
            problems.append(f"{where} candidate: {exc}")
            continue
        if str(located) not in current:
            current.update({f"{located}#{r['candidate']}": r for r in candidate_rows([located], bench)})
            current[str(located)] = {}
        before = current.get(f"{located}#{name}")
        if before is None:
            problems.append(f"{where} candidate: {name} is not in {located}")
            continue
        edits = {c: row.get(c, "") for c in EDITABLE if row.get(c, "") != before[c]}
        for date_field in ("start", "end"):
            if date_field in edits or f"{date_field}_precision" in edits:
                edits[date_field] = row.get(date_field, "")
                edits[f"{date_field}_precision"] = row.get(f"{date_field}_precision", "")
        if decision == "accept" and edits:
            problems.append(f"{where} decision: the row changes {', '.join(sorted(edits))}; write 'edit' to accept "
                            "it with the changes, or put the cells back")  # fmt: skip
            continue
        columns = {c: c for c in COLUMNS} | {"status": "status", "candidate": "candidate"}
        found.append(Decision(name, "reject" if decision == "reject" else "accept",
                              edits if decision == "edit" else {}, row.get("reason", ""), located, number,
                              columns))  # fmt: skip
    return found, problems


def import_file(path: Path, bench: Workbench, *, dry_run: bool = False) -> ActionResult:
    """Apply the decisions of a spreadsheet, all or none; ``dry_run``: check them, write nothing."""
    from coi_graph.workbench.fields import Violation

    made, problems = decisions(path, bench)
    if problems:
        violations = []
        for problem in problems:
            where, _, message = problem.partition(": ")
            row, _, column = where.removeprefix("row ").partition(", column ")
            violations.append(Violation(column, message, int(row), column))
        return ActionResult("import", False, violations=violations)
    return bench.apply(made, action="import", dry_run=dry_run)
