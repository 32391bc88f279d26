"""The SPARQL a dossier is gathered with (coi_graph.dossier.queries), each run on the seed build's store as
gather runs it (coi_graph.store.select, the entity bound by substitution where the query takes one), with the
rows expected for known seed entities: the SDF, Al-Hasakah Governorate, Syria, Ain al-Arab."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from coi_graph.compile.pipeline import BuildResult
from coi_graph.dossier import queries
from coi_graph.store import AnyStore, Value, open_store, select

ENT = "https://w3id.org/coi-graph/id/entity/"
COI = "https://w3id.org/coi-graph/ontology#"
XSD = "http://www.w3.org/2001/XMLSchema#"
EUAA = "https://w3id.org/coi-graph/id/doc/euaa-2025-03-syria-country-focus"
NEWS = "https://w3id.org/coi-graph/id/doc/newsaz-2025-10-20-iraq-us-advisers"
CLAIM = "https://w3id.org/coi-graph/id/claim/euaa-2025-03-syria-country-focus/"
SDF = ENT + "sdf"
HASAKAH = ENT + "al-hasakah-governorate"


@pytest.fixture(scope="module")
def store(seed_build: BuildResult) -> AnyStore:
    return open_store(seed_build.out_dir)


def rows(store: AnyStore, query: str, entity: str | None = None) -> list[dict[str, str | None]]:
    """The rows as texts (None for an unbound variable)."""
    bindings = {"entity": ox.NamedNode(entity)} if entity is not None else None
    return [{k: v.text if v is not None else None for k, v in r.items()} for r in select(store, query, bindings)]


def test_entities_are_the_registrys_with_their_preferred_label_in_iri_order(store: AnyStore) -> None:
    found = rows(store, queries.ENTITIES)
    assert [r for r in found if r["entity"] == SDF] == [{"entity": SDF, "label": "Syrian Democratic Forces"}]
    iris = [str(r["entity"]) for r in found]
    assert iris == sorted(iris) and len(iris) == len(set(iris))  # one preferred label each
    registry = "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { GRAPH graph:registry { ?e skos:prefLabel ?l } }"
    assert len(iris) == int(rows(store, registry)[0]["n"] or 0)
    assert not [i for i in iris if not i.startswith(ENT)]  # no claim, document or event is an entity


def test_types_name_each_class_in_english_with_its_root_kind(store: AnyStore) -> None:
    def types(iri: str) -> set[tuple[str | None, str | None]]:
        return {(r["type_label"], r["root"]) for r in rows(store, queries.TYPES) if r["entity"] == iri}

    assert types(SDF) == {("non-state armed group", COI + "Actor")}
    assert types(HASAKAH) == {("governorate", COI + "Place")}
    assert types(ENT + "syria") == {("country", COI + "Place"), ("state", COI + "Actor")}  # both a place and an actor
    assert types(ENT + "position-us-president") == {("position", COI + "Position")}
    found = select(store, queries.TYPES)
    assert all(r["type_label"] is not None and r["type_label"].language in ("en", None) for r in found)


def test_names_hold_every_label_and_alias_and_labels_say_where_each_comes_from(store: AnyStore) -> None:
    names = {r["name"] for r in rows(store, queries.NAMES) if r["entity"] == SDF}
    assert names == {"Syrian Democratic Forces", "SDF", "Kurdish-led Syrian Democratic Forces", "Kurdish-led SDF"}
    labels = rows(store, queries.LABELS, SDF)
    assert {r["entity"] for r in labels} == {SDF}  # the bound entity only
    assert sorted((str(r["label"]), str(r["source"])) for r in labels) == [
        ("Kurdish-led SDF", "alias"),
        ("Kurdish-led Syrian Democratic Forces", "alias"),
        ("SDF", "alias"),
        ("Syrian Democratic Forces", "preferred label"),
    ]
    # a hidden label finds the entity (NAMES) but is not shown on its page (LABELS)
    sudani = ENT + "mohammed-shia-al-sudani"
    assert "Mohammed Shia al-Soudani" in {r["name"] for r in rows(store, queries.NAMES) if r["entity"] == sudani}
    assert "Mohammed Shia al-Soudani" not in {r["label"] for r in rows(store, queries.LABELS, sudani)}


def test_the_qid_comes_from_a_confirmed_link_only(store: AnyStore) -> None:
    assert rows(store, queries.QID, ENT + "syria") == [{"entity": ENT + "syria", "qid": "Q858"}]
    assert rows(store, queries.QID, HASAKAH) == [{"entity": HASAKAH, "qid": "Q233914"}]
    assert rows(store, queries.QID, SDF) == []  # no link decided for the SDF in the seed


def test_structure_comes_from_the_registry_and_from_claims_with_the_inverse_label(store: AnyStore) -> None:
    found = rows(store, queries.STRUCTURE)
    assert {"s": HASAKAH, "o": ENT + "syria", "relation": "located in", "inverse": "contains",
            "g": "https://w3id.org/coi-graph/graph/registry"} in found  # fmt: skip
    # a base in Hasaka is stated by a claim of the EUAA report: the plain layer
    assert {"s": ENT + "qasrik-base", "o": HASAKAH, "relation": "located in", "inverse": "contains",
            "g": "https://w3id.org/coi-graph/graph/plain"} in found  # fmt: skip
    president = [r for r in found if r["s"] == ENT + "position-us-president"]
    assert president == [{"s": ENT + "position-us-president", "o": ENT + "usa", "relation": "position in",
                          "inverse": None, "g": "https://w3id.org/coi-graph/graph/registry"}]  # fmt: skip
    assert {r["relation"] for r in found} <= {"located in", "part of", "member of", "government of", "position in"}
    assert {r["g"] for r in found} == {"https://w3id.org/coi-graph/graph/registry",
                                       "https://w3id.org/coi-graph/graph/plain"}  # fmt: skip


def test_the_claims_that_mention_the_sdf_with_their_documents_and_footnotes(store: AnyStore) -> None:
    mentioning = sorted(str(r["claim"]) for r in rows(store, queries.MENTIONS) if r["entity"] == SDF)
    assert mentioning == [CLAIM + "15", CLAIM + "31", CLAIM + "32"]
    evidence = [r for r in rows(store, queries.EVIDENCE) if r["claim"] in mentioning]
    assert sorted((str(r["claim"]), r["document"], r["footnote"], r["number"]) for r in evidence) == [
        (CLAIM + "15", EUAA, EUAA + "/fn542", "542"),
        (CLAIM + "31", EUAA, EUAA + "/fn552", "552"),
        (CLAIM + "32", EUAA, EUAA + "/fn553", "553"),
    ]
    # a news article has no footnotes: its claims are there, without one
    news = [r for r in rows(store, queries.EVIDENCE) if r["document"] == NEWS]
    assert news and all(r["footnote"] is None and r["number"] is None for r in news)


def test_citations_and_documents_carry_what_the_euaa_style_needs(store: AnyStore) -> None:
    fn541 = sorted((r for r in rows(store, queries.CITATIONS) if r["footnote"] == EUAA + "/fn541"),
                   key=lambda r: str(r["position"]))  # fmt: skip
    shown = [(r["number"], r["position"], r["publisher"], r["title"], r["published"], r["doc_title"]) for r in fn541]
    assert shown == [
        ("541", "1", "USDOD", "DOD Announces 2,000 Troops in Syria, Department Prepared for Government Shutdown",
         "2024-12-19", "COI Report - Syria: Country Focus"),
        ("541", "2", "Al Jazeera", "US says it has 2,000 troops in Syria, not 900 as previously declared",
         "2024-12-19", "COI Report - Syria: Country Focus"),
    ]  # fmt: skip
    documents = {str(r["document"]): r for r in rows(store, queries.DOCUMENTS)}
    assert documents == {
        EUAA: {"document": EUAA, "title": "COI Report - Syria: Country Focus", "publisher": "EUAA",
               "published": "2025-03", "url": None},
        NEWS: {"document": NEWS, "title": "Iraq confirms some US troops will remain due to ISIS threat in Syria",
               "publisher": "News.Az", "published": "2025-10-20", "url": None},
    }  # fmt: skip
    # the date keeps its precision in its datatype, which the EUAA style writes ("March 2025")
    published = {r["document"].text: r["published"] for r in select(store, queries.DOCUMENTS) if r["document"]}
    assert published[EUAA] == Value("2025-03", datatype=XSD + "gYearMonth")
    assert published[NEWS] == Value("2025-10-20", datatype=XSD + "date")


def test_coordinates_and_the_places_they_lie_within(store: AnyStore) -> None:
    points = {r["place"]: r for r in rows(store, queries.COORDINATES)}
    assert points[HASAKAH] == {"place": HASAKAH, "lat": "36.5", "lon": "40.9", "precision": "0.2"}
    assert points[ENT + "ain-al-arab"] == {"place": ENT + "ain-al-arab", "lat": "36.89", "lon": "38.355",
                                           "precision": "0.01"}  # fmt: skip
    assert SDF not in points
    within: dict[str, set[str]] = {}
    for r in rows(store, queries.WITHIN):
        within.setdefault(str(r["place"]), set()).add(str(r["container"]))
    # located-in is transitive: Ain al-Arab lies in its governorate (a claim) and so in Syria (inferred)
    assert within[ENT + "ain-al-arab"] == {ENT + "aleppo-governorate", ENT + "syria"}
    assert within[HASAKAH] == {ENT + "syria"}
    assert set(within) <= set(points)  # only places with coordinates go on the map
