"""The library of saved queries: ``queries/*.rq``, each with a header.

Header lines come first, as SPARQL comments::

    # title: Who is present or stationed where
    # question: Which actors are present or stationed at which places, when, and on whose word?
    # param actor: iri, optional, example ent:us-armed-forces — only this actor
    # param from: date, optional, example 2024-12-01 — only claims that reach this date
    # network: required          (only for queries that call other endpoints with SERVICE)

A ``param`` line gives the name, then the type (iri, date, qid, integer, decimal, string), then
``required`` or ``optional``, ``default VALUE`` and ``example VALUE``, then ``—`` and what it does.
The query binds its parameters where it has a line ``#@parameters``: the runner replaces that
line with a ``VALUES`` block, so each parameter is the variable of the same name, unbound when
the parameter is not given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from coi_graph.errors import CoiGraphError, InputError, Location
from coi_graph.query.params import TYPES, Param, ParameterValueError, to_term, values_block

MARKER = "#@parameters"
_HEADER = re.compile(
    r"^#\s*(?P<key>title|question|param|network)(?:\s+(?P<name>[A-Za-z][A-Za-z0-9_]*))?\s*:\s*(?P<value>.*?)\s*$"
)
_NAME = re.compile(r"^[a-z][a-z0-9-]*$")


class QueryError(CoiGraphError):
    """A problem with a query or its parameters (exit code 2)."""


@dataclass(frozen=True)
class SavedQuery:
    name: str
    path: Path
    title: str
    question: str
    params: list[Param] = field(default_factory=list)
    text: str = ""
    needs_network: bool = False

    def bind(self, given: dict[str, str]) -> str:
        """The query text with its parameters bound; errors name the query and the parameter."""
        declared = {p.name: p for p in self.params}
        unknown = sorted(set(given) - set(declared))
        if unknown:
            names = ", ".join(declared) or "none"
            raise QueryError(f"query {self.name!r} has no parameter {unknown[0]!r}", hint=f"its parameters: {names}")
        terms = {}
        for param in self.params:
            text = given.get(param.name, param.default)
            if text is None:
                if param.required:
                    raise QueryError(
                        f"query {self.name!r} needs the parameter {param.name!r} ({param.describe()})",
                        hint=f"add --param {param.name}={param.example or '…'}",
                    )
                continue
            try:
                terms[param.name] = to_term(param.type, text)
            except ParameterValueError as exc:
                raise QueryError(f"query {self.name!r}, parameter {param.name!r}: {exc}") from exc
        return self.text.replace(MARKER, values_block(self.params, terms))


def _parse_param(path: Path, line_number: int, name: str, spec: str) -> Param:
    description = ""
    for dash in (" — ", " -- "):
        if dash in spec:
            spec, description = spec.split(dash, 1)
            break
    parts = [p.strip() for p in spec.split(",") if p.strip()]
    if not parts or parts[0] not in TYPES:
        raise InputError(
            Location(path, line_number),
            f"parameter {name!r} has no type",
            hint=f"write '# param {name}: TYPE, optional — what it does' with TYPE one of {', '.join(TYPES)}",
        )
    required, default, example = False, None, None
    for part in parts[1:]:
        if part == "required":
            required = True
        elif part == "optional":
            required = False
        elif part.startswith("default "):
            default = part[len("default ") :].strip()
        elif part.startswith("example "):
            example = part[len("example ") :].strip()
        else:
            raise InputError(Location(path, line_number), f"parameter {name!r}: unknown attribute {part!r}")
    for value in (default, example):
        if value is not None:
            try:
                to_term(parts[0], value)
            except ParameterValueError as exc:
                raise InputError(Location(path, line_number), f"parameter {name!r}: {exc}") from exc
    return Param(name, parts[0], required, default, example, description.strip())


def parse_query_file(path: Path) -> SavedQuery:
    text = path.read_text(encoding="utf-8")
    name = path.stem
    if not _NAME.match(name):
        raise InputError(Location(path), f"query name {name!r}: use lower-case letters, digits and '-'")
    title = question = ""
    params: list[Param] = []
    needs_network = False
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("#"):
            break
        match = _HEADER.match(line)
        if not match:
            continue
        key, value = match["key"], match["value"]
        if key == "title":
            title = value
        elif key == "question":
            question = value
        elif key == "network":
            needs_network = value == "required"
        elif key == "param":
            if not match["name"]:
                raise InputError(Location(path, number), "a '# param' line needs a name: '# param NAME: TYPE, …'")
            params.append(_parse_param(path, number, match["name"], value))
    if not title or not question:
        raise InputError(Location(path, 1), "the query header needs '# title:' and '# question:' lines")
    if params and MARKER not in text:
        raise InputError(Location(path), f"the query declares parameters but has no '{MARKER}' line to bind them")
    return SavedQuery(name, path, title, question, params, text, needs_network)


def load_library(folder: Path) -> dict[str, SavedQuery]:
    return {q.name: q for q in (parse_query_file(p) for p in sorted(folder.glob("*.rq")))}


def get(library: dict[str, SavedQuery], name: str) -> SavedQuery:
    if name not in library:
        close = [n for n in library if name in n or n in name]
        hint = f"did you mean {close[0]!r}? " if close else ""
        raise QueryError(f"unknown query {name!r}", hint=f"{hint}'coi-graph query list' shows them all")
    return library[name]
