"""Saved SPARQL queries: the library, typed parameters, the runner and output formats."""
