"""Consistent pseudonym: a readable stand-in, the same for the same value everywhere."""

from __future__ import annotations

from fairshore.errors import PrivacyError
from fairshore.privacy.operators.base import OperatorParams
from fairshore.privacy.pseudonyms import PseudonymKey, keyed_digest, normalise_value


class Pseudonym:
    """Replaces a value by ``<ENTITY_1a2b3c4d>`` (e-mails keep an e-mail's shape).

    The tag is a keyed digest of the normalised value, so "Ana@example.com" in one
    ticket and "ana@example.com" in another get the same pseudonym.
    """

    name = "pseudonym"

    def __init__(self, params: OperatorParams) -> None:
        if params.key is None:
            raise PrivacyError("the pseudonym operator needs a pseudonym key")
        self.key: PseudonymKey = params.key

    def replace(self, value: str, entity: str) -> str:
        tag = keyed_digest(normalise_value(value), self.key, length=8)
        if entity == "EMAIL_ADDRESS":
            return f"user-{tag}@example.invalid"
        return f"<{entity}_{tag}>"
