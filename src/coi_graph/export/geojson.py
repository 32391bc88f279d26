"""GeoJSON (RFC 7946) of the places with verified coordinates and of the events located at them.

Each place is a Point with its label, type, Wikidata QID and the precision of its coordinates in
degrees. Each event claim whose place has coordinates is a Point at that place, with the event's
label and type, the claim's dates, modality, quote and sources, and the place it is located at.
Coordinates are [longitude, latitude], as the RFC requires.
"""

from __future__ import annotations

import json

from coi_graph.store import AnyStore, Value, select

PLACES = """
SELECT ?place ?label ?type_label ?qid ?lat ?lon ?precision WHERE {
  ?place coi:latitude ?lat ; coi:longitude ?lon ; skos:prefLabel ?label .
  OPTIONAL { ?place coi:coordinatePrecision ?precision }
  OPTIONAL { ?place coi:wikidata ?qid }
  OPTIONAL {
    SELECT ?place (GROUP_CONCAT(DISTINCT ?tl; separator="; ") AS ?type_label) WHERE {
      GRAPH graph:registry { ?place a ?t } ?t rdfs:label ?tl . FILTER (STRSTARTS(STR(?t), STR(coi:)))
    } GROUP BY ?place
  }
}
ORDER BY ?label
"""

EVENTS = """
SELECT ?event ?event_label ?event_type ?claim ?modality ?date_from ?date_to ?quote ?sources ?place ?role WHERE {
  ?claim a coi:Claim ; coi:quote ?quote ; coi:modality ?m .
  GRAPH ?claim { ?event a ?type ; ?role ?place . }
  VALUES ?role { coi:atPlace coi:destination coi:origin }
  ?type rdfs:subClassOf* coi:Event ; rdfs:label ?event_type .
  ?place coi:latitude ?lat .
  ?m skos:prefLabel ?modality .
  OPTIONAL { ?event skos:prefLabel ?event_label }
  OPTIONAL { ?claim coi:dateFrom ?date_from }
  OPTIONAL { ?claim coi:dateTo ?date_to }
  OPTIONAL { ?claim coi:sourceList ?sources }
}
ORDER BY ?claim ?event ?place
"""


def _text(value: Value | None) -> str | None:
    return value.text if value is not None else None


def to_geojson(store: AnyStore) -> str:
    features: list[dict[str, object]] = []
    points: dict[str, tuple[float, float, float | None, str]] = {}
    for row in select(store, PLACES):
        place, label = _text(row["place"]), _text(row["label"])
        assert place and label and row["lat"] and row["lon"]
        lat, lon = float(row["lat"].text), float(row["lon"].text)
        precision = float(row["precision"].text) if row["precision"] else None
        points[place] = (lon, lat, precision, label)
        features.append(
            {
                "type": "Feature",
                "id": place,
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": {
                    "kind": "place",
                    "label": label,
                    "type": _text(row["type_label"]),
                    "wikidata": _text(row["qid"]),
                    "coordinate_precision_deg": precision,
                },
            }
        )
    for row in select(store, EVENTS):
        place = _text(row["place"])
        if place not in points:
            continue
        lon, lat, precision, place_label = points[place]
        role = (_text(row["role"]) or "").rsplit("#", 1)[-1]
        features.append(
            {
                "type": "Feature",
                "id": f"{_text(row['claim'])}#{_text(row['event'])}@{place}",
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": {
                    "kind": "event",
                    "event": _text(row["event"]),
                    "label": _text(row["event_label"]),
                    "type": _text(row["event_type"]),
                    "place": place,
                    "place_label": place_label,
                    "place_role": role,
                    "claim": _text(row["claim"]),
                    "modality": _text(row["modality"]),
                    "date_from": _text(row["date_from"]),
                    "date_to": _text(row["date_to"]),
                    "quote": _text(row["quote"]),
                    "sources": _text(row["sources"]),
                    "coordinate_precision_deg": precision,
                },
            }
        )
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, ensure_ascii=False, indent=1) + "\n"
