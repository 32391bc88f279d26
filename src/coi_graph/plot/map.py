"""A static map of places and located events, from verified coordinates.

No base map is downloaded: places are drawn on a longitude/latitude grid with the coordinates'
precision as a circle, and events as markers at their places, so the figure works offline.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from matplotlib.patches import Circle

from coi_graph.export.geojson import to_geojson
from coi_graph.network.style import colour
from coi_graph.plot.figure import new_figure, save
from coi_graph.store import AnyStore

FOCUS_DEGREES = 20.0  # places farther than this from the median are listed, not drawn


def _near(a: Sequence[float], b: Sequence[float]) -> bool:
    return abs(a[0] - b[0]) <= FOCUS_DEGREES and abs(a[1] - b[1]) <= FOCUS_DEGREES


def focus_places(places: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[str]]:
    """The places near the middle of the data, and the labels of those left out."""
    if not places:
        return [], []
    lons = sorted(f["geometry"]["coordinates"][0] for f in places)
    lats = sorted(f["geometry"]["coordinates"][1] for f in places)
    mid_lon, mid_lat = lons[len(lons) // 2], lats[len(lats) // 2]
    if not any(_near(f["geometry"]["coordinates"], (mid_lon, mid_lat)) for f in places):
        # the middle longitude and the middle latitude may meet where no place is (Washington, Damascus,
        # Oslo): centre on the place with the most others near it instead (the first of equals)
        coordinates = [f["geometry"]["coordinates"] for f in places]
        mid_lon, mid_lat = max(coordinates, key=lambda c: sum(_near(c, other) for other in coordinates))
    near, far = [], []
    for feature in places:
        lon, lat = feature["geometry"]["coordinates"]
        if _near((lon, lat), (mid_lon, mid_lat)):
            near.append(feature)
        else:
            far.append(feature["properties"]["label"])
    return near, sorted(far)


def plot_map(store: AnyStore, path: Path) -> int:
    """Draw the map; returns the number of places drawn."""
    collection = json.loads(to_geojson(store))
    places, outside = focus_places([f for f in collection["features"] if f["properties"]["kind"] == "place"])
    drawn = {f["id"] for f in places}
    events = [
        f for f in collection["features"] if f["properties"]["kind"] == "event" and f["properties"]["place"] in drawn
    ]
    figure, axes = new_figure(9, 7)
    for feature in places:
        lon, lat = feature["geometry"]["coordinates"]
        props = feature["properties"]
        precision = props.get("coordinate_precision_deg") or 0.0
        node_type = (props.get("type") or "").split("; ")[0]
        if precision >= 0.5:  # a country's representative point: a ring the size of its precision
            axes.add_patch(Circle((lon, lat), precision, fill=False, edgecolor="#c9c9c9", linewidth=0.8))
        axes.plot([lon], [lat], marker="o", markersize=4, color=colour(node_type), markeredgecolor="white")
        axes.annotate(props["label"], (lon, lat), xytext=(4, 3), textcoords="offset points", fontsize=6)
    counts: dict[tuple[float, float], int] = {}
    for feature in events:
        lon, lat = feature["geometry"]["coordinates"]
        counts[(lon, lat)] = counts.get((lon, lat), 0) + 1
    for (lon, lat), count in sorted(counts.items()):
        axes.plot([lon], [lat], marker="s", markersize=3 + 2 * count, color="#555555", alpha=0.35, linestyle="")
    axes.plot([], [], marker="s", color="#555555", alpha=0.35, linestyle="", label="events located here")
    axes.set_xlabel("longitude")
    axes.set_ylabel("latitude")
    axes.set_aspect("equal", adjustable="datalim")
    axes.grid(color="#eeeeee")
    axes.legend(fontsize=7, frameon=False, loc="lower left")
    title = f"{len(places)} places with verified coordinates, {len(events)} located events"
    if outside:
        title += f"\n(not drawn, outside the area: {', '.join(outside)})"
    axes.set_title(title, fontsize=10)
    save(figure, path)
    return len(places)
