"""The model of generated prose: claims, passages, footnotes, and the Writer that records them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from random import Random

from coi_graph.documents.dates import TimeValue
from coi_graph.synth.registry import Entity, Theatre, World, display
from coi_graph.synth.shares import (
    MODALITY_SHARES,
    MONTHS,
    SHARE_CLAIMS_WITH_TIME,
    SHARE_PERSONS_WITH_OFFICE,
    SHARE_PLACES_WITH_PARENT,
    WEEKDAYS,
)
from coi_graph.synth.text import add_months, cap, day_text, lit, month_name_text, slug

# =============================================================================================
# Claims, passages, footnotes
# =============================================================================================


@dataclass
class Node:
    """Content of a claim about one subject: its types, label and properties (Turtle terms)."""

    subject: str
    types: list[str] = field(default_factory=list)
    label: str | None = None
    props: list[tuple[str, str]] = field(default_factory=list)

    def triples(self) -> Iterator[tuple[str, str, str]]:
        for kind in self.types:
            yield self.subject, "a", kind
        if self.label is not None:
            yield self.subject, "rdfs:label", lit(self.label, "en")
        for predicate, value in self.props:
            yield self.subject, predicate, value


def rel(subject: Entity, predicate: str, *objects: Entity) -> Node:
    return Node(subject.iri, props=[(f"coi:{predicate}", o.iri) for o in objects])


@dataclass(frozen=True)
class When:
    """The time of a claim, and the words of the passage that give it."""

    expression: str | None = None
    point: TimeValue | None = None
    start: TimeValue | None = None
    end: TimeValue | None = None
    as_of: TimeValue | None = None
    approximate: bool = False

    def values(self) -> list[tuple[str, TimeValue]]:
        pairs = (("pointInTime", self.point), ("startTime", self.start), ("endTime", self.end), ("asOf", self.as_of))
        return [(name, value) for name, value in pairs if value is not None]


@dataclass
class Topic:
    """What a clause is about, for the titles of the works its footnote cites."""

    kind: str
    actor: str
    place: str
    day: date


@dataclass
class Work:
    publisher: Entity
    title: str
    day: date
    url: str


@dataclass
class Footnote:
    topic: Topic
    number: int = 0
    works: list[Work] = field(default_factory=list)
    pages: dict[int, str] = field(default_factory=dict)  # citation index -> pages


@dataclass
class Claim:
    quote: str
    modality: str
    nodes: list[Node]
    when: When | None = None
    according_to: str | None = None
    tenure: tuple[str, ...] = ()
    footnotes: list[Footnote] = field(default_factory=list)
    passage: int = 0
    number: int = 0

    def content(self) -> list[tuple[str, str, str]]:
        return list(dict.fromkeys(t for node in self.nodes for t in node.triples()))

    def has_event(self) -> bool:
        return any(node.types for node in self.nodes)


@dataclass
class Passage:
    """A paragraph as it is written: its clean text, where its markers stand, its claims."""

    text: str = ""
    markers: list[tuple[int, Footnote]] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    cross_reference: bool = False

    def marked(self) -> str:
        out, position = [], 0
        for offset, footnote in self.markers:
            out.append(self.text[position:offset])
            out.append(f"[{footnote.number}](#)")
            position = offset
        out.append(self.text[position:])
        return "".join(out)


class Tally:
    """Running counts of the corpus, to steer modality and time towards the seed's shares."""

    def __init__(self) -> None:
        self.modalities: Counter[str] = Counter()
        self.claims = 0
        self.timed = 0
        self.events = 0

    def add(self, claim: Claim) -> None:
        self.modalities[claim.modality] += 1
        self.claims += 1
        self.timed += bool(claim.when and claim.when.values())
        self.events += claim.has_event()

    def modality(self, rng: Random, allowed: Sequence[str]) -> str:
        total = sum(weight for _, weight in MODALITY_SHARES)
        shares = {name: weight / total for name, weight in MODALITY_SHARES}
        n = self.claims + 1
        weights = [max(shares[m] * n - self.modalities[m], 0.0) for m in allowed]
        if not any(weights):
            weights = [shares[m] for m in allowed]
        return rng.choices(list(allowed), weights)[0]

    def want_time(self, rng: Random) -> bool:
        return SHARE_CLAIMS_WITH_TIME * (self.claims + 1) > self.timed or rng.random() < 0.1


@dataclass(frozen=True)
class Phrase:
    """A time phrase not yet written, and the time it gives."""

    text: str
    point: TimeValue | None = None
    start: TimeValue | None = None
    end: TimeValue | None = None
    as_of: TimeValue | None = None
    approximate: bool = False


class Writer:
    """Writes the passages of one document and records the claims as their words are written."""

    def __init__(self, report: bool, published: date, theatre: Theatre, world: World, rng: Random,
                 tally: Tally, tag: str) -> None:  # fmt: skip
        self.report = report
        self.published = published  # reports: the first day of the month of publication
        self.theatre = theatre
        self.world = world
        self.rng = rng
        self.tally = tally
        self.tag = tag
        self.passages: list[Passage] = []
        self.pending: list[Claim] = []
        self.capitalise = False
        self.topic = Topic("general", theatre.country.label, theatre.country.label, published)
        self.nodes = 0
        self.attribution: tuple[Entity, Entity] | None = None  # (outlet, origin) still to write
        self.speaker: Entity | None = None
        self.frame: str | None = None  # the statement that the claims being written report
        self.done: Counter[Callable[[Writer], None]] = Counter()  # templates used in the document

    # --- text -----------------------------------------------------------------------------

    @property
    def passage(self) -> Passage:
        return self.passages[-1]

    def new_passage(self) -> Passage:
        self.passages.append(Passage())
        return self.passage

    def say(self, text: str) -> None:
        if self.capitalise and text:
            text, self.capitalise = cap(text), False
        self.passage.text += text

    def at(self) -> int:
        return len(self.passage.text)

    def ref(self, entity: Entity, *, form: str | None = None) -> str:
        """A name for ``entity`` in running text: its label mostly, an alias sometimes."""
        if form is None and entity.label.endswith("(unnamed)"):
            form = entity.aliases[0] if entity.aliases else entity.label.removesuffix(" (unnamed)")
        if form is None:
            names = [entity.label, *entity.aliases]
            form = entity.label if self.rng.random() < 0.6 else self.rng.choice(names)
        if form not in entity.bare and (entity.article or form in entity.the):
            return "the " + form
        return form

    def plain(self, entity: Entity) -> str:
        """A name that takes no article, for a parenthesis: 'Tal Marah (Marah Governorate)'."""
        forms = [f for f in (entity.label, *entity.aliases) if f not in entity.the] if not entity.article else []
        return self.rng.choice(forms) if forms else self.ref(entity)

    def pick(self, options: Sequence[str]) -> str:
        return self.rng.choice(options)

    def verb(self, options: Sequence[str]) -> str:
        """A wording; under a frame ('X said that ...') not one that reports speech again."""
        speech = ("said", "announced", "pledged", "denied")
        if self.frame:
            plain = [o for o in options if not o.startswith(speech)]
            return self.rng.choice(plain or list(options))
        return self.rng.choice([o for o in options if not o.startswith("would")] or list(options))

    # --- claims ---------------------------------------------------------------------------

    def claim(self, start: int, nodes: list[Node], modality: str, *, end: int | None = None,
              when: When | None = None, according_to: str | None = None, tenure: tuple[str, ...] = (),
              extra: Iterable[Footnote | None] = ()) -> Claim:  # fmt: skip
        quote = self.passage.text[start:end].strip(" ,;")
        assert quote, "empty quote"
        if self.frame is not None and according_to is None:
            modality, according_to = ("Reported" if modality == "Stated" else modality), self.frame
        claim = Claim(quote, modality, nodes, when, according_to, tenure, [f for f in extra if f is not None])
        self.passage.claims.append(claim)
        self.pending.append(claim)
        self.tally.add(claim)
        return claim

    def close(self, punctuation: str = "") -> Footnote | None:
        """Write the punctuation that ends a clause; in a report, a footnote marker after it, which
        the claims of the clause cite."""
        self.say(punctuation)
        footnote = None
        if self.report:
            footnote = Footnote(self.topic)
            self.passage.markers.append((self.at(), footnote))
            for claim in self.pending:
                claim.footnotes.append(footnote)
        self.pending = []
        return footnote

    def node(self, kind: str, cls: str, label: str, **roles: Sequence[Entity]) -> Node:
        self.nodes += 1
        lead = next(iter(roles.values()), ())
        who = slug(lead[0].label)[:40].rstrip("-") if lead else "x"
        node = Node(f"ev:{kind}-{who}-{self.tag}-{self.nodes:02d}", [f"coi:{cls}"], label)
        for role, actors in roles.items():
            node.props += [(f"coi:{role}", a.iri) for a in actors]
        return node

    def about(self, kind: str, actor: Entity, place: Entity | None = None, day: date | None = None) -> None:
        label = place.label if place is not None else self.theatre.country.label
        self.topic = Topic(kind, display(actor), label, day or self.past_day())
        if not self.passage.kinds or self.passage.kinds[-1] != kind:
            self.passage.kinds.append(kind)

    # --- time -----------------------------------------------------------------------------

    def past_day(self, back: int = 150) -> date:
        """A day before publication (on the day itself too, for an article)."""
        return self.published - timedelta(days=self.rng.randint(0 if not self.report else 1, back))

    def say_when(self, phrase: Phrase) -> When:
        start = self.at()
        self.say(phrase.text)
        return When(self.passage.text[start:], phrase.point, phrase.start, phrase.end, phrase.as_of,
                    phrase.approximate)  # fmt: skip

    def day_phrase(self, day: date | None = None) -> Phrase:
        day = day or self.past_day(120)
        back = (self.published - day).days
        if not self.report and 0 <= back < 7:
            return Phrase(f"on {WEEKDAYS[day.weekday()]}", point=TimeValue.from_date(day))
        return Phrase(f"on {day_text(day)}", point=TimeValue.from_date(day))

    def month_value(self, back: int | None = None) -> TimeValue:
        """A month before the month of publication."""
        back = back if back is not None else self.rng.randint(1, 5)
        year, month = add_months(self.published.year, self.published.month, -back)
        return TimeValue(year, month)

    def month_text(self, value: TimeValue) -> str:
        assert value.month is not None
        recent = (self.published.year * 12 + self.published.month) - (value.year * 12 + value.month) < 11
        if not self.report and recent:
            return MONTHS[value.month - 1]
        return month_name_text(value)

    def month_phrase(self, back: int | None = None) -> Phrase:
        value = self.month_value(back)
        prefix = self.pick(("in", "in", "in early", "in late")) if self.report else "in"
        return Phrase(f"{prefix} {self.month_text(value)}", point=value)

    def range_phrase(self) -> Phrase:
        end = self.month_value(self.rng.randint(1, 3))
        assert end.month is not None
        first = TimeValue(*add_months(end.year, end.month, -self.rng.randint(1, 2)))
        assert first.month is not None
        if first.year == end.year:
            text = f"{self.pick(('between', 'in'))} {MONTHS[first.month - 1]} and {month_name_text(end)}"
        else:
            text = f"in {month_name_text(first)} and {month_name_text(end)}"
        return Phrase(text, start=first, end=end)

    def as_of_phrase(self) -> Phrase:
        value = self.month_value(self.rng.randint(1, 3))
        return Phrase(f"as of {self.month_text(value)}", as_of=value)

    def since_phrase(self) -> Phrase:
        value = self.month_value(self.rng.randint(4, 14))
        return Phrase(f"since {month_name_text(value)}", start=value)

    def future_phrase(self) -> Phrase:
        value = TimeValue(*add_months(self.published.year, self.published.month, self.rng.randint(2, 12)))
        if not self.report and self.rng.random() < 0.3:
            return Phrase("next year", end=TimeValue(self.published.year + 1))
        return Phrase(f"by {month_name_text(value)}", end=value)

    def year_phrase(self) -> Phrase:
        if self.report:
            year = self.published.year - self.rng.randint(1, 2)
            return Phrase(f"in {year}", point=TimeValue(year))
        return self.pick_phrase(
            Phrase("last year", point=TimeValue(self.published.year - 1)),
            Phrase("a decade ago", point=TimeValue(self.published.year - 10), approximate=True),
        )

    def pick_phrase(self, *phrases: Phrase) -> Phrase:
        return self.rng.choice(phrases)

    # --- mentions that state something themselves ------------------------------------------

    def mention_place(self, place: Entity) -> Entity:
        """'Tal Marah (Marah Governorate)': the place and, often, its governorate, a located-in claim."""
        parent = place.parent
        start = self.at()
        self.say(self.ref(place))
        if parent is not None and "coi:Governorate" in parent.types and self.rng.random() < SHARE_PLACES_WITH_PARENT:
            self.say(f" ({self.plain(parent)})")
            self.claim(start, [rel(place, "locatedIn", parent)], "Stated")
        return place

    def mention_holder(self, person: Entity, *, comma: bool = True) -> None:
        """A person and, often, the office they hold, a claim of its own: 'Rami Al-Haddad, the Prime
        Minister of Qasiria,', 'the Prime Minister of Qasiria, Rami Al-Haddad', 'Qasirian Prime
        Minister Rami Al-Haddad'. ``comma`` closes an apposition that the sentence goes on after."""
        position = person.position
        start = self.at()
        if position is None or self.rng.random() > SHARE_PERSONS_WITH_OFFICE:
            self.say(self.ref(person))
            return
        titles = [a for a in position.aliases if " of " not in a and "'" not in a and a[:1].isupper()]
        newly = self.rng.random() < 0.15
        roll = self.rng.random()
        if titles and roll < 0.3 and not newly:
            self.say(f"{self.rng.choice(titles)} {person.label}")
        elif roll < 0.65:
            self.say(f"{person.label}, {'the newly appointed ' + position.label if newly else self.ref(position)}")
            end = self.at()
            self.claim(start, [rel(person, "holdsPosition", position)], "Stated", end=end, tenure=self._tenure(newly))
            if comma:
                self.say(",")
            return
        else:
            office = "the newly appointed " + position.label if newly else self.ref(position)
            self.say(f"{office}, {person.label}")
            self.claim(start, [rel(person, "holdsPosition", position)], "Stated", tenure=self._tenure(newly))
            if comma:
                self.say(",")
            return
        self.claim(start, [rel(person, "holdsPosition", position)], "Stated", tenure=self._tenure(newly))

    def _tenure(self, newly: bool) -> tuple[str, ...]:
        if newly:
            return ("coi:NewlyAppointed",)
        return ("coi:Current",) if self.rng.random() < 0.7 else ()

    def mention_actor(self, actor: Entity) -> None:
        """An actor; a coalition named as 'the Ardenian-led coalition' also says who leads it."""
        start = self.at()
        form = self.ref(actor)
        self.say(form)
        for power in self.world.powers:
            if actor is power.coalition and "-led" in form:
                self.claim(start, [rel(power.state, "leads", actor)], "Stated")
