"""The roster spells behind attrition, tenure and in-house share are the rows counted.

On the hand-made roster of ``test_people_welfare`` (figures worked out there by hand:
January 4 in post at the start, a2 hired and gone, a3 leaving, so 2 leavers over
(4 + 3) / 2; in-house share 3 of 5 agents; 4 in post on 31 March), each drill-down's
figure, recomputed from the rows it lists by the counting rules written out in
``workforce``'s docstring, equals what ``people_report`` reports for the same period.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterator
from datetime import date, timedelta

import pytest

from fairshore.bootstrap import Workspace, init_workspace
from fairshore.config import load_settings
from fairshore.errors import InputError
from fairshore.metrics.periods import parse_period
from fairshore.people import services
from fairshore.people.roster_evidence import EvidenceSpell, SpellSample, spells_behind
from tests.integration.people.test_people_welfare import _write_roster

MONTHS = ["2026-01", "2026-02", "2026-03"]


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    ws = init_workspace(load_settings(home=tmp_path_factory.mktemp("spells") / "ws"))
    _write_roster(ws)
    yield ws
    ws.close()


def _all(ws: Workspace, measure: str, period: str, site: str | None = None) -> SpellSample:
    return spells_behind(
        ws, engagement_id="eng", measure=measure, period=period, site=site, limit=1000
    )


def _month_counts(rows: list[EvidenceSpell], first: date) -> tuple[int, int, int]:
    """Start and end headcount and leavers of the month from ``first``, by the rules of
    ``workforce``'s docstring (``left_on`` is the last day worked)."""
    last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    start = sum(r.hired_on < first and (r.left_on is None or r.left_on >= first) for r in rows)
    end = sum(r.hired_on <= last and (r.left_on is None or r.left_on > last) for r in rows)
    leavers = sum(r.left_on is not None and first <= r.left_on <= last for r in rows)
    return start, end, leavers


@pytest.mark.parametrize("month", MONTHS)
def test_a_months_attrition_is_its_leavers_over_its_headcount(ws: Workspace, month: str) -> None:
    report = services.people_report(ws, "eng", period=parse_period(month))
    [flow] = [m for m in report.workforce.monthly if m.group is None]
    sample = _all(ws, "attrition", month)
    start, end, leavers = _month_counts(sample.rows, parse_period(month).start)
    assert leavers == sample.flagged == sum(bool(r.flagged) for r in sample.rows)
    assert (start, end, leavers) == (flow.headcount_start, flow.headcount_end, flow.leavers)
    assert sample.headcount == (start, end)
    assert sample.figure == pytest.approx(leavers / ((start + end) / 2)) == flow.attrition
    assert sample.total == len(sample.rows)


def test_january_lists_a2_and_a3_as_leavers_with_their_batch(ws: Workspace) -> None:
    sample = _all(ws, "attrition", "2026-01")
    leavers = {(r.agent_ref, r.left_on) for r in sample.rows if r.flagged}
    assert leavers == {("a2", date(2026, 1, 20)), ("a3", date(2026, 1, 31))}
    assert sample.figure == pytest.approx(2 / 3.5)
    assert {tuple(r.batch_ids) for r in sample.rows} == {("test",)}


def test_the_twelve_months_attrition_is_recomputed_from_its_spells(ws: Workspace) -> None:
    report = services.people_report(ws, "eng", period=parse_period("2026-01..2026-03"))
    trailing = report.workforce.overall.trailing
    assert trailing is not None
    sample = _all(ws, "trailing_attrition", "2026-01..2026-03")
    assert sample.period == "2025-04..2026-03"
    months = [date(2025 + (3 + i) // 12, (3 + i) % 12 + 1, 1) for i in range(12)]
    counts = [_month_counts(sample.rows, m) for m in months]
    staffed = [(s + e) / 2 for s, e, _ in counts if s + e > 0]
    leavers = sum(n for _, _, n in counts)
    assert leavers == sample.flagged == trailing.leavers
    assert sum(staffed) / len(staffed) == pytest.approx(sample.average_headcount, abs=1e-4)
    rate = leavers / (sum(staffed) / len(staffed)) * 12 / len(staffed)
    assert sample.figure == pytest.approx(rate) == report.workforce.overall.annual_rate
    assert sample.figure == pytest.approx(12 / 19)  # as test_people_welfare worked it out


def test_tenure_rows_make_the_median_and_the_buckets(ws: Workspace) -> None:
    report = services.people_report(ws, "eng", period=parse_period("2026-01..2026-03"))
    sample = _all(ws, "tenure", "2026-01..2026-03")
    assert sample.period == "2026-03-31" and sample.flagged is None
    day = date(2026, 3, 31)
    assert [r.tenure_days for r in sample.rows] == [
        (day - r.hired_on).days + 1 for r in sample.rows
    ]
    listed = [r.tenure_days or 0 for r in sample.rows]
    assert statistics.median(listed) == sample.figure == report.workforce.median_tenure_days
    buckets = {b.bucket: b.agents for b in report.workforce.tenure if b.agents}
    assert {b: [r.tenure_bucket for r in sample.rows].count(b) for b in buckets} == buckets


@pytest.mark.parametrize("period", [*MONTHS, "2026-01..2026-03"])
def test_in_house_rows_make_the_share(ws: Workspace, period: str) -> None:
    report = services.people_report(ws, "eng", period=parse_period(period))
    sample = _all(ws, "in_house_share", period)
    employees = [r for r in sample.rows if r.employment_type == "employee"]
    assert [r.agent_ref for r in employees] == [r.agent_ref for r in sample.rows if r.flagged]
    assert len({r.agent_ref for r in sample.rows}) == sample.total == len(sample.rows)
    assert sample.figure == pytest.approx(len(employees) / len(sample.rows))
    assert sample.figure == pytest.approx(report.workforce.in_house_share)


def test_a_site_keeps_its_own_spells_and_bad_asks_are_clear_errors(ws: Workspace) -> None:
    assert _all(ws, "in_house_share", "2026-01", "site-mnl").total == 5
    assert _all(ws, "in_house_share", "2026-01", "elsewhere").total == 0
    with pytest.raises(InputError, match="no roster evidence"):
        _all(ws, "happiness", "2026-01")
    with pytest.raises(InputError, match="per month"):
        _all(ws, "attrition", "2026-01..2026-03")
