"""What other capabilities have coming due, as alerts: one provider per kind of item.

``services.alerts`` collects every provider of ``ALERT_PROVIDERS``. Each provider
imports its capability inside the function, so governance (which every capability
imports for ``Finding``) never imports them at load time.

- certificates: vetting evidence whose ``valid_until`` falls within 60 days or has
  passed, unless a newer document of the same type from the vendor outlasts it;
- incident clocks: privacy breach notification clocks running or overdue (vendor to
  client, and the GDPR Art. 33 72-hour clock to the supervisory authority);
- questionnaire renewals: a vendor assessment last updated 12 months ago or more;
- worker voice: grievances not acknowledged, or not resolved, by their deadline.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING

from fairshore.bootstrap import Workspace
from fairshore.governance.model import Alert, Finding, Severity

if TYPE_CHECKING:
    from fairshore.vetting.model import Evidence

# Lead time for renewals that take weeks to arrange (a recertification, a questionnaire).
RENEWAL_LEAD_DAYS = 60
QUESTIONNAIRE_VALID_MONTHS = 12

AlertProvider = Callable[[Workspace, date, date], list[Alert]]


# Certificates whose lapse exposes customer data: a major finding; others minor.
DATA_CERTIFICATES = frozenset({"iso27001", "iso27701", "pci_dss", "soc2_type2"})


def _lapsed(documents: list[Evidence], today: date) -> list[Evidence]:
    """Documents expired before ``today`` with no document of the same type valid on it."""
    return [
        doc
        for doc in documents
        if doc.valid_until is not None
        and doc.valid_until < today
        and not any(
            other.vendor_id == doc.vendor_id and other.type == doc.type and other.valid_on(today)
            for other in documents
        )
    ]


def certificate_findings(ws: Workspace, *, today: date) -> list[Finding]:
    """A finding per engagement of a vendor whose certificate lapsed without renewal."""
    from fairshore.engagements.services import list_engagements
    from fairshore.vetting.services import list_evidence

    engagements = list_engagements(ws)
    out = []
    for doc in _lapsed(list_evidence(ws), today):
        severity: Severity = "major" if doc.type in DATA_CERTIFICATES else "minor"
        for engagement in (e for e in engagements if e.vendor_id == doc.vendor_id):
            out.append(
                Finding(
                    key=f"certificate:{engagement.id}:{doc.type}",
                    source="certificate",
                    engagement_id=engagement.id,
                    severity=severity,
                    title=f"{doc.type} of {doc.vendor_id} expired on {doc.valid_until}",
                    detail=f"Issued by {doc.issuer}; no renewed {doc.type} on file on {today}.",
                    evidence={
                        "vendor_id": doc.vendor_id,
                        "sha256": doc.sha256,
                        "valid_until": str(doc.valid_until),
                    },
                    observed_on=today,
                )
            )
    return out


def _add_months(day: date, months: int) -> date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def certificate_alerts(ws: Workspace, today: date, horizon: date) -> list[Alert]:
    """Evidence documents expiring within 60 days (or the horizon) or already expired."""
    from fairshore.vetting.services import list_evidence

    lead = max(horizon, today + timedelta(days=RENEWAL_LEAD_DAYS))
    documents = list_evidence(ws)
    out = []
    for doc in documents:
        if doc.valid_until is None or doc.valid_until > lead:
            continue
        renewed = any(
            other.vendor_id == doc.vendor_id
            and other.type == doc.type
            and (other.valid_until is None or other.valid_until > lead)
            for other in documents
        )
        if renewed:
            continue
        verb = "expired" if doc.valid_until < today else "expires"
        out.append(
            Alert(
                kind="certificate",
                engagement_id=None,
                title=f"{doc.type} of vendor {doc.vendor_id} ({doc.issuer}) {verb} "
                f"{doc.valid_until}",
                due_on=doc.valid_until,
                overdue=doc.valid_until < today,
                ref=f"evidence:{doc.vendor_id}:{doc.sha256[:12]}",
            )
        )
    return out


CLOCK_TITLES = {
    "vendor_to_client": "vendor must notify the client",
    "gdpr_art33_authority": "supervisory authority must be notified within 72 h (GDPR Art. 33)",
}


def incident_clock_alerts(ws: Workspace, today: date, horizon: date) -> list[Alert]:
    """Breach notification clocks still running or already overdue."""
    from fairshore.privacy.services import list_incidents

    moment = (
        datetime.now(UTC)
        if today == datetime.now(UTC).date()
        else datetime.combine(today, time.min, tzinfo=UTC)
    )
    out = []
    for view in list_incidents(ws, as_of=moment):
        for c in view.clocks:
            if c.state not in ("running", "overdue") or c.deadline is None:
                continue
            out.append(
                Alert(
                    kind="incident_clock",
                    engagement_id=view.incident.engagement_id,
                    title=f"Incident {view.incident.id}: {CLOCK_TITLES[c.name]} "
                    f"(by {c.deadline:%Y-%m-%d %H:%M} UTC)",
                    due_on=c.deadline.date(),
                    overdue=c.state == "overdue",
                    ref=f"incident:{view.incident.id}:{c.name}",
                )
            )
    return out


def questionnaire_alerts(ws: Workspace, today: date, horizon: date) -> list[Alert]:
    """Vendor assessments due for renewal 12 months after they were last updated."""
    from fairshore.adapters.db import vetting_repository

    lead = max(horizon, today + timedelta(days=RENEWAL_LEAD_DAYS))
    with ws.db.begin() as conn:
        rows = vetting_repository.list_assessments(conn, ws.organisation_id)
    out = []
    for row in rows:
        updated = row["updated_at"]
        last = updated.date() if isinstance(updated, datetime) else updated
        due = _add_months(last, QUESTIONNAIRE_VALID_MONTHS)
        if due > lead:
            continue
        out.append(
            Alert(
                kind="questionnaire",
                engagement_id=None,
                title=f"Questionnaire {row['rubric_id']} of vendor {row['vendor_id']} "
                f"(last updated {last}) is due for renewal",
                due_on=due,
                overdue=due < today,
                ref=f"questionnaire:{row['vendor_id']}:{row['rubric_id']}",
            )
        )
    return out


def voice_alerts(ws: Workspace, today: date, horizon: date) -> list[Alert]:
    """Worker-voice cases to acknowledge or resolve (no text, no site: nothing identifying)."""
    from fairshore.people.services import list_grievances

    out = []
    for case in list_grievances(ws):
        due: list[tuple[str, str, date]] = []
        if case.acknowledged_on is None and case.status == "received":
            due.append(("ack", "acknowledgement", case.ack_due_on))
        if case.resolved_on is None and case.status != "resolved":
            due.append(("resolve", "resolution", case.resolve_due_on))
        out += [
            Alert(
                kind="voice",
                engagement_id=case.engagement_id,
                title=f"Grievance ({case.category}) {what} due",
                due_on=day,
                overdue=day < today,
                ref=f"voice:{case.id}:{tag}",
            )
            for tag, what, day in due
            if day <= horizon
        ]
    return out


ALERT_PROVIDERS: tuple[AlertProvider, ...] = (
    certificate_alerts,
    incident_clock_alerts,
    questionnaire_alerts,
    voice_alerts,
)
