"""Distributions measured on the seed corpus, tuning and sizing of the synthetic corpus."""

from __future__ import annotations

# ---------------------------------------------------------------------------------------------
# Distributions measured on the seed corpus: data/, EUAA section 3.4 (5 passages, 18 footnotes,
# 39 claims) and the News.Az article of 2025-10-20 (6 passages, 32 claims), read with the real
# parsers and loader (passages, sentences, markers, citations, works) and from the claims.
# ---------------------------------------------------------------------------------------------

# Sentences per passage with claims, as the sentence splitter counts them: report 1, 2, 2, 4;
# article 1, 1, 1, 1, 1, 6. Sampled as measured.
REPORT_SENTENCES_PER_PASSAGE = (1, 2, 2, 4)
NEWS_SENTENCES_PER_PASSAGE = (1, 1, 1, 1, 1, 6)
# Claims per passage: report 6, 9, 11, 13 (mean 9.75; the cross-reference passage has none),
# article 4, 4, 4, 4, 5, 11 (mean 5.33). The report's sentences are long, 4.3 claims a sentence, so
# a report sentence joins one to three clauses, (clauses, weight), tuned to match.
REPORT_CLAIMS_PER_PASSAGE = 9.75
NEWS_CLAIMS_PER_PASSAGE = 5.33
REPORT_CLAUSES_PER_SENTENCE = ((1, 3), (2, 4), (3, 3))
NEWS_CLAUSES_PER_SENTENCE = ((1, 2), (2, 1))
# Footnote markers per report passage with claims: 1, 4, 4, 9 (mean 4.5); one a clause.
REPORT_MARKERS_PER_PASSAGE = 4.5
# Passages with claims per document: 4 in the report section (plus a cross-reference passage that
# states no fact), 6 in the article. Varied by one either way.
REPORT_PASSAGES = (3, 4, 5)
NEWS_PASSAGES = (5, 6, 7)
SHARE_REPORTS_WITH_CROSS_REFERENCE = 0.5
# Citations per footnote, (citations, footnotes): 18 footnotes, 26 citations.
CITATIONS_PER_FOOTNOTE = ((1, 13), (2, 3), (3, 1), (4, 1))
# Cited works: 19 for 26 citations; 5 of the 19 (26 %) are cited in more than one footnote, so 7 of
# the 26 citations cite a work the document already cites.
SHARE_CITATIONS_OF_A_CITED_WORK = 7 / 26
# Citations by publisher: SOHR 15, Al Jazeera 4, INSS 2, USDOD 2, NBC News 1, NPR 1, USIP 1; as roles:
# a local monitoring group, a broadcaster, a think tank, a defence ministry, a television network,
# a radio and an institute.
PUBLISHER_ROLE_SHARES = (
    ("monitor", 15),
    ("broadcaster", 4),
    ("think tank", 2),
    ("defence", 2),
    ("television", 1),
    ("radio", 1),
    ("institute", 1),
)
# Citations that give pages (", pp. 12-13"): 1 of 26.
SHARE_CITATIONS_WITH_PAGES = 1 / 26
# Modality of the 71 claims.
MODALITY_SHARES = (
    ("Stated", 43),
    ("Reported", 14),
    ("Intended", 6),
    ("Planned", 4),
    ("Possible", 2),
    ("Negated", 2),
)
# Claims with a time (point in time, start, end or as-of): 24 of 71; 22 of them quote a time expression.
SHARE_CLAIMS_WITH_TIME = 24 / 71
# Content: an event or quantity in 36 claims, direct relations only in 34, both in 1. Not steered: the
# templates give about the same (see SynthSummary.event_claims).
SHARE_EVENT_CLAIMS = 37 / 71
# Aliases (skos:altLabel) per registry entity, (aliases, entities): 63 entities, mean 1.59.
ALIASES_PER_ENTITY = ((0, 13), (1, 24), (2, 13), (3, 7), (4, 4), (6, 1), (7, 1))
# Report sections and news articles: 1 and 1.
SHARE_REPORTS = 0.5

# ---------------------------------------------------------------------------------------------
# Tuning: not measured, chosen so that the generated corpus matches the shares above (modality,
# claims per passage, events against direct relations).
# ---------------------------------------------------------------------------------------------

# Clauses framed as what someone said ("the KMD said that ..."): their claims are reported according
# to that statement, as 17 of the seed's 71 claims are.
REPORT_FRAMED_CLAUSES = 0.2
NEWS_FRAMED_CLAUSES = 0.35
# Places named with their governorate ('Tal Marah (Marah Governorate)', a located-in claim) and persons
# with their office (a holds-position claim).
SHARE_PLACES_WITH_PARENT = 0.5
SHARE_PERSONS_WITH_OFFICE = 0.5

# ---------------------------------------------------------------------------------------------
# Sizing and calibration.
# ---------------------------------------------------------------------------------------------

# A theatre is one invented country with its places, actors and publishers; its registry grows with
# the documents about it, up to this many documents, so that the corpus grows linearly.
DOCUMENTS_PER_THEATRE = 12
# Built triples (coi-graph build: asserted + plain + derived + inferred) = BUILT_FIXED +
# BUILT_PER_DOCUMENT x documents: least squares over builds of generated corpora of 2, 5, 10, 20 and
# 40 documents, seeds 1 to 3 (calibrate(); 15 builds, 4 100 to 76 700 built triples). BUILT_FIXED is the
# ontology (1218 triples) and the global part of the registry.
BUILT_FIXED = 2150
BUILT_PER_DOCUMENT = 1707
# The same builds against the asserted triples that generate() counts exactly: built = BUILT_PER_ASSERTED
# x asserted + BUILT_OFFSET, within 2 % from 10 documents up (within 12 % at 2). The estimate that
# SynthSummary gives for the corpus actually written.
BUILT_PER_ASSERTED = 2.20
BUILT_OFFSET = -1140

NAMESPACE = "https://w3id.org/coi-graph/"
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
