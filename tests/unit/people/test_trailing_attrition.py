"""Attrition over the trailing twelve months, as SHRM defines annual turnover.

SHRM, "How to Determine Turnover Rate" (shrm.org how-to guide; quoted in
/work/shared/reference/ethics-standards.md): annual turnover = separations in the
twelve months / the average number of employees over them. The example below is
computed by hand from that definition, month by month.
"""

from __future__ import annotations

from datetime import date

import pytest

from fairshore.people import clauses
from fairshore.people.model import FlowMonth
from fairshore.people.workforce import period_attrition, trailing_attrition, trailing_months

# (start headcount, hires, leavers) of Aug 2025 .. Jul 2026; end = start + hires - leavers
YEAR = [(100, 5, 4), (101, 2, 3), (100, 10, 2), (108, 0, 6), (102, 4, 4), (102, 6, 2),
        (106, 0, 30), (76, 20, 2), (94, 6, 3), (97, 3, 3), (97, 5, 1), (101, 0, 4)]  # fmt: skip


def _flows(year: list[tuple[int, int, int]]) -> list[FlowMonth]:
    months = trailing_months(date(2026, 7, 1))
    return [
        FlowMonth(
            month=m,
            headcount_start=s,
            headcount_end=s + h - lv,
            hires=h,
            leavers=lv,
            early_leavers=0,
            attrition=None,
        )
        for m, (s, h, lv) in zip(months, year, strict=True)
    ]


def test_twelve_months_to_july() -> None:
    assert trailing_months(date(2026, 7, 31)) == [
        date(2025, 8 + i, 1) if i < 5 else date(2026, i - 4, 1) for i in range(12)
    ]


def test_trailing_attrition_matches_the_hand_computed_shrm_example() -> None:
    ttm = trailing_attrition(_flows(YEAR), date(2026, 7, 1))
    # monthly averages (start + end) / 2: 100.5, 100.5, 104, 105, 102, 104, 91, 85,
    # 95.5, 97, 99, 99 -> sum 1182.5, mean 98.5417; separations 64
    assert ttm.leavers == 64
    assert ttm.average_headcount == pytest.approx(1182.5 / 12, abs=1e-4)
    assert ttm.rate == pytest.approx(64 / (1182.5 / 12))  # 64.9 %
    assert ttm.complete and (ttm.first_month, ttm.last_month) == (date(2025, 8, 1),
                                                                   date(2026, 7, 1))  # fmt: skip


def test_one_bad_month_annualised_is_a_trend_not_the_verdict() -> None:
    flows = _flows(YEAR)
    february = period_attrition(flows, [date(2026, 2, 1)])
    # February alone: 30 leavers over 91 -> 33 % a month, 396 % "annualised"
    assert february.annualised_simple == pytest.approx(12 * 30 / 91)
    # the verdict: the twelve months to February (Mar 2025 .. Feb 2026; the months
    # before August 2025 had nobody in post here, so it is part of a year)
    assert february.trailing is not None and not february.trailing.complete
    measured = clauses.attrition(february.trailing)
    assert measured is not None and measured.insufficient.startswith("agents in post in 7 of")
    july = clauses.attrition(trailing_attrition(flows, date(2026, 7, 1)))
    assert july is not None and july.insufficient == ""
    assert july.value == pytest.approx(0.6495, abs=1e-4)


def test_part_of_a_year_is_annualised_from_its_months() -> None:
    ttm = trailing_attrition(_flows(YEAR)[:4], date(2026, 7, 1))  # Aug .. Nov 2025 only
    # 15 leavers over a mean of 102.5 in 4 months -> x 12 / 4
    assert ttm.months_with_headcount == 4 and not ttm.complete
    assert ttm.rate == pytest.approx(15 / 102.5 * 3)
