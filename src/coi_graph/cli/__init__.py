"""The ``coi-graph`` command line: the root group (:mod:`.app`) and one module per command group, each thin
over the library. Importing it registers every command on :func:`main`; ``coi_graph`` itself works without click.

Exit codes, as in pySHACL: 0 success (the data conforms), 1 the data violates the shapes, 2 any other error.
"""

from __future__ import annotations

from coi_graph.cli import (
    analyze,
    build,
    doctor,
    dossier,
    evaluate,
    export,
    extract,
    imports,
    ingest,
    link,
    plot,
    query,
    serve,
    synth,
)
from coi_graph.cli.app import main

__all__ = ["main"]

for _commands in (build, ingest, query, export, imports, analyze, plot, extract, evaluate, link, serve, synth, doctor,
                  dossier):  # fmt: skip
    _commands.register(main)
