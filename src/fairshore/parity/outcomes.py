"""Outcomes of service as Ibis expressions over the canonical ``interactions`` table.

Each rate outcome is a pair (eligible, success) of boolean expressions; each time
outcome a triple (eligible, seconds, observed). The per-contact definitions are
``fairshore.metrics.outcomes``'s (as the KPIs'); parity picks among them: service level
is ICMI variant 3 (every abandon a miss) against per-channel thresholds, FCR the
``source_else_solved_once`` method. Documented in ``docs/parity.md``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import ibis

from fairshore.adapters.lake.functions import epoch_us, stable_bucket
from fairshore.metrics import outcomes as oc
from fairshore.parity.model import MISSING, REALTIME_CHANNELS

if TYPE_CHECKING:
    import ibis.expr.types as ir

    from fairshore.metrics.periods import Period

GROUP = "_group"
HOUR_BAND = "hour_band"


RateExpr = oc.Rate  # a rate outcome: who counts in the denominator, who is a success


@dataclass(frozen=True)
class TimeExpr:
    """A time outcome: who counts, their seconds, and whether the time was observed."""

    eligible: ir.BooleanValue
    seconds: ir.FloatingValue
    observed: ir.BooleanValue


def label(column: ir.Value) -> ir.StringValue:
    """A column as a group label: strings, missing values as ``(missing)``."""
    return column.cast("string").fill_null(MISSING)


def hour_band(arrived_at: ir.TimestampValue, *, utc_offset_hours: float = 0.0) -> ir.StringValue:
    """Six-hour band of the arrival's local time of day: 00-06, 06-12, 12-18, 18-24.

    ``utc_offset_hours`` is the engagement's offset (one offset for the period: a
    summer-time shift of an hour moves few contacts across a six-hour band).
    """
    offset_us = int(utc_offset_hours * 3_600_000_000)
    band = (((epoch_us(arrived_at) + offset_us) // 3_600_000_000) % 24) // 6
    return band.cases((0, "00-06"), (1, "06-12"), (2, "12-18"), else_="18-24")


def prepare(
    table: ir.Table,
    *,
    dimensions: tuple[str, ...],
    controls: tuple[str, ...],
    period: Period | None = None,
    utc_offset_hours: float = 0.0,
) -> ir.Table:
    """Filter the period; add group labels ``_g_<dim>`` and control labels ``_c_<col>``."""
    t = table
    if period is not None:
        start = ibis.timestamp(f"{period.start.isoformat()} 00:00:00+00:00")
        stop = ibis.timestamp(f"{period.end.isoformat()} 00:00:00+00:00")
        t = t.filter((t.arrived_at >= start) & (t.arrived_at < stop))
    extra: dict[str, ir.Value] = {f"_g_{d}": label(t[d]) for d in dimensions}
    for col in controls:
        extra[f"_c_{col}"] = (
            hour_band(t.arrived_at, utc_offset_hours=utc_offset_hours)
            if col == HOUR_BAND
            else label(t[col])
        )
    return t.mutate(**extra)


# ICMI variant 3: an abandon is a miss whatever its wait, so a group that loses callers
# cannot look better than one that answers them late.
SL_VARIANT: oc.SlVariant = 3
FCR_METHOD: oc.FcrMethod = "source_else_solved_once"


def rate_outcome(t: ir.Table, name: str, *, sl_seconds: Mapping[str, float]) -> RateExpr:
    """The (eligible, success) expressions of a rate outcome."""
    answered = oc.answered(t)
    if name == "answered":
        # Open deferred contacts (e-mail, tickets) are eligible: not yet answered.
        eligible = answered | oc.abandoned(t) | t.channel.notin(REALTIME_CHANNELS)
        return RateExpr(eligible, answered)
    if name == "sl_met":
        threshold = t.channel.cases(*sl_seconds.items(), else_=max(sl_seconds.values()))
        sl = oc.service_level(t, variant=SL_VARIANT, threshold_s=threshold)
        return RateExpr(sl.eligible, sl.success.fill_null(False))
    if name == "fcr":
        return oc.fcr(t, method=FCR_METHOD)
    if name == "csat_top2":
        return oc.csat_top2(t)
    if name == "reopened":
        return RateExpr(t.resolved_at.notnull(), (t.reopened_count.fill_null(0) > 0))
    if name == "escalated":
        return RateExpr(answered & t.escalated.notnull(), t.escalated.fill_null(False))
    raise KeyError(name)


def time_outcome(t: ir.Table, name: str) -> TimeExpr:
    """The (eligible, seconds, observed) expressions of a time outcome."""
    answered = oc.answered(t)
    realtime = t.channel.isin(REALTIME_CHANNELS)
    if name == "wait":
        waited = realtime & (answered | oc.abandoned(t))
        return TimeExpr(waited, oc.wait_s(t), answered)
    if name == "first_response":
        return TimeExpr(~realtime & answered, oc.answer_wait_s(t), answered)
    if name == "resolution":
        done = t.resolved_at.notnull()
        return TimeExpr(done, oc.resolution_s(t), done)
    raise KeyError(name)


def sample_bucket(t: ir.Table) -> ir.IntegerValue:
    """A stable pseudo-random bucket 0..999,999 of each row, from its interaction id."""
    return stable_bucket(t.interaction_id, 1_000_000)  # the same rows on every engine


def sample_cutoff(group: ir.StringValue, fractions: Mapping[str, float]) -> ir.IntegerValue:
    """Per row, the bucket under which it is kept: its group's share of 1,000,000.

    Groups absent from ``fractions`` are kept whole; the same rows are kept every run.
    """
    if not fractions or all(f >= 1 for f in fractions.values()):
        return ibis.literal(1_000_000)
    return group.cases(
        *((g, int(min(f, 1.0) * 1_000_000)) for g, f in fractions.items()), else_=1_000_000
    )
