"""The figures coi_graph.extract.goldset computes against a gold set in the development set's JSON format:
the scorer's name normalisation and aliases, relation recall and precision (equivalent and symmetric relations,
statements without an object, optional relations), modality, footnote, date and entity figures of hand-made
predictions, the predictions made from an extraction, and a whole tiny gold set run and tabulated."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from coi_graph.documents import sentences
from coi_graph.documents.dates import TimeValue
from coi_graph.documents.model import ParsedDocument, Passage
from coi_graph.extract import gazetteer, goldset
from coi_graph.extract.engine import Extractor
from coi_graph.extract.gazetteer import Gazetteer
from tests.conftest import DATA


@pytest.fixture(scope="module")
def names() -> Gazetteer:
    return gazetteer.load(DATA)


def entity(gid: str, canonical: str, kind: str, surfaces: list[str], mentions: tuple[tuple[int, int], ...] = (),
           alt_types: list[str] | None = None) -> dict[str, Any]:  # fmt: skip
    made: dict[str, Any] = {"id": gid, "canonical": canonical, "type": kind, "surface_forms": surfaces,
                            "mentions": [{"start": a, "end": b} for a, b in mentions]}  # fmt: skip
    if alt_types:
        made["alt_types"] = alt_types
    return made


def gold_relation(rid: str, subject: str, relation: str, obj: str | None, *, required: bool = True,
                  footnotes: tuple[str, ...] = (), modality: str = "asserted",
                  date: str | None = None) -> dict[str, Any]:  # fmt: skip
    return {"id": rid, "subject": subject, "subject_id": subject, "relation": relation, "object": obj,
            "object_id": obj, "required": required, "footnotes": list(footnotes), "modality": modality,
            "sentence": f"The sentence of {rid}.", "date": date}  # fmt: skip


def write(path: Path, data: dict[str, Any]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        ("Türkiye's", "turkiye"),  # ASCII, lower case, no possessive
        ("Türkiye’s", "turkiyes"),  # as score.py: the curly apostrophe is dropped before the possessive is
        ("the al-Tanf Base", "tanf base"),  # no "the" or "al"
        ("Hay'at Tahrir al-Sham (HTS)", "hay at tahrir sham hts"),
        (None, ""),
    ],
)
def test_names_are_normalised_as_the_scorer_does(text: str | None, normal: str) -> None:
    assert goldset.norm(text) == normal


def test_aliases_canonical_names_win_over_surface_forms() -> None:
    gold = {"entities": [
        entity("E1", "Raqqa Governorate", "Governorate", ["Raqqa"]),
        entity("E2", "Raqqa", "City", []),
        entity("E3", "Syrian Democratic Forces (SDF)", "ArmedGroup", ["Kurdish-led forces"]),
    ]}  # fmt: skip
    assert goldset.gold_aliases(gold["entities"][2]) == {
        "syrian democratic forces sdf", "syrian democratic forces", "sdf", "kurdish led forces"
    }  # fmt: skip
    aliases = goldset.alias_map(gold)
    assert aliases["raqqa"] == "E2"  # E1 writes "Raqqa", but it is E2's canonical name
    assert (aliases["raqqa governorate"], aliases["sdf"], aliases["kurdish led forces"]) == ("E1", "E3", "E3")


def test_hand_made_predictions_give_the_scorers_figures(tmp_path: Path) -> None:
    gold_path = write(tmp_path / "gold" / "D01_test.json", {
        "file": "documents/D01.txt",
        "entities": [
            entity("E1", "Syrian Democratic Forces (SDF)", "ArmedGroup", ["Kurdish-led SDF"]),
            entity("E2", "Türkiye", "State", ["Turkey", "Ankara"], alt_types=["Country"]),
            entity("E3", "Raqqa", "City", []),
            entity("E4", "United States", "State", ["US", "Washington"]),
        ],
        "relations": [
            gold_relation("R1", "E4", "supports", "E1", footnotes=("12",), date="2024-06-01"),
            gold_relation("R2", "E2", "attacks", "E1", modality="reported"),
            gold_relation("R3", "E1", "meets_with", "E4"),
            gold_relation("R4", "E1", "controls", "E3", required=False, footnotes=("13",)),
            gold_relation("R5", "E2", "states", None),
            gold_relation("R6", "E4", "stationed_at", "E3", footnotes=("14",), date="2024-05-01"),
            gold_relation("R7", "E2", "opposes", "E1"),  # never predicted
        ],
    })  # fmt: skip
    predicted = {
        "entities": [
            {"name": "SDF", "type": "ArmedGroup"},
            {"name": "Turkey", "type": "Country"},  # an alternative type of E2
            {"name": "Raqqa", "type": "Region"},  # the wrong type
            {"name": "Hezbollah", "type": "ArmedGroup"},  # not in the gold
        ],
        "relations": [
            {"subject": "US", "relation": "supports", "object": "SDF", "footnotes": ["12"], "modality": "asserted",
             "date": "2024-06-01"},
            {"subject": "Ankara", "relation": "attacks", "object": "Syrian Democratic Forces", "footnotes": [],
             "modality": "asserted"},  # gold: reported
            {"subject": "United States", "relation": "meets_with", "object": "SDF"},  # symmetric: either way
            {"subject": "SDF", "relation": "controls", "object": "Raqqa", "footnotes": ["99"]},  # optional
            {"subject": "Turkey", "relation": "states", "object": "Raqqa"},  # the gold statement has no object
            {"subject": "Washington", "relation": "present_in", "object": "Raqqa", "footnotes": ["14"],
             "date": "2024-05-02"},  # present_in counts as stationed_at
            {"subject": "Hezbollah", "relation": "attacks", "object": "SDF"},  # unknown subject
            {"subject": "Turkey", "relation": "supports", "object": "SDF"},  # not in the gold
        ],
    }  # fmt: skip
    score = goldset.score_document("D01_test.json", goldset.read_gold(gold_path), predicted, None)
    assert {k: v for k, v in score.counts.items() if v} == {
        "ent_tp": 3, "ent_gold": 4, "ent_pred": 4, "ent_pred_ok": 3, "type_ok": 2,
        "rel_req": 6, "rel_req_found": 5, "rel_pred": 8, "rel_pred_ok": 6,
        "mod_n": 6, "mod_ok": 5, "fn_n": 3, "fn_ok": 2, "date_n": 2, "date_ok": 1,
    }  # fmt: skip
    figures = goldset.figures(score.counts)
    assert figures == {
        "mention recall": None, "mention precision": None, "linking accuracy": None,  # no extraction given
        "entity recall": 0.75, "entity precision": 0.75, "type accuracy": 2 / 3,
        "relation recall (required)": 5 / 6, "relation precision": 0.75,
        "modality accuracy": 5 / 6, "footnote agreement": 2 / 3, "date agreement": 0.5,
    }  # fmt: skip
    assert score.by_relation["stationed_at"] == {"gold": 1, "predicted": 1, "correct": 1, "found": 1}
    assert score.by_relation["supports"] == {"gold": 1, "predicted": 2, "correct": 1, "found": 1}
    assert score.by_relation["opposes"] == {"gold": 1}
    assert "missed: E2 opposes E1 :: The sentence of R7." in score.errors
    assert "wrong: Hezbollah attacks SDF [None]" in score.errors


def test_predictions_drop_negated_relations_and_count_a_force_as_its_state(names: Gazetteer) -> None:
    text = "US forces are stationed at the al-Tanf base. Israel did not strike Damascus."
    parsed = ParsedDocument(format="news", date=TimeValue.from_lexical("2024-06-14"))
    parsed.passages.append(Passage(1, text, 0, len(text), 1, (), tuple(sentences.split(text))))
    extraction = Extractor(parsed, names).run()
    assert [r.modality for r in extraction.relations] == ["asserted", "negated"]
    assert [r.relation for r in goldset.predicted_relations(extraction)] == ["stationed_at"]
    predicted = goldset.prediction(extraction)
    assert predicted["relations"] == [
        {"subject": "US", "relation": "stationed_at", "object": "al-Tanf base", "footnotes": [],
         "modality": "asserted", "date": None, "rule": "position-passive"}
    ]  # fmt: skip
    types = {e["name"]: e["type"] for e in predicted["entities"]}
    assert set(types) == {"US", "al-Tanf base", "Israel", "Damascus"}
    assert (types["al-Tanf base"], types["Israel"]) == ("MilitaryBase", "State")


def test_select_reads_ids_and_ranges() -> None:
    paths = [Path(f"gold/{n}_x.json") for n in ("D01", "D02", "D03", "D10")]

    def chosen(pattern: str | None) -> list[str]:
        return [p.name[:3] for p in goldset.select(paths, pattern)]

    assert chosen(None) == ["D01", "D02", "D03", "D10"]
    assert chosen("D02-D03") == ["D02", "D03"]
    assert chosen("D01, D10") == ["D01", "D10"]
    assert chosen("D1") == ["D10"]


def test_a_tiny_gold_set_run_and_tabulated(tmp_path: Path, names: Gazetteer) -> None:
    root = tmp_path / "devset"
    content = (" date 2024-06-14 Clashes in northern Syria\n\n"
               "Hamas is backed by Iran. Türkiye shelled Tal Rifaat on Tuesday, SDF officials said.\n")  # fmt: skip
    (root / "documents").mkdir(parents=True)
    (root / "documents" / "D01.txt").write_text(content, encoding="utf-8")

    def at(name: str) -> tuple[int, int]:
        return content.index(name), content.index(name) + len(name)

    write(root / "gold" / "D01_news.json", {
        "file": "documents/D01.txt",
        "entities": [
            entity("E1", "Hamas", "ArmedGroup", ["Hamas"], (at("Hamas"),)),
            entity("E2", "Iran", "State", ["Iran"], (at("Iran"),)),
            entity("E3", "Türkiye", "State", ["Türkiye"], (at("Türkiye"),)),
            entity("E4", "Tal Rifaat", "City", ["Tal Rifaat"], (at("Tal Rifaat"),)),
            entity("E5", "Syrian Democratic Forces (SDF)", "ArmedGroup", ["SDF"], (at("SDF"),)),
            # the gold marks "Syria" alone in "northern Syria": a span the extractor does not give
            entity("E6", "Syria", "Country", ["Syria"], ((at("northern Syria")[0] + 9, at("northern Syria")[1]),)),
        ],
        "relations": [
            gold_relation("R1", "E2", "supports", "E1"),
            gold_relation("R2", "E3", "attacks", "E4", modality="reported", date="2024-06-11"),
            gold_relation("R3", "E5", "states", "E3"),
            gold_relation("R4", "E3", "opposes", "E5"),  # not in the text's words: missed
        ],
    })  # fmt: skip
    write(root / "gold" / "D02_other.json", {"file": "documents/absent.txt", "entities": [], "relations": []})
    seen: list[str] = []
    result = goldset.run(root / "gold", names, pattern="D01", progress=seen.append)
    assert seen == ["D01_news.json"] and [d.name for d in result.documents] == ["D01_news.json"]
    predicted = result.predictions["D01_news.json"]["relations"]
    assert {(r["subject"], r["relation"], r["object"], r["modality"]) for r in predicted} == {
        ("Iran", "supports", "Hamas", "asserted"),
        ("Türkiye", "attacks", "Tal Rifaat", "reported"),
        ("SDF", "states", "Türkiye", "asserted"),
    }  # fmt: skip
    rows = {row["scope"]: row for row in goldset.table(result)}
    assert list(rows) == ["all", "relation attacks", "relation opposes", "relation states", "relation supports",
                          "document D01"]  # fmt: skip
    figures = {"mention_recall": 0.833, "mention_precision": 0.833, "linking": 1.0, "relation_recall": 0.75,
               "relation_precision": 1.0, "modality": 1.0, "footnotes": None, "dates": 1.0,
               "entity_recall": 0.833, "entity_precision": 0.833}  # fmt: skip
    assert rows["all"] == {"scope": "all", "documents": 1, **figures}
    assert rows["document D01"] == {"scope": "document D01", "documents": 1, **figures}
    assert rows["relation opposes"] == {"scope": "relation opposes", "documents": 1, "relation_recall": 0.0,
                                        "relation_precision": None}  # fmt: skip
    assert rows["relation attacks"]["relation_recall"] == rows["relation attacks"]["relation_precision"] == 1.0
