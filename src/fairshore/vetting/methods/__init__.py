"""Scoring methodologies, one per module, found by id through ``get_method``."""

from __future__ import annotations

from fairshore.errors import NotFoundError
from fairshore.vetting.methods.base import Line, Method, MethodResult
from fairshore.vetting.methods.deduction import DeductionMethod
from fairshore.vetting.methods.layered import LayeredMethod
from fairshore.vetting.methods.weighted import WeightedMethod

METHODS: dict[str, Method] = {
    m.id: m for m in (WeightedMethod(), LayeredMethod(), DeductionMethod())
}
DEFAULT_METHOD = "weighted"


def get_method(name: str = DEFAULT_METHOD) -> Method:
    """A method by id (``"weighted"``) or ``"<id>@<version>"``."""
    method_id, _, version = name.partition("@")
    method = METHODS.get(method_id)
    if method is None or (version and version != str(method.version)):
        known = ", ".join(f"{m.id}@{m.version}" for m in METHODS.values())
        raise NotFoundError(f"unknown scoring method {name!r} (known: {known})")
    return method


__all__ = ["DEFAULT_METHOD", "METHODS", "Line", "Method", "MethodResult", "get_method"]
