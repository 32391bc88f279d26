"""`coi-graph evaluate --gold` against the development set's own scorer, the figures of
docs/extraction.md, and the way from a proposed entity to the registry through review.

The development set (../shared/devset) is read only for its documents D01-D15; D16-D20 are held
out and never opened by a test. Without ../shared the tests that need it are skipped.
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from types import ModuleType

import pytest
from rdflib import Graph
from rdflib.namespace import RDF, SKOS

from coi_graph.compile.pipeline import build
from coi_graph.extract import draft
from coi_graph.namespaces import ENT
from coi_graph.vocab import COI
from tests.conftest import ROOT, SHARED, run_cli

DEVSET = SHARED / "devset"
needs_devset = pytest.mark.skipif(not (DEVSET / "tools" / "score.py").is_file(), reason="../shared/devset absent")
TUNED = "D01-D15"

# written for this test (not a devset text): a name the registry lacks, with its class noun
NEW_NAME_ARTICLE = (
    " date 2024-06-14 Militia strikes base in Iraq\n\n"
    "The Liwa al-Fajr al-Jadid militia attacked the Ain al-Asad air base on Friday, US officials said.\n"
)


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("devset_score", DEVSET / "tools" / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@needs_devset
def test_evaluate_gold_counts_what_the_devset_scorer_counts(tmp_path: Path) -> None:
    """Per document, the relation and entity figures of `evaluate --gold` are those of score.py run on
    the predictions `--predictions-out` wrote."""
    out = tmp_path / "predictions"
    result = run_cli("evaluate", "--gold", str(DEVSET / "gold"), "--documents", TUNED,
                     "--predictions-out", str(out), "--format", "json")  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = {row["scope"]: row for row in json.loads(result.stdout)}
    scorer = _scorer()
    written = sorted(out.glob("*.json"))
    assert [p.name[:3] for p in written] == [f"D{n:02d}" for n in range(1, 16)]
    totals: dict[str, int] = {}
    for path in written:
        gold = json.loads((DEVSET / "gold" / path.name).read_text(encoding="utf-8"))
        counts = scorer.score_doc(gold, json.loads(path.read_text(encoding="utf-8")))
        for key, value in counts.items():
            totals[key] = totals.get(key, 0) + value
        row = rows[f"document {path.name[:3]}"]
        assert row["relation_recall"] == round(counts["rel_req_found"] / counts["rel_req"], 3), path.name
        if counts["rel_pred"]:
            assert row["relation_precision"] == round(counts["rel_pred_ok"] / counts["rel_pred"], 3), path.name
        assert row["entity_recall"] == round(counts["ent_tp"] / counts["ent_gold"], 3), path.name
    overall = rows["all"]
    assert overall["relation_recall"] == round(totals["rel_req_found"] / totals["rel_req"], 3)
    assert overall["relation_precision"] == round(totals["rel_pred_ok"] / totals["rel_pred"], 3)
    assert overall["footnotes"] == round(totals["fn_ok"] / totals["fn_n"], 3)


@needs_devset
def test_docs_extraction_shows_the_current_dev_set_figures() -> None:
    """docs/extraction.md shows the table `evaluate --gold … --documents D01-D15` prints today."""
    page = (ROOT / "docs" / "extraction.md").read_text(encoding="utf-8")
    command = f"$ coi-graph evaluate --gold ../shared/devset/gold --documents {TUNED}"
    shown = re.search(re.escape(command) + r"\n(.*?)```", page, re.S)
    assert shown, f"docs/extraction.md no longer shows {command!r}"
    result = run_cli("evaluate", "--gold", str(DEVSET / "gold"), "--documents", TUNED)
    assert result.exit_code == 0, result.output
    assert shown.group(1) == result.stdout, "docs/extraction.md is stale: paste the output of the command again"


@needs_devset
def test_readme_shows_the_current_dev_set_figures() -> None:
    """The README's row for D01-D15 holds the figures `evaluate --gold` gives today."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    row = re.search(r"^\| D01–D15 \(developed on\) \|(.*)\|$", readme, re.M)
    assert row, "the README no longer shows the dev-set figures of D01-D15"
    result = run_cli("evaluate", "--gold", str(DEVSET / "gold"), "--documents", TUNED, "--format", "json")
    overall = json.loads(result.stdout)[0]
    names = ("relation_recall", "relation_precision", "mention_recall", "mention_precision", "linking", "modality",
             "footnotes")  # fmt: skip
    assert [c.strip() for c in row.group(1).split("|")] == [f"{overall[n]:.3f}" for n in names]


@needs_devset
def test_evaluate_gold_rejects_a_selection_that_matches_nothing() -> None:
    result = run_cli("evaluate", "--gold", str(DEVSET / "gold"), "--documents", "D99")
    assert result.exit_code == 2
    assert "D99" in result.stderr


# --- a proposed entity, from the draft to the registry --------------------------------------------


def _draft_of_new_name(data_copy: Path, tmp_path: Path) -> Path:
    article = tmp_path / "new-name.txt"
    article.write_text(NEW_NAME_ARTICLE, encoding="utf-8")
    ingested = run_cli("ingest", str(article), "--data", str(data_copy), "--publisher", "News.Az", "--id", "test-new")
    assert ingested.exit_code == 0, ingested.output
    out = tmp_path / "d.trig"
    extracted = run_cli("extract", str(data_copy / "documents" / "test-new.txt"), "--data", str(data_copy),
                        "-o", str(out))  # fmt: skip
    assert extracted.exit_code == 0, extracted.output
    return out


def test_a_draft_proposes_the_new_name_with_a_type_and_reads_back(data_copy: Path, tmp_path: Path) -> None:
    out = _draft_of_new_name(data_copy, tmp_path)
    proposed = draft.proposed_entities(out)
    militia = ENT["liwa-al-fajr-al-jadid"]
    assert (militia, RDF.type, COI.NonStateArmedGroup) in proposed  # "… militia": an armed group
    assert str(proposed.value(militia, SKOS.prefLabel)) == "Liwa al-Fajr al-Jadid"
    _, candidates = draft.read(out)
    strike = next(c for c in candidates if c.rule == "verb-active")
    assert any(p == COI.agent and o == militia for _, p, o in strike.triples)
    assert strike.modality == COI.Reported  # "…, US officials said"


def test_review_files_a_confirmed_new_entity_and_the_build_takes_it(data_copy: Path, tmp_path: Path) -> None:
    from tests.extract.test_engine import _review

    out = _draft_of_new_name(data_copy, tmp_path)
    result = _review(out, data_copy, "a\ny\nq\n")
    assert result.exit_code == 0, result.output
    assert "new entity ent:liwa-al-fajr-al-jadid" in result.stderr and "1 filed in" in result.stderr
    reviewed = Graph().parse(data_copy / "entities" / "reviewed.ttl")
    militia = ENT["liwa-al-fajr-al-jadid"]
    assert (militia, RDF.type, COI.NonStateArmedGroup) in reviewed
    assert str(reviewed.value(militia, SKOS.prefLabel)) == "Liwa al-Fajr al-Jadid"
    built = build(data_copy, tmp_path / "build")
    assert built.report.conforms
    assert built.summary.counts["claims"] == 71 + 1


def test_review_declining_a_new_entity_files_nothing(data_copy: Path, tmp_path: Path) -> None:
    from tests.extract.test_engine import _review

    out = _draft_of_new_name(data_copy, tmp_path)
    result = _review(out, data_copy, "a\nn\nq\n")
    assert result.exit_code == 0, result.output
    assert "it stays pending" in result.stderr
    assert not (data_copy / "entities" / "reviewed.ttl").exists()
    assert not (data_copy / "claims" / "test-new.trig").exists()
    _, after = draft.read(out)
    assert all(c.status == COI.Pending for c in after)
