"""Options shared by the commands, so that each is spelled, defaulted and explained the same way everywhere.

``--data DIR`` is the data directory every command that reads data/ takes; ``--build DIR`` the build
every command that reads one takes; ``-o/--output`` where a command writes its result (a file, or a
directory for the commands that write several files); ``--format`` is always a choice with its default
shown. tests/test_cli_experience.py walks the command tree and holds every command to this.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from coi_graph.store import AnyStore

DATA_HELP = "The data directory: entities/, documents/, claims/, links/."
BUILD_HELP = "The directory a build wrote."
OUTPUT_HELP = "Write to FILE (atomically) instead of stdout."

F = Callable[..., Any]


class AliasedOption(click.Option):
    """An option whose old spellings (``hidden_aliases``) still work but are not shown in ``--help``."""

    def __init__(self, *args: Any, hidden_aliases: Sequence[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.hidden_aliases = tuple(hidden_aliases)

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        shown, self.opts = self.opts, [name for name in self.opts if name not in self.hidden_aliases]
        try:
            return super().get_help_record(ctx)
        finally:
            self.opts = shown


DATA_OPTION = click.option(
    "--data", "data_dir", type=click.Path(path_type=Path, file_okay=False), default=Path("data"), show_default=True,
    help=DATA_HELP,
)  # fmt: skip
BUILD_OPTION = click.option(
    "--build", "build_dir", type=click.Path(path_type=Path, file_okay=False), default=Path("build"), show_default=True,
    help=BUILD_HELP,
)  # fmt: skip
STRICT_OPTION = click.option(
    "--strict", is_flag=True,
    help="Make warnings about the data errors (exit 2): a file not read, a duplicate label, a document read "
    "without its layout.",
)  # fmt: skip
OUTPUT_OPTION = click.option(
    "-o", "--output", type=click.Path(path_type=Path, dir_okay=False), default=None, help=OUTPUT_HELP
)


def output_dir_option(help_text: str, *, default: Path | None = None, required: bool = False,
                      old: Sequence[str] = ()) -> Callable[[F], F]:  # fmt: skip
    """``-o/--output DIR`` for the commands whose result is a directory; ``old`` spellings stay accepted."""
    return click.option(
        "-o", "--output", *old, "out_dir", cls=AliasedOption, hidden_aliases=old,
        type=click.Path(path_type=Path, file_okay=False), default=default, required=required,
        show_default=default is not None, help=help_text,
    )  # fmt: skip


def store_for(build_dir: Path) -> AnyStore:
    """The store a command reads: the build's embedded store, or the remote endpoint of the root's ``--store``
    (the one place below ``main`` that reads it; the library takes the store it is given)."""
    from coi_graph.store import open_store

    context = click.get_current_context(silent=True)
    obj = context.find_root().obj if context is not None else None
    spec = obj.get("store") if isinstance(obj, dict) else None
    return open_store(build_dir, spec or "")
