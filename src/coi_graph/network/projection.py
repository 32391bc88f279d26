"""Project the knowledge graph onto a networkx MultiDiGraph.

Nodes are entities (and events, when they are kept as nodes). Each edge is one relation between
two nodes, aggregated over every claim that asserts it, and carries its evidence: the number of
claims and of distinct publishers, the first and last date, the modalities, the footnotes and the
claim IRIs, and one time spell per claim for Gephi's timeline.

Options choose the relations and node types, a time window or an "as known at" date, whether
events are nodes (actor -> event -> place) or collapsed into actor-actor and actor-place edges,
which modalities count, and whether inferred and registry edges are added.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

import networkx as nx

from coi_graph.network.style import category
from coi_graph.store import AnyStore, Value, select

COI = "https://w3id.org/coi-graph/ontology#"
AFFIRMATIVE = ("stated", "reported")

# relations between entities that become edges (inverse properties are left out: they add nothing)
RELATIONS = (
    "supports", "alliedWith", "cooperatesWith", "hasRelationsWith", "opposes", "fights", "threatens",
    "memberOf", "partOf", "leads", "governmentOf", "holdsPosition", "positionIn",
    "presentAt", "stationedAt", "controls", "controlsPartOf", "locatedIn", "adjacentTo",
)  # fmt: skip
ACTOR_ROLES = ("agent", "speaker", "participant", "party", "target")
PLACE_ROLES = ("atPlace", "destination", "origin")
EVENT_LINKS = ("after", "resultOf", "plannedEvent", "stipulates")
# a node of two kinds (a state that is also a country) takes the first that applies
_TYPE_PRIORITY = ("actor", "place", "position")

EventMode = Literal["collapse", "nodes"]


@dataclass(frozen=True)
class ProjectionOptions:
    relations: frozenset[str] = frozenset()  # empty: all
    node_types: frozenset[str] = frozenset()  # type labels or class names, with subclasses; empty: all
    start: date | None = None  # keep claims that reach this date
    end: date | None = None  # keep claims that start by this date
    as_of: date | None = None  # only documents published by this date, and what had happened by then
    events: EventMode = "collapse"
    modalities: tuple[str, ...] = AFFIRMATIVE  # modality labels that count
    inferred: bool = False  # add edges that OWL RL reasoning infers between entities
    registry: bool = True  # add the registry's structural edges (part of, located in, ...) among claimed entities
    keep_isolates: bool = False


@dataclass
class _Evidence:
    label: str
    claims: set[str] = field(default_factory=set)
    publishers: set[str] = field(default_factory=set)
    modalities: set[str] = field(default_factory=set)
    footnotes: set[int] = field(default_factory=set)
    spells: set[tuple[str, str]] = field(default_factory=set)
    events: set[str] = field(default_factory=set)
    origin: str = "claims"


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _text(value: Value | None) -> str | None:
    return value.text if value is not None else None


NODES = """
SELECT ?e ?label ?type ?type_label ?qid ?lat ?lon ?precision WHERE {
  GRAPH graph:registry { ?e a ?type }
  ?type rdfs:subClassOf* coi:Entity ; rdfs:label ?type_label .
  ?e skos:prefLabel ?label .
  OPTIONAL { ?e coi:wikidata ?qid }
  OPTIONAL { ?e coi:latitude ?lat ; coi:longitude ?lon . OPTIONAL { ?e coi:coordinatePrecision ?precision } }
}
"""
ALIASES = "SELECT ?e ?alias WHERE { GRAPH graph:registry { ?e skos:altLabel ?alias } }"
CLASSES = """
SELECT ?class ?label ?root WHERE {
  VALUES ?root { coi:Actor coi:Place coi:Position coi:Event }
  ?class rdfs:subClassOf* ?root ; rdfs:label ?label .
}
"""
CLAIM_TRIPLES = """
SELECT ?claim ?s ?p ?o ?modality ?from ?to ?doc_from ?doc_to ?footnotes WHERE {
  ?claim a coi:Claim ; coi:modality ?m ; coi:inDocument ?doc .
  ?m skos:prefLabel ?modality .
  ?doc coi:dateFrom ?doc_from ; coi:dateTo ?doc_to .
  GRAPH ?claim { ?s ?p ?o }
  FILTER (isIRI(?o) && ?p != rdf:type)
  OPTIONAL { ?claim coi:dateFrom ?from }
  OPTIONAL { ?claim coi:dateTo ?to }
  OPTIONAL { ?claim coi:footnoteList ?footnotes }
}
"""
CLAIM_PUBLISHERS = """
SELECT DISTINCT ?claim ?publisher WHERE {
  { ?claim a coi:Claim ; coi:footnote ?fn . ?fn coi:hasCitation ?c . ?c coi:publisher ?publisher . }
  UNION
  { ?claim a coi:Claim ; coi:inDocument ?d . FILTER NOT EXISTS { ?claim coi:footnote ?any }
    ?d coi:publisher ?publisher . }
}
"""
EVENTS = """
SELECT DISTINCT ?event ?type ?label WHERE {
  ?claim a coi:Claim .
  GRAPH ?claim { ?event a ?type }
  ?type rdfs:subClassOf* coi:Event .
  OPTIONAL { ?event skos:prefLabel ?label }
}
"""
LAYER_EDGES = {
    "registry": "SELECT ?s ?p ?o WHERE { GRAPH graph:registry { ?s ?p ?o } FILTER (isIRI(?o)) }",
    "inferred": "SELECT ?s ?p ?o WHERE { GRAPH graph:inferred { ?s ?p ?o } FILTER (isIRI(?o)) }",
}


@dataclass
class _Claim:
    iri: str
    modality: str
    start: str
    end: str
    footnotes: list[int]


def _claim_in_scope(row: dict[str, Value | None], options: ProjectionOptions) -> tuple[str, str] | None:
    """The claim's effective day range, or None when the options leave it out."""
    claim_from, claim_to = _text(row["from"]), _text(row["to"])
    doc_from, doc_to = _text(row["doc_from"]) or "", _text(row["doc_to"]) or ""
    dated = claim_from is not None or claim_to is not None
    start = (claim_from or claim_to or "") if dated else doc_from
    end = (claim_to or claim_from or "") if dated else doc_to
    if options.as_of is not None:
        if doc_to > options.as_of.isoformat():
            return None
        if claim_from is not None and claim_from > options.as_of.isoformat():
            return None
    if options.start is not None and end and end < options.start.isoformat():
        return None
    if options.end is not None and start and start > options.end.isoformat():
        return None
    return start, end


class _Builder:
    def __init__(self, store: AnyStore, options: ProjectionOptions) -> None:
        self.store = store
        self.options = options
        self.graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
        self.edges: dict[tuple[str, str, str], _Evidence] = {}
        self.class_kind: dict[str, str] = {}
        self.class_label: dict[str, str] = {}
        self.class_ancestors: dict[str, set[str]] = defaultdict(set)
        self._claimed: set[str] | None = None  # the entities the claims name

    def classes(self) -> None:
        for row in select(self.store, CLASSES):
            cls, label, root = _text(row["class"]), _text(row["label"]), _text(row["root"])
            assert cls and label and root
            kind = _local(root).lower()
            self.class_label[cls] = label
            self.class_ancestors[cls].add(_local(root))
            if kind in (*_TYPE_PRIORITY, "event"):
                current = self.class_kind.get(cls)
                self.class_kind[cls] = kind if current is None else current
        for row in select(self.store, "SELECT ?c ?a WHERE { ?c rdfs:subClassOf* ?a . ?a rdfs:label ?l }"):
            c, a = _text(row["c"]), _text(row["a"])
            if c and a:
                self.class_ancestors[c].update({_local(a), self.class_label.get(a, "")})

    def _wanted_type(self, classes: set[str]) -> bool:
        wanted = self.options.node_types
        if not wanted:
            return True
        names = set().union(*(self.class_ancestors.get(c, set()) for c in classes)) if classes else set()
        return bool({n.lower() for n in names if n} & {w.lower() for w in wanted})

    def nodes(self) -> None:
        types: dict[str, set[str]] = defaultdict(set)
        attrs: dict[str, dict[str, object]] = {}
        for row in select(self.store, NODES):
            iri, label, cls = _text(row["e"]), _text(row["label"]), _text(row["type"])
            assert iri and label and cls
            types[iri].add(cls)
            data = attrs.setdefault(iri, {"label": label, "iri": iri, "aliases": []})
            if row["qid"]:
                data["wikidata"] = row["qid"].text
            if row["lat"] and row["lon"]:
                data["latitude"] = float(row["lat"].text)
                data["longitude"] = float(row["lon"].text)
                if row["precision"]:
                    data["precision"] = float(row["precision"].text)
        for row in select(self.store, ALIASES):
            iri, alias = _text(row["e"]), _text(row["alias"])
            if iri in attrs and alias:
                aliases = attrs[iri]["aliases"]
                assert isinstance(aliases, list)
                aliases.append(alias)
        for iri, data in attrs.items():
            if not self._wanted_type(types[iri]):
                continue
            node_type, kind = self._pick_type(types[iri])
            aliases = data["aliases"]
            assert isinstance(aliases, list)
            data["aliases"] = sorted(aliases)
            data.update({"type": node_type, "kind": kind, "category": category(node_type, kind)})
            self.graph.add_node(iri, **data)

    def _pick_type(self, classes: set[str]) -> tuple[str, str]:
        """The most specific asserted type, preferring the actor side of a state-and-country."""

        def rank(cls: str) -> tuple[int, int, str]:
            kind = self.class_kind.get(cls, "other")
            priority = _TYPE_PRIORITY.index(kind) if kind in _TYPE_PRIORITY else len(_TYPE_PRIORITY)
            return (priority, -len(self.class_ancestors.get(cls, ())), self.class_label.get(cls, cls))

        best = min(classes, key=rank)
        return self.class_label.get(best, _local(best)), self.class_kind.get(best, "other")

    def events(self) -> dict[str, tuple[str, str]]:
        """Event IRI -> (type label, label)."""
        found: dict[str, tuple[str, str, int]] = {}
        for row in select(self.store, EVENTS):
            iri, cls = _text(row["event"]), _text(row["type"])
            assert iri and cls
            type_label = self.class_label.get(cls, _local(cls))
            depth = len(self.class_ancestors.get(cls, ()))
            # an event typed differently in two claims keeps its most specific type
            if iri not in found or depth > found[iri][2]:
                found[iri] = (type_label, _text(row["label"]) or type_label, depth)
        return {iri: (type_label, label) for iri, (type_label, label, _) in found.items()}

    def _add(self, source: str, target: str, key: str, label: str, claim: _Claim | None, publishers: set[str],
             origin: str = "claims", event: str | None = None) -> None:  # fmt: skip
        if source == target or source not in self.graph or target not in self.graph:
            return
        if (
            self.options.relations
            and key.split("|")[0] not in self.options.relations
            and label not in self.options.relations
        ):
            return
        evidence = self.edges.setdefault((source, target, key), _Evidence(label=label, origin=origin))
        if claim is not None:
            evidence.claims.add(claim.iri)
            evidence.publishers.update(publishers)
            evidence.modalities.add(claim.modality)
            evidence.footnotes.update(claim.footnotes)
            if claim.start or claim.end:
                evidence.spells.add((claim.start or claim.end, claim.end or claim.start))
        if event is not None:
            evidence.events.add(event)

    def claims(self) -> None:
        publishers: dict[str, set[str]] = defaultdict(set)
        for row in select(self.store, CLAIM_PUBLISHERS):
            if row["claim"] and row["publisher"]:
                publishers[row["claim"].text].add(row["publisher"].text)
        events = self.events()
        wanted = {t.lower() for t in self.options.node_types}
        if self.options.events == "nodes" and (not wanted or "event" in wanted):
            for iri, (type_label, label) in events.items():
                self.graph.add_node(
                    iri, label=label, iri=iri, type=type_label, kind="event", category="event", aliases=[]
                )
        by_claim: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
        claims: dict[str, _Claim] = {}
        for row in select(self.store, CLAIM_TRIPLES):
            modality = _text(row["modality"]) or ""
            if modality not in self.options.modalities:
                continue
            scope = _claim_in_scope(row, self.options)
            if scope is None:
                continue
            claim_iri = _text(row["claim"])
            s, p, o = _text(row["s"]), _text(row["p"]), _text(row["o"])
            assert claim_iri and s and p and o
            footnotes = [int(n) for n in (_text(row["footnotes"]) or "").split(";") if n]
            claims[claim_iri] = _Claim(claim_iri, modality, scope[0], scope[1], footnotes)
            by_claim[claim_iri].append((s, p, o))
        for iri, triples in by_claim.items():
            claim = claims[iri]
            suffix = "" if claim.modality in AFFIRMATIVE else f"|{claim.modality}"
            cited = publishers.get(iri, set())
            roles: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
            for s, p, o in triples:
                name = p.removeprefix(COI)
                if name in RELATIONS:
                    self._add(s, o, name + suffix, _label_of(name), claim, cited)
                elif name in ACTOR_ROLES or name in PLACE_ROLES or name in EVENT_LINKS:
                    roles[s][name].add(o)
            for event, by_role in roles.items():
                if event not in events:
                    continue
                if self.options.events == "nodes":
                    for role, values in by_role.items():
                        for value in values:
                            if role in ACTOR_ROLES:
                                self._add(value, event, role + suffix, role, claim, cited)
                            else:
                                self._add(event, value, role + suffix, _label_of(role), claim, cited)
                else:
                    self._collapse(event, events[event][0], by_role, claim, cited, suffix)

    def _collapse(self, event: str, type_label: str, by_role: dict[str, set[str]], claim: _Claim,
                  cited: set[str], suffix: str) -> None:  # fmt: skip
        agents = sorted(by_role.get("agent", set()) | by_role.get("speaker", set()))
        others = sorted(by_role.get("participant", set()) | by_role.get("party", set()) | by_role.get("target", set()))
        places = sorted(set().union(*(by_role.get(r, set()) for r in PLACE_ROLES)))
        key = f"event:{type_label}{suffix}"
        for i, agent in enumerate(agents):
            for other in others:
                self._add(agent, other, key, type_label, claim, cited, event=event)
            for co_agent in agents[i + 1 :]:
                self._add(agent, co_agent, key, type_label, claim, cited, event=event)
            for place in places:
                self._add(agent, place, key, type_label, claim, cited, event=event)
        if not agents:
            for i, other in enumerate(others):
                for second in others[i + 1 :]:
                    self._add(other, second, key, type_label, claim, cited, event=event)

    def layer(self, origin: str) -> None:
        """The registry's structural edges or the inferred ones, among the entities the claims name: a
        registry of hundreds of places and actors must not drown the network of what the documents say."""
        if self._claimed is None:
            self._claimed = {node for s, o, _ in self.edges for node in (s, o)}
        for row in select(self.store, LAYER_EDGES[origin]):
            s, p, o = _text(row["s"]), _text(row["p"]), _text(row["o"])
            assert s and p and o
            name = p.removeprefix(COI)
            if s not in self._claimed or o not in self._claimed:
                continue
            if name in RELATIONS and (s, o, name) not in self.edges:
                self._add(s, o, name, _label_of(name), None, set(), origin=origin)

    def finish(self) -> nx.MultiDiGraph[str]:
        for (source, target, key), evidence in sorted(self.edges.items()):
            spells = sorted(evidence.spells)
            data: dict[str, object] = {
                "relation": key.split("|")[0],
                "label": evidence.label,
                "claims": len(evidence.claims),
                "publishers": len(evidence.publishers),
                "modality": sorted(evidence.modalities),
                "footnotes": sorted(evidence.footnotes),
                "claim_ids": sorted(evidence.claims),
                "origin": evidence.origin,
                "inferred": evidence.origin == "inferred",
                "weight": float(max(1, len(evidence.claims))),
                "spells": spells,
            }
            if spells:
                data["first"] = min(s for s, _ in spells)
                data["last"] = max(e for _, e in spells)
            if evidence.events:
                data["events"] = sorted(evidence.events)
            self.graph.add_edge(source, target, key=key, **data)
        if not self.options.keep_isolates:
            self.graph.remove_nodes_from([n for n in list(self.graph) if self.graph.degree(n) == 0])
        for node in self.graph:
            dated = [
                (str(d["first"]), str(d["last"])) for _, _, d in self.graph.edges(node, data=True) if "first" in d
            ] + [(str(d["first"]), str(d["last"])) for _, _, d in self.graph.in_edges(node, data=True) if "first" in d]
            if dated:
                # the node exists on Gephi's timeline from its first claim to its last
                self.graph.nodes[node]["spells"] = [(min(s for s, _ in dated), max(e for _, e in dated))]
        return self.graph


def _label_of(name: str) -> str:
    """'stationedAt' -> 'stationed at'."""
    words: list[str] = []
    current = ""
    for char in name:
        if char.isupper() and current:
            words.append(current)
            current = char.lower()
        else:
            current += char
    words.append(current)
    return " ".join(words)


def project(store: AnyStore, options: ProjectionOptions | None = None) -> nx.MultiDiGraph[str]:
    """The network of the built store under ``options``."""
    builder = _Builder(store, options or ProjectionOptions())
    builder.classes()
    builder.nodes()
    builder.claims()
    if builder.options.registry:
        builder.layer("registry")
    if builder.options.inferred:
        builder.layer("inferred")
    return builder.finish()


def node_items(graph: nx.MultiDiGraph[str]) -> list[tuple[str, dict[str, object]]]:
    """The nodes and their data, sorted by node id."""
    return [(node, dict(graph.nodes[node])) for node in sorted(graph.nodes)]


def edge_items(graph: nx.MultiDiGraph[str]) -> list[tuple[str, str, str, dict[str, object]]]:
    """The edges, keys and data, sorted by source, target and key."""
    keys = sorted(graph.edges(keys=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2])))
    return [(str(u), str(v), str(k), dict(graph.edges[u, v, k])) for u, v, k in keys]
