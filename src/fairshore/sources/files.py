"""File sources: a folder (or ``s3://`` prefix) a vendor or a delivery stream drops files in.

A sync lists the location, skips the objects already read with the same stamp, and
ingests the rest through the normal ingest path (row accounting, quarantine, record
versions, the raw copy kept). The objects of one sync go in as one batch, up to
``chunk`` objects a batch: a Zendesk export's ticket and metric pages must meet in one
batch, and a month's files are one delivery. An object whose bytes are those of one
already read (same SHA-256) is remembered, not ingested again; a changed file is
ingested again and its records' versions (``updated_at``) decide what replaces what.
The objects are remembered in the same step as the batch: a sync interrupted before it
ingests them again, which gives a ``duplicate`` batch or the same versions, never
double counts.
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from fairshore.adapters.db import sources_repository as repo
from fairshore.bootstrap import Workspace
from fairshore.errors import InputError
from fairshore.interactions import services as ingest
from fairshore.interactions.model import BatchReport
from fairshore.sources import objects
from fairshore.sources.http import SourceError
from fairshore.sources.model import SeenObject, Source, SyncReport

FOLDER_CHUNK = 10_000  # a folder's new files are one delivery: one batch
OBJECTS_CHUNK = 500  # Firehose objects (one per buffer interval): a batch per 500
PageCallback = Callable[[int, SyncReport], None]
COUNTS = ("rows_read", "rows_accepted", "rows_quarantined", "rows_inserted", "rows_updated",
          "rows_unchanged", "rows_stale", "rows_retracted")  # fmt: skip


def file_source(
    *,
    source_id: str,
    kind: str,
    engagement_id: str,
    location: str,
    table: str,
    pattern: str,
    format: str | None,
    mapping: str | None,
    source_tz: str | None,
    cadence_hours: int,
    now: datetime,
) -> Source:
    """A folder or ``amazon-connect`` source, checked (the location must exist)."""
    if not pattern.strip():
        raise InputError("the file pattern is empty: give a glob such as '*.csv'")
    options = {"table": table, "pattern": pattern}
    for key, value in (("format", format), ("mapping", mapping), ("source_tz", source_tz)):
        if value:
            options[key] = (
                str(Path(value).resolve()) if key == "mapping" and Path(value).is_file() else value
            )
    return Source(
        id=source_id, kind=kind, engagement_id=engagement_id,
        base_url=objects.check_location(location), email="", token_env="",
        cadence_hours=cadence_hours, added_at=now, options=options,
    )  # fmt: skip


def sync_files(
    ws: Workspace,
    source: Source,
    report: SyncReport,
    *,
    now: datetime,
    page_budget: int,
    chunk: int = FOLDER_CHUNK,
    on_page: PageCallback | None = None,
) -> SyncReport:
    """Ingest the source's new and changed objects, ``chunk`` a batch, ``page_budget``
    batches at most (the rest waits for the next sync: ``partial``)."""
    with ws.db.begin() as conn:
        seen = repo.read_objects(conn, ws.organisation_id, source.id)
    listed = objects.list_objects(source.base_url, source.options.get("pattern", "*"))
    fresh = [o for o in listed if o.key not in seen or seen[o.key].stamp != o.stamp]
    rows_total = source.rows_total
    with tempfile.TemporaryDirectory(prefix="fairshore-source-") as scratch:
        for start in range(0, len(fresh), chunk):
            if report.pages >= page_budget:
                report.status = "partial"
                break
            batch = _ingest_chunk(
                ws, source, fresh[start : start + chunk], seen, Path(scratch), now
            )
            if batch is not None and batch.status in ("rejected", "failed"):
                report.batches.append(batch.batch_id)
                report.status = "failed"
                report.error = f"batch {report.pages + 1} was {batch.status}: {batch.error}"
                return report
            report.pages += 1
            if batch is not None:
                report.batches.append(batch.batch_id)
                for field in COUNTS:
                    setattr(report, field, getattr(report, field) + getattr(batch, field))
            with ws.db.begin() as conn:
                repo.update_source(conn, ws.organisation_id, source.id,
                                   rows_total=rows_total + report.rows_accepted)  # fmt: skip
            if on_page is not None:
                on_page(report.pages, report)
    report.end_of_stream = report.status == "complete"
    return report


def _ingest_chunk(
    ws: Workspace,
    source: Source,
    chunk: list[objects.Listed],
    seen: dict[str, SeenObject],
    scratch: Path,
    now: datetime,
) -> BatchReport | None:
    """Ingest the changed objects of ``chunk`` as one batch and remember every object of
    it in the same step; None when none changed (only their stamps are new)."""
    read: list[SeenObject] = []
    paths: list[Path] = []
    gunzip = ws.settings.ingest_max_bytes if source.kind == "amazon-connect" else None
    for listed in chunk:
        path = objects.fetch(source.base_url, listed.key, scratch, gunzip_limit=gunzip)
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError as exc:
            raise SourceError(f"cannot read {path}: {exc}") from None
        read.append(SeenObject(listed.key, listed.stamp, digest))
        known = seen.get(listed.key)
        if known is None or known.digest != digest:
            paths.append(path)
    batch = None
    if paths:
        options = source.options
        batch = ingest.ingest_files(
            ws, table=options.get("table", "interactions"), paths=paths,
            engagement_id=source.engagement_id, format=options.get("format"),
            mapping=options.get("mapping"), source_tz=options.get("source_tz"),
        )  # fmt: skip
        if batch.status in ("rejected", "failed"):
            return batch
    with ws.db.begin() as conn:
        repo.remember_objects(
            conn, ws.organisation_id, source.id, read,
            batch_id=None if batch is None else batch.batch_id, now=now,
        )  # fmt: skip
    return batch
