"""The house rules of src/coi_graph, checked on the source text (issue 18): modules stay small and say what
they are for; nothing below the command line reads click; the oracles stay apart from the engine; no module
imports another's private names. Each allowlist below may only shrink."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent  # this file: tests/test_house_rules.py
SRC = ROOT / "src" / "coi_graph"
MODULES = sorted(SRC.rglob("*.py"))
MAX_LINES = 500

# the debts at the start of issue 18; a step that pays one removes it here
TOO_LONG: set[str] = set()
NO_DOCSTRING: set[str] = set()
CLICK_OUTSIDE_CLI = {"docs/__init__.py"}
PRIVATE_IMPORTS: set[tuple[str, str]] = set()  # (importer, "module:name")


def _rel(path: Path) -> str:
    return path.relative_to(SRC).as_posix()


def _imports(path: Path) -> list[tuple[str, str]]:
    """(module, name) for every ``from coi_graph... import name`` and ``import coi_graph...``, at any depth."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in ("coi_graph", "click"):
            found += [(node.module, alias.name) for alias in node.names]
        elif isinstance(node, ast.Import):
            found += [(alias.name, "") for alias in node.names if alias.name.split(".")[0] in ("coi_graph", "click")]
    return found


def _is_cli(rel: str) -> bool:
    return rel.startswith("cli/") or rel.startswith("cli_") or rel in ("cli.py", "__main__.py")


@pytest.mark.parametrize("path", MODULES, ids=_rel)
def test_a_module_is_short_and_says_what_it_is_for(path: Path) -> None:
    rel = _rel(path)
    lines = len(path.read_text(encoding="utf-8").splitlines())
    if rel in TOO_LONG:
        assert lines > MAX_LINES, f"{rel} is short now: remove it from TOO_LONG"
    else:
        assert lines <= MAX_LINES, f"{rel} has {lines} lines"
    if (path.name != "__init__.py" or lines > 1) and rel not in NO_DOCSTRING:
        assert ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))), f"{rel} has no docstring"


def test_nothing_below_the_command_line_uses_click() -> None:
    using = {
        _rel(p) for p in MODULES if not _is_cli(_rel(p)) and any(m.split(".")[0] == "click" for m, _ in _imports(p))
    }
    assert using == CLICK_OUTSIDE_CLI


def test_no_module_imports_anothers_private_names() -> None:
    private = {
        (_rel(p), f"{m}:{n}")
        for p in MODULES
        for m, n in _imports(p)
        if m.startswith("coi_graph") and n.startswith("_") and not n.startswith("__")
    }
    assert private == PRIVATE_IMPORTS


def test_the_oracles_stay_apart() -> None:
    """compile/reference/ is imported by tests and by nothing in src but the owlrl fallback of the pipeline."""
    reference = "coi_graph.compile.reference"
    users = {
        _rel(p)
        for p in MODULES
        if not _rel(p).startswith("compile/reference/") and any(m.startswith(reference) for m, _ in _imports(p))
    }
    assert users == {"compile/pipeline.py"}


def test_modules_are_named_by_what_they_do() -> None:
    """Not by speed (fastload, fastshacl, ...), and no package named like a build output folder."""
    assert not [_rel(p) for p in MODULES if p.stem.startswith("fast")]
    assert not (SRC / "build").exists()


# what crosses between rdflib and pyoxigraph terms, written by hand
CONVERSIONS = re.compile(
    r"ox\.NamedNode\(str\(|URIRef\([\w.]+\.datatype\.value\)|ox\.NamedNode\(str\([\w.]+\.datatype\)"
)


def test_one_module_converts_between_rdflib_and_oxigraph_terms() -> None:
    """compile/terms.py is the only bridge: nothing else builds a term of one library from the other's."""
    converting = {_rel(p) for p in MODULES if CONVERSIONS.search(p.read_text(encoding="utf-8"))}
    assert converting == {"compile/terms.py"}


# the library does not call up into the command line; these drive the real CLI on purpose (python -m
# coi_graph, the generators of docs/ pages and the workbench's screenshot script)
CLI_USERS = {"__main__.py", "docs/__init__.py", "workbench/screenshot.py"}


def test_the_library_does_not_import_the_command_line() -> None:
    users = {
        _rel(p)
        for p in MODULES
        if not _rel(p).startswith("cli/")
        and any(m == "coi_graph.cli" or m.startswith("coi_graph.cli.") for m, _ in _imports(p))
    }
    assert users == CLI_USERS


TESTS = ROOT / "tests"
# modules no test file imports yet; a step that gives one its tests removes it here
UNTESTED: set[str] = set()
# run, not imported: importing __main__ runs the command line (tests/test_main.py runs python -m coi_graph)
RUN_AS_PROGRAM = {"__main__.py"}


def _imported_by_tests() -> set[str]:
    found = set()
    for path in TESTS.rglob("*.py"):
        for module, name in _imports(path):
            found |= {module, f"{module}.{name}"}
    return found


def test_every_module_has_tests_of_its_own() -> None:
    """Each module of the package is imported by at least one test file (tests/<package>/test_<module>.py
    as a rule), so that it is tested through its own functions, not only through the command line."""
    imported = _imported_by_tests()
    untested = {
        _rel(p)
        for p in MODULES
        if p.name != "__init__.py"
        and _rel(p) not in RUN_AS_PROGRAM
        and "coi_graph." + ".".join(p.relative_to(SRC).with_suffix("").parts) not in imported
    }
    assert untested == UNTESTED
