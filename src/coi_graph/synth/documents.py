"""Documents: EUAA-style report sections and news articles, with footnotes and citations."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from random import Random

from coi_graph.documents.dates import TimeValue
from coi_graph.synth.claimfiles import claims_file
from coi_graph.synth.clauses_politics import t_quote, t_statement
from coi_graph.synth.prose import Claim, Footnote, Passage, Tally, Topic, Work, Writer
from coi_graph.synth.registry import Entity, Theatre, World, plural
from coi_graph.synth.shares import (
    CITATIONS_PER_FOOTNOTE,
    NEWS_CLAUSES_PER_SENTENCE,
    NEWS_FRAMED_CLAUSES,
    NEWS_PASSAGES,
    NEWS_SENTENCES_PER_PASSAGE,
    PUBLISHER_ROLE_SHARES,
    REPORT_CLAUSES_PER_SENTENCE,
    REPORT_FRAMED_CLAUSES,
    REPORT_PASSAGES,
    REPORT_SENTENCES_PER_PASSAGE,
    SHARE_CITATIONS_OF_A_CITED_WORK,
    SHARE_CITATIONS_WITH_PAGES,
    SHARE_REPORTS_WITH_CROSS_REFERENCE,
)
from coi_graph.synth.templates import FRAMEABLE, NEWS_TEMPLATES, ONCE, REPORT_TEMPLATES, Template
from coi_graph.synth.text import cap, day_text, lit, month_name_text, slug, weighted

# =============================================================================================
# Documents
# =============================================================================================

_REPORT_KINDS = ("Country Focus", "Security Situation", "Actors of Protection", "Armed Groups", "Key Developments")
_MONITOR_TAGS = {
    "strike": ("Military escalation", "Aerial bombardment"),
    "reinforcement": ("New reinforcements", "Ground reinforcements", "Boosting military bases"),
    "clashes": ("Renewed fighting", "Security chaos"),
    "withdrawal": ("Redeployment", "Military withdrawal"),
    "base": ("Preparations for establishing new base",),
    "exercise": ("To raise combat readiness",),
    "takeover": ("Shifting control",),
}
_HEADLINE_VERBS = {
    "strike": "strikes positions near",
    "reinforcement": "brings military equipment to bases in",  # 'brings' -> 'bring' when plural
    "clashes": "fighters clash in",
    "withdrawal": "withdraws from",
    "base": "starts building a new base near",
    "exercise": "conducts military exercises in",
    "takeover": "takes control of",
    "deployment": "deploys additional units to",
    "presence": "troops remain in",
    "support": "steps up support for",
    "meeting": "holds talks in",
    "statement": "speaks out on the situation in",
    "membership": "joins alliance in",
    "threat": "threat grows in",
    "designation": "designation angers factions in",
    "bounty": "bounty announced amid tensions in",
    "agreement": "agreement reached on",
    "relations": "balances relations with",
    "planning": "weighs withdrawal from",
    "leadership": "leadership consolidated in",
}


@dataclass
class Generated:
    """One document as written: its files and what it holds."""

    doc_id: str
    stem: str
    report: bool
    text: str
    metadata: str
    trig: str
    passages: list[Passage]
    claims: list[Claim]
    footnotes: list[Footnote]
    passage_prefix: str  # 's3.4-' in a section, '' in an article


def _headline(topic: Topic) -> str:
    """'Ardenian armed forces deploy additional units to central Qasiria'."""
    verb = _HEADLINE_VERBS.get(topic.kind, "active in")
    first, _, rest = verb.partition(" ")
    if plural(topic.actor) and first.endswith("s") and topic.kind in _AGREEING:
        verb = f"{first[:-1]} {rest}"
    return f"{topic.actor} {verb} {topic.place}"


# headline verbs that agree with their actor: 'the forces deploy', 'the brigade deploys'
_AGREEING = frozenset({"strike", "reinforcement", "withdrawal", "base", "exercise", "takeover", "deployment",
                       "support", "meeting", "statement", "membership", "relations", "planning"})  # fmt: skip


def _work_title(role: str, topic: Topic, publisher: Entity, country: str, rng: Random) -> tuple[str, str | None]:
    """A title in the publisher's manner, about the clause the footnote closes; and pages, if any."""
    headline = _headline(topic)
    if role == "monitor":
        tag = rng.choice(_MONITOR_TAGS.get(topic.kind, ("Daily developments", "Field report")))
        if rng.random() < 0.3:
            headline = headline.replace(topic.actor, f"“{topic.actor}”", 1)
        return f"{tag} | {headline}", None
    if role == "broadcaster":
        question = f"What is behind the {topic.actor} strategy in {topic.place}?"
        if topic.kind in ("meeting", "statement", "bounty", "leadership"):  # the actor is a person
            question = f"{headline}: what it means for {country}"
        return rng.choice((question, f"{headline}, officials say",
                           f"Fears grow in {country} as {headline}")), None  # fmt: skip
    if role == "think tank":
        return rng.choice((f"A New Phase in {country}: Winners, Losers, and Implications for the Region",
                           f"{country} and the Struggle for {topic.place}: What Comes Next")), None  # fmt: skip
    if role == "defence":
        # the seed's one citation with pages is a defence department's report: 1 in 26 citations
        if rng.random() < SHARE_CITATIONS_WITH_PAGES / (2 / 26):
            first = rng.randint(3, 40)
            return (f"Operation {rng.choice(('Steadfast Resolve', 'Eastern Shield', 'Firm Anchor'))}: Report to the "
                    f"Legislature on {country}", f"pp. {first}-{first + rng.randint(1, 4)}")  # fmt: skip
        return f"{publisher.label} Announces Changes to Force Posture in {country}", None
    if role in ("radio", "television"):
        return rng.choice((f"{topic.actor} expected to play a major role in {topic.place}",
                           f"Inside {topic.place}: the view from the front line")), None  # fmt: skip
    return rng.choice((f"{country}: Conflict Monitoring Update on {topic.place}",
                       f"Armed actors in {topic.place}: a mapping")), None  # fmt: skip


def _publisher(role: str, theatre: Theatre, world: World, rng: Random) -> Entity:
    if role == "monitor":
        return theatre.monitor
    if role == "defence":
        return rng.choice((theatre.defence, theatre.power.defence))
    return rng.choice(world.media[role])


def _cite(footnotes: list[Footnote], theatre: Theatre, world: World, rng: Random, published: date) -> None:
    """Give every footnote its citations: new works in the proportions of the seed's publishers, or,
    as often as the seed does, a work the document already cites."""
    cited: list[Work] = []
    latest = published - timedelta(days=1)
    for footnote in footnotes:
        for _ in range(int(weighted(rng, CITATIONS_PER_FOOTNOTE))):
            reusable = [work for work in cited if work not in footnote.works]
            if reusable and rng.random() < SHARE_CITATIONS_OF_A_CITED_WORK:
                footnote.works.append(rng.choice(reusable))
                continue
            role = str(weighted(rng, PUBLISHER_ROLE_SHARES))
            publisher = _publisher(role, theatre, world, rng)
            title, pages = _work_title(role, footnote.topic, publisher, theatre.country.label, rng)
            day = min(footnote.topic.day + timedelta(days=rng.randint(0, 12)), latest)
            domain = slug(publisher.aliases[0] if publisher.aliases and len(publisher.label) < 6 else publisher.label)
            url = f"https://www.{domain}.example/{day:%Y/%m}/{slug(title)[:60].rstrip('-')}"
            work = Work(publisher, title, day, url)
            if pages is not None:
                footnote.pages[len(footnote.works)] = pages
            footnote.works.append(work)
            cited.append(work)


def _footnote_list(footnotes: list[Footnote], rng: Random) -> str:
    entries = []
    for footnote in footnotes:
        parts = []
        for index, work in enumerate(footnote.works):
            text = f"{work.publisher.label}, {work.title}, {day_text(work.day)}, [url]({work.url})"
            if index in footnote.pages:
                text += f", {footnote.pages[index]}"
            parts.append(text)
        separator = ";\n" if rng.random() < 0.2 else "; "
        entries.append(f"- [{footnote.number}](#)\n\n{separator.join(parts)}")
    return "\n\n".join(entries)


def _compose(w: Writer, templates: Sequence[tuple[Template, int]], sentences: int, *,
             first: Template | None = None) -> None:  # fmt: skip
    """One passage: sentences of one to three clauses, each clause closed by a marker in a report."""
    functions = [t for t, _ in templates]
    weights = [weight for _, weight in templates]
    last: Template | None = None
    w.new_passage()
    for index in range(sentences):
        if index:
            w.say(" ")
        clauses = int(weighted(w.rng, REPORT_CLAUSES_PER_SENTENCE if w.report else NEWS_CLAUSES_PER_SENTENCE))
        used: set[str] = set()
        for clause in range(clauses):
            w.capitalise = clause == 0
            template = first if first is not None and index == 0 and clause == 0 else None
            for _ in range(50):
                fits = template is not None and template != last and (clause == 0 or template is not t_quote)
                if fits and template is not None and w.done[template] < (1 if template in ONCE else 2):
                    break
                template = w.rng.choices(functions, weights)[0]
            assert template is not None
            w.done[template] += 1
            last = template
            framed = REPORT_FRAMED_CLAUSES if w.report else NEWS_FRAMED_CLAUSES
            if template in FRAMEABLE and w.rng.random() < framed:
                _framed(w, template)
            else:
                template(w)
            if clause < clauses - 1:
                joins = [j for j in (", while", "; meanwhile,", "; in addition,", ";", ", and") if j not in used]
                join = w.pick(joins)
                used.add(join)
                w.close(join[0])
                w.say(join[1:] + " ")
        w.close(".")


def _framed(w: Writer, template: Template) -> None:
    """'The KMD said that ...': a statement, and the claims of the clause reported according to it."""
    t, rng = w.theatre, w.rng
    people = [p for role, p in t.people.items() if not role.startswith("commander")]
    speaker = rng.choice((t.defence, t.power.defence, t.monitor, t.locals, *people))
    start = w.at()
    if "coi:Person" in speaker.types:
        w.mention_holder(speaker)
    else:
        w.say(w.ref(speaker))
    publishes = "coi:Publisher" in speaker.types
    w.say(f" {w.pick(('reported', 'said') if publishes else ('said', 'stated', 'told journalists', 'claimed'))} that ")
    statement = w.node("statement", "Statement", "", speaker=[speaker])
    w.frame, w.capitalise = statement.subject, False
    template(w)
    w.frame = None
    statement.label = f"{speaker.label} on {_headline(w.topic)}"
    w.claim(start, [statement], "Stated")


def _cross_reference(w: Writer) -> None:
    t = w.theatre
    passage = w.new_passage()
    passage.cross_reference = True
    before = w.month_value(w.rng.randint(3, 8))
    section = f"{w.rng.randint(1, 3)}.{w.rng.randint(1, 6)}.{w.rng.randint(1, 5)}."
    topic = w.pick((f"the involvement of foreign forces in {t.country.label}", f"armed groups in {t.country.label}",
                    f"the security situation in {t.country.label}"))  # fmt: skip
    w.say(f"For information regarding {topic} prior to {month_name_text(before)}, see section {section} of the "
          f"[EUAA COI Report {t.country.label} – Security Situation \\({month_name_text(before)}\\)](#).")  # fmt: skip


def _section_title(w: Writer) -> str:
    t = w.theatre
    options = [
        "Foreign military presence",
        f"Security situation in {w.rng.choice(t.governorates).label}",
        w.rng.choice(list(t.groups.values())).label,
        "State armed forces and affiliated groups",
    ]
    if t.power.coalition is not None:
        options.append(t.power.coalition.label.replace("Global ", "").replace("Coalition", "coalition"))
    return w.rng.choice(options)


def report_document(index: int, theatre: Theatre, world: World, rng: Random, tally: Tally, day: date, seed: int,
            used: set[str]) -> Generated:  # fmt: skip
    published = date(day.year, day.month, 1)
    w = Writer(True, published, theatre, world, rng, tally, f"d{index + 1}")
    kind = rng.choice(_REPORT_KINDS)
    doc_id = _unique(f"euaa-{published:%Y-%m}-{slug(theatre.country.label)}-{slug(kind)}", used)
    section = f"{rng.randint(1, 4)}.{rng.randint(1, 9)}"
    title = _section_title(w)
    if rng.random() < SHARE_REPORTS_WITH_CROSS_REFERENCE:
        _cross_reference(w)
    for _ in range(rng.choice(REPORT_PASSAGES)):
        _compose(w, REPORT_TEMPLATES, rng.choice(REPORT_SENTENCES_PER_PASSAGE))
    footnotes = [footnote for passage in w.passages for _, footnote in passage.markers]
    first = rng.randint(1, 600)
    for number, footnote in enumerate(footnotes, start=first):
        footnote.number = number
    _cite(footnotes, theatre, world, rng, published)
    month = month_name_text(TimeValue(published.year, published.month))
    report_title = f"COI Report - {theatre.country.label}: {kind}"
    text = (
        f"Please cite as: EUAA, '[{section}. {title}](#)' in *{report_title}*, {month}.\n\n{section}. {title}\n\n"
        + "\n\n".join(p.marked() for p in w.passages)
        + "\n\n"
        + _footnote_list(footnotes, rng)
        + f"\n\n© European Union Agency for Asylum {published.year + 1} | Email: info@euaa.europa.eu\n"
    )
    stem = f"{doc_id}-s{section}"
    metadata = _metadata(doc_id, stem, True, None, seed)
    claims = [c for p in w.passages for c in p.claims]
    generated = Generated(doc_id, stem, True, text, metadata, "", w.passages, claims, footnotes,
                          f"s{section}-")  # fmt: skip
    generated.trig = claims_file(generated, f'EUAA, {report_title} ({month}), section {section} "{title}"')
    return generated


def _news_title(topic: Topic, rng: Random) -> str:
    return cap(rng.choice((_headline(topic), f"{_headline(topic)}, sources say", f"Report: {_headline(topic)}")))


def news_document(index: int, theatre: Theatre, world: World, rng: Random, tally: Tally, day: date, seed: int,
          used: set[str]) -> Generated:  # fmt: skip
    w = Writer(False, day, theatre, world, rng, tally, f"d{index + 1}")
    outlet = theatre.outlet if rng.random() < 0.6 else rng.choice(world.media["broadcaster"])
    if rng.random() < 0.5:
        w.attribution = (outlet, rng.choice(world.origins))
    for number in range(rng.choice(NEWS_PASSAGES)):
        first = t_statement if number == 1 and w.attribution is not None else None
        _compose(w, NEWS_TEMPLATES, rng.choice(NEWS_SENTENCES_PER_PASSAGE), first=first)
    claims = [c for p in w.passages for c in p.claims]
    lead = next((c for c in claims if c.has_event()), None)
    actor = _lead_label(lead, world) if lead is not None else theatre.country.label
    topic = Topic(w.passages[0].kinds[0] if w.passages[0].kinds else "statement", actor, theatre.country.label, day)
    title = _news_title(topic, rng)
    doc_id = _unique(f"{slug(outlet.label)}-{day:%Y-%m-%d}-{'-'.join(slug(title).split('-')[:4])}", used)
    text = f" date {day:%Y-%m-%d} {title}\n\n" + "\n\n".join(p.text for p in w.passages) + "\n"
    metadata = _metadata(doc_id, doc_id, False, outlet, seed)
    generated = Generated(doc_id, doc_id, False, text, metadata, "", w.passages, claims, [],
                          "")  # fmt: skip
    generated.trig = claims_file(generated, f'{outlet.label}, {day:%Y-%m-%d} "{title}"')
    return generated


def _lead_label(claim: Claim, world: World) -> str:
    """The label of the first actor of a claim's event, for a headline."""
    labels = {e.iri: e.label for e in world.entities}
    for node in claim.nodes:
        for predicate, value in node.props:
            if predicate in ("coi:agent", "coi:speaker", "coi:party") and value in labels:
                return labels[value].removesuffix(" (unnamed)")
    return "Officials"


def _unique(name: str, used: set[str]) -> str:
    candidate, number = name, 2
    while candidate in used:
        candidate, number = f"{name}-{number}", number + 1
    used.add(candidate)
    return candidate


def _metadata(doc_id: str, stem: str, report: bool, publisher: Entity | None, seed: int) -> str:
    lines = [
        "# Bibliographic metadata that the file itself does not give. "
        + ("Title, date, publisher, section and the 'Please cite as' line are parsed from the file."
           if report else "Title and date are parsed from the first line; the attribution chain from the text."),
        f"# Synthetic: written by 'coi-graph synth' (seed {seed}).",
        "@prefix coi: <https://w3id.org/coi-graph/ontology#> .",
        "@prefix doc: <https://w3id.org/coi-graph/id/doc/> .",
    ]  # fmt: skip
    if publisher is not None:
        lines.append("@prefix ent: <https://w3id.org/coi-graph/id/entity/> .")
    body = [f"a coi:{'Report' if report else 'NewsArticle'}", f"coi:sourceFile {lit(stem + '.txt')}",
            f"coi:sourceFormat {lit('euaa-report' if report else 'news')}"]  # fmt: skip
    if publisher is not None:
        body.append(f"coi:publisher {publisher.iri}")
    body.append('coi:language "en"')
    lines += ["", f"doc:{doc_id}"] + [f"    {part} ;" for part in body[:-1]] + [f"    {body[-1]} ."]
    return "\n".join(lines) + "\n"
