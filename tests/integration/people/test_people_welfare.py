"""Welfare metrics on a hand-made roster written as Parquet into a workspace lake.

Roster (site Manila, living wage = Asia Floor Wage 2024, 36,218.58 PHP/month):
a1 in post since 2025, 40,000 PHP; a2 hired 5 Jan and gone 20 Jan (same month, early);
a3 leaves 31 Jan and is rehired 1 Mar, 37,000 PHP; a4 part-time (87 h) at 19,000 PHP,
i.e. 38,000 PHP full-time equivalent; a5 contractor at 20,000 PHP with no February row.
Expected figures are worked out by hand in the comments.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from fairshore.bootstrap import Workspace, init_workspace
from fairshore.config import load_settings
from fairshore.errors import InputError
from fairshore.metrics.periods import parse_period
from fairshore.people import services
from fairshore.people.model import PeopleReport, WelfareThresholds
from tests.integration.people.people_lake import (
    Writer,
    agent,
    call,
    month_row,
    setup_engagement,
    write_rows,
)

JAN, FEB, MAR = date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)
BASIC_CLAUSES = {
    "min_training_hours", "max_occupancy", "living_wage_floor", "max_attrition",
    "min_in_house_share",
}  # fmt: skip
AFW = 36218.58


def _write_roster(workspace: Workspace) -> None:
    def lake_writer(table: str, engagement_id: str, rows: list[dict[str, object]]) -> None:
        write_rows(workspace.lake, table, engagement_id, rows)

    setup_engagement(workspace)
    lake_writer(
        "agents",
        "eng",
        [
            agent("a1", date(2025, 6, 1)),
            agent("a2", date(2026, 1, 5), date(2026, 1, 20), employment_type="agency",
                  exit_reason="voluntary"),
            agent("a3", date(2025, 3, 1), date(2026, 1, 31), exit_reason="voluntary"),
            agent("a3", date(2026, 3, 1)),
            agent("a4", date(2025, 9, 1)),
            agent("a5", date(2025, 1, 1), employment_type="contractor"),
        ],
    )  # fmt: skip
    rows = [month_row("a1", m, gross_pay=40000.0, logged_in_hours=100.0) for m in (JAN, FEB, MAR)]
    rows[1] = month_row("a1", FEB, gross_pay=40000.0, logged_in_hours=100.0, days_off=3)
    rows += [
        month_row("a2", JAN, gross_pay=9000.0, paid_hours=80.0, logged_in_hours=100.0),
        month_row("a3", JAN, gross_pay=37000.0, logged_in_hours=100.0),
        month_row("a3", MAR, gross_pay=37000.0, logged_in_hours=100.0),
        *[
            month_row("a4", m, gross_pay=19000.0, paid_hours=87.0, logged_in_hours=100.0)
            for m in (JAN, FEB, MAR)
        ],
        month_row("a5", JAN, gross_pay=20000.0, logged_in_hours=100.0),
        month_row("a5", MAR, gross_pay=20000.0, logged_in_hours=100.0, overtime_hours=60.0,
                  max_weekly_hours=62.0),
    ]  # fmt: skip
    lake_writer("agent_months", "eng", rows)
    calls = [
        call(datetime(2026, 1, 10, 9), 250 * 3600.0),
        call(datetime(2026, 2, 10, 9), 100 * 3600.0),
    ]
    calls += [call(datetime(2026, 3, d, 9), 95 * 3600.0, d) for d in (2, 3, 4, 5)]
    lake_writer("interactions", "eng", calls)


@pytest.fixture(scope="module")
def roster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    """One workspace for the read-only tests of this module (reports are slow to build)."""
    ws = init_workspace(load_settings(home=tmp_path_factory.mktemp("people") / "ws"))
    _write_roster(ws)
    yield ws
    ws.close()


@pytest.fixture(scope="module")
def report(roster: Workspace) -> PeopleReport:
    return services.people_report(roster, "eng")


@pytest.fixture
def own_roster(workspace: Workspace) -> Workspace:
    _write_roster(workspace)
    return workspace


def test_the_report_leaves_no_temporary_table(roster: Workspace, report: PeopleReport) -> None:
    """Its measures read the agent-month facts from a temporary table of the engine
    (``sources.month_facts``), dropped once the report is made."""
    assert report.hours.agent_months > 0
    left = roster.lake_reader.con.raw_sql("SELECT count(*) FROM duckdb_tables() WHERE temporary")
    assert left.fetchall() == [(0,)]


def test_headcount_flows_with_same_month_exit_and_rehire(report: PeopleReport) -> None:
    r = report
    assert r.period.label == "2026-01..2026-03"
    got = [(m.headcount_start, m.hires, m.leavers, m.headcount_end) for m in r.workforce.monthly]
    # Jan: a1 a3 a4 a5 in post; a2 hired and gone; a3 leaves -> 4 + 1 - 2 = 3
    # Mar: a3 rehired -> 3 + 1 = 4
    assert got == [(4, 1, 2, 3), (3, 0, 0, 3), (3, 1, 0, 4)]
    assert [m.early_leavers for m in r.workforce.monthly] == [1, 0, 0]
    o = r.workforce.overall
    # average headcount (3.5 + 3 + 3.5) / 3; m = 2 / (10/3 x 3) = 0.2
    assert o.average_headcount == pytest.approx(10 / 3, abs=1e-4)
    assert o.monthly_rate == pytest.approx(0.2)
    assert o.annualised_simple == pytest.approx(2.4)
    assert o.annualised_compound == pytest.approx(1 - 0.8**12)
    assert o.annual_rate == pytest.approx(12 / 19)  # see test_clause_providers
    assert o.early_share_of_leavers == pytest.approx(0.5)
    agency = {s.group: s for s in r.workforce.by_employment_type}["agency"]
    assert (agency.hires, agency.leavers, agency.early_leavers) == (1, 1, 1)


def test_employment_model_tenure_and_gaps(report: PeopleReport) -> None:
    r = report
    shares = {e.employment_type: e.agents for e in r.workforce.employment_model}
    assert shares == {"employee": 3, "agency": 1, "contractor": 1}
    assert r.workforce.in_house_share == pytest.approx(0.6)
    assert sum(b.agents for b in r.workforce.tenure) == 4  # in post on 31 Mar
    assert {b.bucket: b.agents for b in r.workforce.tenure}["under 90 days"] == 1  # a3 rehired
    # a5 has no February row: a missing month is reported, not silently skipped
    assert "1 roster agent-months have no hours or pay reported" in r.data_gaps


def test_underpaying_vendor_is_found_and_part_timer_is_not(report: PeopleReport) -> None:
    r = report
    (site,) = r.pay.sites
    assert site.benchmark is not None and site.benchmark.floor_monthly == AFW
    # full months compared: a1 40,000; a3 37,000; a4 19,000 x 174 / 87 = 38,000; a5 20,000
    assert site.agents == 4
    assert site.agents_below_living_wage == 1
    assert site.share_below_living_wage == pytest.approx(0.25)
    assert site.share_below_minimum == 0
    assert site.mean_gap == pytest.approx(AFW - 20000)
    assert site.mean_gap_pct == pytest.approx((AFW - 20000) / AFW)
    assert site.lowest_ratio == pytest.approx(20000 / AFW)
    # hourly from paid hours: a1 40000/174, a3 37000/174, a4 19000/87, a5 20000/174
    assert site.floor_hourly == pytest.approx(AFW / 174)
    assert site.median_hourly_pay == pytest.approx((37000 / 174 + 19000 / 87) / 2)
    assert site.share_below_floor_hourly == pytest.approx(0.25)
    pay = [f for f in r.findings if f.source == "pay"]
    assert [f.key for f in pay] == ["pay:eng:site-mnl:living_wage"]
    assert pay[0].severity == "major"
    assert "floorwage" in str(pay[0].evidence["benchmark"])


def test_below_minimum_wage_is_critical(workspace: Workspace, lake_writer: Writer) -> None:
    setup_engagement(workspace)
    lake_writer("agents", "eng", [agent("a1", date(2025, 1, 1)), agent("a2", date(2025, 1, 1))])
    lake_writer(
        "agent_months",
        "eng",
        [month_row("a1", JAN, gross_pay=12000.0), month_row("a2", JAN, currency="USD")],
    )
    (r,) = services.people_reports(workspace).values()
    keys = {f.key: f.severity for f in r.findings}
    assert keys["pay:eng:site-mnl:minimum_wage"] == "critical"
    (site,) = r.pay.sites
    assert site.agents == 1  # the month paid in USD is not compared with PHP figures
    assert any("another currency" in w for w in site.warnings)


def test_over_occupancy_month_is_found(report: PeopleReport) -> None:
    r = report
    occ = {m.month: m.occupancy for m in r.occupancy.monthly}
    # handle 250, 100, 380 h over logged-in 500, 200, 400 h
    assert occ == pytest.approx({JAN: 0.5, FEB: 0.5, MAR: 0.95})
    assert r.occupancy.months_over_threshold == [MAR]
    [over] = [f for f in r.findings if f.key == "people:eng:occupancy"]
    assert over.period == "2026-03" and over.value == pytest.approx(0.95)


def test_sa8000_hours_and_contract_thresholds(roster: Workspace) -> None:
    limits = WelfareThresholds(min_training_hours=6, max_attrition=0.4, min_in_house_share=0.8)
    r = services.people_report(roster, "eng", thresholds=limits)
    mar = {m.month: m for m in r.hours.monthly}[MAR]
    # a5 in March: 60 h overtime / (31/7 weeks) = 13.5 h/week; 62 - 13.5 = 48.5 regular
    assert (mar.overtime_over_limit, mar.regular_over_limit, mar.longest_week_over_limit) == (
        1,
        1,
        1,
    )
    assert {m.month: m for m in r.hours.monthly}[FEB].too_few_days_off == 1  # 3 < 28 // 7
    assert r.hours.agents_in_breach == 2
    assert r.hours.training_hours_mean == pytest.approx(4.0)
    keys = {f.key for f in r.findings}
    assert {
        "people:eng:working_hours", "people:eng:training",
        "people:eng:attrition", "people:eng:in_house_share",
    } <= keys  # fmt: skip


def test_period_filter(roster: Workspace) -> None:
    r = services.people_report(roster, "eng", period=parse_period("2026-02"))
    assert [m.month for m in r.workforce.monthly] == [FEB]
    assert r.occupancy.overall == pytest.approx(0.5)


def test_clause_providers(roster: Workspace) -> None:
    p = {k: f for k, f in services.CLAUSE_PROVIDERS.items() if k in BASIC_CLAUSES}
    assert set(services.CLAUSE_PROVIDERS) >= BASIC_CLAUSES
    args = (roster, "eng", JAN, date(2026, 3, 31))
    values = {k: f(*args) for k, f in p.items()}
    assert values["living_wage_floor"].value == pytest.approx(20000 / AFW)  # type: ignore[union-attr]
    # the twelve months Apr 2025 .. Mar 2026 (SHRM): monthly average headcounts 2, 2, 2.5,
    # 3, 3, 3.5, 4, 4, 4, 3.5, 3, 3.5 (mean 38/12); 2 leavers -> 2 / (38/12) = 12/19,
    # not January's one month annualised (2.4)
    assert values["max_attrition"].value == pytest.approx(12 / 19)  # type: ignore[union-attr]
    assert values["max_attrition"].insufficient == ""  # type: ignore[union-attr]
    assert values["min_in_house_share"].value == pytest.approx(0.6)  # type: ignore[union-attr]
    assert values["min_training_hours"].value == pytest.approx(4.0)  # type: ignore[union-attr]
    assert values["max_occupancy"].value == pytest.approx(730 / 1100)  # type: ignore[union-attr]
    assert values["living_wage_floor"].sample_size == 4  # type: ignore[union-attr]


def test_no_data_means_not_measurable(workspace: Workspace) -> None:
    setup_engagement(workspace)
    for provider in services.CLAUSE_PROVIDERS.values():
        assert provider(workspace, "eng", JAN, date(2026, 3, 31)) is None
    with pytest.raises(InputError, match="ingest agents"):
        services.people_report(workspace, "eng")


def test_supervisor_span_over_twenty(workspace: Workspace, lake_writer: Writer) -> None:
    setup_engagement(workspace)
    rows = [agent(f"a{i}", date(2025, 1, 1), supervisor_ref="big") for i in range(21)]
    rows += [agent(f"b{i}", date(2025, 1, 1), supervisor_ref="small") for i in range(5)]
    rows.append(agent("big", date(2024, 1, 1), role="supervisor", supervisor_ref=None))
    lake_writer("agents", "eng", rows)
    r = services.people_report(workspace, "eng", period=parse_period("2026-01"))
    assert r.workforce.span.over_limit == {"big": 21}
    assert r.workforce.span.mean_span == pytest.approx(13.0)
    assert "people:eng:supervisor_span" in {f.key for f in r.findings}


def test_user_benchmarks_take_precedence(own_roster: Workspace, tmp_path: Path) -> None:
    roster = own_roster
    csv = tmp_path / "mine.csv"
    csv.write_text(
        "location,country_iso2,metric,amount,currency,period,year,scope,source,verified,note\n"
        "Manila (Metro Manila),PH,living_wage_family,18000-19000,PHP,month,2026,city,"
        "own study,yes,per worker\n",
        encoding="utf-8",
    )
    services.add_benchmarks(roster, csv)
    r = services.people_report(roster, "eng")
    (site,) = r.pay.sites
    assert site.benchmark is not None and site.benchmark.floor_monthly == 19000
    assert site.agents_below_living_wage == 0
    listed = {b.location: b for b in services.list_benchmarks(roster, ref_year=2026)}
    manila = listed["Manila (Metro Manila)"].living_wage
    assert manila is not None and manila.origin == "user"


def test_clause_providers_by_month_say_what_each_month_alone_says(roster: Workspace) -> None:
    # Contract evaluation of a year asks every month at once (clause_months); each month's
    # measurement must be the one-period provider's for that month, empty months included.
    from fairshore.people.clause_months import many_provider
    from fairshore.people.model import month_end

    months = [date(2025, 12, 1), JAN, FEB, MAR, date(2026, 4, 1)]
    spans = [(m, month_end(m)) for m in months]
    for key, single in services.CLAUSE_PROVIDERS.items():
        alone = [single(roster, "eng", start, end) for start, end in spans]
        together = many_provider(key)(roster, "eng", spans)
        assert len(together) == len(alone), key
        for a, b in zip(together, alone, strict=True):
            assert (a is None) == (b is None), key
            if a is not None and b is not None:
                assert a.value == pytest.approx(b.value, rel=1e-12), key
                assert (a.sample_size, a.detail) == (b.sample_size, b.detail), key
    in_house = many_provider("min_in_house_share")(roster, "eng", spans[1:3])
    # January: a1, a3 and a4 employees of five in post (a2 agency, a5 contractor) = 0.6;
    # February: a1 and a4 of a1, a4, a5 (a2 and a3 gone by 31 January) = 2/3.
    assert [m.value for m in in_house if m] == [pytest.approx(0.6), pytest.approx(2 / 3)]
    # A span that is not one whole month is measured as one period.
    quarter = many_provider("living_wage_floor")(roster, "eng", [(JAN, date(2026, 3, 31))])
    assert quarter[0] is not None and quarter[0].value == pytest.approx(20000 / AFW)
