"""What a redaction operator is: a named way to replace one detected value."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from fairshore.privacy.pseudonyms import PseudonymKey


@dataclass(frozen=True)
class OperatorParams:
    """Parameters every operator may use (each reads only what it needs)."""

    key: PseudonymKey | None = None
    mask_char: str = "*"
    keep_last: int = 4
    digest_length: int = 16


class RedactionOperator(Protocol):
    """Replaces a detected value of an entity type."""

    name: str

    def replace(self, value: str, entity: str) -> str:
        """The text that stands in for ``value``."""
        ...
