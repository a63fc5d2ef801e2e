"""Adequacy rules on hand-made interval measures (no I/O)."""

from __future__ import annotations

import numpy as np

from fairshore.staffing.adequacy import assess
from fairshore.staffing.measured import MeasuredIntervals
from fairshore.staffing.model import StaffingTarget

JULY_1 = 1782864000  # 2026-07-01T00:00:00Z


def _hours(n: int, *, offered: float, within: float, seen: float) -> MeasuredIntervals:
    start = JULY_1 + 3600 * np.arange(n)
    full = np.full(n, offered)
    return MeasuredIntervals(
        start_s=start.astype(np.int64),
        offered=full,
        answered=full,
        abandoned=np.zeros(n),
        answered_within=np.full(n, within),
        handle_sum_s=full * 300.0,
        handle_n=full,
        agents_seen=np.full(n, seen),
    )


def test_missed_sl_with_idle_agents_is_not_a_headcount_finding() -> None:
    # 100 calls/h x 300 s = 8.33 Erlangs on 4 agents seen... but logged-in time says 20
    m = _hours(24, offered=100, within=60, seen=4)
    report = assess(
        m, engagement_id="e", interval_s=3600, target=StaffingTarget(),
        logged_in_hours={"2026-07": 20 * 24}, handle_share={"2026-07": 1.0},
    )  # fmt: skip
    assert report.months[0].measured_occupancy is not None
    assert report.months[0].measured_occupancy < 0.75
    assert report.findings == []


def test_busy_agents_missing_the_target_are_understaffed() -> None:
    m = _hours(24, offered=100, within=30, seen=9)
    report = assess(
        m, engagement_id="e", interval_s=3600, target=StaffingTarget(),
        logged_in_hours={"2026-07": 9 * 24}, handle_share={"2026-07": 1.0},
    )  # fmt: skip
    assert {f.key for f in report.findings} == {
        "staffing:e:understaffed",
        "people:e:occupancy",
    }
    assert {f.period for f in report.findings} == {"2026-07"}
    assert all(r.flags == ["understaffed", "occupancy_above_cap"] for r in report.intervals)


def test_a_model_alone_raises_no_finding() -> None:
    # Erlang expects a miss on 9 agents, but the measured SL met the target
    m = _hours(24, offered=100, within=90, seen=9)
    report = assess(
        m, engagement_id="e", interval_s=3600, target=StaffingTarget(max_occupancy=0.95),
        logged_in_hours={"2026-07": 9 * 24}, handle_share={"2026-07": 1.0},
    )  # fmt: skip
    assert report.months[0].expected_service_level < 0.8
    assert report.findings == []
