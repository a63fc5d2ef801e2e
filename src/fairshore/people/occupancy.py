"""Occupancy: handle time over logged-in time, per month.

kpi-definitions.md: occupancy = handle time / (handle time + available idle time) over
logged-in time; above about 85 % sustained is a burnout risk (Call Centre Helper).
Handle time is the sum of ``handle_seconds`` of the interactions that arrived in the
month (UTC); logged-in time is the sum of the agents' ``logged_in_hours``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from fairshore.people.model import Occupancy, OccupancyMonth

if TYPE_CHECKING:
    import ibis.expr.types as ir


def handle_hours_by_month(interactions: ir.Table, months: Sequence[date]) -> dict[date, float]:
    """Handle hours per month of arrival (UTC)."""
    handled = interactions.filter(interactions.handle_seconds.notnull())
    month = handled.arrived_at.truncate("M").date()
    by = (
        handled.mutate(month=month)
        .filter(month.isin(list(months)))
        .group_by("month")
        .aggregate(hours=handled.handle_seconds.sum() / 3600)
    )
    return {r["month"]: float(r["hours"] or 0) for r in by.to_pyarrow().to_pylist()}


def handle_hours_by_site_month(
    interactions: ir.Table, facts: ir.Table, months: Sequence[date], *, default_site: str
) -> dict[tuple[str, date], float]:
    """Handle hours per (site, month of arrival), the site of the agent's agent-month;
    contacts of no agent with a site are ``default_site``'s (the only site, or unknown)."""
    handled = interactions.filter(interactions.handle_seconds.notnull())
    handled = handled.mutate(month=handled.arrived_at.truncate("M").date())
    handled = handled.filter(handled.month.isin(list(months)))
    sites = facts.select(f_agent="agent_ref", f_month="month", f_site="site_id")
    j = handled.left_join(
        sites, [handled.agent_ref == sites.f_agent, handled.month == sites.f_month]
    )
    site = j.f_site.fill_null(default_site).name("site")
    by = j.group_by([site, j.month]).aggregate(hours=j.handle_seconds.sum() / 3600)
    return {(r["site"], r["month"]): float(r["hours"] or 0) for r in by.to_pyarrow().to_pylist()}


def shrinkage(logged_in_hours: float, paid_hours: float) -> float | None:
    """Paid time not logged in to take contacts / paid time (None without paid hours)."""
    # kpi-definitions.md: shrinkage = paid time not available for contacts / paid time
    return None if paid_hours <= 0 else max(0.0, 1 - logged_in_hours / paid_hours)


def logged_in_hours_by_month(facts: ir.Table) -> dict[date, float]:
    """Logged-in hours per month from the agent-month facts."""
    by = facts.group_by("month").aggregate(hours=facts.logged_in_hours.sum())
    return {r["month"]: float(r["hours"] or 0) for r in by.to_pyarrow().to_pylist()}


def occupancy_summary(
    handle: dict[date, float],
    logged: dict[date, float],
    months: Sequence[date],
    *,
    threshold: float,
    cap: float | None,
) -> Occupancy:
    """Monthly and period occupancy, and the months above the burnout threshold or cap."""
    rows = []
    for m in months:
        h, li = handle.get(m, 0.0), logged.get(m, 0.0)
        if h == 0 and li == 0:
            continue
        rows.append(
            OccupancyMonth(
                month=m, handle_hours=h, logged_in_hours=li, occupancy=h / li if li else None
            )
        )
    total_h = sum(r.handle_hours for r in rows)
    total_l = sum(r.logged_in_hours for r in rows)
    limit = threshold if cap is None else min(threshold, cap)
    return Occupancy(
        monthly=rows,
        handle_hours=total_h,
        logged_in_hours=total_l,
        overall=total_h / total_l if total_l else None,
        burnout_threshold=threshold,
        cap=cap,
        months_over_threshold=[
            r.month for r in rows if r.occupancy is not None and r.occupancy > limit
        ],
    )
