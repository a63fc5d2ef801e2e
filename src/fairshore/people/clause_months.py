"""The people clause providers over many whole months at once.

Evaluating a contract month by month over a year asks each clause of every month;
measured one month at a time that is a dozen lake reads and queries per clause.
Here each clause of every month comes from one query grouped by month, over the
same figures the one-period providers in ``clause_services`` compute (each month's
agent-month facts, flows and pay are that month's alone), and its measurement is
built by the same builder (``clauses``). Spans that are not whole calendar months
go to the one-period provider.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from fairshore.contracts.model import ClauseMeasurement
from fairshore.people import clauses, hours, occupancy, pay, training, workforce
from fairshore.people.benchmark_services import site_benchmarks
from fairshore.people.clause_services import CLAUSE_PROVIDERS
from fairshore.people.model import WelfareThresholds, month_end
from fairshore.people.sources import (
    PeopleData,
    clause_period,
    engagement_sites,
    month_facts,
    open_people,
)
from fairshore.people.welfare_services import paid_facts, site_pays

if TYPE_CHECKING:
    import ibis.expr.types as ir

    from fairshore.bootstrap import Workspace

Span = tuple[date, date]
Measurements = list[ClauseMeasurement | None]


def whole_months(spans: Sequence[Span]) -> list[date] | None:
    """The first days of the spans when each is one whole calendar month, else None."""
    if not spans or any(s.day != 1 or e != month_end(s) for s, e in spans):
        return None
    return [s for s, _ in spans]


def _facts(data: PeopleData, months: list[date]) -> ir.Table:
    """The agent-month facts of every month from the first to the last asked."""
    return month_facts(data, clause_period(min(months), month_end(max(months))))


def training_hours(ws: Workspace, engagement_id: str, months: list[date]) -> Measurements:
    """``min_training_hours`` of each month."""
    with open_people(ws, engagement_id) as data:
        by_month = hours.training_by_month(_facts(data, months))
    out = []
    for m in months:
        total, rows = by_month.get(m, (None, 0))
        out.append(clauses.training(hours.training_mean(total, rows), rows))
    return out


def occupancy_(ws: Workspace, engagement_id: str, months: list[date]) -> Measurements:
    """``max_occupancy`` of each month."""
    limits = WelfareThresholds()
    with open_people(ws, engagement_id) as data:
        handle = occupancy.handle_hours_by_month(data.interactions, months)
        logged = occupancy.logged_in_hours_by_month(_facts(data, months))
    return [
        clauses.occupancy(
            occupancy.occupancy_summary(
                handle,
                logged,
                [m],
                threshold=limits.burnout_occupancy,
                cap=limits.max_occupancy,
            )
        )
        for m in months
    ]


def living_wage(ws: Workspace, engagement_id: str, months: list[date]) -> Measurements:
    """``living_wage_floor`` of each month (benchmarks of the month's year)."""
    found: dict[date, ClauseMeasurement | None] = {}
    with open_people(ws, engagement_id) as data:
        sites = engagement_sites(ws, data.engagement)
        paid = paid_facts(_facts(data, months), sites, WelfareThresholds())
        for year in sorted({m.year for m in months}):
            benchmarks = site_benchmarks(ws, sites, year=year, rates=None)
            agents = pay.agent_pay(paid, benchmarks, by_month=True).to_pyarrow().to_pylist()
            odd = pay.other_currency_by_month(paid, benchmarks)
            for m in (m for m in months if m.year == year):
                mine = [a for a in agents if a["month"] == m]
                here = {site: n for (site, month), n in odd.items() if month == m}
                found[m] = clauses.living_wage(site_pays(sites, mine, benchmarks, here, None))
    return [found[m] for m in months]


def attrition(ws: Workspace, engagement_id: str, months: list[date]) -> Measurements:
    """``max_attrition`` of each month: the twelve months to it (SHRM annual turnover)."""
    span = sorted({m for last in months for m in workforce.trailing_months(last)})
    with open_people(ws, engagement_id) as data:
        rows = workforce.monthly_flows(data.spells, span).to_pyarrow().to_pylist()
    flows = workforce.flow_months(rows)
    return [clauses.attrition(workforce.trailing_attrition(flows, m)) for m in months]


def in_house_share(ws: Workspace, engagement_id: str, months: list[date]) -> Measurements:
    """``min_in_house_share`` of each month."""
    with open_people(ws, engagement_id) as data:
        model = workforce.employment_model_by_month(data.spells, months)
    return [clauses.in_house_share(model[m]) for m in months]


MonthlyMeasure = Callable[["Workspace", str, list[date]], Measurements]
MONTHLY: dict[str, MonthlyMeasure] = {
    "min_training_hours": training_hours,
    "max_occupancy": occupancy_,
    "living_wage_floor": living_wage,
    "max_attrition": attrition,
    "min_in_house_share": in_house_share,
    "min_onboarding_hours": training.onboarding_months,
    **{key: many for key, (_, many) in training.TOPIC_PROVIDERS.items()},
}


def many_provider(key: str) -> Callable[[Workspace, str, Sequence[Span]], Measurements]:
    """The provider of clause ``key`` over many spans: by month when every span is one
    whole month, else one period at a time."""
    monthly = MONTHLY[key]
    single = CLAUSE_PROVIDERS[key]

    def measure(ws: Workspace, engagement_id: str, spans: Sequence[Span]) -> Measurements:
        months = whole_months(spans)
        if months is None or len(months) < 2:
            return [single(ws, engagement_id, s, e) for s, e in spans]
        return monthly(ws, engagement_id, months)

    return measure
