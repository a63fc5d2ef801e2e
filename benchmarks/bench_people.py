"""People report on a generated roster, against a plain pandas baseline on the same files.

Size: ``FAIRSHORE_BENCH_AGENTS`` agents (default 2000) over 12 months, with
``FAIRSHORE_BENCH_ROWS`` interactions (default 200000). The baseline computes the
monthly headcount flow and the share of agents below the living wage with pandas
after reading the same Parquet files; the figure is the whole people report (every
metric, Ibis over DuckDB) and, separately, the same two metrics through Ibis.

The people report's measures read the agent-month facts from a temporary table made
once (``Lake.temporary``); the report is timed again with ``Lake.temporary`` handing the
expression back as it is, so that every measure queries the joins that make the facts,
as before: the ratio of the two is that table's gain.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from contextlib import nullcontext
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from unittest import mock

import numpy as np
import pandas as pd
import pyarrow.dataset as ds

from fairshore.adapters.lake import Lake
from fairshore.bootstrap import Workspace, init_workspace
from fairshore.config import load_settings
from fairshore.metrics.periods import parse_period
from fairshore.people import pay, services, workforce

sys.path.insert(0, str(Path(__file__).parents[1] / "tests" / "integration" / "people"))
from people_lake import setup_engagement, write_rows

MONTHS = [date(2026, m, 1) for m in range(1, 13)]
FLOOR = 36218.58


def _generate(ws: Workspace, agents: int, interactions: int) -> None:
    rng = np.random.default_rng(7)
    start = date(2024, 1, 1)
    roster, months = [], []
    for i in range(agents):
        hired = start + timedelta(days=int(rng.integers(0, 900)))
        left = hired + timedelta(days=int(rng.integers(20, 700))) if rng.random() < 0.4 else None
        roster.append(
            {"agent_ref": f"a{i}", "hired_on": hired, "left_on": left, "site_id": "site-mnl",
             "role": "agent", "employment_type": "employee", "supervisor_ref": f"s{i % 60}"}
        )  # fmt: skip
        for m in MONTHS:
            if hired <= m and (left is None or left >= m):
                months.append(
                    {"agent_ref": f"a{i}", "month": m, "paid_hours": 174.0,
                     "logged_in_hours": 150.0, "overtime_hours": float(rng.integers(0, 20)),
                     "days_off": 8, "max_weekly_hours": 44.0, "training_hours": 4.0,
                     "gross_pay": float(rng.normal(34000, 5000)), "currency": "PHP"}
                )  # fmt: skip
    write_rows(ws.lake, "agents", "eng", roster)
    write_rows(ws.lake, "agent_months", "eng", months)
    t0 = datetime(2026, 1, 1, tzinfo=UTC)
    seconds = rng.integers(0, 365 * 86400, interactions)
    handle = rng.gamma(2.0, 150.0, interactions)
    rows = [
        {"interaction_id": f"i{k}", "channel": "voice",
         "arrived_at": t0 + timedelta(seconds=int(s)), "handle_seconds": float(h)}
        for k, (s, h) in enumerate(zip(seconds, handle, strict=True))
    ]  # fmt: skip
    write_rows(ws.lake, "interactions", "eng", rows)


def _pandas_baseline(lake: Path) -> tuple[list[int], float]:
    agents = ds.dataset(lake / "agents", format="parquet", partitioning=None).to_table()
    months = ds.dataset(lake / "agent_months", format="parquet", partitioning=None).to_table()
    agents, months = agents.to_pandas(), months.to_pandas()
    leavers = []
    for m in MONTHS:
        end = (pd.Timestamp(m) + pd.offsets.MonthEnd(0)).date()
        left = agents["left_on"]
        leavers.append(int(((left >= m) & (left <= end)).sum()))
    mean_pay = months.groupby("agent_ref")["gross_pay"].mean()
    return leavers, float((mean_pay < FLOOR).mean())


def _ibis_same(ws: Workspace) -> None:
    lake = Lake(ws.lake)
    spells = workforce.roster_spells(lake.table("agents", "eng"))
    workforce.monthly_flows(spells, MONTHS).to_pyarrow()
    facts = workforce.agent_month_facts(lake.table("agent_months", "eng"), spells, MONTHS)
    paid = pay.effective_pay(facts, part_time_below=139.2)
    facts_sites = paid.mutate(site_id=paid.site_id.fill_null("site-mnl"))
    benchmark = services.location_benchmark(ws, "Manila", ref_year=2026, currency="PHP")
    pay.agent_pay(facts_sites, {"site-mnl": benchmark}).to_pyarrow()
    lake.close()


def _as_it_is(_lake: Lake, expr: Any) -> Any:
    return nullcontext(expr)


def _time(fn: object, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()  # type: ignore[operator]
        best = min(best, time.perf_counter() - t)
    return best


def main() -> None:
    agents = int(os.environ.get("FAIRSHORE_BENCH_AGENTS", "2000"))
    interactions = int(os.environ.get("FAIRSHORE_BENCH_ROWS", "200000"))
    with tempfile.TemporaryDirectory() as tmp:
        ws = init_workspace(load_settings(home=Path(tmp) / "ws"))
        setup_engagement(ws)
        _generate(ws, agents, interactions)
        period = parse_period("2026")
        base = _time(lambda: _pandas_baseline(ws.lake))
        same = _time(lambda: _ibis_same(ws))
        full = _time(lambda: services.people_report(ws, "eng", period=period), repeat=2)
        with mock.patch.object(Lake, "temporary", _as_it_is):
            joins = _time(lambda: services.people_report(ws, "eng", period=period), repeat=2)
        ws.close()
    print(f"agents={agents} interactions={interactions} months=12")
    print(f"baseline pandas (flows + living-wage share): {base:.3f} s")
    print(f"ibis/duckdb same two metrics:               {same:.3f} s  ratio {same / base:.2f}")
    print(f"full people report (all metrics, findings):  {full:.3f} s  ratio {full / base:.2f}")
    print(f"  facts through their joins (before):       {joins:.3f} s  kept {full / joins:.2f}")


if __name__ == "__main__":
    main()
