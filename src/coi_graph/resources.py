"""Locate the ontology and shapes that ship with the package.

In a wheel they live in ``coi_graph/_resources/``; in a source checkout (editable install)
they are the repository's ``ontology/`` and ``shapes/`` folders.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def _resource_dir(name: str) -> Path:
    packaged = _PACKAGE_DIR / "_resources" / name
    if packaged.is_dir():
        return packaged
    source_tree = _PACKAGE_DIR.parent.parent / name
    if source_tree.is_dir():
        return source_tree
    raise FileNotFoundError(f"coi-graph resource folder {name!r} not found; the installation is incomplete")


def ontology_path() -> Path:
    return _resource_dir("ontology") / "coi.ttl"


def shapes_dir() -> Path:
    return _resource_dir("shapes")


def shape_files() -> list[Path]:
    return sorted(shapes_dir().glob("*.ttl"))


def queries_dir() -> Path:
    return _resource_dir("queries")
