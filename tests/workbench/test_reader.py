"""The workbench's view model (coi_graph.workbench.view and reader), on a copy of data/ with a draft made by
`coi-graph extract`: the build's IRIs for sentences and markers, footnotes with their citations, mentions
and new names, candidates and claims located in the text, coverage, and the entity picker's search."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from coi_graph.compile.pipeline import BuildResult
from coi_graph.store import open_store, select
from coi_graph.workbench.reader import Reader
from coi_graph.workbench.view import NotFound
from tests.conftest import DATA, run_cli

EUAA = "euaa-2025-03-syria-country-focus"
EUAA_FILE = "euaa-2025-03-syria-country-focus-s3.4.txt"
NEWS = "newsaz-2025-10-20-iraq-us-advisers"
ENT = "https://w3id.org/coi-graph/id/entity/"


SENTENCES = "SELECT ?s ?start ?end WHERE { ?s a coi:Sentence ; coi:startOffset ?start ; coi:endOffset ?end }"


def _text(value: object) -> str:
    return str(getattr(value, "text", value))


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of data/ with the draft of the EUAA section, as `coi-graph extract` writes it."""
    target = tmp_path_factory.mktemp("workbench") / "data"
    shutil.copytree(DATA, target)
    draft = target / "drafts" / f"{EUAA}.trig"
    draft.parent.mkdir()
    result = run_cli("extract", str(target / "documents" / EUAA_FILE), "--data", str(target), "-o", str(draft))
    assert result.exit_code == 0, result.output
    return target


@pytest.fixture(scope="module")
def bench(data_dir: Path) -> Reader:
    return Reader(data_dir)


def test_sentences_and_markers_carry_the_builds_iris_and_offsets(bench: Reader, seed_build: BuildResult) -> None:
    store = open_store(seed_build.out_dir)
    built = {(_text(r["s"]), int(_text(r["start"])), int(_text(r["end"]))) for r in select(store, SENTENCES)}
    markers = {
        (_text(r["m"]), _text(r["fn"]))
        for r in select(store, "SELECT ?m ?fn WHERE { ?m a coi:FootnoteReference ; coi:refersTo ?fn }")
    }
    shown, shown_markers = set(), set()
    for doc_id in (EUAA, NEWS):
        view = bench.document(doc_id)
        shown |= {(s.iri, s.start, s.end) for s in view.sentences}
        shown_markers |= {(m.iri, m.footnote) for p in view.passages for m in p.markers}
    assert shown == built
    assert shown_markers == markers and len(markers) == 18
    view = bench.document(EUAA)
    content = (bench.data_dir / "documents" / EUAA_FILE).read_text(encoding="utf-8")
    for p in view.passages:  # the text shown is the passage's text, markers removed; sentences are in it
        for s in p.sentences:
            assert p.text[s.text_start : s.text_end] == s.text
            assert content[s.start : s.end].startswith(s.text[:10])


def test_footnote_markers_resolve_to_their_citations(bench: Reader) -> None:
    view = bench.document(EUAA)
    footnotes = {f.iri: f for f in view.footnotes}
    markers = [m for p in view.passages for m in p.markers]
    assert [m.label for m in markers] == [str(n) for n in range(537, 555)]
    assert all(m.footnote in footnotes and footnotes[m.footnote].citations for m in markers)
    fn542 = footnotes[f"https://w3id.org/coi-graph/id/doc/{EUAA}/fn542"]
    assert [(c.publisher, c.date) for c in fn542.citations] == [("Al Jazeera", "2025-01-06")]
    assert "What is behind US strategy" in fn542.citations[0].title
    # each marker belongs to the sentence it closes
    sentence = next(s for s in view.sentences if "2 000 US troops" in s.text)
    assert sentence.markers == ["541"] and sentence.footnotes == [f"https://w3id.org/coi-graph/id/doc/{EUAA}/fn541"]


def test_mentions_have_entities_types_and_qids_and_new_names_none(bench: Reader) -> None:
    view = bench.document(EUAA)
    by_text = {m.text: m for m in view.mentions}
    shibani = by_text["Asaad Al-Shibani"]
    assert (shibani.entity, shibani.type, shibani.kind) == (ENT + "asaad-al-shibani", "person", "actor")
    assert by_text["Syria"].wikidata == "Q858"
    passage = next(p for p in view.passages if p.iri == shibani.passage)
    assert passage.text[shibani.text_start : shibani.text_end] == "Asaad Al-Shibani"
    content = (bench.data_dir / "documents" / EUAA_FILE).read_text(encoding="utf-8")
    assert all(content[m.start : m.end] == m.text for m in view.mentions if m.text_start >= 0)
    assert view.new_names and all(m.entity is None and m.new for m in view.new_names)
    assert "Situation" in {m.text for m in view.new_names}
    record = next(r for r in view.to_dict()["mentions"] if r["text"] == "Situation")
    assert record["new"] is True and record["entity"] is None


def test_candidates_come_from_the_draft_with_their_evidence(bench: Reader, data_dir: Path) -> None:
    view = bench.document(EUAA)
    assert view.draft_path == str(data_dir / "drafts" / f"{EUAA}.trig")
    assert [c.number for c in view.candidates] == list(range(1, len(view.candidates) + 1))
    assert len(view.candidates) >= 5 and {c.status for c in view.candidates} == {"pending"}
    for c in view.candidates:
        passage = next(p for p in view.passages if p.iri == c.evidence.passage)
        assert c.evidence.located and passage.text[c.evidence.text_start : c.evidence.text_end] == c.quote
        assert c.evidence.sentences and all(view.sentence(s) for s in c.evidence.sentences)
        assert c.iri == f"https://w3id.org/coi-graph/id/candidate/{EUAA}/{c.number}"
    troops = next(c for c in view.candidates if "2 000 US troops" in c.quote)
    assert troops.footnote_labels == ["541"]
    assert [(t.subject_label, t.predicate_short, t.object_label) for t in troops.triples] == [
        ("US armed forces", "coi:presentAt", "Syria")
    ]
    summary = next(d for d in bench.documents() if d.id == EUAA)
    assert (summary.pending, summary.accepted, summary.rejected) == (len(view.candidates), 0, 0)


def test_claims_are_located_in_their_passages(bench: Reader) -> None:
    view = bench.document(EUAA)
    assert len(view.claims) == 39 and all(c.evidence.located for c in view.claims)
    for c in view.claims:
        passage = next(p for p in view.passages if p.iri == c.evidence.passage)
        assert passage.text[c.evidence.text_start : c.evidence.text_end] == c.quote
    assert {c.iri.rsplit("/", 2)[1] for c in view.claims} == {EUAA}
    news = bench.document(NEWS)
    assert len(news.claims) == 32 and not news.candidates


def test_coverage_counts_sentences_that_need_a_claim(data_dir: Path, tmp_path: Path) -> None:
    view = Reader(data_dir).document(EUAA)
    first = view.sentences[0]  # "For information regarding the involvement of the US-led coalition forces in Syria …"
    assert first.needs_claim and not first.markers and len(first.entities) >= 2
    assert first.state == "pending" and not first.claims and first.candidates
    coverage = view.coverage
    needing = [s for s in view.sentences if s.markers or len(s.entities) >= 2]
    assert coverage.needing == len(needing) == 10
    assert (coverage.covered, coverage.pending, coverage.left) == (9, 1, [])
    assert coverage.progress == pytest.approx(0.9)
    # without the draft, the sentence is left; without the claims, nothing is covered
    copy = tmp_path / "data"
    shutil.copytree(data_dir, copy)
    (copy / "drafts" / f"{EUAA}.trig").unlink()
    bare = Reader(copy).document(EUAA).coverage
    assert (bare.covered, bare.pending, bare.left) == (9, 0, [first.iri])
    (copy / "claims" / "euaa-2025-03-syria-country-focus-s3.4.trig").unlink()
    nothing = Reader(copy).document(EUAA)
    assert nothing.coverage.covered == 0 and nothing.coverage.progress == 0.0
    assert nothing.coverage.left == [s.iri for s in nothing.sentences if s.needs_claim]
    summary = next(d for d in Reader(copy).documents() if d.id == EUAA)
    assert summary.coverage.to_dict()["progress"] == 0.0 and summary.claims == 0


def test_the_view_is_json_for_the_page(bench: Reader) -> None:
    view = bench.document(EUAA)
    data = json.loads(view.to_json())
    assert data["summary"]["id"] == EUAA and data["summary"]["coverage"]["progress"] == pytest.approx(0.9)
    assert [s["iri"] for p in data["passages"] for s in p["sentences"]] == [s.iri for s in view.sentences]
    assert "<" not in view.to_json() and ">" not in view.to_json()  # safe inside HTML too
    with pytest.raises(NotFound):
        bench.document("no-such-document")


def test_entity_search_finds_by_label_alias_and_transliteration(bench: Reader) -> None:
    def first(text: str, types: list[str] | None = None) -> tuple[str, str | None]:
        hits = bench.search_entities(text, types)
        assert hits, text
        return hits[0].iri.removeprefix(ENT), hits[0].alias

    assert first("Syrian Democratic Forces") == ("sdf", None)
    assert first("al-Julani") == ("ahmad-al-sharaa", "al-Julani")  # an alias
    assert first("Julani") == ("ahmad-al-sharaa", "al-Julani")  # without the article
    assert first("Mohammed Shia al-Soudani") == ("mohammed-shia-al-sudani", "Mohammed Shia al-Soudani")  # hidden
    assert first("Āsaad al-Shāybani")[0] == "asaad-al-shibani"  # diacritics
    assert first("Hasaka", ["city"])[0] == "al-hasakah"
    assert first("Hasaka", ["governorate"])[0] == "al-hasakah-governorate"
    hit = bench.search_entities("Syria", ["coi:State"])[0]
    assert (hit.iri, hit.type, hit.wikidata) == (ENT + "syria", "state", "Q858")
    assert all(h.kind == "actor" for h in bench.search_entities("al", ["actor"], limit=50))
    assert len(bench.search_entities("al", limit=3)) == 3
    assert bench.search_entities("") == [] and bench.search_entities("zzqx") == []
