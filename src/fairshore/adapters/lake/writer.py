"""Writing a batch's files: accepted rows beside the table's log, quarantine apart.

Accepted rows go to ``<lake>/<table>/part_engagement=<id>/part_month=<YYYY-MM>/
<batch_id>.parquet``: invisible to every reader until a Delta commit adds them
(:mod:`fairshore.adapters.lake.delta`). Quarantined rows go to
``quarantine/<batch_id>/rows.parquet`` (written under a temporary name, renamed when
the batch is complete).
"""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from fairshore.adapters.lake.delta import StagedFile

QUARANTINE_FILE = "rows.parquet"
FILE_ROWS = 32_768
"""Rows of one data file at most. A newer version of a row rewrites the whole file that
holds it (Delta replaces files, not rows), so files of a large batch are cut in arrival
order: a later batch that updates recent records rewrites a few files, not the month."""


def partition_dir(lake: Path, table: str, engagement_id: str, month: str) -> Path:
    return lake / table / f"part_engagement={engagement_id}" / f"part_month={month}"


class BatchStaging:
    """Parquet writers for one batch: files of each month partition (``FILE_ROWS`` rows at
    most each), plus quarantine."""

    def __init__(
        self,
        lake: Path,
        *,
        table: str,
        engagement_id: str,
        batch_id: str,
        time_column: str,
        schema: pa.Schema,
        quarantine_root: Path,
        quarantine_schema: pa.Schema,
    ) -> None:
        self.lake = lake
        self.table = table
        self.engagement_id = engagement_id
        self.batch_id = batch_id
        self.time_column = time_column
        self.schema = schema
        self.quarantine_dir = quarantine_root / batch_id
        self.quarantine_schema = quarantine_schema
        self._writers: dict[str, tuple[pq.ParquetWriter, StagedFile]] = {}
        self._done: list[StagedFile] = []
        self._quarantine: pq.ParquetWriter | None = None
        self.discard()

    def _month_keys(self, data: pa.Table) -> pa.Array:
        # year * 100 + month: integer kernels, far cheaper than strftime per row.
        times = data.column(self.time_column)
        return pc.add(pc.multiply(pc.year(times), 100), pc.month(times))

    def path(self, month: str, number: int = 0) -> Path:
        folder = partition_dir(self.lake, self.table, self.engagement_id, month)
        return folder / f"{self.batch_id}{f'-{number}' if number else ''}.parquet"

    def write(self, data: pa.Table) -> None:
        """Append accepted rows, each to its month partition."""
        if data.num_rows == 0:
            return
        keys = self._month_keys(data)
        counts = {int(c["values"].as_py()): int(c["counts"].as_py()) for c in pc.value_counts(keys)}
        if len(counts) > 1:
            # one sort by month, then a slice per month: a filter per month read the
            # whole chunk a dozen times (most of the writer thread's time)
            data = data.take(pc.sort_indices(keys))
        offset = 0
        for key, count in sorted(counts.items()):
            month = f"{key // 100:04d}-{key % 100:02d}"
            offset += count
            self._append(month, data.slice(offset - count, count))

    def _append(self, month: str, part: pa.Table) -> None:
        """Rows of one month, in files of ``FILE_ROWS`` rows at most."""
        done = 0
        while done < part.num_rows:
            found = self._writers.get(month)
            if found is None:
                number = sum(1 for f in self._done if f.month == month)
                target = self.path(month, number)
                target.parent.mkdir(parents=True, exist_ok=True)
                writer = pq.ParquetWriter(target, self.schema, compression="zstd")
                found = (writer, StagedFile(target, month, 0))
            writer, staged = found
            take = min(FILE_ROWS - staged.rows, part.num_rows - done)
            writer.write_table(part.slice(done, take))
            done += take
            staged = StagedFile(staged.path, month, staged.rows + take)
            self._writers[month] = (writer, staged)
            if staged.rows >= FILE_ROWS:
                writer.close()
                self._done.append(staged)
                del self._writers[month]

    def quarantine(self, rows: pa.Table) -> None:
        """Append quarantined rows (text values with row number, reason and detail)."""
        if rows.num_rows == 0:
            return
        if self._quarantine is None:
            self.quarantine_dir.mkdir(parents=True, exist_ok=True)
            self._quarantine = pq.ParquetWriter(
                self.quarantine_dir / f".{QUARANTINE_FILE}.tmp", self.quarantine_schema
            )
        self._quarantine.write_table(rows)

    def close(self) -> list[StagedFile]:
        """Close every writer; the data files written (not yet committed)."""
        for writer, staged in self._writers.values():
            writer.close()
            self._done.append(staged)
        self._writers.clear()
        if self._quarantine is not None:
            self._quarantine.close()
            tmp = self.quarantine_dir / f".{QUARANTINE_FILE}.tmp"
            tmp.replace(self.quarantine_dir / QUARANTINE_FILE)
        return sorted(self._done, key=lambda f: (f.month, str(f.path)))

    def discard(self) -> None:
        """Delete whatever an earlier attempt of this batch left uncommitted."""
        for old in (self.lake / self.table).glob(f"part_engagement=*/*/{self.batch_id}*.parquet"):
            old.unlink(missing_ok=True)
        if self.quarantine_dir.exists():
            shutil.rmtree(self.quarantine_dir)

    def abort(self) -> None:
        """Close and delete everything staged."""
        with contextlib.suppress(OSError, pa.ArrowException):
            self.close()
        self.discard()


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
