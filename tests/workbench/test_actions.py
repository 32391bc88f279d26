"""The workbench's actions (issue 17) on a copy of data/ with a draft extracted from a seed document: accept,
edit, reject, add a claim from a span, create an entity, undo; the build then takes the new claims in and a
saved query returns them with their quotes and footnotes. Bad edits are refused, field by field, and leave
every file as it was."""

from __future__ import annotations

import csv
import io
import shutil
from datetime import date
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import SKOS

from coi_graph.namespaces import CLAIM, ENT
from coi_graph.vocab import COI
from coi_graph.workbench.actions import ActionResult, Workbench, draft_path
from tests.conftest import DATA, run_cli

DOC_ID = "euaa-2025-03-syria-country-focus"
SOURCE = "euaa-2025-03-syria-country-focus-s3.4"
DAY = date(2026, 12, 8)


def cand(number: int) -> str:
    return f"cand:{DOC_ID}/{number}"


def extracted(tmp_path: Path) -> Path:
    """data/ copied, with the draft `coi-graph extract` makes of the EUAA section in data/drafts/."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    (target / "drafts").mkdir()
    draft = target / "drafts" / f"{DOC_ID}.trig"
    result = run_cli("extract", str(target / "documents" / f"{SOURCE}.txt"), "--data", str(target), "-o", str(draft))
    assert result.exit_code == 0, result.stderr
    return target


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return extracted(tmp_path)


@pytest.fixture
def bench(data: Path) -> Workbench:
    return Workbench(data, "A. Analyst", DAY, cache_dir=None)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def claims_graph(data: Path) -> Dataset:
    dataset = Dataset()
    dataset.parse(data / "claims" / f"{SOURCE}.trig", format="trig")
    return dataset


def ok(result: ActionResult) -> ActionResult:
    assert result.ok, result.render()
    return result


def test_draft_path_is_the_document_id_in_drafts(data: Path) -> None:
    assert draft_path(data, f"https://w3id.org/coi-graph/id/doc/{DOC_ID}") == data / "drafts" / f"{DOC_ID}.trig"
    moved = data / "drafts" / "renamed.trig"
    (data / "drafts" / f"{DOC_ID}.trig").rename(moved)
    assert draft_path(data, DOC_ID) == moved  # found by the header that names the document


def test_a_session_of_actions_then_the_build_and_a_saved_query(data: Path, bench: Workbench, tmp_path: Path) -> None:
    accepted = ok(bench.accept(cand(2)))  # as proposed
    assert accepted.written == [data / "claims" / f"{SOURCE}.trig", data / "drafts" / f"{DOC_ID}.trig"]
    first = accepted.claims[0]
    edited = ok(bench.accept(cand(6), {"object": "ent:hts", "start": "2024-12-20", "start_precision": "month",
                                       "modality": "reported"}))  # fmt: skip
    ok(bench.reject(cand(1), "points to another report"))
    sentence = "Moreover, the US-led Global Coalition and the SDF conducted joint military exercises"
    passage = f"doc:{DOC_ID}/s3.4-p4"
    text = bench.documents.source(URIRef(f"https://w3id.org/coi-graph/id/doc/{DOC_ID}")).parsed.passages[3].text
    start = text.index(sentence)
    added = ok(bench.add_claim(DOC_ID, passage, start, start + len(sentence), fields={
        "relation": "coi:cooperatesWith", "subject": "ent:global-coalition", "object": "ent:sdf"}))  # fmt: skip
    created = ok(bench.create_entity("non-state armed group", "Hasaka Tribal Force", ["HTF"]))
    assert created.entity == ENT["hasaka-tribal-force"] and created.written == [data / "entities" / "reviewed.ttl"]
    assert "no Wikidata proposal" in created.notes[0]
    used = ok(bench.add_claim(DOC_ID, passage, start, start + len(sentence), fields={
        "relation": "coi:supports", "subject": "ent:global-coalition", "object": "ent:hasaka-tribal-force",
        "modality": "possible", "start": "2025-01", "end": "2025-02"}))  # fmt: skip

    claims = claims_graph(data)
    d = claims.default_graph
    assert (first, COI.reviewedBy, None) in d and str(d.value(first, COI.reviewedOn)) == "2026-12-08"
    assert str(d.value(first, COI.footnote)).endswith("/fn541") and d.value(first, COI.sentence) is not None
    strike = edited.claims[0]
    assert (None, COI.target, ENT.hts) in claims.graph(strike)
    assert str(d.value(strike, COI.pointInTime)) == "2024-12" and d.value(strike, COI.modality) == COI.Reported
    assert str(d.value(strike, COI.pointInTime).datatype).endswith("gYearMonth")  # type: ignore[union-attr]
    new = added.claims[0]
    assert str(d.value(new, COI.quote)) == sentence
    assert str(d.value(new, COI.sentence)).endswith("s3.4-p4-s2")
    # the words stop before a marker; the next marker backs them (as in the curated claims), not the sentence's last
    assert {str(f).rsplit("/", 1)[-1] for f in d.objects(new, COI.footnote)} == {"fn552"}
    assert (ENT["global-coalition"], COI.supports, ENT["hasaka-tribal-force"]) in claims.graph(used.claims[0])
    draft = (data / "drafts" / f"{DOC_ID}.trig").read_text(encoding="utf-8")
    assert 'skos:editorialNote "points to another report"' in draft and draft.count("coi:Accepted ;") == 2

    out = tmp_path / "build"
    result = run_cli("build", "--data", str(data), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    rows = _query(out, "presence", "actor=ent:us-armed-forces")
    mine = [r for r in rows if r["claim"] == str(first)]
    assert mine and mine[0]["quote"].startswith("According to the US Department of Defense")
    assert mine[0]["footnotes"] == "541"
    rows = _query(out, "relations", "actor=ent:hasaka-tribal-force")
    assert [r["claim"] for r in rows] == [str(used.claims[0])] and rows[0]["quote"] == sentence


def _query(out: Path, name: str, param: str) -> list[dict[str, str]]:
    result = run_cli("query", "run", name, "--param", param, "--build", str(out), "--format", "csv")
    assert result.exit_code == 0, result.stderr
    return list(csv.DictReader(io.StringIO(result.stdout)))


def test_undo_restores_exactly_the_files_of_the_last_action(data: Path, bench: Workbench) -> None:
    before = snapshot(data)
    ok(bench.create_entity("armed force", "Workbench Guard"))
    middle = snapshot(data)
    ok(bench.accept(cand(3), {"subject": "ent:us-government"}))
    assert snapshot(data) != middle
    assert ok(bench.undo()).written == [data / "claims" / f"{SOURCE}.trig", data / "drafts" / f"{DOC_ID}.trig"]
    assert snapshot(data) == middle
    ok(bench.undo())
    assert snapshot(data) == before  # reviewed.ttl, which the action created, is gone again
    assert not bench.undo().ok


def test_undo_refuses_when_a_file_changed_since(data: Path, bench: Workbench) -> None:
    ok(bench.reject(cand(1), "not a claim"))
    path = data / "drafts" / f"{DOC_ID}.trig"
    path.write_text(path.read_text(encoding="utf-8") + "\n# a note\n", encoding="utf-8")
    result = bench.undo()
    assert not result.ok and "changed since the reject" in result.violations[0].message


@pytest.mark.parametrize(
    ("number", "edits", "field", "words"),
    [
        (2, {"object": "ent:al-omar-oil-field", "relation": "coi:supports"}, "object",
         "is an oil field, not an actor: coi:supports takes an actor as its object"),
        (6, {"start": "2024-12", "end": "2024-11-30"}, "end", "the end (2024-11-30) is before the start (2024-12)"),
        (3, {"quote": "the US would continue its deployment in Syria"}, "quote", "not in the claim's sentence"),
        (2, {"start": "2024-13"}, "start", "is not a real month"),
        (2, {"start": "2024-12", "start_precision": "day"}, "start", "has no day"),
        (2, {"modality": "certain"}, "modality", "is not a modality"),
        (2, {"subject": "ent:no-such-entity"}, "subject", "is not an entity of the registry"),
        (2, {"start": "2025-06-01"}, "start", "after the document's date"),
    ],
)  # fmt: skip
def test_bad_edits_are_refused_field_by_field_and_nothing_changes(data: Path, bench: Workbench, number: int,
                                                                  edits: dict[str, str], field: str,
                                                                  words: str) -> None:  # fmt: skip
    before = snapshot(data)
    result = bench.accept(cand(number), edits)
    assert not result.ok and result.written == []
    assert [v.field for v in result.violations] == [field], result.render()
    assert words in result.violations[0].message
    assert snapshot(data) == before


def test_what_only_the_shapes_see_is_refused_with_its_field(data: Path, bench: Workbench) -> None:
    """A statement's words not in the passage: the SHACL constraint of coish:ClaimShape refuses it, on the
    scratch copy, tied to the field that holds them; triples that are not Turtle are refused before that."""
    before = snapshot(data)
    statement = 'ev:s a coi:Statement ; rdfs:label "s"@en ; coi:speaker ent:biden-administration ; '
    result = bench.accept(cand(3), {"triples": statement + 'coi:statementText "words nobody wrote"'})
    assert not result.ok and [v.field for v in result.violations] == ["triples"], result.render()
    assert "A statement in this claim quotes words that are not in the claim's passage" in result.violations[0].message
    syntax = bench.accept(cand(2), {"triples": "ent:us-armed-forces coi:presentAt"})
    assert not syntax.ok and syntax.violations[0].field == "triples" and "not Turtle" in syntax.violations[0].message
    assert snapshot(data) == before


def test_the_same_action_on_the_same_input_writes_the_same_bytes(data: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    shutil.copytree(data, other)
    for folder in (data, other):
        bench = Workbench(folder, "A. Analyst", DAY, cache_dir=None)
        ok(bench.accept(cand(6), {"modality": "reported"}))
        ok(bench.reject(cand(1), "see section 1.3.4"))
    assert snapshot(data) == snapshot(other)


def test_a_rejected_or_accepted_candidate_is_no_longer_pending(bench: Workbench) -> None:
    ok(bench.reject(cand(1), "no"))
    result = bench.accept(cand(1))
    assert not result.ok and result.violations[0].field == "status"
    assert not bench.reject(cand(2), " ").ok  # a rejection says why


def test_edit_changes_a_pending_candidate_in_the_draft_only(data: Path, bench: Workbench) -> None:
    claims = (data / "claims" / f"{SOURCE}.trig").read_bytes()
    result = ok(bench.edit(cand(2), {"modality": "reported", "attributed_to": "ent:us-government"}))
    assert result.written == [data / "drafts" / f"{DOC_ID}.trig"]
    assert (data / "claims" / f"{SOURCE}.trig").read_bytes() == claims
    text = (data / "drafts" / f"{DOC_ID}.trig").read_text(encoding="utf-8")
    assert "coi:attributedTo ent:us-government" in text and "coi:Pending" in text


def test_create_entity_refuses_a_name_the_registry_has_and_an_unknown_type(bench: Workbench, data: Path) -> None:
    before = snapshot(data)
    taken = bench.create_entity("country", "Syria")
    assert not taken.ok and taken.violations[0].field == "label" and "ent:syria" in taken.violations[0].message
    kind = bench.create_entity("dragon", "Smaug")
    assert not kind.ok and kind.violations[0].field == "type"
    assert snapshot(data) == before


def test_create_entity_proposes_wikidata_from_the_cache_only(data: Path, tmp_path: Path,
                                                             httpserver: object) -> None:  # fmt: skip
    from tests.link.test_link import FakeWikidata

    wikidata = FakeWikidata(httpserver)  # type: ignore[arg-type]
    cache = tmp_path / "cache"
    online = Workbench(data, "A. Analyst", DAY, cache_dir=cache, allow_network=True, endpoint=wikidata.endpoint,
                       api=wikidata.api)  # fmt: skip
    result = ok(online.create_entity("governorate", "Raqqa Province", ["Ar-Raqqah Province"]))
    assert result.proposals and all(p.status == COI.LinkCandidate for p in result.proposals)
    links = Graph().parse(data / "links" / "wikidata.ttl", format="turtle")
    assert (None, COI.linkOf, ENT["raqqa-province"]) in links
    assert (None, COI.linkStatus, COI.LinkConfirmed) in links  # the seed's own links, untouched
    assert not [s for s in links.subjects(COI.linkOf, ENT["raqqa-province"])
                if (s, COI.linkStatus, COI.LinkConfirmed) in links]  # fmt: skip
    ok(online.undo())
    requests = len(wikidata.requests)
    offline = Workbench(data, "A. Analyst", DAY, cache_dir=cache, endpoint=wikidata.endpoint, api=wikidata.api)
    again = ok(offline.create_entity("governorate", "Raqqa Province", ["Ar-Raqqah Province"]))
    assert [p.qid for p in again.proposals] == [p.qid for p in result.proposals]
    assert len(wikidata.requests) == requests  # all from the cache
    nothing = Workbench(data, "A. Analyst", DAY, cache_dir=tmp_path / "empty")
    other = ok(nothing.create_entity("governorate", "Deir Province"))
    assert other.proposals == [] and "not in the cache" in other.notes[0]


def test_accepting_a_candidate_that_uses_a_proposed_entity_files_the_entity(data: Path, bench: Workbench) -> None:
    draft = data / "drafts" / f"{DOC_ID}.trig"
    text = draft.read_text(encoding="utf-8").replace("ent:syria .\n}", "ent:raqqa-plain .\n}", 1)
    text += '\nent:raqqa-plain a coi:Region ;\n    skos:prefLabel "Raqqa plain"@en .\n'
    draft.write_text(text, encoding="utf-8")
    refused = bench.accept(cand(1), confirm_entities=False)
    assert not refused.ok and "ent:raqqa-plain" in refused.violations[0].message
    assert refused.unconfirmed == [(str(ENT["raqqa-plain"]), "Raqqa plain", "region")]  # what the page asks about
    result = ok(bench.accept(cand(1), {"start": ""}))
    assert data / "entities" / "reviewed.ttl" in result.written
    reviewed = Graph().parse(data / "entities" / "reviewed.ttl", format="turtle")
    assert (ENT["raqqa-plain"], SKOS.prefLabel, None) in reviewed
    assert CLAIM[f"{DOC_ID}/40"] in result.claims


@pytest.mark.parametrize(
    ("words", "footnotes"),
    [
        # markers after each place: the words carry those in them or right after them, not all seven
        ("their military bases in Hasaka (including those in Qasrik, Al-Shaddadi", {"fn545", "fn546"}),
        ("Raqqa, and Deir Ez-Zor (Koniko Gas Field and Al-Omar Oil Field)", {"fn549", "fn550"}),
        # words without a marker of their own carry the next one in the sentence (here the one closing it)
        ("strikes by the US-led coalition on ISIL targets", {"fn544"}),
    ],
)
def test_a_claim_from_words_carries_the_footnotes_of_its_markers(bench: Workbench, data: Path, words: str,
                                                                 footnotes: set[str]) -> None:  # fmt: skip
    doc = bench.documents.source(URIRef(f"https://w3id.org/coi-graph/id/doc/{DOC_ID}")).parsed
    passage = next(p for p in doc.passages if words in p.text)
    start = passage.text.index(words)
    result = bench.add_claim(DOC_ID, f"doc:{DOC_ID}/s3.4-p{passage.ordinal}", start, start + len(words), fields={
        "relation": "coi:presentAt", "subject": "ent:global-coalition", "object": "ent:raqqa-governorate"})  # fmt: skip
    assert result.ok, result.violations
    d = claims_graph(data).default_graph
    assert {str(f).rsplit("/", 1)[-1] for f in d.objects(result.claims[0], COI.footnote)} == footnotes


def test_nothing_to_claim_is_kept_beside_the_drafts_and_counts_as_covered(data: Path, bench: Workbench) -> None:
    from coi_graph.workbench.reader import Reader

    doc = f"https://w3id.org/coi-graph/id/doc/{DOC_ID}"
    view = Reader(data).document(DOC_ID)
    (sentence,) = [s for s in view.sentences if s.needs_claim and not s.claims]  # the one the seed's claims leave
    was = sentence.state
    before = snapshot(data)
    refused = bench.nothing_to_claim(DOC_ID, sentence.iri, "  ")
    assert not refused.ok and refused.violations[0].field == "reason"
    refused = bench.nothing_to_claim(DOC_ID, sentence.passage, "a cross-reference")
    assert not refused.ok and "choose one of its sentences" in refused.violations[0].message
    refused = bench.nothing_to_claim(DOC_ID, f"{doc}/s9.9-p1-s1", "a cross-reference")
    assert not refused.ok and refused.violations[0].field == "passage"
    assert snapshot(data) == before

    done = ok(bench.nothing_to_claim(DOC_ID, sentence.iri, "a cross-reference to section 1.3.4"))
    path = data / "drafts" / f"{DOC_ID}.coverage.ttl"
    assert done.written == [path]
    text = path.read_text(encoding="utf-8")
    assert f"<{sentence.iri}/nothing-to-claim> a coi:NothingToClaim ;" in text
    assert 'skos:editorialNote "a cross-reference to section 1.3.4" ;' in text
    assert 'coi:decidedBy "A. Analyst" ;' in text and 'coi:decidedOn "2026-12-08"^^xsd:date .' in text
    again = Reader(data).document(DOC_ID)
    counted = again.coverage
    assert counted.nothing == 1 and counted.left == [] and counted.pending == 0 and counted.progress == 1.0
    (decided,) = [s for s in again.sentences if s.iri == sentence.iri]
    assert decided.state == "nothing" and decided.nothing.startswith("a cross-reference to section 1.3.4 (A. Analyst")
    # the shapes accept the file as written, and the build never reads it
    from tests.shape_harness import validate_files

    assert validate_files(path).conforms
    ok(bench.undo())
    assert snapshot(data) == before
    assert [s.state for s in Reader(data).document(DOC_ID).sentences if s.iri == sentence.iri] == [was]


def test_the_footnotes_of_a_claim_are_chosen_among_the_markers_of_its_sentence(data: Path, bench: Workbench) -> None:
    words = "their military bases in Hasaka (including those in Qasrik, Al-Shaddadi"
    doc = bench.documents.source(URIRef(f"https://w3id.org/coi-graph/id/doc/{DOC_ID}")).parsed
    passage = next(p for p in doc.passages if words in p.text)
    start = passage.text.index(words)
    fields = {"relation": "coi:presentAt", "subject": "ent:global-coalition", "object": "ent:al-hasakah-governorate"}
    before = snapshot(data)
    refused = bench.add_claim(DOC_ID, f"doc:{DOC_ID}/s3.4-p{passage.ordinal}", start, start + len(words),
                              fields={**fields, "footnotes": "545 999"})  # fmt: skip
    assert not refused.ok and refused.violations[0].field == "footnotes"
    assert "999: no footnote marker of the claim's sentence" in refused.violations[0].message
    assert "545, 546, 547" in refused.violations[0].message  # the markers it may choose from
    assert snapshot(data) == before
    chosen = ok(bench.add_claim(DOC_ID, f"doc:{DOC_ID}/s3.4-p{passage.ordinal}", start, start + len(words),
                                fields={**fields, "footnotes": "546"}))  # fmt: skip
    d = claims_graph(data).default_graph
    assert {str(f).rsplit("/", 1)[-1] for f in d.objects(chosen.claims[0], COI.footnote)} == {"fn546"}
    # a candidate's footnotes are edited the same way, and cleared with an empty field
    edited = ok(bench.accept(cand(2), {"footnotes": ""}))
    assert list(claims_graph(data).default_graph.objects(edited.claims[0], COI.footnote)) == []
