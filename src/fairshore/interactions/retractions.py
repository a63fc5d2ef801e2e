"""Retractions: a vendor withdraws records it sent (a CSV file of their keys).

The file's header names the table's key columns (``interaction_id`` for interactions,
``agent_ref`` and ``month`` for agent months ...). Every key read is either accepted
(and retracted when the lake holds it) or quarantined (a key column empty), so the
batch report adds up like an ingest's; the rows leave the current snapshot in one
Delta commit and stay readable ``--as-of`` an earlier lake version until vacuumed.
"""

from __future__ import annotations

import csv
from pathlib import Path

from fairshore.adapters.db import ingest_repository as repo
from fairshore.adapters.lake import delta
from fairshore.bootstrap import Workspace
from fairshore.engagements.services import get_engagement
from fairshore.errors import InputError, NotFoundError
from fairshore.interactions.file_checks import sha256_of
from fairshore.interactions.model import MISSING_REQUIRED, BatchReport
from fairshore.interactions.schema import TABLES
from fairshore.interactions.services import batch_id_for, get_batch, keep_raw

FORMAT = "retraction"


def _read_keys(path: Path, key: list[str]) -> tuple[list[tuple[str, ...]], int]:
    """The keys of a retraction file, and how many lines had an empty key column."""
    with path.open("r", encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [k for k in key if k not in (reader.fieldnames or [])]
        if missing:
            raise InputError(
                f"{path.name}: a retraction file needs the key column(s) "
                f"{', '.join(key)}; missing {', '.join(missing)}"
            )
        keys, empty = [], 0
        for row in reader:
            values = tuple((row.get(k) or "").strip() for k in key)
            if all(values):
                keys.append(values)
            else:
                empty += 1
    return keys, empty


def retract_records(
    ws: Workspace, *, table: str, path: Path | str, engagement_id: str
) -> BatchReport:
    """Withdraw the records a file of keys names from one engagement's table."""
    spec = TABLES.get(table)
    if spec is None:
        raise InputError(f"unknown table {table!r}; choose one of: {', '.join(TABLES)}")
    get_engagement(ws, engagement_id)
    source = Path(path)
    if not source.is_file():
        raise NotFoundError(f"no such file: {source}")
    key = [k for k in spec.key if k != "engagement_id"]
    digest = sha256_of(source)
    batch_id = batch_id_for(engagement_id, f"{table}/{FORMAT}", digest)
    with ws.db.begin() as conn:
        existing = repo.get_batch(conn, batch_id)
    if existing is not None and existing["status"] == "accepted":
        return get_batch(ws, batch_id, limit=0).report.model_copy(update={"status": "duplicate"})
    keys, empty = _read_keys(source, key)
    with ws.db.begin() as conn:
        repo.start_batch(
            conn,
            batch_id=batch_id,
            engagement_id=engagement_id,
            table_name=table,
            format=FORMAT,
            source_name=source.name,
            sha256=digest,
        )
    unique = list(dict.fromkeys(keys))
    retracted, version = delta.retract_keys(
        ws.lake, table, key=key, keys=unique, engagement_id=engagement_id, batch_id=batch_id
    )
    keep_raw(ws, [source], [digest])
    with ws.db.begin() as conn:
        repo.save_counts(
            conn,
            batch_id,
            status="publishing",
            rows_read=len(keys) + empty,
            rows_accepted=len(keys),
            rows_quarantined=empty,
            reasons={MISSING_REQUIRED: empty} if empty else {},
            warnings={},
            time_min=None,
            time_max=None,
            outcomes={"retracted": retracted, "unchanged": len(keys) - retracted},
        )
        repo.mark_published(conn, batch_id, table_version=version)
    return get_batch(ws, batch_id, limit=0).report
