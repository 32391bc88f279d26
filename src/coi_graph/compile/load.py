"""Read a data directory into an in-memory Oxigraph store, fast enough for a million triples.

The RDF files (registry, links, claims) are parsed by Oxigraph (Rust), about ten times faster than
rdflib; documents are parsed by the project's own parsers and turned into quads without building
rdflib graphs, and each document's quads are cached under its content hash, so that a rebuild
parses only the documents that changed. The same checks as :mod:`coi_graph.compile.reference.load` are made,
with the same messages, files and lines.

Named graphs are those of :class:`coi_graph.namespaces.Graphs`; each claim's content is the graph
of its IRI, as in the build.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS, XSD

from coi_graph import progress
from coi_graph.compile.admit import Kind, Vocabulary, check_controls, check_declared, check_predicates
from coi_graph.compile.inventory import Inventory, contained, scan
from coi_graph.compile.lexical import ill_typed
from coi_graph.compile.sources import SourceMap
from coi_graph.compile.terms import iri, to_quads, to_rdflib, to_triple
from coi_graph.documents import layouts
from coi_graph.documents.model import ParsedDocument
from coi_graph.documents.text import read_text
from coi_graph.documents.to_rdf import Resolver, TripleSink, document_triples
from coi_graph.duplicates import LABELS as LABEL_PROPERTIES
from coi_graph.duplicates import LabelUse, find_duplicates, kinds_of, locate
from coi_graph.errors import CoiGraphError, InputError, Location
from coi_graph.fsutil import atomic_write
from coi_graph.namespaces import Graphs, short
from coi_graph.registry import LabelIndex
from coi_graph.resources import ontology_path
from coi_graph.vocab import COI

log = logging.getLogger(__name__)

PARSERS = layouts.PARSERS
CACHE_VERSION = "2"  # bump when the document parsers or their RDF change
_CHECKED_TYPES = {str(t) for t in (XSD.date, XSD.gYearMonth, XSD.gYear, XSD.integer, XSD.decimal, XSD.boolean)}


def _select(store: ox.Store, query: str) -> ox.QuerySolutions:
    from coi_graph.namespaces import PREFIXES

    solutions = store.query(query, prefixes=PREFIXES)
    assert isinstance(solutions, ox.QuerySolutions)
    return solutions


@dataclass
class StoreData:
    """What was read: the store, where things were written, the ontology as rdflib, and warnings."""

    store: ox.Store
    ontology: Graph
    sources: SourceMap = field(default_factory=SourceMap)
    warnings: list[str] = field(default_factory=list)
    claim_graphs: list[ox.NamedNode] = field(default_factory=list)
    vocabulary: Vocabulary = field(default_factory=lambda: Vocabulary(frozenset(), frozenset()))
    documents_parsed: int = 0
    documents_cached: int = 0


# --- RDF files ----------------------------------------------------------------------------------


def parse_file(path: Path, fmt: ox.RdfFormat, sources: SourceMap) -> list[ox.Quad]:
    """All quads of an RDF file, parsed by Oxigraph; syntax errors, control characters and ill-typed
    literals name the line."""
    text = read_text(path)
    sources.add_file(path, text)
    check_controls(path, text)
    name = "TURTLE" if fmt == ox.RdfFormat.TURTLE else "TRIG"
    try:
        quads = list(ox.parse(input=text.encode("utf-8"), format=fmt, base_iri=path.resolve().as_uri()))
    except SyntaxError as exc:
        why = str(exc).split(": ", 1)[-1]
        raise InputError(
            Location(path, exc.lineno, exc.offset),
            f"{name} syntax error: {why}",
            hint="check the line above too: an unclosed string, a missing '.' or ';', or an undeclared prefix",
        ) from exc
    for quad in quads:
        value = quad.object
        if not isinstance(value, ox.Literal) or value.datatype.value not in _CHECKED_TYPES:
            continue
        if ill_typed(value.value, value.datatype.value):
            location = sources.locate(to_rdflib(value, string_datatype=True)) or Location(path)
            raise InputError(
                location,
                f"value {value.value!r} is not a valid {short(value.datatype.value)}",
                hint="dates are YYYY-MM-DD (xsd:date), YYYY-MM (xsd:gYearMonth) or YYYY (xsd:gYear), and must exist",
            )
    return quads


def _admit(data: StoreData, kind: Kind, path: Path, quads: Iterable[ox.Quad], claim: str | None = None) -> None:
    """The checks of :mod:`coi_graph.compile.admit` on the predicates of some quads of ``path``."""
    predicates = {q.predicate.value for q in quads}
    check_predicates(data.vocabulary, kind, path, predicates, data.sources, claim)


def _into(quads: Iterable[ox.Quad], graph: ox.NamedNode) -> Iterator[ox.Quad]:
    for q in quads:
        yield ox.Quad(q.subject, q.predicate, q.object, graph)


# --- the registry ---------------------------------------------------------------------------------

MATERIALISE_LINKS = """
INSERT { GRAPH graph:registry { ?entity coi:wikidata ?qid } }
WHERE { GRAPH graph:registry {
  ?link a coi:WikidataLink ; coi:linkOf ?entity ; coi:linkedQid ?qid ; coi:linkStatus coi:LinkConfirmed ;
        coi:linkMethod ?method ; coi:decidedOn ?day .
  FILTER (isIRI(?entity) && isIRI(?method) && isLiteral(?day))
} }
"""

LABELS = """
SELECT ?entity ?label WHERE { GRAPH graph:registry {
  ?entity a ?type . VALUES ?type { #@types }
  ?entity skos:prefLabel|skos:altLabel|skos:hiddenLabel ?label .
} }
"""


def _registry(inventory: Inventory, data: StoreData) -> None:
    registry = iri(Graphs.REGISTRY)
    kinds: list[tuple[Kind, Path]] = [("entities", p) for p in inventory.files["entities"]]
    kinds += [("links", p) for p in inventory.files["links"]]
    label_properties = {str(p) for p in LABEL_PROPERTIES}
    uses: list[LabelUse] = []
    types: list[tuple[str, str]] = []
    rdf_type = str(RDF.type)
    for kind, path in kinds:
        quads = parse_file(path, ox.RdfFormat.TURTLE, data.sources)
        _admit(data, kind, path, quads)
        for q in quads:
            if isinstance(q.subject, ox.NamedNode) and isinstance(q.object, (ox.Literal, ox.NamedNode)):
                if q.predicate.value in label_properties:
                    uses.append(LabelUse(q.subject.value, q.object.value, path))
                elif q.predicate.value == rdf_type:
                    types.append((q.subject.value, q.object.value))
        data.store.extend(_into(quads, registry))
    for duplicate in locate(find_duplicates(uses, kinds_of(types, data.ontology)), data.sources):
        data.warnings.append(duplicate.message())
    from coi_graph.namespaces import PREFIXES

    data.store.update(MATERIALISE_LINKS, prefixes=PREFIXES)


def _label_index(data: StoreData, cls: URIRef) -> LabelIndex:
    """A LabelIndex of the registry's entities of ``cls`` (with subclasses), read from the store."""
    from coi_graph.registry import subclasses

    classes = subclasses(data.ontology, cls)
    query = LABELS.replace("#@types", " ".join(f"<{c}>" for c in sorted(classes, key=str)))
    graph = Graph()
    for row in _select(data.store, query):
        entity, label = row["entity"], row["label"]
        if isinstance(entity, ox.NamedNode) and isinstance(label, ox.Literal):
            graph.add((to_rdflib(entity), RDF.type, cls))
            graph.add((to_rdflib(entity), SKOS.prefLabel, Literal(label.value)))
    ontology = Graph()
    ontology.add((cls, RDF.type, cls))  # LabelIndex takes subclasses from the ontology: cls alone suffices here
    return LabelIndex(graph, ontology, cls)


# --- documents ------------------------------------------------------------------------------------


def _registry_digest(data: StoreData) -> str:
    """What document parsing reads from the registry: the labels of publishers and actors."""

    rows = _select(
        data.store,
        "SELECT ?e ?l WHERE { GRAPH graph:registry { ?e skos:prefLabel|skos:altLabel|skos:hiddenLabel ?l } }",
    )
    lines = sorted(f"{row['e']} {row['l']}" for row in rows)
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def _documents(inventory: Inventory, data: StoreData, cache_dir: Path | None) -> None:
    data_dir = inventory.data_dir
    folder = data_dir / "documents"
    named: set[Path] = set()
    documents = iri(Graphs.DOCUMENTS)
    resolver = Resolver(
        publishers=_label_index(data, COI.Publisher),
        actors=_label_index(data, COI.Actor),
        warnings=data.warnings,
    )
    digest = _registry_digest(data)
    metadata_files = inventory.files["documents"]
    for number, meta_path in enumerate(metadata_files, start=1):
        progress.step(f"parsing documents {number}/{len(metadata_files)}")
        meta_quads = parse_file(meta_path, ox.RdfFormat.TURTLE, data.sources)
        _admit(data, "documents", meta_path, meta_quads)
        metadata = Graph()
        for q in meta_quads:
            metadata.add(to_triple(q, string_datatype=True))
        for doc, _, source in sorted(metadata.triples((None, COI.sourceFile, None))):
            if not isinstance(doc, URIRef):
                raise InputError(Location(meta_path), "a document must have an IRI, not a blank node")
            named_at = data.sources.locate_in(meta_path, source)  # the line of coi:sourceFile
            text_path = contained(data_dir, folder / str(source), named_at, named=str(source))
            if not text_path.is_file():
                raise InputError(named_at, f"source file {str(source)!r} not found in {folder}")
            named.add(text_path)
            raw = text_path.read_bytes()
            key = hashlib.sha256(
                b"\0".join([CACHE_VERSION.encode(), str(doc).encode(), raw, meta_path.read_bytes(), digest.encode()])
            ).hexdigest()
            cached = _read_cache(cache_dir, key)
            if cached is not None:
                nquads, lines, warnings = cached
                data.store.load(input=nquads, format=ox.RdfFormat.N_QUADS)
                data.warnings.extend(warnings)
                data.documents_cached += 1
            else:
                content = read_text(text_path)
                fmt = metadata.value(doc, COI.sourceFormat)
                if fmt is not None and str(fmt) not in PARSERS:
                    raise InputError(
                        _where(data.sources, doc, meta_path),
                        f"unknown document format {str(fmt)!r} for {text_path.name}",
                        hint=f"set coi:sourceFormat to one of: {', '.join(sorted(PARSERS))}",
                    )
                # no coi:sourceFormat: the layout ingest would detect (a generic report with a warning)
                parsed: ParsedDocument = layouts.read(content, str(fmt) if fmt is not None else None).parsed
                sink = TripleSink()
                before = len(data.warnings)
                node_lines = document_triples(sink, doc, parsed, content, metadata, resolver, str(text_path))
                quads = list(to_quads(sink, documents))
                data.store.extend(quads)
                lines = {str(node): line for node, line in node_lines.items()}
                _write_cache(cache_dir, key, quads, lines, data.warnings[before:])
                data.documents_parsed += 1
            for node, line in lines.items():
                data.sources.add_node(URIRef(node), Location(text_path, line))
    data.warnings.extend(str(skipped) for skipped in inventory.unnamed_texts(named))


def _where(sources: SourceMap, doc: URIRef, meta_path: Path) -> Location:
    """Where a document is described, for an error (searching the files is slow: only on error)."""
    return sources.locate(doc) or Location(meta_path)


def _read_cache(cache_dir: Path | None, key: str) -> tuple[bytes, dict[str, int], list[str]] | None:
    if cache_dir is None:
        return None
    quads, meta = cache_dir / f"{key}.nq", cache_dir / f"{key}.json"
    if not (quads.is_file() and meta.is_file()):
        return None
    try:
        info = json.loads(meta.read_text(encoding="utf-8"))
        return quads.read_bytes(), dict(info["lines"]), list(info["warnings"])
    except (OSError, ValueError, KeyError):
        return None  # a damaged cache entry is simply rebuilt


def _write_cache(cache_dir: Path | None, key: str, quads: list[ox.Quad], lines: dict[str, int],
                 warnings: list[str]) -> None:  # fmt: skip
    if cache_dir is None:
        return
    cache_dir.mkdir(parents=True, exist_ok=True)
    with atomic_write(cache_dir / f"{key}.nq") as handle:
        handle.write("".join(f"{q} .\n" for q in quads))
    with atomic_write(cache_dir / f"{key}.json") as handle:
        handle.write(json.dumps({"lines": lines, "warnings": warnings}))


# --- claims ---------------------------------------------------------------------------------------


def _claims(inventory: Inventory, data: StoreData) -> None:
    claims_graph = iri(Graphs.CLAIMS)
    owners: dict[str, Path] = {}
    rdf_type, claim_class, candidate_class = RDF.type, COI.Claim, COI.CandidateClaim
    for path in inventory.files["claims"]:
        quads = parse_file(path, ox.RdfFormat.TRIG, data.sources)
        described: set[str] = set()
        named: dict[str, list[ox.Quad]] = {}
        description: list[ox.Quad] = []
        for q in quads:
            if isinstance(q.graph_name, ox.DefaultGraph):
                description.append(ox.Quad(q.subject, q.predicate, q.object, claims_graph))
                if q.predicate.value == str(rdf_type) and isinstance(q.object, ox.NamedNode):
                    subject = str(q.subject.value) if isinstance(q.subject, ox.NamedNode) else str(q.subject)
                    if q.object.value == str(candidate_class):
                        raise InputError(
                            data.sources.locate(URIRef(subject)) or Location(path),
                            f"<{subject}> is a candidate claim: unreviewed candidates never enter the graph",
                            hint="review the draft with 'coi-graph review DRAFT'; accepted candidates are filed "
                            "as claims",
                        )
                    if q.object.value == str(claim_class):
                        described.add(subject)
            elif isinstance(q.graph_name, ox.NamedNode):
                named.setdefault(q.graph_name.value, []).append(q)
            else:
                raise InputError(Location(path), "a claim graph must be named by an IRI")
        _admit(data, "description", path, description)
        data.store.extend(description)
        for name, content in named.items():
            claim = URIRef(name)
            if name in owners:
                raise InputError(
                    data.sources.locate(claim) or Location(path),
                    f"claim <{name}> is also defined in {owners[name]}",
                    hint="give each claim its own IRI",
                )
            owners[name] = path
            if name not in described:
                raise InputError(
                    data.sources.locate(claim) or Location(path),
                    f"named graph <{name}> is not described as a coi:Claim",
                    hint="describe it outside the braces: '<graph> a coi:Claim ; coi:quote ... ; coi:passage ... ; "
                    "coi:modality ...'",
                )
            for q in content:
                _check_terms(q, path, claim, data)
            _admit(data, "claim", path, content, name)
            data.store.extend(content)
            data.claim_graphs.append(ox.NamedNode(name))


def _check_terms(quad: ox.Quad, path: Path, claim: URIRef, data: StoreData) -> None:
    """A property or class of the coi namespace that the ontology does not define is a typo."""
    terms = (quad.predicate, quad.object) if quad.predicate.value == str(RDF.type) else (quad.predicate,)
    for term in terms:
        if isinstance(term, ox.NamedNode) and term.value.startswith(str(COI)) and URIRef(term.value) not in COI:
            raise InputError(
                data.sources.locate(claim) or Location(path),
                f"claim <{claim}> uses coi:{term.value[len(str(COI)) :]}, which the ontology does not define",
                hint="check the spelling against ontology/coi.ttl (docs/data-model.md lists the terms)",
            )


UNDECLARED = """
SELECT DISTINCT ?s WHERE {
  VALUES ?g { graph:registry graph:claims }
  GRAPH ?g { ?s ?p ?o } FILTER (isIRI(?s))
  FILTER NOT EXISTS { GRAPH ?h { ?s a ?type } }
}
"""


def _declared(data: StoreData) -> None:
    """Every subject of the registry and of the claim descriptions has an rdf:type somewhere."""
    subjects = [row["s"].value for row in _select(data.store, UNDECLARED) if isinstance(row["s"], ox.NamedNode)]
    check_declared(subjects, set(), data.sources)


# --- the enrichment cache -------------------------------------------------------------------------


def _enrichment(data_dir: Path, data: StoreData) -> None:
    from coi_graph.link import enrich

    cache = enrich.read(data_dir)
    if not cache["entities"]:
        return
    rows = _select(data.store, "SELECT ?e ?q WHERE { GRAPH graph:registry { ?e coi:wikidata ?q } }")
    links = {str(row["e"].value): str(row["q"].value) for row in rows}
    target = iri(Graphs.WIKIDATA)
    alt = iri(SKOS.altLabel)
    quads: list[ox.Quad] = []
    for entity_iri, record in cache["entities"].items():
        if not isinstance(record, dict) or links.get(entity_iri) != record.get("qid"):
            continue
        entity = ox.NamedNode(entity_iri)
        values: list[tuple[str, object]] = [(lang, v) for lang, v in (record.get("labels") or {}).items()]
        values += [
            (lang, v)
            for lang, vs in (record.get("aliases") or {}).items()
            for v in (vs if isinstance(vs, list) else [])
        ]
        for lang, value in values:
            if isinstance(value, dict) and isinstance(value.get("value"), str):
                quads.append(ox.Quad(entity, alt, ox.Literal(value["value"], language=lang), target))
    data.store.extend(quads)


# --- all of it ------------------------------------------------------------------------------------


def load_store(data_dir: Path, cache_dir: Path | None = None) -> StoreData:
    """Read ``data_dir`` into a new in-memory store; ``cache_dir`` keeps parsed documents between builds."""
    if not data_dir.is_dir():
        raise CoiGraphError(
            f"data directory {data_dir} not found", hint="run from the project folder, or pass --data DIR"
        )
    inventory = scan(data_dir)
    ontology = Graph().parse(ontology_path(), format="turtle")
    data = StoreData(store=ox.Store(), ontology=ontology, vocabulary=Vocabulary.of(ontology))
    data.warnings.extend(str(skipped) for skipped in inventory.skipped)
    data.store.load(path=str(ontology_path()), format=ox.RdfFormat.TURTLE, to_graph=iri(Graphs.ONTOLOGY))
    progress.step(f"loading registry from {data_dir / 'entities'}", log)
    _registry(inventory, data)
    progress.step(f"parsing documents in {data_dir / 'documents'}", log)
    _documents(inventory, data, cache_dir)
    progress.step(f"loading claims from {data_dir / 'claims'}", log)
    _claims(inventory, data)
    _declared(data)
    _enrichment(data_dir, data)
    return data
