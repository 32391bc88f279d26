"""Draft files: candidate claims in TriG, one named graph per candidate, marked coi:CandidateClaim.

A draft is written by ``coi-graph extract`` and rewritten by ``coi-graph review`` as decisions are
made. It is never read by the build (the loader refuses candidates in ``data/claims/``). Each
candidate is preceded by a comment with its rule, score and sentence, for reading the file by eye.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD, NamespaceManager
from rdflib.plugins.parsers.notation3 import BadSyntax

from coi_graph.errors import InputError, Location
from coi_graph.extract.candidates import Candidate, Triple
from coi_graph.namespaces import CANDIDATE, DOC, ENT, EV
from coi_graph.vocab import COI

HEADER = """# Candidate claims proposed by coi-graph extract from {source}
# document <{doc}>
# Nothing here is in the graph: review with `coi-graph review {draft}`; accepted candidates are
# filed in data/claims/ as curated claims, with the reviewer and the day.
"""


_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


@dataclass
class DraftCandidate(Candidate):
    """A candidate as a draft holds it: besides the extractor's proposal, what review adds (the reason an
    analyst gave for a rejection, the statement a claim is according to)."""

    reason: str | None = None  # skos:editorialNote: why it was rejected
    according_to: URIRef | None = None  # coi:accordingTo: the statement whose content the claim is


def comment(text: object) -> str:
    """Text for a ``#`` comment line of a Turtle or TriG file: one line, its control characters (line breaks
    among them) written as ``\\uXXXX``, so that nothing a reviewer, a draft or a file name holds is read as
    Turtle."""
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", str(text))


def candidate_iri(doc: URIRef, number: int) -> URIRef:
    return CANDIDATE[f"{str(doc).rsplit('/', 1)[-1]}/{number}"]


def _manager(doc: URIRef) -> NamespaceManager:
    manager = NamespaceManager(Graph(), bind_namespaces="none")
    for prefix, namespace in (("coi", str(COI)), ("ent", str(ENT)), ("ev", str(EV)), ("xsd", str(XSD)),
                              ("rdfs", str(RDFS)), ("skos", str(SKOS)),
                              ("cand", f"{CANDIDATE}{str(doc).rsplit('/', 1)[-1]}/"),
                              ("d", f"{doc}/"), ("doc", str(DOC))):  # fmt: skip
        manager.bind(prefix, namespace, override=True, replace=True)
    return manager


def render(doc: URIRef, candidates: Iterable[Candidate], *, source: str, draft: str,
           proposed: Graph | None = None) -> str:  # fmt: skip
    """The draft: each candidate, then the entities it proposes for the registry (``proposed``: their
    types, labels and why they were proposed)."""
    manager = _manager(doc)
    candidates = list(candidates)
    lines = [HEADER.format(source=comment(source), doc=comment(doc), draft=comment(draft))]
    for prefix, namespace in manager.namespaces():
        lines.append(f"@prefix {prefix}: <{namespace}> .")
    for candidate in candidates:
        lines.append("")
        lines.extend(_candidate(doc, candidate, manager))
    if proposed is not None and len(proposed):
        lines.append("")
        lines.append("# Entities the registry lacks, proposed with the candidates that use them. Accepting such a")
        lines.append("# candidate in review files the entity in data/entities/reviewed.ttl, after you confirm it.")
        for entity in sorted(set(proposed.subjects(RDF.type, None)), key=str):
            users = [c.number for c in candidates if any(entity in (t[0], t[2]) for t in c.triples)]
            lines.append("")
            lines.append(f"# proposed · used by candidate{'s' if len(users) != 1 else ''} "
                         + ", ".join(map(str, users)))  # fmt: skip
            pairs = sorted(
                proposed.predicate_objects(entity), key=lambda po: (po[0] != RDF.type, str(po[0]), str(po[1]))
            )
            fields = [f"{'a' if p == RDF.type else p.n3(manager)} {o.n3(manager)}" for p, o in pairs]
            lines.append(f"{entity.n3(manager)} " + " ;\n    ".join(fields) + " .")
    return "\n".join(lines) + "\n"


def proposed_entities(path: Path, text: str | None = None) -> Graph:
    """The entities a draft proposes: the default graph's resources that are not candidates. ``text``: the
    draft's text, when it is not (yet) the file's."""
    dataset = Dataset()
    if text is None:
        dataset.parse(path, format="trig")
    else:
        dataset.parse(data=text, format="trig", publicID=path.resolve().as_uri())
    found = Graph()
    description = dataset.default_graph
    for subject in set(description.subjects(RDF.type, None)):
        if (subject, RDF.type, COI.CandidateClaim) in description:
            continue
        for p, o in description.predicate_objects(subject):
            found.add((subject, p, o))
    return found


def _candidate(doc: URIRef, c: Candidate, manager: NamespaceManager) -> list[str]:
    name = candidate_iri(doc, c.number).n3(manager)
    quoted = " ".join(c.quote.split())  # a quote's line breaks read as spaces here
    quoted = quoted if len(quoted) <= 110 else quoted[:109] + "…"
    out = ["# " + comment(f"{c.number} · {c.rule} · score {c.score:.2f} · {c.status.n3(manager)} · {quoted}")]
    if c.note:
        out.append(f"# {comment(c.note)}")
    out.append(f"{name} {{")
    for s, p, o in sorted(c.triples, key=lambda t: (str(t[0]), t[1] != RDF.type, str(t[1]), str(t[2]))):
        out.append(f"    {s.n3(manager)} {p.n3(manager) if p != RDF.type else 'a'} {o.n3(manager)} .")
    out.append("}")
    fields: list[str] = [
        "a coi:CandidateClaim",
        f"coi:quote {Literal(c.quote).n3(manager)}",
        f"coi:passage {c.passage.n3(manager)}",
    ]
    if c.sentence is not None:
        fields.append(f"coi:sentence {c.sentence.n3(manager)}")
    fields += [f"coi:startOffset {c.start}", f"coi:endOffset {c.end}"]
    if c.footnotes:
        fields.append("coi:footnote " + ", ".join(f.n3(manager) for f in c.footnotes))
    if c.footnote_labels:
        fields.append("coi:footnoteLabel " + ", ".join(Literal(label).n3(manager) for label in c.footnote_labels))
    fields.append(f"coi:modality {c.modality.n3(manager)}")
    if c.attributed_to is not None:
        fields.append(f"coi:attributedTo {c.attributed_to.n3(manager)}")
    if isinstance(c, DraftCandidate) and c.according_to is not None:
        fields.append(f"coi:accordingTo {c.according_to.n3(manager)}")
    if c.time_property is not None and c.time_value is not None:
        fields.append(f"{c.time_property.n3(manager)} {c.time_value.n3(manager)}")
    if c.time_end is not None:
        fields.append(f"coi:endTime {c.time_end.n3(manager)}")
    if c.time_expression:
        fields.append(f"coi:timeExpression {Literal(c.time_expression).n3(manager)}")
    if c.time_inferred:
        fields.append("coi:timeInferred true")
    fields += [
        f"coi:candidateScore {Literal(Decimal(f'{c.score:.2f}')).n3(manager)}",
        f"coi:extractionRule {Literal(c.rule).n3(manager)}",
        f"coi:reviewStatus {c.status.n3(manager)}",
    ]
    if c.reviewed_by:
        fields.append(f"coi:reviewedBy {Literal(c.reviewed_by).n3(manager)}")
    if c.reviewed_on:
        fields.append(f"coi:reviewedOn {Literal(c.reviewed_on).n3(manager)}")
    if c.accepted_as is not None:
        fields.append(f"coi:acceptedAs {c.accepted_as.n3(manager)}")
    if c.note:
        fields.append(f"rdfs:comment {Literal(c.note).n3(manager)}")
    if isinstance(c, DraftCandidate) and c.reason:
        fields.append(f"skos:editorialNote {Literal(c.reason).n3(manager)}")
    out.append(f"{name} " + " ;\n    ".join(fields) + " .")
    return out


def read(path: Path, text: str | None = None) -> tuple[URIRef, list[DraftCandidate]]:
    """The document and the candidates of a draft file, in number order. ``text``: the draft's text, when it
    is not (yet) the file's."""
    try:
        dataset = Dataset()
        if text is None:
            dataset.parse(path, format="trig")
        else:
            dataset.parse(data=text, format="trig", publicID=path.resolve().as_uri())
    except FileNotFoundError as exc:
        raise InputError(Location(path), "no such draft file") from exc
    except BadSyntax as exc:
        raise InputError(Location(path, exc.lines + 1), f"not valid TriG: {exc.message}") from exc
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputError(Location(path), f"not a draft file: {exc}") from exc
    description = dataset.default_graph
    found: list[DraftCandidate] = []
    doc: URIRef | None = None
    for node in description.subjects(RDF.type, COI.CandidateClaim):
        if not isinstance(node, URIRef):
            continue
        local, _, number = str(node).rpartition("/")
        doc_here = DOC[local.rsplit("/", 1)[-1]]
        doc = doc or doc_here
        if doc_here != doc or not number.isdigit():
            raise InputError(Location(path), f"<{node}> is not a candidate of <{doc}>")
        found.append(_read_candidate(path, description, dataset.graph(node), node, int(number)))
    if doc is None:
        raise InputError(Location(path), "the file holds no candidate claims (coi:CandidateClaim)")
    return doc, sorted(found, key=lambda c: c.number)


def _day(value: object) -> date | None:
    day = value.toPython() if isinstance(value, Literal) else None
    return day if isinstance(day, date) else None


def _read_candidate(path: Path, d: Graph, content: Graph, node: URIRef, number: int) -> DraftCandidate:
    def one(prop: URIRef) -> object:
        return d.value(node, prop)

    def required(prop: URIRef) -> object:
        value = one(prop)
        if value is None:
            raise InputError(Location(path), f"candidate <{node}> has no {prop.n3(_manager(DOC['x']))}")
        return value

    time_property, time_value, time_end = None, None, None
    for prop in (COI.pointInTime, COI.startTime, COI.endTime, COI.asOf):
        value = d.value(node, prop)
        if isinstance(value, Literal):
            if prop == COI.endTime and time_property == COI.startTime:
                time_end = value  # an interval: start and end
            else:
                time_property, time_value = prop, value
    reviewed_on = one(COI.reviewedOn)
    triples: list[Triple] = [(s, p, o) for s, p, o in content if isinstance(s, URIRef) and isinstance(p, URIRef)]
    score = required(COI.candidateScore)
    return DraftCandidate(
        number=number,
        rule=str(required(COI.extractionRule)),
        triples=triples,
        quote=str(required(COI.quote)),
        passage=URIRef(str(required(COI.passage))),
        sentence=URIRef(str(one(COI.sentence))) if one(COI.sentence) is not None else None,
        start=int(str(one(COI.startOffset) or 0)),
        end=int(str(one(COI.endOffset) or 0)),
        modality=URIRef(str(required(COI.modality))),
        score=float(str(score)),
        footnotes=sorted((URIRef(str(f)) for f in d.objects(node, COI.footnote)), key=str),
        time_property=time_property,
        time_value=time_value,
        time_expression=str(one(COI.timeExpression)) if one(COI.timeExpression) is not None else None,
        status=URIRef(str(required(COI.reviewStatus))),
        reviewed_by=str(one(COI.reviewedBy)) if one(COI.reviewedBy) is not None else None,
        reviewed_on=_day(reviewed_on),
        accepted_as=URIRef(str(one(COI.acceptedAs))) if one(COI.acceptedAs) is not None else None,
        note=str(one(RDFS.comment)) if one(RDFS.comment) is not None else None,
        footnote_labels=sorted((str(label) for label in d.objects(node, COI.footnoteLabel)), key=_label_order),
        time_end=time_end,
        time_inferred=str(one(COI.timeInferred)).lower() == "true",
        attributed_to=URIRef(str(one(COI.attributedTo))) if one(COI.attributedTo) is not None else None,
        relation=None,
        reason=str(one(SKOS.editorialNote)) if one(SKOS.editorialNote) is not None else None,
        according_to=URIRef(str(one(COI.accordingTo))) if one(COI.accordingTo) is not None else None,
    )


_HEADER_SOURCE = "# Candidate claims proposed by coi-graph extract from "
_HEADER_DRAFT = re.compile(r"review with `coi-graph review (.*)`; accepted candidates are$")


def header_fields(text: str) -> tuple[str, str]:
    """The source file and the draft name a draft's header gives (what :func:`render` wrote there), so that a
    draft rewritten after a decision keeps its header byte for byte; "?" for what the header lacks."""
    source, name = "?", "?"
    for line in text.splitlines()[:4]:
        if line.startswith(_HEADER_SOURCE):
            source = line[len(_HEADER_SOURCE) :]
        found = _HEADER_DRAFT.search(line)
        if found:
            name = found.group(1)
    return source, name


def _label_order(label: str) -> tuple[int, str]:
    from coi_graph.documents.generic import roman_value

    if label.isdigit():
        return (int(label), label)
    value = roman_value(label)
    return (value or 0, label)
