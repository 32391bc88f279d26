"""The progress and message module (``coi_graph.progress``) without click, and the library importable and
working without click at all: click is the command line's, below it nothing needs it (issue 18)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click
import pytest

from coi_graph.progress import paint
from tests.conftest import DATA


@pytest.mark.parametrize(("word", "colour"), [("error", "red"), ("internal error", "red"), ("warning", "yellow"),
                                              ("hint", "cyan")])  # fmt: skip
def test_marks_are_painted_as_click_would(word: str, colour: str) -> None:
    assert paint(f"{word}:", word) == click.style(f"{word}:", fg=colour, bold=word != "hint")


def test_the_library_builds_and_queries_without_click(tmp_path: Path) -> None:
    """A process in which ``import click`` fails builds the seed data, reads the store and exports from it."""
    script = f"""
import sys
sys.modules["click"] = None  # any import of click now fails
from pathlib import Path
from coi_graph.compile.pipeline import build
from coi_graph.export.rdf import to_rdf
from coi_graph.network.projection import ProjectionOptions, project
from coi_graph.store import open_store, select
out = Path({str(tmp_path / "build")!r})
build(Path({str(DATA)!r}), out)
store = open_store(out)
rows = select(store, "SELECT (COUNT(*) AS ?n) WHERE {{ ?c a <https://w3id.org/coi-graph/ontology#Claim> }}")
print(rows[0]["n"].text, project(store, ProjectionOptions()).number_of_nodes(), len(to_rdf(out, "nquads")) > 0)
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    claims, nodes, exported = done.stdout.splitlines()[-1].split()
    assert int(claims) > 50 and int(nodes) > 10 and exported == "True"
