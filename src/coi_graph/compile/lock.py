"""A lock that refuses a second build of the same output, and that a dead build cannot leave held.

The lock is an advisory ``flock`` on the file ``.BUILD.lock`` beside the output: the system releases
it when the process that holds it ends, however it ends, so a killed build leaves nothing to clear by
hand. The file holds the owner's process id, for the message a second build prints. The holder
removes the file before it lets go; a build that opened the old file in the meantime notices that the
path now names another file (or none) and starts again, so two builds never both hold the lock.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

from coi_graph.errors import BuildLockedError

_ATTEMPTS = 20


def _owner(fd: int) -> str:
    with contextlib.suppress(OSError, ValueError):
        os.lseek(fd, 0, os.SEEK_SET)
        text = os.read(fd, 64).decode("ascii").strip()
        if text.isdigit():
            return f"process {text}"
    return "another process"


def _same_file(fd: int, path: Path) -> bool:
    try:
        on_disk = path.stat()
    except FileNotFoundError:
        return False
    held = os.fstat(fd)
    return (on_disk.st_dev, on_disk.st_ino) == (held.st_dev, held.st_ino)


@contextlib.contextmanager
def build_lock(out_dir: Path) -> Iterator[Path]:
    lock = out_dir.with_name(f".{out_dir.name}.lock")
    lock.parent.mkdir(parents=True, exist_ok=True)
    for _attempt in range(_ATTEMPTS):
        fd = os.open(lock, os.O_CREAT | os.O_RDWR, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            who = _owner(fd)
            os.close(fd)
            raise BuildLockedError(
                f"another build ({who}) is writing {out_dir}",
                hint="wait for it to finish: the lock goes when that build ends, even if it is killed",
            ) from None
        if not _same_file(fd, lock):  # the previous holder removed it as we opened it: start again
            os.close(fd)
            continue
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode("ascii"))
        try:
            yield lock
        finally:
            with contextlib.suppress(FileNotFoundError):
                lock.unlink()  # still holding it: whoever opened this file will see it is gone
            os.close(fd)
        return
    raise BuildLockedError(f"could not take the build lock {lock}", hint="try again")
