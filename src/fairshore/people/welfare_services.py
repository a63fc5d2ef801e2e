"""The welfare report use case: attrition, hours, occupancy and pay of an engagement."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fairshore.engagements import services as engagements
from fairshore.engagements.model import Site
from fairshore.governance.model import Finding
from fairshore.metrics.periods import Period
from fairshore.people import benchmarks as bm
from fairshore.people import findings, hours, occupancy, pay, wellbeing, workforce
from fairshore.people.benchmark_services import site_benchmarks
from fairshore.people.model import (
    Hours,
    LocationBenchmark,
    MeasuredPay,
    Occupancy,
    Pay,
    PeopleReport,
    RateTable,
    WelfareThresholds,
    Workforce,
)
from fairshore.people.pulse_services import pulse_of
from fairshore.people.sources import (
    PeopleData,
    data_period,
    engagement_sites,
    month_facts,
    month_starts,
    open_people,
)
from fairshore.people.wellbeing_services import wellbeing_of

if TYPE_CHECKING:
    import ibis.expr.types as ir

    from fairshore.bootstrap import Workspace


def workforce_of(data: PeopleData, period: Period, thresholds: WelfareThresholds) -> Workforce:
    months = month_starts(period)
    # the period's months, and the twelve months to its end for the trailing attrition
    span = sorted({*months, *workforce.trailing_months(months[-1])})
    flows = workforce.flow_months(
        workforce.monthly_flows(data.spells, span).to_pyarrow().to_pylist()
    )
    groups: dict[str, list[Any]] = {}
    for dim in ("site_id", "employment_type"):
        rows = workforce.monthly_flows(data.spells, span, by=dim).to_pyarrow().to_pylist()
        by_group = workforce.flow_months(rows)
        names = sorted({f.group or "unknown" for f in by_group})
        groups[dim] = [
            workforce.period_attrition([f for f in by_group if f.group == n], months, group=n)
            for n in names
        ]
    tenure, median = workforce.tenure_buckets(data.spells, period.last_day)
    model = workforce.employment_model(data.spells, period.start, period.last_day)
    return Workforce(
        monthly=[f for f in flows if f.month in months],
        overall=workforce.period_attrition(flows, months),
        by_site=groups["site_id"],
        by_employment_type=groups["employment_type"],
        tenure=tenure,
        median_tenure_days=median,
        employment_model=model,
        in_house_share=workforce.in_house_share(model),
        span=workforce.supervisor_span(data.spells, period.last_day, limit=thresholds.max_span),
    )


def hours_of(facts: ir.Table, thresholds: WelfareThresholds) -> Hours:
    checked = hours.hours_checks(
        facts,
        regular_limit=thresholds.regular_week_hours,
        overtime_limit=thresholds.overtime_week_hours,
    )
    return hours.hours_summary(checked)


def occupancy_of(
    data: PeopleData, facts: ir.Table, period: Period, thresholds: WelfareThresholds
) -> Occupancy:
    return occupancy.occupancy_summary(
        occupancy.handle_hours_by_month(data.interactions, month_starts(period)),
        occupancy.logged_in_hours_by_month(facts),
        month_starts(period),
        threshold=thresholds.burnout_occupancy,
        cap=thresholds.max_occupancy,
    )


def pay_of(
    ws: Workspace,
    data: PeopleData,
    facts: ir.Table,
    period: Period,
    thresholds: WelfareThresholds,
    rates: RateTable | None,
) -> Pay:
    sites = engagement_sites(ws, data.engagement)
    benchmarks = site_benchmarks(ws, sites, year=period.last_day.year, rates=rates)
    paid = paid_facts(facts, sites, thresholds)
    agents = pay.agent_pay(paid, benchmarks).to_pyarrow().to_pylist()
    odd = pay.other_currency_rows(paid, benchmarks)
    return site_pays(sites, agents, benchmarks, odd, rates)


def paid_facts(facts: ir.Table, sites: list[Site], thresholds: WelfareThresholds) -> ir.Table:
    if len(sites) == 1:  # a single-site engagement: rows without a site are that site's
        facts = facts.mutate(site_id=facts.site_id.fill_null(sites[0].id))
    return pay.effective_pay(facts, part_time_below=thresholds.part_time_below_hours)


def site_pays(
    sites: list[Site],
    agents: list[dict[str, Any]],
    benchmarks: dict[str, LocationBenchmark],
    odd: dict[str, int],
    rates: RateTable | None,
) -> Pay:
    site_rows = [
        pay.site_pay(
            agents,
            s.id,
            benchmarks[s.id],
            warnings=(
                [f"{odd[s.id]} agent-months paid in another currency: not compared"]
                if s.id in odd
                else []
            ),
        )
        for s in sites
    ]
    return Pay(sites=site_rows, rates=rates, standard_monthly_hours=bm.STANDARD_MONTHLY_HOURS)


def _gaps(facts: ir.Table, occ: Occupancy, sites: list[Site]) -> list[str]:
    gaps = []
    counts = (
        facts.aggregate(
            rows=facts.count(),
            off_roster=facts.days_employed.isnull().cast("int64").sum(),
            no_site=facts.site_id.isnull().cast("int64").sum(),
        )
        .to_pyarrow()
        .to_pylist()[0]
    )
    if counts["off_roster"]:
        gaps.append(f"{counts['off_roster']} agent-months of agents not on the roster")
    if counts["no_site"] and len(sites) != 1:
        gaps.append(f"{counts['no_site']} agent-months without a site: pay not compared")
    if not sites:
        gaps.append("the engagement has no sites: pay cannot be compared with a location")
    if not occ.monthly or occ.handle_hours == 0:
        gaps.append("no interactions with handle time: occupancy not measured")
    return gaps


def _missing_months(data: PeopleData, facts: ir.Table, period: Period) -> list[str]:
    """Roster agent-months with no agent-month row (the vendor did not report them)."""
    frame = workforce.month_frame(month_starts(period))
    s = data.spells
    active = s.cross_join(frame).filter(
        (s.hired_on <= frame.month_end) & (s.left_on.isnull() | (s.left_on >= frame.month))
    )
    expected = active.select("agent_ref", "month").distinct()
    reported = facts.select(r_agent="agent_ref", r_month="month")
    missing = expected.anti_join(
        reported,
        [expected.agent_ref == reported.r_agent, expected.month == reported.r_month],
    )
    n = int(missing.count().to_pyarrow().as_py())
    return [f"{n} roster agent-months have no hours or pay reported"] if n else []


def people_report(
    ws: Workspace,
    engagement_id: str,
    *,
    period: Period | None = None,
    thresholds: WelfareThresholds | None = None,
    rates: RateTable | None = None,
) -> PeopleReport:
    """Agent welfare of one engagement over a period (default: all months reported).

    Parameters
    ----------
    ws
        The open workspace.
    engagement_id
        The engagement whose ``agents``, ``agent_months`` and ``interactions`` are read.
    period
        Whole months to report; default from the first to the last reported month.
    thresholds
        Standards by default (85 % occupancy, span 20, SA8000 hours); contract values
        (occupancy cap, attrition ceiling, training minimum, in-house floor) when given.
    rates
        Exchange rates for benchmarks published in another currency than the pay.
    """
    limits = thresholds or WelfareThresholds()
    if rates is not None:  # a rate table is no key: computed each time
        return _people_report(ws, engagement_id, period, limits, rates)
    # A report's sections and the claims it checks read the same report (Workspace.reading).
    return ws.kept(
        ("people_report", engagement_id, period, limits),
        lambda: _people_report(ws, engagement_id, period, limits, None),
    )


def _people_report(
    ws: Workspace,
    engagement_id: str,
    period: Period | None,
    limits: WelfareThresholds,
    rates: RateTable | None,
) -> PeopleReport:
    with open_people(ws, engagement_id) as data:
        chosen = period or data_period(data)
        facts = month_facts(data, chosen)
        staff = workforce_of(data, chosen, limits)
        worked = hours_of(facts, limits)
        occ = occupancy_of(data, facts, chosen, limits)
        paid = pay_of(ws, data, facts, chosen, limits, rates)
        sites = engagement_sites(ws, data.engagement)
        gaps = _gaps(facts, occ, sites) + _missing_months(data, facts, chosen)
        index = wellbeing_of(ws, data, facts, chosen, sites, limits)
    voiced = pulse_of(ws, engagement_id)
    ttm = staff.overall.trailing
    if ttm is not None and not ttm.complete:
        gaps.append(
            f"agents in post in {ttm.months_with_headcount} of the twelve months to "
            f"{ttm.last_month:%Y-%m}: annual attrition shown, not judged"
        )
    found: list[Finding] = [
        *findings.pay_findings(engagement_id, paid, chosen),
        *findings.occupancy_findings(engagement_id, occ, limits),
        *findings.hours_findings(engagement_id, worked, chosen),
        *findings.workforce_findings(engagement_id, staff, worked, chosen, limits),
        *wellbeing.worsening_findings(engagement_id, index),
    ]
    return PeopleReport(
        engagement_id=engagement_id,
        period=chosen,
        thresholds=limits,
        workforce=staff,
        hours=worked,
        occupancy=occ,
        pay=paid,
        data_gaps=gaps,
        findings=found,
        wellbeing=index,
        pulse=voiced,
    )


def people_pay(ws: Workspace, engagement_id: str, *, period: Period | None = None) -> MeasuredPay:
    """Only the pay part of :func:`people_report` (standard thresholds, the same default
    period): a cost model reads pay, and the rest of the report is most of its cost.

    Inside ``ws.reading()`` an engagement's pay over the same days is computed once,
    whatever kind of period names them: the living-wage clause and the living-wage
    share of the vendor's claims read the same pay."""
    days = None if period is None else (period.start, period.end)
    measured = ws.kept(
        ("people_pay", engagement_id, days), lambda: _people_pay(ws, engagement_id, period)
    )
    if period is None or measured.period == period:
        return measured
    return measured.model_copy(update={"period": period})


def _people_pay(ws: Workspace, engagement_id: str, period: Period | None) -> MeasuredPay:
    with open_people(ws, engagement_id) as data:
        chosen = period or data_period(data)
        facts = month_facts(data, chosen)
        paid = pay_of(ws, data, facts, chosen, WelfareThresholds(), None)
    return MeasuredPay(engagement_id=engagement_id, period=chosen, pay=paid)


def people_findings(
    ws: Workspace, engagement_id: str, *, period: Period | None = None, **options: Any
) -> list[Finding]:
    """Only the findings of :func:`people_report` (for the governance register)."""
    return people_report(ws, engagement_id, period=period, **options).findings


def people_reports(
    ws: Workspace,
    *,
    engagement_ids: list[str] | None = None,
    period: Period | None = None,
) -> dict[str, PeopleReport]:
    """Reports of several engagements (default: every engagement with roster data)."""
    ids = engagement_ids or [e.id for e in engagements.list_engagements(ws)]
    lake = ws.lake_reader
    with_data = [e for e in ids if lake.has_rows("agents", e) or lake.has_rows("agent_months", e)]
    return {e: people_report(ws, e, period=period) for e in with_data}
