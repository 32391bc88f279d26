"""The Wikidata API (``wbsearchentities``, ``wbgetentities``) and the W3C Reconciliation Service API,
read into plain records. Anything that is not in the documented shape raises :class:`HttpError`
with what was wrong, never a KeyError."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from coi_graph.link.http import Client, HttpError

WIKIDATA_API = "https://www.wikidata.org/w/api.php"
RECONCILIATION_ENDPOINT = "https://wikidata.reconci.link/en/api"


@dataclass
class Item:
    """What coi-graph uses of a Wikidata item."""

    qid: str
    labels: dict[str, str] = field(default_factory=dict)
    aliases: dict[str, list[str]] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)
    claims: dict[str, list[Any]] = field(default_factory=dict)  # P31, P17, P131: QIDs; P625: coordinates
    redirected_from: str | None = None
    missing: bool = False

    def values(self, pid: str) -> list[Any]:
        return self.claims.get(pid, [])


@dataclass
class Match:
    """A candidate item for a name."""

    qid: str
    label: str
    score: float  # 0-1
    description: str = ""
    types: list[str] = field(default_factory=list)
    exact: bool = False
    source: str = "reconciliation"


def _fail(what: str, data: object) -> HttpError:
    return HttpError(f"malformed {what} response: {json.dumps(data, ensure_ascii=False)[:160]}")


def reconcile(client: Client, endpoint: str, queries: dict[str, dict[str, Any]]) -> dict[str, list[Match]]:
    """One batch of W3C Reconciliation API queries: ``{"q0": {"query": ..., "type": ..., "properties":
    [{"pid": ..., "v": ...}], "limit": ...}}``; results ``{"q0": {"result": [{"id", "name", "score",
    "match", "type": [{"id", "name"}]}]}}``."""
    data = client.post_json(endpoint, {"queries": json.dumps(queries, sort_keys=True)})
    if not isinstance(data, dict):
        raise _fail("reconciliation", data)
    found: dict[str, list[Match]] = {}
    for key in queries:
        block = data.get(key)
        if not isinstance(block, dict) or not isinstance(block.get("result"), list):
            raise _fail("reconciliation", data)
        matches = []
        for result in block["result"]:
            if not isinstance(result, dict) or not isinstance(result.get("id"), str):
                raise _fail("reconciliation", result)
            score = result.get("score", 0)
            score = float(score) if isinstance(score, (int, float)) else 0.0
            types = [
                str(t["id"]) for t in result.get("type") or [] if isinstance(t, dict) and isinstance(t.get("id"), str)
            ]
            normalised = min(1.0, score / 100 if score > 1 else score)  # services score 0-100 or 0-1
            matches.append(Match(qid=result["id"], label=str(result.get("name", "")), score=normalised,
                                 description=str(result.get("description", "") or ""), types=types,
                                 exact=bool(result.get("match")), source="reconciliation"))  # fmt: skip
        found[key] = matches
    return found


def search(client: Client, name: str, *, language: str = "en", limit: int = 7, api: str = WIKIDATA_API) -> list[Match]:
    """``wbsearchentities``: items whose label or alias matches ``name``."""
    params = {"action": "wbsearchentities", "search": name, "language": language, "uselang": language,
              "type": "item", "limit": str(limit), "format": "json", "maxlag": "5"}  # fmt: skip
    data = client.get_json(api, params)
    if not isinstance(data, dict) or "error" in data or not isinstance(data.get("search"), list):
        raise _fail("wbsearchentities", data)
    matches = []
    for position, hit in enumerate(data["search"]):
        if not isinstance(hit, dict) or not isinstance(hit.get("id"), str):
            raise _fail("wbsearchentities", hit)
        label = str(hit.get("label", ""))
        matched = hit.get("match")
        text = matched.get("text", label) if isinstance(matched, dict) else label
        exact = str(text).casefold() == name.casefold()
        matches.append(Match(qid=hit["id"], label=label, description=str(hit.get("description", "") or ""),
                             score=max(0.1, 0.9 - 0.1 * position), exact=exact, source="wbsearchentities"))  # fmt: skip
    return matches


def get_entities(client: Client, qids: list[str], languages: list[str], api: str = WIKIDATA_API,
                 progress: Callable[[int], None] | None = None) -> dict[str, Item]:  # fmt: skip
    """``wbgetentities`` in batches of 50: labels, aliases, descriptions and claims. The keys are the
    QIDs asked for; a redirected QID maps to its target's item with ``redirected_from`` set. ``progress``
    is called with the size of each batch once it is read."""
    items: dict[str, Item] = {}
    for start in range(0, len(qids), 50):
        batch = qids[start : start + 50]
        data = client.get_json(api, {"action": "wbgetentities", "ids": "|".join(batch),
                                              "props": "labels|aliases|descriptions|claims",
                                              "languages": "|".join(languages), "format": "json",
                                              "maxlag": "5"})  # fmt: skip
        if not isinstance(data, dict) or "error" in data or not isinstance(data.get("entities"), dict):
            raise _fail("wbgetentities", data)
        for key, entity in data["entities"].items():
            if not isinstance(entity, dict):
                raise _fail("wbgetentities", entity)
            item = _item(key, entity)
            items[item.redirected_from or key] = item
        for qid in batch:  # some servers key a redirect by its target only
            if qid not in items:
                target = next((i for i in items.values() if i.redirected_from == qid), None)
                items[qid] = target or Item(qid=qid, missing=True)
        if progress is not None:
            progress(len(batch))
    return items


def _item(key: str, entity: dict[str, Any]) -> Item:
    if "missing" in entity:
        return Item(qid=str(entity.get("id", key)), missing=True)
    redirects = entity.get("redirects")
    redirected_from = str(redirects.get("from")) if isinstance(redirects, dict) and redirects.get("from") else None
    if redirected_from is None and isinstance(entity.get("id"), str) and entity["id"] != key:
        redirected_from = key
    item = Item(qid=str(entity.get("id", key)), redirected_from=redirected_from)
    for language, value in (entity.get("labels") or {}).items():
        if isinstance(value, dict) and isinstance(value.get("value"), str):
            item.labels[language] = value["value"]
    for language, values in (entity.get("aliases") or {}).items():
        item.aliases[language] = [v["value"] for v in values if isinstance(v, dict) and isinstance(v.get("value"), str)]
    for language, value in (entity.get("descriptions") or {}).items():
        if isinstance(value, dict) and isinstance(value.get("value"), str):
            item.descriptions[language] = value["value"]
    for pid, statements in (entity.get("claims") or {}).items():
        for statement in statements if isinstance(statements, list) else []:
            value = _snak_value(statement)
            if value is not None:
                item.claims.setdefault(pid, []).append(value)
    return item


def _snak_value(statement: Any) -> Any:
    """A statement's main value: a QID for an item, a dict for a coordinate, a string otherwise."""
    if not isinstance(statement, dict) or statement.get("rank") == "deprecated":
        return None
    snak = statement.get("mainsnak")
    if not isinstance(snak, dict) or snak.get("snaktype") not in (None, "value"):
        return None
    datavalue = snak.get("datavalue")
    if not isinstance(datavalue, dict):
        return None
    value = datavalue.get("value")
    if isinstance(value, dict) and isinstance(value.get("id"), str):
        return value["id"]
    if isinstance(value, dict) and "latitude" in value and "longitude" in value:
        return {"latitude": value["latitude"], "longitude": value["longitude"], "precision": value.get("precision")}
    if isinstance(value, str):
        return value
    return None
