"""The TCO reads measured pay from the people measure's home when payroll exists."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from fairshore.bootstrap import Workspace
from fairshore.costs.scenario_file import parse_scenario
from fairshore.costs.services import demo_scenario_text, measure_provider_pay
from fairshore.people.services import people_report
from tests.integration.people.people_lake import agent, month_row, setup_engagement, write_rows


def test_measured_pay_is_the_people_measure_with_its_period(workspace: Workspace) -> None:
    setup_engagement(workspace, "telco-blr", sites=(("site-blr", "Bengaluru", "IN", "INR"),))
    agents = [agent(f"a{i}", date(2025, 1, 1), site_id="site-blr") for i in range(3)]
    write_rows(workspace.lake, "agents", "telco-blr", agents)
    months = [
        month_row(f"a{i}", date(2026, m, 1), gross_pay=pay, currency="INR")
        for i, pay in enumerate((36_000.0, 39_000.0, 45_000.0))
        for m in (1, 2, 3)
    ]
    write_rows(workspace.lake, "agent_months", "telco-blr", months)
    scenario = parse_scenario(demo_scenario_text(), path=Path("telco-demo.yaml"))
    measured = measure_provider_pay(workspace, scenario)
    assert set(measured) == {"indigo"}  # the other demo engagements have no payroll here
    note = measured["indigo"]
    [site] = people_report(workspace, "telco-blr").pay.sites
    assert note.monthly == site.median_effective_pay == 39_000.0
    assert (note.source, note.currency, note.agents, note.year) == ("measured", "INR", 3, 2026)
    assert note.period == "2026-01..2026-03" and note.engagement_id == "telco-blr"
