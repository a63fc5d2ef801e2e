"""The cost scenario: sourcing options side by side, with uncertain inputs.

A scenario file (YAML) names a base currency with a dated rate table, the demand
(contacts, handle time, service target), the providers (in-house and vendors, each
at a location with a living-wage benchmark) and the options to compare: a provider
alone, a hybrid split between providers, with or without automation. Any number may
be a distribution: ``{triangular: [low, mode, high]}``, ``{normal: [mean, sd]}`` or
``{uniform: [low, high]}``; deterministic figures use the mode, mean or midpoint.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

FloatArray = npt.NDArray[np.float64]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Triangular(_Strict):
    """Triangular distribution ``[low, mode, high]``."""

    triangular: tuple[float, float, float]

    @field_validator("triangular")
    @classmethod
    def _ordered(cls, v: tuple[float, float, float]) -> tuple[float, float, float]:
        if not v[0] <= v[1] <= v[2] or v[0] == v[2]:
            raise ValueError("triangular needs low <= mode <= high with low < high")
        return v


class Normal(_Strict):
    """Normal distribution ``[mean, sd]`` (draws below zero are cut at zero)."""

    normal: tuple[float, float]

    @field_validator("normal")
    @classmethod
    def _sd(cls, v: tuple[float, float]) -> tuple[float, float]:
        if v[1] < 0:
            raise ValueError("normal needs a standard deviation >= 0")
        return v


class Uniform(_Strict):
    """Uniform distribution ``[low, high]``."""

    uniform: tuple[float, float]

    @field_validator("uniform")
    @classmethod
    def _ordered(cls, v: tuple[float, float]) -> tuple[float, float]:
        if v[0] > v[1]:
            raise ValueError("uniform needs low <= high")
        return v


Dist = float | Triangular | Normal | Uniform


def point(value: Dist) -> float:
    """The deterministic figure of a value: itself, the mode, the mean or the midpoint."""
    if isinstance(value, Triangular):
        return value.triangular[1]
    if isinstance(value, Normal):
        return value.normal[0]
    if isinstance(value, Uniform):
        return (value.uniform[0] + value.uniform[1]) / 2.0
    return float(value)


@dataclass
class Draws:
    """Values of a scenario's inputs for ``runs`` Monte Carlo runs (or point values).

    Each distribution object is drawn once and reused wherever it appears, so a
    provider shared by two options has the same draw in both within one run.
    """

    runs: int
    rng: np.random.Generator | None = None
    # Keyed by identity; the entry keeps the distribution alive so that its id cannot
    # be reused by another object while these draws are in use.
    _cache: dict[int, tuple[object, FloatArray]] = field(default_factory=dict)

    def __call__(self, value: Dist) -> FloatArray:
        if isinstance(value, int | float) or self.rng is None:
            return np.full(self.runs, point(value))
        key = id(value)
        if key not in self._cache:
            self._cache[key] = (value, np.maximum(self._sample(value), 0.0))
        return self._cache[key][1]

    def _sample(self, value: Triangular | Normal | Uniform) -> FloatArray:
        assert self.rng is not None
        if isinstance(value, Triangular):
            return self.rng.triangular(*value.triangular, size=self.runs)
        if isinstance(value, Normal):
            return self.rng.normal(*value.normal, size=self.runs)
        return self.rng.uniform(*value.uniform, size=self.runs)


Period = Literal["hour", "day", "month", "year"]


class Pay(_Strict):
    """An agent's gross pay in the local currency, for one period."""

    amount: Dist
    currency: str = Field(pattern=r"^[A-Z]{3}$")
    period: Period = "month"


class Pricing(_Strict):
    """A vendor's price: per paid agent hour, per FTE per month, or per handled contact."""

    per: Literal["hour", "fte_month", "contact"]
    rate: Dist


class LivingWageChoice(_Strict):
    """Which living-wage benchmark the ethical premium lifts pay to."""

    metric: Literal["living_wage_family", "living_wage_single"] = "living_wage_family"
    pick: Literal["low", "mid", "high"] = "mid"
    amount: Pay | None = None  # a current figure the user loaded; takes precedence


class Provider(_Strict):
    """Who answers: the client's own centre or a vendor, at one location."""

    kind: Literal["in_house", "vendor"]
    label: str = ""
    location: str = Field(min_length=1)
    currency: str = Field(pattern=r"^[A-Z]{3}$", description="Currency of the money fields.")
    agent_pay: Pay
    benefits_rate: Dist = 0.0
    overhead_per_fte_year: Dist = 0.0
    pricing: Pricing | None = None
    aht_factor: Dist = 1.0
    shrinkage: Dist | None = None
    fcr: Dist = 0.75
    escalation_rate: Dist = 0.0
    technology_per_fte_year: Dist = 0.0
    attrition_rate: Dist = 0.0
    replacement_cost_per_leaver: Dist = 0.0
    living_wage: LivingWageChoice = LivingWageChoice()
    # The engagement whose measured payroll replaces ``agent_pay`` when a workspace
    # holds it (``costs.measured_pay``); the report says which pay was used.
    engagement: str | None = None
    # Year the living wage is looked up for (default: the year of ``fx.as_of``);
    # measured pay sets the year it was paid in.
    benchmark_year: int | None = None

    @model_validator(mode="after")
    def _pricing(self) -> Provider:
        if self.kind == "vendor" and self.pricing is None:
            raise ValueError("a vendor needs pricing: {per: hour|fte_month|contact, rate: ...}")
        if self.kind == "in_house" and self.pricing is not None:
            raise ValueError("an in-house provider has no pricing; give agent_pay instead")
        return self


class Part(_Strict):
    """A provider's share of the human-handled contacts within an option."""

    provider: str
    share: float = Field(default=1.0, gt=0, le=1)


class Transition(_Strict):
    """One-off costs of moving to the option (base currency)."""

    knowledge_transfer: Dist = 0.0
    training_per_fte: Dist = 0.0
    parallel_run_months: Dist = 0.0
    redeploy_people: int = Field(default=0, ge=0)
    redeploy_cost_per_person: Dist = 0.0


class Governance(_Strict):
    """The client's vendor-management staff for the option (base currency)."""

    fte: Dist = 0.0
    cost_per_fte_year: Dist = 0.0


class Automation(_Strict):
    """Self-service that deflects a share of contacts; a share of those fall back to humans."""

    deflection: Dist
    fallback: Dist = 0.0
    cost_per_automated_contact: Dist = 0.0
    platform_per_year: Dist = 0.0
    implementation: Dist = 0.0


class Option(_Strict):
    """A sourcing option: one provider, or a hybrid split, with optional automation."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$")
    label: str = ""
    parts: list[Part] = Field(min_length=1)
    transition: Transition = Transition()
    governance: Governance = Governance()
    exit_cost: Dist = 0.0
    automation: Automation | None = None

    @model_validator(mode="after")
    def _shares(self) -> Option:
        total = sum(p.share for p in self.parts)
        if abs(total - 1.0) > 1e-6:
            raise ValueError(f"the shares of the parts add up to {total:.4f}, not 1")
        return self


class Demand(_Strict):
    """First contacts a year and the service they must get."""

    contacts_per_year: Dist
    aht_s: Dist
    open_hours_per_year: float = Field(default=4380.0, gt=0, le=8784)
    service_level: float = Field(default=0.8, gt=0, lt=1)
    threshold_s: float = Field(default=20.0, ge=0)
    max_occupancy: float | None = Field(default=0.85, gt=0, le=1)
    shrinkage: Dist = 0.3
    paid_hours_per_fte: float = Field(default=2080.0, gt=0)
    cost_per_escalation: Dist = 0.0


class RateTable(_Strict):
    """Exchange rates: one unit of each currency in the base currency, as of a date."""

    as_of: date
    source: str = Field(min_length=1)
    rates: dict[str, float]

    @field_validator("rates")
    @classmethod
    def _positive(cls, v: dict[str, float]) -> dict[str, float]:
        bad = [k for k, r in v.items() if r <= 0]
        if bad:
            raise ValueError(f"rates must be positive: {', '.join(bad)}")
        return v


class Scenario(_Strict):
    """A total-cost-of-ownership scenario."""

    name: str = Field(min_length=1)
    currency: str = Field(pattern=r"^[A-Z]{3}$")
    fx: RateTable
    years: int = Field(default=3, ge=1, le=20)
    include_ethical_premium: bool = True
    demand: Demand
    baseline: str
    providers: dict[str, Provider] = Field(min_length=1)
    options: list[Option] = Field(min_length=1)

    @model_validator(mode="after")
    def _references(self) -> Scenario:
        ids = [o.id for o in self.options]
        if len(set(ids)) != len(ids):
            raise ValueError("option ids must be unique")
        if self.baseline not in ids:
            raise ValueError(f"baseline {self.baseline!r} is not an option id ({', '.join(ids)})")
        for o in self.options:
            for p in o.parts:
                if p.provider not in self.providers:
                    raise ValueError(f"option {o.id!r} names an unknown provider {p.provider!r}")
        needed = {self.currency} | {p.currency for p in self.providers.values()}
        needed |= {p.agent_pay.currency for p in self.providers.values()}
        missing = sorted(c for c in needed if c != self.currency and c not in self.fx.rates)
        if missing:
            raise ValueError(f"fx.rates has no rate for {', '.join(missing)}")
        return self

    def rate(self, currency: str) -> float:
        """Base-currency value of one unit of ``currency``."""
        return 1.0 if currency == self.currency else self.fx.rates[currency]


CostLine = Literal[
    "labour",
    "vendor_fees",
    "technology",
    "automation",
    "governance",
    "rework",
    "attrition",
    "exit",
    "ethical_premium",
]
COST_LINES: tuple[CostLine, ...] = (
    "labour",
    "vendor_fees",
    "technology",
    "automation",
    "governance",
    "rework",
    "attrition",
    "exit",
    "ethical_premium",
)


@dataclass(frozen=True)
class OptionCosts:
    """Annual costs of one option per run (arrays), in the scenario's base currency."""

    option_id: str
    lines: dict[CostLine, FloatArray]
    one_off: dict[str, FloatArray]
    agents: FloatArray
    fte: FloatArray

    @property
    def annual(self) -> FloatArray:
        """Annual run-rate: every cost line (exit costs spread over the years)."""
        total: FloatArray = np.sum(np.stack(list(self.lines.values())), axis=0)
        return total

    @property
    def transition(self) -> FloatArray:
        """One-off transition costs."""
        total: FloatArray = np.sum(np.stack(list(self.one_off.values())), axis=0)
        return total


class Quantiles(BaseModel):
    """P10, P50, P90 of a simulated figure."""

    model_config = ConfigDict(frozen=True)

    p10: float
    p50: float
    p90: float


class OptionSummary(BaseModel):
    """What a reader needs of one option: cost lines, uncertainty, savings, payback."""

    model_config = ConfigDict(frozen=True)

    option_id: str
    label: str
    agents: float
    fte: float
    lines: dict[str, float]
    annual_cost: float
    transition_cost: float
    savings: float
    payback_months: float | None
    annual_cost_range: Quantiles | None = None
    savings_range: Quantiles | None = None
    payback_months_range: Quantiles | None = None


class BenchmarkNote(BaseModel):
    """The living-wage benchmark behind a provider's ethical premium, with its caveats."""

    model_config = ConfigDict(frozen=True)

    provider: str
    location: str
    metric: str
    monthly: float
    currency: str
    year: int | None
    source: str
    warnings: list[str]


class PayNote(BaseModel):
    """Which agent pay a provider's costs use: typed in the scenario, or measured."""

    model_config = ConfigDict(frozen=True)

    provider: str
    source: Literal["typed_in", "measured"]
    monthly: float | None
    currency: str
    period: str | None = None
    year: int | None = None
    engagement_id: str | None = None
    agents: int | None = None
    detail: str = ""


class TcoReport(BaseModel):
    """A scenario's options compared, in its base currency."""

    model_config = ConfigDict(frozen=True)

    scenario: str
    currency: str
    fx_as_of: date
    fx_source: str
    baseline: str
    runs: int
    seed: int | None
    options: list[OptionSummary]
    benchmarks: list[BenchmarkNote]
    pay: list[PayNote] = Field(default_factory=list)
