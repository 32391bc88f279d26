"""Progress on stderr: a bar for work of known size, a status line for steps of unknown length.

Shown only where someone watches: never under ``--quiet``, never when stderr is not a terminal
(a pipe, a file, CI, the tests), so that results on stdout and logs stay clean. Colour follows the
same rule, and ``NO_COLOR`` turns it off. The terminal test is rich's ``Console.is_terminal``, which
also honours ``FORCE_COLOR`` and ``TTY_COMPATIBLE``.

Library code reports its steps with :func:`step`, which does nothing unless a command opened a display
with :func:`steps`; without a display the step is logged instead, as before.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:  # rich is imported when a display or a colour test needs it: the build stays light to import
    from rich.console import Console
    from rich.progress import Progress, ProgressColumn

Advance = Callable[[int], None]


class _Settings:
    quiet = False
    verbose = 0


_settings = _Settings()
_current_step: ContextVar[Callable[[str], None] | None] = ContextVar("coi_graph_progress_step", default=None)


def configure(*, quiet: bool = False, verbose: int = 0) -> None:
    """Set by the root command from ``-q`` and ``-v``: quiet hides every display."""
    _settings.quiet = quiet
    _settings.verbose = verbose


def stderr_console() -> Console:
    """A console on the current ``sys.stderr`` (a test runner or a live display may have replaced it)."""
    from rich.console import Console

    return Console(file=sys.stderr, highlight=False)


def shows_progress(console: Console | None = None) -> bool:
    """Whether a display would be seen: not quiet, and the console is a terminal."""
    return not _settings.quiet and (console or stderr_console()).is_terminal


def uses_colour(console: Console | None = None) -> bool:
    """Colour only on a terminal, and never when ``NO_COLOR`` is set."""
    console = console or stderr_console()
    return console.is_terminal and not console.no_color


_LEADS = re.compile(r"^(\s*)(error|internal error|warning|hint):", re.MULTILINE)
_INLINE_WARNING = re.compile(r"(: )(warning):")
_COLOURS = {"error": 31, "internal error": 31, "warning": 33, "hint": 36}  # ANSI red, yellow, cyan


def paint(text: str, word: str) -> str:
    """``text`` in the colour of the mark ``word`` (bold, but hints of normal weight), as the ANSI escapes
    click.style writes: the library does not need click."""
    return f"\x1b[{_COLOURS[word]}m" + ("\x1b[1m" if word != "hint" else "\x1b[22m") + text + "\x1b[0m"


def styled(message: str, console: Console | None = None) -> str:
    """``message`` with its ``error:``, ``warning:`` and ``hint:`` marks coloured, where colour is allowed
    on stderr; unchanged otherwise."""
    if not uses_colour(console):
        return message

    def mark(match: re.Match[str]) -> str:
        word = match.group(2)
        return match.group(1) + paint(f"{word}:", word)

    return _INLINE_WARNING.sub(mark, _LEADS.sub(mark, message))


class StderrHandler(logging.StreamHandler[IO[str]]):
    """Log records to whatever ``sys.stderr`` is when they are emitted: a live display replaces it with a
    proxy that prints above the bar, and a test runner with its own buffer."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    def emit(self, record: logging.LogRecord) -> None:
        self.stream = sys.stderr
        super().emit(record)

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        return styled(text) if record.levelno >= logging.WARNING else text


def _stdout_is_terminal() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def _progress(console: Console, *columns: str | ProgressColumn) -> Progress:
    from rich.progress import Progress

    # stdout is redirected through the display only when it is the same terminal: results piped to a file
    # go there untouched
    return Progress(*columns, console=console, transient=True, redirect_stdout=_stdout_is_terminal(),
                    redirect_stderr=True)  # fmt: skip


def _nothing(_: int = 1) -> None:
    return None


@contextmanager
def bar(label: str, total: int, *, show: bool = True, console: Console | None = None) -> Iterator[Advance]:
    """A progress bar for ``total`` units of work; yields ``advance(n)``. Hidden when quiet, when stderr is
    not a terminal, for an empty total, or with ``show=False`` (work too small to be worth a bar)."""
    update = _current_step.get()
    if update is not None and show and total > 0:
        # inside a status line (one live display at a time): the count goes on the status line
        done = 0

        def count(n: int = 1) -> None:
            nonlocal done
            done += n
            update(f"{label} {done}/{total}")

        update(f"{label} 0/{total}")
        yield count
        return
    console = console or stderr_console()
    if not show or total <= 0 or not shows_progress(console):
        yield _nothing
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    with _progress(
        console,
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("eta"),
        TimeRemainingColumn(),
    ) as progress:
        task = progress.add_task(_escape(label), total=total)

        def advance(n: int = 1) -> None:
            progress.advance(task, n)

        yield advance


@contextmanager
def steps(title: str, *, console: Console | None = None) -> Iterator[Callable[[str], None]]:
    """A status line with a spinner and the time, ``title: the current step``, for work of unknown length;
    yields ``update(text)``, and :func:`step` updates it from library code while it is open."""
    outer = _current_step.get()
    if outer is not None:  # already inside a status line (one live display at a time): report on it
        outer(title)
        yield lambda text: outer(f"{title}: {text}" if text else title)
        return
    console = console or stderr_console()
    if not shows_progress(console):
        token = _current_step.set(None)
        try:
            yield _ignore
        finally:
            _current_step.reset(token)
        return
    from rich.progress import SpinnerColumn, TextColumn, TimeElapsedColumn

    with _progress(console, SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn()) as progress:
        task = progress.add_task(_escape(title), total=None)

        def update(text: str) -> None:
            progress.update(task, description=_escape(f"{title}: {text}" if text else title))

        token = _current_step.set(update)
        try:
            yield update
        finally:
            _current_step.reset(token)


def _ignore(_: str) -> None:
    return None


def step(text: str, logger: logging.Logger | None = None) -> None:
    """Report a step of long work: shown on the open display, if any; logged to ``logger`` at INFO when no
    display shows it, or with ``-v``."""
    update = _current_step.get()
    if update is not None:
        update(text)
    if logger is not None and (update is None or _settings.verbose > 0):
        logger.info("%s", text)


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)
