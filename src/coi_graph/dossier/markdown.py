"""A dossier as Markdown (GitHub-flavoured: tables and footnotes), the same content as the HTML page.

The pictures are the same SVG files, next to the page in ``charts/``; the sources are footnotes in the
form of the report's citation list (``citation-list.rq``): "Publisher, Title, 19 December 2024, [url](…)".
Text from the graph is escaped so that it cannot become markup.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from coi_graph import __version__
from coi_graph.dossier.gather import Entity
from coi_graph.dossier.model import (
    CLAIMED,
    CLAIMED_NOTE,
    Citation,
    ClaimItem,
    Contradiction,
    Dossier,
    Note,
    Ref,
    StatementItem,
    Support,
    when,
)
from coi_graph.dossier.resolve import short

_SPECIAL = re.compile(r"([\\`*_\[\]<>])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_LINE_START = re.compile(r"^([#+=-]|\d+[.)])")


def md(text: str) -> str:
    """Inline text, escaped: no emphasis, link, code, HTML or entity can come out of it."""
    return _ENTITY.sub("&amp;", _SPECIAL.sub(r"\\\1", " ".join(text.split())))


def _cell(text: str) -> str:
    return md(text).replace("|", "\\|")


def _block(text: str) -> str:
    """Text that starts a line (a quote): also no heading, list or rule."""
    return _LINE_START.sub(r"\\\1", md(text))


def _link(ref: Ref, linked: Mapping[str, str]) -> str:
    return f"[{md(ref.label)}]({linked[ref.iri]}.md)" if ref.iri in linked else md(ref.label)


def _notes(numbers: Sequence[int]) -> str:
    return "".join(f"[^{n}]" for n in numbers)


def _support(support: Support) -> str:
    many = "independent publishers" if support.publishers != 1 else "publisher"
    return f"{support.publishers} {many}: {md('; '.join(support.names))}"


def _address(url: str | None) -> str:
    if url is None:
        return "#"
    return f"<{url}>" if re.search(r"[()\s]", url) else url


def citation_markdown(citation: Citation) -> str:
    """``Publisher, Title, 19 December 2024, [url](…)``, as citation-list.rq writes it."""
    pages = f", {md(citation.pages)}" if citation.pages else ""
    return f"{md(citation.publisher)}, {md(citation.title)}, {citation.when}, [url]({_address(citation.url)}){pages}"


def _claim(number: int, item: ClaimItem, direction: str, linked: Mapping[str, str]) -> str:
    other = _link(item.other, linked) if item.other else None
    if direction == "out":
        subject, obj = md(item.subject), other or md(item.object)
    else:
        subject, obj = other or md(item.subject), md(item.object)
    meta = [item.modality, when(item.date_from, item.date_to, item.dated_by)]
    if item.support:
        meta.append(_support(item.support))
    meta.append(md(item.document) + _notes(item.notes))
    return (
        f"{number}. **{subject}** *{md(item.relation)}* **{obj}**\n\n"
        f"   > {_block(item.quote)}\n\n"
        f"   {' · '.join(meta)}  \n"
        f"   `{short(item.claim)}`\n\n"
    )


def _identity(dossier: Dossier, linked: Mapping[str, str]) -> str:
    out = ["## Identity\n\n| label | language | source |\n|---|---|---|\n"]
    out.extend(f"| {_cell(x.text)} | {_cell(x.language or '—')} | {_cell(x.source)} |\n" for x in dossier.labels)
    wikidata = f"[{dossier.qid}]({dossier.wikidata_url})" if dossier.wikidata_url and dossier.qid else "not linked"
    out.append(f"\n- **IRI:** `{dossier.iri}`\n- **Wikidata:** {wikidata}\n- **Type:** {md(dossier.type_line)}\n")
    if dossier.chains:
        out.append("- **Within:**\n")
        for chain in dossier.chains:
            steps = "".join(f" → *{md(s.relation)}* {_link(s.target, linked)}" + (f" ({CLAIMED})" if s.claimed else "")
                            for s in chain)  # fmt: skip
            out.append(f"  - {md(dossier.label)}{steps}\n")
    else:
        out.append("- **Within:** nothing above it in the registry or the claims\n")
    by_relation: dict[str, list[str]] = {}
    for member in dossier.members:
        marked = _link(member.ref, linked) + (f" ({CLAIMED})" if member.claimed else "")
        by_relation.setdefault(member.relation, []).append(marked)
    for relation, refs in by_relation.items():
        out.append(f"- **{md(relation.capitalize())}:** {', '.join(refs)}\n")
    if any(s.claimed for chain in dossier.chains for s in chain) or any(m.claimed for m in dossier.members):
        out.append(f"\n{CLAIMED_NOTE}\n")
    return "".join(out) + "\n"


def _glance(dossier: Dossier) -> str:
    return dossier.glance + "\n\n"


def _claims(dossier: Dossier, linked: Mapping[str, str]) -> str:
    out = ["## Claims by relation\n\n"]
    if not dossier.groups:
        out.append("No claim names this entity.\n\n")
    for group in dossier.groups:
        out.append(f"### {md(group.heading)} ({len(group.items)})\n\n")
        out.extend(_claim(i, item, group.direction, linked) for i, item in enumerate(group.items, start=1))
    return "".join(out)


def _picture(heading: str, path: str | None, caption: str, empty: str) -> str:
    if path is None:
        return f"## {heading}\n\n{md(empty)}\n\n"
    return f"## {heading}\n\n![{md(caption)}]({path})\n\n"


def _map(dossier: Dossier, path: str | None, linked: Mapping[str, str]) -> str:
    empty = f"No place related to {dossier.label} has verified coordinates, so there is no map."
    text = _picture("Map", path, f"Map of the places related to {dossier.label}", empty)
    if path is None:
        return text
    rows = "".join(
        f"| {_link(p.ref, linked).replace('|', chr(92) + '|')} | {_cell(p.type_label)} | {_cell(p.role)} | "
        f"{p.latitude:g}, {p.longitude:g} |\n"
        for p in dossier.places
    )
    return text + "| place | type | why it is here | latitude, longitude |\n|---|---|---|---|\n" + rows + "\n"


def _statement(number: int, item: StatementItem) -> str:
    meta = [when(item.date_from, item.date_to, item.dated_by)]
    if item.place:
        meta.append("at " + md(item.place))
    meta.append("through " + md(item.attribution))
    if item.content_claims:
        meta.append(item.rests_on)
    quoted = " · ".join(f"“{md(piece)}”" for piece in item.words)
    said = f"   In their words: {quoted}\n\n" if quoted else ""
    return (
        f"{number}. **{md(item.label)}**\n\n   > {_block(item.quote)}\n\n{said}"
        f"   {' · '.join(meta)} · {md(item.document)}{_notes(item.notes)}  \n   `{short(item.claim)}`\n\n"
    )


def _statements(dossier: Dossier) -> str:
    if not dossier.statements:
        return f"## Statements\n\nNo statement by {md(dossier.label)} in the corpus.\n\n"
    return "## Statements\n\n" + "".join(_statement(i, s) for i, s in enumerate(dossier.statements, start=1))


def _contradiction(number: int, item: Contradiction) -> str:
    out = [f"{number}. **{md(item.kind)}**: {md(item.subject)} *{md(item.relation)}*\n\n"]
    for name, side in (("A", item.a), ("B", item.b)):
        out.append(f"   - **{name}** ({side.modality}) {md(side.value)} `{short(side.claim)}`{_notes(side.notes)}\n\n"
                   f"     > {_block(side.quote)}\n\n")  # fmt: skip
    return "".join(out)


def _contradictions(dossier: Dossier) -> str:
    if not dossier.contradictions:
        return "## Contradictions\n\nNo contradiction among the claims on this page (contradictions.rq).\n\n"
    return "## Contradictions\n\nBoth claims keep their own evidence; nothing is resolved.\n\n" + "".join(
        _contradiction(i, c) for i, c in enumerate(dossier.contradictions, start=1)
    )


def note_markdown(note: Note) -> str:
    return f"[^{note.number}]: " + "; ".join(citation_markdown(c) for c in note.citations) + f" ({md(note.origin)})"


def _sources(dossier: Dossier) -> str:
    counts: dict[int, int] = {}
    for support in dossier.supports.values():
        counts[support.publishers] = counts.get(support.publishers, 0) + 1
    summary = ", ".join(
        f"{n} claim{'s' if n != 1 else ''} on {k} independent publisher{'s' if k != 1 else ''}"
        for k, n in sorted(counts.items())
    )
    out = f"## Sources\n\nCorroboration (corroboration.rq): {summary or 'no claim'}.\n\n"
    if not dossier.notes:
        return out + "No source.\n\n"
    return out + "".join(note_markdown(n) + "\n" for n in dossier.notes) + "\n"


def render(dossier: Dossier, timeline: str | None, map_path: str | None, linked: Mapping[str, str] | None = None,
           index: str | None = None) -> str:  # fmt: skip
    """The page; ``timeline`` and ``map_path`` are relative paths of the pictures (None: no picture)."""
    links = linked or {}
    nav = f"[All dossiers]({index})\n\n" if index else ""
    return (
        f"{nav}# {md(dossier.label)}\n\n{md(dossier.type_line)} · dossier  \n"
        + _glance(dossier)
        + _identity(dossier, links)
        + _picture("Timeline", timeline, f"Claims about {dossier.label} over time", "No dated claim.")
        + _map(dossier, map_path, links)
        + _claims(dossier, links)
        + _statements(dossier)
        + _contradictions(dossier)
        + _sources(dossier)
        + f"---\n\nWritten by coi-graph {__version__} from the built graph.\n"
    )


def render_index(entries: Iterable[tuple[Entity, str, int]]) -> str:
    groups: dict[str, list[tuple[Entity, str, int]]] = {}
    for entry in entries:
        groups.setdefault(entry[0].group, []).append(entry)
    total = sum(len(v) for v in groups.values())
    out = [f"# Entity dossiers\n\n{total} entities named in at least one claim, grouped by type.\n\n"]
    for group in sorted(groups, key=str.casefold):
        items = sorted(groups[group], key=lambda x: (x[0].label.casefold(), x[0].iri))
        out.append(f"## {md(group)} ({len(items)})\n\n")
        out.extend(f"- [{md(entity.label)}]({slug}.md) — {claims} claim{'s' if claims != 1 else ''}\n"
                   for entity, slug, claims in items)  # fmt: skip
        out.append("\n")
    out.append(f"---\n\nWritten by coi-graph {__version__} from the built graph.\n")
    return "".join(out)
