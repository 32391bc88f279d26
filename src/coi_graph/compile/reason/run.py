"""Running the compiled rules: tables once, joining rules to a fixpoint, then the datatype and consistency checks."""

from __future__ import annotations

import time
import uuid
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

import pyoxigraph as ox
from owlrl.DatatypeHandling import AltXSDToPYTHON
from rdflib import URIRef
from rdflib.namespace import OWL, XSD

from coi_graph.compile.reason.compiler import log, triple_signature
from coi_graph.compile.reason.rules import ClassCheck, OxTerm, RuleSet, Violation
from coi_graph.compile.reason.sparql import (
    ALL,
    DATA,
    DELTA,
    EQ,
    EXTRA,
    VALUES,
    absent_pattern,
    iri_text,
    match_in,
    placeholder,
    values_block,
)
from coi_graph.compile.reason.vocabulary import (
    DATATYPE_DISJOINTNESS,
    METACLASSES,
    OWLRL_DATATYPES,
    PLAIN_DATATYPES,
    SAME_AS_IRI,
    SCHEMA_PREDICATES,
    SUBSUMPTIONS,
    TYPE_IRI,
    UNIMPLEMENTED_PREDICATES,
    UnsupportedAxiom,
    UnsupportedData,
)

# ---------------------------------------------------------------------------------------------
# Running the program
# ---------------------------------------------------------------------------------------------


@dataclass
class _Run:
    """One inference run: the store, the program, the graphs, and what the run learnt about the data."""

    store: ox.Store
    rules: RuleSet
    data: list[ox.NamedNode]
    into: ox.NamedNode
    extra: ox.NamedNode
    delta: ox.NamedNode
    joined: ox.NamedNode
    equality: bool = False
    explicit_datatypes: set[str] = field(default_factory=set)
    literal_datatypes: set[str] = field(default_factory=set)
    used_datatypes: set[str] = field(default_factory=set)

    def fill(self, template: str, source: str = "ALL") -> str:
        """The template with this run's graphs (validated IRIs) in place of the placeholders."""
        written = [self.into, self.extra]
        lists = {
            "SRC": {"ALL": [*self.data, *written], "DATA": self.data, "DELTA": [self.delta]}[source],
            "READ": [*self.data, *written, self.delta],
            "ALL": [*self.data, *written],
            "DATA": self.data,
            "VALUES": [*self.data, self.joined],
            "OUT": [self.into],
            "EXTRA": [self.extra],
            "DELTA": [self.delta],
            "JOINED": [self.joined],
        }
        text = template.replace(EQ, "true" if self.equality else "false")
        for name, graphs in lists.items():
            text = text.replace(placeholder(name), ", ".join(iri_text(g.value) for g in graphs))
        return text

    def update(self, template: str, source: str = "ALL") -> None:
        self.store.update(self.fill(template, source))

    def ask(self, template: str) -> bool:
        return bool(self.store.query(self.fill(template)))

    def select(self, template: str, substitutions: Mapping[str, OxTerm] | None = None) -> list[ox.QuerySolution]:
        subs = {ox.Variable(k): v for k, v in (substitutions or {}).items()}
        result = self.store.query(self.fill(template), substitutions=subs)  # type: ignore[arg-type]
        assert isinstance(result, ox.QuerySolutions)
        return list(result)

    def delta_empty(self) -> bool:
        return not self.ask(f"ASK {{ GRAPH {DELTA} {{ ?s ?p ?o }} }}")

    def count(self, graph: ox.NamedNode) -> int:
        rows = self.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {iri_text(graph.value)} {{ ?s ?p ?o }} }}")
        value = rows[0][0]
        assert isinstance(value, ox.Literal)
        return int(value.value)


def infer(
    store: ox.Store, rules: RuleSet, data_graphs: list[ox.NamedNode], into: ox.NamedNode
) -> tuple[int, list[str]]:
    """Compute the OWL 2 RL closure of the union of ``data_graphs`` (which include the ontology's own
    graph) and write into ``into`` (emptied first) only the new triples owlrl's step keeps.

    Returns the number of triples written and the inconsistency messages, sorted and worded as owlrl
    words them. String literals are read as owlrl reads rdflib's plain literals (no xsd:string type
    of their own), which is what it does with data that has no explicit ``^^xsd:string``. Raises
    Unsupported where owlrl would do something this program does not reproduce; ``into`` is then
    left empty.
    """
    count, violations = infer_violations(store, rules, data_graphs, into)
    return count, sorted({v.render() for v in violations})


def infer_violations(
    store: ox.Store, rules: RuleSet, data_graphs: list[ox.NamedNode], into: ox.NamedNode
) -> tuple[int, list[Violation]]:
    """:func:`infer`, with the inconsistencies as structured violations (reason_graphs prints their terms
    as rdflib would)."""
    if into in data_graphs:
        raise ValueError(f"the output graph {into} is one of the data graphs")
    scratch = [ox.NamedNode(f"urn:coi-graph:reason:{uuid.uuid4().hex}:{n}") for n in ("extra", "delta", "joined")]
    run = _Run(store, rules, list(data_graphs), into, extra=scratch[0], delta=scratch[1], joined=scratch[2])
    started = time.perf_counter()
    store.update(f"CLEAR SILENT GRAPH {iri_text(into.value)}")
    try:
        _guard_data(run)
        violations = _datatypes(run)
        rounds = _saturate(run)
        violations += _check(run)
        count = run.count(into)
    except BaseException:
        store.update(f"CLEAR SILENT GRAPH {iri_text(into.value)}")
        raise
    finally:
        store.update(" ; ".join(f"DROP SILENT GRAPH {iri_text(g.value)}" for g in scratch))
    log.info("inferred %d triples in %d rounds, %.2f s (fast OWL 2 RL)", count, rounds, time.perf_counter() - started)
    return count, violations


def _guard_data(run: _Run) -> None:
    """Refuse data that acts as schema beyond the compiled ontology (owlrl would reason with it), and
    decide whether the equality rules must run."""
    predicates = " ".join(iri_text(str(p)) for p in sorted(SCHEMA_PREDICATES | UNIMPLEMENTED_PREDICATES))
    metaclasses = " ".join(iri_text(str(c)) for c in sorted(METACLASSES | {OWL.AllDifferent}))
    query = (
        f"SELECT DISTINCT ?s ?p ?o WHERE {{ {{ VALUES ?p {{ {predicates} }} {match_in('?s ?p ?o', graphs=DATA)} }} "
        f"UNION {{ VALUES ?o {{ {metaclasses} }} {match_in(f'?s {TYPE_IRI} ?o', graphs=DATA)} "
        f"BIND({TYPE_IRI} AS ?p) }} }}"
    )
    counts: dict[tuple[str, str, str], int] = defaultdict(int)
    for row in run.select(query):
        s, p, o = row["s"], row["p"], row["o"]
        assert s is not None and p is not None and o is not None
        counts[
            triple_signature(s.value, isinstance(s, ox.BlankNode), p.value, o.value, isinstance(o, ox.BlankNode))
        ] += 1
    for signature, n in counts.items():
        if signature[2] == str(OWL.AllDifferent):
            continue  # eq-diff2/3 only fire with owl:sameAs (checked below)
        if n > run.rules.schema.get(signature, 0):
            raise UnsupportedAxiom(f"the data asserts the schema triple {signature}, not in the compiled ontology")
    same = run.select(f"SELECT DISTINCT ?x ?y WHERE {{ {match_in(f'?x {SAME_AS_IRI} ?y', graphs=DATA)} }}")
    schema_terms = {term for signature in run.rules.schema for term in (signature[0], signature[2])}
    for row in same:
        x, y = row["x"], row["y"]
        if isinstance(x, ox.Literal) or isinstance(y, ox.Literal):
            raise UnsupportedData("owl:sameAs with a literal (owlrl would make literal subjects)")
        if (isinstance(x, ox.NamedNode) and x.value in schema_terms) or (
            isinstance(y, ox.NamedNode) and y.value in schema_terms
        ):
            raise UnsupportedAxiom(f"owl:sameAs on a schema term ({x} = {y}) is not implemented")
    run.equality = run.rules.has_equality or any(row["x"] != row["y"] for row in same)
    if run.equality and any(s[2] == str(OWL.AllDifferent) for s in counts):
        raise UnsupportedData("owl:AllDifferent together with owl:sameAs (eq-diff2/3) is not implemented")


def _saturate(run: _Run) -> int:
    """Run the program to its fixpoint and return the number of rounds.

    The tables run once over the data (expansion over everything, typing over the data graphs: the
    typing tables are lifted through the expansion). Then each round runs the joining rules over
    everything, keeps their new conclusions in the delta graph, expands and types the delta alone,
    and moves it out. The first round with an empty delta is the fixpoint.
    """
    for rule in run.rules.expand:
        run.update(rule.bulk or rule.text, "ALL")
    for rule in run.rules.types:
        run.update(rule.bulk or rule.text, "DATA")
    closure = [*run.rules.closure, *(run.rules.equality if run.equality else ())]
    rounds = 0
    while closure:
        rounds += 1
        for rule in closure:
            run.update(rule.text)
        if run.delta_empty():
            break
        for rule in [*run.rules.expand, *run.rules.types]:
            run.update(rule.text, "DELTA")
        run.update(run.rules.move_delta)
    for query, meaning in run.rules.guards:
        if run.ask(query):
            raise UnsupportedData(f"{meaning} (owlrl would reason with a literal as a node)")
    return rounds


# ---------------------------------------------------------------------------------------------
# Datatypes: dt-type2, dt-not-type, and the datatype disjointness owlrl adds for used datatypes
# ---------------------------------------------------------------------------------------------


def _datatypes(run: _Run) -> list[Violation]:
    """Check every typed literal with owlrl's lexical converters (dt-not-type) and record which
    datatypes the data uses; resources explicitly typed with a datatype get its supertypes."""
    rows = run.select(
        f"SELECT DISTINCT ?l WHERE {{ {match_in('?s ?p ?l', graphs=DATA)} "
        f'FILTER(isLiteral(?l) && LANG(?l) = "" && !sameTerm(DATATYPE(?l), {iri_text(str(XSD.string))})) }}'
    )
    violations = []
    for row in rows:
        literal = row[0]
        assert isinstance(literal, ox.Literal)
        datatype = literal.datatype.value
        if datatype not in OWLRL_DATATYPES:
            continue
        run.literal_datatypes.add(datatype)
        convert = AltXSDToPYTHON.get(URIRef(datatype))
        try:
            if convert is not None:
                convert(literal.value)
        except ValueError:
            violations.append(Violation("dt-not-type", (datatype,), (literal,)))
    every = " ".join(iri_text(d) for d in sorted(OWLRL_DATATYPES))
    query = f"SELECT DISTINCT ?d WHERE {{ VALUES ?d {{ {every} }} {match_in(f'?s {TYPE_IRI} ?d', graphs=DATA)} }}"
    explicit = {row[0].value for row in run.select(query) if row[0] is not None}
    run.explicit_datatypes = explicit
    used = run.literal_datatypes | explicit
    run.used_datatypes = used | {s for d in used for s in SUBSUMPTIONS.get(d, ())}
    rows_sub = [(iri_text(d), iri_text(s)) for d in sorted(explicit) for s in SUBSUMPTIONS.get(d, ())]
    if rows_sub:
        run.update(
            f"INSERT {{ GRAPH {EXTRA} {{ ?s {TYPE_IRI} ?sup }} }} WHERE {{ {values_block(('d', 'sup'), rows_sub)} "
            f"{match_in(f'?s {TYPE_IRI} ?d', graphs=DATA)} {absent_pattern(f'?s {TYPE_IRI} ?sup')} }}"
        )
    return violations


def _own_types(datatype: str, rules: RuleSet) -> set[str]:
    """The types owlrl gives a literal for its own datatype (dt-type2, the XSD subsumptions, cax-sco)."""
    if datatype not in OWLRL_DATATYPES or datatype in PLAIN_DATATYPES:
        return set()
    direct = {datatype, *SUBSUMPTIONS.get(datatype, ())}
    return {s for d in direct for s in rules.supers.get(d, frozenset({d}))}


# ---------------------------------------------------------------------------------------------
# Consistency checks
# ---------------------------------------------------------------------------------------------


def _check(run: _Run) -> list[Violation]:
    """Every consistency check on the saturated closure."""
    datatype_checks = [
        ClassCheck("disjoint", (a, b), (a, b))
        for a, b in DATATYPE_DISJOINTNESS
        if a in run.used_datatypes and b in run.used_datatypes
    ]
    checks = [*run.rules.class_checks, *datatype_checks]
    stored = [*run.rules.class_checks, *(datatype_checks if run.explicit_datatypes else ())]
    candidates = _stored_candidates(run, stored) | _literal_candidates(run) | _datatype_candidates(run, datatype_checks)
    violations = [v for node in candidates for check in checks for v in check.violations(node, _types(run, node))]
    return [
        *violations,
        *_property_violations(run),
        *_negative_assertion_violations(run),
        *_different_violations(run),
    ]


def _types(run: _Run, node: OxTerm) -> set[str]:
    """Every type owlrl gives a node: stored types, and the types the store does not hold (a literal's
    own datatype; the datatype ranges of the properties the node is a value of)."""
    types: set[str] = set()
    if isinstance(node, ox.Literal):
        types |= _own_types(node.datatype.value, run.rules)
    else:
        query = f"SELECT DISTINCT ?x ?c WHERE {{ {match_in(f'?x {TYPE_IRI} ?c', graphs=ALL)} }}"
        types |= {row["c"].value for row in run.select(query, {"x": node}) if isinstance(row["c"], ox.NamedNode)}
    query = f"SELECT DISTINCT ?x ?q WHERE {{ {match_in('?s ?q ?x', graphs=ALL)} }}"
    for row in run.select(query, {"x": node}):
        if isinstance(row["q"], ox.NamedNode):
            types |= run.rules.ranges.get(row["q"].value, frozenset())
    return types


def _stored_candidates(run: _Run, checks: list[ClassCheck]) -> set[OxTerm]:
    """Nodes whose stored types hit a check: in owl:Nothing, or in two members of a disjointness."""
    found: set[OxTerm] = set()
    for check in checks:
        members = " ".join(iri_text(m) for m in check.members)
        having = "" if check.kind == "nothing" else "HAVING (COUNT(DISTINCT ?c) > 1)"
        pattern = match_in(f"?x {TYPE_IRI} ?c", graphs=ALL)
        query = f"SELECT ?x WHERE {{ VALUES ?c {{ {members} }} {pattern} }} GROUP BY ?x {having}"
        found.update(row[0] for row in run.select(query) if row[0] is not None)
    return found


def _literal_candidates(run: _Run) -> set[OxTerm]:
    """Literals that owlrl types with a class some check reads: values of properties with such a range
    (or of a datatype with such a superclass). Well-typed data has none."""
    read = {m for check in run.rules.class_checks for m in check.members}
    properties = sorted(p for p, classes in run.rules.value_ranges.items() if classes & read)
    datatypes = sorted(d for d in run.literal_datatypes if _own_types(d, run.rules) & read)
    queries = []
    if properties:
        listed = " ".join(iri_text(p) for p in properties)
        match = match_in("?s ?q ?l", graphs=VALUES)
        queries.append(f"SELECT DISTINCT ?l WHERE {{ VALUES ?q {{ {listed} }} {match} FILTER(isLiteral(?l)) }}")
    if datatypes:
        listed = ", ".join(iri_text(d) for d in datatypes)
        match = match_in("?s ?p ?l", graphs=VALUES)
        queries.append(f"SELECT DISTINCT ?l WHERE {{ {match} FILTER(isLiteral(?l) && DATATYPE(?l) IN ({listed})) }}")
    return {row[0] for query in queries for row in run.select(query) if row[0] is not None}


def _datatype_candidates(run: _Run, checks: list[ClassCheck]) -> set[OxTerm]:
    """Nodes that two sources put in two disjoint datatypes. A node's datatypes come from its own
    datatype (literals), the ranges of the properties it is a value of, and stored types (resources
    typed with a datatype). The values of the properties ranged with each datatype are fetched once
    and intersected here: few datatypes take part, and the store plans such probes badly."""
    values: dict[str, set[OxTerm]] = {}
    stored: dict[str, set[OxTerm]] = {}
    found: set[OxTerm] = set()
    for check in checks:
        a, b = check.members
        for c in (a, b):
            if c not in values:
                values[c] = _ranged_values(run, c)
                stored[c] = _stored_instances(run, c) if run.explicit_datatypes else set()
        found |= values[a] & values[b]
        found |= values[a] & stored[b] | values[b] & stored[a]
        for own, other in ((a, values[b]), (b, values[a])):
            found |= {v for v in other if isinstance(v, ox.Literal) and own in _own_types(v.datatype.value, run.rules)}
    return found


def _ranged_values(run: _Run, datatype: str) -> set[OxTerm]:
    properties = " ".join(sorted(iri_text(p) for p, classes in run.rules.value_ranges.items() if datatype in classes))
    if not properties:
        return set()
    query = f"SELECT DISTINCT ?l WHERE {{ VALUES ?q {{ {properties} }} {match_in('?s ?q ?l', graphs=VALUES)} }}"
    return {row[0] for row in run.select(query) if row[0] is not None}


def _stored_instances(run: _Run, datatype: str) -> set[OxTerm]:
    query = f"SELECT DISTINCT ?x WHERE {{ {match_in(f'?x {TYPE_IRI} {iri_text(datatype)}', graphs=ALL)} }}"
    return {row[0] for row in run.select(query) if row[0] is not None}


def _property_violations(run: _Run) -> list[Violation]:
    """prp-irp, prp-asyp, prp-pdw, prp-adp."""
    violations = []
    for check in run.rules.property_checks:
        for row in run.select(check.query):
            x, y = row["x"], row["y"]
            assert x is not None and y is not None
            violations.append(Violation(check.rule, check.labels, (x, y)))
    return violations


def _negative_assertion_violations(run: _Run) -> list[Violation]:
    """prp-npa1/2: a negative property assertion whose triple holds (the assertions are data)."""
    source, prop = iri_text(str(OWL.sourceIndividual)), iri_text(str(OWL.assertionProperty))
    violations = []
    for target, rule in ((OWL.targetIndividual, "prp-npa1"), (OWL.targetValue, "prp-npa2")):
        patterns = (f"?n {source} ?i1", f"?n {prop} ?p", f"?n {iri_text(str(target))} ?i2", "?i1 ?p ?i2")
        for row in run.select(f"SELECT DISTINCT ?i1 ?p ?i2 WHERE {{ {match_in(*patterns, graphs=ALL)} }}"):
            i1, p, i2 = row["i1"], row["p"], row["i2"]
            assert i1 is not None and p is not None and i2 is not None
            violations.append(Violation(rule, (p.value,), (i1, i2)))
    return violations


def _different_violations(run: _Run) -> list[Violation]:
    """eq-diff1: owl:differentFrom between nodes that are owl:sameAs (every node is the same as itself)."""
    different = match_in(f"?a {iri_text(str(OWL.differentFrom))} ?b", graphs=ALL)
    same = f"OPTIONAL {{ {match_in(f'?a {SAME_AS_IRI} ?b', graphs=ALL)} BIND(true AS ?same) }}"
    violations = []
    for row in run.select(f"SELECT DISTINCT ?a ?b ?same WHERE {{ {different} {same} }}"):
        a, b = row["a"], row["b"]
        assert a is not None and b is not None
        if a == b:
            violations.append(Violation("eq-diff1", (), (a, a)))
        elif row["same"] is not None:
            violations += [Violation("eq-diff1", (), (a, b)), Violation("eq-diff1", (), (b, a))]
    return violations
