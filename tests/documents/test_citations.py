"""The footnote citation parser on the traps of EUAA footnotes."""

from __future__ import annotations

from coi_graph.documents.citations import parse_footnote_body


def test_several_citations_separated_by_semicolons() -> None:
    body = (
        "USDOD, DOD Announces 2,000 Troops in Syria, Department Prepared for Government Shutdown, "
        "19 December 2024, [url](#); Al Jazeera, US says it has 2,000 troops in Syria, not 900 as "
        "previously declared, 19 December 2024, [url](#)"
    )
    first, second = parse_footnote_body(body)
    assert (first.publisher, first.date and first.date.lexical) == ("USDOD", "2024-12-19")
    assert first.title == "DOD Announces 2,000 Troops in Syria, Department Prepared for Government Shutdown"
    assert second.publisher == "Al Jazeera"
    assert second.title == "US says it has 2,000 troops in Syria, not 900 as previously declared"
    assert [first.ordinal, second.ordinal] == [1, 2]


def test_citations_on_separate_lines() -> None:
    body = (
        "INSS, A New Era in Syria: Winners, Losers, and Implications for Israel, 12 January 2025, [url](#);\n"
        "Al Jazeera, What is behind US strategy of keeping troops in post-Assad Syria?, 6 January 2025, [url](#)"
    )
    citations = parse_footnote_body(body)
    assert [c.publisher for c in citations] == ["INSS", "Al Jazeera"]
    assert citations[0].title == "A New Era in Syria: Winners, Losers, and Implications for Israel"


def test_own_date_is_the_one_before_the_link_and_pages_are_kept() -> None:
    body = (
        "USDOD, Operation Inherent Resolve And Other U.S. Government Activities Related to Iraq & Syria: "
        "Lead Inspector General Report to the United States Congress October 1, 2024 – December 31, 2024, "
        "19 February 2025, [url](#), pp. 12-13"
    )
    (citation,) = parse_footnote_body(body)
    assert citation.date is not None and citation.date.lexical == "2025-02-19"
    assert citation.pages == "pp. 12-13"
    assert citation.title.endswith("October 1, 2024 – December 31, 2024")
    assert "&" in citation.title


def test_pipes_and_curly_quotes_stay_in_titles() -> None:
    body = (
        "SOHR, Ground reinforcements | “International Coalition” brings military equipment to base in "
        "Al-Hasakah, 18 January 2025, [url](#)"
    )
    (citation,) = parse_footnote_body(body)
    assert citation.title == (
        "Ground reinforcements | “International Coalition” brings military equipment to base in Al-Hasakah"
    )
    assert citation.raw == body


def test_real_urls_are_kept_and_placeholders_dropped() -> None:
    (kept,) = parse_footnote_body("NPR, Title, 27 December 2024, [url](https://www.npr.org/x)")
    (dropped,) = parse_footnote_body("NPR, Title, 27 December 2024, [url](#)")
    assert kept.url == "https://www.npr.org/x"
    assert dropped.url is None


def test_citation_without_a_link_or_date() -> None:
    first, second = parse_footnote_body("UNHCR, Undated note; UNHCR, Dated note, March 2024")
    assert first.date is None and first.title == "Undated note"
    assert second.date is not None and second.date.lexical == "2024-03"


def test_empty_footnote_has_no_citations() -> None:
    assert parse_footnote_body("   \n ") == []
