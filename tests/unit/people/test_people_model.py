from __future__ import annotations

from datetime import date

import pytest

from fairshore.people.model import FlowMonth
from fairshore.people.workforce import attrition_rate, summarise


def test_attrition_formulas() -> None:
    # kpi-definitions.md: leavers / ((start + end) / 2); simple 12 m; compound 1 - (1 - m)^12
    assert attrition_rate(3, 100, 100) == pytest.approx(0.03)
    assert attrition_rate(0, 0, 0) is None
    flows = [
        FlowMonth(
            month=date(2026, m, 1),
            headcount_start=100,
            headcount_end=100,
            hires=3,
            leavers=3,
            early_leavers=1,
            attrition=0.03,
        )
        for m in range(1, 13)
    ]
    s = summarise(flows)
    assert s.monthly_rate == pytest.approx(0.03)
    assert s.annualised_simple == pytest.approx(0.36)
    assert s.annualised_compound == pytest.approx(1 - 0.97**12)  # 30.6 %
    assert s.early_share_of_leavers == pytest.approx(1 / 3)


def test_thresholds_from_contract_clauses() -> None:
    from fairshore.people.model import WelfareThresholds

    clauses = {"max_occupancy": 0.85, "max_attrition": 0.45, "living_wage_floor": 1.0,
               "min_training_hours": 4, "min_in_house_share": None}  # fmt: skip
    t = WelfareThresholds.from_clauses(clauses)
    assert (t.max_occupancy, t.max_attrition, t.min_training_hours) == (0.85, 0.45, 4)
    assert t.min_in_house_share is None
