"""The QBR section on data protection: incidents with their clocks, access anomalies."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fairshore import numbers
from fairshore.governance.model import FindingRecord
from fairshore.metrics.periods import Period
from fairshore.privacy.model import IncidentStatusView
from fairshore.reporting.figures import (
    figure,
    findings_light,
    worst,
)
from fairshore.reporting.model import Block, Note, Section, Table
from fairshore.reporting.qbr_findings import FINDING_COLUMNS, _finding_rows
from fairshore.reporting.qbr_inputs import PRIVACY_SOURCES, QbrInputs, _missing
from fairshore.reporting.timeline import (
    concerns,
)


def _when(moment: datetime | None) -> str:
    return "—" if moment is None else moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M")


def incident_rows(views: list[IncidentStatusView]) -> list[list[Any]]:
    """One row per incident: the clock from vendor awareness to client notice, and Art. 33."""
    rows: list[list[Any]] = []
    for view in sorted(
        views, key=lambda v: v.incident.vendor_aware_at or v.incident.detected_at or v.as_of
    ):
        inc = view.incident
        clocks = {c.name: c for c in view.clocks}
        vendor = clocks["vendor_to_client"]
        authority = clocks.get("gdpr_art33_authority")
        taken = vendor.elapsed_hours
        rows.append(
            [
                inc.id,
                inc.severity
                + ("" if inc.records_affected is None else f", {inc.records_affected:,} records"),
                _when(inc.detected_at),
                _when(inc.vendor_aware_at),
                _when(inc.client_notified_at),
                "—" if taken is None else f"{numbers.hours(taken)}",
                f"{numbers.hours(vendor.window_hours)}",
                vendor.state.replace("_", " "),
                _when(inc.authority_notified_at)
                if inc.authority_notified_at
                else AUTHORITY_PENDING.get(authority.state if authority else "", "—"),
                authority.state.replace("_", " ") if authority else "not under GDPR",
                _other_clocks(view),
                inc.status,
            ]
        )
    return rows


def _other_clocks(view: IncidentStatusView) -> str:
    """Clocks to the people affected, media, HHS ... under the engagement's regimes."""
    parts = []
    for c in view.clocks:
        if c.name in ("vendor_to_client", "gdpr_art33_authority"):
            continue
        by = f" by {_when(c.deadline)}" if c.deadline else ""
        parts.append(f"{c.audience.replace('_', ' ')}: {c.state.replace('_', ' ')}{by}")
    return "; ".join(parts) or "—"


# The authority column when no notice was given: the clock has not started (the client
# is not aware yet), or the client assessed that none is due (GDPR Art. 33(1)).
AUTHORITY_PENDING = {"not_started": "not required yet", "not_required": "assessed not required"}
INCIDENT_COLUMNS = [
    "incident",
    "impact",
    "detected",
    "vendor aware",
    "client notified",
    "hours taken",
    "window",
    "vendor clock",
    "authority notified",
    "Art. 33 clock",
    "other notices",
    "status",
]


def anomaly_rows(records: list[FindingRecord]) -> list[list[Any]]:
    """Access anomalies with their numbers (from the flags the privacy capability raised)."""
    rows: list[list[Any]] = []
    for r in sorted(records, key=lambda r: (r.finding.period or "", r.id)):
        ev = r.finding.evidence
        records_count = ev.get("records") or ev.get("records_count")
        rows.append(
            [
                str(ev.get("at") or r.finding.period or "")[:16].replace("T", " "),
                ev.get("agent_ref", ""),
                str(ev.get("kind", "")).replace("_", " "),
                int(records_count) if isinstance(records_count, int | float) else None,
                r.finding.severity,
                r.display_status.replace("_", " "),
                r.finding.detail,
            ]
        )
    return rows


def _relevant_incident(view: IncidentStatusView, quarter: Period) -> bool:
    inc = view.incident
    start = inc.vendor_aware_at or inc.detected_at
    if start is None:
        return False
    day = start.astimezone(UTC).date()
    if quarter.start <= day <= quarter.last_day:
        return True
    # still running into the quarter: an earlier incident whose clocks were not done by then
    return day < quarter.start and any(c.state in ("running", "overdue") for c in view.clocks)


def privacy_section(inputs: QbrInputs) -> Section:
    """Breach clocks of each incident, access anomalies, and the findings they raised."""
    q = inputs.quarter
    records = [
        r
        for r in inputs.findings
        if r.finding.source in PRIVACY_SOURCES and concerns(r, q.start, q.last_day)
    ]
    views = [v for v in inputs.incidents if _relevant_incident(v, q)]
    if inputs.interactions_in_quarter == 0 and not records and not views:
        return Section(
            id="privacy",
            title="Data protection",
            blocks=[_missing("no data was received, so no access could be checked", q)],
        )
    anomalies = [r for r in records if r.finding.source == "access_anomaly"]
    late = [v for v in views if any(c.state in ("late", "overdue") for c in v.clocks)]
    light = worst(
        [
            findings_light(records) if records else "green",
            "red" if late else "green",
        ]
    )
    window = inputs.breach_window_hours
    blocks: list[Block] = [
        figure(
            "Privacy incidents",
            float(len(views)),
            str(len(views)),
            "red" if late else "amber" if views else "green",
            f"{len(late)} notified late or overdue" if views else "",
        ),
        figure(
            "Access anomalies",
            float(len(anomalies)),
            str(len(anomalies)),
            "red" if anomalies else "green",
        ),
    ]
    if views:
        blocks.append(
            Table(
                title="Incident clocks",
                columns=INCIDENT_COLUMNS,
                rows=incident_rows(views),
                caption=(
                    f"Vendor to client: contract window {numbers.hours(window)}"
                    if window is not None
                    else "Vendor to client: default window 24 h (no contract clause)"
                )
                + "; client to authority: GDPR Art. 33, 72 h; other notices as the "
                + "engagement's regimes require (docs/privacy.md). Times in UTC; clocks as of "
                + f"{q.last_day.isoformat()} (end of the quarter).",
            )
        )
    else:
        blocks.append(Note(text=f"No privacy incident was reported in {q.label}."))
    if anomalies:
        blocks.append(
            Table(
                title="Access anomalies",
                columns=["when (UTC)", "agent", "kind", "records", "severity", "status", "why"],
                rows=anomaly_rows(anomalies),
                caption="Each agent compared with its own robust baseline (docs/privacy.md).",
            )
        )
    else:
        blocks.append(Note(text=f"No access anomaly was flagged in {q.label}."))
    if records:
        blocks.append(
            Table(
                title="Data-protection findings",
                columns=FINDING_COLUMNS,
                rows=_finding_rows(records),
            )
        )
    return Section(id="privacy", title="Data protection", light=light, blocks=blocks)
