"""Who measures each ethical clause: a registry of providers keyed by clause.

The registry is built from an explicit list by the composition root
(:func:`fairshore.composition.clause_providers`) and reaches contract evaluation
through the workspace (``ws.registries.clause_providers``); nothing registers itself
when imported. A test builds its own::

    providers = ClauseProviders([ClauseEntry("max_occupancy", measure)])

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

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from fairshore.contracts.model import ETHICAL_COMPARATORS, ClauseMeasurement, ClauseProvider
from fairshore.errors import InputError

if TYPE_CHECKING:
    from fairshore.bootstrap import Workspace

Span = tuple[date, date]
ManyProvider = Callable[["Workspace", str, Sequence[Span]], list[ClauseMeasurement | None]]


@dataclass(frozen=True)
class ClauseEntry:
    """One clause's provider, and (optionally) its measure of many periods at once."""

    key: str
    provider: ClauseProvider
    many: ManyProvider | None = None


class ClauseProviders:
    """The providers contract evaluation measures ethical clauses with, by clause key."""

    def __init__(self, entries: Iterable[ClauseEntry] = ()) -> None:
        self._entries: dict[str, ClauseEntry] = {}
        for entry in entries:
            self.register(entry)

    def register(self, entry: ClauseEntry) -> None:
        """Make ``entry`` the measure of its clause (replacing any earlier one)."""
        if entry.key not in ETHICAL_COMPARATORS:
            raise InputError(
                f"unknown clause {entry.key!r}: use one of {', '.join(ETHICAL_COMPARATORS)}"
            )
        self._entries[entry.key] = entry

    def unregister(self, key: str) -> None:
        """Forget the provider of ``key``: its clause becomes "not measurable yet"."""
        self._entries.pop(key, None)

    @property
    def keys(self) -> list[str]:
        """The clause keys that have a provider, sorted."""
        return sorted(self._entries)

    def measure(
        self, ws: Workspace, key: str, engagement_id: str, start: date, end: date
    ) -> ClauseMeasurement | None:
        """The provider's measurement of clause ``key`` over days [start, end], or None."""
        entry = self._entries.get(key)
        return None if entry is None else entry.provider(ws, engagement_id, start, end)

    def measure_periods(
        self, ws: Workspace, key: str, engagement_id: str, spans: Sequence[Span]
    ) -> list[ClauseMeasurement | None]:
        """:meth:`measure` of each ``(start, end)`` span, in the order given."""
        entry = self._entries.get(key)
        if entry is not None and entry.many is not None:
            return entry.many(ws, engagement_id, spans)
        return [self.measure(ws, key, engagement_id, start, end) for start, end in spans]


def measure_clause(
    ws: Workspace, key: str, engagement_id: str, start: date, end: date
) -> ClauseMeasurement | None:
    """The workspace's provider's measurement of clause ``key`` over days [start, end]."""
    return ws.registries.clause_providers.measure(ws, key, engagement_id, start, end)


def measure_clause_periods(
    ws: Workspace, key: str, engagement_id: str, spans: Sequence[Span]
) -> list[ClauseMeasurement | None]:
    """:func:`measure_clause` of each ``(start, end)`` span, in the order given."""
    return ws.registries.clause_providers.measure_periods(ws, key, engagement_id, spans)
