"""Adequacy of a live engagement from the lake: July understaffed, June fine."""

from __future__ import annotations

import shutil
from datetime import date

import pytest

from fairshore.bootstrap import Workspace
from fairshore.errors import StaffingError
from fairshore.staffing.model import StaffingTarget
from fairshore.staffing.services import check_adequacy, plan_from_lake
from tests.integration.staffing.conftest import _month

ENGAGEMENT = "telco-test"  # written by the staffed_lake fixture (conftest.py)


def test_adequacy_flags_the_understaffed_month(staffed_lake: Workspace) -> None:
    report = check_adequacy(staffed_lake, ENGAGEMENT)
    by_month = {m.month: m for m in report.months}
    assert set(by_month) == {"2026-06", "2026-07"}
    june, july = by_month["2026-06"], by_month["2026-07"]
    # 100 calls/h x 300 s = 8.33 Erlangs; June rosters 13 agents, July 8.8
    assert june.mean_agents == pytest.approx(13.0)
    assert july.mean_agents == pytest.approx(8.8)
    assert june.measured_occupancy == pytest.approx(8.3333 / 13, rel=1e-3)
    assert july.measured_occupancy == pytest.approx(8.3333 / 8.8, rel=1e-3)
    assert july.expected_service_level < 0.8 < june.expected_service_level
    keys = {f.key for f in report.findings}
    assert keys == {
        f"staffing:{ENGAGEMENT}:understaffed",
        f"people:{ENGAGEMENT}:occupancy",  # the one occupancy condition, whoever measures it
    }
    assert all(f.source == "staffing" and f.period == "2026-07" for f in report.findings)
    assert all(r.agents_source == "agent_months" for r in report.intervals)


def test_sampled_logged_in_hours_give_coverage_and_no_verdict(workspace: Workspace) -> None:
    # July's agent_months cover 3 of the 9 agents handling calls (sampled, as in the demo):
    # their hours alone would make Erlang expect a far lower service level than measured.
    _month(workspace.lake, date(2026, 7, 1), agents=9, logged_hours=8.8 * 120.0, seed=2,
           reporting=3)  # fmt: skip
    report = check_adequacy(workspace, ENGAGEMENT)
    (july,) = report.months
    assert (july.agents_reporting_hours, july.agents_handling) == (3, 9)
    assert not july.judged and report.findings == []
    assert report.notes == [
        "2026-07: logged-in hours reported for 3 of the 9 agents who handled contacts "
        "(33.3 %, below 95.0 %): rostered agents undercounted, expected service level and "
        "occupancy not judged"
    ]


def test_adequacy_without_agent_months_uses_agents_seen(staffed_lake: Workspace) -> None:
    shutil.rmtree(staffed_lake.lake / "agent_months")  # the table and its log
    report = check_adequacy(staffed_lake, ENGAGEMENT)
    assert all(r.agents_source == "seen_handling" for r in report.intervals)
    assert any(f.period == "2026-07" for f in report.findings)


def test_plan_from_measured_arrivals(staffed_lake: Workspace) -> None:
    plan = plan_from_lake(
        staffed_lake, ENGAGEMENT, target=StaffingTarget(shrinkage=0.3), interval_min=60
    )
    assert len(plan.intervals) == 240
    assert {r.agents for r in plan.intervals} <= {11, 12, 13}


def test_no_data_is_a_clear_error(workspace: Workspace) -> None:
    with pytest.raises(StaffingError, match="ingest them first"):
        check_adequacy(workspace, "nobody")
