"""coi_graph.plot.timeline: claims per actor over time, one row per actor for the ``top`` actors with most
claims, each claim over the days it covers (its own dates, else its document's), within a window (by default
the 24 months up to the latest date), with the claims outside the window counted in the title."""

from __future__ import annotations

import re
from datetime import date
from html import unescape
from pathlib import Path

import pyoxigraph as ox
import pytest

from coi_graph.compile.pipeline import BuildResult
from coi_graph.plot.timeline import plot_timeline
from coi_graph.store import open_store

DATA = """
@prefix coi: <https://w3id.org/coi-graph/ontology#> .
@prefix ent: <https://w3id.org/coi-graph/id/entity/> .
@prefix c: <https://w3id.org/coi-graph/id/claim/t/> .
@prefix doc: <https://w3id.org/coi-graph/id/doc/> .
@prefix graph: <https://w3id.org/coi-graph/graph/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

coi:NonStateArmedGroup rdfs:subClassOf coi:Actor .
coi:Stated skos:prefLabel "stated" . coi:Reported skos:prefLabel "reported" .
coi:Planned skos:prefLabel "planned" . coi:Negated skos:prefLabel "negated" .
graph:registry { ent:alpha a coi:NonStateArmedGroup . ent:beta a coi:NonStateArmedGroup .
                 ent:gamma a coi:NonStateArmedGroup . }
ent:alpha skos:prefLabel "Alpha Force" . ent:beta skos:prefLabel "Beta Group" . ent:gamma skos:prefLabel "Gamma" .
ent:raqqa skos:prefLabel "Raqqa" .
doc:d coi:dateFrom "2025-03-01"^^xsd:date ; coi:dateTo "2025-03-31"^^xsd:date .

c:1 a coi:Claim ; coi:modality coi:Stated ; coi:inDocument doc:d ;
    coi:dateFrom "2025-01-10"^^xsd:date ; coi:dateTo "2025-01-10"^^xsd:date .
c:1 { ent:alpha coi:presentAt ent:raqqa . }
c:2 a coi:Claim ; coi:modality coi:Reported ; coi:inDocument doc:d .
c:2 { ent:alpha coi:supports ent:beta . }
c:3 a coi:Claim ; coi:modality coi:Planned ; coi:inDocument doc:d ; coi:dateFrom "2022-01-01"^^xsd:date .
c:3 { ent:alpha coi:presentAt ent:raqqa . }
c:4 a coi:Claim ; coi:modality coi:Negated ; coi:inDocument doc:d ;
    coi:dateFrom "2025-02-01"^^xsd:date ; coi:dateTo "2025-02-28"^^xsd:date .
c:4 { ent:beta coi:presentAt ent:raqqa . }
c:5 a coi:Claim ; coi:modality coi:Stated ; coi:inDocument doc:d .
c:5 { ent:gamma coi:presentAt ent:raqqa . }
"""


@pytest.fixture
def store() -> ox.Store:
    data = ox.Store()
    data.load(input=DATA.encode("utf-8"), format=ox.RdfFormat.TRIG)
    return data


def texts(svg: str) -> list[str]:
    """The text elements of an SVG (matplotlib keeps text as text)."""
    return [unescape(t) for t in re.findall(r"<text\b[^>]*>([^<]*)</text>", svg)]


def test_the_top_actors_are_the_rows_with_most_claims_first_at_the_top(store: ox.Store, tmp_path: Path) -> None:
    out = tmp_path / "timeline.svg"
    plot_timeline(store, out, top=2)
    drawn = texts(out.read_text(encoding="utf-8"))
    # Alpha Force (3 claims) above Beta Group (2, one shared with Alpha); Gamma (1) is not among the top 2
    assert drawn.index("Beta Group") < drawn.index("Alpha Force") and "Gamma" not in drawn
    legend = ["stated", "reported", "planned", "intended", "possible", "negated", "dated by claim",
              "dated by document"]  # fmt: skip
    assert drawn[-len(legend) :] == legend


def test_the_default_window_is_24_months_to_the_latest_date_and_counts_what_it_hides(
    store: ox.Store, tmp_path: Path
) -> None:
    out = tmp_path / "timeline.svg"
    plot_timeline(store, out, top=2)
    drawn = texts(out.read_text(encoding="utf-8"))
    # the latest date is the document's end (2025-03-31), for the claims it dates; the planned claim of 2022 is out
    assert "Claims per actor, March 2023 to March 2025 (the 2 actors with most claims)" in drawn
    assert "1 claim(s) outside this window are not shown" in drawn


def test_a_given_window_shows_every_claim_and_all_actors(store: ox.Store, tmp_path: Path) -> None:
    out = tmp_path / "timeline.svg"
    plot_timeline(store, out, start=date(2021, 1, 1), end=date(2025, 12, 31))
    drawn = texts(out.read_text(encoding="utf-8"))
    assert "Claims per actor, January 2021 to December 2025 (the 3 actors with most claims)" in drawn
    assert not any("outside this window" in t for t in drawn)
    assert [t for t in drawn if t in ("Alpha Force", "Beta Group", "Gamma")] == ["Gamma", "Beta Group", "Alpha Force"]


def test_the_seed_timeline_as_png(seed_build: BuildResult, tmp_path: Path) -> None:
    out = tmp_path / "timeline.png"
    plot_timeline(open_store(seed_build.out_dir), out, top=5)
    data = out.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 20_000
