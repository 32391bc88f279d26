"""Commands from text to reviewed claims: ``mentions``, ``extract``, ``review`` and ``evaluate``."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from coi_graph import progress
from coi_graph.cli.options import DATA_OPTION as DATA
from coi_graph.cli.options import OUTPUT_OPTION as OUTPUT
from coi_graph.errors import CoiGraphError, ValidationFailed

if TYPE_CHECKING:
    from rdflib import Graph, URIRef

    from coi_graph.duplicates import Duplicate

log = logging.getLogger("coi_graph")

FILES = click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
MENTION_COLUMNS = ["file", "start", "end", "text", "entity", "label", "type", "wikidata", "score", "ambiguous", "flag"]


@click.command()
@FILES
@DATA
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True)
@click.option("--no-candidates", is_flag=True, help="Leave out capitalised names that match no entity.")
@OUTPUT
def mentions(files: tuple[Path, ...], data_dir: Path, fmt: str, no_candidates: bool, output: Path | None) -> None:
    """Find the entities a document mentions, with character offsets into the file.

    \b
    One record per mention: file, start, end, text (== the file's text[start:end]), entity IRI,
    label, type, Wikidata QID, score; "ambiguous" lists the entities a name could be, and "flag" is
    "metonym" where a seat stands for its government ("Washington") and the context does not settle
    it. Names that match no entity come with entity null: new actors and places to add.

    \b
    Examples:
      coi-graph mentions data/documents/newsaz-2025-10-20-iraq-us-advisers.txt
      coi-graph mentions report.txt --format csv -o mentions.csv
      coi-graph mentions a.txt b.txt --no-candidates | jq 'select(.score < 1)'
    """
    from coi_graph.documents.text import read_text
    from coi_graph.export.tabular import render, write
    from coi_graph.extract import gazetteer
    from coi_graph.extract.mentions import find

    names = gazetteer.load(data_dir)
    rows: list[dict[str, object]] = []
    failures = 0
    with progress.bar("finding mentions", len(files), show=len(files) > 1) as advance:
        for path in files:
            advance(1)
            try:
                content = read_text(path)
            except CoiGraphError as exc:
                failures += 1
                click.echo(progress.styled(exc.render()), err=True)
                continue
            found = find(content, names, candidates=not no_candidates, file=str(path))
            rows.extend(m.record() for m in found)
            log.info("%s: %d mentions, %d without entity", path, len(found),
                     sum(1 for m in found if m.entity is None))  # fmt: skip
    if fmt == "csv":
        for row in rows:
            row["ambiguous"] = " ".join(row.get("ambiguous") or [])  # type: ignore[arg-type]
        write(render(rows, MENTION_COLUMNS, "csv"), output)  # type: ignore[arg-type]
    else:
        import json

        write("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), output)
    _finish(failures, len(files))


@click.command()
@FILES
@DATA
@click.option("--format", "fmt", type=click.Choice(["auto", "euaa-report", "news", "report"]), default="auto",
              show_default=True, help="The layout; auto detects it; report: a generic report.")  # fmt: skip
@click.option("--min-score", type=click.FloatRange(0, 1), default=0.0, show_default=True,
              help="Leave out candidates scored below this.")  # fmt: skip
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write the draft (TriG) to FILE, atomically; default: stdout.")  # fmt: skip
def extract(files: tuple[Path, ...], data_dir: Path, fmt: str, min_score: float, output: Path | None) -> None:
    """Propose candidate claims for review, into a draft file that the build never reads.

    \b
    For each sentence: stationed or present at, supports, fights, opposes, strikes, meetings,
    statements (speaker, words, date), withdrawals and plans for them, reinforcements, patrols,
    control, designations; each with its sentence, offsets, footnotes, resolved date, modality
    and score. Extract a document after 'coi-graph ingest' so that the candidates name the
    passages and footnotes the build gives it. One document per draft.

    \b
    Examples:
      coi-graph ingest new-section.md
      coi-graph extract data/documents/new-section.txt -o new-section.draft.trig
      coi-graph review new-section.draft.trig --reviewer "A. Analyst"
    """
    from coi_graph.export.tabular import write
    from coi_graph.extract import draft, gazetteer
    from coi_graph.extract.candidates import Extractor
    from coi_graph.extract.source import open_source

    if len(files) > 1 and output is not None:
        raise click.UsageError("one draft holds one document: give one FILE with -o, or none to print")
    names = gazetteer.load(data_dir)
    failures = 0
    with progress.bar("extracting", len(files), show=len(files) > 1) as advance:
        for path in files:
            advance(1)
            try:
                source = open_source(path, data_dir, None if fmt == "auto" else fmt)
            except CoiGraphError as exc:
                failures += 1
                click.echo(progress.styled(exc.render()), err=True)
                continue
            for warning in source.warnings:
                log.warning("%s: warning: %s", path, warning)
            if source.filed is None:
                log.warning("%s: not filed in %s/documents: run 'coi-graph ingest' before reviewing", path, data_dir)
            extractor = Extractor(source.doc, source.parsed, names)
            candidates = [c for c in extractor.run() if c.score >= min_score]
            for index, candidate in enumerate(candidates, start=1):
                candidate.number = index
            text = draft.render(source.doc, candidates, source=str(path), draft=str(output or "DRAFT"),
                                proposed=extractor.proposed_graph(candidates))  # fmt: skip
            write(text, output)
            sentences = sum(len(p.sentences) for p in source.parsed.passages)
            log.info("%s: %d candidates from %d sentences%s", path, len(candidates), sentences,
                     f" -> {output}" if output else "")  # fmt: skip
    _finish(failures, len(files))


@click.command()
@click.argument("draft_file", type=click.Path(path_type=Path, dir_okay=False), required=False)
@DATA
@click.option("--reviewer", envvar="COI_GRAPH_REVIEWER", default=None,
              help="Your name, recorded on every accepted or rejected claim (or set COI_GRAPH_REVIEWER).")  # fmt: skip
@click.option("--date", "day", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="The day of review recorded (default: today).")  # fmt: skip
@click.option(
    "--min-score", type=click.FloatRange(0, 1), default=0.0, help="Only show candidates scored at least this."
)
@click.option("--web", is_flag=True, help="Open the curation workbench in the browser instead (no DRAFT_FILE: the "
                                          "drafts of DIR/drafts/ for every document of DIR).")  # fmt: skip
@click.option("--bind", default="127.0.0.1:7879", show_default=True,
              help="With --web: host and port; 127.0.0.1 keeps it on this machine.")  # fmt: skip
@click.option("--allowed-host", "allowed_hosts", multiple=True, metavar="NAME[:PORT]",
              help="With --web: also answer requests for this host name; repeatable.")  # fmt: skip
@click.option("--open", "open_browser", is_flag=True, help="With --web: open the page in the browser.")
@click.option("--allow-network", is_flag=True,
              help="With --web: propose Wikidata matches for a new entity from the reconciliation service too "
                   "(by default only from the cache).")  # fmt: skip
@click.option("--cache", "cache_dir", type=click.Path(path_type=Path, file_okay=False),
              default=Path(".cache/coi-graph/http"), show_default=True,
              help="With --web: the cache of HTTP answers the Wikidata proposals are read from.")  # fmt: skip
def review(draft_file: Path | None, data_dir: Path, reviewer: str | None, day: object, min_score: float, web: bool,
           bind: str, allowed_hosts: tuple[str, ...], open_browser: bool, allow_network: bool,
           cache_dir: Path) -> None:  # fmt: skip
    """Accept, reject or edit candidate claims one by one; file the accepted ones as claims.

    \b
    For each pending candidate: a accept, r reject, e edit (triples, quote, modality) then
    accept, s skip (stays pending), q quit. Accepted candidates are validated with the rest of
    the data and appended to data/claims/<document>.trig with coi:reviewedBy and coi:reviewedOn;
    if they do not validate, nothing is filed and they stay pending (exit 1). Rejected ones are
    marked rejected in the draft and not shown again.

    \b
    With --web, a local page instead (the workbench, docs/review.md): the documents of DIR, each
    with its text, mentions, footnotes, the candidates of DIR/drafts/<document id>.trig and the
    sentences still without a claim. It prints its URL with a token; only that URL opens it.

    \b
    Examples:
      coi-graph review new-section.draft.trig --reviewer "A. Analyst"
      COI_GRAPH_REVIEWER="A. Analyst" coi-graph review draft.trig --min-score 0.6
      coi-graph review --web --reviewer "A. Analyst"            # http://127.0.0.1:7879/?token=…
      coi-graph review --web --reviewer "A. Analyst" --allow-network   # Wikidata proposals from the service
    """
    if web:
        from coi_graph.workbench.server import Config, run

        if draft_file is not None:
            raise click.UsageError("--web shows every document's draft in DIR/drafts/: give no DRAFT_FILE")
        from datetime import datetime

        run(Config(data_dir, reviewer=(reviewer or "").strip() or None, allowed_hosts=allowed_hosts,
                   day=day.date() if isinstance(day, datetime) else None, cache_dir=cache_dir,
                   allow_network=allow_network), bind, open_browser=open_browser)  # fmt: skip
        return
    if draft_file is None:
        raise click.UsageError("give the DRAFT_FILE to review (or --web for the workbench)")
    if reviewer is None:
        raise click.UsageError("Missing option '--reviewer' (or set COI_GRAPH_REVIEWER)")
    from datetime import datetime

    from coi_graph.duplicates import read_registry, section
    from coi_graph.extract import draft
    from coi_graph.extract.review import duplicates_used, file_accepted, registry_iris
    from coi_graph.fsutil import atomic_write
    from coi_graph.vocab import COI

    today = day.date() if isinstance(day, datetime) else date.today()
    reviewer = reviewer.strip()
    if not reviewer:
        raise click.UsageError("--reviewer must name you")
    doc, candidates = draft.read(draft_file)
    proposed = draft.proposed_entities(draft_file)
    registry, sources = read_registry(data_dir)
    known = registry_iris(registry)
    entities: set[URIRef] = set()  # proposed entities confirmed in this review
    pending = [c for c in candidates if c.status == COI.Pending and c.score >= min_score]
    click.echo(f"{draft_file}: {len(pending)} pending of {len(candidates)} candidates of <{doc}>", err=True)
    duplicates, others = duplicates_used(registry, sources, proposed, draft_file, pending)
    click.echo(section(duplicates, "Possible duplicates among the entities of these candidates", more=others),
               nl=False, err=True)  # fmt: skip
    accepted: list[draft.DraftCandidate] = []
    for position, candidate in enumerate(pending, start=1):
        _show(candidate, position, len(pending), duplicates)
        try:
            action = click.prompt("[a]ccept [r]eject [e]dit [s]kip [q]uit", type=click.Choice(list("aresq")),
                                  show_choices=False, err=True)  # fmt: skip
            if action == "e":
                _edit(candidate)
        except click.exceptions.Abort:  # Ctrl-C or end of input: keep what was decided
            click.echo("\nstopped; the decisions made so far are kept", err=True)
            break
        if action == "q":
            break
        if action == "s":
            continue
        if action == "r":
            candidate.status, candidate.reviewed_by, candidate.reviewed_on = COI.Rejected, reviewer, today
            continue
        try:
            confirmed = _confirm_entities(candidate, proposed, known | entities)
        except click.exceptions.Abort:
            click.echo("\nstopped; the decisions made so far are kept", err=True)
            break
        if confirmed is None:
            click.echo("  not accepted: it uses an entity you did not confirm; it stays pending", err=True)
            continue
        entities |= confirmed
        accepted.append(candidate)
    filed_note = ""
    failure: ValidationFailed | None = None
    if accepted:
        try:
            with progress.steps("validating the accepted claims"):
                target, iris = file_accepted(data_dir, doc, accepted, reviewer=reviewer, day=today,
                                             draft=draft_file.name, entities=_subgraph(proposed, entities))  # fmt: skip
        except ValidationFailed as exc:
            failure = exc
        else:
            for candidate in accepted:
                candidate.status, candidate.reviewed_by, candidate.reviewed_on = COI.Accepted, reviewer, today
                candidate.accepted_as = iris[candidate.number]
            filed_note = f"; {len(accepted)} filed in {target}"
    with atomic_write(draft_file) as handle:
        handle.write(draft.render(doc, candidates, source=_source_of(draft_file), draft=str(draft_file),
                                  proposed=proposed))  # fmt: skip
    rejected = sum(1 for c in candidates if c.status == COI.Rejected)
    click.echo(f"{draft_file}: {rejected} rejected{filed_note}", err=True)
    if failure is not None:
        raise failure


def _confirm_entities(candidate: object, proposed: Graph, known: set[URIRef]) -> set[URIRef] | None:
    """Ask to confirm each proposed entity an accepted candidate uses; None if one is declined."""
    from rdflib import URIRef
    from rdflib.namespace import RDF, SKOS

    from coi_graph.extract.candidates import Candidate
    from coi_graph.namespaces import short

    assert isinstance(candidate, Candidate)
    used = {t for s, _, o in candidate.triples for t in (s, o) if isinstance(t, URIRef)}
    needed = sorted((t for t in used if (t, RDF.type, None) in proposed and t not in known), key=str)
    for entity in needed:
        types = " ".join(short(str(t)) for t in sorted(proposed.objects(entity, RDF.type), key=str))
        click.echo(f"  new entity {short(entity)} ({types}) \"{proposed.value(entity, SKOS.prefLabel)}\": the "
                   "registry lacks it", err=True)  # fmt: skip
        if not click.confirm("  add it to data/entities/reviewed.ttl?", default=True, err=True):
            return None
    return set(needed)


def _subgraph(graph: Graph, subjects: set[URIRef]) -> Graph:
    from rdflib import Graph

    found = Graph()
    for subject in subjects:
        for p, o in graph.predicate_objects(subject):
            found.add((subject, p, o))
    return found


def _source_of(draft_file: Path) -> str:
    for line in draft_file.read_text(encoding="utf-8").splitlines()[:2]:
        if line.startswith("# Candidate claims proposed by coi-graph extract from "):
            return line.rsplit(" from ", 1)[-1]
    return "?"


def _show(candidate: object, position: int, total: int, duplicates: list[Duplicate]) -> None:
    from rdflib import URIRef

    from coi_graph.extract.candidates import Candidate
    from coi_graph.extract.review import show_triples
    from coi_graph.namespaces import short

    assert isinstance(candidate, Candidate)
    notes = ", ".join(f"fn{str(f).rsplit('fn', 1)[-1]}" for f in candidate.footnotes) or "no footnote"
    when = f"{candidate.time_expression} = {candidate.time_value}" if candidate.time_value else (
        candidate.time_expression or "no date")  # fmt: skip
    click.echo("", err=True)
    click.echo(f"[{position}/{total}] candidate {candidate.number} · {candidate.rule} · score {candidate.score:.2f}"
               f" · {short(candidate.modality)} · {when} · {notes}", err=True)  # fmt: skip
    click.echo(f"  sentence: {candidate.quote}", err=True)
    click.echo(f"  claims:   {show_triples(candidate.triples)}", err=True)
    used = {str(t) for s, _, o in candidate.triples for t in (s, o) if isinstance(t, URIRef)}
    for duplicate in (d for d in duplicates if used.intersection(d.entities)):
        named = " and ".join(short(e) for e in duplicate.entities)
        click.echo(f"  check:    {named} may be one entity (possible duplicates, above)", err=True)


def _edit(candidate: object) -> None:
    from coi_graph.extract.candidates import Candidate
    from coi_graph.extract.review import parse_triples, show_triples
    from coi_graph.namespaces import short
    from coi_graph.vocab import COI

    assert isinstance(candidate, Candidate)
    while True:
        text = click.prompt("  triples (Turtle; coi: ent: ev: rdfs: xsd:)", default=show_triples(candidate.triples),
                            err=True)  # fmt: skip
        try:
            candidate.triples = parse_triples(text)
            break
        except CoiGraphError as exc:
            click.echo(exc.render(), err=True)
    while True:
        quote = click.prompt("  quote (words of the sentence)", default=candidate.quote, err=True)
        if quote in candidate.quote:
            candidate.quote = quote
            break
        click.echo("error: the quote must be copied from the sentence, verbatim", err=True)
    modalities = ["stated", "reported", "claimed", "planned", "intended", "possible", "presupposed", "negated"]
    current = short(candidate.modality).split(":", 1)[-1].lower()
    chosen = click.prompt("  modality", type=click.Choice(modalities), default=current, err=True)
    candidate.modality = COI[chosen.capitalize()]
    if candidate.time_expression and candidate.time_expression not in candidate.quote:
        candidate.time_expression, candidate.time_property, candidate.time_value = None, None, None


def _finish(failures: int, total: int) -> None:
    if failures:
        rest = "; the others were done" if failures < total else ""
        raise CoiGraphError(f"{failures} of {total} file(s) could not be read{rest}")


def register(group: click.Group) -> None:
    for command in (mentions, extract, review):
        group.add_command(command)
