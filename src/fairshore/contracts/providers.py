"""Who measures each ethical clause: a registry of providers keyed by clause.

Later capabilities register their providers at import time, e.g. in
``fairshore/people/providers.py``::

    from fairshore.contracts.providers import register_provider
    register_provider("living_wage_floor", measure_living_wage_floor)

Keys: ``min_training_hours``, ``max_occupancy``, ``living_wage_floor``,
``max_attrition``, ``min_in_house_share``, ``breach_notification_hours`` (and, for
compliance clauses measured as 1.0 = complied, ``audit_rights``,
``data_residency``, ``subcontracting``). A clause without a provider, or whose
provider returns ``None``, is "not measurable yet", never met.

Providers are called with ``start`` and ``end`` the first and the last day of the
evaluated period, both inclusive (July 2026: 2026-07-01, 2026-07-31). A provider may
also come with a measure of many periods at once (``many``), which evaluating a year
month by month uses: it must return what the provider returns for each period.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from fairshore.contracts.model import ETHICAL_COMPARATORS, ClauseMeasurement, ClauseProvider
from fairshore.errors import InputError

if TYPE_CHECKING:
    from fairshore.bootstrap import Workspace

# Modules that register providers when imported (absent ones are skipped).
PROVIDER_MODULES = ("fairshore.people.providers", "fairshore.privacy.providers")
# Providers exposed as plain functions, registered under their key unless a module
# above registered one already: key -> (module, function name).
PROVIDER_FUNCTIONS: dict[str, tuple[str, str]] = {
    "breach_notification_hours": ("fairshore.privacy.services", "breach_notification_hours"),
}

Span = tuple[date, date]
ManyProvider = Callable[["Workspace", str, Sequence[Span]], list[ClauseMeasurement | None]]

_REGISTRY: dict[str, ClauseProvider] = {}
# key -> (the provider it goes with, its measure of many periods): used only while that
# provider is the one registered, so replacing a provider never leaves a stale one.
_MANY: dict[str, tuple[ClauseProvider, ManyProvider]] = {}


def register_provider(
    key: str, provider: ClauseProvider, *, many: ManyProvider | None = None
) -> None:
    """Make ``provider`` the measure of clause ``key`` (replacing any earlier one), and
    ``many`` its measure of several periods at once, if given."""
    if key not in ETHICAL_COMPARATORS:
        raise InputError(f"unknown clause {key!r}: use one of {', '.join(ETHICAL_COMPARATORS)}")
    _REGISTRY[key] = provider
    if many is not None:
        _MANY[key] = (provider, many)


def unregister_provider(key: str) -> None:
    """Forget the provider of ``key`` (tests)."""
    _REGISTRY.pop(key, None)
    _MANY.pop(key, None)


def load_provider_modules() -> None:
    """Import the modules that register providers, skipping those not installed."""
    for name in PROVIDER_MODULES:
        _import_optional(name)
    for key, (module_name, function) in PROVIDER_FUNCTIONS.items():
        module = _import_optional(module_name)
        provider = getattr(module, function, None) if module is not None else None
        if key not in _REGISTRY and callable(provider):
            _REGISTRY[key] = provider


def _import_optional(name: str) -> object | None:
    """Import ``name``; None when that module (or its package) is not installed."""
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name is None or not name.startswith(exc.name):
            raise
        return None


def measure_clause(
    ws: Workspace, key: str, engagement_id: str, start: date, end: date
) -> ClauseMeasurement | None:
    """The provider's measurement of clause ``key`` over days [start, end], or None."""
    provider = _REGISTRY.get(key)
    return None if provider is None else provider(ws, engagement_id, start, end)


def measure_clause_periods(
    ws: Workspace, key: str, engagement_id: str, spans: Sequence[Span]
) -> list[ClauseMeasurement | None]:
    """:func:`measure_clause` of each ``(start, end)`` span, in the order given."""
    provider, many = _MANY.get(key, (None, None))
    if many is not None and provider is _REGISTRY.get(key):
        return many(ws, engagement_id, spans)
    return [measure_clause(ws, key, engagement_id, start, end) for start, end in spans]
