"""coi-graph: Country-of-Origin-Information documents as a traceable knowledge graph."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("coi-graph")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"

__all__ = ["__version__"]
