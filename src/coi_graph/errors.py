"""Exceptions and the exit codes they map to.

Exit codes follow pySHACL: 0 the data conforms, 1 the data violates the shapes,
2 any other error (bad file, bad syntax, missing build). Every error names the
file and, where known, the line, and says how to fix it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

EXIT_OK = 0
EXIT_VIOLATIONS = 1
EXIT_ERROR = 2


class CoiGraphError(Exception):
    """Any error that ends a command with exit code 2."""

    exit_code = EXIT_ERROR

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def render(self) -> str:
        text = f"error: {self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


@dataclass(frozen=True)
class Location:
    """A place in an input file: path, and 1-based line and column where known."""

    path: Path
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        text = str(self.path)
        if self.line is not None:
            text += f":{self.line}"
            if self.column is not None:
                text += f":{self.column}"
        return text


class InputError(CoiGraphError):
    """A problem in one input file: syntax, encoding, an ill-typed value, a bad layout."""

    def __init__(self, location: Location, message: str, *, hint: str | None = None) -> None:
        super().__init__(f"{location}: {message}", hint=hint)
        self.location = location
        self.problem = message


class MissingBuildError(CoiGraphError):
    """A command needs the built graph, and there is none."""


class BuildLockedError(CoiGraphError):
    """Another build is writing the same output directory."""


class ValidationFailed(CoiGraphError):
    """The data violates the shapes (exit code 1). ``report`` says where and why."""

    exit_code = EXIT_VIOLATIONS

    def __init__(self, message: str, *, report: str, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.report = report

    def render(self) -> str:
        return self.report.rstrip("\n") + "\n" + super().render()
