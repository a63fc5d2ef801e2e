"""SQL for vendor due diligence; the only place that reads or writes the vetting tables."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from fairshore.adapters.db import vetting_tables as t
from fairshore.adapters.db.repositories import now_utc
from fairshore.vetting.model import Contest, ContestStatus, Evidence


def get_assessment(
    conn: sa.Connection, organisation_id: str, vendor_id: str, rubric_id: str
) -> dict[str, Any] | None:
    """The assessment row of a vendor for a rubric, or None."""
    row = (
        conn.execute(
            sa.select(t.vetting_assessments).where(
                t.vetting_assessments.c.organisation_id == organisation_id,
                t.vetting_assessments.c.vendor_id == vendor_id,
                t.vetting_assessments.c.rubric_id == rubric_id,
            )
        )
        .mappings()
        .first()
    )
    return None if row is None else dict(row)


def list_assessments(conn: sa.Connection, organisation_id: str) -> list[dict[str, Any]]:
    rows = conn.execute(
        sa.select(t.vetting_assessments)
        .where(t.vetting_assessments.c.organisation_id == organisation_id)
        .order_by(t.vetting_assessments.c.vendor_id)
    ).mappings()
    return [dict(r) for r in rows]


def save_assessment(
    conn: sa.Connection,
    organisation_id: str,
    *,
    assessment_id: str,
    vendor_id: str,
    rubric_id: str,
    rubric_version: int,
    scope: list[str],
    context: dict[str, Any],
) -> None:
    """Insert the assessment, or update its rubric version, scope and context."""
    table = t.vetting_assessments
    now = now_utc()
    values = {
        "rubric_version": rubric_version,
        "scope": scope,
        "context": context,
        "updated_at": now,
    }
    done = conn.execute(table.update().where(table.c.id == assessment_id).values(**values))
    if done.rowcount == 0:
        conn.execute(
            table.insert().values(
                id=assessment_id,
                organisation_id=organisation_id,
                vendor_id=vendor_id,
                rubric_id=rubric_id,
                created_at=now,
                **values,
            )
        )


def get_answers(conn: sa.Connection, assessment_id: str) -> list[dict[str, Any]]:
    rows = conn.execute(
        sa.select(t.vetting_answers)
        .where(t.vetting_answers.c.assessment_id == assessment_id)
        .order_by(t.vetting_answers.c.question_id)
    ).mappings()
    return [dict(r) for r in rows]


def save_answer(
    conn: sa.Connection,
    assessment_id: str,
    *,
    question_id: str,
    value: object,
    na: bool,
    evidence_refs: list[str],
    note: str,
    source: str,
) -> None:
    """Insert or replace one answer."""
    table = t.vetting_answers
    conn.execute(
        table.delete().where(
            table.c.assessment_id == assessment_id, table.c.question_id == question_id
        )
    )
    conn.execute(
        table.insert().values(
            assessment_id=assessment_id,
            question_id=question_id,
            value=value,
            na=na,
            evidence_refs=evidence_refs,
            note=note,
            source=source,
            answered_at=now_utc(),
        )
    )


def _evidence(row: Any) -> Evidence:
    return Evidence(
        sha256=row["sha256"],
        vendor_id=row["vendor_id"],
        type=row["type"],
        issuer=row["issuer"],
        scope=tuple(row["scope"]),
        valid_from=row["valid_from"],
        valid_until=row["valid_until"],
        status=row["status"],
        filename=row["filename"],
        added_at=row["added_at"],
        questions=tuple(row["questions"] or ()),
    )


def list_evidence(
    conn: sa.Connection, organisation_id: str, vendor_id: str | None = None
) -> list[Evidence]:
    table = t.vetting_evidence
    query = sa.select(table).where(table.c.organisation_id == organisation_id)
    if vendor_id is not None:
        query = query.where(table.c.vendor_id == vendor_id)
    rows = conn.execute(query.order_by(table.c.vendor_id, table.c.type, table.c.sha256))
    return [_evidence(r) for r in rows.mappings()]


def save_evidence(conn: sa.Connection, organisation_id: str, evidence: Evidence) -> None:
    """Insert or replace the metadata of one evidence document of a vendor."""
    table = t.vetting_evidence
    conn.execute(
        table.delete().where(
            table.c.vendor_id == evidence.vendor_id, table.c.sha256 == evidence.sha256
        )
    )
    conn.execute(
        table.insert().values(
            organisation_id=organisation_id,
            vendor_id=evidence.vendor_id,
            sha256=evidence.sha256,
            type=evidence.type,
            issuer=evidence.issuer,
            scope=list(evidence.scope),
            valid_from=evidence.valid_from,
            valid_until=evidence.valid_until,
            status=evidence.status,
            filename=evidence.filename,
            added_at=evidence.added_at or now_utc(),
            questions=list(evidence.questions),
        )
    )


def _contest(row: Any) -> Contest:
    return Contest(
        id=row["id"],
        vendor_id=row["vendor_id"],
        question_id=row["question_id"],
        reason=row["reason"],
        status=row["status"],
        resolution=row["resolution"],
        created_at=row["created_at"],
        resolved_at=row["resolved_at"],
    )


def add_contest(
    conn: sa.Connection, organisation_id: str, vendor_id: str, question_id: str, reason: str
) -> Contest:
    table = t.vetting_contests
    result = conn.execute(
        table.insert().values(
            organisation_id=organisation_id,
            vendor_id=vendor_id,
            question_id=question_id,
            reason=reason,
            status="open",
            resolution="",
            created_at=now_utc(),
        )
    )
    key = result.inserted_primary_key
    assert key is not None
    found = get_contest(conn, organisation_id, int(key[0]))
    assert found is not None
    return found


def get_contest(conn: sa.Connection, organisation_id: str, contest_id: int) -> Contest | None:
    table = t.vetting_contests
    row = (
        conn.execute(
            sa.select(table).where(
                table.c.id == contest_id, table.c.organisation_id == organisation_id
            )
        )
        .mappings()
        .first()
    )
    return None if row is None else _contest(row)


def list_contests(
    conn: sa.Connection, organisation_id: str, vendor_id: str | None = None
) -> list[Contest]:
    table = t.vetting_contests
    query = sa.select(table).where(table.c.organisation_id == organisation_id)
    if vendor_id is not None:
        query = query.where(table.c.vendor_id == vendor_id)
    return [_contest(r) for r in conn.execute(query.order_by(table.c.id)).mappings()]


def resolve_contest(
    conn: sa.Connection, contest_id: int, status: ContestStatus, resolution: str, at: datetime
) -> None:
    table = t.vetting_contests
    conn.execute(
        table.update()
        .where(table.c.id == contest_id)
        .values(status=status, resolution=resolution, resolved_at=at)
    )


def add_criticality_override(
    conn: sa.Connection,
    organisation_id: str,
    *,
    engagement_id: str,
    dimension: str,
    value: str,
    set_by: str,
    set_at: datetime,
    reason: str,
) -> None:
    conn.execute(
        t.vetting_criticality_overrides.insert().values(
            organisation_id=organisation_id,
            engagement_id=engagement_id,
            dimension=dimension,
            value=value,
            set_by=set_by,
            set_at=set_at,
            reason=reason,
        )
    )


def list_criticality_overrides(conn: sa.Connection, organisation_id: str) -> list[dict[str, Any]]:
    """Every override of the organisation, oldest first."""
    table = t.vetting_criticality_overrides
    rows = conn.execute(
        sa.select(table)
        .where(table.c.organisation_id == organisation_id)
        .order_by(table.c.engagement_id, table.c.set_at, table.c.id)
    ).mappings()
    # SQLite hands timestamps back naive: they were written in UTC
    return [{**r, "set_at": _utc(r["set_at"])} for r in rows]


def _utc(value: datetime) -> datetime:
    return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)
