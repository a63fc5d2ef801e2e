"""The operators by name: ``operator("mask", params)``."""

from __future__ import annotations

from collections.abc import Callable

from fairshore.errors import PrivacyError
from fairshore.privacy.operators.base import OperatorParams, RedactionOperator
from fairshore.privacy.operators.keyed_hash import KeyedHash
from fairshore.privacy.operators.mask import Mask
from fairshore.privacy.operators.pseudonym import Pseudonym
from fairshore.privacy.operators.redact import Redact

OPERATORS: dict[str, Callable[[OperatorParams], RedactionOperator]] = {
    Redact.name: Redact,
    Mask.name: Mask,
    KeyedHash.name: KeyedHash,
    Pseudonym.name: Pseudonym,
}


def operator(name: str, params: OperatorParams) -> RedactionOperator:
    """The operator called ``name``, built with ``params``."""
    try:
        factory = OPERATORS[name]
    except KeyError:
        raise PrivacyError(
            f"unknown redaction operator {name!r}; choose one of {', '.join(sorted(OPERATORS))}"
        ) from None
    return factory(params)


def needs_key(name: str) -> bool:
    """Whether the operator needs a pseudonym key."""
    return name in (KeyedHash.name, Pseudonym.name)
