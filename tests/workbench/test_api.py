"""The workbench's JSON API (coi_graph.workbench.api), without a server: whether writing is on and why not,
a request's fields turned into a call of the write side (malformed ones refused with 400 and the field named),
an action's result as status and JSON, the schema the forms offer, and the fields of each candidate of a
draft as the edit form starts from them."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from rdflib import URIRef

from coi_graph.link.model import Decision
from coi_graph.namespaces import ENT
from coi_graph.vocab import COI
from coi_graph.workbench.actions import ActionResult
from coi_graph.workbench.api import Refused, candidate_fields, perform, result_json, schema_json, write_support
from coi_graph.workbench.fields import MODALITIES, Schema, Violation
from coi_graph.workbench.reader import Reader
from coi_graph.workbench.server import Config

EUAA = "euaa-2025-03-syria-country-focus"
CANDIDATE = "https://w3id.org/coi-graph/id/candidate/"
TROOPS = (
    "According to the US Department of Defense, as of December 2024, there were around 2 000 US troops in the country."
)

DRAFT = f"""# Candidate claims proposed by coi-graph extract from data/documents/{EUAA}-s3.4.txt
# document <https://w3id.org/coi-graph/id/doc/{EUAA}>

@prefix coi: <https://w3id.org/coi-graph/ontology#> .
@prefix ent: <https://w3id.org/coi-graph/id/entity/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix cand: <{CANDIDATE}{EUAA}/> .
@prefix d: <https://w3id.org/coi-graph/id/doc/{EUAA}/> .

cand:1 {{ ent:us-armed-forces coi:presentAt ent:syria . }}
cand:1 a coi:CandidateClaim ;
    coi:quote "{TROOPS}" ;
    coi:passage d:s3.4-p3 ;
    coi:sentence d:s3.4-p3-s1 ;
    coi:startOffset 715 ;
    coi:endOffset 828 ;
    coi:footnote d:fn541 ;
    coi:footnoteLabel "541" ;
    coi:modality coi:Reported ;
    coi:attributedTo ent:us-government ;
    coi:startTime "2024-12-01"^^xsd:date ;
    coi:endTime "2025"^^xsd:gYear ;
    coi:timeExpression "as of December 2024" ;
    coi:candidateScore "0.60"^^xsd:decimal ;
    coi:extractionRule "force in place" ;
    coi:reviewStatus coi:Pending .

cand:2 {{ ent:us-government coi:supports ent:sdf . ent:usa coi:opposes ent:isil . }}
cand:2 a coi:CandidateClaim ;
    coi:quote "{TROOPS}" ;
    coi:passage d:s3.4-p3 ;
    coi:sentence d:s3.4-p3-s1 ;
    coi:modality coi:Stated ;
    coi:candidateScore "0.50"^^xsd:decimal ;
    coi:extractionRule "two relations" ;
    coi:reviewStatus coi:Pending .
"""


class Bench:
    """The write side as perform sees it: each call recorded, answered with a marker of the call."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []

    def __getattr__(self, name: str) -> Any:
        if name not in ("accept", "reject", "edit", "add_claim", "create_entity", "nothing_to_claim", "undo"):
            raise AttributeError(name)

        def call(*args: Any, **kwargs: Any) -> str:
            self.calls.append((name, args, kwargs))
            return f"result of {name}"

        return call


@pytest.fixture(scope="module")
def schema() -> Schema:
    return Schema.load()


def test_writing_is_off_without_a_reviewer_and_says_how_to_turn_it_on(tmp_path: Path) -> None:
    assert write_support(Config(tmp_path)) == (
        False,
        "Read only: start the workbench with --reviewer NAME to accept, reject or edit candidates.",
    )
    assert write_support(Config(tmp_path, reviewer="")) == write_support(Config(tmp_path))
    assert write_support(Config(tmp_path, reviewer="A. Analyst")) == (True, "")


def test_perform_calls_the_write_side_with_the_candidate_and_the_fields_of_the_request() -> None:
    bench = Bench()
    cand = f"{CANDIDATE}{EUAA}/3"
    assert perform(bench, "accept", {"doc": EUAA, "number": 3, "edits": {"modality": "reported"}}) == "result of accept"
    perform(bench, "accept", {"doc": EUAA, "number": 3, "confirm_entities": True})
    perform(bench, "accept", {"doc": EUAA, "number": 3, "confirm_entities": "yes", "edits": None})
    perform(bench, "reject", {"doc": EUAA, "number": 4, "reason": "a cross-reference"})
    perform(bench, "reject", {"doc": EUAA, "number": 4})
    perform(bench, "edit", {"doc": EUAA, "number": 5, "edits": {"object": "ent:sdf"}})
    perform(bench, "add_claim", {"doc": EUAA, "passage": "doc:x/s3.4-p4", "start": 3, "end": 40,
                                 "fields": {"relation": "coi:supports"}})  # fmt: skip
    perform(bench, "add_claim", {"doc": EUAA, "passage": "doc:x/s3.4-p4-s2"})
    perform(bench, "create_entity", {"type": "governorate", "label": "Raqqa Province", "aliases": ["Ar-Raqqah"]})
    perform(bench, "create_entity", {"type": "city", "label": "Qamishli"})
    perform(bench, "nothing_to_claim", {"doc": EUAA, "sentence": "doc:x/s3.4-p1-s1", "reason": "a caption"})
    perform(bench, "undo", {})
    assert bench.calls == [
        ("accept", (cand, {"modality": "reported"}), {"confirm_entities": False}),
        ("accept", (cand, {}), {"confirm_entities": True}),
        ("accept", (cand, {}), {"confirm_entities": False}),  # only a JSON true confirms the proposed entities
        ("reject", (f"{CANDIDATE}{EUAA}/4", "a cross-reference"), {}),
        ("reject", (f"{CANDIDATE}{EUAA}/4", ""), {}),  # the write side says that a reason is wanted
        ("edit", (f"{CANDIDATE}{EUAA}/5", {"object": "ent:sdf"}), {}),
        ("add_claim", (EUAA, "doc:x/s3.4-p4", 3, 40), {"fields": {"relation": "coi:supports"}}),
        ("add_claim", (EUAA, "doc:x/s3.4-p4-s2", None, None), {"fields": {}}),  # the whole sentence
        ("create_entity", ("governorate", "Raqqa Province", ["Ar-Raqqah"]), {}),
        ("create_entity", ("city", "Qamishli", []), {}),
        ("nothing_to_claim", (EUAA, "doc:x/s3.4-p1-s1", "a caption"), {}),
        ("undo", (), {}),
    ]


@pytest.mark.parametrize(
    ("action", "arguments", "message"),
    [
        ("reject", {"reason": 5}, "reason must be text"),
        ("reject", {"reason": None}, "reason must be text"),
        ("edit", {"edits": ["object", "ent:sdf"]}, 'edits must be an object of texts: {"object": "ent:sdf", '
                                                    '"modality": "reported"}'),
        ("accept", {"edits": {"start": 2025}}, 'edits must be an object of texts: {"object": "ent:sdf", '
                                               '"modality": "reported"}'),
        ("add_claim", {"doc": EUAA, "passage": "p", "start": "3", "end": 9}, "start and end must be numbers"),
        ("add_claim", {"doc": EUAA, "passage": "p", "start": 3, "end": 9.5}, "start and end must be numbers"),
        ("add_claim", {"doc": EUAA, "passage": "p", "fields": {"relation": 1}}, "fields must be an object of texts"),
        ("add_claim", {"doc": EUAA, "passage": "p", "fields": ["coi:supports"]}, "fields must be an object of texts"),
        ("add_claim", {"doc": 7, "passage": "p"}, "doc must be text"),
        ("add_claim", {"doc": EUAA, "passage": ["p"]}, "passage must be text"),
        ("create_entity", {"type": "city", "label": "X", "aliases": "Y"}, "aliases must be a list of texts"),
        ("create_entity", {"type": "city", "label": "X", "aliases": ["Y", 2]}, "aliases must be a list of texts"),
        ("create_entity", {"type": ["city"], "label": "X"}, "type must be text"),
        ("create_entity", {"type": "city", "label": None}, "label must be text"),
        ("nothing_to_claim", {"doc": EUAA, "sentence": {"iri": "s"}, "reason": "r"}, "sentence must be text"),
    ],
)  # fmt: skip
def test_perform_refuses_malformed_arguments_with_400_naming_the_field(action: str, arguments: dict[str, Any],
                                                                     message: str) -> None:  # fmt: skip
    bench = Bench()
    with pytest.raises(Refused) as refused:
        perform(bench, action, {"doc": EUAA, "number": 1, **arguments})
    assert refused.value.status == 400 and str(refused.value) == message
    assert bench.calls == []  # nothing reaches the write side


def test_an_action_done_is_200_and_one_refused_is_422_with_its_violations() -> None:
    claim = URIRef(f"https://w3id.org/coi-graph/id/claim/{EUAA}/40")
    proposal = Decision(ENT["raqqa-province"], "Q123", COI.LinkCandidate, COI.Reconciled, 0.9, date(2026, 12, 8),
                        "A. Analyst")  # fmt: skip
    written = [Path("data/claims/x.trig"), Path("data/drafts/x.trig")]
    done = ActionResult("accept", True, written=written, claims=[claim], entity=ENT["raqqa-province"],
                        proposals=[proposal], notes=["a note"])  # fmt: skip
    status, data = result_json(done)
    assert status == 200
    assert data == {
        "ok": True, "action": "accept", "message": "accept: wrote data/claims/x.trig, data/drafts/x.trig\na note",
        "violations": [], "written": ["data/claims/x.trig", "data/drafts/x.trig"], "claims": [str(claim)],
        "entity": str(ENT["raqqa-province"]), "notes": ["a note"],
        "proposals": [{"entity": str(ENT["raqqa-province"]), "qid": "Q123", "score": 0.9, "method": COI.Reconciled,
                       "status": "candidate"}],
        "unconfirmed": [],
    }  # fmt: skip
    refused = ActionResult("accept", False, violations=[Violation("subject", "uses ent:raqqa-plain"),
                                                        Violation("end", "the end is before the start")],
                           unconfirmed=[(str(ENT["raqqa-plain"]), "Raqqa plain", "region")])  # fmt: skip
    status, data = result_json(refused)
    assert status == 422 and data["ok"] is False and data["written"] == [] and data["entity"] is None
    assert data["violations"] == [{"field": "subject", "message": "uses ent:raqqa-plain"},
                                  {"field": "end", "message": "the end is before the start"}]  # fmt: skip
    assert (
        data["error"]
        == data["message"]
        == ("refused: subject: uses ent:raqqa-plain\nrefused: end: the end is before the start")
    )
    assert data["unconfirmed"] == [{"entity": str(ENT["raqqa-plain"]), "label": "Raqqa plain", "type": "region"}]
    assert "error" not in result_json(done)[1]


def test_the_schema_lists_relations_modalities_precisions_and_the_kinds_of_entity(schema: Schema) -> None:
    data = schema_json(schema)
    assert data["modalities"] == list(MODALITIES) == ["stated", "reported", "claimed", "planned", "intended",
                                                      "possible", "presupposed", "negated"]  # fmt: skip
    assert data["precisions"] == ["day", "month", "year"]
    relations = {r["iri"]: r for r in data["relations"]}
    assert relations["coi:supports"] == {"iri": "coi:supports", "label": "supports", "event": False,
                                         "subject": {"iri": "coi:Actor", "label": "actor"},
                                         "object": {"iri": "coi:Actor", "label": "actor"}}  # fmt: skip
    assert relations["coi:presentAt"]["object"] == {"iri": "coi:Place", "label": "place"}
    assert relations["coi:threatens"]["object"] is None  # any object
    assert relations["coi:Strike"]["event"] is True and relations["coi:Statement"]["event"] is True
    labels = [r["label"] for r in data["relations"]]
    assert labels == sorted(labels, key=str.casefold) and len(labels) == len(relations)
    types = {t["iri"]: t["label"] for t in data["types"]}
    assert types["coi:NonStateArmedGroup"] == "non-state armed group" and types["coi:Governorate"] == "governorate"
    assert not {"coi:Entity", "coi:Actor", "coi:Place"} & set(types)  # too vague to create
    assert list(types.values()) == sorted(types.values(), key=str.casefold)


def test_candidate_fields_are_what_the_edit_form_starts_from(data_copy: Path, schema: Schema) -> None:
    (data_copy / "drafts").mkdir()
    draft = data_copy / "drafts" / f"{EUAA}.trig"
    reader = Reader(data_copy)
    assert candidate_fields(reader.document(EUAA), schema) == {}  # no draft yet
    draft.write_text(DRAFT, encoding="utf-8")
    found = candidate_fields(reader.document(EUAA), schema)
    assert found == {
        1: {"modality": "reported", "quote": TROOPS, "time_expression": "as of December 2024", "footnotes": "541",
            "relation": "coi:presentAt", "subject": "ent:us-armed-forces", "subject_label": "US armed forces",
            "object": "ent:syria", "object_label": "Syria", "start": "2024-12-01", "start_precision": "day",
            "end": "2025", "end_precision": "year", "attributed_to": "ent:us-government",
            "attributed_to_label": "US government"},
        # two relations: no subject, relation and object to show (the triples are edited instead)
        2: {"modality": "stated", "quote": TROOPS, "time_expression": "", "footnotes": ""},
    }  # fmt: skip
    draft.write_text(DRAFT.replace("cand:2 {", "cand:2 { {"), encoding="utf-8")  # not TriG
    assert candidate_fields(reader.document(EUAA), schema) == {}


def test_perform_refuses_an_action_it_does_not_know() -> None:
    """Regression: any unknown action fell through to undo."""

    class Bench:
        def undo(self) -> str:
            return "undone"

    assert perform(Bench(), "undo", {}) == "undone"
    with pytest.raises(Refused) as refused:
        perform(Bench(), "delete_everything", {})
    assert refused.value.status == 404 and "delete_everything" in str(refused.value)
