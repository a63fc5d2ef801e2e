"""Staffing search: published staffing examples and agreement with a per-interval search."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fairshore.errors import InputError
from fairshore.staffing.erlang import erlang_c
from fairshore.staffing.forecast import read_forecast
from fairshore.staffing.model import StaffingTarget
from fairshore.staffing.services import evaluate_queue, plan_staffing
from fairshore.staffing.staffing import required_agents

TARGET = StaffingTarget(service_level=0.8, threshold_s=20, max_occupancy=0.85, shrinkage=0.3)


def test_e1_staffing_pyworkforce() -> None:
    # E1: SL >= 80 %, occupancy <= 85 %, 30 % shrinkage -> 14 agents, 20 scheduled
    r = required_agents(100, aht_s=180, interval_s=1800, target=TARGET)
    assert (int(r.agents), int(r.scheduled_agents)) == (14, 20)


def test_e2_staffing_call_center_tools() -> None:
    # E2: 1000 calls/h, AHT 120 s -> 40 agents (occupancy-bound), 58 scheduled
    m = evaluate_queue(calls=1000, interval_min=60, aht_s=120, target=TARGET)
    assert (m.agents, m.scheduled_agents) == (40, 58)
    assert m.service_level == pytest.approx(0.9372, abs=5e-5)
    assert m.occupancy == pytest.approx(0.8333, abs=5e-5)


def _slow_search(calls: float, aht: float, interval: float, t: StaffingTarget) -> int:
    if calls == 0:
        return 0
    n = int(calls * aht / interval) + 1  # fewer agents than the load are overloaded: SL = 0
    while True:
        r = erlang_c(calls, agents=n, aht_s=aht, interval_s=interval, threshold_s=t.threshold_s)
        ok = float(r.service_level) >= t.service_level
        ok = ok and (t.max_asa_s is None or float(r.asa_s) <= t.max_asa_s)
        ok = ok and (t.max_occupancy is None or float(r.occupancy) <= t.max_occupancy)
        if ok:
            return n
        n += 1


@settings(max_examples=25, deadline=None)
@given(
    calls=st.lists(st.one_of(st.just(0.0), st.floats(0.01, 3000)), min_size=1, max_size=12),
    aht=st.floats(30, 900),
    asa=st.one_of(st.none(), st.floats(5, 60)),
    cap=st.one_of(st.none(), st.floats(0.6, 0.95)),
)
def test_vectorised_search_equals_agent_by_agent_search(
    calls: list[float], aht: float, asa: float | None, cap: float | None
) -> None:
    t = StaffingTarget(service_level=0.8, threshold_s=20, max_asa_s=asa, max_occupancy=cap)
    got = required_agents(np.asarray(calls), aht_s=aht, interval_s=1800, target=t).agents
    want = [_slow_search(c, aht, 1800, t) for c in calls]
    assert list(got) == want


def test_erlang_a_staffing_needs_no_more_than_erlang_c() -> None:
    calls = np.array([50.0, 200.0, 800.0])
    c = required_agents(calls, aht_s=300, interval_s=1800, target=StaffingTarget())
    a = required_agents(calls, aht_s=300, interval_s=1800, target=StaffingTarget(patience_s=120))
    assert np.all(a.agents <= c.agents)
    assert np.all(a.measures.service_level >= 0.8)


def test_year_of_intervals_in_one_call() -> None:
    rng = np.random.default_rng(3)
    calls = rng.uniform(0, 500, 35_040)
    r = required_agents(calls, aht_s=300, interval_s=900, target=TARGET)
    assert r.agents.shape == (35_040,)
    assert np.all(r.measures.service_level[calls > 0] >= 0.8)


def test_plan_totals() -> None:
    plan = plan_staffing(
        ["09:00", "09:30"], np.array([100.0, 0.0]), np.array([180.0, 180.0]),
        interval_min=30, target=TARGET,
    )  # fmt: skip
    assert [r.agents for r in plan.intervals] == [14, 0]
    assert plan.peak_scheduled_agents == 20
    assert plan.scheduled_agent_hours == pytest.approx(10.0)


def test_forecast_csv(tmp_path: Path) -> None:
    f = tmp_path / "f.csv"
    f.write_text("interval,contacts,aht_s\n2026-07-01T09:00,100,180\n2026-07-01T09:15,80,200\n")
    fc = read_forecast(f)
    assert fc.interval_min == 15
    assert list(fc.contacts) == [100, 80]
    f.write_text("interval,contacts,aht_s\n09:00,100,180\n09:15,lots,200\n")
    with pytest.raises(InputError, match=r"f.csv:3: contacts 'lots' is not a number"):
        read_forecast(f)
    f.write_text("interval,calls\n09:00,100\n")
    with pytest.raises(InputError, match="missing column"):
        read_forecast(f)
