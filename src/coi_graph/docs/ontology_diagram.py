"""Mermaid class diagrams of the ontology (``ontology/coi.ttl``), for docs/data-model.md.

Two views keep each picture readable: the world the documents describe (actors, positions, places,
events, quantities) and the evidence (claims, documents and their parts, citations, Wikidata links).
In each:

- a box is a class, titled with its ``rdfs:label``; subclass arrows join the boxes;
- an arrow from domain to range is an object property, named as in SPARQL (``presentAt``); the
  properties between the same two classes share one arrow;
- inside a box are its attributes, ``name: type``: datatype properties, properties whose values are
  concepts (``modality: Modality``) and relations of a class to itself (``supports: Actor``, which as
  arrows would pile up on one loop), then, after ``▸``, its subclasses that have no property of their
  own (``▸ air base, a military base``), so that twelve kinds of place make one box, not twelve;
- a class of the other view that a property reaches is drawn as a white box without members.

Where the ontology gives a property no domain (it is shared: ``coi:inDocument`` of a section, a
passage, a footnote), the target classes of the shapes that constrain it stand for the domain.
Inverse properties (``hosts``, the inverse of ``presentAt``) are not drawn.

Classes of properties (``coi:RegistryRelation``) are not drawn.

Only the ``coi:`` namespace is drawn; alignments (PROV-O, schema.org, …) are in the page's text.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import OWL, RDF, RDFS, SH, SKOS, XSD, Graph, URIRef

from coi_graph.resources import ontology_path, shape_files

COI = "https://w3id.org/coi-graph/ontology#"
LABEL_NAMES = 3  # property names per line of an arrow's label


@dataclass(frozen=True)
class View:
    """One diagram: the classes under ``roots`` (by local name), with everything they reach."""

    title: str
    roots: tuple[str, ...]


VIEWS = (
    View("Actors, positions, places, events and quantities", ("Entity", "Event", "Quantity")),
    View(
        "Claims, documents and provenance",
        (
            "ClaimRecord",
            "Document",
            "Section",
            "Passage",
            "Sentence",
            "FootnoteReference",
            "Footnote",
            "Citation",
            "Work",
            "AttributionStep",
            "WikidataLink",
            "NothingToClaim",
        ),
    ),
)


@dataclass
class Box:
    """A class drawn as a box: its attributes and the subclasses folded into it."""

    name: str
    label: str
    attributes: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    external: bool = False


@dataclass
class Diagram:
    """A class diagram, ready to be written as Mermaid."""

    title: str
    boxes: dict[str, Box]
    subclasses: list[tuple[str, str]]  # (superclass, subclass), both boxes
    associations: dict[tuple[str, str], list[str]]  # (domain, range) -> property names

    def mermaid(self) -> str:
        lines = ["classDiagram", "  direction LR"]
        for name in sorted(self.boxes):
            box = self.boxes[name]
            members = [*box.attributes, *(f"▸ {kind}" for kind in box.kinds)]
            if members:
                lines.append(f'  class {name}["{box.label}"] {{')
                lines += [f"    {member}" for member in members]
                lines.append("  }")
            else:
                lines.append(f'  class {name}["{box.label}"]')
        for parent, child in sorted(self.subclasses):
            lines.append(f"  {parent} <|-- {child}")
        for (domain, range_), names in sorted(self.associations.items()):
            rows = [", ".join(names[i : i + LABEL_NAMES]) for i in range(0, len(names), LABEL_NAMES)]
            lines.append(f"  {domain} --> {range_} : {'<br>'.join(rows)}")
        for name in sorted(n for n, box in self.boxes.items() if box.external):
            lines.append(f"  style {name} fill:#ffffff")
        return "\n".join(lines) + "\n"


def _local(term: object) -> str:
    return str(term).removeprefix(COI)


class Ontology:
    """The classes and properties of the ontology, with the shapes for properties it gives no domain."""

    def __init__(self, ontology: Path | None = None, shapes: Iterable[Path] | None = None) -> None:
        self.graph = Graph().parse(ontology or ontology_path(), format="turtle")
        self.shapes = Graph()
        for path in shape_files() if shapes is None else shapes:
            self.shapes.parse(path, format="turtle")
        # a class of properties (coi:RegistryRelation) is no box: the page's text names it
        properties = {
            kind for p in self.graph.subjects(RDF.type, OWL.ObjectProperty) for kind in self.graph.objects(p, RDF.type)
        }
        classes = (c for c in self.graph.subjects(RDF.type, OWL.Class) if str(c).startswith(COI))
        self.classes = {_local(c) for c in classes if c not in properties}
        self.parents: dict[str, set[str]] = defaultdict(set)
        for cls in self.classes:
            for parent in self.graph.objects(URIRef(COI + cls), RDFS.subClassOf):
                if str(parent).startswith(COI):
                    self.parents[cls].add(_local(parent))
        self.concepts = {c for c in self.classes if self._is_concept(c)}

    def _is_concept(self, cls: str) -> bool:
        seen, todo = set(), [URIRef(COI + cls)]
        while todo:
            current = todo.pop()
            if current == SKOS.Concept:
                return True
            if current not in seen:
                seen.add(current)
                todo += [p for p in self.graph.objects(current, RDFS.subClassOf) if isinstance(p, URIRef)]
        return False

    def label(self, cls: str) -> str:
        return str(self.graph.value(URIRef(COI + cls), RDFS.label) or cls)

    def descendants(self, cls: str) -> set[str]:
        found = {cls}
        changed = True
        while changed:
            more = {c for c in self.classes if self.parents[c] & found} - found
            found |= more
            changed = bool(more)
        return found

    def properties(self) -> list[tuple[str, bool]]:
        """``(name, is_object_property)`` of every ``coi:`` property, sorted by name."""
        found = []
        for kind, is_object in ((OWL.ObjectProperty, True), (OWL.DatatypeProperty, False)):
            found += [(_local(p), is_object) for p in self.graph.subjects(RDF.type, kind) if str(p).startswith(COI)]
        return sorted(set(found))

    def inverse_names(self) -> set[str]:
        """Properties declared as the inverse of another (``presentAt owl:inverseOf hosts`` makes ``hosts``)."""
        return {_local(o) for o in self.graph.objects(None, OWL.inverseOf) if str(o).startswith(COI)}

    def domains(self, prop: str) -> set[str]:
        """The ``coi:`` domain classes of a property; without one, the target classes of its shapes."""
        iri = URIRef(COI + prop)
        declared = {_local(d) for d in self.graph.objects(iri, RDFS.domain) if str(d).startswith(COI)}
        if declared or (iri, RDFS.domain, None) in self.graph:
            return declared
        used = set()
        for shape in self.shapes.subjects(RDF.type, SH.NodeShape):
            paths = {self.shapes.value(p, SH.path) for p in self.shapes.objects(shape, SH.property)}
            if iri in paths:
                used |= {_local(c) for c in self.shapes.objects(shape, SH.targetClass) if str(c).startswith(COI)}
        return used

    def range(self, prop: str) -> str | None:
        """The range of a property as a local name (a ``coi:`` class) or a short type name (``decimal``)."""
        value = self.graph.value(URIRef(COI + prop), RDFS.range)
        if value is None:
            return None
        if str(value).startswith(COI):
            return _local(value)
        if str(value).startswith(str(XSD)):
            return str(value).removeprefix(str(XSD))
        return str(value).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def diagram(ontology: Ontology, view: View) -> Diagram:
    """The class diagram of one view."""
    members = set().union(*(ontology.descendants(root) for root in view.roots))
    inverses = ontology.inverse_names()
    attributes: dict[str, list[str]] = defaultdict(list)
    associations: dict[tuple[str, str], list[str]] = defaultdict(list)
    for prop, is_object in ontology.properties():
        if is_object and prop in inverses:
            continue
        domains = ontology.domains(prop) & members
        range_ = ontology.range(prop)
        for domain in sorted(domains):
            if is_object and range_ in ontology.classes and range_ not in ontology.concepts and range_ != domain:
                associations[(domain, range_)].append(prop)
            else:
                attributes[domain].append(f"{prop}: {range_}" if range_ else prop)
    reached = {r for (_, r) in associations}
    kept = set(view.roots) | set(attributes) | {d for (d, _) in associations} | (reached & members)
    for cls in list(kept & members):  # the path up to a root stays, so that subclass arrows connect
        todo = [cls]
        while todo:
            current = todo.pop()
            for parent in ontology.parents[current] & members:
                if parent not in kept:
                    kept.add(parent)
                    todo.append(parent)
    boxes = {
        name: Box(name, ontology.label(name), sorted(attributes.get(name, [])), external=name not in members)
        for name in kept | reached
    }
    for folded in sorted(members - kept, key=lambda c: _depth_first_key(ontology, c)):
        parent = min(ontology.parents[folded] & members)
        owner = parent
        while owner not in kept:
            owner = min(ontology.parents[owner] & members)
        text = ontology.label(folded)
        if parent != owner:
            article = "an" if ontology.label(parent)[:1] in "aeiou" else "a"
            text += f", {article} {ontology.label(parent)}"
        boxes[owner].kinds.append(text)
    subclasses = sorted((p, c) for c in kept & members for p in ontology.parents[c] & kept & members)
    return Diagram(
        view.title,
        boxes,
        subclasses,
        {key: sorted(names) for key, names in associations.items()},
    )


def not_drawn(ontology: Ontology) -> tuple[list[str], list[str]]:
    """The properties no diagram draws: inverses, and properties with no domain (in the ontology or the shapes)."""
    inverses = ontology.inverse_names()
    no_domain = [p for p, _ in ontology.properties() if p not in inverses and not ontology.domains(p)]
    return sorted(inverses), no_domain


def _depth_first_key(ontology: Ontology, cls: str) -> tuple[str, ...]:
    """Sort key that lists a subclass right after its superclass: the labels on the path from the top."""
    path = [ontology.label(cls)]
    current = cls
    while ontology.parents[current]:
        current = min(ontology.parents[current])
        path.append(ontology.label(current))
    return tuple(reversed(path))


def diagrams(ontology: Ontology | None = None) -> list[Diagram]:
    """The diagrams of every view."""
    source = ontology or Ontology()
    return [diagram(source, view) for view in VIEWS]


def main() -> None:
    """Print the Mermaid text of each view (the page itself is written by coi_graph.docs.data_model)."""
    for drawn in diagrams():
        print(f"%% {drawn.title}")
        print(drawn.mermaid())


if __name__ == "__main__":
    main()
