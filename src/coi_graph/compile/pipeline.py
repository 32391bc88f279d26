"""The build, the one entry used by build, validate, link and review: load, derive, reason, validate, and
write the result atomically."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from coi_graph import progress
from coi_graph.compile.derive import derive_store
from coi_graph.compile.load import StoreData, load_store
from coi_graph.compile.lock import build_lock
from coi_graph.compile.reason.compiler import compile_rules
from coi_graph.compile.reason.run import infer
from coi_graph.compile.reason.vocabulary import Unsupported
from coi_graph.compile.reference.reason import reason  # the owlrl fallback: the build's one use of an oracle
from coi_graph.compile.sources import SourceMap
from coi_graph.compile.summary import Summary, summarise
from coi_graph.compile.terms import graph as rdflib_graph
from coi_graph.compile.terms import iri, to_quads
from coi_graph.compile.validate.compiler import compile_shapes
from coi_graph.compile.validate.report import Report, Result, add_inconsistencies, to_report
from coi_graph.compile.validate.run import validate_store
from coi_graph.compile.validate.shapes import load_shapes
from coi_graph.compile.write import BuildWriter
from coi_graph.errors import CoiGraphError, InputError, ValidationFailed
from coi_graph.fsutil import atomic_write, replace_dir
from coi_graph.namespaces import Graphs
from coi_graph.store import STORE_DIR

log = logging.getLogger(__name__)


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


def reason_store(data: StoreData) -> tuple[int, list[str]]:
    """OWL 2 RL over the reasoned graphs; the inferred triples go to graph:inferred.

    The ontology is compiled to SPARQL rules run inside the store (:mod:`coi_graph.compile.reason`); they
    give the triples and messages owlrl gives (tests/compile/reason/test_equivalence.py). Should the data
    hold something the compiled rules do not reproduce (:class:`~coi_graph.compile.reason.vocabulary.Unsupported`), the
    build falls back to owlrl, the reference engine: the one place the build calls an oracle.
    """
    named = [iri(g) for g in REASONED_GRAPHS]
    into = iri(Graphs.INFERRED)
    progress.step("reasoning (OWL 2 RL, compiled rules)", log)
    try:
        return infer(data.store, compile_rules(data.ontology), named, into)
    except Unsupported as exc:
        log.warning("the compiled rules cannot reproduce owlrl here (%s); running owlrl", exc)
    progress.step("reasoning (OWL 2 RL, owlrl)", log)
    graph, inconsistencies = reason([rdflib_graph(data.store, named)])
    data.store.extend(to_quads(graph, into))
    return len(graph), inconsistencies


def validate_store_report(data: StoreData) -> Report:
    """SHACL over the validated graphs and every claim's content, with the shapes compiled to whole-graph
    SPARQL queries (:mod:`coi_graph.compile.validate`); they give pySHACL's results
    (tests/compile/validate/test_equivalence.py)."""
    validated = [iri(g) for g in VALIDATED_GRAPHS] + data.claim_graphs
    shapes = load_shapes()
    progress.step("validating (SHACL, compiled queries)", log)
    return to_report(validate_store(data.store, compile_shapes(shapes), validated), data.sources, shapes)


def prepare_store(
    data_dir: Path,
    *,
    cache_dir: Path | None = None,
    run_reasoner: bool = True,
    strict: bool = False,
) -> StorePrepared:
    """Load, derive, reason and validate on an in-memory Oxigraph store."""
    data = load_and_derive(data_dir, cache_dir, strict=strict)
    inferred, inconsistencies = reason_store(data) if run_reasoner else (0, [])
    report = validate_store_report(data)
    add_inconsistencies(report, inconsistencies)
    return StorePrepared(data, report, inferred)


def validate_changes(data_dir: Path, changes: Mapping[Path, str]) -> Report:
    """SHACL (the build's loader and shapes, without reasoning; the compiled validator, which gives pySHACL's
    verdicts) over a scratch copy of ``data_dir`` with ``changes`` (path in ``data_dir`` → new text) made. A
    file the loader refuses is one violation, with its message. Paths in the report are those of ``data_dir``."""
    with tempfile.TemporaryDirectory(prefix="coi-review-") as scratch:
        copy = Path(scratch) / "data"
        shutil.copytree(data_dir, copy, ignore=shutil.ignore_patterns("enrichment", "drafts", ".*"))
        for path, text in changes.items():
            relative = path.resolve().relative_to(data_dir.resolve())
            (copy / relative).parent.mkdir(parents=True, exist_ok=True)
            (copy / relative).write_text(text, encoding="utf-8")
        quiet = logging.getLogger("coi_graph")
        level = quiet.level
        quiet.setLevel(logging.ERROR)  # the scratch copy's progress lines and warnings would only confuse
        try:
            report = prepare_store(copy, run_reasoner=False).report
        except CoiGraphError as exc:
            where = exc.location.path if isinstance(exc, InputError) else None
            message = exc.problem if isinstance(exc, InputError) else exc.message
            line = exc.location.line if isinstance(exc, InputError) else None
            file = str(data_dir / where.relative_to(copy)) if where is not None and where.is_relative_to(copy) else None
            return Report([Result("Violation", message.replace(str(copy), str(data_dir)), "(load)", file=file,
                                  line=line)])  # fmt: skip
        finally:
            quiet.setLevel(level)
    for index, result in enumerate(report.results):
        if result.file is not None and result.file.startswith(str(copy)):
            report.results[index] = replace(result, file=str(data_dir) + result.file[len(str(copy)) :])
    return report


@dataclass
class Registry:
    """The entity registry as the build reads it (confirmed Wikidata links included), with the ontology."""

    graph: Graph
    ontology: Graph
    sources: SourceMap


def read_registry(data_dir: Path) -> Registry:
    """The registry of ``data_dir``, read by the build's loader (for ``link``)."""
    data = load_store(data_dir)
    return Registry(rdflib_graph(data.store, [iri(Graphs.REGISTRY)]), data.ontology, data.sources)


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


def build(data_dir: Path, out_dir: Path, *, cache: bool = True, strict: bool = False) -> BuildResult:
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
                _, inconsistencies = reason_store(data)
                writer.add(data.store, [iri(Graphs.INFERRED)])
                report = validate_store_report(data)
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
