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


def test_readme_names_the_two_setup_commands_that_ci_runs() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)\n```", README, re.DOTALL)
    assert blocks[0] == "python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && .venv/bin/coi-graph build"
    assert blocks[1] == ".venv/bin/python -m pytest"
    assert ".venv/bin/coi-graph build" in ci and ".venv/bin/python -m pytest" in ci


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
