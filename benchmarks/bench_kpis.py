"""The full KPI set by engagement x month x channel: Ibis vs hand-written DuckDB SQL vs pandas.

Synthetic interactions (``FAIRSHORE_BENCH_ROWS``, default 10 000 000) are written as
Parquet into a temporary lake with the canonical layout. Each contender runs in its
own process (so its peak memory is its own): Fairshore's ``kpi_expression`` on the
lake, one hand-written DuckDB SQL query computing the same figures (the floor), and
a straightforward pandas ``groupby().apply`` (what an analyst would write). The
three results are checked to agree before the times are printed.
Goals: Ibis within 1.5x of SQL, >= 10x faster than pandas, peak memory < 3 GB.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from fairshore.adapters.lake.upgrade import upgrade_lake
from fairshore.interactions.schema import INTERACTIONS

T, S, TARGET = 20.0, 5.0, 0.8
ENGAGEMENTS = ("telco-mnl", "telco-blr")
MONTHS = [f"2026-{m:02d}" for m in range(1, 13)]
CHANNELS = np.array(["voice", "chat", "email"])
KEYS = ["engagement_id", "channel", "period_start"]
COLUMNS = ["engagement_id", "channel", "arrived_at", "answered_at", "abandoned_at",
           "handle_seconds", "resolved_at", "reopened_count", "escalated", "transferred",
           "first_contact_resolved", "csat", "nps"]  # fmt: skip
# Every figure the three compute (the business-time ones equal calendar time here).
CHECKED = ("offered", "answered", "abandoned", "short_abandons", "handled", "resolved",
           "service_level", "sl_v1", "sl_v2", "sl_v3", "sl_v4", "sl_v5", "sl_intervals",
           "sl_interval_share", "asa_s", "mean_wait_s", "wait_median_s", "wait_p90_s",
           "abandon_rate", "abandon_rate_short_adjusted", "mean_time_to_abandon_s", "aht_s",
           "first_response_s", "first_response_median_s", "first_response_p90_s",
           "resolution_s", "resolution_median_s", "resolution_p90_s", "fcr_rate",
           "fcr_no_reopen_rate", "reopen_rate", "escalation_rate", "transfer_rate",
           "csat_responses", "csat_top2", "csat_response_rate", "nps_responses", "nps",
           "nps_response_rate")  # fmt: skip


def _month_file(root: Path, engagement: str, month: str, n: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    start = np.datetime64(f"{month}-01T00:00:00", "us")
    arrived = start + (rng.uniform(0, 28 * 86400, n) * 1e6).astype("timedelta64[us]")
    channel = CHANNELS[rng.integers(0, 3, n)]
    wait = np.round(rng.exponential(np.where(channel == "email", 20000.0, 25.0)), 3)
    outcome = rng.random(n)
    answered = (outcome < 0.88) | (channel == "email")
    abandoned = ~answered & (outcome < 0.98)
    wait_us = (wait * 1e6).astype("timedelta64[us]")
    resolved = answered & (rng.random(n) < 0.6)
    res_us = (np.round(rng.exponential(9e4, n), 3) * 1e6).astype("timedelta64[us]")
    ts = pa.timestamp("us", tz="UTC")

    def masked(values: Any, mask: Any, type_: pa.DataType) -> pa.Array:
        return pa.array(values, type_, mask=~mask)

    cols: dict[str, pa.Array] = {
        "interaction_id": pa.array(np.char.add(f"{engagement}-{month}-", np.arange(n).astype(str))),
        "engagement_id": pa.array(np.full(n, engagement)),
        "channel": pa.array(channel),
        "customer_ref": pa.array(np.char.add("k", rng.integers(0, n, n).astype(str))),
        "arrived_at": pa.array(arrived, ts),
        "answered_at": masked(arrived + wait_us, answered, ts),
        "abandoned_at": masked(arrived + wait_us, abandoned, ts),
        "handle_seconds": masked(rng.gamma(4, 60, n), answered, pa.float64()),
        "resolved_at": masked(arrived + wait_us + res_us, resolved, ts),
        "reopened_count": masked(
            rng.integers(0, 3, n) * (rng.random(n) < 0.3), resolved, pa.int64()
        ),
        "escalated": masked(rng.random(n) < 0.1, answered, pa.bool_()),
        "transferred": masked(rng.random(n) < 0.2, answered, pa.bool_()),
        "first_contact_resolved": masked(rng.random(n) < 0.7, answered, pa.bool_()),
        "csat": masked(rng.integers(1, 6, n).astype(float), answered & (rng.random(n) < 0.3),
                       pa.float64()),
        "nps": masked(rng.integers(0, 11, n).astype(float), answered & (rng.random(n) < 0.2),
                      pa.float64()),
    }  # fmt: skip
    arrow = {"string": pa.string(), "timestamp": ts, "float": pa.float64(), "int": pa.int64(),
             "bool": pa.bool_(), "date": pa.date32()}  # fmt: skip
    full = {c.name: cols.get(c.name, pa.nulls(n, arrow[c.type])) for c in INTERACTIONS.columns}
    full["batch_id"] = pa.array(np.full(n, "bench"))
    folder = root / "interactions" / f"engagement={engagement}" / f"month={month}"
    folder.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.table(full), folder / "bench.parquet")


def generate(root: Path, rows: int) -> None:
    per_file = max(rows // (len(ENGAGEMENTS) * len(MONTHS)), 1)
    seed = 0
    for engagement in ENGAGEMENTS:
        for month in MONTHS:
            seed += 1
            _month_file(root, engagement, month, per_file, seed)
    upgrade_lake(root)  # the files become one Delta table


class Clock:
    """Wall time and CPU time (every thread of this process) since creation."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def read(self) -> tuple[float, float]:
        return time.perf_counter() - self.wall, time.process_time() - self.cpu


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


Run = tuple[tuple[float, float], float, Any]  # (wall s, cpu s), peak MB, result


def run_ibis(root: str) -> Run:
    import ibis

    from fairshore.adapters.lake import Lake
    from fairshore.metrics.kpis import kpi_expression
    from fairshore.metrics.model import KpiOptions

    lake = Lake(Path(root))
    # Process start-up (Ibis' DuckDB connection, first-query imports: seconds, once per
    # process) is left out, as the imports are for the other two contenders.
    lake.con.execute(ibis.memtable({"warm": [1]}).warm.sum())
    clock = Clock()
    options = KpiOptions(sl_threshold_s=T, short_abandon_s=S, sl_variant=5, sl_target=TARGET)
    expr = kpi_expression(lake.table("interactions"), by=["engagement", "channel"],
                          period="month", options=options)  # fmt: skip
    result = expr.to_pyarrow()
    return clock.read(), _peak_mb(), result.to_pandas()


SQL = """
WITH t AS (
  SELECT engagement_id, channel,
         date_trunc('month', make_timestamp(epoch_us(arrived_at))) AS month,
         epoch_us(arrived_at) // 1800000000 AS iv,  -- 30-minute intervals since the epoch
         handle_seconds, resolved_at, reopened_count, escalated, transferred,
         first_contact_resolved, csat, nps,
         answered_at IS NOT NULL AS ans,
         abandoned_at IS NOT NULL AND answered_at IS NULL AS abd,
         (epoch_us(answered_at) - epoch_us(arrived_at)) / 1e6 AS wait_ans,
         CASE WHEN abandoned_at IS NOT NULL AND answered_at IS NULL
              THEN (epoch_us(abandoned_at) - epoch_us(arrived_at)) / 1e6 END AS wait_abd,
         (epoch_us(resolved_at) - epoch_us(arrived_at)) / 1e6 AS resolution
  FROM read_parquet('{glob}')
),
g AS (
  SELECT engagement_id, channel, month,
    count(*) AS offered,
    count_if(ans) AS a,
    count_if(abd) AS ab,
    count_if(ans AND wait_ans <= {T}) AS a_t,
    count_if(abd AND wait_abd <= {T}) AS ab_t,
    count_if(abd AND wait_abd > {T}) AS ab_gt,
    count_if(abd AND wait_abd <= {S}) AS ab_s,
    count_if(ans AND handle_seconds IS NOT NULL) AS handled,
    count(resolved_at) AS resolved,
    sum(wait_ans) AS wait_ans_sum,
    avg(coalesce(wait_ans, wait_abd)) AS mean_wait_s,
    quantile_cont(coalesce(wait_ans, wait_abd), [0.5, 0.9]) AS wait_q,
    avg(wait_abd) AS mean_time_to_abandon_s,
    sum(CASE WHEN ans THEN handle_seconds END) AS handle_sum,
    quantile_cont(wait_ans, [0.5, 0.9]) AS frt_q,
    avg(resolution) AS resolution_s,
    quantile_cont(resolution, [0.5, 0.9]) AS res_q,
    count_if(ans AND first_contact_resolved) AS fcr_yes,
    count_if(ans AND first_contact_resolved IS NOT NULL) AS fcr_n,
    count_if(ans AND resolved_at IS NOT NULL AND reopened_count = 0) AS fcr_nr,
    count_if(ans AND reopened_count IS NOT NULL) AS reo_known,
    count_if(resolved_at IS NOT NULL AND reopened_count > 0) AS reopened,
    count_if(resolved_at IS NOT NULL AND reopened_count IS NOT NULL) AS res_known,
    count_if(ans AND escalated) AS esc_yes,
    count_if(ans AND escalated IS NOT NULL) AS esc_n,
    count_if(ans AND transferred) AS trf_yes,
    count_if(ans AND transferred IS NOT NULL) AS trf_n,
    count(csat) AS csat_responses,
    count_if(csat >= 4) AS csat_top,
    count(nps) AS nps_responses,
    count_if(nps >= 9) AS promoters,
    count_if(nps <= 6) AS detractors
  FROM t GROUP BY ALL
),
i AS (
  SELECT engagement_id, channel, month,
         count(*) AS sl_intervals,
         count_if((a_t + ab_s) / (a + ab)::DOUBLE >= {TARGET}) AS met
  FROM (
    SELECT engagement_id, channel, month, iv,
           count_if(ans) AS a, count_if(abd) AS ab,
           count_if(ans AND wait_ans <= {T}) AS a_t,
           count_if(abd AND wait_abd <= {S}) AS ab_s
    FROM t WHERE ans OR abd GROUP BY ALL
  ) GROUP BY ALL
)
SELECT g.engagement_id, g.channel, g.month::TIMESTAMPTZ AS period_start, offered,
  a AS answered, ab AS abandoned, ab_s AS short_abandons, handled, resolved,
  (a_t + ab_s) / nullif(a + ab, 0)::DOUBLE AS service_level,
  (a_t + ab_t) / nullif(a + ab, 0)::DOUBLE AS sl_v1, a_t / nullif(a, 0)::DOUBLE AS sl_v2,
  a_t / nullif(a + ab, 0)::DOUBLE AS sl_v3, a_t / nullif(a + ab_gt, 0)::DOUBLE AS sl_v4,
  (a_t + ab_s) / nullif(a + ab, 0)::DOUBLE AS sl_v5,
  coalesce(sl_intervals, 0) AS sl_intervals,
  met / nullif(sl_intervals, 0)::DOUBLE AS sl_interval_share,
  wait_ans_sum / nullif(a, 0) AS asa_s, mean_wait_s, wait_q[1] AS wait_median_s,
  wait_q[2] AS wait_p90_s,
  ab / nullif(a + ab, 0)::DOUBLE AS abandon_rate,
  (ab - ab_s) / nullif(a + ab - ab_s, 0)::DOUBLE AS abandon_rate_short_adjusted,
  mean_time_to_abandon_s, handle_sum / nullif(handled, 0) AS aht_s,
  wait_ans_sum / nullif(a, 0) AS first_response_s, frt_q[1] AS first_response_median_s,
  frt_q[2] AS first_response_p90_s,
  resolution_s, res_q[1] AS resolution_median_s, res_q[2] AS resolution_p90_s,
  fcr_yes / nullif(fcr_n, 0)::DOUBLE AS fcr_rate,
  fcr_nr / nullif(reo_known, 0)::DOUBLE AS fcr_no_reopen_rate,
  reopened / nullif(res_known, 0)::DOUBLE AS reopen_rate,
  esc_yes / nullif(esc_n, 0)::DOUBLE AS escalation_rate,
  trf_yes / nullif(trf_n, 0)::DOUBLE AS transfer_rate,
  csat_responses, csat_top / nullif(csat_responses, 0)::DOUBLE AS csat_top2,
  csat_responses / nullif(a, 0)::DOUBLE AS csat_response_rate, nps_responses,
  100.0 * (promoters - detractors) / nullif(nps_responses, 0) AS nps,
  nps_responses / nullif(a, 0)::DOUBLE AS nps_response_rate
FROM g LEFT JOIN i ON g.engagement_id IS NOT DISTINCT FROM i.engagement_id
  AND g.channel IS NOT DISTINCT FROM i.channel AND g.month = i.month
ORDER BY 1, 2, 3
"""


def run_sql(root: str) -> Run:
    import duckdb
    import pandas  # noqa: F401 - imported before the clock starts, as in the other runs

    clock = Clock()
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    con.execute("SET enable_progress_bar = false")
    glob = f"{root}/interactions/*/*/*.parquet"
    result = con.sql(SQL.format(glob=glob, T=T, S=S, TARGET=TARGET)).to_arrow_table()
    return clock.read(), _peak_mb(), result.to_pandas()


def _pandas_group(g: Any) -> Any:
    import pandas as pd

    ans, abd = g["answered_at"].notna(), g["abandoned_at"].notna() & g["answered_at"].isna()
    wait_ans = (g["answered_at"] - g["arrived_at"]).dt.total_seconds()
    wait_abd = (g["abandoned_at"] - g["arrived_at"]).dt.total_seconds().where(abd)
    wait = wait_ans.fillna(wait_abd)
    res = (g["resolved_at"] - g["arrived_at"]).dt.total_seconds()
    a, ab = ans.sum(), abd.sum()
    a_t = (ans & (wait_ans <= T)).sum()
    ab_t, ab_gt, ab_s = (
        (abd & (wait_abd <= T)).sum(),
        (abd & (wait_abd > T)).sum(),
        (abd & (wait_abd <= S)).sum(),
    )
    ok = (ans & (wait_ans <= T)) | (abd & (wait_abd <= S))
    iv = g.assign(iv=g["arrived_at"].dt.floor("30min"), ok=ok, out=ans | abd)
    per = iv[iv["out"]].groupby("iv").agg(ok=("ok", "sum"), n=("out", "sum"))
    handle = g.loc[ans, "handle_seconds"].dropna()
    fcr = g.loc[ans, "first_contact_resolved"].dropna().astype(bool)
    known = g[ans & g["reopened_count"].notna()]
    solved = g[g["resolved_at"].notna() & g["reopened_count"].notna()]
    esc = g.loc[ans, "escalated"].dropna().astype(bool)
    trf = g.loc[ans, "transferred"].dropna().astype(bool)
    csat, nps = g["csat"].dropna(), g["nps"].dropna()
    w50, w90 = wait.quantile([0.5, 0.9])
    f50, f90 = wait_ans.quantile([0.5, 0.9])
    r50, r90 = res.quantile([0.5, 0.9])

    def ratio(x: float, y: float) -> float:
        return x / y if y else np.nan

    return pd.Series({
        "offered": len(g), "answered": a, "abandoned": ab, "short_abandons": ab_s,
        "handled": len(handle), "resolved": g["resolved_at"].notna().sum(),
        "service_level": ratio(a_t + ab_s, a + ab), "sl_v1": ratio(a_t + ab_t, a + ab),
        "sl_v2": ratio(a_t, a), "sl_v3": ratio(a_t, a + ab), "sl_v4": ratio(a_t, a + ab_gt),
        "sl_v5": ratio(a_t + ab_s, a + ab), "sl_intervals": len(per),
        "sl_interval_share": (per["ok"] / per["n"] >= TARGET).mean(),
        "asa_s": wait_ans[ans].mean(), "mean_wait_s": wait.mean(), "wait_median_s": w50,
        "wait_p90_s": w90, "abandon_rate": ratio(ab, a + ab),
        "abandon_rate_short_adjusted": ratio(ab - ab_s, a + ab - ab_s),
        "mean_time_to_abandon_s": wait_abd.mean(), "aht_s": handle.mean(),
        "first_response_s": wait_ans.mean(), "first_response_median_s": f50,
        "first_response_p90_s": f90, "resolution_s": res.mean(), "resolution_median_s": r50,
        "resolution_p90_s": r90, "fcr_rate": fcr.mean(),
        "fcr_no_reopen_rate": ratio(
            (known["resolved_at"].notna() & (known["reopened_count"] == 0)).sum(), len(known)),
        "reopen_rate": (solved["reopened_count"] > 0).mean(), "escalation_rate": esc.mean(),
        "transfer_rate": trf.mean(), "csat_responses": len(csat),
        "csat_top2": (csat >= 4).mean(), "csat_response_rate": ratio(len(csat), a),
        "nps_responses": len(nps),
        "nps": 100 * ratio((nps >= 9).sum() - (nps <= 6).sum(), len(nps)),
        "nps_response_rate": ratio(len(nps), a),
    })  # fmt: skip


def run_pandas(root: str) -> Run:
    import pandas as pd

    clock = Clock()
    files = sorted(Path(root).glob("interactions/*/*/*.parquet"))
    df = pd.concat([pd.read_parquet(f, columns=COLUMNS) for f in files], ignore_index=True)
    df["period_start"] = df["arrived_at"].dt.tz_localize(None).dt.to_period("M").dt.to_timestamp()
    result = df.groupby(KEYS).apply(_pandas_group, include_groups=False).reset_index()
    return clock.read(), _peak_mb(), result


def _in_child(func: Any, root: str) -> Run:
    with mp.get_context("spawn").Pool(1) as pool:
        return pool.apply(func, (root,))  # type: ignore[no-any-return]


def _agree(a: Any, b: Any, name: str) -> None:
    left = a.sort_values(KEYS).reset_index(drop=True)
    right = b.sort_values(KEYS).reset_index(drop=True)
    assert len(left) == len(right), f"{name}: {len(left)} vs {len(right)} groups"
    for col in CHECKED:
        x, y = left[col].astype(float).to_numpy(), right[col].astype(float).to_numpy()
        assert np.allclose(x, y, rtol=1e-6, equal_nan=True), f"{name}: {col} differs"


def main() -> None:
    rows = int(os.environ.get("FAIRSHORE_BENCH_ROWS", "10000000"))
    skip_pandas = os.environ.get("FAIRSHORE_BENCH_SKIP_PANDAS") == "1"
    with tempfile.TemporaryDirectory(prefix="fairshore-bench-kpis-") as tmp:
        root = Path(tmp) / "lake"
        began = time.perf_counter()
        generate(root, rows)
        print(f"rows: {rows:,} in {len(ENGAGEMENTS) * len(MONTHS)} Parquet files "
              f"(generated in {time.perf_counter() - began:.1f} s)", flush=True)  # fmt: skip
        for path in root.rglob("*.parquet"):  # warm the page cache: no one pays the first read
            path.read_bytes()
        (sql_s, sql_cpu), sql_mb, sql = _in_child(run_sql, str(root))
        (ibis_s, ibis_cpu), ibis_mb, ours = _in_child(run_ibis, str(root))
        _agree(ours, sql, "ibis vs sql")
        line = "{:<34}{:8.2f} s  (cpu {:6.2f} s)  peak {:,.0f} MB"
        print(line.format("hand-written DuckDB SQL (floor):", sql_s, sql_cpu, sql_mb))
        print(line.format("fairshore Ibis kpi_expression:", ibis_s, ibis_cpu, ibis_mb))
        print(f"ratio ibis / sql: {ibis_s / sql_s:.2f}x wall, {ibis_cpu / sql_cpu:.2f}x cpu "
              f"(goal <= 1.5x); ibis peak {ibis_mb / 1024:.2f} GB (goal < 3 GB)")  # fmt: skip
        if skip_pandas:
            print("pandas skipped (FAIRSHORE_BENCH_SKIP_PANDAS=1)")
            return
        (pd_s, pd_cpu), pd_mb, pdf = _in_child(run_pandas, str(root))
        _agree(ours, pdf, "ibis vs pandas")
        print(line.format("pandas groupby().apply:", pd_s, pd_cpu, pd_mb))
        print(
            f"speed-up over pandas: {pd_s / ibis_s:.1f}x wall, {pd_cpu / ibis_cpu:.1f}x cpu "
            "(goal >= 10x); all figures agree"
        )


if __name__ == "__main__":
    sys.exit(main())
