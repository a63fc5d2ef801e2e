"""Keyed pseudonyms: HMAC-SHA256 of a value under a secret key (RFC 2104, FIPS 180-4).

The same value under the same key always gives the same pseudonym, so tables joined
on ``customer_ref`` still join after pseudonymisation; without the key nobody can
recompute or reverse them (a plain hash of a phone number is reversible by trying
every number).
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class PseudonymKey:
    """A secret for keyed pseudonyms; ``key_id`` names it without revealing it."""

    secret: bytes

    def __post_init__(self) -> None:
        if len(self.secret) < 16:
            raise ValueError("a pseudonym key needs at least 16 bytes")

    @property
    def key_id(self) -> str:
        return hashlib.sha256(b"fairshore-key-id:" + self.secret).hexdigest()[:12]

    def __repr__(self) -> str:
        return f"PseudonymKey(key_id={self.key_id!r})"


def keyed_digest(value: str, key: PseudonymKey, *, length: int = 64) -> str:
    """The hex HMAC-SHA256 of ``value`` under ``key``, cut to ``length`` characters."""
    mac = hmac.new(key.secret, value.encode("utf-8"), hashlib.sha256).hexdigest()
    return mac[:length]


def normalise_value(value: str) -> str:
    """The form of a free-text value that is hashed: case and separators ignored.

    "0917-123-4567" and "0917 123 4567" are one phone; "Ana@Example.com" one e-mail.
    """
    compact = re.sub(r"[\s().-]", "", value)
    if compact.lstrip("+").isdigit():
        return compact
    return " ".join(value.lower().split())


def pseudonymise(value: str, key: PseudonymKey, *, length: int = 16) -> str:
    """A stable pseudonym for a structured value (exact, no normalisation)."""
    return keyed_digest(value, key, length=length)
