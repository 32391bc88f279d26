"""The workbench's HTML pages: plain strings, every piece of text from the data through :func:`html.escape`.

No script or style is written into a page (its Content-Security-Policy allows only ``/static/``): the
page's behaviour is ``static/workbench.js``, its look ``static/workbench.css``; what the script needs it
reads from ``data-`` attributes.
"""

from __future__ import annotations

from urllib.parse import quote

from coi_graph.namespaces import short
from coi_graph.workbench.dialogs import edit_dialog, entity_dialog, nothing_dialog, reject_dialog, tool_bar
from coi_graph.workbench.markup import e
from coi_graph.workbench.view import (
    Candidate,
    Claim,
    Coverage,
    DocumentSummary,
    DocumentView,
    Footnote,
    Marker,
    Mention,
    Passage,
    Sentence,
    Triple,
    to_json,
)

KEYS = (("j", "next candidate"), ("k", "previous candidate"), ("a", "accept"), ("r", "reject (asks why)"),
        ("e", "edit"), ("u", "undo the last change"), ("n", "next sentence left to claim"),
        ("x", "nothing to claim in the chosen sentence (asks why)"),
        ("/", "find an entity"), ("c", "add a claim from the selected words"),
        ("m", "new entity from the new name or the selection"), ("Enter", "in a form: save"),
        ("Escape", "close the form"))  # fmt: skip
KINDS = (("actor", "actor"), ("place", "place"), ("facility", "base, field, airport"), ("position", "position"),
         ("new", "new name: no entity"))  # fmt: skip


def page(title: str, body: str, *, kind: str, data: dict[str, str] | None = None) -> str:
    attributes = "".join(f' data-{name}="{e(value)}"' for name, value in (data or {}).items())
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{e(title)} · coi-graph workbench</title>\n"
        '<link rel="stylesheet" href="/static/workbench.css">\n'
        '<script src="/static/workbench.js" defer></script>\n'
        f'</head>\n<body class="page-{e(kind)}"{attributes}>\n{body}\n</body>\n</html>\n'
    )


def _progress(coverage: Coverage) -> str:
    if not coverage.needing:
        return '<span class="progress-figure">no sentence needs a claim</span>'
    percent = round(100 * (coverage.progress or 0))
    nothing = f", {coverage.nothing} nothing to claim" if coverage.nothing else ""
    return (
        f'<progress value="{coverage.covered + coverage.nothing}" max="{coverage.needing}" title="{percent}%">'
        f'</progress> <span class="progress-figure">{coverage.covered}/{coverage.needing} sentences that need a '
        f"claim have one{nothing} ({percent}%)</span>"
    )


# --- the document list -----------------------------------------------------------------------------------


def document_list(documents: list[DocumentSummary], data_dir: str) -> str:
    rows = []
    for d in documents:
        rows.append(
            "<tr>"
            f'<td><a class="doc-link" href="/doc/{quote(d.id)}">{e(d.title)}</a>'
            f'<div class="doc-id">{e(d.id)}</div></td>'
            f"<td>{e(d.date or '')}</td><td>{e(d.publisher or '')}</td><td>{e(d.kind)}</td>"
            f'<td class="num">{d.pending}</td><td class="num">{d.accepted}</td><td class="num">{d.rejected}</td>'
            f'<td class="num">{d.claims}</td><td class="coverage-cell">{_progress(d.coverage)}</td>'
            "</tr>"
        )
    table = (
        '<table class="documents"><thead><tr><th>document</th><th>date</th><th>publisher</th><th>kind</th>'
        "<th>pending</th><th>accepted</th><th>rejected</th><th>claims</th><th>coverage</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
        if rows
        else '<p class="empty">No documents yet: take one in with <code>coi-graph ingest FILE</code>.</p>'
    )
    body = (
        '<header class="bar"><h1>Documents</h1>'
        f'<span class="meta">data directory {e(data_dir)}</span></header>\n'
        f'<main class="list">{table}\n'
        '<p class="hint">Candidates come from the document\'s draft, <code>drafts/&lt;document id&gt;.trig</code>: '
        "make one with <code>coi-graph extract data/documents/FILE.txt -o data/drafts/ID.trig</code>.</p></main>"
    )
    return page("Documents", body, kind="list")


# --- one document ----------------------------------------------------------------------------------------


def _mention(m: Mention) -> tuple[str, str]:
    """The opening and closing tags of a mention."""
    if m.new:
        title = f"new name: no entity in the registry · score {m.score:g}"
        classes = "mention kind-new"
    else:
        parts = [m.label or "", m.type or "", m.wikidata or "no QID", short(m.entity or "")]
        if m.flag:
            parts.append(m.flag)
        if m.ambiguous:
            parts.append("or " + ", ".join(short(a) for a in m.ambiguous))
        title = " · ".join(p for p in parts if p)
        classes = f"mention kind-{e(m.kind or 'other')}" + (" flagged" if m.flag else "")
    attributes = f' data-entity="{e(m.entity)}"' if m.entity else ""
    attributes += f' data-type="{e(m.type)}"' if m.type else ""
    attributes += f' data-qid="{e(m.wikidata)}"' if m.wikidata else ""
    return f'<mark class="{classes}" title="{e(title)}"{attributes}>', "</mark>"


def _marker(m: Marker) -> str:
    target = f"#fn-{e(m.number)}" if m.footnote else "#footnotes"
    title = f"footnote {m.label}" + ("" if m.footnote else ": not in the note list")
    return (
        f'<sup class="marker{"" if m.footnote else " unresolved"}" data-iri="{e(m.iri)}"'
        f"{f' data-footnote={chr(34)}{e(m.footnote)}{chr(34)}' if m.footnote else ''}>"
        f'<a href="{target}" title="{e(title)}">{e(m.label)}</a></sup>'
    )


def _span(text: str, start: int, end: int, mentions: list[Mention], markers: list[tuple[int, Marker]]) -> str:
    """``text[start:end]`` with its mentions marked and its markers (at their offsets) inserted."""
    points = {start, end}
    points.update(max(start, min(end, m.text_start)) for m in mentions)
    points.update(max(start, min(end, m.text_end)) for m in mentions)
    points.update(at for at, _ in markers)
    ordered = sorted(points)
    out: list[str] = []
    pending = sorted(markers, key=lambda pair: (pair[0], pair[1].text_offset))
    for a, b in zip(ordered, [*ordered[1:], None], strict=True):
        while pending and pending[0][0] == a:
            out.append(_marker(pending.pop(0)[1]))
        if b is None or a >= b:
            continue
        inside = next((m for m in mentions if m.text_start <= a and b <= m.text_end), None)
        chunk = e(text[a:b])
        if inside is not None:
            opening, closing = _mention(inside)
            out.append(opening + chunk + closing)
        else:
            out.append(chunk)
    out.extend(_marker(m) for _, m in pending)
    return "".join(out)


def _passage(p: Passage, mentions: list[Mention]) -> str:
    """The passage's text: its sentences as elements (IRI and offsets as data attributes), the text between
    them as it is, mentions marked, each footnote marker in the sentence it belongs to."""
    regions: list[tuple[int, int, Sentence | None]] = []
    at = 0
    for s in p.sentences:
        if s.text_start > at:
            regions.append((at, s.text_start, None))
        regions.append((s.text_start, s.text_end, s))
        at = s.text_end
    if at < len(p.text) or not regions:
        regions.append((at, len(p.text), None))
    sentences = {s.iri: s for s in p.sentences}
    owned: dict[str, list[tuple[int, Marker]]] = {iri: [] for iri in sentences}
    loose: list[Marker] = []
    for m in p.markers:
        if m.sentence in sentences:
            s = sentences[m.sentence]
            owned[s.iri].append((max(s.text_start, min(s.text_end, m.text_offset)), m))
        else:
            loose.append(m)
    html = []
    for index, (start, end, sentence) in enumerate(regions):
        last = index == len(regions) - 1
        here = [(m.text_offset, m) for m in loose if start <= m.text_offset < end or (last and m.text_offset >= end)]
        inside = [m for m in mentions if m.text_start < end and start < m.text_end]
        if sentence is None:
            html.append(_span(p.text, start, end, inside, [(max(start, min(end, at)), m) for at, m in here]))
            continue
        s = sentence
        html.append(
            f'<span class="sentence state-{e(s.state)}" id="s-{p.ordinal}-{s.ordinal}" tabindex="-1" '
            f'data-iri="{e(s.iri)}" data-passage="{e(p.iri)}" data-start="{start}" data-end="{end}" '
            f'data-file-start="{s.start}" data-file-end="{s.end}" data-state="{e(s.state)}" '
            f'data-claims="{len(s.claims)}" data-candidates="{e(" ".join(map(str, s.candidates)))}" '
            f'data-markers="{e(" ".join(s.markers))}" data-nothing="{e(s.nothing or "")}" '
            f'title="{e(s.iri)}">{_span(p.text, start, end, inside, owned[s.iri] + here)}</span>'
        )
    headings = "".join(f'<h2 class="heading">{e(h)}</h2>\n' for h in p.headings)
    return (
        f'{headings}<p class="passage" id="p-{p.ordinal}" data-iri="{e(p.iri)}" data-start="{p.start}" '
        f'data-end="{p.end}">{"".join(html)}</p>\n'
    )


def _footnotes(footnotes: list[Footnote]) -> str:
    if not footnotes:
        return ""
    items = []
    for f in footnotes:
        citations = "".join(
            f'<li class="citation" data-iri="{e(c.iri)}"><span class="publisher">{e(c.publisher)}</span>, '
            f"<cite>{e(c.title)}</cite>{', ' + e(c.date) if c.date else ''}"
            f"{', ' + e(c.pages) if c.pages else ''}</li>"
            for c in f.citations
        )
        raw = "" if f.citations else f'<span class="raw">{e(f.raw)}</span>'
        items.append(
            f'<li id="fn-{e(f.number)}" data-iri="{e(f.iri)}"><span class="fn-label">{e(f.label)}</span> '
            f'{raw}<ul class="citations">{citations}</ul></li>'
        )
    return f'<section class="footnotes" id="footnotes"><h2>Footnotes</h2><ol>{"".join(items)}</ol></section>'


def _term(iri: str, label: str | None) -> str:
    if label:
        return f'<span class="term entity" title="{e(short(iri))}">{e(label)}</span>'
    if iri.startswith(("http://", "https://", "urn:")):
        return f'<span class="term" title="{e(iri)}">{e(short(iri))}</span>'
    return f'<span class="term literal">“{e(iri)}”</span>'


def _triples(triples: list[Triple]) -> str:
    """The triples by subject: an entity's relations as "A supports B"; an event (a subject with a type and
    no label of its own) as its class, then its roles ("Statement: speaker X; about Y")."""
    by_subject: dict[str, list[Triple]] = {}
    for t in triples:
        if t.predicate_short != "rdfs:label":
            by_subject.setdefault(t.subject, []).append(t)
    rows = []
    for subject, group in by_subject.items():
        types = [t for t in group if t.predicate_short == "a"]
        if types and group[0].subject_label is None:
            kind = ", ".join(short(t.object).split(":", 1)[-1] for t in types)
            roles = "; ".join(
                f"<span class='prop'>{e(t.predicate_short.split(':', 1)[-1])}</span> {_term(t.object, t.object_label)}"
                for t in group
                if t.predicate_short != "a"
            )
            rows.append(f'<li><span class="term event" title="{e(subject)}">{e(kind)}</span>'
                        f'{": " + roles if roles else ""}</li>')  # fmt: skip
            continue
        rows.extend(
            f"<li>{_term(t.subject, t.subject_label)} <span class='prop'>{e(t.predicate_short)}</span> "
            f"{_term(t.object, t.object_label)}</li>"
            for t in group
        )
    return f'<ul class="triples">{"".join(rows)}</ul>'


def _candidate(c: Candidate, fields: dict[str, str] | None = None) -> str:
    when = f"{c.time_expression} = {c.time_value}" if c.time_value else (c.time_expression or "no date")
    notes = ", ".join(f"fn{label}" for label in c.footnote_labels) or "no footnote"
    decided = f" · {e(c.reviewed_by)} {e(c.reviewed_on or '')}" if c.reviewed_by else ""
    ev = c.evidence
    return (
        f'<li class="candidate status-{e(c.status)}" id="c-{c.number}" tabindex="-1" data-number="{c.number}" '
        f'data-iri="{e(c.iri)}" data-status="{e(c.status)}" data-passage="{e(ev.passage)}" '
        f'data-start="{ev.text_start}" data-end="{ev.text_end}" data-sentences="{e(" ".join(ev.sentences))}" '
        f'data-modality="{e(c.modality.split(":", 1)[-1].lower())}" data-time="{e(c.time_value or "")}" '
        f'data-time-expression="{e(c.time_expression or "")}" data-fields="{e(to_json(fields or {}))}">'
        f'<div class="c-head"><span class="c-num">{c.number}</span> <span class="c-rule">{e(c.rule)}</span> '
        f'<span class="badge status-{e(c.status)}">{e(c.status)}</span>'
        f'<span class="c-score">score {c.score:.2f}</span></div>'
        f"{_triples(c.triples)}"
        f'<div class="c-meta">{e(c.modality)} · {e(when)} · {e(notes)}{decided}</div>'
        f'<blockquote class="c-quote">{e(c.quote)}</blockquote>'
        f'<details class="c-turtle"><summary>Turtle</summary><code>{e(c.turtle)}</code></details>'
        "</li>"
    )


def _claim(c: Claim) -> str:
    ev = c.evidence
    where = "" if ev.located else ' <span class="warn">quote not found in its passage</span>'
    return (
        f'<li class="claim" tabindex="-1" data-iri="{e(c.iri)}" data-passage="{e(ev.passage)}" '
        f'data-start="{ev.text_start}" data-end="{ev.text_end}" data-sentences="{e(" ".join(ev.sentences))}">'
        f'<div class="c-head"><span class="c-num">{e(short(c.iri).rsplit("/", 1)[-1])}</span> '
        f'<span class="c-meta">{e(c.modality)}</span>{where}</div>{_triples(c.triples)}'
        f'<blockquote class="c-quote">{e(c.quote)}</blockquote></li>'
    )


def _coverage(view: DocumentView) -> str:
    coverage = view.coverage
    by_iri = {s.iri: s for s in view.sentences}
    left = "".join(
        f'<li><a class="goto" href="#s-{_anchor(iri, view)}" data-iri="{e(iri)}">'
        f"{e(_clip(by_iri[iri].text, 90))}</a></li>"
        for iri in coverage.left
    )
    return (
        '<section class="coverage" id="coverage"><h2>Coverage</h2>'
        f'<p class="progress-line">{_progress(coverage)}</p>'
        f'<p class="coverage-counts"><span class="state-covered">{coverage.covered} with a claim</span> · '
        f'<span class="state-nothing">{coverage.nothing} with nothing to claim</span> · '
        f'<span class="state-pending">{coverage.pending} with a pending candidate only</span> · '
        f'<span class="state-left">{len(coverage.left)} left</span> '
        '<span class="hint">(a sentence needs a claim when it has a footnote marker or two mentions; '
        "<kbd>x</kbd> on a chosen sentence: nothing to claim in it)</span></p>"
        + (f'<ol class="left">{left}</ol>' if left else '<p class="done">No sentence left without a claim.</p>')
        + "</section>"
    )


def _anchor(iri: str, view: DocumentView) -> str:
    for p in view.passages:
        for s in p.sentences:
            if s.iri == iri:
                return f"{p.ordinal}-{s.ordinal}"
    return ""


def _clip(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def document_page(view: DocumentView, *, writable: bool, reason: str,
                  fields: dict[int, dict[str, str]] | None = None) -> str:  # fmt: skip
    d = view.summary
    by_passage: dict[str, list[Mention]] = {}
    for m in view.mentions:
        by_passage.setdefault(m.passage, []).append(m)
    text = "".join(_passage(p, by_passage.get(p.iri, [])) for p in view.passages)
    section = f'<h2 class="section">{e(view.section)}</h2>' if view.section else ""
    statuses = f"{d.pending} pending, {d.accepted} accepted, {d.rejected} rejected"
    items = "".join(_candidate(c, (fields or {}).get(c.number)) for c in view.candidates)
    candidates = (
        f'<ol class="candidates" id="candidates">{items}</ol>'
        if view.candidates
        else f'<p class="empty">No draft at <code>{e(view.draft_path)}</code>. Make one with '
        f"<code>coi-graph extract {e(d.file)} -o {e(view.draft_path)}</code>.</p>"
    )
    claims = "".join(_claim(c) for c in view.claims)
    warnings = "".join(f"<li>{e(w)}</li>" for w in view.warnings)
    legend = "".join(f'<li><mark class="mention kind-{k}">{e(label)}</mark></li>' for k, label in KINDS)
    keys = "".join(f"<li><kbd>{e(k)}</kbd> {e(what)}</li>" for k, what in KEYS)
    body = f"""<header class="bar">
<a class="back" href="/">Documents</a>
<h1 title="{e(d.iri)}">{e(d.title)}</h1>
<span class="meta">{e(d.date or "no date")} · {e(d.publisher or "no publisher")} · {e(d.kind)}</span>
<span class="bar-progress">{_progress(view.coverage)}</span>
</header>
<main class="workbench">
<section class="text" id="text" aria-label="document text">
{section}{text}{_footnotes(view.footnotes)}
</section>
<aside class="side" aria-label="curation">
{tool_bar(writable)}
<div class="selection" id="selection" aria-live="polite">Select a sentence to see its IRI; hover a name for its \
entity.</div>
<section class="candidate-panel"><h2>Candidates <span class="counts">{e(statuses)}</span></h2>
{candidates}</section>
{_coverage(view)}
<details class="claims-panel"><summary>Filed claims ({len(view.claims)})</summary><ol class="claims">{claims}</ol>\
</details>
<details class="picker" id="picker"><summary>Find an entity</summary>
<input type="search" id="entity-query" placeholder="name, alias or transliteration" autocomplete="off">
<ol class="entity-hits" id="entity-hits"></ol></details>
{f'<details class="warnings" open><summary>Warnings</summary><ul>{warnings}</ul></details>' if warnings else ""}
{edit_dialog()}
{entity_dialog()}
{reject_dialog()}
{nothing_dialog()}
<details class="help"><summary>Keys and colours</summary><ul class="keys">{keys}</ul>
<ul class="legend">{legend}</ul></details>
</aside>
</main>
<footer class="status" id="status" role="status">{e("" if writable else reason)}</footer>"""
    return page(d.title, body, kind="doc", data={"doc": d.id, "writable": "yes" if writable else "no"})


def message_page(title: str, text: str, status: int) -> str:
    body = (
        f'<header class="bar"><a class="back" href="/">Documents</a><h1>{e(title)}</h1></header>'
        f'<main class="message"><p>{e(text)}</p><p class="hint">HTTP {status}</p></main>'
    )
    return page(title, body, kind="message")
