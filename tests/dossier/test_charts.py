"""coi_graph.dossier.charts: the two pictures of a dossier as SVG elements to inline in its page: the claims
over time (one row per relation, a dashed line for a claim dated on one side only) and a map of the located
places near the middle of them; ``inline`` strips the prolog and metadata and prefixes every id."""

from __future__ import annotations

import re
from dataclasses import replace
from html import unescape

import pytest

from coi_graph.dossier.charts import inline, map_svg, timeline_svg
from coi_graph.dossier.model import ClaimGroup, ClaimItem, Dossier, MapPlace, Ref

ENT = "https://w3id.org/coi-graph/id/entity/"


def item(claim: str, date_from: str, date_to: str, modality: str = "stated", dated_by: str = "claim") -> ClaimItem:
    return ClaimItem(claim=claim, subject="SDF", relation="supports", object="x", other=None, date_from=date_from,
                     date_to=date_to, dated_by=dated_by, modality=modality, quote="…", document="doc", notes=(),
                     support=None)  # fmt: skip


def group(relation: str, direction: str, *items: ClaimItem) -> ClaimGroup:
    return ClaimGroup(relation=relation, direction=direction, heading=relation, items=items)


def place(name: str, lon: float, lat: float, role: str = "in its claims", type_label: str = "city") -> MapPlace:
    return MapPlace(Ref(ENT + name.lower(), name), latitude=lat, longitude=lon, precision=None, type_label=type_label,
                    role=role)  # fmt: skip


EMPTY = Dossier(iri=ENT + "sdf", slug="sdf", label="Syrian Democratic Forces", types=("non-state armed group",),
                kinds=("actor",), qid=None, labels=(), chains=(), members=(), groups=(), statements=(),
                contradictions=(), notes=(), places=())  # fmt: skip


def texts(svg: str) -> list[str]:
    return [unescape(t) for t in re.findall(r"<text\b[^>]*>([^<]*)</text>", svg)]


def test_inline_strips_the_prolog_and_metadata_and_prefixes_ids_and_references() -> None:
    svg = ('<?xml version="1.0"?>\n<!DOCTYPE svg>\n<svg xmlns:xlink="http://www.w3.org/1999/xlink" width="10pt">\n'
           ' <metadata><rdf:RDF>date</rdf:RDF></metadata>\n'
           ' <defs><clipPath id="p1"><rect/></clipPath><path id="m2" d="M0 0"/></defs>\n'
           ' <g id="patch_1" clip-path="url(#p1)"><use xlink:href="#m2"/><use href="#m2"/></g>\n</svg>\n')  # fmt: skip
    assert inline(svg, "map", 'Map: "A" & <B>') == (
        '<svg class="chart" role="img" aria-label="Map: &quot;A&quot; &amp; &lt;B&gt;" '
        'xmlns:xlink="http://www.w3.org/1999/xlink" width="10pt">\n'
        ' <defs><clipPath id="map-p1"><rect/></clipPath><path id="map-m2" d="M0 0"/></defs>\n'
        ' <g id="map-patch_1" clip-path="url(#map-p1)"><use xlink:href="#map-m2"/><use href="#map-m2"/></g>\n'
        "</svg>\n"
    )


def test_no_dated_claims_and_no_places_give_no_pictures() -> None:
    undated = replace(EMPTY, groups=(group("supports", "out", item("c1", "", "")),))
    assert timeline_svg(undated) is None
    assert map_svg(EMPTY) is None


def test_the_timeline_has_a_row_per_relation_and_counts_the_claims() -> None:
    dossier = replace(EMPTY, groups=(
        group("supports", "out", item("c1", "2025-01-10", "2025-01-10"), item("c2", "2025-02-01", "2025-02-28",
                                                                              "reported", "document")),
        group("opposes", "in", item("c2", "2025-03-01", "2025-03-31", "negated")),
        group("leads", "out", item("c3", "", "")),  # no dated claim: no row
    ))  # fmt: skip
    svg = timeline_svg(dossier)
    assert svg is not None and svg.startswith('<svg class="chart" role="img" aria-label="Claims about Syrian')
    title = "Claims about Syrian Democratic Forces, January 2025 to March 2025 (2 claims)"
    drawn = texts(svg)
    assert title in drawn and f'aria-label="{title}"' in svg
    # rows top to bottom as the groups come; the entity is the subject ("supports …") or the object
    assert drawn.index("supports …") > drawn.index("… opposes")  # SVG draws the lower tick first
    assert "leads …" not in drawn and "… leads" not in drawn
    # the legend: the modalities seen, then how claims are dated
    assert drawn[-5:] == ["stated", "reported", "negated", "dated by claim", "dated by document"]
    assert 'id="timeline-' in svg and 'id="patch_1"' not in svg and "<?xml" not in svg
    assert "stroke-dasharray" not in svg  # every claim has both ends


def test_a_claim_dated_on_one_side_is_a_dashed_line() -> None:
    dossier = replace(EMPTY, groups=(group("supports", "out", item("c1", "2024-12-01", ""),
                                           item("c2", "2025-06-01", "2025-06-30")),))  # fmt: skip
    svg = timeline_svg(dossier)
    assert svg is not None and "stroke-dasharray" in svg
    assert "Claims about Syrian Democratic Forces, December 2024 to June 2025 (2 claims)" in texts(svg)


def test_the_map_draws_the_places_with_their_labels() -> None:
    dossier = replace(EMPTY, places=(place("Raqqa", 39.0, 35.95, role="this place"), place("Hasakah", 40.75, 36.5),
                                     place("Syria", 38.5, 35.0, type_label="country")))  # fmt: skip
    svg = map_svg(dossier)
    assert svg is not None and 'aria-label="Map: 3 places with verified coordinates"' in svg
    drawn = texts(svg)
    assert {"Raqqa", "Hasakah", "Syria", "3 places with verified coordinates", "longitude", "latitude"} <= set(drawn)
    assert 'id="map-' in svg
    assert "#f0e442" in svg and "#0072b2" in svg  # a place's and a country's colours


def test_places_far_from_the_others_are_named_not_drawn() -> None:
    dossier = replace(EMPTY, places=(place("Washington", -77.04, 38.91), place("Pretoria", 28.19, -25.75),
                                     place("Johannesburg", 28.05, -26.2), place("Tromsø", 18.96, 69.65)))  # fmt: skip
    svg = map_svg(dossier)
    assert svg is not None
    drawn = texts(svg)
    assert "Pretoria" in drawn and "Johannesburg" in drawn
    assert "Washington" not in drawn and "Tromsø" not in drawn
    assert "(not drawn, outside the area: Tromsø, Washington)" in svg
    assert "2 places with verified coordinates" in drawn


@pytest.mark.parametrize(("count", "noun"), [(1, "1 claim)"), (3, "3 claims)")])
def test_the_title_counts_claims_in_the_singular_and_plural(count: int, noun: str) -> None:
    items = tuple(item(f"c{n}", "2025-01-01", "2025-01-31") for n in range(count))
    svg = timeline_svg(replace(EMPTY, groups=(group("supports", "out", *items),)))
    assert svg is not None and f"January 2025 to January 2025 ({noun}" in svg
