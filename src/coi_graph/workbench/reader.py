"""Reading the data directory into the workbench's view models (:mod:`coi_graph.workbench.view`).

See :mod:`coi_graph.workbench.view` for what is read and how coverage is counted.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF

from coi_graph.compile.inventory import DRAFTS
from coi_graph.documents.model import ParsedDocument
from coi_graph.documents.model import Passage as ParsedPassage
from coi_graph.documents.to_rdf import passage_prefix
from coi_graph.duplicates import label_key
from coi_graph.errors import CoiGraphError
from coi_graph.extract.gazetteer import Entry, Gazetteer
from coi_graph.extract.source import open_source
from coi_graph.namespaces import short
from coi_graph.vocab import COI
from coi_graph.workbench import coverage
from coi_graph.workbench.documents import Filed, filed_documents
from coi_graph.workbench.view import (
    Candidate,
    Citation,
    Claim,
    Coverage,
    DocumentSummary,
    DocumentView,
    EntityHit,
    Evidence,
    Footnote,
    Marker,
    Mention,
    NotFound,
    Passage,
    Sentence,
    Triple,
)

log = logging.getLogger("coi_graph")

_STATUSES = {COI.Pending: "pending", COI.Accepted: "accepted", COI.Rejected: "rejected"}
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


@dataclass
class _Parsed:
    filed: Filed
    content: str
    parsed: ParsedDocument


@dataclass
class _ClaimRecord:
    iri: URIRef
    path: Path
    description: Graph
    content: Graph


class Reader:
    """The view models of a data directory. Every call reads the files again (they are small, and an
    analyst or another program may have changed them); the gazetteer is kept while the registry files
    are unchanged."""

    def __init__(self, data_dir: Path, drafts_dir: Path | None = None) -> None:
        self.data_dir = data_dir
        self.drafts_dir = drafts_dir or data_dir / DRAFTS
        self._gazetteer: tuple[tuple[tuple[str, int, int], ...], Gazetteer] | None = None
        self._keys: dict[str, str] = {}

    # the registry ------------------------------------------------------------------------------------

    def _registry_stamp(self) -> tuple[tuple[str, int, int], ...]:
        paths = [*(self.data_dir / "entities").glob("*.ttl"), *(self.data_dir / "links").glob("*.ttl"),
                 *(self.data_dir / "enrichment").glob("*.json")]  # fmt: skip
        stamps = []
        for path in sorted(paths):
            stat = path.stat()
            stamps.append((str(path), stat.st_mtime_ns, stat.st_size))
        return tuple(stamps)

    def gazetteer(self) -> Gazetteer:
        """The gazetteer of the registry (``coi-graph mentions``'), read again when a registry file changed."""
        from coi_graph.extract import gazetteer

        stamp = self._registry_stamp()
        if self._gazetteer is None or self._gazetteer[0] != stamp:
            self._gazetteer = (stamp, gazetteer.load(self.data_dir))
            self._keys = {}
        return self._gazetteer[1]

    def label(self, iri: str) -> str | None:
        entry = self.gazetteer().by_iri.get(iri)
        return entry.label if entry else None

    def search_entities(self, text: str, types: Iterable[str] | None = None, limit: int = 20) -> list[EntityHit]:
        """Registry entities whose preferred label, alias or transliteration matches ``text``: the same words
        up to case, diacritics, punctuation and the Arabic article (the key of duplicate detection,
        :func:`coi_graph.duplicates.label_key`), then names that start with it, then names with words that
        start with its words, then names that hold it. ``types``: type labels ("city", "armed force"),
        class names ("coi:MilitaryBase") or kinds ("actor", "place", "position"); any of them."""
        key = label_key(text)
        if not key or limit <= 0:
            return []
        gazetteer = self.gazetteer()
        wanted = {_type_name(t) for t in types or () if t.strip()}
        words = key.split()
        best: dict[str, tuple[float, str]] = {}
        for names in gazetteer.names.values():
            for name in names:
                entry = name.entry
                if wanted and not _type_matches(entry, wanted):
                    continue
                found = self._keys.get(name.surface)
                if found is None:
                    found = self._keys[name.surface] = label_key(name.surface)
                score = _match(key, words, found)
                if not score:
                    continue
                score += 0.05 if name.surface == entry.label else 0.0  # the preferred label, before an alias
                if score > best.get(entry.iri, (0.0, ""))[0]:
                    best[entry.iri] = (score, name.surface)
        hits = []
        for iri, (score, surface) in best.items():
            entry = gazetteer.by_iri[iri]
            hits.append(EntityHit(iri, entry.label, None if surface == entry.label else surface, entry.type,
                                  entry.kind, entry.wikidata, round(score, 2)))  # fmt: skip
        hits.sort(key=lambda h: (-h.score, len(h.label), h.label.casefold(), h.iri))
        return hits[:limit]

    # documents ---------------------------------------------------------------------------------------

    def _parse(self, filed: Filed) -> _Parsed:
        source = open_source(filed.text_path, self.data_dir)  # as the actions and the build read it
        return _Parsed(filed, source.content, source.parsed)

    def _claims(self) -> list[_ClaimRecord]:
        from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

        records: list[_ClaimRecord] = []
        for path in sorted((self.data_dir / "claims").glob("*.trig")):
            dataset = Dataset()
            try:
                dataset.parse(path, format="trig")
            except Exception as exc:  # the build reports it with its line
                log.warning("%s: not read: %s", path, exc)
                continue
            description = Graph()
            for triple in dataset.graph(DATASET_DEFAULT_GRAPH_ID):
                description.add(triple)
            for claim in sorted(description.subjects(RDF.type, COI.Claim), key=str):
                if isinstance(claim, URIRef):
                    records.append(_ClaimRecord(claim, path, description, dataset.graph(claim)))
        return records

    def draft_path(self, doc_id: str) -> Path:
        """The document's draft: ``drafts/<id>.trig``, or another draft in ``drafts/`` that names it."""
        from coi_graph.workbench.actions import find_draft

        return find_draft(self.drafts_dir, doc_id)

    def _candidates(self, doc_id: str) -> tuple[Path, list[Any], list[str]]:
        from coi_graph.extract import draft

        path = self.draft_path(doc_id)
        if not path.is_file():
            return path, [], []
        try:
            doc, candidates = draft.read(path)
        except CoiGraphError as exc:
            return path, [], [exc.render()]
        if str(doc).rsplit("/", 1)[-1] != doc_id:
            return path, [], [f"{path}: a draft of <{doc}>, not of this document"]
        return path, candidates, []

    def documents(self) -> list[DocumentSummary]:
        """Every filed document, with its candidates and coverage, in file order."""
        claims = self._claims()
        summaries = []
        for filed in filed_documents(self.data_dir):
            try:
                view = self._view(self._parse(filed), claims)
            except CoiGraphError as exc:
                log.warning("%s", exc.render())
                continue
            summaries.append(view.summary)
        return summaries

    def document(self, doc_id: str) -> DocumentView:
        """The view of the document ``doc_id`` (the last segment of its IRI); :class:`NotFound` if none."""
        for filed in filed_documents(self.data_dir):
            if filed.id == doc_id:
                return self._view(self._parse(filed), self._claims())
        raise NotFound(f"no document {doc_id!r} in {self.data_dir / 'documents'}",
                       hint="the list of documents is at /")  # fmt: skip

    # building one view -------------------------------------------------------------------------------

    def _view(self, source: _Parsed, all_claims: list[_ClaimRecord]) -> DocumentView:
        gazetteer = self.gazetteer()
        filed, parsed = source.filed, source.parsed
        doc = filed.doc
        prefix = passage_prefix(doc, parsed)
        footnotes = {f.number: _footnote(str(doc), f) for f in parsed.footnotes}
        headings = _headings(source.content, parsed)
        section = " ".join(filter(None, (parsed.section_number and parsed.section_number + ".",
                                          parsed.section_title))) or None  # fmt: skip
        passages: list[Passage] = []
        mentions: list[Mention] = []
        for parsed_passage in parsed.passages:
            passage, found = _passage(f"{prefix}p{parsed_passage.ordinal}", parsed_passage, footnotes, gazetteer)
            passage.headings = [h for h in headings.get(parsed_passage.ordinal, []) if h != section]
            passages.append(passage)
            mentions.extend(found)
        by_iri = {p.iri: (p, q) for p, q in zip(passages, parsed.passages, strict=True)}
        sentences = {s.iri: s for p in passages for s in p.sentences}

        draft_path, raw_candidates, warnings = self._candidates(filed.id)
        candidates = [self._candidate(doc, c, by_iri) for c in raw_candidates]
        claims = [self._claim(r, by_iri) for r in all_claims if str(r.description.value(r.iri, COI.passage)) in by_iri]
        for claim in claims:
            for iri in claim.evidence.sentences:
                sentences[iri].claims.append(claim.iri)
        for candidate in candidates:
            for iri in candidate.evidence.sentences:
                sentences[iri].candidates.append(candidate.number)
        pending_numbers = {c.number for c in candidates if c.status == "pending"}
        nothing = coverage.read(coverage.decisions_path(self.drafts_dir, filed.id))
        for sentence in sentences.values():
            decided = nothing.get(sentence.iri)
            if decided is not None:
                sentence.nothing = f"{decided.reason} ({decided.decided_by}, {decided.decided_on.isoformat()})"
            if not sentence.needs_claim:
                sentence.state = "none"
            elif sentence.claims:
                sentence.state = "covered"
            elif decided is not None:
                sentence.state = "nothing"
            elif pending_numbers.intersection(sentence.candidates):
                sentence.state = "pending"
            else:
                sentence.state = "left"
        needing = [s for s in sentences.values() if s.needs_claim]
        counted = Coverage(
            needing=len(needing),
            covered=sum(1 for s in needing if s.state == "covered"),
            pending=sum(1 for s in needing if s.state == "pending"),
            left=[s.iri for s in needing if s.state == "left"],
            nothing=sum(1 for s in needing if s.state == "nothing"),
        )
        summary = self._summary(source, candidates, claims, counted, draft_path)
        return DocumentView(summary, parsed.format, section, parsed.cite_as, passages, list(footnotes.values()),
                            mentions, candidates, claims, str(draft_path),
                            warnings + list(parsed.warnings))  # fmt: skip

    def _summary(self, source: _Parsed, candidates: list[Candidate], claims: list[Claim], coverage: Coverage,
                 draft_path: Path) -> DocumentSummary:  # fmt: skip
        filed, parsed = source.filed, source.parsed
        metadata, doc = filed.metadata, filed.doc
        title = metadata.value(doc, COI.title) or parsed.title or filed.id
        published = metadata.value(doc, COI.published)
        day = str(published) if isinstance(published, Literal) else (parsed.date.lexical if parsed.date else None)
        publisher_iri = metadata.value(doc, COI.publisher)
        publisher = self.label(str(publisher_iri)) if publisher_iri is not None else None
        publisher = publisher or parsed.publisher_name
        kinds = [short(str(t)).split(":", 1)[-1] for t in metadata.objects(doc, RDF.type)]
        statuses = [c.status for c in candidates]
        return DocumentSummary(
            id=filed.id, iri=str(doc), file=str(filed.text_path), kind=kinds[0] if kinds else "Document",
            title=str(title), date=day, publisher=publisher,
            publisher_iri=str(publisher_iri) if publisher_iri is not None else None,
            pending=statuses.count("pending"), accepted=statuses.count("accepted"),
            rejected=statuses.count("rejected"), claims=len(claims), coverage=coverage,
            draft=str(draft_path) if draft_path.is_file() else None,
        )  # fmt: skip

    def _triples(self, triples: Iterable[tuple[Any, Any, Any]]) -> list[Triple]:
        rows = []
        for s, p, o in sorted(triples, key=lambda t: (str(t[0]), t[1] != RDF.type, str(t[1]), str(t[2]))):
            rows.append(Triple(str(s), str(p), str(o), self.label(str(s)),
                               "a" if p == RDF.type else short(str(p)),
                               self.label(str(o)) if isinstance(o, URIRef) else None))  # fmt: skip
        return rows

    def _candidate(self, doc: URIRef, c: Any, passages: dict[str, tuple[Passage, ParsedPassage]]) -> Candidate:
        from coi_graph.extract.draft import candidate_iri
        from coi_graph.extract.review import show_triples

        evidence = _locate(c.quote, str(c.passage), passages, str(c.sentence) if c.sentence else None, c.start)
        return Candidate(
            number=c.number, iri=str(candidate_iri(doc, c.number)),
            rule=c.rule, status=_STATUSES.get(c.status, short(str(c.status))), score=c.score, quote=c.quote,
            modality=short(str(c.modality)), time_expression=c.time_expression,
            time_value=str(c.time_value) if c.time_value is not None else None,
            footnotes=[str(f) for f in c.footnotes], footnote_labels=list(c.footnote_labels),
            triples=self._triples(c.triples), turtle=show_triples(c.triples), evidence=evidence, note=c.note,
            reviewed_by=c.reviewed_by, reviewed_on=c.reviewed_on.isoformat() if c.reviewed_on else None,
            accepted_as=str(c.accepted_as) if c.accepted_as is not None else None,
        )  # fmt: skip

    def _claim(self, record: _ClaimRecord, passages: dict[str, tuple[Passage, ParsedPassage]]) -> Claim:
        from coi_graph.extract.review import show_triples

        d, iri = record.description, record.iri
        quote = str(d.value(iri, COI.quote) or "")
        sentence = d.value(iri, COI.sentence)
        evidence = _locate(quote, str(d.value(iri, COI.passage)), passages, str(sentence) if sentence else None)
        triples = [(s, p, o) for s, p, o in record.content if isinstance(s, URIRef) and isinstance(p, URIRef)]
        reviewed_on = d.value(iri, COI.reviewedOn)
        reviewed_by = d.value(iri, COI.reviewedBy)
        return Claim(
            iri=str(iri), file=str(record.path), quote=quote, modality=short(str(d.value(iri, COI.modality) or "")),
            footnotes=sorted(str(f) for f in d.objects(iri, COI.footnote)), triples=self._triples(triples),
            turtle=show_triples(triples), evidence=evidence,
            reviewed_by=str(reviewed_by) if reviewed_by is not None else None,
            reviewed_on=str(reviewed_on) if reviewed_on is not None else None,
        )  # fmt: skip


def _type_name(text: str) -> str:
    """ "coi:MilitaryBase", "MilitaryBase", "military base" → "military base"."""
    local = text.strip().rsplit(":", 1)[-1].rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    return _CAMEL.sub(" ", local).casefold()


def _type_matches(entry: Entry, wanted: set[str]) -> bool:
    names = {entry.type.casefold(), entry.kind, entry.category}
    if entry.place_type:
        names |= {entry.place_type.casefold(), "place"}
    if entry.kind == "facility":
        names.add("place")
    return bool(names & wanted)


def _match(key: str, words: Sequence[str], found: str) -> float:
    if not found:
        return 0.0
    if found == key:
        return 4.0
    if found.startswith(key):
        return 3.0
    label_words = found.split()
    if all(any(w.startswith(q) for w in label_words) for q in words):
        return 2.0
    if key in found:
        return 1.0
    return 0.0


def _footnote(doc: str, footnote: Any) -> Footnote:
    iri = f"{doc}/fn{footnote.number}"
    citations = [
        Citation(f"{iri}-c{c.ordinal}", c.raw, c.publisher, c.title, c.date.lexical if c.date else None, c.url, c.pages)
        for c in footnote.citations
    ]
    return Footnote(iri, footnote.number, footnote.label, footnote.raw, citations)


def _passage(iri: str, p: ParsedPassage, footnotes: dict[int, Footnote],
             gazetteer: Gazetteer) -> tuple[Passage, list[Mention]]:  # fmt: skip
    from coi_graph.extract.mentions import find

    sentence_iris = [f"{iri}-s{index}" for index in range(1, len(p.sentences) + 1)]

    def sentence_at(offset: int) -> str | None:
        for sentence, (start, end) in zip(sentence_iris, p.sentences, strict=True):
            if start <= offset < end:
                return sentence
        return None

    markers = []
    marker_sentence: dict[int, str] = {}
    for sentence, (start, end) in zip(sentence_iris, p.sentences, strict=True):
        for marker in p.markers_in(start, end):
            marker_sentence.setdefault(id(marker), sentence)
    for index, m in enumerate(p.markers, start=1):
        footnote = footnotes.get(m.number)
        markers.append(Marker(f"{iri}-m{index}", m.label, m.number, m.text_offset, m.start, m.end,
                              footnote.iri if footnote else None, marker_sentence.get(id(m))))  # fmt: skip
    mentions = []
    for found in find(p.text, gazetteer, candidates=True):
        entry = gazetteer.by_iri.get(found.entity) if found.entity else None
        mentions.append(Mention(
            passage=iri, sentence=sentence_at(found.start), text_start=found.start, text_end=found.end,
            start=p.file_start(found.start), end=p.file_end(found.end), text=found.text, entity=found.entity,
            label=found.label, type=found.type, kind=entry.kind if entry else found.kind, wikidata=found.wikidata,
            score=found.score, flag=found.flag, ambiguous=list(found.ambiguous),
        ))  # fmt: skip
    sentences = []
    for index, (sentence, (start, end)) in enumerate(zip(sentence_iris, p.sentences, strict=True), start=1):
        own = [m for m in markers if m.sentence == sentence]
        entities = list(dict.fromkeys(m.entity for m in mentions if m.sentence == sentence and m.entity))
        new = {m.text for m in mentions if m.sentence == sentence and not m.entity}  # new names are mentions too
        sentences.append(Sentence(
            iri=sentence, ordinal=index, passage=iri, text=p.text[start:end], text_start=start, text_end=end,
            start=p.file_start(start), end=p.file_end(end), markers=[m.label for m in own],
            footnotes=list(dict.fromkeys(m.footnote for m in own if m.footnote)), entities=entities,
            needs_claim=bool(own) or len(entities) + len(new) >= 2,
        ))  # fmt: skip
    return Passage(iri, p.ordinal, p.text, p.start, p.end, p.line, [], sentences, markers), mentions


def _locate(quote: str, passage: str, passages: dict[str, tuple[Passage, ParsedPassage]],
            sentence: str | None = None, file_start: int | None = None) -> Evidence:  # fmt: skip
    """Where ``quote`` stands in ``passage``: from its sentence on when one is named, else the first place."""
    if passage not in passages:
        return Evidence(passage, 0, 0, 0, 0, [], False)
    view, parsed = passages[passage]
    named = next((s for s in view.sentences if s.iri == sentence), None)
    if named is None and file_start is not None:
        named = next((s for s in view.sentences if s.start == file_start), None)
    begin = named.text_start if named else 0
    at = view.text.find(quote, begin) if quote else -1
    if at < 0 and quote:
        at = view.text.find(quote)
    if at < 0:
        start, end = (named.text_start, named.text_end) if named else (0, 0)
        located = False
    else:
        start, end, located = at, at + len(quote), True
    overlapping = [s.iri for s in view.sentences if s.text_start < end and start < s.text_end]
    if not overlapping and named is not None:
        overlapping = [named.iri]
    return Evidence(passage, start, end, parsed.file_start(start), parsed.file_end(end), overlapping, located)


def _headings(content: str, parsed: ParsedDocument) -> dict[int, list[str]]:
    """The heading lines in the text between passages (and before the first), by the passage they precede:
    what the generic parser takes for headings ("2. Politics", "Summary", a Markdown "# …")."""
    from coi_graph.documents.generic import heading

    found: dict[int, list[str]] = {}
    previous = 0
    for passage in parsed.passages:
        lines = []
        for line in content[previous : passage.start].splitlines():
            text = heading(line)
            if text and text != parsed.title and not line.lstrip().lower().startswith("please cite as"):
                lines.append(text)
        if lines:
            found[passage.ordinal] = lines
        previous = passage.end
    return found
