"""API schemas of the analytics pages: the services' own result types, or derived from them.

What the pages render and ``/api/v1`` returns is the service's result object (a KPI row,
an SLA evaluation, a staffing month ...). Where the public shape hides a field or adds
a figure, it is derived from the service's type in one line through ``public`` (never
copied field by field), so a field added to a result reaches the API by itself.

Numbers that could not be computed are ``null`` (never NaN, never 0); ``status`` says
``no_data`` when nothing has been ingested or evaluated yet.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from fairshore.contracts.model import Evaluation, ServiceTerm
from fairshore.costs.model import BenchmarkNote, OptionSummary, PayNote
from fairshore.entrypoints.web.public import public
from fairshore.governance.model import Finding
from fairshore.metrics.model import KpiRow
from fairshore.parity.model import GroupFrame, GroupResult, ParityAudit
from fairshore.people.model import SitePay
from fairshore.people.pulse import PulseReport
from fairshore.people.wellbeing import Wellbeing
from fairshore.privacy.model import Clock, Incident
from fairshore.staffing.model import AdequacyMonth
from fairshore.vetting.measured import ClaimCheck
from fairshore.vetting.model import Contribution, PillarScore
from fairshore.vetting.ranking import RankRow

DataStatus = Literal["ok", "no_data"]

# Each derived schema below subclasses its service type's public shape (``public``),
# built at import: mypy cannot see a class made at run time, hence one ignore each.


_FINDING_BRIEF = public(Finding, include=("key", "severity", "title", "detail", "period"))


class FindingBrief(_FINDING_BRIEF):  # type: ignore[misc,valid-type]
    """A finding as the analytics views list it (the register has the rest)."""


class KpiTrendPublic(BaseModel):
    engagement_id: str
    status: DataStatus
    by: list[str]
    start: date | None
    end: date | None
    rows: list[KpiRow]
    count: int


class SlaPeriodPublic(Evaluation):
    """One period's stored evaluation, with its terms counted by status."""

    met: int
    breached: int
    insufficient: int
    capped: bool


class SlaTotals(BaseModel):
    periods: int
    breached_term_periods: int
    credits_before_cap: float
    credits_owed: float
    earned_back: float
    net_credit: float
    capped_periods: int


class SlaPublic(BaseModel):
    engagement_id: str
    status: DataStatus
    currency: str | None
    periods: list[SlaPeriodPublic]
    totals: SlaTotals


class ClausePublic(BaseModel):
    key: str
    value: str
    credit_share: float | None


class ContractPublic(BaseModel):
    engagement_id: str
    status: DataStatus
    contract_id: str | None = None
    version: int | None = None
    versions: list[int] = Field(default_factory=list)
    client: str | None = None
    vendor: str | None = None
    effective_from: date | None = None
    effective_to: date | None = None
    monthly_fee: float | None = None
    currency: str | None = None
    cap_share: float | None = None
    earn_back_periods: int | None = None
    service_terms: list[ServiceTerm] = Field(default_factory=list)
    ethical_clauses: list[ClausePublic] = Field(default_factory=list)
    yaml: str | None = None


_PARITY_GROUP_PUBLIC = public(GroupResult, extra={"flagged": bool})


class ParityGroupPublic(_PARITY_GROUP_PUBLIC):  # type: ignore[misc,valid-type]
    """One group's result; ``flagged`` when the finding rule fired raw or adjusted."""


_PARITY_OUTCOME_PUBLIC = public(
    GroupFrame,
    include=("overall", "best_group", "groups"),
    nested={"groups": list[ParityGroupPublic]},
    extra={"outcome": str, "kind": str, "higher_is_better": bool},
)


class ParityOutcomePublic(_PARITY_OUTCOME_PUBLIC):  # type: ignore[misc,valid-type]
    """One outcome across the groups of a dimension (the outcome named, not nested)."""


_PARITY_AUDIT_PUBLIC = public(
    ParityAudit,
    include=("dimension", "controls", "findings", "notes", "rule"),
    nested={"findings": list[FindingBrief]},
    extra={"outcomes": list[ParityOutcomePublic]},
)


class ParityAuditPublic(_PARITY_AUDIT_PUBLIC):  # type: ignore[misc,valid-type]
    """A parity audit along one dimension."""


class ParityPublic(BaseModel):
    engagement_id: str
    status: DataStatus
    audits: list[ParityAuditPublic]


class PeopleMonthPublic(BaseModel):
    """One month joined across the workforce, hours and occupancy series."""

    month: date
    headcount_end: int | None
    hires: int | None
    leavers: int | None
    attrition: float | None
    occupancy: float | None
    training_hours_mean: float | None
    overtime_over_limit: int | None


_SITE_PAY_PUBLIC = public(
    SitePay,
    exclude=("benchmark",),
    extra={"floor_monthly": float | None, "floor_kind": str | None, "floor_source": str | None},
)


class SitePayPublic(_SITE_PAY_PUBLIC):  # type: ignore[misc,valid-type]
    """Pay at one site against its floor (the benchmark named, not nested)."""


class PeoplePublic(BaseModel):
    engagement_id: str
    status: DataStatus
    period: str | None = None
    attrition_annualised: float | None = None
    early_share_of_leavers: float | None = None
    average_headcount: float | None = None
    in_house_share: float | None = None
    median_tenure_days: float | None = None
    training_hours_mean: float | None = None
    hours_breach_share: float | None = None
    occupancy: float | None = None
    burnout_threshold: float | None = None
    months: list[PeopleMonthPublic] = Field(default_factory=list)
    sites: list[SitePayPublic] = Field(default_factory=list)
    data_gaps: list[str] = Field(default_factory=list)
    findings: list[FindingBrief] = Field(default_factory=list)
    wellbeing: Wellbeing | None = None
    pulse: PulseReport | None = None


_INCIDENT_PUBLIC = public(
    Incident,
    include=(
        "id",
        "severity",
        "status",
        "description",
        "records_affected",
        "categories",
        "vendor_aware_at",
        "client_notified_at",
    ),
    extra={"clocks": list[Clock]},
)


class IncidentPublic(_INCIDENT_PUBLIC):  # type: ignore[misc,valid-type]
    """An incident with its notification clocks now."""


_ANOMALY_PUBLIC = public(
    Finding,
    include=("severity", "title", "detail", "period", "observed_on"),
    # days: its occurrences; day_links: each day's access events
    extra={"finding_id": int, "status": str, "days": list[str], "day_links": dict[str, str]},
)


class AnomalyPublic(_ANOMALY_PUBLIC):  # type: ignore[misc,valid-type]
    """An access anomaly as the findings register holds it."""


class PrivacyPublic(BaseModel):
    engagement_id: str
    status: DataStatus
    incidents: list[IncidentPublic]
    anomalies: list[AnomalyPublic]
    regimes: list[str] = Field(default_factory=list)  # profile names; GDPR when assumed
    regimes_assumed: bool = False


class StaffingPublic(BaseModel):
    engagement_id: str
    status: DataStatus
    interval_min: float | None = None
    service_level_target: float | None = None
    threshold_s: float | None = None
    max_occupancy: float | None = None
    channels: list[str] = Field(default_factory=list)
    months: list[AdequacyMonth] = Field(default_factory=list)
    findings: list[FindingBrief] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)


_RANK_ROW_PUBLIC = public(RankRow, extra={"vendor_name": str})


class RankRowPublic(_RANK_ROW_PUBLIC):  # type: ignore[misc,valid-type]
    """A vendor's place in the ranking, named."""


_PILLAR_PUBLIC = public(PillarScore, name="PillarPublic")


class PillarPublic(_PILLAR_PUBLIC):  # type: ignore[misc,valid-type]
    """A pillar's score (0..100) and its share of the overall score."""


class RankingPublic(BaseModel):
    status: DataStatus
    as_of: date
    method: str
    draws: int
    pillars: list[PillarPublic]
    rows: list[RankRowPublic]


_CLAIM_PUBLIC = public(ClaimCheck, name="ClaimPublic")


class ClaimPublic(_CLAIM_PUBLIC):  # type: ignore[misc,valid-type]
    """A declared figure against its measurement."""


_SCORE_LINE_PUBLIC = public(
    Contribution,
    extra={"question": str, "answer": str | None, "claim": ClaimPublic | None},
)


class ScoreLinePublic(_SCORE_LINE_PUBLIC):  # type: ignore[misc,valid-type]
    """One line of a score, with the question, the answer and its claim check."""


class ScorecardPublic(BaseModel):
    vendor_id: str
    vendor_name: str
    status: DataStatus
    as_of: date
    method: str | None = None
    rubric: str | None = None
    total: float | None = None
    band: str | None = None
    eligible: bool | None = None
    confidence: float | None = None
    pillars: list[PillarPublic] = Field(default_factory=list)
    lines: list[ScoreLinePublic] = Field(default_factory=list)
    red_flags: list[str] = Field(default_factory=list)
    green_lights: list[str] = Field(default_factory=list)
    knock_outs: list[str] = Field(default_factory=list)
    expiry_warnings: list[str] = Field(default_factory=list)
    claims_period: str | None = None
    # What the answers alone would earn: shown beside the evidence-adjusted verdict.
    declared_total: float | None = None
    declared_band: str | None = None
    declared_red_flags: list[str] = Field(default_factory=list)
    declared_green_lights: list[str] = Field(default_factory=list)


class TcoOptionPublic(OptionSummary):
    """An option's costs, with its living-wage premium and P10-P90 annual cost named."""

    living_wage_premium: float
    annual_cost_p10: float | None
    annual_cost_p90: float | None


class TcoPublic(BaseModel):
    scenario: str
    currency: str
    baseline: str
    runs: int
    fx_as_of: date
    fx_source: str
    options: list[TcoOptionPublic]
    benchmarks: list[BenchmarkNote]
    pay: list[PayNote] = Field(default_factory=list)  # measured or typed-in agent pay


class ReportLinkPublic(BaseModel):
    kind: Literal["qbr", "board"]
    title: str
    engagement_id: str | None
    quarter: str
    html_url: str
    pdf_url: str


class ReportsPublic(BaseModel):
    data: list[ReportLinkPublic]
    count: int
