"""Shared fixtures: the repository layout, a built seed graph (built once per session)."""

from __future__ import annotations

import os
import shutil
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from coi_graph.cli import main
from coi_graph.compile.pipeline import BuildResult, build

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SHARED = ROOT.parent / "shared"


def run_cli(*args: str) -> Result:
    """Run the CLI in-process; stdout and stderr are kept apart."""
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The seed data built once into a temporary directory."""
    out = tmp_path_factory.mktemp("seed") / "build"
    return build(DATA, out)


@pytest.fixture
def data_copy(tmp_path: Path) -> Iterator[Path]:
    """A private copy of data/ that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    yield target


_real_connect = socket.socket.connect


def _loopback_only(self: socket.socket, address: object) -> None:
    """Tests never reach the network: only loopback (the local test HTTP server) is allowed."""
    host = address[0] if isinstance(address, tuple) else address
    if (
        isinstance(host, str) and (host in ("localhost", "::1") or host.startswith("127."))
    ) or self.family == socket.AF_UNIX:
        return _real_connect(self, address)  # type: ignore[arg-type]
    raise OSError(f"network access blocked in tests: {address!r}")


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket.socket, "connect", _loopback_only)


@dataclass(frozen=True)
class Browser:
    """Debian's chromium and its driver, for the tests that render pages."""

    chromium: str
    chromedriver: str


@pytest.fixture(scope="session")
def browser() -> Browser:
    """The browser, or a skip on a machine without it (a newcomer's); CI (CI=true) must have it: .ci/run
    installs Debian's chromium and chromium-driver."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    chromedriver = shutil.which("chromedriver")
    if chromium and chromedriver:
        return Browser(chromium, chromedriver)
    missing = "install Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)"
    if os.environ.get("CI"):
        pytest.fail(f"the browser tests need a browser in CI: {missing}")
    pytest.skip(f"no browser on this machine: {missing}")
