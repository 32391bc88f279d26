"""The enrichment cache: what Wikidata says of the linked entities, kept in ``data/enrichment/wikidata.json``.

For each entity with a confirmed link: labels and aliases in the chosen languages, coordinates
(P625), instance of (P31), country (P17) and located in (P131). Every value carries the day it was
retrieved. The build and the gazetteer read the file offline; ``coi-graph enrich`` writes it. A QID
that now redirects, or that no longer exists, is reported and its entry kept as it was.

The file is versioned (``"version": 1``) and written sorted, so that it changes only when Wikidata
did (or when new entities are linked).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from rdflib import URIRef

from coi_graph.errors import InputError, Location
from coi_graph.fsutil import atomic_write
from coi_graph.link.http import Client
from coi_graph.link.types import (
    COORDINATES_PID,
    COUNTRY_PID,
    INSTANCE_OF_PID,
    LOCATED_IN_PID,
    MEMBER_OF_PID,
    PART_OF_PID,
)
from coi_graph.link.wikidata import WIKIDATA_API, get_entities

ENRICHMENT_FILE = Path("enrichment") / "wikidata.json"
FORMAT = "coi-graph Wikidata enrichment"
VERSION = 1
DEFAULT_LANGUAGES = ("en", "ar", "ku", "ckb", "kmr")
CLAIMS = {INSTANCE_OF_PID: "instance_of", COUNTRY_PID: "country", LOCATED_IN_PID: "located_in",
          COORDINATES_PID: "coordinates", PART_OF_PID: "part_of", MEMBER_OF_PID: "member_of"}  # fmt: skip


@dataclass
class Report:
    updated: list[str] = field(default_factory=list)
    redirected: list[tuple[str, str, str]] = field(default_factory=list)  # entity, old QID, new QID
    missing: list[tuple[str, str]] = field(default_factory=list)  # entity, QID


def read(data_dir: Path) -> dict[str, Any]:
    path = data_dir / ENRICHMENT_FILE
    if not path.is_file():
        return {"format": FORMAT, "version": VERSION, "entities": {}}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise InputError(Location(path, getattr(exc, "lineno", None)), f"not valid JSON: {exc}") from exc
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("entities"), dict):
        raise InputError(Location(path), f"not a version {VERSION} enrichment cache",
                         hint="run coi-graph enrich --allow-network to rebuild it")  # fmt: skip
    return data


def enrich(client: Client, links: dict[URIRef, str], data: dict[str, Any], *, languages: list[str],
           day: date, api: str = WIKIDATA_API, progress: Callable[[int], None] | None = None) -> Report:  # fmt: skip
    """Fetch the linked items and update ``data`` in place. ``progress`` is called with the number of QIDs
    of each batch fetched."""
    report = Report()
    qids = sorted(set(links.values()))
    items = get_entities(client, qids, languages, api=api, progress=progress)
    stamp = day.isoformat()
    entities: dict[str, Any] = data.setdefault("entities", {})
    for entity, qid in sorted(links.items(), key=lambda kv: str(kv[0])):
        item = items.get(qid)
        if item is None or item.missing:
            report.missing.append((str(entity), qid))
            continue
        if item.redirected_from:
            report.redirected.append((str(entity), qid, item.qid))
        record: dict[str, Any] = {
            "qid": qid,
            "retrieved": stamp,
            "labels": {lang: {"value": value, "retrieved": stamp} for lang, value in sorted(item.labels.items())},
            "aliases": {
                lang: [{"value": v, "retrieved": stamp} for v in values]
                for lang, values in sorted(item.aliases.items())
                if values
            },
        }
        if item.redirected_from:
            record["redirected_to"] = item.qid
        for pid, key in CLAIMS.items():
            values = item.values(pid)
            if values:
                record[key] = [{"value": v, "retrieved": stamp} for v in values]
        entities[str(entity)] = record
        report.updated.append(str(entity))
    data["entities"] = dict(sorted(entities.items()))
    return report


def write(data_dir: Path, data: dict[str, Any]) -> Path:
    path = data_dir / ENRICHMENT_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"format": FORMAT, "version": VERSION, "entities": data.get("entities", {})}
    with atomic_write(path) as handle:
        handle.write(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
    return path
