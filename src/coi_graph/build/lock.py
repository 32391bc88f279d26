"""A lock file that refuses a second build of the same output, and recovers from a dead one.

The lock holds the owner's process id and, on Linux, its start time (from ``/proc``), so a lock
left by a killed build is taken over even when the system has since given its process id to
another program. A lock file still empty is being written by a build that has just started,
unless it is older than a few seconds.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

from coi_graph.errors import BuildLockedError

_EMPTY_GRACE = 5.0  # seconds a new lock may stay empty before it counts as stale


def _started(pid: int) -> str | None:
    """The process's start time in clock ticks since boot (Linux), or None where unknown."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError):
        return None
    fields = stat.rsplit(")", 1)[-1].split()  # the name in parentheses may hold spaces
    return fields[19] if len(fields) > 19 else None


def _alive(pid: int, started: str | None) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    if started is not None:
        now = _started(pid)
        return now is None or now == started  # another start time: the id was reused
    return True


def _owner(lock: Path) -> tuple[int, str | None] | None:
    """The owner written in the lock; None when the lock is empty or unreadable."""
    try:
        parts = lock.read_text(encoding="ascii").split()
        return int(parts[0]), parts[1] if len(parts) > 1 else None
    except (OSError, ValueError, IndexError, UnicodeDecodeError):
        return None


def _held(lock: Path) -> int | None:
    """The process id of a live owner, 0 for a lock being written, or None when the lock is stale."""
    owner = _owner(lock)
    if owner is None:
        try:
            young = time.time() - lock.stat().st_mtime < _EMPTY_GRACE
        except FileNotFoundError:
            return None
        return 0 if young else None
    pid, started = owner
    return pid if pid > 0 and _alive(pid, started) else None


@contextlib.contextmanager
def build_lock(out_dir: Path) -> Iterator[Path]:
    lock = out_dir.with_name(f".{out_dir.name}.lock")
    lock.parent.mkdir(parents=True, exist_ok=True)
    for _attempt in range(2):
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            pid = _held(lock)
            if pid is not None:
                who = f"process {pid}" if pid else "a process that has just started"
                raise BuildLockedError(
                    f"another build ({who}) is writing {out_dir}",
                    hint=f"wait for it to finish; if no build is running, delete {lock}",
                ) from None
            with contextlib.suppress(FileNotFoundError):
                lock.unlink()  # stale: its process is gone
            continue
        with os.fdopen(fd, "w") as handle:
            handle.write(f"{os.getpid()} {_started(os.getpid()) or ''}".strip())
        try:
            yield lock
        finally:
            with contextlib.suppress(FileNotFoundError):
                lock.unlink()
        return
    raise BuildLockedError(f"could not take the build lock {lock}")
