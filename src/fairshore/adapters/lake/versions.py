"""Publishing a batch: new rows, newer versions of rows, and the rest, in one commit.

A row whose key is not in the engagement's snapshot is ``inserted``. One whose key is
there replaces the held row when it is newer: by the source's ``updated_at`` when
both carry it, else by batch order (this batch is the newer). A row older than the
held one is ``stale`` and one equal to it is ``unchanged``: neither changes the lake.
A row the source itself marks deleted withdraws its key: ``retracted`` when the
snapshot holds the key, ``unchanged`` otherwise (the batch carrying the key as a live
row too keeps the row). The classification is one DuckDB join of the staged files with
the snapshot; the changes are one Delta commit (an append of the staged files when
every row is new, a MERGE otherwise, whose deletes are the withdrawals).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import duckdb
import pyarrow as pa
from deltalake import DeltaTable

from fairshore.adapters.lake import delta, rewrite
from fairshore.adapters.lake.delta import StagedFile
from fairshore.adapters.lake.store import LakeRoot

OUTCOMES = ("inserted", "updated", "unchanged", "stale", "retracted")
NOT_COMPARED = {"batch_id", *delta.PARTITIONS}
MEMORY_LIMIT = "512MB"
"""DuckDB's memory for publishing a batch: the process stays under 2 GB (the goal of
``benchmarks/bench_ingest.py``) with the ingest's own buffers beside it."""


class BatchPlan:
    """What publishing a batch will do (``counts``), then the commit that does it.

    Use as a context manager: ``with BatchPlan(...) as plan: ...; plan.commit()``.
    """

    def __init__(
        self,
        root: LakeRoot,
        *,
        table: str,
        key: list[str],
        time_column: str,
        engagement_id: str,
        batch_id: str,
        schema: pa.Schema,
        staged: list[StagedFile],
        withdrawn: pa.Table | None = None,
    ) -> None:
        self.root = root
        self.key = key
        self.time_column = time_column
        self.engagement_id = engagement_id
        self.batch_id = batch_id
        self.staged = staged
        self.counts = dict.fromkeys(OUTCOMES, 0)
        self._con: duckdb.DuckDBPyConnection | None = None
        self._dt: DeltaTable | None = None
        gone = 0 if withdrawn is None else withdrawn.num_rows
        if staged:
            self._dt = delta.ensure_table(root, table, schema)
        elif gone:
            self._dt = delta.open_table(root, table)
        held = [] if self._dt is None else delta.files(self._dt, engagement_id)
        if not held:
            self.counts["inserted"] = sum(f.rows for f in staged)
            self.counts["unchanged"] = gone  # nothing held: withdrawing changes nothing
            return
        self._con = _connect()
        if gone:
            self._con.register("w", withdrawn)
        _register_held(
            self._con,
            self._dt,
            held,
            engagement_id=engagement_id,
            staged=staged,
            key=key,
            withdrawals=gone > 0,
        )
        if staged:
            self.counts = _classify(
                self._con, staged, key=key, schema=schema, time_column=time_column
            )
        self.counts["retracted"] = _withdraw(self._con, withdrawn, key=key, staged=staged)
        self.counts["unchanged"] += gone - self.counts["retracted"]

    def __enter__(self) -> BatchPlan:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    @property
    def appends_only(self) -> bool:
        """Every row is new: the staged files are committed as they are."""
        new = self.counts["inserted"] == sum(f.rows for f in self.staged)
        return bool(self.staged) and new and not self.counts["retracted"]

    def commit(self) -> int | None:
        """One Delta commit of the batch's changes; the new table version (None when the
        batch changes nothing)."""
        if self._dt is None:
            return None
        if self.appends_only:
            return delta.add_files(
                self._dt,
                self.staged,
                root=self.root,
                engagement_id=self.engagement_id,
                batch_id=self.batch_id,
            )
        version = None
        changes = self.counts["inserted"] + self.counts["updated"] + self.counts["retracted"]
        if changes and self._con is not None and isinstance(self.root, Path):
            return rewrite.publish_changes(
                self._dt,
                self._con,
                root=self.root,
                key=self.key,
                time_column=self.time_column,
                engagement_id=self.engagement_id,
                batch_id=self.batch_id,
                staged=self.staged,
                rows=changes,
                withdrawals=self.counts["retracted"] > 0,
            )
        if changes and self._con is not None:
            version = _merge(
                self.root,
                self._con,
                self._dt,
                self.key,
                self.time_column,
                self.engagement_id,
                self.batch_id,
                self.counts,
            )
        for f in self.staged:  # merged rows were written anew: the staged files go
            f.path.unlink(missing_ok=True)
        return version


def _connect() -> duckdb.DuckDBPyConnection:
    """A DuckDB connection for classifying and publishing a batch. It keeps no copy of
    the files it reads (DuckDB's file cache held every key column read, 2.4 GB of a
    10M-row lake) and stays within ``MEMORY_LIMIT`` (spilling a larger join to disk)."""
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    con.execute("SET enable_progress_bar = false")
    con.execute("SET enable_external_file_cache = false")
    con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
    # what spills goes to the system's temporary folder, not the working directory
    spill = Path(tempfile.gettempdir()) / f"fairshore-duckdb-{os.getpid()}"
    con.execute(f"SET temp_directory = '{str(spill).replace(chr(39), chr(39) * 2)}'")
    con.execute("SET preserve_insertion_order = false")  # row order within a file: none
    return con


def _withdraw(
    con: duckdb.DuckDBPyConnection,
    withdrawn: pa.Table | None,
    *,
    key: list[str],
    staged: list[StagedFile],
) -> int:
    """Keep the withdrawn keys the snapshot holds (and the batch carries no live row
    of) as the temporary table ``gone``; how many there are."""
    if withdrawn is None or withdrawn.num_rows == 0:
        return 0
    cols = ", ".join(f'"{k}"' for k in key)
    live = f"SELECT {cols} FROM {'versions' if staged else 'w LIMIT 0'}"
    con.execute(
        f"""
        CREATE TEMP TABLE gone AS
        SELECT DISTINCT {cols} FROM w
        SEMI JOIN held e USING ({cols})
        ANTI JOIN ({live}) l USING ({cols})
        """
    )
    ((found,),) = con.execute("SELECT count(*) FROM gone").fetchall()
    return int(found)


def _register_held(
    con: duckdb.DuckDBPyConnection,
    dt: DeltaTable | None,
    held: list[str],
    *,
    engagement_id: str,
    staged: list[StagedFile],
    key: list[str],
    withdrawals: bool = False,
) -> None:
    """The engagement's rows in the snapshot as the view ``held``: DuckDB reads the files
    of a lake on this machine itself; an object store's through delta-rs' Arrow dataset
    (DuckDB's own S3 reader is an extension it would download).

    On this machine ``held`` reads only the files holding one of the batch's keys (found
    from the key column alone), so comparing versions reads their other columns from a
    few files rather than the whole engagement; withdrawn keys (view ``w``) count too.
    """
    local = [f for f in held if "://" not in f or f.startswith("file://")]
    if len(local) == len(held):
        paths = [f.removeprefix("file://") for f in held]
        # union_by_name reads every footer: DuckDB then knows the rows held and builds
        # the join's hash table on the batch's keys (with the first file's footer only it
        # built it on every held key: 2.4 GB and four times slower at 10M rows)
        rel = con.read_parquet(paths, union_by_name=True, hive_partitioning=False, filename=True)
        rel.create_view("held_all")
        cols = ", ".join(f'"{k}"' for k in key)
        batch = [f"SELECT {cols} FROM w"] if withdrawals else []
        if staged:
            rows = con.read_parquet(
                [str(f.path) for f in staged], union_by_name=True, hive_partitioning=False
            )
            rows.create_view("staged_rows")
            batch.append(f"SELECT {cols} FROM staged_rows")
        # one pass over the key column keeps the held rows of the batch's keys by file
        # (``hits``): the files to read, and later to rewrite (:mod:`.rewrite`)
        con.execute(
            f"CREATE TEMP TABLE hits AS SELECT filename, {cols} FROM held_all SEMI JOIN "
            f"({' UNION ALL '.join(batch) or f'SELECT {cols} FROM held_all LIMIT 0'}) k "
            f"USING ({cols})"
        )
        touched = [
            str(name) for (name,) in con.execute("SELECT DISTINCT filename FROM hits").fetchall()
        ]
        if touched:
            con.read_parquet(
                touched, union_by_name=True, hive_partitioning=False, filename=True
            ).create_view("held")
        else:
            con.execute("CREATE VIEW held AS SELECT * FROM held_all LIMIT 0")
        return
    assert dt is not None
    con.register("held", delta.dataset(dt, engagement_id))


def _classify(
    con: duckdb.DuckDBPyConnection,
    staged: list[StagedFile],
    *,
    key: list[str],
    schema: pa.Schema,
    time_column: str | None = None,
) -> dict[str, int]:
    """Each staged row's outcome as the temporary table ``versions`` (its key, time and
    ``_outcome``; its other columns stay in the staged files, view ``staged_rows``)."""
    con.read_parquet(
        [str(f.path) for f in staged], union_by_name=True, hive_partitioning=False
    ).create_view("staged_rows", replace=True)
    old_cols = set(con.table("held").columns)
    compared = [n for n in schema.names if n in old_cols and n not in NOT_COMPARED and n not in key]
    on = " AND ".join(f's."{k}" = e."{k}"' for k in key)
    same = " AND ".join(f's."{c}" IS NOT DISTINCT FROM e."{c}"' for c in compared) or "TRUE"
    newer_held = "s.updated_at < e.updated_at" if "updated_at" in old_cols else "FALSE"
    held_cols = ", ".join(f'"{c}"' for c in dict.fromkeys([*key, *compared]))
    kept = ", ".join(
        f's."{c}"' for c in dict.fromkeys([*key, *([time_column] if time_column else [])])
    )
    con.execute(
        f"""
        CREATE TEMP TABLE versions AS
        SELECT {kept}, CASE
            WHEN e._held IS NULL THEN 'inserted'
            WHEN {newer_held} THEN 'stale'
            WHEN {same} THEN 'unchanged'
            ELSE 'updated' END AS _outcome
        FROM staged_rows s
        LEFT JOIN (SELECT {held_cols}, TRUE AS _held FROM held) e ON {on}
        """
    )
    found = dict(con.execute("SELECT _outcome, count(*) FROM versions GROUP BY 1").fetchall())
    return {name: int(found.get(name, 0)) for name in OUTCOMES}


def _merge(
    root: LakeRoot,
    con: duckdb.DuckDBPyConnection,
    dt: DeltaTable,
    key: list[str],
    time_column: str,
    engagement_id: str,
    batch_id: str,
    counts: dict[str, int],
) -> int:
    quoted = engagement_id.replace("'", "''")
    withdrawals = counts["retracted"] > 0
    flag = ", FALSE AS _withdraw" if withdrawals else ""
    upserts = (
        f"""
        SELECT *, '{quoted}' AS part_engagement,
               strftime("{time_column}", '%Y-%m') AS part_month{flag}
        FROM ({rewrite.changed_rows(key)})
        """
        if counts["inserted"] + counts["updated"]
        else None
    )
    gone = f"SELECT *, '{quoted}' AS part_engagement, TRUE AS _withdraw FROM gone"
    query = " UNION ALL BY NAME ".join(
        q for q in (upserts, gone if withdrawals else None) if q is not None
    )
    return delta.merge_rows(
        dt,
        con.sql(query).to_arrow_reader(),
        root=root,
        key=key,
        engagement_id=engagement_id,
        batch_id=batch_id,
        rows=counts["inserted"] + counts["updated"] + counts["retracted"],
        withdraw_column="_withdraw" if withdrawals else None,
    )


def resend_outcomes(
    root: LakeRoot,
    *,
    table: str,
    key: list[str],
    engagement_id: str,
    schema: pa.Schema,
    staged: list[StagedFile],
) -> dict[str, int]:
    """The outcomes of a published batch's rows read again (nothing is committed): a row
    the snapshot holds as it is is ``unchanged``, any other ``stale`` (the lake holds a
    later version, or a retraction withdrew it)."""
    counts = dict.fromkeys(OUTCOMES, 0)
    total = sum(f.rows for f in staged)
    dt = delta.open_table(root, table)
    held = [] if dt is None or not staged else delta.files(dt, engagement_id)
    if held:
        with _connect() as con:
            _register_held(con, dt, held, engagement_id=engagement_id, staged=staged, key=key)
            counts["unchanged"] = _classify(con, staged, key=key, schema=schema)["unchanged"]
    counts["stale"] = total - counts["unchanged"]
    return counts
