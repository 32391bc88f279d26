"""The extraction pipeline: small named components, run over a parsed document in order.

=============  ===================================================================================
component      what it adds
=============  ===================================================================================
``mentions``   the registry's names in the text (:mod:`coi_graph.extract.mentions`)
``layer``      names widened and settled, new names, unnamed actors (:mod:`coi_graph.extract.layer`)
``phrases``    noun phrases over the mentions: titles, possessors, forces (:mod:`coi_graph.extract.phrases`)
``coref``      pronouns and definite descriptions in argument positions (:mod:`coi_graph.extract.coref`)
``rules``      the constructions of :mod:`coi_graph.extract.rules`
``modality``   asserted, reported, claimed, hedged, planned, negated (:mod:`coi_graph.extract.modality`)
``dates``      the time expression of each relation's clause (:mod:`coi_graph.extract.timex`)
``evidence``   the sentence, its offsets in the file, and the footnote labels in or closing it
=============  ===================================================================================

The result is an :class:`~coi_graph.extract.records.Extraction`: the document's entities
(registry and proposed), its mentions with file offsets, and its relations as records.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from datetime import date

from coi_graph.documents.model import ParsedDocument, Passage
from coi_graph.extract import modality, timex
from coi_graph.extract.coref import Salience
from coi_graph.extract.entities import EntityTable
from coi_graph.extract.gazetteer import Gazetteer
from coi_graph.extract.layer import MentionLayer
from coi_graph.extract.mentions import Mention, find
from coi_graph.extract.phrases import build
from coi_graph.extract.records import DocMention, Extraction, Relation, When
from coi_graph.extract.rules import all_rules
from coi_graph.extract.rules.base import Rule
from coi_graph.extract.rules.speech import speakers
from coi_graph.extract.sentence import Sentence
from coi_graph.extract.tokens import tokenise

__all__ = ["DocMention", "Extraction", "Extractor"]

# what a noun phrase takes for granted ("US-backed SDF", "the Tishreen Dam in Aleppo") is asserted by the
# text even inside a report or a claim
BACKGROUND_RULES = ("compound", "place", "possessor place", "force in place", "facility in place", "base for X",
                    "place hosts X", "umbrella", "ally of", "proxy of")  # fmt: skip
BACKGROUND_MOODS = frozenset({"reported", "claimed", "hedged"})
_WORD = re.compile(r"\b[a-z][a-z]+\b")


class Extractor:
    """Relations, mentions and entities of one parsed document."""

    def __init__(self, parsed: ParsedDocument, gazetteer: Gazetteer, *, content: str | None = None) -> None:
        self.parsed = parsed
        self.gazetteer = gazetteer
        self.content = content  # the file's text, for the mentions of a title outside the passages
        # the last day of a document dated to a month or a year: "March 30" in a report of "2025-03" is 2025
        self.document_date: date | None = parsed.date.latest() if parsed.date else None
        self.result = Extraction()
        self.table = EntityTable(gazetteer)
        self.result.entities = self.table.entities
        self.layer = MentionLayer(gazetteer, self.table, self.result)
        self.salience = Salience()
        self.rules: tuple[Rule, ...] = all_rules(self.table.affiliation)
        self._year: int | None = None  # the year of the last explicit date, for "On 6 October" after it
        self._year_sentence = 0
        # the outlets the document names as its own source ("News.Az reports citing …"): reporting, not stating
        attribution = parsed.attribution.names if parsed.attribution else ()
        self._reporters = {self._label(name) for name in attribution}

    def _label(self, name: str) -> str:
        found = find(name, self.gazetteer, candidates=False)
        entry = self.gazetteer.by_iri.get(found[0].entity or "") if len(found) == 1 else None
        return entry.label if entry is not None else name

    def run(self) -> Extraction:
        for passage in self.parsed.passages:
            self.layer.lower_words.update(_WORD.findall(passage.text))
        self._title()
        for passage in self.parsed.passages:
            self._passage(passage)
        return self.result

    def _title(self) -> None:
        """Mentions in a title line outside the passages (a news article's headline)."""
        title = self.parsed.title
        if not title or self.content is None or not self.parsed.passages:
            return
        at = self.content.find(title, 0, self.parsed.passages[0].start)
        if at < 0:
            return
        passage = Passage(0, title, at, at + len(title), 1, (), ((0, len(title)),))
        found = find(title, self.gazetteer, candidates=False)
        tokens = tokenise(title)
        self.layer.spans(passage, tokens, found)

    def _passage(self, passage: Passage) -> None:
        found = find(passage.text, self.gazetteer, candidates=True)  # in order of start
        starts = [m.start for m in found]
        for index, (start, end) in enumerate(passage.sentences, start=1):
            self.salience.sentence_no += 1
            # the mentions that start in the sentence, found by binary search: a passage of many sentences
            # is not rescanned whole for each
            nearby = found[bisect_left(starts, start) : bisect_right(starts, end)]
            inside = [m for m in nearby if m.end <= end]
            self._sentence(passage, index, start, end, inside)

    def _sentence(self, passage: Passage, index: int, start: int, end: int, found: list[Mention]) -> None:
        text = passage.text
        tokens = tokenise(text, start, end)
        if not tokens:
            return
        spans = self.layer.spans(passage, tokens, found)
        phrases = build(tokens, spans)
        for phrase in phrases:
            if phrase.head == "force" and phrase.ent.category == "state":
                force = self.table.force_of(phrase.ent)  # "American troops": the US armed forces
                if force is not None:
                    phrase.ent = force
        phrases += self.salience.descriptions(tokens, phrases)
        sentence = Sentence(text, tokens, phrases, index=self.salience.sentence_no, pronoun=self.salience.pronoun)
        said_by = speakers(sentence)
        made = [relation for rule in self.rules for relation in rule.apply(sentence)]
        made = [r for r in made if not (r.relation == "states" and r.subject.label in self._reporters)]
        number = self.salience.sentence_no
        recent_year = self._year if self._year_sentence >= number - 2 else None
        expressions = timex.find(text, start, end, self.document_date, recent_year)
        labels = _labels(passage, start, end)
        quote = text[start:end].strip()
        q_start = start + (len(text[start:end]) - len(text[start:end].lstrip()))
        for relation in _unique(made):
            mood = modality.of(sentence, relation.trigger, relation.subject, speaker_of=said_by,
                               object_at=relation.object_at)  # fmt: skip
            if relation.relation == "states" or (_background(relation) and mood.modality in BACKGROUND_MOODS):
                # a statement is asserted to have been made; a noun phrase's presupposition is asserted
                mood = modality.Mood("negated" if mood.modality == "negated" else "asserted")
            if mood.modality == "conditional":
                continue
            relation.modality = mood.modality
            if mood.attributed_to is not None and mood.attributed_to is not relation.subject:
                relation.attributed_to = mood.attributed_to
            relation.when = _nearest(expressions, sentence, relation.trigger)
            relation.passage = passage.ordinal
            relation.sentence = index
            relation.start = passage.file_start(q_start)
            relation.end = passage.file_end(q_start + len(quote))
            relation.quote = quote
            relation.footnotes = labels
            self.result.relations.append(relation)
        year = timex.last_year(expressions)
        if year is not None:
            self._year, self._year_sentence = year, number
        self.salience.remember(sentence, {id(r.subject) for r in made})


def _background(relation: Relation) -> bool:
    """Whether a relation comes from inside a noun phrase (a modifier, an apposition, a place's place)."""
    return relation.rule.startswith(BACKGROUND_RULES)


def _labels(passage: Passage, start: int, end: int) -> list[str]:
    labels_in = getattr(passage, "labels_in", None)
    if labels_in is not None:
        return list(labels_in(start, end))
    return [str(getattr(m, "label", m.number)) for m in passage.markers if start < m.text_offset <= end + 1]


def _nearest(found: list[timex.Found], sentence: Sentence, trigger: int) -> When | None:
    if not found:
        return None
    a, b = sentence.clause_bounds(trigger)
    lo, hi = sentence.tokens[a].start, sentence.tokens[b - 1].end
    here = [f for f in found if lo <= f.start and f.end <= hi] or found
    position = sentence.tokens[trigger].start
    return min(here, key=lambda f: abs(f.start - position)).when


def _unique(made: list[Relation]) -> Iterator[Relation]:
    """One relation per (subject, relation, object) in a sentence: a clause's reading before a noun phrase's
    (it carries the clause's modality), then the best scored, then the first."""
    best: dict[tuple[str, str, str | None], Relation] = {}
    for relation in made:
        key = relation.key()
        rank = (not _background(relation), relation.score)
        if key not in best or rank > (not _background(best[key]), best[key].score):
            best[key] = relation
    yield from sorted(best.values(), key=lambda r: r.trigger)
