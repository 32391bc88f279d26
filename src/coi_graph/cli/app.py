"""The root of the ``coi-graph`` command line: the group, its global options, logging, and errors as exit codes.

Exit codes, as in pySHACL: 0 success (the data conforms), 1 the data violates the shapes,
2 any other error. Errors name the file and line and never print a traceback (``--debug``
does). Results go to stdout or ``-o FILE``; progress and warnings go to stderr.
"""

from __future__ import annotations

import logging
import os
import sys
from typing import Any

import click

from coi_graph import __version__, progress
from coi_graph.errors import EXIT_ERROR, EXIT_OK, CoiGraphError

log = logging.getLogger("coi_graph")


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


class Group(click.Group):
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


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
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
