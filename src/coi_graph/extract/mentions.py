"""Find the entities a text mentions, with character offsets into the text as read.

At each token the longest name of the gazetteer wins. A name that belongs to several entities is a
metonym when one is a place and another the government or state seated there ("Washington",
"Baghdad"): context decides, and is flagged when it cannot. Capitalised names that match nothing
are reported as candidates (``entity`` null): new actors and places for the analyst to add.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import asdict, dataclass, field

from coi_graph.extract.gazetteer import Gazetteer, Name, Token, punctuation, tokens
from coi_graph.extract.names import HEAD_TYPES

# verbs and auxiliaries that make the name before them an actor: "Washington said", "Baghdad agreed"
AGENCY = {
    "said", "says", "say", "told", "tells", "reached", "reaches", "agreed", "agrees", "announced", "announces",
    "warned", "warns", "accused", "accuses", "rejected", "rejects", "denied", "denies", "insisted", "insists",
    "claimed", "claims", "wants", "wanted", "demanded", "demands", "signed", "signs", "responded", "decided",
    "called", "calls", "urged", "urges", "condemned", "condemns", "welcomed", "welcomes", "did", "does", "has",
    "had", "have", "will", "would", "is", "was", "approved", "approves", "sent", "sends", "asked", "asks",
    "confirmed", "confirms", "declined", "plans", "planned", "threatened", "threatens", "struck", "launched",
}  # fmt: skip
PLACE_PREPOSITIONS = {"in", "to", "from", "near", "at", "into", "outside", "around", "across", "towards", "toward",
                      "via", "inside", "within", "of"}  # fmt: skip
NOT_NAMES = {
    "the", "a", "an", "in", "on", "at", "of", "and", "or", "but", "however", "moreover", "according", "after",
    "before", "since", "during", "while", "as", "by", "for", "from", "with", "this", "that", "these", "those",
    "he", "she", "it", "they", "we", "i", "his", "her", "its", "their", "our", "further", "soon", "other",
    "officials", "official", "there", "here", "when", "where", "what", "who", "if", "not", "no", "also", "then",
    "footnotes", "notes", "references", "sources", "please", "cite", "url", "pp", "para", "date",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
}  # fmt: skip
_SEGMENT_START = re.compile(r"(?:^|[|:\n“\"(–—]|\d\.)\s*$")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s*$")


@dataclass
class Mention:
    start: int
    end: int
    text: str
    entity: str | None
    label: str | None
    type: str | None
    wikidata: str | None
    score: float
    ambiguous: list[str] = field(default_factory=list)
    flag: str | None = None  # "metonym": a seat named for its government, and the context is not clear
    file: str = ""
    kind: str | None = None  # actor, facility, place, position or other; not in the record

    def record(self) -> dict[str, object]:
        """The JSON record; ``ambiguous`` and ``flag`` only when set."""
        data = asdict(self)
        order = ["file", "start", "end", "text", "entity", "label", "type", "wikidata", "score", "ambiguous", "flag"]
        return {k: data[k] for k in order if k not in ("ambiguous", "flag") or data[k]}


def _words_after(text: str, toks: list[Token], index: int, limit: int = 5) -> list[str]:
    return [t.key for t in toks[index : index + limit]]


def _context(text: str, toks: list[Token], first: int, last: int) -> str | None:
    """'place' after a place preposition ("in Baghdad"), 'actor' before a verb of agency ("Baghdad
    agreed", "Washington and Baghdad have reached"), else None."""
    before = toks[first - 1].key if first > 0 else ""
    if before in PLACE_PREPOSITIONS:
        return "place"
    following = _words_after(text, toks, last + 1, 4)
    # skip a coordinated name: "Washington and Baghdad reached ..."
    while following and (following[0] == "and" or (following[0] not in AGENCY and following[0][:1].isalpha()
                         and len(following) > 1 and following[1] in AGENCY | {"and"})):  # fmt: skip
        following = following[1:]
    if following and following[0] in AGENCY:
        return "actor"
    return None


def _resolve(
    names: list[Name], text: str, toks: list[Token], first: int, last: int
) -> tuple[list[Name], float, str | None]:
    """Choose among the entities of a name by context; (chosen, score, flag)."""
    entries = {n.entry.iri: n for n in names}
    if len(entries) == 1:
        name = next(iter(entries.values()))
        if not name.metonym:
            return [name], 1.0, None
        # a government named by its seat, with no place of that name in the registry
        if _context(text, toks, first, last) == "actor":
            return [name], 0.8, None
        return [name], 0.5, "metonym"
    places = [n for n in entries.values() if n.entry.kind in ("place", "facility")]
    actors = [n for n in entries.values() if n.entry.kind == "actor"]
    if places and actors and len(places) + len(actors) == len(entries):
        context = _context(text, toks, first, last)
        if context == "place":
            return places, 0.8, None
        if context == "actor":
            return actors, 0.8, None
        return list(entries.values()), 0.4, "metonym"
    return list(entries.values()), 0.4, None


def find(text: str, gazetteer: Gazetteer, *, candidates: bool = True, file: str = "") -> list[Mention]:
    toks = tokens(text)
    content = [i for i, t in enumerate(toks) if not t.article]
    mentions: list[Mention] = []
    covered: set[int] = set()
    position = 0
    while position < len(content):
        match = None
        for length in range(min(gazetteer.longest, len(content) - position), 0, -1):
            indices = content[position : position + length]
            key = tuple(toks[i].key for i in indices)
            names = gazetteer.lookup(key)
            if not names:
                continue
            surface = text[toks[indices[0]].start : toks[indices[-1]].end]
            names = [n for n in names if not n.acronym or surface == n.surface]
            if length > 1:  # no match across punctuation the name does not have: "Iraq; Prime Minister"
                gaps = tuple(punctuation(text[toks[a].end : toks[b].start]) for a, b in itertools.pairwise(indices))
                names = [n for n in names if n.gaps() == gaps]
            if length == 1 and not names:
                continue
            if (
                all(n.surface[:1].isupper() for n in names)
                and not surface[:1].isupper()
                and (length == 1 or toks[indices[0]].key in NOT_NAMES)
            ):
                continue  # a capitalised name does not match a lower-case word ("coalition", "at al-Tanf")
            if names:
                match = (indices, names)
                break
        if match is None:
            position += 1
            continue
        indices, names = match
        first = indices[0]
        if first > 0 and toks[first - 1].article and toks[first - 1].end >= toks[first].start - 1:
            first -= 1  # include "al-" in the mention
        start, end = toks[first].start, toks[indices[-1]].end
        chosen, score, flag = _resolve(names, text, toks, indices[0], indices[-1])
        surface = text[start:end]
        if len(chosen) == 1:
            name = chosen[0]
            exact = any(n.surface == surface for n in names if n.entry.iri == name.entry.iri)
            score = min(score, 1.0 if exact else 0.9)
            entry = name.entry
            mentions.append(Mention(start, end, surface, entry.iri, entry.label, entry.type, entry.wikidata, score,
                                    flag=flag, file=file, kind=entry.kind))  # fmt: skip
        else:
            mentions.append(Mention(start, end, surface, None, None, None, None, score,
                                    ambiguous=sorted({n.entry.iri for n in chosen}), flag=flag, file=file))  # fmt: skip
        covered.update(range(first, indices[-1] + 1))
        position += len(indices)
    if candidates:
        mentions.extend(_candidates(text, toks, covered, file, gazetteer))
    return sorted(mentions, key=lambda m: (m.start, m.end))


_SEGMENT_BREAK = re.compile(r"[;|\n]")
_LONG_WORD = re.compile(r"[^\W\d_]{4,}")


def _title_case(text: str, start: int, end: int) -> bool:
    """Whether the name stands in a title written in Title Case ("Pentagon Prepared Plans For Full
    Withdrawal"), as in footnotes: there every word is capitalised and nothing is a name by its case."""
    before = [m.end() for m in _SEGMENT_BREAK.finditer(text, max(0, start - 200), start)]
    after = _SEGMENT_BREAK.search(text, end, end + 200)
    segment = text[(before[-1] if before else max(0, start - 200)) : (after.start() if after else end + 200)]
    words = _LONG_WORD.findall(segment)
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.75 * len(words)


def _continues(toks: list[Token], k: int) -> bool:
    """Whether token ``k`` continues a capitalised name: capitalised, or an article before one."""
    if toks[k].raw[:1].isupper():
        return True
    return toks[k].article and k + 1 < len(toks) and toks[k + 1].raw[:1].isupper()


def _demonym(token: Token, gazetteer: Gazetteer) -> bool:
    """'Iraqi', 'Syrian', 'Iranian': an adjective of a place the gazetteer knows, not a new name."""
    key = token.key[:-1] if token.key.endswith("s") else token.key  # "Syrians", "Iraqis"
    for word in {key, token.key}:
        if gazetteer.lookup((word,)):
            return True
        for suffix in ("ian", "an", "n", "i", "ish", "ese"):
            stem = word[: -len(suffix)]
            if word.endswith(suffix) and len(stem) > 2 and gazetteer.lookup((stem,)):
                return True
    return False


# titles and ranks before a name are not part of it ("Defense Secretary Lloyd Austin", "Brig. Gen. Pat Ryder")
TITLES = {
    "president", "prime", "minister", "foreign", "defense", "defence", "secretary", "spokesman", "spokesperson",
    "spokeswoman", "commander", "chief", "general", "gen", "brig", "brigadier", "lt", "col", "colonel", "maj",
    "major", "admiral", "adm", "leader", "ambassador", "envoy", "king", "crown", "prince", "emir", "sheikh",
    "ayatollah", "mr", "mrs", "ms", "dr", "senator", "sen", "rep", "governor", "mayor", "interim", "former",
    "deputy", "vice", "supreme", "acting", "then", "director", "chairman", "head", "captain", "capt", "sgt",
    "lieutenant", "sergeant", "national", "security", "adviser", "advisor", "minister's", "representative",
    "special", "coordinator", "cleric", "imam", "speaker", "staff", "justice", "attorney", "senior", "ceo", "cfo",
    "chair", "founder", "editor", "correspondent", "reporter", "researcher", "fellow", "analyst",
}  # fmt: skip
# adjectives of faith, ethnicity and direction: capitalised, but not names of their own
NOT_NAME_WORDS = {
    "shiite", "shia", "shi'ite", "sunni", "kurdish", "kurd", "kurds", "arab", "arabs", "alawite", "alawites",
    "druze", "christian", "christians", "yazidi", "yazidis", "turkmen", "islamist", "islamists", "jihadist",
    "jihadists", "western", "eastern", "northern", "southern", "islamic", "muslim", "muslims", "jewish",
    "middle", "operation", "english", "arabic", "persian", "european", "african", "asian", "gulf", "levantine",
}  # fmt: skip
WEAPONS = {
    "drone",
    "drones",
    "missile",
    "missiles",
    "rocket",
    "rockets",
    "jet",
    "jets",
    "tank",
    "tanks",
    "system",
    "systems",
    "aircraft",
    "helicopter",
    "helicopters",
    "rifle",
    "rifles",
    "launcher",
    "launchers",
}
# the heads of the names of documents and texts, not of actors or places
DOCUMENT_HEADS = {
    "agreement",
    "agreements",
    "accord",
    "accords",
    "convention",
    "conventions",
    "treaty",
    "resolution",
    "act",
    "law",
    "protocol",
    "declaration",
    "memorandum",
    "charter",
    "constitution",
    "report",
    "update",
    "analysis",
    "developments",
    "cutoff",
    "license",
    "licence",
    "facts",
    "summary",
    "recommendations",
}
FORCE_NAMES = {
    "air",
    "force",
    "forces",
    "army",
    "navy",
    "marines",
    "marine",
    "corps",
    "special",
    "coast",
    "guard",
    "defense",
    "defence",
    "national",
}
CONNECTORS = {"of", "for", "de", "du", "bin", "ibn"}


def _candidates(text: str, toks: list[Token], covered: set[int], file: str, gazetteer: Gazetteer) -> list[Mention]:
    """Runs of capitalised words that match no entity, less the titles before a name."""
    found: list[Mention] = []
    i = 0
    while i < len(toks):
        token = toks[i]
        if i in covered or not token.raw[:1].isupper() or token.key in NOT_NAMES or token.raw.isdigit():
            i += 1
            continue
        j = i
        while j + 1 < len(toks) and j + 1 not in covered:
            gap = text[toks[j].end : toks[j + 1].start]
            if _continues(toks, j + 1) and gap in (" ", "-", " al-", "\u00a0"):
                j += 1
                continue
            connected = j + 2 < len(toks) and j + 2 not in covered and toks[j + 2].raw[:1].isupper()
            if (
                toks[j + 1].key in CONNECTORS
                and gap == " "
                and connected
                and (text[toks[j + 1].end : toks[j + 2].start] == " ")
            ):
                j += 2
                continue
            break
        run_start, run_end = i, j
        # "Brig. Gen. Pat Ryder", "Defense Secretary Lloyd Austin": titles are not part of the name
        organisation = HEAD_TYPES.get(toks[run_end].key, "") not in ("", "Person")
        while not organisation and run_start <= run_end and (toks[run_start].key.rstrip(".") in TITLES or (
            toks[run_start].key in ("of", "the") and run_start > i
        )):  # fmt: skip
            run_start += 1
        if run_end + 1 < len(toks) and toks[run_end + 1].key in WEAPONS:
            i = j + 1  # "an Iranian-made Shahed drone": a model, not an actor
            continue
        if run_start > run_end or toks[run_end].key in NOT_NAME_WORDS or any(c.isdigit() for c in toks[run_start].raw):
            i = j + 1  # "Multimillionaire Kurdish": names do not end in an adjective; "F35" is a model
            continue
        words = [t.key for t in toks[run_start : run_end + 1]]
        if words[-1] in DOCUMENT_HEADS or all(w in FORCE_NAMES for w in words):
            i = j + 1  # "the Disengagement Agreement": a document; "Air Force": a service, named with its state
            continue
        if toks[run_start].key == "operation":  # "Operation Peace Spring": an event, not an entity
            i = j + 1
            continue
        sentence_initial = run_start == 0 or bool(_SENTENCE_END.search(text[max(0, toks[run_start].start - 10) :
                                                                            toks[run_start].start]))  # fmt: skip
        sentence_initial = sentence_initial or bool(
            _SEGMENT_START.search(text[max(0, toks[run_start].start - 10) : toks[run_start].start])
        )
        before_name = run_end + 1 in covered and text[toks[run_end].end : toks[run_end + 1].start] == " "
        single = run_start == run_end
        if before_name or (single and (sentence_initial or len(toks[run_start].raw) < 3
                                       or _demonym(toks[run_start], gazetteer)
                                       or toks[run_start].key in NOT_NAME_WORDS)):  # fmt: skip
            i = j + 1
            continue
        start, end = toks[run_start].start, toks[run_end].end
        if not _title_case(text, start, end):
            found.append(Mention(start, end, text[start:end], None, None, None, None, 0.3, file=file))
        i = j + 1
    return found
