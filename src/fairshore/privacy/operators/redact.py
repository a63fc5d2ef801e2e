"""Redact: replace the value by its entity type, ``<EMAIL_ADDRESS>``."""

from __future__ import annotations

from fairshore.privacy.operators.base import OperatorParams


class Redact:
    """Replaces a value by ``<ENTITY>``; nothing of the value survives."""

    name = "redact"

    def __init__(self, params: OperatorParams) -> None:
        self.params = params

    def replace(self, value: str, entity: str) -> str:
        return f"<{entity}>"
