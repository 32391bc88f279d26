"""Commands about the environment: ``doctor`` (what is installed, where the data and the build are, whether
the build is current) and ``completion`` (the shell completion script)."""

from __future__ import annotations

from pathlib import Path

import click

from coi_graph.cli.link import CACHE
from coi_graph.cli.options import BUILD_OPTION, DATA_OPTION, OUTPUT_OPTION
from coi_graph.doctor import diagnose, render_json, render_table

COMPLETE_VAR = "_COI_GRAPH_COMPLETE"


@click.command()
@DATA_OPTION
@BUILD_OPTION
@CACHE
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="A readable table, or JSON for scripts.")  # fmt: skip
@OUTPUT_OPTION
@click.pass_context
def doctor(ctx: click.Context, data_dir: Path, build_dir: Path, cache_dir: Path, fmt: str,
           output: Path | None) -> None:  # fmt: skip
    """Report the environment: Python and library versions, tools, the data, the build and the caches.

    \b
    Says where the data directory, the build and its store are and how large, whether the build is
    stale (a file of --data, the ontology or the shapes changed after it), whether the oxigraph
    server (for serve) and a browser with its driver (for the browser test) are on hand, and where
    the Wikidata caches are. Exit 0 when everything needed is there, 1 when something required is
    missing (each such line says how to fix it); optional things missing are only reported.

    \b
    Examples:
      coi-graph doctor
      coi-graph doctor --format json -o doctor.json
      coi-graph doctor --data /tmp/synth-10k --build /tmp/synth-10k-build
    """
    from coi_graph.export.tabular import write

    root = ctx.find_root().obj or {}
    checks = diagnose(data_dir, build_dir, cache_dir, root.get("store"))
    write(render_json(checks) if fmt == "json" else render_table(checks), output)
    if any(c.fails for c in checks):
        ctx.exit(1)


@click.command()
@click.argument("shell", type=click.Choice(["bash", "zsh", "fish"]))
@OUTPUT_OPTION
@click.pass_context
def completion(ctx: click.Context, shell: str, output: Path | None) -> None:
    """Print the completion script for bash, zsh or fish: commands, options and choices complete on Tab.

    \b
    Bash needs version 4.4 or later. The same script comes from click's own mechanism:
    _COI_GRAPH_COMPLETE=bash_source coi-graph (zsh_source, fish_source).

    \b
    Examples:
      coi-graph completion bash -o ~/.local/share/bash-completion/completions/coi-graph
      coi-graph completion zsh > ~/.zfunc/_coi-graph     # with fpath+=(~/.zfunc) in ~/.zshrc
      coi-graph completion fish -o ~/.config/fish/completions/coi-graph.fish
      eval "$(coi-graph completion bash)"               # this shell only
    """
    from click.shell_completion import get_completion_class

    from coi_graph.export.tabular import write

    complete = get_completion_class(shell)
    assert complete is not None
    root = ctx.find_root().command
    script = complete(root, {}, "coi-graph", COMPLETE_VAR).source()
    write(script if script.endswith("\n") else script + "\n", output)


def register(group: click.Group) -> None:
    """Add ``doctor`` and ``completion`` to the command line."""
    group.add_command(doctor)
    group.add_command(completion)
