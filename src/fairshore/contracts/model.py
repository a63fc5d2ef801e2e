"""Contract-as-code domain types."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from fairshore.interactions.schema import TRAINING_TOPICS
from fairshore.metrics.model import DIMENSIONS, KPI_NAMES, KpiOptions
from fairshore.quality.figures import QA_TERM_METRICS

if TYPE_CHECKING:
    from fairshore.bootstrap import Workspace


EvidenceRow = dict[str, str | int | float | bool | None]
# The offending rows a clause measurement keeps for its finding: enough to act on, not a dump.
EVIDENCE_ROWS = 20


class ClauseMeasurement(BaseModel):
    """What the data says about an ethical clause over a period."""

    model_config = ConfigDict(frozen=True)

    value: float | None
    """None only with ``insufficient`` (nothing to measure in the period, e.g. no
    access event carries its origin)."""
    sample_size: int
    detail: str = ""
    insufficient: str = ""
    """Why the data cannot carry a verdict (partial coverage, too few months): the
    clause is then ``insufficient_data``, its value shown beside the reason."""
    evidence: tuple[EvidenceRow, ...] = ()
    """The rows that show a breach (the access events from a country the contract does
    not allow, the subcontracted agents, the refused audit request), at most
    ``EVIDENCE_ROWS`` of them; the finding carries them."""

    @model_validator(mode="after")
    def _value_or_reason(self) -> ClauseMeasurement:
        if self.value is None and not self.insufficient:
            raise ValueError("a measurement without a value must say why (insufficient)")
        return self


class ClauseProvider(Protocol):
    """Measures one ethical clause; ``None`` means "not measurable yet" (no data)."""

    def __call__(
        self, ws: Workspace, engagement_id: str, start: date, end: date
    ) -> ClauseMeasurement | None: ...


Comparator = Literal[">=", "<=", ">", "<"]
Window = Literal["month", "quarter"]
Status = Literal["met", "breached", "insufficient_data", "not_measurable"]
TermKind = Literal["service", "ethical"]

# Ethical clause key -> how the measured value must compare with the contract's figure.
# Compliance clauses (audit, residency, subcontracting) are measured as a share in 0..1
# (1.0 = complied: every audit request granted in time, every access from an allowed
# country, no agent subcontracted), so anything below 1.0 breaches them.
ETHICAL_COMPARATORS: dict[str, Comparator] = {
    "breach_notification_hours": "<=",
    "min_training_hours": ">=",
    "max_occupancy": "<=",
    "living_wage_floor": ">=",
    "max_attrition": "<=",
    "min_in_house_share": ">=",
    "audit_rights": ">=",
    "data_residency": ">=",
    "subcontracting": ">=",
    "min_onboarding_hours": ">=",
    **{f"min_training_hours_{topic}": ">=" for topic in TRAINING_TOPICS},
}

_Strict = ConfigDict(frozen=True, extra="forbid")


class Parties(BaseModel):
    """Who signed: the client and the vendor (names as in the signed document)."""

    model_config = _Strict

    client: str = Field(min_length=1, max_length=200)
    vendor: str = Field(min_length=1, max_length=200)


class Effective(BaseModel):
    """The dates the contract binds: [from, to], ``to`` open-ended when absent."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    start: date = Field(alias="from")
    end: date | None = Field(default=None, alias="to")

    @model_validator(mode="after")
    def _ordered(self) -> Effective:
        if self.end is not None and self.end < self.start:
            raise ValueError("'to' must not be before 'from'")
        return self


class Fee(BaseModel):
    """The monthly fee, on which service credits are computed."""

    model_config = _Strict

    monthly: float = Field(gt=0)
    currency: str = Field(pattern=r"^[A-Z]{3}$")


class ServiceTerm(BaseModel):
    """One measured service promise: ``metric comparator target`` over a window.

    ``metric`` is a KPI name of ``fairshore.metrics`` (e.g. ``service_level``,
    ``asa_s``, ``abandon_rate``) or a QA figure (``qa_mean_score``, ``qa_pass_rate``,
    ``qa_critical_error_rate``, ``qa_coverage``: see ``fairshore.quality.figures``);
    ``scope`` keeps only matching contacts (e.g. ``channel: voice``); ``options`` sets
    KPI options such as ``sl_threshold_s``.
    Below ``min_sample`` contacts the term is ``insufficient_data``: no credit.
    """

    model_config = _Strict

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$")
    description: str = ""
    metric: str
    comparator: Comparator
    target: float
    window: Window = "month"
    scope: dict[str, list[str]] = Field(default_factory=dict)
    options: KpiOptions = Field(default_factory=KpiOptions)
    min_sample: int = Field(default=30, ge=0)
    credit_share: float = Field(default=0.0, ge=0, le=1)

    @field_validator("metric")
    @classmethod
    def _known_metric(cls, value: str) -> str:
        if value not in KPI_NAMES and value not in QA_TERM_METRICS:
            known = ", ".join([*KPI_NAMES, *QA_TERM_METRICS])
            raise ValueError(f"unknown metric {value!r}; known: {known}")
        return value

    @field_validator("scope", mode="before")
    @classmethod
    def _scope(cls, value: object) -> object:
        if isinstance(value, dict):
            for key in value:
                if key not in DIMENSIONS and not str(key).startswith("seg_"):
                    raise ValueError(
                        f"cannot scope by {key!r}: use {', '.join(DIMENSIONS)} or a seg_* column"
                    )
            return {k: [v] if isinstance(v, str) else v for k, v in value.items()}
        return value


class AuditRights(BaseModel):
    """The client may audit the vendor, with this many days' notice."""

    model_config = _Strict

    allowed: bool = True
    notice_days: int = Field(default=10, ge=0)


class EthicalClauses(BaseModel):
    """The moral part of the contract; each is measured by a registered provider."""

    model_config = _Strict

    breach_notification_hours: float | None = Field(default=None, gt=0)
    min_training_hours: float | None = Field(default=None, ge=0)
    min_training_hours_by_topic: dict[str, float] | None = None
    """Per topic (``brand_voice``, ``ethics``, ``data_protection``, ``empathy``,
    ``language``, ``culture``): mean hours per agent-month at least this."""
    min_onboarding_hours: float | None = Field(default=None, ge=0)
    """Training hours every new hire has from hire to the first handled contact."""
    max_occupancy: float | None = Field(default=None, gt=0, le=1)
    living_wage_floor: float | None = Field(default=None, gt=0)
    max_attrition: float | None = Field(default=None, ge=0)
    min_in_house_share: float | None = Field(default=None, ge=0, le=1)
    audit_rights: AuditRights | None = None
    data_residency: list[str] | None = None
    subcontracting_allowed: bool | None = None

    @field_validator("min_training_hours_by_topic")
    @classmethod
    def _topics(cls, value: dict[str, float] | None) -> dict[str, float] | None:
        unknown = sorted(set(value or {}) - set(TRAINING_TOPICS))
        if unknown:
            raise ValueError(f"unknown training topics {unknown}; use {', '.join(TRAINING_TOPICS)}")
        if any(v < 0 for v in (value or {}).values()):
            raise ValueError("training minimums are hours, 0 or more")
        return value

    @field_validator("data_residency")
    @classmethod
    def _countries(cls, value: list[str] | None) -> list[str] | None:
        bad = [c for c in value or [] if len(c) != 2 or not c.isupper()]
        if bad:
            raise ValueError(f"use ISO 3166 alpha-2 country codes (PH, IN ...), not {bad}")
        return value

    def targets(self) -> dict[str, float]:
        """Measurable clause key -> the figure a provider's value is compared with."""
        out: dict[str, float] = {}
        for key in (
            "breach_notification_hours",
            "min_training_hours",
            "max_occupancy",
            "living_wage_floor",
            "max_attrition",
            "min_in_house_share",
        ):
            value = getattr(self, key)
            if value is not None:
                out[key] = float(value)
        if self.min_onboarding_hours is not None:
            out["min_onboarding_hours"] = float(self.min_onboarding_hours)
        for topic, hours in sorted((self.min_training_hours_by_topic or {}).items()):
            out[f"min_training_hours_{topic}"] = float(hours)
        if self.audit_rights is not None and self.audit_rights.allowed:
            out["audit_rights"] = 1.0
        if self.data_residency:
            out["data_residency"] = 1.0
        if self.subcontracting_allowed is False:
            out["subcontracting"] = 1.0
        return out


class EarnBack(BaseModel):
    """A breached period's credit is earned back when the next ``periods`` all meet it."""

    model_config = _Strict

    periods: int = Field(ge=1, le=12)


class ServiceCredits(BaseModel):
    """The cap on credits per period (share of the fee) and the earn-back rule."""

    model_config = _Strict

    cap_share: float = Field(ge=0, le=1)
    earn_back: EarnBack | None = None
    ethical: dict[str, float] = Field(default_factory=dict)

    @field_validator("ethical")
    @classmethod
    def _ethical_keys(cls, value: dict[str, float]) -> dict[str, float]:
        for key, share in value.items():
            if key not in ETHICAL_COMPARATORS:
                raise ValueError(f"unknown ethical clause {key!r}")
            if not 0 <= share <= 1:
                raise ValueError(f"credit share of {key!r} must be between 0 and 1")
        return value


class Contract(BaseModel):
    """A contract file: parties, dates, service terms, ethical clauses, credits."""

    model_config = _Strict

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$")
    version: int = Field(ge=1)
    engagement: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$")
    parties: Parties
    effective: Effective
    fee: Fee
    service_terms: list[ServiceTerm] = Field(default_factory=list)
    ethical_clauses: EthicalClauses = Field(default_factory=EthicalClauses)
    service_credits: ServiceCredits

    @field_validator("service_terms")
    @classmethod
    def _unique_ids(cls, value: list[ServiceTerm]) -> list[ServiceTerm]:
        ids = [t.id for t in value]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"term ids must be unique: {', '.join(dupes)}")
        return value

    def covers(self, first: date, last: date | None = None) -> bool:
        """True when the contract is in effect on some day of [first, last]."""
        last = last or first
        return self.effective.start <= last and (
            self.effective.end is None or first <= self.effective.end
        )


class TermResult(BaseModel):
    """One term or clause over one period: measured, judged, credited."""

    model_config = ConfigDict(frozen=True)

    term_id: str
    kind: TermKind
    metric: str
    comparator: Comparator
    target: float
    value: float | None
    status: Status
    margin: float | None
    sample_size: int
    min_sample: int
    credit_share: float
    credit: float
    earned_back: float = 0.0
    detail: str = ""
    evidence: list[EvidenceRow] = Field(default_factory=list)
    """The rows that show an ethical clause's breach (see ``ClauseMeasurement``); carried
    by its finding, not stored with the evaluation."""


class Evaluation(BaseModel):
    """A contract over one period: every term, and credits with cap and earn-back.

    ``credits_owed`` = min(sum of term credits, cap); ``net_credit`` =
    ``credits_owed`` - ``earned_back`` (negative when a past credit comes back).
    """

    model_config = ConfigDict(frozen=True)

    contract_id: str
    contract_version: int
    engagement_id: str
    period: str
    start: date
    end: date
    fee: float
    currency: str
    terms: list[TermResult]
    credits_before_cap: float
    cap: float
    credits_owed: float
    earned_back: float
    net_credit: float
    skipped_terms: list[str] = Field(default_factory=list)
    lake_version: int | None = None
    """The lake version the measurements read (``fairshore lake history``)."""

    def counts(self) -> dict[str, int]:
        """How many terms are in each status."""
        out: dict[str, int] = {s: 0 for s in STATUSES}
        for term in self.terms:
            out[term.status] += 1
        return out


STATUSES: tuple[Status, ...] = ("met", "breached", "insufficient_data", "not_measurable")


class UnjudgedTerm(BaseModel):
    """A service term a period evaluation could not judge, and why (never dropped silently)."""

    model_config = ConfigDict(frozen=True)

    term_id: str | None
    """None: no term of the period could be judged (no contract in effect)."""
    window: Window
    period: str
    reason: str


class PeriodEvaluation(BaseModel):
    """A contract over a period of one or more months: each month judged, then summed.

    ``evaluations`` holds every month of the period (monthly terms and the ethical
    clauses) and, for quarterly terms, every whole quarter in it. ``not_judged`` names
    each term or month that could not be judged, with the reason. Totals are the sums
    of the evaluations' capped credits, earn-back and net credit. ``[start, end)``,
    the end exclusive, as in ``Evaluation``.
    """

    model_config = ConfigDict(frozen=True)

    engagement_id: str
    period: str
    start: date
    end: date
    currency: str
    evaluations: list[Evaluation]
    not_judged: list[UnjudgedTerm] = Field(default_factory=list)
    credits_owed: float
    earned_back: float
    net_credit: float

    def counts(self) -> dict[str, int]:
        """Term-periods in each status over every evaluation of the period."""
        out: dict[str, int] = {s: 0 for s in STATUSES}
        for evaluation in self.evaluations:
            for status, n in evaluation.counts().items():
                out[status] += n
        return out
