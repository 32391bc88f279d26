"""The Oxigraph server process behind `serve` (coi_graph.oxigraph_server): where the binary is found, the
command it is started with, and the Engine that supervises it (start on a free loopback port, kill and
restart one generation, give up after failed restarts, close), with a stand-in process that listens at
once: no real server, no waiting."""

from __future__ import annotations

import io
import socket
import stat
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any, ClassVar

import pytest

from coi_graph import oxigraph_server
from coi_graph.errors import CoiGraphError
from coi_graph.oxigraph_server import Engine, oxigraph_binary, server_command


def _executable(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def test_the_binary_beside_this_python_comes_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    beside = _executable(tmp_path / "venv" / "bin" / "oxigraph")
    elsewhere = _executable(tmp_path / "elsewhere" / "oxigraph")
    monkeypatch.setattr(sys, "executable", str(tmp_path / "venv" / "bin" / "python"))
    monkeypatch.setenv("PATH", str(elsewhere.parent))
    assert oxigraph_binary() == str(beside)


def test_without_one_beside_python_the_binary_on_path_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    on_path = _executable(tmp_path / "elsewhere" / "oxigraph")
    monkeypatch.setattr(sys, "executable", str(tmp_path / "venv" / "bin" / "python"))
    monkeypatch.setenv("PATH", str(on_path.parent))
    assert oxigraph_binary() == str(on_path)


def test_without_a_binary_the_error_says_how_to_install_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "venv" / "bin").mkdir(parents=True)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "venv" / "bin" / "python"))
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(CoiGraphError) as raised:
        oxigraph_binary()
    assert raised.value.message == "the oxigraph server is not installed"
    assert raised.value.hint == "pip install 'oxigraph>=0.5,<0.6'"
    assert (
        raised.value.render() == "error: the oxigraph server is not installed\n  hint: pip install 'oxigraph>=0.5,<0.6'"
    )


def test_the_server_command_is_read_only_unless_asked_and_sets_no_timeout_of_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    beside = _executable(tmp_path / "bin" / "oxigraph")
    monkeypatch.setattr(sys, "executable", str(tmp_path / "bin" / "python"))
    store = tmp_path / "build" / "store"
    assert server_command(store, "127.0.0.1:7001", False) == [
        str(beside), "serve-read-only", "--location", str(store), "--bind", "127.0.0.1:7001"
    ]  # fmt: skip
    assert server_command(store, "127.0.0.1:7001", True) == [
        str(beside), "serve", "--location", str(store), "--bind", "127.0.0.1:7001"
    ]  # fmt: skip


class Process:
    """A stand-in for the server's process: it listens on the port of its command at once (or, when ``fails``,
    has already exited after printing to its log), and ends when terminated or killed."""

    started: ClassVar[list[Process]] = []
    fails: ClassVar[int | None] = None  # the exit code of processes that fail at start

    def __init__(self, args: list[str], stdout: IO[bytes] | None = None, stderr: Any = None) -> None:
        self.args = args
        self.port = int(args[args.index("--bind") + 1].rsplit(":", 1)[1])
        self.returncode: int | None = None
        self.how: str | None = None
        self.listener: socket.socket | None = None
        if Process.fails is not None:
            assert stdout is not None
            stdout.write(b"Error: cannot open the store\nIO error: lock hold by current process\n")
            self.returncode = Process.fails
        else:
            self.listener = socket.socket()
            self.listener.bind(("127.0.0.1", self.port))
            self.listener.listen()
        Process.started.append(self)

    def poll(self) -> int | None:
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        assert self.returncode is not None, "waiting on a process that runs would block"
        return self.returncode

    def exit(self, code: int, how: str) -> None:
        if self.returncode is None:
            self.returncode, self.how = code, how
        if self.listener is not None:
            self.listener.close()

    def terminate(self) -> None:
        self.exit(-15, "terminated")

    def kill(self) -> None:
        self.exit(-9, "killed")


@pytest.fixture
def processes(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Process]]:
    monkeypatch.setattr(oxigraph_server.subprocess, "Popen", Process)
    Process.started, Process.fails = [], None
    yield Process.started
    for process in Process.started:
        process.exit(0, "cleaned up")


def command(port: int) -> list[str]:
    return ["oxigraph", "serve-read-only", "--location", "store", "--bind", f"127.0.0.1:{port}"]


def engine(make: Callable[[int], list[str]] = command) -> Engine:
    return Engine(make, io.BytesIO())


def test_the_engine_starts_on_a_free_loopback_port_and_restarts_a_generation_once(processes: list[Process]) -> None:
    asked: list[int] = []

    def make(port: int) -> list[str]:
        asked.append(port)
        return command(port)

    supervisor = engine(make)
    supervisor.start()
    (first,) = processes
    assert supervisor.address() == ("127.0.0.1", asked[0], 1) and first.args == command(asked[0])
    supervisor.stop(1)  # a query of generation 1 ran too long: kill it, start another
    assert first.how == "killed" and len(processes) == 2
    assert supervisor.address() == ("127.0.0.1", asked[1], 2)
    supervisor.stop(1)  # the other requests of generation 1 that timed out together: no second restart
    assert len(processes) == 2 and processes[1].returncode is None
    supervisor.close()
    assert processes[1].how == "terminated"
    with pytest.raises(OSError, match="the server is stopping"):
        supervisor.address()
    supervisor.stop(2)  # nothing to restart once closed
    assert len(processes) == 2


def test_a_server_that_stops_at_start_is_an_error_with_the_end_of_its_log(processes: list[Process]) -> None:
    Process.fails = 1
    supervisor = engine()
    with pytest.raises(CoiGraphError) as raised:
        supervisor.start()
    assert raised.value.message == (
        "the oxigraph server stopped at start with exit code 1: Error: cannot open the store / "
        "IO error: lock hold by current process"
    )
    assert supervisor.tail() == "Error: cannot open the store / IO error: lock hold by current process"
    assert Engine(command, io.BytesIO()).tail() == "it printed nothing"


def test_when_restarts_fail_the_engine_answers_no_more_and_says_why(processes: list[Process]) -> None:
    supervisor = engine()
    supervisor.start()
    Process.fails = 3
    supervisor.stop(1)
    assert len(processes) == 4  # the killed one, and three attempts to start another
    # the log is shared by every start: its last three lines
    message = (
        "could not restart the oxigraph server: the oxigraph server stopped at start with exit code 3: "
        "IO error: lock hold by current process / Error: cannot open the store / IO error: lock hold by current process"
    )
    with pytest.raises(OSError) as refused:
        supervisor.address()
    assert str(refused.value) == message
    with pytest.raises(CoiGraphError) as stopped:
        supervisor.wait()  # what `serve` ends with
    assert stopped.value.message == message


def test_wait_returns_the_exit_code_of_a_server_that_stopped_on_its_own(processes: list[Process]) -> None:
    supervisor = engine()
    supervisor.start()
    processes[0].exit(101, "crashed")
    assert supervisor.wait() == 101
