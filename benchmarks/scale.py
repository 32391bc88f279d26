"""Scale benchmark: synthetic corpora of 10k, 100k, 1M (and 10M) triples, built by the fast pipeline and,
where it finishes, by the naive one (rdflib, owlrl, pySHACL), with the ratios.

    .venv/bin/python benchmarks/scale.py                       # 10k, 100k, 1M
    .venv/bin/python benchmarks/scale.py --sizes 10000 100000 --repeat 3 --naive-limit 100000

Each measurement runs in a fresh Python process, so that peak memory (max RSS) is that of one build.
Every step is timed ``--repeat`` times and the median given (the machines are noisy); queries are
timed 20 times each and p50/p95 given. The corpus comes from ``coi-graph synth`` with a fixed seed.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

SEED = 7


def _median(step: Callable[[], object], repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = step()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def _percentiles(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def measure_fast(data: Path, repeat: int) -> dict[str, Any]:
    """The fast pipeline, step by step, then the store, the saved queries, the network."""
    import pyoxigraph as ox

    from coi_graph.build.fastderive import derive_store
    from coi_graph.build.fastload import load_store
    from coi_graph.build.fastwrite import write_build_store
    from coi_graph.build.pipeline import build, cache_dir_for, prepare_store, reason_store, validate_store_report

    out: dict[str, Any] = {}
    out["parse"], loaded = _median(lambda: load_store(data), repeat)
    assert not isinstance(loaded, type(None))
    store_data = load_store(data)
    out["derive"], _ = _median(lambda: derive_store(_fresh(store_data)), repeat)
    derive_store(store_data.store)
    out["reason"], _ = _median(lambda: reason_store(_fresh(store_data)), repeat)
    reason_store(store_data)
    out["validate"], report = _median(lambda: validate_store_report(store_data), repeat)
    out["violations"] = len(report.violations)  # type: ignore[attr-defined]
    out["quads"] = len(store_data.store)
    with tempfile.TemporaryDirectory() as tmp:
        out["write store"], _ = _median(lambda: write_build_store(_empty(Path(tmp) / "w"), store_data.store), repeat)
        out["full build"], _ = _median(lambda: build(data, Path(tmp) / "build", cache=False), repeat)
        build(data, Path(tmp) / "build2")  # fill the cache
        out["rebuild, nothing changed"], _ = _median(lambda: build(data, Path(tmp) / "build2"), repeat)
        document = sorted((data / "documents").glob("*.txt"))[0]
        original = document.read_bytes()

        def edit_one() -> object:
            document.write_bytes(original + b"\n")
            result = build(data, Path(tmp) / "build2")
            document.write_bytes(original)
            return result

        out["rebuild after editing one document"], _ = _median(edit_one, repeat)
        store = ox.Store.read_only(str(Path(tmp) / "build" / "store"))
        out["queries"] = _queries(store)
        out["projection"], network = _median(lambda: _project(store), repeat)
        out["GEXF export"], _ = _median(lambda: _gexf(network), repeat)
        del store
    del prepare_store, cache_dir_for
    out["peak memory MB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def _fresh(data: Any) -> Any:
    """A copy of the loaded store, so that each repetition starts from the same state."""
    import copy

    import pyoxigraph as ox

    clone = copy.copy(data)
    clone.store = ox.Store()
    clone.store.extend(data.store.quads_for_pattern(None, None, None, None))
    return clone


def _empty(path: Path) -> Path:
    import shutil

    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def _queries(store: Any) -> dict[str, tuple[float, float, int]]:
    """Every saved query with selective example parameters found in the corpus, 20 runs each."""
    from coi_graph.query.library import load_library
    from coi_graph.query.runner import execute
    from coi_graph.resources import queries_dir

    params = _parameters(store)
    found: dict[str, tuple[float, float, int]] = {}
    for saved in load_library(queries_dir()):
        if saved.needs_network:
            continue
        given = {p.name: params[p.name] for p in saved.params if p.name in params and (p.required or p.name in
                 ("actor", "entity", "place", "from", "to"))}  # fmt: skip
        if any(p.required and p.name not in given for p in saved.params):
            continue
        text = saved.bind(given)
        times, rows = [], 0
        for _ in range(20):
            start = time.perf_counter()
            rows = len(execute(store, text, name=saved.name).rows)
            times.append(time.perf_counter() - start)
        p50, p95 = _percentiles(times)
        found[saved.name] = (p50, p95, rows)
    return found


def _parameters(store: Any) -> dict[str, str]:
    """Selective values: the actor in most claims, a place with places in it, a month, a document."""
    from coi_graph.store import select

    actor = select(store, """SELECT ?a (COUNT(?c) AS ?n) WHERE { GRAPH ?c { ?a coi:presentAt|coi:stationedAt ?p } }
                             GROUP BY ?a ORDER BY DESC(?n) LIMIT 1""")[0]["a"]  # fmt: skip
    place = select(store, """SELECT ?p (COUNT(?x) AS ?n) WHERE { ?x coi:locatedIn ?p } GROUP BY ?p
                             ORDER BY DESC(?n) LIMIT 1""")[0]["p"]  # fmt: skip
    document = select(store, "SELECT ?d WHERE { ?d a coi:Report } ORDER BY ?d LIMIT 1")[0]["d"]
    month = select(store, "SELECT (MAX(?d) AS ?last) WHERE { ?c coi:dateFrom ?d }")[0]["last"]
    assert actor and place and document and month
    last = month.text
    return {"actor": actor.text, "entity": actor.text, "place": place.text, "document": document.text,
            "from": last[:8] + "01", "to": last, "footnote": "1", "qid": "Q1", "publisher": actor.text}  # fmt: skip


def _project(store: Any) -> Any:
    from coi_graph.network.projection import project

    return project(store)


def _gexf(network: Any) -> str:
    from coi_graph.export.gexf import to_gexf
    from coi_graph.network.analytics import annotate

    return to_gexf(annotate(network), size_by="pagerank")


def measure_naive(data: Path, repeat: int) -> dict[str, Any]:
    """The naive pipeline: rdflib parsing, owlrl, pySHACL (as shipped), an rdflib-built store."""
    import pyshacl

    from coi_graph.build.derive import derived_layer, plain_layer
    from coi_graph.build.load import load
    from coi_graph.build.pipeline import validation_graph
    from coi_graph.build.reason import reason
    from coi_graph.build.validate import load_shapes
    from coi_graph.build.write import write_build

    out: dict[str, Any] = {}
    out["parse"], loaded = _median(lambda: load(data), repeat)
    plain = plain_layer(loaded.claims, loaded.contents)  # type: ignore[attr-defined]
    derived = derived_layer(loaded.registry, loaded.documents, loaded.claims, loaded.contents)  # type: ignore[attr-defined]
    graphs = [loaded.ontology, loaded.registry, loaded.documents, loaded.claims, plain, derived]  # type: ignore[attr-defined]
    out["reason"], inferred = _median(lambda: reason(graphs), 1)
    shapes, graph = load_shapes(), validation_graph(loaded, derived)  # type: ignore[arg-type]
    out["validate"], _ = _median(
        lambda: pyshacl.validate(graph, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True), 1
    )
    with tempfile.TemporaryDirectory() as tmp:
        layers = {"l": graph}
        out["write store"], _ = _median(lambda: write_build(_empty(Path(tmp) / "w"), layers), 1)  # type: ignore[arg-type]
    out["full build"] = out["parse"] + out["reason"] + out["validate"] + out["write store"]
    out["peak memory MB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    del inferred
    return out


def _child(kind: str, data: Path, repeat: int) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", kind, str(data), "--repeat", str(repeat)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{kind} on {data} failed:\n{done.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--naive-limit", type=int, default=100_000, help="Largest size the naive pipeline runs at.")
    parser.add_argument("--corpora", type=Path, default=Path(tempfile.gettempdir()) / "coi-graph-scale")
    parser.add_argument("--child", nargs=2, metavar=("KIND", "DATA"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, data = args.child
        result = (measure_fast if kind == "fast" else measure_naive)(Path(data), args.repeat)
        print(json.dumps(result))
        return
    from coi_graph.synth import generate

    print(f"# coi-graph scale benchmark, seed {SEED}")
    print(f"Python {platform.python_version()}, {platform.machine()}, {platform.processor() or platform.system()}; "
          f"repeat {args.repeat} (medians)")  # fmt: skip
    rows = []
    for size in args.sizes:
        corpus = args.corpora / str(size)
        if not (corpus / "claims").is_dir():
            generate(corpus, triples=size, seed=SEED, overwrite=True)
        fast = _child("fast", corpus, args.repeat)
        naive = _child("naive", corpus, 1) if size <= args.naive_limit else None
        rows.append((size, fast, naive))
        print(f"\n## {size:,} triples (target): {fast['quads']:,} quads built", flush=True)
        print("\n| step | fast, s | naive, s | ratio |\n|---|---|---|---|")
        for step in ("parse", "derive", "reason", "validate", "write store", "full build", "rebuild, nothing changed",
                     "rebuild after editing one document", "projection", "GEXF export"):  # fmt: skip
            naive_value = naive.get(step) if naive else None
            ratio = f"{naive_value / fast[step]:.0f}×" if naive_value and fast.get(step) else ""
            naive_text = f"{naive_value:.2f}" if naive_value else ("" if naive is None else "–")
            print(f"| {step} | {fast[step]:.3f} | {naive_text} | {ratio} |")
        print(f"| peak memory, MB | {fast['peak memory MB']:.0f} | {naive['peak memory MB']:.0f} | |"
              if naive else f"| peak memory, MB | {fast['peak memory MB']:.0f} | | |")  # fmt: skip
        print("\n| saved query | p50 ms | p95 ms | rows |\n|---|---|---|---|")
        for name, (p50, p95, count) in sorted(fast["queries"].items()):
            print(f"| {name} | {p50 * 1000:.1f} | {p95 * 1000:.1f} | {count} |")


if __name__ == "__main__":
    main()
