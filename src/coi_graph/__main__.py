"""``python -m coi_graph``: the command line, as ``coi-graph``."""

from coi_graph.cli import main

main()
