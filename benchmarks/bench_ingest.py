"""Ingest benchmark: N canonical interaction rows from CSV into the lake, against DuckDB
copying the same CSV straight to Parquet with no validation (same run).

``FAIRSHORE_BENCH_ROWS`` sets N (default 10,000,000). Prints both times, the ratio
(goal <= 2x) and the peak memory of the ingest (goal < 2 GB).
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
BLOCK = 1_000_000


def write_csv(path: Path, rows: int) -> None:
    """A realistic canonical interactions CSV (voice, chat, email; a few bad rows)."""
    rng = np.random.default_rng(7)
    start = np.datetime64("2025-11-01T00:00:00", "s")
    with pacsv.CSVWriter(path, _schema()) as out:
        for first in range(0, rows, BLOCK):
            n = min(BLOCK, rows - first)
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
e.add_vendor(ws, id="v", name="V")
e.add_engagement(ws, id="bench", vendor_id="v", name="B", timezone="Europe/Warsaw",
                 channels=["voice", "chat", "email"], languages=["en"],
                 segment_columns=["seg_region", "seg_tier"])
t = time.perf_counter()
r = ingest_files(ws, table="interactions", paths=[Path(sys.argv[2])], engagement_id="bench")
print(time.perf_counter() - t, r.rows_accepted, r.rows_quarantined,
      resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


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
        out = subprocess.run(
            [sys.executable, "-c", INGEST, str(folder / "ws"), str(data)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        ours, accepted, quarantined, peak_kb = float(out[0]), int(out[1]), int(out[2]), int(out[3])
        print(f"rows: {ROWS:,} ({size / 1e6:,.0f} MB of CSV)")
        print(f"duckdb CSV -> Parquet, no validation: {duck:.2f} s")
        print(
            f"fairshore ingest (validated, lake, quarantine): {ours:.2f} s "
            f"({accepted:,} accepted, {quarantined:,} quarantined)"
        )
        print(f"ratio: {ours / duck:.2f}x (goal <= 2x)")
        print(f"peak memory of the ingest process: {peak_kb / 1024:,.0f} MB (goal < 2048 MB)")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
