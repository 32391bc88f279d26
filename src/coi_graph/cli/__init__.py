"""The ``coi-graph`` command line.

Exit codes, as in pySHACL: 0 success (the data conforms), 1 the data violates the shapes,
2 any other error. Errors name the file and line and never print a traceback (``--debug``
does). Results go to stdout or ``-o FILE``; progress and warnings go to stderr.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from coi_graph import __version__, progress
from coi_graph.cli.options import BUILD_OPTION, DATA_OPTION, OUTPUT_OPTION, STRICT_OPTION, output_dir_option
from coi_graph.errors import EXIT_ERROR, EXIT_OK, EXIT_VIOLATIONS, CoiGraphError

log = logging.getLogger("coi_graph")

__all__ = ["BUILD_OPTION", "DATA_OPTION", "OUTPUT_OPTION", "main"]


def _configure_logging(verbosity: int, quiet: bool) -> None:
    level = logging.WARNING if quiet else (logging.DEBUG if verbosity > 1 else logging.INFO)
    progress.configure(quiet=quiet, verbose=verbosity)
    handler = progress.StderrHandler()  # writes above a progress display, if one shows
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s" if verbosity else "%(message)s"))
    root = logging.getLogger("coi_graph")
    root.handlers[:] = [handler]
    root.setLevel(level)
    root.propagate = False
    # rdflib logs a traceback for every ill-typed literal; the loader reports them itself.
    logging.getLogger("rdflib").setLevel(logging.CRITICAL)
    logging.getLogger("pyshacl").setLevel(logging.ERROR)


class _Group(click.Group):
    """Turns CoiGraphError into a message and an exit code, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CoiGraphError as exc:
            click.echo(progress.styled(exc.render()), err=True)
            ctx.exit(exc.exit_code)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except BrokenPipeError:
            # the reader stopped early (e.g. '| head'): not an error of ours
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            ctx.exit(EXIT_OK)
        except KeyboardInterrupt:
            click.echo("interrupted; nothing was changed", err=True)
            ctx.exit(130)
        except OSError as exc:
            # the machine's trouble, not the data's: a full disk, a missing permission, a vanished path
            where = f"{exc.filename}: " if exc.filename else ""
            click.echo(progress.styled(f"error: {where}{exc.strerror or exc}"), err=True)
            click.echo(progress.styled("  hint: check the path, its permissions and the free disk space; files are "
                       "written whole or not at all, so what was there before is unchanged"), err=True)  # fmt: skip
            ctx.exit(EXIT_ERROR)
        except Exception as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(progress.styled(f"internal error: {type(exc).__name__}: {exc}"), err=True)
            click.echo(progress.styled("  hint: rerun with --debug for the traceback, and report it"), err=True)
            ctx.exit(EXIT_ERROR)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="coi-graph")
@click.option("-q", "--quiet", is_flag=True, help="Only print results and errors.")
@click.option("-v", "--verbose", count=True, help="More detail on stderr (-vv for debug).")
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
@click.option(
    "--store", "store_spec", envvar="COI_GRAPH_STORE", default=None, metavar="sparql:URL",
    help="Query, analyze and export from a SPARQL 1.1 endpoint holding a pushed build, not build/store.",
)  # fmt: skip
@click.pass_context
def main(ctx: click.Context, quiet: bool, verbose: int, debug: bool, store_spec: str | None) -> None:
    """coi-graph: Country-of-Origin-Information documents as a traceable knowledge graph.

    \b
    Examples:
      coi-graph build                      # data/ -> build/ (reason, validate, store)
      coi-graph validate --format json     # check data/ without writing anything
      coi-graph export claims -o claims.csv
      coi-graph doctor                     # what is installed, and whether the build is current

    Exit codes: 0 success, 1 the data violates the shapes, 2 any other error.
    Progress shows on stderr when it is a terminal (not with -q); colour too, unless NO_COLOR is set.
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug
    ctx.obj["quiet"] = quiet
    ctx.obj["store"] = store_spec
    _configure_logging(verbose, quiet)


@main.command()
@DATA_OPTION
@output_dir_option("Where to write the build (replaced atomically).", default=Path("build"), old=["--out"])
@STRICT_OPTION
def build(data_dir: Path, out_dir: Path, strict: bool) -> None:
    """Build the graph: parse documents, reason (OWL 2 RL), validate (SHACL), write the store.

    \b
    Writes OUTPUT/graph.nq (sorted N-Quads), OUTPUT/store/ (Oxigraph), OUTPUT/summary.json
    and OUTPUT/validation.txt, then prints a summary. If the data violates the shapes,
    prints the violations, changes nothing and exits 1. On a terminal, a status line shows
    the step it is at (loading, deriving, reasoning, validating, writing).

    Reads only inside the data directory. A file it does not read (a top-level file, *.TTL,
    a subfolder of claims/, a dangling link) is named in a warning; --strict makes those
    warnings errors.

    \b
    Examples:
      coi-graph build
      coi-graph build --data my-data -o /tmp/build
      coi-graph build --strict             # in CI: any warning about the data fails the build
    """
    from coi_graph.compile.pipeline import build as run_build

    with progress.steps("building"):
        result = run_build(data_dir, out_dir, strict=strict)
    click.echo(result.summary.render(), nl=False)
    for warning in result.report.warnings:
        log.warning("%s: warning: %s (%s)", warning.where(), warning.message, warning.focus)
    log.info("built %s", out_dir)


@main.command()
@DATA_OPTION
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "turtle"]),
    default="text",
    show_default=True,
    help="Report format; turtle is the SHACL validation report graph.",
)
@OUTPUT_OPTION
@STRICT_OPTION
def validate(data_dir: Path, fmt: str, output: Path | None, strict: bool) -> None:
    """Validate the data against the shapes without writing a build.

    \b
    Exit codes: 0 conforms, 1 violations, 2 error (bad file, bad syntax).

    \b
    Examples:
      coi-graph validate
      coi-graph validate --format json -o report.json
      coi-graph validate --strict          # warnings about the data are errors
    """
    from coi_graph.compile.pipeline import prepare_store
    from coi_graph.export.tabular import write

    with progress.steps("validating"):
        # the build's engines: the same results as pySHACL, at any size
        prepared = prepare_store(data_dir, strict=strict)
    write(prepared.report.render(fmt), output)  # type: ignore[arg-type]
    sys.exit(EXIT_OK if prepared.report.conforms else EXIT_VIOLATIONS)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@DATA_OPTION
@output_dir_option("File the documents into this data directory instead of --data.", old=["--out"])
@click.option("--format", "fmt", type=click.Choice(["auto", "euaa-report", "news", "report"]), default="auto",
              show_default=True, help="The layout; auto detects it; report: a generic report.")  # fmt: skip
@click.option("--id", "doc_id", default=None, help="The document id (one file only); default: publisher-date-title.")
@click.option("--publisher", default=None, help="The publisher, when the text does not say it: ent:news-az or a label.")
@click.option("--title", default=None, help="The title, when the text does not say it.")
@click.option("--date", default=None, help="The publication date, YYYY-MM-DD, YYYY-MM or YYYY.")
@click.option("--force", is_flag=True, help="Replace a document filed under the same id.")
@click.option("--dry-run", is_flag=True, help="Parse and report; write nothing.")
@click.option("--max-size-mb", type=click.FloatRange(min=0), default=20.0, show_default=True,
              help="Refuse files larger than this (0: no limit).")  # fmt: skip
def ingest(
    files: tuple[Path, ...],
    data_dir: Path,
    out_dir: Path | None,
    fmt: str,
    doc_id: str | None,
    publisher: str | None,
    title: str | None,
    date: str | None,
    force: bool,
    dry_run: bool,
    max_size_mb: float,
) -> None:
    """Take documents into the data directory: detect the layout, parse, and file them.

    \b
    Reads EUAA-style report sections (Markdown markers [N](#), markers flattened to [N] or
    to numbers glued to words, short references [Key 2023, p. 4] with a bibliography, or
    markers without a footnote list) and news articles (' date YYYY-MM-DD Title' first line).
    Any other text is read as a generic report (title line, headings, paragraphs, markers
    [N](#), [iv](#) or [N], an optional note list), with a warning: never refused for its layout.
    Each file is copied verbatim to DIR/documents/ with a metadata file; the next build parses it.
    A problem with one file is reported and the others go on; the exit code is then 2.

    \b
    Examples:
      coi-graph ingest new-section.md
      coi-graph ingest article.txt --publisher "News.Az"
      coi-graph ingest report.txt --format euaa-report --dry-run
      coi-graph ingest brief.txt --format report --publisher "HRW" --date 2024-02-29
    """
    from coi_graph.ingest import ingest_file, resolve_publisher

    target = out_dir or data_dir
    if doc_id and len(files) > 1:
        raise click.UsageError("--id names one document; give one file")
    publisher_iri = resolve_publisher(publisher, data_dir) if publisher else None
    failures = 0
    with progress.bar("ingesting", len(files), show=len(files) > 1) as advance:
        for path in files:
            try:
                result = ingest_file(
                    path, target, fmt=None if fmt == "auto" else fmt, doc_id=doc_id, publisher=publisher_iri,
                    title=title, date=date, force=force, dry_run=dry_run, max_megabytes=max_size_mb,
                )  # fmt: skip
            except CoiGraphError as exc:
                failures += 1
                click.echo(progress.styled(exc.render()), err=True)
                continue
            finally:
                advance(1)
            click.echo(result.summary() + (" (dry run: nothing written)" if dry_run else ""))
            for warning in result.parsed.warnings:
                log.warning("%s: warning: %s", path, warning)
    if failures:
        rest = "; the others were" if failures < len(files) else ""
        raise CoiGraphError(f"{failures} of {len(files)} file(s) could not be taken in{rest}")


@main.group()
def export() -> None:
    """Export the built graph for review or other tools.

    \b
    Examples:
      coi-graph export claims -o claims.csv
      coi-graph export gexf -o coi.gexf
      coi-graph export trig -o coi.trig
    """


@export.command("claims")
@BUILD_OPTION
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl"]), default="csv", show_default=True)
@click.option(
    "--lossless",
    is_flag=True,
    help="Add the columns that 'coi-graph import claims' needs to give the claims back exactly.",
)
@OUTPUT_OPTION
def export_claims(build_dir: Path, fmt: str, lossless: bool, output: Path | None) -> None:
    """One row per asserted triple of every claim, with quote, footnotes and sources.

    \b
    Columns: claim, document, footnotes, subject, subject_label, subject_wikidata,
    predicate, predicate_label, object, object_label, object_wikidata, value, start,
    end, point_in_time, as_of, modality, quote, sources.
    With --lossless, after them: value_datatype, value_language, passage, footnote_iris,
    time_expression, time_approximate, according_to, tenure, reviewed_by, reviewed_on,
    other_triples.

    \b
    Examples:
      coi-graph export claims -o claims.csv
      coi-graph export claims --format jsonl | grep supports
      coi-graph export claims --lossless -o claims.csv
    """
    from coi_graph.cli.options import store_for
    from coi_graph.export.claims import COLUMNS, LOSSLESS_COLUMNS, claim_rows
    from coi_graph.export.tabular import render, write

    rows = claim_rows(store_for(build_dir), lossless=lossless)
    write(render(rows, LOSSLESS_COLUMNS if lossless else COLUMNS, fmt), output)  # type: ignore[arg-type]


@export.command("citations")
@BUILD_OPTION
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl"]), default="csv", show_default=True)
@OUTPUT_OPTION
def export_citations(build_dir: Path, fmt: str, output: Path | None) -> None:
    """One row per citation of every footnote, as parsed from the documents.

    \b
    Columns: document, footnote, position, publisher, title, date, url, pages, work.

    \b
    Examples:
      coi-graph export citations -o citations.csv
      coi-graph export citations --format jsonl
    """
    from coi_graph.cli.options import store_for
    from coi_graph.export.citations import COLUMNS, citation_rows
    from coi_graph.export.tabular import render, write

    rows = citation_rows(store_for(build_dir))
    write(render(rows, COLUMNS, fmt), output)  # type: ignore[arg-type]


@main.group("import")
def import_() -> None:
    """Read exported files back into RDF.

    \b
    Examples:
      coi-graph import claims claims.csv -o claims.trig
      coi-graph import candidates candidates.xlsx --reviewer "A. Analyst"
    """


@import_.command("claims")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--check", is_flag=True, help="Compare the claims with the build's instead of writing them; exit 1 if any differ."
)
@BUILD_OPTION
@OUTPUT_OPTION
def import_claims(file: Path, check: bool, build_dir: Path, output: Path | None) -> None:
    """Read a claims CSV back into claims, as TriG.

    \b
    Writes the layout of data/claims/*.trig: each claim's description in the default
    graph, its content in the named graph of its IRI. A CSV exported with --lossless gives
    back every claim exactly; a plain one has no passage and no datatypes (its literals
    come back as strings), which a warning says. Rows are grouped by claim; errors name
    the line.

    \b
    Examples:
      coi-graph export claims --lossless -o claims.csv
      coi-graph import claims claims.csv -o claims.trig
      coi-graph import claims reviewed.csv --check --build build
    """
    from coi_graph.cli.options import store_for
    from coi_graph.export.claims_import import compare_with_build, read_claims_csv
    from coi_graph.export.tabular import write

    imported = read_claims_csv(file)
    if check:
        differences = compare_with_build(imported, store_for(build_dir))
        write("".join(f"{line}\n" for line in differences), output)
        log.info("%d claim(s) read; %d differ from the build", len(imported.claims), len(differences))
        sys.exit(EXIT_VIOLATIONS if differences else EXIT_OK)
    if not imported.lossless:
        log.warning(
            "%s: warning: a plain claims CSV has no passages, no literal datatypes or languages (its values are "
            "read as strings) and no further description; export with --lossless to read the claims back exactly",
            file,
        )
    write(imported.to_trig(), output)
    log.info("%d claim(s) read from %s", len(imported.claims), file)


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


@main.group(invoke_without_command=True)
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


def _register_network_commands() -> None:
    from coi_graph.cli.doctor import register as register_doctor
    from coi_graph.cli.dossier import register as register_dossier
    from coi_graph.cli.evaluate import register as register_evaluate
    from coi_graph.cli.extract import register
    from coi_graph.cli.link import register as register_link
    from coi_graph.cli.link import register_export as register_link_export
    from coi_graph.cli.network import analyze, plot, register_exports
    from coi_graph.cli.serve import register as register_serve
    from coi_graph.cli.synth import register as register_synth
    from coi_graph.cli.workbench import register as register_workbench

    register(main)
    register_evaluate(main)
    register_link(main)
    register_link_export(export)
    register_serve(main)
    register_synth(main)
    register_doctor(main)
    register_dossier(main)
    main.add_command(analyze)
    main.add_command(plot)
    register_exports(export)
    register_workbench(export, import_)


_register_network_commands()
