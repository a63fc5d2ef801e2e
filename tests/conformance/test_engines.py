"""The same KPI, SLA-input, parity and welfare computations on DuckDB and on Spark.

Source of truth: DuckDB, the engine every other test of Fairshore checks against
published figures; Spark (``local[2]``) over the same lake must give the same numbers:
exact counts, floats to 1e-9 relative (``compare.REL``).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from fairshore.bootstrap import Workspace
from fairshore.metrics import services as metrics
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
        # FCR by repeat contact (a window function), weeks, variant 3
        ("telco-blr", ["language", "week"], KpiOptions(sl_variant=3, fcr_method="repeat_contact")),
        # 15-minute intervals, variant 2 and 4 figures ride along in every row
        ("telco-bog", ["seg_tier", "interval15"], KpiOptions(sl_variant=4, interval_minutes=15)),
        # no grouping at all
        ("telco-mnl", [], KpiOptions(sl_variant=2, fcr_method="no_reopen")),
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
