"""Publishing a batch's changes to a lake on this machine: copy-on-write by DuckDB.

A Delta MERGE through delta-rs joined the batch with every file of the engagement and
rewrote them through DataFusion: five times the time of ingesting the same rows as new
(``benchmarks/bench_ingest.py``), and out of memory at ten million rows. The batch's
rows are already classified (:mod:`.versions`), so the changes are known: the held
files holding a replaced or withdrawn key are rewritten without those rows (one
parallel DuckDB COPY, a folder per file, moved beside the file it replaces), the new
and updated rows are written per month, and one Delta commit removes the old files
and adds the new ones (a file whose every row was replaced is only removed). Files
are written beside the log and are invisible until that commit; a process killed
before it leaves the previous version (``fairshore lake vacuum`` deletes the orphans).
"""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
from deltalake import DeltaTable
from deltalake.transaction import AddAction, RemoveAction

from fairshore.adapters.lake import delta
from fairshore.adapters.lake.delta import StagedFile

PARQUET = "(FORMAT parquet, COMPRESSION zstd)"


def publish_changes(
    dt: DeltaTable,
    con: duckdb.DuckDBPyConnection,
    *,
    root: Path,
    key: list[str],
    time_column: str,
    engagement_id: str,
    batch_id: str,
    staged: list[StagedFile],
    rows: int,
    withdrawals: bool,
) -> int:
    """One commit of the classified batch (``versions``, ``gone`` and ``held`` in
    ``con``): rewritten held files, new rows per month; the new table version."""
    base = Path(dt.table_uri.removeprefix("file://"))
    base = (base if base.is_absolute() else root / base).resolve()
    cols = ", ".join(f'"{k}"' for k in key)
    sources = [f"SELECT {cols} FROM versions WHERE _outcome = 'updated'"] if staged else []
    if withdrawals:
        sources.append(f"SELECT {cols} FROM gone")
    # the held rows that go, by file (``hits``: the held rows holding a batch key), so
    # rewriting a file anti-joins its own few keys, not every replaced key of the batch
    con.execute(
        f"""CREATE TEMP TABLE doomed AS SELECT filename, {cols} FROM hits
            SEMI JOIN ({" UNION ALL ".join(sources)}) r USING ({cols}) ORDER BY filename"""
    )
    found = [
        str(n) for (n,) in con.execute("SELECT DISTINCT filename FROM doomed ORDER BY 1").fetchall()
    ]
    partitions = _partitions(dt)
    actions: list[AddAction | RemoveAction] = []
    now = int(time.time() * 1000)
    for name in found:
        old = Path(name)
        rel = _relative(old, base)
        actions.append(RemoveAction(rel, True, now, old.stat().st_size, partitions[rel]))
    for number, new, kept in _rewrite(con, found, key, base / f"{batch_id}-rewrite"):
        old = Path(found[number])
        moved = new.replace(old.parent / f"{batch_id}-{number:04d}-{new.stem}.parquet")
        actions.append(_add(moved, base, partitions[_relative(old, base)], kept))
    shutil.rmtree(base / f"{batch_id}-rewrite", ignore_errors=True)
    actions.extend(
        _new_rows(con, staged, base, key=key, time_column=time_column, engagement=engagement_id)
    )
    dt.create_write_transaction(
        actions,
        mode="append",
        schema=dt.schema(),
        partition_by=delta.PARTITIONS,
        commit_properties=delta.commit_properties(root, batch_id, "ingest", rows),
    )
    dt.update_incremental()
    return dt.version()


def _new_rows(
    con: duckdb.DuckDBPyConnection,
    staged: list[StagedFile],
    base: Path,
    *,
    key: list[str],
    time_column: str,
    engagement: str,
) -> list[AddAction]:
    """The batch's inserted and updated rows, per month: the staged files as they are
    when every row of the month is one, else one file of those rows (the staged files
    of the month go once every month is written: the rows are read from them)."""
    if not staged:
        return []
    ((kept,),) = con.execute(
        "SELECT count(*) FROM versions WHERE _outcome NOT IN ('inserted', 'updated')"
    ).fetchall()
    if kept == 0:  # every row is new or newer: the staged files are committed as they are
        return [_add(f.path, base, _parts(engagement, f.month), f.rows) for f in staged]
    changed = dict(
        con.execute(
            f"""SELECT strftime("{time_column}", '%Y-%m'), count(*) FROM versions
                WHERE _outcome IN ('inserted', 'updated') GROUP BY 1"""
        ).fetchall()
    )
    out: list[AddAction] = []
    dropped: list[Path] = []
    for month in sorted({f.month for f in staged}):
        files = [f for f in staged if f.month == month]
        parts = _parts(engagement, month)
        rows = int(changed.get(month, 0))
        if rows == sum(f.rows for f in files):
            out.extend(_add(f.path, base, parts, f.rows) for f in files)
            continue
        dropped.extend(f.path for f in files)
        if rows:
            target = files[0].path.with_name(f"{files[0].path.stem}-changed.parquet")
            query = changed_rows(key, f"""strftime("{time_column}", '%Y-%m') = {_literal(month)}""")
            out.append(_add(target, base, parts, _copy(con, query, target)))
    for path in dropped:
        path.unlink(missing_ok=True)
    return out


def _parts(engagement: str, month: str) -> dict[str, str | None]:
    return {"part_engagement": engagement, "part_month": month}


def changed_rows(key: list[str], where: str = "TRUE") -> str:
    """A query of the staged rows (every column) that are inserted or updated, of the
    ``versions`` rows ``where`` holds."""
    cols = ", ".join(f'"{k}"' for k in key)
    return f"""SELECT * FROM staged_rows SEMI JOIN (SELECT {cols} FROM versions
               WHERE _outcome IN ('inserted', 'updated') AND ({where})) v USING ({cols})"""


def _rewrite(
    con: duckdb.DuckDBPyConnection, found: list[str], key: list[str], folder: Path
) -> list[tuple[int, Path, int]]:
    """The held files ``found`` without their ``doomed`` rows, written by one parallel
    COPY into ``folder`` (a folder per file): (file number, new file, rows) for each file
    written; a file whose every row went has none."""
    if not found:
        return []
    shutil.rmtree(folder, ignore_errors=True)  # left by a process killed here
    cols = ", ".join(f'"{k}"' for k in key)
    con.register("rewritten", pa.table({"filename": found, "rewrite_file": range(len(found))}))
    con.execute(
        f"""COPY (SELECT h.* EXCLUDE (filename), r.rewrite_file
                  FROM read_parquet($found, filename = true, union_by_name = true,
                                    hive_partitioning = false) h
                  JOIN rewritten r USING (filename)
                  ANTI JOIN doomed d USING (filename, {cols}))
            TO {_literal(str(folder))}
            (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (rewrite_file))""",
        {"found": found},
    )
    return [
        (
            int(path.parent.name.removeprefix("rewrite_file=")),
            path,
            pq.ParquetFile(path).metadata.num_rows,
        )
        for path in sorted(folder.glob("rewrite_file=*/*.parquet"))
    ]


def _copy(con: duckdb.DuckDBPyConnection, query: str, target: Path) -> int:
    """Write a query's rows to a Parquet file; how many (0: the file is not kept)."""
    ((count,),) = con.execute(f"COPY ({query}) TO {_literal(str(target))} {PARQUET}").fetchall()
    return int(count)


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _partitions(dt: DeltaTable) -> dict[str, dict[str, str | None]]:
    """Each file of the snapshot (its path in the log) and its partition values."""
    actions = pa.table(dt.get_add_actions(flatten=True))
    names = [n for n in actions.column_names if n.startswith("partition.")]
    values = {n: actions.column(n).to_pylist() for n in names}
    return {
        path: {n.removeprefix("partition."): values[n][i] for n in names}
        for i, path in enumerate(actions.column("path").to_pylist())
    }


def _relative(path: Path, base: Path) -> str:
    return path.resolve().relative_to(base).as_posix()


def _add(path: Path, base: Path, parts: dict[str, str | None], rows: int) -> AddAction:
    stat = path.stat()
    return AddAction(
        _relative(path, base),
        stat.st_size,
        parts,
        int(stat.st_mtime * 1000),
        True,
        json.dumps({"numRecords": rows}),
    )
