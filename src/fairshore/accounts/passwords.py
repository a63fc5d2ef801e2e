"""Password hashing (argon2id through pwdlib) and the password policy.

The policy follows NIST SP 800-63B-4, section 3.1.1.2 (rev. 3: 5.1.1.2):

- at least 15 characters, because a Fairshore password is a single-factor
  authenticator ("SHALL be a minimum of 15 characters" when used alone; 8 only with a
  second factor, which Fairshore does not have);
- up to ``MAX_LENGTH`` characters (the standard asks that at least 64 be allowed);
- no composition rules (no "a digit and a symbol");
- refused when, normalised (NFKC, case-folded), it is a commonly used or breached
  password, or one with digits and symbols merely added around one (``Summer2026!!!``),
  a run of too few different characters, or contains a context word: the service's
  name or a part of the user's e-mail address.
"""

from __future__ import annotations

import re
import string

from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

from fairshore.accounts.common_passwords import common_passwords, normalise
from fairshore.errors import InputError

_HASHER = PasswordHash((Argon2Hasher(),))  # argon2id, pwdlib's recommended parameters
# Spent on unknown accounts so that a login takes as long whether or not the user exists.
_DUMMY = _HASHER.hash("not-a-real-password-for-timing")
MIN_LENGTH = 15
MAX_LENGTH = 1024  # the sign-in form's limit; far above the standard's 64
SERVICE_WORDS = ("fairshore",)
_PADDING = string.digits + string.punctuation + string.whitespace
_CONTEXT_MIN = 4  # shorter e-mail parts ("jo", "uk") would refuse too much by accident


def check_policy(password: str, *, email: str) -> None:
    """Refuse a weak password with the reason a user can act on (NIST SP 800-63B)."""
    # Length counts Unicode code points, as the standard says, before normalisation.
    if len(password) < MIN_LENGTH:
        raise InputError(f"the password needs at least {MIN_LENGTH} characters")
    if len(password) > MAX_LENGTH:
        raise InputError(f"the password may have at most {MAX_LENGTH} characters")
    plain = normalise(password)
    if len(set(plain)) < 5:
        raise InputError("the password repeats too few different characters")
    core = plain.strip(_PADDING)
    if plain in common_passwords() or (len(core) >= 4 and core in common_passwords()):
        raise InputError(
            "the password is on a list of commonly used or breached passwords; "
            "a few unrelated words make a long one that is easy to remember"
        )
    word = next((w for w in context_words(email) if w in plain), None)
    if word is not None:
        raise InputError(f"the password contains {word!r} (the service or your e-mail address)")


def context_words(email: str) -> list[str]:
    """Words a guesser tries first: the service's name and the e-mail's parts."""
    local, _, domain = normalise(email).partition("@")
    parts = [local, *re.split(r"[._+-]", local), *domain.split(".")[:-1]]
    return [*SERVICE_WORDS, *(p for p in parts if len(p) >= _CONTEXT_MIN)]


def hash_password(password: str) -> str:
    """An argon2id hash of ``password``."""
    return _HASHER.hash(password)


def verify_password(password: str, password_hash: str | None) -> bool:
    """True when ``password`` matches; spends the same time when there is no hash."""
    if password_hash is None:
        _HASHER.verify(password, _DUMMY)
        return False
    return bool(_HASHER.verify(password, password_hash))
