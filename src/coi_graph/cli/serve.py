"""Commands that put the built graph on the network: ``serve`` (a local SPARQL endpoint with a
browser UI) and ``push`` (into any SPARQL 1.1 store)."""

from __future__ import annotations

import logging
import re
import signal
import sys
import tempfile
from collections import Counter
from pathlib import Path

import click

from coi_graph import guard, progress, serve_policy
from coi_graph.cli.options import BUILD_OPTION as BUILD
from coi_graph.errors import CoiGraphError
from coi_graph.oxigraph_server import Engine, server_command

log = logging.getLogger("coi_graph")


@click.command()
@BUILD
@click.option("--bind", default="127.0.0.1:7878", show_default=True,
              help="Host and port; 127.0.0.1 keeps it on this machine.")  # fmt: skip
@click.option("--timeout", type=click.IntRange(min=0), default=30, show_default=True,
              help="Seconds a request may run; then it is stopped and answered 504 (0: no limit).")  # fmt: skip
@click.option("--max-response-mb", type=click.FloatRange(min=0.001), default=64.0, show_default=True,
              help="Refuse (413) an answer larger than this many MB.")  # fmt: skip
@click.option("--read-write", is_flag=True,
              help="Accept SPARQL UPDATE and Graph Store writes, from programs and this server's own query "
                   "page only (off: the build is read-only).")  # fmt: skip
@click.option("--allow-network", is_flag=True,
              help="Let queries use SERVICE and LOAD to reach other hosts (refused by default).")  # fmt: skip
@click.option("--allowed-host", "allowed_hosts", multiple=True, metavar="NAME[:PORT]",
              help="Also answer requests for this host name (a DNS name, a reverse proxy's Host); repeatable. "
                   "Other names are refused (403).")  # fmt: skip
@click.option("--max-connections", type=click.IntRange(min=1), default=32, show_default=True,
              help="Requests served at once; more are answered 503 with Retry-After.")  # fmt: skip
def serve(build_dir: Path, bind: str, timeout: int, max_response_mb: float, read_write: bool, allow_network: bool,
          allowed_hosts: tuple[str, ...], max_connections: int) -> None:  # fmt: skip
    """Serve the built store as a SPARQL 1.1 endpoint with a browser query UI (YASGUI).

    \b
    Endpoints: /query (SPARQL 1.1 Protocol), /store (Graph Store Protocol, read-only by
    default), and / for the query UI. The default graph of a query on the server is the
    analyst's view, as in 'coi-graph query': the registry, documents, claims, the plain,
    derived and inferred layers (a claim's own content is in the graph named by the claim:
    use GRAPH). 'coi-graph query show NAME' prints a saved query ready to paste.

    \b
    Safe by default: it listens on this machine only (another address prints a warning),
    it answers only requests addressed to it by its address (or a name given with
    --allowed-host: a web page that renames it is refused), it is read-only, a request
    still running after --timeout seconds is stopped (504), an answer larger than
    --max-response-mb is refused, and SERVICE and LOAD, which would make the server send
    requests to other hosts, are refused (403) unless --allow-network is given. With
    --read-write, writes from other web sites, and forms posted without the token that
    the query page carries, are refused (403). Beyond --max-connections requests at once
    it answers 503 with Retry-After.

    \b
    Examples:
      coi-graph serve                       # http://127.0.0.1:7878/
      coi-graph serve --bind 127.0.0.1:8080 --timeout 60
      coi-graph serve --bind 0.0.0.0:7878 --allowed-host coi.example.org   # behind a proxy
      coi-graph serve --read-write          # updates from programs and the query page
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 3' \\
           http://127.0.0.1:7878/query
      curl -H 'Content-Type: application/sparql-update' \\
           --data 'INSERT DATA { <urn:a> <urn:b> <urn:c> }' http://127.0.0.1:7878/update
    """
    from coi_graph.store import STORE_DIR

    store_dir = build_dir / STORE_DIR
    if not store_dir.is_dir():
        raise CoiGraphError(f"no built graph at {store_dir}", hint="run 'coi-graph build' first, or pass --build DIR")
    host, port = serve_policy.split_bind(bind)
    for name in allowed_hosts:
        if serve_policy.split_host(name) is None:
            raise CoiGraphError(f"--allowed-host {name!r}: write a host name, with :PORT or without",
                                hint="e.g. --allowed-host coi.example.org")  # fmt: skip
    if not serve_policy.is_loopback(host):
        log.warning("warning: serving on %s: reachable from other machines", bind)
    config = guard.GuardConfig("127.0.0.1", 0, allow_network=allow_network, read_write=read_write,
                               max_response=int(max_response_mb * 1024 * 1024), timeout=float(timeout),
                               allowed_hosts=allowed_hosts, max_connections=max_connections)  # fmt: skip
    limit = f"queries time out after {timeout} s" if timeout else "no time limit"
    names = f", also answers to {', '.join(allowed_hosts)}" if allowed_hosts else ""
    banner = (f"serving {store_dir} at http://{bind}/ ({'read-write' if read_write else 'read-only'}, {limit}, "
              f"SERVICE and LOAD {'allowed' if allow_network else 'refused'}{names}); Ctrl-C stops")  # fmt: skip
    # Oxigraph's own log names its private port: kept aside, and shown if it stops
    with tempfile.TemporaryFile() as log_file:
        engine = Engine(lambda private: server_command(store_dir, f"127.0.0.1:{private}", read_write), log_file)
        try:
            engine.start()
            _guard(engine, (host, port), config, banner)
        finally:
            engine.close()


def _guard(engine: Engine, address: tuple[str, int], config: guard.GuardConfig, banner: str) -> None:
    """Listen on ``address`` until Ctrl-C, SIGTERM, or the Oxigraph server stops."""
    try:
        server, _ = guard.start(address, config, engine)
    except OSError as exc:
        raise CoiGraphError(f"cannot listen on {address[0]}:{address[1]}: {exc.strerror or exc}",
                            hint="choose another port with --bind HOST:PORT") from exc  # fmt: skip
    log.info("%s", banner)  # not under -q
    previous = signal.signal(signal.SIGTERM, _stop_on_sigterm)
    try:
        code = engine.wait()
        raise CoiGraphError(f"the oxigraph server stopped with exit code {code}: {engine.tail()}")
    except KeyboardInterrupt:
        log.info("stopped")
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.shutdown()
        server.server_close()


def _stop_on_sigterm(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


@click.command()
@BUILD
@click.option(
    "--endpoint", default=None,
    help="The Graph Store Protocol URL: Oxigraph http://host:7878/store, Fuseki http://host:3030/ds/data, "
         "Virtuoso http://host:8890/sparql-graph-crud-auth.",
)  # fmt: skip
@click.option(
    "--update-endpoint", default=None,
    help="For a store without the Graph Store Protocol: its SPARQL 1.1 Update URL (INSERT DATA in batches).",
)  # fmt: skip
@click.option(
    "--query-endpoint", default=None,
    help="Its SPARQL query URL, to verify the counts (default: the endpoint with /store or /data → /query).",
)  # fmt: skip
@click.option("--graph", "graph_iri", default=None,
              help="Load every triple into this one graph. Default: keep the build's named graphs, each sent "
                   "as N-Triples with ?graph= (the Graph Store Protocol every store reads).")  # fmt: skip
@click.option("--batch", type=click.IntRange(min=1), default=50_000, show_default=True, help="Quads per request.")
@click.option("--timeout", default=120.0, show_default=True, help="Seconds to wait for each request.")
@click.option("--default-graph", "view_graph", default=None, metavar="IRI",
              help="Put the build's default graph (the analyst's view) into this named graph, for stores whose "
                   "default graph is the union of all (Virtuoso); query with "
                   "--store 'sparql:URL?default-graph-uri=IRI'.")  # fmt: skip
@click.option(
    "--replace",
    is_flag=True,
    help="First remove the graphs this build pushes (a previous push of it); other graphs stay.",
)
@click.option("--user", default=None, envvar="COI_GRAPH_USER",
              help="Log in as this user (HTTP Basic or Digest, as the store asks); the password comes from "
                   "COI_GRAPH_PASSWORD, else ~/.netrc, else a prompt. Never put it in the URL.")  # fmt: skip
def push(build_dir: Path, endpoint: str | None, update_endpoint: str | None, query_endpoint: str | None,
         graph_iri: str | None, batch: int, timeout: float, view_graph: str | None, replace: bool,
         user: str | None) -> None:  # fmt: skip
    """Load the built graph into a SPARQL 1.1 store, graph by graph in batches, and verify the counts.

    \b
    Retries on 502, 503, 504 and broken connections. After loading, the number of triples in
    each graph is read back with SPARQL and compared with the build; a difference is an error
    (exit 2). Pushing the same build again adds nothing (RDF graphs are sets).

    \b
    Examples:
      coi-graph push --endpoint http://127.0.0.1:7878/store
      coi-graph push --endpoint http://fuseki:3030/coi/data --query-endpoint http://fuseki:3030/coi/query
      coi-graph --store sparql:http://127.0.0.1:7878/query query run presence --param actor=ent:sdf
      COI_GRAPH_PASSWORD=… coi-graph push --user dba --endpoint http://host:8890/sparql-graph-crud-auth \\
          --query-endpoint http://host:8890/sparql --default-graph https://example.org/coi-view
    """
    import pyoxigraph as ox

    from coi_graph.credentials import refuse_userinfo, resolve
    from coi_graph.remote import GraphStore, RemoteStore, UpdateStore
    from coi_graph.store import open_store

    if (endpoint is None) == (update_endpoint is None):
        raise click.UsageError("give the store's --endpoint (Graph Store Protocol) or its --update-endpoint")
    url = endpoint or update_endpoint
    assert url is not None
    query_url = query_endpoint or _query_url(url)  # before anything is sent: a push must be verifiable
    refuse_userinfo(query_url)
    prompt = (lambda text: str(click.prompt(text, hide_input=True))) if sys.stdin.isatty() else None
    credentials = resolve(user, url, prompt=prompt)
    store = open_store(build_dir, spec="")
    assert isinstance(store, ox.Store)
    if view_graph and not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+", view_graph):
        raise click.UsageError(f"--default-graph {view_graph!r} is not an IRI")
    if view_graph and (graph_iri or store.contains_named_graph(ox.NamedNode(view_graph))):
        raise click.UsageError("--default-graph must name a graph the build does not have, and not go with --graph")
    quads = list(store.quads_for_pattern(None, None, None, None))  # named graphs and the default view
    target = (GraphStore if endpoint else UpdateStore)(url, timeout=timeout, credentials=credentials)
    expected: Counter[str] = Counter()
    payloads: list[tuple[str | None, bytes]] = []
    if graph_iri:
        triples = sorted({str(q.triple) for q in quads})
        expected[graph_iri] = len(triples)
        for i in range(0, len(triples), batch):
            payloads.append((graph_iri, "".join(f"{t} .\n" for t in triples[i : i + batch]).encode("utf-8")))
    else:  # graph by graph, in N-Triples: every Graph Store Protocol implementation reads it
        by_graph: dict[str, list[str]] = {}
        for quad in quads:
            name = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else (view_graph or "")
            by_graph.setdefault(name, []).append(f"{quad.triple} .\n")
        for name in sorted(by_graph):
            lines = by_graph[name]
            expected[name] = len(lines)
            for i in range(0, len(lines), batch):
                payloads.append((name or None, "".join(lines[i : i + batch]).encode("utf-8")))
    if replace:
        with progress.steps(f"removing the {len(expected)} graph(s) of an earlier push"):
            for name in sorted(expected):
                target.delete(name or None)
    with progress.bar(f"pushing {len(quads)} quads", len(payloads)) as advance:
        for graph, body in payloads:
            target.post(graph, body)
            advance(1)
    remote = RemoteStore(query_url, timeout=timeout, credentials=credentials)
    found = _counts(remote, graph_iri or view_graph)
    # after --replace a graph holds exactly the build's triples; else at least them (a store may hold more)
    wrong = {g: (n, found.get(g, 0)) for g, n in expected.items()
             if (found.get(g, 0) != n if replace else found.get(g, 0) < n)}  # fmt: skip
    if wrong:
        sample = "; ".join(f"{g or 'default'}: {got} of {want}" for g, (want, got) in list(wrong.items())[:5])
        raise CoiGraphError(f"the store holds other counts than the build in {len(wrong)} graph(s): {sample}")
    click.echo(f"pushed {sum(expected.values())} quads in {len(expected)} graph(s) to {url} "
               f"({target.requests_made} requests); counts verified with {query_url}", err=True)  # fmt: skip


def _query_url(endpoint: str) -> str:
    for tail in ("/store", "/data", "/update"):
        if endpoint.rstrip("/").endswith(tail):
            return endpoint.rstrip("/")[: -len(tail)] + "/query"
    raise CoiGraphError(f"cannot guess the query URL of {endpoint}", hint="give it with --query-endpoint")


def _counts(remote: object, graph_iri: str | None) -> dict[str, int]:
    from coi_graph.remote import RemoteStore

    assert isinstance(remote, RemoteStore)
    _, rows = remote.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    counts = {row["g"]["value"]: int(row["n"]["value"]) for row in rows if "g" in row and "n" in row}
    if graph_iri is None:
        _, rows = remote.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        counts[""] = int(rows[0]["n"]["value"]) if rows else 0
    return counts


def register(group: click.Group) -> None:
    group.add_command(serve)
    group.add_command(push)
