"""SQL for the findings register, audits and audit requests."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa

from fairshore.adapters.db.governance_tables import (
    audit_requests,
    audits,
    finding_attachments,
    finding_history,
    finding_occurrences,
    findings,
)
from fairshore.adapters.db.tables import touchpoints
from fairshore.governance.model import (
    SEVERITY_RANK,
    Audit,
    AuditRequest,
    Finding,
    FindingAttachment,
    HistoryEntry,
    Occurrence,
)

Connection = sa.Connection  # for services that hand a transaction to several calls

# Columns of ``findings`` a candidate fills; its occurrence fields go to their own table.
_OCCURRENCE_ONLY = {"observed_on", "value", "credit"}


def finding_by_key(conn: sa.Connection, organisation_id: str, key: str) -> dict[str, Any] | None:
    """The finding of this condition: the one not closed, else the newest closed one."""
    row = (
        conn.execute(
            sa.select(findings)
            .where(findings.c.organisation_id == organisation_id, findings.c.key == key)
            .order_by((findings.c.status == "closed").asc(), findings.c.id.desc())
            .limit(1)
        )
        .mappings()
        .first()
    )
    return None if row is None else dict(row)


def occurrence_seen(
    conn: sa.Connection, finding_id: int, *, period: str | None, source: str
) -> bool:
    """True when this finding already has an occurrence in ``period`` from ``source``."""
    row = conn.execute(
        sa.select(finding_occurrences.c.id).where(
            finding_occurrences.c.finding_id == finding_id,
            finding_occurrences.c.period == (period or ""),
            finding_occurrences.c.source == source,
        )
    ).first()
    return row is not None


def upsert_occurrence(
    conn: sa.Connection, finding_id: int, finding: Finding, *, now: datetime
) -> bool:
    """Keep ``finding`` as an occurrence of ``finding_id``; True when it is a new one."""
    values = {
        "observed_on": finding.observed_on,
        "value": finding.value,
        "credit": finding.credit,
        "evidence": finding.model_dump(mode="json")["evidence"],
        "last_seen_at": now,
    }
    where = (
        finding_occurrences.c.finding_id == finding_id,
        finding_occurrences.c.period == (finding.period or ""),
        finding_occurrences.c.source == finding.source,
    )
    updated = conn.execute(finding_occurrences.update().where(*where).values(**values))
    if updated.rowcount:
        return False
    conn.execute(
        finding_occurrences.insert().values(
            finding_id=finding_id,
            period=finding.period or "",
            source=finding.source,
            first_seen_at=now,
            **values,
        )
    )
    return True


def occurrences_of(
    conn: sa.Connection, finding_ids: Collection[int]
) -> dict[int, list[Occurrence]]:
    """The occurrences of these findings, each finding's in period order."""
    out: dict[int, list[Occurrence]] = {i: [] for i in finding_ids}
    if not out:
        return out
    rows = conn.execute(
        sa.select(finding_occurrences)
        .where(finding_occurrences.c.finding_id.in_(sorted(out)))
        .order_by(
            finding_occurrences.c.finding_id,
            finding_occurrences.c.period,
            finding_occurrences.c.source,
        )
    ).mappings()
    for r in rows:
        out[r["finding_id"]].append(
            Occurrence(
                period=r["period"] or None,
                source=r["source"],
                observed_on=r["observed_on"],
                value=r["value"],
                credit=r["credit"],
                evidence=r["evidence"],
            )
        )
    return out


def insert_finding(
    conn: sa.Connection, organisation_id: str, finding: Finding, *, due_on: date, now: datetime
) -> int:
    data = finding.model_dump(mode="json", exclude=_OCCURRENCE_ONLY)
    result = conn.execute(
        findings.insert().values(
            organisation_id=organisation_id,
            due_on=due_on,
            status="open",
            times_seen=1,
            opened_at=now,
            last_seen_at=now,
            **data,
        )
    )
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def update_finding_row(conn: sa.Connection, finding_id: int, values: dict[str, Any]) -> None:
    conn.execute(findings.update().where(findings.c.id == finding_id).values(**values))


def add_history(
    conn: sa.Connection,
    finding_id: int,
    *,
    at: datetime,
    actor: str,
    event: str,
    changes: dict[str, Any],
    note: str | None = None,
) -> None:
    conn.execute(
        finding_history.insert().values(
            finding_id=finding_id, at=at, actor=actor, event=event, changes=changes, note=note
        )
    )


def add_attachment(conn: sa.Connection, organisation_id: str, attachment: FindingAttachment) -> int:
    data = attachment.model_dump(exclude={"id"})
    result = conn.execute(
        finding_attachments.insert().values(organisation_id=organisation_id, **data)
    )
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def attachments_of(
    conn: sa.Connection, organisation_id: str, finding_id: int
) -> list[FindingAttachment]:
    t = finding_attachments
    rows = conn.execute(
        sa.select(t)
        .where(t.c.organisation_id == organisation_id, t.c.finding_id == finding_id)
        .order_by(t.c.id)
    ).mappings()
    return [FindingAttachment.model_validate(dict(r)) for r in rows]


def get_finding_row(
    conn: sa.Connection, organisation_id: str, finding_id: int
) -> dict[str, Any] | None:
    row = (
        conn.execute(
            sa.select(findings).where(
                findings.c.id == finding_id, findings.c.organisation_id == organisation_id
            )
        )
        .mappings()
        .first()
    )
    return None if row is None else dict(row)


def _finding_conditions(
    organisation_id: str,
    *,
    engagement_id: str | None = None,
    engagement_ids: Collection[str] | None = None,
    include_unassigned: bool = True,
    source: str | None = None,
    statuses: list[str] | None = None,
    due_before: date | None = None,
    due_from: date | None = None,
    due_to: date | None = None,
    severities: Collection[str] = (),
    owner: str | None = None,
    search: str | None = None,
) -> list[sa.ColumnElement[bool]]:
    where = [findings.c.organisation_id == organisation_id]
    if engagement_id is not None:
        where.append(findings.c.engagement_id == engagement_id)
    if engagement_ids is not None:
        shown = findings.c.engagement_id.in_(sorted(engagement_ids))
        where.append(sa.or_(shown, findings.c.engagement_id.is_(None)) if include_unassigned
                     else shown)  # fmt: skip
    if source is not None:
        where.append(findings.c.source == source)
    if statuses is not None:  # [] matches nothing
        where.append(findings.c.status.in_(statuses))
    if severities:
        where.append(findings.c.severity.in_(sorted(severities)))
    if owner == "none":  # the register's "nobody owns it"
        where.append(findings.c.assignee.is_(None))
    elif owner is not None:  # the owner is the assigned user (the action owner is text)
        where.append(findings.c.assignee == owner)
    if due_before is not None:
        where.append(findings.c.due_on < due_before)
    if due_from is not None:
        where.append(findings.c.due_on >= due_from)
    if due_to is not None:
        where.append(findings.c.due_on <= due_to)
    if search:
        where.append(_matches(search))
    return where


def _matches(search: str) -> sa.ColumnElement[bool]:
    """Title or description contains every word of ``search`` (case-insensitive, literal)."""
    words = []
    for word in search.split():
        pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        words.append(
            sa.or_(
                findings.c.title.ilike(pattern, escape="\\"),
                findings.c.detail.ilike(pattern, escape="\\"),
            )
        )
    return sa.and_(*words)


_SEVERITY_ORDER = sa.case(
    {s: rank for s, rank in SEVERITY_RANK.items()}, value=findings.c.severity, else_=-1
)
# A finding's value: the service credits over its occurrences (none: 0, sorted last).
_VALUE = (
    sa.select(sa.func.coalesce(sa.func.sum(finding_occurrences.c.credit), 0.0))
    .where(finding_occurrences.c.finding_id == findings.c.id)
    .scalar_subquery()
)
_SORT_KEYS: dict[str, sa.ColumnElement[Any]] = {
    "due": findings.c.due_on,
    "severity": _SEVERITY_ORDER,
    "opened": findings.c.opened_at,
    "value": _VALUE,
}


def list_finding_rows(
    conn: sa.Connection,
    organisation_id: str,
    *,
    sort: str = "due",
    descending: bool = False,
    limit: int | None = None,
    offset: int = 0,
    **conditions: Any,
) -> tuple[list[dict[str, Any]], int]:
    """The matching findings in ``sort`` order (``limit`` of them from ``offset``), and
    how many match in all. ``conditions`` are those of :func:`_finding_conditions`
    (``engagement_ids`` keeps those engagements' findings, and the ones of no
    engagement when ``include_unassigned``)."""
    where = _finding_conditions(organisation_id, **conditions)
    key = _SORT_KEYS[sort]
    order = [key.desc() if descending else key.asc()]
    if sort != "due":
        order.append(findings.c.due_on.asc())
    query = sa.select(findings).where(*where).order_by(*order, findings.c.id)
    rows = [dict(r) for r in conn.execute(query.limit(limit).offset(offset)).mappings()]
    if (limit is None or len(rows) < limit) and (rows or offset == 0):  # the last page
        return rows, offset + len(rows)
    total = conn.execute(sa.select(sa.func.count()).select_from(findings).where(*where))
    return rows, int(total.scalar_one())


def count_finding_rows(
    conn: sa.Connection, organisation_id: str, *, statuses: list[str], due_before: date
) -> list[dict[str, Any]]:
    """Per engagement and severity: how many findings have these statuses, how many are due."""
    where = _finding_conditions(organisation_id, statuses=statuses)
    overdue = sa.case((findings.c.due_on < due_before, 1), else_=0)
    query = (
        sa.select(
            findings.c.engagement_id,
            findings.c.severity,
            sa.func.count().label("count"),
            sa.func.sum(overdue).label("overdue"),
        )
        .where(*where)
        .group_by(findings.c.engagement_id, findings.c.severity)
    )
    return [dict(r) for r in conn.execute(query).mappings()]


def history(conn: sa.Connection, finding_id: int) -> list[HistoryEntry]:
    rows = conn.execute(
        sa.select(finding_history)
        .where(finding_history.c.finding_id == finding_id)
        .order_by(finding_history.c.id)
    ).mappings()
    return [
        HistoryEntry(
            at=r["at"].isoformat(timespec="seconds"),  # no microseconds for people
            actor=r["actor"],
            event=r["event"],
            changes=r["changes"],
            note=r["note"],
        )
        for r in rows
    ]


def insert_audit(conn: sa.Connection, organisation_id: str, audit: Audit) -> int:
    data = audit.model_dump(mode="json", exclude={"id"})
    data["audited_on"] = audit.audited_on
    result = conn.execute(audits.insert().values(organisation_id=organisation_id, **data))
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def list_audits(
    conn: sa.Connection, organisation_id: str, engagement_id: str | None = None
) -> list[Audit]:
    query = sa.select(audits).where(audits.c.organisation_id == organisation_id)
    if engagement_id is not None:
        query = query.where(audits.c.engagement_id == engagement_id)
    rows = conn.execute(query.order_by(audits.c.audited_on, audits.c.id)).mappings()
    return [Audit.model_validate({k: r[k] for k in Audit.model_fields}) for r in rows]


def insert_audit_request(conn: sa.Connection, organisation_id: str, request: AuditRequest) -> int:
    data = request.model_dump(exclude={"id"})
    result = conn.execute(audit_requests.insert().values(organisation_id=organisation_id, **data))
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def update_audit_request(conn: sa.Connection, organisation_id: str, request: AuditRequest) -> bool:
    """Replace the stored request of ``request.id``; False when there is none."""
    data = request.model_dump(exclude={"id", "engagement_id"})
    done = conn.execute(
        audit_requests.update()
        .where(
            audit_requests.c.id == request.id,
            audit_requests.c.organisation_id == organisation_id,
        )
        .values(**data)
    )
    return bool(done.rowcount)


def list_audit_requests(
    conn: sa.Connection, organisation_id: str, engagement_id: str | None = None
) -> list[AuditRequest]:
    t = audit_requests
    query = sa.select(t).where(t.c.organisation_id == organisation_id)
    if engagement_id is not None:
        query = query.where(t.c.engagement_id == engagement_id)
    rows = conn.execute(query.order_by(t.c.requested_on, t.c.id)).mappings()
    return [AuditRequest.model_validate({k: r[k] for k in AuditRequest.model_fields}) for r in rows]


def upsert_touchpoint(
    conn: sa.Connection,
    organisation_id: str,
    tp_id: str,
    *,
    name: str,
    channel: str,
    intent: str,
    attributes: dict[str, Any],
) -> None:
    """Insert a touchpoint, or replace the one with the same id."""
    conn.execute(
        touchpoints.delete().where(
            touchpoints.c.id == tp_id, touchpoints.c.organisation_id == organisation_id
        )
    )
    conn.execute(
        touchpoints.insert().values(
            id=tp_id,
            organisation_id=organisation_id,
            name=name,
            channel=channel,
            intent=intent,
            attributes=attributes,
        )
    )


def touchpoint_id_taken(conn: sa.Connection, organisation_id: str, tp_id: str) -> bool:
    """True when another organisation already uses this touchpoint id."""
    row = conn.execute(
        sa.select(touchpoints.c.organisation_id).where(touchpoints.c.id == tp_id)
    ).first()
    return row is not None and row[0] != organisation_id


def list_touchpoint_rows(conn: sa.Connection, organisation_id: str) -> list[dict[str, Any]]:
    rows = conn.execute(
        sa.select(touchpoints)
        .where(touchpoints.c.organisation_id == organisation_id)
        .order_by(touchpoints.c.id)
    ).mappings()
    return [dict(r) for r in rows]
