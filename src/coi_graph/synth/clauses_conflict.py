"""Clauses of conflict: strikes, clashes, threats, designations, bounties, takeovers."""

from __future__ import annotations

from coi_graph.synth.prose import When, Writer, rel
from coi_graph.synth.wording import has_form, rival_pair, strike_pair, their_form


def t_strike(w: Writer) -> None:
    rng = w.rng
    agent, target = strike_pair(w)
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
        w.claim(body, [rel(agent, "opposes", target)], "Stated")
    elif roll < 0.7:
        w.say(f", killing at least {rng.randint(3, 40)} fighters")


def t_clashes(w: Writer) -> None:
    rng = w.rng
    one, two = rival_pair(w)
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
    w.claim(start, [rel(one, "fights", two)], modality, when=when)
    w.claim(start, [rel(one, "presentAt", city), rel(two, "presentAt", city)], "Stated")


def t_threat(w: Writer) -> None:
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
        w.claim(quote, [rel(group, "threatens", governorate)], "Possible")
    elif modality == "Stated":
        w.say(w.ref(group))
        if rng.random() < 0.5:
            w.say(f", which seized territory in {w.ref(governorate)} ")
            when = w.say_when(w.year_phrase())
            w.claim(start, [rel(group, "controlsPartOf", governorate)], "Stated", when=when)
            w.say(",")
        w.say(f" continued to pose a threat to {t.country.label}")
        w.claim(start, [rel(group, "threatens", t.country)], "Stated")
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
        w.claim(quote, [rel(group, "threatens", t.country)], "Negated", according_to=statement.subject)


def t_designation(w: Writer) -> None:
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
            w.say(f"{form} {has_form(form)} not lifted {their_form(form)} designation of {w.ref(group)} ")
            w.say("as a terrorist organisation")
        node = w.node("designation-removal", "DesignationRemoval",
                      f"removal of {group.label}'s designation as terrorist by the {government.label}",
                      agent=[government], target=[group])  # fmt: skip
        modality = "Stated" if lifted else "Negated"
    node.props.append(("coi:designationKind", "coi:TerroristDesignation"))
    w.claim(start, [node], modality, when=when)


def t_bounty(w: Writer) -> None:
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


def t_takeover(w: Writer) -> None:
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
    w.claim(start, [rel(group, "controls", city)], "Stated", when=When(when.expression, start=when.point))
    w.say(" after ")
    loser_start = w.at()
    form = w.ref(loser)
    w.say(f"{form} {w.pick(('withdrew from the area', 'pulled out of the town', 'retreated from the area'))}")
    node = w.node("withdrawal", "Withdrawal", f"withdrawal of the {loser.label} from {city.label}", agent=[loser],
                  origin=[city])  # fmt: skip
    node.props.append(("coi:extent", "coi:Complete"))
    w.claim(loser_start, [node], "Stated", when=when)
