"""A synthetic COI corpus for benchmarks: a complete data directory in the project's own formats.

``generate(out, triples=N, seed=S)`` writes

- ``entities/*.ttl``: a registry of invented states, regions, governorates, cities, bases and fields
  (with a located-in hierarchy), governments, armed forces and groups, coalitions, agencies, persons,
  positions, publishers and media, each with a preferred label and aliases, as in data/entities/;
- ``documents/<id>.txt`` with ``<id>.ttl``: EUAA-style report sections (Markdown, footnote markers
  ``[N](#)``, a footnote list of citations) and news articles (`` date YYYY-MM-DD Title``, paragraphs,
  some "X reports citing Y");
- ``claims/<id>.trig``: curated claims in the form of data/claims/: one named graph per claim, its
  verbatim quote, passage, footnotes, modality and time in the default graph;

sized so that ``coi-graph build`` gives about N triples (asserted, plain, derived and inferred).

The distributions are measured on the seed corpus (data/) and kept below as named constants. The
text is templated COI prose with varied wording, and every quote, time expression and statement text
is a slice of its passage as written, every footnote a claim cites has its marker in the claim's
passage, and the documents parse without warnings (``generate`` checks all three with the real
parsers), so that the corpus builds with zero violations. Names are made of syllables: invented,
never real people. Synthetic entities have no Wikidata items, so no QIDs and no links are written;
coordinates are left out too, as the shapes ask for two independent sources.

Same seed and size, same bytes.
"""

from coi_graph.synth.corpus import SynthSummary, calibrate, generate, plan_documents
from coi_graph.synth.shares import (
    ALIASES_PER_ENTITY,
    BUILT_FIXED,
    BUILT_OFFSET,
    BUILT_PER_ASSERTED,
    BUILT_PER_DOCUMENT,
    CITATIONS_PER_FOOTNOTE,
    DOCUMENTS_PER_THEATRE,
    MODALITY_SHARES,
    NEWS_CLAIMS_PER_PASSAGE,
    NEWS_CLAUSES_PER_SENTENCE,
    NEWS_FRAMED_CLAUSES,
    NEWS_PASSAGES,
    NEWS_SENTENCES_PER_PASSAGE,
    PUBLISHER_ROLE_SHARES,
    REPORT_CLAIMS_PER_PASSAGE,
    REPORT_CLAUSES_PER_SENTENCE,
    REPORT_FRAMED_CLAUSES,
    REPORT_MARKERS_PER_PASSAGE,
    REPORT_PASSAGES,
    REPORT_SENTENCES_PER_PASSAGE,
    SHARE_CITATIONS_OF_A_CITED_WORK,
    SHARE_CITATIONS_WITH_PAGES,
    SHARE_CLAIMS_WITH_TIME,
    SHARE_EVENT_CLAIMS,
    SHARE_PERSONS_WITH_OFFICE,
    SHARE_PLACES_WITH_PARENT,
    SHARE_REPORTS,
    SHARE_REPORTS_WITH_CROSS_REFERENCE,
)

__all__ = [
    "ALIASES_PER_ENTITY",
    "BUILT_FIXED",
    "BUILT_OFFSET",
    "BUILT_PER_ASSERTED",
    "BUILT_PER_DOCUMENT",
    "CITATIONS_PER_FOOTNOTE",
    "DOCUMENTS_PER_THEATRE",
    "MODALITY_SHARES",
    "NEWS_CLAIMS_PER_PASSAGE",
    "NEWS_CLAUSES_PER_SENTENCE",
    "NEWS_FRAMED_CLAUSES",
    "NEWS_PASSAGES",
    "NEWS_SENTENCES_PER_PASSAGE",
    "PUBLISHER_ROLE_SHARES",
    "REPORT_CLAIMS_PER_PASSAGE",
    "REPORT_CLAUSES_PER_SENTENCE",
    "REPORT_FRAMED_CLAUSES",
    "REPORT_MARKERS_PER_PASSAGE",
    "REPORT_PASSAGES",
    "REPORT_SENTENCES_PER_PASSAGE",
    "SHARE_CITATIONS_OF_A_CITED_WORK",
    "SHARE_CITATIONS_WITH_PAGES",
    "SHARE_CLAIMS_WITH_TIME",
    "SHARE_EVENT_CLAIMS",
    "SHARE_PERSONS_WITH_OFFICE",
    "SHARE_PLACES_WITH_PARENT",
    "SHARE_REPORTS",
    "SHARE_REPORTS_WITH_CROSS_REFERENCE",
    "SynthSummary",
    "calibrate",
    "generate",
    "plan_documents",
]
