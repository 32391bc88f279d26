"""Split a passage into sentences, with offsets, robust to text copied from the web.

A sentence ends at '.', '!' or '?' (with any closing quotes or brackets) when the next character
starts a new sentence: a capital letter, a digit or an opening quote, after whitespace or, as in
text pasted from web pages, directly after the full stop ("troops.The"). Abbreviations (U.S.,
e.g., Gen., Jan., pp.) and initials do not end sentences.
"""

from __future__ import annotations

import re

ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "maj", "sgt", "capt", "adm", "gov", "sen", "rep", "brig",
    "st", "no", "nos", "vs", "etc", "e.g", "i.e", "cf", "al", "pp", "p", "para", "paras", "fig", "vol", "ed",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "u.s", "u.k", "u.n", "e.u", "a.m", "p.m", "approx", "est", "inc", "ltd", "co", "corp",
}  # fmt: skip
_END = re.compile(r"[.!?]+[\"'”’)\]]*")
_GLUED_WORD = re.compile(r"[A-Z][a-z]{2,}\b(?![.\w])")
_OPENERS = "\"'“‘([«"
_NEXT = re.compile(r"\s*(\S)")
_LONGEST_ABBREVIATION = 12  # the walk back from a full stop stops here: linear time on any text


def _ends_abbreviation(text: str, dot: int) -> bool:
    """Whether the '.' at ``dot`` closes an abbreviation or an initial."""
    start = dot
    limit = max(0, dot - _LONGEST_ABBREVIATION)
    while start > limit and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    if start == limit and start > 0 and (text[start - 1].isalpha() or text[start - 1] == "."):
        return False  # a word longer than any abbreviation
    word = text[start:dot].lower()
    if not word:
        return False
    if len(word.replace(".", "")) == 1:  # an initial: "J. Smith", "U.S."
        return True
    return word in ABBREVIATIONS


def split(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text``, leading and trailing spaces excluded."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _END.finditer(text):
        end = match.end()
        following = text[end : end + 1]
        if end < len(text) and not following.isspace():
            # "troops.The": a capitalised word of three letters or more, not a name like "News.Az"
            glued = (match.group(0) == "." and text[match.start() - 1 : match.start()].islower()
                     and bool(_GLUED_WORD.match(text, end)))  # fmt: skip
            if not glued:
                continue
        if match.group(0).startswith(".") and _ends_abbreviation(text, match.start()):
            continue
        following_word = _NEXT.match(text, end)  # not text[end:].lstrip(): that copies the rest each time
        first = following_word.group(1) if following_word else ""
        if first and not (first.isupper() or first.isdigit() or first in _OPENERS):
            continue
        spans.append((start, end))
        start = end
    if text[start:].strip():
        spans.append((start, len(text)))
    trimmed = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            trimmed.append((a, b))
    return trimmed
