"""The agent-months behind a welfare figure are the rows the figure counted.

On the hand-made roster of ``test_people_welfare`` (figures worked out there by hand),
each drill-down's figure, recomputed from the rows it lists, equals what
``people_report`` reports for the same period: overtime and hour checks per month,
training hours per month, occupancy per month, and each site's share of agents below
the living wage over a month and over the whole period.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from fairshore.bootstrap import Workspace, init_workspace
from fairshore.config import load_settings
from fairshore.errors import InputError
from fairshore.metrics.periods import parse_period
from fairshore.people import services
from fairshore.people.evidence import HOUR_FLAGS, AgentMonthSample, agent_months_behind
from tests.integration.people.test_people_welfare import AFW, _write_roster

MONTHS = ["2026-01", "2026-02", "2026-03"]


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    ws = init_workspace(load_settings(home=tmp_path_factory.mktemp("behind") / "ws"))
    _write_roster(ws)
    yield ws
    ws.close()


def _all(ws: Workspace, measure: str, period: str, site: str | None = None) -> AgentMonthSample:
    return agent_months_behind(
        ws, engagement_id="eng", measure=measure, period=period, site=site, limit=1000
    )


@pytest.mark.parametrize("month", MONTHS)
def test_hours_training_and_occupancy_rows_make_the_month_figures(
    ws: Workspace, month: str
) -> None:
    report = services.people_report(ws, "eng", period=parse_period(month))
    [hours] = report.hours.monthly
    for measure in HOUR_FLAGS:
        sample = _all(ws, measure, month)
        flagged = [r for r in sample.rows if r.flagged]
        assert len(flagged) == getattr(hours, measure) == sample.figure
        assert sample.total == len(sample.rows) == hours.agent_months
    breach = _all(ws, "hours_breach", month)
    assert breach.figure == pytest.approx(report.hours.breach_share)
    assert breach.flagged == sum(r.flagged is True for r in breach.rows)
    training = _all(ws, "training_hours", month)
    listed = [r.values["training_hours"] or 0.0 for r in training.rows]
    mean = sum(listed) / len(listed) if listed else None
    assert training.figure == pytest.approx(hours.training_hours_mean) == mean
    occ = _all(ws, "occupancy", month)
    [occ_month] = report.occupancy.monthly
    logged = sum(r.values["logged_in_hours"] or 0 for r in occ.rows)
    assert logged == pytest.approx(occ_month.logged_in_hours)
    assert occ.figure == pytest.approx(occ_month.occupancy)


def test_march_overtime_is_a5_with_its_batch(ws: Workspace) -> None:
    # a5: 60 h overtime in March, about 13.5 h a week, over SA8000's 12 h
    sample = _all(ws, "overtime_over_limit", "2026-03")
    [row] = [r for r in sample.rows if r.flagged]
    assert (row.agent_ref, row.values["overtime_hours"], row.batch_ids) == ("a5", 60.0, ["test"])


@pytest.mark.parametrize("period", [*MONTHS, "2026-01..2026-03"])
def test_living_wage_rows_make_the_site_share(ws: Workspace, period: str) -> None:
    report = services.people_report(ws, "eng", period=parse_period(period))
    [site] = report.pay.sites
    sample = _all(ws, "living_wage", period, "site-mnl")
    agents = {r.agent_ref for r in sample.rows}
    below = {r.agent_ref for r in sample.rows if (r.values["mean_pay"] or 0.0) < AFW}
    assert len(agents) == site.agents
    assert len(below) == site.agents_below_living_wage
    assert sample.figure == pytest.approx(site.share_below_living_wage)
    assert sample.total == site.agent_months


def test_unknown_measure_and_site_occupancy_are_clear_errors(ws: Workspace) -> None:
    with pytest.raises(InputError, match="no agent-month evidence"):
        _all(ws, "happiness", "2026-01")
    with pytest.raises(InputError, match="per engagement"):
        _all(ws, "occupancy", "2026-01", "site-mnl")
