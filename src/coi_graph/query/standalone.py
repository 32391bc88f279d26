"""A query as one self-contained SPARQL text, for servers and stores that do not know the project.

The embedded store is queried with the project's prefixes given beside the text; a server
(``coi-graph serve``, Fuseki, GraphDB …) gets them as ``PREFIX`` declarations in the text. The
default graph needs nothing: the build writes the analyst's view into the store's default graph,
and ``coi-graph push`` carries it along.
"""

from __future__ import annotations

from coi_graph.namespaces import PREFIXES


def standalone(query: str) -> str:
    """``query`` with the project's PREFIX declarations."""
    prologue = "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in PREFIXES.items())
    return prologue + query
