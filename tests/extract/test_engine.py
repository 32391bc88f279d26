"""Mentions, candidate claims, drafts, review and evaluation (issue 5)."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from rdflib import Dataset, URIRef

from coi_graph.compile.pipeline import build
from coi_graph.documents.sentences import split
from coi_graph.errors import InputError
from coi_graph.extract import draft, gazetteer
from coi_graph.extract.candidates import Extractor
from coi_graph.extract.gazetteer import Gazetteer
from coi_graph.extract.mentions import find
from coi_graph.extract.source import open_source
from coi_graph.namespaces import ENT, EV
from coi_graph.vocab import COI
from tests.conftest import DATA, ROOT, run_cli

DOCS = ROOT / "tests" / "documents"
NEWS = DATA / "documents" / "newsaz-2025-10-20-iraq-us-advisers.txt"
REPORT = DATA / "documents" / "euaa-2025-03-syria-country-focus-s3.4.txt"


@pytest.fixture(scope="module")
def names() -> Gazetteer:
    return gazetteer.load(DATA)


def _entity(iri: str | None) -> str | None:
    return iri.rsplit("/", 1)[-1] if iri else None


# --- mentions -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "entity"),
    [
        ("Forces left the al-Tanf base.", "al-Tanf base", "al-tanf-base"),
        ("Forces left the Al Tanf base.", "Al Tanf base", "al-tanf-base"),  # article written apart
        ("Forces left the el-Tanf base.", "el-Tanf base", "al-tanf-base"),
        ("Clashes in Deir Ezzor.", "Deir Ezzor", "deir-ez-zor-governorate"),  # a registry transliteration
        ("Clashes in DEIR EZ-ZOR.", "DEIR EZ-ZOR", "deir-ez-zor-governorate"),  # case
        ("Clashes in Deir ez Zor.", "Deir ez Zor", "deir-ez-zor-governorate"),  # hyphens
        ("Washington’s envoy arrived.", "Washington", "us-government"),  # possessive, curly apostrophe
        ("Raids by Islamic State continued.", "Islamic State", "isil"),
        ("Al-Hasakah was quiet.", "Al-Hasakah", "al-hasakah-governorate"),
        ("Al-Hasakah was quiet.", "Al-Hasakah", "al-hasakah-governorate"),
    ],
)
def test_names_are_matched_whatever_their_spelling(names: Gazetteer, text: str, surface: str, entity: str) -> None:
    found = [m for m in find(text, names) if m.entity]
    assert [(m.text, _entity(m.entity)) for m in found][:1] == [(surface, entity)]
    assert text[found[0].start : found[0].end] == surface


def test_acronyms_match_only_in_capitals(names: Gazetteer) -> None:
    found = find("Tell us what is left of the US presence.", names, candidates=False)
    assert [(m.text, _entity(m.entity)) for m in found] == [("US", "usa")]


def test_metonyms_are_resolved_by_context_or_flagged(names: Gazetteer) -> None:
    agency = find("Washington and Baghdad reached an agreement.", names, candidates=False)
    assert [(m.text, _entity(m.entity), m.flag) for m in agency] == [
        ("Washington", "us-government", None),
        ("Baghdad", "iraqi-government", None),
    ]
    place = find("The minister spoke in Baghdad on Monday.", names, candidates=False)
    assert [(m.text, _entity(m.entity)) for m in place] == [("Baghdad", "baghdad")]
    unclear = find("Baghdad, a city of millions.", names, candidates=False)
    assert unclear[0].entity is None and unclear[0].flag == "metonym"
    assert {_entity(e) for e in unclear[0].ambiguous} == {"baghdad", "iraqi-government"}
    seat = find("He flew to Washington.", names, candidates=False)
    assert seat[0].flag == "metonym" and seat[0].score < 0.8


def test_unknown_capitalised_names_are_candidates(names: Gazetteer) -> None:
    # names the registry does not list (Reuters, the Peshmerga and Makhmour, here before, now are)
    text = "Officials told Zaman al-Wasl the Zeravani moved to Gwer. Soldiers agreed."
    found = find(text, names)
    new = [(m.text, m.entity) for m in found if m.entity is None]
    # a lone capitalised word opening a sentence ("Soldiers") is not taken for a name
    assert new == [("Zaman al-Wasl", None), ("Zeravani", None), ("Gwer", None)]


def test_regression_no_match_across_punctuation(names: Gazetteer) -> None:
    """Regression (hypothesis): 'Iraq; Prime Minister of Iraq' matched 'Iraq; Prime Minister'."""
    found = find("The troops left Iraq. Prime Minister Mohammed Shia al-Sudani said so.", names, candidates=False)
    assert "Iraq. Prime Minister" not in [m.text for m in found]
    assert ("Mohammed Shia al-Sudani", "mohammed-shia-al-sudani") in [(m.text, _entity(m.entity)) for m in found]


def test_mentions_command_jsonl_offsets_match_the_file() -> None:
    result = run_cli("mentions", str(NEWS), "--data", str(DATA))
    assert result.exit_code == 0, result.output
    content = NEWS.read_text(encoding="utf-8")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) > 40
    for record in records:
        assert list(record)[:9] == ["file", "start", "end", "text", "entity", "label", "type", "wikidata", "score"]
        assert content[record["start"] : record["end"]] == record["text"]
    assert {"text": "Ain al-Asad air base", "entity": str(ENT["ain-al-asad-air-base"])}.items() <= next(
        r for r in records if r["text"] == "Ain al-Asad air base"
    ).items()
    iraq = next(r for r in records if r["text"] == "Iraq")
    assert iraq["wikidata"] == "Q796" and iraq["type"] == "state"


def test_mentions_command_csv_and_bad_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    unknown = tmp_path / "unknown.txt"
    unknown.write_text("Officials told Zaman al-Wasl the Zeravani moved to Gwer.\n", encoding="utf-8")
    news = DOCS / "news-web.txt"
    result = run_cli("mentions", str(empty), str(news), str(unknown), "--data", str(DATA), "--format", "csv")
    assert result.exit_code == 2
    assert f"{empty}: the file is empty" in result.stderr
    assert "1 of 3 file(s) could not be read; the others were done" in result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    content = {str(news): news.read_text(encoding="utf-8"), str(unknown): unknown.read_text(encoding="utf-8")}
    assert rows and all(content[r["file"]][int(r["start"]) : int(r["end"])] == r["text"] for r in rows)
    assert {(r["text"], r["entity"]) for r in rows if r["file"] == str(news)} >= {
        ("Reuters", str(ENT["reuters"])), ("Peshmerga", str(ENT["peshmerga"]))
    }  # fmt: skip
    assert {r["text"] for r in rows if not r["entity"]} == {"Zaman al-Wasl", "Zeravani", "Gwer"}


# --- sentences ----------------------------------------------------------------------------------


def test_regression_a_dotted_name_does_not_end_a_sentence() -> None:
    """Regression: 'News.Az' was split as 'News.' + 'Az ...'; 'troops.The' still is."""
    text = "The group was reported by News.Az on Monday. More troops.The officials agreed."
    assert [text[a:b] for a, b in split(text)] == [
        "The group was reported by News.Az on Monday.",
        "More troops.",
        "The officials agreed.",
    ]


# --- candidates ---------------------------------------------------------------------------------


def _atoms(candidates: list) -> set[tuple[str, str, str]]:  # type: ignore[type-arg]
    short = lambda v: v.rsplit("/", 1)[-1].rsplit("#", 1)[-1]  # noqa: E731
    return {tuple(short(x) for x in atom) for c in candidates for atom in c.atoms()}  # type: ignore[misc]


def test_candidates_of_a_test_report(names: Gazetteer) -> None:
    source = open_source(DOCS / "report-glued.txt", DATA)
    candidates = Extractor(source.doc, source.parsed, names).run()
    atoms = _atoms(candidates)
    assert {
        ("Patrol", "agent", "global-coalition"), ("Patrol", "atPlace", "tal-baydar-base"),
        ("Strike", "agent", "isil"), ("Strike", "target", "sdf"), ("Strike", "atPlace", "al-shaddadi-base"),
        ("Statement", "speaker", "usdod"), ("Statement", "about", "us-armed-forces"),
        ("us-armed-forces", "presentAt", "northeastern-syria"), ("sdf", "supports", "usa"),
    } <= atoms  # fmt: skip
    # "According to SOHR": a source the report cites, not a speaker
    assert ("Statement", "speaker", "sohr") not in atoms
    strike = next(c for c in candidates if c.relation == "attacks" and ("Strike", "target", "sdf") in _atoms([c]))
    content = (DOCS / "report-glued.txt").read_text(encoding="utf-8")
    assert strike.quote.startswith("According to SOHR, ISIL cells attacked")
    # the sentence's offsets in the file span the sentence with its glued footnote number
    assert content[strike.start : strike.end].startswith("According to SOHR") and "475" not in strike.quote
    assert [str(f).rsplit("/", 1)[-1] for f in strike.footnotes] == ["fn475"]
    assert strike.modality == COI.Reported  # "According to SOHR"
    assert str(strike.time_value) == "2025-04-12" and strike.time_expression == "on 12\u00a0April 2025"  # as written
    assert strike.time_property == COI.pointInTime
    assert 0 < strike.score <= 1
    denied = next(c for c in candidates if c.quote == "The Coalition did not confirm the attack.")
    assert denied.modality == COI.Negated and denied.rule == "statement"
    assert all(c.quote in {p.text[a:b] for p in source.parsed.passages for a, b in p.sentences} for c in candidates)


def test_candidates_of_a_news_article_resolve_relative_dates(names: Gazetteer) -> None:
    source = open_source(DOCS / "news-web.txt", DATA)
    candidates = Extractor(source.doc, source.parsed, names).run()
    keep = next(c for c in candidates if c.relation == "stationed_at")
    assert _atoms([keep]) == {("global-coalition", "stationedAt", "al-harir-air-base")}
    assert keep.modality == COI.Planned  # "will keep"
    assert (
        keep.time_expression == "on Sunday" and str(keep.time_value) == "2025-06-01"
    )  # the article is of Monday 2 June
    said = next(c for c in candidates if c.relation == "states" and "al-Sudani" in c.quote)
    assert ("Statement", "atPlace", "baghdad") in _atoms([said])
    words = [str(o) for _, p, o in said.triples if p == COI.statementText]
    assert words == ["the coalition’s mission is coming to an end"]


def test_extractor_has_no_rule_for_one_seed_sentence(names: Gazetteer) -> None:
    """The rules work on text the seeds do not contain (invented sentences)."""
    from coi_graph.documents import news

    text = (
        " date 2024-03-04 Test\n\nThe SDF fought ISIL near Raqqa on 1 March 2024. Turkey opposes the SDF. "
        "US forces are stationed at Ain al-Asad air base. The Iraqi government will not withdraw from Baghdad airport.\n"
    )
    parsed = news.parse(text)
    atoms = _atoms(Extractor(URIRef("https://example.org/doc/t"), parsed, names).run())
    assert {("sdf", "fights", "isil"), ("turkey", "opposes", "sdf"),
            ("us-armed-forces", "stationedAt", "ain-al-asad-air-base")} <= atoms  # fmt: skip


# --- drafts, the build, review --------------------------------------------------------------------


def test_extract_writes_a_draft_that_reads_back_and_validates(tmp_path: Path) -> None:
    out = tmp_path / "news.draft.trig"
    result = run_cli("extract", str(NEWS), "--data", str(DATA), "-o", str(out))
    assert result.exit_code == 0, result.output
    doc, candidates = draft.read(out)
    assert str(doc).endswith("/doc/newsaz-2025-10-20-iraq-us-advisers")
    assert candidates and [c.number for c in candidates] == list(range(1, len(candidates) + 1))
    assert all(c.status == COI.Pending for c in candidates)
    # the draft conforms to the candidate shape
    from tests.shape_harness import validate_files

    report = validate_files(out, *sorted((DATA / "entities").glob("*.ttl")))
    assert report.conforms, report.render("text")
    # reading and rendering again gives the same file
    again = draft.render(doc, candidates, source=str(NEWS), draft=str(out))
    assert again == out.read_text(encoding="utf-8")


def test_the_build_refuses_candidates_in_data(data_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "d.trig"
    run_cli("extract", str(NEWS), "--data", str(data_copy), "-o", str(out))
    (data_copy / "claims" / "draft.trig").write_text(out.read_text(encoding="utf-8"), encoding="utf-8")
    result = run_cli("build", "--data", str(data_copy), "--out", str(tmp_path / "build"))
    assert result.exit_code == 2
    assert "is a candidate claim: unreviewed candidates never enter the graph" in result.stderr
    assert "draft.trig" in result.stderr


def test_the_build_refuses_an_undefined_coi_term(data_copy: Path, tmp_path: Path) -> None:
    path = data_copy / "claims" / "newsaz-2025-10-20-iraq-us-advisers.trig"
    path.write_text(path.read_text(encoding="utf-8").replace("coi:fights ent:isil", "coi:fightz ent:isil", 1),
                    encoding="utf-8")  # fmt: skip
    result = run_cli("build", "--data", str(data_copy), "--out", str(tmp_path / "build"))
    assert result.exit_code == 2
    assert "uses coi:fightz, which the ontology does not define" in result.stderr
    assert "newsaz-2025-10-20-iraq-us-advisers.trig:" in result.stderr


def test_review_accepts_rejects_and_edits_then_the_build_takes_the_claims(data_copy: Path, tmp_path: Path) -> None:
    assert run_cli("ingest", str(DOCS / "news-web.txt"), "--data", str(data_copy), "--publisher", "News.Az",
                   "--id", "test-news-web").exit_code == 0  # fmt: skip
    text_path = data_copy / "documents" / "test-news-web.txt"
    out = tmp_path / "d.trig"
    assert run_cli("extract", str(text_path), "--data", str(data_copy), "-o", str(out)).exit_code == 0
    _, candidates = draft.read(out)
    first, second = candidates[:2]
    # the one edited is the candidate of "Washington did not comment.": those before it are skipped
    third = next(c for c in candidates if c.quote == "Washington did not comment.")
    skipped = candidates[2 : candidates.index(third)]
    edit = 'ev:no-comment a coi:Statement ; rdfs:label "US government declines comment"@en ; coi:speaker ent:us-government .'
    answers = "a\nr\n" + "s\n" * len(skipped) + f"e\n{edit}\nWashington did not comment\nnegated\nq\n"
    result = _review(out, data_copy, answers)
    assert result.exit_code == 0, result.output
    assert "1 rejected; 2 filed in" in result.stderr
    _, after = draft.read(out)
    status = {c.number: c.status for c in after}
    assert status[first.number] == COI.Accepted and status[second.number] == COI.Rejected
    assert status[third.number] == COI.Accepted
    decided = {first.number, second.number, third.number}
    assert all(c.status == COI.Pending for c in after if c.number not in decided)
    accepted = next(c for c in after if c.number == first.number)
    assert accepted.reviewed_by == "A. Analyst" and accepted.reviewed_on == date(2026, 11, 25)
    assert accepted.accepted_as is not None
    filed = (data_copy / "claims" / "test-news-web.trig").read_text(encoding="utf-8")
    prefixes = [line for line in filed.splitlines() if line.startswith("@prefix")]
    assert len(prefixes) == len(set(prefixes)), "a new claims file declares each prefix once (regression)"
    claims = Dataset()
    claims.parse(data_copy / "claims" / "test-news-web.trig", format="trig")
    described = claims.default_graph
    assert (accepted.accepted_as, COI.reviewedBy, None) in described
    edited = next(c for c in after if c.number == third.number).accepted_as
    assert str(described.value(edited, COI.quote)) == "Washington did not comment"
    assert described.value(edited, COI.modality) == COI.Negated
    assert (EV["no-comment"], COI.speaker, ENT["us-government"]) in claims.graph(edited)
    built = build(data_copy, tmp_path / "build")
    assert built.report.conforms and built.summary.counts["claims"] == 71 + 2
    # reviewing again shows only what is still pending; rejected stays rejected
    result = _review(out, data_copy, "q\n")
    assert f"{len(after) - 3} pending of {len(after)}" in result.stderr


def test_review_files_nothing_when_the_accepted_claims_do_not_validate(data_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "d.trig"
    run_cli("extract", str(NEWS), "--data", str(data_copy), "-o", str(out))
    claims = data_copy / "claims" / "newsaz-2025-10-20-iraq-us-advisers.trig"
    before = claims.read_bytes()
    # an edit to a quote the passage does not hold cannot pass: edit the triples to an unknown entity instead
    result = _review(out, data_copy, "e\nent:nobody-known coi:supports ent:usa .\n\n\nq\n")
    assert result.exit_code == 1
    assert "the accepted claims do not validate; nothing was filed" in result.stderr
    assert "ent:nobody-known" in result.stderr or "nobody-known" in result.stderr
    assert claims.read_bytes() == before
    _, after = draft.read(out)
    assert after[0].status == COI.Pending  # not filed, so still pending; the edit is kept in the draft


def test_review_of_a_document_not_filed_says_to_ingest_first(tmp_path: Path, data_copy: Path) -> None:
    out = tmp_path / "d.trig"
    assert run_cli("extract", str(DOCS / "report-glued.txt"), "--data", str(data_copy), "-o", str(out)).exit_code == 0
    result = _review(out, data_copy, "a\nq\n")
    assert result.exit_code == 2
    assert "is not filed in" in result.stderr and "coi-graph ingest" in result.stderr


def test_a_broken_draft_is_an_error_with_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.trig"
    bad.write_text("@prefix coi: <https://w3id.org/coi-graph/ontology#> .\n\ncand:1 { broken", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        draft.read(bad)
    assert f"{bad}:" in caught.value.render()


def _review(draft_path: Path, data_dir: Path, answers: str):  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    from coi_graph.cli import main

    return CliRunner().invoke(
        main,
        ["review", str(draft_path), "--data", str(data_dir), "--reviewer", "A. Analyst", "--date", "2026-11-25"],
        input=answers,
        catch_exceptions=False,
    )


# --- evaluation ---------------------------------------------------------------------------------


def test_evaluate_prints_precision_and_recall_against_both_gold_standards() -> None:
    result = run_cli(
        "evaluate", "--data", str(DATA), "--annotations", str(DOCS / "annotations.json"), "--format", "json"
    )
    assert result.exit_code == 0, result.output
    rows = {r["measure"]: r for r in json.loads(result.stdout)}
    assert set(rows) >= {
        "curated: entities of the claims, per passage", "curated: candidate atoms",
        "annotated: mentions (span and entity)", "annotated: candidate atoms",
    }  # fmt: skip
    for row in rows.values():
        assert row["predicted"] >= row["matched"] and row["gold"] > 0
    # floors well under today's figures (docs/ingest.md): a regression, not a tuning target
    assert rows["annotated: mentions (span and entity)"]["recall"] >= 85
    assert rows["annotated: mentions (span and entity)"]["precision"] >= 90
    assert rows["curated: entities of the claims, per passage"]["recall"] >= 70
    assert rows["annotated: candidate atoms"]["recall"] >= 60
    assert rows["curated: candidate atoms"]["recall"] >= 20


def test_docs_ingest_reports_the_current_figures() -> None:
    result = run_cli("evaluate", "--data", str(DATA), "--annotations", str(DOCS / "annotations.json"))
    page = (ROOT / "docs" / "ingest.md").read_text(encoding="utf-8")
    assert result.stdout in page, "regenerate the table in docs/ingest.md with the command shown there"


def test_annotations_are_consistent_with_their_documents() -> None:
    data = json.loads((DOCS / "annotations.json").read_text(encoding="utf-8"))
    for name, gold in data["documents"].items():
        content = (DOCS / name).read_text(encoding="utf-8")
        for mention in gold["mentions"]:
            assert content[mention["start"] : mention["end"]] == mention["text"]
        for claim in gold["claims"]:
            assert claim["sentence"].replace("\u00a0", " ")[:20] in content.replace("\u00a0", " ")


def test_wikidata_aliases_of_the_enrichment_cache_are_names(data_copy: Path) -> None:
    cache = data_copy / "enrichment"
    cache.mkdir()
    (cache / "wikidata.json").write_text(
        json.dumps({"entities": {str(ENT["sdf"]): {
            "labels": {"ar": {"language": "ar", "value": "قوات سوريا الديمقراطية"}},
            "aliases": {"en": [{"language": "en", "value": "Qasad"}]},
        }}}),
        encoding="utf-8",
    )  # fmt: skip
    names = gazetteer.load(data_copy)
    text = "Qasad fighters and قوات سوريا الديمقراطية units."
    found = [(m.text, _entity(m.entity)) for m in find(text, names, candidates=False)]
    assert found == [("Qasad", "sdf"), ("قوات سوريا الديمقراطية", "sdf")]
    assert find(text, gazetteer.load(DATA), candidates=False) == []  # without the cache, neither is known


def test_extract_reports_a_bad_file_and_goes_on(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = run_cli("extract", str(empty), str(DOCS / "news-web.txt"), "--data", str(DATA))
    assert result.exit_code == 2
    assert f"{empty}: the file is empty" in result.stderr and "Traceback" not in result.output
    assert "a coi:CandidateClaim" in result.stdout
