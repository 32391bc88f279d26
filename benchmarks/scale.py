"""Scale benchmark: synthetic corpora of 10k, 100k and 1M triples (10M if memory allows), built by the
fast pipeline and, where it finishes, by the naive one (rdflib parsing, owlrl, pySHACL), with ratios.

    .venv/bin/python benchmarks/scale.py                         # 10k, 100k, 1M; naive up to 100k
    .venv/bin/python benchmarks/scale.py --sizes 10000 100000 --repeat 5 --naive-limit 10000

The corpora come from ``coi-graph synth`` (seed 7) and are kept in ``--corpora`` between runs. Each
pipeline runs in a fresh Python process. Steps are timed ``--repeat`` times on a fresh load each time
and the median is given (the machines are noisy); each saved query runs 20 times (p50 and p95). Peak
memory is the maximum resident set size of one ``coi-graph build`` process, measured apart.
Prints Markdown for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

SEED = 7
STEPS = ("parse", "derive", "reason", "validate", "write store")
QUERY_RUNS = 20


def _timed(step: Callable[[], object]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = step()
    return time.perf_counter() - start, result


def _median(step: Callable[[], object], repeat: int) -> float:
    return statistics.median(_timed(step)[0] for _ in range(repeat))


def _p50_p95(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _steps_once(data: Path, target: Path) -> tuple[dict[str, float], int, int]:
    """Each step of the build once, on a fresh load: the times, the violations, the quads built."""
    from coi_graph.compile.derive import derive_store
    from coi_graph.compile.load import load_store
    from coi_graph.compile.pipeline import reason_store, validate_store_report
    from coi_graph.compile.write import write_build_store

    times: dict[str, float] = {}
    times["parse"], loaded = _timed(lambda: load_store(data))
    times["derive"], _ = _timed(lambda: derive_store(loaded.store))
    times["reason"], _ = _timed(lambda: reason_store(loaded))
    times["validate"], report = _timed(lambda: validate_store_report(loaded))
    target.mkdir()
    times["write store"], _ = _timed(lambda: write_build_store(target, loaded.store))
    shutil.rmtree(target)
    return times, len(report.violations), len(loaded.store)


def measure_fast(data: Path, repeat: int) -> dict[str, Any]:
    """The build's pipeline step by step, then whole builds, the saved queries and the network."""
    from coi_graph.compile.pipeline import build
    from coi_graph.store import open_store

    out: dict[str, Any] = {}
    steps: dict[str, list[float]] = {name: [] for name in STEPS}
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(repeat):
            times, violations, quads = _steps_once(data, Path(tmp) / f"write-{i}")
            for name in STEPS:
                steps[name].append(times[name])
            out["violations"], out["quads"] = violations, quads
        out.update({name: statistics.median(times) for name, times in steps.items()})
        clean, cached = Path(tmp) / "clean", Path(tmp) / "cached"
        out["full build"] = _median(lambda: build(data, clean, cache=False), repeat)
        build(data, cached)  # fills the document cache
        out["rebuild, nothing changed"] = _median(lambda: build(data, cached), repeat)
        document = sorted((data / "documents").glob("*.txt"))[0]
        original = document.read_bytes()
        edits = []
        try:
            for i in range(repeat):
                document.write_bytes(original + b"\n" * (i + 1))  # a new version each time: one cache miss
                edits.append(_timed(lambda: build(data, cached))[0])
        finally:
            document.write_bytes(original)
        out["rebuild after editing one document"] = statistics.median(edits)
        store = open_store(cached)
        out["queries"] = _queries(store)
        out["projection"] = _median(lambda: _project(store), repeat)
        network = _project(store)
        out["GEXF export"] = _median(lambda: _gexf(network), repeat)
    return out


def measure_naive(data: Path, repeat: int) -> dict[str, Any]:
    """The naive pipeline: rdflib parsing and layers, owlrl, pySHACL as shipped, rdflib serialisation."""
    import pyshacl
    from rdflib import URIRef

    from coi_graph.compile.reference.derive import derived_layer, plain_layer
    from coi_graph.compile.reference.load import load
    from coi_graph.compile.reference.oracle import validation_graph
    from coi_graph.compile.reference.reason import reason
    from coi_graph.compile.reference.write import write_build
    from coi_graph.compile.validate.shapes import load_shapes

    out: dict[str, Any] = {}
    out["parse"], loaded = _timed(lambda: load(data))

    def derive() -> tuple[Any, Any]:
        plain = plain_layer(loaded.claims, loaded.contents)
        return plain, derived_layer(loaded.registry, loaded.documents, loaded.claims, loaded.contents)

    out["derive"], (plain, derived) = _timed(derive)
    graphs = [loaded.ontology, loaded.registry, loaded.documents, loaded.claims, plain, derived]
    out["reason"], (inferred, _) = _timed(lambda: reason(graphs))
    shapes, graph = load_shapes(), validation_graph(loaded, derived)
    out["validate"], _ = _timed(
        lambda: pyshacl.validate(graph, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True)
    )
    with tempfile.TemporaryDirectory() as tmp:
        layers = {URIRef("urn:coi-graph:benchmark:all"): graph + plain + inferred}
        out["write store"], _ = _timed(lambda: write_build(Path(tmp), layers))
    out["full build"] = sum(out[name] for name in STEPS)
    return out


def peak_memory(data: Path) -> float:
    """Max RSS, in MB, of one clean ``coi-graph build`` of ``data`` in its own process."""
    with tempfile.TemporaryDirectory() as tmp:
        code = "import sys, resource; from pathlib import Path; from coi_graph.compile.pipeline import build; " \
               "build(Path(sys.argv[1]), Path(sys.argv[2]), cache=False); " \
               "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"  # fmt: skip
        done = subprocess.run([sys.executable, "-c", code, str(data), str(Path(tmp) / "b")],
                              capture_output=True, text=True, check=True)  # fmt: skip
        return int(done.stdout.split()[-1]) / 1024


def _queries(store: Any) -> list[tuple[str, str, float, float, int]]:
    """Every offline saved query, 20 runs each: with its required parameters only, and again with one
    selective parameter more (an actor, a place, a month) where it has one. Rows: query,
    the parameters given, p50, p95, rows returned."""
    from coi_graph.query.library import load_library
    from coi_graph.query.runner import execute
    from coi_graph.resources import queries_dir

    params = _parameters(store)
    dimensions = [{k: params[k]} for k in ("actor", "entity", "speaker", "subject", "publisher", "place")]
    dimensions.append({"from": params["from"], "to": params["to"]})
    found = []
    for name, saved in sorted(load_library(queries_dir()).items()):
        if saved.needs_network:
            continue
        declared = {p.name: p for p in saved.params}
        required = {k: v for k, v in params.items() if k in declared and declared[k].required}
        selective = next(({**required, **group} for group in dimensions if group.keys() <= declared.keys()
                          and not group.keys() <= required.keys()), None)  # fmt: skip
        for given in (required, selective):
            if given is None:
                continue
            text = saved.bind(given)
            rows = len(execute(store, text, name=name).rows)
            times = [_timed(lambda text=text: execute(store, text))[0] for _ in range(QUERY_RUNS)]  # type: ignore[misc]
            found.append((name, ", ".join(given) or "none", *_p50_p95(times), rows))
    return found


def _parameters(store: Any) -> dict[str, str]:
    """Selective values from the corpus: a typical actor (the median number of claims), the place with
    most places in it, the last month with claims, the first report, the most-cited publisher, the
    speaker of most statements, the first footnote number."""
    from coi_graph.store import select

    def first(query: str) -> str:
        rows = select(store, query)
        value = next(iter(rows[0].values())) if rows else None
        assert value is not None, query
        return value.text

    # a typical actor: of those claimed to be present somewhere, the one with the median number of claims
    counts = select(store, "SELECT ?a (COUNT(DISTINCT ?c) AS ?n) WHERE { GRAPH ?c { ?a ?p ?o } "
                           "GRAPH graph:claims { ?c a coi:Claim } "
                           "FILTER EXISTS { GRAPH ?d { ?a coi:presentAt ?x } } } "
                           "GROUP BY ?a ORDER BY ?n ?a")  # fmt: skip
    middle = counts[len(counts) // 2]["a"]
    assert middle is not None
    actor = middle.text
    place = first("SELECT ?p WHERE { ?x coi:locatedIn ?p } GROUP BY ?p ORDER BY DESC(COUNT(?x)) ?p LIMIT 1")
    last = first("SELECT (MAX(STR(?d)) AS ?last) WHERE { ?c a coi:Claim ; coi:dateFrom ?d }")
    document = first("SELECT ?d WHERE { ?d a coi:Report } ORDER BY ?d LIMIT 1")
    publisher = first("SELECT ?p WHERE { ?w coi:publisher ?p } GROUP BY ?p ORDER BY DESC(COUNT(?w)) ?p LIMIT 1")
    speaker = first(
        "SELECT ?s WHERE { GRAPH ?c { ?x coi:speaker ?s } } GROUP BY ?s ORDER BY DESC(COUNT(?c)) ?s LIMIT 1"
    )
    footnote = first("SELECT (MIN(?n) AS ?first) WHERE { ?f coi:footnoteNumber ?n }")
    month = last[:7] + "-01"
    return {"actor": actor, "entity": actor, "subject": actor, "speaker": speaker, "place": place,
            "document": document, "publisher": publisher, "from": month, "to": last[:10],
            "date": last[:10], "since": month, "footnote": footnote}  # fmt: skip


def _project(store: Any) -> Any:
    from coi_graph.network.projection import project

    return project(store)


def _gexf(network: Any) -> str:
    from coi_graph.export.gexf import to_gexf
    from coi_graph.network.analytics import annotate

    return to_gexf(annotate(network), size_by="pagerank")


def _child(kind: str, data: Path, repeat: int) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", kind, str(data), "--repeat", str(repeat)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{kind} on {data} failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return result


def _machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())  # fmt: skip
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    import pyoxigraph

    return (f"{os.cpu_count()} cores ({cpu}), {memory:.0f} GB RAM, {platform.system()} {platform.machine()}, "
            f"Python {platform.python_version()}, pyoxigraph {pyoxigraph.__version__}")  # fmt: skip


def _report(size: int, fast: dict[str, Any], naive: dict[str, Any] | None, peak: float) -> None:
    print(f"\n### {size:,} triples asked: {fast['quads']:,} quads built, {fast['violations']} violations\n")
    print("| step | fast, s | naive, s | naive / fast |\n|---|---|---|---|")
    for step in (*STEPS, "full build", "rebuild, nothing changed", "rebuild after editing one document",
                 "projection", "GEXF export"):  # fmt: skip
        theirs = naive.get(step) if naive else None
        ratio = f"{theirs / fast[step]:.0f}×" if theirs else ""
        print(f"| {step} | {fast[step]:.3f} | {f'{theirs:.2f}' if theirs else ''} | {ratio} |")
    print(f"| peak memory of a build, MB | {peak:.0f} | | |")
    print("\n| saved query | parameters | p50 ms | p95 ms | rows |\n|---|---|---|---|---|")
    for name, given, p50, p95, count in fast["queries"]:
        print(f"| {name} | {given} | {p50 * 1000:.1f} | {p95 * 1000:.1f} | {count} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--naive-limit", type=int, default=100_000, help="largest size the naive pipeline runs at")
    parser.add_argument("--corpora", type=Path, default=Path(tempfile.gettempdir()) / "coi-graph-scale")
    parser.add_argument("--child", nargs=2, metavar=("KIND", "DATA"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, data = args.child
        print(json.dumps((measure_fast if kind == "fast" else measure_naive)(Path(data), args.repeat)))
        return
    from coi_graph.synth import generate

    print(f"Machine: {_machine()}.")
    print(f"Command: `.venv/bin/python benchmarks/scale.py --sizes {' '.join(map(str, args.sizes))} "
          f"--repeat {args.repeat} --naive-limit {args.naive_limit}`; medians of {args.repeat} runs; "
          f"the naive pipeline runs once.")  # fmt: skip
    for size in args.sizes:
        corpus = args.corpora / str(size)
        if not (corpus / "claims").is_dir():
            generate(corpus, triples=size, seed=SEED, overwrite=True)
        fast = _child("fast", corpus, args.repeat)
        naive = _child("naive", corpus, 1) if size <= args.naive_limit else None
        _report(size, fast, naive, peak_memory(corpus))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
