"""Precision and recall of the mention finder and the extractor (extract/evaluate.py): which atoms are scored,
how counts become figures, and the two gold standards (hand annotations of a document, the curated claims of
a data directory), on a short invented news article whose figures are worked out by hand below."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coi_graph.errors import InputError
from coi_graph.extract import gazetteer
from coi_graph.extract.evaluate import Evaluation, Score, evaluate_annotations, evaluate_curated, in_scope
from coi_graph.extract.gazetteer import Gazetteer
from coi_graph.vocab import COI
from tests.conftest import DATA

ENT = "https://w3id.org/coi-graph/id/entity/"
ARTICLE = (
    " date 2024-06-14 Syria: the latest\n\n"
    "The US-backed SDF entered Raqqa. Türkiye attacked the SDF in Manbij.\n\n"
    "US forces are stationed at the al-Tanf base. Iran intends to support Hezbollah.\n"
)
# what the extractor proposes on it (the atoms of its candidates, per passage):
#   p1: usa supports sdf (stated); a Strike, agent turkey, target sdf (stated)
#   p2: us-armed-forces stationedAt al-tanf-base (stated); iran supports hezbollah (planned)


@pytest.fixture(scope="module")
def names() -> Gazetteer:
    return gazetteer.load(DATA)


@pytest.mark.parametrize(
    ("atom", "scored"),
    [
        ((ENT + "usa", str(COI.supports), ENT + "sdf"), True),
        ((ENT + "sdf", str(COI.stationedAt), ENT + "al-tanf-base"), True),
        ((str(COI.Strike), str(COI.target), ENT + "sdf"), True),
        ((str(COI.Statement), str(COI.speaker), ENT + "sohr"), True),
        ((ENT + "raqqa", str(COI.locatedIn), ENT + "syria"), False),  # not a relation the extractor is scored on
        ((str(COI.Agreement), str(COI.party), ENT + "iraq"), False),  # not an event it proposes
        ((str(COI.Strike), str(COI.stipulates), str(COI.Withdrawal)), False),  # not an entity's role
    ],
)
def test_which_atoms_are_scored(atom: tuple[str, str, str], scored: bool) -> None:
    assert in_scope(atom) is scored


def test_a_score_counts_and_rounds_to_percent() -> None:
    score = Score()
    score.add({("p1", "a"), ("p1", "b"), ("p1", "c")}, {("p1", "a"), ("p1", "b")})
    score.add({("p2", "d")}, {("p2", "e"), ("p2", "f")})
    assert (score.predicted, score.gold, score.true_positives, score.found_gold) == (4, 4, 2, 2)
    assert (score.precision, score.recall, score.f1) == (0.5, 0.5, 0.5)
    assert score.row("x") == {"measure": "x", "predicted": 4, "gold": 4, "matched": 2, "precision": 50.0,
                              "recall": 50.0, "f1": 50.0}  # fmt: skip
    # nothing predicted, nothing to find: no figure rather than a zero
    assert Score().row("empty") == {"measure": "empty", "predicted": 0, "gold": 0, "matched": 0, "precision": None,
                                    "recall": None, "f1": None}  # fmt: skip
    missed = Score()
    missed.add(set(), {("p1", "a")})
    assert (missed.precision, missed.recall, missed.f1) == (None, 0.0, None)


def test_the_rows_of_an_evaluation_end_with_the_modality_agreement() -> None:
    evaluation = Evaluation()
    evaluation.scores["mentions"].add({("p1", "a")}, {("p1", "a")})
    assert [r["measure"] for r in evaluation.rows()] == ["mentions"]  # no modality compared: no row
    evaluation.modality_compared, evaluation.modality_agree = 3, 2
    assert evaluation.rows()[-1] == {"measure": "candidates: modality of matched claims", "predicted": 3, "gold": 3,
                                     "matched": 2, "precision": 66.7, "recall": None, "f1": None}  # fmt: skip


def _figures(evaluation: Evaluation) -> dict[str, tuple[object, ...]]:
    return {str(r["measure"]): (r["predicted"], r["gold"], r["matched"], r["precision"], r["recall"], r["f1"])
            for r in evaluation.rows()}  # fmt: skip


def _annotations(folder: Path, mentions: list[dict[str, object]]) -> Path:
    (folder / "article.txt").write_text(ARTICLE, encoding="utf-8")
    claims = [
        {"passage": 1, "atoms": [["ent:usa", "coi:supports", "ent:sdf"]], "modality": "stated"},
        {"passage": 1, "atoms": [["coi:Strike", "coi:agent", "ent:turkey"], ["coi:Strike", "coi:target", "ent:sdf"]],
         "modality": "stated"},
        {"passage": 1, "atoms": [["ent:sdf", "coi:presentAt", "ent:raqqa"]], "modality": "stated"},  # missed
        {"passage": 1, "atoms": [["ent:raqqa", "coi:locatedIn", "ent:syria"]], "modality": "stated"},  # not scored
        {"passage": 2, "atoms": [["ent:us-armed-forces", "coi:presentAt", "ent:al-tanf-base"]], "modality": "stated"},
        {"passage": 2, "atoms": [["ent:iran", "coi:supports", "ent:hezbollah"]], "modality": "intended"},
    ]  # fmt: skip
    path = folder / "annotations.json"
    path.write_text(json.dumps({"documents": {"article.txt": {"mentions": mentions, "claims": claims}}}), "utf-8")
    return path


def _mention(text: str, entity: str | None, nth: int = 0) -> dict[str, object]:
    start = -1
    for _ in range(nth + 1):
        start = ARTICLE.index(text, start + 1)
    return {"start": start, "end": start + len(text), "text": text, "entity": entity}


def test_against_hand_annotations(tmp_path: Path, names: Gazetteer) -> None:
    mentions = [
        _mention("Syria", "ent:syria"), _mention("US", "ent:usa"), _mention("SDF", "ent:sdf"),
        _mention("Raqqa", "ent:raqqa"),  # the city; the finder links the governorate
        _mention("Türkiye", "ent:turkey"), _mention("SDF", "ent:sdf", 1), _mention("Manbij", "ent:manbij"),
        _mention("US forces", "ent:us-armed-forces"), _mention("al-Tanf base", "ent:al-tanf-base"),
        _mention("Iran", "ent:iran"), _mention("Hezbollah", "ent:hezbollah"),
    ]  # fmt: skip
    evaluation = evaluate_annotations(_annotations(tmp_path, mentions), DATA, names)
    assert _figures(evaluation) == {
        "annotated: mentions (span and entity)": (11, 11, 10, 90.9, 90.9, 90.9),
        "annotated: new names (no entity), by span": (0, 0, 0, None, None, None),
        # p1: 3 of 3 predicted atoms right, 3 of 4 gold found; p2: the stationedAt is not the gold's presentAt
        "annotated: candidate atoms": (5, 6, 4, 80.0, 66.7, 72.7),
        # ... but it is, leniently
        "annotated: candidate atoms (lenient)": (5, 6, 5, 100.0, 83.3, 90.9),
        # three claims matched a candidate: stated, stated agree; intended is not planned
        "candidates: modality of matched claims": (3, 3, 2, 66.7, None, None),
    }
    assert evaluation.notes == ["article.txt: 1 annotated claim(s) have no participant in the registry; not scored"]


def test_annotations_that_do_not_fit_are_an_error(tmp_path: Path, names: Gazetteer) -> None:
    wrong = _annotations(tmp_path, [{"start": 17, "end": 22, "text": "Iraq", "entity": "ent:iraq"}])
    with pytest.raises(InputError) as caught:
        evaluate_annotations(wrong, DATA, names)
    assert "article.txt: mention 1 ('Iraq') does not match the text at 17-22" in caught.value.render()
    broken = tmp_path / "broken.json"
    broken.write_text('{"files": {}}', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        evaluate_annotations(broken, DATA, names)
    assert "not an annotations file" in caught.value.render()


CLAIMS = """\
@prefix coi: <https://w3id.org/coi-graph/ontology#> .
@prefix ent: <https://w3id.org/coi-graph/id/entity/> .
@prefix ev: <https://w3id.org/coi-graph/id/event/> .
@prefix n: <https://w3id.org/coi-graph/id/doc/test-article/> .
@prefix c: <https://w3id.org/coi-graph/id/claim/test-article/> .

c:01 { ent:usa coi:supports ent:sdf . }
c:01 a coi:Claim ; coi:passage n:p1 ; coi:modality coi:Stated .
c:02 { ev:strike a coi:Strike ; coi:agent ent:turkey ; coi:target ent:sdf ; coi:atPlace ent:manbij . }
c:02 a coi:Claim ; coi:passage n:p1 ; coi:modality coi:Stated .
c:03 { ent:us-armed-forces coi:presentAt ent:al-tanf-base . }
c:03 a coi:Claim ; coi:passage n:p2 ; coi:modality coi:Stated .
c:04 { ent:iran coi:supports ent:hezbollah . }
c:04 a coi:Claim ; coi:passage n:p2 ; coi:modality coi:Intended .
"""
METADATA = """\
@prefix coi: <https://w3id.org/coi-graph/ontology#> .
@prefix doc: <https://w3id.org/coi-graph/id/doc/> .

doc:test-article a coi:NewsArticle ; coi:sourceFile "test-article.txt" ; coi:sourceFormat "news" .
"""


def test_against_the_curated_claims_of_a_data_directory(tmp_path: Path, names: Gazetteer) -> None:
    (tmp_path / "documents").mkdir()
    (tmp_path / "claims").mkdir()
    (tmp_path / "documents" / "test-article.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "documents" / "test-article.ttl").write_text(METADATA, encoding="utf-8")
    (tmp_path / "claims" / "test-article.trig").write_text(CLAIMS, encoding="utf-8")
    assert _figures(evaluate_curated(tmp_path, names)) == {
        # p1 names usa, sdf, raqqa-governorate, turkey, manbij; p2 us-armed-forces, al-tanf-base, iran, hezbollah;
        # the claims use all of them but the governorate
        "curated: entities of the claims, per passage": (9, 8, 8, 88.9, 100.0, 94.1),
        # the strike's place (Manbij) is not proposed, the stationedAt is not the claim's presentAt
        "curated: candidate atoms": (5, 6, 4, 80.0, 66.7, 72.7),
        "curated: candidate atoms (lenient)": (5, 6, 5, 100.0, 83.3, 90.9),
        "candidates: modality of matched claims": (3, 3, 2, 66.7, None, None),
    }
