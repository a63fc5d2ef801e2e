"""Writing batches into the lake: stage, then publish atomically.

A batch is written under ``<lake>/_staging/<batch_id>/`` (the lake layout inside it,
plus ``quarantine/``). Publishing writes the marker ``<lake>/_pending/<batch_id>``
first; readers (:meth:`Lake.files`) ignore every file of a batch that has a marker,
so the renames that follow are invisible until the marker is removed. A process
killed at any point leaves either nothing visible, or a marker that
:func:`finish_publish` completes on the next run.
"""

from __future__ import annotations

import contextlib
import json
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

STAGING = "_staging"
PENDING = "_pending"
QUARANTINE_FILE = "rows.parquet"


def staging_dir(lake: Path, batch_id: str) -> Path:
    return lake / STAGING / batch_id


def pending_batches(lake: Path) -> set[str]:
    """Batches whose publication has started but not finished (their files are hidden)."""
    folder = lake / PENDING
    if not folder.is_dir():
        return set()
    return {p.name for p in folder.iterdir() if not p.name.startswith(".")}


class BatchStaging:
    """Parquet writers for one batch: one file per month partition, plus quarantine."""

    def __init__(
        self,
        lake: Path,
        *,
        table: str,
        engagement_id: str,
        batch_id: str,
        time_column: str,
        schema: pa.Schema,
        quarantine_schema: pa.Schema,
    ) -> None:
        self.root = staging_dir(lake, batch_id)
        self.table = table
        self.engagement_id = engagement_id
        self.batch_id = batch_id
        self.time_column = time_column
        self.schema = schema
        self.quarantine_schema = quarantine_schema
        self._writers: dict[str, pq.ParquetWriter] = {}
        self._quarantine: pq.ParquetWriter | None = None
        if self.root.exists():
            shutil.rmtree(self.root)
        self.root.mkdir(parents=True)

    def _month_keys(self, data: pa.Table) -> pa.Array:
        # year * 100 + month: integer kernels, far cheaper than strftime per row.
        times = data.column(self.time_column)
        return pc.add(pc.multiply(pc.year(times), 100), pc.month(times))

    def write(self, data: pa.Table) -> None:
        """Append accepted rows, each to its month partition."""
        if data.num_rows == 0:
            return
        keys = self._month_keys(data)
        found = pc.unique(keys).to_pylist()
        for key in found:
            month = f"{key // 100:04d}-{key % 100:02d}"
            part = data if len(found) == 1 else data.filter(pc.equal(keys, key))
            writer = self._writers.get(month)
            if writer is None:
                rel = self.relative(month)
                (self.root / rel).parent.mkdir(parents=True, exist_ok=True)
                writer = pq.ParquetWriter(self.root / rel, self.schema, compression="zstd")
                self._writers[month] = writer
            writer.write_table(part)

    def relative(self, month: str) -> Path:
        return Path(
            self.table,
            f"engagement={self.engagement_id}",
            f"month={month}",
            f"{self.batch_id}.parquet",
        )

    def quarantine(self, rows: pa.Table) -> None:
        """Append quarantined rows (text values with row number, reason and detail)."""
        if rows.num_rows == 0:
            return
        if self._quarantine is None:
            (self.root / "quarantine").mkdir(exist_ok=True)
            self._quarantine = pq.ParquetWriter(
                self.root / "quarantine" / QUARANTINE_FILE, self.quarantine_schema
            )
        self._quarantine.write_table(rows)

    def close(self) -> list[str]:
        """Close every writer; the lake files written, relative to the lake."""
        for writer in self._writers.values():
            writer.close()
        if self._quarantine is not None:
            self._quarantine.close()
        return sorted(str(self.relative(m)) for m in self._writers)

    def abort(self) -> None:
        """Close and delete everything staged."""
        with contextlib.suppress(OSError, pa.ArrowException):
            self.close()
        discard(self.root.parent.parent, self.batch_id)


def start_publish(lake: Path, batch_id: str, files: list[str]) -> None:
    """Write the pending marker (atomically) that hides the batch's files."""
    folder = lake / PENDING
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".{batch_id}.tmp"
    tmp.write_text(json.dumps({"files": files}), encoding="utf-8")
    tmp.replace(folder / batch_id)


def finish_publish(lake: Path, quarantine_root: Path, batch_id: str) -> None:
    """Move the staged files into place, then drop the marker: the batch appears whole."""
    marker = lake / PENDING / batch_id
    files = json.loads(marker.read_text(encoding="utf-8"))["files"] if marker.exists() else []
    stage = staging_dir(lake, batch_id)
    for rel in files:
        source, target = stage / rel, lake / rel
        if source.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            source.replace(target)
    staged_q = stage / "quarantine"
    if staged_q.exists():
        target_q = quarantine_root / batch_id
        if target_q.exists():
            shutil.rmtree(target_q)
        quarantine_root.mkdir(parents=True, exist_ok=True)
        shutil.move(str(staged_q), str(target_q))
    marker.unlink(missing_ok=True)
    if stage.exists():
        shutil.rmtree(stage)


def discard(lake: Path, batch_id: str) -> None:
    """Forget a batch that never finished staging (nothing of it is visible)."""
    stage = staging_dir(lake, batch_id)
    if stage.exists():
        shutil.rmtree(stage)
    (lake / PENDING / batch_id).unlink(missing_ok=True)


def read_quarantine(
    quarantine_root: Path, batch_id: str, *, limit: int
) -> tuple[list[dict[str, object]], int]:
    """The first ``limit`` quarantined rows of a batch, and how many there are."""
    path = quarantine_root / batch_id / QUARANTINE_FILE
    if not path.exists():
        return [], 0
    source = pq.ParquetFile(path)
    total = source.metadata.num_rows
    rows: list[dict[str, object]] = []
    for batch in source.iter_batches(batch_size=max(limit, 1)):
        rows.extend(batch.to_pylist()[: limit - len(rows)])
        if len(rows) >= limit:
            break
    return rows, total


def existing_keys(lake: Path, table: str, engagement_id: str, columns: list[str]) -> list[pa.Table]:
    """Key columns of the published files of one engagement's table, file by file."""
    from fairshore.adapters.lake import Lake

    out: list[pa.Table] = []
    for path in Lake(lake).files(table, engagement_id):
        out.append(pq.read_table(path, columns=columns))
    return out
