"""Fairshore's Erlang C staffing against PyPI call-center-tools on the same inputs.

call-center-tools (Ivan Perehiniak) computes Erlang C with its own reciprocal
recursion and searches agents one by one; nobody here wrote it.
"""

from __future__ import annotations

import pytest
from call_center_tools.staffing import calc_staffing
from hypothesis import given, settings
from hypothesis import strategies as st

from fairshore.staffing.model import StaffingTarget
from fairshore.staffing.services import evaluate_queue


@settings(max_examples=60, deadline=None)
@given(
    calls=st.floats(5, 3000),
    aht=st.floats(60, 900),
    target_s=st.sampled_from([10.0, 20.0, 30.0, 60.0]),
    sl=st.sampled_from([0.7, 0.8, 0.9]),
    occupancy=st.sampled_from([0.8, 0.85, 0.9]),
    shrinkage=st.sampled_from([0.2, 0.3, 0.35]),
)
def test_staffing_matches_call_center_tools(
    calls: float, aht: float, target_s: float, sl: float, occupancy: float, shrinkage: float
) -> None:
    theirs = calc_staffing(
        calls, aht, max_occupancy=occupancy, target_answer_time=target_s,
        target_service_level=sl, shrinkage=shrinkage,
    )  # fmt: skip
    target = StaffingTarget(
        service_level=sl, threshold_s=target_s, max_occupancy=occupancy, shrinkage=shrinkage
    )
    ours = evaluate_queue(calls=calls, interval_min=60, aht_s=aht, target=target)
    assert ours.agents == theirs.agents
    exact = theirs.agents / (1 - shrinkage)
    if abs(exact - round(exact)) > 1e-9:
        assert ours.scheduled_agents == theirs.agents_with_shrinkage
    else:  # e.g. 21 / 0.7: their float ceil gives 31, the exact answer is 30
        assert ours.scheduled_agents == round(exact)
    assert ours.p_wait == pytest.approx(theirs.wait_probability, rel=1e-9, abs=1e-12)
    assert ours.service_level == pytest.approx(theirs.service_level, rel=1e-9)
    assert ours.asa_s == pytest.approx(theirs.average_speed_of_answer, rel=1e-9, abs=1e-12)
    assert ours.occupancy == pytest.approx(theirs.occupancy, rel=1e-9)
