"""The invented world: the powers, their media and the theatres of conflict, each with its places, bases,
groups and people, built from a seed."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from random import Random

from coi_graph.synth.names import POWERS, acronym_of, adjective_of, name_variants
from coi_graph.synth.registry import Entity, Power, RegistryBuilder, Theatre, World
from coi_graph.synth.shares import DOCUMENTS_PER_THEATRE
from coi_graph.synth.text import slug


def _position(reg: RegistryBuilder, label: str, within: Entity, candidates: list[str], holder: Entity) -> Entity:
    position = reg.add(
        Entity("position-" + slug(label), ("coi:Position",), label, "positions", candidates,
               props=[("coi:positionIn", within.iri)], article=True, bare=tuple(c for c in candidates if "'" in c))
    )  # fmt: skip
    holder.position = position
    return position


def _state(reg: RegistryBuilder, name: str, adjective: str, comment: str | None = None) -> Entity:
    candidates = [f"Republic of {name}", f"{adjective} Republic"]
    return reg.add(
        Entity(slug(name), ("coi:State", "coi:Country"), name, "states", candidates, adjective=adjective,
               comment=comment, the=tuple(candidates))
    )  # fmt: skip


def _power(reg: RegistryBuilder, name: str, adjective: str) -> Power:
    state = _state(reg, name, adjective, comment="An invented great power. Its forces serve in several theatres.")
    government = reg.add(
        Entity(slug(f"{adjective} government"), ("coi:Government",), f"{adjective} government", "actors",
               [f"Government of {name}", f"{adjective} administration"], article=True,
               props=[("coi:governmentOf", state.iri)])
    )  # fmt: skip
    forces = reg.add(
        Entity(slug(f"{adjective} armed forces"), ("coi:ArmedForce",), f"{adjective} armed forces", "actors",
               [f"{adjective} forces", f"{adjective} troops", f"{adjective} military"], article=True,
               props=[("coi:partOf", state.iri)], troops=f"{adjective} troops")
    )  # fmt: skip
    acronym = acronym_of(f"{adjective} Department of Defence")
    defence = reg.add(
        Entity(slug(acronym), ("coi:Agency", "coi:Publisher"), acronym, "actors",
               [f"{adjective} Department of Defence", f"{adjective} defence department"], article=True, bare=(acronym,),
               props=[("coi:partOf", government.iri)], comment=f"Also the publisher '{acronym}' of footnotes."),
        aliases=2,
    )  # fmt: skip
    president = reg.person()
    presidency = _position(
        reg, f"President of {name}", state, [f"{adjective} President", f"{adjective} president"], president
    )
    officials = reg.add(
        Entity(slug(f"two {adjective} defence officials unnamed"), ("coi:UnnamedActor",),
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
    powers = [_power(reg, name, adjective) for name, adjective in POWERS]
    lead = powers[0]
    lead.coalition = reg.add(
        Entity(slug(f"{lead.state.adjective}-led Global Coalition"), ("coi:Coalition",),
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
            reg.add(Entity(slug(label), types, label, "publishers", candidates), aliases=len(candidates))
        )
    origins = []
    for name in _ORIGINS:
        unnamed: tuple[str, ...] = ("coi:UnnamedActor",)
        if name == "foreign media":
            unnamed = ("coi:MediaOutlet", "coi:UnnamedActor")
        origins.append(
            reg.add(Entity(slug(f"{name} unnamed"), unnamed, f"{name} (unnamed)", "publishers" if
                           name == "foreign media" else "actors", [name],
                           comment=f"'... reports citing {name}': the sources are not named."), aliases=1)
        )  # fmt: skip
    return euaa, powers, media, origins


def _place(reg: RegistryBuilder, label: str, types: tuple[str, ...], candidates: list[str], *,
           parent: Entity | None = None, registry_parent: bool = True, article: bool = False,
           short: str | None = None, bare: tuple[str, ...] = ()) -> Entity:  # fmt: skip
    props = [("coi:locatedIn", parent.iri)] if parent is not None and registry_parent else []
    return reg.add(
        Entity(slug(label), types, label, "places", candidates, props=props, parent=parent, article=article,
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
            [name, f"{name} {product.lower()} field", *(f"{v} {product} Field" for v in name_variants(name))],
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
                   *(f"{v} air base" for v in name_variants(name))], parent=governorate, registry_parent=False,
                   article=True, short=name, bare=(name,))
        ]  # fmt: skip
    label = f"{name} base" if reg.rng.random() < 0.7 else f"{name} military base"
    candidates = [name, f"base at {name}", *(f"{v} base" for v in name_variants(name))]
    near_city = city is not None and reg.rng.random() < 0.4
    base = _place(reg, label, ("coi:MilitaryBase",), candidates, parent=governorate, registry_parent=False,
                  article=True, short=name)  # fmt: skip
    base.bare = (name, *name_variants(name))
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
    acronym = acronym_of(label)
    candidates = [acronym, *(label.replace(root, v) for v in name_variants(root)), label.replace(" Forces", "")]
    if role == "jihadist":
        candidates = [label.replace("al-", "al "), label.split()[0] + " " + root, acronym]
    comment = {
        "partner": "Works with the foreign coalition against the jihadist group.",
        "jihadist": "A jihadist armed group that every other actor fights.",
        "rebels": "Fights the government; supported from across the border.",
        "militia": "A pro-government militia.",
    }[role]
    return reg.add(Entity(slug(label), ("coi:NonStateArmedGroup",), label, "actors", candidates, article=not
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
            [f"{article}{root}", f"Governorate of {root}", *(f"{v} Governorate" for v in name_variants(root)), root],
            parent=country,
        )  # fmt: skip
        governorate.the = (f"Governorate of {root}",)
        governorates.append(governorate)
        local = [
            _place(
                reg, name, ("coi:City",), [*name_variants(name), reg.names.root(), f"{name} town"], parent=governorate
            )
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
    adjective = adjective_of(name)
    country = _state(reg, name, adjective, comment=f"Theatre {index + 1}: an invented country.")
    places = _theatre_places(reg, country, size)
    capital = places["cities"][0]
    airport = _place(reg, f"{capital.label} International Airport", ("coi:Airport",), [f"{capital.label} airport"],
                     parent=capital, article=True)  # fmt: skip
    government = reg.add(
        Entity(slug(f"Government of {name}"), ("coi:Government",), f"Government of {name}", "actors",
               [f"{adjective} government", capital.label, f"{adjective} authorities"], article=True,
               bare=(capital.label,), props=[("coi:governmentOf", country.iri)])
    )  # fmt: skip
    forces = reg.add(
        Entity(slug(f"{adjective} Armed Forces"), ("coi:ArmedForce",), f"{adjective} Armed Forces", "actors",
               [f"{adjective} army", f"{adjective} forces", f"{adjective} troops", "government forces"],
               article=True, props=[("coi:partOf", country.iri)], troops=f"{adjective} troops")
    )  # fmt: skip
    ministry = f"{adjective} Ministry of Defence"
    short = reg.abbreviation(ministry)
    defence = reg.add(
        Entity(slug(short), ("coi:Agency", "coi:Publisher"), short, "actors",
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
        candidates = [acronym_of(label), f"{adjective} Front" if "Front" in label else f"{roots[1]} operations room"]
        front = reg.add(Entity(slug(label), ("coi:Coalition",), label, "actors", candidates, article=True))
    monitor_name = reg.rng.choice((f"{adjective} Observatory for Human Rights", f"{adjective} Network for Human Rights",
                                   f"{adjective} Monitor for Civil Rights"))  # fmt: skip
    acronym = reg.abbreviation(monitor_name)
    monitor = reg.add(
        Entity(slug(acronym), ("coi:Publisher",), acronym, "publishers", [monitor_name], article=True, bare=(acronym,),
               comment="A monitoring group: most footnotes cite it, as the seed's footnotes cite SOHR."),
        aliases=1,
    )  # fmt: skip
    outlet_name = reg.rng.choice((f"{name} Today", f"The {capital.label} Post", f"{adjective} Herald",
                                  f"{capital.label} Daily"))  # fmt: skip
    if not all(word[:1].isupper() for word in outlet_name.split()) or not reg.free(outlet_name):
        outlet_name = f"{name} Daily Observer"  # 'X reports citing Y' needs a name of capitalised words
    outlet = reg.add(Entity(slug(outlet_name), ("coi:MediaOutlet",), outlet_name, "publishers", []), aliases=0)
    locals_ = reg.add(
        Entity(slug(f"local {adjective} officials unnamed"), ("coi:UnnamedActor",),
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
