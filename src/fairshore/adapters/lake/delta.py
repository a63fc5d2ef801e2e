"""The lake's tables as Delta tables (delta-rs): one per canonical table.

Each table lives in ``<lake>/<table>/`` with its transaction log in ``_delta_log/``,
partitioned by ``part_engagement`` and ``part_month``. The partition columns are
copies (of ``engagement_id`` and the month of the table's time column) because Delta
keeps partition values out of the data files: ours keep every canonical column, so a
snapshot's file list reads the same through any Parquet reader (DuckDB, Spark,
pyarrow) as through a Delta reader.

A commit is the only way rows become visible: files written beside the log are
invisible until a commit adds them, and a process killed before the commit leaves
the previous version (``fairshore lake vacuum`` deletes the orphans). The log keeps no
column statistics (``delta.dataSkippingNumIndexedCols = 0``): a customer reference
must never hide in min/max values that an erasure cannot reach.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from deltalake import CommitProperties, DeltaTable, Transaction, write_deltalake
from deltalake.transaction import AddAction, RemoveAction

from fairshore.adapters.lake.store import LakeRoot, storage_options, table_uri
from fairshore.interactions.schema import TABLES

PARTITIONS = ["part_engagement", "part_month"]
CONFIGURATION: dict[str, str | None] = {
    # no min/max statistics: references stay out of the log (erasure reaches the files)
    "delta.dataSkippingNumIndexedCols": "0",
}
BATCH_KEY = "fairshore.batch"
OPERATION_KEY = "fairshore.operation"
ROWS_KEY = "fairshore.rows"
LAKE_VERSION_KEY = "fairshore.lake_version"


@dataclass(frozen=True)
class StagedFile:
    """A Parquet file written beside a table's log, not yet committed."""

    path: Path
    month: str
    rows: int


def is_table(root: LakeRoot, table: str) -> bool:
    return DeltaTable.is_deltatable(table_uri(root, table), storage_options(root))


def open_table(root: LakeRoot, table: str, version: int | None = None) -> DeltaTable | None:
    """The table at ``version`` (latest when None), or None before its first commit."""
    if not is_table(root, table):
        return None
    return DeltaTable(
        table_uri(root, table), version=version, storage_options=storage_options(root)
    )


def with_partitions(schema: pa.Schema) -> pa.Schema:
    """A table's Delta schema: its columns plus the two partition columns."""
    out = schema
    for name in PARTITIONS:
        if name not in out.names:
            out = out.append(pa.field(name, pa.string()))
    return out


def ensure_table(root: LakeRoot, table: str, schema: pa.Schema) -> DeltaTable:
    """The table, created on first use; columns the schema adds (an engagement's segment
    columns) are added to it (a metadata-only commit)."""
    uri, options = table_uri(root, table), storage_options(root)
    full = with_partitions(schema)
    if not DeltaTable.is_deltatable(uri, options):
        if isinstance(root, Path):
            (root / table).mkdir(parents=True, exist_ok=True)
        return DeltaTable.create(
            uri,
            full,
            mode="ignore",
            partition_by=PARTITIONS,
            configuration=CONFIGURATION,
            storage_options=options,
        )
    dt = DeltaTable(uri, storage_options=options)
    held = set(pa.schema(dt.schema().to_arrow()).names)
    missing = [f for f in full if f.name not in held]
    if missing:
        from deltalake.schema import Field, PrimitiveType

        # a canonical column added in a later version keeps its type; segments are strings
        dt.alter.add_columns(
            [
                Field(f.name, PrimitiveType(_DELTA_TYPES.get(str(f.type), "string")), nullable=True)
                for f in missing
            ]
        )
        dt = DeltaTable(uri, storage_options=options)
    return dt


_DELTA_TYPES = {
    "double": "double",
    "int64": "long",
    "bool": "boolean",
    "date32[day]": "date",
    "timestamp[us, tz=UTC]": "timestamp",
}


def current_lake_version(root: LakeRoot) -> int:
    """The lake's latest version: the highest number any table's commits carry (0 before
    the first commit); see :mod:`fairshore.adapters.lake.history`."""
    latest = 0
    for table in TABLES:
        dt = open_table(root, table)
        for entry in dt.history(5) if dt is not None else []:
            if entry.get(LAKE_VERSION_KEY):
                latest = max(latest, int(entry[LAKE_VERSION_KEY]))
                break
    return latest


def commit_properties(root: LakeRoot, batch_id: str, operation: str, rows: int) -> CommitProperties:
    """Commit metadata naming the batch and the next lake version; the batch id is also
    a Delta application transaction, so whether a batch was committed is read back from
    the log."""
    metadata = {
        BATCH_KEY: batch_id,
        OPERATION_KEY: operation,
        ROWS_KEY: str(rows),
        LAKE_VERSION_KEY: str(current_lake_version(root) + 1),
    }
    return CommitProperties(
        custom_metadata=metadata,
        app_transactions=[Transaction(app_id=batch_id, version=1)],
    )


def add_files(
    dt: DeltaTable,
    files: list[StagedFile],
    *,
    root: LakeRoot,
    engagement_id: str,
    batch_id: str,
    operation: str = "ingest",
) -> int:
    """Commit staged files as one append; returns the new table version.

    On this machine the files were written beside the table's log and are added where
    they are; for an object store they are uploaded (then deleted) by the commit."""
    if not isinstance(root, Path):
        return _upload_files(dt, files, root=root, engagement_id=engagement_id, batch_id=batch_id)
    base = Path(dt.table_uri.removeprefix("file://"))
    if not base.is_absolute():
        base = root / base
    actions: list[AddAction | RemoveAction] = []
    for staged in files:
        stat = staged.path.stat()
        actions.append(
            AddAction(
                staged.path.resolve().relative_to(base.resolve()).as_posix(),
                stat.st_size,
                {"part_engagement": engagement_id, "part_month": staged.month},
                int(stat.st_mtime * 1000),
                True,
                json.dumps({"numRecords": staged.rows}),
            )
        )
    rows = sum(f.rows for f in files)
    dt.create_write_transaction(
        actions,
        mode="append",
        schema=dt.schema(),
        partition_by=PARTITIONS,
        commit_properties=commit_properties(root, batch_id, operation, rows),
    )
    dt.update_incremental()
    return dt.version()


def _upload_files(
    dt: DeltaTable, files: list[StagedFile], *, root: LakeRoot, engagement_id: str, batch_id: str
) -> int:
    """One append commit of staged files to a table in an object store."""
    target = pa.schema(dt.schema().to_arrow())

    def batches() -> Any:
        for staged in files:
            for batch in pq.ParquetFile(staged.path).iter_batches(batch_size=65_536):
                n = batch.num_rows
                parts = {"part_engagement": engagement_id, "part_month": staged.month}
                columns = {
                    f.name: (
                        pa.repeat(pa.scalar(parts[f.name]), n)
                        if f.name in parts
                        else batch.column(f.name)
                        if f.name in batch.schema.names
                        else pa.nulls(n, f.type)
                    )
                    for f in target
                }
                yield pa.RecordBatch.from_pydict(columns).cast(target)

    rows = sum(f.rows for f in files)
    write_deltalake(
        dt,
        pa.RecordBatchReader.from_batches(target, batches()),
        mode="append",
        partition_by=PARTITIONS,
        commit_properties=commit_properties(root, batch_id, "ingest", rows),
    )
    for staged in files:
        staged.path.unlink(missing_ok=True)
    dt.update_incremental()
    return dt.version()


def merge_rows(
    dt: DeltaTable,
    source: Any,
    *,
    root: LakeRoot,
    key: list[str],
    engagement_id: str,
    batch_id: str,
    rows: int,
    withdraw_column: str | None = None,
) -> int:
    """Insert new keys and replace existing ones in one commit; the new version.

    With ``withdraw_column``, source rows where it is true delete the row of their key
    instead (a withdrawal carries only the key), in the same commit.
    """
    quoted = engagement_id.replace("'", "''")
    on = " AND ".join(f"t.{k} = s.{k}" for k in key)
    merger = dt.merge(
        source,
        f"t.part_engagement = '{quoted}' AND {on}",
        source_alias="s",
        target_alias="t",
        merge_schema=withdraw_column is None,
        commit_properties=commit_properties(root, batch_id, "ingest", rows),
    )
    if withdraw_column is None:
        merger = merger.when_matched_update_all().when_not_matched_insert_all()
    else:
        given = set(source.schema.names)
        columns = [n for n in pa.schema(dt.schema().to_arrow()).names if n in given]
        values = {f"`{n}`": f"s.`{n}`" for n in columns}
        live = f"NOT s.{withdraw_column}"
        merger = (
            merger.when_matched_delete(predicate=f"s.{withdraw_column}")
            .when_matched_update(values, predicate=live)
            .when_not_matched_insert(values, predicate=live)
        )
    merger.execute()
    dt.update_incremental()
    return dt.version()


def committed(root: LakeRoot, table: str, batch_id: str) -> bool:
    """Whether a commit of ``batch_id`` is in the table's log."""
    dt = open_table(root, table)
    return dt is not None and dt.transaction_version(batch_id) is not None


def files(dt: DeltaTable, engagement_id: str | None = None) -> list[str]:
    """The data files of the table's snapshot (one engagement, or all)."""
    if engagement_id is None:
        return sorted(dt.file_uris())
    quoted = engagement_id.replace("'", "''")
    return sorted(dt.file_uris(file_pruning_predicate=f"part_engagement = '{quoted}'"))


def dataset(dt: DeltaTable, engagement_id: str | None = None) -> Any:
    """The snapshot's rows (one engagement, or all) as a lazy Arrow dataset, read through
    delta-rs' file system (a folder or an object store alike)."""
    if engagement_id is None:
        return dt.to_pyarrow_dataset()
    quoted = engagement_id.replace("'", "''")
    return dt.to_pyarrow_dataset(file_pruning_predicate=f"part_engagement = '{quoted}'")


def months(dt: DeltaTable, engagement_id: str | None = None) -> list[str]:
    """The month partitions (``YYYY-MM``) holding rows in the snapshot."""
    actions = pa.table(dt.get_add_actions(flatten=True))
    found = set()
    for eng, month in zip(
        actions.column("partition.part_engagement").to_pylist(),
        actions.column("partition.part_month").to_pylist(),
        strict=True,
    ):
        if engagement_id is None or eng == engagement_id:
            found.add(str(month))
    return sorted(found)


def count_rows(paths: list[str]) -> int:
    """Rows in Parquet files, from their footers."""
    return sum(pq.ParquetFile(p).metadata.num_rows for p in paths)


def optimize(root: LakeRoot, table: str) -> dict[str, int]:
    """Compact the small files of each partition of a table into larger ones (one
    commit; the data is unchanged, the old files go at the next vacuum)."""
    dt = open_table(root, table)
    if dt is None:
        return {"files_added": 0, "files_removed": 0}
    props = CommitProperties(
        custom_metadata={
            OPERATION_KEY: "optimize",
            LAKE_VERSION_KEY: str(current_lake_version(root) + 1),
        }
    )
    metrics = dt.optimize.compact(max_concurrent_tasks=2, commit_properties=props)
    return {
        "files_added": int(metrics.get("numFilesAdded", 0)),
        "files_removed": int(metrics.get("numFilesRemoved", 0)),
    }


def retract_keys(
    root: LakeRoot,
    table: str,
    *,
    key: list[str],
    keys: list[tuple[str, ...]],
    engagement_id: str,
    batch_id: str,
) -> tuple[int, int | None]:
    """Delete the rows with these keys (text values) from one engagement of a table in
    one commit; the rows deleted and the new table version (None: nothing deleted)."""
    dt = open_table(root, table)
    if dt is None or not keys:
        return 0, None

    def literal(value: str) -> str:
        return "'" + value.replace("'", "''") + "'"

    if len(key) == 1:
        where = f"{key[0]} IN ({', '.join(literal(k[0]) for k in keys)})"
    else:
        where = " OR ".join(
            "("
            + " AND ".join(
                f"CAST({c} AS STRING) = {literal(v)}" for c, v in zip(key, k, strict=True)
            )
            + ")"
            for k in keys
        )
    quoted = engagement_id.replace("'", "''")
    metrics = dt.delete(
        f"part_engagement = '{quoted}' AND ({where})",
        commit_properties=commit_properties(root, batch_id, "retract", len(keys)),
    )
    deleted = int(metrics.get("num_deleted_rows", 0))
    if deleted == 0:
        return 0, None
    dt.update_incremental()
    return deleted, dt.version()
