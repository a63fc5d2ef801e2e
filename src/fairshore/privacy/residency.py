"""Data residency: where each access to customer records came from, against the contract.

The contract's ``data_residency`` lists the countries (ISO 3166 alpha-2) customer data
may be reached from. Each access event may carry the country the vendor's systems
logged it from (``access_events.country``). Over a month the clause's value is the
share of the events with a known origin that came from an allowed country: below 1.0
(any access from elsewhere) it is breached, and the offending events are its evidence.
A month without access events, or in which no event (or fewer than half of them, when
none came from elsewhere) carries its origin, has no verdict (insufficient data):
silence about where access came from is not compliance.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from fairshore.contracts.model import EVIDENCE_ROWS, ClauseMeasurement, EvidenceRow


@dataclass(frozen=True)
class OriginCounts:
    """A month's access events by origin: every event, those with a country, allowed ones."""

    events: int
    with_origin: int
    allowed: int
    by_country: dict[str, int] = field(default_factory=dict)
    """Events of each country outside the allowed ones."""


def residency_measurement(
    counts: OriginCounts, offending: Sequence[EvidenceRow], *, allowed: Sequence[str]
) -> ClauseMeasurement:
    """``data_residency`` of one month from its origin counts and offending events."""
    where = ", ".join(sorted(allowed))
    if counts.events == 0:
        return ClauseMeasurement(
            value=None, sample_size=0, insufficient="no access events in the month"
        )
    if counts.with_origin == 0:
        return ClauseMeasurement(
            value=None,
            sample_size=0,
            insufficient=f"none of {counts.events:,} access events carries the country it "
            "came from (access_events.country)",
        )
    outside = counts.with_origin - counts.allowed
    unknown = counts.events - counts.with_origin
    if not outside and unknown > counts.with_origin:
        # most events silent about their origin: their silence cannot be read as compliance
        return ClauseMeasurement(
            value=1.0,
            sample_size=counts.with_origin,
            detail=f"{counts.allowed:,} of {counts.with_origin:,} located access events from "
            f"{where}",
            insufficient=f"{unknown:,} of {counts.events:,} access events carry no country",
        )
    detail = f"{counts.allowed:,} of {counts.with_origin:,} access events from {where}"
    if outside:
        countries = ", ".join(f"{c} {n:,}" for c, n in sorted(counts.by_country.items()))
        detail += f"; {outside:,} from elsewhere ({countries})"
    if unknown:
        detail += f"; {unknown:,} without a logged country (not counted)"
    return ClauseMeasurement(
        value=counts.allowed / counts.with_origin,
        sample_size=counts.with_origin,
        detail=detail,
        evidence=tuple(offending[:EVIDENCE_ROWS]),
    )
