"""Closed word classes and the inflections of the verbs the patterns name.

Patterns are written with lemmas ("attack", "back", "withdraw"); :func:`verb` expands a lemma to
its forms, each tagged with what it can be: ``base``, ``third`` (attacks), ``past`` (attacked),
``participle`` (attacked, struck, withdrawn) and ``gerund`` (attacking). Irregular forms are given
where they occur. Nothing here names an actor, a place or a phrase of one document.
"""

from __future__ import annotations

from collections.abc import Iterable

VOWELS = set("aeiou")


def words(text: str) -> frozenset[str]:
    """A word class written as one string: its words separated by spaces."""
    return frozenset(text.split())


def _regular(lemma: str) -> dict[str, str]:
    if lemma.endswith("e"):
        past, gerund = lemma + "d", lemma[:-1] + "ing"
    elif lemma.endswith("y") and lemma[-2:-1] not in VOWELS:
        past, gerund = lemma[:-1] + "ied", lemma + "ing"
    else:
        past, gerund = lemma + "ed", lemma + "ing"
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        third = lemma + "es"
    elif lemma.endswith("y") and lemma[-2:-1] not in VOWELS:
        third = lemma[:-1] + "ies"
    else:
        third = lemma + "s"
    return {"base": lemma, "third": third, "past": past, "participle": past, "gerund": gerund}


IRREGULAR: dict[str, dict[str, str]] = {
    "strike": {"past": "struck", "participle": "struck", "gerund": "striking"},
    "hit": {"past": "hit", "participle": "hit", "gerund": "hitting"},
    "shoot": {"past": "shot", "participle": "shot"},
    "fight": {"past": "fought", "participle": "fought"},
    "withdraw": {"past": "withdrew", "participle": "withdrawn"},
    "draw": {"past": "drew", "participle": "drawn"},
    "meet": {"past": "met", "participle": "met"},
    "hold": {"past": "held", "participle": "held"},
    "take": {"past": "took", "participle": "taken", "gerund": "taking"},
    "seize": {},
    "say": {"past": "said", "participle": "said", "third": "says"},
    "tell": {"past": "told", "participle": "told"},
    "send": {"past": "sent", "participle": "sent"},
    "leave": {"past": "left", "participle": "left", "gerund": "leaving"},
    "begin": {"past": "began", "participle": "begun", "gerund": "beginning"},
    "set": {"past": "set", "participle": "set", "gerund": "setting"},
    "lead": {"past": "led", "participle": "led"},
    "keep": {"past": "kept", "participle": "kept"},
    "give": {"past": "gave", "participle": "given", "gerund": "giving"},
    "make": {"past": "made", "participle": "made", "gerund": "making"},
    "run": {"past": "ran", "participle": "run", "gerund": "running"},
    "rule": {},
    "ship": {"past": "shipped", "participle": "shipped", "gerund": "shipping"},
    "equip": {"past": "equipped", "participle": "equipped", "gerund": "equipping"},
    "patrol": {"past": "patrolled", "participle": "patrolled", "gerund": "patrolling"},
    "control": {"past": "controlled", "participle": "controlled", "gerund": "controlling"},
    "ally": {"third": "allies"},
    "bomb": {},
    "target": {"past": "targeted", "participle": "targeted", "gerund": "targeting"},
    "pull": {},
    "rid": {"past": "rid", "participle": "rid", "gerund": "ridding"},
    "build": {"past": "built", "participle": "built"},
    "overrun": {"past": "overran", "participle": "overrun", "gerund": "overrunning"},
    "win": {"past": "won", "participle": "won", "gerund": "winning"},
    "stop": {"past": "stopped", "participle": "stopped", "gerund": "stopping"},
    "plan": {"past": "planned", "participle": "planned", "gerund": "planning"},
    "admit": {"past": "admitted", "participle": "admitted", "gerund": "admitting"},
    "commit": {"past": "committed", "participle": "committed", "gerund": "committing"},
    "vow": {},
    "deny": {},
    "speak": {"past": "spoke", "participle": "spoken"},
    "write": {"past": "wrote", "participle": "written", "gerund": "writing"},
    "bring": {"past": "brought", "participle": "brought"},
    "come": {"past": "came", "participle": "come", "gerund": "coming"},
    "go": {"past": "went", "participle": "gone", "third": "goes"},
    "see": {"past": "saw", "participle": "seen", "third": "sees"},
    "seek": {"past": "sought", "participle": "sought"},
    "drop": {"past": "dropped", "participle": "dropped", "gerund": "dropping"},
    "fire": {},
    "shell": {},
    "launch": {},
    "visit": {},
    "host": {},
    "house": {},
    "station": {},
    "base": {},
    "occupy": {},
    "train": {},
    "arm": {},
    "fund": {},
    "reject": {},
}


def verb(lemma: str) -> dict[str, set[str]]:
    """Each form of ``lemma`` with the tags it can carry."""
    forms = _regular(lemma)
    forms.update(IRREGULAR.get(lemma, {}))
    tagged: dict[str, set[str]] = {}
    for tag, form in forms.items():
        tagged.setdefault(form, set()).add(tag)
    return tagged


def verbs(lemmas: Iterable[str]) -> dict[str, tuple[str, frozenset[str]]]:
    """form -> (lemma, tags) for several lemmas."""
    table: dict[str, tuple[str, frozenset[str]]] = {}
    for lemma in lemmas:
        for form, tags in verb(lemma).items():
            table.setdefault(form, (lemma, frozenset(tags)))
    return table


# --- closed classes ----------------------------------------------------------------------------

DETERMINERS = words(
    "the a an this that these those its their his her our some several many all both each "
    "any two three four five no another other most much such multiple numerous"
)
PREPOSITIONS = words(
    "in on at of to from by with for against into onto near around across along inside "
    "outside within towards toward over under between among through throughout via after "
    "before since during until amid about upon despite without like beyond behind off per"
)
PLACE_PREPOSITIONS = words(
    "in at near around across inside outside within into to from towards toward throughout along on"
)
AUXILIARIES = words("is are was were be been being am has have had having do does did")
BE = frozenset({"is", "are", "was", "were", "be", "been", "being", "am", "'s"})
MODALS = frozenset({"will", "would", "shall", "should", "can", "could", "may", "might", "must"})
NEGATIONS = frozenset({"not", "never", "n't", "no", "nor", "neither"})
PRONOUNS = words("he she it they him her them his its their we i you us our who which that")
RELATIVES = frozenset({"which", "who", "whom", "whose", "that", "where"})
CONJUNCTIONS = frozenset({"and", "or", "but", "nor"})
SUBORDINATORS = words(
    "while whereas although though because as after before since when whenever if unless until once whether"
)
ADVERBS = words(
    "also reportedly allegedly repeatedly recently already still now then again further later "
    "earlier previously currently once jointly directly explicitly notably quickly firmly "
    "strongly actively publicly officially formally openly apparently likely possibly probably "
    "even just only first last finally initially successfully largely mainly primarily "
    "partially fully gradually immediately subsequently increasingly frequently regularly "
    "continuously presumably purportedly ostensibly independently simultaneously separately "
    "together too not never heavily significantly"
)

# nouns after a state's name or adjective that make the phrase its forces, its people or its places
FORCE_NOUNS = words(
    "forces force troops troop military army soldiers soldier personnel advisers advisors "
    "servicemembers service servicemen contingent units unit jets warplanes aircraft drones "
    "navy marines army's commandos special coalition militaries air fighter fighters "
    "missiles artillery warships battalion brigade division positions deployment presence "
    "operations operation strikes strike airstrikes airstrike attacks attack raids raid "
    "shelling bombing bombardment incursions incursion patrols patrol convoy convoys"
)
FACILITY_NOUNS = words(
    "base bases outpost outposts garrison garrisons airbase airbases facility facilities "
    "installation installations camp camps embassy consulate headquarters site sites "
    "post posts compound barracks positions position interests checkpoint checkpoints"
)
OFFICIAL_NOUNS = words(
    "official officials spokesman spokesperson spokeswoman source sources diplomat "
    "diplomats commander commanders officer officers minister envoy representative "
    "representatives ambassador delegation negotiators leaders leader authorities "
    "lawmaker lawmakers analyst analysts observers monitor mediator"
)
GROUP_NOUNS = words(
    "militants militant fighters militias militia groups group factions faction rebels "
    "insurgents proxies proxy forces gunmen jihadists loyalists paramilitaries paramilitary "
    "cells members elements units organizations organisations organization organisation "
    "movement movements networks armed"
)
PLACE_NOUNS = words(
    "region regions province provinces governorate governorates city cities town towns "
    "village villages area areas countryside border borders district districts territory "
    "territories zone zones desert outskirts suburbs countries country state side part "
    "parts mountains coast frontier neighbourhood neighborhood"
)
TITLE_WORDS = words(
    "president prime minister foreign defense defence secretary spokesman spokesperson "
    "spokeswoman commander chief general gen gen. brig brig. brigadier lt lt. colonel col "
    "col. major maj admiral adm leader head ambassador envoy king crown prince emir sheikh "
    "interim former then acting deputy senior top supreme vice speaker mr mr. mrs ms dr dr. "
    "senator sen rep governor mayor cleric ayatollah council national security adviser "
    "advisor director chairman co-chair founder military official then-u.s. commanding sgt "
    "captain capt lieutenant army staff joint chiefs of the state affairs intelligence "
    "coordinator special representative"
)
RANK_ADJECTIVES = words(
    "senior top high-ranking ranking unnamed anonymous unidentified unspecified local "
    "former retired two three several some high low mid level"
)
DOMAIN_ADJECTIVES = words(
    "military security defense defence government intelligence foreign ministry army "
    "police health state border diplomatic administration judicial regime interior "
    "political"
)
GROUP_ADJECTIVES = words(
    "armed shiite shia sunni kurdish arab islamist jihadist tribal local allied "
    "affiliated loyal opposition rebel militant paramilitary regime government former "
    "foreign iraqi syrian"
)
MONTHS = words(
    "january february march april may june july august september october november december jan "
    "feb mar apr jun jul aug sep sept oct nov dec"
)
WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})

# --- the shallow parse of a sentence (extract/sentence.py) ---------------------------------------

SKIP_LEFT = AUXILIARIES | MODALS | NEGATIONS | ADVERBS | {"to", "n't", "'s"}
CATENATIVES = words(
    "began begin begins started start starts continued continue continues plans planned "
    "plan tried try tries sought seek seeks vowed vow vows threatened threaten threatens "
    "decided agreed helped help helps wants want wanted intends intend intended expected "
    "set appears appeared seems seemed ramped up went going used able ready prepared aims "
    "aimed aim moved move moves had has have is was were are be been likely unlikely due "
    "about would will quickly already repeatedly explicitly reportedly allegedly jointly "
    "also then later first"
)
BOUNDARY = frozenset({";", ":", "“", "”", '"'})
# nouns through which a preposition reaches a name: "in the areas of X", "near the town of X"
TRANSPARENT = words(
    "areas area parts part city town village villages region province governorate "
    "countryside outskirts swathes swaths vicinity district districts suburbs neighbourhood "
    "neighborhood capital cities towns provinces territory territories rest"
)
# words that open a parenthetical adjunct between commas: ", following a conversation with X,"
ADJUNCT_OPENERS = words(
    "following after before during amid despite including citing unlike like in on at "
    "with without as by for from under along alongside however meanwhile reportedly "
    "allegedly though who which whose according"
)
ADJECTIVES = words(
    "autonomous semi neighboring neighbouring nearby strategic various occupied besieged "
    "embattled restive rebel-held oil-rich war-torn northeastern northwestern southeastern "
    "southwestern northern southern eastern western central new former key main major remote "
    "volatile contested disputed so-called broader wider entire whole continued ongoing "
    "continuing renewed current remaining full military"
)
TIME_WORDS = (
    MONTHS
    | WEEKDAYS
    | words("week month year day weekend today yesterday tonight morning evening night recently last this next "
            "earlier later mid early late")
)  # fmt: skip
