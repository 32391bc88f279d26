"""Load a data directory: the entity registry, the documents and their metadata, the claims.

Layout::

    data/entities/*.ttl      the registry: actors, places, positions, publishers
    data/documents/*.ttl     one metadata file per document, naming its source file and format
    data/documents/*.txt     the documents, verbatim
    data/claims/*.trig       claims: one named graph per claim, described in the default graph

Every problem is an :class:`~coi_graph.errors.InputError` naming the file and line.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import RDF
from rdflib.plugins.parsers.notation3 import BadSyntax
from rdflib.term import Node

from coi_graph import progress
from coi_graph.compile.admit import Kind, Vocabulary, check_controls, check_declared, check_predicates
from coi_graph.compile.inventory import Inventory, contained, scan
from coi_graph.compile.lexical import ill_typed
from coi_graph.compile.sources import SourceMap
from coi_graph.documents import layouts
from coi_graph.documents.model import ParsedDocument
from coi_graph.documents.text import read_text
from coi_graph.documents.to_rdf import Resolver, document_graph
from coi_graph.duplicates import registry_duplicates
from coi_graph.errors import CoiGraphError, InputError, Location
from coi_graph.namespaces import short
from coi_graph.registry import LabelIndex
from coi_graph.resources import ontology_path
from coi_graph.vocab import COI

log = logging.getLogger(__name__)

PARSERS: dict[str, Callable[[str], ParsedDocument]] = layouts.PARSERS


@dataclass
class Loaded:
    """Everything read from a data directory, one graph per concern."""

    ontology: Graph
    registry: Graph = field(default_factory=Graph)
    documents: Graph = field(default_factory=Graph)
    claims: Graph = field(default_factory=Graph)
    contents: dict[URIRef, Graph] = field(default_factory=dict)
    wikidata: Graph = field(default_factory=Graph)  # from data/enrichment/wikidata.json
    sources: SourceMap = field(default_factory=SourceMap)
    warnings: list[str] = field(default_factory=list)
    vocabulary: Vocabulary = field(default_factory=lambda: Vocabulary(frozenset(), frozenset()))


def _syntax_location(path: Path, exc: BadSyntax) -> Location:
    line = getattr(exc, "lines", None)
    text = getattr(exc, "argstr", "")
    index = getattr(exc, "i", None)
    column = None
    if isinstance(text, str) and isinstance(index, int):
        column = index - (text.rfind("\n", 0, index) + 1) + 1
    return Location(path, line + 1 if isinstance(line, int) else None, column)


def _located(path: Path, fmt: str, text: str, exc: Exception) -> InputError:
    """rdflib failed without a position (e.g. 'string index out of range' on a bad IRI): Oxigraph's
    parser, which reports line and column, says where and what."""
    import pyoxigraph as ox

    formats = {"turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG}
    try:
        list(ox.parse(input=text.encode("utf-8"), format=formats.get(fmt, ox.RdfFormat.TURTLE)))
    except SyntaxError as located:
        return InputError(
            Location(path, located.lineno, located.offset),
            f"{fmt.upper()} syntax error: {str(located).split(': ', 1)[-1]}",
            hint="check the line above too: an unclosed string, a missing '.' or ';', or an undeclared prefix",
        )
    return InputError(
        _crash_location(path, exc),
        f"{fmt.upper()} parse error: rdflib cannot read this ({type(exc).__name__}: {exc})",
        hint="look for an unusual construct at this place (a stray character after a literal or an IRI); "
        "'coi-graph build' reads the file with another parser",
    )


def _crash_location(path: Path, exc: Exception) -> Location:
    """Where rdflib's Turtle parser was when it crashed: its frames hold the text and the index."""
    where = Location(path)
    tb = exc.__traceback__
    while tb is not None:
        names = tb.tb_frame.f_locals
        text, index = names.get("argstr"), names.get("i")
        if isinstance(text, str) and isinstance(index, int) and 0 <= index <= len(text):
            line_start = text.rfind("\n", 0, index) + 1
            where = Location(path, text.count("\n", 0, index) + 1, index - line_start + 1)
        tb = tb.tb_next
    return where


def _parse_rdf(path: Path, fmt: str, sources: SourceMap) -> Dataset:
    text = read_text(path)
    sources.add_file(path, text)
    check_controls(path, text)
    dataset = Dataset()
    try:
        dataset.parse(data=text, format=fmt, publicID=path.resolve().as_uri())
    except BadSyntax as exc:
        why = getattr(exc, "_why", None) or getattr(exc, "why", None) or str(exc).splitlines()[-1]
        raise InputError(
            _syntax_location(path, exc),
            f"{fmt.upper()} syntax error: {why}",
            hint="check the line above too: an unclosed string, a missing '.' or ';', or an undeclared prefix",
        ) from exc
    except Exception as exc:
        raise _located(path, fmt, text, exc) from exc
    for quad in dataset.quads((None, None, None, None)):
        value = quad[2]
        if isinstance(value, Literal) and value.datatype and ill_typed(str(value), str(value.datatype)):
            location = sources.locate(value) or Location(path)
            raise InputError(
                location,
                f"value {str(value)!r} is not a valid {short(str(value.datatype)) if value.datatype else 'literal'}",
                hint="dates are YYYY-MM-DD (xsd:date), YYYY-MM (xsd:gYearMonth) or YYYY (xsd:gYear), and must exist",
            )
    return dataset


def _default_graph(dataset: Dataset) -> Graph:
    return dataset.graph(DATASET_DEFAULT_GRAPH_ID)


def _admitted(kind: Kind, path: Path, graph: Graph, loaded: Loaded, claim: str | None = None) -> Graph:
    """``graph``, once the checks of :mod:`coi_graph.compile.admit` pass on its predicates."""
    predicates = {str(p) for p in graph.predicates(unique=True)}
    check_predicates(loaded.vocabulary, kind, path, predicates, loaded.sources, claim)
    return graph


def _load_registry(inventory: Inventory, loaded: Loaded) -> None:
    from coi_graph.link.model import materialise

    # Wikidata link decisions belong to the registry; the confirmed ones give their entity coi:wikidata
    kinds: list[tuple[Kind, Path]] = [("entities", p) for p in inventory.files["entities"]]
    kinds += [("links", p) for p in inventory.files["links"]]
    for kind, path in kinds:
        graph = _default_graph(_parse_rdf(path, "turtle", loaded.sources))
        loaded.registry += _admitted(kind, path, graph, loaded)
    loaded.registry += materialise(loaded.registry)
    duplicates = registry_duplicates(loaded.registry, loaded.ontology, loaded.sources)
    loaded.warnings.extend(duplicate.message() for duplicate in duplicates)


def _load_documents(inventory: Inventory, loaded: Loaded) -> None:
    data_dir = inventory.data_dir
    folder = data_dir / "documents"
    named: set[Path] = set()
    resolver = Resolver(
        publishers=LabelIndex(loaded.registry, loaded.ontology, COI.Publisher),
        actors=LabelIndex(loaded.registry, loaded.ontology, COI.Actor),
        warnings=loaded.warnings,
    )
    for meta_path in inventory.files["documents"]:
        metadata = _admitted("documents", meta_path, _default_graph(_parse_rdf(meta_path, "turtle", loaded.sources)),
                             loaded)  # fmt: skip
        for doc, _, source in sorted(metadata.triples((None, COI.sourceFile, None))):
            if not isinstance(doc, URIRef):
                raise InputError(Location(meta_path), "a document must have an IRI, not a blank node")
            where = loaded.sources.locate(doc) or Location(meta_path)
            named_at = loaded.sources.locate_in(meta_path, source)  # the line of coi:sourceFile
            text_path = contained(data_dir, folder / str(source), named_at, named=str(source))
            if not text_path.is_file():
                raise InputError(named_at, f"source file {str(source)!r} not found in {folder}")
            named.add(text_path)
            content = read_text(text_path)
            fmt = metadata.value(doc, COI.sourceFormat)
            if fmt is not None and str(fmt) not in PARSERS:
                raise InputError(
                    where,
                    f"unknown document format {str(fmt)!r} for {text_path.name}",
                    hint=f"set coi:sourceFormat to one of: {', '.join(sorted(PARSERS))}",
                )
            # no coi:sourceFormat: the layout ingest would detect (a generic report with a warning)
            parsed = layouts.read(content, str(fmt) if fmt is not None else None).parsed
            graph, lines = document_graph(doc, parsed, content, metadata, resolver, str(text_path))
            loaded.documents += graph
            for node, line in lines.items():
                loaded.sources.add_node(node, Location(text_path, line))
    loaded.warnings.extend(str(skipped) for skipped in inventory.unnamed_texts(named))


def _load_claims(inventory: Inventory, loaded: Loaded) -> None:
    owners: dict[URIRef, Path] = {}
    for path in inventory.files["claims"]:
        dataset = _parse_rdf(path, "trig", loaded.sources)
        description = _default_graph(dataset)
        for candidate in description.subjects(RDF.type, COI.CandidateClaim):
            raise InputError(
                loaded.sources.locate(candidate) or Location(path),
                f"<{candidate}> is a candidate claim: unreviewed candidates never enter the graph",
                hint="review the draft with 'coi-graph review DRAFT'; accepted candidates are filed as claims",
            )
        loaded.claims += _admitted("description", path, description, loaded)
        for graph in dataset.graphs():
            name = graph.identifier
            if name == DATASET_DEFAULT_GRAPH_ID or len(graph) == 0:
                continue
            if not isinstance(name, URIRef):
                raise InputError(Location(path), "a claim graph must be named by an IRI")
            if name in owners:
                raise InputError(
                    loaded.sources.locate(name) or Location(path),
                    f"claim <{name}> is also defined in {owners[name]}",
                    hint="give each claim its own IRI",
                )
            owners[name] = path
            if (name, RDF.type, COI.Claim) not in description:
                raise InputError(
                    loaded.sources.locate(name) or Location(path),
                    f"named graph <{name}> is not described as a coi:Claim",
                    hint="describe it outside the braces: '<graph> a coi:Claim ; coi:quote ... ; coi:passage ... ; "
                    "coi:modality ...'",
                )
            content = Graph()
            for triple in graph:
                content.add(triple)
                _check_terms(triple, path, name, loaded)
            loaded.contents[name] = _admitted("claim", path, content, loaded, str(name))


def _load_enrichment(data_dir: Path, loaded: Loaded) -> None:
    """Wikidata labels and aliases of the linked entities, from the enrichment cache, as skos:altLabel
    in their own graph. Entries whose QID is no longer the confirmed link are left out."""
    from rdflib.namespace import SKOS

    from coi_graph.link import enrich
    from coi_graph.link.model import confirmed, read

    data = enrich.read(data_dir)
    links = {str(e): q for e, q in confirmed(read(loaded.registry)).items()}
    for iri, record in data["entities"].items():
        if not isinstance(record, dict) or links.get(iri) != record.get("qid"):
            continue
        entity = URIRef(iri)
        for lang, value in (record.get("labels") or {}).items():
            if isinstance(value, dict) and isinstance(value.get("value"), str):
                loaded.wikidata.add((entity, SKOS.altLabel, Literal(value["value"], lang=lang)))
        for lang, values in (record.get("aliases") or {}).items():
            for value in values if isinstance(values, list) else []:
                if isinstance(value, dict) and isinstance(value.get("value"), str):
                    loaded.wikidata.add((entity, SKOS.altLabel, Literal(value["value"], lang=lang)))
    if len(loaded.wikidata):
        log.info("read %d Wikidata labels and aliases from %s", len(loaded.wikidata), enrich.ENRICHMENT_FILE)


def _check_terms(triple: tuple[Node, Node, Node], path: Path, claim: URIRef, loaded: Loaded) -> None:
    """A property or class of the coi namespace that the ontology does not define is a typo."""
    _, p, o = triple
    for term in (p, o) if p == RDF.type else (p,):
        if isinstance(term, URIRef) and str(term).startswith(str(COI)) and term not in COI:
            raise InputError(
                loaded.sources.locate(claim) or Location(path),
                f"claim <{claim}> uses coi:{str(term)[len(str(COI)) :]}, which the ontology does not define",
                hint="check the spelling against ontology/coi.ttl (docs/data-model.md lists the terms)",
            )


def _check_declared(loaded: Loaded) -> None:
    """Every subject of the registry and of the claim descriptions has an rdf:type somewhere."""
    typed = {str(s) for g in (loaded.registry, loaded.documents, loaded.claims) for s in g.subjects(RDF.type)}
    typed |= {str(s) for g in loaded.contents.values() for s in g.subjects(RDF.type)}
    described = (s for g in (loaded.registry, loaded.claims) for s in g.subjects(unique=True))
    subjects = {str(s) for s in described if isinstance(s, URIRef)}
    check_declared(subjects, typed, loaded.sources)


def load(data_dir: Path) -> Loaded:
    """Read the ontology and a data directory."""
    if not data_dir.is_dir():
        raise CoiGraphError(
            f"data directory {data_dir} not found",
            hint="run from the project folder, or pass --data DIR",
        )
    inventory = scan(data_dir)
    ontology = Graph().parse(ontology_path(), format="turtle")
    loaded = Loaded(ontology=ontology, vocabulary=Vocabulary.of(ontology))
    loaded.warnings.extend(str(skipped) for skipped in inventory.skipped)
    progress.step(f"loading registry from {data_dir / 'entities'}", log)
    _load_registry(inventory, loaded)
    progress.step(f"parsing documents in {data_dir / 'documents'}", log)
    _load_documents(inventory, loaded)
    progress.step(f"loading claims from {data_dir / 'claims'}", log)
    _load_claims(inventory, loaded)
    _check_declared(loaded)
    _load_enrichment(data_dir, loaded)
    return loaded
