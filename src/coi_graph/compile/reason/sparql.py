"""SPARQL text for rules: IRIs, VALUES blocks, the placeholders for the graphs of a run, shared patterns."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from coi_graph.compile.reason.vocabulary import (
    MARK,
    SAME_AS_IRI,
    SKOLEM,
    TRIVIAL_TYPES,
    TYPE_IRI,
    W3C_NAMESPACES,
    UnsupportedAxiom,
)
from coi_graph.namespaces import ID

# ---------------------------------------------------------------------------------------------
# SPARQL text
# ---------------------------------------------------------------------------------------------

_FORBIDDEN_IN_IRI = frozenset('<>"{}|^`\\')


def iri_text(value: str) -> str:
    """``<value>`` for SPARQL, refusing anything that could break out of the IRI."""
    if not value or any(c in _FORBIDDEN_IN_IRI or ord(c) <= 0x20 for c in value):
        raise UnsupportedAxiom(f"IRI {value!r} cannot be written safely into a SPARQL rule")
    return f"<{value}>"


def values_block(variables: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    heads = " ".join(f"?{v}" for v in variables)
    body = " ".join("(" + " ".join(row) + ")" for row in rows)
    return f"VALUES ({heads}) {{ {body} }}"


def placeholder(name: str) -> str:
    return f"{MARK}{name}{MARK}"


# Filled by infer with the graphs of one run: the source of a table rule, everything a rule may read
# (data, output, scratch and delta graphs), everything but the delta, the data graphs, the data with
# what joining rules derived (whose expansions the lifted tables cover), and the written graphs.
SRC, READ, ALL, DATA, VALUES, OUT, EXTRA, DELTA, JOINED, EQ = map(
    placeholder, ("SRC", "READ", "ALL", "DATA", "VALUES", "OUT", "EXTRA", "DELTA", "JOINED", "EQ")
)


def match_in(*patterns: str, graphs: str = READ) -> str:
    """Triple patterns matched in any of ``graphs``, each on its own (a join may cross graphs)."""
    return " ".join(f"GRAPH ?g{i} {{ {pattern} }} FILTER(?g{i} IN ({graphs}))" for i, pattern in enumerate(patterns))


def absent_pattern(pattern: str) -> str:
    """Keep a solution only if ``pattern`` does not hold yet (one lookup per solution)."""
    return f"FILTER NOT EXISTS {{ GRAPH ?h {{ {pattern} }} FILTER(?h IN ({READ})) }}"


def minus_pattern(pattern: str, values: str) -> str:
    """Keep a solution only if ``pattern`` does not hold yet (one anti-join over what ``values`` allows)."""
    return f"MINUS {{ {values} GRAPH ?h {{ {pattern} }} FILTER(?h IN ({READ})) }}"


def kept_subject(var: str) -> str:
    return f'(isIRI(?{var}) && STRSTARTS(STR(?{var}), "{ID}"))'


def kept_property(s: str, p: str, o: str) -> str:
    """reason._keep for a triple whose predicate is not rdf:type (a skolemised class is a blank node)."""
    blank = f'(isBlank(?{o}) || STRSTARTS(STR(?{o}), "{SKOLEM}"))'
    return f"({kept_subject(s)} && !{blank} && !(sameTerm(?{p}, {SAME_AS_IRI}) && sameTerm(?{s}, ?{o})))"


def _trivial_class(var: str) -> str:
    prefixes = " || ".join(f'STRSTARTS(STR(?{var}), "{ns}")' for ns in W3C_NAMESPACES)
    trivial = ", ".join(iri_text(str(t)) for t in sorted(TRIVIAL_TYPES))
    return f"(isIRI(?{var}) && (?{var} IN ({trivial}) || {prefixes}))"


def kept_triple(s: str, p: str, o: str) -> str:
    """reason._keep in SPARQL, for any triple."""
    return f"({kept_property(s, p, o)} && !(sameTerm(?{p}, {TYPE_IRI}) && {_trivial_class(o)}))"
