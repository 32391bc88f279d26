"""The workbench's HTML pages (coi_graph.workbench.templates), rendered from a small view built by hand and read
back with the standard library's HTML parser: the page frame, the document list, a document's text with its
sentences, mentions, markers and footnotes, the candidates with the fields the edit form starts from, the
coverage, the read-only state and why, and text from the data that contains HTML shown as text."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from coi_graph.workbench.templates import KEYS, document_list, document_page, message_page, page
from coi_graph.workbench.view import (
    Candidate,
    Citation,
    Claim,
    Coverage,
    DocumentSummary,
    DocumentView,
    Evidence,
    Footnote,
    Marker,
    Mention,
    Passage,
    Sentence,
    Triple,
)

ENT = "https://w3id.org/coi-graph/id/entity/"
DOC = "https://w3id.org/coi-graph/id/doc/test-doc"
PASSAGE = f"{DOC}/s1-p1"
S1, S2 = f"{PASSAGE}-s1", f"{PASSAGE}-s2"
FN = f"{DOC}/fn541"
FIRST = "Türkiye & the <SDF> met in Raqqa."
SECOND = "A second sentence that needs a claim, since it names Türkiye and the SDF, and is long enough to be cut."
TEXT = f"{FIRST} {SECOND}"
HOSTILE = "<script>alert(1)</script>"
REASON = "Read only: start the workbench with --reviewer NAME to accept, reject or edit candidates."


@dataclass
class Node:
    tag: str
    attrs: dict[str, str | None]
    text: str = ""  # all the text inside it, descendants included
    children: list[Node] = field(default_factory=list)

    @property
    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()


class _Tree(HTMLParser):
    VOID = frozenset({"meta", "link", "input", "br", "img", "hr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.nodes: list[Node] = []
        self.open: list[Node] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, dict(attrs))
        if self.open:
            self.open[-1].children.append(node)
        self.nodes.append(node)
        if tag not in self.VOID:
            self.open.append(node)

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1].tag == tag, f"</{tag}> closes <{self.open[-1].tag if self.open else ''}>"
        self.open.pop()

    def handle_data(self, data: str) -> None:
        for node in self.open:
            node.text += data


def parse(html: str) -> list[Node]:
    tree = _Tree()
    tree.feed(html)
    tree.close()
    assert not tree.open, [n.tag for n in tree.open]
    return tree.nodes


def one(nodes: list[Node], tag: str, **attrs: str) -> Node:
    found = [n for n in nodes if n.tag == tag and all(n.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())]
    assert len(found) == 1, (tag, attrs, len(found))
    return found[0]


def having(nodes: list[Node], css: str) -> list[Node]:
    return [n for n in nodes if css in n.classes]


def coverage(needing: int = 2, covered: int = 1, left: list[str] | None = None, nothing: int = 0) -> Coverage:
    return Coverage(needing, covered, 0, [S2] if left is None else left, nothing)


def summary(title: str = "Syria: <Country> Focus", cov: Coverage | None = None) -> DocumentSummary:
    return DocumentSummary("test-doc", DOC, "documents/test-doc.txt", "Report", title, "2025-03", "EUAA", ENT + "euaa",
                           1, 0, 0, 1, cov or coverage(), None)  # fmt: skip


def evidence() -> Evidence:
    return Evidence(PASSAGE, 0, len(FIRST), 100, 100 + len(FIRST), [S1], True)


def view(*, candidates: bool = True, title: str = "Syria: <Country> Focus") -> DocumentView:
    """One passage of two sentences: a registry mention, a new name, a marker closing the first sentence."""
    second = len(FIRST) + 1
    sentences = [
        Sentence(S1, 1, PASSAGE, FIRST, 0, len(FIRST), 100, 100 + len(FIRST), ["541"], [FN], [ENT + "turkey"], True,
                 claims=["c"], state="covered"),
        Sentence(S2, 2, PASSAGE, SECOND, second, len(TEXT), 100 + second, 100 + len(TEXT), [], [],
                 [ENT + "turkey", ENT + "sdf"], True, state="left"),
    ]  # fmt: skip
    marker = Marker(f"{PASSAGE}-m1", "541", 541, len(FIRST), 133, 136, FN, S1)
    passage = Passage(PASSAGE, 1, TEXT, 100, 300, 3, ["3.4. US-led <coalition>"], sentences, [marker])
    mentions = [
        Mention(PASSAGE, S1, 0, 7, 100, 107, "Türkiye", ENT + "turkey", "Turkey", "state", "actor", "Q43", 1.0),
        Mention(PASSAGE, S1, 14, 19, 114, 119, "<SDF>", None, None, None, None, None, 0.5),
    ]
    citation = Citation(f"{FN}-c1", "raw", "Al Jazeera", "US <says> 2,000 troops", "2024-12-19", None, "p. 3")
    footnotes = [Footnote(FN, 541, "541", "raw text", [citation])]
    triples = [
        Triple(ENT + "turkey", "https://w3id.org/coi-graph/ontology#cooperatesWith", ENT + "sdf", "Turkey",
               "coi:cooperatesWith", f"SDF {HOSTILE}"),
        Triple(ENT + "turkey", "http://www.w3.org/2000/01/rdf-schema#label", "Turkey", "Turkey", "rdfs:label", None),
    ]  # fmt: skip
    found = [
        Candidate(1, "https://w3id.org/coi-graph/id/candidate/test-doc/1", f"verb {HOSTILE}", "pending", 0.6, FIRST,
                  "coi:Reported", "in December", "2024-12", [FN], ["541"], triples,
                  "ent:turkey coi:cooperatesWith ent:sdf", evidence(), None, None, None, None),
    ] if candidates else []  # fmt: skip
    claims = [Claim("https://w3id.org/coi-graph/id/claim/test-doc/7", "claims/test-doc.trig", FIRST, "coi:Stated",
                    [FN], triples[:1], "", evidence(), "A. Analyst", "2026-12-08")]  # fmt: skip
    return DocumentView(summary(title), "markdown", f"Section {HOSTILE}", None, [passage], footnotes, mentions, found,
                        claims, "data/drafts/test-doc.trig", [f"warning {HOSTILE}"])  # fmt: skip


def test_a_page_loads_only_the_static_script_and_style_and_escapes_its_title_and_data() -> None:
    html = page('Doc "<1>"', "<main>body</main>", kind="doc", data={"doc": 'a"b<c>', "writable": "no"})
    assert html.startswith('<!doctype html>\n<html lang="en">')
    nodes = parse(html)
    assert one(nodes, "title").text == 'Doc "<1>" · coi-graph workbench'
    body = one(nodes, "body")
    assert body.attrs == {"class": "page-doc", "data-doc": 'a"b<c>', "data-writable": "no"}
    assert [(n.attrs.get("src"), n.attrs.get("defer", "-")) for n in nodes if n.tag == "script"] == [
        ("/static/workbench.js", None)
    ]
    assert [n.attrs["href"] for n in nodes if n.tag == "link"] == ["/static/workbench.css"]
    assert one(nodes, "meta", name="referrer").attrs["content"] == "no-referrer"
    assert "<style" not in html and "style=" not in html and "&lt;1&gt;" in html


def test_the_document_list_links_each_document_with_its_counts_and_coverage() -> None:
    documents = [summary(), summary("Second & last", Coverage(0, 0, 0, []))]
    documents[1].id = "news/../2025 x"
    nodes = parse(document_list(documents, "/data/<dir>"))
    links = [n for n in nodes if n.tag == "a" and "doc-link" in n.classes]
    assert [(a.attrs["href"], a.text) for a in links] == [("/doc/test-doc", "Syria: <Country> Focus"),
                                                          ("/doc/news/../2025%20x", "Second & last")]  # fmt: skip
    rows = [n for n in nodes if n.tag == "tr"][1:]
    cells = [[c.text for c in row.children] for row in rows]
    assert cells[0][1:8] == ["2025-03", "EUAA", "Report", "1", "0", "0", "1"]
    assert cells[0][8] == " 1/2 sentences that need a claim have one (50%)"
    assert one(nodes, "progress").attrs == {"value": "1", "max": "2", "title": "50%"}
    assert cells[1][8] == "no sentence needs a claim"
    assert "data directory /data/<dir>" in one(nodes, "span", **{"class": "meta"}).text
    empty = parse(document_list([], "data"))
    assert not [n for n in empty if n.tag == "table"]
    assert having(empty, "empty")[0].text == "No documents yet: take one in with coi-graph ingest FILE."


def test_the_document_page_is_read_only_without_a_reviewer_and_says_why() -> None:
    read_only = parse(document_page(view(), writable=False, reason=REASON))
    body = one(read_only, "body")
    assert (body.attrs["data-writable"], body.attrs["data-doc"]) == ("no", "test-doc")
    assert one(read_only, "footer", id="status").text == REASON
    tools = [n for n in read_only if n.tag == "button" and n.attrs.get("id") in ("add-claim", "new-entity", "undo")]
    assert len(tools) == 3 and all("disabled" in b.attrs for b in tools)
    writable = parse(document_page(view(), writable=True, reason=REASON))
    assert one(writable, "body").attrs["data-writable"] == "yes"
    assert one(writable, "footer", id="status").text == ""  # the reason is only for a read-only page
    tools = [n for n in writable if n.tag == "button" and n.attrs.get("id") in ("add-claim", "new-entity", "undo")]
    assert len(tools) == 3 and not any("disabled" in b.attrs for b in tools)
    # the forms the keys open are on the page, once each
    assert [n.attrs["id"] for n in writable if n.tag == "dialog"] == ["edit-dialog", "entity-dialog", "reject-dialog",
                                                                      "nothing-dialog"]  # fmt: skip
    keys = [n.text for n in writable if n.tag == "kbd"]
    assert [k for k, _ in KEYS] == keys[-len(KEYS) :]


def test_text_from_the_data_that_contains_html_is_shown_as_text() -> None:
    html = document_page(view(), writable=False, reason=f"{REASON} {HOSTILE}")
    assert "<script>alert" not in html and "<SDF>" not in html and "<Country>" not in html and "<says>" not in html
    assert re.findall(r"<script[^>]*>", html) == ['<script src="/static/workbench.js" defer>']
    nodes = parse(html)
    assert one(nodes, "title").text == "Syria: <Country> Focus · coi-graph workbench"
    assert one(nodes, "h1").text == "Syria: <Country> Focus"
    assert having(nodes, "section")[0].text == f"Section {HOSTILE}"
    assert one(nodes, "h2", **{"class": "heading"}).text == "3.4. US-led <coalition>"
    assert one(nodes, "span", id="s-1-1").text.startswith("Türkiye & the <SDF> met in Raqqa.")
    assert having(nodes, "c-rule")[0].text == f"verb {HOSTILE}"
    assert [n.text for n in nodes if n.tag == "li" and n.text.startswith("warning")] == [f"warning {HOSTILE}"]
    assert one(nodes, "footer", id="status").text == f"{REASON} {HOSTILE}"
    assert {n.tag for n in nodes} <= {"html", "head", "meta", "title", "link", "script", "body", "header", "a", "h1",
                                      "h2", "span", "progress", "main", "section", "p", "mark", "sup", "ol", "li",
                                      "ul", "cite", "aside", "div", "button", "code", "details", "summary",
                                      "blockquote", "input", "dialog", "form", "label", "select", "option",
                                      "textarea", "kbd", "footer"}  # fmt: skip


def test_sentences_mentions_markers_and_footnotes_carry_what_the_script_reads() -> None:
    nodes = parse(document_page(view(), writable=True, reason=""))
    passage = one(nodes, "p", id="p-1")
    assert passage.attrs["data-iri"] == PASSAGE and passage.text == f"{FIRST}541 {SECOND}"
    first = one(nodes, "span", id="s-1-1")
    assert {k: first.attrs[k] for k in ("data-iri", "data-passage", "data-start", "data-end", "data-file-start",
                                        "data-file-end", "data-state", "data-claims", "data-markers", "title")} == {
        "data-iri": S1, "data-passage": PASSAGE, "data-start": "0", "data-end": str(len(FIRST)),
        "data-file-start": "100", "data-file-end": str(100 + len(FIRST)), "data-state": "covered", "data-claims": "1",
        "data-markers": "541", "title": S1}  # fmt: skip
    assert first.classes == ["sentence", "state-covered"]
    assert one(nodes, "span", id="s-1-2").classes == ["sentence", "state-left"]
    known, new = (n for n in nodes if n.tag == "mark" and n.text in ("Türkiye", "<SDF>"))
    assert (known.text, known.classes) == ("Türkiye", ["mention", "kind-actor"])
    assert known.attrs["data-entity"] == ENT + "turkey" and known.attrs["data-qid"] == "Q43"
    assert known.attrs["data-type"] == "state" and known.attrs["title"] == "Turkey · state · Q43 · ent:turkey"
    assert (new.text, new.classes) == ("<SDF>", ["mention", "kind-new"]) and "data-entity" not in new.attrs
    assert new.attrs["title"] == "new name: no entity in the registry · score 0.5"
    marker = one(nodes, "sup", data_iri=f"{PASSAGE}-m1")
    assert marker.attrs["data-footnote"] == FN and marker.children[0].attrs == {"href": "#fn-541",
                                                                                "title": "footnote 541"}  # fmt: skip
    assert marker in first.children  # the marker stands in the sentence it closes
    note = one(nodes, "li", id="fn-541")
    assert note.attrs["data-iri"] == FN
    assert having(nodes, "citation")[0].text == "Al Jazeera, US <says> 2,000 troops, 2024-12-19, p. 3"


def test_a_candidate_carries_its_evidence_and_the_fields_the_edit_form_starts_from() -> None:
    fields = {"relation": "coi:cooperatesWith", "subject": "ent:turkey", "subject_label": "Turkey",
              "quote": f"{FIRST} {HOSTILE}", "modality": "reported"}  # fmt: skip
    html = document_page(view(), writable=True, reason="", fields={1: fields})
    nodes = parse(html)
    item = one(nodes, "li", id="c-1")
    assert json.loads(str(item.attrs["data-fields"])) == fields
    assert {k: item.attrs[k] for k in ("data-number", "data-status", "data-passage", "data-start", "data-end",
                                       "data-sentences", "data-modality", "data-time", "data-time-expression")} == {
        "data-number": "1", "data-status": "pending", "data-passage": PASSAGE, "data-start": "0",
        "data-end": str(len(FIRST)), "data-sentences": S1, "data-modality": "reported", "data-time": "2024-12",
        "data-time-expression": "in December"}  # fmt: skip
    assert having(item.children[0].children, "c-score")[0].text == "score 0.60"
    assert having(nodes, "c-meta")[0].text == "coi:Reported · in December = 2024-12 · fn541"
    triples = having(nodes, "triples")[0]
    assert [li.text for li in triples.children] == [f"Turkey coi:cooperatesWith SDF {HOSTILE}"]  # rdfs:label left out
    assert having(nodes, "c-turtle")[0].text == "Turtleent:turkey coi:cooperatesWith ent:sdf"
    # a candidate without fields (none known yet) starts the form from an empty object
    bare = one(parse(document_page(view(), writable=True, reason="")), "li", id="c-1")
    assert bare.attrs["data-fields"] == "{}"


def test_without_a_draft_the_page_says_how_to_make_one_and_lists_the_sentences_left() -> None:
    nodes = parse(document_page(view(candidates=False), writable=True, reason=""))
    assert not [n for n in nodes if n.tag == "ol" and n.attrs.get("id") == "candidates"]
    assert [n.text for n in having(nodes, "empty")] == [
        "No draft at data/drafts/test-doc.trig. Make one with coi-graph extract documents/test-doc.txt "
        "-o data/drafts/test-doc.trig."
    ]
    left = [n for n in nodes if n.tag == "a" and "goto" in n.classes]
    assert [(a.attrs["href"], a.attrs["data-iri"]) for a in left] == [("#s-1-2", S2)]
    assert left[0].text == SECOND[:89] + "…" and len(SECOND) > 90
    counts = having(nodes, "coverage-counts")[0].text
    assert counts.startswith("1 with a claim · 0 with nothing to claim · 0 with a pending candidate only · 1 left")
    assert having(nodes, "bar-progress")[0].text == " 1/2 sentences that need a claim have one (50%)"
    complete = view(candidates=False)
    complete.summary.coverage = coverage(covered=1, left=[], nothing=1)
    nodes = parse(document_page(complete, writable=True, reason=""))
    assert having(nodes, "done")[0].text == "No sentence left without a claim."
    assert having(nodes, "bar-progress")[0].text == (
        " 1/2 sentences that need a claim have one, 1 nothing to claim (100%)"
    )


def test_a_message_page_escapes_its_text_and_names_the_status() -> None:
    nodes = parse(message_page("Not found", f"no document {HOSTILE}", 404))
    assert one(nodes, "body").classes == ["page-message"]
    assert one(nodes, "h1").text == "Not found" and one(nodes, "title").text == "Not found · coi-graph workbench"
    paragraphs = [n.text for n in nodes if n.tag == "p"]
    assert paragraphs == [f"no document {HOSTILE}", "HTTP 404"]
    assert one(nodes, "a", **{"class": "back"}).attrs["href"] == "/"
