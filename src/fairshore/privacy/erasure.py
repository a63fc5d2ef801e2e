"""Erasure (GDPR Art. 17) of one customer, and the retention the lake enforces.

``erase_customer`` removes a data subject from every lake table that names customers,
from quarantine and from the raw files, vacuums the table versions that still hold
them once the grace period has passed, and records the request in the audit log by a
keyed digest of the reference (HMAC-SHA256 with the workspace's pseudonym key), never
the reference itself.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime

from pydantic import BaseModel, ConfigDict

from fairshore.adapters.db import accounts_repository as audit
from fairshore.adapters.lake import erasure as lake_erasure
from fairshore.bootstrap import Workspace
from fairshore.engagements.services import get_engagement
from fairshore.errors import InputError
from fairshore.privacy.keys import pseudonym_key


class RawFileErasure(BaseModel):
    """A raw file rewritten without the subject (``new_sha256`` None: see ``problem``)."""

    model_config = ConfigDict(frozen=True)

    old_sha256: str
    new_sha256: str | None
    rows: int
    problem: str | None = None


class ErasureResult(BaseModel):
    """What an erasure removed; the subject is named only by its keyed digest."""

    model_config = ConfigDict(frozen=True)

    subject_digest: str
    engagement_id: str | None
    table_rows: dict[str, int]
    table_versions: dict[str, int | None]
    quarantine_rows: int
    raw_files: list[RawFileErasure]
    vacuumed: dict[str, int] | None


class RetentionResult(BaseModel):
    """What ``fairshore lake vacuum`` deleted."""

    model_config = ConfigDict(frozen=True)

    table_files: dict[str, int]
    raw_files: int
    quarantine_batches: int


def subject_digest(ws: Workspace, reference: str) -> str:
    """The keyed digest that names a data subject in the audit log."""
    key = pseudonym_key(ws.settings).secret
    return hmac.new(key, b"erasure/" + reference.encode("utf-8"), hashlib.sha256).hexdigest()


def erase_customer(
    ws: Workspace,
    *,
    customer_ref: str,
    engagement_id: str | None = None,
    actor: str = "cli",
    now: datetime | None = None,
) -> ErasureResult:
    """Remove one customer (``customer_ref``; ``record_ref`` of access events) from the
    lake, quarantine and raw files, and record the request in the audit log."""
    reference = customer_ref.strip()
    if not reference:
        raise InputError("give the customer reference to erase (--customer-ref)")
    if engagement_id is not None:
        get_engagement(ws, engagement_id)
    digest = subject_digest(ws, reference)
    request_id = f"erase-{digest[:16]}-{(now or datetime.now(UTC)).strftime('%Y%m%d%H%M%S')}"
    tables = lake_erasure.erase_from_tables(
        ws.lake, reference, engagement_id=engagement_id, request_id=request_id
    )
    quarantined = lake_erasure.erase_from_quarantine(ws.folder("quarantine"), reference)
    raw = [
        RawFileErasure(old_sha256=r.old, new_sha256=r.new, rows=r.rows, problem=r.problem)
        for r in lake_erasure.erase_from_raw(ws.folder("raw"), reference)
    ]
    grace = ws.settings.erasure_grace_hours
    vacuumed = lake_erasure.vacuum_tables(ws.lake, retention_hours=0) if grace == 0 else None
    result = ErasureResult(
        subject_digest=digest,
        engagement_id=engagement_id,
        table_rows={t.table: t.rows for t in tables},
        table_versions={t.table: t.version for t in tables},
        quarantine_rows=quarantined,
        raw_files=raw,
        vacuumed=vacuumed,
    )
    with ws.db.begin() as conn:
        audit.append_audit(
            conn,
            at=now or datetime.now(UTC),
            organisation_id=ws.organisation_id,
            actor=actor,
            action="privacy.erase",
            target=f"subject:{digest}",
            details=result.model_dump(mode="json"),
        )
    return result


def enforce_retention(ws: Workspace, *, now: datetime | None = None) -> RetentionResult:
    """Delete what the workspace's retention settings no longer keep: table versions
    older than ``FAIRSHORE_LAKE_RETENTION_HOURS``, raw files and quarantine past
    ``FAIRSHORE_RAW_RETENTION_DAYS`` and ``FAIRSHORE_QUARANTINE_RETENTION_DAYS``."""
    settings = ws.settings
    stamp = (now or datetime.now(UTC)).timestamp()
    tables = lake_erasure.vacuum_tables(ws.lake, retention_hours=settings.lake_retention_hours)
    raw = quarantine = 0
    if settings.raw_retention_days is not None:
        raw = lake_erasure.expire_files(
            ws.folder("raw"), days=settings.raw_retention_days, pattern="*", now=stamp
        )
    if settings.quarantine_retention_days is not None:
        quarantine = lake_erasure.expire_files(
            ws.folder("quarantine"),
            days=settings.quarantine_retention_days,
            pattern="*",
            now=stamp,
        )
    return RetentionResult(table_files=tables, raw_files=raw, quarantine_batches=quarantine)
