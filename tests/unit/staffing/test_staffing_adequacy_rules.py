"""Adequacy rules on hand-made interval measures (no I/O)."""

from __future__ import annotations

import numpy as np

from fairshore.staffing.adequacy import assess
from fairshore.staffing.coverage import Coverage
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


def test_partial_logged_in_hours_state_their_coverage_and_judge_nothing() -> None:
    # The understaffed month above, but logged-in hours reach only 12 of 40 handling
    # agents (a sample at demo scale): Erlang's expectation rests on too few agents.
    m = _hours(24, offered=100, within=30, seen=9)
    report = assess(
        m, engagement_id="e", interval_s=3600, target=StaffingTarget(),
        logged_in_hours={"2026-07": 9 * 24}, handle_share={"2026-07": 1.0},
        coverage={"2026-07": Coverage(reporting=12, handling=40)},
    )  # fmt: skip
    (july,) = report.months
    assert (july.agents_reporting_hours, july.agents_handling) == (12, 40)
    assert july.logged_in_coverage == 0.3 and not july.judged and not july.occupancy_judged
    assert report.findings == [] and all(r.flags == [] for r in report.intervals)
    assert report.notes == [july.note]
    assert "12 of the 40 agents who handled contacts (30.0 %, below 95.0 %)" in july.note
    # full coverage judges as before
    full = assess(
        m, engagement_id="e", interval_s=3600, target=StaffingTarget(),
        logged_in_hours={"2026-07": 9 * 24}, handle_share={"2026-07": 1.0},
        coverage={"2026-07": Coverage(reporting=40, handling=40)},
    )  # fmt: skip
    assert full.months[0].judged and len(full.findings) == 2


def test_sampled_hours_judge_occupancy_but_not_erlang() -> None:
    # telco-mnl at demo scale: every agent reports hours, but a 20 % sample of them
    # (34 h of 170 h paid each) with a 20 % sample of the contacts: occupancy stays
    # right, while Erlang on a fifth of the centre expects a far worse service level.
    m = _hours(24, offered=100, within=30, seen=9)
    report = assess(
        m, engagement_id="e", interval_s=3600, target=StaffingTarget(),
        logged_in_hours={"2026-07": 9 * 24}, handle_share={"2026-07": 1.0},
        coverage={"2026-07": Coverage(9, 9, logged_in_hours=9 * 34.0, paid_hours=9 * 170.0)},
    )  # fmt: skip
    (july,) = report.months
    assert july.logged_in_share_of_paid == 0.2
    assert not july.judged and july.occupancy_judged
    # measured alone: SL 30 % missed while agents were busy above the cap
    assert {f.key for f in report.findings} == {
        "staffing:e:understaffed",
        "people:e:occupancy",  # one condition, whichever capability sees it
    }
    short = next(f for f in report.findings if f.key.endswith("understaffed"))
    assert "Erlang's expectation is not used" in short.detail
    assert all(r.flags == ["occupancy_above_cap"] for r in report.intervals)
    assert report.notes == [
        "2026-07: logged-in hours are 20.0 % of the same agents' paid hours (306 h of "
        "1,530 h, below 50.0 %): a sample, so the expected service level (Erlang C, not "
        "scale-invariant) is not judged; occupancy is"
    ]


def test_no_handle_time_is_a_note_not_a_warning() -> None:
    # numpy's "All-NaN slice" RuntimeWarning used to stop 'report qbr' (warnings are errors)
    m = _hours(24, offered=100, within=90, seen=9)
    m = MeasuredIntervals(**{**m.__dict__, "handle_sum_s": np.zeros(24), "handle_n": np.zeros(24)})
    report = assess(m, engagement_id="e", interval_s=3600, target=StaffingTarget())
    assert report.months == [] and report.findings == []
    assert report.notes == ["no handle_seconds in the interactions: the load cannot be modelled"]
