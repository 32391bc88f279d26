"""Saved queries: every one with its expected rows on the seed graph, the library's headers,
parameter safety, and the errors of the query command."""

from __future__ import annotations

import csv
import json
import tomllib
from pathlib import Path

import pytest

from coi_graph.compile.pipeline import BuildResult
from coi_graph.query.library import QueryError, load_library, parse_query_file
from coi_graph.query.network import network_keyword
from coi_graph.query.output import _short_text
from coi_graph.query.runner import execute
from coi_graph.resources import queries_dir
from coi_graph.store import open_store
from tests.conftest import run_cli

CASES_DIR = Path(__file__).resolve().parents[1] / "queries"
CASES = tomllib.loads((CASES_DIR / "cases.toml").read_text(encoding="utf-8"))["case"]
LIBRARY = load_library(queries_dir())


def _case_id(case: dict[str, object]) -> str:
    params = case.get("params") or {}
    assert isinstance(params, dict)
    return str(case["query"]) + "".join(f"-{k}={v}" for k, v in sorted(params.items()))


def test_every_saved_query_has_a_case() -> None:
    assert {c["query"] for c in CASES} == set(LIBRARY)
    assert len(LIBRARY) >= 15


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_saved_query_rows(case: dict[str, object], seed_build: BuildResult) -> None:
    saved = LIBRARY[str(case["query"])]
    params = {k: str(v) for k, v in dict(case.get("params") or {}).items()}  # type: ignore[call-overload]
    if case.get("refused"):
        with pytest.raises(QueryError, match="reaches another host"):
            execute(open_store(seed_build.out_dir), saved.bind(params), name=saved.name)
        return
    result = execute(open_store(seed_build.out_dir), saved.bind(params), name=saved.name)
    with (CASES_DIR / str(case["expected"])).open(encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        expected = [tuple(row) for row in reader]
    missing = [c for c in header if c not in result.columns]
    assert missing == [], f"columns {missing} not in {result.columns}"
    index = [result.columns.index(c) for c in header]
    got = [tuple(_short_text(row[i]) for i in index) for row in result.rows]
    mode = case.get("compare", "ordered")
    if mode == "ordered":
        assert got == expected
    elif mode == "set":
        assert set(got) == set(expected)
    else:
        assert set(expected) <= set(got), sorted(set(expected) - set(got))


def test_single_publisher_claims_leave_out_the_corroborated(seed_build: BuildResult) -> None:
    result = execute(open_store(seed_build.out_dir), LIBRARY["corroboration"].bind({"at_most": "1"}))
    claims = {row[0].text.rsplit("/", 2)[-2] + "/" + row[0].text.rsplit("/", 1)[-1] for row in result.rows if row[0]}
    assert len(claims) == 71 - 7  # footnotes 537 (5 claims) and 541 (2 claims) cite two publishers
    assert "euaa-2025-03-syria-country-focus/11" not in claims


@pytest.mark.parametrize("name", sorted(LIBRARY))
def test_header_documents_the_query(name: str) -> None:
    saved = LIBRARY[name]
    assert saved.title and saved.question.endswith(("?", "."))
    for param in saved.params:
        assert param.example is not None, f"{name}: parameter {param.name} has no example"
        assert param.description, f"{name}: parameter {param.name} has no description"


@pytest.mark.parametrize("name", sorted(LIBRARY))
def test_every_query_runs_with_its_examples(name: str, seed_build: BuildResult) -> None:
    saved = LIBRARY[name]
    params = {p.name: p.example for p in saved.params if p.example is not None}
    if saved.needs_network:
        assert network_keyword(saved.text) == "SERVICE"
        return
    result = execute(open_store(seed_build.out_dir), saved.bind(params), name=name)
    assert result.rows, f"{name} returns nothing with its example parameters"


def test_evidence_columns_where_they_apply() -> None:
    for name in ("presence", "relations", "profile", "timeline", "statements", "quantities", "as-of", "changes"):
        text = LIBRARY[name].text
        for column in ("?quote", "?document", "?footnotes", "?sources"):
            assert column in text.split("WHERE")[0], f"{name} lacks {column}"


# --- parameters cannot change the query ---------------------------------------------

MALICIOUS = [
    "ent:x> } ; DROP ALL ; SELECT * { <a",
    '"} UNION { ?s ?p ?o } #',
    "ent:sdf }",
    "<https://x/a b>",
    "2025-01-01'",
]


@pytest.mark.parametrize("value", MALICIOUS)
def test_malicious_iri_and_date_values_are_rejected(value: str) -> None:
    with pytest.raises(QueryError, match=r"query 'presence', parameter '(actor|from)'"):
        LIBRARY["presence"].bind({"actor": value})
    with pytest.raises(QueryError, match="parameter 'from'"):
        LIBRARY["presence"].bind({"from": value})


def test_malicious_text_is_bound_as_a_harmless_literal(tmp_path: Path, seed_build: BuildResult) -> None:
    query = tmp_path / "echo.rq"
    query.write_text(
        "# title: Echo\n# question: What was given?\n# param text: string, optional, example x — any text\n"
        "SELECT ?text (COUNT(*) AS ?n) WHERE {\n#@parameters\n ?claim a coi:Claim .\n} GROUP BY ?text\n",
        encoding="utf-8",
    )
    evil = '"} } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o } #'
    result = execute(open_store(seed_build.out_dir), parse_query_file(query).bind({"text": evil}))
    assert [(r[0].text if r[0] else None, r[1].text if r[1] else None) for r in result.rows] == [(evil, "71")]


def test_iri_parameters_accept_prefixes_and_full_iris() -> None:
    short = LIBRARY["presence"].bind({"actor": "ent:sdf"})
    full = LIBRARY["presence"].bind({"actor": "https://w3id.org/coi-graph/id/entity/sdf"})
    angled = LIBRARY["presence"].bind({"actor": "<https://w3id.org/coi-graph/id/entity/sdf>"})
    assert short == full == angled
    assert (
        "VALUES (?actor ?place ?from ?to) { (<https://w3id.org/coi-graph/id/entity/sdf> UNDEF UNDEF UNDEF) }" in short
    )


@pytest.mark.parametrize(
    ("param_type", "value", "message"),
    [
        ("date", "2025-02-30", "is not a date"),
        ("integer", "five", "not a whole number"),
        ("qid", "858", "not a Wikidata QID"),
    ],
)
def test_typed_values_are_checked(param_type: str, value: str, message: str) -> None:
    from coi_graph.query.params import ParameterValueError, to_term

    with pytest.raises(ParameterValueError, match=message):
        to_term(param_type, value)


# --- the command ------------------------------------------------------------------------


def test_query_list_shows_names_titles_and_parameters() -> None:
    result = run_cli("query", "list")
    assert result.exit_code == 0
    assert "presence: Who is present or stationed where" in result.stdout
    assert "--param place=…  (iri, optional, e.g. ent:iraq)" in result.stdout
    listed = json.loads(run_cli("query", "list", "--format", "json").stdout)
    assert {q["name"] for q in listed} == set(LIBRARY)


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json", "markdown"])
def test_formats(fmt: str, seed_build: BuildResult) -> None:
    result = run_cli("query", "run", "quantities", "--build", str(seed_build.out_dir), "--format", fmt)
    assert result.exit_code == 0, result.output
    out = result.stdout
    if fmt == "json":
        records = json.loads(out)
        assert records[0]["amount"] == 2000 and records[0]["approximate"] is True
    elif fmt in ("csv", "tsv"):
        sep = "," if fmt == "csv" else "\t"
        assert out.splitlines()[0].startswith(sep.join(["date_from", "date_to", "dated_by", "counted"]))
    elif fmt == "markdown":
        assert out.startswith("| date_from | date_to |") and "| US armed forces |" in out
    else:
        assert "US armed forces" in out and out.rstrip().endswith("(2 rows)")


def test_ad_hoc_expression_and_file(seed_build: BuildResult, tmp_path: Path) -> None:
    build = str(seed_build.out_dir)
    result = run_cli(
        "query", "--build", build, "-e", "SELECT ?o WHERE { ent:us-armed-forces coi:supports ?o }", "--format", "csv"
    )
    assert result.stdout == "o\nhttps://w3id.org/coi-graph/id/entity/sdf\n"
    path = tmp_path / "q.rq"
    path.write_text("ASK { ent:sdf a coi:NonStateArmedGroup }", encoding="utf-8")
    assert run_cli("query", "--build", build, "--file", str(path), "--format", "csv").stdout == "result\ntrue\n"


def test_run_to_a_file(seed_build: BuildResult, tmp_path: Path) -> None:
    out = tmp_path / "sdf.csv"
    result = run_cli(
        "query",
        "run",
        "relations",
        "--build",
        str(seed_build.out_dir),
        "-p",
        "actor=ent:sdf",
        "--format",
        "csv",
        "-o",
        str(out),
    )
    assert result.exit_code == 0 and result.stdout == ""
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["query", "run", "presense"], "unknown query 'presense'"),
        (["query", "run", "profile"], "query 'profile' needs the parameter 'entity'"),
        (["query", "run", "presence", "-p", "colour=red"], "query 'presence' has no parameter 'colour'"),
        (
            ["query", "run", "presence", "-p", "from=yesterday"],
            "query 'presence', parameter 'from': 'yesterday' is not a date",
        ),
        (["query", "-e", "SELECT ?s WHERE {\n  ?s ?p\n}"], "query: SPARQL syntax error at line 3, column "),
        (
            ["query", "-e", "SELECT * WHERE { SERVICE <https://query.wikidata.org/sparql> { ?s ?p ?o } }"],
            "uses SERVICE",
        ),
        (["query", "run", "wikidata-labels"], "calls Wikidata over the network; refused"),
    ],
)
def test_errors_name_the_query_and_exit_2(args: list[str], message: str, seed_build: BuildResult) -> None:
    result = run_cli(*args, "--build", str(seed_build.out_dir))
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_network_keyword_ignores_strings_iris_and_comments() -> None:
    assert network_keyword('SELECT * WHERE { ?s rdfs:label "SERVICE" } # LOAD this') is None
    assert network_keyword("SELECT * WHERE { ?s <http://x/SERVICE> ?o }") is None
    assert network_keyword("LOAD <http://x/> INTO GRAPH <g>") == "LOAD"


def test_bad_query_headers_are_clear_errors(tmp_path: Path) -> None:
    from coi_graph.errors import InputError

    no_title = tmp_path / "no-title.rq"
    no_title.write_text("SELECT * WHERE { ?s ?p ?o }\n", encoding="utf-8")
    with pytest.raises(InputError, match="needs '# title:'"):
        parse_query_file(no_title)
    bad_type = tmp_path / "bad-type.rq"
    bad_type.write_text("# title: t\n# question: q?\n# param x: colour, optional — x\n#@parameters\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad-type.rq:3: parameter 'x' has no type"):
        parse_query_file(bad_type)
    no_marker = tmp_path / "no-marker.rq"
    no_marker.write_text(
        "# title: t\n# question: q?\n# param x: iri, optional, example ent:a — x\nSELECT * {}\n", encoding="utf-8"
    )
    with pytest.raises(InputError, match="no '#@parameters' line"):
        parse_query_file(no_marker)
