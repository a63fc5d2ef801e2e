"""Mask: hide all but the last characters, keeping the shape (``************1111``)."""

from __future__ import annotations

from fairshore.privacy.operators.base import OperatorParams


class Mask:
    """Masks letters and digits except the last ``keep_last``; separators stay."""

    name = "mask"

    def __init__(self, params: OperatorParams) -> None:
        self.params = params

    def replace(self, value: str, entity: str) -> str:
        keep = self.params.keep_last if entity not in ("PERSON", "EMAIL_ADDRESS") else 0
        alnum = [i for i, ch in enumerate(value) if ch.isalnum()]
        hidden = set(alnum[: max(0, len(alnum) - keep)])
        return "".join(self.params.mask_char if i in hidden else ch for i, ch in enumerate(value))
