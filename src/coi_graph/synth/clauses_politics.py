"""Clauses of politics: support, meetings, statements, agreements, relations, leadership, quotes."""

from __future__ import annotations

from coi_graph.documents.dates import TimeValue
from coi_graph.synth.prose import Node, Phrase, Writer, rel
from coi_graph.synth.registry import Entity, plural
from coi_graph.synth.text import cap, lit
from coi_graph.synth.wording import is_form, patron_pair

_SUPPORT = {
    "Stated": ("continued to provide", "has provided", "provided"),
    "Reported": ("reportedly provided", "was reported to have provided"),
    "Negated": ("denied providing any", "has not provided any"),
    "Possible": ("may have provided", "is believed to have provided"),
    "Intended": ("announced that it would provide", "pledged to provide", "would provide"),
}


def t_support(w: Writer) -> None:
    rng = w.rng
    patron, client = patron_pair(w)
    modality = w.tally.modality(rng, tuple(_SUPPORT))
    w.about("support", patron, client)
    start = w.at()
    form = w.ref(patron)
    w.say(form + " ")
    verb = w.verb(_SUPPORT[modality])
    if verb.startswith(("was", "has")) and plural(form):
        verb = verb.replace("was ", "were ").replace("has ", "have ")
    kind = w.pick(("military and logistical", "financial and military", "training and logistical", "military"))
    w.say(f"{verb} {kind} support to ")
    client_start = w.at()
    w.say(w.ref(client))
    when = None
    if modality in ("Stated", "Reported") and w.tally.want_time(rng):
        w.say(" ")
        when = w.say_when(w.since_phrase())
    w.claim(start, [rel(patron, "supports", client)], modality, when=when)
    places = [g for g in w.theatre.governorates]
    if "coi:State" not in client.types and client is not w.theatre.forces and rng.random() < 0.6:
        w.close(",")
        governorate = rng.choice(places)
        verb = w.pick(("controls parts of", "holds territory in", "controls areas of"))
        w.say(f" which {verb} {w.ref(governorate)}")
        w.claim(client_start, [rel(client, "controlsPartOf", governorate)], "Stated")


def t_meeting(w: Writer) -> None:
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
                (f"continue fighting {w.ref(enemy)} until it is defeated", rel(group, "opposes", enemy)),
                (f"never hand {w.ref(t.capital)} over to {w.ref(enemy)}", rel(group, "opposes", enemy)),
            ]
            words, node = w.rng.choice(options)
            return w.pick(("forces", "fighters", "movement")), words, node
    if speaker is t.power.president or speaker is t.rival_power.president:
        power = t.power if speaker is t.power.president else t.rival_power
        options = [
            (f"stay in {t.country.label} as long as {w.ref(g['jihadist'])} remains a threat",
             rel(power.forces, "presentAt", t.country)),
            (f"keep supporting {w.ref(g['partner'])}", rel(power.forces, "supports", g["partner"])),
        ]  # fmt: skip
        words, node = w.rng.choice(options)
        return "country", words, node
    options = [
        (f"not allow {w.ref(g['jihadist'])} to return to {w.ref(w.rng.choice(t.governorates))}",
         rel(t.government, "opposes", g["jihadist"])),
        (f"continue to work with {t.power.state.label} against terrorism",
         rel(t.government, "cooperatesWith", t.power.government)),
        (f"reach out to {w.ref(g['rebels'])} to end the fighting", rel(t.government, "hasRelationsWith", g["rebels"])),
    ]  # fmt: skip
    words, node = w.rng.choice(options)
    return "government", words, node


def t_statement(w: Writer) -> None:
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
    statement.props.append(("coi:statementText", lit(words)))
    w.claim(start, [statement], "Stated", when=when)
    w.claim(intent_start, [node], "Intended", according_to=statement.subject)
    if w.attribution is not None:
        outlet, origin = w.attribution
        w.say(f", {outlet.label} reports citing {origin.aliases[0]}")
        w.attribution = None


def t_agreement(w: Writer) -> None:
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


def t_relations(w: Writer) -> None:
    t = w.theatre
    w.about("relations", t.country, t.neighbour)
    start = w.at()
    w.say(f"{t.country.label} has sought to balance its relations with {t.power.state.label} and ")
    neighbouring = w.at()
    w.say(f"neighbouring {t.neighbour.label}")
    w.claim(start, [rel(t.country, "hasRelationsWith", t.power.state, t.neighbour)], "Stated")
    w.claim(neighbouring, [rel(t.country, "adjacentTo", t.neighbour)], "Stated")


def t_leadership(w: Writer) -> None:
    t, rng = w.theatre, w.rng
    role = rng.choice(list(t.groups))
    group, person = t.groups[role], t.people[f"commander {role}"]
    w.about("leadership", group, t.country)
    start = w.at()
    w.say(f"{w.ref(group)} {is_form(group.label)} led by ")
    led = w.at()
    w.say(f"{person.label}, who has {w.pick(('commanded', 'led'))} the group ")
    year = w.published.year - rng.randint(2, 9)
    when = w.say_when(Phrase(f"since {year}", start=TimeValue(year)))
    w.claim(start, [rel(person, "leads", group)], "Stated")
    assert person.position is not None
    w.claim(led, [rel(person, "holdsPosition", person.position)], "Stated", when=when, tenure=("coi:LongTime",))


_SAYINGS = (
    "We will not allow {jihadist} to return to {governorate}",
    "Our forces remain ready to defend every part of {country}",
    "{country} will not be a battlefield for the conflicts of others",
    "We put {country} first and we do not wish to act as a proxy for anyone",
    "The situation in {governorate} remains under control",
)


def t_quote(w: Writer) -> None:
    """News only: '"…," he said.'"""
    t, rng = w.theatre, w.rng
    speaker = w.speaker or t.people["prime minister"]
    w.about("statement", speaker, t.country)
    words = rng.choice(_SAYINGS).format(
        jihadist=w.ref(t.groups["jihadist"]), governorate=w.ref(rng.choice(t.governorates)), country=t.country.label
    )
    words = cap(words)
    start = w.at()
    w.capitalise = False
    w.say(f'"{words}," ')
    if w.speaker is speaker and rng.random() < 0.6:
        w.say(f"{'she' if speaker.gender == 'f' else 'he'} said")
    else:
        w.say("said ")
        w.mention_holder(speaker)
    statement = w.node("statement", "Statement", f"{speaker.label} on {t.country.label}", speaker=[speaker])
    statement.props.append(("coi:statementText", lit(words)))
    w.claim(start, [statement], "Stated")
    w.speaker = speaker
