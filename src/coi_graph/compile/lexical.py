"""Whether a typed literal's lexical form is valid for its datatype: rdflib's check, made strict where
rdflib is lenient (it accepts the month 13 in an xsd:gYearMonth)."""

from __future__ import annotations

import re

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

_TIMEZONE = r"(Z|[+-]((0\d|1[0-3]):[0-5]\d|14:00))?"
_STRICT = {
    str(XSD.gYearMonth): re.compile(rf"-?([1-9]\d{{4,}}|\d{{4}})-(0[1-9]|1[0-2]){_TIMEZONE}"),
    str(XSD.gYear): re.compile(rf"-?([1-9]\d{{4,}}|\d{{4}}){_TIMEZONE}"),
}


def ill_typed(lexical: str, datatype: str) -> bool:
    """True if ``lexical`` is not a valid ``datatype`` value (an XSD datatype IRI)."""
    strict = _STRICT.get(datatype)
    if strict is not None and not strict.fullmatch(lexical):
        return True
    return Literal(lexical, datatype=URIRef(datatype)).ill_typed is True
