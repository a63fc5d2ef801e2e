"""Demo generator throughput (interactions/s) against writing random rows with pyarrow.

``FAIRSHORE_BENCH_SCALE`` (default 2.0: about two million contacts) sets the size.
The baseline writes the same number of rows, with as many columns as a canonical
interactions file, of random numbers to CSV with pyarrow in 200,000-row chunks: the
cost of the I/O alone, with no queueing, rosters or vendor formats.
"""

from __future__ import annotations

import os
import resource
import tempfile
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

from fairshore.demo.generate import generate

COLUMNS = 26
CHUNK = 200_000


def _baseline(rows: int, out: Path) -> float:
    rng = np.random.default_rng(0)
    began = time.perf_counter()
    writer = None
    for start in range(0, rows, CHUNK):
        n = min(CHUNK, rows - start)
        table = pa.table({f"c{i}": rng.random(n) for i in range(COLUMNS)})
        if writer is None:
            writer = pacsv.CSVWriter(out, table.schema)
        writer.write_table(table)
    if writer is not None:
        writer.close()
    return time.perf_counter() - began


def main() -> None:
    scale = float(os.environ.get("FAIRSHORE_BENCH_SCALE", "2.0"))
    with tempfile.TemporaryDirectory() as tmp:
        began = time.perf_counter()
        result = generate(Path(tmp) / "demo", scale=scale, seed=7)
        seconds = time.perf_counter() - began
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        size_mb = sum(p.stat().st_size for p in (Path(tmp) / "demo").rglob("*") if p.is_file())
        baseline = _baseline(result.interactions, Path(tmp) / "baseline.csv")
    rate = result.interactions / seconds
    print(f"scale {scale:g}: {result.interactions:,} interactions in {seconds:.1f} s "
          f"= {rate:,.0f} interactions/s; {size_mb / 1e6:,.0f} MB written")  # fmt: skip
    print(f"baseline (pyarrow CSV of {COLUMNS} random columns, same rows): {baseline:.1f} s "
          f"= {result.interactions / baseline:,.0f} rows/s")  # fmt: skip
    print(f"ratio generator time / baseline time: {seconds / baseline:.1f}x")
    print(f"peak RSS (generator): {peak_mb:,.0f} MB")


if __name__ == "__main__":
    main()
