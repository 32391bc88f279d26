"""Names the registry lacks: new capitalised names with a guessed type, and unnamed actors.

Two components of the mention pipeline, after the gazetteer:

* **new names** (:func:`guess_type`): a run of capitalised words that matches no entity is proposed
  as a new entity. Its type is guessed from its head word ("... Dam", "... Airport", "... Council",
  "... Brigade"), from a title before it ("President X", "spokesman X": a person), or from the
  preposition before it ("in X": a place).
* **unnamed actors** (:func:`unnamed_actors`): noun phrases that name an actor by description,
  written as the field writes them: "Iran-backed militants", "pro-Iran fighters" (a group, backed by
  the state the modifier names), "an Iraqi official", "a senior Turkish military official" (a
  person), "Iraqi security officials" (a body). The entity is named by the phrase; the state in the
  modifier stays a mention of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coi_graph.extract import lexicon
from coi_graph.extract.lexicon import words
from coi_graph.extract.tokens import Token

# head words of new names, and the type they give (a devset-neutral, general list of English heads)
HEAD_TYPES: dict[str, str] = {}
for _type, _heads in {
    "MilitaryBase": "base garrison airbase outpost camp barracks",
    "Airport": "airport",
    "OilField": "oilfield field fields",
    "Region": "dam bridge crossing valley mountain mountains mount ocean sea gulf river lake desert plain "
    "plains heights island peninsula strait border zone corridor highway road canal consulate embassy "
    "hospital prison district province region countryside governorate",
    "Government": "ministry department council presidency government administration command cabinet "
    "parliament assembly agency service directorate office court committee commission authority "
    "house kremlin pentagon",
    "NonStateArmedGroup": "army forces force brigade brigades division front units unit battalion regiment "
    "militia militias resistance movement guards corps party group mobilization mobilisation hezbollah "
    "legion squadron commandos",
    "Organisation": "association initiative organization organisation foundation institute observatory "
    "network union league coalition alliance center centre project society federation fund committee "
    "programme program bank company corporation waves",
    "MediaOutlet": "news tv television radio fm agency times post press daily herald tribune journal "
    "gazette network channel telegraph guardian monitor observer",
}.items():
    for _head in _heads.split():
        HEAD_TYPES.setdefault(_head, _type)

INFRASTRUCTURE = words(
    "dam bridge crossing consulate embassy hospital prison airport base garrison airbase "
    "port refinery field oilfield station checkpoint camp"
)
PERSON_TITLES = words(
    "president minister spokesman spokesperson spokeswoman commander general gen brig "
    "colonel col secretary ambassador envoy leader chief king prince emir sheikh "
    "ayatollah mr mrs ms dr senator sen rep governor mayor adviser advisor director "
    "chairman head premier lieutenant captain major admiral sergeant cleric journalist "
    "analyst researcher"
)
SPEECH_AFTER = words(
    "said says told stated added noted warned announced explained wrote tweeted declared "
    "stressed emphasized emphasised confirmed"
)
# lower-case class nouns after a name, and the type they give it
CLASS_TYPES: dict[str, str] = {
    **dict.fromkeys(words("militia militias group faction brigade brigades battalion rebels insurgents"),
                    "NonStateArmedGroup"),
    **dict.fromkeys(words("oilfield oilfields field fields gasfield"), "OilField"),
    **dict.fromkeys(words("base bases airbase outpost camp"), "MilitaryBase"),
}  # fmt: skip
PLACE_BEFORE = words(
    "in near at from to into towards toward outside inside around across village town city "
    "province governorate district of"
)


def guess_type(words: list[str], before: list[str], after: list[str]) -> str:
    """A type for a new name from its words and the lower-cased words around it."""
    head = words[-1].lower().rstrip(".")
    if head in HEAD_TYPES:
        return HEAD_TYPES[head]
    # a lower-case class noun after the name, or after a name coordinated with it: "the Liwa al-Fajr
    # militia", "the Tawke and Peshkabir oilfields"
    following = after[2:3] if after[:1] == ["and"] else after[:1]
    if following and following[0] in CLASS_TYPES:
        return CLASS_TYPES[following[0]]
    first = words[0].lower().rstrip(".")
    if first in ("mount", "lake", "cape", "port", "wadi", "jabal", "jebel"):
        return "Region"
    if any(w.lower().rstrip(".") in PERSON_TITLES for w in before[-2:]) or (
        after[:1] and after[0] in SPEECH_AFTER and len(words) >= 2
    ):
        return "Person"
    if before[-1:] and before[-1] in PLACE_BEFORE and before[-1] != "of":
        return "City"
    if before[-2:-1] and before[-2] in ("village", "town", "city") and before[-1] == "of":
        return "City"
    if len(words) >= 2 and all(w[:1].isupper() and w[1:].islower() for w in words) and len(words) <= 3:
        return "Person" if after[:1] and after[0] in SPEECH_AFTER else "Organisation"
    return "Organisation"


@dataclass(frozen=True)
class Unnamed:
    """An actor named by description: the phrase's offsets, its label, category and the span of the
    mention (the head noun for a group, the whole phrase for a person), and the backer, if any."""

    start: int  # the whole phrase
    end: int
    label: str
    category: str  # person, government or group
    mention_start: int
    mention_end: int
    backer_token: int | None  # the index of the token of the state in "Iran-backed", "pro-Iran"
    rule: str


BACKING = words(
    "backed supported sponsored funded aligned allied affiliated linked led controlled armed trained financed run loyal"
)
SUPPORTING = frozenset({"backed", "supported", "sponsored", "funded", "armed", "trained", "financed"})
_GROUP_HEADS = lexicon.GROUP_NOUNS - {"armed", "members", "elements", "units", "organizations", "organisations",
                                      "organization", "organisation", "movement", "movements", "networks",
                                      "cells", "group"} | {"groups"}  # fmt: skip
_PERSON_HEADS = words(
    "official spokesman spokesperson spokeswoman diplomat commander officer source envoy ambassador minister"
)
_BODY_HEADS = frozenset({"officials", "delegation", "authorities"})


def _is_state(category: str | None) -> bool:
    return category in ("state", "country", "government", "group", "organisation")


DIRECTIONS = words(
    "northern southern eastern western northeastern northwestern southeastern southwestern "
    "central north south east west northeast northwest southeast southwest north-east "
    "north-west south-east south-west upper lower"
)
POLITICAL = words(
    "regime government opposition rebel kurdish shiite shia sunni tribal arab islamist "
    "jihadist assad pro-government pro-regime loyalist insurgent armed militant"
)
POLITICAL_HEADS = words(
    "loyalists remnants militias militia fighters forces rebels insurgents militants gunmen factions tribes cells"
)


@dataclass(frozen=True)
class Directional:
    """ "eastern Syria", "northern Iraq": a region of a place the text names with a direction."""

    start: int
    end: int
    label: str
    place_token: int  # the index of the place's first token


def directional_regions(tokens: list[Token], mention_at: dict[int, tuple[int, str]]) -> list[Directional]:
    found: list[Directional] = []
    for i, token in enumerate(tokens[:-1]):
        if token.low not in DIRECTIONS or (i > 0 and tokens[i - 1].text == "-" and not token.space_before):
            continue
        if i + 1 in mention_at and mention_at[i + 1][1] in ("state", "country", "admin", "region", "city"):
            last = mention_at[i + 1][0]
            found.append(Directional(tokens[i].start, tokens[last].end, _join(tokens[i : last + 1]), i + 1))
    return found


def borders(tokens: list[Token], mention_at: dict[int, tuple[int, str]]) -> list[Directional]:
    """ "the Syria-Türkiye border", "the Israeli-Syrian border": a border named by the two sides."""
    found: list[Directional] = []
    for i in mention_at:
        last = mention_at[i][0]
        if last + 3 >= len(tokens) + 1 or mention_at[i][1] not in ("state", "country", "admin", "region", "city"):
            continue
        if last + 2 < len(tokens) and tokens[last + 1].text in ("-", "–") and last + 2 in mention_at:
            other_last = mention_at[last + 2][0]
            if other_last + 1 < len(tokens) and tokens[other_last + 1].low in ("border", "frontier", "boundary",
                                                                              "borders", "crossing"):  # fmt: skip
                end = other_last + 1
                found.append(Directional(tokens[i].start, tokens[end].end, _join(tokens[i : end + 1]), i))
    return found


def unnamed_actors(tokens: list[Token], mention_at: dict[int, tuple[int, str]]) -> list[Unnamed]:
    """Unnamed actors in a sentence. ``mention_at`` maps the index of a token that starts a mention
    to (index of its last token, category)."""
    found: list[Unnamed] = []
    n = len(tokens)
    i = 0
    while i < n:
        made = _backed_group(tokens, mention_at, i) or _official(tokens, mention_at, i) or _political_group(tokens, i)
        if made is None:
            i += 1
            continue
        found.append(made)
        i = next((k for k in range(i, n) if tokens[k].start >= made.end), n)
    return found


def _backed_group(tokens: list[Token], mention_at: dict[int, tuple[int, str]], i: int) -> Unnamed | None:
    """ "Iran-backed militants", "Iran-backed armed groups", "pro-Iran fighters", "pro-Syrian government
    forces", "HTS-affiliated forces": a modifier naming a state or group, then a group noun."""
    n = len(tokens)
    backer: int | None = None
    rule = ""
    if tokens[i].low == "pro" and i + 2 < n and tokens[i + 1].text == "-" and not tokens[i + 1].space_before:
        if i + 2 in mention_at:
            backer, j, rule = i + 2, mention_at[i + 2][0] + 1, "pro-X group"
        else:
            return None
    elif i in mention_at and mention_at[i][1] in ("state", "country", "government", "group", "organisation"):
        last = mention_at[i][0]
        if last + 2 < n and tokens[last + 1].text == "-" and not tokens[last + 1].space_before:
            word = tokens[last + 2].low
            if word in BACKING:
                backer, j, rule = i, last + 3, f"X-{word} group"
            else:
                return None
        else:
            return None
    else:
        return None
    # optional adjectives, then a group noun; a comma-separated second modifier ("Iran-backed,
    # U.S.-designated Kata'ib Hezbollah") is a name, not an unnamed group
    k = j
    while k < n and tokens[k].low in lexicon.GROUP_ADJECTIVES | {"government", "regime", "shiite", "armed"}:
        k += 1
    if k < n and tokens[k].low in _GROUP_HEADS and not tokens[k].capitalised:
        head = k
        while head + 1 < n and tokens[head + 1].low in _GROUP_HEADS and not tokens[head + 1].capitalised:
            head += 1
        start = tokens[i].start
        label_tokens = tokens[i : head + 1]
        label = _join(label_tokens)
        return Unnamed(start, tokens[head].end, label, "group", tokens[head].start, tokens[head].end, backer, rule)
    return None


def _political_group(tokens: list[Token], i: int) -> Unnamed | None:
    """ "former regime loyalists", "Kurdish forces", "Shiite militias": a political or communal
    descriptor and a group noun, named by the phrase."""
    n = len(tokens)
    if i > 0 and (tokens[i - 1].low in POLITICAL or tokens[i - 1].low == "former" or tokens[i - 1].text == "-"):
        return None  # inside a longer phrase: it starts earlier
    k = i
    if tokens[k].low in ("former", "ex"):
        k += 1
    descriptors = 0
    while k < n and tokens[k].low in POLITICAL and descriptors < 3:
        descriptors += 1
        k += 1
    if descriptors == 0 or k >= n or tokens[k].low not in POLITICAL_HEADS or (tokens[k].capitalised and k > i):
        return None
    if tokens[i].low in ("armed", "militant") and descriptors == 1:
        return None  # "armed groups" alone names nobody
    start = tokens[i].start
    return Unnamed(start, tokens[k].end, _join(tokens[i : k + 1]), "group", start, tokens[k].end, None,
                   "political group")  # fmt: skip


_NOT_NAMING = words("unspecified unnamed anonymous unidentified two three several some an a the")


def _official(tokens: list[Token], mention_at: dict[int, tuple[int, str]], i: int) -> Unnamed | None:
    """ "an Iraqi official", "a senior Turkish official", "senior Iranian military official", "Iraqi
    security officials", "a U.S. official": [rank]* STATE [domain]* HEAD, with no name after it. Words
    that say the person is not named ("unspecified", "anonymous") are not part of the label."""
    n = len(tokens)
    if tokens[i].low in _NOT_NAMING:
        return None  # the phrase starts after them
    k = i
    while (
        k < n
        and not tokens[k].capitalised
        and (tokens[k].low in lexicon.RANK_ADJECTIVES or (tokens[k].text == "-" and k > i))
    ):
        k += 1
    if k >= n or k not in mention_at or not _is_state(mention_at[k][1]):
        return None
    last = mention_at[k][0]
    m = last + 1
    domain = []
    while m < n and tokens[m].low in lexicon.DOMAIN_ADJECTIVES and not tokens[m].capitalised:
        domain.append(tokens[m].low)
        m += 1
    if m >= n or tokens[m].capitalised:
        return None
    head = tokens[m].low
    following = tokens[m + 1] if m + 1 < n else None
    if following is not None and following.capitalised and following.kind == "word" and following.space_before:
        return None  # "Iraqi official Ahmed X": a named person
    start = tokens[i].start
    if head in _PERSON_HEADS:
        return Unnamed(start, tokens[m].end, _join(tokens[i : m + 1]), "person", start, tokens[m].end, None,
                       "unnamed official")  # fmt: skip
    if head in _BODY_HEADS and (domain or head != "officials"):
        return Unnamed(start, tokens[m].end, _join(tokens[i : m + 1]), "government", start, tokens[m].end, None,
                       "unnamed officials")  # fmt: skip
    return None


def _join(tokens: list[Token]) -> str:
    text = ""
    for token in tokens:
        text += (" " if text and token.space_before else "") + token.text
    return re.sub(r"^(?:an?|the)\s+", "", text, flags=re.IGNORECASE)
