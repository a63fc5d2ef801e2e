"""Issue 24's journeys in Chromium: from the portfolio to the calls behind a breached
July service level, and an export of the filtered findings register.

The server's workspace is the evidence tests' (``tests/e2e/evidence/contacts.py``): Telco
MNL (Northwind) with June and July contacts ingested from one CSV file, the demo contract
judged on both months (July's voice service level is breached: a third of July's calls
wait 40-200 s) and its breaches in the register; Telco BLR (Indigo) without data.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.browser.conftest import own_server, page_on, sign_in
from tests.e2e.evidence.contacts import FILE_NAME, evidence_built
from tests.system_packages import need_chromium


@pytest.fixture(scope="module")
def evidence_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    need_chromium()
    yield from own_server(evidence_built(tmp_path_factory), tmp_path_factory)


@pytest.fixture
def evidence_page(
    browser: Any, evidence_server: str, request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[Any]:
    yield from page_on(browser, evidence_server, request, tmp_path, accept_downloads=True)


def test_portfolio_to_the_calls_behind_a_breached_july_service_level(evidence_page: Any) -> None:
    page = evidence_page
    sign_in(page, "analyst@telco.example")
    page.get_by_role("heading", name="Portfolio").wait_for()
    page.get_by_role("link", name="Telco MNL").click()  # 1
    page.get_by_role("navigation", name="Engagement sections").get_by_role(
        "link", name="Contract and credits"
    ).click()  # 2
    july = page.locator("details", has_text="2026-07")
    july.get_by_role(
        "link", name="voice-service-level in 2026-07: the contacts behind"
    ).click()  # 3
    page.get_by_role(
        "heading", name="voice-service-level in 2026-07: the contacts behind it"
    ).wait_for()
    body = page.locator("main").inner_text()
    assert "240 contacts counted" in body and "channel: voice" in body
    rows = page.get_by_role("table").locator("tbody tr")
    assert rows.count() == 25
    first = rows.first.inner_text()
    assert FILE_NAME in first and "voice" in first
    assert page.locator("tbody td .bad", has_text="no").count() > 0  # calls answered late
    page.get_by_role("link", name="Back to the page you came from").click()
    page.get_by_role("heading", name="Telco MNL").wait_for()


def test_the_analyst_exports_the_filtered_register(evidence_page: Any) -> None:
    page = evidence_page
    sign_in(page, "analyst@telco.example")
    page.goto("/findings")
    page.get_by_label("major").check()
    page.get_by_label("Search").fill("voice")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**/findings?*search=voice*")
    shown = page.locator("table tbody tr strong").all_inner_texts()
    assert shown and all("voice" in t for t in shown)
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["title"] for r in rows] == shown
    assert {r["severity"] for r in rows} == {"major"}
