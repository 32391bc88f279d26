"""The two pictures of a dossier, as SVG text to inline in the page: the entity's claims over time (the
marks and colours of ``plot timeline``) and a small map of its located places (drawn as ``plot map``
draws them: a longitude/latitude grid, no base map, so that it works offline).

Matplotlib names the parts of an SVG ``patch_1``, ``line2d_1``…: each picture's ids get a prefix,
so that two pictures in one page never share an id.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from html import escape
from typing import Any

import matplotlib.dates as mdates
from matplotlib.patches import Circle

from coi_graph.dossier.model import Dossier, MapPlace
from coi_graph.network.style import colour
from coi_graph.plot.figure import new_figure, svg_text
from coi_graph.plot.map import focus_places
from coi_graph.plot.timeline import COLOURS, MARKERS

_PROLOG = re.compile(r"^.*?(?=<svg\b)", re.DOTALL)
_METADATA = re.compile(r"\s*<metadata>.*?</metadata>", re.DOTALL)
_ID = re.compile(r'\bid="([^"]+)"')
_REFERENCE = re.compile(r'(xlink:href="#|href="#|url\(#)([^")]+)')


def inline(svg: str, prefix: str, title: str) -> str:
    """An SVG document as an element for an HTML page: no XML prolog, no metadata, ids prefixed, a title."""
    body = _METADATA.sub("", _PROLOG.sub("", svg, count=1))
    body = _ID.sub(lambda m: f'id="{prefix}-{m.group(1)}"', body)
    body = _REFERENCE.sub(lambda m: f"{m.group(1)}{prefix}-{m.group(2)}", body)
    label = escape(title, quote=True)
    return body.replace("<svg ", f'<svg class="chart" role="img" aria-label="{label}" ', 1).strip() + "\n"


def _row_label(relation: str, direction: str) -> str:
    return f"{relation} …" if direction == "out" else f"… {relation}"


def _span_key(span: tuple[date | None, date | None, str, str]) -> tuple[date, date, str, str]:
    start, end, modality, dated_by = span
    return (start or date.min, end or date.max, modality, dated_by)


def timeline_svg(dossier: Dossier) -> str | None:
    """The entity's claims over the days they cover, one row per relation; None without dated claims. A claim
    dated on one side only ("by 2025-09-30", "from 2024-12-01") is a dashed line to the edge of the chart."""
    rows: list[tuple[str, list[tuple[date | None, date | None, str, str]]]] = []
    for group in dossier.groups:
        spans: list[tuple[date | None, date | None, str, str]] = []
        for item in group.items:
            if item.date_from or item.date_to:
                start = date.fromisoformat(item.date_from) if item.date_from else None
                end = date.fromisoformat(item.date_to) if item.date_to else None
                spans.append((start, end, item.modality, item.dated_by))
        if spans:
            rows.append((_row_label(group.relation, group.direction), sorted(spans, key=_span_key)))
    if not rows:
        return None
    known = [d for _, spans in rows for span in spans for d in span[:2] if d is not None]
    first, last = min(known), max(known)
    pad = max(timedelta(days=15), (last - first) / 20)
    figure, axes = new_figure(7.5, 0.32 * len(rows) + 1.3)
    seen_modalities: set[str] = set()
    for index, (_, spans) in enumerate(reversed(rows)):
        for start, end, modality, dated_by in spans:
            colour = COLOURS.get(dated_by, "#0072B2")
            left, right = start or first - pad, end or last + pad
            style = "-" if start and end else "--"
            axes.plot([left, right], [index, index], color=colour, linewidth=2.5, alpha=0.5, linestyle=style,
                      solid_capstyle="butt")  # fmt: skip
            mark = start + (end - start) / 2 if start and end else start or end
            axes.plot([mark], [index], marker=MARKERS.get(modality, "o"), color=colour, markersize=5, linestyle="")
            seen_modalities.add(modality)
    axes.set_yticks(range(len(rows)), [label for label, _ in reversed(rows)])
    axes.set_ylim(-0.7, len(rows) - 0.3)
    axes.set_xlim(first - pad, last + pad)
    months = ((last + pad).year - (first - pad).year) * 12 + (last + pad).month - (first - pad).month
    if months <= 36:  # month ticks, at most about eight of them, each label once
        axes.xaxis.set_major_locator(mdates.MonthLocator(interval=max(1, -(-months // 8))))  # type: ignore[no-untyped-call]
        axes.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))  # type: ignore[no-untyped-call]
    else:
        axes.xaxis.set_major_locator(mdates.YearLocator(max(1, -(-months // 96))))  # type: ignore[no-untyped-call]
        axes.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))  # type: ignore[no-untyped-call]
    axes.grid(axis="x", color="#e5e5e5")
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    handles = [axes.plot([], [], marker=m, linestyle="", color="#333333", label=k)[0]
               for k, m in MARKERS.items() if k in seen_modalities]  # fmt: skip
    handles += [axes.plot([], [], color=c, linewidth=2.5, label=f"dated by {k}")[0] for k, c in COLOURS.items()]
    axes.legend(handles=handles, fontsize=6.5, frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1))
    count = len({item.claim for group in dossier.groups for item in group.items if item.date_from or item.date_to})
    title = f"Claims about {dossier.label}, {first:%B %Y} to {last:%B %Y} ({count} claim{'s' if count != 1 else ''})"
    axes.set_title(title, fontsize=9)
    return inline(svg_text(figure), "timeline", title)


def _feature(place: MapPlace) -> dict[str, Any]:
    return {"id": place.ref.iri, "geometry": {"coordinates": [place.longitude, place.latitude]},
            "properties": {"label": place.ref.label}}  # fmt: skip


def map_svg(dossier: Dossier) -> str | None:
    """The located places of the dossier near the middle of them; None when there are none."""
    if not dossier.places:
        return None
    near, outside = focus_places([_feature(p) for p in dossier.places])
    drawn = {f["id"] for f in near}
    places = [p for p in dossier.places if p.ref.iri in drawn]
    figure, axes = new_figure(6, 4.5)
    for place in places:
        lon, lat = place.longitude, place.latitude
        precision = place.precision or 0.0
        if precision >= 0.5:  # a country's representative point: a ring the size of its precision
            axes.add_patch(Circle((lon, lat), precision, fill=False, edgecolor="#c9c9c9", linewidth=0.8))
        own = place.role == "this place"
        axes.plot([lon], [lat], marker="*" if own else "o", markersize=11 if own else 5,
                  color=colour(place.type_label), markeredgecolor="#333333" if own else "white",
                  markeredgewidth=0.6, linestyle="")  # fmt: skip
        axes.annotate(place.ref.label, (lon, lat), xytext=(4, 3), textcoords="offset points", fontsize=6,
                      fontweight="bold" if own else "normal")  # fmt: skip
    lons = [p.longitude for p in places]
    lats = [p.latitude for p in places]
    margin = max(1.0, 0.15 * max(max(lons) - min(lons), max(lats) - min(lats)))
    axes.set_xlim(min(lons) - margin, max(lons) + margin)
    axes.set_ylim(min(lats) - margin, max(lats) + margin)
    axes.set_xlabel("longitude")
    axes.set_ylabel("latitude")
    axes.set_aspect("equal", adjustable="box")
    axes.grid(color="#eeeeee")
    title = f"{len(places)} place{'s' if len(places) != 1 else ''} with verified coordinates"
    if outside:
        title += f"\n(not drawn, outside the area: {', '.join(outside)})"
    axes.set_title(title, fontsize=9)
    return inline(svg_text(figure), "map", f"Map: {title}")
