"""The output shown in the README and docs is what the commands print."""

from __future__ import annotations

import re

from coi_graph.build.pipeline import BuildResult
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


def test_changelog_and_docs_exist() -> None:
    for path in ("CHANGELOG.md", "docs/data-model.md", "docs/benchmarks.md"):
        assert (ROOT / path).stat().st_size > 500, path


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
    assert len(pictures) == 3
    for picture in pictures:
        assert (ROOT / picture).stat().st_size > 10_000
        assert f"-o {picture}`" in README


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
