"""Generated documentation: the parts of docs/ that are made from the ontology and from real command output.

Each generator rewrites its page (or the regions of a page between ``<!-- NAME:start -->`` and
``<!-- NAME:end -->`` markers) and a test in tests/system/test_docs.py fails while the page is stale:

- :mod:`coi_graph.docs.ontology_diagram`: Mermaid class diagrams of ``ontology/coi.ttl``;
- :mod:`coi_graph.docs.data_model`: the diagrams and the worked example's query answer and Gephi edge
  in docs/data-model.md (``python -m coi_graph.docs.data_model --build build``);
- :mod:`coi_graph.docs.adding_a_document`: docs/adding-a-document.md, a new document taken from the file
  to a validated build on a scratch copy of data/ (``python -m coi_graph.docs.adding_a_document``).
"""

from __future__ import annotations

from collections.abc import Sequence

from click.testing import CliRunner, Result

_MARKER = "<!-- {name}:{end} -->"
# the same output wherever the pages are regenerated: no forced colour or progress display, no reviewer from
# the environment
_PLAIN_ENV: dict[str, str | None] = {"FORCE_COLOR": None, "TTY_COMPATIBLE": None, "NO_COLOR": "1",
                                     "COI_GRAPH_REVIEWER": None}  # fmt: skip


def run_command(args: Sequence[str], *, stdin: str | None = None, exit_code: int = 0) -> Result:
    """Run ``coi-graph ARGS`` in-process, as a terminal would (stdout and stderr interleaved in
    ``output``); a run that ends with another exit code than ``exit_code`` is an error."""
    from coi_graph.cli import main

    result = CliRunner(env=_PLAIN_ENV).invoke(main, list(args), input=stdin, catch_exceptions=False)
    if result.exit_code != exit_code:
        raise RuntimeError(f"coi-graph {' '.join(args)} exited {result.exit_code}, not {exit_code}:\n{result.output}")
    return result


def fill_region(text: str, name: str, content: str) -> str:
    """``text`` with the lines between the ``name`` markers replaced by ``content``.

    The markers stay; each must occur exactly once, the start before the end.
    """
    start, end = _MARKER.format(name=name, end="start"), _MARKER.format(name=name, end="end")
    if text.count(start) != 1 or text.count(end) != 1 or text.index(start) > text.index(end):
        raise ValueError(f"the page needs exactly one {start} followed by one {end}")
    before, rest = text.split(start, 1)
    _, after = rest.split(end, 1)
    return f"{before}{start}\n{content.strip(chr(10))}\n{end}{after}"
