"""Typed query parameters, checked and turned into RDF terms.

Values never become query text: each is parsed into an Oxigraph term of its declared type and
bound through a ``VALUES`` block written from that term, so a value such as ``} ; DROP ALL``
is either rejected (it is not an IRI, a date, a QID or a number) or bound as a harmless literal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox

from coi_graph.namespaces import PREFIXES

XSD = "http://www.w3.org/2001/XMLSchema#"
TYPES = ("iri", "date", "qid", "integer", "decimal", "string")
MAX_STRING = 1000

_PREFIXED = re.compile(r"^(?P<prefix>[A-Za-z][\w.-]*)?:(?P<local>[^\s<>\"{}|^`\\]*)$")
_ABSOLUTE = re.compile(r"^(?:https?|urn):[^\s<>\"{}|^`\\]+$")
_QID = re.compile(r"^Q[1-9][0-9]*$")


class ParameterValueError(ValueError):
    """A value that is not of the parameter's type; the message says what was expected."""


@dataclass(frozen=True)
class Param:
    """A declared parameter of a saved query."""

    name: str
    type: str
    required: bool = False
    default: str | None = None
    example: str | None = None
    description: str = ""

    def describe(self) -> str:
        parts = [self.type, "required" if self.required else "optional"]
        if self.default is not None:
            parts.append(f"default {self.default}")
        if self.example is not None:
            parts.append(f"e.g. {self.example}")
        return ", ".join(parts)


def expand_iri(text: str) -> str:
    """``ent:usa``, ``<https://…>`` or ``https://…`` to an absolute IRI string."""
    value = text.strip()
    if value.startswith("<") and value.endswith(">"):
        value = value[1:-1]
    if _ABSOLUTE.match(value):
        return value
    match = _PREFIXED.match(value)
    if match and (match["prefix"] or "") in PREFIXES:
        return PREFIXES[match["prefix"] or ""] + match["local"]
    known = ", ".join(sorted(PREFIXES))
    raise ParameterValueError(
        f"{text!r} is not an IRI: write ent:usa, doc:…, or a full https:// IRI (prefixes: {known})"
    )


def to_term(param_type: str, text: str) -> ox.NamedNode | ox.Literal:
    """Parse ``text`` as a value of ``param_type``."""
    if param_type == "iri":
        try:
            return ox.NamedNode(expand_iri(text))
        except ValueError as exc:
            raise ParameterValueError(str(exc)) from exc
    if param_type == "date":
        try:
            return ox.Literal(date.fromisoformat(text.strip()).isoformat(), datatype=ox.NamedNode(XSD + "date"))
        except ValueError as exc:
            raise ParameterValueError(f"{text!r} is not a date: write YYYY-MM-DD, e.g. 2024-12-08") from exc
    if param_type == "qid":
        if not _QID.match(text.strip()):
            raise ParameterValueError(f"{text!r} is not a Wikidata QID: write Q followed by digits, e.g. Q858")
        return ox.Literal(text.strip())
    if param_type == "integer":
        if not re.fullmatch(r"[+-]?\d{1,18}", text.strip()):
            raise ParameterValueError(f"{text!r} is not a whole number")
        return ox.Literal(str(int(text)), datatype=ox.NamedNode(XSD + "integer"))
    if param_type == "decimal":
        try:
            number = Decimal(text.strip())
        except InvalidOperation as exc:
            raise ParameterValueError(f"{text!r} is not a number") from exc
        if not number.is_finite():
            raise ParameterValueError(f"{text!r} is not a finite number")
        return ox.Literal(str(number), datatype=ox.NamedNode(XSD + "decimal"))
    if param_type == "string":
        if len(text) > MAX_STRING:
            raise ParameterValueError(f"the text is longer than {MAX_STRING} characters")
        return ox.Literal(text)
    raise ParameterValueError(f"unknown parameter type {param_type!r}; types are {', '.join(TYPES)}")


def values_block(params: list[Param], terms: dict[str, ox.NamedNode | ox.Literal]) -> str:
    """A SPARQL ``VALUES`` row binding every declared parameter (UNDEF when not given).

    Terms are written in their N-Triples form by Oxigraph, which escapes them; IRIs were
    validated when they were parsed.
    """
    if not params:
        return ""
    names = " ".join(f"?{p.name}" for p in params)
    row = " ".join(str(terms[p.name]) if p.name in terms else "UNDEF" for p in params)
    return f"VALUES ({names}) {{ ({row}) }}"
