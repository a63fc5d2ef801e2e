"""Working hours and training against SA8000 and the contract.

SA8000 (working hours): at most 48 regular hours a week, overtime normally at most
12 hours a week, and at least one day off in seven. Monthly data cannot show every
week, so each agent-month is judged on:

* overtime per week = ``overtime_hours`` / weeks employed in the month (days / 7);
* regular hours of the longest week = ``max_weekly_hours`` - overtime per week
  (falling back to (paid - overtime) / weeks when the longest week is not reported);
* the longest week over 48 + 12 hours;
* ``days_off`` below ``floor(days employed / 7)``.

Months with fewer than 7 days employed are not judged on weekly hours.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import ibis

from fairshore.people.model import Hours, HoursMonth

if TYPE_CHECKING:
    import ibis.expr.types as ir


def hours_checks(facts: ir.Table, *, regular_limit: float, overtime_limit: float) -> ir.Table:
    """Per agent-month breach flags (booleans) next to the facts."""
    days = facts.days_employed.fill_null(facts.days)
    weeks = days.cast("float64") / 7
    judged = days >= 7
    overtime_week = facts.overtime_hours.fill_null(0) / weeks
    regular_week = ibis.coalesce(
        facts.max_weekly_hours - overtime_week,
        (facts.paid_hours - facts.overtime_hours.fill_null(0)) / weeks,
    )
    longest = facts.max_weekly_hours.fill_null(0)
    return facts.mutate(
        regular_breach=(judged & (regular_week > regular_limit)).fill_null(False),
        overtime_breach=(judged & (overtime_week > overtime_limit)).fill_null(False),
        longest_breach=(judged & (longest > regular_limit + overtime_limit)).fill_null(False),
        # the wellbeing index's weeks over 48 h, overtime included (Directive 2003/88/EC Art. 6)
        longest_over_regular=facts.max_weekly_hours > regular_limit,
        days_off_breach=(facts.days_off < (days / 7).floor()).fill_null(False),
    )


def hours_summary(checked: ir.Table) -> Hours:
    """Monthly counts of breaches and training, and the agents affected over the period."""
    any_breach = (
        checked.regular_breach
        | checked.overtime_breach
        | checked.longest_breach
        | checked.days_off_breach
    )
    monthly = checked.group_by("month").aggregate(
        agent_months=checked.count(),
        regular_over_limit=checked.regular_breach.cast("int64").sum(),
        overtime_over_limit=checked.overtime_breach.cast("int64").sum(),
        longest_week_over_limit=checked.longest_breach.cast("int64").sum(),
        too_few_days_off=checked.days_off_breach.cast("int64").sum(),
        training_hours_mean=checked.training_hours.mean(),
    )
    totals = checked.aggregate(
        agent_months=checked.count(),
        agents_in_breach=checked.agent_ref.nunique(where=any_breach),
        breaches=any_breach.cast("int64").sum(),
        training_sum=checked.training_hours.sum(),
        training_rows=checked.training_hours.count(),
    )
    t: dict[str, Any] = totals.to_pyarrow().to_pylist()[0]
    rows = sorted(monthly.to_pyarrow().to_pylist(), key=lambda r: r["month"])
    n = int(t["agent_months"] or 0)
    trained = int(t["training_rows"] or 0)
    mean = training_mean(t["training_sum"], trained)
    return Hours(
        monthly=[HoursMonth.model_validate(r) for r in rows],
        agent_months=n,
        agents_in_breach=int(t["agents_in_breach"] or 0),
        breach_share=None if n == 0 else int(t["breaches"] or 0) / n,
        training_hours_mean=mean,
        training_sample=trained,
    )


def training_mean(total: float | None, rows: int) -> float | None:
    """Mean training hours over the agent-months that report training (None without any)."""
    return None if rows == 0 else float(total or 0) / rows


def training_by_month(
    facts: ir.Table, *, column: str = "training_hours"
) -> dict[date, tuple[float | None, int]]:
    """Per month: the sum of reported training hours (``column``: all, or one topic's
    ``training_hours_<topic>``) and how many agent-months report it."""
    hours = facts[column]
    by = facts.group_by("month").aggregate(training_sum=hours.sum(), training_rows=hours.count())
    return {
        r["month"]: (r["training_sum"], int(r["training_rows"] or 0))
        for r in by.to_pyarrow().to_pylist()
    }
