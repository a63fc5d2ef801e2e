"""The main journeys in a real browser (Debian's Chromium, headless, driven by Playwright)."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from tests.e2e.browser.conftest import PASSWORD, sign_in


def test_analyst_signs_in_and_reads_an_engagement(page: Any) -> None:
    sign_in(page, "analyst@telco.example")
    page.get_by_role("heading", name="Portfolio").wait_for()
    assert page.get_by_role("link", name="Telco BLR").is_visible()
    page.get_by_role("link", name="Telco MNL").click()
    page.get_by_role("heading", name="Telco MNL").wait_for()
    assert page.get_by_text("Voice service level breached (telco-mnl)").is_visible()
    # The chart rendered from the vendored Vega bundle (no CDN, strict CSP).
    page.goto("/")
    page.locator(".chart svg").first.wait_for(timeout=15000)


def test_vendor_sees_only_its_own_engagements(page: Any, server: str) -> None:
    sign_in(page, "vendor@northwind.example")
    page.get_by_role("heading", name="Your vendor portal").wait_for()  # its to-do list
    assert page.get_by_role("link", name="Telco MNL").is_visible()
    assert page.get_by_role("link", name="Telco BLR").count() == 0
    response = page.goto("/engagements/telco-blr")
    assert response.status == 404
    assert page.get_by_role("heading", name="Not found").is_visible()


def test_a_wrong_password_is_refused_without_leaking_which_part(page: Any) -> None:
    page.goto("/login")
    page.get_by_label("Email").fill("analyst@telco.example")
    page.get_by_label("Password").fill("not the right one")
    page.get_by_role("button", name="Sign in").click()
    assert page.get_by_role("alert").inner_text().startswith("Wrong email or password")


def test_a_deep_link_survives_sign_in_and_only_on_this_site(page: Any, server: str) -> None:
    # Opened without a session, the finding asks for a sign-in and comes back after it.
    page.goto("/portal/findings/1")
    page.get_by_role("heading", name="Sign in").wait_for()
    assert page.url == f"{server}/login?next=%2Fportal%2Ffindings%2F1"
    page.get_by_label("Email").fill("vendor@northwind.example")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role(
        "heading", name=re.compile(r"Voice service level breached \(telco-mnl\)")
    ).wait_for()
    assert page.url == f"{server}/portal/findings/1"
    # A next to another site (absolute or protocol-relative) is not followed: home instead.
    for hostile in ("https://evil.example/", "//evil.example/"):
        page.context.clear_cookies()
        page.goto("/login?next=" + quote(hostile, safe=""))
        page.get_by_label("Email").fill("analyst@telco.example")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.get_by_role("heading", name="Portfolio").wait_for()
        assert page.url == f"{server}/", hostile
