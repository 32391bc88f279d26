"""Atomic writes, directory replacement, and what the build derives."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from coi_graph import fsutil
from coi_graph.compile.reference.derive import derived_layer, plain_layer
from coi_graph.namespaces import GEO, WD
from coi_graph.vocab import COI

ENT = "https://w3id.org/coi-graph/id/entity/"
CLAIM = URIRef("https://w3id.org/coi-graph/id/claim/x/1")


def test_atomic_write_leaves_nothing_behind_on_failure(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")
    with pytest.raises(RuntimeError), fsutil.atomic_write(target) as handle:
        handle.write("half")
        raise RuntimeError("killed")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


@pytest.mark.parametrize("exchange", [True, False], ids=["renameat2", "fallback"])
def test_replace_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exchange: bool) -> None:
    if not exchange:
        monkeypatch.setattr(fsutil, "_exchange", lambda a, b: False)
    target, new = tmp_path / "build", tmp_path / "new"
    target.mkdir()
    (target / "a").write_text("old")
    new.mkdir()
    (new / "a").write_text("new")
    fsutil.replace_dir(new, target)
    assert (target / "a").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build"]


def test_plain_layer_takes_stated_and_reported_claims_only() -> None:
    claims, contents = Graph(), {}
    for index, modality in enumerate((COI.Stated, COI.Reported, COI.Planned, COI.Negated)):
        claim = URIRef(f"{CLAIM}{index}")
        claims.add((claim, RDF.type, COI.Claim))
        claims.add((claim, COI.modality, modality))
        content = Graph()
        content.add((URIRef(ENT + "a"), COI.supports, URIRef(f"{ENT}b{index}")))
        contents[claim] = content
    plain = plain_layer(claims, contents)
    assert {str(o)[-2:] for o in plain.objects()} == {"b0", "b1"}


def test_derived_layer() -> None:
    registry, claims = Graph(), Graph()
    place = URIRef(ENT + "place")
    registry.add((place, COI.wikidata, Literal("Q858")))
    registry.add((place, COI.latitude, Literal("35.5")))
    registry.add((place, COI.longitude, Literal("38.2")))
    registry.add((URIRef(ENT + "bad"), COI.wikidata, Literal("858")))
    claims.add((CLAIM, RDF.type, COI.Claim))
    content = Graph()
    content.add((URIRef(ENT + "a"), COI.presentAt, place))
    content.add((URIRef(ENT + "a"), RDF.type, COI.ArmedForce))
    derived = derived_layer(registry, Graph(), claims, {CLAIM: content})
    assert (place, COI.wikidataEntity, WD.Q858) in derived
    assert not list(derived.triples((URIRef(ENT + "bad"), COI.wikidataEntity, None)))  # malformed: left to the shapes
    geometry = derived.value(place, GEO.hasGeometry)
    assert str(derived.value(geometry, GEO.asWKT)) == "POINT(38.2 35.5)"  # WKT is longitude first
    assert set(derived.objects(CLAIM, COI.mentions)) == {URIRef(ENT + "a"), place}
    assert derived.value(CLAIM, COI.tripleCount) == Literal(2)
