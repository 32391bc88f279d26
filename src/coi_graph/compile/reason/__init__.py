"""OWL 2 RL reasoning as compiled SPARQL rules on an Oxigraph store, equal to the owlrl step.

The stages, one module each: :mod:`.vocabulary` (what owlrl reads as schema, what is implemented, the
errors), :mod:`.tbox` (the ontology's TBox read, closed and checked), :mod:`.compiler` (the data rules
generated as SPARQL, with :mod:`.sparql` for their text and :mod:`.rules` for the program's types),
:mod:`.run` (the rules run to a fixpoint, then the checks), and :mod:`.graphs` (the same over rdflib
graphs, for the equivalence tests).

Why: owlrl is a brute-force forward chainer. Every cycle it runs every rule on every triple and
answers each join with rdflib's in-memory index, so a 100k-triple build spends two minutes there.
Most of that work repeats each cycle although the ontology never changes: subclass, subproperty,
domain and range closures, inverses, chains. This module does that part once, in Python, and
leaves a few flat SPARQL updates that Oxigraph runs over the data graphs.

- :func:`.compiler.compile_rules` reads the ontology, refuses what it cannot reproduce
  (:class:`.vocabulary.UnsupportedAxiom`), closes the TBox with owlrl's ``scm-*`` rules, and generates the
  data rules: one property-expansion table (prp-spo1, prp-eqp1/2, prp-inv1/2 and prp-symp closed
  over each other), typing tables (cax-sco, cax-eqc, prp-dom, prp-rng, cls-int2, cls-uni, lifted
  through the expansion), transitive closures (prp-trp), property chains (prp-spo2) and, when the
  ontology has them, class expressions (cls-int1, cls-svf1/2, cls-hv1/2, cls-avf), prp-fp and
  prp-ifp with the equality rules (eq-sym, eq-trans, eq-rep-s/p/o), and the consistency checks
  (cax-dw, cax-adc, cls-com, cls-nothing2, prp-irp, prp-asyp, prp-pdw, prp-adp; prp-npa1/2,
  eq-diff1 and dt-not-type always run, as their axioms are data).
- :func:`.run.infer` runs them to a fixpoint: the tables once over all the data, then rounds of the
  joining rules whose new conclusions go to a scratch "delta" graph, which is expanded and typed
  on its own and then moved out; the first round with an empty delta ends it. Only what owlrl's
  step keeps (:func:`coi_graph.compile.reference.reason._keep`) goes to the output graph; the rest of the
  closure that rules or checks still read goes to a scratch graph dropped at the end.
- :func:`.graphs.reason_graphs` is the drop-in twin of :func:`coi_graph.compile.reference.reason.reason`.

owlrl behaviours reproduced on purpose: literals have the types owlrl gives them (their datatype
with its XSD subsumptions, unless rdflib sees them as plain strings, and the ranges of the
properties they are values of); typed literals are checked with owlrl's own converters
(dt-not-type); two datatypes are disjoint only if the data uses both; owl:Thing, rdfs:Resource and
reflexive owl:sameAs are never output; cls-com names the complement class where the individual
belongs; prp-adp never compares the last property of its list. What the store cannot reproduce
(owlrl's generalised triples, e.g. a literal as a subject) raises :class:`Unsupported` instead of
diverging, so that the caller can fall back to owlrl.
"""
