"""Analytics journeys in a real browser: KPI trends with their chart, the scorecard ranking.

The server runs on its own copy of the analytics workspace
(``workspaces.build_analytics``): three months of voice and chat contacts written
straight into the lake as canonical Parquet, and the demo vendors' questionnaires.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.browser.axe import audited_context, violations
from tests.e2e.browser.conftest import own_server, page_on, sign_in


@pytest.fixture(scope="module")
def analytics_server(
    analytics_built: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    yield from own_server(analytics_built, tmp_path_factory)


@pytest.fixture
def analytics_page(
    browser: Any, analytics_server: str, request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[Any]:
    yield from page_on(browser, analytics_server, request, tmp_path)


def test_analyst_opens_kpi_trends_and_the_chart_renders(analytics_page: Any) -> None:
    page = analytics_page
    sign_in(page, "analyst@telco.example")
    page.get_by_role("heading", name="Portfolio").wait_for()
    page.get_by_role("link", name="Telco MNL").click()
    page.get_by_role("navigation", name="Engagement sections").get_by_role(
        "link", name="KPI trends"
    ).click()
    page.get_by_role("heading", name="KPI trends by month and channel").wait_for()
    page.locator(".chart svg").first.wait_for(timeout=30000)
    table = page.get_by_role("table", name="Voice: monthly KPIs")
    assert table.get_by_role("rowheader", name="2026-07").is_visible()
    assert page.locator("nav.tabs a[aria-current='page']").inner_text() == "KPI trends"
    # Split by language: HTMX swaps the section in and its chart is drawn again.
    page.get_by_label("Split by").select_option("language")
    page.get_by_role("button", name="Show").click()
    page.get_by_role("heading", name="KPI trends by month and language").wait_for()
    page.locator(".chart svg").first.wait_for(timeout=30000)
    assert page.get_by_role("table", name="En: monthly KPIs").is_visible()
    assert "dim=language" in page.url


def test_analyst_reads_the_scorecard_ranking(analytics_page: Any) -> None:
    page = analytics_page
    sign_in(page, "analyst@telco.example")
    page.get_by_role("heading", name="Portfolio").wait_for()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Scorecards").click()
    page.get_by_label("As of").fill("2026-10-31")
    page.get_by_role("button", name="Show").click()
    # htmx swaps the page in place: wait for the swapped-in date, not the old heading
    page.get_by_text("Ethical BPO Scorecard as of 2026-10-31").wait_for()
    page.get_by_role("heading", name="Ranking").wait_for()
    page.locator(".chart svg").first.wait_for(timeout=30000)
    ranking = page.get_by_role(
        "table", name="Vendors side by side: total and pillar scores (0-100)"
    )
    first = ranking.locator("tbody tr").first
    assert "Vistula" in first.inner_text() and "74.13" in first.inner_text()
    first.get_by_role("link").click()
    page.get_by_role("heading", name="Answer by answer").wait_for()


def _draw(page: Any, path: str, heading: str) -> None:
    sign_in(page, "analyst@telco.example")
    page.get_by_role("heading", name="Portfolio").wait_for()
    page.goto(path)
    page.get_by_role("heading", name=heading).wait_for()
    charts = page.locator(".chart")
    for i in range(charts.count()):
        charts.nth(i).locator("svg").first.wait_for(timeout=30000)


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/engagements/telco-mnl/kpis", "KPI trends by month and channel"),
        ("/engagements/telco-mnl/parity", "Fairness of service"),
        ("/glossary", "Glossary"),
    ],
)
def test_charts_and_the_glossary_draw_without_errors_and_pass_axe(
    browser: Any, analytics_server: str, path: str, heading: str
) -> None:
    context = audited_context(browser, analytics_server)  # under the app's own CSP
    page = context.new_page()
    errors: list[str] = []
    page.on(
        "console",
        lambda m: errors.append(f"{m.text} {m.location['url']}") if m.type == "error" else None,
    )
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        _draw(page, path, heading)
        if path.endswith("/kpis"):  # rates on a percent axis; e-mail on a chart of its own
            assert page.locator(".chart svg text", has_text=re.compile(r"^\d+%$")).count() > 0
            assert page.locator(".chart").count() == 2
            assert page.get_by_role(
                "heading", name="Deferred channels: first response in hours"
            ).is_visible()
        assert not errors, errors  # the favicon too (static/favicon.svg)
        found = violations(page, path)
        assert not found, "\n".join(found)
    finally:
        context.close()
