"""The Welfare page shows the wellbeing index, its parts' benchmark sources and the pulse.

The page and the API show the people report's own result objects (``people.wellbeing``,
``people.pulse``): the figures below are the report's, not recomputed by the view.
"""

from __future__ import annotations

from datetime import date

from fastapi.testclient import TestClient

from fairshore.bootstrap import Workspace
from fairshore.entrypoints.web.lake_memo import MEMO
from fairshore.people.pulse_services import submit_pulse
from tests.e2e.web.conftest import sign_in
from tests.integration.people.people_lake import agent, month_row, write_rows

MAR = date(2026, 3, 1)


def test_the_welfare_page_shows_the_index_its_sources_and_the_pulse(
    app_client: TestClient, web_ws: Workspace
) -> None:
    write_rows(
        web_ws.lake, "agents", "telco-mnl", [agent(f"a{i}", date(2025, 1, 1)) for i in range(4)]
    )
    rows = [month_row(f"a{i}", MAR, sick_days=1.0) for i in range(4)]  # 4 days / 4 FTE x 12
    write_rows(web_ws.lake, "agent_months", "telco-mnl", rows)
    for score in (10, 10, 9, 6, 2):  # 3 promoters, 2 detractors of 5: eNPS +20
        submit_pulse(web_ws, "telco-mnl", score=score, today=MAR)
    MEMO.clear()
    sign_in(app_client, "analyst@telco.example")
    api = app_client.get("/api/v1/engagements/telco-mnl/people").json()
    (site,) = api["wellbeing"]["sites"]
    (month,) = site["months"]
    sick = next(p for p in month["parts"] if p["part"] == "sick_days_per_fte")
    assert site["site_id"] == "site-mnl" and sick["value"] == 12.0 and sick["within"] is False
    (quarter,) = api["pulse"]["quarters"]
    assert (quarter["quarter"], quarter["responses"], quarter["enps"]) == ("2026-Q1", 5, 20.0)
    page = app_client.get("/engagements/telco-mnl/people").text
    assert "Wellbeing index by site" in page and "site-mnl" in page
    assert "CIPD and Simplyhealth" in page and "Directive 2003/88/EC" in page
    assert "Worker pulse (eNPS)" in page and "no eNPS declared" in page
    # the other tenant's vendor sees nothing of it
    sign_in(app_client, "vendor@other.example")
    assert app_client.get("/api/v1/engagements/telco-mnl/people").status_code == 404
