"""`query`: run saved queries (list, run, show) or a SPARQL text on the build."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import click

from coi_graph import progress
from coi_graph.cli.options import (
    BUILD_OPTION,
    OUTPUT_OPTION,
)

log = logging.getLogger("coi_graph")


def _parse_params(values: tuple[str, ...]) -> dict[str, str]:
    params: dict[str, str] = {}
    for item in values:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(
                f"{item!r}: write NAME=VALUE, e.g. actor=ent:us-armed-forces", param_hint="--param"
            )
        params[key.strip()] = value
    return params


PARAM_OPTION = click.option(
    "-p", "--param", "params", multiple=True, metavar="NAME=VALUE", help="A query parameter; repeat for several."
)
FORMAT_OPTION = click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "tsv", "json", "markdown"]),
    default="table",
    show_default=True,
)
NETWORK_OPTION = click.option(
    "--allow-network", is_flag=True, help="Allow SERVICE and LOAD to reach other hosts (off by default)."
)


def _limits_options(func: Callable[..., None]) -> Callable[..., None]:
    from coi_graph.query.limits import DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT

    func = click.option(
        "--max-rows", type=click.IntRange(min=0), default=DEFAULT_MAX_ROWS, show_default=True,
        help="Stop with an error when the query returns more rows than this (0: no limit).",
    )(func)  # fmt: skip
    return click.option(
        "--timeout", type=click.FloatRange(min=0), default=DEFAULT_TIMEOUT, show_default=True,
        help="Stop with an error when the query runs longer than this many seconds (0: no limit).",
    )(func)  # fmt: skip


def _run_and_write(
    build_dir: Path, text: str, name: str, fmt: str, output: Path | None, allow_network: bool,
    timeout: float, max_rows: int,
) -> None:  # fmt: skip
    from coi_graph.cli.options import store_for
    from coi_graph.export.tabular import write
    from coi_graph.query.limits import Limits
    from coi_graph.query.output import render
    from coi_graph.query.runner import execute

    limits = Limits(timeout=timeout or None, max_rows=max_rows or None)
    with progress.steps(f"running {name}"):
        result = execute(store_for(build_dir), text, name=name, allow_network=allow_network, limits=limits)
    write(render(result, fmt), output)


@click.group(invoke_without_command=True)
@click.option("-e", "--expression", help="Run this SPARQL query text.")
@click.option(
    "--file",
    "query_file",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="Run the SPARQL query in FILE.",
)
@PARAM_OPTION
@BUILD_OPTION
@FORMAT_OPTION
@OUTPUT_OPTION
@NETWORK_OPTION
@_limits_options
@click.pass_context
def query(
    ctx: click.Context,
    expression: str | None,
    query_file: Path | None,
    params: tuple[str, ...],
    build_dir: Path,
    fmt: str,
    output: Path | None,
    allow_network: bool,
    timeout: float,
    max_rows: int,
) -> None:
    """Run saved or ad-hoc SPARQL queries on the built store.

    \b
    The default graph holds what the corpus says affirmatively (the plain and inferred
    layers) with the registry, documents and claim descriptions; each claim's own content
    is the named graph of its IRI. Prefixes coi:, ent:, ev:, doc:, claim:, skos:, rdfs:, ...
    are predeclared.

    \b
    Examples:
      coi-graph query list
      coi-graph query run presence --param place=ent:al-hasakah-governorate
      coi-graph query run relations --param actor=ent:sdf --format csv -o sdf.csv
      coi-graph query -e 'SELECT ?s ?o WHERE { ?s coi:supports ?o }'
      coi-graph query --file my-query.rq --format json
      coi-graph query -e 'SELECT * WHERE { ?s ?p ?o }' --timeout 10 --max-rows 500
    """
    if ctx.invoked_subcommand is not None:
        return
    if (expression is None) == (query_file is None):
        raise click.UsageError("give a subcommand (list, run), or exactly one of -e TEXT and --file FILE")
    if query_file is not None:
        from coi_graph.query.library import MARKER, parse_query_file

        text = query_file.read_text(encoding="utf-8")
        name = str(query_file)
        if MARKER in text or params:
            saved = parse_query_file(query_file)
            text = saved.bind(_parse_params(params))
    else:
        assert expression is not None
        if params:
            raise click.UsageError("--param needs a saved query or a --file with a header; -e takes none")
        text, name = expression, "query"
    _run_and_write(build_dir, text, name, fmt, output, allow_network, timeout, max_rows)


@query.command("list")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@OUTPUT_OPTION
def query_list(fmt: str, output: Path | None) -> None:
    """List the saved queries with their titles and parameters.

    \b
    Examples:
      coi-graph query list
      coi-graph query list --format json -o queries.json
    """
    import json

    from coi_graph.export.tabular import write
    from coi_graph.query.library import load_library
    from coi_graph.resources import queries_dir

    library = load_library(queries_dir())
    if fmt == "json":
        payload = [
            {
                "name": q.name,
                "title": q.title,
                "question": q.question,
                "network": q.needs_network,
                "parameters": [vars(p) for p in q.params],
            }
            for q in library.values()
        ]
        write(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", output)
        return
    lines = []
    for saved in library.values():
        lines.append(f"{saved.name}: {saved.title}" + ("  [needs --allow-network]" if saved.needs_network else ""))
        lines.append(f"    {saved.question}")
        for param in saved.params:
            lines.append(f"    --param {param.name}=…  ({param.describe()}) {param.description}".rstrip())
    write("".join(f"{line}\n" for line in lines), output)


@query.command("run")
@click.argument("name")
@PARAM_OPTION
@BUILD_OPTION
@FORMAT_OPTION
@OUTPUT_OPTION
@NETWORK_OPTION
@_limits_options
def query_run(
    name: str, params: tuple[str, ...], build_dir: Path, fmt: str, output: Path | None, allow_network: bool,
    timeout: float, max_rows: int,
) -> None:  # fmt: skip
    """Run the saved query NAME with typed parameters.

    \b
    Parameters are checked against their declared type (iri, date, qid, integer, decimal,
    string) and bound as RDF terms, never pasted into the query. IRIs may use the project
    prefixes: ent:sdf, doc:euaa-2025-03-syria-country-focus.

    \b
    Examples:
      coi-graph query run presence --param actor=ent:us-military-advisers-iraq
      coi-graph query run timeline --param from=2024-12-01 --param to=2024-12-31
      coi-graph query run statements --format json
      coi-graph query run wikidata-labels --allow-network
    """
    from coi_graph.query.library import get, load_library
    from coi_graph.resources import queries_dir

    saved = get(load_library(queries_dir()), name)
    if saved.needs_network and not allow_network:
        from coi_graph.query.library import QueryError

        raise QueryError(
            f"query {name!r} calls Wikidata over the network; refused",
            hint="rerun with --allow-network to run it (the machine needs internet access)",
        )
    text = saved.bind(_parse_params(params))
    _run_and_write(build_dir, text, name, fmt, output, allow_network, timeout, max_rows)


@query.command("show")
@click.argument("name")
@PARAM_OPTION
@OUTPUT_OPTION
def query_show(name: str, params: tuple[str, ...], output: Path | None) -> None:
    """Print the saved query NAME as one self-contained SPARQL text: prefixes declared, parameters
    bound. Paste it into the UI of 'coi-graph serve' or any store holding a pushed build (the
    build's default graph, the analyst's view, travels with it).

    \b
    Examples:
      coi-graph query show presence --param actor=ent:sdf
      coi-graph query show presence --param actor=ent:sdf -o presence.rq
      coi-graph query show timeline | curl --data-urlencode query@- http://127.0.0.1:7878/query
    """
    from coi_graph.export.tabular import write
    from coi_graph.query.library import get, load_library
    from coi_graph.query.standalone import standalone
    from coi_graph.resources import queries_dir

    saved = get(load_library(queries_dir()), name)
    write(standalone(saved.bind(_parse_params(params))), output)


def register(main: click.Group) -> None:
    main.add_command(query)
