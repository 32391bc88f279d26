"""Propose candidate claims, sentence by sentence, for an analyst to review.

For each sentence of each passage: find the entity mentions, split the sentence into clauses, and
let each rule of :mod:`coi_graph.extract.rules` look for its trigger words. The actor before a
trigger is the subject; the first entity of the right kind after it is the object. Each candidate
carries its sentence (the quote), the passage and sentence IRIs, the sentence's offsets in the file,
the footnotes whose markers stand in the sentence, the first time expression of its clause resolved
against the document date, a modality from the cue words around the trigger, and a score.

Nothing here is specific to one document: the rules are English patterns of COI writing.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date

from rdflib import Literal, Node, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from coi_graph.documents.dates import resolve
from coi_graph.documents.model import ParsedDocument, Passage
from coi_graph.documents.to_rdf import passage_prefix
from coi_graph.extract import rules
from coi_graph.extract.gazetteer import Gazetteer
from coi_graph.extract.mentions import Mention, find
from coi_graph.namespaces import EV
from coi_graph.vocab import COI

Triple = tuple[URIRef, URIRef, Node]
_WORD = re.compile(r"\w+")


@dataclass
class Candidate:
    """One proposed claim: content triples and the description a curated claim would have."""

    number: int
    rule: str
    triples: list[Triple]
    quote: str
    passage: URIRef
    sentence: URIRef | None
    start: int  # the sentence's offsets in the file as read
    end: int
    modality: URIRef
    score: float
    footnotes: list[URIRef] = field(default_factory=list)
    time_property: URIRef | None = None
    time_value: Literal | None = None
    time_expression: str | None = None
    status: URIRef = COI.Pending
    reviewed_by: str | None = None
    reviewed_on: date | None = None
    accepted_as: URIRef | None = None
    note: str | None = None  # what the extractor saw, for the reviewer

    def atoms(self) -> set[tuple[str, str, str]]:
        """The content as comparable atoms: (s, p, o) of entities, or (event class, role, entity)."""
        return content_atoms(self.triples)


def content_atoms(triples: list[Triple] | set[Triple]) -> set[tuple[str, str, str]]:
    """(s, p, o) for relations between entities; (event class, role, entity) for an event's roles."""
    types: dict[Node, str] = {s: str(o) for s, p, o in triples if p == RDF.type}
    atoms: set[tuple[str, str, str]] = set()
    for s, p, o in triples:
        if p in (RDF.type, RDFS.label, COI.statementText) or isinstance(o, Literal):
            continue
        if s in types:
            if o in types:  # event to event (stipulates, resultOf): compare the classes
                atoms.add((types[s], str(p), types[o]))
            else:
                atoms.add((types[s], str(p), str(o)))
        elif o not in types:
            atoms.add((str(s), str(p), str(o)))
    return atoms


@dataclass(frozen=True)
class _Clause:
    start: int  # offsets in the passage text
    end: int


def _clauses(text: str, start: int, end: int) -> list[_Clause]:
    pieces: list[_Clause] = []
    cursor = start
    for match in rules.CLAUSE_BREAK.finditer(text, start, end):
        pieces.append(_Clause(cursor, match.start()))
        cursor = match.end()
    pieces.append(_Clause(cursor, end))
    return [c for c in pieces if text[c.start : c.end].strip()]


def _between(text: str, a: int, b: int) -> int:
    return len(_WORD.findall(text[a:b]))


def _modality(text: str, clause: _Clause, trigger: re.Match[str], rule: str) -> URIRef:
    """Cue words in the clause before the trigger (and the trigger itself for plans)."""
    text = rules.TIME.sub(lambda m: " " * len(m.group(0)), text)  # "May" the month is no cue
    window_start = max(clause.start, trigger.start() - 60)
    before = text[window_start : trigger.start()]
    around = text[window_start : min(clause.end, trigger.end() + 30)]
    if rules.NEGATION.search(before[-30:]):
        return COI.Negated
    if rules.INTENDED.search(before):
        return COI.Intended
    if rule != "statement" and rules.PLANNED.search(around):
        return COI.Planned
    if rules.POSSIBLE.search(before):
        return COI.Possible
    if rule != "statement" and rules.REPORTED.search(text[clause.start : clause.end]):
        return COI.Reported
    return COI.Stated


def _time(text: str, clause: _Clause, document_date: date | None) -> tuple[URIRef | None, Literal | None, str | None]:
    match = rules.TIME.search(text, clause.start, clause.end)
    if match is None:
        return None, None, None
    expression = match.group(0)
    if rules.YEAR_ONLY.match(expression) and not 1900 <= int(expression) <= 2100:
        return None, None, None
    lowered = expression.lower()
    prop = COI.pointInTime
    if lowered.startswith(("by ", "until ")):
        prop = COI.endTime
    elif lowered.startswith(("since ", "from ")):
        prop = COI.startTime
    elif lowered.startswith("as of"):
        prop = COI.asOf
    if document_date is None:
        return None, None, expression
    resolved = resolve(expression, document_date)
    if resolved is None:
        return None, None, expression
    return prop, resolved.value.to_rdf(), expression


def _coordinated(text: str, mentions: list[Mention], first: Mention, kinds: rules.Kinds) -> list[Mention]:
    """``first`` and the mentions listed after it: "at X, Y and Z", "in X (including Y, Z)"."""
    chosen = [first]
    for mention in mentions[mentions.index(first) + 1 :]:
        gap = text[chosen[-1].end : mention.start]
        if mention.kind in kinds and rules.list_gap(gap):
            chosen.append(mention)
        else:
            break
    return chosen


class Extractor:
    """Candidates of one parsed document."""

    def __init__(self, doc: URIRef, parsed: ParsedDocument, gazetteer: Gazetteer) -> None:
        self.doc = doc
        self.parsed = parsed
        self.gazetteer = gazetteer
        self.doc_local = str(doc).rsplit("/", 1)[-1]
        self.prefix = passage_prefix(doc, parsed)
        self.document_date = parsed.date.earliest() if parsed.date else None
        self.candidates: list[Candidate] = []

    def run(self) -> list[Candidate]:
        for passage in self.parsed.passages:
            found = [m for m in find(passage.text, self.gazetteer, candidates=False) if m.entity]
            for index, (start, end) in enumerate(passage.sentences, start=1):
                self._sentence(passage, index, start, end, [m for m in found if start <= m.start and m.end <= end])
        return self.candidates

    # --- one sentence --------------------------------------------------------------------------

    def _sentence(self, passage: Passage, index: int, start: int, end: int, mentions: list[Mention]) -> None:
        text = passage.text
        passage_iri = URIRef(f"{self.prefix}p{passage.ordinal}")
        sentence_iri = URIRef(f"{passage_iri}-s{index}")
        numbers = sorted({m.number for m in passage.markers if start < m.text_offset <= end + 1})
        footnote_numbers = {f.number for f in self.parsed.footnotes}
        footnotes = [URIRef(f"{self.doc}/fn{n}") for n in numbers if n in footnote_numbers]
        quote = text[start:end].strip()
        q_start = start + (len(text[start:end]) - len(text[start:end].lstrip()))
        seen: set[frozenset[tuple[str, str, str]]] = set()
        for clause in _clauses(text, start, end):
            inside = [m for m in mentions if clause.start <= m.start and m.end <= clause.end]
            for rule in rules.RULES:
                for trigger in rule.trigger.finditer(text, clause.start, clause.end):
                    if any(m.start <= trigger.start() < m.end for m in inside):
                        continue  # a trigger inside a name ("Coalition to Defeat ISIS")
                    made = self._apply(rule, text, clause, trigger, inside)
                    if made is None:
                        continue
                    triples, score, note = made
                    key = frozenset(content_atoms(triples))
                    if key in seen:
                        continue
                    seen.add(key)
                    prop, value, expression = _time(text, clause, self.document_date)
                    candidate = Candidate(
                        number=len(self.candidates) + 1,
                        rule=rule.name,
                        triples=triples,
                        quote=quote,
                        passage=passage_iri,
                        sentence=sentence_iri,
                        start=passage.file_start(q_start),
                        end=passage.file_end(q_start + len(quote)),
                        modality=_modality(text, clause, trigger, rule.name),
                        score=score,
                        footnotes=footnotes,
                        time_property=prop,
                        time_value=value,
                        time_expression=expression,
                        note=note,
                    )
                    self.candidates.append(candidate)

    def _subject(self, rule: rules.Rule, text: str, clause: _Clause, trigger: re.Match[str],
                 inside: list[Mention]) -> list[Mention]:  # fmt: skip
        """The actor(s) before the trigger: the nearest, with those coordinated with it by 'and'."""
        after = [m for m in inside if m.start >= trigger.end() and m.kind in rule.subject]
        if rule.name == "statement" and trigger.group(0).lower() in ("according to", "quoted"):
            return after[:1]
        passive = after and rule.event is not None and rules.PASSIVE_BY.search(text[trigger.end() : after[0].start])
        if passive and _between(text, trigger.end(), after[0].start) <= 2:  # "strikes by the coalition"
            return _coordinated(text, after, after[0], rule.subject)
        if rule.name == "withdrawal" and after and re.fullmatch(r"\s*(?:of\s+)?(?:the\s+|all\s+|some\s+)?",
                                                                 text[trigger.end() : after[0].start]):  # fmt: skip
            return after[:1]  # "withdrawal of US troops", "pulling US forces out of"
        inner = [m for m in inside if trigger.start() <= m.start and m.end <= trigger.end() and m.kind in rule.subject]
        if inner and rule.name in ("withdrawal", "stationed-at"):
            return inner[:1]  # "keep US advisers at", "pulling US forces out"
        before = [m for m in inside if m.end <= trigger.start() and m.kind in rule.subject]
        before = [m for m in before if not rules.SOURCE_BEFORE.search(text[clause.start : m.start])]
        before = [m for m in before if not rules.PLACE_USE.search(text[max(clause.start, m.start - 30) : m.start])]
        if rule.name != "statement":
            # "X said that Y withdrew": X is the speaker, not the actor of what follows
            before = [m for m in before if not rules.SPEECH.search(text[m.end : trigger.start()])]
        if not before:
            inverted = rule.name == "statement" and re.search(r"[,”\"’']\s*$", text[clause.start : trigger.start()])
            if inverted and after and _between(text, trigger.end(), after[0].start) <= 2:  # "…,” said X"
                return after[:1]
            return []
        limit = 6 if rule.name == "statement" else 15
        if _between(text, before[-1].end, trigger.start()) > limit:
            return []
        chosen = [before[-1]]
        for mention in reversed(before[:-1]):
            gap = text[mention.end : chosen[-1].start]
            if re.fullmatch(r"\s*(?:,|and|,\s*and)\s*(?:the\s+)?", gap, re.IGNORECASE):
                chosen.append(mention)
            else:
                break
        return list(reversed(chosen))

    def _objects(self, rule: rules.Rule, text: str, trigger: re.Match[str],
                 inside: list[Mention], subjects: list[Mention]) -> list[Mention]:  # fmt: skip
        """The first entity of the right kind after the trigger, with those listed after it."""
        after = [m for m in inside if m.start >= trigger.end() and m not in subjects]
        if rule.object_first_place or rule.event is not None:
            after = [m for m in after if m.kind in rule.object]
        else:
            after = after[:1] if after and after[0].kind in rule.object else []
        if not after or _between(text, trigger.end(), after[0].start) > 12:
            return []
        return _coordinated(text, after, after[0], rule.object)

    def _apply(self, rule: rules.Rule, text: str, clause: _Clause, trigger: re.Match[str],
               inside: list[Mention]) -> tuple[list[Triple], float, str] | None:  # fmt: skip
        subjects = self._subject(rule, text, clause, trigger, inside)
        targets = self._objects(rule, text, trigger, inside, subjects)
        target = targets[0] if targets else None
        if rule.name == "controls" and rules.UNDER_CONTROL.search(text[clause.start : trigger.end() + 4]):
            return None  # "under the control of X": too often misread; left to the reviewer
        if not subjects and rule.name != "meeting":
            return None
        if rule.needs_object and target is None:
            return None
        if target is None and rule.event is not None and rules.NOMINAL.search(text[clause.start : trigger.start()]):
            return None  # "did not confirm the attack": a reference to an event, not a new one
        score = rule.base
        distance = (
            _between(text, subjects[-1].end, trigger.start()) if subjects and subjects[-1].end <= trigger.start() else 0
        )
        score += 0.1 if distance <= 4 else -0.1 if distance > 12 else 0.0
        score -= 0.1 * sum(1 for m in [*subjects, *targets] if m.score < 0.8)
        note = f"trigger '{trigger.group(0)}'"
        triples: list[Triple] = []
        if rule.property is not None:
            for item in targets:
                prop = rule.property
                if rule.name == "stationed-at" and item.kind == "facility":
                    prop = COI.stationedAt
                if rule.name == "controls" and rules.PART_OF.search(
                    text[trigger.end() : target.start if target else 0]
                ):
                    prop = COI.controlsPartOf
                for subject in subjects:
                    if subject.entity and item.entity and subject.entity != item.entity:
                        triples.append((URIRef(subject.entity), prop, URIRef(item.entity)))
        else:
            triples = self._event(rule, text, clause, trigger, inside, subjects, targets)
        if not triples:
            return None
        return triples, round(max(0.05, min(0.95, score)), 2), note

    def _event(self, rule: rules.Rule, text: str, clause: _Clause, trigger: re.Match[str], inside: list[Mention],
               subjects: list[Mention], targets: list[Mention]) -> list[Triple]:  # fmt: skip
        assert rule.event is not None
        # the same sentence, rule and trigger give the same event IRI in every run
        digest = hashlib.sha256(f"{clause.start}|{trigger.start()}|{rule.name}|{text}".encode()).hexdigest()[:8]
        event = EV[f"{self.doc_local}-{rule.name}-{digest}"]
        triples: list[Triple] = [(event, RDF.type, rule.event)]
        roles: list[tuple[URIRef, Mention]] = []
        if rule.subject_role is not None:
            roles += [(rule.subject_role, m) for m in subjects]
        if rule.name == "meeting":
            roles += [(COI.participant, m) for m in inside if m.start >= trigger.end() and m.kind == "actor"]
        elif rule.object_role is not None:
            for target in targets:
                role = rule.object_role
                if rule.name == "strike" and target.kind != "actor":
                    role = COI.atPlace
                roles.append((role, target))
        if rule.place_role is not None:
            for mention in inside:
                if rule.name == "statement" and _between(text, trigger.end(), mention.start) > 3:
                    continue  # "said in Baghdad", "told journalists in Baghdad"; not a place in what was said
                located = rules.PLACE_PREPOSITION.search(text[max(clause.start, mention.start - 12) : mention.start])
                if (
                    mention.start >= trigger.end()
                    and mention.kind in rules.PLACE
                    and mention not in targets
                    and located
                ):
                    roles.append((rule.place_role, mention))
                    break
        seen: set[tuple[URIRef, str]] = set()
        for role, mention in roles:
            if mention.entity and (role, mention.entity) not in seen:
                seen.add((role, mention.entity))
                triples.append((event, role, URIRef(mention.entity)))
        actors = {COI.agent, COI.participant, COI.speaker, COI.target, COI.party}
        if not any(p in actors for _, p, _ in triples):
            return []
        if rule.name == "statement":
            said = self._said(text, clause, trigger)
            if said:
                triples.append((event, COI.statementText, Literal(said)))
        label = f"{rule.name.replace('-', ' ')}: " + "; ".join(
            f"{str(p).rsplit('#', 1)[-1]} {m.label}" for p, m in roles if m.entity
        )
        triples.append((event, RDFS.label, Literal(label, lang="en")))
        return triples

    @staticmethod
    def _said(text: str, clause: _Clause, trigger: re.Match[str]) -> str | None:
        """The speaker's words: a quotation in the clause, else what follows 'said (that)'."""
        for match in rules.QUOTED.finditer(text, clause.start, clause.end):
            return match.group(1) or match.group(2)
        rest = text[trigger.end() : clause.end].strip()
        rest = re.sub(r"^(?:that|on\s+\w+|,)\s*", "", rest).strip().rstrip(".").strip()
        if trigger.group(0).lower() in ("according to", "quoted") or len(rest.split()) < 3:
            return None
        return rest


def statement_text_literal(value: str) -> Literal:
    return Literal(value, datatype=XSD.string)
