"""Each construction the extractor reads, on a sentence written for it (tests/extract/cases.py)."""

from __future__ import annotations

import pytest

from coi_graph.documents import sentences
from coi_graph.documents.dates import TimeValue
from coi_graph.documents.model import ParsedDocument, Passage
from coi_graph.extract import gazetteer
from coi_graph.extract.engine import Extraction, Extractor
from coi_graph.extract.gazetteer import Gazetteer
from tests.conftest import DATA
from tests.extract.cases import CASES, Case


@pytest.fixture(scope="module")
def names() -> Gazetteer:
    return gazetteer.load(DATA)


def extract(text: str, names: Gazetteer, day: str = "2024-06-14") -> Extraction:
    parsed = ParsedDocument(format="news", date=TimeValue.from_lexical(day))
    parsed.passages.append(Passage(1, text, 0, len(text), 1, (), tuple(sentences.split(text))))
    return Extractor(parsed, names).run()


def found(extraction: Extraction) -> set[tuple[str, str, str | None, str]]:
    return {(r.subject.label, r.relation, r.object.label if r.object else None, r.modality)
            for r in extraction.relations}  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=[c.construction for c in CASES])
def test_construction(case: Case, names: Gazetteer) -> None:
    result = extract(case.text, names, case.date)
    got = found(result)
    for expected in case.expected:
        assert expected in got, f"{case.construction}: expected {expected}, got {sorted(got, key=str)}"
    for forbidden in case.forbidden:
        subject, relation, obj = forbidden[:3]
        modality = forbidden[3] if len(forbidden) > 3 else None
        assert not any(
            (g[:3] == (subject, relation, obj) or (obj is None and g[:2] == (subject, relation)))
            and (modality is None or g[3] == modality)
            for g in got
        ), f"{case.construction}: must not give {forbidden}"
    if "type" in case.notes:
        proposed = [e for e in result.entities.values() if e.proposed]
        assert proposed and all(e.type_name == case.notes["type"] for e in proposed), [
            (e.label, e.type_name) for e in proposed
        ]
    if "where" in case.notes:
        placed = [r.where.label for r in result.relations if r.where is not None]
        assert placed == [case.notes["where"]], f"{case.construction}: the event's place is {placed}"
    if "date" in case.notes:
        dated = [r for r in result.relations if r.when is not None]
        assert dated and dated[0].when is not None and dated[0].when.iso == case.notes["date"]
        assert dated[0].when.inferred == (case.notes.get("inferred") == "yes")


def test_every_relation_says_why_and_where(names: Gazetteer) -> None:
    text = "Iran-backed militants attacked US forces at the al-Tanf base. Türkiye backs the SNA."
    result = extract(text, names)
    assert result.relations
    for relation in result.relations:
        assert relation.rule and relation.why
        assert relation.quote in text and text[relation.start : relation.end] == relation.quote
