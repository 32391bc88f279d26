"""The fields of a claim an analyst may change, read from text and checked before anything is written.

Edits are text, as a web form or a spreadsheet cell gives them: ``{"object": "ent:sdf", "start": "2025-03",
"start_precision": "month", "modality": "reported"}``. A field left out is unchanged; an empty value clears
an optional field (a date, the attribution, the time expression). Each problem is a :class:`Violation` tied to
the field, with a message an analyst can act on. The checks here are those SHACL states vaguely (a value of the
wrong type names the entity, not the claim) or that need no build: an entity of the wrong type for the
relation (the classes of shapes/relations.ttl), an end before the start, a quote or time expression that is
not in the sentence, an unknown relation or modality, a malformed date.
"""

from __future__ import annotations

import copy
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from rdflib import Graph, Literal, Node, URIRef
from rdflib.namespace import RDF, RDFS, SH, SKOS, XSD

from coi_graph.compile.admit import Vocabulary
from coi_graph.extract.candidates import EVENTS, Triple
from coi_graph.extract.draft import DraftCandidate
from coi_graph.namespaces import EV, short
from coi_graph.registry import subclasses
from coi_graph.vocab import COI

FIELDS = ("subject", "relation", "object", "start", "start_precision", "end", "end_precision", "modality",
          "attributed_to", "according_to", "quote", "time_expression", "footnotes", "triples")  # fmt: skip
PRECISIONS = {"day": XSD.date, "month": XSD.gYearMonth, "year": XSD.gYear}
PRECISION_OF = {datatype: name for name, datatype in PRECISIONS.items()}
MODALITIES = ("stated", "reported", "claimed", "planned", "intended", "possible", "presupposed", "negated")
_FORMS = {
    "day": re.compile(r"^\d{4}-\d{2}-\d{2}$"),
    "month": re.compile(r"^\d{4}-\d{2}$"),
    "year": re.compile(r"^\d{4}$"),
}
_EXAMPLE = {"day": "2025-03-14", "month": "2025-03", "year": "2025"}


@dataclass(frozen=True)
class Violation:
    """Why an action was refused: the field, and what to do. ``row`` and ``column``: where in a spreadsheet."""

    field: str
    message: str
    row: int | None = None
    column: str | None = None

    def render(self) -> str:
        where = f"row {self.row}, column {self.column or self.field}: " if self.row is not None else f"{self.field}: "
        return where + self.message


class FieldError(Exception):
    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.violation = Violation(name, message)


def iri(text: str, name: str) -> URIRef:
    """``ent:sdf``, ``<https://…>`` or ``https://…`` as an IRI."""
    from coi_graph.query.params import ParameterValueError, expand_iri

    try:
        return URIRef(expand_iri(text))
    except ParameterValueError as exc:
        raise FieldError(name, str(exc)) from exc


def parse_date(value: str, precision: str, name: str) -> Literal:
    """A date with its precision in its datatype: day xsd:date, month xsd:gYearMonth, year xsd:gYear. Without a
    precision the form gives it; a more precise value is cut to the precision asked ("2025-03-14", month)."""
    text, wanted = value.strip(), precision.strip().lower()
    if wanted and wanted not in PRECISIONS:
        raise FieldError(f"{name}_precision", f"{precision!r} is not a precision: write day, month or year")
    given = next((p for p, form in _FORMS.items() if form.match(text)), None)
    if given is None:
        raise FieldError(name, f"{text!r} is not a date: write {_EXAMPLE['day']}, {_EXAMPLE['month']} or "
                               f"{_EXAMPLE['year']}")  # fmt: skip
    wanted = wanted or given
    order = ["year", "month", "day"]
    if order.index(given) < order.index(wanted):
        raise FieldError(name, f"{text!r} has no {wanted}: write it as {_EXAMPLE[wanted]}, or choose "
                               f"{given} precision")  # fmt: skip
    text = text[: len(_EXAMPLE[wanted])]
    try:
        date.fromisoformat(text if wanted == "day" else f"{text}-01" if wanted == "month" else f"{text}-01-01")
    except ValueError:
        raise FieldError(name, f"{text!r} is not a real {wanted}: check the month and the day") from None
    return Literal(text, datatype=PRECISIONS[wanted])


def later(a: Literal, b: Literal) -> bool:
    """Whether ``a`` lies after ``b``, compared at the precision they share (as shapes/time.ttl does)."""
    n = min(len(str(a)), len(str(b)))
    return str(a)[:n] > str(b)[:n]


@dataclass
class Schema:
    """What the ontology and the shapes say about relations: which relate two entities directly, which events
    the workbench edits as a relation (subject role, object role), and the class each end must have."""

    ontology: Graph
    relations: frozenset[URIRef]
    events: dict[URIRef, tuple[URIRef, URIRef]]
    subject_class: dict[URIRef, URIRef] = field(default_factory=dict)
    object_class: dict[URIRef, URIRef] = field(default_factory=dict)
    entity_classes: frozenset[URIRef] = frozenset()

    @classmethod
    def load(cls) -> Schema:
        from coi_graph.resources import ontology_path, shape_files

        ontology = Graph().parse(ontology_path(), format="turtle")
        shapes = Graph()
        for path in shape_files():
            if path.name == "relations.ttl":
                shapes.parse(path, format="turtle")
        schema = cls(ontology, frozenset(URIRef(p) for p in Vocabulary.of(ontology).relations),
                     {event: (s, o) for event, s, o in EVENTS.values()},
                     entity_classes=frozenset(subclasses(ontology, COI.Entity)))  # fmt: skip
        for shape in shapes.subjects(SH["class"], None):
            wanted = shapes.value(shape, SH["class"])
            if not isinstance(wanted, URIRef):
                continue
            for prop in shapes.objects(shape, SH.targetObjectsOf):
                schema.object_class.setdefault(URIRef(str(prop)), wanted)
            for prop in shapes.objects(shape, SH.targetSubjectsOf):
                schema.subject_class.setdefault(URIRef(str(prop)), wanted)
        return schema

    def label(self, term: URIRef) -> str:
        return str(self.ontology.value(term, RDFS.label) or short(term))

    def is_a(self, types: set[URIRef], wanted: URIRef) -> bool:
        return any(t == wanted or wanted in set(self.ontology.transitive_objects(t, RDFS.subClassOf)) for t in types)

    def ends(self, relation: URIRef) -> tuple[URIRef | None, URIRef | None]:
        """The classes the subject and the object of ``relation`` must have (None: any)."""
        if relation in self.events:
            subject_role, object_role = self.events[relation]
            return self.object_class.get(subject_role), self.object_class.get(object_role)
        return self.subject_class.get(relation), self.object_class.get(relation)


@dataclass
class Entities:
    """The entities an action may use: the registry's, those the draft proposes, those created since."""

    types: dict[URIRef, set[URIRef]]
    labels: dict[URIRef, str]

    @classmethod
    def of(cls, *graphs: Graph) -> Entities:
        found = cls({}, {})
        for graph in graphs:
            found.add(graph)
        return found

    def add(self, graph: Graph) -> None:
        for s, o in graph.subject_objects(RDF.type):
            if isinstance(s, URIRef) and isinstance(o, URIRef):
                self.types.setdefault(s, set()).add(o)
        for s, o in graph.subject_objects(SKOS.prefLabel):
            if isinstance(s, URIRef):
                self.labels.setdefault(s, str(o))

    def label(self, entity: URIRef) -> str:
        return self.labels.get(entity, short(entity))


@dataclass
class Content:
    """A claim's content as one relation: ``subject relation object``, the relation a property between entities
    (coi:supports) or an event class (coi:Strike, its roles the subject and the object)."""

    subject: URIRef
    relation: URIRef
    object: URIRef | None
    event: URIRef | None = None


def content_of(triples: list[Triple], schema: Schema) -> Content | None:
    """The content as one relation, or None when it is more (several relations, an event of another kind)."""
    direct = [(s, p, o) for s, p, o in triples if p in schema.relations and isinstance(o, URIRef)]
    events = [(s, o) for s, p, o in triples if p == RDF.type and o in schema.events]
    if len(direct) == 1 and not events and len(triples) == 1:
        s, p, o = direct[0]
        return Content(s, p, URIRef(str(o)))
    if len(events) == 1 and not direct:
        node, cls = events[0]
        subject_role, object_role = schema.events[URIRef(str(cls))]
        subjects = sorted(URIRef(str(o)) for s, p, o in triples if s == node and p == subject_role)
        objects = sorted(URIRef(str(o)) for s, p, o in triples if s == node and p == object_role)
        if subject_role == object_role:  # participants: the first is the subject, the second the object
            subjects, objects = subjects[:1], subjects[1:2]
        if len(subjects) == 1 and len(objects) <= 1 and isinstance(node, URIRef):
            return Content(subjects[0], URIRef(str(cls)), objects[0] if objects else None, node)
    return None


def content_triples(old: list[Triple], before: Content | None, after: Content, schema: Schema, entities: Entities,
                    seed: str) -> list[Triple]:  # fmt: skip
    """The triples of ``old`` with its relation ``before`` changed to ``after``; ``seed`` names a new event."""
    if after.relation in schema.relations:
        assert after.object is not None
        return [(after.subject, after.relation, after.object)]
    subject_role, object_role = schema.events[after.relation]
    node = before.event if before is not None and before.event is not None else None
    if node is None:
        digest = hashlib.sha256(f"{seed}|{after.relation}|{after.subject}|{after.object}".encode()).hexdigest()[:8]
        node = EV[f"{seed}-{_slug(schema.label(after.relation))}-{digest}"]
    kept: list[Triple] = []
    if before is not None and before.event == node and before.relation == after.relation:
        roles = {subject_role, object_role, RDF.type, RDFS.label}
        kept = [t for t in old if not (t[0] == node and t[1] in roles)]
    ends = entities.label(after.subject) + (f" → {entities.label(after.object)}" if after.object else "")
    made: list[Triple] = [(node, RDF.type, after.relation),
                          (node, RDFS.label, Literal(f"{schema.label(after.relation)}: {ends}", lang="en")),
                          (node, subject_role, after.subject)]  # fmt: skip
    if after.object is not None:
        made.append((node, object_role, after.object))
    return made + kept


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "event"


@dataclass
class Span:
    """The text a claim's quote must stand in: its sentence's, or its passage's when it has no sentence."""

    passage_text: str
    sentence_text: str | None
    # the labels of the footnote markers of the sentence (the passage's without one), in reading order, and the
    # footnote each names (None: a marker with no note list): what the footnotes field may choose from
    markers: tuple[tuple[str, URIRef | None], ...] = ()


def apply_edits(candidate: DraftCandidate, edits: Mapping[str, str], *, schema: Schema, entities: Entities,
                span: Span, published: Literal | None,
                seed: str) -> tuple[DraftCandidate, list[Violation]]:  # fmt: skip
    """A copy of ``candidate`` with ``edits`` made, and what is wrong with the result (nothing is half-made: on
    a violation the copy is not to be used)."""
    from coi_graph.errors import CoiGraphError
    from coi_graph.extract.review import parse_triples

    edited = copy.deepcopy(candidate)
    found: list[Violation] = []
    for name in sorted(set(edits) - set(FIELDS)):
        found.append(Violation(name, f"not a field of a claim: use one of {', '.join(FIELDS)}"))

    def attempt(name: str, step: object) -> None:
        try:
            assert callable(step)
            step()
        except FieldError as exc:
            found.append(exc.violation)

    if "triples" in edits and any(k in edits for k in ("subject", "relation", "object")):
        found.append(Violation("triples", "edit the triples, or subject, relation and object, not both"))
    elif "triples" in edits:
        try:
            edited.triples = parse_triples(edits["triples"])
        except CoiGraphError as exc:
            found.append(Violation("triples", exc.message + (f" ({exc.hint})" if exc.hint else "")))
    elif any(k in edits for k in ("subject", "relation", "object")):
        attempt("relation", lambda: _edit_content(edited, edits, schema, entities, seed, found))
    attempt("modality", lambda: _edit_modality(edited, edits))
    attempt("dates", lambda: _edit_dates(edited, edits))
    for name, attribute in (("attributed_to", "attributed_to"), ("according_to", "according_to")):
        if name in edits:
            attempt(
                name, lambda n=name, a=attribute: setattr(edited, a, iri(edits[n], n) if edits[n].strip() else None)
            )
    if "footnotes" in edits:
        attempt("footnotes", lambda: _edit_footnotes(edited, edits["footnotes"], span))
    if "quote" in edits:
        edited.quote = edits["quote"]
    if "time_expression" in edits:
        edited.time_expression = edits["time_expression"].strip() or None
    found += check(edited, schema=schema, entities=entities, span=span, published=published)
    return edited, _unique(found)


def _edit_footnotes(c: DraftCandidate, text: str, span: Span) -> None:
    """The footnotes a claim cites, given as the labels of markers of its sentence ("544", "545 546")."""
    known = dict(span.markers)
    labels = list(dict.fromkeys(re.split(r"[\s,;]+", text.strip()))) if text.strip() else []
    wrong = [label for label in labels if label not in known]
    if wrong:
        offered = ", ".join(label for label, _ in span.markers) or "none"
        raise FieldError("footnotes", f"{', '.join(wrong)}: no footnote marker of the claim's sentence has that "
                                      f"label; its markers: {offered}")  # fmt: skip
    c.footnote_labels = labels
    c.footnotes = [f for f in (known[label] for label in labels) if f is not None]


def _unique(found: list[Violation]) -> list[Violation]:
    return list(dict.fromkeys(found))


def _edit_content(c: DraftCandidate, edits: Mapping[str, str], schema: Schema, entities: Entities, seed: str,
                  found: list[Violation]) -> None:  # fmt: skip
    before = content_of(c.triples, schema)
    if before is None and not {"subject", "relation"} <= set(edits):
        raise FieldError("relation", "this candidate holds more than one relation: give subject, relation and object "
                                     "together, or edit its triples")  # fmt: skip
    relation = iri(edits["relation"], "relation") if edits.get("relation", "").strip() else (
        before.relation if before else None)  # fmt: skip
    if relation is None or (relation not in schema.relations and relation not in schema.events):
        known = ", ".join(sorted(short(r) for r in (*schema.relations, *schema.events)))
        raise FieldError("relation", f"{short(relation) if relation else 'nothing'} is not a relation between entities"
                                     f" or an event the workbench edits: one of {known}")  # fmt: skip
    subject = iri(edits["subject"], "subject") if edits.get("subject", "").strip() else (
        before.subject if before else None)  # fmt: skip
    if subject is None:
        raise FieldError("subject", "give the subject, an entity such as ent:sdf")
    obj = (iri(edits["object"], "object") if edits["object"].strip() else None) if "object" in edits else (
        before.object if before else None)  # fmt: skip
    if obj is None and relation in schema.relations:
        raise FieldError("object", f"{short(relation)} needs an object, an entity such as ent:syria")
    after = Content(subject, relation, obj, before.event if before else None)
    c.triples = content_triples(c.triples, before, after, schema, entities, seed)


def _edit_modality(c: DraftCandidate, edits: Mapping[str, str]) -> None:
    if "modality" not in edits:
        return
    name = edits["modality"].strip().lower().removeprefix("coi:")
    if name not in MODALITIES:
        raise FieldError("modality", f"{edits['modality']!r} is not a modality: one of {', '.join(MODALITIES)}")
    c.modality = COI[name.capitalize()]


def _edit_dates(c: DraftCandidate, edits: Mapping[str, str]) -> None:
    names = ("start", "start_precision", "end", "end_precision")
    if not any(n in edits for n in names):
        return
    start_now, end_now = time_fields(c)
    start_text = edits.get("start", str(start_now) if start_now is not None else "")
    end_text = edits.get("end", str(end_now) if end_now is not None else "")
    problems = []
    start = end = None
    try:
        start = parse_date(start_text, edits.get("start_precision", ""), "start") if start_text.strip() else None
    except FieldError as exc:
        problems.append(exc)
    try:
        end = parse_date(end_text, edits.get("end_precision", ""), "end") if end_text.strip() else None
    except FieldError as exc:
        problems.append(exc)
    if problems:
        raise problems[0]
    kind = c.time_property if c.time_property in (COI.pointInTime, COI.asOf, COI.startTime) else COI.pointInTime
    if start is not None and end is not None:
        c.time_property, c.time_value, c.time_end = COI.startTime, start, end
    elif start is not None:
        c.time_property, c.time_value, c.time_end = kind, start, None
    elif end is not None:
        c.time_property, c.time_value, c.time_end = COI.endTime, end, None
    else:
        c.time_property, c.time_value, c.time_end = None, None, None
    c.time_inferred = False  # the analyst gave the dates


def time_fields(c: DraftCandidate) -> tuple[Literal | None, Literal | None]:
    """The start (point in time, start or as-of) and the end of a candidate."""
    if c.time_property == COI.endTime:
        return None, c.time_value
    return c.time_value, c.time_end


def check(c: DraftCandidate, *, schema: Schema, entities: Entities, span: Span,
          published: Literal | None) -> list[Violation]:  # fmt: skip
    """What is wrong with a claim about to be filed, field by field."""
    found: list[Violation] = []
    content = content_of(c.triples, schema)
    used: list[tuple[str, Node]] = []
    if content is not None:
        used += [("subject", content.subject)] + ([("object", content.object)] if content.object else [])
        wanted = dict(zip(("subject", "object"), schema.ends(content.relation), strict=True))
        for name, entity in used:
            types = entities.types.get(URIRef(str(entity)))
            if types is None:
                continue  # reported below
            cls = wanted[name]
            if cls is not None and not schema.is_a(types, cls):
                kinds = ", ".join(sorted(schema.label(t) for t in types))
                named = f"{short(str(entity))} ({entities.label(URIRef(str(entity)))})"
                wanted_kind = _a(schema.label(cls))
                found.append(Violation(name, f"{named} is {_a(kinds)}, not {wanted_kind}: {short(content.relation)} "
                                             f"takes {wanted_kind} as its {name}. Pick another entity or another "
                                             "relation."))  # fmt: skip
    else:
        used += [("triples", o) for s, p, o in c.triples if p not in (RDF.type,) and isinstance(o, URIRef)]
    if c.attributed_to is not None:
        used.append(("attributed_to", c.attributed_to))
        types = entities.types.get(c.attributed_to)
        if types is not None and not schema.is_a(types, COI.Actor):
            found.append(Violation("attributed_to", f"{short(c.attributed_to)} is not an actor: a claim is attributed "
                                                    "to a state, organisation, group or person"))  # fmt: skip
    for name, entity in used:
        node = URIRef(str(entity))
        if node not in entities.types and str(node).startswith(str(schema_entity_ns())):
            found.append(Violation(name, f"{short(node)} is not an entity of the registry or of the draft: pick one, "
                                         "or create it first"))  # fmt: skip
    start, end = time_fields(c)
    if start is not None and end is not None and later(start, end):
        found.append(Violation("end", f"the end ({end}) is before the start ({start}): correct one of them"))
    if (
        published is not None
        and c.modality in (COI.Stated, COI.Reported)
        and start is not None
        and later(start, published)
    ):
        found.append(Violation("start", f"{start} is after the document's date ({published}) for a claim stated or "
                                        "reported as fact: check the date, or use planned or intended"))  # fmt: skip
    if not c.quote.strip():
        found.append(Violation("quote", "the quote is empty: copy the words that state the claim"))
    elif span.sentence_text is not None and c.quote not in span.sentence_text:
        found.append(Violation("quote", f"not in the claim's sentence, verbatim: {c.quote!r}. Copy it from the "
                                        f"sentence: {span.sentence_text!r}"))  # fmt: skip
    elif c.quote not in span.passage_text:
        found.append(Violation("quote", f"not in the passage, verbatim: {c.quote!r}. Copy it from the passage"))
    if c.time_expression and c.time_expression not in span.passage_text:
        found.append(Violation("time_expression", f"{c.time_expression!r} is not in the passage: copy the words "
                                                  "that give the time, or leave it empty"))  # fmt: skip
    return found


def _a(noun: str) -> str:
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


def schema_entity_ns() -> str:
    from coi_graph.namespaces import ENT

    return str(ENT)
