"""API schemas of the analytics pages: what the pages render and the JSON API returns.

Numbers that could not be computed are ``null`` (never NaN, never 0); ``status`` says
``no_data`` when nothing has been ingested or evaluated yet.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field

from fairshore.costs.model import PayNote

DataStatus = Literal["ok", "no_data"]


class FindingBrief(BaseModel):
    key: str
    severity: str
    title: str
    detail: str = ""
    period: str | None = None


class KpiPoint(BaseModel):
    period: str | None
    group: dict[str, str | None]
    offered: int
    answered: int
    abandoned: int
    service_level: float | None
    asa_s: float | None
    abandon_rate: float | None
    aht_s: float | None
    fcr_rate: float | None
    csat_top2: float | None
    csat_responses: int


class KpiTrendPublic(BaseModel):
    engagement_id: str
    status: DataStatus
    by: list[str]
    start: date | None
    end: date | None
    rows: list[KpiPoint]
    count: int


class TermResultPublic(BaseModel):
    term_id: str
    kind: str
    metric: str
    comparator: str
    target: float
    value: float | None
    status: str
    margin: float | None
    sample_size: int
    min_sample: int
    credit_share: float
    credit: float
    earned_back: float
    detail: str


class SlaPeriodPublic(BaseModel):
    period: str
    start: date
    end: date
    contract_id: str
    contract_version: int
    fee: float
    currency: str
    terms: list[TermResultPublic]
    met: int
    breached: int
    insufficient: int
    credits_before_cap: float
    cap: float
    capped: bool
    credits_owed: float
    earned_back: float
    net_credit: float


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


class ServiceTermPublic(BaseModel):
    id: str
    description: str
    metric: str
    comparator: str
    target: float
    window: str
    scope: dict[str, list[str]]
    min_sample: int
    credit_share: float


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
    service_terms: list[ServiceTermPublic] = Field(default_factory=list)
    ethical_clauses: list[ClausePublic] = Field(default_factory=list)
    yaml: str | None = None


class ParityGroupPublic(BaseModel):
    group: str
    n: int
    value: float | None
    ci_low: float | None
    ci_high: float | None
    status: str
    impact_ratio: float | None
    gap: float | None
    p_adjusted: float | None
    adjusted_value: float | None
    adjusted_p_adjusted: float | None
    flagged: bool
    mix_note: str | None


class ParityOutcomePublic(BaseModel):
    outcome: str
    kind: str
    higher_is_better: bool
    overall: float | None
    best_group: str | None
    groups: list[ParityGroupPublic]


class ParityAuditPublic(BaseModel):
    dimension: str
    controls: list[str]
    outcomes: list[ParityOutcomePublic]
    findings: list[FindingBrief]
    notes: list[str]


class ParityPublic(BaseModel):
    engagement_id: str
    status: DataStatus
    audits: list[ParityAuditPublic]


class PeopleMonthPublic(BaseModel):
    month: date
    headcount_end: int | None
    hires: int | None
    leavers: int | None
    attrition: float | None
    occupancy: float | None
    training_hours_mean: float | None
    overtime_over_limit: int | None


class SitePayPublic(BaseModel):
    site_id: str
    location: str | None
    currency: str | None
    floor_monthly: float | None
    floor_kind: str | None
    floor_source: str | None
    agents: int
    median_effective_pay: float | None
    share_below_living_wage: float | None
    share_below_minimum: float | None
    lowest_ratio: float | None
    mean_gap_pct: float | None
    warnings: list[str]


class PeoplePublic(BaseModel):
    engagement_id: str
    status: DataStatus
    period: str | None = None
    attrition_annualised: float | None = None
    early_share_of_leavers: float | None = None
    average_headcount: float | None = None
    in_house_share: float | None = None
    training_hours_mean: float | None = None
    hours_breach_share: float | None = None
    occupancy: float | None = None
    burnout_threshold: float | None = None
    months: list[PeopleMonthPublic] = Field(default_factory=list)
    sites: list[SitePayPublic] = Field(default_factory=list)
    data_gaps: list[str] = Field(default_factory=list)
    findings: list[FindingBrief] = Field(default_factory=list)


class ClockPublic(BaseModel):
    name: str
    state: str
    window_hours: float
    starts_at: datetime | None
    deadline: datetime | None
    done_at: datetime | None
    elapsed_hours: float | None
    remaining_hours: float | None


class IncidentPublic(BaseModel):
    id: str
    severity: str
    status: str
    description: str
    records_affected: int | None
    categories: list[str]
    vendor_aware_at: datetime | None
    client_notified_at: datetime | None
    clocks: list[ClockPublic]


class AnomalyPublic(BaseModel):
    finding_id: int
    severity: str
    title: str
    detail: str
    period: str | None
    observed_on: date | None
    status: str
    days: list[str] = []  # the days flagged: the finding's occurrences


class PrivacyPublic(BaseModel):
    engagement_id: str
    status: DataStatus
    incidents: list[IncidentPublic]
    anomalies: list[AnomalyPublic]


class StaffingMonthPublic(BaseModel):
    month: str
    intervals: int
    understaffed_intervals: int
    over_cap_intervals: int
    measured_service_level: float | None
    expected_service_level: float | None
    measured_occupancy: float | None
    mean_agents: float
    mean_required_agents: float
    logged_in_coverage: float | None = None
    logged_in_share_of_paid: float | None = None
    judged: bool = True
    occupancy_judged: bool = True
    note: str = ""


class StaffingPublic(BaseModel):
    engagement_id: str
    status: DataStatus
    interval_min: float | None = None
    service_level_target: float | None = None
    threshold_s: float | None = None
    max_occupancy: float | None = None
    channels: list[str] = Field(default_factory=list)
    months: list[StaffingMonthPublic] = Field(default_factory=list)
    findings: list[FindingBrief] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)


class RankRowPublic(BaseModel):
    vendor_id: str
    vendor_name: str
    rank: int
    total: float
    band: str
    eligible: bool
    first_share: float
    pillars: dict[str, float | None]
    declared_total: float | None = None  # the answers alone, beside the evidence-adjusted total
    contradicted: int = 0


class PillarPublic(BaseModel):
    pillar_id: str
    title: str
    score: float | None
    weight_share: float
    points: float


class RankingPublic(BaseModel):
    status: DataStatus
    as_of: date
    method: str
    draws: int
    pillars: list[PillarPublic]
    rows: list[RankRowPublic]


class ClaimPublic(BaseModel):
    key: str
    label: str
    declared: float
    measured: float
    unit: str
    source: str
    contradicted: bool
    set_aside: bool = False


class ScoreLinePublic(BaseModel):
    question_id: str
    pillar_id: str
    question: str
    answer: str | None
    status: str
    evidence: str
    credit: float
    evidence_factor: float
    points: float
    note: str
    claim: ClaimPublic | None


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


class TcoOptionPublic(BaseModel):
    option_id: str
    label: str
    agents: float
    fte: float
    lines: dict[str, float]
    annual_cost: float
    living_wage_premium: float
    transition_cost: float
    savings: float
    payback_months: float | None
    annual_cost_p10: float | None
    annual_cost_p90: float | None


class TcoBenchmarkPublic(BaseModel):
    provider: str
    location: str
    metric: str
    monthly: float
    currency: str
    year: int | None
    source: str
    warnings: list[str]


class TcoPublic(BaseModel):
    scenario: str
    currency: str
    baseline: str
    runs: int
    fx_as_of: date
    fx_source: str
    options: list[TcoOptionPublic]
    benchmarks: list[TcoBenchmarkPublic]
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
