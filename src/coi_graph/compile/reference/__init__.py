"""The reference engines: rdflib loading and layers, owlrl reasoning, pySHACL validation, kept as oracles.

The equivalence tests (tests/compile/reason/test_equivalence.py, tests/compile/validate/test_equivalence.py,
tests/compile/reference/test_validate.py) and the benchmarks compare the compiled engines with these. The
product does not run them, with one exception: the pipeline falls back to owlrl when the compiled rules
cannot reproduce it (:func:`coi_graph.compile.pipeline.reason_store`). Nothing here imports a private name
of the engine.
"""
