"""`plot`: pictures for reports (the network, a timeline of claims, a map)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import click

from coi_graph import progress
from coi_graph.cli.options import BUILD_OPTION as BUILD
from coi_graph.cli.options import (
    network_for,
    projection_options,
)

log = logging.getLogger("coi_graph")


# --- plot ---------------------------------------------------------------------------------------


@click.group()
def plot() -> None:
    """Pictures for reports: the network, a timeline of claims, a map (PNG or SVG by the file name).

    \b
    Examples:
      coi-graph plot network -o network.png
      coi-graph plot map -o map.svg
    """


PICTURE = click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), required=True,
                       help="The picture: FILE.png or FILE.svg.")  # fmt: skip


@plot.command("network")
@BUILD
@projection_options
@click.option("--geo", is_flag=True, help="Place nodes with verified coordinates at their longitude and latitude.")
@click.option("--title", default="", help="A title (default: the counts).")
@PICTURE
def plot_network_command(build_dir: Path, geo: bool, title: str, output: Path, **kwargs: Any) -> None:
    """The network: nodes coloured by type and sized by weighted degree, with labels.

    \b
    Examples:
      coi-graph plot network -o network.png
      coi-graph plot network --node-type actor --relation supports --relation opposes -o actors.svg
    """
    from coi_graph.plot.network import plot_network

    with progress.steps("drawing the network"):
        plot_network(network_for(build_dir, kwargs), output, title=title, geo=geo)


@plot.command("timeline")
@BUILD
@click.option("--top", type=int, default=15, show_default=True, help="The N actors with most claims.")
@click.option(
    "--from", "start", type=click.DateTime(["%Y-%m-%d"]), help="Start of the window (default: 24 months back)."
)
@click.option("--to", "end", type=click.DateTime(["%Y-%m-%d"]), help="End of the window (default: the latest date).")
@PICTURE
def plot_timeline_command(build_dir: Path, top: int, start: Any, end: Any, output: Path) -> None:
    """Claims per actor over time, marked by modality, grey where dated only by their document.

    \b
    Examples:
      coi-graph plot timeline -o timeline.png
      coi-graph plot timeline --from 2024-11-01 --to 2025-03-31 -o winter.svg
    """
    from coi_graph.cli.options import store_for
    from coi_graph.plot.timeline import plot_timeline

    plot_timeline(store_for(build_dir), output, top=top, start=start.date() if start else None,
                  end=end.date() if end else None)  # fmt: skip


@plot.command("map")
@BUILD
@PICTURE
def plot_map_command(build_dir: Path, output: Path) -> None:
    """Places with verified coordinates and the events located at them.

    \b
    Examples:
      coi-graph plot map -o map.png
    """
    from coi_graph.cli.options import store_for
    from coi_graph.plot.map import plot_map

    plot_map(store_for(build_dir), output)


def register(main: click.Group) -> None:
    main.add_command(plot)
