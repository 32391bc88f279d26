"""A timeline of claims per actor: one row per actor, one mark per claim over the dates it covers,
shaped by modality."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import matplotlib.dates as mdates

from coi_graph.plot.figure import new_figure, save
from coi_graph.store import AnyStore, select

CLAIMS = """
SELECT ?actor ?actor_label ?claim ?modality ?from ?to ?dated_by WHERE {
  ?claim a coi:Claim ; coi:modality ?m ; coi:inDocument ?doc .
  ?m skos:prefLabel ?modality .
  ?doc coi:dateFrom ?doc_from ; coi:dateTo ?doc_to .
  GRAPH ?claim { { ?actor ?p ?o } UNION { ?o ?p ?actor } }
  ?actor skos:prefLabel ?actor_label .
  GRAPH graph:registry { ?actor a ?type } ?type rdfs:subClassOf* coi:Actor .
  OPTIONAL { ?claim coi:dateFrom ?claim_from }
  OPTIONAL { ?claim coi:dateTo ?claim_to }
  BIND (IF(BOUND(?claim_from) || BOUND(?claim_to), "claim", "document") AS ?dated_by)
  BIND (COALESCE(?claim_from, ?claim_to, ?doc_from) AS ?from)
  BIND (COALESCE(?claim_to, ?claim_from, ?doc_to) AS ?to)
}
"""

MARKERS = {"stated": "o", "reported": "s", "planned": "^", "intended": "v", "possible": "D", "negated": "x"}
COLOURS = {"claim": "#0072B2", "document": "#BBBBBB"}


def plot_timeline(
    store: AnyStore, path: Path, *, top: int = 15, start: date | None = None, end: date | None = None
) -> None:
    """Claims of the ``top`` actors with most claims. The window defaults to the 24 months up to the
    latest date; claims outside it are counted in the title."""
    spans: dict[str, dict[str, tuple[date, date, str, str]]] = {}
    labels: dict[str, str] = {}
    for row in select(store, CLAIMS):
        actor_value, claim_value = row["actor"], row["claim"]
        assert actor_value and claim_value and row["from"] and row["to"] and row["modality"] and row["dated_by"]
        labels[actor_value.text] = row["actor_label"].text if row["actor_label"] else actor_value.text
        spans.setdefault(actor_value.text, {})[claim_value.text] = (
            date.fromisoformat(row["from"].text),
            date.fromisoformat(row["to"].text),
            row["modality"].text,
            row["dated_by"].text,
        )
    ranked = sorted(spans, key=lambda a: (-len(spans[a]), labels[a]))[:top]
    latest = max((e for a in ranked for _, e, _, _ in spans[a].values()), default=date.today())
    window_end = end or latest
    window_start = start or date(window_end.year - 2, window_end.month, 1)
    hidden = 0
    figure, axes = new_figure(10, 0.4 * len(ranked) + 1.6)
    for row_index, actor in enumerate(reversed(ranked)):
        for first, last, modality, dated_by in sorted(spans[actor].values()):
            if last < window_start or first > window_end:
                hidden += 1
                continue
            first, last = max(first, window_start), min(last, window_end)
            middle = first + (last - first) / 2
            axes.plot([first, last], [row_index, row_index], color=COLOURS[dated_by], linewidth=2.5, alpha=0.5,
                      solid_capstyle="butt")  # fmt: skip
            axes.plot([middle], [row_index], marker=MARKERS.get(modality, "o"), color=COLOURS[dated_by],
                      markersize=5, linestyle="")  # fmt: skip
    axes.set_yticks(range(len(ranked)), [labels[a] for a in reversed(ranked)])
    axes.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))  # type: ignore[no-untyped-call]
    axes.grid(axis="x", color="#e5e5e5")
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    handles = [axes.plot([], [], marker=m, linestyle="", color="#333333", label=k)[0] for k, m in MARKERS.items()]
    handles += [axes.plot([], [], color=c, linewidth=2.5, label=f"dated by {k}")[0] for k, c in COLOURS.items()]
    axes.legend(handles=handles, fontsize=6.5, frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1))
    axes.set_xlim(window_start, window_end)
    title = f"Claims per actor, {window_start:%B %Y} to {window_end:%B %Y} (the {len(ranked)} actors with most claims)"
    if hidden:
        title += f"\n{hidden} claim(s) outside this window are not shown"
    axes.set_title(title, fontsize=10)
    save(figure, path)
