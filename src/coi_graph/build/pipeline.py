"""The build: load, derive, reason, validate, and write the result atomically."""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pyoxigraph as ox
from rdflib import Graph, URIRef

from coi_graph import progress
from coi_graph.build.derive import derived_layer, plain_layer
from coi_graph.build.fastderive import derive_store
from coi_graph.build.fastload import Converter, StoreData, load_store
from coi_graph.build.fastwrite import BuildWriter
from coi_graph.build.load import Loaded, load
from coi_graph.build.lock import build_lock
from coi_graph.build.reason import reason
from coi_graph.build.summary import Summary, summarise
from coi_graph.build.validate import Report, add_inconsistencies, load_shapes, validate_graph
from coi_graph.errors import CoiGraphError, ValidationFailed
from coi_graph.fsutil import atomic_write, replace_dir
from coi_graph.namespaces import Graphs
from coi_graph.store import STORE_DIR

log = logging.getLogger(__name__)


@dataclass
class Prepared:
    """Everything a build computes before it writes anything."""

    loaded: Loaded
    plain: Graph
    derived: Graph
    inferred: Graph
    report: Report

    def layers(self) -> dict[URIRef, Graph]:
        layers: dict[URIRef, Graph] = {
            Graphs.ONTOLOGY: self.loaded.ontology,
            Graphs.REGISTRY: self.loaded.registry,
            Graphs.DOCUMENTS: self.loaded.documents,
            Graphs.CLAIMS: self.loaded.claims,
            Graphs.PLAIN: self.plain,
            Graphs.DERIVED: self.derived,
            Graphs.INFERRED: self.inferred,
            Graphs.WIKIDATA: self.loaded.wikidata,
        }
        layers.update(self.loaded.contents)
        return layers


def validation_graph(loaded: Loaded, derived: Graph) -> Graph:
    """What the shapes check: everything asserted, every claim's content, and the derived layer."""
    data = Graph()
    for graph in (loaded.ontology, loaded.registry, loaded.documents, loaded.claims, derived):
        data += graph
    for content in loaded.contents.values():
        data += content
    return data


def validate_layers(asserted: Graph, contents: dict[URIRef, Graph], ontology: Graph) -> Report:
    """Validate data that is already RDF (registry, documents and claim descriptions in ``asserted``,
    claim content in ``contents``), as a build would. Used for shape fixtures and review."""
    loaded = Loaded(ontology=ontology, registry=asserted, documents=Graph(), claims=asserted, contents=contents)
    derived = derived_layer(asserted, asserted, asserted, contents)
    return validate_graph(validation_graph(loaded, derived))


def prepare(data_dir: Path, *, run_reasoner: bool = True) -> Prepared:
    loaded = load(data_dir)
    for warning in loaded.warnings:
        log.warning("%s", warning)
    plain = plain_layer(loaded.claims, loaded.contents)
    derived = derived_layer(loaded.registry, loaded.documents, loaded.claims, loaded.contents)
    inferred, inconsistencies = Graph(), list[str]()
    if run_reasoner:
        inferred, inconsistencies = reason(
            [loaded.ontology, loaded.registry, loaded.documents, loaded.claims, plain, derived]
        )
    progress.step("validating with pySHACL", log)
    report = validate_graph(validation_graph(loaded, derived), loaded.sources)
    add_inconsistencies(report, inconsistencies)
    return Prepared(loaded, plain, derived, inferred, report)


@dataclass
class StorePrepared:
    """A build computed on the in-memory Oxigraph store, before anything is written."""

    data: StoreData
    report: Report
    inferred: int = 0

    @property
    def store(self) -> ox.Store:
        return self.data.store


VALIDATED_GRAPHS = (Graphs.ONTOLOGY, Graphs.REGISTRY, Graphs.DOCUMENTS, Graphs.CLAIMS, Graphs.DERIVED)
REASONED_GRAPHS = (Graphs.ONTOLOGY, Graphs.REGISTRY, Graphs.DOCUMENTS, Graphs.CLAIMS, Graphs.PLAIN, Graphs.DERIVED)


def _rdflib_graph(store: ox.Store, graphs: Iterable[ox.NamedNode]) -> Graph:
    """The union of some graphs of the store as one rdflib graph (for owlrl and pySHACL)."""
    text = "".join(f"{quad.triple} .\n" for name in graphs for quad in store.quads_for_pattern(None, None, None, name))
    return Graph().parse(data=text, format="nt")


Engines = Literal["fast", "reference"]


def reason_store(data: StoreData, engines: Engines = "fast") -> tuple[int, list[str]]:
    """OWL 2 RL over the reasoned graphs; the inferred triples go to graph:inferred.

    ``fast`` runs the ontology compiled to SPARQL rules inside the store (fastreason); ``reference``
    runs owlrl on an rdflib copy. Both give the same triples and messages (tests/test_fastreason.py);
    should the data hold something the fast rules do not reproduce, the build falls back to owlrl.
    """
    named = [ox.NamedNode(str(g)) for g in REASONED_GRAPHS]
    into = ox.NamedNode(str(Graphs.INFERRED))
    if engines == "fast":
        from coi_graph.build.fastreason import Unsupported, compile_rules, infer

        progress.step("reasoning (OWL 2 RL, compiled rules)", log)
        try:
            return infer(data.store, compile_rules(data.ontology), named, into)
        except Unsupported as exc:
            log.warning("the fast reasoner cannot reproduce owlrl here (%s); running owlrl", exc)
    progress.step("reasoning (OWL 2 RL, owlrl)", log)
    graph, inconsistencies = reason([_rdflib_graph(data.store, named)])
    data.store.extend(Converter().quads(graph, into))
    return len(graph), inconsistencies


def validate_store_report(data: StoreData, engines: Engines = "fast") -> Report:
    """SHACL over the validated graphs and every claim's content.

    ``fast`` runs the shapes compiled to whole-graph SPARQL queries (fastshacl); ``reference`` runs
    pySHACL on an rdflib copy. Both give the same results (tests/test_fastshacl.py).
    """
    validated = [ox.NamedNode(str(g)) for g in VALIDATED_GRAPHS] + data.claim_graphs
    shapes = load_shapes()
    if engines == "fast":
        from coi_graph.build.fastshacl import compile_shapes, to_report, validate_store

        progress.step("validating (SHACL, compiled queries)", log)
        return to_report(validate_store(data.store, compile_shapes(shapes), validated), data.sources, shapes)
    progress.step("validating with pySHACL", log)
    return validate_graph(_rdflib_graph(data.store, validated), data.sources, shapes)


def prepare_store(
    data_dir: Path,
    *,
    cache_dir: Path | None = None,
    run_reasoner: bool = True,
    engines: Engines = "fast",
    strict: bool = False,
) -> StorePrepared:
    """Load, derive, reason and validate on an in-memory Oxigraph store."""
    data = load_and_derive(data_dir, cache_dir, strict=strict)
    inferred, inconsistencies = reason_store(data, engines) if run_reasoner else (0, [])
    report = validate_store_report(data, engines)
    add_inconsistencies(report, inconsistencies)
    return StorePrepared(data, report, inferred)


def load_and_derive(data_dir: Path, cache_dir: Path | None = None, *, strict: bool = False) -> StoreData:
    """The data read into an in-memory store, warnings logged, plain and derived layers written.
    With ``strict``, any warning of the reading (a file skipped, a duplicate label, a document read
    without its layout) is an error."""
    data = load_store(data_dir, cache_dir)
    for warning in data.warnings:
        log.warning("%s", warning)
    if strict and data.warnings:
        raise CoiGraphError(
            f"{len(data.warnings)} warning(s) above, and --strict makes warnings errors",
            hint="fix or remove what each warning names, or run without --strict",
        )
    progress.step("deriving the plain and derived layers")
    derive_store(data.store)
    return data


@dataclass
class BuildResult:
    summary: Summary
    report: Report
    out_dir: Path


BUILD_MARKERS = ("summary.json", STORE_DIR)


def _refuse_foreign_directory(out_dir: Path) -> None:
    """A build replaces its output directory: refuse one that holds something other than a build."""
    occupied = out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir()))
    if occupied and not all((out_dir / name).exists() for name in BUILD_MARKERS):
        raise CoiGraphError(
            f"{out_dir} exists and is not a coi-graph build; refusing to replace it",
            hint="choose another -o/--output directory, or remove this one yourself",
        )


def cache_dir_for(out_dir: Path) -> Path:
    """Where parsed documents are kept between builds of ``out_dir``: beside it, outside the build."""
    return out_dir.parent / ".coi-graph-cache" / out_dir.name


def build(
    data_dir: Path, out_dir: Path, *, cache: bool = True, engines: Engines = "fast", strict: bool = False
) -> BuildResult:
    """Build ``data_dir`` into ``out_dir``. Raises ValidationFailed (exit 1) and leaves ``out_dir`` untouched
    when the data violates the shapes; any earlier build stays usable whatever happens. With ``cache``,
    documents whose text, metadata and registry labels have not changed are not parsed again. With
    ``strict``, a warning while reading the data is an error (exit 2) and nothing is written."""
    _refuse_foreign_directory(out_dir)
    with build_lock(out_dir):
        data = load_and_derive(data_dir, cache_dir_for(out_dir) if cache else None, strict=strict)
        for stale in out_dir.parent.glob(f".{out_dir.name}.tmp-*"):
            shutil.rmtree(stale, ignore_errors=True)  # left by a killed build: the lock says none runs
        staging = out_dir.with_name(f".{out_dir.name}.tmp-{os.getpid()}")
        staging.mkdir(parents=True)
        try:
            with BuildWriter(staging) as writer:
                # the store is written in the background while the build reasons and validates; a build
                # that fails leaves only the staging directory, which is removed
                writer.add(data.store)
                _, inconsistencies = reason_store(data, engines)
                writer.add(data.store, [ox.NamedNode(str(Graphs.INFERRED))])
                report = validate_store_report(data, engines)
                add_inconsistencies(report, inconsistencies)
                if not report.conforms:
                    raise ValidationFailed(
                        f"the data violates the shapes ({len(report.violations)} violation(s)); "
                        f"{out_dir} was not changed",
                        report=report.render("text"),
                        hint="fix the violations above, or see them all with 'coi-graph validate'",
                    )
                progress.step("counting")
                summary = summarise(data.store)  # the quads written: counted in memory, not on disk
                progress.step("writing the store", log)
                writer.finish()
            del data
            summary.violations = len(report.violations)
            summary.warnings = len(report.warnings)
            with atomic_write(staging / "summary.json") as handle:
                handle.write(summary.to_json())
            with atomic_write(staging / "validation.txt") as handle:
                handle.write(report.render("text"))
            assert (staging / STORE_DIR).is_dir()
            replace_dir(staging, out_dir)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    return BuildResult(summary, report, out_dir)
