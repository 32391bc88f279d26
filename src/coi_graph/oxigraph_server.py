"""The Oxigraph server process behind `serve`: find the binary, start it on a free loopback port, supervise
and restart it, stop it."""

from __future__ import annotations

import logging
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO

from coi_graph.errors import CoiGraphError

log = logging.getLogger(__name__)


def oxigraph_binary() -> str:
    """The ``oxigraph`` server of the ``oxigraph`` package: beside this Python, or on PATH."""
    beside = Path(sys.executable).with_name("oxigraph")
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if not found:
        raise CoiGraphError("the oxigraph server is not installed", hint="pip install 'oxigraph>=0.5,<0.6'")
    return found


def server_command(store_dir: Path, bind: str, read_write: bool) -> list[str]:
    """Oxigraph's own ``--timeout-s`` is not given: the guard stops queries (see ``Engine``)."""
    mode = "serve" if read_write else "serve-read-only"
    return [oxigraph_binary(), mode, "--location", str(store_dir), "--bind", bind]


def _free_loopback_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _tail(log_file: IO[bytes]) -> str:
    log_file.seek(0)
    lines = log_file.read().decode("utf-8", errors="replace").strip().splitlines()
    return " / ".join(lines[-3:]) or "it printed nothing"


def _wait_for(process: subprocess.Popen[bytes], port: int, log_file: IO[bytes], seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise CoiGraphError(
                f"the oxigraph server stopped at start with exit code {process.returncode}: {_tail(log_file)}"
            )
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise CoiGraphError(f"the oxigraph server did not start within {seconds:g} s")


def _end(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class Engine:
    """The Oxigraph server behind the guard, on a private loopback port: the guard's ``Upstream``.

    Oxigraph cannot stop a query that is running: its own timeout is checked only between results, and
    a client that goes away is not noticed (measured with 0.5.13: a join that yields no row ran on for 10
    minutes past a 3 s limit, a core busy throughout; a COUNT stopped after 21 s). So ``stop`` kills the
    process and starts another on the same store, in about 40 ms on the seed build. RocksDB's write-ahead
    log keeps the store whole, and an update is one transaction: a killed update changes nothing. Each
    start is a new generation, so that the requests that time out together restart it once."""

    def __init__(self, command: Callable[[int], list[str]], log_file: IO[bytes]) -> None:
        self._command, self._log = command, log_file
        self._changed = threading.Condition()
        self._process: subprocess.Popen[bytes] | None = None
        self._port = self._generation = 0
        self._restarting = self._closing = False
        self._failure: str | None = None

    def start(self) -> None:
        port = _free_loopback_port()
        process = subprocess.Popen(self._command(port), stdout=self._log, stderr=subprocess.STDOUT)
        try:
            _wait_for(process, port, self._log)
        except BaseException:
            _end(process)
            raise
        with self._changed:
            closing = self._closing
            if not closing:
                self._process, self._port, self._restarting = process, port, False
                self._generation += 1
                self._changed.notify_all()
        if closing:
            _end(process)

    def address(self) -> tuple[str, int, int]:
        with self._changed:
            if not self._changed.wait_for(lambda: not self._restarting or self._failure, timeout=60):
                raise OSError("it did not restart within 60 s")
            if self._failure or self._closing or self._process is None:
                raise OSError(self._failure or "the server is stopping")
            return "127.0.0.1", self._port, self._generation

    def stop(self, generation: int) -> None:
        """Kill the process of that generation (unless it was restarted since) and start another."""
        with self._changed:
            if self._restarting or self._closing or generation != self._generation or self._process is None:
                return
            self._restarting, process = True, self._process
        process.kill()
        process.wait()
        failure = ""
        for _ in range(3):  # another program may take the free port first
            try:
                self.start()
                log.info("serve: the SPARQL engine was restarted")
                return
            except (CoiGraphError, OSError) as exc:
                failure = f"could not restart the oxigraph server: {exc}"
        with self._changed:  # the guard answers 503 from now on, and serve stops with this error
            self._failure = failure
            self._changed.notify_all()

    def wait(self) -> int:
        """Wait until the engine stops on its own (not by ``stop``); its exit code."""
        while True:
            with self._changed:
                process = self._process
            assert process is not None
            code = process.wait()
            with self._changed:
                self._changed.wait_for(lambda: not self._restarting or self._failure)
                if self._failure:
                    raise CoiGraphError(self._failure)
                if self._process is process:
                    return code

    def tail(self) -> str:
        return _tail(self._log)

    def close(self) -> None:
        with self._changed:
            self._closing, process = True, self._process
            self._changed.notify_all()
        if process is not None:
            _end(process)
