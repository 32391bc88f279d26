"""The catalogue of bad inputs (tests/bad_inputs/manifest.toml): every case ends with the expected exit
code and a clear message naming the file (and line, where there is one), never a traceback."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import DATA, run_cli

MANIFEST = Path(__file__).parent / "bad_inputs" / "manifest.toml"
CASES: list[dict[str, Any]] = tomllib.loads(MANIFEST.read_text(encoding="utf-8"))["case"]


def _prepare(case: dict[str, Any], data: Path) -> None:
    if "edit" in case:
        edit = case["edit"]
        path = data / edit["file"]
        text = path.read_text(encoding="utf-8")
        assert edit["old"] in text, f"{case['name']}: {edit['old']!r} is not in {edit['file']}"
        path.write_text(text.replace(edit["old"], edit["new"], 1), encoding="utf-8")
    if "write" in case:
        write = case["write"]
        path = data / write["file"]
        path.parent.mkdir(parents=True, exist_ok=True)
        if "bytes_hex" in write:
            path.write_bytes(bytes.fromhex(write["bytes_hex"]))
        else:
            path.write_text(write["text"], encoding="utf-8")


def test_the_catalogue_is_well_formed() -> None:
    names = [case["name"] for case in CASES]
    assert len(names) == len(set(names))
    for case in CASES:
        assert {"name", "what", "exit", "message"} <= case.keys(), case["name"]
        assert "edit" in case or "write" in case or "command" in case, case["name"]


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_bad_input(case: dict[str, Any], tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    _prepare(case, data)
    command = [part.replace("{data}", str(data)) for part in case.get("command", ["validate", "--data", "{data}"])]
    result = run_cli(*command)
    output = result.stderr + result.stdout
    assert result.exit_code == case["exit"], f"{case['name']}: exit {result.exit_code}\n{output}"
    assert case["message"] in output, f"{case['name']}: {case['message']!r} not in\n{output}"
    assert "Traceback" not in output
    if "location" in case:
        assert str(data / case["location"]) in output, f"{case['name']}: {case['location']!r} not named in\n{output}"
