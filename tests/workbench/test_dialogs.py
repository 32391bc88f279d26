"""The workbench's dialogs and tool bar (coi_graph.workbench.dialogs), parsed as HTML: each form has the named
fields, ids and error places that the page's script (static/workbench.js) looks up, the options it offers
are the modalities and precisions the write side accepts, and the tool bar is disabled when read-only."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from coi_graph.workbench import fields
from coi_graph.workbench.dialogs import (
    MODALITIES,
    PRECISIONS,
    edit_dialog,
    entity_dialog,
    nothing_dialog,
    reject_dialog,
    tool_bar,
)

SCRIPT = (Path(fields.__file__).parent / "static" / "workbench.js").read_text(encoding="utf-8")


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None]
    classes: list[str] = field(default_factory=list)
    text: str = ""


class _Elements(HTMLParser):
    """Every element of a fragment, in order, with the text directly inside it."""

    VOID = frozenset({"input", "br", "img", "meta", "link", "hr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.open: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        element = Element(tag, found, (found.get("class") or "").split())
        self.elements.append(element)
        if tag not in self.VOID:
            self.open.append(element)

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1].tag == tag, f"</{tag}> closes <{self.open[-1].tag if self.open else ''}>"
        self.open.pop()

    def handle_data(self, data: str) -> None:
        if self.open:
            self.open[-1].text += data


def parse(fragment: str) -> list[Element]:
    parser = _Elements()
    parser.feed(fragment)
    parser.close()
    assert not parser.open, [e.tag for e in parser.open]  # every element is closed
    return parser.elements


def ids(elements: list[Element]) -> set[str]:
    return {str(e.attrs["id"]) for e in elements if e.attrs.get("id")}


def names(elements: list[Element]) -> list[str]:
    return [str(e.attrs["name"]) for e in elements if e.attrs.get("name")]


def errors(elements: list[Element]) -> set[str]:
    return {str(e.attrs["data-for"]) for e in elements if "field-error" in e.classes}


def test_the_edit_form_has_every_field_the_script_fills_and_reads() -> None:
    elements = parse(edit_dialog())
    assert [(e.tag, e.attrs.get("id")) for e in elements[:2]] == [("dialog", "edit-dialog"), ("form", "edit-form")]
    assert elements[1].attrs["method"] == "dialog" and "novalidate" in elements[1].attrs
    # PLAIN and DATES of workbench.js (form.elements[name]), and the pickers' hidden fields
    plain = re.search(r"const PLAIN = \[([^\]]*)\]", SCRIPT)
    dates = re.search(r"const DATES = \[([^\]]*)\]", SCRIPT)
    assert plain and dates
    wanted = set(re.findall(r'"(\w+)"', plain.group(1) + dates.group(1)))
    assert wanted == {"relation", "modality", "time_expression", "footnotes", "quote", "triples", "start",
                      "start_precision", "end", "end_precision"}  # fmt: skip
    assert sorted(names(elements)) == sorted([*wanted, "subject", "object", "attributed_to"])
    pickers = [e for e in elements if "entity-picker" in e.classes]
    assert [e.attrs["data-name"] for e in pickers] == ["subject", "object", "attributed_to"]
    hidden = [e.attrs["name"] for e in elements if e.tag == "input" and e.attrs.get("type") == "hidden"]
    assert hidden == ["subject", "object", "attributed_to"]
    assert {"edit-title", "edit-number", "edit-span", "edit-errors", "edit-advanced", "edit-save", "edit-accept",
            "edit-claim", "edit-cancel", "f-relation", "f-subject", "f-modality"} <= ids(elements)  # fmt: skip


def test_the_edit_form_offers_the_modalities_and_precisions_the_write_side_accepts() -> None:
    elements = parse(edit_dialog())
    assert MODALITIES == fields.MODALITIES and tuple(fields.PRECISIONS) == PRECISIONS
    start = elements.index(next(e for e in elements if e.attrs.get("name") == "modality"))
    options = [e for e in elements[start + 1 : start + 1 + len(MODALITIES)] if e.tag == "option"]
    assert [(o.attrs["value"], o.text) for o in options] == [(m, m) for m in MODALITIES]
    for name in ("start_precision", "end_precision"):
        at = elements.index(next(e for e in elements if e.attrs.get("name") == name))
        chosen = [(o.attrs["value"], o.text) for o in elements[at + 1 : at + 5]]
        assert chosen == [("", "as written"), ("day", "day"), ("month", "month"), ("year", "year")], name
    # the relation and type lists are filled from /api/schema by the script: empty here
    relation = elements.index(next(e for e in elements if e.attrs.get("id") == "f-relation"))
    assert elements[relation + 1].tag != "option"


def test_each_field_has_its_error_place_and_a_label_for_its_control() -> None:
    elements = parse(edit_dialog())
    # showErrors puts a violation under .field-error[data-for=<its field>]: one per field the actions name
    assert errors(elements) == {"subject", "relation", "object", "start", "start_precision", "end", "end_precision",
                                "modality", "time_expression", "footnotes", "attributed_to", "quote",
                                "triples"}  # fmt: skip
    for element in elements:
        if element.tag == "label":
            assert element.attrs["for"] in ids(elements), element.attrs["for"]
    # the subject and object pickers show what the relation wants (relationHints: data-hint-for)
    hints = [e.attrs["data-hint-for"] for e in elements if "field-hint" in e.classes]
    assert hints == ["subject", "object", "attributed_to"]
    assert all(e.attrs.get("role") == "alert" for e in elements if "field-error" in e.classes)


def test_the_entity_form_has_the_type_label_and_aliases_the_script_posts() -> None:
    elements = parse(entity_dialog())
    assert [(e.tag, e.attrs.get("id")) for e in elements[:2]] == [("dialog", "entity-dialog"), ("form", "entity-form")]
    assert names(elements) == ["type", "label", "aliases"]
    assert next(e for e in elements if e.attrs.get("name") == "type").attrs["id"] == "f-type"  # typeSelect
    assert next(e for e in elements if e.attrs.get("name") == "aliases").tag == "textarea"  # one per line
    assert {"entity-errors", "entity-proposal", "entity-create", "entity-cancel", "f-label"} <= ids(elements)
    assert errors(elements) == {"type", "label", "aliases"}


@pytest.mark.parametrize(
    ("dialog", "prefix", "shown"),
    [(reject_dialog, "reject", "reject-number"), (nothing_dialog, "nothing", "nothing-sentence")],
)
def test_the_reject_and_nothing_forms_ask_for_a_reason(dialog: Callable[[], str], prefix: str, shown: str) -> None:
    elements = parse(dialog())
    assert [(e.tag, e.attrs.get("id")) for e in elements[:2]] == [("dialog", f"{prefix}-dialog"),
                                                                   ("form", f"{prefix}-form")]  # fmt: skip
    assert names(elements) == ["reason"]  # rejectForm.elements.reason, nothingForm.elements.reason
    assert errors(elements) == {"reason"}
    assert {f"{prefix}-errors", f"{prefix}-save", f"{prefix}-cancel", shown} <= ids(elements)
    buttons = {e.attrs["id"]: e for e in elements if e.tag == "button"}
    # the script lets a submit whose submitter's value is "cancel" close the dialog unchecked
    cancel = buttons[f"{prefix}-cancel"]
    assert cancel.attrs["value"] == "cancel" and "formnovalidate" in cancel.attrs
    assert buttons[f"{prefix}-save"].attrs["value"] != "cancel"


def test_every_button_of_the_forms_submits_a_value_and_cancel_never_validates() -> None:
    for dialog in (edit_dialog, entity_dialog, reject_dialog, nothing_dialog):
        buttons = [e for e in parse(dialog()) if e.tag == "button"]
        assert buttons and all(b.attrs.get("type") == "submit" and b.attrs.get("value") for b in buttons)
        assert [b.attrs["value"] for b in buttons if "formnovalidate" in b.attrs] == ["cancel"], dialog.__name__
    values = [e.attrs["value"] for e in parse(edit_dialog()) if e.tag == "button"]
    assert values == ["edit", "accept", "claim", "cancel"]  # the actions the submit handler tells apart


@pytest.mark.parametrize("writable", [True, False])
def test_the_tool_bar_is_disabled_when_the_page_is_read_only(writable: bool) -> None:
    elements = parse(tool_bar(writable))
    assert elements[0].attrs["id"] == "tools"
    buttons = [e for e in elements if e.tag == "button"]
    assert [b.attrs["id"] for b in buttons] == ["add-claim", "new-entity", "undo"]
    assert [b.text for b in buttons] == ["Add claim from selection", "New entity", "Undo"]
    assert all(b.attrs["type"] == "button" for b in buttons)  # never submits a form
    assert [("disabled" in b.attrs) for b in buttons] == [not writable] * 3
    assert [b.attrs["title"] for b in buttons] == [
        "select words of a sentence first (c)",
        "from a new name or the selection (m)",
        "undo the last change (u)",
    ]


@pytest.mark.parametrize("dialog", [edit_dialog, entity_dialog, reject_dialog, nothing_dialog])
def test_every_label_points_at_a_control_of_its_own_form(dialog: Callable[[], str]) -> None:
    """Regression: the nothing-to-claim form's label pointed at f-reason, the reject form's input."""
    html = dialog()
    targets = re.findall(r'<label for="([^"]+)"', html)
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    assert targets and all(t in ids for t in targets), [t for t in targets if t not in ids]
