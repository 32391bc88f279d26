"""Parser for news articles: a first line `` date YYYY-MM-DD Title`` followed by paragraphs.

The lead (the first paragraph that is not a byline, a heading or a dateline on its own) says where the
article was written and whose copy it is. Its dateline, the place names before a dash, a colon or an
agency in brackets at its very start ("BAGHDAD (Reuters) -", "Dubai/Baghdad:", "GOLAN HEIGHTS —", or
"DAMASCUS" alone on the line before), goes in ``ParsedDocument.dateline``. An outlet or agency named
there ("Shafaq News/ …", "(AFP) —", "…, AFP reported.", "according to Reuters" in the first sentence)
is the article's attribution, unless a chain "X reports citing Y" ending with the same name says more.
"""

from __future__ import annotations

import re

from coi_graph.documents import generic, sentences
from coi_graph.documents.dates import MONTHS, WEEKDAYS, TimeValue
from coi_graph.documents.model import Attribution, ParsedDocument, Passage
from coi_graph.documents.text import blocks, lines

FORMAT = "news"

HEADER = re.compile(r"^\s*date\s+(?P<date>\d{4}-\d{2}-\d{2})\s+(?P<title>\S(?:.*\S)?)\s*$")  # linear: not \S.*?\s*$
_NAME = r"[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,4}"
# 'News.Az reports citing foreign media', 'AFP reported, citing officials'
REPORTS_CITING = re.compile(
    rf"(?P<reporter>{_NAME})\s+(?:reports|reported|said|says|writes|wrote),?\s+citing\s+(?P<origin>[^.,;:\"“”]+)"
)
# 'officials quoted by Reuters', 'two officials quoted as saying by NBC News'; at most twelve words such as "two" or
# "senior" before them, taken whole (unbounded, the search read a long run of them again from each: quadratic time)
QUOTED_BY = re.compile(
    rf"(?P<origin>(?:(?:two|three|several|some|senior|unnamed|anonymous)\s+){{0,12}}+[\w\s-]{{0,40}}?(?:officials?|sources?|"
    rf"diplomats?|residents?|witnesses|spokesm[ae]n))\s+(?:were\s+|was\s+)?(?:quoted|cited)(?:\s+as\s+saying)?\s+"
    rf"by\s+(?P<reporter>{_NAME})"
)


_UPPER = "A-ZÀ-ÖØ-Þ"
_CAPITALISED = rf"[{_UPPER}][\w'’.]*"  # "Baghdad", "GOLAN", "U.S."; a hyphen joins two words, never inside one
_PARTICLE = r"(?:al|el|ad|ar|as|ash|at|az|ez|ed|es|de|du|des|del|la|le|les|of|the|upon|on|bin|ibn|abu)"
# a place name as datelines write it: one to four capitalised words, "Al-Hasakah", "Deir ez-Zor", "GOLAN HEIGHTS"
# (each piece of text has one way to match: no backtracking that grows with the text)
PLACE = re.compile(rf"{_CAPITALISED}(?:(?:\s+|-)(?:{_PARTICLE}(?:\s+|-))?{_CAPITALISED}){{0,3}}")
_AGENCY = r"[^\W\d_][\w.&'’ -]{0,40}?"  # "Reuters", "AP", "SANA", "dpa", "Kurdistan 24"
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_SEPARATOR = r"(?:[—–]+|-+(?=\s)|:)"
DATELINE = re.compile(
    rf"(?P<places>{PLACE.pattern}(?:\s*/\s*{PLACE.pattern}|,\s+{PLACE.pattern}){{0,3}})"
    rf"(?:,\s*(?i:{_MONTH})\.?\s+\d{{1,2}}(?:,\s*\d{{4}})?)?"  # "WASHINGTON, Jan 5 (Reuters) -"
    rf"\s*(?:\((?P<agency>{_AGENCY})\)\s*{_SEPARATOR}?|{_SEPARATOR})",
)
AGENCY_LEAD = re.compile(rf"\((?P<agency>{_AGENCY})\)\s*{_SEPARATOR}")  # "(AFP) — …"
# "Shafaq News/ Baghdad …": an outlet before a slash that a space follows (or whose name says it is one)
_OUTLET_WORD = rf"(?:[{_UPPER}][\w'’.&-]*|[0-9]+)"  # "Al-Monitor", "24"
OUTLET = re.compile(rf"(?P<outlet>{_OUTLET_WORD}(?:\s+{_OUTLET_WORD}){{0,4}})\s*/(?P<space>\s*)")
_MEDIA_WORDS = {"news", "agency", "press", "post", "times", "tv", "network", "radio", "today", "daily", "herald",
                "journal", "tribune", "telegraph", "gazette", "wire", "media", "observer", "monitor",
                "online"}  # fmt: skip
# not places, though a lead may start with them: labels of the copy, people's titles, days and months
_NOT_PLACES = {"breaking", "update", "updated", "exclusive", "watch", "live", "analysis", "opinion", "editorial",
               "video", "photos", "photo", "explainer", "factbox", "timeline", "correction", "note", "urgent",
               "flash", "alert", "interview", "comment", "feature", "special", "summary", "file", "read", "more",
               "latest", "developments", "news", "report", "president", "minister", "prime", "mr", "mrs", "ms",
               "dr", "sheikh", "king", "prince", "general", "gen", "commander", "spokesman", "spokesperson",
               "secretary", "senator", "ambassador", "by", "the", "and", "but", "he", "she", "it", "they", "we",
               "this", "that", "there"} | set(MONTHS) | set(WEEKDAYS)  # fmt: skip
_WORD = r"(?:[A-Z][\w.&'’-]*|[0-9]+)"
_NAME_OF = rf"{_WORD}(?:\s+(?:(?:for|of|the|and|on|in|de|al)\s+)*{_WORD}){{0,7}}"  # "Institute for the Study of War"
# "…, AFP reported.", "The Syrian Observatory for Human Rights reported …", "according to Reuters, …"
REPORTED = re.compile(rf"(?:^|[,;:—–(]\s*)(?:[Tt]he\s+)?(?P<name>{_NAME_OF})\s+(?:has\s+)?(?:reported|reports)\b")
ACCORDING_TO = re.compile(rf"\baccording\s+to\s+(?:the\s+)?(?P<name>{_NAME_OF})(?=\s*(?:[,;:)]|\.\s*$|$))")
# capitalised at the start of a sentence, but no names: "Officials reported …"
_NOT_NAMES = {"officials", "sources", "witnesses", "residents", "activists", "media", "observers", "reports",
              "analysts", "journalists", "reporters", "authorities", "police", "doctors", "medics", "monitors",
              "locals", "militants", "rebels", "it", "they", "he", "she", "we", "this", "that", "these", "those",
              "others", "many", "some", "several", "both", "all", "state", "local", "government",
              "officers"}  # fmt: skip
BYLINE = re.compile(r"^\s*(?:By|BY)\s+\S")


def looks_like(content: str) -> bool:
    first = next((line.text for line in lines(content) if line.text.strip()), "")
    return bool(HEADER.match(first))


def parse(content: str) -> ParsedDocument:
    document = ParsedDocument(format=FORMAT)
    all_lines = list(lines(content))
    header_index = next((i for i, line in enumerate(all_lines) if line.text.strip()), None)
    if header_index is None:
        document.warnings.append("the article is empty")
        return document
    header = HEADER.match(all_lines[header_index].text)
    if header is None:
        document.warnings.append(
            f"line {all_lines[header_index].number}: expected ' date YYYY-MM-DD Title' on the first line"
        )
    else:
        try:
            document.date = TimeValue.from_lexical(header["date"])
        except ValueError:
            document.warnings.append(f"line {all_lines[header_index].number}: impossible date {header['date']!r}")
        document.title = header["title"]
    body = all_lines[header_index + 1 :] if header else all_lines
    for ordinal, block in enumerate(blocks(body), start=1):
        text = content[block.start : block.end]
        document.passages.append(
            Passage(
                ordinal=ordinal,
                text=text,
                start=block.start,
                end=block.end,
                line=block.first_line,
                sentences=tuple(sentences.split(text)),
            )
        )
    chain = None
    for passage in document.passages:
        match = _attribution(passage)
        if match:
            chain = Attribution(names=(match["origin"].strip(), match["reporter"].strip()), phrase=match.group(0))
            break
    lead = _lead(document)
    if lead is not None and (chain is None or chain.names[-1].casefold() != lead.names[0].casefold()):
        document.attribution = lead
    else:
        document.attribution = chain
    return document


def _places(text: str, offset: int) -> list[tuple[str, int, int]]:
    """The place names of a dateline's text with their file offsets, or [] when one is no place."""
    found = [(m.group(0), offset + m.start(), offset + m.end()) for m in PLACE.finditer(text)]
    words = [word.casefold().strip(".") for name, _, _ in found for word in re.split(r"[\s-]+", name)]
    return [] if not found or any(word in _NOT_PLACES for word in words) else found


def _starts_sentence(text: str, position: int) -> bool:
    """Whether the text after a dateline's separator starts a sentence: a capital, a digit or a quote."""
    rest = text[position:].lstrip()
    return bool(rest) and (rest[0].isupper() or rest[0].isdigit() or rest[0] in "\"'“‘(«")


def _dateline(passage: Passage, at: int = 0) -> tuple[list[tuple[str, int, int]], str | None, str | None]:
    """The places, the agency and the agency's phrase of a dateline at ``at`` in the passage's text."""
    text = passage.text
    match = DATELINE.match(text, at)
    if match and _starts_sentence(text, match.end()):
        places = _places(match["places"], passage.start + match.start("places"))
        # a Title-case name and an aside between dashes is a subject, not a dateline: "Hezbollah — the group — said"
        sentence_end = next((end for _, end in passage.sentences if end > match.end()), len(text))
        aside = (not match["places"].isupper() and not match["agency"] and match.group(0).rstrip()[-1] in "—–"
                 and any(dash in text[match.end() : sentence_end] for dash in "—–"))  # fmt: skip
        if places and not aside:
            agency = match["agency"].strip() if match["agency"] else None
            return places, agency, f"({match['agency']})" if agency else None
    match = AGENCY_LEAD.match(text, at)
    if match and _starts_sentence(text, match.end()):
        return [], match["agency"].strip(), f"({match['agency']})"
    return [], None, None


def _named(name: str) -> str | None:
    """A name found before 'reported' or after 'according to', tidied; None for a common word."""
    name = name.strip()
    if name.endswith(".") and "." not in name.rsplit(" ", 1)[-1][:-1]:
        name = name[:-1]  # "Reuters." at the end of the sentence, but "U.S." stays
    return None if not name or name.casefold() in _NOT_NAMES else name


def _lead(document: ParsedDocument) -> Attribution | None:
    """Set the dateline of the article; return the attribution its lead names, if any."""
    places: list[tuple[str, int, int]] = []
    lead = None
    for passage in document.passages[:4]:
        text = passage.text.strip()
        if not places and (places := _alone(passage)):
            continue  # "DAMASCUS" on a line of its own
        if BYLINE.match(text) and len(text.split()) <= 12 and len(passage.sentences) <= 1:
            continue  # "By Parisa Hafezi and Timour Azhari"
        if "\n" not in text and generic.heading(text) is not None:
            continue  # "Latest Developments"
        lead = passage
        break
    if lead is None:
        document.dateline, document.dateline_offsets = _dateline_fields(places)
        return None
    found, agency, phrase = _dateline(lead)
    attribution = Attribution(names=(agency,), phrase=phrase) if agency and phrase else None
    outlet = OUTLET.match(lead.text)
    media = outlet is not None and bool(_MEDIA_WORDS & {w.casefold() for w in outlet["outlet"].split()})
    if outlet and not found and not attribution and (outlet["space"] or media):
        attribution = Attribution(names=(outlet["outlet"],), phrase=outlet.group(0).rstrip())
        found, agency, phrase = _dateline(lead, outlet.end())  # "Shafaq News/ Baghdad - …"
    document.dateline, document.dateline_offsets = _dateline_fields(places or found)
    if attribution is None:
        first = lead.text[slice(*lead.sentences[0])] if lead.sentences else lead.text
        for pattern in (REPORTED, ACCORDING_TO):
            for match in pattern.finditer(first):
                name = _named(match["name"])
                if name:
                    phrase = match.group(0).lstrip(",;:—–( ")
                    return Attribution(
                        names=(name,),
                        phrase=phrase[: phrase.index(name) + len(name)] if pattern is ACCORDING_TO else phrase,
                    )
    return attribution


def _dateline_fields(places: list[tuple[str, int, int]]) -> tuple[tuple[str, ...], tuple[tuple[int, int], ...]]:
    return tuple(name for name, _, _ in places), tuple((start, end) for _, start, end in places)


def _alone(passage: Passage) -> list[tuple[str, int, int]]:
    """The places of a dateline on a line of its own, in capitals: "DAMASCUS", "ERBIL, IRAQ"."""
    text = passage.text
    stripped = text.strip()
    if not stripped.isupper() or len(stripped.split()) > 6 or re.search(r"[^\w\s/,.'’-]", stripped):
        return []
    return _places(text, passage.start)


def _attribution(passage: Passage) -> re.Match[str] | None:
    """'X reports citing Y' first, then 'Y quoted by X', each looked for sentence by sentence: the patterns
    backtrack, so on one long passage of many megabytes a search of the whole text takes seconds."""
    texts = [passage.text[start:end] for start, end in passage.sentences] or [passage.text]
    for pattern, words in ((REPORTS_CITING, ("citing",)), (QUOTED_BY, ("quoted", "cited"))):
        for text in texts:
            if any(word in text for word in words):
                match = pattern.search(text)
                if match:
                    return match
    return None
