"""OWL 2 RL as compiled SPARQL rules: the TBox read and closed, the data rules generated, then run to a fixpoint
(the package docstring says how and why)."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF
from rdflib.term import Node

from coi_graph.compile.reason.rules import ClassCheck, PropertyCheck, Rule, RuleSet
from coi_graph.compile.reason.sparql import (
    ALL,
    DELTA,
    EQ,
    EXTRA,
    JOINED,
    OUT,
    SRC,
    absent_pattern,
    iri_text,
    kept_property,
    kept_subject,
    kept_triple,
    match_in,
    minus_pattern,
    values_block,
)
from coi_graph.compile.reason.tbox import (
    Restriction,
    TBox,
    check_supported,
    close_tbox,
    index_pairs,
    inventory,
    read_tbox,
)
from coi_graph.compile.reason.vocabulary import (
    MARK,
    METACLASSES,
    NOTHING,
    SAME_AS_IRI,
    SCHEMA_PREDICATES,
    SKOLEM,
    TRIVIAL_TYPES,
    TYPE_IRI,
    UNIMPLEMENTED_PREDICATES,
    W3C_NAMESPACES,
    UnsupportedAxiom,
    is_datatype_class,
)

log = logging.getLogger(__name__)


def compile_rules(ontology: Graph) -> RuleSet:
    """Read the ontology's axioms and generate the rules that matter for data resources.

    Raises UnsupportedAxiom if the ontology uses an axiom type the rules do not implement.
    """
    constructs = inventory(ontology)
    tbox = close_tbox(read_tbox(ontology))
    check_supported(ontology, tbox)
    return _Compiler(ontology, tbox).compile(tuple(constructs))


def _skolemise(tbox: TBox) -> dict[Node, str]:
    """Name the blank-node classes (restrictions, anonymous class expressions) so types can be stored."""
    nodes: set[Node] = {r.node for r in tbox.restrictions} | {x for pair in tbox.sub_class for x in pair}
    blank = sorted((n for n in nodes if isinstance(n, BNode)), key=str)
    return {n: f"{SKOLEM}{i}" for i, n in enumerate(blank)}


def _schema_signatures(ontology: Graph) -> dict[tuple[str, str, str], int]:
    """The ontology's schema triples as counted signatures (see triple_signature)."""
    counts: dict[tuple[str, str, str], int] = defaultdict(int)
    for s, p, o in ontology:
        if p in SCHEMA_PREDICATES | UNIMPLEMENTED_PREDICATES or (p == RDF.type and o in METACLASSES):
            counts[triple_signature(str(s), isinstance(s, BNode), str(p), str(o), isinstance(o, BNode))] += 1
    return dict(counts)


def triple_signature(s: str, s_blank: bool, p: str, o: str, o_blank: bool) -> tuple[str, str, str]:
    """A schema triple with its blank nodes made anonymous: their ids differ between rdflib and the
    store, so restrictions and lists are compared by how many of each shape there are."""
    return ("_" if s_blank else s, p, "_" if o_blank else o)


class _Compiler:
    """Turns the closed TBox into SPARQL text and tables (one instance per compile_rules call)."""

    def __init__(self, ontology: Graph, tbox: TBox) -> None:
        self.ontology = ontology
        self.tbox = tbox
        self.skolem = _skolemise(tbox)
        self.inverse = index_pairs([*tbox.inverse, *((b, a) for a, b in tbox.inverse)])
        self.expansion = {p: self._expansion(p) for p in self._properties()}
        self.relevant = frozenset(self.key(n) for n in self._relevant())

    # -- naming -------------------------------------------------------------------------------------

    def key(self, node: Node) -> str:
        """How the store names a class or property: its IRI, or the skolem IRI of a blank node."""
        return self.skolem.get(node, str(node))

    def sparql(self, node: Node) -> str:
        """An ontology term as SPARQL text: IRIs and skolemised classes as IRIs, literals in N3."""
        if isinstance(node, Literal):
            text = node.n3()
            if MARK in text:
                raise UnsupportedAxiom(f"literal {text!r} cannot be written into a SPARQL rule")
            return text
        if isinstance(node, BNode) and node not in self.skolem:
            raise UnsupportedAxiom(f"blank node {node} used where a named term is needed")
        return iri_text(self.key(node))

    @staticmethod
    def output_class(node: Node) -> bool:
        """Would reason._keep keep ``?x rdf:type node`` for a data resource ?x?"""
        return isinstance(node, URIRef) and node not in TRIVIAL_TYPES and not str(node).startswith(W3C_NAMESPACES)

    def materialised(self, node: Node) -> bool:
        """Types to this class are stored: they are output, or a rule or check reads them."""
        return self.output_class(node) or self.key(node) in self.relevant

    def closed(self, classes: Iterable[Node]) -> set[Node]:
        return {s for c in classes for s in self.tbox.supers(c)}

    # -- what rules and checks read ----------------------------------------------------------------

    def _relevant(self) -> set[Node]:
        t = self.tbox
        nodes: set[Node] = {OWL.Nothing}
        nodes.update(c for pair in t.disjoint_pairs + t.complements for c in pair)
        nodes.update(c for members in t.disjoint_lists for c in members)
        nodes.update(c for _, members in t.intersections for c in members)
        for r in t.restrictions:
            if r.kind == OWL.someValuesFrom and r.filler != OWL.Thing:
                nodes.add(r.filler)
            if r.kind in (OWL.allValuesFrom, OWL.hasValue):
                nodes.add(r.node)
        return {n for n in nodes if not is_datatype_class(n)}

    # -- property expansion: prp-spo1, prp-eqp1/2, prp-inv1/2, prp-symp -----------------------------

    def _properties(self) -> set[Node]:
        t = self.tbox
        found = {a for a, _ in t.sub_property} | set(self.inverse) | t.characteristics[OWL.SymmetricProperty]
        return found | {p for p, _ in t.domain | t.range}

    def _expansion(self, prop: Node) -> set[tuple[Node, bool]]:
        """Every (property, same direction?) that a triple of ``prop`` implies by spo/eqp/inv/symp, closed."""
        symmetric = self.tbox.characteristics[OWL.SymmetricProperty]
        seen: set[tuple[Node, bool]] = {(prop, True)}
        todo = [(prop, True)]
        while todo:
            p, forward = todo.pop()
            implied = {(q, forward) for q in self.tbox.super_properties(p)}
            implied |= {(q, not forward) for q in self.inverse.get(p, ())}
            if p in symmetric:
                implied.add((p, not forward))
            for item in implied - seen:
                seen.add(item)
                todo.append(item)
        return seen

    def expand_rules(self) -> tuple[tuple[Rule, ...], tuple[tuple[str, str], ...]]:
        forward: list[tuple[str, str]] = []
        backward: list[tuple[str, str]] = []
        for p, items in sorted(self.expansion.items(), key=lambda kv: str(kv[0])):
            for q, same in sorted(items, key=lambda i: (str(i[0]), i[1])):
                if (q, same) != (p, True):
                    (forward if same else backward).append((self.sparql(p), self.sparql(q)))
        if not forward and not backward:
            return (), ()
        branches = []
        if forward:
            branches.append(f"{{ {values_block(('in', 'p'), forward)} {match_in('?s ?in ?o', graphs=SRC)} }}")
        if backward:
            branches.append(f"{{ {values_block(('in', 'p'), backward)} {match_in('?o ?in ?s', graphs=SRC)} }}")
        head = "INSERT { GRAPH ?out { ?s ?p ?o } } WHERE { " + " UNION ".join(branches) + " FILTER(!isLiteral(?s)) "
        tail = f" BIND(IF({kept_property('s', 'p', 'o')}, {OUT}, {EXTRA}) AS ?out) }}"
        targets = " ".join(sorted({row[1] for row in forward + backward}))
        text = head + absent_pattern("?s ?p ?o") + tail
        bulk = head + minus_pattern("?s ?p ?o", f"VALUES ?p {{ {targets} }}") + tail
        guards: tuple[tuple[str, str], ...] = ()
        if backward:
            props = " ".join(sorted({row[0] for row in backward}))
            query = f"ASK {{ VALUES ?in {{ {props} }} {match_in('?s ?in ?o', graphs=ALL)} FILTER(isLiteral(?o)) }}"
            guards = ((query, "a literal is the value of an inverse or symmetric property"),)
        return (Rule("prp-spo1 prp-eqp1/2 prp-inv1/2 prp-symp (expansion table)", text, bulk),), guards

    # -- typing: cax-sco, cax-eqc, prp-dom, prp-rng, cls-int2, cls-uni, lifted through the expansion --

    def _typing_groups(self) -> dict[str, dict[frozenset[Node], list[Node]]]:
        """For each kind of source (type, subject, object), the sources grouped by the classes they give."""
        domains, ranges = index_pairs(self.tbox.domain), index_pairs(self.tbox.range)
        groups: dict[str, dict[frozenset[Node], list[Node]]] = {k: defaultdict(list) for k in ("sco", "dom", "rng")}
        for c in {a for a, _ in self.tbox.sub_class}:
            given = frozenset(s for s in self.tbox.supers(c) - {c} if self.materialised(s))
            if given:
                groups["sco"][given].append(c)
        for p, items in self.expansion.items():
            subject: set[Node] = set()
            obj: set[Node] = set()
            for q, same in items:
                subject |= domains.get(q, set()) if same else ranges.get(q, set())
                obj |= ranges.get(q, set()) if same else domains.get(q, set())
            for kind, classes in (("dom", subject), ("rng", obj)):
                given = frozenset(c for c in self.closed(classes) if self.materialised(c))
                if given:
                    groups[kind][given].append(p)
        return groups

    def type_rules(self) -> tuple[Rule, ...]:
        patterns = {
            "sco": ("cax-sco cax-eqc cls-int2 cls-uni", f"?x {TYPE_IRI} ?in", ""),
            "dom": ("prp-dom", "?x ?in ?y", ""),
            "rng": ("prp-rng", "?y ?in ?x", "FILTER(!isLiteral(?x))"),
        }
        rules = []
        for kind, groups in self._typing_groups().items():
            name, pattern, extra = patterns[kind]
            for classes, sources in sorted(groups.items(), key=lambda kv: sorted(map(str, kv[1]))):
                ins = " ".join(sorted(self.sparql(s) for s in sources))
                select = (
                    f"SELECT DISTINCT ?x WHERE {{ VALUES ?in {{ {ins} }} {match_in(pattern, graphs=SRC)} {extra} }}"
                )
                rows = self.type_rows(classes)
                text, bulk = _typing_insert(select, rows, False), _typing_insert(select, rows, True)
                rules.append(Rule(f"{name} ({len(sources)} sources, {len(classes)} classes)", text, bulk))
        return tuple(rules)

    def type_rows(self, classes: Iterable[Node]) -> list[tuple[str, str, str]]:
        """VALUES rows (class, output?, read by a rule or check?) for the stored classes."""
        rows = []
        for c in sorted(set(classes), key=str):
            if self.materialised(c):
                out = "true" if self.output_class(c) else "false"
                rows.append((self.sparql(c), out, "true" if self.key(c) in self.relevant else "false"))
        return rows

    def value_ranges(self) -> dict[str, frozenset[str]]:
        """The classes a property's value gets from the ranges of the property and of everything it
        expands to in the same direction (the types owlrl gives a literal value, closed)."""
        ranges = index_pairs(self.tbox.range)
        found = {}
        for p, items in self.expansion.items():
            classes = self.closed(c for q, same in items if same for c in ranges.get(q, ()))
            if classes:
                found[self.key(p)] = frozenset(map(self.key, classes))
        return found

    # -- joining rules, writing the delta: prp-trp, prp-spo2, cls-*, prp-fp, prp-ifp ------------------

    def closure_rules(self) -> tuple[Rule, ...]:
        rules = []
        for p in sorted(self.tbox.characteristics[OWL.TransitiveProperty], key=str):
            q = self.sparql(p)
            rules.append(_delta_rule("prp-trp", "?x", q, "?z", [f"?x {q} ?y", f"?y {q} ?z"]))
        for p, chain in self.tbox.chains:
            if chain:
                steps = [f"?x{i} {self.sparql(q)} ?x{i + 1}" for i, q in enumerate(chain)]
                rules.append(_delta_rule("prp-spo2", "?x0", self.sparql(p), f"?x{len(chain)}", steps))
        for c, members in self.tbox.intersections:
            if members:
                patterns = [f"?y {TYPE_IRI} {self.sparql(m)}" for m in members]
                rules.append(self._types_to_delta("cls-int1", "y", patterns, "", [c]))
        for r in self.tbox.restrictions:
            rules.extend(self._restriction(r))
        for p in sorted(self.tbox.characteristics[OWL.FunctionalProperty], key=str):
            q = self.sparql(p)
            patterns = [f"?x {q} ?a", f"?x {q} ?b"]
            rules.append(_delta_rule("prp-fp", "?a", SAME_AS_IRI, "?b", patterns, "!sameTerm(?a, ?b)"))
        for p in sorted(self.tbox.characteristics[OWL.InverseFunctionalProperty], key=str):
            q = self.sparql(p)
            patterns = [f"?a {q} ?y", f"?b {q} ?y"]
            rules.append(_delta_rule("prp-ifp", "?a", SAME_AS_IRI, "?b", patterns, "!sameTerm(?a, ?b)"))
        return tuple(rules)

    def _types_to_delta(self, name: str, var: str, patterns: list[str], condition: str, classes: list[Node]) -> Rule:
        """A rule concluding ``?var rdf:type C`` (with C's superclasses) into the delta graph."""
        rows = self.type_rows(self.closed(classes))
        keep = f"FILTER(({kept_subject(var)} && ?o) || ?r || {EQ})" + (f" FILTER({condition})" if condition else "")
        text = (
            f"INSERT {{ GRAPH {DELTA} {{ ?{var} {TYPE_IRI} ?c }} }} WHERE {{ {match_in(*patterns)} "
            f"{values_block(('c', 'o', 'r'), rows)} {keep} {absent_pattern(f'?{var} {TYPE_IRI} ?c')} }}"
        )
        return Rule(name, text)

    def _restriction(self, r: Restriction) -> list[Rule]:
        rules = []
        for prop in r.properties:
            p = self.sparql(prop)
            if r.kind == OWL.someValuesFrom:
                patterns = [f"?u {p} ?v"] + (
                    [] if r.filler == OWL.Thing else [f"?v {TYPE_IRI} {self.sparql(r.filler)}"]
                )
                rules.append(self._types_to_delta("cls-svf1/2", "u", patterns, "", [r.node]))
            elif r.kind == OWL.hasValue:
                value = self.sparql(r.filler)
                rules.append(self._types_to_delta("cls-hv2", "u", [f"?u {p} {value}"], "", [r.node]))
                rules.append(_delta_rule("cls-hv1", "?u", p, value, [f"?u {TYPE_IRI} {self.sparql(r.node)}"]))
            else:
                patterns = [f"?u {TYPE_IRI} {self.sparql(r.node)}", f"?u {p} ?v"]
                rules.append(self._types_to_delta("cls-avf", "v", patterns, "!isLiteral(?v)", [r.filler]))
        return rules

    @staticmethod
    def equality_rules() -> tuple[Rule, ...]:
        """eq-sym, eq-trans, eq-rep-s/p/o; run only when the data or prp-fp/ifp make owl:sameAs."""
        same, differ = f"?x {SAME_AS_IRI} ?y", "!sameTerm(?x, ?y)"
        return (
            _delta_rule("eq-sym", "?y", SAME_AS_IRI, "?x", [same]),
            _delta_rule("eq-trans", "?x", SAME_AS_IRI, "?z", [same, f"?y {SAME_AS_IRI} ?z"]),
            _delta_rule("eq-rep-s", "?y", "?p", "?o", [same, "?x ?p ?o"], differ),
            _delta_rule("eq-rep-p", "?s", "?y", "?o", [same, "?s ?x ?o"], differ),
            _delta_rule("eq-rep-o", "?s", "?p", "?y", [same, "?s ?p ?x"], differ),
        )

    # -- guards: where owlrl would type or equate literals, which the store cannot follow -------------

    def guards(self) -> list[tuple[str, str]]:
        found = []
        literal_valued: set[Node] = set()
        for r in self.tbox.restrictions:
            if r.kind == OWL.allValuesFrom:
                for prop in r.properties:
                    patterns = [f"?u {TYPE_IRI} {self.sparql(r.node)}", f"?u {self.sparql(prop)} ?v"]
                    query = f"ASK {{ {match_in(*patterns, graphs=ALL)} FILTER(isLiteral(?v)) }}"
                    found.append((query, f"owl:allValuesFrom on {prop} would type a literal"))
            elif r.kind == OWL.someValuesFrom and r.filler != OWL.Thing:
                literal_valued.update(r.properties)
        for p in sorted(self.tbox.characteristics[OWL.FunctionalProperty], key=str):
            q = self.sparql(p)
            condition = "!sameTerm(?a, ?b) && (isLiteral(?a) || isLiteral(?b))"
            query = f"ASK {{ {match_in(f'?x {q} ?a', f'?x {q} ?b', graphs=ALL)} FILTER({condition}) }}"
            found.append((query, f"prp-fp on {p} would make a literal owl:sameAs another value"))
        members = {self.key(m) for _, ms in self.tbox.intersections for m in ms}
        literal_valued |= {p for p, cs in index_pairs(self.tbox.range).items() if {self.key(c) for c in cs} & members}
        if literal_valued:
            props = " ".join(sorted(self.sparql(p) for p in literal_valued))
            query = f"ASK {{ VALUES ?p {{ {props} }} {match_in('?s ?p ?v', graphs=ALL)} FILTER(isLiteral(?v)) }}"
            found.append((query, "a literal value where owlrl would type it or make it owl:sameAs (svf, int, fp)"))
        return found

    # -- checks -------------------------------------------------------------------------------------

    def class_checks(self) -> tuple[ClassCheck, ...]:
        checks = [ClassCheck("nothing", (NOTHING,), (NOTHING,))]
        for a, b in self.tbox.disjoint_pairs:
            checks.append(ClassCheck("disjoint", (self.key(a), self.key(b)), (str(a), str(b))))
        for members in self.tbox.disjoint_lists:
            if members:
                checks.append(ClassCheck("disjoint", tuple(map(self.key, members)), tuple(map(str, members))))
        for a, b in self.tbox.complements:
            checks.append(ClassCheck("complement", (self.key(a), self.key(b)), (str(a), str(b))))
        return tuple(checks)

    def property_checks(self) -> tuple[PropertyCheck, ...]:
        t = self.tbox
        found = []
        for p in sorted(t.characteristics[OWL.IrreflexiveProperty], key=str):
            found.append(PropertyCheck("prp-irp", _pairs([f"?x {self.sparql(p)} ?y"], "sameTerm(?x, ?y)"), (str(p),)))
        for p in sorted(t.characteristics[OWL.AsymmetricProperty], key=str):
            q = self.sparql(p)
            found.append(PropertyCheck("prp-asyp", _pairs([f"?x {q} ?y", f"?y {q} ?x"]), (str(p),)))
        pairs = list(t.property_disjoint_pairs)
        for members in t.property_disjoint_lists:
            for i in range(len(members) - 1):
                for j in range(i + 1, len(members) - 1):  # owlrl's bound: the last property is never compared
                    pairs.append((members[i], members[j]))
        n_pdw = len(t.property_disjoint_pairs)
        for index, (a, b) in enumerate(pairs):
            query = _pairs([f"?x {self.sparql(a)} ?y", f"?x {self.sparql(b)} ?y"])
            found.append(PropertyCheck("prp-pdw" if index < n_pdw else "prp-adp", query, (str(a), str(b))))
        return tuple(found)

    # -- assembling ---------------------------------------------------------------------------------

    def compile(self, constructs: tuple[str, ...]) -> RuleSet:
        expand, expand_guards = self.expand_rules()
        return RuleSet(
            constructs=constructs,
            expand=expand,
            types=self.type_rules(),
            closure=self.closure_rules(),
            equality=self.equality_rules(),
            move_delta=_move_delta(self.relevant),
            guards=(*expand_guards, *self.guards()),
            class_checks=self.class_checks(),
            property_checks=self.property_checks(),
            schema=_schema_signatures(self.ontology),
            supers={self.key(c): frozenset(map(self.key, self.tbox.supers(c))) for c in self.tbox.super_classes},
            ranges={
                self.key(p): frozenset(map(self.key, self.closed(cs))) for p, cs in index_pairs(self.tbox.range).items()
            },
            value_ranges=self.value_ranges(),
            has_equality=bool(
                self.tbox.characteristics[OWL.FunctionalProperty]
                or self.tbox.characteristics[OWL.InverseFunctionalProperty]
            ),
        )


def _typing_insert(select: str, rows: list[tuple[str, str, str]], bulk: bool) -> str:
    """Type each ?x of ``select`` with each class row (class, output?, read by a rule?) it lacks: output
    classes of data resources to the output graph, the rest to the scratch graph if something reads it."""
    classes = " ".join(row[0] for row in rows)
    pattern = f"?x {TYPE_IRI} ?c"
    absent = minus_pattern(pattern, f"VALUES ?c {{ {classes} }}") if bulk else absent_pattern(pattern)
    return (
        f"INSERT {{ GRAPH ?out {{ ?x {TYPE_IRI} ?c }} }} WHERE {{ {{ {select} }} {values_block(('c', 'o', 'r'), rows)} "
        f"BIND({kept_subject('x')} && ?o AS ?k) FILTER(?k || ?r || {EQ}) "
        f"{absent} BIND(IF(?k, {OUT}, {EXTRA}) AS ?out) }}"
    )


def _delta_rule(name: str, s: str, p: str, o: str, patterns: list[str], condition: str = "") -> Rule:
    """A joining rule whose new conclusions go to the delta graph. A variable subject must not be a
    literal, nor a variable predicate anything but an IRI: the store holds RDF, not owlrl's
    generalised triples (the guards report where owlrl would have made one)."""
    filters = [condition] if condition else []
    if s.startswith("?"):
        filters.append(f"!isLiteral({s})")
    if p.startswith("?"):
        filters.append(f"isIRI({p})")
    where = match_in(*patterns) + (f" FILTER({' && '.join(filters)})" if filters else "")
    text = f"INSERT {{ GRAPH {DELTA} {{ {s} {p} {o} }} }} WHERE {{ {where} {absent_pattern(f'{s} {p} {o}')} }}"
    return Rule(name, text)


def _pairs(patterns: list[str], condition: str = "") -> str:
    where = match_in(*patterns, graphs=ALL) + (f" FILTER({condition})" if condition else "")
    return f"SELECT DISTINCT ?x ?y WHERE {{ {where} }}"


def _move_delta(relevant: frozenset[str]) -> str:
    """Move the delta into the output graph (kept triples) or the scratch graph (what rules read)."""
    classes = ", ".join(iri_text(c) for c in sorted(relevant))
    needed = f"(!sameTerm(?p, {TYPE_IRI}) || {EQ} || ?o IN ({classes}))"
    return (
        f"INSERT {{ GRAPH ?out {{ ?s ?p ?o }} }} WHERE {{ GRAPH {DELTA} {{ ?s ?p ?o }} "
        f"BIND(IF({kept_triple('s', 'p', 'o')}, {OUT}, IF({needed}, {EXTRA}, ?none)) AS ?out) }} ; "
        f"INSERT {{ GRAPH {JOINED} {{ ?s ?p ?o }} }} WHERE {{ GRAPH {DELTA} {{ ?s ?p ?o }} }} ; "
        f"CLEAR SILENT GRAPH {DELTA}"
    )
