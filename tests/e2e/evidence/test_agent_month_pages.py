"""The agent-months pages: welfare figures link to their rows, and back; tenants stay apart.

The workspace: the hand-made roster of ``tests/integration/people/test_people_welfare``
(engagement ``eng`` of vendor ``vend``, site Manila, January to March 2026), a second
vendor ``other-vend`` and organisation ``other``.
"""

from __future__ import annotations

import dataclasses
import html
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from urllib.parse import unquote

import pytest
from fastapi.testclient import TestClient

from fairshore.accounts import services as accounts
from fairshore.adapters.db.repositories import ensure_organisation
from fairshore.bootstrap import init_workspace
from fairshore.config import load_settings
from fairshore.engagements import services as entities
from fairshore.entrypoints.web.app import create_app
from fairshore.governance.recording import record_findings
from fairshore.people.services import people_findings
from tests.e2e.web.conftest import PASSWORD, sign_in
from tests.integration.people.test_people_welfare import _write_roster

OVERTIME = "/engagements/eng/agent-months/overtime_over_limit/2026-03"
PAY = "/engagements/eng/agent-months/living_wage/2026-01..2026-03?site=site-mnl"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    ws = init_workspace(load_settings(home=tmp_path_factory.mktemp("agent-months") / "ws"))
    _write_roster(ws)
    entities.add_vendor(ws, id="other-vend", name="Other vendor")
    accounts.add_user(ws, email="analyst@client.example", password=PASSWORD, role="analyst")
    for vendor in ("vend", "other-vend"):
        accounts.add_user(
            ws, email=f"staff@{vendor}.example", password=PASSWORD, role="vendor", vendor_id=vendor
        )
    with ws.db.begin() as conn:
        ensure_organisation(conn, "other", "Other Corp")
    other = dataclasses.replace(ws, organisation_id="other")
    accounts.add_user(other, email="analyst@other.example", password=PASSWORD, role="analyst")
    record_findings(ws, people_findings(ws, "eng"), now=datetime(2026, 4, 2, tzinfo=UTC))
    with TestClient(create_app(ws.settings, workspace=ws), base_url="https://testserver") as c:
        yield c
    ws.close()


def _links(page: str) -> list[str]:
    return [unquote(html.unescape(h)) for h in re.findall(r'href="([^"]+)"', page)]


def test_welfare_figures_link_to_their_agent_months_and_back(client: TestClient) -> None:
    sign_in(client, "analyst@client.example")
    links = _links(client.get("/engagements/eng/people").text)
    back = "back=/engagements/eng/people"
    assert f"{OVERTIME}?{back}" in links
    assert f"{PAY}&{back}" in links
    assert f"/engagements/eng/agent-months/training_hours/2026-01?{back}" in links
    assert f"/engagements/eng/agent-months/occupancy/2026-02?{back}" in links
    page = client.get(f"{OVERTIME}?{back}").text
    assert "overtime over limit in 2026-03: the agent-months behind it" in page
    assert re.search(r"<strong>4</strong> agent-months counted, 1 flagged", page)
    assert 'href="/engagements/eng/people">Back to the page you came from' in page
    assert 'href="/uploads/batches/test"' in page
    pay = client.get(f"{PAY}&{back}").text
    # a2 (partial month) is not compared; a5 at 20,000 PHP is below the floor: 1 of 4
    assert "<strong>25.0 %</strong> of agents below" in pay and "a5" in pay and "a2" not in pay
    assert client.get(f"{OVERTIME}?back=https://evil.example/").text.count("evil.example") == 0


def test_welfare_findings_link_to_their_finding_and_agent_months(client: TestClient) -> None:
    sign_in(client, "analyst@client.example")
    page = client.get("/engagements/eng/people").text
    links = _links(page)
    # a5 below the living wage at Manila over the period: the finding and its rows
    assert f"{PAY}&back=/engagements/eng/people" in links
    recorded = [link for link in links if re.fullmatch(r"/portal/findings/\d+", link)]
    assert recorded, "each recorded finding's title links to the register"
    # the living-wage finding's occurrence lists its agent-months, back to the finding
    [pay_finding] = [r for r in recorded if f"{PAY}&back={r}" in _links(client.get(r).text)]
    rows = client.get(f"{PAY}&back={pay_finding}").text
    assert f'href="{pay_finding}">Back to the page you came from' in rows
    for link in links:
        if "/agent-months/" in link:
            assert client.get(link).status_code == 200, link


def test_vendor_sees_its_own_and_others_get_404(client: TestClient) -> None:
    sign_in(client, "staff@vend.example")
    mine = client.get(OVERTIME)
    assert mine.status_code == 200 and "a5" in mine.text
    assert ">To do</a>" in mine.text  # the vendor's home is its to-do list
    for who in ("staff@other-vend.example", "analyst@other.example"):
        sign_in(client, who)
        for path in (OVERTIME, PAY):
            answer = client.get(path)
            assert answer.status_code == 404 and "a5" not in answer.text, (who, path)


def test_bad_drill_downs_are_refused_with_the_reason(client: TestClient) -> None:
    sign_in(client, "analyst@client.example")
    assert ">Portfolio</a>" in client.get("/").text
    for path, reason in (
        ("/engagements/eng/agent-months/overtime_over_limit/2026-13", "is not a month"),
        ("/engagements/eng/agent-months/happiness/2026-01", "no agent-month evidence"),
        ("/engagements/eng/agent-months/occupancy/2026-01?site=site-mnl", "per engagement"),
    ):
        answer = client.get(path)
        assert answer.status_code == 422 and reason in answer.text, path
