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

from tests.e2e.browser.conftest import own_server, sign_in
from tests.e2e.browser.every_page import ROLES, demo_site, serve_demo, sign_in_as, visit


@pytest.fixture(scope="module")
def analytics_server(
    analytics_built: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    yield from own_server(analytics_built, tmp_path_factory)


@pytest.fixture
def analytics_page(browser: Any, analytics_server: str, tmp_path: Path) -> Iterator[Any]:
    context = browser.new_context(base_url=analytics_server)
    page = context.new_page()
    yield page
    page.screenshot(path=str(tmp_path / "last.png"), full_page=True)
    context.close()


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


VIEWPORTS = {"phone": (390, 844), "laptop": (1366, 768)}
OVERFLOW = """() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll('main *, header *')]
        .filter(e => e.getBoundingClientRect().right > width + 1
                && !e.closest('.scroll, table, pre, .chart'))
        .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''));
    return {scroll: document.documentElement.scrollWidth - width, wide};
}"""


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from serve_demo(demo_site(tmp_path_factory))


@pytest.mark.slow
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("role", [*ROLES, None])
def test_every_page_fits_phones_and_laptops_without_sideways_scroll(
    browser: Any,
    demo_server: str,
    tmp_path_factory: pytest.TempPathFactory,
    role: str | None,
    viewport: str,
) -> None:
    """WCAG 2.1 SC 1.4.10 Reflow: content usable at 320 CSS px wide without scrolling in
    two dimensions; tables and charts may scroll inside their own box, the page may not.
    Every page of the app (``every_page``) as each role, with no console error."""
    width, height = VIEWPORTS[viewport]
    size = {"width": width, "height": height}
    context = browser.new_context(base_url=demo_server, viewport=size)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    if role is not None:
        sign_in_as(page, role)
    problems: list[str] = []
    pages = demo_site(tmp_path_factory).pages(role)
    for path in pages:
        errors.clear()
        if (status := visit(page, path)) != 200:
            problems.append(f"{path}: HTTP {status}")
            continue
        measured = page.evaluate(OVERFLOW)
        if measured["scroll"] > 0:
            problems.append(f"{path}: {measured['scroll']} px too wide {measured['wide']}")
        sign_out = page.get_by_role("button", name="Sign out", exact=True)
        if sign_out.count():  # the public pages (sign-in, worker voice) have none
            box = sign_out.bounding_box()
            if box is None or box["x"] + box["width"] > width:
                problems.append(f"{path}: 'Sign out' is off screen")
        problems += [f"{path}: console error {e}" for e in errors]
    if viewport == "phone" and role == "analyst":  # the navigation folds behind Menu
        page.goto("/")
        main_nav = page.get_by_role("navigation", name="Main")
        assert not main_nav.is_visible()
        page.get_by_role("button", name="Menu").click()
        main_nav.get_by_role("link", name="Findings").click()
        page.get_by_role("heading", name="Findings").first.wait_for()
    context.close()
    assert len(pages) >= (6 if role is None else 20), pages
    assert not problems, "\n".join(problems)


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
    analytics_page: Any, browser: Any, analytics_server: str, path: str, heading: str
) -> None:
    from tests.e2e.browser.test_accessibility import _report, violations

    page = analytics_page  # under the app's own CSP: the specs draw without console errors
    errors: list[str] = []
    page.on(
        "console",
        lambda m: errors.append(f"{m.text} {m.location['url']}") if m.type == "error" else None,
    )
    page.on("pageerror", lambda e: errors.append(str(e)))
    _draw(page, path, heading)
    if path.endswith("/kpis"):  # rates on a percent axis; e-mail on a chart of its own
        assert page.locator(".chart svg text", has_text=re.compile(r"^\d+%$")).count() > 0
        assert page.locator(".chart").count() == 2
        assert page.get_by_role(
            "heading", name="Deferred channels: first response in hours"
        ).is_visible()
    assert not errors, errors  # the favicon too (static/favicon.svg)
    audit = browser.new_context(base_url=analytics_server, bypass_csp=True)  # axe is injected
    try:
        audited = audit.new_page()
        _draw(audited, path, heading)
        found = violations(audited)
        assert not found, _report(found)
    finally:
        audit.close()
