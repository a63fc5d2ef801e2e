"""Findings: the one shape every detector reports in.

Contract evaluation, the parity audit, welfare and pay checks, privacy incidents and
access anomalies, vetting integrity flags and auditors all raise ``Finding`` values.
The governance register (``governance/services.py``) stores them, deduplicating
automatic findings on ``key``: the same problem seen again updates the open finding
instead of opening another.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Severity = Literal["critical", "major", "minor", "observation"]
FindingSource = Literal[
    "sla", "contract", "parity", "people", "pay", "privacy_incident", "access_anomaly",
    "vetting", "certificate", "audit", "staffing", "quality", "voice",
]  # fmt: skip

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
