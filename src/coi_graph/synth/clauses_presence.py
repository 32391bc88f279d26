"""Clauses of presence: forces present, reinforced, withdrawn, exercising, building bases, deployed,
planning, joining; each clause writes COI prose and records the claims it makes."""

from __future__ import annotations

from coi_graph.synth.prose import Footnote, Node, When, Writer, rel
from coi_graph.synth.registry import plural
from coi_graph.synth.text import lit, month_name_text, number_text, slug
from coi_graph.synth.wording import foreign_actor, has_form, is_form, their_form


def t_presence(w: Writer) -> None:
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
        w.say(f"between {number_text(low, w.report)} and {number_text(amount, w.report)} ")
        values = [("coi:minValue", str(low)), ("coi:maxValue", str(amount))]
    else:
        approx = w.pick(("around", "about", "some", "an estimated"))
        w.say(f"{approx} {number_text(amount, w.report)} ")
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
        f"qty:{slug(force.label)}-{slug(place.label)}-{w.tag}-{w.nodes:02d}", ["coi:Quantity"],
        f"{force.label} in {place.label}, {month_name_text(when.as_of)}",
        [("coi:quantityOf", force.iri), ("coi:quantityAt", place.iri), *values, ("coi:unitText", lit(unit))],
    )  # fmt: skip
    w.claim(q_start, [rel(force, "presentAt", place), quantity], "Reported", when=when,
            according_to=statement.subject)  # fmt: skip


def t_reinforcement(w: Writer) -> None:
    t, rng = w.theatre, w.rng
    force = foreign_actor(w)
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
    w.say(f"{their_form(form)} {w.pick(('', 'military '))}bases in {w.ref(governorate)} (including those in ")
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
    located = [rel(b, "locatedIn", governorate) for b in bases]
    w.claim(place_start, [*located, rel(force, "stationedAt", *bases)], "Stated", extra=footnotes)


def t_withdrawal(w: Writer) -> None:
    t, rng = w.theatre, w.rng
    modality = w.tally.modality(rng, ("Stated", "Reported", "Planned", "Intended", "Negated"))
    force = rng.choice((t.power.forces, t.rival_power.forces, foreign_actor(w)))
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
        w.say(f"{form} reduced {their_form(form)} presence in {w.ref(governorate)}")
        extent, origin = "coi:Partial", governorate
    elif modality == "Stated":
        when = w.say_when(w.month_phrase())
        w.say(f", {form} withdrew from {w.ref(base)}")
    elif modality == "Reported":
        w.say(f"{form} reportedly withdrew from {w.ref(base)} ")
        when = w.say_when(w.month_phrase())
    elif modality == "Planned":
        w.say(f"{form} {is_form(form)} {w.pick(('scheduled', 'due', 'set'))} to withdraw from {w.ref(base)} ")
        when = w.say_when(w.future_phrase())
    elif modality == "Intended":
        power = t.power if force is not t.rival_power.forces else t.rival_power
        intends = "intended" if w.frame else w.pick(("announced its intention", "said it intended"))
        w.say(f"{w.ref(power.government)} {intends} to pull {form} out of {t.country.label}")
        origin = t.country
    else:
        w.say(f"{form} {has_form(form)} not withdrawn from {w.ref(base)}, contrary to earlier reports")
    node = w.node("withdrawal", "Withdrawal", f"withdrawal of the {force.label} from {origin.label}", agent=[force],
                  origin=[origin])  # fmt: skip
    node.props.append(("coi:extent", extent))
    w.claim(start, [node], modality, when=when)
    if modality == "Stated" and extent == "coi:Complete" and rng.random() < 0.5:
        group = rng.choice([g for r, g in t.groups.items() if r != "jihadist"])
        w.say(f", handing over {their_form(form)} positions to ")
        hand = w.at()
        w.say(w.ref(group))
        w.claim(hand, [rel(group, "controls", base)], "Stated")


def t_exercise(w: Writer) -> None:
    t, rng = w.theatre, w.rng
    one, two = foreign_actor(w), t.groups["partner"]
    base = rng.choice(t.base_places())
    assert base.parent is not None
    w.about("exercise", one, base)
    start = w.at()
    w.mention_actor(one)
    w.say(f" and {w.ref(two)} conducted joint military exercises at {w.ref(base)} ({w.plain(base.parent)})")
    exercise = w.node("exercise", "Exercise", f"joint military exercises of the {one.label} and the {two.label}",
                      agent=[one, two], atPlace=[base])  # fmt: skip
    w.claim(start, [exercise, rel(one, "cooperatesWith", two), rel(base, "locatedIn", base.parent)], "Stated")
    if rng.random() < 0.6:
        w.close()
        governorate = rng.choice(t.governorates)
        w.say(f" and intensified military patrols in {w.ref(governorate)}")
        patrol = w.node("patrol", "Patrol", f"military patrols of the {one.label} and the {two.label}",
                        agent=[one, two], atPlace=[governorate])  # fmt: skip
        w.claim(start, [patrol], "Stated")


def t_membership(w: Writer) -> None:
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
            if plural(form):
                w.say(f"{w.pick(('are part of', 'are members of', 'form part of'))} ")
            else:
                w.say(f"{w.pick(('is part of', 'is a member of', 'forms part of'))} ")
            front_at = w.at()
            w.say(w.ref(t.front))
        w.claim(start, [rel(group, "memberOf", t.front)], "Stated", when=when)
        w.say(f", {w.pick(('a coalition', 'an alliance', 'an umbrella group'))} {w.pick(('led by', 'headed by'))} ")
        w.say(w.ref(leader))
        w.claim(front_at, [rel(leader, "leads", t.front)], "Stated")
        return
    lead = w.world.powers[0]
    assert lead.coalition is not None
    member = rng.choice([p.forces for p in w.world.powers[1:]])
    w.about("membership", member, t.country)
    start = w.at()
    form = w.ref(member)
    w.say(f"{form} {is_form(form)} {w.pick(('part of', 'a member of'))} ")
    w.mention_actor(lead.coalition)
    w.claim(start, [rel(member, "memberOf", lead.coalition)], "Stated")


_BASE_WORDS = {
    "Stated": ("started to set up", "began building"),
    "Intended": ("announced plans to set up", "said it would build", "would build"),
    "Possible": ("may be preparing to set up", "appears to be preparing to set up"),
    "Planned": ("is due to open", "is scheduled to open"),
}


def t_base(w: Writer) -> None:
    t, rng = w.theatre, w.rng
    modality = w.tally.modality(rng, tuple(_BASE_WORDS))
    force = rng.choice((foreign_actor(w), t.rival_power.forces, t.forces))
    city = rng.choice(t.cities)
    w.about("base", force, city)
    start = w.at()
    form = w.ref(force)
    verb = w.verb(_BASE_WORDS[modality])
    if plural(form):
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


def t_deployment(w: Writer) -> None:
    t, rng = w.theatre, w.rng
    modality = w.tally.modality(rng, tuple(_DEPLOYMENT_WORDS))
    force = rng.choice((foreign_actor(w), t.forces, t.rival_power.forces))
    place = rng.choice((*t.regions, *t.governorates))
    w.about("deployment", force, place)
    start = w.at()
    when = None
    if modality == "Stated":
        when = w.say_when(w.month_phrase())
        w.say(", ")
    form = w.ref(force)
    verb = w.verb(_DEPLOYMENT_WORDS[modality])
    if plural(form):
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
        w.claim(body, [rel(force, "presentAt", place), rel(force, relation[1], partner)], "Stated")


def t_planning(w: Writer) -> None:
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
