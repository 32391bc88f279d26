"""The workbench's dialogs and tool bar: the edit form of a claim with its pickers and dates, the new entity,
nothing to claim, and reject forms."""

from __future__ import annotations

from coi_graph.workbench.markup import e

MODALITIES = ("stated", "reported", "claimed", "planned", "intended", "possible", "presupposed", "negated")
PRECISIONS = ("day", "month", "year")


def _error(name: str) -> str:
    """Where the violation of field ``name`` is shown, next to it."""
    return f'<span class="field-error" data-for="{e(name)}" role="alert"></span>'


def _field(label: str, name: str, control: str, *, hint: str = "", css: str = "", control_id: str = "") -> str:
    """A labelled control; the label points at ``control_id`` (default ``f-NAME``), the id the control has."""
    hint_html = f'<span class="field-hint" data-hint-for="{e(name)}">{e(hint)}</span>' if hint or css else ""
    target = control_id or f"f-{name}"
    return (
        f'<div class="field{" " + css if css else ""}" data-field="{e(name)}"><label for="{e(target)}">{e(label)}'
        f"</label>{control}{hint_html}{_error(name)}</div>"
    )


def _picker(name: str, label: str) -> str:
    """A text box that finds registry entities as one types (labels, aliases, transliterations); the entity
    chosen (its IRI) goes into the hidden field ``name``; its type and QID are shown."""
    control = (
        f'<div class="entity-picker" data-name="{e(name)}">'
        f'<input id="f-{e(name)}" class="pick-text" type="text" autocomplete="off" role="combobox" '
        f'aria-expanded="false" placeholder="type a name, alias or transliteration">'
        f'<input type="hidden" name="{e(name)}">'
        '<span class="pick-chosen"></span><ol class="pick-hits" role="listbox"></ol></div>'
    )
    return _field(label, name, control, css="wants")


def _date(name: str, label: str) -> str:
    options = '<option value="">as written</option>' + "".join(f'<option value="{p}">{p}</option>' for p in PRECISIONS)
    control = (
        f'<div class="date-pair"><input id="f-{e(name)}" name="{e(name)}" placeholder="2025-03-14, 2025-03 or 2025">'
        f'<select name="{e(name)}_precision" aria-label="precision of {e(label)}">{options}</select></div>'
    )
    return _field(label, name, control) + _error(f"{name}_precision")


def edit_dialog() -> str:
    """The form behind the e key (edit a candidate) and behind "Add claim" (a claim from a selected span):
    subject and object picked from the registry, relation, dates with their precision, modality, attribution,
    quote. Filled in by the script; only what changes is sent. A refused save shows each violation under the
    field it names."""
    modalities = "".join(f'<option value="{m}">{m}</option>' for m in MODALITIES)
    return (
        '<dialog id="edit-dialog" class="edit-dialog"><form method="dialog" id="edit-form" novalidate>'
        '<h2><span id="edit-title">Edit candidate</span> <span id="edit-number"></span></h2>'
        '<p class="edit-span" id="edit-span"></p>'
        + _picker("subject", "Subject")
        + _field("Relation", "relation", '<select id="f-relation" name="relation"></select>')
        + _picker("object", "Object")
        + '<div class="row">'
        + _date("start", "Date (start)")
        + _date("end", "Until (end)")
        + "</div>"
        + '<div class="row">'
        + _field("Modality", "modality", f'<select id="f-modality" name="modality">{modalities}</select>')
        + _field("Time expression", "time_expression", '<input id="f-time_expression" name="time_expression">')
        + _field("Footnotes (marker labels)", "footnotes", '<input id="f-footnotes" name="footnotes">')
        + "</div>"
        + _picker("attributed_to", "Attributed to (who says it; optional)")
        + _field("Quote (words of the sentence)", "quote", '<textarea id="f-quote" name="quote" rows="3"></textarea>')
        + '<details class="advanced" id="edit-advanced"><summary>Triples (Turtle)</summary>'
        + _field(
            "Triples (coi: ent: ev: rdfs: xsd:)",
            "triples",
            '<textarea id="f-triples" name="triples" rows="4"></textarea>',
        )
        + "</details>"
        + '<p class="edit-errors" id="edit-errors" role="alert"></p>'
        '<div class="buttons"><button value="edit" type="submit" id="edit-save">Save in the draft</button>'
        '<button value="accept" type="submit" id="edit-accept">Accept as edited</button>'
        '<button value="claim" type="submit" id="edit-claim">File the claim</button>'
        '<button value="cancel" type="submit" id="edit-cancel" formnovalidate>Cancel</button></div>'
        "</form></dialog>"
    )


def entity_dialog() -> str:
    """The form that creates an entity: from a new name (its text as the label) or a selection."""
    control = '<select id="f-type" name="type"></select>'
    return (
        '<dialog id="entity-dialog" class="edit-dialog"><form method="dialog" id="entity-form" novalidate>'
        "<h2>New entity</h2>"
        + _field("Type", "type", control)
        + _field("Label (as the documents write it)", "label", '<input id="f-label" name="label">')
        + _field(
            "Aliases (one per line: other spellings, transliterations)",
            "aliases",
            '<textarea id="f-aliases" name="aliases" rows="2"></textarea>',
        )
        + '<p class="edit-errors" id="entity-errors" role="alert"></p>'
        '<div class="proposal" id="entity-proposal" aria-live="polite"></div>'
        '<div class="buttons"><button value="create" type="submit" id="entity-create">Create</button>'
        '<button value="cancel" type="submit" id="entity-cancel" formnovalidate>Close</button></div>'
        "</form></dialog>"
    )


def nothing_dialog() -> str:
    """The form behind the x key: the chosen sentence states nothing to claim, and why."""
    return (
        '<dialog id="nothing-dialog" class="edit-dialog small"><form method="dialog" id="nothing-form" novalidate>'
        '<h2>Nothing to claim in <span id="nothing-sentence"></span></h2>'
        + _field(
            "Why? (a caption, a cross-reference, a heading read as a sentence, …)",
            "reason",
            '<input id="f-nothing-reason" name="reason">',
            control_id="f-nothing-reason",
        )
        + '<p class="edit-errors" id="nothing-errors" role="alert"></p>'
        '<div class="buttons"><button value="save" type="submit" id="nothing-save">Save</button>'
        '<button value="cancel" type="submit" id="nothing-cancel" formnovalidate>Cancel</button></div>'
        "</form></dialog>"
    )


def reject_dialog() -> str:
    """The reason a candidate is rejected, asked by the r key."""
    return (
        '<dialog id="reject-dialog" class="edit-dialog small"><form method="dialog" id="reject-form" novalidate>'
        '<h2>Reject candidate <span id="reject-number"></span></h2>'
        + _field("Why? (the text does not say it, wrong entity, …)", "reason", '<input id="f-reason" name="reason">')
        + '<p class="edit-errors" id="reject-errors" role="alert"></p>'
        '<div class="buttons"><button value="reject" type="submit" id="reject-save">Reject</button>'
        '<button value="cancel" type="submit" id="reject-cancel" formnovalidate>Cancel</button></div>'
        "</form></dialog>"
    )


def tool_bar(writable: bool) -> str:
    disabled = "" if writable else " disabled"
    return (
        '<div class="tools" id="tools">'
        f'<button type="button" id="add-claim" title="select words of a sentence first (c)"{disabled}>Add claim from '
        "selection</button>"
        f'<button type="button" id="new-entity" title="from a new name or the selection (m)"{disabled}>New entity'
        "</button>"
        f'<button type="button" id="undo" title="undo the last change (u)"{disabled}>Undo</button></div>'
    )
