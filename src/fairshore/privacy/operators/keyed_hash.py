"""Keyed hash: the HMAC-SHA256 of the normalised value, in hex."""

from __future__ import annotations

from fairshore.errors import PrivacyError
from fairshore.privacy.operators.base import OperatorParams
from fairshore.privacy.pseudonyms import PseudonymKey, keyed_digest, normalise_value


class KeyedHash:
    """Replaces a value by its keyed digest: linkable by the key holder, not reversible."""

    name = "keyed_hash"

    def __init__(self, params: OperatorParams) -> None:
        if params.key is None:
            raise PrivacyError("the keyed_hash operator needs a pseudonym key")
        self.key: PseudonymKey = params.key
        self.length = params.digest_length

    def replace(self, value: str, entity: str) -> str:
        return keyed_digest(normalise_value(value), self.key, length=self.length)
