"""Tokens of a sentence, with their offsets: the units the extraction patterns are written over.

Words keep inner apostrophes ("Kata’ib", "Hay’at") and dotted abbreviations stay whole ("U.S.",
"Brig."); a possessive "’s" is a token of its own, and so is every punctuation mark, hyphens
included, so that "Iran-backed" is ``Iran`` ``-`` ``backed``. Each token knows whether a space
precedes it, which tells a compound ("Iran-backed") from a dash between clauses ("Iraq - the").
Tokenising is one regular-expression pass: linear in the length of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(
    r"(?P<abbr>(?:[A-Za-z]\.){2,}(?![A-Za-z]))"  # U.S. U.K. e.g.
    r"|(?P<poss>['’]s\b)"  # possessive 's
    r"|(?P<word>[^\W\d_]+(?:['’ʼ`](?!s\b)[^\W\d_]+)*)"  # words, with inner apostrophes
    r"|(?P<num>\d+(?:[.,:]\d+)*(?:st|nd|rd|th|s)?)"  # 60, 1.4, 2,000, 1980s, 47th
    r"|(?P<punct>[^\w\s])",
    re.UNICODE,
)


@dataclass(frozen=True, slots=True)
class Token:
    index: int
    start: int  # offsets in the text tokenised
    end: int
    text: str
    kind: str  # word, abbr, poss, num or punct
    space_before: bool

    @property
    def low(self) -> str:
        return self.text.lower().replace("’", "'")

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()

    @property
    def is_word(self) -> bool:
        return self.kind in ("word", "abbr")


def tokenise(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The tokens of ``text[start:end]``, with offsets into ``text``."""
    found: list[Token] = []
    stop = len(text) if end is None else end
    previous_end = start
    for match in _TOKEN.finditer(text, start, stop):
        kind = match.lastgroup or "punct"
        space = match.start() > previous_end or match.start() == start
        found.append(Token(len(found), match.start(), match.end(), match.group(0), kind, space))
        previous_end = match.end()
    return found
