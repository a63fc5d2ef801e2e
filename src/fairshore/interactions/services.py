"""Ingest use cases: take vendor files into the lake, list and show batches.

``ingest_files`` is the one door vendor data comes through: whole-file checks,
format adapter, vectorised validation, staging, one Delta commit that inserts new rows
and replaces older versions, and a batch record whose counts always add up
(accepted + quarantined = read; inserted + updated + unchanged + stale = accepted).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pyarrow as pa

from fairshore.adapters.db import ingest_repository as repo
from fairshore.adapters.lake import delta, versions, writer
from fairshore.bootstrap import Workspace
from fairshore.engagements.model import Engagement, check_timezone
from fairshore.engagements.services import get_engagement
from fairshore.errors import IngestError, InputError, NotFoundError
from fairshore.interactions.adapters import FormatAdapters
from fairshore.interactions.batches import batch_report
from fairshore.interactions.batches import get_batch as get_batch
from fairshore.interactions.batches import list_batches as list_batches
from fairshore.interactions.file_checks import check_file, check_row_count, kind_of, sha256_of
from fairshore.interactions.mapping import load_mapping
from fairshore.interactions.model import (
    BatchReport,
    BatchStatus,
    ProgressCallback,
    ReadContext,
)
from fairshore.interactions.reading import Tally, batch_validator, concat_keys
from fairshore.interactions.resend import weigh_resend
from fairshore.interactions.schema import TABLES, TableSchema


def batch_id_for(engagement_id: str, table: str, digest: str) -> str:
    """The batch id is derived from its content, so a re-run reproduces the same lake."""
    return "b-" + hashlib.sha256(f"{engagement_id}|{table}|{digest}".encode()).hexdigest()[:24]


def _combined_digest(digests: list[str]) -> str:
    if len(digests) == 1:
        return digests[0]
    return hashlib.sha256("\n".join(sorted(digests)).encode()).hexdigest()


def ingest_files(
    ws: Workspace,
    *,
    table: str,
    paths: Sequence[Path | str],
    engagement_id: str,
    format: str | None = None,
    mapping: Path | str | None = None,
    source_tz: str | None = None,
    progress: ProgressCallback | None = None,
    max_rows: int | None = None,
    sheet: str | None = None,
) -> BatchReport:
    """Ingest vendor files as one batch of ``table`` for an engagement.

    Parameters
    ----------
    ws : the open workspace.
    table : ``interactions``, ``agents``, ``agent_months`` or ``access_events``.
    paths : the files of the batch (several for Zendesk tickets + metrics pages).
    engagement_id : the engagement the rows belong to.
    format : ``csv``, ``parquet``, ``jsonl``, ``xlsx``, ``zendesk``, ``zendesk-talk``,
        ``freshdesk`` or ``acd``; detected from the content when None.
    mapping : mapping YAML (ACD column mapping, Zendesk custom fields ...), or a
        shipped mapping by name (``anonbank``).
    source_tz : IANA timezone of times without an offset; default the mapping's,
        then the engagement's.
    progress : called with (rows read so far, total bytes) after each chunk.
    max_rows : rows the batch may hold (web and API uploads); past it the batch is
        rejected whole, before reading when the file says its row count (Parquet).
    sheet : Excel workbooks: the sheet to read; default the first visible sheet whose
        header row has the table's required columns.

    Returns
    -------
    BatchReport
        ``status`` is ``accepted``, ``duplicate`` (same content ingested before:
        nothing done; its rows counted ``unchanged`` or ``stale`` against the lake
        now) or ``rejected`` (the files cannot be read; ``error`` says why and nothing
        was written).
    """
    spec = TABLES.get(table)
    if spec is None:
        raise InputError(f"unknown table {table!r}; choose one of: {', '.join(TABLES)}")
    engagement = get_engagement(ws, engagement_id)
    files = [Path(p) for p in paths]
    if not files:
        raise InputError("give at least one file to ingest")
    for path in files:
        if not path.is_file():
            raise NotFoundError(f"no such file: {path}")
    finished = recover_batches(ws)
    digests = [sha256_of(p) for p in files]
    # A named sheet is part of what was ingested: two sheets of one workbook, two batches.
    digest = _combined_digest([*digests, f"sheet:{sheet}"] if sheet else digests)
    batch_id = batch_id_for(engagement_id, table, digest)
    base: dict[str, Any] = {
        "batch_id": batch_id,
        "engagement_id": engagement_id,
        "table": table,
        "format": format,
        "files": [p.name for p in files],
        "sha256": digest,
        "digests": digests,
    }
    with ws.db.begin() as conn:
        existing = repo.get_batch(conn, batch_id)
    resent = existing is not None and existing["status"] == "accepted"
    if existing is not None and resent and batch_id in finished:
        # A crash left this very batch half-published: this run completed it.
        return batch_report(existing, status="accepted")
    try:
        fmt, data = _prepare(
            files,
            table=table,
            format=format,
            mapping=mapping,
            max_bytes=ws.settings.ingest_max_bytes,
            formats=ws.registries.formats,
        )
    except (IngestError, RecursionError) as exc:
        if existing is not None and resent:
            return batch_report(existing, status="duplicate")
        return _reject(ws, base, _without_folders(_unreadable(exc), files), existing is not None)
    base["format"] = fmt
    tz = source_tz or data.get("timezone") or engagement.timezone
    try:
        tz = check_timezone(str(tz))
    except ValueError as exc:
        raise InputError(str(exc)) from None
    ctx = ReadContext(
        table=table,
        engagement_id=engagement_id,
        source_tz=tz,
        chunk_rows=ws.settings.ingest_chunk_rows,
        max_bytes=ws.settings.ingest_max_bytes,
        segment_columns=list(engagement.segment_columns),
        mapping=data,
        max_rows=max_rows,
        sheet=sheet,
    )
    if existing is not None and resent:
        previous = batch_report(existing, status="duplicate")
        return weigh_resend(ws, spec, files, ctx, fmt=fmt, engagement=engagement, previous=previous)
    with ws.db.begin() as conn:
        repo.start_batch(
            conn,
            batch_id=batch_id,
            engagement_id=engagement_id,
            table_name=table,
            format=fmt,
            source_name="; ".join(p.name for p in files),
            sha256=digest,
        )
    return _run(ws, spec, files, ctx, base, engagement, progress)


def recover_batches(ws: Workspace) -> list[str]:
    """Mark published every batch a crash interrupted after its Delta commit (the log
    holds it); one interrupted before stays unpublished until its ingest is re-run.
    Returns the batches marked published."""
    with ws.db.begin() as conn:
        publishing = [
            (b, repo.get_batch(conn, b)) for b in repo.batches_with_status(conn, "publishing")
        ]
    done = []
    for batch_id, row in publishing:
        if row is not None and delta.committed(ws.lake, row["table_name"], batch_id):
            with ws.db.begin() as conn:
                repo.mark_published(conn, batch_id)
            done.append(batch_id)
    return done


def _prepare(
    files: list[Path],
    *,
    table: str,
    format: str | None,
    mapping: Path | str | None,
    max_bytes: int,
    formats: FormatAdapters,
) -> tuple[str, dict[str, Any]]:
    for path in files:
        check_file(path, max_bytes=max_bytes, kind=kind_of(path))
    data = load_mapping(mapping)
    # a mapping that names its format (acd, qa-export) chooses the adapter
    fmt = format or data.get("format") or formats.detect(files, table)
    formats.get(fmt, table)
    if fmt == "acd" and mapping is None:
        # The Anonymous Bank layout, in the engagement's timezone (not the bank's).
        data = {k: v for k, v in load_mapping("anonbank").items() if k != "timezone"}
    return fmt, data


def _run(
    ws: Workspace,
    spec: TableSchema,
    files: list[Path],
    ctx: ReadContext,
    base: dict[str, Any],
    engagement: Engagement,
    progress: ProgressCallback | None,
) -> BatchReport:
    batch_id = base["batch_id"]
    validator = batch_validator(spec, ctx, batch_id=batch_id, engagement=engagement)
    staging = writer.BatchStaging(
        ws.folder("lake"),
        table=spec.name,
        engagement_id=ctx.engagement_id,
        batch_id=batch_id,
        time_column=spec.time_column,
        schema=validator.schema,
        quarantine_root=ws.folder("quarantine"),
        quarantine_schema=validator.qschema,
    )
    tally = Tally()
    withdrawn: list[pa.Table] = []
    total_bytes = sum(p.stat().st_size for p in files)
    # One writer thread: chunk k is compressed and written while chunk k+1 is checked.
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="lake-writer")
    pending: Future[None] | None = None
    try:
        for chunk in ws.registries.formats.get(base["format"], spec.name).read(files, ctx):
            checked = validator.check(chunk)
            if pending is not None:
                pending.result()
            pending = pool.submit(_stage, staging, checked.accepted, checked.quarantined)
            tally.add(checked, spec.time_column)
            withdrawn.append(checked.withdrawn)
            check_row_count(", ".join(base["files"]), tally.read, max_rows=ctx.max_rows)
            if progress is not None:
                progress(tally.read, total_bytes)
        if pending is not None:
            pending.result()
        if tally.read == 0:
            raise IngestError(
                f"{', '.join(base['files'])}: no rows to ingest (only a header, or an empty "
                "export); check the export's period and filters"
            )
    except (IngestError, UnicodeDecodeError, RecursionError) as exc:
        _drain(pool, pending)
        staging.abort()
        return _reject(ws, base, _without_folders(_unreadable(exc), files), True)
    except Exception as exc:  # never leave the batch ``running``: say it failed, and why
        _drain(pool, pending)
        staging.abort()
        reason = f"the ingest failed ({type(exc).__name__}: {exc}"[:500] + ")"
        _reject(ws, base, _without_folders(reason, files), True, status="failed")
        raise
    finally:
        pool.shutdown(wait=True)
    staged = staging.close()
    keep_raw(ws, files, base["digests"])
    warnings = dict(sorted((+(tally.warnings + ctx.warnings)).items()))
    with versions.BatchPlan(
        ws.lake,
        table=spec.name,
        key=[k for k in spec.key if k != "engagement_id"],
        time_column=spec.time_column,
        engagement_id=ctx.engagement_id,
        batch_id=batch_id,
        schema=validator.schema,
        staged=staged,
        withdrawn=concat_keys(withdrawn),
    ) as plan:
        with ws.db.begin() as conn:
            repo.save_counts(
                conn,
                batch_id,
                status="publishing",
                rows_read=tally.read,
                rows_accepted=tally.accepted,
                rows_quarantined=tally.quarantined,
                reasons=dict(sorted(tally.reasons.items())),
                warnings=warnings,
                time_min=tally.time_min,
                time_max=tally.time_max,
                outcomes=plan.counts,
            )
        version = plan.commit()
    with ws.db.begin() as conn:
        repo.mark_published(conn, batch_id, table_version=version)
        row = repo.get_batch(conn, batch_id)
    assert row is not None
    return batch_report(row)


def _unreadable(exc: Exception) -> str:
    """Why a file cannot be read, in words its sender can act on."""
    if isinstance(exc, UnicodeDecodeError):
        return "the file is not valid UTF-8 text; re-export it as UTF-8"
    if isinstance(exc, RecursionError):
        return (
            "the file nests JSON arrays or objects too deeply to read (hundreds of levels); "
            "vendor exports nest a few levels: check the file is the export"
        )
    return str(exc)


def _drain(pool: ThreadPoolExecutor, pending: Future[None] | None) -> None:
    """Wait for the writer thread before its files are deleted."""
    if pending is not None:
        pending.exception()
    pool.shutdown(wait=True)


def _stage(staging: writer.BatchStaging, accepted: pa.Table, quarantined: pa.Table) -> None:
    staging.write(accepted)
    staging.quarantine(quarantined)


def keep_raw(ws: Workspace, files: list[Path], digests: list[str]) -> None:
    """Keep every received file, unchanged, as ``raw/<sha256><ext>``."""
    raw = ws.folder("raw")
    raw.mkdir(parents=True, exist_ok=True)
    for path, digest in zip(files, digests, strict=True):
        target = raw / f"{digest}{''.join(path.suffixes)[-20:]}"
        if target.exists():
            continue
        tmp = raw / f".{target.name}.tmp"
        shutil.copyfile(path, tmp)
        tmp.replace(target)


def _without_folders(message: str, files: list[Path]) -> str:
    """The message with the files' folders left out (a library's error may name the full
    path; on a server that is a private temporary folder)."""
    for folder in {str(p.parent) for p in files} | {str(p.parent.resolve()) for p in files}:
        message = message.replace(folder + os.sep, "")
    return message


def _reject(
    ws: Workspace,
    base: dict[str, Any],
    message: str,
    recorded: bool,
    *,
    status: BatchStatus = "rejected",
) -> BatchReport:
    """Record the batch as ``rejected`` (its files cannot be read) or ``failed`` (the
    ingest stopped on an unexpected error), with the reason; nothing is published."""
    with ws.db.begin() as conn:
        if not recorded or repo.get_batch(conn, base["batch_id"]) is None:
            repo.start_batch(
                conn,
                batch_id=base["batch_id"],
                engagement_id=base["engagement_id"],
                table_name=base["table"],
                format=base["format"] or "unknown",
                source_name="; ".join(base["files"]),
                sha256=base["sha256"],
            )
        repo.save_counts(
            conn,
            base["batch_id"],
            status=status,
            rows_read=0,
            rows_accepted=0,
            rows_quarantined=0,
            reasons={},
            warnings={},
            time_min=None,
            time_max=None,
            error=message,
        )
    fields = {k: v for k, v in base.items() if k != "digests"}
    return BatchReport(status=status, error=message, **fields)


def ingest_manifest(
    ws: Workspace, manifest: Path, *, progress: ProgressCallback | None = None
) -> list[BatchReport]:
    """Ingest every file set listed in a generated scenario's ``manifest.json``.

    The manifest holds ``{"files": [{"engagement_id", "table", "format", "paths": [...],
    "mapping": path-or-null}]}`` with paths relative to the manifest's folder.
    """
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
        entries = list(data["files"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InputError(f"cannot read the manifest {manifest}: {exc}") from None
    base = manifest.parent
    reports = []
    for entry in entries:
        try:
            paths = [base / p for p in entry["paths"]]
            table, engagement_id = entry["table"], entry["engagement_id"]
        except (KeyError, TypeError) as exc:
            raise InputError(f"manifest entry without {exc}: {entry!r}") from None
        mapping = entry.get("mapping")
        reports.append(
            ingest_files(
                ws,
                table=table,
                paths=paths,
                engagement_id=engagement_id,
                format=entry.get("format"),
                mapping=base / mapping if mapping else None,
                progress=progress,
            )
        )
    return reports
