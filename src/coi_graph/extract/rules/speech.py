"""Statements: who said something, about whom, in which words.

The speaker is the grammatical subject of a verb of saying ("Trump stated that", "Ankara announced
that"), the name after the verb in an inverted report ("..., said X"), the subject after a
quotation ("“...,” X said"), the name after "according to", or the subject of "released / issued a
statement". A name in brackets or between dashes is an aside, not the speaker; the person told
("told the Telegraph", "told reporters") is the addressee, not what the statement is about.

What the statement is about is the first entity in what was said that is neither the speaker nor
what the speaker belongs to ("An unspecified senior Iranian military official told ... that Iran
would attack any base used by Americans" is about the United States); with none, the statement is
proposed with no object. The words said (the quotation, or the complement clause) are kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from coi_graph.extract import lexicon
from coi_graph.extract.ents import Ent, Phrase
from coi_graph.extract.lexicon import words
from coi_graph.extract.records import Relation
from coi_graph.extract.rules.base import Rule
from coi_graph.extract.sentence import Sentence

# base forms are verbs only after an auxiliary or "to" ("did not confirm"); else often nouns ("Israel's claim")
BASE_FORMS = frozenset({"say", "state", "tell", "announce", "declare", "confirm", "deny", "comment", "warn"})
SPEECH_VERBS = BASE_FORMS | words(
    "said says stated told tells announced announces declared declares warned "
    "warns added adds noted notes stressed stresses emphasized emphasised "
    "emphasizes confirmed confirms denied denies insisted insists reiterated "
    "reiterates replied responded accused accuses condemned condemns called "
    "calls urged urges vowed vows pledged expressed expresses referred argued "
    "argues explained acknowledged admitted revealed tweeted wrote writes "
    "reported reports described describes threatened demanded demands "
    "asserted asserts welcomed welcomes criticized criticised slammed blamed "
    "blames alleged alleges maintained indicated rejected rejects dismissed "
    "affirmed affirms promised informed clarified cautioned"
)
REJECTION_OBJECTS = words(
    "involvement claims claim accusations accusation allegations reports report responsibility any the"
)
MEDIA_NOUNS = words(
    "media press reports report outlets sources source agency tv television news newspaper newspapers channels state"
)
SPEECH_NOUNS = words(
    "statement statements call calls remarks comments words claim claims message appeal speech announcement declaration"
)
INVERTED = words("said says added adds stated noted wrote explained continued insisted warned declared announced")
ADDRESSEE_VERBS = frozenset({"told", "tells", "informed", "urged", "urges", "warned"})
_QUOTES = frozenset({"“", "”", '"', "‘", "’", "'"})


def _speaker_left(sentence: Sentence, k: int) -> list[Phrase]:
    """The subject of the verb of saying at ``k``, with an appositive name after a title
    ("Iran's ambassador to Damascus, Hossein Akbar, told")."""
    if sentence.low(k - 1) == "," and sentence.phrase_at[k - 2] is not None:
        name = sentence.phrase_at[k - 2]
        assert name is not None
        if sentence.low(name.start - 1) == "," and name.ent.category == "person":
            return [name]
    found = sentence.subject_of(k)
    if found:
        return found
    # "the Kurdistan government's security council said": the body of a named actor
    j = k - 1
    steps = 0
    while j >= 0 and steps < 5:
        token = sentence.tokens[j]
        if token.kind == "poss" and sentence.phrase_at[j - 1] is not None:
            return [sentence.phrase_at[j - 1]]  # type: ignore[list-item]
        if (token.kind == "word" and not token.capitalised) or token.low in lexicon.AUXILIARIES:
            j -= 1
            steps += 1
            continue
        break
    return []


def _speaker_right(sentence: Sentence, k: int) -> list[Phrase]:
    """ "…,” said X": a name right after the verb when a quotation or comma comes before it."""
    if k < 2 or sentence.low(k) not in INVERTED:
        return []
    quote = ("”", '"', "’")
    before = sentence.tokens[k - 1].text
    if not (before in quote or (before == "," and sentence.tokens[k - 2].text in quote)):
        return []  # "“…,” said X" is inverted; "X, who met Y, said" is not
    found = sentence.object_after(k, preps=None, limit=4)
    return found[:1]


SAID = 80  # tokens of what was said, at most: linear time on any text


def _said(sentence: Sentence, k: int, before: bool) -> tuple[int, int]:
    """The token span of what was said: the complement after the verb, or the text before it."""
    if before:
        a = max(0, k - SAID)
        return a, max(a, k - 1)
    return k + 1, min(sentence.n, k + 1 + SAID)


def _member_of(iris: frozenset[str]) -> Callable[[Ent], bool]:
    def member(ent: Ent) -> bool:
        return ent.iri in iris

    return member


def _place_of_speech(sentence: Sentence, k: int) -> Phrase | None:
    """ "said in Baghdad that", "told reporters in Erbil": the place right after the verb (or its addressee)."""
    j = k + 1
    if sentence.low(j) in ("reporters", "journalists") or (
        j < sentence.n and sentence.phrase_at[j] is not None and sentence.low(k) == "told"
    ):
        j = sentence.phrase_at[j].end if sentence.phrase_at[j] is not None else j + 1  # type: ignore[union-attr]
    if sentence.low(j) not in ("in", "at", "from", "during"):
        return None
    found = sentence.object_after(j - 1, preps=frozenset({"in", "at", "from"}), limit=3)
    return found[0] if found and found[0].ent.is_place and found[0].start <= j + 2 else None


_QUOTATION = re.compile(r"[“\"]([^“”\"]{3,}?)[”\"]")


def _words_said(text: str) -> str:
    """What was said, verbatim: the first quotation in it if any ("the coalition's mission is coming to an
    end"), else the whole complement."""
    quoted = _QUOTATION.search(text)
    if quoted and quoted.group(1).strip(" ,."):
        return quoted.group(1).strip(" ,.")
    return text.strip(" ,.")


def speakers(sentence: Sentence) -> dict[int, Ent]:
    """The verbs of saying of a sentence and their speakers, for modality."""
    found: dict[int, Ent] = {}
    for k, token in enumerate(sentence.tokens):
        if (
            token.low in SPEECH_VERBS
            or token.low in ("according",)
            or (token.low == "states" and not token.capitalised)
        ):
            who = _speaker(sentence, k)
            if who and who[0].ent.is_actor:
                found[k] = who[0].ent
    return found


def _speaker(sentence: Sentence, k: int) -> list[Phrase]:
    token = sentence.tokens[k]
    if token.low == "according":
        if sentence.low(k + 1) != "to":
            return []
        found = sentence.object_after(k + 1, preps=frozenset({"to"}), limit=4)[:1]
        # a source cited ("according to Reuters", "according to Syrian media"), not a speaker
        end = max(p.end for p in sentence.group(found[0])) if found else 0
        return [p for p in found if p.ent.category != "publisher" and sentence.low(end) not in MEDIA_NOUNS]
    if sentence.phrase_at[k] is not None:
        return []
    return _speaker_right(sentence, k) or _speaker_left(sentence, k)


def _about(sentence: Sentence, a: int, b: int, exclude: set[str], addressee_end: int | None,
           affiliated: Callable[[Ent], bool]) -> Phrase | None:  # fmt: skip
    """The first entity said about, or the one said about most often."""
    found = list(_said_about(sentence, a, b, exclude, addressee_end, affiliated))
    if not found:
        return None
    counts: dict[str, int] = {}
    for phrase in found:
        counts[phrase.ent.iri] = counts.get(phrase.ent.iri, 0) + 1
    top = max(counts.values())
    return next(p for p in found if counts[p.ent.iri] == top)


def _said_about(sentence: Sentence, a: int, b: int, exclude: set[str], addressee_end: int | None,
                affiliated: Callable[[Ent], bool]) -> Iterator[Phrase]:  # fmt: skip
    for phrase in (p for k in range(a, b) for p in sentence.starting.get(k, ())):
        if addressee_end is not None and phrase.start < addressee_end:
            continue
        if phrase.ent.iri in exclude or affiliated(phrase.ent) or phrase.ent.category == "publisher":
            continue
        if not (phrase.ent.is_actor or phrase.ent.is_place):
            continue  # an office ("Iraq's prime minister") is neither
        if any(m.iri in exclude for m in phrase.modifiers) and phrase.head != "name":
            continue
        if (
            phrase.end + 1 < sentence.n
            and sentence.tokens[phrase.end].kind == "poss"
            and (sentence.low(phrase.end + 1) in SPEECH_NOUNS)
        ):
            continue  # "Ocalan's statement is only for the PKK": the source commented on, not the topic
        yield phrase


def statements(sentence: Sentence, affiliation: Callable[[Ent], set[str]]) -> Iterator[Relation]:
    tokens = sentence.tokens
    done: set[str] = set()
    for k, token in enumerate(tokens):
        word = token.low
        nominal = (
            word == "statement"
            and sentence.low(k - 1) in ("a", "the")
            and sentence.low(k - 2) in ("released", "issued", "shared", "published", "put", "in")
        )
        if not (word in SPEECH_VERBS or word == "according" or nominal or (word == "states" and not token.capitalised)):
            continue
        if sentence.phrase_at[k] is not None:
            continue
        if word in BASE_FORMS and sentence.low(k - 1) not in (
            "to",
            "not",
            "n't",
            "did",
            "does",
            "do",
            "will",
            "would",
            "could",
            "may",
            "might",
            "should",
            "must",
            "cannot",
        ):
            continue
        if word in ("rejected", "rejects", "dismissed") and sentence.low(k + 1) not in REJECTION_OBJECTS:
            continue
        if any(t.low == "that" for t in tokens[max(0, k - 12) : k]) and any(
            t.low in SPEECH_VERBS for t in tokens[max(0, k - 14) : k]
        ):
            continue  # a statement reported inside another one: the outer speaker is the one who spoke
        if (
            word == "called"
            and sentence.low(k + 1) not in ("for", "on")
            and not any(t.text in _QUOTES for t in tokens[k + 1 : k + 6])
        ):
            pass
        if nominal:
            j = k - 2 if sentence.low(k - 2) != "in" else k - 3
            who = _speaker_left(sentence, j) if sentence.low(k - 2) != "in" else []
            if sentence.low(k - 2) == "in":
                continue  # "said in a statement": the verb before is the trigger
            before = False
        elif word == "according":
            who = _speaker(sentence, k)
            before = k > sentence.n // 2
        else:
            right = _speaker_right(sentence, k)
            who = right or _speaker_left(sentence, k)
            rest = [t for t in tokens[k + 1 : k + 8] if t.kind != "punct"]  # only its first words matter
            before = bool(right) or (k > 0 and tokens[k - 1].text in ("”", '"', "’") and bool(who))
            if (
                not right
                and who
                and who[0].start > 1
                and (
                    tokens[who[0].start - 1].text in ("”", '"')
                    or (
                        tokens[who[0].start - 1].low in ("a", "an", "the")
                        and who[0].start > 2
                        and tokens[who[0].start - 2].text in ("”", '"')
                    )
                    or (tokens[who[0].start - 1].text == "," and tokens[who[0].start - 2].text in ("”", '"', "’"))
                    or (tokens[who[0].start - 1].text == "," and len(rest) <= 5 and "that" not in [t.low for t in rest])
                )
            ):
                before = True  # "…,” the force said", "Strikes were carried out …, the force said in a statement"
        if not who:
            continue
        speaker = who[0]
        if not speaker.ent.is_actor:
            continue
        exclude = {speaker.ent.iri} | affiliation(speaker.ent)
        for modifier in speaker.modifiers:
            exclude |= {modifier.iri} | affiliation(modifier)
        a, b = _said(sentence, k, before)
        if before and speaker.start > a:
            b = min(b, speaker.start)  # "…on Friday, US officials said": the words end before the speaker
        if word == "according":
            a, b = (0, k) if before else (speaker.end, sentence.n)
        addressee_end = None
        if word in ADDRESSEE_VERBS and not before:
            told = sentence.object_after(k, preps=None, limit=3)
            addressee_end = told[-1].end if told else None
            if addressee_end is None and sentence.low(k + 1) in ("reporters", "journalists", "media", "the"):
                addressee_end = k + 3
        where = _place_of_speech(sentence, k) if not before else None
        if where is not None:
            a = max(a, where.end)  # "said in Baghdad that …": where it was said, not what about
        about = _about(sentence, a, b, exclude, addressee_end, _member_of(frozenset(exclude)))
        key = f"{speaker.ent.iri}|{about.ent.iri if about else ''}"
        if key in done:
            continue
        done.add(key)
        said = _words_said(sentence.span_text(a, b))
        relation = Relation(speaker.ent, "states", about.ent if about else None, "statement",
                            f"'{token.text}'" + (" (after the words)" if before else ""), 0.7, k,
                            object_text=said or None)  # fmt: skip
        relation.where = where.ent if where is not None else None
        yield relation


def make_rule(affiliation: Callable[[Ent], set[str]]) -> Rule:
    return Rule(
        "statement",
        ("states",),
        lambda s: statements(s, affiliation),
        "US President Donald Trump stated on March 30 that “there will be a bombing” if Iran does not …",
    )
