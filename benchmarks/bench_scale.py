"""Scaling of the KPI cube (engagement x month x channel) with the number of interactions.

Sizes in millions from ``FAIRSHORE_BENCH_SIZES`` (default ``1,5,20``) on DuckDB and
``FAIRSHORE_BENCH_SPARK_SIZES`` (default ``1,5``) on Spark ``local[2]``. The lake is the
synthetic one of ``bench_kpis`` (its writer, imported), written once per size; each run
is its own process, so its peak memory (Python, plus Spark's JVM) is its own. Spark's
start-up (JVM, session: seconds, once per process) is timed apart from the query; the
driver (the executor too, in local mode) gets ``FAIRSHORE_SPARK_DRIVER_MEMORY`` (here
6g by default: exact percentiles hold each group's values in the JVM).
Baseline: the smallest size on the same engine. Growth per doubling =
(t_n / t_1) ** (1 / log2(n_n / n_1)); goal: near-linear growth (<= 2.2x per doubling).
"""

from __future__ import annotations

import math
import multiprocessing as mp
import os
import resource
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.bench_kpis import generate

BY = ["engagement", "channel"]
CHECK = ("offered", "answered", "abandoned", "handled")


def _sizes(name: str, default: str) -> list[float]:
    text = os.environ.get(name, default).strip()
    return [float(s) for s in text.split(",") if s.strip()] if text else []


def _jvm_peak_mb() -> float:
    """Peak resident memory of this process's child JVMs (Spark's driver), from /proc."""
    me, total = os.getpid(), 0.0
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in text.splitlines() if ":" in line)
        if int(fields.get("PPid", "0").strip() or 0) == me and "VmHWM" in fields:
            total += int(fields["VmHWM"].split()[0]) / 1024
    return total


def run(root: str, engine: str) -> tuple[float, float, float, dict[str, int]]:
    """(start-up s, query s, peak MB, totals) of the KPI cube on one engine."""
    try:
        return _run(root, engine)
    except Exception as exc:  # an engine's own exception may not pickle back to the parent
        raise RuntimeError(f"{engine}: {type(exc).__name__}: {str(exc)[:500]}") from None


def _run(root: str, engine: str) -> tuple[float, float, float, dict[str, int]]:
    import ibis

    from fairshore.adapters.lake import Lake, SparkOptions
    from fairshore.metrics.kpis import kpi_expression

    began = time.perf_counter()
    # Exact percentiles hold each group's values in the JVM: 1 GB per ~1.5 M interactions.
    memory = os.environ.get("FAIRSHORE_SPARK_DRIVER_MEMORY", "6g")
    lake = Lake(Path(root), engine=engine, spark=SparkOptions(driver_memory=memory))
    lake.con.execute(ibis.memtable({"warm": [1]}).warm.sum())  # engine start-up, apart
    startup = time.perf_counter() - began
    began = time.perf_counter()
    expr = kpi_expression(lake.table("interactions"), by=BY, period="month")
    result = expr.to_pyarrow()
    elapsed = time.perf_counter() - began
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 + _jvm_peak_mb()
    totals = {c: int(sum(v or 0 for v in result.column(c).to_pylist())) for c in CHECK}
    return startup, elapsed, peak, totals


def _in_child(root: Path, engine: str) -> tuple[float, float, float, dict[str, int]]:
    with mp.get_context("spawn").Pool(1) as pool:
        return pool.apply(run, (str(root), engine))  # type: ignore[no-any-return]


def _growth(points: list[tuple[float, float]]) -> list[str]:
    base_n, base_t = points[0]
    out = ["baseline"]
    for n, t in points[1:]:
        doublings = math.log2(n / base_n)
        out.append(f"{(t / base_t) ** (1 / doublings):.2f}x" if doublings > 0 else "-")
    return out


def main() -> None:
    duck_sizes = _sizes("FAIRSHORE_BENCH_SIZES", "1,5,20")
    spark_sizes = _sizes("FAIRSHORE_BENCH_SPARK_SIZES", "1,5")
    results: dict[str, list[tuple[float, float, float, float]]] = {"duckdb": [], "pyspark": []}
    for size in sorted(set(duck_sizes) | set(spark_sizes)):
        rows = int(size * 1_000_000)
        with tempfile.TemporaryDirectory(prefix="fairshore-bench-scale-") as tmp:
            root = Path(tmp) / "lake"
            began = time.perf_counter()
            generate(root, rows)
            print(f"{rows:,} interactions written in {time.perf_counter() - began:.1f} s",
                  flush=True)  # fmt: skip
            totals: dict[str, Any] = {}
            for engine, sizes in (("duckdb", duck_sizes), ("pyspark", spark_sizes)):
                if size not in sizes:
                    continue
                startup, elapsed, peak, totals[engine] = _in_child(root, engine)
                results[engine].append((size, startup, elapsed, peak))
                print(f"  {engine:8s} query {elapsed:8.2f} s  peak {peak:8,.0f} MB  "
                      f"(start-up {startup:.1f} s)", flush=True)  # fmt: skip
            if len(totals) == 2:
                assert totals["duckdb"] == totals["pyspark"], f"engines disagree: {totals}"
    print("\nKPI cube engagement x month x channel: time and peak memory per size")
    print(f"{'engine':8s} {'rows (M)':>9s} {'query s':>9s} {'peak MB':>9s} {'per doubling':>13s}")
    for engine, points in results.items():
        if not points:
            continue
        growth = _growth([(n, t) for n, _, t, _ in points])
        for (n, _, t, mb), g in zip(points, growth, strict=True):
            print(f"{engine:8s} {n:9.2f} {t:9.2f} {mb:9,.0f} {g:>13s}")
    both = [
        (n, s / d)
        for n, _, s, _ in results["pyspark"]
        for m, _, d, _ in results["duckdb"]
        if n == m and d > 0
    ]
    for n, ratio in both:
        print(f"ratio spark / duckdb at {n:g} M: {ratio:.2f}x")
    print("goal: near-linear growth (<= 2.2x per doubling of the interactions)")
