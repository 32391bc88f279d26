"""Compile data/ into the graph: read it, derive, reason, validate, write the store.

:mod:`.pipeline` is the one entry (used by build, validate, link, review and the workbench). Its stages:
:mod:`.inventory` and :mod:`.admit` decide what is read, :mod:`.load` reads it into an in-memory Oxigraph
store, :mod:`.derive` adds the plain and derived layers, :mod:`.reason` runs the ontology's OWL 2 RL rules,
:mod:`.validate` runs the shapes, and :mod:`.write` writes the result. :mod:`.terms` is the one bridge
between rdflib and Oxigraph terms. :mod:`.reference` holds the rdflib/owlrl/pySHACL twins, kept as oracles.
"""
