"""Commands that link the registry to Wikidata: ``link`` and ``enrich``."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

import click
from rdflib import Graph, URIRef

from coi_graph import progress
from coi_graph.cli.options import DATA_OPTION as DATA
from coi_graph.cli.options import day_or_today
from coi_graph.errors import CoiGraphError
from coi_graph.link import decisions as link_decisions
from coi_graph.link import model
from coi_graph.link.http import Client
from coi_graph.link.model import Decision
from coi_graph.namespaces import short
from coi_graph.vocab import COI

log = logging.getLogger("coi_graph")


NETWORK = click.option(
    "--allow-network", is_flag=True,
    help="Fetch from Wikidata and the reconciliation service. Without it, only the cache is read.",
)  # fmt: skip
CACHE = click.option(
    "--cache", "cache_dir", type=click.Path(path_type=Path, file_okay=False), default=Path(".cache/coi-graph/http"),
    show_default=True, help="The on-disk cache of HTTP answers (read first; written when the network is used).",
)  # fmt: skip
API = click.option(
    "--api", default="https://www.wikidata.org/w/api.php", show_default=True,
    help="The Wikibase API (wbsearchentities, wbgetentities).",
)  # fmt: skip
RATE = click.option(
    "--interval", "min_interval", type=click.FloatRange(0), default=1.0, show_default=True,
    help="Seconds between two requests to the network (be polite to Wikidata).",
)  # fmt: skip
DAY = click.option("--date", "day", type=click.DateTime(["%Y-%m-%d"]), default=None,
                   help="The day recorded on decisions and values (default: today).")  # fmt: skip


def _registry(data_dir: Path) -> tuple[Graph, Graph]:
    from coi_graph.compile.pipeline import read_registry

    registry = read_registry(data_dir)
    return registry.graph, registry.ontology


@click.command()
@click.argument("entities", nargs=-1)
@DATA
@click.option("--status", "show_status", is_flag=True, help="List linked, candidate, rejected and open entities.")
@click.option("--review", is_flag=True, help="Confirm or reject the candidates one by one (needs --reviewer).")
@click.option("--reviewer", envvar="COI_GRAPH_REVIEWER", default=None, help="Your name, recorded on decisions.")
@click.option("--confirm", "confirms", multiple=True, metavar="ENTITY=QID",
              help="Record a QID verified by hand (with --evidence); repeatable.")  # fmt: skip
@click.option("--reject", "rejects", multiple=True, metavar="ENTITY=QID", help="Record that ENTITY is not QID.")
@click.option("--evidence", multiple=True, help="Where the QID was confirmed (two independent sources).")
@click.option(
    "--endpoint", default=None, help="A W3C reconciliation service (default: Wikidata's, wikidata.reconci.link)."
)
@click.option("--limit", default=3, show_default=True, help="Candidates kept per entity.")
@click.option("--accept-above", type=click.FloatRange(0, 1), default=None,
              help="Confirm a candidate automatically at or above this score, if exact, typed, placed and clearly "
                   "ahead. Off by default: every link is reviewed.")  # fmt: skip
@click.option("--timeout", default=20.0, show_default=True, help="Seconds to wait for an answer.")
@NETWORK
@CACHE
@API
@RATE
@DAY
def link(entities: tuple[str, ...], data_dir: Path, show_status: bool, review: bool, reviewer: str | None,
         confirms: tuple[str, ...], rejects: tuple[str, ...], evidence: tuple[str, ...], endpoint: str | None,
         limit: int, accept_above: float | None, timeout: float, allow_network: bool, cache_dir: Path,
         api: str, min_interval: float, day: object) -> None:  # fmt: skip
    """Link registry entities to Wikidata: reconcile, review, record decisions, show the status.

    \b
    Without options: propose Wikidata items for ENTITIES (ent:sdf …), or for every named entity
    without a confirmed link, ranked by name, type (P31) and country (P17, P131), and record them
    as candidates in data/links/wikidata.ttl. Nothing is confirmed without review (or an explicit
    --accept-above); rejected candidates are never proposed again. Offline by default: answers
    come from the cache, and a miss fails with a message and changes nothing.

    \b
    Examples:
      coi-graph link --status
      coi-graph link ent:raqqa-governorate --allow-network
      coi-graph link --review --reviewer "A. Analyst"
      coi-graph link --confirm ent:sdf=Q1234567 --evidence "item page; SDF article" --reviewer "A. Analyst"
      coi-graph link --reject ent:raqqa-governorate=Q283368 --reviewer "A. Analyst"
    """
    from coi_graph.query.params import ParameterValueError, expand_iri

    today = day_or_today(day)
    decisions = model.load(data_dir)
    if show_status:
        from coi_graph.compile.pipeline import read_registry
        from coi_graph.duplicates import registry_duplicates, section

        registry = read_registry(data_dir)
        click.echo(link_decisions.status_table(registry.graph, registry.ontology, decisions), nl=False)
        duplicates = section(registry_duplicates(registry.graph, registry.ontology, registry.sources))
        if duplicates:
            click.echo("\n" + duplicates, nl=False)
        return
    if confirms or rejects:
        if not reviewer:
            raise click.UsageError("--confirm and --reject record who decided: give --reviewer NAME")
        made = []
        for value, status in [(c, "confirmed") for c in confirms] + [(r, "rejected") for r in rejects]:
            entity_text, _, qid = value.partition("=")
            try:
                entity = URIRef(expand_iri(entity_text))
            except ParameterValueError as exc:
                raise click.UsageError(f"{value}: {exc}") from exc
            if not model.QID.match(qid):
                raise click.UsageError(f"{value}: {qid!r} is not a Wikidata QID (Q followed by digits)")
            if status == "confirmed" and not evidence:
                raise click.UsageError("--confirm needs --evidence: where the QID was confirmed")
            old = next((d for d in decisions if d.entity == entity and d.qid == qid), None)
            new_status = COI.LinkConfirmed if status == "confirmed" else COI.LinkRejected
            if old is not None:
                made.append(old.with_status(new_status, by=reviewer, day=today, evidence=evidence))
            else:
                made.append(Decision(entity, qid, new_status, COI.VerifiedByHand, 1.0 if status == "confirmed" else 0.0,
                                     today, reviewer, tuple(evidence)))  # fmt: skip
        click.echo(f"{link_decisions.save(data_dir, decisions, made)}: {len(made)} decision(s) recorded", err=True)
        return
    if review:
        if not reviewer:
            raise click.UsageError("--review records who decided: give --reviewer NAME")
        _review(data_dir, decisions, reviewer, today)
        return
    client = Client(cache_dir=cache_dir, allow_network=allow_network, timeout=timeout, min_interval=min_interval)
    _reconcile(data_dir, decisions, entities, endpoint, api, limit, accept_above, client, today)


def _reconcile(data_dir: Path, decisions: list[Decision], entities: tuple[str, ...], endpoint: str | None, api: str,
               limit: int, accept_above: float | None, client: Client, today: date) -> None:  # fmt: skip
    from coi_graph.link import reconcile
    from coi_graph.link.wikidata import RECONCILIATION_ENDPOINT
    from coi_graph.query.params import ParameterValueError, expand_iri

    registry, ontology = _registry(data_dir)
    try:
        only = [URIRef(expand_iri(e)) for e in entities]
    except ParameterValueError as exc:
        raise click.UsageError(str(exc)) from exc
    targets = reconcile.subjects(registry, ontology, only)
    if not targets:
        click.echo("nothing to reconcile: every named entity has a confirmed link", err=True)
        return
    rejected = {(d.entity, d.qid) for d in decisions if d.status == COI.LinkRejected}
    with progress.bar("reconciling", len(targets)) as advance:
        proposals = []
        for start in range(0, len(targets), 10):
            batch = targets[start : start + 10]
            proposals += reconcile.propose(client, endpoint or RECONCILIATION_ENDPOINT, batch, limit=limit,
                                           rejected=rejected, api=api)  # fmt: skip
            advance(len(batch))
    made = reconcile.decisions(proposals, day=today, accept_above=accept_above)
    path = model.write(data_dir, model.merge(decisions, made))
    confirmed = sum(1 for d in made if d.status == COI.LinkConfirmed)
    click.echo(f"{path}: {len(made)} candidate(s) for {len(targets)} entities"
               f"{f', {confirmed} confirmed automatically' if confirmed else ''}; "
               f"{client.requests_made} request(s) to the network", err=True)  # fmt: skip
    for p in proposals:
        click.echo(f"{short(p.subject.iri)}\t{p.qid}\t{p.score:.3f}\t{p.label}")


def _review(data_dir: Path, decisions: list[Decision], reviewer: str, today: date) -> None:
    from coi_graph.duplicates import read_registry, registry_duplicates, section
    from coi_graph.resources import ontology_path

    registry, sources = read_registry(data_dir)
    ontology = Graph().parse(ontology_path(), format="turtle")
    click.echo(section(registry_duplicates(registry, ontology, sources)), nl=False, err=True)
    pending = [d for d in decisions if d.status == COI.LinkCandidate]
    click.echo(f"{len(pending)} candidate link(s) to review", err=True)
    made: list[Decision] = []
    done: set[URIRef] = set()
    for position, d in enumerate(pending, start=1):
        if d.entity in done:
            continue
        click.echo(f"\n[{position}/{len(pending)}] {short(d.entity)} → {d.qid} (https://www.wikidata.org/wiki/{d.qid})"
                   f" · score {d.score:.3f}", err=True)  # fmt: skip
        for line in d.evidence:
            click.echo(f"  {line}", err=True)
        try:
            action = click.prompt("[c]onfirm [r]eject [s]kip [q]uit", type=click.Choice(list("crsq")),
                                  show_choices=False, err=True)  # fmt: skip
        except click.exceptions.Abort:
            break
        if action == "q":
            break
        if action == "s":
            continue
        if action == "r":
            made.append(d.with_status(COI.LinkRejected, by=reviewer, day=today))
            continue
        made.append(d.with_status(COI.LinkConfirmed, by=reviewer, day=today,
                                  evidence=[f"confirmed in review by {reviewer} on {today.isoformat()}"]))  # fmt: skip
        done.add(d.entity)
        for other in pending:  # an entity is one item: its other candidates are rejected
            if other.entity == d.entity and other.qid != d.qid:
                made.append(other.with_status(COI.LinkRejected, by=reviewer, day=today,
                                              evidence=[f"{d.qid} confirmed instead"]))  # fmt: skip
    if made:
        click.echo(f"{link_decisions.save(data_dir, decisions, made)}: {len(made)} decision(s) recorded", err=True)


@click.command()
@DATA
@click.option("--language", "languages", multiple=True, help="Label languages (default: en ar ku ckb kmr).")
@click.option("--timeout", default=20.0, show_default=True, help="Seconds to wait for an answer.")
@NETWORK
@CACHE
@API
@RATE
@DAY
def enrich(data_dir: Path, languages: tuple[str, ...], timeout: float, allow_network: bool, cache_dir: Path,
           api: str, min_interval: float, day: object) -> None:  # fmt: skip
    """Fetch labels, aliases, coordinates, P31, P17 and P131 of the linked entities into the cache.

    \b
    Writes data/enrichment/wikidata.json (versioned, every value with its retrieval day), which the
    build and the gazetteer read offline. Redirected and deleted QIDs are reported (exit 1) and
    their entries kept. Offline by default: answers come from the HTTP cache.

    \b
    Examples:
      coi-graph enrich --allow-network
      coi-graph enrich --allow-network --language en --language ar --language fa
    """
    from coi_graph.link import enrich as enrichment

    links = model.confirmed(model.load(data_dir))
    if not links:
        raise CoiGraphError("no confirmed Wikidata links to enrich", hint="coi-graph link --status shows them")
    data = enrichment.read(data_dir)
    client = Client(cache_dir=cache_dir, allow_network=allow_network, timeout=timeout, min_interval=min_interval)
    with progress.bar("fetching Wikidata items", len(set(links.values()))) as advance:
        report = enrichment.enrich(client, links, data, languages=list(languages or enrichment.DEFAULT_LANGUAGES),
                                   day=day_or_today(day), api=api, progress=advance)  # fmt: skip
    path = enrichment.write(data_dir, data)
    click.echo(f"{path}: {len(report.updated)} of {len(links)} linked entities enriched; "
               f"{client.requests_made} request(s) to the network", err=True)  # fmt: skip
    for entity, old, new in report.redirected:
        click.echo(f"warning: {entity}: {old} now redirects to {new}; confirm {new} with coi-graph link --confirm",
                   err=True)  # fmt: skip
    for entity, qid in report.missing:
        click.echo(f"warning: {entity}: {qid} does not exist on Wikidata (deleted?); review the link", err=True)
    if report.redirected or report.missing:
        raise SystemExit(1)


def register(group: click.Group) -> None:
    group.add_command(link)
    group.add_command(enrich)
