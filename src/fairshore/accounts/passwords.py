"""Password hashing (argon2id through pwdlib) and the password policy."""

from __future__ import annotations

from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

from fairshore.errors import InputError

_HASHER = PasswordHash((Argon2Hasher(),))  # argon2id, pwdlib's recommended parameters
# Spent on unknown accounts so that a login takes as long whether or not the user exists.
_DUMMY = _HASHER.hash("not-a-real-password-for-timing")
MIN_LENGTH = 12
COMMON = frozenset(
    {
        "password1234",
        "123456789012",
        "qwertyuiop12",
        "letmein12345",
        "fairshore123",
        "welcome12345",
        "administrator",
        "passwordpassword",
    }
)


def check_policy(password: str, *, email: str) -> None:
    """Refuse weak passwords with the reason (NIST SP 800-63B: length, no known-bad)."""
    if len(password) < MIN_LENGTH:
        raise InputError(f"the password needs at least {MIN_LENGTH} characters")
    if len(set(password)) < 5:
        raise InputError("the password repeats too few different characters")
    lowered = password.lower()
    if lowered in COMMON or email.split("@")[0].lower() in lowered:
        raise InputError("the password is too easy to guess (common, or contains your name)")


def hash_password(password: str) -> str:
    """An argon2id hash of ``password``."""
    return _HASHER.hash(password)


def verify_password(password: str, password_hash: str | None) -> bool:
    """True when ``password`` matches; spends the same time when there is no hash."""
    if password_hash is None:
        _HASHER.verify(password, _DUMMY)
        return False
    return bool(_HASHER.verify(password, password_hash))
