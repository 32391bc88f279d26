"""Relations stated by what something is: a copula or an apposition with a relational noun.

* "X has been a close ally of Y and Z", "X, an ally of Y", "X and Y are allies": X allied with Y;
* "X, a proxy of Y", "a de facto proxy it helped create, the Syrian National Army": Y supports X;
* "X, an umbrella group of Y-backed militias": Y supports X;
* "In swathes of Z, X is an occupying power", "X, the occupying power in Z": X controls Z;
* "X, which Y considers a terrorist organization": Y designates X (read by the verb frames).
"""

from __future__ import annotations

from collections.abc import Iterator

from coi_graph.extract.ents import Phrase
from coi_graph.extract.records import Relation
from coi_graph.extract.rules.base import Rule, relations
from coi_graph.extract.sentence import Sentence

ALLY = frozenset({"ally", "allies", "partner", "partners"})
PROXY = frozenset({"proxy", "proxies", "client", "surrogate"})
UMBRELLA = frozenset({"umbrella", "coalition", "alliance", "network", "grouping", "collection"})


def _holder(sentence: Sentence, k: int) -> list[Phrase]:
    """The phrase a relational noun at ``k`` is said of: the subject of "is/has been a … N", or the phrase
    before ", a … N"."""
    j = k - 1
    steps = 0
    while j >= 0 and steps < 5:
        word = sentence.low(j)
        if word in ("a", "an", "the", "close", "key", "main", "major", "staunch", "longtime", "long-time",
                    "strategic", "de", "facto", "loyal", "regional", "important", "chief", "principal"):  # fmt: skip
            j -= 1
            steps += 1
            continue
        break
    if sentence.low(j) in ("is", "was", "are", "were", "been", "remains", "remained", "became", "become"):
        return sentence.subject_of(j + 1)
    if sentence.low(j) == "," or sentence.tokens[j].text in "—–":
        before = sentence.phrase_before(j)
        return sentence.group(before) if before is not None else []
    return []


def _apply(sentence: Sentence) -> Iterator[Relation]:
    for k, token in enumerate(sentence.tokens):
        word = token.low
        if word in ALLY and sentence.low(k + 1) in ("of", "to"):
            holders = _holder(sentence, k)
            others = sentence.object_after(k + 1, preps=frozenset({"of", "to"}), limit=3)
            yield from relations(sentence, holders, "allied_with", others, trigger=k, rule="ally of",
                                 why=f"'{token.text} of'", score=0.7)  # fmt: skip
        elif word in ("allies", "partners") and sentence.low(k - 1) in ("are", "were", "remain", "became"):
            group = sentence.subject_of(k - 1)
            for i, first in enumerate(group):
                yield from relations(sentence, [first], "allied_with", group[i + 1 :], trigger=k, rule="are allies",
                                     why="'are allies'", score=0.65)  # fmt: skip
        elif word in PROXY:
            backers = sentence.object_after(k, preps=frozenset({"of", "for"}), limit=3)
            if (
                not backers
                and sentence.low(k + 1) in ("it", "they")
                and sentence.low(k + 2)
                in ("helped", "created", "set", "built", "established", "formed", "backs", "backed", "supports")
            ):
                # "a proxy it helped create, the SNA": the subject of the clause made it
                a, _ = sentence.clause_bounds(k)
                backers = next((sentence.subject_of(j) for j in range(a, k) if sentence.subject_of(j)), [])
            proxies = _holder(sentence, k)
            if not proxies:
                after = [p for p in sentence.phrases if p.start > k + 1][:1]
                if after and sentence.low(after[0].start - 1) in (",", "the") and after[0].start - k <= 7:
                    proxies = sentence.group(after[0])
            yield from relations(sentence, backers, "supports", proxies, trigger=k, rule="proxy of",
                                 why=f"'{token.text}'", score=0.65)  # fmt: skip
        elif (word in UMBRELLA and sentence.low(k + 1) in ("group", "of")) or (
            word == "group" and sentence.low(k - 1) == "umbrella"
        ):
            holders = _holder(sentence, k - 1 if word == "group" else k)
            members = [p for p in sentence.phrases if p.start > k and p.head == "group" and p.start - k <= 4]
            for member in members[:1]:
                backers = [Phrase(member.start, member.start + 1, m, "name", member.start, member.start + 1)
                           for m in member.modifiers]  # fmt: skip
                yield from relations(sentence, backers, "supports", holders, trigger=k, rule="umbrella of X-backed",
                                     why="'an umbrella group of X-backed …'", score=0.6)  # fmt: skip
        elif word == "occupying" and sentence.low(k + 1) in ("power", "force", "forces"):
            holders = _holder(sentence, k)
            places = sentence.object_after(k + 1, preps=frozenset({"in", "of", "over"}), limit=3)
            if not places:
                a, _ = sentence.clause_bounds(k)
                places = [p for p in sentence.phrases if a <= p.start < k and p.ent.is_place and p not in holders
                          and sentence.prep_of(p) in ("in", "of")][:1]  # fmt: skip
            yield from relations(sentence, holders, "controls", places, trigger=k, rule="occupying power",
                                 why="'an occupying power'", score=0.6)  # fmt: skip


RULES = (
    Rule("copula", ("allied_with", "supports", "controls"), _apply,
         "Bashar al-Assad has been a close ally of Iran and Russia; In northern Syria, Türkiye is an occupying power"),
)  # fmt: skip
