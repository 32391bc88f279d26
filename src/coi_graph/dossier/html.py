"""A dossier as one self-contained HTML page: the style inline, the pictures inline SVG, no script, no
font, no image and no stylesheet from anywhere else, so that it opens offline and prints as it shows.

Every text from the graph is escaped; the only addresses that become links are Wikidata's page of the
entity, the http(s) addresses of cited works, and the other dossiers (relative links).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from html import escape

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

_LANGUAGE = re.compile(r"^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$")

STYLE = """
:root { --ink: #1d1d1f; --muted: #5f6368; --line: #dadce0; --accent: #0b5cad; --soft: #f5f7fa; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 62rem; padding: 1.5rem 1.25rem 3rem; color: var(--ink);
  font: 15px/1.5 "Segoe UI", "DejaVu Sans", "Liberation Sans", Arial, sans-serif; }
h1 { font-size: 1.8rem; margin: 0.2rem 0; }
h2 { font-size: 1.25rem; margin: 2rem 0 0.6rem; padding-bottom: 0.2rem; border-bottom: 2px solid var(--line); }
h3 { font-size: 1.02rem; margin: 1.2rem 0 0.4rem; }
a { color: var(--accent); }
nav { font-size: 0.9rem; margin-bottom: 0.6rem; }
code, .iri { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 0.82rem; color: var(--muted);
  overflow-wrap: anywhere; }
.sub { color: var(--muted); margin: 0; }
table { border-collapse: collapse; width: 100%; margin: 0.4rem 0; font-size: 0.92rem; }
th, td { text-align: left; vertical-align: top; padding: 0.3rem 0.5rem; border-bottom: 1px solid var(--line); }
th { background: var(--soft); font-weight: 600; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.35rem 1rem; margin: 0.4rem 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
ul.chain { margin: 0; padding-left: 1.1rem; }
ol.claims, ol.statements { padding-left: 1.4rem; }
ol.claims > li, ol.statements > li { margin: 0 0 0.9rem; }
.triple { font-weight: 600; }
.relation { font-weight: 400; font-style: italic; color: var(--muted); }
blockquote { margin: 0.25rem 0; padding: 0.25rem 0.75rem; border-left: 3px solid var(--accent);
  background: var(--soft); }
.meta { font-size: 0.86rem; color: var(--muted); margin: 0.15rem 0; }
.modality { display: inline-block; padding: 0 0.4rem; border-radius: 0.6rem; font-size: 0.78rem;
  background: #e8f0fe; color: #174ea6; }
.m-negated { background: #fce8e6; color: #a50e0e; }
.m-planned, .m-intended, .m-possible { background: #fef7e0; color: #8a5a00; }
.support-1 { color: #8a5a00; }
sup a { text-decoration: none; }
figure { margin: 0.6rem 0; }
svg.chart { max-width: 100%; height: auto; display: block; }
figcaption { font-size: 0.86rem; color: var(--muted); }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 0.8rem; }
.pair > div { border: 1px solid var(--line); border-radius: 0.3rem; padding: 0.5rem 0.7rem; }
ol.notes { font-size: 0.9rem; padding-left: 2.2rem; }
ol.notes li { margin-bottom: 0.35rem; }
.origin { color: var(--muted); font-size: 0.84rem; }
.none { color: var(--muted); font-style: italic; }
footer { margin-top: 2.5rem; font-size: 0.8rem; color: var(--muted); border-top: 1px solid var(--line);
  padding-top: 0.6rem; }
@media print { nav { display: none; } a { color: inherit; } }
""".strip()


TIMELINE_CAPTION = (
    "One row per relation, one mark per claim over the days it covers; the shape is the modality, grey where only "
    "the document dates the claim."
)


def e(text: str) -> str:
    return escape(text, quote=True)


def _page(title: str, body: str) -> str:
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="coi-graph {e(__version__)}">\n'
        f"<title>{e(title)}</title>\n<style>\n{STYLE}\n</style>\n</head>\n<body>\n{body}</body>\n</html>\n"
    )


def _ref(ref: Ref, linked: Mapping[str, str]) -> str:
    if ref.iri in linked:
        return f'<a href="{e(linked[ref.iri])}.html">{e(ref.label)}</a>'
    return e(ref.label)


def _notes(numbers: Sequence[int]) -> str:
    if not numbers:
        return ""
    return "<sup>" + ",".join(f'<a href="#fn-{n}">{n}</a>' for n in numbers) + "</sup>"


def _modality(modality: str) -> str:
    return f'<span class="modality m-{e(modality)}">{e(modality)}</span>'


def _support(support: Support | None) -> str:
    if support is None:
        return ""
    many = "independent publishers" if support.publishers != 1 else "publisher"
    return (f'<span class="support-{min(support.publishers, 2)}">{support.publishers} {many}: '
            f"{e('; '.join(support.names))}</span>")  # fmt: skip


def citation_html(citation: Citation) -> str:
    """``Publisher, Title, 19 December 2024, https://…`` with the address as a link."""
    address = f'<a href="{e(citation.url)}">{e(citation.url)}</a>' if citation.url else "no URL given"
    pages = f", {e(citation.pages)}" if citation.pages else ""
    return f"{e(citation.publisher)}, {e(citation.title)}, {e(citation.when)}, {address}{pages}"


def _claim(item: ClaimItem, direction: str, linked: Mapping[str, str]) -> str:
    other = _ref(item.other, linked) if item.other else None
    if direction == "out":
        subject, obj = e(item.subject), other or e(item.object)
    else:
        subject, obj = other or e(item.subject), e(item.object)
    meta = [_modality(item.modality), e(when(item.date_from, item.date_to, item.dated_by))]
    if item.support:
        meta.append(_support(item.support))
    meta.append(e(item.document) + _notes(item.notes))
    return (
        f'<li><p class="triple">{subject} <span class="relation">{e(item.relation)}</span> {obj}</p>\n'
        f"<blockquote>{e(item.quote)}</blockquote>\n"
        f'<p class="meta">{" · ".join(meta)}</p>\n'
        f'<p class="meta"><code>{e(short(item.claim))}</code></p></li>\n'
    )


def _identity(dossier: Dossier, linked: Mapping[str, str]) -> str:
    rows = []
    for label in dossier.labels:
        lang = f' lang="{e(label.language)}"' if _LANGUAGE.match(label.language) else ""
        rows.append(f'<tr><td{lang} dir="auto">{e(label.text)}</td><td>{e(label.language or "—")}</td>'
                    f"<td>{e(label.source)}</td></tr>")  # fmt: skip
    table = "<table><thead><tr><th>label</th><th>language</th><th>source</th></tr></thead><tbody>\n"
    table += "\n".join(rows) + "\n</tbody></table>\n"
    if dossier.wikidata_url:
        wikidata = f'<a href="{e(dossier.wikidata_url)}">{e(dossier.qid or "")}</a>'
    else:
        wikidata = '<span class="none">not linked</span>'
    facts = [
        ("IRI", f"<code>{e(dossier.iri)}</code>"),
        ("Wikidata", wikidata),
        ("Type", e(dossier.type_line)),
    ]
    if dossier.chains:
        chains = []
        for chain in dossier.chains:
            steps = "".join(f' → <span class="relation">{e(s.relation)}</span> {_ref(s.target, linked)}'
                            + (_CLAIMED_MARK if s.claimed else "") for s in chain)  # fmt: skip
            chains.append(f"<li>{e(dossier.label)}{steps}</li>")
        facts.append(("Within", '<ul class="chain">' + "".join(chains) + "</ul>"))
    else:
        facts.append(("Within", '<span class="none">nothing above it in the registry or the claims</span>'))
    by_relation: dict[str, list[str]] = {}
    for member in dossier.members:
        marked = _ref(member.ref, linked) + (_CLAIMED_MARK if member.claimed else "")
        by_relation.setdefault(member.relation, []).append(marked)
    for relation, refs in by_relation.items():
        facts.append((relation.capitalize(), ", ".join(refs)))
    if any(s.claimed for chain in dossier.chains for s in chain) or any(m.claimed for m in dossier.members):
        facts.append(("", f'<span class="none">{e(CLAIMED_NOTE)}</span>'))
    listing = "".join(f"<dt>{e(k)}</dt><dd>{v}</dd>" for k, v in facts)
    return f'<section id="identity">\n<h2>Identity</h2>\n{table}<dl class="facts">{listing}</dl>\n</section>\n'


_CLAIMED_MARK = f' <span class="none">({CLAIMED})</span>'


def _glance(dossier: Dossier) -> str:
    return f'<p class="sub">{e(dossier.glance)}</p>\n'


def _claims(dossier: Dossier, linked: Mapping[str, str]) -> str:
    out = ['<section id="claims">\n<h2>Claims by relation</h2>\n']
    if not dossier.groups:
        out.append('<p class="none">No claim names this entity.</p>\n')
    for group in dossier.groups:
        out.append(f'<h3>{e(group.heading)} <small>({len(group.items)})</small></h3>\n<ol class="claims">\n')
        out.extend(_claim(item, group.direction, linked) for item in group.items)
        out.append("</ol>\n")
    out.append("</section>\n")
    return "".join(out)


def _figure(section: str, heading: str, svg: str | None, caption: str, empty: str, extra: str = "") -> str:
    if svg is None:
        return f'<section id="{section}">\n<h2>{e(heading)}</h2>\n<p class="none">{e(empty)}</p>\n</section>\n'
    return (f'<section id="{section}">\n<h2>{e(heading)}</h2>\n<figure>\n{svg}<figcaption>{e(caption)}'
            f"</figcaption>\n</figure>\n{extra}</section>\n")  # fmt: skip


def _map(dossier: Dossier, svg: str | None, linked: Mapping[str, str]) -> str:
    empty = f"No place related to {dossier.label} has verified coordinates, so there is no map."
    caption = ("The entity's own place (star), the located places its claims name, and the places within it; "
               "rings show the precision of a country's representative point.")  # fmt: skip
    rows = "".join(
        f"<tr><td>{_ref(p.ref, linked)}</td><td>{e(p.type_label)}</td><td>{e(p.role)}</td>"
        f"<td>{p.latitude:g}, {p.longitude:g}</td></tr>"
        for p in dossier.places
    )
    table = ("<table><thead><tr><th>place</th><th>type</th><th>why it is here</th><th>latitude, longitude</th>"
             f"</tr></thead><tbody>{rows}</tbody></table>\n")  # fmt: skip
    return _figure("map", "Map", svg, caption, empty, table)


def _statement(item: StatementItem) -> str:
    meta = [e(when(item.date_from, item.date_to, item.dated_by))]
    if item.place:
        meta.append("at " + e(item.place))
    meta.append("through " + e(item.attribution))
    if item.content_claims:
        meta.append(e(item.rests_on))
    quoted = " · ".join(f"“{e(piece)}”" for piece in item.words)
    said = f'<p class="meta">In their words: {quoted}</p>\n' if quoted else ""
    return (
        f'<li><p class="triple">{e(item.label)}</p>\n<blockquote>{e(item.quote)}</blockquote>\n{said}'
        f'<p class="meta">{" · ".join(meta)} · {e(item.document)}{_notes(item.notes)}</p>\n'
        f'<p class="meta"><code>{e(short(item.claim))}</code></p></li>\n'
    )


def _statements(dossier: Dossier) -> str:
    if not dossier.statements:
        body = f'<p class="none">No statement by {e(dossier.label)} in the corpus.</p>\n'
    else:
        body = '<ol class="statements">\n' + "".join(_statement(s) for s in dossier.statements) + "</ol>\n"
    return f'<section id="statements">\n<h2>Statements</h2>\n{body}</section>\n'


def _contradiction(item: Contradiction) -> str:
    sides = []
    for name, side in (("A", item.a), ("B", item.b)):
        sides.append(
            f"<div><p><strong>{name}</strong> {_modality(side.modality)} {e(side.value)}</p>\n"
            f"<blockquote>{e(side.quote)}</blockquote>\n"
            f'<p class="meta"><code>{e(short(side.claim))}</code>{_notes(side.notes)}</p></div>\n'
        )
    head = f'<strong>{e(item.kind)}</strong>: {e(item.subject)} <span class="relation">{e(item.relation)}</span>'
    return f'<li><p>{head}</p>\n<div class="pair">\n{"".join(sides)}</div></li>\n'


def _contradictions(dossier: Dossier) -> str:
    if not dossier.contradictions:
        body = '<p class="none">No contradiction among the claims on this page (contradictions.rq).</p>\n'
    else:
        body = (
            '<p class="sub">Both claims keep their own evidence; nothing is resolved.</p>\n<ol class="statements">\n'
            + "".join(_contradiction(c) for c in dossier.contradictions)
            + "</ol>\n"
        )
    return f'<section id="contradictions">\n<h2>Contradictions</h2>\n{body}</section>\n'


def _note(note: Note) -> str:
    citations = "; ".join(citation_html(c) for c in note.citations)
    origin = f'<span class="origin">({e(note.origin)})</span>'
    return f'<li id="fn-{note.number}" value="{note.number}">{citations} {origin}</li>\n'


def _sources(dossier: Dossier) -> str:
    supports = dossier.supports
    counts: dict[int, int] = {}
    for support in supports.values():
        counts[support.publishers] = counts.get(support.publishers, 0) + 1
    summary = ", ".join(
        f"{n} claim{'s' if n != 1 else ''} on {k} independent publisher{'s' if k != 1 else ''}"
        for k, n in sorted(counts.items())
    )
    body = f'<p class="sub">Corroboration (corroboration.rq): {e(summary or "no claim")}.</p>\n'
    if dossier.notes:
        body += '<ol class="notes">\n' + "".join(_note(n) for n in dossier.notes) + "</ol>\n"
    else:
        body += '<p class="none">No source.</p>\n'
    return f'<section id="sources">\n<h2>Sources</h2>\n{body}</section>\n'


def render(dossier: Dossier, timeline: str | None, map_svg: str | None, linked: Mapping[str, str] | None = None,
           index: str | None = None) -> str:  # fmt: skip
    """The page; ``linked`` maps entity IRIs to the file names of their dossiers (relative links)."""
    links = linked or {}
    nav = f'<nav><a href="{e(index)}">All dossiers</a></nav>\n' if index else ""
    body = (
        f"{nav}<header>\n<h1>{e(dossier.label)}</h1>\n"
        f'<p class="sub">{e(dossier.type_line)} · dossier</p>\n{_glance(dossier)}</header>\n'
        + _identity(dossier, links)
        + _figure("timeline", "Timeline", timeline, TIMELINE_CAPTION, "No dated claim.")
        + _map(dossier, map_svg, links)
        + _claims(dossier, links)
        + _statements(dossier)
        + _contradictions(dossier)
        + _sources(dossier)
        + f"<footer>Written by coi-graph {e(__version__)} from the built graph. Claim IRIs (<code>claim:…</code>) "
        "can be looked up with <code>coi-graph query</code>; sources are numbered in the order this page first "
        "cites them.</footer>\n"
    )
    return _page(f"{dossier.label} — dossier", body)


def render_index(entries: Iterable[tuple[Entity, str, int]]) -> str:
    """The index of the dossiers, grouped by type: (entity, file name, number of claims)."""
    groups: dict[str, list[tuple[Entity, str, int]]] = {}
    for entry in entries:
        groups.setdefault(entry[0].group, []).append(entry)
    total = sum(len(v) for v in groups.values())
    out = [f"<header>\n<h1>Entity dossiers</h1>\n<p class=\"sub\">{total} entities named in at least one claim, "
           "grouped by type.</p>\n</header>\n"]  # fmt: skip
    for group in sorted(groups, key=str.casefold):
        items = sorted(groups[group], key=lambda x: (x[0].label.casefold(), x[0].iri))
        out.append(f"<section>\n<h2>{e(group)} <small>({len(items)})</small></h2>\n<ul>\n")
        for entity, slug, claims in items:
            out.append(f'<li><a href="{e(slug)}.html">{e(entity.label)}</a> '
                       f'<span class="sub">— {claims} claim{"s" if claims != 1 else ""}</span></li>\n')  # fmt: skip
        out.append("</ul>\n</section>\n")
    out.append(f"<footer>Written by coi-graph {e(__version__)} from the built graph.</footer>\n")
    return _page("Entity dossiers", "".join(out))
