"""Use cases of access anomalies: detect them and raise findings."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta

import pandas as pd
from pydantic import BaseModel

from fairshore.bootstrap import Workspace
from fairshore.governance.model import Finding
from fairshore.metrics.periods import Period
from fairshore.privacy.anomalies import AccessAnomalyDetector
from fairshore.privacy.incident_services import incident_findings
from fairshore.privacy.model import (
    AccessFlag,
    AnomalyThresholds,
)
from fairshore.privacy.sharing_services import engagement_row


class AnomalyReport(BaseModel):
    """Access flags of an engagement over a period, and the findings they raise."""

    engagement_id: str
    start: date | None
    end: date | None
    events: int
    agents: int
    flags: list[AccessFlag]
    findings: list[Finding]


def detect_access_anomalies(
    ws: Workspace,
    *,
    engagement_id: str,
    period: Period | None = None,
    thresholds: AnomalyThresholds | None = None,
) -> AnomalyReport:
    """Flag suspicious access in the engagement's ``access_events`` (lake) over ``period``
    (local days; default every event)."""
    _, events, flags = run_detector(
        ws, engagement_id=engagement_id, period=period, thresholds=thresholds
    )
    return AnomalyReport(
        engagement_id=engagement_id,
        start=period.start if period else None,
        end=period.last_day if period else None,
        events=len(events),
        agents=int(events["agent_ref"].nunique()) if len(events) else 0,
        flags=flags,
        findings=anomaly_findings(flags, over=period),
    )


def run_detector(
    ws: Workspace,
    *,
    engagement_id: str,
    period: Period | None,
    thresholds: AnomalyThresholds | None = None,
    columns: Sequence[str] = (),
) -> tuple[AccessAnomalyDetector, pd.DataFrame, list[AccessFlag]]:
    """The detector run over the engagement's access log as :func:`detect_access_anomalies`
    runs it (its ``events_`` and ``rows_`` name each flag's events), the events read
    (with ``columns`` besides those judged) and the flags."""
    eng = engagement_row(ws, engagement_id)
    start, end = (period.start, period.last_day) if period else (None, None)
    lake = ws.lake_reader
    events_t = lake.table("access_events", engagement_id)
    if end is not None:
        events_t = events_t.filter(
            events_t.at < datetime.combine(end + timedelta(days=2), time.min, UTC)
        )
    cols = ["agent_ref", "at", "action", "record_ref", "records_count", "source", *columns]
    events = events_t.select(*cols).to_pyarrow().to_pandas()
    inter = lake.table("interactions", engagement_id)
    handled = (
        inter.filter(inter.customer_ref.notnull() & inter.agent_ref.notnull())
        .select("agent_ref", "customer_ref")
        .distinct()
        .to_pyarrow()
        .to_pandas()
    )
    detector = AccessAnomalyDetector(thresholds=thresholds, timezone=eng.timezone)
    flags = detector.evaluate(
        events, engagement_id=engagement_id, start=start, end=end, handled=handled
    )
    return detector, events, flags


def anomaly_findings(flags: Iterable[AccessFlag], *, over: Period | None = None) -> list[Finding]:
    """One finding per agent and kind of flag (source ``access_anomaly``); each flagged
    day is an occurrence of it (``period`` is the day). ``over``, the period the detector
    judged (its baselines end with it), is kept in the evidence (``detected_over``) so
    that the events behind a flag can be found again."""
    titles = {
        "bulk_export": "Bulk export of customer records",
        "off_shift": "Access to customer records outside the agent's shift",
        "volume_spike": "Sudden spike in an agent's record access",
        "unhandled_records": "Agent accessed records of customers it never served",
        "new_source": "Access from a new site or network",
    }
    return [
        Finding(
            key=f"access_anomaly:{f.engagement_id}:{f.agent_ref}:{f.kind}",
            source="access_anomaly",
            engagement_id=f.engagement_id,
            severity=f.severity,
            title=f"{titles[f.kind]} ({f.agent_ref}, {f.day})",
            detail=f.reason,
            evidence={
                "kind": f.kind,
                "agent_ref": f.agent_ref,
                "at": f.at.isoformat() if f.at else None,
                "detected_over": over.label if over else None,
                **f.numbers,
            },
            period=f.day,
            observed_on=date.fromisoformat(f.day),
        )
        for f in flags
    ]


def privacy_findings(
    ws: Workspace,
    *,
    engagement_id: str,
    period: Period | None = None,
    as_of: datetime | None = None,
    vendor_window_hours: float | None = None,
) -> list[Finding]:
    """Every privacy finding of an engagement: late or overdue breach clocks, access flags.

    The one call an evaluation run needs (the demo calls it per engagement after
    ``import_incidents``).
    """
    findings = incident_findings(
        ws, engagement_id=engagement_id, as_of=as_of, vendor_window_hours=vendor_window_hours
    )
    report = detect_access_anomalies(ws, engagement_id=engagement_id, period=period)
    return findings + report.findings
