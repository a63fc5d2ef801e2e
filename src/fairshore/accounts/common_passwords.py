"""The list of commonly used and breached passwords that sign-up refuses.

``common_passwords.txt.gz`` (next to this module) holds the 100,000 most common
passwords of SecLists' ten-million list, normalised (NFKC, case-folded); where it
comes from, its licence and how to rebuild it are in ``COMMON_PASSWORDS.md``. It is
read once, on first use, into a frozenset, so each check is one hash lookup and
nothing is fetched at run time.
"""

from __future__ import annotations

import gzip
import unicodedata
from functools import cache
from importlib import resources

LIST_FILE = "common_passwords.txt.gz"


def normalise(text: str) -> str:
    """The form passwords are compared in: NFKC (NIST SP 800-63B 5.1.1.2), case-folded."""
    return unicodedata.normalize("NFKC", text).casefold()


@cache
def common_passwords() -> frozenset[str]:
    """Every password of the shipped list, normalised."""
    raw = resources.files("fairshore.accounts").joinpath(LIST_FILE).read_bytes()
    return frozenset(gzip.decompress(raw).decode("utf-8").splitlines())
