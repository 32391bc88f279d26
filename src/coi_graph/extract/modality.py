"""The modality of a proposed relation, from the words that govern its trigger.

Looked for in the trigger's clause, in this order:

* **negated**: a negation in the verb group ("did not attack", "never", "no longer"), or the trigger
  under a denial ("denied involvement in", "rejected any involvement");
* **conditional**: the trigger inside an "if"/"unless" clause: a hypothesis, proposed as nothing;
* **planned**: a modal or a verb of intent or schedule governs it ("will", "would", "plans to",
  "threatened to", "vowed to", "is set to", "scheduled", "announced the withdrawal");
* **hedged**: "likely", "may", "might", "could", "possibly", "suggests", "appears to";
* **claimed**: the trigger is the complement of "claim" whose subject is the relation's subject
  ("X claimed that its members attacked"), or "claimed responsibility for";
* **reported**: the trigger is the complement of a reporting verb of another speaker ("Y said that",
  "Press reports indicated", "according to Y", "reportedly", "was attributed to");
* **asserted** otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass

from coi_graph.extract import lexicon
from coi_graph.extract.ents import Ent
from coi_graph.extract.lexicon import words
from coi_graph.extract.sentence import Sentence

REPORTING = words(
    "said says say told tells stated states reported reports announced announces confirmed "
    "confirms indicated indicate indicates added noted stressed emphasized emphasised warned "
    "declared claimed claims claim alleged alleges accused accuses insisted believed "
    "attributed attributes cited quoted suggests suggested argued explained wrote tweeted "
    "revealed showed shows according reportedly allegedly described acknowledged admitted "
    "maintained estimated believes think thinks thought"
)
PLANNED = words(
    "will would shall plans plan planned planning threatened threaten threatens threatening "
    "threat threats vowed vow vows vowing pledged pledge promised intends intend intended aims "
    "aim aimed seeks seek sought scheduled set prepared ready readiness expected going decided "
    "agreed proposed considering considers mulling want wants wanted announced called calls "
    "urged demanded ordered instructed upcoming"
)
HEDGES = words(
    "likely may might could possibly probably perhaps suggests suggested suggest appears "
    "appeared apparently seemingly seems presumably suspected unconfirmed possible potential "
    "believed"
)
DENIALS = frozenset({"denied", "denies", "deny", "rejected", "rejects", "dismissed", "refuted"})
PREVENTING = words(
    "prevent prevents prevented preventing avoid avoided avoiding halt stop averting avert "
    "deter deterring without discourage discouraging dissuade dissuading"
)
REFUSALS = frozenset({"declined", "declines", "refused", "refuses", "failed", "fails"})
CLAIMS = frozenset({"claimed", "claims", "claim", "claiming"})


@dataclass(frozen=True)
class Mood:
    modality: str  # asserted, reported, claimed, hedged, planned, negated, conditional
    cue: str | None = None
    attributed_to: Ent | None = None


def of(
    sentence: Sentence,
    trigger: int,
    subject: Ent | None,
    *,
    speaker_of: dict[int, Ent] | None = None,
    object_at: int | None = None,
) -> Mood:
    """The modality of the relation whose trigger is token ``trigger``. ``speaker_of`` maps the index of
    a reporting verb to its speaker, where the statement patterns found one."""
    a, _ = sentence.clause_bounds(trigger)
    tokens = sentence.tokens
    # the verb group right before the trigger: auxiliaries, modals, adverbs, negation
    j = trigger - 1
    group: list[str] = []
    while j >= a and len(group) < 6:
        word = tokens[j].low
        if (
            word in lexicon.AUXILIARIES | lexicon.MODALS | lexicon.NEGATIONS | lexicon.ADVERBS
            or word
            in (
                "to",
                "n't",
                "longer",
                "be",
                "been",
                "have",
                "has",
                "had",
            )
            or word.endswith("ly")
            or word in PLANNED
            or word in ("began", "continues", "continued", "start")
        ):
            group.append(word)
            j -= 1
            continue
        break
    if any(w in lexicon.NEGATIONS for w in group):
        return Mood("negated", next(w for w in group if w in lexicon.NEGATIONS))
    refusal = next((w for w in [t.low for t in tokens[max(a, trigger - 3) : trigger]] if w in REFUSALS), None)
    if refusal is not None:
        return Mood("negated", refusal)  # "Israel declined to comment", "refused to withdraw"
    window = [t.low for t in tokens[max(a, trigger - 12) : trigger]]
    preventing = next((w for w in window[-4:] if w in PREVENTING), None)
    if preventing is not None:
        return Mood("negated", preventing)  # "to prevent clashes between X and Y": none took place
    if any(w in DENIALS for w in window) and ("involvement" in window or "any" in window or "responsibility" in window
                                             or tokens[trigger - 1].low in DENIALS):  # fmt: skip
        return Mood("negated", "denied")
    # an "if"/"unless" clause around the trigger
    for k in range(trigger - 1, max(a - 1, trigger - 15), -1):
        word = tokens[k].low
        if word in ("if", "unless", "whether"):
            return Mood("conditional", word)
        if tokens[k].text in (",", ";") or word in ("then", "that"):
            break
    plan = next((w for w in group if w in lexicon.MODALS - {"may", "might", "could", "can", "must", "should"}
                 or w in PLANNED), None)  # fmt: skip
    after = [t.low for t in tokens[trigger + 1 : trigger + 3]]
    if plan is None and (
        after[:1] == ["scheduled"]
        or (after[:1] and after[0] in ("is", "are", "was", "were") and after[1:2] in (["scheduled"], ["due"]))
    ):
        plan = "scheduled"  # "talks scheduled for", "the talks are scheduled for"
    if plan is None:
        nominal = [t.low for t in tokens[max(a, trigger - 4) : trigger]]
        plan = next((w for w in nominal if w in ("plan", "plans", "threats", "threat", "threatened", "planned",
                                                 "vowed", "upcoming")), None)  # fmt: skip
    if plan is None and sentence.phrase_at[trigger] is None and tokens[trigger].low not in PLANNED:
        # a noun governed by a verb with a modal: "Türkiye will launch an operation against"
        j = trigger - 1
        while j >= max(a, trigger - 6) and tokens[j].kind == "word" and sentence.phrase_at[j] is None:
            if tokens[j].low in ("will", "would", "shall") or (tokens[j].low == "to" and tokens[j - 1].low in PLANNED):
                plan = tokens[j].low if tokens[j].low != "to" else tokens[j - 1].low
                break
            j -= 1
    if (
        plan is None
        and tokens[trigger - 1].low in ("the", "a", "its", "their")
        and trigger >= 2
        and (tokens[trigger - 2].low in ("announced", "announces", "ordered", "orders", "approved", "authorized"))
    ):
        plan = tokens[trigger - 2].low  # "announced the withdrawal of": not done yet
    hedge = next((w for w in window[-8:] if w in HEDGES), None)
    if hedge is None and object_at is not None and object_at > trigger:
        # "strikes in Syria, likely against X": the hedge is on the target
        hedge = next((t.low for t in tokens[max(trigger, object_at - 3) : object_at] if t.low in HEDGES), None)
    if plan is not None and hedge not in ("may", "might", "could"):
        return Mood("planned", plan)
    if hedge is not None:
        return Mood("hedged", hedge)
    return _reported(sentence, trigger, subject, speaker_of or {})


def _same_side(sentence: Sentence, speaker: Ent | None, subject: Ent | None) -> bool:
    """Whether the speaker speaks for the subject: the same entity, or named with it ("Turkish President
    Erdogan" for Türkiye)."""
    if speaker is None or subject is None:
        return False
    return speaker is subject or subject.iri in sentence.modifiers_of.get(id(speaker), set())


SCOPE = 60  # tokens around a trigger that a reporting verb or cue can govern from: linear time on any text


def _reported(sentence: Sentence, trigger: int, subject: Ent | None, speaker_of: dict[int, Ent]) -> Mood:
    tokens = sentence.tokens
    lo, hi = max(0, trigger - SCOPE), min(sentence.n, trigger + SCOPE)
    words = {k: tokens[k].low for k in range(lo, hi)}
    # "X attacked what it said was Y's headquarters": the object is the attacker's own claim
    after = [words[k] for k in range(trigger + 1, min(hi, trigger + 5))]
    if after[:1] == ["what"] and any(w in ("said", "claimed", "called", "described") for w in after[1:]):
        return Mood("claimed", "what it said was", subject)
    # a reporting verb before the trigger governs it; "according to" anywhere; "reportedly"
    for k in range(trigger - 1, lo - 1, -1):
        word = words[k]
        if sentence.phrase_at[k] is not None:
            continue  # "United States" is a name, not the verb "states"
        if word in ("who", "which") and k > 0 and tokens[k - 1].text in (",", "—", "–"):
            break  # "…, who was killed in a US drone strike": a relative clause the report does not cover
        if word in CLAIMS:
            speaker = speaker_of.get(k)
            if speaker is None or subject is None or _same_side(sentence, speaker, subject):
                return Mood("claimed", word, speaker)
            return Mood("reported", word, speaker)
        if word in REPORTING and word not in ("according",):
            speaker = speaker_of.get(k)
            if _same_side(sentence, speaker, subject) and word in ("announced", "confirmed", "declared", "said",
                                                                   "stated"):  # fmt: skip
                return Mood("asserted", word, speaker)
            return Mood("reported", word, speaker)
    around = set(words.values())
    if "according" in around or "reportedly" in around or "allegedly" in around:
        k = next((k for k, w in words.items() if w == "according"), -1)
        return Mood("reported", "according to" if k >= 0 else "reportedly", speaker_of.get(k))
    # a reporting verb after the trigger that ends the sentence ("..., the force said in a statement")
    relative = any(words[k] in ("who", "which") for k in range(lo, trigger))
    for k in range(trigger + 1, hi):
        if sentence.phrase_at[k] is not None or words[k] not in REPORTING or words[k] == "according":
            continue
        if not (tokens[k - 1].text in (",", "”", '"') or sentence.phrase_at[k - 1] is not None) or relative:
            continue
        rest = [t.low for t in tokens[k + 1 : k + 7] if t.kind != "punct"]
        if len(rest) <= 4 and "that" not in rest:
            speaker = speaker_of.get(k)
            if _same_side(sentence, speaker, subject):
                return Mood("claimed", words[k], speaker)
            return Mood("reported", words[k], speaker)
    return Mood("asserted")
