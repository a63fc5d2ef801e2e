"""Given names and surnames of the hubs' languages, shipped with the package.

``person_names.tsv.gz`` holds about 13,600 given names and surnames for Spanish,
Polish, Indian and Pakistani names in Latin script (Hindi, Urdu) and English, taken
from Faker's locales (MIT licence; ``NAME_LISTS.md`` says which and how to rebuild);
a few hand-written entries below fill what Faker lacks (Polish diminutives, the most
common Polish surnames, Filipino names). Lookups fold case and diacritics, and try
the stems of Polish case endings ("Tomaszem", "Dariusza", "Witkowskiego"), so one
entry matches every form of a name. Loaded once, on first use.
"""

from __future__ import annotations

import gzip
import unicodedata
from functools import cache, lru_cache
from importlib import resources

LIST_FILE = "person_names.tsv.gz"

# Hand-written: what a contact-centre agent in the hubs writes and the lists lack.
EXTRA_GIVEN = """
    kasia basia gosia ola asia ania zosia tomek bartek kuba wojtek krzysiek jacek
    marek franek staszek jasiek józek maciek grzesiek antek michał łukasz paweł rafał
    jhon yeison jairo yesenia leidy yuliana wilmer marisol ximena rodel rommel maricel
    marites mylene jocelyn analyn liezl charmaine jonalyn maricris
"""
EXTRA_SURNAMES = """
    nowak kowalski wiśniewski wójcik kowalczyk kamiński lewandowski zieliński
    szymański woźniak dąbrowski kozłowski jankowski mazur wojciechowski kwiatkowski
    krawczyk kaczmarek piotrowski grabowski
    santos reyes cruz bautista garcia mendoza villanueva aquino
"""

# Polish case endings and what the base form ends with instead (longest first).
_CASE_ENDINGS = (
    ("skiego", "ski"),
    ("ckiego", "cki"),
    ("dzkiego", "dzki"),
    ("skiej", "ska"),
    ("ckiej", "cka"),
    ("owi", ""),
    ("iem", ""),
    ("em", ""),
    ("ie", "a"),
    ("y", "a"),
    ("i", "a"),
    ("a", ""),
    ("u", ""),
)


def fold(word: str) -> str:
    """``word`` without case or diacritics ("Łukasz" -> "lukasz", "María" -> "maria")."""
    decomposed = unicodedata.normalize("NFKD", word.replace("ł", "l").replace("Ł", "L"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@lru_cache(maxsize=65_536)  # the same capitalised words recur across texts
def forms(word: str) -> tuple[str, ...]:
    """The folded word and the base forms its Polish case ending may stand for."""
    folded = fold(word)
    out = [folded]
    if len(folded) >= 5:
        for ending, base in _CASE_ENDINGS:
            if folded.endswith(ending):
                out.append(folded[: -len(ending)] + base)
    return tuple(out)


@cache
def _lists() -> tuple[frozenset[str], frozenset[str]]:
    raw = resources.files("fairshore.privacy").joinpath(LIST_FILE).read_bytes()
    given, surnames = set(EXTRA_GIVEN.split()), set(EXTRA_SURNAMES.split())
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        kind, _lang, name = line.split("\t")
        (given if kind == "given" else surnames).add(name)
    return frozenset(map(fold, given)), frozenset(map(fold, surnames))


def is_given_name(word: str, *, extra: frozenset[str] = frozenset()) -> bool:
    """Whether ``word`` (in any case form) is a known given name."""
    names = _lists()[0]
    return any(f in names or f in extra for f in forms(word))


def is_surname(word: str) -> bool:
    """Whether ``word`` (in any case form) is a known surname."""
    names = _lists()[1]
    return any(f in names for f in forms(word))
