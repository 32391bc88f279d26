"""Claims files: each generated claim in the TriG form of data/claims/."""

from __future__ import annotations

from typing import TYPE_CHECKING

from coi_graph.synth.prose import Claim, Node
from coi_graph.synth.shares import NAMESPACE
from coi_graph.synth.text import lit, time_lit

if TYPE_CHECKING:
    from coi_graph.synth.documents import Generated  # documents imports this module

# =============================================================================================
# Claims files
# =============================================================================================


def _node_lines(node: Node) -> list[str]:
    grouped: dict[str, list[str]] = {}
    if node.label is not None:
        grouped["rdfs:label"] = [lit(node.label, "en")]
    for predicate, value in node.props:
        grouped.setdefault(predicate, [])
        if value not in grouped[predicate]:
            grouped[predicate].append(value)
    parts = [f"{p} {', '.join(values)}" for p, values in grouped.items()]
    if node.types:
        head = f"    {node.subject} a {', '.join(node.types)}"
        if not parts:
            return [head + " ."]
        return [head + " ;"] + [f"        {part} ;" for part in parts[:-1]] + [f"        {parts[-1]} ."]
    return [f"    {node.subject} {part} ." for part in parts]


def _description(claim: Claim, generated: Generated, prefix: str) -> list[str]:
    local = f"{generated.passage_prefix}p{claim.passage}"
    body = [f"coi:quote {lit(claim.quote)}", f"coi:passage {prefix}:{local}"]
    numbers = list(dict.fromkeys(f.number for f in claim.footnotes))
    if numbers:
        body.append("coi:footnote " + ", ".join(f"{prefix}:fn{n}" for n in numbers))
    body.append(f"coi:modality coi:{claim.modality}")
    if claim.according_to:
        body.append(f"coi:accordingTo {claim.according_to}")
    when = claim.when
    if when is not None:
        body += [f"coi:{name} {time_lit(value)}" for name, value in when.values()]
        if when.approximate:
            body.append("coi:timeApproximate true")
        if when.expression and when.values():
            body.append(f"coi:timeExpression {lit(when.expression)}")
    if claim.tenure:
        body.append("coi:tenure " + ", ".join(claim.tenure))
    return [f"c:{claim.number:02d} a coi:Claim ;"] + [f"    {b} ;" for b in body[:-1]] + [f"    {body[-1]} ."]


def description_triples(claim: Claim) -> int:
    when = claim.when
    timed = len(when.values()) + bool(when.approximate) + bool(when.expression and when.values()) if when else 0
    footnotes = len({f.number for f in claim.footnotes})
    return 4 + footnotes + bool(claim.according_to) + timed + len(claim.tenure)


def claims_file(generated: Generated, what: str) -> str:
    prefix = "d" if generated.report else "n"
    number = 0
    for ordinal, passage in enumerate(generated.passages, start=1):
        for claim in passage.claims:
            number += 1
            claim.passage, claim.number = ordinal, number
    lines = [
        f"# Claims of {what}.",
        "#",
        "# Synthetic: written by 'coi-graph synth'. One named graph per claim holds what it asserts; its",
        "# quote, passage, footnotes, time and modality are in the default graph.",
        "",
        "@prefix coi:  <https://w3id.org/coi-graph/ontology#> .",
        "@prefix ent:  <https://w3id.org/coi-graph/id/entity/> .",
        "@prefix ev:   <https://w3id.org/coi-graph/id/event/> .",
        "@prefix qty:  <https://w3id.org/coi-graph/id/quantity/> .",
        f"@prefix {prefix}:    <{NAMESPACE}id/doc/{generated.doc_id}/> .",
        f"@prefix c:    <{NAMESPACE}id/claim/{generated.doc_id}/> .",
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
        "@prefix xsd:  <http://www.w3.org/2001/XMLSchema#> .",
    ]
    rule = "# " + "-" * 75
    for ordinal, passage in enumerate(generated.passages, start=1):
        if passage.cross_reference:
            lines += ["", f"# Passage {ordinal} is a cross-reference and states no fact."]
        if not passage.claims:
            continue
        kinds = ", ".join(k.replace("-", " ") for k in passage.kinds) or "claims"
        lines += ["", rule, f"# Passage {ordinal}: {kinds}", rule]
        for claim in passage.claims:
            lines += ["", f"c:{claim.number:02d} {{"]
            for node in claim.nodes:
                lines += _node_lines(node)
            lines.append("}")
            lines += _description(claim, generated, prefix)
    return "\n".join(lines) + "\n"
