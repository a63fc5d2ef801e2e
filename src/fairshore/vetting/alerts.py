"""Vetting's alerts and findings of what comes due: certificates and questionnaires.

Alert providers of :mod:`fairshore.governance.due`, listed by the composition root.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from fairshore.adapters.db import vetting_repository
from fairshore.bootstrap import Workspace
from fairshore.engagements.services import list_engagements
from fairshore.governance.due import QUESTIONNAIRE_VALID_MONTHS, RENEWAL_LEAD_DAYS, add_months
from fairshore.governance.model import Alert, Finding, Severity
from fairshore.vetting.model import Evidence
from fairshore.vetting.services import list_evidence

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


def certificate_alerts(ws: Workspace, today: date, horizon: date) -> list[Alert]:
    """Evidence documents expiring within 60 days (or the horizon) or already expired."""
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


def questionnaire_alerts(ws: Workspace, today: date, horizon: date) -> list[Alert]:
    """Vendor assessments due for renewal 12 months after they were last updated."""
    lead = max(horizon, today + timedelta(days=RENEWAL_LEAD_DAYS))
    with ws.db.begin() as conn:
        rows = vetting_repository.list_assessments(conn, ws.organisation_id)
    out = []
    for row in rows:
        updated = row["updated_at"]
        last = updated.date() if isinstance(updated, datetime) else updated
        due = add_months(last, QUESTIONNAIRE_VALID_MONTHS)
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
