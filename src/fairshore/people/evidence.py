"""The agent-months behind a welfare figure, row by row, with the batch each came from.

July's "3 agent-months over the overtime limit" lists the agent-months of July with
their hours and which of them broke the limit; a site's "40 % below the living wage"
lists the full months paid at that site with each agent's mean effective pay against
the floor. The rows and flags are those the welfare report aggregates: the same
agent-month facts (:func:`fairshore.people.sources.month_facts`), the same hour checks
(:func:`fairshore.people.hours.hours_checks`), the same pay comparison
(:func:`fairshore.people.pay.compared_months`), so the rows listed are the rows counted.
"""

from __future__ import annotations

import functools
import operator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

import ibis
from pydantic import BaseModel, ConfigDict

from fairshore.errors import InputError
from fairshore.interactions.services import list_batches
from fairshore.metrics.periods import Period, parse_period
from fairshore.people import hours, occupancy, pay
from fairshore.people.benchmark_services import site_benchmarks
from fairshore.people.model import WelfareThresholds
from fairshore.people.sources import engagement_sites, month_facts, month_starts, open_people
from fairshore.people.welfare_services import paid_facts

if TYPE_CHECKING:
    import ibis.expr.types as ir

    from fairshore.bootstrap import Workspace
    from fairshore.people.sources import PeopleData

# The hour checks a figure counts (HoursMonth field -> hours_checks flag).
HOUR_FLAGS = {
    "overtime_over_limit": "overtime_breach",
    "regular_over_limit": "regular_breach",
    "longest_week_over_limit": "longest_breach",
    "too_few_days_off": "days_off_breach",
}
# any of them: the report's breach share (Hours.breach_share, hours_summary's any_breach)
HOURS_BREACH = "hours_breach"
MEASURES = frozenset({*HOUR_FLAGS, HOURS_BREACH, "training_hours", "occupancy", "living_wage"})
_HOUR_COLUMNS = ["paid_hours", "overtime_hours", "max_weekly_hours", "days_off", "days_employed"]


@dataclass(frozen=True)
class _Rows:
    table: ir.Table  # the rows counted, with _flag and _value
    columns: list[str]  # the facts the measure reads, shown per row
    words: str
    figure: str  # "count"/"row_share" of flags, "mean" of values, "share" of agents, "occupancy"


class EvidenceAgentMonth(BaseModel):
    """One agent-month a figure counted, and the batches it came from."""

    model_config = ConfigDict(frozen=True)

    agent_ref: str
    month: date
    site_id: str | None
    values: dict[str, float | None]
    flagged: bool | None
    batch_ids: list[str]
    files: list[str]


class AgentMonthSample(BaseModel):
    """A page of the agent-months behind a welfare figure, with the figure they make up."""

    model_config = ConfigDict(frozen=True)

    engagement_id: str
    measure: str
    period: str
    site: str | None
    population: str
    columns: list[str]
    total: int
    flagged: int | None
    figure: float | None
    rows: list[EvidenceAgentMonth]
    offset: int


def agent_months_behind(
    ws: Workspace,
    *,
    engagement_id: str,
    measure: str,
    period: str,
    site: str | None = None,
    thresholds: WelfareThresholds | None = None,
    limit: int = 25,
    offset: int = 0,
) -> AgentMonthSample:
    """The agent-months of ``engagement_id`` in ``period`` that ``measure`` counted,
    ``limit`` of them from ``offset`` (by month and agent), and the figure all of them
    make as the welfare report computes it (:func:`people_report` with that period).

    Raises
    ------
    InputError
        When ``measure`` has no agent-month evidence, or the period cannot be read.
    """
    if measure not in MEASURES:
        raise InputError(
            f"no agent-month evidence for {measure!r}: use one of {', '.join(sorted(MEASURES))}"
        )
    if site and measure == "occupancy":
        raise InputError("occupancy is measured per engagement, not per site: leave out site")
    chosen = parse_period(period)
    limits = thresholds or WelfareThresholds()
    with open_people(ws, engagement_id) as data:
        found = _rows(ws, data, measure, chosen, limits)
        t = found.table
        if site:
            t = t.filter(t.site_id == site)
        figure, total, flagged = _figure(data, t, found, chosen)
        page = (
            t.order_by([t.month, t.agent_ref])
            .select("agent_ref", "month", "site_id", "_flag", *found.columns)
            .limit(limit, offset=offset)
            .to_pyarrow()
            .to_pylist()
        )
        batches = _batches(data.agent_months, page)
    files = {b.batch_id: b.files for b in list_batches(ws, engagement_id=engagement_id)}
    return AgentMonthSample(
        engagement_id=engagement_id,
        measure=measure,
        period=chosen.label,
        site=site,
        population=found.words,
        columns=found.columns,
        total=total,
        flagged=flagged,
        figure=figure,
        rows=[_row(r, found.columns, batches, files) for r in page],
        offset=offset,
    )


def _rows(
    ws: Workspace, data: PeopleData, measure: str, period: Period, limits: WelfareThresholds
) -> _Rows:
    facts = month_facts(data, period)
    if measure == "living_wage":
        sites = engagement_sites(ws, data.engagement)
        benchmarks = site_benchmarks(ws, sites, year=period.last_day.year, rates=None)
        paid = paid_facts(facts, sites, limits)
        compared = pay.compared_months(paid, benchmarks)
        agents = pay.agent_pay(paid, benchmarks).select(
            a_site="site_id", a_agent="agent_ref", mean_pay="pay"
        )
        j = compared.join(
            agents, [compared.site_id == agents.a_site, compared.agent_ref == agents.a_agent]
        )
        t = j.mutate(_flag=(j.mean_pay < j.b_floor).fill_null(False), floor=j.b_floor)
        cols = ["gross_pay", "paid_hours", "effective_pay", "mean_pay", "floor"]
        words = (
            "full months paid in the site's currency; flagged: the agent's mean pay below the floor"
        )
        return _Rows(t, cols, words, "share")
    if measure == "training_hours":
        t = facts.filter(facts.training_hours.notnull()).mutate(_flag=ibis.null("boolean"))
        return _Rows(t, ["training_hours"], "agent-months reporting training", "mean")
    if measure == "occupancy":
        t = facts.mutate(_flag=ibis.null("boolean"))
        words = "agent-months and their logged-in hours (occupancy's denominator)"
        return _Rows(t, ["logged_in_hours", "paid_hours"], words, "occupancy")
    checked = hours.hours_checks(
        facts,
        regular_limit=limits.regular_week_hours,
        overtime_limit=limits.overtime_week_hours,
    )
    if measure == HOURS_BREACH:
        flag = functools.reduce(operator.or_, [checked[f] for f in HOUR_FLAGS.values()])
        words = "agent-months judged on SA8000 hours; flagged: any limit broken"
        return _Rows(checked.mutate(_flag=flag), _HOUR_COLUMNS, words, "row_share")
    t = checked.mutate(_flag=checked[HOUR_FLAGS[measure]])
    words = f"agent-months judged on SA8000 hours; flagged: {measure.replace('_', ' ')}"
    return _Rows(t, _HOUR_COLUMNS, words, "count")


def _figure(
    data: PeopleData, t: ir.Table, found: _Rows, period: Period
) -> tuple[float | None, int, int | None]:
    """The figure the rows make, how many rows, and how many flagged."""
    s: dict[str, Any] = (
        t.aggregate(
            total=t.count(),
            flagged=t._flag.fill_null(False).cast("int64").sum(),
            agents=t.agent_ref.nunique(),
            agents_flagged=t.agent_ref.nunique(where=t._flag.fill_null(False)),
            value_sum=t[found.columns[0]].sum(),
            value_rows=t[found.columns[0]].count(),
        )
        .to_pyarrow()
        .to_pylist()[0]
    )
    total = int(s["total"] or 0)
    if found.figure == "count":
        n = int(s["flagged"] or 0)
        return float(n), total, n
    if found.figure == "row_share":
        n = int(s["flagged"] or 0)
        return (n / total if total else None), total, n
    if found.figure == "share":
        agents, below = int(s["agents"] or 0), int(s["agents_flagged"] or 0)
        return (below / agents if agents else None), total, below
    if found.figure == "mean":
        rows = int(s["value_rows"] or 0)
        return (hours.training_mean(s["value_sum"], rows)), total, None
    handled = occupancy.handle_hours_by_month(data.interactions, month_starts(period))
    logged = float(s["value_sum"] or 0)
    return (sum(handled.values()) / logged if logged else None), total, None


def _batches(
    agent_months: ir.Table, page: list[dict[str, Any]]
) -> dict[tuple[str, Any], list[str]]:
    """The batches that delivered each listed agent-month (re-deliveries are merged)."""
    if not page:
        return {}
    am = agent_months.mutate(month=agent_months.month.truncate("M"))
    am = am.filter(
        am.agent_ref.isin(sorted({r["agent_ref"] for r in page})),
        am.month.isin(sorted({r["month"] for r in page})),
    )
    found: dict[tuple[str, Any], list[str]] = {}
    rows = am.select("agent_ref", "month", "batch_id").distinct().to_pyarrow().to_pylist()
    for r in sorted(rows, key=lambda r: str(r["batch_id"])):
        if r["batch_id"]:
            found.setdefault((r["agent_ref"], r["month"]), []).append(str(r["batch_id"]))
    return found


def _row(
    r: dict[str, Any],
    columns: list[str],
    batches: dict[tuple[str, Any], list[str]],
    files: dict[str, list[str]],
) -> EvidenceAgentMonth:
    ids = batches.get((r["agent_ref"], r["month"]), [])
    month = r["month"]
    return EvidenceAgentMonth(
        agent_ref=str(r["agent_ref"]),
        month=month.date() if hasattr(month, "date") and callable(month.date) else month,
        site_id=r["site_id"],
        values={c: None if r[c] is None else float(r[c]) for c in columns},
        flagged=r["_flag"],
        batch_ids=ids,
        files=sorted({f for b in ids for f in files.get(b, [])}),
    )
