"""The curated seed data against the documents themselves, read independently of the shapes."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import RDF

from coi_graph.documents import euaa, news
from coi_graph.documents.dates import TimeValue, resolve
from coi_graph.documents.text import read_text
from coi_graph.link.model import QID as QID_FORM
from coi_graph.link.model import load as load_links
from coi_graph.link.model import materialise
from coi_graph.registry import LabelIndex
from coi_graph.resources import ontology_path
from coi_graph.vocab import COI
from tests.conftest import DATA, SHARED

DOC = "https://w3id.org/coi-graph/id/doc/"
REPORT_ID = DOC + "euaa-2025-03-syria-country-focus"
ARTICLE_ID = DOC + "newsaz-2025-10-20-iraq-us-advisers"
DOCUMENT_DATES = {REPORT_ID: date(2025, 3, 31), ARTICLE_ID: date(2025, 10, 20)}


def _passages() -> dict[str, str]:
    report = euaa.parse(read_text(DATA / "documents" / "euaa-2025-03-syria-country-focus-s3.4.txt"))
    article = news.parse(read_text(DATA / "documents" / "newsaz-2025-10-20-iraq-us-advisers.txt"))
    texts = {f"{REPORT_ID}/s3.4-p{p.ordinal}": p.text for p in report.passages}
    texts.update({f"{ARTICLE_ID}/p{p.ordinal}": p.text for p in article.passages})
    return texts


PASSAGES = _passages()


def _claims() -> Dataset:
    dataset = Dataset()
    for path in sorted((DATA / "claims").glob("*.trig")):
        dataset.parse(path, format="trig")
    return dataset


CLAIMS = _claims()
CONTENT = Graph()
for _s, _p, _o, _g in CLAIMS.quads((None, None, None, None)):
    if _g is not None and _g != DATASET_DEFAULT_GRAPH_ID:
        CONTENT.add((_s, _p, _o))
DESCRIPTIONS = CLAIMS.graph(DATASET_DEFAULT_GRAPH_ID)
CLAIM_IRIS = sorted(DESCRIPTIONS.subjects(RDF.type, COI.Claim))
REGISTRY = Graph()
for _path in sorted((DATA / "entities").glob("*.ttl")) + sorted((DATA / "links").glob("*.ttl")):
    REGISTRY.parse(_path, format="turtle")
REGISTRY += materialise(REGISTRY)  # the confirmed Wikidata links give coi:wikidata, as in the build


def test_both_documents_are_encoded_with_about_thirty_claims_or_more() -> None:
    by_document = {REPORT_ID: 0, ARTICLE_ID: 0}
    for claim in CLAIM_IRIS:
        passage = str(DESCRIPTIONS.value(claim, COI.passage))
        by_document[passage.rsplit("/", 1)[0]] += 1
    assert by_document[REPORT_ID] >= 30
    assert by_document[ARTICLE_ID] >= 20


@pytest.mark.parametrize("claim", CLAIM_IRIS, ids=lambda c: str(c).split("/claim/")[-1])
def test_every_quote_is_verbatim_in_its_passage(claim: URIRef) -> None:
    quote = str(DESCRIPTIONS.value(claim, COI.quote))
    passage = str(DESCRIPTIONS.value(claim, COI.passage))
    assert passage in PASSAGES, f"{claim} points at unknown passage {passage}"
    assert quote in PASSAGES[passage]


def test_every_claim_has_content() -> None:
    empty = [c for c in CLAIM_IRIS if len(CLAIMS.graph(c)) == 0]
    assert empty == []


def test_every_footnote_of_the_section_backs_some_claim() -> None:
    cited = {str(fn).rsplit("fn", 1)[-1] for fn in DESCRIPTIONS.objects(None, COI.footnote)}
    assert cited == {str(n) for n in range(537, 555)}


def test_every_factual_passage_has_claims() -> None:
    used = {str(p) for p in DESCRIPTIONS.objects(None, COI.passage)}
    # passage 1 of section 3.4 only points the reader to another report
    assert set(PASSAGES) - used == {f"{REPORT_ID}/s3.4-p1"}


def test_news_statements_are_attributed_to_their_speaker() -> None:
    speakers = {
        str(stmt): {str(s) for s in CONTENT.objects(stmt, COI.speaker)}
        for stmt in CONTENT.subjects(RDF.type, COI.Statement)
    }
    sudani = [s for s, who in speakers.items() if "mohammed-shia-al-sudani" in " ".join(who)]
    assert len(sudani) >= 6
    content_claims = [
        c
        for c in CLAIM_IRIS
        if str(c).startswith(DOC.replace("/doc/", "/claim/") + "newsaz")
        and DESCRIPTIONS.value(c, COI.accordingTo) is not None
    ]
    assert len(content_claims) >= 8
    for claim in content_claims:
        statement = DESCRIPTIONS.value(claim, COI.accordingTo)
        assert speakers.get(str(statement)), f"{claim}: statement {statement} has no speaker"


def test_relative_times_match_the_resolver() -> None:
    """A time expression that the resolver understands gives the time the claim records."""
    checked = 0
    for claim in CLAIM_IRIS:
        expression = DESCRIPTIONS.value(claim, COI.timeExpression)
        if expression is None:
            continue
        document = str(DESCRIPTIONS.value(claim, COI.passage)).rsplit("/", 1)[0]
        resolved = resolve(str(expression), DOCUMENT_DATES[document])
        if resolved is None:
            continue
        recorded = {
            str(v) for p in (COI.pointInTime, COI.startTime, COI.endTime, COI.asOf)
            for v in DESCRIPTIONS.objects(claim, p)
        }  # fmt: skip
        assert resolved.value.lexical in recorded, f"{claim}: {expression!r} resolves to {resolved.value.lexical}"
        if resolved.approximate:
            assert DESCRIPTIONS.value(claim, COI.timeApproximate) is not None
        checked += 1
    assert checked >= 10
    assert TimeValue(2024).lexical in {str(v) for v in DESCRIPTIONS.objects(None, COI.pointInTime)}  # "last year"


@pytest.mark.parametrize(
    "names",
    [
        ("Ain Al-Arab", "Kobani"),
        ("Deir Ez-Zor", "Deir ez-Zor", "Deir Ezzor"),
        ("ISIL", "ISIS", "IS", "Islamic State", "Daesh"),
        ("Koniko", "Conoco"),
        ("Hasaka", "Al-Hasakah"),
        ("the Pentagon", "US Department of Defense", "USDOD"),
    ],
)
def test_aliases_name_one_entity(names: tuple[str, ...]) -> None:
    index = LabelIndex(REGISTRY, Graph().parse(ontology_path(), format="turtle"))
    found = [index.lookup(name) for name in names]
    assert all(len(f) == 1 for f in found), found
    assert len(set().union(*found)) == 1


def _verified_qids() -> dict[str, str]:
    path = SHARED / "reference" / "wikidata-verified.tsv"
    if not path.is_file():
        pytest.skip(f"{path} not present (CI has ../shared beside the clone)")
    with path.open(encoding="utf-8") as handle:
        return {row["wikidata"]: row["label"] for row in csv.DictReader(handle, delimiter="\t")}


def test_every_qid_is_verified() -> None:
    verified = _verified_qids()
    used = {str(q) for q in REGISTRY.objects(None, COI.wikidata)}
    assert used, "no QIDs at all"
    assert used <= set(verified), f"unverified QIDs: {sorted(used - set(verified))}"


def test_every_confirmed_link_is_well_formed_and_carries_its_evidence() -> None:
    verified = _verified_qids()
    decisions = load_links(DATA)
    assert decisions
    for decision in decisions:
        assert QID_FORM.match(decision.qid), decision
        if decision.status == COI.LinkConfirmed:
            assert decision.evidence and decision.score >= 0.9, decision
            if decision.method == COI.VerifiedByHand:
                assert decision.qid in verified, decision
                assert f"'{verified[decision.qid]}'" in " ".join(decision.evidence), decision
    # no entity file holds a QID of its own: the decisions are the one place
    for path in (DATA / "entities").glob("*.ttl"):
        assert "coi:wikidata" not in path.read_text(encoding="utf-8"), path


def test_cities_and_governorates_are_not_confused() -> None:
    verified = _verified_qids()
    for entity, qid in REGISTRY.subject_objects(COI.wikidata):
        label = verified[str(qid)]
        if (entity, RDF.type, COI.Governorate) in REGISTRY:
            assert "Governorate" in label, (entity, label)
        if (entity, RDF.type, COI.City) in REGISTRY:
            assert "Governorate" not in label, (entity, label)


@pytest.mark.parametrize(
    ("kept", "seed"),
    [
        ("euaa-2025-03-syria-country-focus-s3.4.txt", "000_f2269b2924815943.txt"),
        ("newsaz-2025-10-20-iraq-us-advisers.txt", "003_d16f3058e591bb1c.txt"),
    ],
)
def test_documents_are_kept_verbatim(kept: str, seed: str) -> None:
    original = SHARED / "seeds" / seed
    if not original.is_file():
        pytest.skip(f"{original} not present")
    assert (DATA / "documents" / kept).read_bytes() == original.read_bytes()


def test_documents_dir_holds_only_known_files() -> None:
    names = {p.name for p in (DATA / "documents").iterdir()}
    assert all(Path(n).suffix in {".txt", ".ttl"} for n in names)
