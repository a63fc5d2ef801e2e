"""Headcount, hires, leavers, attrition, tenure, employment model, supervisor span.

Counting rules (one spell = one roster row; a rehire is a new spell, so it counts
as a leaver and later a hire):

* in post at the start of a month: hired before its first day and not left before it;
* in post at its end: hired by its last day and not left by it (``left_on`` is the
  last day worked), so ``end = start + hires - leavers`` holds for every month;
* an early leaver worked at most 90 days (``left_on - hired_on + 1 <= 90``).

Attrition judged against a contract or a standard is the trailing twelve months
(``trailing_attrition``, SHRM's annual turnover); a month's rate annualised is a trend.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

import ibis

from fairshore.interactions.schema import TRAINING_TOPICS
from fairshore.people.model import (
    AttritionSummary,
    EmploymentShare,
    FlowMonth,
    SupervisorSpan,
    TenureBucket,
    TrailingAttrition,
    month_end,
)

if TYPE_CHECKING:
    import ibis.expr.types as ir

EARLY_DAYS = 90
TENURE_BUCKETS = (
    ("under 90 days", 0, 90),
    ("90-179 days", 90, 180),
    ("180-364 days", 180, 365),
    ("1-2 years", 365, 730),
    ("2 years and more", 730, None),
)
AGENT_ROLES = ("agent",)
IN_HOUSE = "employee"  # the employment type that counts as in-house
TTM_MONTHS = 12


def roster_spells(agents: ir.Table) -> ir.Table:
    """One row per employment spell ``(agent_ref, hired_on)``; re-delivered rows merged."""
    return agents.group_by(["agent_ref", "hired_on"]).aggregate(
        site_id=agents.site_id.max(),
        role=agents.role.max(),
        employment_type=agents.employment_type.max(),
        left_on=agents.left_on.max(),
        exit_reason=agents.exit_reason.max(),
        supervisor_ref=agents.supervisor_ref.max(),
    )


def month_frame(months: Sequence[date]) -> ir.Table:
    """A small table of months: first day, last day and number of days."""
    return ibis.memtable(
        {
            "month": list(months),
            "month_end": [month_end(m) for m in months],
            "days": [month_end(m).day for m in months],
        },
        schema={"month": "date", "month_end": "date", "days": "int64"},
    )


def monthly_flows(spells: ir.Table, months: Sequence[date], *, by: str | None = None) -> ir.Table:
    """Per month (and group ``by``): headcount at start and end, hires, leavers, early leavers."""
    j = spells.cross_join(month_frame(months))
    stayed = j.left_on.isnull()
    start = (j.hired_on < j.month) & (stayed | (j.left_on >= j.month))
    end = (j.hired_on <= j.month_end) & (stayed | (j.left_on > j.month_end))
    hire = (j.hired_on >= j.month) & (j.hired_on <= j.month_end)
    leave = ~stayed & (j.left_on >= j.month) & (j.left_on <= j.month_end)
    early = leave & (j.left_on.delta(j.hired_on, unit="day") + 1 <= EARLY_DAYS)
    keys: list[Any] = [j.month]
    if by is not None:
        keys.append(j[by].fill_null("unknown").name("group"))
    return j.group_by(keys).aggregate(
        headcount_start=start.cast("int64").sum(),
        headcount_end=end.cast("int64").sum(),
        hires=hire.cast("int64").sum(),
        leavers=leave.cast("int64").sum(),
        early_leavers=early.cast("int64").sum(),
    )


def attrition_rate(leavers: int, start: int, end: int) -> float | None:
    """Leavers over average headcount; ``None`` when nobody was in post."""
    # kpi-definitions.md: attrition = leavers in period / average headcount ((start + end) / 2)
    average = (start + end) / 2
    return None if average == 0 else leavers / average


def flow_months(rows: list[dict[str, Any]]) -> list[FlowMonth]:
    """Typed monthly flows from the aggregated rows."""
    out = []
    for r in sorted(rows, key=lambda r: (r.get("group") or "", r["month"])):
        start, end, leavers = int(r["headcount_start"]), int(r["headcount_end"]), int(r["leavers"])
        out.append(
            FlowMonth(
                month=r["month"],
                group=r.get("group"),
                headcount_start=start,
                headcount_end=end,
                hires=int(r["hires"]),
                leavers=leavers,
                early_leavers=int(r["early_leavers"]),
                attrition=attrition_rate(leavers, start, end),
            )
        )
    return out


def summarise(flows: Sequence[FlowMonth], *, group: str | None = None) -> AttritionSummary:
    """Period attrition: mean monthly rate m, annualised 12 m (simple) and 1 - (1 - m)^12."""
    months = len(flows)
    leavers = sum(f.leavers for f in flows)
    early = sum(f.early_leavers for f in flows)
    average = (
        sum((f.headcount_start + f.headcount_end) / 2 for f in flows) / months if months else 0.0
    )
    monthly = None if average == 0 else leavers / (average * months)
    # kpi-definitions.md: annualising a monthly rate m: simple 12 m, compound 1 - (1 - m)^12
    return AttritionSummary(
        group=group,
        months=months,
        hires=sum(f.hires for f in flows),
        leavers=leavers,
        early_leavers=early,
        average_headcount=round(average, 4),
        monthly_rate=monthly,
        annualised_simple=None if monthly is None else 12 * monthly,
        annualised_compound=None if monthly is None else 1 - (1 - min(monthly, 1.0)) ** 12,
        early_share_of_leavers=None if leavers == 0 else early / leavers,
    )


def trailing_months(last_month: date) -> list[date]:
    """First days of the twelve months ending with the month of ``last_month``."""
    index = last_month.year * 12 + last_month.month - 1
    return [date(i // 12, i % 12 + 1, 1) for i in range(index - TTM_MONTHS + 1, index + 1)]


def trailing_attrition(flows: Sequence[FlowMonth], last_month: date) -> TrailingAttrition:
    """Annual attrition over the twelve months ending with ``last_month`` (one group's flows).

    Months with nobody in post are left out of the average; with fewer than twelve
    staffed months the rate is annualised (x 12 / months) and marked incomplete.
    """
    window = trailing_months(last_month)
    mine = [f for f in flows if f.month in window]
    staffed = [f for f in mine if f.headcount_start + f.headcount_end > 0]
    leavers = sum(f.leavers for f in mine)
    average = (
        sum((f.headcount_start + f.headcount_end) / 2 for f in staffed) / len(staffed)
        if staffed
        else 0.0
    )
    return TrailingAttrition(
        first_month=window[0],
        last_month=window[-1],
        months_with_headcount=len(staffed),
        leavers=leavers,
        average_headcount=round(average, 4),
        # SHRM "How to Determine Turnover Rate": annual turnover = separations in the
        # twelve months / average headcount over them (SHRM, via ethics-standards.md)
        rate=None if average == 0 else leavers / average * TTM_MONTHS / len(staffed),
    )


def period_attrition(
    flows: Sequence[FlowMonth], months: Sequence[date], *, group: str | None = None
) -> AttritionSummary:
    """:func:`summarise` of the period's ``months`` (the trend), with the trailing
    twelve months to its last month (``flows`` must cover them too)."""
    summary = summarise([f for f in flows if f.month in months], group=group)
    return summary.model_copy(update={"trailing": trailing_attrition(flows, months[-1])})


def in_post_on(spells: ir.Table, day: date) -> ir.Table:
    """Spells in post at the end of ``day``."""
    return spells.filter(
        (spells.hired_on <= day) & (spells.left_on.isnull() | (spells.left_on > day))
    )


def tenure_days(spells: ir.Table, day: date) -> ir.IntegerValue:
    """Days in post on ``day``, the day of hire counted."""
    return ibis.literal(day).delta(spells.hired_on, unit="day") + 1


def tenure_bucket(tenure: ir.IntegerValue) -> ir.StringValue:
    """The :data:`TENURE_BUCKETS` name of a tenure in days."""
    return ibis.cases(
        *[
            ((tenure >= lo) & (tenure < hi) if hi else tenure >= lo, name)
            for name, lo, hi in TENURE_BUCKETS
        ]
    )


def tenure_buckets(spells: ir.Table, day: date) -> tuple[list[TenureBucket], float | None]:
    """Tenure of the agents in post at the end of ``day``, in buckets, and its median."""
    here = in_post_on(spells, day)
    tenure = tenure_days(here, day)
    case = tenure_bucket(tenure)
    counts = here.mutate(bucket=case).group_by("bucket").aggregate(agents=ibis._.count())
    found = {r["bucket"]: int(r["agents"]) for r in counts.to_pyarrow().to_pylist()}
    total = sum(found.values())
    median = here.aggregate(m=tenure.median()).to_pyarrow().to_pylist()[0]["m"]
    buckets = [
        TenureBucket(
            bucket=n, agents=found.get(n, 0), share=found.get(n, 0) / total if total else 0
        )
        for n, _, _ in TENURE_BUCKETS
    ]
    return buckets, None if median is None else float(median)


def in_post_during(spells: ir.Table, start: date, end: date) -> ir.Table:
    """Spells in post at any time from ``start`` to ``end`` (inclusive): those counted in
    the months' headcount, hires or leavers, and in the employment model."""
    return spells.filter(
        (spells.hired_on <= end) & (spells.left_on.isnull() | (spells.left_on >= start))
    )


def latest_spells(spells: ir.Table, start: date, end: date) -> ir.Table:
    """One row per agent in post in the period: its latest spell there (the employment
    type the employment model counts the agent under)."""
    active = in_post_during(spells, start, end)
    latest = active.hired_on.argmax(active.hired_on)
    return active.group_by("agent_ref").aggregate(
        hired_on=latest,
        **{
            c: active[c].argmax(active.hired_on)
            for c in ("left_on", "site_id", "employment_type", "exit_reason")
        },
    )


def employment_model(spells: ir.Table, start: date, end: date) -> list[EmploymentShare]:
    """Share of each employment type among agents in post at any time in the period."""
    latest = latest_spells(spells, start, end)
    counts = latest.group_by("employment_type").aggregate(agents=ibis._.count())
    return employment_shares(counts.to_pyarrow().to_pylist())


def in_house_share(model: Sequence[EmploymentShare]) -> float | None:
    """Share of the agents who are employees of the vendor (``min_in_house_share``)."""
    total = sum(e.agents for e in model)
    employees = sum(e.agents for e in model if e.employment_type == IN_HOUSE)
    return employees / total if total else None


def employment_model_by_month(
    spells: ir.Table, months: Sequence[date]
) -> dict[date, list[EmploymentShare]]:
    """:func:`employment_model` of each month in one query (the month is the period)."""
    j = spells.cross_join(month_frame(months))
    active = j.filter((j.hired_on <= j.month_end) & (j.left_on.isnull() | (j.left_on >= j.month)))
    latest = active.group_by(["month", "agent_ref"]).aggregate(
        employment_type=active.employment_type.argmax(active.hired_on)
    )
    counts = latest.group_by(["month", "employment_type"]).aggregate(agents=ibis._.count())
    rows: dict[date, list[dict[str, Any]]] = {m: [] for m in months}
    for r in counts.to_pyarrow().to_pylist():
        rows[r["month"]].append(r)
    return {m: employment_shares(found) for m, found in rows.items()}


def employment_shares(rows: list[dict[str, Any]]) -> list[EmploymentShare]:
    """Typed shares from ``employment_type, agents`` rows, largest first."""
    total = sum(int(r["agents"]) for r in rows)
    return [
        EmploymentShare(
            employment_type=r["employment_type"] or "unknown",
            agents=int(r["agents"]),
            share=int(r["agents"]) / total,
        )
        for r in sorted(rows, key=lambda r: (-int(r["agents"]), r["employment_type"] or ""))
    ]


def supervisor_span(spells: ir.Table, day: date, *, limit: int) -> SupervisorSpan:
    """Agents per supervisor among front-line agents in post at the end of ``day``."""
    here = in_post_on(spells, day)
    agents = here.filter(here.role.isnull() | here.role.isin(AGENT_ROLES))
    spans = agents.group_by("supervisor_ref").aggregate(agents=ibis._.agent_ref.nunique())
    rows = spans.to_pyarrow().to_pylist()
    supervised = {r["supervisor_ref"]: int(r["agents"]) for r in rows if r["supervisor_ref"]}
    without = sum(int(r["agents"]) for r in rows if not r["supervisor_ref"])
    counts = list(supervised.values())
    return SupervisorSpan(
        supervisors=len(supervised),
        agents_with_supervisor=sum(counts),
        agents_without_supervisor=without,
        mean_span=sum(counts) / len(counts) if counts else None,
        max_span=max(counts) if counts else None,
        over_limit={k: v for k, v in sorted(supervised.items()) if v > limit},
    )


AGENT_MONTH_VALUES = (
    "scheduled_hours",
    "paid_hours",
    "logged_in_hours",
    "overtime_hours",
    "days_off",
    "max_weekly_hours",
    "training_hours",
    *[f"training_hours_{topic}" for topic in TRAINING_TOPICS],
    "sick_days",
    "gross_pay",
    "currency",
)


def agent_month_facts(agent_months: ir.Table, spells: ir.Table, months: Sequence[date]) -> ir.Table:
    """One row per agent and month of the period, with days employed and site.

    Re-delivered agent-month rows are merged (one row per key). ``days_employed`` is
    the overlap of the agent's spells with the month (``None`` when the agent is not on
    the roster); ``full_month`` is true when the agent was in post every day.
    """
    monthly = agent_months.mutate(month=agent_months.month.truncate("M"))
    am = monthly.group_by(["agent_ref", "month"]).aggregate(
        **{c: monthly[c].max() for c in AGENT_MONTH_VALUES}
    )
    am = am.join(month_frame(months), "month")
    s = spells.select(s_agent="agent_ref", s_hired="hired_on", s_left="left_on", s_site="site_id")
    keys = am.select("agent_ref", "month", "month_end")
    j = keys.join(
        s,
        [
            keys.agent_ref == s.s_agent,
            s.s_hired <= keys.month_end,
            s.s_left.isnull() | (s.s_left >= keys.month),
        ],
    )
    last = ibis.least(j.month_end, j.s_left.fill_null(j.month_end))
    first = ibis.greatest(j.month, j.s_hired)
    overlap = j.group_by(["agent_ref", "month"]).aggregate(
        days_employed=(last.delta(first, unit="day") + 1).sum(),
        site_id=j.s_site.max(),
    )
    out = am.left_join(overlap, ["agent_ref", "month"])
    return out.select(
        *[c for c in am.columns],
        days_employed=out.days_employed,
        site_id=out.site_id,
        full_month=out.days_employed.fill_null(0) >= out.days,
    )
