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

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from random import Random

from coi_graph.documents.dates import TimeValue
from coi_graph.errors import CoiGraphError
from coi_graph.registry import normalise

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
# ontology (1214 triples) and the global part of the registry.
BUILT_FIXED = 2150
BUILT_PER_DOCUMENT = 1707
# The same builds against the asserted triples that generate() counts exactly: built = BUILT_PER_ASSERTED
# x asserted + BUILT_OFFSET, within 2 % from 10 documents up (within 12 % at 2). The estimate that
# SynthSummary gives for the corpus actually written.
BUILT_PER_ASSERTED = 2.20
BUILT_OFFSET = -1140

_NAMESPACE = "https://w3id.org/coi-graph/"
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


# =============================================================================================
# Small helpers
# =============================================================================================


def _weighted(rng: Random, pairs: Sequence[tuple[str, int]] | Sequence[tuple[int, int]]) -> int | str:
    values = [value for value, _ in pairs]
    weights = [weight for _, weight in pairs]
    return rng.choices(values, weights)[0]


def _slug(text: str) -> str:
    out = []
    for char in text.casefold():
        out.append(char if char.isascii() and char.isalnum() else "-")
    return "-".join(part for part in "".join(out).split("-") if part) or "x"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lit(text: str, lang: str | None = None) -> str:
    """A Turtle string literal."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"' + (f"@{lang}" if lang else "")


def _time_lit(value: TimeValue) -> str:
    datatype = {"day": "date", "month": "gYearMonth", "year": "gYear"}[value.precision]
    return f'"{value.lexical}"^^xsd:{datatype}'


def _day_text(value: date) -> str:
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def _month_text(value: TimeValue) -> str:
    assert value.month is not None
    return f"{_MONTHS[value.month - 1]} {value.year}"


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _number(value: int, report: bool) -> str:
    """'2 000' as EUAA writes it, '2,000' as the news does."""
    return f"{value:,}".replace(",", " " if report else ",")


# =============================================================================================
# Names: syllables, so that they are plausible and invented
# =============================================================================================

_ONSETS = ("Q", "M", "T", "B", "H", "Z", "K", "S", "D", "N", "R", "F", "J", "W", "L", "Sh", "Kh")
_VOWELS = ("a", "i", "u", "a", "e", "o")
_CODAS = ("r", "s", "l", "d", "n", "m", "z", "b", "h", "k", "t", "f", "q", "sh")
_PLACE_ENDINGS = ("ah", "a", "an", "al", "iya", "un", "i", "ar", "at", "ik")
_COUNTRY_ENDINGS = ("ria", "nia", "dia", "lia", "vria", "mia")
_SURNAME_ENDINGS = ("i", "ani", "awi", "ouri", "ami", "ili")
_LOCALITY_PREFIXES = (
    "Tal",
    "Ain",
    "Jisr",
    "Kafr",
    "Deir",
    "Ras",
    "Jabal",
    "Qasr",
    "Bir",
    "Khan",
    "Marj",
    "Wadi",
    "Umm",
)
_TRANSLITERATIONS = (
    ("Tal ", "Tell "), ("Jabal ", "Jebel "), ("Deir ", "Dayr "), ("Ain ", "Ayn "), ("Qasr ", "Kasr "),
    ("Kafr ", "Kfar "), ("ou", "u"), ("iya", "iyah"), ("Q", "K"), ("sh", "ch"), ("ah", "a"), ("al-", "el-"),
)  # fmt: skip
_MALE = (
    "Ahmad", "Khalid", "Omar", "Yusuf", "Tariq", "Samir", "Nabil", "Rami", "Karim", "Faris", "Hassan", "Ziad",
    "Majid", "Walid", "Bashir", "Adnan", "Jamal", "Nizar", "Fadi", "Imad", "Salim", "Hamza", "Mazen", "Rashid",
)  # fmt: skip
_FEMALE = ("Leila", "Rania", "Huda", "Salma", "Nour", "Dima", "Yasmin", "Hala", "Mariam", "Reem", "Lina", "Amal")
_FIRST_VARIANTS = (("Ahmad", "Ahmed"), ("Yusuf", "Youssef"), ("Omar", "Umar"), ("Hassan", "Hasan"), ("Mazen", "Mazin"),
                   ("Nour", "Noor"), ("Leila", "Layla"), ("Rashid", "Rasheed"), ("Samir", "Sameer"))  # fmt: skip
# Invented great powers: (name, adjective).
_POWERS = (("Ardenia", "Ardenian"), ("Valdoria", "Valdorian"), ("Korvenia", "Korvenian"))
_REAL_COUNTRY_NAMES = frozenset({"namibia", "zambia", "serbia", "nigeria", "liberia", "somalia", "bolivia", "armenia"})


class Names:
    """Invented names, each used once."""

    def __init__(self, rng: Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def _fresh(self, make: Callable[[], str]) -> str:
        for _ in range(1000):
            name = make()
            if name.casefold() not in self.used and name.casefold() not in _REAL_COUNTRY_NAMES:
                self.used.add(name.casefold())
                return name
        raise RuntimeError("ran out of invented names")  # pragma: no cover

    def root(self) -> str:
        r = self.rng
        return self._fresh(lambda: r.choice(_ONSETS) + r.choice(_VOWELS) + r.choice(_CODAS) + r.choice(_PLACE_ENDINGS))

    def locality(self) -> str:
        r = self.rng

        def make() -> str:
            root = r.choice(_ONSETS) + r.choice(_VOWELS) + r.choice(_CODAS) + r.choice(_PLACE_ENDINGS)
            if r.random() < 0.55:
                article = "al-" if r.random() < 0.3 else ""
                return f"{r.choice(_LOCALITY_PREFIXES)} {article}{root}"
            return root

        return self._fresh(make)

    def country(self) -> str:
        r = self.rng
        return self._fresh(
            lambda: r.choice(_ONSETS) + r.choice(_VOWELS) + r.choice(_CODAS[:12]) + r.choice("aieo")
            + r.choice(_COUNTRY_ENDINGS)
        )  # fmt: skip

    def surname(self) -> str:
        r = self.rng

        def make() -> str:
            base = r.choice(_ONSETS) + r.choice(_VOWELS) + r.choice(_CODAS) + r.choice(_SURNAME_ENDINGS)
            return ("Al-" if r.random() < 0.5 else "") + base

        return self._fresh(make)


def _variants(name: str) -> list[str]:
    """Transliteration variants of a place or person name, as documents spell them."""
    found = []
    for old, new in _TRANSLITERATIONS:
        if old in name:
            variant = name.replace(old, new, 1)
            if variant != name and variant not in found:
                found.append(variant)
    if name.startswith("Al-"):
        found.append(name[3:])
    return found


def _acronym(name: str) -> str:
    """'KOHR' for 'Kenovrian Observatory for Human Rights'; '' when shorter than three letters."""
    words = [w for w in name.replace("-", " ").split() if w[:1].isupper() and w not in ("Al", "Of")]
    acronym = "".join(w[0] for w in words).upper()
    return acronym if len(acronym) >= 3 else ""


def _adjective(country: str) -> str:
    return country[:-1] + "an" if country.endswith("a") else country + "i"


# =============================================================================================
# The registry
# =============================================================================================


@dataclass
class Entity:
    """One registry entity, and how the text refers to it."""

    key: str
    types: tuple[str, ...]
    label: str
    file: str  # states, actors, places, positions, publishers
    candidates: list[str] = field(default_factory=list)  # aliases, most usual first
    aliases: list[str] = field(default_factory=list)  # those the registry keeps
    props: list[tuple[str, str]] = field(default_factory=list)
    article: bool = False  # 'the Northern Brigade'
    bare: tuple[str, ...] = ()  # names that take no article all the same ('Washington' for a government)
    the: tuple[str, ...] = ()  # names that take an article all the same ('the Republic of Qasiria')
    short: str | None = None  # 'Qasrik' for 'Qasrik base'
    comment: str | None = None
    gender: str = "m"
    adjective: str | None = None
    parent: Entity | None = None  # the governorate of a city or base, for the text
    position: Entity | None = None  # of a person
    troops: str | None = None  # 'Ardenian troops'

    @property
    def iri(self) -> str:
        return f"ent:{self.key}"

    def triples(self) -> int:
        return len(self.types) + 1 + len(self.aliases) + len(self.props)


@dataclass
class Power:
    """An invented great power: its state and the actors the theatres meet."""

    state: Entity
    government: Entity
    forces: Entity
    defence: Entity  # an agency that also publishes
    president: Entity
    presidency: Entity
    officials: Entity  # 'two Ardenian defence officials', unnamed
    coalition: Entity | None = None


@dataclass
class Theatre:
    """One invented country and what the documents about it name."""

    index: int
    documents: int
    country: Entity
    government: Entity
    forces: Entity
    defence: Entity
    capital: Entity
    regions: list[Entity]
    governorates: list[Entity]
    cities: list[Entity]
    bases: list[Entity]
    airport: Entity
    groups: dict[str, Entity]  # partner, jihadist, rebels, militia
    front: Entity | None
    people: dict[str, Entity]  # president, prime minister, ... commander of each group
    monitor: Entity
    outlet: Entity
    locals: Entity  # local officials, unnamed
    neighbour: Entity
    power: Power
    rival_power: Power
    start: date

    def base_places(self) -> list[Entity]:
        return [b for b in self.bases if b.parent is not None]


@dataclass
class World:
    entities: list[Entity]
    euaa: Entity
    powers: list[Power]
    media: dict[str, list[Entity]]  # by role
    origins: list[Entity]  # unnamed sources that news articles cite
    theatres: list[Theatre]


class RegistryBuilder:
    """Makes entities with unique keys and, for actors and publishers, labels that resolve to one entity."""

    def __init__(self, rng: Random) -> None:
        self.rng = rng
        self.names = Names(rng)
        self.entities: list[Entity] = []
        self.keys: set[str] = set()
        self.actor_labels: set[str] = set()
        self.alias_debt = 0  # aliases drawn that entities with too few names could not take

    def add(self, entity: Entity, *, aliases: int | None = None) -> Entity:
        key = entity.key
        number = 2
        while key in self.keys:
            key, number = f"{entity.key}-{number}", number + 1
        entity.key = key
        self.keys.add(key)
        count = aliases if aliases is not None else int(_weighted(self.rng, ALIASES_PER_ENTITY))
        drawn = count
        if aliases is None:  # names that others could not take, so that the mean stays the seed's
            extra = min(self.alias_debt, max(len(entity.candidates) - count, 0))
            count += extra
            self.alias_debt -= extra
        actor = entity.file in ("actors", "publishers", "states")
        chosen: list[str] = []
        seen = {normalise(entity.label)}
        for alias in entity.candidates:
            norm = normalise(alias)
            if not norm or len(chosen) >= count or norm in seen or (actor and norm in self.actor_labels):
                continue
            chosen.append(alias)
            seen.add(norm)
        entity.aliases = chosen
        if aliases is None:
            self.alias_debt += max(drawn - len(chosen), 0)
        if actor:
            self.actor_labels.update(seen)
        self.entities.append(entity)
        return entity

    def free(self, label: str) -> str | None:
        """``label`` if no actor or publisher has it yet, else None."""
        return label if label and normalise(label) not in self.actor_labels else None

    def abbreviation(self, name: str) -> str:
        """An abbreviation of ``name`` that no other actor or publisher has: 'KMD', else 'KeMD', else the name."""
        acronym = _acronym(name)
        longer = name.split()[0][:2] + acronym[1:] if acronym else ""
        return self.free(acronym) or self.free(longer) or name

    def person(self, comment: str | None = None, *, women: float = 0.2, kunya: bool = False) -> Entity:
        gender = "f" if self.rng.random() < women else "m"
        first = self.rng.choice(_FEMALE if gender == "f" else _MALE)
        surname = self.names.surname()
        label = f"{first} {surname}"
        candidates = [surname]
        if kunya:  # a nom de guerre, as armed group leaders have one
            candidates.insert(0, f"Abu {self.rng.choice(_MALE)} al-{surname.removeprefix('Al-')}")
        for old, new in _FIRST_VARIANTS:
            if first == old:
                candidates.append(f"{new} {surname}")
        candidates += [f"{first} {v}" for v in _variants(surname)]
        return self.add(
            Entity(_slug(label), ("coi:Person",), label, "actors", candidates, gender=gender, comment=comment)
        )


def _position(reg: RegistryBuilder, label: str, within: Entity, candidates: list[str], holder: Entity) -> Entity:
    position = reg.add(
        Entity("position-" + _slug(label), ("coi:Position",), label, "positions", candidates,
               props=[("coi:positionIn", within.iri)], article=True, bare=tuple(c for c in candidates if "'" in c))
    )  # fmt: skip
    holder.position = position
    return position


def _state(reg: RegistryBuilder, name: str, adjective: str, comment: str | None = None) -> Entity:
    candidates = [f"Republic of {name}", f"{adjective} Republic"]
    return reg.add(
        Entity(_slug(name), ("coi:State", "coi:Country"), name, "states", candidates, adjective=adjective,
               comment=comment, the=tuple(candidates))
    )  # fmt: skip


def _power(reg: RegistryBuilder, name: str, adjective: str) -> Power:
    state = _state(reg, name, adjective, comment="An invented great power. Its forces serve in several theatres.")
    government = reg.add(
        Entity(_slug(f"{adjective} government"), ("coi:Government",), f"{adjective} government", "actors",
               [f"Government of {name}", f"{adjective} administration"], article=True,
               props=[("coi:governmentOf", state.iri)])
    )  # fmt: skip
    forces = reg.add(
        Entity(_slug(f"{adjective} armed forces"), ("coi:ArmedForce",), f"{adjective} armed forces", "actors",
               [f"{adjective} forces", f"{adjective} troops", f"{adjective} military"], article=True,
               props=[("coi:partOf", state.iri)], troops=f"{adjective} troops")
    )  # fmt: skip
    acronym = _acronym(f"{adjective} Department of Defence")
    defence = reg.add(
        Entity(_slug(acronym), ("coi:Agency", "coi:Publisher"), acronym, "actors",
               [f"{adjective} Department of Defence", f"{adjective} defence department"], article=True, bare=(acronym,),
               props=[("coi:partOf", government.iri)], comment=f"Also the publisher '{acronym}' of footnotes."),
        aliases=2,
    )  # fmt: skip
    president = reg.person()
    presidency = _position(
        reg, f"President of {name}", state, [f"{adjective} President", f"{adjective} president"], president
    )
    officials = reg.add(
        Entity(_slug(f"two {adjective} defence officials unnamed"), ("coi:UnnamedActor",),
               f"two {adjective} defence officials (unnamed)", "actors", [f"two {adjective} defence officials"]),
        aliases=1,
    )  # fmt: skip
    return Power(state, government, forces, defence, president, presidency, officials)


_GLOBAL_MEDIA = (
    ("broadcaster", "Meridian News", None),
    ("broadcaster", "Orient Courier", None),
    ("broadcaster", "Caravan News Network", None),
    ("broadcaster", "Eastern Dispatch", None),
    ("think tank", "Institute for Regional Security Studies", "IRSS"),
    ("think tank", "Centre for Security and Policy Analysis", "CSPA"),
    ("think tank", "Mediterranean and Eastern Studies Centre", "MESC"),
    ("television", "Atlas Television", None),
    ("television", "Channel East", None),
    ("radio", "Horizon Radio", None),
    ("radio", "Radio Crossroads", None),
    ("institute", "Institute for Peace and Conflict Resolution", "IPCR"),
    ("institute", "Centre for Conflict Research", "CCR"),
)
_ORIGINS = ("foreign media", "local sources", "security sources", "military sources", "diplomatic sources")


def _global_world(reg: RegistryBuilder) -> tuple[Entity, list[Power], dict[str, list[Entity]], list[Entity]]:
    euaa = reg.add(
        Entity("euaa", ("coi:Agency", "coi:Publisher"), "EUAA", "publishers", ["European Union Agency for Asylum"],
               comment="The publisher of the report sections (EUAA style)."),
        aliases=1,
    )  # fmt: skip
    powers = [_power(reg, name, adjective) for name, adjective in _POWERS]
    lead = powers[0]
    lead.coalition = reg.add(
        Entity(_slug(f"{lead.state.adjective}-led Global Coalition"), ("coi:Coalition",),
               f"{lead.state.adjective}-led Global Coalition", "actors",
               [f"{lead.state.adjective}-led coalition", "Global Coalition", "International Coalition", "Coalition"],
               article=True)
    )  # fmt: skip
    media: dict[str, list[Entity]] = {"defence": [p.defence for p in powers]}
    for role, name, acronym in _GLOBAL_MEDIA:
        outlet = role in ("broadcaster", "television", "radio")
        types: tuple[str, ...] = ("coi:MediaOutlet",) if outlet else ("coi:Publisher",)
        label = acronym if acronym and not outlet else name
        candidates = [name] if label != name else ([acronym] if acronym else [name.split()[0]])
        media.setdefault(role, []).append(
            reg.add(Entity(_slug(label), types, label, "publishers", candidates), aliases=len(candidates))
        )
    origins = []
    for name in _ORIGINS:
        unnamed: tuple[str, ...] = ("coi:UnnamedActor",)
        if name == "foreign media":
            unnamed = ("coi:MediaOutlet", "coi:UnnamedActor")
        origins.append(
            reg.add(Entity(_slug(f"{name} unnamed"), unnamed, f"{name} (unnamed)", "publishers" if
                           name == "foreign media" else "actors", [name],
                           comment=f"'... reports citing {name}': the sources are not named."), aliases=1)
        )  # fmt: skip
    return euaa, powers, media, origins


def _place(reg: RegistryBuilder, label: str, types: tuple[str, ...], candidates: list[str], *,
           parent: Entity | None = None, registry_parent: bool = True, article: bool = False,
           short: str | None = None, bare: tuple[str, ...] = ()) -> Entity:  # fmt: skip
    props = [("coi:locatedIn", parent.iri)] if parent is not None and registry_parent else []
    return reg.add(
        Entity(_slug(label), types, label, "places", candidates, props=props, parent=parent, article=article,
               short=short, bare=bare)
    )  # fmt: skip


def _base(reg: RegistryBuilder, governorate: Entity, city: Entity | None, kind: str) -> list[Entity]:
    """A military base (or air base, or a field with its base) in a governorate. The registry
    locates a base in its city or field where its name says so; the rest the claims state."""
    name = reg.names.locality()
    if kind == "field":
        product = reg.rng.choice(("Oil", "Gas"))
        field_entity = _place(
            reg, f"{name} {product} Field", (f"coi:{product}Field",),
            [name, f"{name} {product.lower()} field", *(f"{v} {product} Field" for v in _variants(name))],
            parent=governorate, article=True, bare=(name,),
        )  # fmt: skip
        base = _place(
            reg, f"{name} {product} Field base", ("coi:MilitaryBase",), [f"{name} base", f"base at the {name} field"],
            parent=governorate, article=True, short=f"{name} {product} Field", registry_parent=False,
        )  # fmt: skip
        base.props.append(("coi:locatedIn", field_entity.iri))
        return [field_entity, base]
    if kind == "air":
        return [
            _place(reg, f"{name} air base", ("coi:AirBase",), [name, f"{name} airbase", f"{name} airfield",
                   *(f"{v} air base" for v in _variants(name))], parent=governorate, registry_parent=False,
                   article=True, short=name, bare=(name,))
        ]  # fmt: skip
    label = f"{name} base" if reg.rng.random() < 0.7 else f"{name} military base"
    candidates = [name, f"base at {name}", *(f"{v} base" for v in _variants(name))]
    near_city = city is not None and reg.rng.random() < 0.4
    base = _place(reg, label, ("coi:MilitaryBase",), candidates, parent=governorate, registry_parent=False,
                  article=True, short=name)  # fmt: skip
    base.bare = (name, *_variants(name))
    if near_city and city is not None:
        base.props.append(("coi:locatedIn", city.iri))
    return [base]


def _group(reg: RegistryBuilder, role: str, adjective: str, root: str) -> Entity:
    rng = reg.rng
    direction = rng.choice(("Northern", "Eastern", "Southern", "Western", "Central"))
    patterns = {
        "partner": (f"{adjective} Democratic Forces", f"{direction} Brigade", f"{root} Defence Units",
                    f"{adjective} Self-Defence Forces"),
        "jihadist": (f"Jund al-{root}", f"Ansar al-{root}", f"Saraya al-{root}"),
        "rebels": (f"{adjective} Liberation Army", f"Free {adjective} Front", f"Army of {root}",
                   f"{root} Revolutionary Council"),
        "militia": (f"{root} Tribal Guard", f"{root} Protection Force", f"{root} National Guard"),
    }  # fmt: skip
    options = list(patterns[role])
    rng.shuffle(options)
    label = next((o for o in options if reg.free(o)), f"{root} {options[0]}")
    acronym = _acronym(label)
    candidates = [acronym, *(label.replace(root, v) for v in _variants(root)), label.replace(" Forces", "")]
    if role == "jihadist":
        candidates = [label.replace("al-", "al "), label.split()[0] + " " + root, acronym]
    comment = {
        "partner": "Works with the foreign coalition against the jihadist group.",
        "jihadist": "A jihadist armed group that every other actor fights.",
        "rebels": "Fights the government; supported from across the border.",
        "militia": "A pro-government militia.",
    }[role]
    return reg.add(Entity(_slug(label), ("coi:NonStateArmedGroup",), label, "actors", candidates, article=not
                          label.startswith(("Jund", "Ansar", "Saraya")), comment=comment))  # fmt: skip


def _theatre_size(documents: int) -> dict[str, int]:
    """How much of a theatre its documents need: a full theatre has DOCUMENTS_PER_THEATRE documents."""
    k = max(1, min(documents, DOCUMENTS_PER_THEATRE))
    return {
        "governorates": 2 + (k >= 4) + (k >= 8),
        "cities": 1 + (k >= 6),
        "bases": 1 + (k >= 3) + (k >= 10),
        "regions": 1 + (k >= 5),
        "fields": 1 + (k >= 7),
        "air": 1 if k >= 5 else 0,
        "militia": int(k >= 6),
        "front": int(k >= 4),
        "ministers": 1 + (k >= 3) + (k >= 5),
    }


def _theatre_places(reg: RegistryBuilder, country: Entity, size: dict[str, int]) -> dict[str, list[Entity]]:
    adjective = country.adjective or country.label
    directions = reg.rng.sample(("northern", "eastern", "southern", "western", "north-eastern", "central"), 2)
    regions = []
    for direction in directions[: size["regions"]]:
        provinces = f"{direction} {adjective} provinces"
        short = direction.replace("north-eastern", "north-east").replace("ern", "")
        region = _place(reg, f"{direction} {country.label}", ("coi:Region",), [f"{short} {country.label}", provinces],
                        parent=country)  # fmt: skip
        region.the = (provinces,)
        regions.append(region)
    governorates, cities, bases = [], [], []
    for _ in range(size["governorates"]):
        root = reg.names.root()
        article = "Al-" if reg.rng.random() < 0.3 else ""
        governorate = _place(
            reg, f"{article}{root} Governorate", ("coi:Governorate",),
            [f"{article}{root}", f"Governorate of {root}", *(f"{v} Governorate" for v in _variants(root)), root],
            parent=country,
        )  # fmt: skip
        governorate.the = (f"Governorate of {root}",)
        governorates.append(governorate)
        local = [
            _place(reg, name, ("coi:City",), [*_variants(name), reg.names.root(), f"{name} town"], parent=governorate)
            for name in (reg.names.locality() for _ in range(size["cities"]))
        ]
        cities += local
        for _ in range(size["bases"]):
            bases += _base(reg, governorate, reg.rng.choice(local), "base")
    for _ in range(size["fields"]):
        bases += _base(reg, reg.rng.choice(governorates), None, "field")[1:]  # the field itself is no base
    for _ in range(size["air"]):
        bases += _base(reg, reg.rng.choice(governorates), None, "air")
    return {"regions": regions, "governorates": governorates, "cities": cities, "bases": bases}


def _theatre(reg: RegistryBuilder, index: int, documents: int, world: World) -> Theatre:
    size = _theatre_size(documents)
    name = reg.names.country()
    adjective = _adjective(name)
    country = _state(reg, name, adjective, comment=f"Theatre {index + 1}: an invented country.")
    places = _theatre_places(reg, country, size)
    capital = places["cities"][0]
    airport = _place(reg, f"{capital.label} International Airport", ("coi:Airport",), [f"{capital.label} airport"],
                     parent=capital, article=True)  # fmt: skip
    government = reg.add(
        Entity(_slug(f"Government of {name}"), ("coi:Government",), f"Government of {name}", "actors",
               [f"{adjective} government", capital.label, f"{adjective} authorities"], article=True,
               bare=(capital.label,), props=[("coi:governmentOf", country.iri)])
    )  # fmt: skip
    forces = reg.add(
        Entity(_slug(f"{adjective} Armed Forces"), ("coi:ArmedForce",), f"{adjective} Armed Forces", "actors",
               [f"{adjective} army", f"{adjective} forces", f"{adjective} troops", "government forces"],
               article=True, props=[("coi:partOf", country.iri)], troops=f"{adjective} troops")
    )  # fmt: skip
    ministry = f"{adjective} Ministry of Defence"
    short = reg.abbreviation(ministry)
    defence = reg.add(
        Entity(_slug(short), ("coi:Agency", "coi:Publisher"), short, "actors",
               [ministry, f"Ministry of Defence of {name}", f"{adjective} defence ministry"],
               props=[("coi:partOf", government.iri)], article=True, bare=(short,),
               comment=f"Also the publisher '{short}' of footnotes."),
        aliases=2,
    )  # fmt: skip
    roots = [reg.names.root() for _ in range(4)]
    roles = ["partner", "jihadist", "rebels"] + (["militia"] if size["militia"] else [])
    groups = {role: _group(reg, role, adjective, root) for role, root in zip(roles, roots, strict=False)}
    people: dict[str, Entity] = {}
    offices = [
        ("president", f"President of {name}", [f"{adjective} President", f"{name}'s president", "head of state"]),
        ("prime minister", f"Prime Minister of {name}", [f"{adjective} Prime Minister", f"{name}'s prime minister",
                                                         f"{adjective} premier"]),
        ("foreign minister", f"Foreign Minister of {name}", [f"{adjective} Foreign Minister",
                                                             f"Minister of Foreign Affairs of {name}"]),
        ("defence minister", f"Minister of Defence of {name}", [f"{adjective} Defence Minister",
                                                                f"{adjective} minister of defence"]),
    ]  # fmt: skip
    for role, label, candidates in offices[: 1 + size["ministers"]]:
        people[role] = reg.person()
        _position(reg, label, country, candidates, people[role])
    for role, group in groups.items():
        people[f"commander {role}"] = reg.person(comment=f"Commander of the {group.label}.", women=0.05, kunya=True)
        _position(reg, f"commander of the {group.label}", group, [f"{group.label} commander"],
                  people[f"commander {role}"])  # fmt: skip
    front = None
    if size["front"]:
        label = reg.rng.choice((f"{adjective} National Front", f"{roots[1]} Operations Room"))
        candidates = [_acronym(label), f"{adjective} Front" if "Front" in label else f"{roots[1]} operations room"]
        front = reg.add(Entity(_slug(label), ("coi:Coalition",), label, "actors", candidates, article=True))
    monitor_name = reg.rng.choice((f"{adjective} Observatory for Human Rights", f"{adjective} Network for Human Rights",
                                   f"{adjective} Monitor for Civil Rights"))  # fmt: skip
    acronym = reg.abbreviation(monitor_name)
    monitor = reg.add(
        Entity(_slug(acronym), ("coi:Publisher",), acronym, "publishers", [monitor_name], article=True, bare=(acronym,),
               comment="A monitoring group: most footnotes cite it, as the seed's footnotes cite SOHR."),
        aliases=1,
    )  # fmt: skip
    outlet_name = reg.rng.choice((f"{name} Today", f"The {capital.label} Post", f"{adjective} Herald",
                                  f"{capital.label} Daily"))  # fmt: skip
    if not all(word[:1].isupper() for word in outlet_name.split()) or not reg.free(outlet_name):
        outlet_name = f"{name} Daily Observer"  # 'X reports citing Y' needs a name of capitalised words
    outlet = reg.add(Entity(_slug(outlet_name), ("coi:MediaOutlet",), outlet_name, "publishers", []), aliases=0)
    locals_ = reg.add(
        Entity(_slug(f"local {adjective} officials unnamed"), ("coi:UnnamedActor",),
               f"local {adjective} officials (unnamed)", "actors", [f"local {adjective} officials"]),
        aliases=1,
    )  # fmt: skip
    neighbour = world.theatres[-1].country if world.theatres else world.powers[2].state
    power = world.powers[0] if index % 3 != 2 else world.powers[1]
    rival = world.powers[1] if power is world.powers[0] else world.powers[2]
    start = date(2018 + index % 6, 1 + (index * 5) % 12, 1)
    return Theatre(
        index, documents, country, government, forces, defence, capital, places["regions"], places["governorates"],
        places["cities"], places["bases"], airport, groups, front, people, monitor, outlet, locals_, neighbour,
        power, rival, start,
    )  # fmt: skip


def build_world(rng: Random, theatre_documents: Sequence[int]) -> World:
    """The registry: the global part, then one theatre per entry of ``theatre_documents``."""
    reg = RegistryBuilder(rng)
    euaa, powers, media, origins = _global_world(reg)
    world = World(reg.entities, euaa, powers, media, origins, [])
    for index, documents in enumerate(theatre_documents):
        world.theatres.append(_theatre(reg, index, documents, world))
    return world


_FILE_HEADERS = {
    "states": "States and their territories. A state is an actor (coi:State) and its territory a place\n"
    "# (coi:Country); the same IRI is both.",
    "actors": "Governments, armed forces, armed groups, coalitions, agencies, persons and unnamed actors.",
    "places": "Regions, governorates, cities and facilities. The registry locates what a place's name or\n"
    "# definition gives; what the documents state is a claim.",
    "positions": "Offices and roles. Who holds them, and whether current or former, is stated in claims.",
    "publishers": "Publishers of the documents and of the works that footnotes cite.",
}


def registry_files(world: World, seed: int) -> dict[str, str]:
    """The entity files, by name, in the form of data/entities/."""
    files: dict[str, list[str]] = {name: [] for name in _FILE_HEADERS}
    for entity in world.entities:
        lines = [f"# {entity.comment}"] if entity.comment else []
        lines.append(f"{entity.iri} a {', '.join(entity.types)} ;")
        body = [f"skos:prefLabel {_lit(entity.label, 'en')}"]
        if entity.aliases:
            body.append("skos:altLabel " + ", ".join(_lit(a, "en") for a in entity.aliases))
        for predicate, value in entity.props:
            body.append(f"{predicate} {value}")
        lines += [f"    {part} ;" for part in body[:-1]] + [f"    {body[-1]} ."]
        files[entity.file].append("\n".join(lines))
    out = {}
    for name, blocks in files.items():
        header = (
            f"# {_FILE_HEADERS[name]}\n#\n"
            f"# Synthetic: written by 'coi-graph synth' (seed {seed}). Every name is invented.\n"
            "@prefix coi:  <https://w3id.org/coi-graph/ontology#> .\n"
            "@prefix ent:  <https://w3id.org/coi-graph/id/entity/> .\n"
            "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        )
        out[f"{name}.ttl"] = header + "".join(f"\n{block}\n" for block in blocks)
    return out


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
            yield self.subject, "rdfs:label", _lit(self.label, "en")
        for predicate, value in self.props:
            yield self.subject, predicate, value


def _rel(subject: Entity, predicate: str, *objects: Entity) -> Node:
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
            text, self.capitalise = _cap(text), False
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
        who = _slug(lead[0].label)[:40].rstrip("-") if lead else "x"
        node = Node(f"ev:{kind}-{who}-{self.tag}-{self.nodes:02d}", [f"coi:{cls}"], label)
        for role, actors in roles.items():
            node.props += [(f"coi:{role}", a.iri) for a in actors]
        return node

    def about(self, kind: str, actor: Entity, place: Entity | None = None, day: date | None = None) -> None:
        label = place.label if place is not None else self.theatre.country.label
        self.topic = Topic(kind, _display(actor), label, day or self.past_day())
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
            return Phrase(f"on {_WEEKDAYS[day.weekday()]}", point=TimeValue.from_date(day))
        return Phrase(f"on {_day_text(day)}", point=TimeValue.from_date(day))

    def month_value(self, back: int | None = None) -> TimeValue:
        """A month before the month of publication."""
        back = back if back is not None else self.rng.randint(1, 5)
        year, month = _add_months(self.published.year, self.published.month, -back)
        return TimeValue(year, month)

    def month_text(self, value: TimeValue) -> str:
        assert value.month is not None
        recent = (self.published.year * 12 + self.published.month) - (value.year * 12 + value.month) < 11
        if not self.report and recent:
            return _MONTHS[value.month - 1]
        return _month_text(value)

    def month_phrase(self, back: int | None = None) -> Phrase:
        value = self.month_value(back)
        prefix = self.pick(("in", "in", "in early", "in late")) if self.report else "in"
        return Phrase(f"{prefix} {self.month_text(value)}", point=value)

    def range_phrase(self) -> Phrase:
        end = self.month_value(self.rng.randint(1, 3))
        assert end.month is not None
        first = TimeValue(*_add_months(end.year, end.month, -self.rng.randint(1, 2)))
        assert first.month is not None
        if first.year == end.year:
            text = f"{self.pick(('between', 'in'))} {_MONTHS[first.month - 1]} and {_month_text(end)}"
        else:
            text = f"in {_month_text(first)} and {_month_text(end)}"
        return Phrase(text, start=first, end=end)

    def as_of_phrase(self) -> Phrase:
        value = self.month_value(self.rng.randint(1, 3))
        return Phrase(f"as of {self.month_text(value)}", as_of=value)

    def since_phrase(self) -> Phrase:
        value = self.month_value(self.rng.randint(4, 14))
        return Phrase(f"since {_month_text(value)}", start=value)

    def future_phrase(self) -> Phrase:
        value = TimeValue(*_add_months(self.published.year, self.published.month, self.rng.randint(2, 12)))
        if not self.report and self.rng.random() < 0.3:
            return Phrase("next year", end=TimeValue(self.published.year + 1))
        return Phrase(f"by {_month_text(value)}", end=value)

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
            self.claim(start, [_rel(place, "locatedIn", parent)], "Stated")
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
            self.claim(start, [_rel(person, "holdsPosition", position)], "Stated", end=end, tenure=self._tenure(newly))
            if comma:
                self.say(",")
            return
        else:
            office = "the newly appointed " + position.label if newly else self.ref(position)
            self.say(f"{office}, {person.label}")
            self.claim(start, [_rel(person, "holdsPosition", position)], "Stated", tenure=self._tenure(newly))
            if comma:
                self.say(",")
            return
        self.claim(start, [_rel(person, "holdsPosition", position)], "Stated", tenure=self._tenure(newly))

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
                self.claim(start, [_rel(power.state, "leads", actor)], "Stated")


# =============================================================================================
# Templates: each writes one clause of COI prose and records the claims it makes
# =============================================================================================


def _plural(form: str) -> bool:
    return form.endswith(("forces", "Forces", "troops", "military", "Units", "authorities", "officials"))


def _display(entity: Entity) -> str:
    """How a title or label names an entity: an unnamed actor by the words the text uses."""
    if entity.label.endswith("(unnamed)") and entity.aliases:
        return entity.aliases[0]
    return entity.label


def _their(form: str) -> str:
    return "their" if _plural(form) else "its"


def _is(form: str) -> str:
    return "are" if _plural(form) else "is"


def _has(form: str) -> str:
    return "have" if _plural(form) else "has"


def _foreign(w: Writer) -> Entity:
    """The foreign actor of the theatre: the coalition its power leads, or that power's forces."""
    power = w.theatre.power
    if power.coalition is not None and w.rng.random() < 0.5:
        return power.coalition
    return power.forces


def _strike_pair(w: Writer) -> tuple[Entity, Entity]:
    t = w.theatre
    pairs = [(_foreign(w), t.groups["jihadist"]), (t.forces, t.groups["rebels"]), (t.forces, t.groups["jihadist"]),
             (t.rival_power.forces, t.groups["rebels"])]  # fmt: skip
    return w.rng.choice(pairs)


def _rivals(w: Writer) -> tuple[Entity, Entity]:
    t, g = w.theatre, w.theatre.groups
    pairs = [(g["partner"], g["jihadist"]), (t.forces, g["rebels"]), (g["rebels"], g["jihadist"]),
             (g["partner"], g["rebels"])]  # fmt: skip
    if "militia" in g:
        pairs.append((g["militia"], g["rebels"]))
    return w.rng.choice(pairs)


def _patron(w: Writer) -> tuple[Entity, Entity]:
    t, g = w.theatre, w.theatre.groups
    pairs = [(_foreign(w), g["partner"]), (t.neighbour, g["rebels"]), (t.rival_power.forces, t.forces)]
    if "militia" in g:
        pairs.append((t.government, g["militia"]))
    return w.rng.choice(pairs)


def _t_presence(w: Writer) -> None:
    t, rng = w.theatre, w.rng
    power = rng.choice((t.power, t.rival_power))
    national = rng.random() < 0.3
    source, force = (t.defence, t.forces) if national else (power.defence, power.forces)
    place = rng.choice(t.governorates) if national else rng.choice((t.country, *t.regions))
    w.about("presence", force, place)
    amounts = (1500, 3000, 5000, 8000, 12000) if national else (250, 400, 600, 900, 1200, 2000, 2500, 3500)
    amount = rng.choice(amounts)
    start = w.at()
    there = rng.random() < 0.5
    if there:
        w.say(f"according to {w.ref(source)}, ")
        q_start = w.at()
        when = w.say_when(w.as_of_phrase())
        w.say(", there were ")
    else:
        w.say(f"{w.ref(source)} {w.pick(('said', 'stated', 'reported'))} that, ")
        q_start = w.at()
        when = w.say_when(w.as_of_phrase())
        w.say(", ")
    ranged = rng.random() < 0.25
    if ranged:
        low = amount - amount // 4
        w.say(f"between {_number(low, w.report)} and {_number(amount, w.report)} ")
        values = [("coi:minValue", str(low)), ("coi:maxValue", str(amount))]
    else:
        approx = w.pick(("around", "about", "some", "an estimated"))
        w.say(f"{approx} {_number(amount, w.report)} ")
        values = [("coi:amount", str(amount)), ("coi:approximate", "true")]
    unit = "troops" if not national or rng.random() < 0.5 else "soldiers"
    verb = "" if there else w.pick(("were deployed ", "were stationed ", "were "))
    w.say(f"{(force.troops or force.label).split()[0]} {unit} {verb}in ")
    w.say(w.ref(place))
    statement = w.node("statement", "Statement", f"{source.label} on the number of {force.label} in {place.label}",
                       speaker=[source])  # fmt: skip
    w.claim(start, [statement], "Stated")
    assert when.as_of is not None
    quantity = Node(
        f"qty:{_slug(force.label)}-{_slug(place.label)}-{w.tag}-{w.nodes:02d}", ["coi:Quantity"],
        f"{force.label} in {place.label}, {_month_text(when.as_of)}",
        [("coi:quantityOf", force.iri), ("coi:quantityAt", place.iri), *values, ("coi:unitText", _lit(unit))],
    )  # fmt: skip
    w.claim(q_start, [_rel(force, "presentAt", place), quantity], "Reported", when=when,
            according_to=statement.subject)  # fmt: skip


def _t_reinforcement(w: Writer) -> None:
    t, rng = w.theatre, w.rng
    force = _foreign(w)
    governorates = [g for g in t.governorates if any(b.parent is g for b in t.bases)]
    governorate = rng.choice(governorates)
    bases = [b for b in t.bases if b.parent is governorate]
    bases = rng.sample(bases, min(len(bases), rng.randint(1, 3)))
    w.about("reinforcement", force, governorate)
    when = w.say_when(w.range_phrase())
    w.say(f", there were {w.pick(('', 'also '))}{w.pick(('multiple', 'several', 'repeated'))} reports of ")
    start = w.at()
    form = w.ref(force)
    cargo = w.pick(("troops or military and other equipment", "military supplies and armoured vehicles",
                    "troops and logistical equipment", "ammunition and air-defence systems"))  # fmt: skip
    w.say(f"{form} {w.pick(('transporting', 'bringing in', 'moving'))} {cargo} to reinforce ")
    place_start = w.at()
    w.say(f"{_their(form)} {w.pick(('', 'military '))}bases in {w.ref(governorate)} (including those in ")
    footnotes: list[Footnote | None] = []
    for index, base in enumerate(bases):
        w.say(base.short or base.label)
        node = w.node("reinforcement", "Reinforcement", f"{force.label} reinforcement of the {base.label}",
                      agent=[force], destination=[base])  # fmt: skip
        w.claim(start, [node], "Reported", when=when)
        if index < len(bases) - 1:
            footnotes.append(w.close(","))
            w.say(" ")
    w.say(")")
    located = [_rel(b, "locatedIn", governorate) for b in bases]
    w.claim(place_start, [*located, _rel(force, "stationedAt", *bases)], "Stated", extra=footnotes)


def _t_strike(w: Writer) -> None:
    rng = w.rng
    agent, target = _strike_pair(w)
    city = rng.choice(w.theatre.cities)
    w.about("strike", agent, city)
    start = w.at()
    when = None
    if w.report or w.tally.want_time(rng):
        when = w.say_when(w.day_phrase() if rng.random() < 0.7 else w.month_phrase())
        w.say(", ")
    body = w.at()
    w.mention_actor(agent)
    kind = w.pick(("air", "drone", "artillery", "rocket"))
    verb = w.pick(("conducted", "carried out", "launched"))
    amount = w.pick(("multiple", "several", "a series of", "further"))
    w.say(f" {verb} {amount} {kind} strikes on {w.ref(target)} positions {w.pick(('near', 'in', 'around'))} ")
    w.mention_place(city)
    strike = w.node("strike", "Strike", f"{agent.label} {kind} strikes on {target.label} near {city.label}",
                    agent=[agent], target=[target], atPlace=[city])  # fmt: skip
    w.claim(start, [strike], "Stated", when=when)
    roll = rng.random()
    if roll < 0.45:
        w.say(f" as part of {w.pick(('its', 'a'))} campaign against {w.ref(target)}")
        w.claim(body, [_rel(agent, "opposes", target)], "Stated")
    elif roll < 0.7:
        w.say(f", killing at least {rng.randint(3, 40)} fighters")


def _t_clashes(w: Writer) -> None:
    rng = w.rng
    one, two = _rivals(w)
    city = rng.choice(w.theatre.cities)
    w.about("clashes", one, city)
    start = w.at()
    verb = w.pick(("were reported", "erupted", "continued", "broke out"))
    w.say(f"{w.pick(('clashes', 'heavy clashes', 'renewed clashes'))} between {w.ref(one)} and {w.ref(two)} {verb} in ")
    w.mention_place(city)
    when = None
    if w.tally.want_time(rng):
        w.say(" ")
        when = w.say_when(w.month_phrase())
    modality = "Reported" if verb == "were reported" else "Stated"
    w.claim(start, [_rel(one, "fights", two)], modality, when=when)
    w.claim(start, [_rel(one, "presentAt", city), _rel(two, "presentAt", city)], "Stated")


_SUPPORT = {
    "Stated": ("continued to provide", "has provided", "provided"),
    "Reported": ("reportedly provided", "was reported to have provided"),
    "Negated": ("denied providing any", "has not provided any"),
    "Possible": ("may have provided", "is believed to have provided"),
    "Intended": ("announced that it would provide", "pledged to provide", "would provide"),
}


def _t_support(w: Writer) -> None:
    rng = w.rng
    patron, client = _patron(w)
    modality = w.tally.modality(rng, tuple(_SUPPORT))
    w.about("support", patron, client)
    start = w.at()
    form = w.ref(patron)
    w.say(form + " ")
    verb = w.verb(_SUPPORT[modality])
    if verb.startswith(("was", "has")) and _plural(form):
        verb = verb.replace("was ", "were ").replace("has ", "have ")
    kind = w.pick(("military and logistical", "financial and military", "training and logistical", "military"))
    w.say(f"{verb} {kind} support to ")
    client_start = w.at()
    w.say(w.ref(client))
    when = None
    if modality in ("Stated", "Reported") and w.tally.want_time(rng):
        w.say(" ")
        when = w.say_when(w.since_phrase())
    w.claim(start, [_rel(patron, "supports", client)], modality, when=when)
    places = [g for g in w.theatre.governorates]
    if "coi:State" not in client.types and client is not w.theatre.forces and rng.random() < 0.6:
        w.close(",")
        governorate = rng.choice(places)
        verb = w.pick(("controls parts of", "holds territory in", "controls areas of"))
        w.say(f" which {verb} {w.ref(governorate)}")
        w.claim(client_start, [_rel(client, "controlsPartOf", governorate)], "Stated")


def _t_meeting(w: Writer) -> None:
    t, rng = w.theatre, w.rng
    roles = [r for r in ("president", "prime minister", "foreign minister") if r in t.people]
    host = t.people[rng.choice(roles)]
    guest = rng.choice((t.power.president, t.rival_power.president))
    w.about("meeting", host, t.capital)
    when = w.say_when(w.day_phrase())
    w.say(", ")
    start = w.at()
    w.mention_holder(host)
    w.say(f" {w.pick(('met with', 'held talks with', 'received'))} ")
    w.mention_holder(guest)
    w.say(f" in {w.ref(t.capital)}")
    meeting = w.node("meeting", "Meeting", f"meeting of {host.label} with {guest.label} in {t.capital.label}",
                     agent=[host], participant=[guest], atPlace=[t.capital])  # fmt: skip
    w.claim(start, [meeting], "Stated", when=when)
    if rng.random() < 0.6:
        power = t.power if guest is t.power.president else t.rival_power
        topic = w.pick((f"the future of the {power.state.adjective} presence in {t.country.label}",
                        "security cooperation", f"the situation in {rng.choice(t.governorates).label}"))  # fmt: skip
        w.say(f" to discuss {topic}")


def _intent(w: Writer, speaker: Entity) -> tuple[str, str, Node]:
    """What a speaker says their side will do: (who, the words, the content)."""
    t, g = w.theatre, w.theatre.groups
    for role, group in g.items():
        if t.people.get(f"commander {role}") is speaker:
            enemy = g["jihadist"] if role != "jihadist" else g["partner"]
            options = [
                (f"continue fighting {w.ref(enemy)} until it is defeated", _rel(group, "opposes", enemy)),
                (f"never hand {w.ref(t.capital)} over to {w.ref(enemy)}", _rel(group, "opposes", enemy)),
            ]
            words, node = w.rng.choice(options)
            return w.pick(("forces", "fighters", "movement")), words, node
    if speaker is t.power.president or speaker is t.rival_power.president:
        power = t.power if speaker is t.power.president else t.rival_power
        options = [
            (f"stay in {t.country.label} as long as {w.ref(g['jihadist'])} remains a threat",
             _rel(power.forces, "presentAt", t.country)),
            (f"keep supporting {w.ref(g['partner'])}", _rel(power.forces, "supports", g["partner"])),
        ]  # fmt: skip
        words, node = w.rng.choice(options)
        return "country", words, node
    options = [
        (f"not allow {w.ref(g['jihadist'])} to return to {w.ref(w.rng.choice(t.governorates))}",
         _rel(t.government, "opposes", g["jihadist"])),
        (f"continue to work with {t.power.state.label} against terrorism",
         _rel(t.government, "cooperatesWith", t.power.government)),
        (f"reach out to {w.ref(g['rebels'])} to end the fighting", _rel(t.government, "hasRelationsWith", g["rebels"])),
    ]  # fmt: skip
    words, node = w.rng.choice(options)
    return "government", words, node


def _t_statement(w: Writer) -> None:
    t, rng = w.theatre, w.rng
    speakers = [person for role, person in t.people.items() if role != "commander jihadist"]
    speaker = rng.choice([*speakers, t.power.president])
    w.speaker = speaker
    w.about("statement", speaker, t.country)
    start = w.at()
    w.mention_holder(speaker)
    w.say(f" {w.pick(('said', 'stated', 'declared', 'maintained'))} ")
    when = None
    if w.tally.want_time(rng):
        when = w.say_when(w.day_phrase() if not w.report or rng.random() < 0.5 else w.month_phrase())
        w.say(" ")
    w.say("that ")
    intent_start = w.at()
    side, words, node = _intent(w, speaker)
    w.say(f'{"her" if speaker.gender == "f" else "his"} {side} would "')
    w.say(words)
    w.say('"')
    statement = w.node("statement", "Statement", f"{speaker.label} on what {t.country.label} and its allies will do",
                       speaker=[speaker])  # fmt: skip
    statement.props.append(("coi:statementText", _lit(words)))
    w.claim(start, [statement], "Stated", when=when)
    w.claim(intent_start, [node], "Intended", according_to=statement.subject)
    if w.attribution is not None:
        outlet, origin = w.attribution
        w.say(f", {outlet.label} reports citing {origin.aliases[0]}")
        w.attribution = None


def _t_withdrawal(w: Writer) -> None:
    t, rng = w.theatre, w.rng
    modality = w.tally.modality(rng, ("Stated", "Reported", "Planned", "Intended", "Negated"))
    force = rng.choice((t.power.forces, t.rival_power.forces, _foreign(w)))
    base = rng.choice(t.bases)
    w.about("withdrawal", force, base)
    start = w.at()
    form = w.ref(force)
    extent, origin, when = "coi:Complete", base, None
    if modality == "Stated" and rng.random() < 0.35:
        governorate = base.parent or rng.choice(t.governorates)
        if w.tally.want_time(rng):
            when = w.say_when(w.month_phrase())
            w.say(", ")
        w.say(f"{form} reduced {_their(form)} presence in {w.ref(governorate)}")
        extent, origin = "coi:Partial", governorate
    elif modality == "Stated":
        when = w.say_when(w.month_phrase())
        w.say(f", {form} withdrew from {w.ref(base)}")
    elif modality == "Reported":
        w.say(f"{form} reportedly withdrew from {w.ref(base)} ")
        when = w.say_when(w.month_phrase())
    elif modality == "Planned":
        w.say(f"{form} {_is(form)} {w.pick(('scheduled', 'due', 'set'))} to withdraw from {w.ref(base)} ")
        when = w.say_when(w.future_phrase())
    elif modality == "Intended":
        power = t.power if force is not t.rival_power.forces else t.rival_power
        intends = "intended" if w.frame else w.pick(("announced its intention", "said it intended"))
        w.say(f"{w.ref(power.government)} {intends} to pull {form} out of {t.country.label}")
        origin = t.country
    else:
        w.say(f"{form} {_has(form)} not withdrawn from {w.ref(base)}, contrary to earlier reports")
    node = w.node("withdrawal", "Withdrawal", f"withdrawal of the {force.label} from {origin.label}", agent=[force],
                  origin=[origin])  # fmt: skip
    node.props.append(("coi:extent", extent))
    w.claim(start, [node], modality, when=when)
    if modality == "Stated" and extent == "coi:Complete" and rng.random() < 0.5:
        group = rng.choice([g for r, g in t.groups.items() if r != "jihadist"])
        w.say(f", handing over {_their(form)} positions to ")
        hand = w.at()
        w.say(w.ref(group))
        w.claim(hand, [_rel(group, "controls", base)], "Stated")


def _t_exercise(w: Writer) -> None:
    t, rng = w.theatre, w.rng
    one, two = _foreign(w), t.groups["partner"]
    base = rng.choice(t.base_places())
    assert base.parent is not None
    w.about("exercise", one, base)
    start = w.at()
    w.mention_actor(one)
    w.say(f" and {w.ref(two)} conducted joint military exercises at {w.ref(base)} ({w.plain(base.parent)})")
    exercise = w.node("exercise", "Exercise", f"joint military exercises of the {one.label} and the {two.label}",
                      agent=[one, two], atPlace=[base])  # fmt: skip
    w.claim(start, [exercise, _rel(one, "cooperatesWith", two), _rel(base, "locatedIn", base.parent)], "Stated")
    if rng.random() < 0.6:
        w.close()
        governorate = rng.choice(t.governorates)
        w.say(f" and intensified military patrols in {w.ref(governorate)}")
        patrol = w.node("patrol", "Patrol", f"military patrols of the {one.label} and the {two.label}",
                        agent=[one, two], atPlace=[governorate])  # fmt: skip
        w.claim(start, [patrol], "Stated")


def _t_membership(w: Writer) -> None:
    t, rng = w.theatre, w.rng
    if t.front is not None and rng.random() < 0.7:
        members = [g for r, g in t.groups.items() if r in ("rebels", "militia", "partner")]
        group = rng.choice(members)
        leaders = [t.people["commander rebels"]] + ([t.groups["rebels"]] if group is not t.groups["rebels"] else [])
        leader = rng.choice(leaders)
        w.about("membership", group, t.front)
        when = None
        if w.tally.want_time(rng):
            when = w.say_when(w.month_phrase())
            w.say(", ")
            start = w.at()
            w.say(f"{w.ref(group)} joined ")
            front_at = w.at()
            w.say(w.ref(t.front))
        else:
            start = w.at()
            form = w.ref(group)
            w.say(f"{form} ")
            if _plural(form):
                w.say(f"{w.pick(('are part of', 'are members of', 'form part of'))} ")
            else:
                w.say(f"{w.pick(('is part of', 'is a member of', 'forms part of'))} ")
            front_at = w.at()
            w.say(w.ref(t.front))
        w.claim(start, [_rel(group, "memberOf", t.front)], "Stated", when=when)
        w.say(f", {w.pick(('a coalition', 'an alliance', 'an umbrella group'))} {w.pick(('led by', 'headed by'))} ")
        w.say(w.ref(leader))
        w.claim(front_at, [_rel(leader, "leads", t.front)], "Stated")
        return
    lead = w.world.powers[0]
    assert lead.coalition is not None
    member = rng.choice([p.forces for p in w.world.powers[1:]])
    w.about("membership", member, t.country)
    start = w.at()
    form = w.ref(member)
    w.say(f"{form} {_is(form)} {w.pick(('part of', 'a member of'))} ")
    w.mention_actor(lead.coalition)
    w.claim(start, [_rel(member, "memberOf", lead.coalition)], "Stated")


def _t_threat(w: Writer) -> None:
    t, rng = w.theatre, w.rng
    modality = w.tally.modality(rng, ("Possible", "Stated", "Negated"))
    group = t.groups["jihadist"]
    governorate = rng.choice(t.governorates)
    w.about("threat", group, governorate)
    start = w.at()
    if modality == "Possible":
        w.say(f"{w.pick(('observers', 'analysts', 'local officials'))} {w.pick(('warned', 'feared'))} that ")
        quote = w.at()
        w.say(f"{w.ref(group)} could exploit the security vacuum in {w.ref(governorate)} to "
              f"{w.pick(('regain territory', 'launch new attacks', 'expand its presence'))}")  # fmt: skip
        w.claim(quote, [_rel(group, "threatens", governorate)], "Possible")
    elif modality == "Stated":
        w.say(w.ref(group))
        if rng.random() < 0.5:
            w.say(f", which seized territory in {w.ref(governorate)} ")
            when = w.say_when(w.year_phrase())
            w.claim(start, [_rel(group, "controlsPartOf", governorate)], "Stated", when=when)
            w.say(",")
        w.say(f" continued to pose a threat to {t.country.label}")
        w.claim(start, [_rel(group, "threatens", t.country)], "Stated")
    else:
        speaker = t.people.get("defence minister") or t.people["president"]
        w.speaker = speaker
        w.mention_holder(speaker)
        w.say(" said that ")
        quote = w.at()
        w.say(f"{w.ref(group)} no longer posed a significant threat to {t.country.label}")
        statement = w.node("statement", "Statement", f"{speaker.label} on the threat from {group.label}",
                           speaker=[speaker])  # fmt: skip
        w.claim(start, [statement], "Stated")
        w.claim(quote, [_rel(group, "threatens", t.country)], "Negated", according_to=statement.subject)


def _t_designation(w: Writer) -> None:
    t, rng = w.theatre, w.rng
    government = rng.choice((t.power.government, t.rival_power.government, t.government))
    group = t.groups["rebels"] if government is t.government and rng.random() < 0.5 else t.groups["jihadist"]
    w.about("designation", government, t.country)
    roll = rng.random()
    form = w.ref(government)
    if roll < 0.7:
        when = w.say_when(w.month_phrase())
        start = w.at()
        w.say(f", {form} designated {w.ref(group)} as a terrorist organisation")
        node = w.node("designation", "Designation", f"{government.label} designates {group.label} as terrorist",
                      agent=[government], target=[group])  # fmt: skip
        modality = "Stated"
    else:
        when = None
        start = w.at()
        lifted = roll < 0.85
        if lifted:
            w.say(f"{form} removed {w.ref(group)} from its list of terrorist organisations")
        else:
            w.say(f"{form} {_has(form)} not lifted {_their(form)} designation of {w.ref(group)} ")
            w.say("as a terrorist organisation")
        node = w.node("designation-removal", "DesignationRemoval",
                      f"removal of {group.label}'s designation as terrorist by the {government.label}",
                      agent=[government], target=[group])  # fmt: skip
        modality = "Stated" if lifted else "Negated"
    node.props.append(("coi:designationKind", "coi:TerroristDesignation"))
    w.claim(start, [node], modality, when=when)


def _t_bounty(w: Writer) -> None:
    t, rng = w.theatre, w.rng
    government = rng.choice((t.power.government, t.rival_power.government))
    role = rng.choice(("jihadist", "rebels"))
    person = t.people[f"commander {role}"]
    kind, verb = rng.choice((("Imposed", "offered a reward for information on"), ("Removed", "removed the bounty on"),
                             ("Increased", "raised the bounty on")))  # fmt: skip
    w.about("bounty", government, t.country)
    when = w.say_when(w.month_phrase())
    w.say(", ")
    start = w.at()
    w.say(f"{w.ref(government)} {verb} ")
    w.mention_holder(person)
    node = w.node("bounty", "BountyChange", f"bounty on {person.label}: {kind.lower()}", agent=[government],
                  target=[person])  # fmt: skip
    node.props.append(("coi:changeKind", f"coi:{kind}"))
    w.claim(start, [node], "Stated", when=when)


_BASE_WORDS = {
    "Stated": ("started to set up", "began building"),
    "Intended": ("announced plans to set up", "said it would build", "would build"),
    "Possible": ("may be preparing to set up", "appears to be preparing to set up"),
    "Planned": ("is due to open", "is scheduled to open"),
}


def _t_base(w: Writer) -> None:
    t, rng = w.theatre, w.rng
    modality = w.tally.modality(rng, tuple(_BASE_WORDS))
    force = rng.choice((_foreign(w), t.rival_power.forces, t.forces))
    city = rng.choice(t.cities)
    w.about("base", force, city)
    start = w.at()
    form = w.ref(force)
    verb = w.verb(_BASE_WORDS[modality])
    if _plural(form):
        verb = verb.replace("is ", "are ").replace("appears", "appear").replace("it ", "they ")
    w.say(f"{form} {verb} a new base {w.pick(('near', 'outside', 'on the outskirts of'))} ")
    w.mention_place(city)
    when = None
    if modality == "Planned":
        w.say(" ")
        when = w.say_when(w.future_phrase())
    elif modality == "Stated" and w.tally.want_time(rng):
        w.say(" ")
        when = w.say_when(w.month_phrase())
    node = w.node("base-establishment", "BaseEstablishment", f"new base of the {force.label} near {city.label}",
                  agent=[force], atPlace=[city])  # fmt: skip
    w.claim(start, [node], modality, when=when)


def _t_agreement(w: Writer) -> None:
    t, rng = w.theatre, w.rng
    power = t.power
    w.about("agreement", t.government, t.country)
    start = w.at()
    w.say(f"{w.ref(t.government)} and {w.ref(power.government)} reached an agreement ")
    year = w.published.year - 1
    last_year = Phrase(f"in {year}" if w.report else "last year", point=TimeValue(year))
    when = w.say_when(last_year if rng.random() < 0.4 else w.month_phrase())
    verb, preposition = rng.choice((("withdraw", "from"), ("wind down", "in"), ("pull out", "from")))
    w.say(f" to {w.pick(('gradually ', ''))}{verb} ")
    withdrawal_start = w.at()
    form = w.ref(power.forces)
    w.say(f"{form} {preposition} {t.country.label} ")
    end = w.say_when(w.future_phrase())
    withdrawal = w.node("withdrawal", "Withdrawal", f"withdrawal of the {power.forces.label} from {t.country.label}",
                        agent=[power.forces], origin=[t.country])  # fmt: skip
    agreement = w.node("agreement", "Agreement", f"agreement of the {t.government.label} and the "
                       f"{power.government.label} on the {power.forces.label}",
                       party=[t.government, power.government])  # fmt: skip
    agreement.props.append(("coi:stipulates", withdrawal.subject))
    w.claim(start, [agreement], "Stated", when=when)
    w.claim(withdrawal_start, [withdrawal], "Planned", when=end)


_DEPLOYMENT_WORDS = {
    "Stated": ("deployed additional units to", "sent reinforcements to"),
    "Reported": ("was reported to have deployed additional units to", "reportedly deployed troops to"),
    "Planned": ("is set to deploy additional units to", "is scheduled to deploy troops to"),
    "Intended": (
        "said it would send reinforcements to",
        "announced that it would deploy additional units to",
        "would send reinforcements to",
    ),
}


def _t_deployment(w: Writer) -> None:
    t, rng = w.theatre, w.rng
    modality = w.tally.modality(rng, tuple(_DEPLOYMENT_WORDS))
    force = rng.choice((_foreign(w), t.forces, t.rival_power.forces))
    place = rng.choice((*t.regions, *t.governorates))
    w.about("deployment", force, place)
    start = w.at()
    when = None
    if modality == "Stated":
        when = w.say_when(w.month_phrase())
        w.say(", ")
    form = w.ref(force)
    verb = w.verb(_DEPLOYMENT_WORDS[modality])
    if _plural(form):
        verb = verb.replace("was ", "were ").replace("is ", "are ").replace(" it ", " they ")
    body = w.at()
    w.say(f"{form} {verb} {w.ref(place)}")
    if modality == "Reported":
        w.say(" ")
        when = w.say_when(w.month_phrase())
    elif modality == "Planned":
        w.say(" ")
        when = w.say_when(w.future_phrase())
    node = w.node("deployment", "Deployment", f"deployment of the {force.label} to {place.label}", agent=[force],
                  atPlace=[place])  # fmt: skip
    w.claim(start, [node], modality, when=when)
    if modality == "Stated" and force is not t.forces and rng.random() < 0.6:
        partner = t.groups["partner"]
        relation = rng.choice((("act in support of", "supports"), ("operate alongside", "cooperatesWith")))
        w.say(f", where they {relation[0]} {w.ref(partner)}")
        w.claim(body, [_rel(force, "presentAt", place), _rel(force, relation[1], partner)], "Stated")


def _t_relations(w: Writer) -> None:
    t = w.theatre
    w.about("relations", t.country, t.neighbour)
    start = w.at()
    w.say(f"{t.country.label} has sought to balance its relations with {t.power.state.label} and ")
    neighbouring = w.at()
    w.say(f"neighbouring {t.neighbour.label}")
    w.claim(start, [_rel(t.country, "hasRelationsWith", t.power.state, t.neighbour)], "Stated")
    w.claim(neighbouring, [_rel(t.country, "adjacentTo", t.neighbour)], "Stated")


def _t_planning(w: Writer) -> None:
    t, rng = w.theatre, w.rng
    power = t.power
    outlet = rng.choice((*w.world.media["broadcaster"], *w.world.media["television"]))
    w.about("planning", power.defence, t.country)
    start = w.at()
    w.say(f"{power.officials.aliases[0] if power.officials.aliases else power.officials.label} told {outlet.label} ")
    when = w.say_when(w.month_phrase())
    w.say(" that ")
    plan_start = w.at()
    extent = rng.choice(("complete", "partial"))
    w.say(f"{w.ref(power.defence)} had started to draw up plans for a {extent} withdrawal of ")
    withdrawal_start = w.at()
    w.say(f"{w.ref(power.forces)} from {t.country.label}")
    statement = w.node("statement", "Statement", f"{power.officials.label} to {outlet.label} on withdrawal plans",
                       speaker=[power.officials])  # fmt: skip
    statement.props.append(("coi:reportedBy", outlet.iri))
    withdrawal = w.node("withdrawal", "Withdrawal", f"{extent} withdrawal of the {power.forces.label} from "
                        f"{t.country.label}", agent=[power.forces], origin=[t.country])  # fmt: skip
    withdrawal.props.append(("coi:extent", f"coi:{extent.capitalize()}"))
    planning = w.node("planning", "Planning", f"{power.defence.label} planning for a withdrawal from {t.country.label}",
                      agent=[power.defence])  # fmt: skip
    planning.props.append(("coi:plannedEvent", withdrawal.subject))
    w.claim(start, [statement], "Stated", when=when)
    as_of = When(when.expression, as_of=when.point)
    w.claim(plan_start, [planning], "Reported", when=as_of, according_to=statement.subject)
    w.claim(withdrawal_start, [withdrawal], "Planned", according_to=statement.subject)


def _t_takeover(w: Writer) -> None:
    t, rng = w.theatre, w.rng
    group = rng.choice([g for r, g in t.groups.items() if r != "partner"])
    loser = t.forces if group is not t.groups.get("militia") else t.groups["rebels"]
    city = rng.choice(t.cities)
    w.about("takeover", group, city)
    start = w.at()
    w.say(f"{w.ref(group)} {w.pick(('took control of', 'seized', 'captured'))} ")
    w.mention_place(city)
    w.say(" ")
    phrase = w.month_phrase()
    when = w.say_when(phrase)
    w.claim(start, [_rel(group, "controls", city)], "Stated", when=When(when.expression, start=when.point))
    w.say(" after ")
    loser_start = w.at()
    form = w.ref(loser)
    w.say(f"{form} {w.pick(('withdrew from the area', 'pulled out of the town', 'retreated from the area'))}")
    node = w.node("withdrawal", "Withdrawal", f"withdrawal of the {loser.label} from {city.label}", agent=[loser],
                  origin=[city])  # fmt: skip
    node.props.append(("coi:extent", "coi:Complete"))
    w.claim(loser_start, [node], "Stated", when=when)


def _t_leadership(w: Writer) -> None:
    t, rng = w.theatre, w.rng
    role = rng.choice(list(t.groups))
    group, person = t.groups[role], t.people[f"commander {role}"]
    w.about("leadership", group, t.country)
    start = w.at()
    w.say(f"{w.ref(group)} {_is(group.label)} led by ")
    led = w.at()
    w.say(f"{person.label}, who has {w.pick(('commanded', 'led'))} the group ")
    year = w.published.year - rng.randint(2, 9)
    when = w.say_when(Phrase(f"since {year}", start=TimeValue(year)))
    w.claim(start, [_rel(person, "leads", group)], "Stated")
    assert person.position is not None
    w.claim(led, [_rel(person, "holdsPosition", person.position)], "Stated", when=when, tenure=("coi:LongTime",))


_SAYINGS = (
    "We will not allow {jihadist} to return to {governorate}",
    "Our forces remain ready to defend every part of {country}",
    "{country} will not be a battlefield for the conflicts of others",
    "We put {country} first and we do not wish to act as a proxy for anyone",
    "The situation in {governorate} remains under control",
)


def _t_quote(w: Writer) -> None:
    """News only: '"…," he said.'"""
    t, rng = w.theatre, w.rng
    speaker = w.speaker or t.people["prime minister"]
    w.about("statement", speaker, t.country)
    words = rng.choice(_SAYINGS).format(
        jihadist=w.ref(t.groups["jihadist"]), governorate=w.ref(rng.choice(t.governorates)), country=t.country.label
    )
    words = _cap(words)
    start = w.at()
    w.capitalise = False
    w.say(f'"{words}," ')
    if w.speaker is speaker and rng.random() < 0.6:
        w.say(f"{'she' if speaker.gender == 'f' else 'he'} said")
    else:
        w.say("said ")
        w.mention_holder(speaker)
    statement = w.node("statement", "Statement", f"{speaker.label} on {t.country.label}", speaker=[speaker])
    statement.props.append(("coi:statementText", _lit(words)))
    w.claim(start, [statement], "Stated")
    w.speaker = speaker


Template = Callable[[Writer], None]

REPORT_TEMPLATES: tuple[tuple[Template, int], ...] = (
    (_t_presence, 3), (_t_reinforcement, 3), (_t_strike, 3), (_t_clashes, 3), (_t_support, 3), (_t_meeting, 2),
    (_t_statement, 2), (_t_withdrawal, 3), (_t_exercise, 2), (_t_membership, 2), (_t_threat, 2), (_t_designation, 1),
    (_t_bounty, 1), (_t_base, 2), (_t_agreement, 1), (_t_deployment, 3), (_t_relations, 1), (_t_planning, 1),
    (_t_takeover, 2), (_t_leadership, 1),
)  # fmt: skip
NEWS_TEMPLATES: tuple[tuple[Template, int], ...] = (
    (_t_presence, 2), (_t_strike, 3), (_t_clashes, 3), (_t_support, 2), (_t_meeting, 2), (_t_statement, 4),
    (_t_withdrawal, 3), (_t_membership, 1), (_t_threat, 2), (_t_designation, 1), (_t_bounty, 1), (_t_base, 2),
    (_t_agreement, 2), (_t_deployment, 3), (_t_relations, 2), (_t_planning, 1), (_t_takeover, 2), (_t_quote, 3),
)  # fmt: skip
# Templates that say what a document says once.
_ONCE = frozenset({_t_relations, _t_agreement, _t_leadership})
# Templates whose clause reads as well framed as what someone said ("X said that ...").
_FRAMEABLE = frozenset(
    {_t_strike, _t_clashes, _t_support, _t_withdrawal, _t_exercise, _t_base, _t_deployment, _t_takeover,
     _t_membership, _t_agreement}
)  # fmt: skip


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
    if _plural(topic.actor) and first.endswith("s") and topic.kind in _AGREEING:
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
        for _ in range(int(_weighted(rng, CITATIONS_PER_FOOTNOTE))):
            reusable = [work for work in cited if work not in footnote.works]
            if reusable and rng.random() < SHARE_CITATIONS_OF_A_CITED_WORK:
                footnote.works.append(rng.choice(reusable))
                continue
            role = str(_weighted(rng, PUBLISHER_ROLE_SHARES))
            publisher = _publisher(role, theatre, world, rng)
            title, pages = _work_title(role, footnote.topic, publisher, theatre.country.label, rng)
            day = min(footnote.topic.day + timedelta(days=rng.randint(0, 12)), latest)
            domain = _slug(publisher.aliases[0] if publisher.aliases and len(publisher.label) < 6 else publisher.label)
            url = f"https://www.{domain}.example/{day:%Y/%m}/{_slug(title)[:60].rstrip('-')}"
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
            text = f"{work.publisher.label}, {work.title}, {_day_text(work.day)}, [url]({work.url})"
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
        clauses = int(_weighted(w.rng, REPORT_CLAUSES_PER_SENTENCE if w.report else NEWS_CLAUSES_PER_SENTENCE))
        used: set[str] = set()
        for clause in range(clauses):
            w.capitalise = clause == 0
            template = first if first is not None and index == 0 and clause == 0 else None
            for _ in range(50):
                fits = template is not None and template != last and (clause == 0 or template is not _t_quote)
                if fits and template is not None and w.done[template] < (1 if template in _ONCE else 2):
                    break
                template = w.rng.choices(functions, weights)[0]
            assert template is not None
            w.done[template] += 1
            last = template
            framed = REPORT_FRAMED_CLAUSES if w.report else NEWS_FRAMED_CLAUSES
            if template in _FRAMEABLE and w.rng.random() < framed:
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
    w.say(f"For information regarding {topic} prior to {_month_text(before)}, see section {section} of the "
          f"[EUAA COI Report {t.country.label} – Security Situation \\({_month_text(before)}\\)](#).")  # fmt: skip


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


def _report(index: int, theatre: Theatre, world: World, rng: Random, tally: Tally, day: date, seed: int,
            used: set[str]) -> Generated:  # fmt: skip
    published = date(day.year, day.month, 1)
    w = Writer(True, published, theatre, world, rng, tally, f"d{index + 1}")
    kind = rng.choice(_REPORT_KINDS)
    doc_id = _unique(f"euaa-{published:%Y-%m}-{_slug(theatre.country.label)}-{_slug(kind)}", used)
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
    month = _month_text(TimeValue(published.year, published.month))
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
    generated.trig = _claims_file(generated, f'EUAA, {report_title} ({month}), section {section} "{title}"')
    return generated


def _news_title(topic: Topic, rng: Random) -> str:
    return _cap(rng.choice((_headline(topic), f"{_headline(topic)}, sources say", f"Report: {_headline(topic)}")))


def _news(index: int, theatre: Theatre, world: World, rng: Random, tally: Tally, day: date, seed: int,
          used: set[str]) -> Generated:  # fmt: skip
    w = Writer(False, day, theatre, world, rng, tally, f"d{index + 1}")
    outlet = theatre.outlet if rng.random() < 0.6 else rng.choice(world.media["broadcaster"])
    if rng.random() < 0.5:
        w.attribution = (outlet, rng.choice(world.origins))
    for number in range(rng.choice(NEWS_PASSAGES)):
        first = _t_statement if number == 1 and w.attribution is not None else None
        _compose(w, NEWS_TEMPLATES, rng.choice(NEWS_SENTENCES_PER_PASSAGE), first=first)
    claims = [c for p in w.passages for c in p.claims]
    lead = next((c for c in claims if c.has_event()), None)
    actor = _lead_label(lead, world) if lead is not None else theatre.country.label
    topic = Topic(w.passages[0].kinds[0] if w.passages[0].kinds else "statement", actor, theatre.country.label, day)
    title = _news_title(topic, rng)
    doc_id = _unique(f"{_slug(outlet.label)}-{day:%Y-%m-%d}-{'-'.join(_slug(title).split('-')[:4])}", used)
    text = f" date {day:%Y-%m-%d} {title}\n\n" + "\n\n".join(p.text for p in w.passages) + "\n"
    metadata = _metadata(doc_id, doc_id, False, outlet, seed)
    generated = Generated(doc_id, doc_id, False, text, metadata, "", w.passages, claims, [],
                          "")  # fmt: skip
    generated.trig = _claims_file(generated, f'{outlet.label}, {day:%Y-%m-%d} "{title}"')
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
    body = [f"a coi:{'Report' if report else 'NewsArticle'}", f"coi:sourceFile {_lit(stem + '.txt')}",
            f"coi:sourceFormat {_lit('euaa-report' if report else 'news')}"]  # fmt: skip
    if publisher is not None:
        body.append(f"coi:publisher {publisher.iri}")
    body.append('coi:language "en"')
    lines += ["", f"doc:{doc_id}"] + [f"    {part} ;" for part in body[:-1]] + [f"    {body[-1]} ."]
    return "\n".join(lines) + "\n"


# =============================================================================================
# Claims files
# =============================================================================================


def _node_lines(node: Node) -> list[str]:
    grouped: dict[str, list[str]] = {}
    if node.label is not None:
        grouped["rdfs:label"] = [_lit(node.label, "en")]
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
    body = [f"coi:quote {_lit(claim.quote)}", f"coi:passage {prefix}:{local}"]
    numbers = list(dict.fromkeys(f.number for f in claim.footnotes))
    if numbers:
        body.append("coi:footnote " + ", ".join(f"{prefix}:fn{n}" for n in numbers))
    body.append(f"coi:modality coi:{claim.modality}")
    if claim.according_to:
        body.append(f"coi:accordingTo {claim.according_to}")
    when = claim.when
    if when is not None:
        body += [f"coi:{name} {_time_lit(value)}" for name, value in when.values()]
        if when.approximate:
            body.append("coi:timeApproximate true")
        if when.expression and when.values():
            body.append(f"coi:timeExpression {_lit(when.expression)}")
    if claim.tenure:
        body.append("coi:tenure " + ", ".join(claim.tenure))
    return [f"c:{claim.number:02d} a coi:Claim ;"] + [f"    {b} ;" for b in body[:-1]] + [f"    {body[-1]} ."]


def description_triples(claim: Claim) -> int:
    when = claim.when
    timed = len(when.values()) + bool(when.approximate) + bool(when.expression and when.values()) if when else 0
    footnotes = len({f.number for f in claim.footnotes})
    return 4 + footnotes + bool(claim.according_to) + timed + len(claim.tenure)


def _claims_file(generated: Generated, what: str) -> str:
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
        f"@prefix {prefix}:    <{_NAMESPACE}id/doc/{generated.doc_id}/> .",
        f"@prefix c:    <{_NAMESPACE}id/claim/{generated.doc_id}/> .",
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


# =============================================================================================
# Checking each document with the real parsers, and counting what the build will assert
# =============================================================================================


class Checker:
    """Parses every generated document as the build will, checks that it parses without warnings and
    says what the claims say it says, and counts the triples the build will assert for it."""

    def __init__(self, world: World) -> None:
        from rdflib import Graph, Literal, URIRef
        from rdflib.namespace import RDF, SKOS

        from coi_graph.documents.to_rdf import Resolver
        from coi_graph.registry import LabelIndex
        from coi_graph.resources import ontology_path
        from coi_graph.vocab import COI

        self.ontology = Graph().parse(ontology_path(), format="turtle")
        registry = Graph()
        for entity in world.entities:
            iri = URIRef(f"{_NAMESPACE}id/entity/{entity.key}")
            for kind in entity.types:
                registry.add((iri, RDF.type, COI[kind.split(":", 1)[1]]))
            for label in (entity.label, *entity.aliases):
                registry.add(
                    (iri, SKOS.altLabel if label != entity.label else SKOS.prefLabel, Literal(label, lang="en"))
                )
        self.warnings: list[str] = []
        self.resolver = Resolver(LabelIndex(registry, self.ontology, COI.Publisher),
                                 LabelIndex(registry, self.ontology, COI.Actor), self.warnings)  # fmt: skip
        self.works: set[str] = set()
        self.sentences = 0

    def check(self, generated: Generated) -> int:
        """The number of triples the build's documents graph gains from this document."""
        from rdflib import Graph, URIRef

        from coi_graph.documents import euaa, news
        from coi_graph.documents.to_rdf import document_graph

        parsed = (euaa if generated.report else news).parse(generated.text)
        problems = list(parsed.warnings)
        if [p.text for p in parsed.passages] != [p.text for p in generated.passages]:
            problems.append("the parser splits the passages differently")
        for ours, theirs in zip(generated.passages, parsed.passages, strict=False):
            if [f.number for _, f in ours.markers] != [m.number for m in theirs.markers]:
                problems.append(f"passage {theirs.ordinal}: the markers differ")
            self.sentences += len(theirs.sentences)
            problems += _claim_problems(ours, theirs.ordinal)
        if not generated.report and generated.text.count(" reports citing ") and parsed.attribution is None:
            problems.append("the attribution is not recognised")
        metadata = Graph().parse(data=generated.metadata, format="turtle")
        doc = URIRef(f"{_NAMESPACE}id/doc/{generated.doc_id}")
        graph, _ = document_graph(doc, parsed, generated.text, metadata, self.resolver, generated.stem)
        problems += self.warnings
        self.warnings.clear()
        if problems:
            raise RuntimeError(f"generated document {generated.stem} does not check: " + "; ".join(problems))
        count = len(graph)
        per_work = Counter(str(s) for s in graph.subjects() if str(s).startswith(f"{_NAMESPACE}id/work/"))
        for work, triples in per_work.items():
            if work in self.works:
                count -= triples  # the same work, cited by an earlier document: the same triples
            self.works.add(work)
        return count


def _claim_problems(passage: Passage, ordinal: int) -> list[str]:
    problems = []
    here = {id(f) for _, f in passage.markers}
    for claim in passage.claims:
        if claim.quote not in passage.text:
            problems.append(f"passage {ordinal}: quote not in the passage: {claim.quote!r}")
        if claim.when and claim.when.expression and claim.when.expression not in passage.text:
            problems.append(f"passage {ordinal}: time expression not in the passage: {claim.when.expression!r}")
        if any(id(f) not in here for f in claim.footnotes):
            problems.append(f"passage {ordinal}: a footnote of claim {claim.number} has no marker in the passage")
        for node in claim.nodes:
            for predicate, value in node.props:
                if predicate == "coi:statementText" and value[1:-1].replace('\\"', '"') not in passage.text:
                    problems.append(f"passage {ordinal}: statement text not in the passage: {value}")
    return problems


# =============================================================================================
# The corpus
# =============================================================================================


@dataclass(frozen=True)
class SynthSummary:
    """What generate() wrote."""

    out: Path
    seed: int
    target_triples: int
    documents: int
    reports: int
    articles: int
    theatres: int
    entities: int
    passages: int
    sentences: int
    footnotes: int
    citations: int
    works: int
    claims: int
    event_claims: int
    timed_claims: int
    modalities: dict[str, int]
    asserted_triples: int  # exactly what 'coi-graph build' counts as asserted
    estimated_built_triples: int  # asserted + plain + derived + inferred, from the calibration
    files: int
    bytes: int

    def render(self) -> str:
        modalities = ", ".join(f"{k.lower()} {v}" for k, v in sorted(self.modalities.items()))
        return (
            f"wrote {self.out} (seed {self.seed}, target {self.target_triples} triples): "
            f"{self.files} files, {self.bytes / 1e6:.1f} MB\n"
            f"documents {self.documents} ({self.reports} report sections, {self.articles} news articles) "
            f"in {self.theatres} theatre(s); entities {self.entities}\n"
            f"passages {self.passages}, sentences {self.sentences}, footnotes {self.footnotes}, "
            f"citations {self.citations}, works {self.works}\n"
            f"claims {self.claims} ({modalities}); with an event {self.event_claims}, with a time {self.timed_claims}\n"
            f"triples asserted {self.asserted_triples}, built about {self.estimated_built_triples}\n"
        )


def plan_documents(triples: int) -> int:
    """How many documents give about ``triples`` built triples."""
    return max(1, round((triples - BUILT_FIXED) / BUILT_PER_DOCUMENT))


def _theatre_sizes(documents: int) -> list[int]:
    full, rest = divmod(documents, DOCUMENTS_PER_THEATRE)
    return [DOCUMENTS_PER_THEATRE] * full + ([rest] if rest else [])


_CORPUS_FOLDERS = ("entities", "documents", "claims", "links")


def _prepare(out: Path, overwrite: bool) -> None:
    occupied = [out / name for name in _CORPUS_FOLDERS if (out / name).exists() and any((out / name).iterdir())]
    if occupied and not overwrite:
        raise CoiGraphError(
            f"{out} already holds a corpus ({', '.join(p.name for p in occupied)}); refusing to mix another into it",
            hint="choose another directory, or pass overwrite=True (--force) to replace it",
        )
    for path in occupied:
        shutil.rmtree(path)
    for name in ("entities", "documents", "claims"):
        (out / name).mkdir(parents=True, exist_ok=True)


def _write(path: Path, text: str) -> int:
    data = text.encode("utf-8")
    path.write_bytes(data)
    return len(data)


def _is_report(index: int, stream: str) -> bool:
    """Report sections and news articles in the seed's proportion, in blocks of ten in random order (a
    report section is about twice the size of an article, so that small corpora keep their size)."""
    block, position = divmod(index, 10)
    return position in Random(f"{stream}:kinds:{block}").sample(range(10), round(10 * SHARE_REPORTS))


def _document_day(theatre: Theatre, position: int, rng: Random) -> date:
    return theatre.start + timedelta(days=150 + 55 * position + rng.randint(-10, 10))


def generate(out: Path, *, triples: int, seed: int, overwrite: bool = False,
             progress: Callable[[int], None] | None = None) -> SynthSummary:  # fmt: skip
    """Write a synthetic corpus into ``out`` (entities/, documents/, claims/) whose build has about
    ``triples`` triples. ``progress`` is called with 1 after each document."""
    if triples < 1:
        raise ValueError("triples must be positive")
    documents = plan_documents(triples)
    stream = f"coi-graph-synth:{seed}"
    world = build_world(Random(f"{stream}:world"), _theatre_sizes(documents))
    _prepare(out, overwrite)
    size = files = 0
    for name, text in registry_files(world, seed).items():
        size += _write(out / "entities" / name, text)
        files += 1
    checker = Checker(world)
    asserted = len(checker.ontology) + sum(e.triples() for e in world.entities)
    tally, used = Tally(), set[str]()
    counts: Counter[str] = Counter()
    for index in range(documents):
        theatre = world.theatres[index // DOCUMENTS_PER_THEATRE]
        rng = Random(f"{stream}:document:{index}")
        day = _document_day(theatre, index % DOCUMENTS_PER_THEATRE, rng)
        make = _report if _is_report(index, stream) else _news
        generated = make(index, theatre, world, rng, tally, day, seed, used)
        for suffix, text in (("txt", generated.text), ("ttl", generated.metadata)):
            size += _write(out / "documents" / f"{generated.stem}.{suffix}", text)
        size += _write(out / "claims" / f"{generated.stem}.trig", generated.trig)
        files += 3
        asserted += checker.check(generated)
        asserted += sum(description_triples(c) + len(c.content()) for c in generated.claims)
        counts["reports" if generated.report else "articles"] += 1
        counts["passages"] += len(generated.passages)
        counts["footnotes"] += len(generated.footnotes)
        counts["citations"] += sum(len(f.works) for f in generated.footnotes)
        if progress is not None:
            progress(1)
    return SynthSummary(
        out=out, seed=seed, target_triples=triples, documents=documents, reports=counts["reports"],
        articles=counts["articles"], theatres=len(world.theatres), entities=len(world.entities),
        passages=counts["passages"], sentences=checker.sentences, footnotes=counts["footnotes"],
        citations=counts["citations"], works=len(checker.works), claims=tally.claims, event_claims=tally.events,
        timed_claims=tally.timed, modalities=dict(sorted(tally.modalities.items())), asserted_triples=asserted,
        estimated_built_triples=round(BUILT_PER_ASSERTED * asserted + BUILT_OFFSET),
        files=files, bytes=size,
    )  # fmt: skip


def calibrate(workdir: Path, documents: Iterable[int] = (2, 5, 10, 20, 40), seeds: Iterable[int] = (1, 2, 3)
              ) -> list[tuple[int, int, int, int]]:  # fmt: skip
    """Build generated corpora of several sizes with the real pipeline; (documents, seed, asserted,
    built) for each, from which BUILT_FIXED, BUILT_PER_DOCUMENT and BUILT_PER_ASSERTED are fitted.
    Slow: it runs the whole build. For maintainers, not for the command line."""
    from coi_graph.build.pipeline import build

    rows = []
    for count in documents:
        for seed in seeds:
            target = BUILT_FIXED + count * BUILT_PER_DOCUMENT
            data = workdir / f"synth-{count}-{seed}"
            summary = generate(data, triples=target, seed=seed, overwrite=True)
            result = build(data, workdir / f"build-{count}-{seed}")
            built = sum(result.summary.triples[k] for k in ("asserted", "plain", "derived", "inferred"))
            rows.append((summary.documents, seed, summary.asserted_triples, built))
    return rows
