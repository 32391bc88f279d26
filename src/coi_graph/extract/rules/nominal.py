"""Noun constructions: a relation named by a noun ("strike", "withdrawal", "presence", "visit",
"support"), with its agent and its object around it.

The agent of the noun is, in this order:

* a "by" phrase after it: "an attack by Zionist regime fighters on the consulate";
* a name or adjective right before it: "an Israeli air strike on", "a US drone strike", "U.S. air strikes";
* a possessor: "Israel's strikes", "the latter's visit";
* an "of" phrase for nouns of motion and position: "the withdrawal of U.S. forces from the region",
  "the presence of the PKK";
* the subject of the verb that governs it: "The U.S. began to carry out retaliatory strikes in Iraq",
  "Ankara ramped up cross-border operations against PKK members";
* both sides of "between X and Y": "clashes between SNA/Turkish forces and the SDF".

The object follows the noun's preposition: "on"/"against"/"targeting" for attacks (and "in" a place:
"air strikes in Iraq and in neighboring Syria"), "for"/"of" for support, "from" for withdrawals,
"in"/"at" for presence, "to" for visits, "with" for talks and agreements.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from coi_graph.extract.ents import Phrase
from coi_graph.extract.lexicon import words
from coi_graph.extract.records import Relation
from coi_graph.extract.rules.base import Rule, relations
from coi_graph.extract.sentence import Sentence


@dataclass(frozen=True)
class NounFrame:
    relation: str
    nouns: frozenset[str]
    preps: frozenset[str]  # of the object
    place_preps: frozenset[str] = frozenset()  # an object that must be a place ("strikes in Iraq")
    of_agent: bool = False  # "the withdrawal of U.S. forces"
    between: bool = False  # "clashes between X and Y", "talks between X and Y"
    both_ways: bool = False
    score: float = 0.55
    needs_prep: bool = True


ATTACK_NOUNS = words(
    "attack attacks strike strikes airstrike airstrikes bombing bombings shelling raid "
    "raids assault assaults incursion incursions offensive operation operations "
    "bombardment ambush retaliation hostilities campaign barrage offensives invasion "
    "shootdown"
)

NOUN_FRAMES: tuple[NounFrame, ...] = (
    NounFrame(
        "attacks",
        ATTACK_NOUNS,
        frozenset({"on", "against", "targeting", "at", "of", "upon"}),
        place_preps=frozenset({"in", "into", "across", "near", "around", "inside"}),
    ),
    NounFrame(
        "attacks",
        words("clashes clash fighting battles confrontation confrontations hostilities war firefight exchange"),
        frozenset({"with", "against"}),
        between=True,
        both_ways=True,
        score=0.55,
    ),
    NounFrame(
        "supports",
        words("support backing assistance aid sponsorship funding help patronage arms weapons protection"),
        frozenset({"for", "of", "to"}),
        score=0.55,
    ),
    NounFrame(
        "opposes",
        words("threats threat war opposition hostility fight struggle pressure sanctions"),
        frozenset({"against", "to", "on"}),
        score=0.45,
    ),
    NounFrame(
        "withdraws_from",
        words("withdrawal withdrawals pullout pull-out departure exit drawdown evacuation retreat pullback"),
        frozenset({"from", "of"}),
        of_agent=True,
    ),
    NounFrame(
        "present_in",
        words(
            "presence deployment deployments base bases outpost outposts garrison troops forces personnel "
            "advisers soldiers contingent headquarters"
        ),
        frozenset({"in", "at", "inside", "across", "throughout", "near", "on"}),
        of_agent=True,
        score=0.5,
    ),
    NounFrame(
        "meets_with",
        words("visit visits trip talks meeting meetings conversation call summit negotiations discussions conference"),
        frozenset({"with", "to"}),
        between=True,
    ),
    NounFrame(
        "allied_with",
        words("agreement deal pact alliance partnership accord cooperation coordination ties relations treaty"),
        frozenset({"with"}),
        between=True,
        score=0.5,
    ),
    NounFrame(
        "designates_as_terrorist",
        frozenset({"designation", "listing", "blacklisting", "proscription"}),
        frozenset({"of"}),
        score=0.55,
    ),
    NounFrame(
        "controls", frozenset({"control", "rule", "occupation", "grip", "hold"}), frozenset({"of", "over"}), score=0.5
    ),
    NounFrame(
        "reinforces",
        frozenset({"reinforcements", "reinforcement", "buildup", "build-up"}),
        frozenset({"to", "in", "at", "of"}),
        score=0.5,
    ),
    NounFrame(
        "conducts_exercise_with",
        frozenset({"exercise", "exercises", "drills", "drill", "maneuvers", "manoeuvres", "wargames"}),
        frozenset({"with"}),
        between=True,
    ),
    NounFrame("patrols", frozenset({"patrol", "patrols"}), frozenset({"in", "along", "near", "around", "of"})),
)

LIGHT_VERBS = words(
    "launched launch launches launching conducted conduct conducts conducting carried carry "
    "carries carrying out began begin begins ordered order orders stepped step ramped ramp "
    "up escalated escalate intensified intensify resumed resume mounted mount staged stage "
    "continued continue continues held hold holds made make makes signed sign signs reached "
    "reach paid pay pays undertook undertake waged wage wages executed announced announce "
    "announces agreed agree agrees gave give provided provide provides offered offer "
    "maintains maintain maintained has have had kept keep keeps gained gain took take "
    "seized seize exercises exercise exercised increased increase boosted expanded "
    "completed complete started start planned plans plan to its their his new numerous "
    "several further more repeated retaliatory joint military air drone missile rocket "
    "cross border - major large multiple a an the series of wave deadly lethal coordinated "
    "limited precision ground aerial naval first latest recent renewed fresh heavy intense "
    "persistent daily frequent relying rely relies on direct indirect also counter terror "
    "terrorism voiced voice voices expressed express expresses reiterated reiterate "
    "reiterates pledged pledge pledges affirmed affirm renew declared declare"
)
_ADJECTIVE_SLOTS = words(
    "air drone missile rocket military retaliatory joint deadly cross border - aerial "
    "naval ground precision suicide major new latest recent heavy alleged reported "
    "claimed continued renewed fresh repeated intense persistent lethal large limited "
    "artillery mortar terrorist security diplomatic strategic framework defense "
    "defence high level high-level official state political economic financial "
    "logistical technical direct indirect bilateral trilateral the its their a an two "
    "three several numerous multiple and ongoing troop full complete partial gradual "
    "planned announced"
)

_INDEX: dict[str, list[NounFrame]] = {}
for _frame in NOUN_FRAMES:
    for _noun in _frame.nouns:
        _INDEX.setdefault(_noun, []).append(_frame)


def _modifier_agent(sentence: Sentence, k: int) -> list[Phrase]:
    """A name or adjective right before the noun, past adjectives: "Israeli air strike"."""
    j = k - 1
    steps = 0
    while j >= 0 and steps < 4:
        phrase = sentence.phrase_at[j]
        if phrase is not None:
            if phrase.end == j + 1 or sentence.tokens[j].kind == "poss":
                if sentence.prep_of(phrase) in ("of", "by") and not phrase.ent.is_actor:
                    return []
                return sentence.group(phrase)
            return []
        token = sentence.tokens[j]
        if token.kind == "poss":
            j -= 1
            continue
        if token.low in _ADJECTIVE_SLOTS and token.low not in ("the", "a", "an", "its", "their"):
            j -= 1
            steps += 1
            continue
        return []
    return []


GOVERNING = words(
    "announced announce announces ordered order orders began begin begins started start "
    "starts declared authorized authorised approved launched directed continued resumed "
    "claimed confirmed"
)


def _light_verb_subject(sentence: Sentence, k: int) -> list[Phrase]:
    """The subject of the verb that governs the noun: "X launched strikes", "X began to carry out
    retaliatory strikes", "X ramped up operations", "X announced the start of the operation"."""
    j = k - 1
    steps = 0
    verb: int | None = None
    while j >= 0 and steps < 10:
        word = sentence.low(j)
        if sentence.phrase_at[j] is not None:
            break
        if word in LIGHT_VERBS or word in GOVERNING or word in _ADJECTIVE_SLOTS:
            if word in GOVERNING or (
                word not in _ADJECTIVE_SLOTS and word not in ("to", "out", "up", "of", "-", "on", "the", "a", "an")
            ):
                verb = j
            j -= 1
            steps += 1
            continue
        break
    return sentence.subject_of(verb) if verb is not None else []


VICTIM_VERBS = frozenset({"killed", "martyred", "wounded", "injured", "hurt", "assassinated", "targeted", "hit"})


def _victims(sentence: Sentence, k: int) -> list[Phrase]:
    """ "X was killed in a US drone strike", "X was martyred in an attack by Y": X is the target."""
    j = k - 1
    while j >= 0 and k - j <= 5 and sentence.low(j) not in ("in", "by"):
        j -= 1
    if sentence.low(j) != "in" or sentence.low(j - 1) not in VICTIM_VERBS:
        return []
    return [p for p in sentence.subject_of(j - 1) if p.ent.is_actor]


def _reporting_actor(sentence: Sentence, k: int) -> list[Phrase]:
    """ "Strikes were also carried out against IS in Syria, the force said": an armed actor reporting a
    strike it does not name the agent of reports its own."""
    if not any(
        sentence.low(j) in ("carried", "conducted", "launched", "executed")
        for j in range(k + 1, min(sentence.n, k + 4))
    ):
        return []
    for j in range(k + 1, min(sentence.n, k + 40)):
        if sentence.low(j) in ("said", "says", "stated", "announced") and sentence.tokens[j - 1].text != ",":
            found = sentence.subject_of(j)
            if (
                found
                and found[0].ent.category in ("group", "state")
                and sentence.tokens[found[0].start - 1].text == ","
            ):
                return found[:1]
    return []


def _possessive_pronoun(sentence: Sentence, k: int) -> list[Phrase]:
    """ "X, relying on their support": the pronoun's antecedent supports the clause's subject (the
    coordinated names before it for "their")."""
    word = sentence.low(k - 1)
    if word not in ("their", "its", "his", "her"):
        return []
    before = [p for p in sentence.phrases if p.end <= k - 1]
    if not before:
        return []
    last = sentence.group(before[-1])
    if word == "their" and len(last) < 2:
        return []
    return last


def _hit_by(sentence: Sentence, k: int) -> list[Phrase]:
    """ "the July 30 U.S. strike killed members of the PMF": the noun is the subject of a verb of harm."""
    j = k + 1
    while j < sentence.n and j - k <= 3 and sentence.low(j) in ("reportedly", "also", "had", "has", "allegedly"):
        j += 1
    if sentence.low(j) not in ("killed", "hit", "targeted", "wounded", "destroyed", "damaged", "struck", "injured"):
        return []
    found = sentence.object_after(
        j,
        preps=None,
        limit=10,
        through=frozenset({"members", "fighters", "commanders", "positions", "leaders", "headquarters"}),
    )
    return [p for p in found if p.ent.is_actor or p.ent.is_place]


def _adjunct_agent(sentence: Sentence, k: int) -> list[Phrase]:
    """ "X, following a conversation with Y, announced", "After talks with Y, X said": the noun in an
    adjunct takes the subject of the clause it is attached to."""
    j = k - 1
    while (
        j >= 0
        and k - j <= 4
        and sentence.phrase_at[j] is None
        and sentence.tokens[j].kind == "word"
        and (
            not sentence.tokens[j].capitalised
            and sentence.low(j) not in ("following", "after", "during", "before", "amid")
        )
    ):
        j -= 1  # "during a joint news conference with X"
    if sentence.low(j) not in ("following", "after", "during", "before", "amid"):
        return []
    if j > 0 and sentence.tokens[j - 1].text == ",":
        before = sentence.phrase_before(j - 1)
        return [before] if before is not None and before.ent.is_actor else []
    # fronted: "After talks with Y, X said"
    for m in range(k + 1, min(sentence.n, k + 12)):
        if sentence.tokens[m].text == ",":
            found = sentence.object_after(m, preps=None, limit=3)
            return found[:1]
    return []


_BY = frozenset({"by"})
_VISITORS = frozenset({"by", "from"})


def _by_agent(sentence: Sentence, k: int, preps: frozenset[str] = frozenset({"by"})) -> list[Phrase]:
    for j in range(k + 1, min(sentence.n, k + 5)):
        if sentence.low(j) in preps:
            return sentence.object_after(j, preps=preps, limit=6)
        if sentence.tokens[j].text in (",", ";") or sentence.low(j) in ("that", "which"):
            return []
    return []


def _of_agent(sentence: Sentence, k: int) -> list[Phrase]:
    if sentence.low(k + 1) != "of":
        return []
    found = sentence.object_after(k + 1, preps=frozenset({"of"}), limit=4)
    return [p for p in found if p.ent.is_actor]


def _objects(sentence: Sentence, frame: NounFrame, k: int, agents: list[Phrase]) -> list[Phrase]:
    if (
        frame.relation == "supports"
        and sentence.low(k - 1) in ("their", "its", "his", "her")
        and sentence.low(k - 2) in ("on", "with", "to", "from")
        and sentence.low(k - 3)
        in ("relying", "rely", "relies", "relied", "depending", "depend", "depends", "thanks", "due")
    ):
        return [p for p in sentence.main_subject() if p not in agents][:1]  # "X, relying on their support"
    start = k
    # "the withdrawal of U.S. forces from the region": past the "of" agent
    if frame.of_agent and sentence.low(k + 1) == "of" and agents:
        start = max(p.end for p in agents) - 1
    found = sentence.object_after(start, preps=frame.preps, limit=9,
                                  want=lambda p: p not in agents)  # fmt: skip
    if not found and sentence.low(k + 1) == "targeting":
        found = sentence.object_after(k + 1, preps=None, limit=6)
    if not found and frame.place_preps:
        found = [p for p in sentence.object_after(start, preps=frame.place_preps, limit=9) if p.ent.is_place]
    if frame.relation == "attacks":
        found += [p for p in _hedged_target(sentence, k, frame) if p not in found]
    return [p for p in found if p not in agents]


def _hedged_target(sentence: Sentence, k: int, frame: NounFrame) -> list[Phrase]:
    """ "strikes in Syria, likely against Iran-backed militias": the target after a comma and a hedge."""
    for j in range(k + 1, min(sentence.n - 2, k + 10)):
        if sentence.tokens[j].text == "," and sentence.low(j + 1) in HEDGE_WORDS:
            found = sentence.object_after(j + 1, preps=frame.preps, limit=4)
            return found
        if sentence.tokens[j].text in (";", ".") or sentence.low(j) in ("that", "which", "while"):
            return []
    return []


HEDGE_WORDS = words(
    "likely probably possibly reportedly apparently allegedly presumably mainly mostly primarily including"
)


def _between(sentence: Sentence, k: int) -> tuple[list[Phrase], list[Phrase]] | None:
    if sentence.low(k + 1) != "between":
        return None
    first = sentence.object_after(k + 1, preps=frozenset({"between"}), limit=5)
    if not first:
        return None
    group = sentence.group(first[0])
    ands = [j for j in range(group[0].start, group[-1].end) if sentence.low(j) == "and"]
    if not ands:
        return None
    split = ands[-1]
    left = [p for p in group if p.start < split]
    right = [p for p in group if p.start > split]
    return (left, right) if left and right else None


def _apply(sentence: Sentence) -> Iterator[Relation]:
    for k, token in enumerate(sentence.tokens):
        frames = _INDEX.get(token.low)
        if not frames or sentence.phrase_at[k] is not None:
            continue
        if sentence.low(k + 1) in _INDEX and token.low in ("air", "drone", "missile"):
            continue
        for frame in frames:
            word = token.text
            pair = _between(sentence, k) if frame.between else None
            if pair is not None:
                left, right = pair
                yield from relations(sentence, left, frame.relation, right, trigger=k, rule="noun-between",
                                     why=f"'{word} between … and …'", score=frame.score)  # fmt: skip
                if frame.both_ways:
                    yield from relations(sentence, right, frame.relation, left, trigger=k, rule="noun-between",
                                         why=f"'{word} between … and …'", score=frame.score)  # fmt: skip
                continue
            # "a visit by X", "visits from X to Y"
            agents = _by_agent(sentence, k, _VISITORS if frame.relation == "meets_with" else _BY)
            how = "by"
            if not agents:
                agents, how = _modifier_agent(sentence, k), "modifier"
            if not agents and frame.of_agent:
                agents, how = _of_agent(sentence, k), "of"
            if not agents:
                agents, how = _light_verb_subject(sentence, k), "light verb"
            if not agents:
                agents, how = _adjunct_agent(sentence, k), "adjunct"
            if not agents and frame.relation == "attacks":
                agents, how = _reporting_actor(sentence, k), "the force reporting it"
            if not agents and frame.relation == "supports":
                agents, how = _possessive_pronoun(sentence, k), "possessive pronoun"
            if not agents:
                continue
            objects = _objects(sentence, frame, k, agents)
            if not objects and frame.between and len(agents) >= 2 and how == "light verb":
                # "the two countries agreed to a strategic framework agreement": among themselves
                for i, first in enumerate(agents):
                    yield from relations(
                        sentence,
                        [first],
                        frame.relation,
                        agents[i + 1 :],
                        trigger=k,
                        rule="noun-among",
                        why=f"'{word}' (among its subjects)",
                        score=frame.score,
                    )
                continue
            if frame.relation == "attacks":
                objects += [v for v in _victims(sentence, k) if v not in objects and v not in agents]
                objects += [v for v in _hit_by(sentence, k) if v not in objects and v not in agents]
            if not objects:
                continue
            yield from relations(sentence, agents, frame.relation, objects, trigger=k, rule=f"noun-{how}",
                                 why=f"'{word}' ({how})", score=frame.score)  # fmt: skip
            if frame.both_ways:
                yield from relations(sentence, objects, frame.relation, agents, trigger=k, rule=f"noun-{how}",
                                     why=f"'{word}' ({how}), each side", score=frame.score - 0.1)  # fmt: skip


RULES = (
    Rule("noun", tuple(sorted({f.relation for f in NOUN_FRAMES})), _apply,
         "an Israeli air strike on the Iranian Consulate; the withdrawal of U.S. forces from the region"),
)  # fmt: skip
