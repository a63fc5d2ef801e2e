"""Use cases of the findings register, audits and alerts."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from fairshore.adapters.db import governance_repository as repo
from fairshore.bootstrap import Workspace
from fairshore.engagements.services import get_engagement, list_engagements
from fairshore.errors import GovernanceError, NotFoundError
from fairshore.governance.audit_request_services import (
    add_audit_request,
    answer_audit_request,
    list_audit_requests,
)
from fairshore.governance.audits import AuditScore, MeasuredPay, score_audit
from fairshore.governance.model import (
    DUE_SOON_DAYS,
    Alert,
    Audit,
    Finding,
    FindingQuery,
    FindingRecord,
    FindingStatus,
    HistoryEntry,
    Occurrence,
    Severity,
)
from fairshore.governance.recording import SYSTEM, RecordOutcome, record_findings
from fairshore.governance.workflow import ACTIVE_STATUSES, check_transition, is_overdue

__all__ = [
    "SYSTEM",
    "RecordOutcome",
    "add_audit_request",  # the audit register's requests (audit_request_services)
    "answer_audit_request",
    "list_audit_requests",
    "record_findings",  # the register's one road in
]

GRADE_SEVERITY: dict[str, Severity] = {"priority": "critical", "major": "major", "minor": "minor"}


@dataclass(frozen=True)
class FindingCount:
    """How many active findings one engagement has at one severity, and how many are overdue."""

    engagement_id: str | None
    severity: Severity
    active: int
    overdue: int


# Finding.model_fields builds a new dict on every access (pydantic >= 2.11): read it once.
_FINDING_FIELDS = tuple(
    k for k in Finding.model_fields if k not in ("observed_on", "value", "credit")
)


def _record(
    row: dict[str, Any], today: date, occurrences: list[Occurrence] | None = None
) -> FindingRecord:
    finding = Finding.model_validate({k: row[k] for k in _FINDING_FIELDS if k in row})
    return FindingRecord(
        id=row["id"],
        finding=finding,
        owner=row["owner"],
        due_on=row["due_on"],
        corrective_action=row["corrective_action"],
        verification_method=row["verification_method"],
        status=row["status"],
        times_seen=row["times_seen"],
        overdue=is_overdue(row["status"], row["due_on"], today=today),
        opened_at=row.get("opened_at"),
        closed_at=row.get("closed_at"),
        occurrences=occurrences or [],
        assignee=row.get("assignee"),
        proposed_due=row.get("proposed_due"),
    )


def _records(conn: repo.Connection, rows: list[dict[str, Any]], today: date) -> list[FindingRecord]:
    """Register rows as records, with their occurrences (one query for the page)."""
    found = repo.occurrences_of(conn, [r["id"] for r in rows])
    return [_record(r, today, found[r["id"]]) for r in rows]


@dataclass(frozen=True)
class FindingsPage:
    """Some of the matching findings, and how many match in all."""

    records: list[FindingRecord]
    total: int


def page_findings(
    ws: Workspace,
    *,
    query: FindingQuery | None = None,
    engagement_id: str | None = None,
    engagement_ids: Collection[str] | None = None,
    include_unassigned: bool = True,
    source: str | None = None,
    status: str | None = None,
    today: date | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> FindingsPage:
    """Findings of this organisation that match ``query`` (soonest due first unless it
    sorts otherwise), ``limit`` of them from ``offset``.

    ``engagement_id``, ``source`` and ``status`` are shorthands for the query's fields;
    ``status`` may also be ``active`` (not closed) or ``overdue`` (not closed, past due).
    ``engagement_ids`` keeps only those engagements' findings, and the ones of no
    engagement when ``include_unassigned`` (a vendor filter keeps none of those).
    Filtered, sorted and counted in the database.
    """
    if query is None:
        query = FindingQuery.model_validate(
            {"engagement": engagement_id, "source": source, "status": status}
        )
    today = today or ws.today()
    conditions = _conditions(query, today)
    if query.vendor is not None:
        of_vendor = {e.id for e in list_engagements(ws) if e.vendor_id == query.vendor}
        engagement_ids = of_vendor if engagement_ids is None else of_vendor & set(engagement_ids)
        include_unassigned = False
    with ws.db.begin() as conn:
        rows, total = repo.list_finding_rows(
            conn,
            ws.organisation_id,
            engagement_ids=engagement_ids,
            include_unassigned=include_unassigned,
            sort=query.sort,
            descending=query.descending,
            limit=limit,
            offset=offset,
            **conditions,
        )
        return FindingsPage(_records(conn, rows, today), total)


def _conditions(query: FindingQuery, today: date) -> dict[str, Any]:
    """The query's filters as the repository's conditions (statuses and due bounds)."""
    statuses: list[str] | None = None
    if query.status in ("active", "overdue") or query.due is not None:
        statuses = list(ACTIVE_STATUSES)
    if query.status is not None and query.status not in ("active", "overdue"):
        statuses = [s for s in statuses or [query.status] if s == query.status]
    overdue = query.status == "overdue" or query.due == "overdue"
    due_from, due_to = query.due_from, query.due_to
    if query.due == "due_soon":
        soon = today + timedelta(days=DUE_SOON_DAYS)
        due_to = soon if due_to is None else min(due_to, soon)
        due_from = today if due_from is None else max(due_from, today)
    return {
        "engagement_id": query.engagement,
        "source": query.source,
        "statuses": statuses,  # [] when status and due window exclude each other
        "due_before": today if overdue else None,
        "due_from": due_from,
        "due_to": due_to,
        "severities": query.severity,
        "owner": query.owner,
        "search": query.search,
    }


def list_findings(
    ws: Workspace,
    *,
    engagement_id: str | None = None,
    source: str | None = None,
    status: str | None = None,
    today: date | None = None,
) -> list[FindingRecord]:
    """Every finding of this organisation that matches (see ``page_findings``)."""
    found = page_findings(
        ws, engagement_id=engagement_id, source=source, status=status, today=today
    )
    return found.records


def count_active_findings(ws: Workspace, *, today: date | None = None) -> list[FindingCount]:
    """Active (not closed) findings counted per engagement and severity, in the database."""
    with ws.db.begin() as conn:
        rows = repo.count_finding_rows(
            conn,
            ws.organisation_id,
            statuses=list(ACTIVE_STATUSES),
            due_before=today or ws.today(),
        )
    return [
        FindingCount(r["engagement_id"], r["severity"], int(r["count"]), int(r["overdue"] or 0))
        for r in rows
    ]


def get_finding(
    ws: Workspace, finding_id: int, *, today: date | None = None
) -> tuple[FindingRecord, list[HistoryEntry]]:
    """One finding and its history."""
    with ws.db.begin() as conn:
        row = repo.get_finding_row(conn, ws.organisation_id, finding_id)
        if row is None:
            raise NotFoundError(f"no finding {finding_id} (see 'fairshore findings list')")
        [record] = _records(conn, [row], today or ws.today())
        return record, repo.history(conn, finding_id)


def update_finding(
    ws: Workspace,
    finding_id: int,
    *,
    actor: str,
    status: FindingStatus | None = None,
    owner: str | None = None,
    due_on: date | None = None,
    corrective_action: str | None = None,
    verification_method: str | None = None,
    note: str | None = None,
    now: datetime | None = None,
    proposed_due: date | None = None,
) -> FindingRecord:
    """Plan, verify or close a finding; illegal moves raise ``GovernanceError``.

    ``due_on`` is the client's date; ``proposed_due`` is the vendor's, kept beside it.
    """
    now = now or datetime.now(UTC)
    if verification_method not in (None, "desktop", "follow_up"):
        raise GovernanceError("verification method must be desktop or follow_up")
    with ws.db.begin() as conn:
        row = repo.get_finding_row(conn, ws.organisation_id, finding_id)
        if row is None:
            raise NotFoundError(f"no finding {finding_id} (see 'fairshore findings list')")
        record = _record(row, now.date())
        if record.status == "closed":
            raise GovernanceError(f"finding {finding_id} is closed; it cannot change")
        if status is not None:
            check_transition(
                record,
                status,
                corrective_action=corrective_action,
                owner=owner,
                verification_method=verification_method,
                note=note,
            )
        changes: dict[str, Any] = {
            k: v
            for k, v in {
                "status": status,
                "owner": owner,
                "corrective_action": corrective_action,
                "verification_method": verification_method,
                "due_on": due_on,
                "proposed_due": proposed_due,
            }.items()
            if v is not None and v != row[k]
        }
        if not changes and not note:
            return record
        values = dict(changes)
        if status == "closed":
            values["closed_at"] = now
        if values:  # a note alone changes no column
            repo.update_finding_row(conn, finding_id, values)
        repo.add_history(
            conn,
            finding_id,
            at=now,
            actor=actor,
            event="updated",
            changes={k: str(v) for k, v in changes.items()},
            note=note,
        )
        fresh = repo.get_finding_row(conn, ws.organisation_id, finding_id)
        assert fresh is not None
        [updated] = _records(conn, [fresh], now.date())
    return updated


def add_audit(
    ws: Workspace,
    audit: Audit,
    *,
    measured: MeasuredPay | None = None,
    now: datetime | None = None,
) -> tuple[Audit, AuditScore, RecordOutcome]:
    """Record an audit; each open nonconformity becomes a finding (source ``audit``).

    ``measured`` is what payroll showed over the audited year
    (``people.audit_pay.measured_pay``): its wage nonconformities count in the score.
    The findings open at ``now`` (default: the clock), which sets their due dates.
    """
    get_engagement(ws, audit.engagement_id)
    with ws.db.begin() as conn:
        audit_id = repo.insert_audit(conn, ws.organisation_id, audit)
    stored = audit.model_copy(update={"id": audit_id})
    findings = [
        Finding(
            key=f"audit:{audit_id}:{i}",
            source="audit",
            engagement_id=audit.engagement_id,
            severity=GRADE_SEVERITY[nc.grade],
            title=nc.title,
            detail=f"{nc.grade} nonconformity found by {audit.auditor} on {audit.audited_on}",
            evidence={"audit_id": audit_id, "pillar": nc.pillar, "grade": nc.grade},
            observed_on=audit.audited_on,
        )
        for i, nc in enumerate(audit.nonconformities)
        if not nc.closed
    ]
    return stored, score_audit(stored, measured=measured), record_findings(ws, findings, now=now)


def list_audits(ws: Workspace, engagement_id: str | None = None) -> list[Audit]:
    with ws.db.begin() as conn:
        return repo.list_audits(conn, ws.organisation_id, engagement_id)


def alerts(
    ws: Workspace,
    *,
    within_days: int = 14,
    today: date | None = None,
    providers: bool = True,
) -> list[Alert]:
    """Everything due within ``within_days`` or overdue, from every capability.

    Findings, then (unless ``providers=False``: findings only) each of the workspace's
    alert providers
    (``ws.registries.alert_providers``, see :mod:`fairshore.governance.due`): audits
    due by their criticality, certificate expiries and questionnaire renewals (60 days
    ahead), incident notification clocks and worker-voice deadlines.
    """
    today = today or ws.today()
    horizon = today + timedelta(days=within_days)
    items = [
        Alert(
            kind="finding",
            engagement_id=r.finding.engagement_id,
            title=f"{r.finding.severity}: {r.finding.title}",
            due_on=r.due_on,
            overdue=r.overdue,
            ref=f"finding:{r.id}",
        )
        for r in list_findings(ws, status="active", today=today)
        if r.due_on <= horizon
    ]
    for provider in ws.registries.alert_providers if providers else ():
        items += provider(ws, today, horizon)
    return sorted(items, key=lambda a: (not a.overdue, a.due_on, a.ref))
