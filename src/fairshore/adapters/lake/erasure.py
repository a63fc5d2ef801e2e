"""Erasing a data subject's rows from the lake, quarantine and raw files; retention.

Table rows go by a Delta DELETE on their keys (the predicate names record ids, never
the reference, so the reference does not enter the log; the log holds no column
statistics either). The data files that still hold the rows leave the snapshot at
once and the disk at :func:`vacuum_tables` once the grace period has passed.
Quarantine and raw files are rewritten without the subject's rows (text files line by
line, JSON documents record by record, Parquet row by row).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from fairshore.adapters.lake import delta
from fairshore.adapters.lake.store import LakeRoot
from fairshore.interactions.schema import TABLES

SUBJECT_COLUMNS = {"interactions": "customer_ref", "access_events": "record_ref"}


@dataclass(frozen=True)
class TableErasure:
    """Rows removed from one table, and the table version committed (None: none)."""

    table: str
    rows: int
    version: int | None


def erase_from_tables(
    root: LakeRoot, ref: str, *, engagement_id: str | None, request_id: str
) -> list[TableErasure]:
    """Delete the subject's rows from every table that names customers."""
    out = []
    for table, column in SUBJECT_COLUMNS.items():
        dt = delta.open_table(root, table)
        if dt is None:
            continue
        key = [k for k in TABLES[table].key if k != "engagement_id"]
        found: dict[str, set[str]] = {}
        # through delta-rs' dataset: the same read for a folder and an object store
        columns = ["engagement_id", *key, column]
        data = _plain_strings(delta.dataset(dt, engagement_id).to_table(columns=columns))
        hit = data.filter(pc.equal(data.column(column), ref))
        for row in hit.to_pylist():
            found.setdefault(str(row["engagement_id"]), set()).add(str(row[key[0]]))
        rows = sum(len(v) for v in found.values())
        version = None
        for engagement, ids in sorted(found.items()):
            listed = ", ".join("'" + i.replace("'", "''") + "'" for i in sorted(ids))
            quoted = engagement.replace("'", "''")
            dt.delete(
                f"part_engagement = '{quoted}' AND {key[0]} IN ({listed})",
                commit_properties=delta.commit_properties(root, request_id, "erase", len(ids)),
            )
            dt.update_incremental()
            version = dt.version()
        out.append(TableErasure(table, rows, version))
    return out


def erase_from_quarantine(folder: Path, ref: str) -> int:
    """Rewrite quarantine files without the subject's rows; the rows removed."""
    removed = 0
    for path in sorted(folder.glob("*/*.parquet")):
        data = pq.read_table(path)
        keep = _rows_without(data, ref)
        if keep.num_rows < data.num_rows:
            removed += data.num_rows - keep.num_rows
            _replace_parquet(path, keep)
    return removed


def _plain_strings(data: pa.Table) -> pa.Table:
    """String views (delta-rs writes them) as plain strings, which every kernel takes."""
    columns = [c.cast(pa.string()) if pa.types.is_string_view(c.type) else c for c in data.columns]
    return pa.table(columns, names=data.column_names)


def _rows_without(data: pa.Table, ref: str) -> pa.Table:
    data = _plain_strings(data)
    mask = None
    for field in data.schema:
        if pa.types.is_string(field.type):
            hit = pc.fill_null(pc.equal(data.column(field.name), ref), False)
            mask = hit if mask is None else pc.or_(mask, hit)
    return data if mask is None else data.filter(pc.invert(mask))


def _replace_parquet(path: Path, data: pa.Table) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    pq.write_table(data, tmp)
    tmp.replace(path)


@dataclass(frozen=True)
class RawRewrite:
    """A raw file rewritten without the subject: old and new sha256 (new None: the file
    held nothing but the subject, or could not be rewritten: ``problem`` says why)."""

    old: str
    new: str | None
    rows: int
    problem: str | None = None


def erase_from_raw(folder: Path, ref: str) -> list[RawRewrite]:
    """Rewrite every raw file that holds the reference; each is renamed to its new
    sha256 (the old name and content are gone)."""
    out = []
    needle = ref.encode("utf-8")
    for path in sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")):
        content = path.read_bytes()
        gz = path.name.endswith(".gz")
        plain = gzip.decompress(content) if gz else content
        if needle not in plain and not path.name.endswith(".parquet"):
            continue
        rewritten, rows, problem = _rewrite(path, plain, ref)
        if rows == 0 and problem is None:
            continue
        old = path.name.split(".", 1)[0]
        if rewritten is None:
            out.append(RawRewrite(old, None, rows, problem))
            continue
        body = gzip.compress(rewritten, mtime=0) if gz else rewritten
        digest = hashlib.sha256(body).hexdigest()
        target = path.with_name(digest + path.name[len(old) :])
        tmp = path.with_name(f".{target.name}.tmp")
        tmp.write_bytes(body)
        tmp.replace(target)
        path.unlink()
        out.append(RawRewrite(old, digest, rows))
    return out


def _rewrite(path: Path, plain: bytes, ref: str) -> tuple[bytes | None, int, str | None]:
    name = path.name.removesuffix(".gz")
    if name.endswith(".parquet"):
        data = pq.read_table(pa.BufferReader(plain))
        keep = _rows_without(data, ref)
        if keep.num_rows == data.num_rows:
            return None, 0, None
        sink = pa.BufferOutputStream()
        pq.write_table(keep, sink)
        return sink.getvalue().to_pybytes(), data.num_rows - keep.num_rows, None
    if name.endswith(".zip"):
        return None, 0, "a zip archive: extract, erase and ingest the files again"
    text = plain.decode("utf-8")
    if name.endswith(".json"):
        document = json.loads(text)
        cleaned, rows = _drop_records(document, ref)
        return json.dumps(cleaned).encode("utf-8"), rows, None
    token = re.compile(rf"(?<![\w-]){re.escape(ref)}(?![\w-])")
    lines = text.splitlines(keepends=True)
    keep = [line for line in lines if not token.search(line)]
    return "".join(keep).encode("utf-8"), len(lines) - len(keep), None


def _drop_records(value: Any, ref: str) -> tuple[Any, int]:
    """A JSON document without the records (objects in lists) that hold ``ref``."""
    if isinstance(value, dict):
        out, rows = {}, 0
        for k, v in value.items():
            out[k], n = _drop_records(v, ref)
            rows += n
        return out, rows
    if isinstance(value, list):
        kept, rows = [], 0
        for item in value:
            if isinstance(item, dict) and any(v == ref for v in _scalars(item)):
                rows += 1
                continue
            cleaned, n = _drop_records(item, ref)
            kept.append(cleaned)
            rows += n
        return kept, rows
    return value, 0


def _scalars(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in _scalars(v)]
    if isinstance(value, list):
        return [s for v in value for s in _scalars(v)]
    return [str(value)] if value is not None else []


def vacuum_tables(root: LakeRoot, *, retention_hours: int) -> dict[str, int]:
    """Delete data files removed from every table more than ``retention_hours`` ago,
    and files no commit ever added (a killed ingest's); files deleted per table."""
    out = {}
    for table in TABLES:
        dt = delta.open_table(root, table)
        if dt is not None:
            gone = dt.vacuum(
                retention_hours=retention_hours,
                dry_run=False,
                enforce_retention_duration=False,
                full=True,
            )
            out[table] = len(gone)
    return out


def expire_files(folder: Path, *, days: int, pattern: str, now: float) -> int:
    """Delete entries of ``folder`` matching ``pattern`` modified more than ``days``
    before ``now`` (a POSIX time)."""
    cutoff = now - days * 86400
    gone = 0
    for path in folder.glob(pattern) if folder.is_dir() else []:
        if path.stat().st_mtime < cutoff:
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()
            gone += 1
    return gone
