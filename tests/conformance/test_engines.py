"""The same KPI, SLA-input, parity and welfare computations on DuckDB and on Spark.

Source of truth: DuckDB, the engine every other test of Fairshore checks against
published figures; Spark (``local[2]``) over the same lake must give the same numbers:
exact counts, floats to 1e-9 relative (``compare.REL``).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import ibis
import pyarrow as pa
import pytest
from typer.testing import CliRunner

from fairshore.adapters.lake import Lake
from fairshore.adapters.lake.functions import stable_bucket
from fairshore.bootstrap import Workspace
from fairshore.entrypoints.cli.main import cli
from fairshore.metrics import services as metrics
from fairshore.metrics.calendars import BusinessCalendar, calendar_table, with_business_clock
from fairshore.metrics.model import KpiOptions
from fairshore.parity import services as parity
from fairshore.people import services as people
from tests.conformance.compare import assert_same

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("spark")]

START = datetime(2026, 6, 1, tzinfo=UTC)
END = datetime(2026, 9, 1, tzinfo=UTC)


def both(duck: Workspace, spark: Workspace, run: Any) -> tuple[Any, Any]:
    return run(duck), run(spark)


@pytest.mark.parametrize(
    ("engagement", "by", "options"),
    [
        # the KPI cube of the scaling benchmark; ICMI variant 5 (default)
        (None, ["engagement", "month", "channel"], KpiOptions()),
        # SL per half-hour interval, variant 1, a 30 s threshold
        ("telco-krk", ["channel", "interval30"], KpiOptions(sl_variant=1, sl_threshold_s=30)),
        # FCR by repeat contact (a window function), 15-minute intervals, variant 4
        (
            "telco-bog",
            ["seg_tier", "interval15"],
            KpiOptions(sl_variant=4, interval_minutes=15, fcr_method="repeat_contact"),
        ),
        # weeks; no grouping but the period
        ("telco-blr", ["week"], KpiOptions(sl_variant=2, fcr_method="no_reopen")),
    ],
)
def test_kpis_agree(
    duck: Workspace, spark: Workspace, engagement: str | None, by: list[str], options: KpiOptions
) -> None:
    def run(ws: Workspace) -> Any:
        return metrics.compute_kpis(
            ws, engagement_id=engagement, by=by, start=START, end=END, options=options
        )

    a, b = both(duck, spark, run)
    assert len(a.rows) > 0
    assert_same(a, b)


def test_sla_inputs_agree(duck: Workspace, spark: Workspace) -> None:
    """The KPI sets a contract evaluation asks for (business calendar included)."""
    sets = [
        (KpiOptions(), {}),
        (KpiOptions(sl_variant=1, sl_threshold_s=30), {"channel": ["voice"]}),
        (KpiOptions(sl_threshold_s=3600), {"channel": ["email"]}),
    ]

    def run(ws: Workspace) -> Any:
        return metrics.compute_kpi_sets(
            ws, engagement_id="telco-blr", sets=sets, period="month", start=START, end=END
        )

    a, b = both(duck, spark, run)
    assert a and a[0]
    assert_same(a, b)


def test_clause_providers_agree(duck: Workspace, spark: Workspace) -> None:
    """Ethical-clause measurements (training, occupancy, pay, attrition, in-house)."""
    providers = (
        people.measure_training_hours,
        people.measure_occupancy,
        people.measure_living_wage,
        people.measure_attrition,
        people.measure_in_house_share,
    )

    def run(ws: Workspace) -> Any:
        return [p(ws, "telco-blr", date(2026, 6, 1), date(2026, 8, 31)) for p in providers]

    a, b = both(duck, spark, run)
    assert any(m is not None for m in a)
    assert_same(a, b)


def test_welfare_report_agrees(duck: Workspace, spark: Workspace) -> None:
    a, b = both(duck, spark, lambda ws: people.people_report(ws, "telco-mnl"))
    assert_same(a, b)


def test_parity_audit_agrees(duck: Workspace, spark: Workspace) -> None:
    def run(ws: Workspace) -> Any:
        return parity.audit_parity(ws, engagement_id="telco-krk", by="language")

    a, b = both(duck, spark, run)
    assert a.findings, "the planted Spanish wait gap is found"
    assert_same(a, b)


def test_cli_kpis_json_is_the_same_on_spark(duck: Workspace, spark: Workspace) -> None:
    """``fairshore kpis --json`` unchanged under FAIRSHORE_ENGINE=pyspark.

    The Spark run is a process of its own, as a user's is: it starts its own JVM, whose
    console output must not reach stdout and corrupt the JSON. DuckDB's runs in this
    process (nothing outside Python writes to its stdout)."""
    args = ["--home", str(duck.home), "kpis", "--engagement", "telco-krk"]
    args += ["--by", "month,language", "--from", "2026-06-01", "--to", "2026-08-31", "--json"]
    local = CliRunner().invoke(cli, args, env={"FAIRSHORE_ENGINE": "duckdb"})
    assert local.exit_code == 0, local.output
    exe = Path(sys.executable).with_name("fairshore")
    env = {
        **os.environ,
        "FAIRSHORE_ENGINE": "pyspark",
        "FAIRSHORE_SPARK_JAVA_OPTIONS": spark.settings.spark_java_options,
    }
    done = subprocess.run([str(exe), *args], env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    expected = json.loads(local.stdout)
    assert expected
    assert_same(expected, json.loads(done.stdout))


def test_spark_lists_a_lake_uri_through_hadoop(duck: Workspace, spark: Workspace) -> None:
    """A lake given as a URI is read through Hadoop's file systems (as s3a:// or hdfs://
    would be), file by file from the table's snapshot: a data file no commit added (a
    batch being published, or killed before its commit) stays unread."""
    lake = Lake(duck.lake, engine="pyspark", uri=f"file://{duck.lake.resolve()}")
    local = Lake(duck.lake, engine="duckdb")
    everything = local.table("agents", "telco-mnl").count().to_pyarrow().as_py()
    assert lake.table("agents", "telco-mnl").count().to_pyarrow().as_py() == everything
    committed = local.files("agents", "telco-mnl")[0]
    uncommitted = committed.with_name("b-not-committed.parquet")
    shutil.copyfile(committed, uncommitted)
    try:
        assert uncommitted not in local.files("agents", "telco-mnl")
        assert local.table("agents", "telco-mnl").count().to_pyarrow().as_py() == everything
        assert lake.table("agents", "telco-mnl").count().to_pyarrow().as_py() == everything
    finally:
        uncommitted.unlink()


def test_engine_functions_agree(duck: Workspace, spark: Workspace) -> None:
    """The temporal functions feature code uses, row by row (see docs/scale-out.md)."""

    def run(ws: Workspace) -> Any:
        t = Lake.from_settings(ws.settings).table("interactions", "telco-krk")
        t = t.filter(t.answered_at.notnull()).order_by("interaction_id").limit(500)
        expr = t.select(
            "interaction_id",
            epoch=t.answered_at.epoch_seconds() - t.arrived_at.epoch_seconds(),
            month=t.arrived_at.strftime("%Y-%m"),
            week=t.arrived_at.truncate("W"),
            day=t.arrived_at.date(),
            ms=t.answered_at.delta(t.arrived_at, unit="millisecond"),
            bucket=t.arrived_at.bucket(minutes=15),
            sample=stable_bucket(t.interaction_id, 1_000_000),
        ).order_by("interaction_id")
        return expr.to_pyarrow().to_pylist()

    a, b = both(duck, spark, run)
    assert len(a) == 500
    assert_same(a, b)


def test_spark_leaves_no_files_in_the_working_directory(spark: Workspace) -> None:
    """Warehouse, Derby and scratch files go to a temporary folder, never the cwd."""
    Lake.from_settings(spark.settings).table("interactions", "telco-mnl").count().to_pyarrow()
    left = [n for n in ("spark-warehouse", "metastore_db", "derby.log") if Path(n).exists()]
    assert not left


def test_spark_keeps_one_view_per_set_of_files(spark: Workspace) -> None:
    """Every read registers a temporary view in the process's one Spark session; reads of
    the same files share it, so a long-running server does not pile them up."""

    def views() -> set[str]:
        lake = Lake.from_settings(spark.settings)
        lake.table("agents", "telco-mnl").count().to_pyarrow()
        session = lake.con._session
        return {t.name for t in session.catalog.listTables() if t.name.startswith("fairshore_")}

    first = views()
    assert first and views() == first


def test_spark_lets_go_of_the_facts_it_kept(spark: Workspace) -> None:
    """The agent-month facts a people measure keeps in Spark's memory (a cached view,
    ``Lake.temporary``) are dropped and unpersisted once it is measured."""
    assert people.measure_training_hours(spark, "telco-blr", date(2026, 6, 1), date(2026, 8, 31))
    session = Lake.from_settings(spark.settings).con._session
    assert not [t for t in session.catalog.listTables() if t.name.startswith("fairshore_temp")]
    assert session._jsparkSession.sharedState().cacheManager().isEmpty()


def test_business_clock_agrees_at_the_edges_of_days_and_spans(
    duck: Workspace, spark: Workspace
) -> None:
    """Spark joins a contact with the spans of its UTC day only (``asof_join``'s ``days``):
    instants at a span's opening, a microsecond before the next one, at UTC midnights,
    over a weekend and a holiday, before the first span, after the last day listed and
    null get the same business clock as DuckDB's as-of join gives them."""
    office = BusinessCalendar(
        "a",
        "Asia/Kolkata",
        {d: (time(9), time(18)) for d in range(5)},
        frozenset({date(2026, 7, 15)}),
    )
    night = BusinessCalendar(
        "b", "America/Bogota", {d: (time(20), time(23, 59, 59)) for d in range(6)}
    )
    spans = calendar_table([office, night], date(2026, 6, 1), date(2026, 8, 1))
    us = timedelta(microseconds=1)
    moments: list[datetime | None] = [
        None,
        datetime(2020, 1, 1, tzinfo=UTC),
        END + timedelta(days=400),
    ]
    for d in range(0, 62, 3):
        midnight = START + timedelta(days=d)
        moments += [midnight - us, midnight, midnight + timedelta(hours=3, minutes=30)]
    for open_at in spans.to_pyarrow().column("_cal_open_at").to_pylist()[::5]:
        moments += [open_at - us, open_at, open_at + us]
    rows = [(k, m) for k in ("a", "b") for m in moments]
    instants = pa.table({
        "row": list(range(len(rows))),
        "engagement_id": [k for k, _ in rows],
        "t": pa.array([m for _, m in rows], pa.timestamp("us", tz="UTC")),
    })  # fmt: skip

    def run(ws: Workspace) -> Any:
        # on the engine's own connection: asof_join picks its way by the left's engine
        con = Lake.from_settings(ws.settings).con
        left = con.create_view("edge_instants", ibis.memtable(instants), overwrite=True)
        clocks = with_business_clock(left, spans, column="t", name="clock")
        return clocks.select("row", "clock").order_by("row").to_pyarrow().to_pylist()

    a, b = both(duck, spark, run)
    assert any(r["clock"] is None for r in a) and any(r["clock"] for r in a)
    assert_same(a, b)
