"""Ingest benchmark: N canonical interaction rows from CSV into the lake, against DuckDB
copying the same CSV straight to Parquet with no validation (same run); then a merge of
M rows, half of them new versions of rows in the lake, against ingesting the same M
rows as new into an empty lake (same run).

``FAIRSHORE_BENCH_ROWS`` sets N (default 10,000,000), ``FAIRSHORE_BENCH_MERGE_ROWS``
sets M (default N / 10). Prints the times, the ratios (goals <= 2x) and the peak memory
of each ingest (goal < 2 GB).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

ROWS = int(os.environ.get("FAIRSHORE_BENCH_ROWS", "10000000"))
MERGE_ROWS = int(os.environ.get("FAIRSHORE_BENCH_MERGE_ROWS", str(ROWS // 10)))
BLOCK = 1_000_000


def write_csv(path: Path, rows: int, *, ranges: list[tuple[int, int]] | None = None) -> None:
    """A realistic canonical interactions CSV (voice, chat, email; a few bad rows) with
    ids ``[first, first + n)`` per range (default one range of ``rows``)."""
    rng = np.random.default_rng(7 if ranges is None else 8)
    start = np.datetime64("2025-11-01T00:00:00", "s")
    blocks = [
        (a, min(BLOCK, first + n - a))
        for first, n in (ranges or [(0, rows)])
        for a in range(first, first + n, BLOCK)
    ]
    with pacsv.CSVWriter(path, _schema()) as out:
        for first, n in blocks:
            ids = np.arange(first, first + n)
            arrived = start + rng.integers(0, 365 * 86400, n).astype("timedelta64[s]")
            wait = rng.exponential(40, n).astype("int64").astype("timedelta64[s]")
            handle = rng.gamma(4, 90, n).round(1)
            answered = arrived + wait
            csat = rng.integers(1, 6, n).astype(float)
            csat[rng.random(n) < 0.0005] = 9  # a few out of range
            table = pa.table(
                {
                    "interaction_id": pa.array(np.char.add("i", ids.astype(str))),
                    "channel": pa.array(np.array(["voice", "chat", "email"])[ids % 3]),
                    "queue": pa.array(np.array(["billing", "tech", "sales"])[ids % 3]),
                    "language": pa.array(np.array(["en", "es", "de", "pl"])[ids % 4]),
                    "agent_ref": pa.array(np.char.add("a", (ids % 900).astype(str))),
                    "arrived_at": pa.array(arrived.astype(str)),
                    "answered_at": pa.array(answered.astype(str)),
                    "ended_at": pa.array((answered + handle.astype("timedelta64[s]")).astype(str)),
                    "handle_seconds": pa.array(handle),
                    "csat": pa.array(csat),
                    "seg_region": pa.array(np.array(["north", "south"])[ids % 2]),
                    "seg_tier": pa.array(np.array(["standard", "premium"])[(ids // 7) % 2]),
                }
            )
            out.write_table(table.cast(_schema()))


def _schema() -> pa.Schema:
    names = [
        "interaction_id",
        "channel",
        "queue",
        "language",
        "agent_ref",
        "arrived_at",
        "answered_at",
        "ended_at",
        "handle_seconds",
        "csat",
        "seg_region",
        "seg_tier",
    ]
    types = {"handle_seconds": pa.float64(), "csat": pa.float64()}
    return pa.schema([(n, types.get(n, pa.string())) for n in names])


INGEST = """
import resource, sys, time
from pathlib import Path
from fairshore.bootstrap import init_workspace
from fairshore.config import load_settings
from fairshore.engagements import services as e
from fairshore.interactions.services import ingest_files
ws = init_workspace(load_settings(home=Path(sys.argv[1]), ingest_max_bytes=2**40))
if not e.list_vendors(ws):
    e.add_vendor(ws, id="v", name="V")
    e.add_engagement(ws, id="bench", vendor_id="v", name="B", timezone="Europe/Warsaw",
                     channels=["voice", "chat", "email"], languages=["en"],
                     segment_columns=["seg_region", "seg_tier"])
t = time.perf_counter()
r = ingest_files(ws, table="interactions", paths=[Path(sys.argv[2])], engagement_id="bench")
print(time.perf_counter() - t, r.rows_accepted, r.rows_quarantined,
      resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, r.rows_updated, r.rows_inserted)
"""


def ingest(home: Path, data: Path) -> list[float]:
    """Ingest ``data`` into the workspace at ``home`` in a fresh process: seconds,
    accepted, quarantined, peak RSS (kB), updated, inserted."""
    done = subprocess.run(
        [sys.executable, "-c", INGEST, str(home), str(data)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"ingest failed ({done.returncode}): {done.stderr[-3000:]}")
    return [float(v) for v in done.stdout.split()]


def bench_merge(folder: Path) -> None:
    """M rows, half new versions of lake rows, into the N-row lake vs into an empty one."""
    half = MERGE_ROWS // 2
    data = folder / "merge.csv"
    write_csv(data, MERGE_ROWS, ranges=[(0, half), (ROWS, MERGE_ROWS - half)])
    merged = ingest(folder / "ws", data)
    fresh = ingest(folder / "fresh", data)
    print(
        f"merge {MERGE_ROWS:,} rows into {ROWS:,}: {merged[0]:.2f} s "
        f"({merged[4]:,.0f} updated, {merged[5]:,.0f} inserted), peak {merged[3] / 1024:,.0f} MB"
    )
    print(f"the same rows as new into an empty lake: {fresh[0]:.2f} s")
    print(f"merge ratio: {merged[0] / fresh[0]:.2f}x (goal <= 2x)")
    print(f"peak memory of the merge process: {merged[3] / 1024:,.0f} MB (goal < 2048 MB)")


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="fairshore-bench-"))
    try:
        data = folder / "interactions.csv"
        write_csv(data, ROWS)
        size = data.stat().st_size
        t = time.perf_counter()
        con = duckdb.connect()
        con.execute(
            f"COPY (SELECT * FROM read_csv('{data}', header=true)) TO "
            f"'{folder / 'duck.parquet'}' (FORMAT parquet, COMPRESSION zstd)"
        )
        con.close()
        duck = time.perf_counter() - t
        ours, accepted, quarantined, peak_kb = ingest(folder / "ws", data)[:4]
        print(f"rows: {ROWS:,} ({size / 1e6:,.0f} MB of CSV)")
        print(f"duckdb CSV -> Parquet, no validation: {duck:.2f} s")
        print(
            f"fairshore ingest (validated, lake, quarantine): {ours:.2f} s "
            f"({accepted:,.0f} accepted, {quarantined:,.0f} quarantined)"
        )
        print(f"ratio: {ours / duck:.2f}x (goal <= 2x)")
        print(f"peak memory of the ingest process: {peak_kb / 1024:,.0f} MB (goal < 2048 MB)")
        bench_merge(folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
