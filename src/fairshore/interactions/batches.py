"""Ingest batches as a user sees them: the list, and one batch with its quarantine."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fairshore.adapters.db import ingest_repository as repo
from fairshore.adapters.lake import writer
from fairshore.bootstrap import Workspace
from fairshore.engagements.services import get_engagement
from fairshore.errors import NotFoundError
from fairshore.interactions.model import BatchDetail, BatchReport, QuarantinedRow


def batch_report(row: dict[str, Any], *, status: str | None = None) -> BatchReport:
    def utc(value: datetime | None) -> datetime | None:
        return None if value is None or value.tzinfo else value.replace(tzinfo=UTC)

    return BatchReport(
        batch_id=row["id"],
        status=status or row["status"],
        engagement_id=row["engagement_id"],
        table=row["table_name"],
        format=row["format"],
        files=row["source_name"].split("; "),
        sha256=row["sha256"],
        rows_read=row["rows_read"],
        rows_accepted=row["rows_accepted"],
        rows_quarantined=row["rows_quarantined"],
        rows_inserted=row["rows_inserted"],
        rows_updated=row["rows_updated"],
        rows_unchanged=row["rows_unchanged"],
        rows_stale=row["rows_stale"],
        rows_retracted=row["rows_retracted"],
        table_version=row["table_version"],
        reasons=row["reasons"] or {},
        warnings=row["warnings"] or {},
        time_min=utc(row["time_min"]),
        time_max=utc(row["time_max"]),
        error=row["error"],
        created_at=utc(row["created_at"]),
        published_at=utc(row["published_at"]),
    )


def list_batches(ws: Workspace, *, engagement_id: str | None = None) -> list[BatchReport]:
    """Every batch (newest first), optionally of one engagement."""
    if engagement_id is not None:
        get_engagement(ws, engagement_id)
    with ws.db.begin() as conn:
        rows = repo.list_batches(conn, ws.organisation_id, engagement_id)
    return [batch_report(r) for r in rows]


def get_batch(ws: Workspace, batch_id: str, *, limit: int = 20) -> BatchDetail:
    """One batch with the first ``limit`` rows of its quarantine."""
    with ws.db.begin() as conn:  # another organisation's batch is a missing one
        row = repo.get_batch(conn, batch_id, organisation_id=ws.organisation_id)
    if row is None:
        raise NotFoundError(f"unknown batch {batch_id!r} (see 'fairshore batches')")
    rows, total = writer.read_quarantine(ws.folder("quarantine"), batch_id, limit=limit)
    quarantine = [
        QuarantinedRow(
            row=int(str(r.pop("_row") or 0)),
            reason=str(r.pop("_reason")),
            detail=r.pop("_detail"),
            values={k: v for k, v in r.items() if v is not None},
        )
        for r in rows
    ]
    return BatchDetail(report=batch_report(row), quarantine=quarantine, quarantine_total=total)
