"""Property-based tests (hypothesis) of the citation parser and the mention finder.

The citation parser must read any footnote text without raising, cut it into citations whose raw text
tiles the footnote (only whitespace and ';' lie between them), and give back exactly the publisher,
title, date, URL and pages of well-formed citations. The mention finder must read any text without
raising, give offsets that slice back to the mention text, never overlap two mentions, and find the
registry's names where they are written.
"""

from __future__ import annotations

import calendar
import functools
import itertools
import re
from dataclasses import dataclass
from datetime import date as date_

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from coi_graph.documents.citations import parse_citation, parse_footnote_body
from coi_graph.documents.dates import MONTHS, TimeValue, resolve
from coi_graph.documents.model import ParsedCitation
from coi_graph.extract import gazetteer
from coi_graph.extract.gazetteer import ARTICLES, ASSIMILATED, Gazetteer, name_key, tokens
from coi_graph.extract.mentions import Mention, find
from coi_graph.ingest import FORMATS, detect
from tests.conftest import DATA

PROPERTY = settings(max_examples=200, deadline=None)
FEW = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

ENTITY = "https://w3id.org/coi-graph/id/entity/"
MONTH_WORDS = [calendar.month_name[i] for i in range(1, 13)] + [calendar.month_abbr[i] for i in range(1, 13)]

# ---------------------------------------------------------------------------------------------------------------------
# The citation parser
# ---------------------------------------------------------------------------------------------------------------------

FOOTNOTE_FRAGMENTS = [
    "", " ", ",", ", ", ";", "; ", ";\n", "\n", "\r\n", "\u2028", "\u00a0", "|", " | ", "&", "“", "”", "‘", "’", '"',
    "'", "[", "]", "(", ")", "[url]", "[url](", "[url](#)", "[url](https://x/)", "[URL](https://example.org/a;b)",
    "[url]()", "https://x.org/a", "available at: ", "url", "link", "3 May 2025", "May 2025", "October 1, 2024",
    "31 February 2025", "30 Feb. 2025", "00 May 0000", "0000-13", "2025-10-20", "2025", "1999", "n.d.", "undated",
    "pp. 12-13", ", p. 4", "para. 4", "paras. IV–V", "Sept. 3, 2025", "Al Jazeera", "SOHR", "USDOD", "–", "-", "0",
]  # fmt: skip


def _ascii_case_variants(word: str) -> st.SearchStrategy[str]:
    return st.lists(st.booleans(), min_size=len(word), max_size=len(word)).map(
        lambda flags: "".join(c.upper() if up else c.lower() for c, up in zip(word, flags, strict=True))
    )


footnote_fragment = st.one_of(
    st.sampled_from(FOOTNOTE_FRAGMENTS),
    st.sampled_from(MONTH_WORDS).flatmap(_ascii_case_variants),
    st.integers(min_value=-5, max_value=100_000).map(str),
    st.text(max_size=12),
)
footnote_text = st.one_of(st.text(), st.lists(footnote_fragment, max_size=25).map("".join))


def _flat(body: str) -> str:
    """The footnote body as the parser reads it: non-blank lines stripped and joined with single spaces."""
    return " ".join(line.strip() for line in body.splitlines() if line.strip())


def _assert_raws_tile(flat: str, citations: list[ParsedCitation]) -> None:
    """Each raw is the stripped text of its citation, in order, and only whitespace and ';' lie between them."""
    position = 0
    for citation in citations:
        assert citation.raw and citation.raw == citation.raw.strip()
        while position < len(flat) and (flat[position].isspace() or flat[position] == ";"):
            position += 1
        assert flat.startswith(citation.raw, position), (flat, position, citation.raw)
        position += len(citation.raw)
    assert all(c.isspace() or c == ";" for c in flat[position:]), flat[position:]


def _assert_sane(citation: ParsedCitation) -> None:
    assert isinstance(citation.publisher, str) and isinstance(citation.title, str)
    assert "," not in citation.publisher  # the publisher is what comes before the first comma
    assert citation.publisher == citation.publisher.strip()
    assert citation.date is None or isinstance(citation.date, TimeValue)
    assert citation.url is None or (citation.url and citation.url != "#")
    assert citation.pages is None or isinstance(citation.pages, str)


@PROPERTY
@given(footnote_text)
def test_footnote_parser_reads_any_text(body: str) -> None:
    citations = parse_footnote_body(body)
    assert [c.ordinal for c in citations] == list(range(1, len(citations) + 1))
    for citation in citations:
        _assert_sane(citation)
    _assert_raws_tile(_flat(body), citations)
    if not body.strip():
        assert citations == []


@PROPERTY
@given(
    footnote_text,
    st.integers(min_value=1, max_value=10_000),
    st.none() | st.sampled_from(["#", "", "https://example.org/x"]) | st.text(max_size=20),
    st.none() | st.text(max_size=10),
)
def test_citation_parser_reads_any_text(text: str, ordinal: int, href: str | None, pages: str | None) -> None:
    citation = parse_citation(text, ordinal, href, pages)
    _assert_sane(citation)
    assert citation.ordinal == ordinal
    assert citation.raw == text.strip()
    if href is not None:
        assert citation.url == (href if href and href != "#" else None)
    if pages is not None:
        assert citation.pages == pages


# Case-insensitive matching of Unicode patterns makes 'ſ' (long s) match 's', 'K' (Kelvin sign) match 'k', and 'ı'
# and 'İ' match 'i'; the month's name is then looked up as written.
UNICODE_CASE_TWINS = {"s": "ſ", "i": "ı", "I": "İ", "k": "K"}


def _unicode_case_variants(word: str) -> st.SearchStrategy[str]:
    return st.lists(st.booleans(), min_size=len(word), max_size=len(word)).map(
        lambda flags: "".join(UNICODE_CASE_TWINS.get(c, c) if swap else c for c, swap in zip(word, flags, strict=True))
    )


@PROPERTY
@given(st.sampled_from([m for m in MONTH_WORDS if set(m) & set(UNICODE_CASE_TWINS)]).flatmap(_unicode_case_variants))
@example("Auguſt")
def test_month_names_with_unicode_case_twins_do_not_crash(month: str) -> None:
    """Regression: 'Auguſt 2025' raised KeyError; the look-alike is read as the month it matched."""
    expected = next(n for name, n in MONTHS.items() if re.fullmatch(re.escape(name), month, re.IGNORECASE))
    day = parse_footnote_body(f"Publisher, Title, 3 {month} 2025, [url](#)")
    assert (
        day
        and day[0].date is not None
        and (day[0].date.year, day[0].date.month, day[0].date.day) == (2025, expected, 3)
    )
    month_only = parse_footnote_body(f"Publisher, Title, {month} 2025")
    assert month_only and month_only[0].date is not None and month_only[0].date.month == expected


@dataclass(frozen=True)
class Citation:
    publisher: str
    title: str
    date: TimeValue
    date_text: str
    url: str
    pages: str | None

    def render(self) -> str:
        pages = f", {self.pages}" if self.pages else ""
        return f"{self.publisher}, {self.title}, {self.date_text}, [url]({self.url}){pages}"


# Words of publishers and titles: letters and digits of any script, and the punctuation COI footnotes carry.
word = st.text(st.characters(categories=("L", "N")), min_size=1, max_size=8)
marks = st.sampled_from(["|", "&", "–", "-", ":", "?", "!", ".", "(ISIL)", "US-led", "Al-Hasakah", "2000"])
quoted = st.builds(lambda q, w: f"{q[0]}{w}{q[1]}", st.sampled_from(["“”", "‘’", '""', "''", "«»"]), word)
publisher_word = st.one_of(word, marks, quoted)
title_word = st.one_of(
    word, marks, quoted, st.sampled_from(["October 1, 2024 – December 31, 2024", "3 May 2025", "2,000", "2024", "n.d."])
)
publishers = st.lists(publisher_word, min_size=1, max_size=4).map(" ".join)


@st.composite
def titles(draw: st.DrawFn) -> str:
    words = draw(st.lists(title_word, min_size=1, max_size=8))
    title = words[0]
    for w in words[1:]:
        title += draw(st.sampled_from([" ", ", ", " | ", "\u00a0", ": "])) + w
    return title


@st.composite
def dates(draw: st.DrawFn) -> tuple[TimeValue, str]:
    year = draw(st.integers(min_value=1000, max_value=9999))
    month = draw(st.integers(min_value=1, max_value=12))
    day = draw(st.integers(min_value=1, max_value=calendar.monthrange(year, month)[1]))
    month_word = draw(st.sampled_from([calendar.month_name[month], calendar.month_abbr[month]]))
    day_text = draw(st.sampled_from([str(day), f"{day:02d}"]))
    return TimeValue(year, month, day), f"{day_text} {month_word} {year}"


urls = st.builds(
    lambda scheme, host, path: f"{scheme}://{host}.org/{path}",
    st.sampled_from(["http", "https"]),
    st.text("abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=10),
    st.text("abcXYZ0189-._~/?=&%#;,:+", max_size=20),
)
pages_strategy = st.builds(
    lambda prefix, first, rest: f"{prefix} {first}{rest}",
    st.sampled_from(["p.", "pp.", "para.", "paras."]),
    st.integers(min_value=1, max_value=999),
    st.sampled_from(["", "-13", "–14", ", 17"]),
)


@st.composite
def well_formed_citations(draw: st.DrawFn) -> Citation:
    date, date_text = draw(dates())
    return Citation(
        publisher=draw(publishers),
        title=draw(titles()),
        date=date,
        date_text=date_text,
        url=draw(urls),
        pages=draw(st.none() | pages_strategy),
    )


@PROPERTY
@given(st.lists(well_formed_citations(), min_size=1, max_size=4), st.sampled_from(["; ", ";\n", " ; ", ";"]))
def test_well_formed_citations_round_trip(generated: list[Citation], separator: str) -> None:
    body = separator.join(c.render() for c in generated)
    parsed = parse_footnote_body(body)
    assert len(parsed) == len(generated)
    for ordinal, (citation, expected) in enumerate(zip(parsed, generated, strict=True), start=1):
        assert citation.ordinal == ordinal
        assert citation.raw == expected.render()
        assert citation.publisher == expected.publisher
        assert citation.title == expected.title
        assert citation.date == expected.date
        assert citation.url == expected.url
        assert citation.pages == expected.pages


# ---------------------------------------------------------------------------------------------------------------------
# The mention finder
# ---------------------------------------------------------------------------------------------------------------------


@functools.cache
def _gazetteer() -> Gazetteer:
    return gazetteer.load(DATA)


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    """The gazetteer of the seed registry, built once."""
    return _gazetteer()


@functools.cache
def _names() -> list[tuple[str, frozenset[str]]]:
    """Every name of the registry with at least two letters, and the entities it may denote as written."""
    found = []
    for key, names in _gazetteer().names.items():
        for surface in sorted({n.surface for n in names}):
            if sum(c.isalpha() for c in surface) < 2 or name_key(surface) != key:
                continue
            iris = frozenset(n.entry.iri for n in names if not n.acronym or n.surface == surface)
            found.append((surface, iris))
    return sorted(found)


@functools.cache
def _vocabulary() -> frozenset[str]:
    return frozenset(k for key in _gazetteer().names for k in key) | ARTICLES | ASSIMILATED


registry_names = st.deferred(lambda: st.sampled_from(_names()))
# Filler words share no word with any name, so no name of the registry can start or end in one.
filler = st.text(st.characters(categories=["L"]), min_size=1, max_size=9).filter(
    lambda w: len(tokens(w)) == 1 and tokens(w)[0].raw == w and tokens(w)[0].key not in _vocabulary()
)
SEPARATORS = [" ", "  ", ", ", "; ", ". ", ": ", " (", ") ", " – ", " - ", "-", "/", "\n", "\u00a0", ' "', "” ", "! "]

MENTION_FRAGMENTS = [
    "’", "ʼ", "'", "ʻ", "`", "'s", "’s", "s'", "-", "‐", "‑", "–", "\u00a0", "\u0301", "\u0308", "\u0651", " ",
    "al-", "Al ", "el-", "ash-", "ar-", "As-", "al", "-al-", "الأسد", "دير الزور", "سوريا", "🙂", "🇸🇾", "👍🏽", "ﬁ",
    "İ", "ß", "Σ", "Kobanî", "Türkiye", "U.S.", "US", "us", "IS", "is", "said", "in", "and", "Washington",
    "Baghdad", "Syria", "Deir ez-Zor", "al-Tanf base", "SDF", "Syrian Democratic Forces", "Iraq's", ".", "\n",
]  # fmt: skip
mention_text = st.one_of(
    st.text(),
    st.lists(
        st.one_of(st.sampled_from(MENTION_FRAGMENTS), st.text(max_size=6), registry_names.map(lambda n: n[0])),
        max_size=30,
    ).map("".join),
)


def _assert_well_formed(text: str, found: list[Mention], file: str) -> None:
    for m in found:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        assert m.file == file
        assert 0 < m.score <= 1
        if m.entity is not None:
            assert m.label is not None and m.type is not None and not m.ambiguous
    assert [(m.start, m.end) for m in found] == sorted((m.start, m.end) for m in found)
    matched = [m for m in found if m.entity is not None]
    for before, after in itertools.pairwise(matched):
        assert before.end <= after.start, (before, after)
    # stronger, and true by construction: candidates only take words no name covers, so no two mentions overlap
    for before, after in itertools.pairwise(found):
        assert before.end <= after.start, (before, after)


@PROPERTY
@given(mention_text, st.sampled_from(["", "doc.md"]))
def test_mention_finder_reads_any_text(gaz: Gazetteer, text: str, file: str) -> None:
    found = find(text, gaz, candidates=True, file=file)
    _assert_well_formed(text, found, file)
    without = find(text, gaz, candidates=False, file=file)
    _assert_well_formed(text, without, file)
    # candidates only add mentions with no entity
    assert all(m.entity is None and not m.ambiguous for m in found if m not in without)
    assert [m for m in found if m in without] == without


def _assert_found(text: str, found: list[Mention], placed: list[tuple[int, str, frozenset[str]]]) -> None:
    """Each name is a mention of one of its entities, spanning the name's words, or lies inside a longer match."""
    matched = [m for m in found if m.entity is not None or m.ambiguous]
    for offset, surface, iris in placed:
        words = tokens(surface)
        start, end = offset + words[0].start, offset + words[-1].end
        exact = [m for m in matched if (m.start, m.end) == (start, end)]
        if exact:
            (m,) = exact
            assert m.entity in iris if m.entity is not None else set(m.ambiguous) <= iris, (text, surface, m)
        else:
            assert any(m.start <= start and end <= m.end for m in matched), (text, surface, start, end, found)


@st.composite
def texts_with_names(draw: st.DrawFn, *, adjacent: bool) -> tuple[str, list[tuple[int, str, frozenset[str]]]]:
    """Random words and registry names joined by separators; with ``adjacent``, names only, joined by ', ' or '; '."""
    # a word (str) or a name (surface, entities)
    items: list[str | tuple[str, frozenset[str]]]
    if adjacent:
        items = list(draw(st.lists(registry_names, min_size=2, max_size=4)))
    else:
        items = draw(st.lists(st.one_of(filler, registry_names), max_size=12))
    text = draw(filler) if not adjacent and draw(st.booleans()) else ""
    placed: list[tuple[int, str, frozenset[str]]] = []
    previous_was_name = False
    for item in items:
        if text:
            text += draw(st.sampled_from(["; ", ", "] if adjacent else SEPARATORS))
        if isinstance(item, tuple):
            if previous_was_name and not adjacent:  # a word between two names, so no longer name spans both
                text += draw(filler) + draw(st.sampled_from(SEPARATORS))
            surface, iris = item
            placed.append((len(text), surface, iris))
            text += surface
        else:
            text += item
        previous_was_name = isinstance(item, tuple)
    return text, placed


@FEW
@given(texts_with_names(adjacent=False))
def test_registry_names_in_random_text_are_found(
    gaz: Gazetteer, generated: tuple[str, list[tuple[int, str, frozenset[str]]]]
) -> None:
    text, placed = generated
    found = find(text, gaz)
    _assert_well_formed(text, found, "")
    _assert_found(text, found, placed)


@FEW
@given(texts_with_names(adjacent=True))
@example(
    (
        "Iraq; Prime Minister of Iraq",
        [
            (0, "Iraq", frozenset({ENTITY + "iraq"})),
            (6, "Prime Minister of Iraq", frozenset({ENTITY + "position-iraq-prime-minister"})),
        ],
    )
)
def test_registry_names_separated_by_commas_or_semicolons_are_found(
    gaz: Gazetteer, generated: tuple[str, list[tuple[int, str, frozenset[str]]]]
) -> None:
    text, placed = generated
    found = find(text, gaz)
    _assert_well_formed(text, found, "")
    # no registry name holds ',' or ';', so no mention may span one
    assert not any("," in m.text or ";" in m.text for m in found), found
    _assert_found(text, found, placed)


# --- the date resolver and the format detector (issue 8) ------------------------------------------

time_text = st.one_of(
    st.text(max_size=80),
    st.lists(
        st.sampled_from(
            [
                *MONTH_WORDS,
                "today",
                "yesterday",
                "last year",
                "next year",
                "last month",
                "ago",
                "years",
                "decade",
                "a",
                "two",
                "99999",
                "0",
                "on",
                "Monday",
                "in",
                "by",
                "early",
                "2025",
                "-",
                "30",
                "February",
                " ",
                ",",
            ]
        ),
        max_size=8,
    ).map(" ".join),
)


@given(time_text, st.dates(min_value=date_(1, 1, 1), max_value=date_(9999, 12, 31)))
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@example("99999 years ago", date_(2025, 10, 20))
@example("yesterday", date_(1, 1, 1))
@example("next year", date_(9999, 12, 31))
def test_date_resolver_reads_any_text(expression: str, document_date: date_) -> None:
    """Any expression against any document date: no crash, and a resolved time is a real date."""
    resolved = resolve(expression, document_date)
    if resolved is not None:
        value = resolved.value
        assert 1 <= value.year <= 9999, value
        if value.day is not None and value.month is not None:
            date_(value.year, value.month, value.day)
        assert value.lexical


@given(st.one_of(st.text(max_size=400), st.sampled_from(["", "\n", "[1](#)", "date 2025-10-20 Title\n\nText."])))
@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
def test_format_detector_reads_any_text(content: str) -> None:
    assert detect(content) in (None, *FORMATS)
