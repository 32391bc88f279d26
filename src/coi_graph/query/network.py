"""Does a SPARQL text reach other hosts? ``SERVICE`` (federated query) and ``LOAD`` (update).

The text is scanned the way the SPARQL 1.1 grammar tokenises it: strings, IRI references and
comments are blanked first, so a keyword mentioned inside them does not count. The token
patterns follow the grammar's productions exactly (``IRIREF`` excludes ``{ } " | ^ ` \\`` and
whitespace, a comment ends at a carriage return or a line feed), so nothing the parser reads as
code can hide inside what is blanked here.
"""

from __future__ import annotations

import re

# STRING_LITERAL_LONG1/2, STRING_LITERAL1/2, IRIREF and comments (SPARQL 1.1, section 19.8)
NOT_CODE = re.compile(
    r'"""[\s\S]*?"""'
    r"|'''[\s\S]*?'''"
    r'|"(?:[^"\\\n\r]|\\.)*"'
    r"|'(?:[^'\\\n\r]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'
    r"|#[^\r\n]*"
)
_NETWORK = re.compile(r"\b(SERVICE|LOAD)\b", re.IGNORECASE)


def code_of(text: str) -> str:
    """The query text with its strings, IRIs and comments blanked."""
    return NOT_CODE.sub(" ", text)


def network_keyword(text: str) -> str | None:
    """``SERVICE`` or ``LOAD`` if the query uses one, outside strings, IRIs and comments."""
    match = _NETWORK.search(code_of(text))
    return match.group(1).upper() if match else None
