"""Templates: each writes one clause of COI prose and records the claims it makes."""

from __future__ import annotations

from collections.abc import Callable

from coi_graph.documents.dates import TimeValue
from coi_graph.synth.prose import Footnote, Node, Phrase, When, Writer, _rel
from coi_graph.synth.registry import Entity, _plural
from coi_graph.synth.text import _cap, _lit, _month_text, _number, _slug

# =============================================================================================
# Templates: each writes one clause of COI prose and records the claims it makes
# =============================================================================================


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
