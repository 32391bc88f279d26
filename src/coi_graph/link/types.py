"""Wikidata classes and properties that the link client relies on.

Every identifier here was checked against two or more independent public sources (Wikiversity's
Wikidata research pages, the OpenRefine and reconci.link manuals, and public code and SPARQL that
use them with that meaning) on 2026-11-25. Identifiers that could not be confirmed are left out:
there is no expected class for air bases beyond "military base" and none for gas fields.
"""

from __future__ import annotations

from rdflib import URIRef

from coi_graph.vocab import COI

INSTANCE_OF_PID = "P31"
COUNTRY_PID = "P17"
LOCATED_IN_PID = "P131"  # located in the administrative territorial entity
COORDINATES_PID = "P625"
REFERENCE_URL_PID = "P854"
RETRIEVED_PID = "P813"
MEMBER_OF_PID = "P463"
PART_OF_PID = "P361"
POSITION_HELD_PID = "P39"

CLASS_NAMES = {
    "Q6256": "country", "Q3624078": "sovereign state", "Q515": "city", "Q1549591": "big city",
    "Q1637706": "city with millions of inhabitants", "Q517351": "governorate of Syria",
    "Q841753": "governorate of Iraq", "Q10864048": "first-level administrative country subdivision",
    "Q82794": "region", "Q245016": "military base", "Q1248784": "airport", "Q211748": "oil field",
    "Q17149090": "armed organization", "Q17127659": "terrorist organization", "Q1127126": "military alliance",
    "Q327333": "government agency", "Q5": "human", "Q192283": "news agency", "Q11032": "newspaper",
    "Q7188": "government", "Q11204": "legislature", "Q294414": "public office",
}  # fmt: skip

# The classes whose instances an entity of each coi class should be (the first is sent to the service).
EXPECTED_TYPES: dict[URIRef, tuple[str, ...]] = {
    COI.Country: ("Q6256", "Q3624078"),
    COI.State: ("Q6256", "Q3624078"),
    COI.City: ("Q515", "Q1549591", "Q1637706"),
    COI.Governorate: ("Q517351", "Q841753", "Q10864048"),
    COI.Region: ("Q82794",),
    COI.MilitaryBase: ("Q245016",),
    COI.AirBase: ("Q245016",),
    COI.Airport: ("Q1248784",),
    COI.OilField: ("Q211748",),
    COI.NonStateArmedGroup: ("Q17149090", "Q17127659"),
    COI.Coalition: ("Q1127126",),
    COI.Agency: ("Q327333",),
    COI.Person: ("Q5",),
    COI.MediaOutlet: ("Q192283", "Q11032"),
    COI.Government: ("Q7188",),
    COI.Position: ("Q294414",),
}

# Relations of the graph that Wikidata has a property for (for QuickStatements)
WIKIDATA_PROPERTIES: dict[URIRef, str] = {
    COI.memberOf: MEMBER_OF_PID,
    COI.partOf: PART_OF_PID,
    COI.locatedIn: LOCATED_IN_PID,
}


def describe(qid: str) -> str:
    name = CLASS_NAMES.get(qid)
    return f"{name} ({qid})" if name else qid
