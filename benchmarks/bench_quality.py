"""QA metrics by month over N evaluations (Ibis on DuckDB), against plain pandas.

Size: ``FAIRSHORE_BENCH_ROWS`` (default 2,000,000 evaluations). The baseline computes
the same mean score, pass rate, critical-error rate and per-agent-month coverage with
pandas group-bys from the same Parquet file; also the weighted kappa against
scikit-learn's ``cohen_kappa_score`` on 1,000,000 item pairs.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from sklearn.metrics import cohen_kappa_score

from fairshore.adapters.lake import Lake
from fairshore.adapters.lake.upgrade import upgrade_lake
from fairshore.quality.agreement import krippendorff_alpha, weighted_kappa
from fairshore.quality.kpis import qa_metrics, with_month
from fairshore.quality.parity import audit_qa_parity


def write_evaluations(root: Path, rows: int) -> Path:
    """``rows`` synthetic vendor evaluations of one engagement, one Parquet file."""
    rng = np.random.default_rng(1)
    folder = root / "qa_evaluations" / "engagement=bench" / "month=2026-03"
    folder.mkdir(parents=True)
    start = np.int64(1_764_547_200) * 1_000_000  # 2025-12-01 UTC
    fail = rng.random(rows) < 0.05
    total = np.where(fail, 0.0, np.clip(rng.normal(82, 8, rows), 0, 100))
    table = pa.table(
        {
            "evaluation_id": pa.array(np.arange(rows).astype(str)),
            "interaction_id": pa.array(np.arange(rows).astype(str)),
            "engagement_id": pa.array(np.full(rows, "bench")),
            "agent_ref": pa.array(np.char.add("a", rng.integers(0, 2000, rows).astype(str))),
            "evaluator_side": pa.array(np.full(rows, "vendor")),
            "form_id": pa.array(np.full(rows, "contact-centre")),
            "evaluated_at": pa.array(
                start + rng.integers(0, 365 * 86400, rows) * 1_000_000, pa.timestamp("us", "UTC")
            ),
            "total": pa.array(total),
            "auto_fail": pa.array(fail),
        }
    )
    pq.write_table(table, folder / "b-bench.parquet")
    upgrade_lake(root)
    return root


def pandas_metrics(root: Path) -> pd.DataFrame:
    df = pd.read_parquet(next(root.rglob("*.parquet")))
    df["month"] = df["evaluated_at"].dt.strftime("%Y-%m")
    df["passed"] = df["total"] >= 80
    scores = df.groupby("month").agg(
        evaluations=("total", "size"),
        agents=("agent_ref", "nunique"),
        mean_score=("total", "mean"),
        pass_rate=("passed", "mean"),
        critical_error_rate=("auto_fail", "mean"),
    )
    per_agent = df.groupby(["month", "agent_ref"]).size().rename("n").reset_index()
    per_agent["covered"] = per_agent["n"] >= 4
    coverage = per_agent.groupby("month").agg(
        agent_months=("n", "size"), per_agent=("n", "mean"), coverage_share=("covered", "mean")
    )
    return scores.join(coverage)


def main() -> None:
    rows = int(os.environ.get("FAIRSHORE_BENCH_ROWS", "2000000"))
    with tempfile.TemporaryDirectory() as tmp:
        root = write_evaluations(Path(tmp), rows)
        lake = Lake(root)
        t0 = time.perf_counter()
        expr = qa_metrics(
            with_month(lake.table("qa_evaluations", "bench")),
            by=["month"],
            pass_mark=80,
            min_per_agent_month=4,
        )
        ours = expr.to_pyarrow()
        ibis_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        base = pandas_metrics(root)
        pandas_s = time.perf_counter() - t0
        lake.close()
    assert ours.num_rows == len(base)
    print(f"QA metrics by month over {rows:,} evaluations (Ibis/DuckDB): {ibis_s:.2f} s")
    print(f"same figures with pandas group-bys: {pandas_s:.2f} s")
    print(f"ratio fairshore / pandas: {ibis_s / pandas_s:.2f}x")
    rng = np.random.default_rng(2)
    a = rng.integers(0, 5, 1_000_000)
    b = np.clip(a + rng.integers(-1, 2, a.size), 0, 4)
    t0 = time.perf_counter()
    kappa = weighted_kappa(a.tolist(), b.tolist(), categories=range(5))
    ours_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    ref = cohen_kappa_score(a, b, weights="quadratic")
    sk_s = time.perf_counter() - t0
    assert kappa is not None and abs(kappa - ref) < 1e-9
    print(f"weighted kappa on 1,000,000 item pairs: {ours_s:.2f} s; scikit-learn {sk_s:.2f} s")
    print(f"ratio fairshore / scikit-learn: {ours_s / sk_s:.2f}x")
    bench_alpha(rng)
    bench_parity(min(rows, 500_000))


def bench_alpha(rng: np.random.Generator) -> None:
    """Krippendorff's alpha (ordinal) on 1,000,000 item pairs against the package."""
    import krippendorff

    a = rng.integers(0, 5, 1_000_000).astype(float)
    b = np.clip(a + rng.integers(-1, 2, a.size), 0, 4)
    t0 = time.perf_counter()
    ours = krippendorff_alpha(np.vstack([a, b]), level="ordinal")
    ours_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    ref = krippendorff.alpha(reliability_data=np.vstack([a, b]), level_of_measurement="ordinal")
    ref_s = time.perf_counter() - t0
    assert ours is not None and abs(ours - ref) < 1e-9
    print(f"Krippendorff alpha (ordinal), 1,000,000 pairs: {ours_s:.2f} s; package {ref_s:.2f} s")
    print(f"ratio fairshore / krippendorff package: {ours_s / ref_s:.2f}x")


def bench_parity(rows: int) -> None:
    """QA parity of 4 groups (score and critical errors, tests, BH, mix adjustment)
    against SciPy's Mann-Whitney and chi-square per group with pandas means (no
    intervals, no adjustment, no multiple-comparison control)."""
    from scipy import stats

    rng = np.random.default_rng(3)
    fail = rng.random(rows) < 0.05
    frame = pd.DataFrame(
        {
            "language": rng.choice(["en", "es", "pl", "de"], rows),
            "channel": rng.choice(["voice", "chat", "email"], rows),
            "total": np.where(fail, 0.0, np.clip(rng.normal(82, 8, rows), 0, 100)),
            "auto_fail": fail,
        }
    )
    t0 = time.perf_counter()
    audit = audit_qa_parity(frame, engagement_id="bench", dimension="language")
    ours_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    for group in ("en", "es", "pl", "de"):
        mine = frame["language"] == group
        stats.mannwhitneyu(frame.loc[mine, "total"], frame.loc[~mine, "total"])
        k1, k2 = int(frame.loc[mine, "auto_fail"].sum()), int(frame.loc[~mine, "auto_fail"].sum())
        n1, n2 = int(mine.sum()), int((~mine).sum())
        stats.chi2_contingency([[k1, n1 - k1], [k2, n2 - k2]])
        frame.loc[mine, "total"].mean()
    base_s = time.perf_counter() - t0
    assert not audit.findings
    print(f"QA parity by language over {rows:,} evaluations: {ours_s:.2f} s")
    print(f"SciPy tests per group with pandas means: {base_s:.2f} s")
    print(f"ratio fairshore / scipy: {ours_s / base_s:.2f}x")


if __name__ == "__main__":
    main()
