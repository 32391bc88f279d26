"""A private Virtuoso Open Source 7 for the store tests: a temporary database, free ports on 127.0.0.1, the
``dba`` account, started once per session when Debian's ``virtuoso-opensource`` is installed (CI installs it,
as it installs Chromium) and stopped at the end."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

SYSTEM_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
USER, PASSWORD = "dba", "dba"  # the account of a new database


@dataclass(frozen=True)
class Virtuoso:
    http: str  # http://127.0.0.1:PORT
    log: Path

    @property
    def query(self) -> str:
        return f"{self.http}/sparql"

    @property
    def graph_store(self) -> str:
        """The Graph Store Protocol endpoint that asks for credentials (HTTP Digest)."""
        return f"{self.http}/sparql-graph-crud-auth"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _config(directory: Path, sql_port: int, http_port: int) -> str:
    text = SYSTEM_INI.read_text(encoding="utf-8").replace("/var/lib/virtuoso-opensource-7/db/", f"{directory}/")
    text = re.sub(r"(?m)^ServerPort\s*=\s*1111\s*$", f"ServerPort = 127.0.0.1:{sql_port}", text)
    text = re.sub(r"(?m)^ServerPort\s*=\s*8890\s*$", f"ServerPort = 127.0.0.1:{http_port}", text)
    # as docs/deploy.md advises: no estimated-cost refusal (it overrates the saved queries' property paths),
    # and no silent cut of large answers at 10,000 rows
    text = re.sub(r"(?m)^MaxQueryCostEstimationTime\s*=.*$", "MaxQueryCostEstimationTime = 0", text)
    return re.sub(r"(?m)^ResultSetMaxRows\s*=.*$", "ResultSetMaxRows = 1000000", text)


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    binary = shutil.which("virtuoso-t")
    if binary is None or not SYSTEM_INI.is_file():
        pytest.skip("Virtuoso is not installed (apt-get install virtuoso-opensource)")
    directory = tmp_path_factory.mktemp("virtuoso")
    http_port, sql_port = _free_port(), _free_port()
    ini = directory / "virtuoso.ini"
    ini.write_text(_config(directory, sql_port, http_port), encoding="utf-8")
    log = directory / "out.log"
    with log.open("wb") as out:
        process = subprocess.Popen([binary, "+foreground", "+configfile", str(ini)], cwd=directory, stdout=out,
                                   stderr=subprocess.STDOUT)  # fmt: skip
    server = Virtuoso(f"http://127.0.0.1:{http_port}", log)
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{server.query}?query=ASK%7B%7D", timeout=5):
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"Virtuoso did not start: {log.read_text(errors='replace')[-2000:]}")
                time.sleep(0.5)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
