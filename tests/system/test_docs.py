"""The output shown in the README and docs is what the commands print."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coi_graph.compile.pipeline import BuildResult
from tests.conftest import ROOT, run_cli

README = (ROOT / "README.md").read_text(encoding="utf-8")
DATA_MODEL = (ROOT / "docs" / "data-model.md").read_text(encoding="utf-8")


def test_readme_shows_the_real_build_summary(seed_build: BuildResult) -> None:
    assert seed_build.summary.render() in README


def test_readme_and_data_model_show_real_export_rows(seed_build: BuildResult) -> None:
    claims = run_cli("export", "claims", "--build", str(seed_build.out_dir), "--format", "jsonl").stdout.splitlines()
    citations = run_cli("export", "citations", "--build", str(seed_build.out_dir)).stdout.splitlines()
    shown = [line for line in (README + DATA_MODEL).splitlines() if line.startswith('{"claim": ')]
    assert len(shown) == 2
    for line in shown:
        assert line in claims
    shown_citations = [line for line in README.splitlines() if line.startswith("https://w3id.org/coi-graph/id/doc/")]
    assert shown_citations and all(line in citations for line in shown_citations)


def test_the_changelog_has_an_unreleased_or_current_section() -> None:
    """Keep a Changelog's form: the first section is Unreleased or the version of pyproject.toml, its parts are
    Added, Changed, Fixed or Removed, each a non-empty list."""
    import tomllib

    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    lines = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# Changelog"
    sections = [i for i, line in enumerate(lines) if line.startswith("## ")]
    assert sections and lines[sections[0]] in ("## Unreleased", f"## {version}"), lines[sections[0]]
    first = lines[sections[0] + 1 : sections[1] if len(sections) > 1 else len(lines)]
    parts = [i for i, line in enumerate(first) if line.startswith("### ")]
    assert parts and {first[i] for i in parts} <= {"### Added", "### Changed", "### Fixed", "### Removed"}
    for start, end in zip(parts, [*parts[1:], len(first)], strict=True):
        assert any(line.startswith("- ") for line in first[start:end]), f"{first[start]} lists nothing"


_NAMED_PATH = re.compile(r"`((?:src|tests|docs|benchmarks|queries|shapes|ontology|\.ci)/[^`\s]*)`")
_NAMED_MODULE = re.compile(r"`(?:python -m )?(coi_graph(?:\.[A-Za-z_][A-Za-z0-9_]*)+)")


def _module_exists(name: str) -> bool:
    """``coi_graph.a.b`` is a module, or an attribute of one (``coi_graph.a.b.Class``)."""
    import importlib.util

    parts = name.split(".")
    for k in range(len(parts), 1, -1):
        try:
            if importlib.util.find_spec(".".join(parts[:k])) is not None:
                return True
        except ModuleNotFoundError:  # a name inside a module that is no package: try the module
            continue
    return False


def test_every_path_and_module_the_docs_name_exists() -> None:
    """The README and docs/ name files of the repository (`src/…`, `tests/…`, `benchmarks/…`, globs allowed)
    and modules (`coi_graph.x.y`, `python -m coi_graph.x`): each exists. data/ paths are left out: they are the
    files a command writes in the reader's own data directory."""
    import glob

    missing = []
    for page in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), start=1):
            for found in _NAMED_PATH.finditer(line):
                path = re.split(r"[:#(]", found.group(1).rstrip(".,;:"))[0]
                if not any(c in path for c in "<…{") and not glob.glob(str(ROOT / path)):
                    missing.append(f"{page.name}:{number}: {path}")
            missing += [f"{page.name}:{number}: {m.group(1)}" for m in _NAMED_MODULE.finditer(line)
                        if not _module_exists(m.group(1))]  # fmt: skip
    assert missing == []


def test_query_cookbook_shows_real_output(seed_build: BuildResult) -> None:
    from coi_graph.query.cookbook import render_cookbook
    from coi_graph.store import open_store

    expected = render_cookbook(open_store(seed_build.out_dir), ROOT / "tests" / "queries" / "cases.toml")
    actual = (ROOT / "docs" / "queries.md").read_text(encoding="utf-8")
    assert actual == expected, "docs/queries.md is stale: run 'python -m coi_graph.query.cookbook'"


def test_readme_query_and_analyze_examples_print_what_the_readme_shows(seed_build: BuildResult) -> None:
    import shlex

    blocks = re.findall(r"```\n\$ \.venv/bin/coi-graph ((?:query run|analyze) [^\n]*)\n(.*?)```", README, re.DOTALL)
    assert blocks, "the README shows no saved query"
    for command, shown in blocks:
        result = run_cli(*shlex.split(command), "--build", str(seed_build.out_dir))
        assert result.exit_code == 0
        assert result.stdout == shown, command


def test_readme_pictures_exist_and_name_the_command_that_made_them() -> None:
    pictures = re.findall(r"!\[[^\]]*\]\((docs/img/[^)]+)\)", README)
    assert len(pictures) == 4
    for picture in pictures:
        assert (ROOT / picture).stat().st_size > 10_000
        if picture.endswith(".svg"):  # drawn by coi-graph plot
            assert f"-o {picture}`" in README
        else:  # a screenshot: the command that took it is in the docs
            docs = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs").glob("*.md"))
            assert f"--screenshot={picture}" in docs


def _quickstart(name: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(rf"<!-- quickstart:{re.escape(name)} -->\s*```sh\n(.*?)```", text, re.S)
    assert found, f"README.md has no <!-- quickstart:{name} --> block"
    return found.group(1).strip()


def test_ci_runs_the_readme_quickstart_literally() -> None:
    """The README promises two commands; .ci/run takes them from the README and runs them as written, on a
    fresh clone, so the promise is checked on every submission."""
    install, tests = _quickstart("install"), _quickstart("test")
    assert install.startswith("python3 -m venv .venv && ") and install.endswith("&& .venv/bin/coi-graph build")
    assert "-c constraints/ci.txt" in install and "\n" not in install
    assert tests == ".venv/bin/python -m pytest"
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "install=$(readme_command install)" in ci and 'bash -euo pipefail -c "$install"' in ci
    assert "tests=$(readme_command test)" in ci and 'bash -euo pipefail -c "$tests"' in ci
    assert "pip install" not in ci.replace(install, ""), ".ci/run installs on its own, not as the README says"


def test_data_model_diagrams_and_worked_example_are_current(seed_build: BuildResult) -> None:
    from coi_graph.docs.data_model import render_data_model

    expected = render_data_model(DATA_MODEL, seed_build.out_dir)
    assert expected == DATA_MODEL, "docs/data-model.md is stale: run 'python -m coi_graph.docs.data_model'"
    # what the worked example shows is claim 11 itself: the query row and the GEXF edge carry it
    assert "claim:euaa-2025-03-syria-country-focus/11" in DATA_MODEL
    assert "https://w3id.org/coi-graph/id/claim/euaa-2025-03-syria-country-focus/11&quot;" in DATA_MODEL


def test_a_stale_region_is_rewritten_and_a_page_without_markers_refused() -> None:
    from coi_graph.docs import fill_region

    page = "# t\n<!-- x:start -->\nold\n<!-- x:end -->\nafter\n"
    assert fill_region(page, "x", "new\n") == "# t\n<!-- x:start -->\nnew\n<!-- x:end -->\nafter\n"
    for broken in ("# t\n", "<!-- x:end -->\n<!-- x:start -->\n", page + page):
        with pytest.raises(ValueError, match="x:start"):
            fill_region(broken, "x", "new")


def test_ontology_diagrams_show_every_class_and_property() -> None:
    from coi_graph.docs.ontology_diagram import Ontology, diagrams, not_drawn

    ontology = Ontology()
    drawn = diagrams(ontology)
    boxes = {name for d in drawn for name, box in d.boxes.items() if not box.external}
    folded = {kind.split(",")[0] for d in drawn for box in d.boxes.values() for kind in box.kinds}
    missing = {c for c in ontology.classes - ontology.concepts if c not in boxes and ontology.label(c) not in folded}
    assert missing == set(), f"classes in no diagram: {missing}"
    named = {p for d in drawn for names in d.associations.values() for p in names}
    named |= {a.split(":")[0] for d in drawn for box in d.boxes.values() for a in box.attributes}
    inverses, no_domain = not_drawn(ontology)
    missing = {p for p, _ in ontology.properties()} - named - set(inverses) - set(no_domain)
    assert missing == set(), f"properties in no diagram and not listed as not drawn: {missing}"
    for d in drawn:  # every arrow joins declared boxes
        text = d.mermaid()
        for domain, range_ in d.associations:
            assert f"class {domain}[" in text and f"class {range_}[" in text


def test_adding_a_document_shows_real_output() -> None:
    from coi_graph.docs.adding_a_document import DOCUMENT, PAGE, render_page

    expected = render_page(ROOT / "data", ROOT / DOCUMENT)
    actual = (ROOT / PAGE).read_text(encoding="utf-8")
    assert actual == expected, "docs/adding-a-document.md is stale: run 'python -m coi_graph.docs.adding_a_document'"


def test_architecture_names_every_package_and_module() -> None:
    """docs/architecture.md has a row for every package and top-level module of src/coi_graph, and a
    package's row names each of its modules, so the page stays true when modules are added."""
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    rows = {}
    for line in page.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("| `") and len(cells) == 3:
            rows[cells[0].strip("`")] = cells[2]
    src = ROOT / "src" / "coi_graph"
    modules = sorted(p.name for p in src.glob("*.py") if p.name != "__init__.py")
    packages = sorted(p.parent.relative_to(src).as_posix() for p in src.rglob("__init__.py") if p.parent != src)
    assert [m for m in modules if m not in rows] == [], "top-level modules missing from docs/architecture.md"
    assert [f"{p}/" for p in packages if f"{p}/" not in rows] == [], "packages missing from docs/architecture.md"
    for package in packages:
        inside = sorted(p.stem for p in (src / package).glob("*.py") if p.name != "__init__.py")
        missing = [m for m in inside if f"`{m}`" not in rows[f"{package}/"]]
        assert missing == [], f"modules of {package}/ missing from its row in docs/architecture.md"


def test_readme_gexf_counts_are_what_the_export_writes(seed_build: BuildResult, tmp_path: Path) -> None:
    """The README's '# 49 nodes, 94 edges' after 'coi-graph export gexf' is checked, not remembered."""
    shown = re.search(r"coi-graph export gexf -o seed\.gexf\s+# (\d+) nodes, (\d+) edges", README)
    assert shown, "the README no longer shows the GEXF export with its counts"
    out = tmp_path / "seed.gexf"
    assert run_cli("export", "gexf", "--build", str(seed_build.out_dir), "-o", str(out)).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert (text.count("<node "), text.count("<edge ")) == (int(shown[1]), int(shown[2]))
