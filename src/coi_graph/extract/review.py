"""File the candidates an analyst accepted as curated claims, validated, atomically.

Accepted candidates become claims in ``data/claims/<document file stem>.trig``, numbered after the
claims already there, with ``coi:reviewedBy`` and ``coi:reviewedOn``. The new claims file is first
validated with the rest of the data in a scratch copy of the data directory (the build's loader and
SHACL shapes, without reasoning); only if it conforms is it written, atomically. A candidate is
marked accepted in its draft only once it is filed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD, NamespaceManager
from rdflib.plugins.parsers.notation3 import BadSyntax

from coi_graph.compile.pipeline import validate_changes
from coi_graph.compile.sources import SourceMap
from coi_graph.duplicates import Duplicate, registry_duplicates
from coi_graph.errors import CoiGraphError, InputError, Location, ValidationFailed
from coi_graph.extract.candidates import Candidate, Triple
from coi_graph.extract.draft import comment
from coi_graph.fsutil import atomic_write
from coi_graph.namespaces import CLAIM, ENT, EV
from coi_graph.vocab import COI

STANDARD_PREFIXES = (("coi", str(COI)), ("ent", str(ENT)), ("ev", str(EV)), ("xsd", str(XSD)), ("rdfs", str(RDFS)))
_PREFIX_LINES = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in STANDARD_PREFIXES)


def _manager() -> NamespaceManager:
    manager = NamespaceManager(Graph(), bind_namespaces="none")
    for prefix, namespace in STANDARD_PREFIXES:
        manager.bind(prefix, namespace, override=True, replace=True)
    return manager


def parse_triples(text: str) -> list[Triple]:
    """Triples typed by the analyst in Turtle with the prefixes coi:, ent:, ev:, xsd:, rdfs:."""
    body = text.strip()
    if body and not body.endswith("."):
        body += " ."
    graph = Graph()
    try:
        graph.parse(data=_PREFIX_LINES + body, format="turtle")
    except (BadSyntax, ValueError) as exc:
        raise CoiGraphError(f"not Turtle triples: {exc}", hint="e.g. ent:sdf coi:supports ent:usa .") from exc
    triples = [(s, p, o) for s, p, o in graph if isinstance(s, URIRef) and isinstance(p, URIRef)]
    if not triples:
        raise CoiGraphError("no triples given", hint="e.g. ent:sdf coi:supports ent:usa .")
    for _, p, o in triples:
        for term in (p, o) if p == RDF.type else (p,):
            if str(term).startswith(str(COI)) and term not in COI:  # type: ignore[attr-defined]
                raise CoiGraphError(
                    f"{term.n3(_manager())} is not a term of the ontology",
                    hint="see ontology/coi.ttl or docs/data-model.md for the properties and classes",
                )
    return triples


def show_triples(triples: list[Triple]) -> str:
    """The triples as Turtle on one line, grouped by subject ("s a C ; p o ."): typed back by edit."""
    manager = _manager()
    ordered = sorted(triples, key=lambda t: (str(t[0]), t[1] != RDF.type, str(t[1]), str(t[2])))
    groups: dict[URIRef, list[str]] = {}
    for s, p, o in ordered:
        groups.setdefault(s, []).append(f"{'a' if p == RDF.type else p.n3(manager)} {o.n3(manager)}")
    return " ".join(f"{s.n3(manager)} {' ; '.join(pairs)} ." for s, pairs in groups.items())


def claims_file(data_dir: Path, doc: URIRef) -> Path:
    """``data/claims/<stem>.trig`` for the filed document ``doc`` (its metadata names it)."""
    for meta in sorted((data_dir / "documents").glob("*.ttl")):
        graph = Graph().parse(meta, format="turtle")
        if (doc, RDF.type, None) in graph and (meta.with_suffix(".txt")).is_file():
            return data_dir / "claims" / f"{meta.stem}.trig"
    raise CoiGraphError(
        f"document <{doc}> is not filed in {data_dir / 'documents'}",
        hint="take the document in first with 'coi-graph ingest FILE', then extract and review again",
    )


def _next_number(path: Path, prefix: str, text: str | None = None) -> tuple[int, int]:
    """The next free claim number under ``prefix`` in a claims file (or its ``text``), and the digits used there."""
    if text is None and not path.is_file():
        return 1, 2
    dataset = Dataset()
    try:
        if text is None:
            dataset.parse(path, format="trig")
        else:
            dataset.parse(data=text, format="trig", publicID=path.resolve().as_uri())
    except BadSyntax as exc:
        raise InputError(Location(path, exc.lines + 1), f"not valid TriG: {exc.message}") from exc
    numbers, width = [], 2
    for claim in dataset.default_graph.subjects(RDF.type, COI.Claim):
        local = str(claim)[len(prefix) :] if str(claim).startswith(prefix) else ""
        if local.isdigit():
            numbers.append(int(local))
            width = max(width, len(local)) if local.startswith("0") else width
    return (max(numbers) + 1 if numbers else 1), width


_LOCAL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?")


def shortener(prefixes: Mapping[str, str]) -> Callable[[URIRef], str]:
    """An IRI as ``prefix:local`` with the longest namespace of ``prefixes`` it starts with (the file's own, such
    as ``c:`` and ``d:`` of a claims file), or ``<IRI>`` when none fits."""
    spaces = sorted(((ns, p) for p, ns in prefixes.items() if ns), key=lambda x: -len(x[0]))

    def name(iri: URIRef) -> str:
        for ns, p in spaces:
            if str(iri).startswith(ns) and _LOCAL.fullmatch(str(iri)[len(ns) :]):
                return f"{p}:{str(iri)[len(ns) :]}"
        return f"<{iri}>"

    return name


def claim_text(claim: URIRef, c: Candidate, reviewer: str, day: date, note: str,
               offsets: tuple[int, int] | None = None,
               name: Callable[[URIRef], str] = lambda iri: f"<{iri}>") -> str:  # fmt: skip
    """A curated claim as filed: a ``#`` line (``note``: where it comes from), its content in the named graph of
    its IRI, then its description. ``offsets``: where its quote stands in the document file; ``name``: how the
    claim's, passage's, sentence's and footnotes' IRIs are written (:func:`shortener` of the file's prefixes)."""
    from coi_graph.extract.draft import DraftCandidate

    manager = _manager()
    lines = ["# " + comment(note), f"{name(claim)} {{"]
    by_subject: dict[str, list[str]] = {}  # one statement per subject, its predicates after ";", as curated files
    for s, p, o in sorted(c.triples, key=lambda t: (str(t[0]), t[1] != RDF.type, str(t[1]), str(t[2]))):
        by_subject.setdefault(s.n3(manager), []).append(f"{'a' if p == RDF.type else p.n3(manager)} {o.n3(manager)}")
    lines += [f"    {s} " + " ;\n        ".join(pairs) + " ." for s, pairs in by_subject.items()]
    lines.append("}")
    fields = ["a coi:Claim", f"coi:quote {Literal(c.quote).n3(manager)}", f"coi:passage {name(c.passage)}"]
    if c.sentence is not None:
        fields.append(f"coi:sentence {name(c.sentence)}")
    if offsets is not None:
        fields += [f"coi:startOffset {offsets[0]}", f"coi:endOffset {offsets[1]}"]
    if c.footnotes:
        fields.append("coi:footnote " + ", ".join(name(f) for f in c.footnotes))
    elif c.footnote_labels:  # markers with no note list: their labels are what traces the claim to its notes
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
    fields.append(f"coi:reviewedBy {Literal(reviewer).n3(manager)}")
    fields.append(f"coi:reviewedOn {Literal(day).n3(manager)}")
    lines.append(f"{name(claim)} " + " ;\n    ".join(fields) + " .")
    return "\n".join(lines) + "\n"


def accepted_note(draft: str, c: Candidate, reviewer: str, day: date) -> str:
    return f"accepted from {draft} (candidate {c.number}, rule {c.rule}) by {reviewer} on {day.isoformat()}"


_PREFIX = re.compile(r"^\s*@prefix\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>\s*\.", re.MULTILINE)


def missing_prefix_lines(text: str) -> str:
    """The standard prefix lines that ``text`` lacks, or whose prefix its last definition binds elsewhere."""
    last = {m.group(1) or "": m.group(2) for m in _PREFIX.finditer(text)}
    return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in STANDARD_PREFIXES if last.get(p) != ns)


@dataclass(frozen=True)
class ToFile:
    """A claim to file: the candidate it is made of, the note of its ``#`` line, where its quote stands."""

    candidate: Candidate
    note: str
    offsets: tuple[int, int] | None = None


def append_claims(target: Path, existing: str | None, doc: URIRef, claims: Sequence[ToFile], *, reviewer: str,
                  day: date) -> tuple[str, list[URIRef]]:  # fmt: skip
    """The claims file ``target`` (its text ``existing``, None if there is none) with ``claims`` appended, numbered
    after the claims there, and their IRIs. The one writer of claims: ``review`` and the workbench use it."""
    local = str(doc).rsplit("/", 1)[-1]
    prefix = f"{CLAIM}{local}/"
    number, width = _next_number(target, prefix, existing if existing is not None else None)
    if existing is not None:
        if existing and not existing.endswith("\n"):
            existing += "\n"
        # the standard prefixes before the new claims where the file lacks one: TriG allows them anywhere
        missing = missing_prefix_lines(existing)
        text = existing + ("\n" + missing if missing else "")
    else:  # the document's own prefixes too, as hand-curated files have them: c:01, d:p2-s1, d:fn3
        text = (f"# Claims of {target.stem}, filed by coi-graph review.\n{_PREFIX_LINES}"
                f"@prefix c: <{prefix}> .\n@prefix d: <{doc}/> .\n")  # fmt: skip
    name = shortener({m.group(1) or "": m.group(2) for m in _PREFIX.finditer(text)})
    chunks, iris = [], []
    for offset, item in enumerate(claims):
        claim = URIRef(f"{prefix}{number + offset:0{width}d}")
        iris.append(claim)
        chunks.append(claim_text(claim, item.candidate, reviewer, day, item.note, item.offsets, name))
    return text + "\n" + "\n".join(chunks), iris


def write_changes(changes: Mapping[Path, str]) -> None:
    """Write each file atomically."""
    for path, text in changes.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_write(path) as handle:
            handle.write(text)


def registry_iris(registry: Graph) -> set[URIRef]:
    """The entities of a registry (data/entities/*.ttl, read by :func:`coi_graph.duplicates.read_registry`)."""
    return {s for s in registry.subjects(RDF.type, None) if isinstance(s, URIRef)}


def duplicates_used(registry: Graph, sources: SourceMap, proposed: Graph, draft: Path,
                    candidates: Sequence[Candidate]) -> tuple[list[Duplicate], int]:  # fmt: skip
    """The possible duplicates among the entities ``candidates`` use (the registry's and those the draft
    proposes), and how many other duplicates the registry has."""
    from coi_graph.resources import ontology_path

    sources.add_file(draft, draft.read_text(encoding="utf-8"))  # where the proposed entities are written
    ontology = Graph().parse(ontology_path(), format="turtle")
    found = registry_duplicates(registry + proposed, ontology, sources)
    used = {str(t) for c in candidates for s, _, o in c.triples for t in (s, o) if isinstance(t, URIRef)}
    relevant = [d for d in found if used.intersection(d.entities)]
    return relevant, len(found) - len(relevant)


REVIEWED_ENTITIES = "reviewed.ttl"


def entities_text(existing: str, entities: Graph, *, reviewer: str, day: date, draft: str | None = None,
                  note: str | None = None) -> str:  # fmt: skip
    """The reviewed-entities file with the confirmed entities appended, one block each, sorted. Each block's
    ``#`` line says "confirmed from ``draft``", or gives ``note``."""
    manager = _manager()
    manager.bind("skos", str(SKOS), override=True, replace=True)
    text = existing or (
        "# Entities an analyst reviewed: proposed by coi-graph extract and confirmed in review, or created in the\n"
        "# workbench; each block's # line says which, by whom and when. Edit freely; the build reads this file\n"
        "# like any other registry file.\n" + _PREFIX_LINES + f"@prefix skos: <{SKOS}> .\n"
    )
    if existing and f"@prefix skos: <{SKOS}>" not in existing:
        text += f"@prefix skos: <{SKOS}> .\n"
    for entity in sorted(set(entities.subjects(RDF.type, None)), key=str):
        pairs = sorted(((p, o) for p, o in entities.predicate_objects(entity) if p != RDFS.comment),
                       key=lambda po: (po[0] != RDF.type, str(po[0]), str(po[1])))  # fmt: skip
        fields = [f"{'a' if p == RDF.type else p.n3(manager)} {o.n3(manager)}" for p, o in pairs]
        why = note if note is not None else f"confirmed from {draft} by {reviewer} on {day.isoformat()}"
        text += "\n# " + comment(why) + "\n"
        text += f"{entity.n3(manager)} " + " ;\n    ".join(fields) + " .\n"
    return text


def file_accepted(data_dir: Path, doc: URIRef, accepted: Sequence[Candidate], *, reviewer: str, day: date,
                  draft: str, entities: Graph | None = None) -> tuple[Path, dict[int, URIRef]]:  # fmt: skip
    """Append the accepted candidates to the document's claims file, and the proposed entities they use and
    the analyst confirmed to data/entities/reviewed.ttl, after validating the result."""
    target = claims_file(data_dir, doc)
    existing = target.read_text(encoding="utf-8") if target.is_file() else None
    claims = [ToFile(c, accepted_note(draft, c, reviewer, day)) for c in accepted]
    text, made = append_claims(target, existing, doc, claims, reviewer=reviewer, day=day)
    changes = {target: text}
    if entities is not None and len(entities):
        entity_path = data_dir / "entities" / REVIEWED_ENTITIES
        before = entity_path.read_text(encoding="utf-8") if entity_path.is_file() else ""
        changes[entity_path] = entities_text(before, entities, reviewer=reviewer, day=day, draft=draft)
    report = validate_changes(data_dir, changes)
    if not report.conforms:
        raise ValidationFailed(
            f"the accepted claims do not validate; nothing was filed in {target}",
            report=report.render("text"),
            hint="review again and edit the candidates the report names (e for edit)",
        )
    write_changes(dict(reversed(list(changes.items()))))  # the entities first, then the claims that use them
    return target, {c.number: iri for c, iri in zip(accepted, made, strict=True)}
