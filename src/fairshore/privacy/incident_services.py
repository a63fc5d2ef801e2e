"""Use cases of personal-data incidents: record, import, breach clocks, findings."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from pydantic import BaseModel

from fairshore import numbers
from fairshore.adapters.db import privacy_repository as prepo
from fairshore.adapters.db import repositories as repo
from fairshore.bootstrap import Workspace
from fairshore.contracts.model import ClauseMeasurement
from fairshore.contracts.services import contracted_breach_window
from fairshore.errors import NotFoundError, PrivacyError
from fairshore.governance.model import Finding
from fairshore.privacy.incident_import import parse_incident_fields
from fairshore.privacy.incidents import (
    DEFAULT_VENDOR_WINDOW_HOURS,
    clock_findings,
    incident_clocks,
    notification_delay_hours,
)
from fairshore.privacy.model import (
    Incident,
    IncidentFields,
    IncidentStatusView,
)
from fairshore.privacy.sharing_services import engagement_row


def add_incident(
    ws: Workspace,
    *,
    engagement_id: str,
    fields: IncidentFields,
    external_ref: str | None = None,
) -> Incident:
    """Register a personal-data breach at the engagement's vendor."""
    engagement_row(ws, engagement_id)
    data = fields.model_dump(exclude_none=True)
    incident_id = (
        "inc-" + uuid.uuid5(uuid.NAMESPACE_URL, f"{engagement_id}/{external_ref}").hex[:12]
        if external_ref
        else "inc-" + uuid.uuid4().hex[:12]
    )
    incident = Incident(
        id=incident_id, engagement_id=engagement_id, external_ref=external_ref, **data
    )
    with ws.db.begin() as conn:
        prepo.insert_incident(conn, ws.organisation_id, incident)
    return incident


def update_incident(ws: Workspace, incident_id: str, *, fields: IncidentFields) -> Incident:
    """Change an incident's fields (only those given)."""
    with ws.db.begin() as conn:
        current = prepo.get_incident(conn, ws.organisation_id, incident_id)
        if current is None:
            raise NotFoundError(
                f"no incident {incident_id!r}; see 'fairshore privacy incident list'"
            )
        updated = current.model_copy(update=fields.model_dump(exclude_none=True))
        prepo.update_incident(conn, updated)
    return updated


def list_incidents(
    ws: Workspace,
    *,
    engagement_id: str | None = None,
    as_of: datetime | None = None,
    vendor_window_hours: float | None = None,
) -> list[IncidentStatusView]:
    """Incidents with their clocks as of ``as_of`` (default now).

    The vendor-to-client window is ``vendor_window_hours`` when given, otherwise the
    ``breach_notification_hours`` clause of the engagement's contract in effect when the
    vendor became aware, and 24 hours where no contract sets one. The other clocks
    follow the regimes the engagement names (GDPR when it names none).
    """
    moment = as_of or datetime.now(UTC)
    with ws.db.begin() as conn:
        incidents = prepo.list_incidents(conn, ws.organisation_id, engagement_id)
        regimes = {e.id: e.regimes for e in repo.list_engagements(conn, ws.organisation_id)}
    return [
        incident_clocks(
            i,
            as_of=moment,
            vendor_window_hours=vendor_window_hours or _contracted_window(ws, i),
            regimes=regimes.get(i.engagement_id, []),
        )
        for i in incidents
    ]


def _contracted_window(ws: Workspace, incident: Incident) -> float:
    start = incident.vendor_aware_at or incident.detected_at
    if start is None:
        return DEFAULT_VENDOR_WINDOW_HOURS
    window = contracted_breach_window(ws, incident.engagement_id, start.date())
    return window or DEFAULT_VENDOR_WINDOW_HOURS


def incident_findings(
    ws: Workspace,
    *,
    engagement_id: str | None = None,
    as_of: datetime | None = None,
    vendor_window_hours: float | None = None,
) -> list[Finding]:
    """Findings for every late or overdue notification clock."""
    views = list_incidents(
        ws, engagement_id=engagement_id, as_of=as_of, vendor_window_hours=vendor_window_hours
    )
    return [f for v in views for f in clock_findings(v)]


class ImportReport(BaseModel):
    """What an incidents import did."""

    created: list[str]
    updated: list[str]
    skipped: list[str]


def import_incidents(ws: Workspace, path: Path) -> ImportReport:
    """Import incidents from the demo's ``incidents.json`` (or a file shaped like it).

    Accepts a list or ``{"incidents": [...]}``; each incident needs ``engagement_id``
    and takes ``detected_at``, ``vendor_aware_at``, ``client_notified_at``,
    ``authority_notified_at``, ``authority_notification`` (``required`` or
    ``not_required``), ``records_affected``, ``categories``, ``description`` (a few
    common aliases too). Times without a zone are read as UTC. Importing the
    same file twice updates instead of duplicating (keyed on ``id`` or the content).
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise PrivacyError(f"cannot read incidents from {path}: {exc}") from None
    items = data.get("incidents", []) if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise PrivacyError(f"{path.name}: expected a list of incidents or {{'incidents': [...]}}")
    report = ImportReport(created=[], updated=[], skipped=[])
    for n, item in enumerate(items):
        _import_one(ws, item, n, report)
    return report


def _import_one(ws: Workspace, item: object, n: int, report: ImportReport) -> None:
    if not isinstance(item, dict):
        report.skipped.append(f"#{n}: not an object")
        return
    engagement_id = item.get("engagement_id") or item.get("engagement")
    if not engagement_id:
        report.skipped.append(f"#{n}: no engagement_id")
        return
    fields = parse_incident_fields(item)
    if isinstance(fields, str):
        report.skipped.append(f"#{n}: {fields}")
        return
    ref = str(item.get("id") or item.get("incident_id") or item.get("ref") or "")
    if not ref:
        ref = f"{fields.vendor_aware_at or fields.detected_at}:{fields.description or ''}"[:200]
    with ws.db.begin() as conn:
        existing = prepo.find_incident_by_ref(conn, str(engagement_id), ref)
    try:
        if existing is not None:
            update_incident(ws, existing.id, fields=fields)
            report.updated.append(existing.id)
        else:
            report.created.append(
                add_incident(
                    ws, engagement_id=str(engagement_id), fields=fields, external_ref=ref
                ).id
            )
    except NotFoundError as exc:
        report.skipped.append(f"#{n}: {exc}")


def breach_notification_hours(
    ws: Workspace, engagement_id: str, start: date, end: date
) -> ClauseMeasurement | None:
    """Contract clause provider: the longest vendor-aware -> client-notified delay, hours.

    Over incidents whose vendor awareness falls in ``start``..``end``. An incident not
    yet notified counts up to the end of the period (or the workspace's today, if
    sooner: :meth:`Workspace.today`, so a pinned or injected day judges the same).
    With no incident in the period the clause is met: value 0, sample size 0.
    """
    with ws.db.begin() as conn:
        incidents = prepo.list_incidents(conn, ws.organisation_id, engagement_id)
    lo = datetime.combine(start, time.min, UTC)
    hi = datetime.combine(end + timedelta(days=1), time.min, UTC)
    as_of = min(hi, datetime.combine(ws.today() + timedelta(days=1), time.min, UTC))
    delays: list[tuple[float, Incident]] = []
    for inc in incidents:
        aware = inc.vendor_aware_at or inc.detected_at
        if aware is None or not lo <= aware < hi:
            continue
        delay = notification_delay_hours(inc, as_of=as_of)
        if delay is not None:
            delays.append((delay, inc))
    if not delays:
        return ClauseMeasurement(
            value=0.0, sample_size=0, detail="no breach incidents in the period"
        )
    worst, inc = max(delays, key=lambda d: d[0])
    pending = " (not yet notified)" if inc.client_notified_at is None else ""
    return ClauseMeasurement(
        value=worst,
        sample_size=len(delays),
        detail=f"longest delay {numbers.hours(worst)}: incident {inc.id}{pending}",
    )
