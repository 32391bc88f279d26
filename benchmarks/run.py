"""Benchmark the build steps on a data directory (default: the seed data).

Run:  .venv/bin/python benchmarks/run.py [--data DIR] [--repeat N]

The reference engines (owlrl, pySHACL) and the build's compiled ones are timed side by side.
Each step runs N times (default 5); the table gives the median and the spread (min-max),
and every saved query runs 4N times (p50 and p95),
because the machines are noisy. It also compares validation with pySHACL as shipped
(every SPARQL constraint parsed once per focus node) against the build's parse-once path,
and reports the ratio. Peak memory is the process's maximum resident set size.
"""

from __future__ import annotations

import argparse
import platform
import resource
import statistics
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

import pyshacl

from coi_graph.compile.pipeline import build, load_and_derive, reason_store, validate_store_report
from coi_graph.compile.reference.derive import derived_layer, plain_layer
from coi_graph.compile.reference.load import load
from coi_graph.compile.reference.oracle import validation_graph
from coi_graph.compile.reference.reason import reason
from coi_graph.compile.reference.validate import validate_graph
from coi_graph.compile.validate.shapes import load_shapes
from coi_graph.documents import sentences
from coi_graph.dossier.gather import Corpus
from coi_graph.dossier.write import write_all
from coi_graph.export.gexf import to_gexf
from coi_graph.extract import gazetteer
from coi_graph.extract.candidates import Extractor
from coi_graph.extract.mentions import find
from coi_graph.extract.source import open_source
from coi_graph.network.analytics import annotate, metrics
from coi_graph.network.projection import project
from coi_graph.query.library import load_library
from coi_graph.query.limits import Limits
from coi_graph.query.runner import execute
from coi_graph.resources import queries_dir
from coi_graph.store import STORE_DIR, open_store, select


def measure(step: Callable[[], object], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return times


def row(name: str, times: list[float]) -> str:
    ms = [t * 1000 for t in times]
    return f"| {name} | {statistics.median(ms):.2f} | {min(ms):.2f}-{max(ms):.2f} |"


def _saved_queries(store: object, repeat: int) -> dict[str, tuple[list[float], int]]:
    """Every saved query that runs offline, with the parameters of its first test case."""
    import pyoxigraph as ox

    assert isinstance(store, ox.Store)
    cases = tomllib.loads(Path("tests/queries/cases.toml").read_text(encoding="utf-8"))["case"]
    params: dict[str, dict[str, str]] = {}
    for case in cases:
        params.setdefault(case["query"], {k: str(v) for k, v in case.get("params", {}).items()})
    timings: dict[str, tuple[list[float], int]] = {}
    for name, saved in load_library(queries_dir()).items():
        if saved.needs_network:
            continue
        text = saved.bind(params.get(name, {}))
        rows = len(execute(store, text, name=name).rows)
        timings[name] = (measure(lambda text=text: execute(store, text), repeat), rows)  # type: ignore[misc]
    return timings


def _reason_times(data: Path, repeat: int) -> list[float]:
    """reason_store on a fresh derived store each time (it writes the inferred graph)."""
    times = []
    for _ in range(repeat):
        prepared = load_and_derive(data)
        start = time.perf_counter()
        reason_store(prepared)
        times.append(time.perf_counter() - start)
    return times


def _served_times(store_dir: Path, repeat: int) -> dict[str, list[float]]:
    """One small query over HTTP: Oxigraph's server directly, and through the guard of `coi-graph serve`."""
    import socket
    import subprocess
    import urllib.parse
    import urllib.request

    from coi_graph import guard
    from coi_graph.oxigraph_server import oxigraph_binary

    def free_port() -> int:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port: int = probe.getsockname()[1]
            return port

    inner, outer = free_port(), free_port()
    command = [oxigraph_binary(), "serve-read-only", "--location", str(store_dir), "--bind", f"127.0.0.1:{inner}"]
    process = subprocess.Popen(command, stderr=subprocess.DEVNULL)
    server, _ = guard.start(("127.0.0.1", outer), guard.GuardConfig("127.0.0.1", inner))
    claim = "<https://w3id.org/coi-graph/ontology#Claim>"
    query = "?query=" + urllib.parse.quote(f"SELECT ?c WHERE {{ ?c a {claim} }} LIMIT 10")
    try:
        for _ in range(100):  # wait for the server
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{inner}/", timeout=1).read()
                break
            except OSError:
                time.sleep(0.05)
        times = {}
        for label, port in (("direct", inner), ("through the guard", outer)):
            url = f"http://127.0.0.1:{port}/query{query}"
            times[f"a query over HTTP, {label}"] = measure(lambda u=url: urllib.request.urlopen(u).read(), repeat * 20)
        return times
    finally:
        server.shutdown()
        server.server_close()
        process.terminate()
        process.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path("data"))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    loaded = load(args.data)
    plain = plain_layer(loaded.claims, loaded.contents)
    derived = derived_layer(loaded.registry, loaded.documents, loaded.claims, loaded.contents)
    data = validation_graph(loaded, derived)
    shapes = load_shapes()
    inputs = [loaded.ontology, loaded.registry, loaded.documents, loaded.claims, plain, derived]

    results: dict[str, list[float]] = {}
    results["load and parse data/"] = measure(lambda: load(args.data), args.repeat)
    results["derive plain and derived layers"] = measure(
        lambda: (
            plain_layer(loaded.claims, loaded.contents),
            derived_layer(loaded.registry, loaded.documents, loaded.claims, loaded.contents),
        ),
        args.repeat,
    )
    results["reason (owlrl, OWL 2 RL)"] = measure(lambda: reason(inputs), args.repeat)
    results["reason (compiled rules in the store, = owlrl)"] = _reason_times(args.data, args.repeat)
    results["validate (pySHACL, parse-once)"] = measure(lambda: validate_graph(data, None, shapes), args.repeat)
    prepared = load_and_derive(args.data)
    reason_store(prepared)
    results["validate (compiled queries in the store, = pySHACL)"] = measure(
        lambda: validate_store_report(prepared), args.repeat
    )
    results["validate (pySHACL as shipped)"] = measure(
        lambda: pyshacl.validate(data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True),
        args.repeat,
    )
    texts = sorted((args.data / "documents").glob("*.txt"))
    results["gazetteer from the registry"] = measure(lambda: gazetteer.load(args.data), args.repeat)
    names = gazetteer.load(args.data)
    sources = [open_source(path, args.data) for path in texts]
    contents = [s.content for s in sources]
    characters = sum(len(c) for c in contents)
    results[f"mentions, all documents ({characters} characters)"] = measure(
        lambda: [find(c, names) for c in contents], args.repeat
    )
    # a long text, to show the splitter stays linear: 4 MB should take about 4 times 1 MB
    long_text = " ".join(contents) * (1_000_000 // max(1, characters) + 1)
    for megabytes in (1, 4):
        chunk = (long_text * megabytes)[: megabytes * 1_000_000]
        results[f"sentence splitting, {megabytes} MB of text"] = measure(
            lambda c=chunk: sentences.split(c), args.repeat
        )
    results["candidate claims, all documents"] = measure(
        lambda: [Extractor(s.doc, s.parsed, names).run() for s in sources], args.repeat
    )
    with tempfile.TemporaryDirectory() as tmp:
        results["full build (coi-graph build)"] = measure(lambda: build(args.data, Path(tmp) / "build"), args.repeat)
        store = open_store(Path(tmp) / "build")
        query = (
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?c { ?s coi:supports ?o } "
            "GRAPH graph:claims { ?c coi:footnote ?f } }"
        )
        results["a join on the store (Oxigraph)"] = measure(lambda: select(store, query), args.repeat * 20)
        limited = Limits(timeout=60.0, max_rows=1000)
        results["the same join with a time and row limit (worker thread)"] = measure(
            lambda: execute(store, query, limits=limited), args.repeat * 20
        )
        results |= _served_times(Path(tmp) / "build" / STORE_DIR, args.repeat)

        results["project to networkx"] = measure(lambda: project(store), args.repeat)
        network = annotate(project(store))
        results["analytics (PageRank, betweenness, Louvain)"] = measure(lambda: metrics(network), args.repeat)
        results["GEXF export"] = measure(lambda: to_gexf(network, size_by="pagerank"), args.repeat)
        dossiers = Path(tmp) / "dossiers"
        results["dossiers of every entity (dossier --all)"] = measure(
            lambda: write_all(Corpus(store), dossiers, "both"), max(1, args.repeat // 2)
        )
        saved_times = _saved_queries(store, args.repeat * 4)

    triples = len(data)
    print(f"# coi-graph build benchmark: {args.data} ({triples} triples validated)")
    print(f"Python {platform.python_version()}, {platform.machine()}, {platform.system()}; repeat {args.repeat}")
    print()
    print("| step | median ms | min-max ms |")
    print("|---|---|---|")
    for name, times in results.items():
        print(row(name, times))
    print()
    print(f"Saved queries on the built store (Oxigraph), {args.repeat * 4} runs each, example parameters:")
    print()
    print("| query | p50 ms | p95 ms | rows |")
    print("|---|---|---|---|")
    for name, (times, rows) in saved_times.items():
        ordered = sorted(t * 1000 for t in times)
        p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
        print(f"| {name} | {statistics.median(ordered):.2f} | {p95:.2f} | {rows} |")
    shipped = statistics.median(results["validate (pySHACL as shipped)"])
    fast = statistics.median(results["validate (pySHACL, parse-once)"])
    print()
    print(f"validation speed-up, parse-once against pySHACL as shipped: {shipped / fast:.1f}x (median over median)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"peak memory (max RSS): {peak / 1024:.0f} MB")


if __name__ == "__main__":
    sys.exit(main())
