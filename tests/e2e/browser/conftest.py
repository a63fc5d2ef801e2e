"""A real server on loopback and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import dataclasses
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

from fairshore.accounts import services as accounts
from fairshore.adapters.db.repositories import ensure_organisation
from fairshore.bootstrap import Workspace, init_workspace
from fairshore.config import load_settings
from fairshore.engagements import services as entities
from fairshore.governance import services as governance
from fairshore.governance.model import Finding
from tests.system_packages import CHROMIUM, need_chromium

PASSWORD = "correct horse battery staple"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(home: Path, env: Mapping[str, str] | None = None) -> Iterator[str]:
    """Serve the workspace at ``home`` on a free loopback port until the generator closes
    (``env``: settings of its own, e.g. ``FAIRSHORE_SMTP_*``)."""
    port = _free_port()
    log = home.parent / "server.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "fairshore", "--home", str(home), "serve", "--port", str(port)],
            stdout=sink,
            stderr=subprocess.STDOUT,
            env={**os.environ, **(env or {})},
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120  # a loaded CI machine starts slowly
    while True:
        try:
            urllib.request.urlopen(f"{base}/healthz", timeout=2)
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError(f"server did not start: {log.read_text()!r}") from None
            time.sleep(0.3)
    yield base
    process.terminate()
    process.wait(timeout=20)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    need_chromium()
    home = tmp_path_factory.mktemp("browser") / "ws"
    ws = init_workspace(load_settings(home=home))
    entities.add_vendor(ws, id="northwind", name="Northwind BPO")
    entities.add_vendor(ws, id="indigo", name="Indigo Services")
    for eid, vid in (("telco-mnl", "northwind"), ("telco-blr", "indigo")):
        entities.add_engagement(
            ws,
            id=eid,
            vendor_id=vid,
            name=f"Telco {eid[-3:].upper()}",
            timezone="UTC",
            channels=["voice", "chat"],
            languages=["en"],
        )
        governance.record_findings(
            ws,
            [
                Finding(
                    key=f"sla:{eid}",
                    source="sla",
                    engagement_id=eid,
                    severity="major",
                    title=f"Voice service level breached ({eid})",
                )
            ],
        )
    accounts.add_user(ws, email="analyst@telco.example", password=PASSWORD, role="analyst")
    accounts.add_user(
        ws,
        email="vendor@northwind.example",
        password=PASSWORD,
        role="vendor",
        vendor_id="northwind",
    )
    _second_tenant(ws)
    ws.close()
    yield from serve(home)


def _second_tenant(ws: Workspace) -> None:
    """Organisation ``other``: vendor Acme, engagement Other E, an analyst and a vendor user."""
    with ws.db.begin() as conn:
        ensure_organisation(conn, "other", "Other Corp")
    other = dataclasses.replace(ws, organisation_id="other")
    entities.add_vendor(other, id="acme", name="Acme Contact")
    entities.add_engagement(other, id="other-e", vendor_id="acme", name="Other E",
                            timezone="UTC", channels=["voice"], languages=["en"])  # fmt: skip
    governance.record_findings(other, [
        Finding(key="sla:other-e", source="sla", engagement_id="other-e", severity="major",
                title="Voice service level breached (other-e)")
    ])  # fmt: skip
    accounts.add_user(other, email="analyst@other.example", password=PASSWORD, role="analyst")
    accounts.add_user(other, email="vendor@acme.example", password=PASSWORD, role="vendor",
                      vendor_id="acme")  # fmt: skip


@pytest.fixture(scope="module")
def browser(server: str) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: object, server: str, tmp_path: Path) -> Iterator[object]:
    context = browser.new_context(base_url=server)  # type: ignore[attr-defined]
    page = context.new_page()
    yield page
    page.screenshot(path=str(tmp_path / "last.png"), full_page=True)
    context.close()


def sign_in(page: object, email: str) -> None:
    page.goto("/login")  # type: ignore[attr-defined]
    page.get_by_label("Email").fill(email)  # type: ignore[attr-defined]
    page.get_by_label("Password").fill(PASSWORD)  # type: ignore[attr-defined]
    page.get_by_role("button", name="Sign in").click()  # type: ignore[attr-defined]
