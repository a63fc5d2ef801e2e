"""Report pages: built once per data version and organisation, shown inside the app.

The counters wrap the real report builders (they observe calls, the reports are still
built), so a second view that rebuilt the report would count twice.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from fairshore.bootstrap import Workspace
from fairshore.entrypoints.web.lake_memo import MEMO
from fairshore.interactions import services as ingest
from fairshore.reporting import services
from tests.e2e.web.conftest import sign_in

pytestmark = pytest.mark.xdist_group("web")
QBR = "/reports/qbr/telco-mnl/2026-Q3"
BOARD = "/reports/board/2026-Q3"


def _counting(monkeypatch: pytest.MonkeyPatch, name: str) -> list[Any]:
    """Record each call of ``services.<name>``, then run the real builder."""
    calls: list[Any] = []
    real: Callable[..., Any] = getattr(services, name)

    def counted(ws: Workspace, **kwargs: Any) -> Any:
        calls.append((ws.organisation_id, kwargs))
        return real(ws, **kwargs)

    monkeypatch.setattr(services, name, counted)
    return calls


@pytest.fixture
def fresh_memo() -> Iterator[None]:
    MEMO.clear()
    yield
    MEMO.clear()


@pytest.mark.usefixtures("fresh_memo")
def test_the_second_view_is_served_from_what_the_first_built(
    app_client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _counting(monkeypatch, "qbr_report")
    sign_in(app_client, "analyst@telco.example")
    first = app_client.get(QBR)
    second = app_client.get(QBR)
    assert first.status_code == second.status_code == 200
    assert len(calls) == 1
    # The download is rendered from the same built report, not a second build.
    standalone = app_client.get(f"{QBR}/html")
    assert standalone.text.startswith("<!DOCTYPE html>") and len(calls) == 1


@pytest.mark.usefixtures("fresh_memo")
def test_a_new_ingest_rebuilds_the_report(
    app_client: TestClient, web_ws: Workspace, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    calls = _counting(monkeypatch, "qbr_report")
    sign_in(app_client, "analyst@telco.example")
    app_client.get(QBR)
    path = tmp_path / "agents.csv"
    path.write_text(
        "agent_ref,engagement_id,employment_type,hired_on,left_on\n"
        "r-1,telco-mnl,employee,2025-05-01,\n"
    )
    report = ingest.ingest_files(web_ws, table="agents", paths=[path], engagement_id="telco-mnl")
    assert report.rows_accepted == 1
    app_client.get(QBR)
    app_client.get(QBR)
    assert len(calls) == 2  # rebuilt once for the new data, then kept again


@pytest.mark.usefixtures("fresh_memo")
def test_another_organisation_never_gets_a_kept_report(
    app_client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _counting(monkeypatch, "board_report")
    sign_in(app_client, "executive@telco.example")
    mine = app_client.get(BOARD)
    assert mine.status_code == 200 and "breached at telco-mnl" in mine.text
    sign_in(app_client, "executive@other.example")
    theirs = app_client.get(BOARD)
    assert theirs.status_code == 200 and "breached at other-e" in theirs.text
    assert [org for org, _ in calls] == ["default", "other"]
    assert "telco-mnl" not in theirs.text


@pytest.mark.usefixtures("fresh_memo")
def test_the_report_page_carries_the_navigation_and_a_way_back(app_client: TestClient) -> None:
    sign_in(app_client, "executive@telco.example")
    page = app_client.get(QBR).text
    assert '<nav aria-label="Main"' in page and 'href="/findings"' in page
    assert 'href="/engagements/telco-mnl"' in page and "Back to the engagement" in page
    assert f'href="{QBR}/pdf"' in page and f'href="{QBR}/html"' in page
    assert (
        '<article class="report-doc">' in page and "<!DOCTYPE html>" not in page.split("\n", 1)[1]
    )
    board = app_client.get(BOARD).text
    assert '<nav aria-label="Main"' in board and "Back to the portfolio" in board


@pytest.mark.usefixtures("fresh_memo")
def test_a_change_in_the_register_rebuilds_the_report(
    app_client: TestClient, web_ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fairshore.governance import services as governance

    calls = _counting(monkeypatch, "qbr_report")
    sign_in(app_client, "analyst@telco.example")
    app_client.get(QBR)
    [finding] = governance.list_findings(web_ws, engagement_id="telco-mnl")
    governance.update_finding(web_ws, finding.id, actor="test", note="Vendor called back.")
    app_client.get(QBR)
    assert len(calls) == 2  # the report lists findings: a new history entry is a new version


@pytest.mark.usefixtures("fresh_memo")
@pytest.mark.parametrize(("email", "report"), [
    ("executive@telco.example", QBR), ("vendor@telco.example", QBR),
    ("executive@telco.example", BOARD),
])  # fmt: skip
def test_each_section_links_to_the_live_page_its_figures_come_from(
    app_client: TestClient, email: str, report: str
) -> None:
    sign_in(app_client, email)
    page = app_client.get(report).text
    live = dict(
        re.findall(r'<section id="([\w-]+)">\s*<h2>.*?<a class="live" href="([^"]+)"', page)
    )
    wanted = (
        {"sla": "/engagements/telco-mnl/contract", "findings": "/findings?engagement=telco-mnl"}
        if report == QBR
        else {"portfolio": "/", "risks": "/findings", "vendors": "/scorecards"}
    )
    assert wanted.items() <= live.items(), live
    for path in set(live.values()):  # every link opens a page this reader may see
        assert app_client.get(path).status_code == 200, path
    # The downloaded document stands alone: no links into the app.
    assert 'class="live"' not in app_client.get(f"{report}/html").text
