"""Screenshots of the main pages at 1366x768, the ones ``docs/web.md`` shows.

A tool for the documentation, run on demand: ``FAIRSHORE_SCREENSHOTS=1 pytest -p no:xdist
tests/e2e/browser/test_screenshots.py`` writes them to ``docs/img/web/`` (each checked to
be a PNG of the viewport's size). Otherwise it is skipped: that these pages open, fit a
laptop and a phone and pass axe-core is ``test_every_page``'s check, for every role.
"""

from __future__ import annotations

import os
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from fairshore.accounts import services as accounts
from fairshore.bootstrap import open_workspace
from fairshore.config import load_settings
from fairshore.governance import services as governance
from fairshore.governance.model import Finding
from tests.e2e.browser.conftest import PASSWORD, serve, sign_in
from tests.shared_build import copy_of

pytestmark = pytest.mark.skipif(
    os.environ.get("FAIRSHORE_SCREENSHOTS") != "1",
    reason="docs/img/web is refreshed with FAIRSHORE_SCREENSHOTS=1 (test_every_page checks pages)",
)
DOCS = Path(__file__).parents[3] / "docs" / "img" / "web"
WIDTH, HEIGHT = 1366, 768
E = "/engagements/telco-mnl"
ANALYST_PAGES = (
    ("home", "/"),
    ("engagement", E),
    ("kpis", f"{E}/kpis"),
    ("contract", f"{E}/contract"),
    ("findings", "/findings"),
    ("finding", "/portal/findings/1"),
    ("parity", f"{E}/parity"),
    ("people", f"{E}/people"),
    ("privacy", f"{E}/privacy"),
    ("sources", "/sources"),
    ("qbr", "/reports/qbr/telco-mnl/2026-Q3"),
)
VENDOR_PAGES = (("portal", "/portal"),)
ANONYMOUS_PAGES = (("voice", "/voice"),)


@pytest.fixture(scope="module")
def docs_server(analytics_built: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The analytics workspace with a finding in the register and a Northwind user."""
    home = copy_of(analytics_built, tmp_path_factory.mktemp("browser-screens"))
    ws = open_workspace(load_settings(home=home))
    governance.record_findings(ws, [
        Finding(key="sla:telco-mnl:voice", source="sla", engagement_id="telco-mnl",
                severity="major", title="Voice service level breached in 2026-07")
    ])  # fmt: skip
    accounts.add_user(ws, email="vendor@northwind.example", password=PASSWORD, role="vendor",
                      vendor_id="northwind")  # fmt: skip
    ws.close()
    yield from serve(home)


def _png_size(path: Path) -> tuple[int, int]:
    """Width and height from the PNG header (IHDR is the first chunk)."""
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", data[16:24])


def _shoot(page: Any, pages: tuple[tuple[str, str], ...], folder: Path) -> None:
    for name, path in pages:
        response = page.goto(path)
        assert response is not None and response.ok, (path, response and response.status)
        page.wait_for_load_state("networkidle")
        if page.locator(".chart").count():  # charts draw after load: wait for the first
            page.locator(".chart svg, .chart canvas").first.wait_for(timeout=30000)
        out = folder / f"{name}.png"
        page.screenshot(path=str(out), full_page=False)
        assert _png_size(out) == (WIDTH, HEIGHT), name


def test_main_pages_are_photographed_at_laptop_size(browser: Any, docs_server: str) -> None:
    folder = DOCS
    folder.mkdir(parents=True, exist_ok=True)
    for email, pages in (
        ("analyst@telco.example", ANALYST_PAGES),
        ("vendor@northwind.example", VENDOR_PAGES),
        (None, ANONYMOUS_PAGES),
    ):
        context = browser.new_context(
            base_url=docs_server, viewport={"width": WIDTH, "height": HEIGHT}
        )
        page = context.new_page()
        if email:
            sign_in(page, email)
            page.wait_for_url(lambda url: "/login" not in url)
        _shoot(page, pages, folder)
        context.close()
    taken = sorted(p.stem for p in folder.glob("*.png"))
    expected = [n for n, _ in (*ANALYST_PAGES, *VENDOR_PAGES, *ANONYMOUS_PAGES)]
    assert set(expected) <= set(taken)
