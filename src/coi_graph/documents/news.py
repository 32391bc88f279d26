"""Parser for news articles: a first line `` date YYYY-MM-DD Title`` followed by paragraphs."""

from __future__ import annotations

import re

from coi_graph.documents import sentences
from coi_graph.documents.dates import TimeValue
from coi_graph.documents.model import Attribution, ParsedDocument, Passage
from coi_graph.documents.text import blocks, lines

FORMAT = "news"

HEADER = re.compile(r"^\s*date\s+(?P<date>\d{4}-\d{2}-\d{2})\s+(?P<title>\S.*?)\s*$")
_NAME = r"[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,4}"
# 'News.Az reports citing foreign media', 'AFP reported, citing officials'
REPORTS_CITING = re.compile(
    rf"(?P<reporter>{_NAME})\s+(?:reports|reported|said|says|writes|wrote),?\s+citing\s+(?P<origin>[^.,;:\"“”]+)"
)
# 'officials quoted by Reuters', 'two officials quoted as saying by NBC News'
QUOTED_BY = re.compile(
    rf"(?P<origin>(?:(?:two|three|several|some|senior|unnamed|anonymous)\s+)*[\w\s-]{{0,40}}?(?:officials?|sources?|"
    rf"diplomats?|residents?|witnesses|spokesm[ae]n))\s+(?:were\s+|was\s+)?(?:quoted|cited)(?:\s+as\s+saying)?\s+"
    rf"by\s+(?P<reporter>{_NAME})"
)


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
    for passage in document.passages:
        match = _attribution(passage)
        if match:
            document.attribution = Attribution(
                names=(match["origin"].strip(), match["reporter"].strip()), phrase=match.group(0)
            )
            break
    return document


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
