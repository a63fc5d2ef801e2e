"""The wellbeing index of a site's month from its parts, figures worked out by hand.

Benchmarks: CIPD/Simplyhealth 2023 (7.8 sick days a year), SA8000 (12 overtime of 60
hours), Directive 2003/88/EC Art. 6 (48 h), Call Centre Helper (85 % occupancy).
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from fairshore.bootstrap import Workspace
from fairshore.metrics.periods import parse_period
from fairshore.people import services
from fairshore.people.model import PeopleReport
from fairshore.people.pulse_services import pulse_of, submit_pulse
from fairshore.people.wellbeing import WellbeingMonth
from fairshore.reporting import esg, qbr
from fairshore.reporting.esg_inputs import EngagementData, EsgInputs
from fairshore.reporting.model import Note, Table
from fairshore.reporting.qbr_inputs import QbrInputs
from tests.integration.people.people_lake import (
    Writer,
    agent,
    call,
    month_row,
    setup_engagement,
)

FEB, MAR = date(2026, 2, 1), date(2026, 3, 1)


@pytest.fixture
def report(workspace: Workspace, lake_writer: Writer) -> PeopleReport:
    setup_engagement(workspace)
    lake_writer(
        "agents",
        "eng",
        [
            agent("a1", date(2025, 6, 1)),
            agent("a2", date(2025, 6, 1)),
            agent("a3", date(2026, 2, 2), date(2026, 3, 10), exit_reason="voluntary"),
        ],
    )
    lake_writer(
        "agent_months",
        "eng",
        [
            month_row("a1", FEB),
            month_row("a2", FEB),
            month_row("a1", MAR, overtime_hours=17.4, logged_in_hours=139.2, sick_days=2.0,
                      max_weekly_hours=50.0),
            month_row("a2", MAR, logged_in_hours=139.2),
        ],
    )  # fmt: skip
    lake_writer("interactions", "eng", [call(datetime(2026, 3, 2, 9), 250.56 * 3600)])
    for _ in range(2):  # two cases in March: under k = 5, so not shown
        services.submit_grievance(
            workspace, "eng", category="pay", body="late pay", site_id="site-mnl", today=MAR
        )
    return services.people_report(workspace, "eng")


@pytest.fixture
def months(report: PeopleReport) -> dict[date, WellbeingMonth]:
    assert report.wellbeing is not None
    (site,) = report.wellbeing.sites
    assert site.site_id == "site-mnl"
    return {m.month: m for m in site.months}


def test_each_part_of_a_month_against_its_benchmark(
    months: dict[date, WellbeingMonth],
) -> None:
    parts = {p.part: p for p in months[MAR].parts}
    # 2 sick days over 348 / 174 = 2 FTE, annualised: 12 days a year (CIPD: 7.8)
    assert parts["sick_days_per_fte"].value == pytest.approx(12.0)
    assert parts["sick_days_per_fte"].score == pytest.approx(7.8 / 12)
    assert "CIPD" in parts["sick_days_per_fte"].benchmark.source
    assert parts["overtime_share"].value == pytest.approx(17.4 / 348)
    assert parts["overtime_share"].within is True
    assert parts["weeks_over_48h"].value == pytest.approx(0.5)  # a1's 50 h week of 2
    assert parts["weeks_over_48h"].score == pytest.approx(0.5)
    assert parts["occupancy"].value == pytest.approx(0.9)  # 250.56 h / 278.4 h
    assert parts["occupancy"].score == pytest.approx(0.85 / 0.9)
    assert parts["shrinkage"].value == pytest.approx(0.2)  # 1 - 278.4 / 348
    # a3 hired in February left within 90 days: 1 early leaver of 1 hire
    assert parts["new_hire_attrition"].value == pytest.approx(1.0)
    assert parts["new_hire_attrition"].score == pytest.approx(0.2)
    # two grievances are fewer than k = 5: no rate that would reveal them
    assert parts["grievances_per_100_agents"].value is None
    assert "suppressed" in parts["grievances_per_100_agents"].detail
    scores = [0.65, 1.0, 0.5, 0.85 / 0.9, 1.0, 0.2]
    assert months[MAR].index == pytest.approx(100 * sum(scores) / 6)


def test_a_month_within_every_benchmark_scores_100_and_the_fall_is_the_change(
    months: dict[date, WellbeingMonth],
) -> None:
    feb = months[FEB]
    assert {p.part: p.value for p in feb.parts}["grievances_per_100_agents"] == 0.0
    assert feb.index == pytest.approx(100.0)
    # like for like: the parts both months score (not occupancy, no February contacts;
    # not grievances, suppressed in March): sick days, overtime, weeks, shrinkage, new hires
    assert months[MAR].change == pytest.approx(100 * (0.65 + 1 + 0.5 + 1 + 0.2) / 5 - 100)


def test_pulse_is_suppressed_below_k_and_shown_from_k(workspace: Workspace) -> None:
    setup_engagement(workspace)
    for score in (10, 9, 3, 7):
        submit_pulse(workspace, "eng", score=score, today=date(2026, 2, 10))
    report = pulse_of(workspace, "eng")
    (q1,) = report.quarters
    assert (q1.quarter, q1.suppressed, q1.responses, q1.enps) == ("2026-Q1", True, None, None)
    submit_pulse(workspace, "eng", score=0, today=date(2026, 3, 31))
    (q1,) = pulse_of(workspace, "eng").quarters
    # 2 promoters (10, 9), 2 detractors (3, 0) of 5: eNPS 0
    assert (q1.responses, q1.enps, q1.suppressed) == (5, 0.0, False)
    assert report.declared_enps is None and "no eNPS declared" in report.declared_source


def test_the_qbr_and_the_esg_summary_show_the_same_index_with_its_sources(
    report: PeopleReport, months: dict[date, WellbeingMonth]
) -> None:
    quarter = parse_period("2026-Q1")
    inputs = QbrInputs(
        engagement_id="eng", vendor="Vendor", quarter=quarter, sla=[], sla_history=[],
        parity=[], people=report, people_previous=None, findings=[], audits=[],
        staffing=None, interactions_in_quarter=1, interactions_previous=0,
    )  # fmt: skip
    qbr_tables = {b.title: b for b in qbr.people_section(inputs).blocks if isinstance(b, Table)}
    esg_inputs = EsgInputs(
        vendor_id="vend", vendor_name="Vendor", period_label="2026-Q1", start=quarter.start,
        end=quarter.last_day, engagements=[EngagementData("eng", 1, report)], grievances=[],
        parity_findings=[], declarations=[], assessed=False,
    )  # fmt: skip
    section = next(s for s in esg.build_esg_sections(esg_inputs) if s.id == "wellbeing")
    esg_tables = {b.title: b for b in section.blocks if isinstance(b, Table)}
    march = [r for r in qbr_tables["Wellbeing index by site and month"].rows if r[1] == "2026-03"]
    assert march[0][2] == round(months[MAR].index or 0, 1)
    assert (
        esg_tables["eng: Wellbeing index by site and month"].rows
        == qbr_tables["Wellbeing index by site and month"].rows
    )
    sources = {r[0]: r[4] for r in esg_tables["Wellbeing benchmarks and their sources"].rows}
    assert "CIPD" in str(sources["sick days per fte"])
    assert "2003/88/EC" in str(sources["weeks over 48h"])
    notes = [b.text for b in section.blocks if isinstance(b, Note)]
    assert any("no worker pulse answers" in n for n in notes)
