"""`coi-graph dossier`: the page of one entity (HTML and Markdown), --all with its index, and what the
pages promise: the graph's content (checked against the saved queries), EUAA-style sources, determinism,
no reference to anything outside the page, escaping, and rendering in headless Chromium offline."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from coi_graph.compile.pipeline import BuildResult, build
from coi_graph.dossier.gather import euaa_date, safe_url
from coi_graph.dossier.html import citation_html
from coi_graph.dossier.markdown import citation_markdown, md
from coi_graph.dossier.model import Citation
from coi_graph.link import enrich
from coi_graph.query.library import load_library
from coi_graph.query.runner import execute
from coi_graph.resources import queries_dir
from coi_graph.store import Value, open_store, select
from tests.conftest import ROOT, Browser, run_cli

LIBRARY = load_library(queries_dir())
ENT = "https://w3id.org/coi-graph/id/entity/"
CLAIM = "https://w3id.org/coi-graph/id/claim/"
REPORT = "doc:euaa-2025-03-syria-country-focus"


def _saved(build_dir: Path, name: str, **params: str) -> list[dict[str, str]]:
    result = execute(open_store(build_dir), LIBRARY[name].bind(params), name=name)
    return [{c: (v.text if v else "") for c, v in zip(result.columns, row, strict=True)} for row in result.rows]


@pytest.fixture(scope="module")
def every(seed_build: BuildResult, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`dossier --all` on the seed build."""
    out = tmp_path_factory.mktemp("dossiers") / "all"
    result = run_cli("dossier", "--all", "--build", str(seed_build.out_dir), "-o", str(out))
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def single(seed_build: BuildResult, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`dossier ent:sdf` and `dossier ent:syria` on the seed build, each on its own."""
    out = tmp_path_factory.mktemp("dossiers") / "single"
    for entity in ("ent:sdf", "ent:syria", "ent:mohammed-shia-al-sudani"):
        result = run_cli("dossier", entity, "--build", str(seed_build.out_dir), "-o", str(out))
        assert result.exit_code == 0, result.output
    return out


class _Tags(HTMLParser):
    """Every start tag with its attributes, and the text outside <style> and <svg>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        if tag in ("style", "svg"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "svg"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.text.append(data)


def _parse(path: Path) -> _Tags:
    parser = _Tags()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _section(markdown: str, heading: str) -> str:
    found = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", markdown, re.S | re.M)
    assert found, heading
    return found.group(1)


# --- one actor: the SDF -------------------------------------------------------------------------


def test_actor_dossier_holds_labels_type_claims_quotes_and_sources(single: Path, seed_build: BuildResult) -> None:
    page = (single / "sdf.html").read_text(encoding="utf-8")
    text = " ".join(" ".join(_parse(single / "sdf.html").text).split())
    assert "<h1>Syrian Democratic Forces</h1>" in page
    assert '<td lang="en" dir="auto">SDF</td><td>en</td><td>alias</td>' in page
    assert "Wikidata not linked" in text and "Type non-state armed group (actor)" in text
    # the claims of profile.rq, grouped by relation, each with its quote verbatim
    profile = _saved(seed_build.out_dir, "profile", entity="ent:sdf")
    assert len(profile) == 4
    for row in profile:
        assert row["direction"] == "in"
        assert f"<h3>… {row['relation_label']} Syrian Democratic Forces <small>" in page
        assert f"<blockquote>{row['quote']}</blockquote>" in page
        assert "claim:" + row["claim"].removeprefix(CLAIM) in page
    assert text.count("… agent Syrian Democratic Forces (2)") == 1
    assert "US armed forces supports Syrian Democratic Forces" in text
    assert "where they act in support of the SDF as part of a mission to defeat ISIL" in text
    # modality, dates, corroboration, footnote marks
    assert 'class="modality m-stated">stated</span> · 2025-03-01 – 2025-03-31 (dated by the document)' in page
    assert "1 publisher: SOHR" in text and "1 publisher: Al Jazeera" in text
    assert '<sup><a href="#fn-1">1</a></sup>' in page and '<sup><a href="#fn-3">3</a></sup>' in page
    # sources: numbered footnotes in EUAA style, in the order the page first cites them
    notes = re.findall(r'<li id="fn-(\d+)" value="\d+">(.*?)</li>', page)
    assert [n for n, _ in notes] == ["1", "2", "3"]
    assert notes[0][1].startswith(
        "SOHR, To raise combat readiness | “International Coalition” and “SDF” conduct military exercises in "
        "Deir Ezzor, 15 January 2025, no URL given"
    )
    assert "(footnote 552 of COI Report - Syria: Country Focus)" in notes[0][1]
    assert notes[2][1].startswith("Al Jazeera, What is behind US strategy of keeping troops in post-Assad Syria?, ")
    assert "Corroboration (corroboration.rq): 3 claims on 1 independent publisher." in text
    assert "No statement by Syrian Democratic Forces in the corpus." in text
    assert "No contradiction among the claims on this page" in text
    # the two pictures, inline
    assert page.count('<svg class="chart" role="img"') == 2
    assert 'aria-label="Claims about Syrian Democratic Forces, March 2025 to March 2025 (3 claims)"' in page
    assert "Deir ez-Zor Governorate" in _section_html(page, "map")


def _section_html(page: str, name: str) -> str:
    found = re.search(rf'<section id="{name}">(.*?)</section>', page, re.S)
    assert found, name
    return found.group(1)


def test_actor_dossier_in_markdown(single: Path, seed_build: BuildResult) -> None:
    page = (single / "sdf.md").read_text(encoding="utf-8")
    assert page.startswith("# Syrian Democratic Forces\n\nnon-state armed group (actor) · dossier  \n")
    assert "| SDF | en | alias |\n" in page and "- **Wikidata:** not linked\n" in page
    assert "### … supports Syrian Democratic Forces (1)\n" in page
    assert "1. **US armed forces** *supports* **Syrian Democratic Forces**\n" in page
    assert "   > where they act in support of the SDF as part of a mission to defeat ISIL\n" in page
    assert "1 publisher: Al Jazeera · COI Report - Syria: Country Focus[^3]  \n" in page
    # every footnote is the report's own citation list line for that footnote (citation-list.rq)
    listed = {r["footnote"]: r["citations"] for r in _saved(seed_build.out_dir, "citation-list", document=REPORT)}
    notes = re.findall(r"^\[\^(\d+)\]: (.*) \(footnote (\d+) of COI Report - Syria: Country Focus\)$", page, re.M)
    assert [n for n, _, _ in notes] == ["1", "2", "3"]
    assert [f for _, _, f in notes] == ["552", "553", "542"]
    for _, text, footnote in notes:
        assert text == listed[footnote]
    # the pictures are files next to the page
    pictures = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", page)
    assert pictures == ["charts/sdf-timeline.svg", "charts/sdf-map.svg"]
    for picture in pictures:
        assert (single / picture).read_text(encoding="utf-8").startswith("<svg ")
    assert "No statement by Syrian Democratic Forces in the corpus." in _section(page, "Statements")


# --- a place: Syria, with a QID, the hierarchy, corroboration and contradictions ----------------------


def test_place_dossier_holds_qid_hierarchy_corroboration_and_contradictions(
    single: Path, seed_build: BuildResult
) -> None:
    page = (single / "syria.html").read_text(encoding="utf-8")
    text = " ".join(" ".join(_parse(single / "syria.html").text).split())
    assert '<a href="https://www.wikidata.org/wiki/Q858">Q858</a>' in page
    assert "Syrian Arab Republic" in text and "Type country, state (actor, place)" in text
    # al-Tanf base is in Syria by a claim of the report, not by the registry: the page says so (review finding)
    assert "Contains Al-Hasakah Governorate, al-Tanf base (said by a claim)" in text
    assert (  # by the registry: no mark
        "Aleppo Governorate, As-Suwayda Governorate, central Syria, Damascus Governorate, Daraa Governorate, "
        "Deir ez-Zor Governorate" in text
    )
    assert "comes from the documents, not the registry" in text
    assert "Has government Assad government" in text
    # claim 11 (footnote 541) rests on two publishers, the others on one
    assert "2 independent publishers: Al Jazeera; US Department of Defense" in text
    assert "6 claims on 1 independent publisher, 1 claim on 2 independent publishers" in text
    assert (
        "USDOD, DOD Announces 2,000 Troops in Syria, Department Prepared for Government Shutdown, 19 December 2024, "
        "no URL given; Al Jazeera, US says it has 2,000 troops in Syria, not 900 as previously declared, "
        "19 December 2024, no URL given (footnote 541 of COI Report - Syria: Country Focus)"
    ) in text
    assert "News.Az, Iraq confirms some US troops will remain due to ISIS threat in Syria, 20 October 2025" in text
    # contradictions: those of contradictions.rq that involve a claim of the page
    claims = {r["claim"] for r in _saved(seed_build.out_dir, "profile", entity="ent:syria")}
    expected = {
        (r["claim_a"], r["claim_b"])
        for r in _saved(seed_build.out_dir, "contradictions")
        if r["claim_a"] in claims or r["claim_b"] in claims or r["subject"] == ENT + "syria"
    }
    assert len(expected) == 4
    shown = _section_html(page, "contradictions")
    pairs = re.findall(r"<code>claim:([^<]+)</code>.*?<code>claim:([^<]+)</code>", shown, re.S)
    assert {(CLAIM + a, CLAIM + b) for a, b in pairs} == expected
    assert shown.count("<strong>plan vs presence</strong>") == 4
    # the map: Syria itself, and the governorates within it
    places = _section_html(page, "map")
    assert '<svg class="chart"' in places and "<td>this place</td>" in places
    assert "<td>Al-Hasakah Governorate</td><td>governorate</td><td>within it</td>" in places
    markdown = (single / "syria.md").read_text(encoding="utf-8")
    assert "- **Wikidata:** [Q858](https://www.wikidata.org/wiki/Q858)\n" in markdown
    assert "| Syrian Arab Republic | en | alias |" in markdown
    assert _section(markdown, "Contradictions").count("**plan vs presence**") == 4


def test_located_in_chain_and_negation(every: Path) -> None:
    hasakah = (every / "al-hasakah-governorate.html").read_text(encoding="utf-8")
    assert 'Al-Hasakah Governorate → <span class="relation">located in</span> <a href="syria.html">Syria</a>' in hasakah
    base = (every / "conoco-base.md").read_text(encoding="utf-8")
    assert (
        "  - Koniko Gas Field base → *located in* [Koniko Gas Field](conoco-gas-field.md) → *located in* "
        "[Deir ez-Zor Governorate](deir-ez-zor-governorate.md) (said by a claim) → *located in* [Syria](syria.md)\n"
    ) in base
    advisers = (every / "us-military-advisers-iraq.md").read_text(encoding="utf-8")
    assert "*part of* [US armed forces](us-armed-forces.md) → *part of* [United States](usa.md)" in advisers
    isil = _section((every / "isil.md").read_text(encoding="utf-8"), "Contradictions")
    assert "1. **negation**: Islamic State (ISIL) *threatens*" in isil
    assert "> no longer poses a significant threat inside Iraq." in isil and "(possible) Iraq" in isil


def test_statements_of_a_speaker(single: Path, seed_build: BuildResult) -> None:
    rows = _saved(seed_build.out_dir, "statements", speaker="ent:mohammed-shia-al-sudani")
    assert len(rows) >= 4
    page = (single / "mohammed-shia-al-sudani.html").read_text(encoding="utf-8")
    statements = _section_html(page, "statements")
    for row in rows:
        assert escape(row["statement_label"]) in statements
        assert f"<blockquote>{escape(row['quote'])}</blockquote>" in statements
    assert "In their words: “developments in Syria” · “small unit”" in statements  # each piece quoted alone
    assert "through Mohammed Shia al-Sudani → foreign media (unnamed) → News.Az" in statements
    markdown = _section((single / "mohammed-shia-al-sudani.md").read_text(encoding="utf-8"), "Statements")
    assert "1. **Iraqi Prime Minister on US military advisers remaining in Iraq**" in markdown


# --- --all ------------------------------------------------------------------------------------------


def test_all_writes_one_page_per_entity_in_a_claim_and_an_index(every: Path, seed_build: BuildResult) -> None:
    named = select(
        open_store(seed_build.out_dir),
        "SELECT DISTINCT ?e WHERE { ?c a coi:Claim ; coi:mentions ?e . GRAPH graph:registry { ?e skos:prefLabel ?l } }",
    )
    expected = {r["e"].text.removeprefix(ENT) for r in named if r["e"]}
    assert len(expected) > 40
    pages = {p.stem for p in every.glob("*.html")} - {"index"}
    assert pages == expected == {p.stem for p in every.glob("*.md")} - {"index"}
    index = (every / "index.html").read_text(encoding="utf-8")
    assert f'<p class="sub">{len(expected)} entities named in at least one claim, grouped by type.</p>' in index
    assert "<h2>governorate <small>(4)</small></h2>" in index
    assert '<li><a href="sdf.html">Syrian Democratic Forces</a> <span class="sub">— 3 claims</span></li>' in index
    assert "- [Syria](syria.md) — 7 claims\n" in (every / "index.md").read_text(encoding="utf-8")
    # every relative link of every page resolves to a file of the directory
    checked = 0
    for page in sorted(every.glob("*.html")):
        for tag, attrs in _parse(page).tags:
            href = attrs.get("href", "")
            if tag == "a" and href and not href.startswith(("#", "https://")):
                assert (every / href).is_file(), f"{page.name}: {href}"
                checked += 1
    for page in sorted(every.glob("*.md")):
        for target in re.findall(r"\]\(([^)#][^)]*)\)", page.read_text(encoding="utf-8")):
            if not target.startswith("https://"):
                assert (every / target).is_file(), f"{page.name}: {target}"
                checked += 1
    assert checked > 300
    assert '<nav><a href="index.html">All dossiers</a></nav>' in (every / "sdf.html").read_text(encoding="utf-8")


def test_the_same_build_gives_the_same_bytes(every: Path, seed_build: BuildResult, tmp_path: Path) -> None:
    """The second run is another process with another hash seed, so an order taken from a set would show."""
    again = tmp_path / "again"
    command = [str(Path(sys.executable).with_name("coi-graph")), "-q", "dossier", "--all",
               "--build", str(seed_build.out_dir), "-o", str(again)]  # fmt: skip
    subprocess.run(command, check=True, env={**os.environ, "PYTHONHASHSEED": "12345"})

    def snapshot(folder: Path) -> dict[str, bytes]:
        return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}

    first, second = snapshot(every), snapshot(again)
    assert first == second and len(first) > 150
    assert not any(re.search(rb"20\d\d-\d\d-\d\dT\d\d:", data) for data in first.values())


def test_pages_reference_nothing_outside_themselves(every: Path) -> None:
    fetching = {"link", "script", "img", "iframe", "object", "embed", "audio", "video", "source", "image", "use"}
    for page in sorted(every.glob("*.html")):
        text = page.read_text(encoding="utf-8")
        assert "@import" not in text and "url(http" not in text and "<script" not in text, page.name
        for tag, attrs in _parse(page).tags:
            assert tag not in {"link", "script", "img", "iframe", "object", "embed", "audio", "video"}, page.name
            for name in ("src", "srcset", "href", "xlink:href", "action", "poster", "data"):
                value = attrs.get(name, "")
                if tag in fetching:
                    assert value == "" or value.startswith("#"), (page.name, tag, name, value)
                elif "http" in value:
                    assert tag == "a" and name == "href", (page.name, tag, name, value)
                    assert value.startswith("https://www.wikidata.org/wiki/Q"), (page.name, value)


def test_formats_and_names(seed_build: BuildResult, tmp_path: Path) -> None:
    build_dir = str(seed_build.out_dir)
    for name in ("SDF", "syrian democratic forces", ENT + "sdf", f"<{ENT}sdf>"):
        out = tmp_path / re.sub(r"\W", "_", name)
        result = run_cli("dossier", name, "--build", build_dir, "--format", "html", "-o", str(out))
        assert result.exit_code == 0, result.output
        assert [p.name for p in out.iterdir()] == ["sdf.html"]
    out = tmp_path / "md"
    assert run_cli("dossier", "Syria", "--build", build_dir, "--format", "markdown", "-o", str(out)).exit_code == 0
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == [
        "charts/syria-map.svg",
        "charts/syria-timeline.svg",
        "syria.md",
    ]


def test_an_entity_without_located_places_says_so(seed_build: BuildResult, tmp_path: Path) -> None:
    result = run_cli("dossier", "ent:joe-biden", "--build", str(seed_build.out_dir), "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    page = (tmp_path / "joe-biden.html").read_text(encoding="utf-8")
    assert "No place related to Joe Biden has verified coordinates, so there is no map." in page
    assert page.count("<svg") == 1
    assert "No place related to Joe Biden has verified coordinates" in (tmp_path / "joe-biden.md").read_text("utf-8")
    assert not (tmp_path / "charts" / "joe-biden-map.svg").exists()


# --- errors -----------------------------------------------------------------------------------------


def test_unknown_entity_missing_build_and_usage_are_errors(seed_build: BuildResult, tmp_path: Path) -> None:
    build_dir = str(seed_build.out_dir)
    result = run_cli("dossier", "ent:nobody", "--build", build_dir, "-o", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert "error: no entity 'ent:nobody' in the registry of this build" in result.stderr
    assert "hint: give an IRI such as ent:sdf" in result.stderr and "Traceback" not in result.output
    result = run_cli("dossier", "Syri", "--build", build_dir, "-o", str(tmp_path / "out"))
    assert result.exit_code == 2 and "did you mean ent:" in result.stderr
    result = run_cli("dossier", "ev:us-withdrawal-syria", "--build", build_dir, "-o", str(tmp_path / "out"))
    assert result.exit_code == 2 and "events, claims and documents have no dossier" in result.stderr
    assert not (tmp_path / "out").exists()
    result = run_cli("dossier", "ent:sdf", "--build", str(tmp_path / "none"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2 and "run 'coi-graph build' first" in result.stderr
    for args in ([], ["ent:sdf", "--all"]):
        result = run_cli("dossier", *args, "--build", build_dir, "-o", str(tmp_path / "out"))
        assert result.exit_code == 2 and "give an ENTITY, or --all" in result.stderr
    help_text = run_cli("dossier", "--help").output
    assert "Examples:" in help_text and "coi-graph dossier --all -o dossiers" in help_text


# --- escaping, other languages, addresses ---------------------------------------------------------------


def test_text_from_the_graph_is_escaped_and_other_languages_are_shown(data_copy: Path, tmp_path: Path) -> None:
    actors = data_copy / "entities" / "actors.ttl"
    text = actors.read_text(encoding="utf-8")
    label = 'skos:prefLabel "Syrian Democratic Forces"@en'
    assert label in text
    actors.write_text(text.replace(label, 'skos:prefLabel "Syrian <b>Democratic</b> Forces & *co* [x](y)"@en'), "utf-8")
    enrich.write(data_copy, {"entities": {ENT + "syria": {
        "qid": "Q858", "retrieved": "2026-11-25",
        "labels": {"ar": {"value": "سوريا"}, "fr": {"value": "Syrie"}},
        "aliases": {"de": [{"value": "Arabische Republik Syrien"}]},
    }}})  # fmt: skip
    build_dir = tmp_path / "build"
    build(data_copy, build_dir)
    out = tmp_path / "out"
    for entity in ("ent:sdf", "سوريا"):
        result = run_cli("dossier", entity, "--build", str(build_dir), "-o", str(out))
        assert result.exit_code == 0, result.output
    page = (out / "sdf.html").read_text(encoding="utf-8")
    assert "<b>Democratic</b>" not in page
    assert "<h1>Syrian &lt;b&gt;Democratic&lt;/b&gt; Forces &amp; *co* [x](y)</h1>" in page
    markdown = (out / "sdf.md").read_text(encoding="utf-8")
    assert markdown.startswith("# Syrian \\<b\\>Democratic\\</b\\> Forces & \\*co\\* \\[x\\](y)\n")
    syria = (out / "syria.html").read_text(encoding="utf-8")
    assert '<td lang="ar" dir="auto">سوريا</td><td>ar</td><td>Wikidata</td>' in syria
    assert '<td lang="de" dir="auto">Arabische Republik Syrien</td><td>de</td><td>Wikidata</td>' in syria
    assert "| Syrie | fr | Wikidata |" in (out / "syria.md").read_text(encoding="utf-8")


def test_citations_link_only_web_addresses() -> None:
    assert safe_url(Value("https://example.org/a?b=1&c=2")) == "https://example.org/a?b=1&c=2"
    for bad in ("javascript:alert(1)", 'https://example.org/"><script>', "file:///etc/passwd", "#"):
        assert safe_url(Value(bad)) is None
    cited = Citation("SOHR", "A | B <i>", "15 January 2025", "https://example.org/a?b=1&c=2", "pp. 3-4")
    assert citation_html(cited) == (
        'SOHR, A | B &lt;i&gt;, 15 January 2025, <a href="https://example.org/a?b=1&amp;c=2">'
        "https://example.org/a?b=1&amp;c=2</a>, pp. 3-4"
    )
    assert (
        citation_markdown(cited)
        == "SOHR, A | B \\<i\\>, 15 January 2025, [url](https://example.org/a?b=1&c=2), pp. 3-4"
    )
    assert citation_markdown(Citation("X", "T", "n.d.", None)) == "X, T, n.d., [url](#)"
    assert md("&amp; `x` _y_") == "&amp;amp; \\`x\\` \\_y\\_"
    xsd = "http://www.w3.org/2001/XMLSchema#"
    assert euaa_date(Value("2024-12-08", datatype=xsd + "date")) == "8 December 2024"
    assert euaa_date(Value("2025-03", datatype=xsd + "gYearMonth")) == "March 2025"
    assert euaa_date(Value("2025", datatype=xsd + "gYear")) == "2025"
    assert euaa_date(None) == "n.d."


# --- the docs ------------------------------------------------------------------------------------------


def test_docs_show_real_markdown_output(single: Path) -> None:
    docs = (ROOT / "docs" / "dossiers.md").read_text(encoding="utf-8")
    excerpts = re.findall(r"<!-- excerpt of sdf.md -->\n```markdown\n(.*?)```", docs, re.S)
    assert excerpts, "docs/dossiers.md shows no excerpt of sdf.md"
    page = (single / "sdf.md").read_text(encoding="utf-8")
    for excerpt in excerpts:
        assert excerpt in page
    assert (ROOT / "docs" / "img" / "dossier-sdf.png").stat().st_size > 10_000
    assert "--screenshot=docs/img/dossier-sdf.png" in docs


# --- the page in a browser, offline ----------------------------------------------------------------------


@pytest.mark.skipif(sys.platform != "linux", reason="Debian chromium")
def test_the_dossier_renders_in_headless_chromium_without_network(
    every: Path, tmp_path: Path, browser: Browser
) -> None:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    options = webdriver.ChromeOptions()
    options.binary_location = browser.chromium
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1200,900", "--disable-background-networking", "--proxy-server=127.0.0.1:9",
                     "--host-resolver-rules=MAP * ~NOTFOUND"):  # fmt: skip
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(browser.chromedriver), options=options)
    try:
        driver.get((every / "sdf.html").resolve().as_uri())
        body = driver.find_element(By.TAG_NAME, "body").text
        assert "Syrian Democratic Forces" in body
        assert "where they act in support of the SDF as part of a mission to defeat ISIL" in body
        assert driver.execute_script("return document.querySelectorAll('svg').length") >= 2
        # the pictures are drawn (not empty boxes) and nothing was fetched
        assert driver.execute_script("return document.querySelector('svg.chart').getBBox().width") > 300
        assert driver.execute_script("return performance.getEntriesByType('resource').length") == 0
        shot = tmp_path / "dossier-sdf.png"
        driver.save_screenshot(str(shot))
        assert shot.stat().st_size > 10_000
    finally:
        driver.quit()


def test_a_claim_dated_on_one_side_is_drawn_and_said_as_such(tmp_path: Path, seed_build: BuildResult) -> None:
    """Regression: the planned wind-down of the coalition, dated 'by 2025-09-30' only, was left out of the
    timeline while its title counted it, and its date read ' – 2025-09-30'."""
    result = run_cli("dossier", "ent:global-coalition", "--build", str(seed_build.out_dir), "-o", str(tmp_path),
                     "--format", "markdown")  # fmt: skip
    assert result.exit_code == 0, result.output
    page = (tmp_path / "global-coalition.md").read_text(encoding="utf-8")
    assert "planned · by 2025-09-30 ·" in page and " · – 2025" not in page
    chart = (tmp_path / "charts" / "global-coalition-timeline.svg").read_text(encoding="utf-8")
    assert "(16 claims)" in chart and "stroke-dasharray" in chart  # the open side is dashed
