"""coi_graph.export.quickstatements: QuickStatements V1 lines for the relations between linked entities that a
stated or reported claim asserts with a cited URL and that the enrichment cache shows Wikidata lacks, each with
its reference URL (S854) and retrieval day (S813); notes for the subjects that were never enriched."""

from __future__ import annotations

from datetime import date
from typing import Any

import pyoxigraph as ox
import pytest

from coi_graph.export.quickstatements import CACHE_FIELDS, quickstatements
from coi_graph.link.types import WIKIDATA_PROPERTIES

PREFIXES = """@prefix coi: <https://w3id.org/coi-graph/ontology#> .
@prefix ent: <https://w3id.org/coi-graph/id/entity/> .
@prefix d: <https://w3id.org/coi-graph/id/doc/places/> .
@prefix c: <https://w3id.org/coi-graph/id/claim/places/> .
@prefix graph: <https://w3id.org/coi-graph/graph/> .
"""
REGISTRY = """graph:registry {
  ent:raqqa-governorate coi:wikidata "Q235563" . ent:syria coi:wikidata "Q858" .
  ent:aleppo-governorate coi:wikidata "Q214064" . ent:sdf coi:wikidata "Q1" . ent:coalition coi:wikidata "Q2" .
}
graph:documents {
  d:fn1 coi:hasCitation d:cit1 . d:cit1 coi:url "https://www.syriahr.com/en/1/" .
  d:fn2 coi:hasCitation d:cit2 . d:cit2 coi:url "https://example.org/say-\\"so\\"" .
  d:fn3 coi:hasCitation d:cit3 .
}
"""
DAY = date(2026, 11, 25)
STAMP = "+2026-11-25T00:00:00Z/11"


def claim(number: int, content: str, modality: str = "Stated", footnote: str = "fn1") -> str:
    return (f"c:{number} {{ {content} }}\n"
            f"graph:claims {{ c:{number} coi:modality coi:{modality} ; coi:footnote d:{footnote} . }}\n")  # fmt: skip


def store(*claims: str) -> ox.Store:
    data = ox.Store()
    data.load(input=(PREFIXES + REGISTRY + "".join(claims)).encode("utf-8"), format=ox.RdfFormat.TRIG)
    return data


def enriched(qid: str, **fields: list[str]) -> dict[str, Any]:
    return {
        "qid": qid,
        "retrieved": "2026-11-25",
        **{name: [{"value": v, "retrieved": "2026-11-25"} for v in values] for name, values in fields.items()},
    }


def cache(*records: dict[str, Any]) -> dict[str, Any]:
    return {"version": 1, "entities": {f"https://w3id.org/coi-graph/id/entity/e{i}": r for i, r in enumerate(records)}}


def test_a_relation_wikidata_lacks_is_a_line_with_its_source_and_retrieval_day() -> None:
    data = store(claim(1, "ent:raqqa-governorate coi:locatedIn ent:syria ."))
    result = quickstatements(data, cache(enriched("Q235563", located_in=["Q999"])), retrieved=DAY)
    assert result.lines == [f'Q235563\tP131\tQ858\tS854\t"https://www.syriahr.com/en/1/"\tS813\t{STAMP}']
    assert result.notes == []


def test_a_relation_wikidata_has_already_is_left_out() -> None:
    data = store(claim(1, "ent:raqqa-governorate coi:locatedIn ent:syria ."))
    result = quickstatements(data, cache(enriched("Q235563", located_in=["Q858"])), retrieved=DAY)
    assert result.lines == [] and result.notes == []


@pytest.mark.parametrize(
    ("content", "pid", "cache_field"),
    [
        ("ent:sdf coi:memberOf ent:coalition .", "P463", "member_of"),
        ("ent:sdf coi:partOf ent:coalition .", "P361", "part_of"),
        ("ent:sdf coi:locatedIn ent:coalition .", "P131", "located_in"),
    ],
)
def test_each_relation_has_its_property_and_cache_field(content: str, pid: str, cache_field: str) -> None:
    assert CACHE_FIELDS[pid] == cache_field
    lacking = quickstatements(store(claim(1, content)), cache(enriched("Q1")), retrieved=DAY)
    assert [line.split("\t")[:3] for line in lacking.lines] == [["Q1", pid, "Q2"]]
    having = quickstatements(store(claim(1, content)), cache(enriched("Q1", **{cache_field: ["Q2"]})), retrieved=DAY)
    assert having.lines == []


@pytest.mark.parametrize(
    "claims",
    [
        [claim(1, "ent:raqqa-governorate coi:locatedIn ent:syria .", modality="Planned")],  # not a fact
        [claim(1, "ent:raqqa-governorate coi:locatedIn ent:syria .", footnote="fn3")],  # a citation without URL
        [claim(1, "ent:sdf coi:supports ent:coalition .")],  # no Wikidata property for it
        [claim(1, "ent:raqqa-governorate coi:locatedIn ent:idlib .")],  # the object is not linked
    ],
    ids=["planned", "no-url", "no-property", "unlinked-object"],
)
def test_claims_that_do_not_qualify_give_nothing(claims: list[str]) -> None:
    result = quickstatements(store(*claims), cache(enriched("Q235563"), enriched("Q1")), retrieved=DAY)
    assert result.lines == [] and result.notes == []


def test_a_subject_missing_from_the_enrichment_cache_is_a_note_once() -> None:
    data = store(
        claim(1, "ent:aleppo-governorate coi:locatedIn ent:syria ."),
        claim(2, "ent:aleppo-governorate coi:locatedIn ent:syria .", modality="Reported", footnote="fn2"),
    )
    result = quickstatements(data, cache(enriched("Q235563")), retrieved=DAY)
    assert result.lines == []
    assert result.notes == [
        "Q214064 P131 Q858: Q214064 is not in the enrichment cache, so what Wikidata has is unknown; "
        "run coi-graph enrich"
    ]


def test_one_line_per_statement_with_the_first_url_and_quotes_escaped() -> None:
    data = store(claim(1, "ent:sdf coi:memberOf ent:coalition .", footnote="fn2"),
                 claim(2, "ent:sdf coi:memberOf ent:coalition .", modality="Reported", footnote="fn1"))  # fmt: skip
    result = quickstatements(data, cache(enriched("Q1")), retrieved=date(2025, 1, 2))
    # ordered by URL: example.org before www.syriahr.com; a double quote in a URL is written %22
    assert result.lines == ['Q1\tP463\tQ2\tS854\t"https://example.org/say-%22so%22"\tS813\t+2025-01-02T00:00:00Z/11']


def test_the_relations_are_those_wikidata_has_a_property_for() -> None:
    assert sorted(WIKIDATA_PROPERTIES.values()) == sorted(CACHE_FIELDS)
