"""What the lake says per interval: arrivals, handle time, waits and agents (Ibis)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from fairshore.metrics import outcomes as oc
from fairshore.staffing.coverage import Coverage

if TYPE_CHECKING:
    import ibis.expr.types as ir

    from fairshore.metrics.periods import Period

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class MeasuredIntervals:
    """Per-interval measures from the interactions table (intervals with contacts only).

    ``start_s`` is the interval start in seconds since the Unix epoch (UTC).
    """

    start_s: npt.NDArray[np.int64]
    offered: FloatArray
    answered: FloatArray
    abandoned: FloatArray
    answered_within: FloatArray
    handle_sum_s: FloatArray
    handle_n: FloatArray
    agents_seen: FloatArray

    @property
    def aht_s(self) -> FloatArray:
        """Mean handle time per interval (NaN where no handle time was reported)."""
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(self.handle_n > 0, self.handle_sum_s / self.handle_n, np.nan)


def _window(t: ir.Table, column: str, period: Period | None) -> ir.Table:
    if period is None:
        return t
    return t.filter((t[column] >= period.start_at) & (t[column] < period.end_at))


def _count(condition: ir.BooleanValue) -> ir.IntegerValue:
    result: ir.IntegerValue = condition.fill_null(False).cast("int64").sum()
    return result


def interval_expr(
    interactions: ir.Table,
    *,
    interval_s: int,
    threshold_s: float,
    channels: Sequence[str] | None,
    period: Period | None = None,
) -> ir.Table:
    """Ibis expression: one row per interval with arrivals, answers, handle and agents.

    The per-contact outcomes are ``fairshore.metrics.outcomes``'s; this groups them.
    """
    t = _window(interactions, "arrived_at", period)
    if channels:
        t = t.filter(t.channel.isin(list(channels)))
    arrived = t.arrived_at.epoch_seconds()
    # Service level is ICMI variant 3 (every abandon a miss): success is answered within T.
    met = oc.service_level(t, variant=3, threshold_s=threshold_s).success
    return (
        t.group_by(bucket=(arrived // interval_s) * interval_s)
        .aggregate(
            offered=t.count(),
            answered=_count(oc.answered(t)),
            abandoned=_count(oc.abandoned(t)),
            answered_within=_count(met),
            handle_sum_s=t.handle_seconds.sum(),
            handle_n=t.handle_seconds.count(),
            agents_seen=t.agent_ref.nunique(),
        )
        .order_by("bucket")
    )


def read_intervals(expr: ir.Table) -> MeasuredIntervals:
    """Run the interval expression and return its columns as arrays."""
    data: dict[str, Any] = expr.to_pyarrow().to_pydict()

    def col(name: str) -> FloatArray:
        return np.asarray([0.0 if v is None else v for v in data[name]], dtype=np.float64)

    return MeasuredIntervals(
        start_s=np.asarray(data["bucket"], dtype=np.int64),
        offered=col("offered"),
        answered=col("answered"),
        abandoned=col("abandoned"),
        answered_within=col("answered_within"),
        handle_sum_s=col("handle_sum_s"),
        handle_n=col("handle_n"),
        agents_seen=col("agents_seen"),
    )


def monthly_handle_expr(interactions: ir.Table, *, period: Period | None = None) -> ir.Table:
    """Ibis expression: handle seconds of every channel per UTC month (``YYYY-MM``)."""
    t = _window(interactions, "arrived_at", period)
    return t.group_by(month=t.arrived_at.strftime("%Y-%m")).aggregate(
        handle_sum_s=t.handle_seconds.sum()
    )


def logged_in_expr(agent_months: ir.Table) -> ir.Table:
    """Ibis expression: logged-in hours of all agents per month (``YYYY-MM``)."""
    t = agent_months.filter(agent_months.logged_in_hours.notnull())
    return t.group_by(month=t.month.strftime("%Y-%m")).aggregate(
        logged_in_hours=t.logged_in_hours.sum(), agents=t.agent_ref.nunique()
    )


def read_by_month(expr: ir.Table, column: str) -> dict[str, float]:
    """Run a per-month expression into ``{month: value}``."""
    data: dict[str, Any] = expr.to_pyarrow().to_pydict()
    return {
        str(m): float(v) for m, v in zip(data["month"], data[column], strict=True) if v is not None
    }


def logged_in_coverage_expr(
    interactions: ir.Table, agent_months: ir.Table, *, period: Period | None = None
) -> ir.Table:
    """Ibis expression: per month, the agents who handled contacts and how many of them
    have logged-in hours reported (``agent_months``): the coverage of those hours."""
    t = _window(interactions, "arrived_at", period)
    t = t.filter(t.agent_ref.notnull() & t.handle_seconds.notnull())
    handling = t.select(month=t.arrived_at.strftime("%Y-%m"), agent_ref=t.agent_ref).distinct()
    am = agent_months.filter(agent_months.logged_in_hours.notnull())
    reported = am.select(r_month=am.month.strftime("%Y-%m"), r_agent=am.agent_ref).distinct()
    j = handling.left_join(
        reported,
        [handling.month == reported.r_month, handling.agent_ref == reported.r_agent],
    )
    return j.group_by("month").aggregate(
        handling=j.count(), reporting=j.r_agent.notnull().cast("int64").sum()
    )


def paid_coverage_expr(agent_months: ir.Table) -> ir.Table:
    """Ibis expression: per month, logged-in and paid hours of the agent-months that
    report both (how much of the paid time the logged-in hours account for)."""
    t = agent_months.filter(
        agent_months.logged_in_hours.notnull() & agent_months.paid_hours.notnull()
    )
    return t.group_by(month=t.month.strftime("%Y-%m")).aggregate(
        logged_in_hours=t.logged_in_hours.sum(), paid_hours=t.paid_hours.sum()
    )


def read_coverage(agents: ir.Table, hours: ir.Table) -> dict[str, Coverage]:
    """Run :func:`logged_in_coverage_expr` and :func:`paid_coverage_expr` into a
    ``Coverage`` per month."""
    paid = {str(r["month"]): r for r in hours.to_pyarrow().to_pylist()}
    out = {}
    for r in agents.to_pyarrow().to_pylist():
        month = str(r["month"])
        found = paid.get(month, {})
        out[month] = Coverage(
            reporting=int(r["reporting"] or 0),
            handling=int(r["handling"]),
            logged_in_hours=float(found.get("logged_in_hours") or 0.0),
            paid_hours=float(found.get("paid_hours") or 0.0),
        )
    return out
