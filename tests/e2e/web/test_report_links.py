"""Reports link each figure's section (and each finding or term-month row) to its live
page: inside the app every link opens for the reader; in a downloaded file it starts with
the app's address; and a link is no way round the target page's own checks.

On the small demo (``conftest.analytics_ws``), with telco-blr's understaffed months of
2026-Q3 in the findings register (at this scale every SLA term-month has too few contacts
to be judged, so no term-month row links: ``tests/unit/reporting/test_report_links.py``).
"""

from __future__ import annotations

import dataclasses
import html
import re
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient

from fairshore.accounts import services as accounts
from fairshore.adapters.db.repositories import ensure_organisation
from fairshore.bootstrap import Workspace
from fairshore.entrypoints.web.app import create_app
from fairshore.governance import services as governance
from fairshore.metrics.periods import parse_period
from fairshore.staffing.services import check_adequacy
from tests.e2e.web.conftest import PASSWORD, sign_in
from tests.quick_passwords import quick_password_hashes

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("web-analytics")]
QBR = "/reports/qbr/telco-blr/2026-Q3"
BOARD = "/reports/board/2026-Q3"
E = "/engagements/telco-blr"


@pytest.fixture(scope="module")
def client(analytics_ws: Workspace) -> Iterator[TestClient]:
    # The staffing detector's findings, recorded as `fairshore staffing check` records them.
    adequacy = check_adequacy(analytics_ws, "telco-blr", period=parse_period("2026-Q3"))
    assert adequacy.findings
    governance.record_findings(
        analytics_ws, adequacy.findings, now=datetime(2026, 10, 1, tzinfo=UTC)
    )
    app = create_app(analytics_ws.settings, workspace=analytics_ws)
    with TestClient(app, base_url="https://testserver") as c:
        yield c


def _links(page: str) -> list[str]:
    """Every link of the report's article, as a browser reads it (``&amp;`` is ``&``)."""
    article = page.split('<article class="report-doc">', 1)[1].split("</article>", 1)[0]
    return sorted({html.unescape(h) for h in re.findall(r'href="([^"]+)"', article)})


def test_every_link_of_the_qbr_opens_the_page_behind_its_figure(client: TestClient) -> None:
    sign_in(client, "analyst@telco.example")
    links = _links(client.get(QBR).text)
    for page in ("kpis?dim=channel", "contract", "parity", "people", "privacy", "staffing"):
        assert f"{E}/{page}" in links, page
    assert "/findings?engagement=telco-blr&status=all" in links
    assert any(link.startswith("/portal/findings/") for link in links)  # a finding's row
    assert any(link.startswith(f"{E}/agent-months/occupancy/2026-07..2026-09") for link in links)
    for link in links:
        assert client.get(link).status_code == 200, link
    # A drill-down opened from the report leads back to it.
    months = next(link for link in links if "/agent-months/" in link)
    assert f'href="{QBR}"' in client.get(months).text


def test_every_link_of_the_board_pack_opens(client: TestClient) -> None:
    sign_in(client, "executive@telco.example")
    links = _links(client.get(BOARD).text)
    assert {"/", "/findings", "/scorecards", "/tco", E} <= set(links)
    assert any(link.startswith("/scorecards/") for link in links)  # a vendor's row
    assert any(link.startswith("/portal/findings/") for link in links)  # a risk's row
    for link in links:
        assert client.get(link).status_code == 200, link


def test_a_downloaded_report_links_the_app_at_its_address(client: TestClient) -> None:
    sign_in(client, "analyst@telco.example")
    page_links = _links(client.get(QBR).text)
    document = client.get(f"{QBR}/html").text
    found = {html.unescape(h) for h in re.findall(r'href="([^"]+)"', document)}
    assert found == {f"https://testserver{link}" for link in page_links}


def _other_organisation_analyst(ws: Workspace) -> str:
    with ws.db.begin() as conn:
        ensure_organisation(conn, "elsewhere", "Elsewhere Corp")
    other = dataclasses.replace(ws, organisation_id="elsewhere")
    email = "analyst@elsewhere.example"
    with quick_password_hashes():
        accounts.add_user(other, email=email, password=PASSWORD, role="analyst")
    return email


def test_a_link_in_a_report_is_no_way_round_the_pages_own_checks(
    client: TestClient, analytics_ws: Workspace
) -> None:
    sign_in(client, "analyst@telco.example")
    qbr_links = _links(client.get(QBR).text)
    sign_in(client, "executive@telco.example")
    # Pages of one engagement, vendor or finding (the portfolio, register and TCO are
    # every reader's own).
    board_links = [link for link in _links(client.get(BOARD).text) if link.count("/") > 1]
    assert len(qbr_links) > 10 and len(board_links) > 3
    sign_in(client, "vendor@telco.example")  # Northwind's: telco-blr is Indigo's
    assert client.get(QBR).status_code == 404
    for link in qbr_links:
        assert client.get(link).status_code in (403, 404), link
    sign_in(client, _other_organisation_analyst(analytics_ws))
    for link in [*qbr_links, *board_links]:
        assert client.get(link).status_code in (403, 404), link
