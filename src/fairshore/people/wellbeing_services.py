"""The wellbeing index use case: each part's figure per site and month, from its home.

The figures come from the measures that already own them: hours checks
(``hours.hours_checks``), occupancy and shrinkage (``occupancy``), flows and early
leavers (``workforce.monthly_flows``), grievances (``voice_services``). This module
only groups them by site and month and hands them to ``wellbeing``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from fairshore.engagements.model import Site
from fairshore.metrics.periods import Period
from fairshore.people import benchmarks as bm
from fairshore.people import hours, occupancy, voice, wellbeing, workforce
from fairshore.people.model import FlowMonth, WelfareThresholds
from fairshore.people.sources import PeopleData, month_starts
from fairshore.people.voice_services import list_grievances
from fairshore.people.wellbeing import Wellbeing, WellbeingPart
from fairshore.staffing.coverage import MIN_LOGGED_IN_TO_PAID

if TYPE_CHECKING:
    import ibis.expr.types as ir

    from fairshore.bootstrap import Workspace

NEW_HIRE_MONTHS = 3


@dataclass(frozen=True)
class SiteMonth:
    """The sums of one site's month the parts are computed from."""

    agent_months: int = 0
    sick_days: float = 0.0
    paid_hours: float = 0.0
    overtime_hours: float = 0.0
    weeks_reported: int = 0
    weeks_over: int = 0
    logged_in_hours: float = 0.0
    handle_hours: float = 0.0
    grievances: int = 0
    headcount: float = 0.0
    hires: int = 0
    early_leavers: int = 0


def site_month_sums(checked: ir.Table) -> dict[tuple[str, date], dict[str, Any]]:
    """Per (site, month): agent-months, sick days, paid, overtime, logged-in hours, long weeks."""
    c = checked
    by = c.group_by([c.site_id.fill_null("unknown").name("site_id"), "month"]).aggregate(
        agent_months=c.count(),
        sick_days=c.sick_days.sum(),
        paid_hours=c.paid_hours.sum(),
        overtime_hours=c.overtime_hours.sum(),
        weeks_reported=c.longest_over_regular.count(),
        weeks_over=c.longest_over_regular.cast("int64").sum(),
        logged_in_hours=c.logged_in_hours.sum(),
        logged_with_paid=c.logged_in_hours.sum(where=c.paid_hours.notnull()),
        paid_with_logged=c.paid_hours.sum(where=c.logged_in_hours.notnull()),
    )
    return {(r["site_id"], r["month"]): r for r in by.to_pyarrow().to_pylist()}


def parts_of(
    s: SiteMonth,
    *,
    paired: tuple[float, float],
    benchmarks: dict[str, wellbeing.WellbeingBenchmark],
    thresholds: WelfareThresholds,
    k: int = voice.K_ANONYMITY,
) -> list[WellbeingPart]:
    """The seven parts of one site's month from its sums; ``paired`` is the logged-in and
    paid hours of the agent-months that report both (shrinkage)."""
    logged, paid = paired
    fte = s.paid_hours / bm.STANDARD_MONTHLY_HOURS
    occ = occupancy.occupancy_summary(
        {date.min: s.handle_hours},
        {date.min: s.logged_in_hours},
        [date.min],
        threshold=thresholds.burnout_occupancy,
        cap=thresholds.max_occupancy,
    ).overall
    sampled = paid > 0 and logged / paid < MIN_LOGGED_IN_TO_PAID
    shrink = None if sampled else occupancy.shrinkage(logged, paid)
    suppressed = 0 < s.grievances < k
    p = wellbeing.part
    return [
        p(
            "sick_days_per_fte",
            12 * s.sick_days / fte if fte else None,
            benchmarks,
            f"{s.sick_days:g} sick days over {fte:.1f} FTE, x 12",
        ),
        p(
            "overtime_share",
            s.overtime_hours / s.paid_hours if s.paid_hours else None,
            benchmarks,
            f"{s.overtime_hours:,.0f} h overtime of {s.paid_hours:,.0f} h paid",
        ),
        p(
            "weeks_over_48h",
            s.weeks_over / s.weeks_reported if s.weeks_reported else None,
            benchmarks,
            f"{s.weeks_over} of {s.weeks_reported} agent-months with a week over 48 h",
        ),
        p(
            "occupancy",
            occ if s.handle_hours else None,
            benchmarks,
            f"{s.handle_hours:,.0f} h handled / {s.logged_in_hours:,.0f} h logged in",
        ),
        p(
            "shrinkage",
            shrink,
            benchmarks,
            "logged-in hours a sample of the paid hours: not judged"
            if sampled
            else f"{logged:,.0f} h logged in of {paid:,.0f} h paid",
        ),
        p(
            "grievances_per_100_agents",
            None if suppressed or not s.headcount else 100 * s.grievances / s.headcount,
            benchmarks,
            f"fewer than {k} cases: suppressed (k-anonymity)"
            if suppressed
            else f"{s.grievances} cases over an average headcount of {s.headcount:.1f}",
        ),
        p(
            "new_hire_attrition",
            s.early_leavers / s.hires if s.hires else None,
            benchmarks,
            f"{s.early_leavers} leavers within 90 days / {s.hires} hires, "
            f"the {NEW_HIRE_MONTHS} months to the month",
        ),
    ]


def _quarter_flows(flows: Sequence[FlowMonth], site: str, month: date) -> tuple[int, int]:
    """Hires and early leavers of ``site`` in the three months to ``month``."""
    index = month.year * 12 + month.month - 1
    window = {date(i // 12, i % 12 + 1, 1) for i in range(index - NEW_HIRE_MONTHS + 1, index + 1)}
    mine = [f for f in flows if f.group == site and f.month in window]
    return sum(f.hires for f in mine), sum(f.early_leavers for f in mine)


def _grievance_counts(ws: Workspace, engagement_id: str) -> dict[tuple[str, date], int]:
    counts: dict[tuple[str, date], int] = {}
    for case in list_grievances(ws, engagement_id):
        key = (case.site_id or "unknown", case.submitted_on.replace(day=1))
        counts[key] = counts.get(key, 0) + 1
    return counts


def wellbeing_of(
    ws: Workspace,
    data: PeopleData,
    facts: ir.Table,
    period: Period,
    sites: list[Site],
    thresholds: WelfareThresholds,
) -> Wellbeing:
    """The wellbeing index of each site and month of the period."""
    months = month_starts(period)
    if len(sites) == 1:  # a single-site engagement: rows without a site are that site's
        facts = facts.mutate(site_id=facts.site_id.fill_null(sites[0].id))
    checked = hours.hours_checks(
        facts,
        regular_limit=thresholds.regular_week_hours,
        overtime_limit=thresholds.overtime_week_hours,
    )
    sums = site_month_sums(checked)
    only = sites[0].id if len(sites) == 1 else "unknown"
    handle = occupancy.handle_hours_by_site_month(
        data.interactions, facts, months, default_site=only
    )
    span = sorted({*months, *workforce.trailing_months(months[0])[-NEW_HIRE_MONTHS:]})
    flows = workforce.flow_months(
        workforce.monthly_flows(data.spells, span, by="site_id").to_pyarrow().to_pylist()
    )
    heads = {(f.group, f.month): (f.headcount_start + f.headcount_end) / 2 for f in flows}
    cases = _grievance_counts(ws, data.engagement.id)
    benchmarks = wellbeing.shipped_benchmarks()
    by_site: dict[str, list[tuple[date, list[WellbeingPart]]]] = {}
    for (site, month), r in sorted(sums.items()):
        hires, early = _quarter_flows(flows, site, month)
        figures = SiteMonth(
            agent_months=int(r["agent_months"]),
            sick_days=float(r["sick_days"] or 0),
            paid_hours=float(r["paid_hours"] or 0),
            overtime_hours=float(r["overtime_hours"] or 0),
            weeks_reported=int(r["weeks_reported"] or 0),
            weeks_over=int(r["weeks_over"] or 0),
            logged_in_hours=float(r["logged_in_hours"] or 0),
            handle_hours=handle.get((site, month), 0.0),
            grievances=cases.get((site, month), 0),
            headcount=heads.get((site, month), 0.0),
            hires=hires,
            early_leavers=early,
        )
        parts = parts_of(
            figures,
            paired=(float(r["logged_with_paid"] or 0), float(r["paid_with_logged"] or 0)),
            benchmarks=benchmarks,
            thresholds=thresholds,
        )
        by_site.setdefault(site, []).append((month, parts))
    return Wellbeing(
        engagement_id=data.engagement.id,
        sites=[wellbeing.site_months(s, m) for s, m in sorted(by_site.items())],
        benchmarks=list(benchmarks.values()),
    )
