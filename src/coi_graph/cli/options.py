"""Options shared by the commands, so that each is spelled, defaulted and explained the same way everywhere.

``--data DIR`` is the data directory every command that reads data/ takes; ``--build DIR`` the build
every command that reads one takes; ``-o/--output`` where a command writes its result (a file, or a
directory for the commands that write several files); ``--format`` is always a choice with its default
shown. tests/cli/test_experience.py walks the command tree and holds every command to this.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from coi_graph import progress

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


SIZE_MEASURES = ["pagerank", "betweenness", "weighted_degree", "in_degree", "out_degree"]


def projection_options(function: F) -> F:
    """The options that shape the network, shared by analyze, the graph exports and plot network."""
    options = [
        click.option("--relation", "relations", multiple=True, metavar="NAME",
                     help="Keep only this relation (supports, stationedAt, strike, ...); repeat for several."),
        click.option("--node-type", "node_types", multiple=True, metavar="TYPE",
                     help="Keep only nodes of this type or class, with subclasses (person, Place, ...)."),
        click.option("--from", "start", type=click.DateTime(["%Y-%m-%d"]), help="Keep claims that reach this date."),
        click.option("--to", "end", type=click.DateTime(["%Y-%m-%d"]), help="Keep claims that start by this date."),
        click.option("--as-of", "as_of", type=click.DateTime(["%Y-%m-%d"]),
                     help="As known at this date: documents published by then, what had happened by then."),
        click.option("--events", type=click.Choice(["collapse", "nodes"]), default="collapse", show_default=True,
                     help="Collapse events into actor-actor and actor-place edges, or keep them as nodes."),
        click.option("--modality", "modalities", multiple=True,
                     type=click.Choice(["stated", "reported", "planned", "intended", "possible", "negated", "all"]),
                     help="Modalities that count (default: stated and reported)."),
        click.option("--inferred/--no-inferred", default=False, show_default=True,
                     help="Add the edges OWL RL reasoning infers (marked inferred)."),
        click.option("--registry/--no-registry", default=True, show_default=True,
                     help="Add the registry's structural edges (part of, located in, government of) among "
                          "the entities the claims name."),
        click.option("--keep-isolates", is_flag=True, help="Keep nodes without edges."),
    ]  # fmt: skip
    for option in reversed(options):
        function = option(function)
    return function


def projection_settings(kwargs: dict[str, Any]) -> Any:
    from coi_graph.network.projection import AFFIRMATIVE, ProjectionOptions

    modalities = tuple(kwargs.pop("modalities") or AFFIRMATIVE)
    if "all" in modalities:
        modalities = ("stated", "reported", "planned", "intended", "possible", "negated")

    def day(value: Any) -> date | None:
        return value.date() if value is not None else None

    return ProjectionOptions(
        relations=frozenset(kwargs.pop("relations")),
        node_types=frozenset(kwargs.pop("node_types")),
        start=day(kwargs.pop("start")),
        end=day(kwargs.pop("end")),
        as_of=day(kwargs.pop("as_of")),
        events=kwargs.pop("events"),
        modalities=modalities,
        inferred=kwargs.pop("inferred"),
        registry=kwargs.pop("registry"),
        keep_isolates=kwargs.pop("keep_isolates"),
    )


def network_for(build_dir: Path, kwargs: dict[str, Any]) -> Any:
    from coi_graph.network.projection import project

    with progress.steps("projecting the network"):
        return project(store_for(build_dir), projection_settings(kwargs))


def day_or_today(value: object) -> date:
    """The day a ``--date`` option gave (a datetime from click), or today."""
    return value.date() if isinstance(value, datetime) else date.today()
