"""Invented names made of syllables: places, countries, persons, groups."""

from __future__ import annotations

from collections.abc import Callable
from random import Random

# =============================================================================================
# Names: syllables, so that they are plausible and invented
# =============================================================================================

_ONSETS = ("Q", "M", "T", "B", "H", "Z", "K", "S", "D", "N", "R", "F", "J", "W", "L", "Sh", "Kh")
_VOWELS = ("a", "i", "u", "a", "e", "o")
_CODAS = ("r", "s", "l", "d", "n", "m", "z", "b", "h", "k", "t", "f", "q", "sh")
_PLACE_ENDINGS = ("ah", "a", "an", "al", "iya", "un", "i", "ar", "at", "ik")
_COUNTRY_ENDINGS = ("ria", "nia", "dia", "lia", "vria", "mia")
_SURNAME_ENDINGS = ("i", "ani", "awi", "ouri", "ami", "ili")
_LOCALITY_PREFIXES = (
    "Tal",
    "Ain",
    "Jisr",
    "Kafr",
    "Deir",
    "Ras",
    "Jabal",
    "Qasr",
    "Bir",
    "Khan",
    "Marj",
    "Wadi",
    "Umm",
)
_TRANSLITERATIONS = (
    ("Tal ", "Tell "), ("Jabal ", "Jebel "), ("Deir ", "Dayr "), ("Ain ", "Ayn "), ("Qasr ", "Kasr "),
    ("Kafr ", "Kfar "), ("ou", "u"), ("iya", "iyah"), ("Q", "K"), ("sh", "ch"), ("ah", "a"), ("al-", "el-"),
)  # fmt: skip
MALE = (
    "Ahmad", "Khalid", "Omar", "Yusuf", "Tariq", "Samir", "Nabil", "Rami", "Karim", "Faris", "Hassan", "Ziad",
    "Majid", "Walid", "Bashir", "Adnan", "Jamal", "Nizar", "Fadi", "Imad", "Salim", "Hamza", "Mazen", "Rashid",
)  # fmt: skip
FEMALE = ("Leila", "Rania", "Huda", "Salma", "Nour", "Dima", "Yasmin", "Hala", "Mariam", "Reem", "Lina", "Amal")
FIRST_VARIANTS = (("Ahmad", "Ahmed"), ("Yusuf", "Youssef"), ("Omar", "Umar"), ("Hassan", "Hasan"), ("Mazen", "Mazin"),
                   ("Nour", "Noor"), ("Leila", "Layla"), ("Rashid", "Rasheed"), ("Samir", "Sameer"))  # fmt: skip
# Invented great powers: (name, adjective).
POWERS = (("Ardenia", "Ardenian"), ("Valdoria", "Valdorian"), ("Korvenia", "Korvenian"))
_REAL_COUNTRY_NAMES = frozenset({"namibia", "zambia", "serbia", "nigeria", "liberia", "somalia", "bolivia", "armenia"})


class Names:
    """Invented names, each used once."""

    def __init__(self, rng: Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def _fresh(self, make: Callable[[], str]) -> str:
        for _ in range(1000):
            name = make()
            if name.casefold() not in self.used and name.casefold() not in _REAL_COUNTRY_NAMES:
                self.used.add(name.casefold())
                return name
        raise RuntimeError("ran out of invented names")  # pragma: no cover

    def root(self) -> str:
        r = self.rng
        return self._fresh(lambda: r.choice(_ONSETS) + r.choice(_VOWELS) + r.choice(_CODAS) + r.choice(_PLACE_ENDINGS))

    def locality(self) -> str:
        r = self.rng

        def make() -> str:
            root = r.choice(_ONSETS) + r.choice(_VOWELS) + r.choice(_CODAS) + r.choice(_PLACE_ENDINGS)
            if r.random() < 0.55:
                article = "al-" if r.random() < 0.3 else ""
                return f"{r.choice(_LOCALITY_PREFIXES)} {article}{root}"
            return root

        return self._fresh(make)

    def country(self) -> str:
        r = self.rng
        return self._fresh(
            lambda: r.choice(_ONSETS) + r.choice(_VOWELS) + r.choice(_CODAS[:12]) + r.choice("aieo")
            + r.choice(_COUNTRY_ENDINGS)
        )  # fmt: skip

    def surname(self) -> str:
        r = self.rng

        def make() -> str:
            base = r.choice(_ONSETS) + r.choice(_VOWELS) + r.choice(_CODAS) + r.choice(_SURNAME_ENDINGS)
            return ("Al-" if r.random() < 0.5 else "") + base

        return self._fresh(make)


def name_variants(name: str) -> list[str]:
    """Transliteration variants of a place or person name, as documents spell them."""
    found = []
    for old, new in _TRANSLITERATIONS:
        if old in name:
            variant = name.replace(old, new, 1)
            if variant != name and variant not in found:
                found.append(variant)
    if name.startswith("Al-"):
        found.append(name[3:])
    return found


def acronym_of(name: str) -> str:
    """'KOHR' for 'Kenovrian Observatory for Human Rights'; '' when shorter than three letters."""
    words = [w for w in name.replace("-", " ").split() if w[:1].isupper() and w not in ("Al", "Of")]
    acronym = "".join(w[0] for w in words).upper()
    return acronym if len(acronym) >= 3 else ""


def adjective_of(country: str) -> str:
    return country[:-1] + "an" if country.endswith("a") else country + "i"
