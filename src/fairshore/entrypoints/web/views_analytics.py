"""What the analytics pages and their API share: service calls turned into API schemas.

Stored results are read as they are (SLA evaluations, the findings register,
incidents). What has no stored form (KPI trends, the parity audit, the people report,
staffing adequacy, claims checks, TCO, reports) is computed by its service once and
kept in ``lake_memo.MEMO`` while the lake files it read are unchanged, so a page is slow only
the first time after new data arrives.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

from fairshore.bootstrap import Workspace
from fairshore.contracts import services as contracts
from fairshore.engagements.model import Engagement
from fairshore.entrypoints.web.lake_memo import (
    MEMO,
    lake_files,
    lake_months,
    lake_stamp,
    memo_key,
    num,
)
from fairshore.entrypoints.web.public import present
from fairshore.entrypoints.web.schemas_analytics import (
    AnomalyPublic,
    ClausePublic,
    ContractPublic,
    FindingBrief,
    IncidentPublic,
    KpiTrendPublic,
    ParityAuditPublic,
    ParityGroupPublic,
    ParityOutcomePublic,
    ParityPublic,
    PeopleMonthPublic,
    PeoplePublic,
    PrivacyPublic,
    SitePayPublic,
    SlaPeriodPublic,
    SlaPublic,
    SlaTotals,
    StaffingPublic,
)
from fairshore.errors import InputError
from fairshore.governance.model import Finding
from fairshore.parity.model import GroupFrame

KPI_BY_DEFAULT = ("month", "channel")
KPI_MONTHS = 12  # default window of the KPI trends: the last 12 months with data


def brief(findings: Iterable[Finding]) -> list[FindingBrief]:
    return [present(FindingBrief, f) for f in findings]


# --- KPI trends -------------------------------------------------------------------


def parse_by(text: str | None) -> tuple[str, ...]:
    """``month,channel`` -> ("month", "channel"); at most four names, each once."""
    if not text:
        return KPI_BY_DEFAULT
    names = tuple(dict.fromkeys(n.strip() for n in text.split(",") if n.strip()))
    if not names or len(names) > 4:
        raise InputError("by takes one to four names, e.g. by=month,channel")
    return names


def kpi_trend(
    ws: Workspace,
    engagement: Engagement,
    *,
    by: tuple[str, ...] = KPI_BY_DEFAULT,
    start: date | None = None,
    end: date | None = None,
) -> KpiTrendPublic:
    """The KPI set per group (default month x channel), one query, kept until new data.

    Without ``start`` and ``end`` the query covers the last 12 months with data (the
    lake's month partitions), so its cost is bounded however much history is stored.
    """
    from fairshore.metrics.periods import parse_period
    from fairshore.metrics.services import compute_kpis, split_by

    split_by(by)  # refuses unknown names and two periods before anything runs
    months = lake_months(ws, "interactions", engagement.id)
    if start is None and end is None and months:
        start = parse_period(months[max(0, len(months) - KPI_MONTHS)]).start
    if not months:
        return KpiTrendPublic(
            engagement_id=engagement.id,
            status="no_data",
            by=list(by),
            start=start,
            end=end,
            rows=[],
            count=0,
        )

    def compute() -> KpiTrendPublic:
        table = compute_kpis(
            ws,
            engagement_id=engagement.id,
            by=by,
            start=datetime.combine(start, datetime.min.time(), UTC) if start else None,
            end=datetime.combine(end, datetime.min.time(), UTC) if end else None,
        )
        rows = sorted(
            table.rows, key=lambda r: (r.period or "", *[str(v) for v in r.group.values()])
        )
        return KpiTrendPublic(
            engagement_id=engagement.id,
            status="ok",
            by=list(by),
            start=start,
            end=end,
            rows=rows,
            count=len(rows),
        )

    key = memo_key(ws, "kpis", engagement.id, by, start, end)
    return MEMO.get(key, lake_stamp(ws, [engagement.id]), compute)


# --- Contract and SLA -------------------------------------------------------------


def sla_view(ws: Workspace, engagement: Engagement) -> SlaPublic:
    """Every period's stored SLA evaluation (latest of each), with totals."""
    periods = []
    for ev in contracts.sla_history(ws, engagement_id=engagement.id):
        counts = ev.counts()
        periods.append(
            present(
                SlaPeriodPublic,
                ev,
                met=counts["met"],
                breached=counts["breached"],
                insufficient=counts["insufficient_data"] + counts["not_measurable"],
                capped=ev.credits_before_cap > ev.cap,
            )
        )
    totals = SlaTotals(
        periods=len(periods),
        breached_term_periods=sum(p.breached for p in periods),
        credits_before_cap=round(sum(p.credits_before_cap for p in periods), 2),
        credits_owed=round(sum(p.credits_owed for p in periods), 2),
        earned_back=round(sum(p.earned_back for p in periods), 2),
        net_credit=round(sum(p.net_credit for p in periods), 2),
        capped_periods=sum(p.capped for p in periods),
    )
    return SlaPublic(
        engagement_id=engagement.id,
        status="ok" if periods else "no_data",
        currency=periods[-1].currency if periods else None,
        periods=periods,
        totals=totals,
    )


def _clause_text(value: object) -> str:
    if isinstance(value, bool):
        return "allowed" if value else "not allowed"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in value.items())
    return str(value)


def contract_view(ws: Workspace, engagement: Engagement) -> ContractPublic:
    """The newest stored contract version of the engagement, readable, with its YAML."""
    versions = contracts.list_contract_versions(ws, engagement_id=engagement.id)
    if not versions:
        return ContractPublic(engagement_id=engagement.id, status="no_data")
    contract, body = versions[0]
    clauses = contract.ethical_clauses.model_dump(exclude_none=True)
    ethical_credits = contract.service_credits.ethical
    return ContractPublic(
        engagement_id=engagement.id,
        status="ok",
        contract_id=contract.id,
        version=contract.version,
        versions=[c.version for c, _ in versions],
        client=contract.parties.client,
        vendor=contract.parties.vendor,
        effective_from=contract.effective.start,
        effective_to=contract.effective.end,
        monthly_fee=contract.fee.monthly,
        currency=contract.fee.currency,
        cap_share=contract.service_credits.cap_share,
        earn_back_periods=(
            contract.service_credits.earn_back.periods
            if contract.service_credits.earn_back
            else None
        ),
        service_terms=list(contract.service_terms),
        ethical_clauses=[
            ClausePublic(key=k, value=_clause_text(v), credit_share=ethical_credits.get(k))
            for k, v in clauses.items()
        ],
        yaml=body,
    )


# --- Parity -----------------------------------------------------------------------


def parity_view(ws: Workspace, engagement: Engagement) -> ParityPublic:
    """The parity audit over language and every declared segment, kept until new data."""
    from fairshore.parity.services import audit_parity_many

    if not lake_files(ws, "interactions", engagement.id):
        return ParityPublic(engagement_id=engagement.id, status="no_data", audits=[])
    dimensions = engagement.parity_dimensions

    def compute() -> ParityPublic:
        audits = audit_parity_many(ws, engagement_id=engagement.id, by=dimensions)
        return ParityPublic(
            engagement_id=engagement.id,
            status="ok",
            audits=[
                present(
                    ParityAuditPublic,
                    a,
                    findings=brief(a.findings),
                    outcomes=[_parity_outcome(f) for f in a.frames],
                )
                for a in audits
            ],
        )

    key = memo_key(ws, "parity", engagement.id, dimensions)
    return MEMO.get(key, lake_stamp(ws, [engagement.id]), compute)


def _parity_outcome(frame: GroupFrame) -> ParityOutcomePublic:
    return present(
        ParityOutcomePublic,
        frame,
        outcome=frame.outcome.name,
        kind=frame.outcome.kind,
        higher_is_better=frame.outcome.higher_is_better,
        groups=[
            present(ParityGroupPublic, g, flagged=g.flagged_raw or g.flagged_adjusted)
            for g in frame.groups
        ],
    )


# --- People -----------------------------------------------------------------------


def people_view(ws: Workspace, engagement: Engagement) -> PeoplePublic:
    """Welfare and pay over every reported month, kept until new data."""
    from fairshore.people.services import people_report

    if not lake_files(ws, "agent_months", engagement.id) and not lake_files(
        ws, "agents", engagement.id
    ):
        return PeoplePublic(engagement_id=engagement.id, status="no_data")

    def compute() -> PeoplePublic:
        report = people_report(ws, engagement.id)
        flows = {m.month: m for m in report.workforce.monthly if m.group is None}
        hours = {m.month: m for m in report.hours.monthly}
        occupancy = {m.month: m for m in report.occupancy.monthly}
        months = sorted(set(flows) | set(hours) | set(occupancy))
        overall = report.workforce.overall
        return PeoplePublic(
            engagement_id=engagement.id,
            status="ok",
            period=report.period.label,
            attrition_annualised=num(overall.annual_rate),
            early_share_of_leavers=num(overall.early_share_of_leavers),
            average_headcount=num(overall.average_headcount),
            in_house_share=num(report.workforce.in_house_share),
            median_tenure_days=num(report.workforce.median_tenure_days),
            training_hours_mean=num(report.hours.training_hours_mean),
            hours_breach_share=num(report.hours.breach_share),
            occupancy=num(report.occupancy.overall),
            burnout_threshold=report.occupancy.burnout_threshold,
            months=[
                PeopleMonthPublic(
                    month=m,
                    headcount_end=flows[m].headcount_end if m in flows else None,
                    hires=flows[m].hires if m in flows else None,
                    leavers=flows[m].leavers if m in flows else None,
                    attrition=num(flows[m].attrition) if m in flows else None,
                    occupancy=num(occupancy[m].occupancy) if m in occupancy else None,
                    training_hours_mean=num(hours[m].training_hours_mean) if m in hours else None,
                    overtime_over_limit=hours[m].overtime_over_limit if m in hours else None,
                )
                for m in months
            ],
            sites=[
                present(
                    SitePayPublic,
                    s,
                    floor_monthly=s.benchmark.floor_monthly if s.benchmark else None,
                    floor_kind=s.benchmark.floor_kind if s.benchmark else None,
                    floor_source=_floor_source(s.benchmark),
                )
                for s in report.pay.sites
            ],
            data_gaps=report.data_gaps,
            findings=brief(report.findings),
            wellbeing=report.wellbeing,
            pulse=report.pulse,
        )

    key = memo_key(ws, "people", engagement.id)
    return MEMO.get(key, lake_stamp(ws, [engagement.id]), compute)


def _floor_source(benchmark: Any) -> str | None:
    if benchmark is None:
        return None
    figure = benchmark.living_wage if benchmark.floor_kind == "living_wage" else None
    figure = figure or benchmark.minimum_wage or benchmark.living_wage
    if figure is None:
        return None
    return f"{figure.kind}, {figure.source} ({figure.year or 'year not stated'})"


# --- Privacy ----------------------------------------------------------------------


def privacy_view(ws: Workspace, engagement: Engagement) -> PrivacyPublic:
    """Incidents with their clocks now, and the access anomalies in the findings register."""
    from fairshore.governance import services as governance
    from fairshore.privacy.regimes import profiles_for
    from fairshore.privacy.services import list_incidents

    incidents = [
        present(IncidentPublic, v.incident, clocks=v.clocks)
        for v in list_incidents(ws, engagement_id=engagement.id)
    ]
    from fairshore.entrypoints.web.pages_evidence_access import access_events_link

    back = f"/engagements/{engagement.id}/privacy"
    anomalies = [
        present(
            AnomalyPublic,
            r.finding,
            finding_id=r.id,
            status=r.display_status,
            days=r.periods,
            day_links={
                o.period: link
                for o in r.occurrences
                if o.period
                and (link := access_events_link(engagement.id, o.evidence, o.period, back=back))
            },
        )
        for r in governance.list_findings(ws, engagement_id=engagement.id, source="access_anomaly")
    ]
    has_data = bool(incidents or anomalies or lake_files(ws, "access_events", engagement.id))
    return PrivacyPublic(
        engagement_id=engagement.id,
        status="ok" if has_data else "no_data",
        incidents=incidents,
        anomalies=anomalies,
        regimes=[p.name for p in profiles_for(engagement.regimes)],
        regimes_assumed=not engagement.regimes,
    )


# --- Staffing ---------------------------------------------------------------------


def staffing_view(ws: Workspace, engagement: Engagement) -> StaffingPublic:
    """Staffing adequacy per month (Erlang C against measured), kept until new data."""
    from fairshore.staffing.services import check_adequacy

    if not lake_files(ws, "interactions", engagement.id):
        return StaffingPublic(engagement_id=engagement.id, status="no_data")

    def compute() -> StaffingPublic:
        report = check_adequacy(ws, engagement.id)
        return StaffingPublic(
            engagement_id=engagement.id,
            status="ok" if report.months else "no_data",
            interval_min=report.interval_min,
            service_level_target=report.target.service_level,
            threshold_s=report.target.threshold_s,
            max_occupancy=report.target.max_occupancy,
            channels=list(report.channels),
            months=list(report.months),
            findings=brief(report.findings),
            notes=report.notes,
        )

    key = memo_key(ws, "staffing", engagement.id)
    return MEMO.get(key, lake_stamp(ws, [engagement.id]), compute)
