"""Parity audit of N interactions over 4 dimensions and 6 outcomes, against plain pandas.

Size: ``FAIRSHORE_BENCH_ROWS`` (default 10,000,000). The baseline computes the same
group rates and group median waits in pandas from the same Parquet files (only the
columns it needs, no tests, no intervals, no mix adjustment): the ratio says what the
whole audit costs against the bare group-by a data scientist would write.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from fairshore.adapters.lake import Lake, empty_schema
from fairshore.adapters.lake.upgrade import upgrade_lake
from fairshore.parity.audit import run_audits
from fairshore.parity.model import AuditOptions

DIMENSIONS = ("language", "seg_region", "seg_tier", "seg_accessibility")
OUTCOMES = ("answered", "sl_met", "fcr", "csat_top2", "escalated", "wait")
SEGMENTS = ["seg_region", "seg_tier", "seg_accessibility"]
CHUNK = 1_000_000
US = 1_000_000


def _choice(rng: np.random.Generator, values: list[str], n: int) -> pa.Array:
    return pa.DictionaryArray.from_arrays(
        pa.array(rng.integers(0, len(values), n), pa.int32()), pa.array(values)
    ).cast(pa.string())


def _chunk(rng: np.random.Generator, start: int, n: int, schema: pa.Schema) -> pa.Table:
    """``n`` synthetic interactions; Spanish voice and chat wait three times longer."""
    lang_idx = rng.integers(0, 4, n)
    voice = rng.random(n) < 0.5
    arrived = np.int64(1_772_323_200) * US + rng.integers(0, 28 * 86400, n) * US
    wait = rng.exponential(np.where(voice, 60.0, 20.0) * np.where(lang_idx == 1, 3.0, 1.0))
    patience = rng.exponential(np.where(voice, 240.0, 400.0))
    answered = wait <= patience
    ts = pa.timestamp("us", tz="UTC")
    answered_at = pa.array(arrived + (wait * US).astype(np.int64), ts, mask=~answered)
    abandoned_at = pa.array(arrived + (patience * US).astype(np.int64), ts, mask=answered)
    csat = rng.integers(1, 6, n).astype(np.float64)
    columns = {
        "interaction_id": pc.cast(pa.array(np.arange(start, start + n)), pa.string()),
        "engagement_id": pa.array(np.full(n, "bench"), pa.string()),
        "channel": pa.array(np.where(voice, "voice", "chat")),
        "language": pa.array(np.array(["en", "es", "de", "pl"])[lang_idx]),
        "priority": _choice(rng, ["0", "1"], n),
        "arrived_at": pa.array(arrived, ts),
        "answered_at": answered_at,
        "abandoned_at": abandoned_at,
        "escalated": pa.array(rng.random(n) < 0.05),
        "first_contact_resolved": pa.array(rng.random(n) < 0.7, mask=~answered),
        "csat": pa.array(csat, mask=rng.random(n) > 0.3),
        "batch_id": pa.array(np.full(n, "b"), pa.string()),
        "seg_region": _choice(rng, ["north", "south", "east", "west"], n),
        "seg_tier": _choice(rng, ["standard", "premium"], n),
        "seg_accessibility": _choice(rng, ["none", "hearing", "visual", "cognitive"], n),
    }
    arrays = [columns.get(f.name, pa.nulls(n, f.type)) for f in schema]
    return pa.Table.from_arrays(arrays, schema=schema)


def write_bench_lake(root: Path, rows: int) -> Path:
    """Write ``rows`` interactions as canonical Parquet under ``root/lake``."""
    schema = empty_schema("interactions", SEGMENTS).to_pyarrow()
    folder = root / "lake" / "interactions" / "engagement=bench" / "month=2026-03"
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(0)
    for i, start in enumerate(range(0, rows, CHUNK)):
        n = min(CHUNK, rows - start)
        pq.write_table(_chunk(rng, start, n, schema), folder / f"b{i:04d}.parquet")
    upgrade_lake(root / "lake")
    return root / "lake"


def pandas_rates(lake: Path) -> dict[str, pd.DataFrame]:
    """The same group rates (and median wait) in plain pandas."""
    cols = ["channel", "arrived_at", "answered_at", "abandoned_at", "escalated",
            "first_contact_resolved", "csat", "language", *SEGMENTS]  # fmt: skip
    df = pd.read_parquet(lake / "interactions", columns=cols)
    answered = df["answered_at"].notna()
    offered = answered | df["abandoned_at"].notna()
    wait = (df["answered_at"] - df["arrived_at"]).dt.total_seconds()
    threshold = np.where(df["channel"] == "voice", 20.0, 60.0)
    frame = pd.DataFrame({
        "offered": offered, "answered": answered,
        "sl_met": answered & (wait <= threshold),
        "fcr_n": df["first_contact_resolved"].notna(),
        "fcr_k": df["first_contact_resolved"].fillna(False).astype(bool),
        "csat_n": df["csat"].notna(), "csat_k": df["csat"] >= 4,
        "esc_n": answered, "esc_k": answered & df["escalated"].fillna(False).astype(bool),
        "wait": wait,
    })  # fmt: skip
    out = {}
    for dim in DIMENSIONS:
        g = frame.groupby(df[dim])
        s = g[["offered", "answered", "sl_met", "fcr_n", "fcr_k", "csat_n", "csat_k",
               "esc_n", "esc_k"]].sum()  # fmt: skip
        out[dim] = pd.DataFrame({
            "answered": s["answered"] / s["offered"], "sl_met": s["sl_met"] / s["offered"],
            "fcr": s["fcr_k"] / s["fcr_n"], "csat_top2": s["csat_k"] / s["csat_n"],
            "escalated": s["esc_k"] / s["esc_n"], "wait_median": g["wait"].median(),
        })  # fmt: skip
    return out


def main() -> None:
    rows = int(os.environ.get("FAIRSHORE_BENCH_ROWS", "10000000"))
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        lake_root = write_bench_lake(Path(tmp), rows)
        print(f"wrote {rows:,} interactions in {time.perf_counter() - t0:.1f} s")
        lake = Lake(lake_root)
        table = lake.table("interactions", "bench")
        options = AuditOptions(outcomes=OUTCOMES)
        t0 = time.perf_counter()
        audits = run_audits(table, engagement_id="bench", dimensions=DIMENSIONS, options=options)
        findings = [f.key for a in audits for f in a.findings]
        fairshore_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        pandas_rates(lake_root)
        pandas_s = time.perf_counter() - t0
        lake.close()
    print(f"parity audit ({len(DIMENSIONS)} dimensions x {len(OUTCOMES)} outcomes, tests, "
          f"intervals, mix adjustment, KM): {fairshore_s:.2f} s (goal < 15 s)")  # fmt: skip
    print(f"plain pandas group rates + median wait (no tests): {pandas_s:.2f} s")
    print(f"ratio fairshore / pandas: {fairshore_s / pandas_s:.2f}x")
    print(f"findings: {', '.join(sorted(findings)) or 'none'}")


if __name__ == "__main__":
    main()
