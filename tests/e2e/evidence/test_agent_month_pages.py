"""The agent-months and roster pages: welfare figures link to their rows, and back; tenants
stay apart.

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
from tests.integration.people.people_lake import month_row, write_rows
from tests.integration.people.test_people_welfare import MAR, _write_roster
from tests.quick_passwords import quick_password_hashes

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


# -- the roster behind attrition, tenure and in-house share --------------------------------

IN_HOUSE = "/engagements/eng/roster/in_house_share/2026-01..2026-03"
ATTRITION = "/engagements/eng/roster/attrition/2026-01"


def _cells(page: str) -> list[list[str]]:
    """The listed rows of a drill-down's table, as text."""
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    rows = re.findall(r"<tr>(.*?)</tr>", body, flags=re.S)
    return [
        [
            re.sub(r"<[^>]+>", "", c).strip()
            for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, flags=re.S)
        ]
        for r in rows
    ]


def _figure(page: str, row: str) -> str:
    """The figure in a row of the welfare page's summary table."""
    cell = re.search(rf"{re.escape(row)}</th><td[^>]*>(.*?)</td>", page, flags=re.S)
    assert cell, row
    return re.sub(r"<[^>]+>", "", cell.group(1)).strip()


def test_workforce_figures_link_to_their_roster_and_make_the_pages_figures(
    client: TestClient,
) -> None:
    sign_in(client, "analyst@client.example")
    people = client.get("/engagements/eng/people").text
    links = _links(people)
    back = "back=/engagements/eng/people"
    for path in (
        IN_HOUSE,
        ATTRITION,
        "/engagements/eng/roster/trailing_attrition/2026-01..2026-03",
        "/engagements/eng/roster/tenure/2026-01..2026-03",
    ):
        assert f"{path}?{back}" in links, path
    # in-house share: the employees among the listed agents (3 of 5)
    rows = _cells(client.get(f"{IN_HOUSE}?{back}").text)
    employees = sum(r[6] == "yes" for r in rows)
    assert (employees, len(rows)) == (3, 5)
    assert _figure(people, "Agents who are employees") == f"{employees / len(rows):.1%}".replace(
        "%", " %"
    )
    # January's attrition: leavers over the headcount at its start and end (4 and 3)
    page = client.get(f"{ATTRITION}?{back}").text
    leavers = sum(r[6] == "yes" for r in _cells(page))
    assert leavers == 2 and "headcount 4 at the start of the month, 3 at its end" in page
    shown = f"{leavers / ((4 + 3) / 2):.1%}".replace("%", " %")
    assert f"<strong>{shown}</strong>" in page and f">{shown}</a>" in people
    # tenure: the median of the listed days in post is the page's median
    tenure = _cells(client.get(f"/engagements/eng/roster/tenure/2026-01..2026-03?{back}").text)
    days = sorted(int(r[6].replace(",", "")) for r in tenure)
    median = (days[1] + days[2]) / 2  # four agents in post on 31 March
    assert _figure(people, "Median days in post of the agents in post at the end") == (
        f"{median:,.0f}"
    )
    assert 'href="/uploads/batches/test"' in page


def test_the_roster_pages_stay_with_their_tenant_and_vendor(client: TestClient) -> None:
    sign_in(client, "staff@vend.example")
    assert client.get(IN_HOUSE).status_code == 200
    for who in ("staff@other-vend.example", "analyst@other.example"):
        sign_in(client, who)
        for path in (IN_HOUSE, ATTRITION):
            answer = client.get(path)
            assert answer.status_code == 404 and "a5" not in answer.text, (who, path)
    sign_in(client, "analyst@client.example")
    for path, reason in (
        ("/engagements/eng/roster/attrition/2026-01..2026-03", "per month"),
        ("/engagements/eng/roster/happiness/2026-01", "no roster evidence"),
        ("/engagements/eng/roster/tenure/2026-13", "is not a month"),
    ):
        answer = client.get(path)
        assert answer.status_code == 422 and reason in answer.text, path


def test_a_page_opened_again_shows_rows_delivered_since(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """The drill-down is kept between requests, and only while the lake is unchanged."""
    ws = init_workspace(load_settings(home=tmp_path_factory.mktemp("agent-months-new") / "ws"))
    _write_roster(ws)
    with quick_password_hashes():
        accounts.add_user(ws, email="analyst@client.example", password=PASSWORD, role="analyst")
    with TestClient(create_app(ws.settings, workspace=ws), base_url="https://testserver") as c:
        sign_in(c, "analyst@client.example")
        counted = r"<strong>4</strong> agent-months counted, {} flagged"
        assert re.search(counted.format(1), c.get(OVERTIME).text)
        assert re.search(counted.format(1), c.get(OVERTIME).text)  # kept: the same page
        # a1's March delivered again with 60 overtime hours (a re-delivery is merged)
        again = month_row("a1", MAR, gross_pay=40000.0, logged_in_hours=100.0,
                          overtime_hours=60.0, max_weekly_hours=62.0)  # fmt: skip
        write_rows(ws.lake, "agent_months", "eng", [again])
        assert re.search(counted.format(2), c.get(OVERTIME).text)
    ws.close()
