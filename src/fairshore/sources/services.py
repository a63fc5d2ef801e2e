"""Use cases of the connectors: add a source, list them, sync one or every due one.

A sync fetches the source's pages from its saved cursor; the pages are written to
scratch files and ingested, up to ``BATCH_RECORDS`` records at a time, as one batch
through the normal ingest path (row accounting, quarantine, record versions, the raw
copies kept), then the cursor moves past them in the same step. A sync interrupted
anywhere resumes at the first page whose cursor was not saved: a page ingested twice
is the same content (a ``duplicate`` batch) or newer versions of the same records, so
nothing is lost or counted twice.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from fairshore.adapters.db import sources_repository as repo
from fairshore.bootstrap import Workspace
from fairshore.engagements.services import get_engagement
from fairshore.errors import InputError, NotFoundError
from fairshore.governance.model import Finding
from fairshore.governance.services import record_findings
from fairshore.interactions import services as ingest
from fairshore.interactions.schema import TABLES
from fairshore.read_ahead import read_ahead
from fairshore.sources import feeds, files
from fairshore.sources.http import JsonClient, SourceError
from fairshore.sources.model import FILE_KINDS, KINDS, Source, SyncReport
from fairshore.sources.page import Page

ENV_NAME = re.compile(r"[A-Z_][A-Z0-9_]{0,99}")
SOURCE_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
DEFAULT_PAGE_BUDGET = 200
# Zendesk pages go into the lake 50 at a time (a page holds up to 1000 tickets): one
# batch per page paid a lake commit and a batch record per 1000 tickets, a third of
# the throughput of ingesting the same tickets from one file (benchmarks/bench_sync.py).
BATCH_RECORDS = 50_000
PREFETCH_PAGES = 50  # pages fetched ahead: a batch's worth, fetched while one is ingested
# Kinds whose pages are grouped into batches and fetched ahead. Freshdesk and Talk keep
# one batch per page: Freshdesk's pages carry state the next request depends on (the
# ratings joined so far), and neither has been measured to need it.
GROUPED_KINDS = frozenset({"zendesk"})
PageCallback = Callable[[int, SyncReport], None]


def add_source(
    ws: Workspace,
    *,
    kind: str,
    engagement_id: str,
    token_env: str,
    email: str | None = None,
    subdomain: str | None = None,
    domain: str | None = None,
    base_url: str | None = None,
    source_id: str | None = None,
    cadence_hours: int = 24,
    start_time: int = 0,
    now: datetime,
) -> Source:
    """Register a feed of ``engagement_id``; the token stays in ``token_env``.

    Zendesk and Zendesk Talk need ``subdomain`` and ``email``; Freshdesk ``domain``
    (``base_url`` replaces either, for a local server). Folders and object stores are
    added with :func:`add_file_source`."""
    known = next((k for k in KINDS if k == kind and k not in FILE_KINDS), None)
    if known is None:
        if kind in FILE_KINDS:
            raise InputError(f"a {kind} source reads files: give --path")
        raise InputError(f"unknown source kind {kind!r}: use {', '.join(KINDS)}")
    if known in feeds.SIGN_IN_BY_EMAIL and not email:
        raise InputError(f"a {kind} source signs in as a user: give its --email")
    get_engagement(ws, engagement_id)
    if not ENV_NAME.fullmatch(token_env):
        raise InputError(
            f"{token_env!r} is not an environment variable name (A-Z, 0-9, _): the token "
            "itself is never given on the command line nor stored"
        )
    if base_url is None:
        base_url = feeds.base_url(known, subdomain=subdomain, domain=domain)
    if not base_url.startswith(("https://", "http://127.0.0.1", "http://localhost")):
        raise InputError("the API address must be https:// (plain http only on this machine)")
    if cadence_hours < 1:
        raise InputError("the cadence is at least one hour")
    source_id = source_id or f"{engagement_id}-{kind}"
    if not SOURCE_ID.fullmatch(source_id):
        raise InputError(f"source id {source_id!r}: lower-case letters, digits and dashes")
    source = Source(
        id=source_id, kind=known, engagement_id=engagement_id, base_url=base_url,
        email=email or "", token_env=token_env, cadence_hours=cadence_hours,
        start_time=start_time, added_at=now,
    )  # fmt: skip
    return _register(ws, source)


def add_file_source(
    ws: Workspace,
    *,
    kind: str,
    engagement_id: str,
    location: str,
    table: str = "interactions",
    pattern: str = "*",
    format: str | None = None,
    mapping: str | None = None,
    source_tz: str | None = None,
    source_id: str | None = None,
    cadence_hours: int = 24,
    now: datetime,
) -> Source:
    """Register a folder (or ``s3://`` prefix) whose new files ``pattern`` matches are
    ingested into ``table`` of ``engagement_id`` at each sync."""
    if kind not in FILE_KINDS:
        raise InputError(f"{kind!r} is not a file source: use {', '.join(FILE_KINDS)}")
    get_engagement(ws, engagement_id)
    if cadence_hours < 1:
        raise InputError("the cadence is at least one hour")
    if kind == "amazon-connect":
        table, format = "interactions", "amazon-connect"
    if table not in TABLES:
        raise InputError(f"unknown table {table!r}: use {', '.join(TABLES)}")
    if format is not None:
        ws.registries.formats.get(format, table)  # an unknown format is refused now
    source_id = source_id or f"{engagement_id}-{kind}"
    if not SOURCE_ID.fullmatch(source_id):
        raise InputError(f"source id {source_id!r}: lower-case letters, digits and dashes")
    source = files.file_source(
        source_id=source_id, kind=kind, engagement_id=engagement_id, location=location,
        table=table, pattern=pattern, format=format, mapping=mapping, source_tz=source_tz,
        cadence_hours=cadence_hours, now=now,
    )  # fmt: skip
    return _register(ws, source)


def _register(ws: Workspace, source: Source) -> Source:
    with ws.db.begin() as conn:
        if repo.get_source(conn, ws.organisation_id, source.id) is not None:
            raise InputError(f"source {source.id!r} exists already")
        repo.insert_source(conn, ws.organisation_id, source)
    return source


def list_sources(ws: Workspace) -> list[Source]:
    """Every source of the organisation."""
    with ws.db.begin() as conn:
        return repo.list_sources(conn, ws.organisation_id)


def get_source(ws: Workspace, source_id: str) -> Source:
    """One source, or NotFoundError."""
    with ws.db.begin() as conn:
        source = repo.get_source(conn, ws.organisation_id, source_id)
    if source is None:
        raise NotFoundError(f"no source {source_id!r} (see 'fairshore source list')")
    return source


def next_run(source: Source) -> datetime:
    """When the source is due: its cadence after the last attempt (now, if never tried)."""
    return (source.last_attempt_at or source.added_at) + timedelta(hours=source.cadence_hours)


def sync_source(
    ws: Workspace,
    source_id: str,
    *,
    now: datetime,
    page_budget: int = DEFAULT_PAGE_BUDGET,
    sleep: Callable[[float], None] = time.sleep,
    on_page: PageCallback | None = None,
    batch_records: int = BATCH_RECORDS,
) -> SyncReport:
    """Fetch and ingest the source's new pages, at most ``page_budget`` of them, in
    batches of about ``batch_records`` records (whole pages)."""
    source = get_source(ws, source_id)
    report = SyncReport(source_id=source.id, status="complete", cursor=source.cursor)
    _save(ws, source.id, last_attempt_at=now)
    if source.kind in FILE_KINDS:
        return _sync_objects(ws, source, report, now=now, page_budget=page_budget,
                             on_page=on_page)  # fmt: skip
    token = os.environ.get(source.token_env)
    if not token:
        return _failed(ws, report, f"set the environment variable {source.token_env} to the "
                       "API token (it is never stored)")  # fmt: skip
    state = ws.home / "sources" / source.id
    state.mkdir(parents=True, exist_ok=True)
    client = JsonClient(auth=feeds.auth(source, token), sleep=sleep)
    pending: list[Page] = []  # fetched, not yet in the lake
    grouped = source.kind in GROUPED_KINDS
    try:
        with client:
            fetched = feeds.pages(source, client, state)
            pages = (  # fetching goes on while a batch is in
                read_ahead(lambda: fetched, ahead=min(PREFETCH_PAGES, page_budget), name="source")
                if grouped
                else fetched
            )
            for page in pages:
                pending.append(page)
                report.pages += 1
                stop = page.end_of_stream or report.pages >= page_budget
                full = sum(p.records for p in pending) >= batch_records
                if stop or full or not grouped:
                    _ingest_pages(ws, source, pending, report)
                    pending = []
                    if report.status == "failed":
                        return report
                if on_page is not None:
                    on_page(report.pages, report)
                if report.pages >= page_budget and not page.end_of_stream:
                    report.status = "partial"  # the next sync goes on from the cursor
                    break
        if pending:  # the stream ended without saying so
            _ingest_pages(ws, source, pending, report)
            if report.status == "failed":
                return report
    except SourceError as exc:
        if pending:  # keep what was fetched before the API gave up
            _ingest_pages(ws, source, pending, report)
        return _failed(ws, report, str(exc), client=client)
    report.retries, report.waited_seconds = client.retried, client.waited_s
    _save(ws, source.id, last_success_at=now, last_error=None)
    return report


def _sync_objects(
    ws: Workspace,
    source: Source,
    report: SyncReport,
    *,
    now: datetime,
    page_budget: int,
    on_page: PageCallback | None,
) -> SyncReport:
    chunk = files.OBJECTS_CHUNK if source.kind == "amazon-connect" else files.FOLDER_CHUNK
    try:
        files.sync_files(ws, source, report, now=now, page_budget=page_budget, chunk=chunk,
                         on_page=on_page)  # fmt: skip
    except (SourceError, InputError) as exc:
        return _failed(ws, report, str(exc))
    if report.status == "failed":
        return _failed(ws, report, report.error or "failed")
    _save(ws, source.id, last_success_at=now, last_error=None)
    return report


def _ingest_pages(ws: Workspace, source: Source, pages: list[Page], report: SyncReport) -> None:
    """Ingest ``pages`` as one batch (each page's files: its records and any further
    files of the same batch, Freshdesk's ratings), then move the cursor past the last
    of them. Pages with no record on them (Freshdesk's repeated second) only move it."""
    folder = ws.home / "sources" / source.id
    contents = [c for p in pages if p.records for c in (p.content, *p.extra)]
    if not contents:
        _move_past(ws, source, pages, report)
        return
    paths = [
        folder / f"page-{hashlib.sha256(c).hexdigest()[:16]}-{n}.json"
        for n, c in enumerate(contents)
    ]
    try:
        for content, path in zip(contents, paths, strict=True):
            path.write_bytes(content)
        batch = ingest.ingest_files(
            ws, table="interactions", paths=paths, engagement_id=source.engagement_id,
            format=pages[0].format,
        )  # fmt: skip
    finally:
        for path in paths:
            path.unlink(missing_ok=True)
    report.batches.append(batch.batch_id)
    if batch.status in ("rejected", "failed"):
        report.status = "failed"
        report.error = f"pages up to {report.pages} were {batch.status}: {batch.error}"
        _save(ws, source.id, last_error=report.error)
        return
    for field in ("rows_read", "rows_accepted", "rows_quarantined", "rows_inserted",
                  "rows_updated", "rows_unchanged", "rows_stale", "rows_retracted"):  # fmt: skip
        setattr(report, field, getattr(report, field) + getattr(batch, field))
    _move_past(ws, source, pages, report)


def _move_past(ws: Workspace, source: Source, pages: list[Page], report: SyncReport) -> None:
    cursor = pages[-1].after_cursor or report.cursor
    report.cursor, report.end_of_stream = cursor, pages[-1].end_of_stream
    with ws.db.begin() as conn:  # the pages are in the lake: move past them
        repo.update_source(
            conn, ws.organisation_id, source.id, cursor=cursor,
            rows_total=source.rows_total + report.rows_accepted,
        )  # fmt: skip


def _failed(
    ws: Workspace, report: SyncReport, error: str, *, client: JsonClient | None = None
) -> SyncReport:
    report.status, report.error = "failed", error
    if client is not None:
        report.retries, report.waited_seconds = client.retried, client.waited_s
    _save(ws, report.source_id, last_error=error)
    return report


def _save(ws: Workspace, source_id: str, **values: object) -> None:
    with ws.db.begin() as conn:
        repo.update_source(conn, ws.organisation_id, source_id, **values)


def due_sources(ws: Workspace, *, now: datetime) -> list[Source]:
    """The sources whose cadence has come round."""
    return [s for s in list_sources(ws) if next_run(s) <= now]


def silent_feeds(ws: Workspace, *, now: datetime) -> list[Finding]:
    """A finding per source with no successful sync for twice its cadence."""
    found: list[Finding] = []
    for source in list_sources(ws):
        since = source.last_success_at or source.added_at
        if now - since <= timedelta(hours=2 * source.cadence_hours):
            continue
        last = (
            f"last success {source.last_success_at:%Y-%m-%d %H:%M} UTC"
            if source.last_success_at
            else "never synced"
        )
        found.append(
            Finding(
                key=f"feed:{source.engagement_id}:{source.id}",
                source="feed",
                engagement_id=source.engagement_id,
                severity="major",
                title=f"No data from {source.engagement_id}'s {source.kind} since {since:%Y-%m-%d}",
                detail=f"Source {source.id}: {last}; expected every {source.cadence_hours} h"
                + (f"; last error: {source.last_error}" if source.last_error else ""),
                evidence={"source": source.id, "last_success_at": str(source.last_success_at)},
                observed_on=now.date(),
            )
        )
    return found


def silent_engagements(ws: Workspace, *, now: datetime) -> list[Finding]:
    """A finding per engagement whose vendor files have stopped arriving: batches were
    accepted once, none for ``FAIRSHORE_FILE_FEED_DAYS`` (a source's pages count too)."""
    days = ws.settings.file_feed_days
    newest: dict[str, datetime] = {}
    for batch in ingest.list_batches(ws):
        at = batch.published_at or batch.created_at
        if batch.status != "accepted" or at is None:
            continue
        at = at if at.tzinfo else at.replace(tzinfo=UTC)
        newest[batch.engagement_id] = max(at, newest.get(batch.engagement_id, at))
    return [
        Finding(
            key=f"feed:{engagement_id}:files",
            source="feed",
            engagement_id=engagement_id,
            severity="major",
            title=f"No vendor files for {engagement_id} since {last:%Y-%m-%d}",
            detail=f"The last accepted batch arrived on {last:%Y-%m-%d}; files are expected "
            f"at least every {days} days (FAIRSHORE_FILE_FEED_DAYS).",
            evidence={"last_batch_at": last.isoformat()},
            observed_on=now.date(),
        )
        for engagement_id, last in sorted(newest.items())
        if now - last > timedelta(days=days)
    ]


def sync_due(
    ws: Workspace, *, now: datetime, sleep: Callable[[float], None] = time.sleep
) -> list[SyncReport]:
    """Sync every due source, then record a finding for each feed gone quiet: a source
    without a successful sync, an engagement whose vendor files stopped arriving."""
    reports = [sync_source(ws, s.id, now=now, sleep=sleep) for s in due_sources(ws, now=now)]
    record_findings(ws, silent_feeds(ws, now=now) + silent_engagements(ws, now=now), now=now)
    return reports


def utc_now() -> datetime:
    """The wall clock, for the CLI and the server (services take ``now``)."""
    return datetime.now(UTC)
