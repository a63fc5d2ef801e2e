"""Staffing use cases: queue questions, staffing plans, adequacy of a live engagement."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from fairshore.errors import StaffingError
from fairshore.metrics.model import LIVE_CHANNELS
from fairshore.metrics.periods import Period
from fairshore.staffing import adequacy, measured
from fairshore.staffing.forecast import read_forecast
from fairshore.staffing.model import (
    AdequacyReport,
    PlanInterval,
    QueueMeasures,
    StaffingPlan,
    StaffingTarget,
)
from fairshore.staffing.staffing import measures, required_agents

if TYPE_CHECKING:
    import numpy.typing as npt

    from fairshore.bootstrap import Workspace

REAL_TIME_CHANNELS = LIVE_CHANNELS


def evaluate_queue(
    *,
    calls: float,
    interval_min: float,
    aht_s: float,
    target: StaffingTarget,
    agents: float | None = None,
) -> QueueMeasures:
    """One interval: the measures at ``agents``, or the fewest agents meeting ``target``.

    Uses Erlang A when ``target.patience_s`` is set, Erlang C otherwise.
    """
    interval_s = interval_min * 60.0
    if interval_s <= 0:
        raise StaffingError("the interval must be a positive number of minutes")
    if agents is not None:
        m = measures(calls, agents=agents, aht_s=aht_s, interval_s=interval_s, target=target)
        scheduled = int(np.ceil(agents / (1.0 - target.shrinkage) - 1e-9))
        return m.row().model_copy(update={"scheduled_agents": scheduled})
    r = required_agents(calls, aht_s=aht_s, interval_s=interval_s, target=target)
    return r.measures.row().model_copy(update={"scheduled_agents": int(r.scheduled_agents)})


def plan_staffing(
    labels: Sequence[str],
    contacts: npt.NDArray[np.float64],
    aht_s: npt.NDArray[np.float64],
    *,
    interval_min: float,
    target: StaffingTarget,
) -> StaffingPlan:
    """A staffing plan for intervals of forecast (or measured) contacts and handle times."""
    r = required_agents(contacts, aht_s=aht_s, interval_s=interval_min * 60.0, target=target)
    m = r.measures
    rows = [
        PlanInterval(
            interval=labels[i],
            contacts=float(contacts[i]),
            aht_s=float(aht_s[i]),
            load_erlangs=float(m.load_erlangs[i]),
            agents=int(r.agents[i]),
            scheduled_agents=int(r.scheduled_agents[i]),
            p_wait=float(m.p_wait[i]),
            p_abandon=None if m.p_abandon is None else float(m.p_abandon[i]),
            service_level=float(m.service_level[i]),
            asa_s=float(m.asa_s[i]),
            mean_wait_s=float(m.mean_wait_s[i]),
            occupancy=float(m.occupancy[i]),
        )
        for i in range(len(labels))
    ]
    hours = interval_min / 60.0
    return StaffingPlan(
        interval_min=interval_min,
        target=target,
        intervals=rows,
        peak_agents=int(np.max(r.agents)) if rows else 0,
        peak_scheduled_agents=int(np.max(r.scheduled_agents)) if rows else 0,
        agent_hours=float(np.sum(r.agents) * hours),
        scheduled_agent_hours=float(np.sum(r.scheduled_agents) * hours),
    )


def plan_from_forecast(
    path: Path, *, target: StaffingTarget, interval_min: float | None = None
) -> StaffingPlan:
    """A staffing plan from a forecast CSV (``interval, contacts, aht_s``)."""
    f = read_forecast(path, interval_min=interval_min)
    return plan_staffing(f.labels, f.contacts, f.aht_s, interval_min=f.interval_min, target=target)


def plan_from_lake(
    ws: Workspace,
    engagement_id: str,
    *,
    target: StaffingTarget,
    interval_min: float = 30.0,
    channels: Sequence[str] = REAL_TIME_CHANNELS,
    period: Period | None = None,
) -> StaffingPlan:
    """A staffing plan from the arrivals and handle times measured in the lake."""
    data = _measure(ws, engagement_id, interval_min, target, channels, period)
    labels = [datetime.fromtimestamp(int(s), tz=UTC).isoformat() for s in data.start_s]
    aht = adequacy.filled_aht(data.aht_s)
    if aht is None:
        raise StaffingError(
            f"no handle_seconds in the interactions of {engagement_id}: a plan needs handle times"
        )
    return plan_staffing(labels, data.offered, aht, interval_min=interval_min, target=target)


def check_adequacy(
    ws: Workspace,
    engagement_id: str,
    *,
    target: StaffingTarget | None = None,
    interval_min: float = 60.0,
    channels: Sequence[str] = REAL_TIME_CHANNELS,
    period: Period | None = None,
) -> AdequacyReport:
    """Staffing adequacy of a live engagement, with ``Finding`` values (source "staffing").

    ``target`` defaults to 80 % in 20 s with an 85 % occupancy cap.
    """
    target = target or StaffingTarget(service_level=0.8, threshold_s=20.0, max_occupancy=0.85)
    data = _measure(ws, engagement_id, interval_min, target, channels, period)
    lake = ws.lake_reader
    logged = measured.read_by_month(
        measured.logged_in_expr(lake.table("agent_months", engagement_id)),
        "logged_in_hours",
    )
    all_handle = measured.read_by_month(
        measured.monthly_handle_expr(lake.table("interactions", engagement_id), period=period),
        "handle_sum_s",
    )
    agent_months = lake.table("agent_months", engagement_id)
    coverage = measured.read_coverage(
        measured.logged_in_coverage_expr(
            lake.table("interactions", engagement_id), agent_months, period=period
        ),
        measured.paid_coverage_expr(agent_months),
    )
    share = _handle_share(data, all_handle)
    return adequacy.assess(
        data,
        engagement_id=engagement_id,
        interval_s=interval_min * 60.0,
        target=target,
        logged_in_hours=logged,
        handle_share=share,
        coverage=coverage,
        channels=tuple(channels),
    )


def _handle_share(
    data: measured.MeasuredIntervals, all_handle: dict[str, float]
) -> dict[str, float]:
    months = np.asarray(
        [datetime.fromtimestamp(int(s), tz=UTC).strftime("%Y-%m") for s in data.start_s]
    )
    share = {}
    for month, total in all_handle.items():
        mine = float(np.sum(data.handle_sum_s[months == month]))
        if total > 0:
            share[month] = min(1.0, mine / total)
    return share


def _measure(
    ws: Workspace,
    engagement_id: str,
    interval_min: float,
    target: StaffingTarget,
    channels: Sequence[str],
    period: Period | None,
) -> measured.MeasuredIntervals:
    if interval_min <= 0 or (60 * interval_min) % 1:
        raise StaffingError("the interval must be a positive whole number of seconds")
    lake = ws.lake_reader
    expr = measured.interval_expr(
        lake.table("interactions", engagement_id),
        interval_s=int(interval_min * 60),
        threshold_s=target.threshold_s,
        channels=channels,
        period=period,
    )
    data = measured.read_intervals(expr)
    if data.offered.size == 0:
        raise StaffingError(
            f"no {'/'.join(channels)} interactions in the lake for engagement "
            f"{engagement_id!r}: ingest them first with 'fairshore ingest interactions'"
        )
    return data
