"""What a quarterly business review is built from, and the rules every section shares."""

from __future__ import annotations

from dataclasses import dataclass, field

from fairshore.contracts.model import Evaluation
from fairshore.governance.model import Audit, FindingRecord
from fairshore.metrics.model import KpiTable
from fairshore.metrics.periods import Period
from fairshore.parity.model import ParityAudit
from fairshore.people.model import PeopleReport
from fairshore.privacy.model import IncidentStatusView
from fairshore.reporting.model import Note
from fairshore.staffing.model import AdequacyReport

PRIVACY_SOURCES = ("privacy_incident", "access_anomaly")


@dataclass
class QbrInputs:
    """What a QBR is built from (gathered by ``services.qbr_report``)."""

    engagement_id: str
    vendor: str
    quarter: Period
    sla: list[Evaluation]
    sla_history: list[Evaluation]
    parity: list[ParityAudit]
    people: PeopleReport | None
    people_previous: PeopleReport | None
    findings: list[FindingRecord]
    audits: list[Audit]
    staffing: AdequacyReport | None
    interactions_in_quarter: int
    interactions_previous: int
    notes: dict[str, str] = field(default_factory=dict)
    incidents: list[IncidentStatusView] = field(default_factory=list)
    breach_window_hours: float | None = None
    kpis: KpiTable | None = None
    """The quarter's KPI set per channel (``metrics.services.compute_kpis``)."""


def _missing(what: str, quarter: Period, why: str = "") -> Note:
    reason = f" {why}" if why else ""
    return Note(text=f"No data for {quarter.label}: {what}.{reason}", kind="missing_data")


def in_quarter(record: FindingRecord, quarter: Period) -> bool:
    """True when a finding was seen in, or concerns a month of, the quarter."""
    f = record.finding
    if f.period and any(f.period.startswith(m) for m in quarter.month_labels()):
        return True
    return f.observed_on is not None and quarter.start <= f.observed_on <= quarter.last_day
