"""Findings: the one shape every detector reports in.

Contract evaluation, the parity audit, welfare and pay checks, privacy incidents and
access anomalies, vetting integrity flags and auditors all raise ``Finding`` values.
The governance register (``governance/recording.py``) stores them: one finding per
condition, keyed on ``key`` (engagement and measure, never the month), with each sighting
(a month, a day, another capability's view of the same condition) kept as an
``Occurrence`` of it.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from fairshore import numbers

Severity = Literal["critical", "major", "minor", "observation"]
FindingSource = Literal[
    "sla",
    "contract",
    "parity",
    "people",
    "pay",
    "privacy_incident",
    "access_anomaly",
    "vetting",
    "certificate",
    "audit",
    "staffing",
    "quality",
    "voice",
    "feed",
]

# Default days to close a finding, by severity (SMETA grades findings critical to minor).
DEFAULT_DEADLINE_DAYS: dict[Severity, int] = {
    "critical": 7,
    "major": 30,
    "minor": 90,
    "observation": 180,
}


def occupancy_key(engagement_id: str) -> str:
    """The condition "agents too busy" at one engagement, whoever measures it.

    Welfare (the burnout threshold), staffing adequacy and the contract's occupancy
    cap see the same condition; one key makes their evidence one finding.
    """
    return f"people:{engagement_id}:occupancy"


class Finding(BaseModel):
    """A detected condition (a candidate for the register), for a person to act on.

    ``key`` names the condition, not the sighting: e.g.
    ``"parity:telco-krk:language=es:mean_wait_s"`` or ``"sla:telco-blr:voice_sl"``.
    Two findings with the same key are the same condition; ``period`` says when it was
    seen (a month, a day), and the register keeps one occurrence per period and source
    with its ``value`` and ``credit``.
    """

    model_config = ConfigDict(frozen=True)

    key: str = Field(min_length=1, max_length=300)
    source: FindingSource
    engagement_id: str | None
    severity: Severity
    title: str = Field(min_length=1, max_length=300)
    detail: str = ""
    evidence: dict[str, object] = Field(default_factory=dict)
    period: str | None = None
    observed_on: date | None = None
    value: float | None = None
    credit: float | None = None


class Occurrence(BaseModel):
    """One sighting of a condition: the period it was seen in, by which capability."""

    model_config = ConfigDict(frozen=True)

    period: str | None
    source: FindingSource
    observed_on: date | None = None
    value: float | None = None
    credit: float | None = None
    evidence: dict[str, object] = Field(default_factory=dict)

    @property
    def shown(self) -> str:
        """The measured value for people (``71.0 %``, ``5,000 s``), by its metric if known."""
        metric, target = self.evidence.get("metric"), self.evidence.get("target")
        if isinstance(metric, str) and metric:
            limit = float(target) if isinstance(target, int | float) else None
            return numbers.measure(metric, self.value, target=limit)
        return numbers.number(self.value)

    @property
    def credit_shown(self) -> str:
        """The credit with its currency (``5,400.00 USD``), or the no-data mark."""
        currency = self.evidence.get("currency")
        return numbers.money(self.credit, currency if isinstance(currency, str) else None)


Trend = Literal["rising", "falling", "flat"]


def value_trend(values: list[float]) -> Trend | None:
    """Direction of the measured values in period order (least-squares slope).

    "flat" when the fitted change over the whole span is under 1 % of the mean size.
    Neutral words: whether rising is good depends on the measure (CSAT vs wait).
    """
    if len(values) < 2:
        return None
    n = len(values)
    mean_x, mean_y = (n - 1) / 2, sum(values) / n
    sxx = sum((i - mean_x) ** 2 for i in range(n))
    slope = sum((i - mean_x) * (v - mean_y) for i, v in enumerate(values)) / sxx
    span = slope * (n - 1)
    if abs(span) <= 0.01 * max(abs(mean_y), 1e-12):
        return "flat"
    return "rising" if span > 0 else "falling"


FindingStatus = Literal["open", "action_planned", "awaiting_verification", "closed"]
# What a findings list filters by: a status, ``active`` (not closed) or ``overdue``.
FindingFilter = Literal[
    "active", "overdue", "open", "action_planned", "awaiting_verification", "closed"
]
VerificationMethod = Literal["desktop", "follow_up"]
SEVERITY_RANK: dict[Severity, int] = {"observation": 0, "minor": 1, "major": 2, "critical": 3}
FindingSort = Literal["due", "severity", "opened", "value"]
DueWindow = Literal["overdue", "due_soon"]
DUE_SOON_DAYS = 14  # "due soon": due within two weeks, like the alerts' default horizon


class FindingQuery(BaseModel):
    """What a register view asks for: its filters, search and sort (the page's query string,
    the API's parameters and the CLI's options are this one shape).

    ``due`` is ``overdue`` (not closed, past due) or ``due_soon`` (not closed, due within
    ``DUE_SOON_DAYS``); ``due_from``/``due_to`` bound the due date (inclusive);
    ``search`` matches every word in the title or description; ``value`` sorts by the
    service credits over the finding's occurrences.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    status: FindingFilter | None = None
    severity: tuple[Severity, ...] = ()
    engagement: str | None = Field(default=None, max_length=64)
    vendor: str | None = Field(default=None, max_length=64)
    source: str | None = Field(default=None, max_length=40)
    owner: str | None = Field(default=None, max_length=320)  # assignee e-mail, or none
    due: DueWindow | None = None
    due_from: date | None = None
    due_to: date | None = None
    search: str | None = Field(default=None, max_length=200)
    sort: FindingSort = "due"
    descending: bool = False

    @field_validator("status", mode="before")
    @classmethod
    def _all_is_no_filter(cls, value: object) -> object:
        """``all`` (every status) is what the page's status menu and links send."""
        return None if value == "all" else value

    def params(self) -> dict[str, str | list[str]]:
        """The query as URL parameters (only what is set), for links and deep links."""
        out: dict[str, str | list[str]] = {}
        for name, value in self.model_dump(exclude_defaults=True).items():
            if name == "severity":
                out[name] = list(value)
            elif isinstance(value, bool):
                out[name] = "1" if value else "0"
            else:
                out[name] = str(value)
        return out


class FindingRecord(BaseModel):
    """A finding as the register keeps it: the problem plus who acts on it, by when."""

    model_config = ConfigDict(frozen=True)

    id: int
    finding: Finding
    owner: str | None  # who carries out the corrective action (often the vendor's person)
    due_on: date
    corrective_action: str | None
    verification_method: VerificationMethod | None
    status: FindingStatus
    times_seen: int
    overdue: bool
    opened_at: datetime | None = None
    closed_at: datetime | None = None
    occurrences: list[Occurrence] = Field(default_factory=list)
    assignee: str | None = None  # the user of the organisation who owns the finding
    proposed_due: date | None = None  # the vendor's proposed date; never moves ``due_on``

    @property
    def periods(self) -> list[str]:
        """The periods the condition was seen in, oldest first."""
        return sorted({o.period for o in self.occurrences if o.period})

    @property
    def credit(self) -> float | None:
        """Service credits over every occurrence (None when none carries a credit)."""
        credits = [o.credit for o in self.occurrences if o.credit is not None]
        return sum(credits) if credits else None

    @property
    def trend(self) -> Trend | None:
        """Direction of the finding's own measure over its periods (its source's values)."""
        own = sorted(
            (o for o in self.occurrences if o.source == self.finding.source and o.period),
            key=lambda o: o.period or "",
        )
        return value_trend([o.value for o in own if o.value is not None])

    @property
    def display_status(self) -> str:
        """The status, or ``overdue`` when an open item is past its due date."""
        return "overdue" if self.overdue else self.status


class FindingAttachment(BaseModel):
    """A file a vendor attached to its response, stored by sha256 like evidence."""

    model_config = ConfigDict(frozen=True)

    id: int
    finding_id: int
    sha256: str
    filename: str
    size: int
    added_by: str
    added_at: datetime


class HistoryEntry(BaseModel):
    """One change to a finding."""

    model_config = ConfigDict(frozen=True)

    at: str
    actor: str
    event: str
    changes: dict[str, object]
    note: str | None


Grade = Literal["priority", "major", "minor"]


class Nonconformity(BaseModel):
    """One audit nonconformity, graded as the deduction method grades it."""

    model_config = ConfigDict(frozen=True)

    grade: Grade
    title: str = Field(min_length=1)
    pillar: str | None = None
    closed: bool = False


class Audit(BaseModel):
    """An audit of an engagement: who, when, what scope, and what was found."""

    model_config = ConfigDict(frozen=True)

    id: int | None = None
    engagement_id: str
    auditor: str = Field(min_length=1)
    audited_on: date
    scope: str = Field(min_length=1)
    pillars: list[str] = Field(default_factory=list)
    method: Literal["smeta", "deduction"] = "deduction"
    nonconformities: list[Nonconformity] = Field(default_factory=list)


AuditAccess = Literal["pending", "granted", "refused"]


class AuditRequest(BaseModel):
    """The client's notice that it will audit an engagement, and the vendor's answer.

    ``requested_on`` is the day notice was given; ``audit_from`` the first day the client
    asked to audit (None: as soon as the contract's notice allows). ``decided_on`` is the
    day the vendor gave access (``granted``) or refused it; a ``pending`` request has none.
    """

    model_config = ConfigDict(frozen=True)

    id: int | None = None
    engagement_id: str
    requested_on: date
    audit_from: date | None = None
    access: AuditAccess = "pending"
    decided_on: date | None = None
    scope: str = ""
    note: str = ""

    @model_validator(mode="after")
    def _decided(self) -> AuditRequest:
        if self.access == "pending" and self.decided_on is not None:
            raise ValueError("a pending request has no decision date: set access")
        if self.access != "pending" and self.decided_on is None:
            raise ValueError(f"say when access was {self.access} (decided_on)")
        if self.decided_on is not None and self.decided_on < self.requested_on:
            raise ValueError("access cannot be decided before the request")
        if self.audit_from is not None and self.audit_from < self.requested_on:
            raise ValueError("the audit cannot start before notice is given")
        return self


class Alert(BaseModel):
    """Something due or overdue, from any capability."""

    model_config = ConfigDict(frozen=True)

    kind: str
    engagement_id: str | None
    title: str
    due_on: date
    overdue: bool
    ref: str
