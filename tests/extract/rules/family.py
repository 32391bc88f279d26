"""What the tests of each rule family share (the seed gazetteer is the fixture ``names`` of conftest.py): a one-passage news text run through the
extraction engine with some rules only, and the relations it proposes as comparable tuples."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from coi_graph.documents import sentences
from coi_graph.documents.dates import TimeValue
from coi_graph.documents.model import ParsedDocument, Passage
from coi_graph.extract.engine import Extractor
from coi_graph.extract.gazetteer import Gazetteer
from coi_graph.extract.records import Relation

Found = tuple[str, str, str | None, str, str]  # subject, relation, object, rule, modality


def run(
    text: str, names: Gazetteer, rules: Sequence[object] | Callable[[Extractor], Sequence[object]] | None
) -> list[Relation]:
    """The relations of a one-passage news text (dated 2024-06-14) with ``rules`` only (all rules if None);
    ``rules`` may be a function of the extractor, for a rule made from its entity table."""
    parsed = ParsedDocument(format="news", date=TimeValue.from_lexical("2024-06-14"))
    parsed.passages.append(Passage(1, text, 0, len(text), 1, (), tuple(sentences.split(text))))
    extractor = Extractor(parsed, names)
    if rules is not None:
        extractor.rules = tuple(rules(extractor) if callable(rules) else rules)  # type: ignore[assignment]
    return extractor.run().relations


def found(relations: list[Relation]) -> set[Found]:
    return {(r.subject.label, r.relation, r.object.label if r.object else None, r.rule, r.modality)
            for r in relations}  # fmt: skip
