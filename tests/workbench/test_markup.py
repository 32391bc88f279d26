"""The workbench's escaping (coi_graph.workbench.markup.e): every text from the data goes through it into the
page's content and quoted attribute values, so that it is shown as written and never read as markup."""

from __future__ import annotations

import html
from html.parser import HTMLParser

import pytest

from coi_graph.workbench.markup import e


class _Attributes(HTMLParser):
    """The tags and attributes of a fragment, and its text, as a browser's parser reads them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parsed(fragment: str) -> _Attributes:
    parser = _Attributes()
    parser.feed(fragment)
    parser.close()
    return parser


def test_the_five_markup_characters_are_escaped() -> None:
    assert e("<") == "&lt;" and e(">") == "&gt;" and e("&") == "&amp;"
    assert e('"') == "&quot;" and e("'") == "&#x27;"
    assert e('<a href="x">Tom\'s & co</a>') == "&lt;a href=&quot;x&quot;&gt;Tom&#x27;s &amp; co&lt;/a&gt;"


def test_none_is_empty_and_other_values_are_their_text() -> None:
    assert e(None) == ""
    assert e("") == ""
    assert e(0) == "0" and e(541) == "541" and e(0.6) == "0.6" and e(False) == "False"

    class Named:
        def __str__(self) -> str:
            return "<b>SDF</b>"

    assert e(Named()) == "&lt;b&gt;SDF&lt;/b&gt;"


def test_text_that_looks_like_an_entity_is_shown_as_written() -> None:
    # a document may contain "&lt;" literally: it must reach the reader as those four characters
    assert e("&lt;script&gt;") == "&amp;lt;script&amp;gt;"
    assert html.unescape(e("&lt;")) == "&lt;"


@pytest.mark.parametrize(
    "text",
    [
        "Syrian Democratic Forces",
        "Türkiye’s “buffer zone” – north of Aleppo",
        "قوات سوريا الديمقراطية",
        "<script>alert(1)</script>",
        '" onmouseover="alert(1)',
        "' autofocus onfocus='alert(1)",
        "a > b && c < d",
    ],
)
def test_escaped_text_is_read_back_as_the_same_text_in_content_and_attributes(text: str) -> None:
    parsed = _parsed(f"<span title=\"{e(text)}\" data-label='{e(text)}'>{e(text)}</span>")
    assert parsed.tags == [("span", {"title": text, "data-label": text})]  # no attribute broke out
    assert "".join(parsed.text) == text
    assert "<" not in e(text) and ">" not in e(text) and '"' not in e(text) and "'" not in e(text)


def test_characters_outside_markup_are_left_alone() -> None:
    text = "Al-Hasakah · 36°30′N 40°54′E … Qamishli\ttab\nline"
    assert e(text) == text
