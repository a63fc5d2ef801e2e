"""A second organisation in the same served workspace sees nothing of the first, in Chromium.

The server holds the telecom (Northwind: Telco MNL, Indigo: Telco BLR) and another client
(Acme: Other E). Its users open their pages, then type the telecom's addresses: each is
"Not found", the same page as an address that never existed.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.e2e.browser.conftest import sign_in

TELCO_PATHS = (
    "/engagements/telco-mnl",
    "/engagements/telco-blr/parity",
    "/findings?engagement=telco-mnl",
    "/portal/findings/1",
    "/scorecards/northwind",
    "/portal/vendors/indigo/questionnaire",
    "/reports/qbr/telco-mnl/2026-Q3",
)
TELCO_WORDS = ("Telco MNL", "Telco BLR", "Northwind", "Indigo", "telco-mnl", "telco-blr")


def _shows_nothing_of_the_telecom(page: Any) -> None:
    text = page.locator("body").inner_text()
    assert not [w for w in TELCO_WORDS if w in text], text


@pytest.mark.parametrize("email", ["analyst@other.example", "vendor@acme.example"])
def test_the_other_client_sees_only_its_own(page: Any, email: str) -> None:
    sign_in(page, email)
    # The client lands on its portfolio, a vendor on its to-do list.
    page.get_by_role("heading", name=re.compile("^(Portfolio|Your vendor portal)$")).wait_for()
    assert page.get_by_role("link", name="Other E").is_visible()
    _shows_nothing_of_the_telecom(page)
    for path in ("/findings", "/scorecards", "/reports", "/portal", "/portal/audits"):
        assert page.goto(path).status == 200, path
        _shows_nothing_of_the_telecom(page)
    page.goto("/findings")
    assert page.get_by_text("Voice service level breached (other-e)").is_visible()
    for path in TELCO_PATHS:
        assert page.goto(path).status == 404, path
        assert page.get_by_role("heading", name="Not found").is_visible()
    missing = page.goto("/engagements/no-such-engagement").text()
    assert page.goto("/engagements/telco-mnl").text() == missing.replace(
        "no-such-engagement", "telco-mnl"
    )
