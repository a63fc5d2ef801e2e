"""The analyst assigns a finding and its new owner gets an e-mail (Chromium, real SMTP)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from fairshore.accounts import services as accounts
from fairshore.bootstrap import init_workspace
from fairshore.config import load_settings
from fairshore.engagements import services as entities
from fairshore.governance import services as governance
from fairshore.governance.model import Finding
from tests.e2e.browser.conftest import PASSWORD, serve, sign_in
from tests.mailbox import Mailbox, body, smtp_server
from tests.system_packages import need_chromium

BASE_URL = "https://fairshore.telco.example"


@pytest.fixture(scope="module")
def mailbox() -> Iterator[Mailbox]:
    with smtp_server() as box:
        yield box


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, mailbox: Mailbox) -> Iterator[str]:
    need_chromium()
    home = tmp_path_factory.mktemp("owners") / "ws"
    ws = init_workspace(load_settings(home=home))
    entities.add_vendor(ws, id="northwind", name="Northwind BPO")
    entities.add_engagement(ws, id="telco-mnl", vendor_id="northwind", name="Telco MNL",
                            timezone="UTC", channels=["voice"], languages=["en"])  # fmt: skip
    governance.record_findings(ws, [
        Finding(key="sla:telco-mnl", source="sla", engagement_id="telco-mnl", severity="major",
                title="Voice service level breached (telco-mnl)")
    ])  # fmt: skip
    for role in ("analyst", "admin"):
        accounts.add_user(ws, email=f"{role}@telco.example", password=PASSWORD, role=role)
    ws.close()
    yield from serve(home, {**mailbox.env(), "FAIRSHORE_BASE_URL": BASE_URL})


def test_the_analyst_assigns_a_finding_and_the_owner_is_mailed(page: Any, mailbox: Mailbox) -> None:
    sign_in(page, "analyst@telco.example")
    page.get_by_role("heading", name="Portfolio").wait_for()
    assert page.locator("#my-work").get_by_text("Nothing assigned to you").is_visible()
    page.get_by_role("link", name="Findings", exact=True).click()
    page.get_by_role("link", name=re.compile(r"Finding \d+: respond")).first.click()
    page.get_by_role("heading", name=re.compile("Voice service level breached")).wait_for()
    finding_url = page.url
    page.get_by_label("Owned by").select_option("admin@telco.example")
    page.get_by_role("button", name="Assign").click()
    page.locator("#assigned-note").wait_for()
    assert page.locator("#assigned-note").inner_text() == (
        "Owner saved: admin@telco.example has been told by e-mail."
    )
    assert page.locator("#finding-owner").inner_text() == "admin@telco.example"

    [mail] = mailbox.wait_for(1)
    finding_id = finding_url.rstrip("/").rsplit("/", 1)[1].split("?")[0]
    assert mail["To"] == "admin@telco.example"
    assert mail["Subject"] == (
        f"[Fairshore] Finding {finding_id} assigned to you: "
        "Voice service level breached (telco-mnl)"
    )
    assert f"{BASE_URL}/portal/findings/{finding_id}" in body(mail)

    page.context.clear_cookies()  # the owner signs in: the finding is on their home page
    sign_in(page, "admin@telco.example")
    work = page.locator("#my-work")
    work.get_by_role("heading", name="Findings you own (1)").wait_for()
    assert work.get_by_role("link", name=re.compile("Voice service level breached")).is_visible()
