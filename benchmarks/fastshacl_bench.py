"""Time SHACL validation: pySHACL (with the build's parse-once patch) against the fast validator.

Run:  .venv/bin/python benchmarks/fastshacl_bench.py [--data DIR] [--repeat N] [--copies K] [--slowest M]

On the seed data (or --data) both validators run N times (default 5) on the same graph and the
medians and their ratio are printed; the fast validator's time is the query time on a store that
already holds the data (loading the store is timed apart). With --copies K the instance data is
also replicated K times under renamed IRIs (the ontology once) and only the fast validator is
timed on it (pySHACL needs minutes from about 100k triples); --slowest lists the slowest checks.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef

from coi_graph.build.derive import derived_layer
from coi_graph.build.fastshacl import CompiledShapes, compile_shapes, graph_quads, validate_store
from coi_graph.build.load import load
from coi_graph.build.pipeline import validation_graph
from coi_graph.build.validate import load_shapes, validate_graph

INSTANCES = "https://w3id.org/coi-graph/id/"


def measure(step: Callable[[], object], repeat: int) -> list[float]:
    """Wall-clock seconds of ``repeat`` runs of ``step``."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return times


def seed_graph(data_dir: Path) -> Graph:
    """What the build validates: everything asserted, every claim's content, the derived layer."""
    loaded = load(data_dir)
    return validation_graph(loaded, derived_layer(loaded.registry, loaded.documents, loaded.claims, loaded.contents))


def replicate(graph: Graph, copies: int) -> Graph:
    """``copies`` copies of the instance data (IRIs under id/ get a suffix per copy); the rest once."""
    scaled = Graph()
    for copy in range(copies):

        def rename(node: object, copy: int = copy) -> object:
            if isinstance(node, URIRef) and str(node).startswith(INSTANCES):
                return URIRef(f"{node}-{copy}")
            return node

        for s, p, o in graph:
            scaled.add((rename(s), p, rename(o)))  # type: ignore[arg-type]
    return scaled


def store_of(graph: Graph) -> ox.Store:
    store = ox.Store()
    store.bulk_extend(graph_quads(graph))
    return store


def compare_on_seed(data_dir: Path, repeat: int) -> None:
    graph = seed_graph(data_dir)
    shapes = load_shapes()
    compiled = compile_shapes(shapes)
    store = store_of(graph)
    slow = measure(lambda: validate_graph(graph, None, shapes), repeat)
    fast = measure(lambda: validate_store(store, compiled), repeat)
    slow_median, fast_median = statistics.median(slow), statistics.median(fast)
    size = f"{len(graph)} triples, {len(compiled.checks)} checks in {len(compiled.queries)} queries"
    print(f"seed graph: {size}, median of {repeat} runs")
    print(f"  pySHACL (parse-once patch): {slow_median * 1000:9.1f} ms")
    print(f"  fast validator:             {fast_median * 1000:9.1f} ms")
    print(f"  ratio:                      {slow_median / fast_median:9.1f} x")


def slowest_queries(store: ox.Store, compiled: CompiledShapes, count: int) -> None:
    """Time each compiled query alone (one thread) and list the slowest."""
    timed = []
    for query in compiled.queries:
        single = CompiledShapes((query,), compiled.tests)
        start = time.perf_counter()
        found = len(validate_store(store, single, workers=1))
        timed.append((time.perf_counter() - start, found, query))
    timed.sort(key=lambda t: -t[0])
    for seconds, found, query in timed[:count]:
        first = query.checks[0]
        what = f"{first.shape} {first.component.split('#')[-1]}" + (f" +{len(query.checks) - 1}" if query.keyed else "")
        print(f"  {seconds * 1000:8.1f} ms {found:6d} results  {what}")


def fast_at_scale(data_dir: Path, copies: int, repeat: int, slowest: int) -> None:
    start = time.perf_counter()
    graph = replicate(seed_graph(data_dir), copies)
    built = time.perf_counter() - start
    start = time.perf_counter()
    store = store_of(graph)
    loaded = time.perf_counter() - start
    start = time.perf_counter()
    compiled = compile_shapes(load_shapes())
    compiling = time.perf_counter() - start
    times = measure(lambda: validate_store(store, compiled), repeat)
    print(f"{copies} copies: {len(graph)} triples (built in {built:.1f} s)")
    print(f"  store load (bulk_extend):   {loaded:9.2f} s")
    print(f"  compile shapes:             {compiling:9.2f} s")
    print(f"  fast validator:             {statistics.median(times):9.2f} s (median of {repeat})")
    if slowest:
        slowest_queries(store, compiled, slowest)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path("data"))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--copies", type=int, default=0, help="also time the fast validator on K copies")
    parser.add_argument("--slowest", type=int, default=0, help="list the M slowest checks at scale")
    args = parser.parse_args()
    compare_on_seed(args.data, args.repeat)
    if args.copies:
        fast_at_scale(args.data, args.copies, max(1, args.repeat // 2), args.slowest)


if __name__ == "__main__":
    main()
