"""The command line: exit codes (0 conforms, 1 violations, 2 error), messages with file and line, exports."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from coi_graph.compile.pipeline import BuildResult
from tests.conftest import run_cli

CLAIMS_FILE = Path("claims") / "euaa-2025-03-syria-country-focus-s3.4.trig"


def _edit(data: Path, relative: Path, old: str, new: str) -> None:
    path = data / relative
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_version_and_help() -> None:
    assert run_cli("--version").output.startswith("coi-graph, version ")
    for command in (["build"], ["validate"], ["export", "claims"], ["export", "citations"]):
        result = run_cli(*command, "--help")
        assert result.exit_code == 0
        assert "Examples:" in result.output


def test_validate_conforming_data_exits_0(tmp_path: Path) -> None:
    result = run_cli("validate", "--data", "data")
    assert result.exit_code == 0, result.output
    assert result.stdout == "Conforms: no violations.\n"


def test_malformed_turtle_exits_2_with_file_and_line(data_copy: Path, tmp_path: Path) -> None:
    _edit(
        data_copy,
        CLAIMS_FILE,
        'coi:quote "former President Joe Biden" ;',
        'coi:quote "former President Joe Biden ;',
    )
    result = run_cli("build", "--data", str(data_copy), "--out", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert f"{data_copy / CLAIMS_FILE}:" in result.stderr
    line = int(result.stderr.split(f"{CLAIMS_FILE}:")[1].split(":")[0])
    source = (data_copy / CLAIMS_FILE).read_text().splitlines()
    assert "former President Joe Biden ;" in source[line - 1]
    assert "TRIG syntax error" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_unknown_prefix_exits_2(data_copy: Path) -> None:
    _edit(data_copy, CLAIMS_FILE, "ent:joe-biden coi:leads", "person:joe-biden coi:leads")
    result = run_cli("validate", "--data", str(data_copy))
    assert result.exit_code == 2
    assert "person" in result.stderr and "Traceback" not in result.stderr


def test_quote_not_in_text_exits_1_and_names_the_claim(data_copy: Path, tmp_path: Path) -> None:
    _edit(data_copy, CLAIMS_FILE, 'coi:quote "former President Joe Biden"', 'coi:quote "President Joseph Biden"')
    result = run_cli("build", "--data", str(data_copy), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert 'The quote is not in the passage text, verbatim: "President Joseph Biden"' in result.stderr
    source = (data_copy / CLAIMS_FILE).read_text().splitlines()
    line = int(result.stderr.split(f"{CLAIMS_FILE}:")[1].split(":")[0])
    assert source[line - 1].startswith("c:03 ")
    assert not (tmp_path / "out").exists()


def test_undefined_entity_exits_1(data_copy: Path) -> None:
    _edit(
        data_copy,
        CLAIMS_FILE,
        "ent:us-armed-forces coi:supports ent:sdf",
        "ent:us-armed-forces coi:supports ent:sdff",
    )
    result = run_cli("validate", "--data", str(data_copy), "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["conforms"] is False
    messages = [r["message"] for r in report["results"]]
    assert any("entity/sdff, which is defined nowhere" in m for m in messages)
    assert any(r["file"] and r["file"].endswith(str(CLAIMS_FILE)) and r["line"] for r in report["results"])


def test_impossible_date_exits_2(data_copy: Path) -> None:
    _edit(data_copy, CLAIMS_FILE, '"2024-12-08"^^xsd:date', '"2024-12-32"^^xsd:date')
    result = run_cli("validate", "--data", str(data_copy))
    assert result.exit_code == 2
    assert "2024-12-32" in result.stderr and "is not a valid xsd:date" in result.stderr


def test_missing_data_directory_exits_2(tmp_path: Path) -> None:
    result = run_cli("build", "--data", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert "data directory" in result.stderr and "not found" in result.stderr


def test_export_without_build_exits_2(tmp_path: Path) -> None:
    result = run_cli("export", "claims", "--build", str(tmp_path / "none"))
    assert result.exit_code == 2
    assert "run 'coi-graph build' first" in result.stderr


def test_validate_turtle_report_is_rdf(data_copy: Path) -> None:
    _edit(data_copy, CLAIMS_FILE, 'coi:quote "former President Joe Biden"', 'coi:quote "President Joseph Biden"')
    result = run_cli("validate", "--data", str(data_copy), "--format", "turtle")
    assert result.exit_code == 1
    from rdflib import Graph
    from rdflib.namespace import SH

    report = Graph().parse(data=result.stdout, format="turtle")
    assert len(list(report.subjects(None, SH.ValidationResult))) == 1


def test_export_claims_csv(seed_build: BuildResult, tmp_path: Path) -> None:
    out = tmp_path / "claims.csv"
    result = run_cli("export", "claims", "--build", str(seed_build.out_dir), "-o", str(out))
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert list(rows[0]) == [
        "claim", "document", "footnotes", "subject", "subject_label", "subject_wikidata", "predicate",
        "predicate_label", "object", "object_label", "object_wikidata", "value", "start", "end",
        "point_in_time", "as_of", "modality", "quote", "sources",
    ]  # fmt: skip
    assert len({r["claim"] for r in rows}) == 71
    assert len(rows) == seed_build.summary.triples["claim_content"]

    supports = [r for r in rows if r["predicate_label"] == "supports"]
    assert [(r["subject_label"], r["object_label"], r["footnotes"], r["sources"]) for r in supports] == [
        ("US armed forces", "Syrian Democratic Forces", "542", "Al Jazeera, 2025-01-06")
    ]
    amount = next(r for r in rows if r["predicate_label"] == "amount")
    assert (amount["object"], amount["value"], amount["as_of"], amount["modality"]) == (
        "",
        "2000",
        "2024-12",
        "reported",
    )
    assert amount["sources"] == "USDOD, 2024-12-19; Al Jazeera, 2024-12-19"
    syria = next(r for r in rows if r["object_label"] == "Syria")
    assert syria["object_wikidata"] == "Q858"
    # a claim resting on several footnotes lists them all, and SOHR items once each
    hasaka = [r for r in rows if r["footnotes"] == "545;546;547;548"]
    assert hasaka and hasaka[0]["sources"].count("SOHR, 2025-01-04") == 1
    # claims without footnotes rest on their document
    news = [r for r in rows if "newsaz" in r["claim"]]
    assert news and all(r["footnotes"] == "" and r["sources"] == "News.Az, 2025-10-20" for r in news)


def test_export_claims_jsonl_to_stdout(seed_build: BuildResult) -> None:
    result = run_cli("export", "claims", "--build", str(seed_build.out_dir), "--format", "jsonl")
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    negated = [r for r in records if r["modality"] == "negated"]
    assert {r["subject_label"] for r in negated} >= {"removal of Ahmad Al-Sharaa's designation as a terrorist"}
    assert all(r["object"] is None for r in records if r["value"] is not None)


def test_export_citations(seed_build: BuildResult) -> None:
    result = run_cli("export", "citations", "--build", str(seed_build.out_dir))
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 26
    assert list(rows[0]) == [
        "document",
        "footnote",
        "position",
        "publisher",
        "title",
        "date",
        "url",
        "pages",
        "work",
    ]
    by_footnote: dict[str, int] = {}
    for row in rows:
        by_footnote[row["footnote"]] = by_footnote.get(row["footnote"], 0) + 1
    assert by_footnote["547"] == 4 and by_footnote["546"] == 3
    pages = [r for r in rows if r["pages"]]
    assert [(r["footnote"], r["pages"]) for r in pages] == [("544", "pp. 12-13")]
    assert len({r["work"] for r in rows}) == 19


@pytest.mark.skipif(sys.platform == "win32", reason="uses the installed console script")
def test_console_script_runs_without_traceback(tmp_path: Path) -> None:
    script = Path(sys.executable).parent / "coi-graph"
    result = subprocess.run(
        [str(script), "build", "--data", str(tmp_path / "missing")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("error: ")
    assert "Traceback" not in result.stderr
