"""Domain types of agent welfare: periods, benchmarks, welfare results, thresholds.

Every result is a frozen pydantic model so the CLI and the web print the same
numbers with the same keys (``model_dump(mode="json")``).
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from fairshore.governance.model import Finding
from fairshore.metrics.periods import Period
from fairshore.people.pulse import PulseReport
from fairshore.people.wellbeing import Wellbeing

Metric = Literal["living_wage_single", "living_wage_family", "minimum_wage", "bpo_entry_pay"]
BenchmarkPeriod = Literal["month", "hour", "day", "year"]
Origin = Literal["shipped", "user"]
FloorKind = Literal["living_wage", "minimum_wage"]


def month_end(month: date) -> date:
    """Last day of the month that ``month`` falls in."""
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


# --------------------------------------------------------------------------- benchmarks


class BenchmarkRow(BaseModel):
    """One row of a pay-benchmark table (the shipped CSV or a user's file)."""

    model_config = ConfigDict(frozen=True)

    location: str
    country_iso2: str
    metric: Metric
    amount_low: float = Field(gt=0)
    amount_high: float = Field(gt=0)
    currency: str = Field(pattern=r"^[A-Z]{3}$")
    period: BenchmarkPeriod
    year: int | None = None
    scope: str = ""
    source: str = ""
    verified: bool = True
    note: str = ""
    origin: Origin = "shipped"

    @property
    def is_range(self) -> bool:
        return self.amount_high != self.amount_low


class ChosenFigure(BaseModel):
    """A benchmark figure chosen for a location, converted to a month, with its caveats."""

    model_config = ConfigDict(frozen=True)

    metric: Metric
    kind: str
    monthly: float
    currency: str
    amount_as_published: str
    period: BenchmarkPeriod
    conversion: str
    year: int | None
    scope: str
    source: str
    origin: Origin
    warnings: list[str] = Field(default_factory=list)


class LocationBenchmark(BaseModel):
    """The pay floors of one location: living wage, minimum wage, and the floor used.

    ``floor_monthly`` is the living wage, or the minimum wage where the living wage is
    below it (the living-wage figure is then stale). ``None`` when nothing comparable
    is known.
    """

    model_config = ConfigDict(frozen=True)

    location: str
    currency: str | None
    living_wage: ChosenFigure | None
    minimum_wage: ChosenFigure | None
    floor_monthly: float | None
    floor_kind: FloorKind | None
    warnings: list[str] = Field(default_factory=list)


class RateTable(BaseModel):
    """Exchange rates as of one date, from a named source (1 unit of ``from`` = rate ``to``)."""

    model_config = ConfigDict(frozen=True)

    as_of: date
    source: str
    rates: dict[str, float]

    def rate(self, currency_from: str, currency_to: str) -> float | None:
        """The rate, or its inverse, or ``None`` when the table does not hold the pair."""
        if currency_from == currency_to:
            return 1.0
        direct = self.rates.get(f"{currency_from}/{currency_to}")
        if direct is not None:
            return direct
        inverse = self.rates.get(f"{currency_to}/{currency_from}")
        return None if inverse is None else 1.0 / inverse


# --------------------------------------------------------------------------- thresholds


class WelfareThresholds(BaseModel):
    """Limits a report is judged against: standards by default, contract values if given."""

    model_config = ConfigDict(frozen=True)

    burnout_occupancy: float = 0.85
    max_occupancy: float | None = None
    max_span: int = 20
    regular_week_hours: float = 48.0
    overtime_week_hours: float = 12.0
    min_training_hours: float | None = None
    max_attrition: float | None = None
    min_in_house_share: float | None = None
    part_time_below_hours: float = 139.2  # 80 % of the 174-hour standard month

    @classmethod
    def from_clauses(cls, clauses: Mapping[str, object]) -> WelfareThresholds:
        """Thresholds from a contract's ethical clauses (keys as in contract files).

        Examples
        --------
        >>> WelfareThresholds.from_clauses({"max_occupancy": 0.85}).max_occupancy
        0.85
        """
        keys = ("max_occupancy", "min_training_hours", "max_attrition", "min_in_house_share")
        return cls(**{k: clauses[k] for k in keys if clauses.get(k) is not None})


# --------------------------------------------------------------------------- results


class FlowMonth(BaseModel):
    """Headcount flow of one month (optionally of one group)."""

    model_config = ConfigDict(frozen=True)

    month: date
    group: str | None = None
    headcount_start: int
    headcount_end: int
    hires: int
    leavers: int
    early_leavers: int
    attrition: float | None


class TrailingAttrition(BaseModel):
    """Annual attrition over the twelve months ending with ``last_month`` (SHRM turnover).

    ``rate`` = leavers in the twelve months / average headcount over them (each month's
    average (start + end) / 2). With fewer than twelve months of headcount the rate is
    annualised (x 12 / months) and ``complete`` is false: no verdict rests on it.
    """

    model_config = ConfigDict(frozen=True)

    first_month: date
    last_month: date
    months_with_headcount: int
    leavers: int
    average_headcount: float
    rate: float | None

    @property
    def complete(self) -> bool:
        """True when all twelve months had agents in post."""
        return self.months_with_headcount == 12


class AttritionSummary(BaseModel):
    """Attrition over a period: the monthly mean rate and its annualisations (a trend),
    and ``trailing``, the twelve months to the period's end (the verdict)."""

    model_config = ConfigDict(frozen=True)

    group: str | None = None
    months: int
    hires: int
    leavers: int
    early_leavers: int
    average_headcount: float
    monthly_rate: float | None
    annualised_simple: float | None
    annualised_compound: float | None
    early_share_of_leavers: float | None
    trailing: TrailingAttrition | None = None

    @property
    def annual_rate(self) -> float | None:
        """The trailing twelve months' attrition (what is judged), None without it."""
        return None if self.trailing is None else self.trailing.rate


class TenureBucket(BaseModel):
    model_config = ConfigDict(frozen=True)

    bucket: str
    agents: int
    share: float


class EmploymentShare(BaseModel):
    model_config = ConfigDict(frozen=True)

    employment_type: str
    agents: int
    share: float


class SupervisorSpan(BaseModel):
    """Agents per supervisor among agents in post at the end of the period."""

    model_config = ConfigDict(frozen=True)

    supervisors: int
    agents_with_supervisor: int
    agents_without_supervisor: int
    mean_span: float | None
    max_span: int | None
    over_limit: dict[str, int] = Field(default_factory=dict)


class Workforce(BaseModel):
    model_config = ConfigDict(frozen=True)

    monthly: list[FlowMonth]
    overall: AttritionSummary
    by_site: list[AttritionSummary]
    by_employment_type: list[AttritionSummary]
    tenure: list[TenureBucket]
    median_tenure_days: float | None
    employment_model: list[EmploymentShare]
    in_house_share: float | None
    span: SupervisorSpan


class HoursMonth(BaseModel):
    """SA8000 working-hours checks over the agent-months of one month."""

    model_config = ConfigDict(frozen=True)

    month: date
    agent_months: int
    regular_over_limit: int
    overtime_over_limit: int
    longest_week_over_limit: int
    too_few_days_off: int
    training_hours_mean: float | None


class Hours(BaseModel):
    model_config = ConfigDict(frozen=True)

    monthly: list[HoursMonth]
    agent_months: int
    agents_in_breach: int
    breach_share: float | None
    training_hours_mean: float | None
    training_sample: int


class OccupancyMonth(BaseModel):
    model_config = ConfigDict(frozen=True)

    month: date
    handle_hours: float
    logged_in_hours: float
    occupancy: float | None


class Occupancy(BaseModel):
    model_config = ConfigDict(frozen=True)

    monthly: list[OccupancyMonth]
    handle_hours: float
    logged_in_hours: float
    overall: float | None
    burnout_threshold: float
    cap: float | None
    months_over_threshold: list[date]


class SitePay(BaseModel):
    """Pay at one site against its location's minimum wage and living wage."""

    model_config = ConfigDict(frozen=True)

    site_id: str
    location: str | None
    currency: str | None
    benchmark: LocationBenchmark | None
    agent_months: int
    agents: int
    median_effective_pay: float | None
    median_hourly_pay: float | None = None
    floor_hourly: float | None = None
    share_below_floor_hourly: float | None = None
    share_below_minimum: float | None
    share_below_living_wage: float | None
    agents_below_living_wage: int
    mean_gap: float | None
    mean_gap_pct: float | None
    lowest_ratio: float | None
    warnings: list[str] = Field(default_factory=list)


class Pay(BaseModel):
    model_config = ConfigDict(frozen=True)

    sites: list[SitePay]
    rates: RateTable | None
    standard_monthly_hours: float


class MeasuredPay(BaseModel):
    """One engagement's pay over a period, as the people report measures it."""

    model_config = ConfigDict(frozen=True)

    engagement_id: str
    period: Period
    pay: Pay


class PeopleReport(BaseModel):
    """Everything the people check found for one engagement and period."""

    model_config = ConfigDict(frozen=True)

    engagement_id: str
    period: Period
    thresholds: WelfareThresholds
    workforce: Workforce
    hours: Hours
    occupancy: Occupancy
    pay: Pay
    data_gaps: list[str]
    findings: list[Finding]
    wellbeing: Wellbeing | None = None
    pulse: PulseReport | None = None
