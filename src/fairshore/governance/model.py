"""Findings: the one shape every detector reports in.

Contract evaluation, the parity audit, welfare and pay checks, privacy incidents and
access anomalies, vetting integrity flags and auditors all raise ``Finding`` values.
The governance register (``governance/services.py``) stores them, deduplicating
automatic findings on ``key``: the same problem seen again updates the open finding
instead of opening another.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

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


class Finding(BaseModel):
    """A problem detected in the data or by an auditor, for a person to act on.

    ``key`` identifies the problem, not the sighting: e.g.
    ``"parity:telco-krk:language=es:mean_wait_s"``. Two findings with the same key
    are the same problem.
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


FindingStatus = Literal["open", "action_planned", "awaiting_verification", "closed"]
# What a findings list filters by: a status, ``active`` (not closed) or ``overdue``.
FindingFilter = Literal[
    "active", "overdue", "open", "action_planned", "awaiting_verification", "closed"
]
VerificationMethod = Literal["desktop", "follow_up"]
SEVERITY_RANK: dict[Severity, int] = {"observation": 0, "minor": 1, "major": 2, "critical": 3}


class FindingRecord(BaseModel):
    """A finding as the register keeps it: the problem plus who acts on it, by when."""

    model_config = ConfigDict(frozen=True)

    id: int
    finding: Finding
    owner: str | None
    due_on: date
    corrective_action: str | None
    verification_method: VerificationMethod | None
    status: FindingStatus
    times_seen: int
    overdue: bool
    opened_at: datetime | None = None
    closed_at: datetime | None = None

    @property
    def display_status(self) -> str:
        """The status, or ``overdue`` when an open item is past its due date."""
        return "overdue" if self.overdue else self.status


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


class Alert(BaseModel):
    """Something due or overdue, from any capability."""

    model_config = ConfigDict(frozen=True)

    kind: str
    engagement_id: str | None
    title: str
    due_on: date
    overdue: bool
    ref: str
