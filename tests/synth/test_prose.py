"""The model of generated prose (synth/prose.py): nodes, claims and passages with their markers; the Writer
that writes text, records each claim as a slice of it, closes clauses with footnote markers, names entities
and times; and the Tally that steers modality and time towards the seed's shares."""

from __future__ import annotations

from datetime import date
from random import Random

import pytest

from coi_graph.documents.dates import TimeValue
from coi_graph.synth.prose import Claim, Footnote, Node, Passage, Tally, Topic, When, Writer, rel
from coi_graph.synth.registry import Entity, World
from coi_graph.synth.world import build_world


@pytest.fixture(scope="module")
def world() -> World:
    return build_world(Random(1), [12])


def _writer(world: World, *, report: bool = True, published: date = date(2024, 3, 1), seed: int = 1) -> Writer:
    w = Writer(report, published, world.theatres[0], world, Random(seed), Tally(), "d7")
    w.new_passage()
    return w


def test_nodes_claims_and_times() -> None:
    a = Entity("a", ("coi:ArmedForce",), "A", "actors")
    b = Entity("b", ("coi:City",), "B", "places")
    assert list(rel(a, "presentAt", b, b).triples()) == [("ent:a", "coi:presentAt", "ent:b")] * 2
    event = Node("ev:x", ["coi:Strike"], 'strike "B"', [("coi:agent", "ent:a")])
    assert list(event.triples()) == [
        ("ev:x", "a", "coi:Strike"), ("ev:x", "rdfs:label", '"strike \\"B\\""@en'), ("ev:x", "coi:agent", "ent:a")
    ]  # fmt: skip
    claim = Claim("A hit B", "Stated", [rel(a, "presentAt", b), rel(a, "presentAt", b), event])
    assert claim.content()[0] == ("ent:a", "coi:presentAt", "ent:b") and len(claim.content()) == 4  # deduplicated
    assert claim.has_event() and not Claim("A in B", "Stated", [rel(a, "presentAt", b)]).has_event()
    when = When("since March 2023", start=TimeValue(2023, 3), end=TimeValue(2024), approximate=True)
    assert when.values() == [("startTime", TimeValue(2023, 3)), ("endTime", TimeValue(2024))]


def test_passage_marked_puts_each_marker_at_its_offset() -> None:
    topic = Topic("strike", "A", "B", date(2024, 1, 1))
    passage = Passage("One, two. Three.", [(4, Footnote(topic, 12)), (9, Footnote(topic, 13))])
    assert passage.marked() == "One,[12](#) two.[13](#) Three."
    assert Passage("No markers.").marked() == "No markers."


def test_claims_quote_the_text_and_report_clauses_close_with_a_marker(world: World) -> None:
    w = _writer(world)
    a, b = world.powers[0].forces, world.theatres[0].capital
    w.capitalise = True
    start = w.at()
    w.say("the forces arrived, ")
    claim = w.claim(start, [rel(a, "presentAt", b)], "Stated")
    assert w.passage.text == "The forces arrived, " and claim.quote == "The forces arrived"  # stripped of ' ,;'
    assert w.passage.claims == [claim] and w.tally.claims == 1 and w.tally.modalities["Stated"] == 1
    w.say("at last")
    footnote = w.close(";")
    assert footnote is not None and claim.footnotes == [footnote] and footnote.topic is w.topic
    assert w.passage.markers == [(len("The forces arrived, at last;"), footnote)]
    assert w.pending == []
    with pytest.raises(AssertionError, match="empty quote"):
        w.claim(w.at(), [rel(a, "presentAt", b)], "Stated")
    news = _writer(world, report=False)
    news.say("Text")
    news.claim(0, [rel(a, "presentAt", b)], "Stated")
    assert news.close(".") is None and news.passage.markers == [] and news.passage.text == "Text."


def test_claims_under_a_frame_are_reported_according_to_it(world: World) -> None:
    w = _writer(world)
    a, b = world.powers[0].forces, world.theatres[0].capital
    w.say("KMD said that the forces may be in the capital")
    w.frame = "ev:statement-kmd-d7-01"
    stated = w.claim(14, [rel(a, "presentAt", b)], "Stated")
    possible = w.claim(14, [rel(a, "presentAt", b)], "Possible")
    own = w.claim(14, [rel(a, "presentAt", b)], "Stated", according_to="ev:statement-other")
    assert (stated.modality, stated.according_to) == ("Reported", "ev:statement-kmd-d7-01")
    assert (possible.modality, possible.according_to) == ("Possible", "ev:statement-kmd-d7-01")
    assert (own.modality, own.according_to) == ("Stated", "ev:statement-other")
    assert stated.quote == "the forces may be in the capital"


def test_names_and_nodes(world: World) -> None:
    w = _writer(world)
    theatre = world.theatres[0]
    assert w.ref(theatre.forces, form=theatre.forces.label) == f"the {theatre.forces.label}"  # takes an article
    assert w.ref(theatre.defence, form=theatre.defence.label) == theatre.defence.label  # an acronym: bare
    assert w.ref(theatre.country, form=f"Republic of {theatre.country.label}").startswith("the Republic of ")
    assert w.ref(theatre.country, form=theatre.country.label) == theatre.country.label
    assert w.ref(theatre.locals) == f"local {theatre.country.adjective} officials"  # unnamed: its words
    forms = {w.ref(theatre.forces) for _ in range(200)}
    assert forms == {f"the {n}" for n in (theatre.forces.label, *theatre.forces.aliases)}
    node = w.node("strike", "Strike", "a strike", agent=[world.powers[0].coalition], target=[theatre.forces])
    assert node.subject == "ev:strike-ardenian-led-global-coalition-d7-01" and node.types == ["coi:Strike"]
    assert node.props == [("coi:agent", "ent:ardenian-led-global-coalition"), ("coi:target", theatre.forces.iri)]
    assert w.node("meeting", "Meeting", "talks").subject == "ev:meeting-x-d7-02"


def test_time_phrases(world: World) -> None:
    report = _writer(world, published=date(2024, 2, 1))
    assert report.month_value(3) == TimeValue(2023, 11)  # back across the year end
    assert report.month_text(TimeValue(2023, 11)) == "November 2023"
    assert report.day_phrase(date(2024, 1, 29)).text == "on 29 January 2024"
    news = _writer(world, report=False, published=date(2024, 2, 1))
    monday = news.day_phrase(date(2024, 1, 29))
    assert (monday.text, monday.point) == ("on Monday", TimeValue(2024, 1, 29))  # within the week: a weekday
    assert news.day_phrase(date(2024, 1, 20)).text == "on 20 January 2024"
    assert news.month_text(TimeValue(2023, 11)) == "November"  # recent: no year in the news
    assert news.month_text(TimeValue(2023, 2)) == "February 2023"
    for _ in range(30):
        assert report.past_day() < report.published and news.past_day() <= news.published
        span = report.range_phrase()
        assert span.start is not None and span.end is not None and span.start.earliest() < span.end.earliest()
        assert span.text.endswith(f"{span.end.year}") and span.end.earliest() < report.published
        as_of = report.as_of_phrase()
        assert as_of.as_of is not None and as_of.text.startswith("as of ")
        future = report.future_phrase()
        assert future.end is not None and future.end.earliest() > report.published
        assert future.text == f"by {report.month_text(future.end)}"
        year = report.year_phrase()
        assert year.point is not None and year.text == f"in {year.point.year}" and year.point.year in (2022, 2023)
    w = _writer(world)
    when = w.say_when(w.month_phrase(2))
    assert when.expression == w.passage.text and when.point == TimeValue(2024, 1)
    assert when.expression in ("in January 2024", "in early January 2024", "in late January 2024")


def test_mentions_that_state_something(world: World) -> None:
    theatre = world.theatres[0]
    coalition = world.powers[0].coalition
    assert coalition is not None
    forms = set()
    for seed in range(20):
        w = _writer(world, seed=seed)
        w.mention_actor(coalition)
        led = "-led" in w.passage.text
        forms.add(led)
        expected = [[("ent:ardenia", "coi:leads", coalition.iri)]] if led else []  # 'the Ardenian-led coalition'
        assert [c.content() for c in w.passage.claims] == expected
        assert all(c.quote == w.passage.text for c in w.passage.claims)
    assert forms == {True, False}  # 'Global Coalition' and 'Coalition' say nothing of who leads it
    city = theatre.cities[1]
    assert city.parent is not None
    located = 0
    for seed in range(20):
        w = _writer(world, seed=seed)
        w.mention_place(city)
        if w.passage.claims:
            located += 1
            assert w.passage.claims[0].content() == [(city.iri, "coi:locatedIn", city.parent.iri)]
            assert w.passage.text.endswith(")") and w.passage.claims[0].quote == w.passage.text
    assert 0 < located < 20  # half the time, by SHARE_PLACES_WITH_PARENT
    president = theatre.people["president"]
    assert president.position is not None
    for seed in range(20):
        w = _writer(world, seed=seed)
        w.mention_holder(president, comma=False)
        assert president.label in w.passage.text or any(a in w.passage.text for a in president.aliases)
        for claim in w.passage.claims:
            assert claim.content() == [(president.iri, "coi:holdsPosition", president.position.iri)]
            assert claim.quote in w.passage.text and president.label in claim.quote
            assert claim.tenure in ((), ("coi:Current",), ("coi:NewlyAppointed",))


def test_tally_steers_modality_and_time_to_the_seeds_shares() -> None:
    tally = Tally()
    node = Node("ent:a", props=[("coi:presentAt", "ent:b")])
    for _ in range(43):
        tally.add(Claim("q", "Stated", [node]))
    # 43 of 44 claims would already be more than the seed's 43 of 71 stated: negation is owed
    assert {tally.modality(Random(seed), ("Stated", "Negated")) for seed in range(20)} == {"Negated"}
    # nothing owed among the allowed: drawn by the shares themselves
    assert tally.modality(Random(1), ("Stated",)) == "Stated"
    assert Tally().want_time(Random(0))  # no claims, none timed: a time is owed
    assert tally.timed == 0 and tally.want_time(Random(0))
    timed = Tally()
    for _ in range(10):
        timed.add(Claim("q", "Stated", [node], When("in 2020", point=TimeValue(2020))))
    assert timed.timed == 10 and timed.events == 0
    assert not timed.want_time(Random(0))  # Random(0).random() is 0.84: not among the 10 % drawn anyway
