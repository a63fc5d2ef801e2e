"""A real server on loopback and Debian's Chromium driven by Playwright.

Each xdist worker has its own Chromium and its servers on free ports, so nothing here is
shared between workers but the workspaces built once per run (``tests/shared_build.py``).
Every module is an xdist group of its own (``pytest_collection_modifyitems`` below): its
tests stay on one worker, where its module-scoped server and browser are started once,
and ``--dist loadgroup`` spreads the modules over the workers.

Servers: ``server`` serves a copy of the telecom workspace (two vendors, two engagements
with a finding each, a second organisation) for the whole session of a worker, to the
modules whose tests only read; a module whose tests write (uploads, responses, channels)
serves its own copy, ``own_server(telecom_built)``, or builds its own workspace and
``serve``s it.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.browser.workspaces import PASSWORD, build_analytics, build_telecom
from tests.shared_build import built_once, copy_of
from tests.system_packages import CHROMIUM, need_chromium

__all__ = ["PASSWORD", "own_server", "page_on", "serve", "sign_in"]


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
            env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})},  # the log, as it goes
        )
    base = f"http://127.0.0.1:{port}"
    # A server that fails exits (seen at once); one that only starts slowly gets time: two
    # xdist workers on a shared, loaded 2-core machine have taken over 120 s to import it.
    deadline = time.monotonic() + 300
    while True:
        try:
            urllib.request.urlopen(f"{base}/healthz", timeout=2)
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                process.wait()
                raise RuntimeError(f"server did not start: {log.read_text()!r}") from None
            time.sleep(0.3)
    yield base
    process.terminate()
    process.wait(timeout=20)


SPREAD = ("test_every_page",)  # modules whose tests xdist may spread over its workers


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Each browser module its own xdist group (before xdist's hook reads the marks), but
    the every-page checks: their roles share the run's one server of their site
    (``every_page``), so every worker may take them."""
    here = Path(__file__).parent
    for item in items:
        if item.path.parent == here and item.path.stem not in SPREAD:
            item.add_marker(pytest.mark.xdist_group(f"browser-{item.path.stem}"))


@pytest.fixture(scope="session")
def telecom_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The telecom workspace, built once per run (``copy_of`` it: servers write)."""
    need_chromium()
    return built_once(tmp_path_factory, "browser-telecom", build_telecom)


def own_server(
    built: Path, tmp_path_factory: pytest.TempPathFactory, env: Mapping[str, str] | None = None
) -> Iterator[str]:
    """Serve a private copy of a ``built_once`` folder (for a module whose tests write)."""
    need_chromium()
    yield from serve(copy_of(built, tmp_path_factory.mktemp("served")), env)


@pytest.fixture(scope="session")
def analytics_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The analytics workspace (``workspaces.build_analytics``), built once per run."""
    need_chromium()
    return built_once(tmp_path_factory, "browser-analytics", build_analytics)


@pytest.fixture(scope="session")
def server(telecom_built: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The telecom workspace served for this worker's session: only for tests that read."""
    yield from own_server(telecom_built, tmp_path_factory)


# Module-scoped, not per session: between two sync calls Playwright marks its event loop
# as running in the calling thread, which would break ``asyncio.run`` in the other tests
# a worker runs while the browser is open.
@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    need_chromium()

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


FAILED = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item) -> Iterator[pytest.TestReport]:
    report: pytest.TestReport = yield
    if report.when == "call":
        item.stash[FAILED] = report.failed
    return report


def page_on(
    browser: Any, base_url: str, request: pytest.FixtureRequest, tmp_path: Path, **options: Any
) -> Iterator[Any]:
    """A page in a browser context of its own; a failed test leaves the page as it was
    at the end in ``last.png`` of its ``tmp_path``."""
    context = browser.new_context(base_url=base_url, **options)
    page = context.new_page()
    yield page
    if request.node.stash.get(FAILED, False):
        page.screenshot(path=str(tmp_path / "last.png"), full_page=True)
    context.close()


@pytest.fixture
def page(
    browser: Any, server: str, request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[Any]:
    yield from page_on(browser, server, request, tmp_path)


def sign_in(page: object, email: str) -> None:
    page.goto("/login")  # type: ignore[attr-defined]
    page.get_by_label("Email").fill(email)  # type: ignore[attr-defined]
    page.get_by_label("Password").fill(PASSWORD)  # type: ignore[attr-defined]
    page.get_by_role("button", name="Sign in").click()  # type: ignore[attr-defined]
