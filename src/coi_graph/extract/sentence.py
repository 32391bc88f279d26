"""A sentence as the relation patterns see it: tokens, the phrases that name entities, and the
moves of a shallow parse (the subject of a verb, its object, the agent of a passive, the
antecedent of a relative pronoun).

A **phrase** is a noun phrase whose head names an entity, or a modifier that names the actor
behind the head: "U.S. forces" (the United States, by its forces), "American bases" (the United
States, by its bases), "Turkish President Recep Tayyip Erdogan" (the person, Türkiye a modifier),
"Iran's elite Revolutionary Guards force" (the IRGC, Iran its possessor). Phrases joined by
"and", "or", "/" or a list ending in "and" are coordinated.

Every scan is bounded by a window of tokens, so that a sentence of any length is analysed in time
linear in its length.
"""

from __future__ import annotations

from collections.abc import Callable

from coi_graph.extract import coordination, lexicon
from coi_graph.extract.ents import Ent, Phrase
from coi_graph.extract.lexicon import (
    ADJECTIVES,
    ADJUNCT_OPENERS,
    BOUNDARY,
    CATENATIVES,
    SKIP_LEFT,
    TIME_WORDS,
    TRANSPARENT,
    words,
)
from coi_graph.extract.tokens import Token

WINDOW = 40  # tokens a scan may cross


class Sentence:
    """The tokens and phrases of one sentence, and the moves patterns make over them."""

    def __init__(self, text: str, tokens: list[Token], phrases: list[Phrase], *, index: int = 0,
                 pronoun: Callable[[Token, Sentence], Ent | None] | None = None) -> None:  # fmt: skip
        self.text = text  # the passage text the token offsets point into
        self.tokens = tokens
        self.phrases = sorted(phrases, key=lambda p: p.start)
        self.index = index
        self.n = len(tokens)
        self.phrase_at: list[Phrase | None] = [None] * self.n
        for phrase in self.phrases:
            for k in range(phrase.start, phrase.end):
                self.phrase_at[k] = phrase
        self._pronoun = pronoun
        self._pairs = self._brackets()
        self._closer = {opening: close for close, opening in self._pairs.items()}
        self.same_span: dict[tuple[int, int], list[Phrase]] = {}
        self.starting: dict[int, list[Phrase]] = {}  # the phrases that start at a token
        for phrase in self.phrases:
            self.same_span.setdefault((phrase.start, phrase.end), []).append(phrase)
            self.starting.setdefault(phrase.start, []).append(phrase)
        # what each entity is named with here ("Turkish President Erdogan": Türkiye), for self-reports
        self.modifiers_of: dict[int, set[str]] = {}
        for phrase in self.phrases:
            self.modifiers_of.setdefault(id(phrase.ent), set()).update(m.iri for m in phrase.modifiers)

    # --- basics --------------------------------------------------------------------------------

    def low(self, k: int) -> str:
        return self.tokens[k].low if 0 <= k < self.n else ""

    def span_text(self, a: int, b: int) -> str:
        if a >= b:
            return ""
        return self.text[self.tokens[a].start : self.tokens[b - 1].end]

    @property
    def start(self) -> int:
        return self.tokens[0].start if self.tokens else 0

    @property
    def end(self) -> int:
        return self.tokens[-1].end if self.tokens else 0

    def find(self, words: frozenset[str] | set[str], a: int = 0, b: int | None = None) -> list[int]:
        stop = self.n if b is None else min(b, self.n)
        return [k for k in range(max(0, a), stop) if self.tokens[k].low in words]

    def phrase_before(self, k: int) -> Phrase | None:
        """The phrase that ends right before token ``k`` (skipping a possessive)."""
        j = k - 1
        if j >= 0 and self.tokens[j].kind == "poss":
            j -= 1
        return self.phrase_at[j] if j >= 0 else None

    def prep_of(self, phrase: Phrase) -> str | None:
        """The preposition that governs a phrase ("in", "by", "against"), past determiners and adjectives."""
        k = phrase.start - 1
        steps = 0
        while k >= 0 and steps < 6:
            word = self.tokens[k].low
            if word == "of" and self.low(k - 1) in TRANSPARENT:
                # "in the areas of X", "in the gas-rich eastern province of X": the preposition before the
                # noun governs X
                k -= 2
                skipped = 0
                while (
                    k >= 0
                    and skipped < 6
                    and self.tokens[k].low not in lexicon.PREPOSITIONS
                    and (not self.tokens[k].capitalised and self.phrase_at[k] is None)
                ):
                    k -= 1
                    skipped += 1
                steps += 1
                continue
            if word == "of" and self.low(k - 1) in self._member_words:
                k -= 2  # "members of X", "a delegation of X": the preposition before "members" governs X
                steps += 1
                continue
            if word in lexicon.PREPOSITIONS:
                return word
            if (
                word in lexicon.DETERMINERS
                or word in ("“", '"', "‘", "elite", "main", "so-called", "-")
                or (word in lexicon.GROUP_ADJECTIVES | lexicon.RANK_ADJECTIVES | lexicon.DOMAIN_ADJECTIVES)
            ):
                k -= 1
                steps += 1
                continue
            if self.tokens[k].kind == "poss":  # "in the country's Zakho region", "in Iraq's Kurdistan region"
                owner = self.phrase_at[k - 1] if k > 0 else None
                k = owner.start - 1 if owner is not None else k - 2
                steps += 1
                continue
            if self._adjective(k) and steps < 3:  # "in mountainous northern Iraq", "by the semi-autonomous KRG"
                k -= 1
                steps += 1
                continue
            return None
        return None

    def _adjective(self, k: int) -> bool:
        token = self.tokens[k]
        word = token.low
        if token.kind != "word" or token.capitalised or self.phrase_at[k] is not None:
            return False
        if word in lexicon.AUXILIARIES | lexicon.RELATIVES | lexicon.CONJUNCTIONS | lexicon.MODALS | lexicon.NEGATIONS:
            return False
        return word in ADJECTIVES or word.endswith(("ous", "al", "ern", "ic", "ive", "ful", "ian", "ish", "ese"))

    # --- brackets: parentheses, dash pairs, commas around relative and appositive clauses ---------

    def _brackets(self) -> dict[int, int]:
        """closing token -> opening token, for parentheses and pairs of spaced dashes."""
        pairs: dict[int, int] = {}
        stack: list[int] = []
        dash: int | None = None
        for k, token in enumerate(self.tokens):
            if token.text in "([":
                stack.append(k)
            elif token.text in ")]" and stack:
                pairs[k] = stack.pop()
            elif token.text in "—–" or (token.text == "-" and token.space_before and k + 1 < self.n
                                        and self.tokens[k + 1].space_before):  # fmt: skip
                if dash is None:
                    dash = k
                else:
                    pairs[k] = dash
                    dash = None
        return pairs

    def dash_open(self, k: int) -> bool:
        """Whether token ``k`` opens a dash pair."""
        return k in self._closer and self.tokens[k].text in "—–-"

    def embedded_end(self, k: int) -> int | None:
        """If token ``k`` opens an embedded stretch (", which ...", ", a group ...", "(", "—"), the index
        of the token that closes it."""
        if self.tokens[k].text in "([—–-":
            return self._closer.get(k)
        if self.tokens[k].text == ",":
            nxt = self.low(k + 1)
            opens = nxt in lexicon.RELATIVES - {"that"} or nxt in ("a", "an") or nxt in ADJUNCT_OPENERS or (
                nxt == "the" and self.phrase_at[k - 1] is not None and self._appositive(k + 1)
            )  # fmt: skip
            if not opens:
                return None
            for j in range(k + 1, min(self.n, k + WINDOW)):
                if self.tokens[j].text == "," or self.tokens[j].text in BOUNDARY:
                    return j if self.tokens[j].text == "," else None
            return None
        return None

    def _appositive(self, k: int) -> bool:
        """ ", the commander of the SDF,": a definite description between commas, closed by a comma."""
        for j in range(k, min(self.n, k + 8)):
            if self.tokens[j].text == ",":
                return True
            if self.tokens[j].low in lexicon.RELATIVES or self.tokens[j].low in lexicon.AUXILIARIES:
                return False
        return False

    def _skip_back(self, k: int) -> int:
        """From a closing token, the index before its opening one; else ``k``."""
        if k in self._pairs:
            return self._pairs[k] - 1
        if self.tokens[k].text == ",":
            # ", which ...," or ", a ...," ending here: find its opening comma
            for j in range(k - 1, max(-1, k - WINDOW), -1):
                if self.tokens[j].text == ",":
                    if self.embedded_end(j) == k:
                        return j - 1
                    break
        return k

    # --- coordination (coi_graph.extract.coordination) ---------------------------------------------

    def group(self, phrase: Phrase) -> list[Phrase]:
        """The phrase and those coordinated with it: "X and Y", "X, Y and Z", "X/Y", "X or Y"."""
        return coordination.group(self, phrase)

    # --- the shallow parse ---------------------------------------------------------------------------

    def subject_of(self, k: int, *, allow_pronoun: bool = True) -> list[Phrase]:
        """The subject of the verb at token ``k``: the nearest phrase to its left that no preposition
        governs, past auxiliaries, adverbs, catenative verbs ("began to carry out"), time adverbials and
        embedded stretches; a relative pronoun stands for its antecedent, a pronoun for its referent."""
        j = k - 1
        steps = 0
        while j >= 0 and steps < WINDOW:
            steps += 1
            token = self.tokens[j]
            word = token.low
            phrase = self.phrase_at[j]
            if phrase is not None:
                prep = self.prep_of(self.group(phrase)[0])
                if (
                    prep is None
                    or (prep in ("of", "from") and self._member_of(phrase))
                    or (prep == "with" and self.low(k).endswith("ing") and phrase.end >= k - 2)
                ):  # "with Qatar notably announcing": the subject of the gerund
                    return [phrase] if prep == "with" else self.group(phrase)
                if prep in ("by",):
                    return []
                j = phrase.start - 1
                continue
            if token.text in ")]—–" or (token.text == "," and self._skip_back(j) != j):
                j = self._skip_back(j)
                continue
            if word in lexicon.RELATIVES - {"that", "where"} and j > 0 and self.tokens[j - 1].text in (",", "—", "–"):
                antecedent = self.antecedent(j - 1)
                return self.group(antecedent) if antecedent is not None else []
            if word in ("who", "which") and j > 0 and self.phrase_at[j - 1] is not None:
                return self.group(self.phrase_at[j - 1])  # type: ignore[arg-type]
            if word in ("he", "she", "it", "they") and allow_pronoun:
                ent = self._pronoun(token, self) if self._pronoun else None
                return [self._pronoun_phrase(j, ent)] if ent is not None else []
            if word in ("its", "his", "her", "their") and allow_pronoun and self._member_noun(j + 1):
                ent = self._pronoun(token, self) if self._pronoun else None
                return [self._pronoun_phrase(j, ent)] if ent is not None else []
            if word in SKIP_LEFT or word in CATENATIVES or word.endswith("ly") or token.kind == "num":
                j -= 1
                continue
            if word in TIME_WORDS or (word in ("on", "in", "of", "since", "last", "the") and self._time_ahead(j)):
                j -= 1
                continue
            if token.kind == "poss" or (False):
                j -= 1
                continue
            if word in self._member_words and j > 0:
                j -= 1
                continue
            jumped = self._past_modifier(j)
            if jumped is not None:
                return self.group(jumped)
            return []
        return []

    def _past_modifier(self, j: int) -> Phrase | None:
        """ "The Syrian Ministry of Defense under Al-Julani's regime released": the subject before a
        prepositional phrase that ends in a common noun."""
        k = j
        steps = 0
        while k >= 0 and steps < 6:
            token = self.tokens[k]
            if token.low in ("under", "of", "in", "from", "at", "with", "for", "within") and steps > 0:
                head = self.phrase_at[k - 1] if k > 0 else None
                if head is not None and self.prep_of(head) is None:
                    return head
                return None
            if (
                token.kind == "poss"
                or self.phrase_at[k] is not None
                or (
                    token.kind == "word"
                    and not token.capitalised
                    and token.low not in lexicon.AUXILIARIES
                    and token.low not in lexicon.RELATIVES
                    and token.low not in CATENATIVES
                )
            ):
                here = self.phrase_at[k]
                k = here.start - 1 if here is not None else k - 1
                steps += 1
                continue
            return None
        return None

    def antecedent(self, comma: int) -> Phrase | None:
        """What a relative pronoun after token ``comma`` refers to: the head of "X in Y, which …" is X."""
        before = self.phrase_before(comma)
        if before is None:
            return None
        prep = self.prep_of(before)
        if prep in ("in", "at", "near", "of", "inside", "within", "on"):
            k = before.start - 1
            while k >= 0 and self.tokens[k].low in lexicon.DETERMINERS:
                k -= 1
            if self.low(k) == prep:
                head = self.phrase_at[k - 1] if k > 0 else None
                if head is not None and (head.ent.category == "facility" or not before.ent.is_actor):
                    return head
        return before

    _member_words = words(
        "members member fighters forces troops units militants elements factions faction "
        "delegation delegations envoy envoys team representatives diplomats officials "
        "soldiers personnel"
    )

    def main_subject(self) -> list[Phrase]:
        """The subject of the sentence's first clause: its first phrase no preposition governs."""
        for phrase in self.phrases:
            if self.prep_of(phrase) is None and phrase.ent.is_actor:
                return self.group(phrase)
        return []

    def _member_noun(self, k: int) -> bool:
        return self.low(k) in self._member_words

    def _member_of(self, phrase: Phrase) -> bool:
        """ "members of X", "fighters of X", "forces of X": X is the actor."""
        k = phrase.start - 1
        while k >= 0 and self.tokens[k].low in lexicon.DETERMINERS:
            k -= 1
        return self.low(k) in ("of", "from") and self.low(k - 1) in self._member_words

    def _time_ahead(self, j: int) -> bool:
        word = self.low(j + 1)
        return word in TIME_WORDS or (self.tokens[j + 1].kind == "num" if j + 1 < self.n else False)

    def _pronoun_phrase(self, j: int, ent: Ent) -> Phrase:
        return Phrase(j, j + 1, ent, "name", j, j + 1, resolved_from=self.tokens[j].text)

    def object_after(self, k: int, *, preps: frozenset[str] | None = None, limit: int = 8,
                     stop_at_comma: bool = True, want: Callable[[Phrase], bool] | None = None,
                     through: frozenset[str] = frozenset()) -> list[Phrase]:  # fmt: skip
        """The first phrase after token ``k`` within ``limit`` tokens, governed by one of ``preps``
        (None: no preposition, directly after determiners and adjectives); with its coordinates."""
        j = k + 1
        steps = 0
        while j < self.n and steps < limit:
            steps += 1
            token = self.tokens[j]
            phrase = self.phrase_at[j]
            if phrase is not None and phrase.start == j:
                prep = self.prep_of(phrase)
                if prep == "of" and preps is None and self._through(phrase, through):
                    prep = None  # "prevent the mobility of the PKK": the PKK is what is prevented
                governed = (preps is None and prep is None) or (preps is not None and prep in preps)
                if governed and (want is None or want(phrase)):
                    return [p for p in self.group(phrase) if p.start >= phrase.start]
                j = phrase.end
                continue
            if token.text in BOUNDARY or token.low in ("that", "which", "who", "while", "after", "because", "but"):
                return []
            if stop_at_comma and token.text == ",":
                end = self.embedded_end(j)
                if end is None:
                    return []
                j = end + 1
                continue
            if token.text in "([—–":
                end = self.embedded_end(j)
                if end is not None and token.text != "(":
                    j = end + 1
                    continue
            j += 1
        return []

    def _through(self, phrase: Phrase, nouns: frozenset[str]) -> bool:
        k = phrase.start - 1
        while k >= 0 and self.tokens[k].low in lexicon.DETERMINERS:
            k -= 1
        return self.low(k) == "of" and self.low(k - 1) in nouns

    def agent_by(self, k: int, limit: int = 6) -> list[Phrase]:
        """The agent of a passive verb at ``k``: "... by X"."""
        for j in range(k + 1, min(self.n, k + limit)):
            if self.tokens[j].low == "by":
                found = self.object_after(j, preps=frozenset({"by"}), limit=5)
                return found
            if self.tokens[j].text in BOUNDARY or self.tokens[j].text == ",":
                return []
        return []

    def passive(self, k: int) -> bool:
        """Whether the participle at ``k`` is passive: a form of "be" before it (past adverbs), or a
        reduced relative ("a group armed and funded by Iran", "X, backed by Y")."""
        j = k - 1
        steps = 0
        while j >= 0 and steps < 4:
            word = self.tokens[j].low
            if word in lexicon.BE or word in ("got", "get", "gets", "been"):
                return True
            if word in lexicon.ADVERBS or word.endswith("ly") or word in ("and", "not", "also", "reportedly"):
                j -= 1
                steps += 1
                continue
            break
        for j in range(k + 1, min(self.n, k + 6)):
            if self.tokens[j].low == "by":
                return True
            if self.tokens[j].text in BOUNDARY or self.tokens[j].text == ",":
                break
        return False

    def clause_bounds(self, k: int) -> tuple[int, int]:
        """The stretch around token ``k`` between clause breaks (";", a spaced dash, "while", "but")."""
        a = k
        while a > 0 and k - a < WINDOW * 2 and not self._breaks(a - 1):
            a -= 1
        b = k
        while b < self.n - 1 and b - k < WINDOW * 2 and not self._breaks(b + 1):
            b += 1
        return a, b + 1

    def _breaks(self, j: int) -> bool:
        token = self.tokens[j]
        if token.text == ";" or token.low in ("while", "whereas", "but", "although", "though", "however"):
            return True
        return token.text in "—–" and j not in self._pairs and j not in self._closer
