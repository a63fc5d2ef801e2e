"""Living-wage benchmarks from reference/living-wages.csv, with their caveats."""

from __future__ import annotations

import pytest

from fairshore.costs.living_wage import (
    benchmark_table,
    living_wage_benchmark,
    to_monthly,
)
from fairshore.errors import ScenarioError


def test_table_is_shipped_whole() -> None:
    rows = benchmark_table()
    assert len(rows) == 110  # reference/living-wages.csv (107) + 3 figures of 2026 its notes state
    assert {r.period for r in rows} <= {"hour", "day", "month", "year"}


def test_manila_uses_the_per_worker_asia_floor_wage_not_household_totals() -> None:
    b = living_wage_benchmark("Manila (Metro Manila)", as_of_year=2026)
    assert (b.monthly, b.currency, b.year) == (36218.58, "PHP", 2024)
    assert "floorwage" in b.source
    assert b.warnings == ["no figure for 2026: falling back to the latest earlier year, 2024"]
    household = [r for r in benchmark_table() if r.household]
    assert any(r.location == "Manila (Metro Manila)" for r in household)


def test_krakow_stale_living_wage_is_floored_by_the_minimum_wage() -> None:
    b = living_wage_benchmark("Kraków", as_of_year=2026)
    assert (b.metric, b.monthly, b.currency) == ("minimum_wage", 4806.0, "PLN")
    assert any("below the minimum wage" in w for w in b.warnings)


def test_bogota_is_labelled_rural_and_single_rows_are_ranges() -> None:
    b = living_wage_benchmark("Bogotá", as_of_year=2026)
    assert any("rural" in w for w in b.warnings)
    row = next(
        r
        for r in benchmark_table()
        if r.location == "Bengaluru" and r.metric == "living_wage_single"
    )
    assert row.monthly("mid") == pytest.approx((7360 + 11600) / 2)
    assert row.monthly("high") == 11600
    warnings = row.warnings(as_of_year=2026)
    assert any("stale" in w for w in warnings)
    assert any("range 7,360-11,600" in w for w in warnings)
    # the 2019 single-adult figure is below Karnataka's minimum wage, which becomes the floor
    single = living_wage_benchmark("Bengaluru", metric="living_wage_single", as_of_year=2026)
    assert (single.metric, single.monthly) == ("minimum_wage", 15106.23)


def test_periods_convert_to_a_month() -> None:
    assert to_monthly(12, "year") == 1
    assert to_monthly(10, "hour") == pytest.approx(10 * 40 * 52 / 12)
    assert to_monthly(100, "day") == pytest.approx(100 * 261 / 12)
    with pytest.raises(ScenarioError):
        to_monthly(1, "fortnight")


def test_unknown_location() -> None:
    with pytest.raises(ScenarioError, match="no benchmark for location 'Atlantis'"):
        living_wage_benchmark("Atlantis", as_of_year=2026)
