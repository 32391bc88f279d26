"""What ``summarise`` counts on a store (triples by layer, entities by type, claims by modality, documents)
and how a ``Summary`` is written (``render`` for the terminal, ``to_json`` for summary.json)."""

from __future__ import annotations

import json

import pyoxigraph as ox

from coi_graph.compile.summary import Summary, summarise
from coi_graph.namespaces import COI_NS, GRAPH

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SUB_CLASS = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
PREF_LABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"
ID = "https://w3id.org/coi-graph/id/"


def _quad(s: str, p: str, o: str | ox.Literal, graph: str | None) -> ox.Quad:
    """A quad in ``graph``: a layer's short name (``plain`` is graph:plain), a claim IRI, or None (default)."""
    obj = o if isinstance(o, ox.Literal) else ox.NamedNode(o)
    if graph is None:
        return ox.Quad(ox.NamedNode(s), ox.NamedNode(p), obj, ox.DefaultGraph())
    name = graph if graph.startswith("http") else GRAPH + graph
    return ox.Quad(ox.NamedNode(s), ox.NamedNode(p), obj, ox.NamedNode(name))


def _store() -> ox.Store:
    """8 ontology, 4 registry, 6 claims, 7 documents triples; 3 in two claim graphs; layers 2, 1 and 3."""
    coi = COI_NS
    quads = [
        _quad(coi + "Actor", SUB_CLASS, coi + "Entity", "ontology"),
        _quad(coi + "Actor", LABEL, ox.Literal("actor"), "ontology"),
        _quad(coi + "Place", SUB_CLASS, coi + "Entity", "ontology"),
        _quad(coi + "Place", LABEL, ox.Literal("place"), "ontology"),
        _quad(coi + "City", SUB_CLASS, coi + "Place", "ontology"),
        _quad(coi + "City", LABEL, ox.Literal("city"), "ontology"),
        _quad(coi + "Stated", PREF_LABEL, ox.Literal("stated"), "ontology"),
        _quad(coi + "Reported", PREF_LABEL, ox.Literal("reported"), "ontology"),
        _quad(ID + "entity/a", RDF_TYPE, coi + "Actor", "registry"),
        _quad(ID + "entity/b", RDF_TYPE, coi + "Actor", "registry"),
        _quad(ID + "entity/c", RDF_TYPE, coi + "City", "registry"),  # a city is an entity through Place
        _quad(ID + "entity/c", LABEL, ox.Literal("C"), "registry"),
    ]
    for n, modality in ((1, "Stated"), (2, "Reported"), (3, "Stated")):
        quads += [
            _quad(f"{ID}claim/{n}", RDF_TYPE, coi + "Claim", "claims"),
            _quad(f"{ID}claim/{n}", coi + "modality", coi + modality, "claims"),
        ]
    doc = ID + "doc/d"
    quads += [
        _quad(doc, coi + "sourceFile", ox.Literal("d.ttl"), "documents"),
        _quad(doc + "/p1", RDF_TYPE, coi + "Passage", "documents"),
        _quad(doc + "/p2", RDF_TYPE, coi + "Passage", "documents"),
        _quad(doc + "/f1", RDF_TYPE, coi + "Footnote", "documents"),
        _quad(doc + "/c1", RDF_TYPE, coi + "Citation", "documents"),
        _quad(ID + "work/w", RDF_TYPE, coi + "Work", "documents"),
        _quad(ID + "work/w", coi + "publisher", ID + "entity/pub", "documents"),
        _quad(ID + "entity/a", coi + "presentAt", ID + "entity/c", ID + "claim/1"),
        _quad(ID + "entity/b", coi + "supports", ID + "entity/a", ID + "claim/2"),
        _quad(ID + "entity/b", coi + "presentAt", ID + "entity/c", ID + "claim/2"),
        _quad(ID + "entity/a", coi + "presentAt", ID + "entity/c", "plain"),
        _quad(ID + "entity/b", coi + "presentAt", ID + "entity/c", "plain"),
        _quad(ID + "claim/1", coi + "mentions", ID + "entity/a", "derived"),
        _quad(ID + "entity/a", RDF_TYPE, coi + "Entity", "inferred"),
        _quad(ID + "entity/b", RDF_TYPE, coi + "Entity", "inferred"),
        _quad(ID + "entity/c", RDF_TYPE, coi + "Place", "inferred"),
        _quad(ID + "entity/x", RDF_TYPE, coi + "Actor", None),  # the default graph is no layer: not counted
    ]
    store = ox.Store()
    store.extend(quads)
    return store


def test_triples_are_counted_by_layer_with_claim_content_part_of_the_asserted() -> None:
    summary = summarise(_store())
    assert summary.triples == {"asserted": 28, "claim_content": 3, "plain": 2, "derived": 1, "inferred": 3}


def test_wikidata_labels_are_neither_asserted_nor_claim_content() -> None:
    """Regression: graph:wikidata (labels from the enrichment cache) was counted as claim content."""
    store = _store()
    store.add(_quad(ID + "entity/a", "http://www.w3.org/2004/02/skos/core#altLabel", ox.Literal("A"), "wikidata"))
    assert summarise(store).triples == summarise(_store()).triples


def test_entities_are_counted_by_the_label_of_their_registry_type() -> None:
    summary = summarise(_store())
    assert summary.entities_by_type == {"actor": 2, "city": 1}  # only the asserted type, not the inferred Place
    assert summary.claims_by_modality == {"stated": 2, "reported": 1}


def test_documents_claims_and_entities_are_counted() -> None:
    summary = summarise(_store())
    assert summary.counts == {
        "entities": 3,
        "claims": 3,
        "documents": 1,
        "passages": 2,
        "footnotes": 1,
        "citations": 1,
        "works": 1,
        "publishers": 1,
    }
    assert (summary.violations, summary.warnings) == (0, 0)


def test_an_empty_store_counts_zero_everywhere() -> None:
    summary = summarise(ox.Store())
    assert set(summary.triples.values()) == {0}
    assert set(summary.counts.values()) == {0}
    assert summary.entities_by_type == {} and summary.claims_by_modality == {}


def test_render_writes_one_line_per_fact_and_entity_types_by_count() -> None:
    summary = Summary(
        triples={"asserted": 28, "claim_content": 3, "plain": 2, "derived": 1, "inferred": 3},
        entities_by_type={"city": 1, "actor": 2, "armed force": 2},
        claims_by_modality={"stated": 2, "reported": 1},
        counts={"entities": 5, "claims": 3, "documents": 1, "passages": 2, "citations": 4, "works": 1},
        violations=1,
        warnings=2,
    )
    assert summary.render() == (
        "triples   asserted 28 (claim content 3), plain layer 2, derived 1, inferred 3\n"
        "documents 1, passages 2, footnotes 0, citations 4, works 1, cited publishers 0\n"
        "claims    3 (reported 1, stated 2)\n"
        "entities  5\n"
        f"  {'actor':<24} 2\n"
        f"  {'armed force':<24} 2\n"
        f"  {'city':<24} 1\n"
        "violations 1, warnings 2\n"
    )


def test_to_json_is_sorted_indented_and_reads_back() -> None:
    summary = Summary(triples={"plain": 2, "asserted": 5}, counts={"claims": 3}, violations=4)
    text = summary.to_json()
    assert text.endswith("}\n")
    assert json.loads(text) == {
        "triples": {"plain": 2, "asserted": 5},
        "entities_by_type": {},
        "claims_by_modality": {},
        "counts": {"claims": 3},
        "violations": 4,
        "warnings": 0,
    }
    assert text.index('"asserted"') < text.index('"plain"')  # keys sorted, for a stable file
    assert '\n  "counts": {' in text
