"""Does a SPARQL text reach other hosts? ``SERVICE`` (federated query) and ``LOAD`` (update).

Oxigraph's parser reads a keyword wherever its letters stand, also glued to the tokens around it
(``SERVICESILENT<…>``, ``1SERVICE <…>``, ``SERVICEe:x {…}``). So the check does not look for whole
words: it blanks what cannot hold code (strings, IRI references, comments, escapes such as ``\\#``
in a prefixed name, variables) and then refuses the query if ``SERVICE`` or ``LOAD`` stands anywhere
in the rest, in any case. A prefixed name that contains those letters (``ex:download``) is refused
too: write that IRI in full. The token patterns follow the SPARQL 1.1 grammar (``IRIREF`` excludes
``{ } " | ^ ` \\`` and whitespace; a comment ends at a carriage return or a line feed).
"""

from __future__ import annotations

import re

# escapes first (a '\#' or "\'" in a prefixed name starts neither a comment nor a string), then
# STRING_LITERAL_LONG1/2, STRING_LITERAL1/2, IRIREF, comments and variables (SPARQL 1.1, section 19.8)
NOT_CODE = re.compile(
    r"\\."
    r'|"""[\s\S]*?"""'
    r"|'''[\s\S]*?'''"
    r'|"(?:[^"\\\n\r]|\\.)*"'
    r"|'(?:[^'\\\n\r]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'
    r"|#[^\r\n]*"
    r"|[?$]\w+"
)
_NETWORK = re.compile(r"SERVICE|LOAD", re.IGNORECASE)


def code_of(text: str) -> str:
    """The query text with its strings, IRIs, comments, escapes and variables blanked."""
    return NOT_CODE.sub(" ", text)


def network_keyword(text: str) -> str | None:
    """``SERVICE`` or ``LOAD`` if the query may use one: the letters anywhere outside strings, IRIs,
    comments and variables."""
    match = _NETWORK.search(code_of(text))
    return match.group(0).upper() if match else None
