"""Every page of the app, for each role, on a served small demo: what the layout and
accessibility checks visit (``test_analytics_journeys``, ``test_accessibility``).

The pages come from the app's own routes, so a page added later is checked without
anyone adding it here: each GET route's path parameters are filled from ``Site.params``
(a route with a parameter not there fails the listing), and a role visits the routes the
authorisation matrix (``tests/e2e/web``) lets it read. Routes that answer no HTML page
are in ``NOT_PAGES`` with the reason; ``VARIANTS`` adds the query strings that show
another state of a page (a filtered register, the worker's form after its code).

The workspace is the demo scenario (seed 7, scale 0.005) with every step but the written
reports, so the pages show real content: contracts judged month by month, findings of
every source, people, privacy, staffing, vetting, voice channels and pulse answers.
It is built and served once per run, in the background (``shared_build.EVERY_PAGE``:
the xdist controller starts ``python -m tests.e2e.browser.every_page ROOT`` as soon as a
worker collects the every-page tests): one server for every role on every worker, so a
page that computes on its first view (a report, the scorecards) computes once per run.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import signal
import sys
import time
import traceback
from pathlib import Path
from typing import Any

import pytest

from fairshore import web_paths
from fairshore.accounts import services as accounts
from fairshore.bootstrap import Workspace, init_workspace
from fairshore.config import load_settings
from fairshore.demo.pipeline import run_demo
from fairshore.entrypoints.web.app import create_app
from fairshore.entrypoints.web.pages_evidence import occurrence_evidence
from fairshore.governance import services as governance
from fairshore.interactions.batches import list_batches
from fairshore.vetting.demo_assessments import load_demo_assessments
from tests.e2e.browser.conftest import PASSWORD, serve
from tests.e2e.web.test_authorization_matrix import MATRIX, _routes
from tests.quick_passwords import quick_password_hashes
from tests.shared_build import EVERY_PAGE, start, wait_for
from tests.system_packages import need_chromium

ENGAGEMENT, VENDOR = "telco-blr", "indigo"  # the vendor user works for Indigo
ROLES = ("analyst", "executive", "auditor", "admin", "vendor")
EMAILS = {r: f"{r}@telco.example" for r in ROLES} | {"vendor": "portal@indigo.example"}
# GET routes that answer no HTML page of the app's own: (pattern, why).
NOT_PAGES = (
    (r"^/api/v1/", "the JSON API"),
    (r"^/api/docs", "Swagger UI's own page and its vendored assets, not the app's templates"),
    (r"^/healthz$", "a liveness probe answering JSON"),
    (r"\.(csv|xlsx)$", "a download"),
    (r"/pdf$", "a PDF download"),
    (r"/attachments/", "an attached file, sent as the vendor uploaded it"),
)
# Other states of a page, reached with a query string ({code}: the engagement's channel).
VARIANTS = {
    "/findings": ["?severity=major&severity=critical&search=service&sort=due"],
    "/engagements/{engagement_id}/kpis": ["?dim=language"],
    "/engagements/{engagement_id}/evidence/{metric}/{month}": ["?channel=voice&page=2"],
    "/voice": ["?code={code}", "?code={code}&lang=es", "?lang=hi"],
    "/voice/pulse": ["?code={code}&lang=pl"],
    "/voice/receipt": ["?lang=es"],
}
WAIT_SECONDS = 1800  # the build and the server's start on a loaded 2-core machine


@dataclasses.dataclass(frozen=True)
class Site:
    """The values the pages' path parameters take in the built workspace."""

    params: dict[str, str]
    routes: list[str]  # the app's GET routes
    paths: dict[str, str] = dataclasses.field(default_factory=dict)  # route -> a real path

    def pages(self, role: str | None) -> list[str]:
        """Every HTML page ``role`` may read (``None``: anonymous), as concrete paths."""
        found: list[str] = []
        for route in self.routes:
            if any(re.search(pattern, route) for pattern, _ in NOT_PAGES):
                continue
            own_case = MATRIX[("GET", route)][0]  # the own engagement / vendor / finding
            status = own_case[2] if role is None else own_case[1][role]
            if status != 200:
                continue
            if route in self.paths:  # its parameters depend on each other (an anomaly)
                path = self.paths[route]
                theirs = path.startswith(web_paths.engagement(ENGAGEMENT) + "/")
                if role != "vendor" or theirs:  # another vendor's engagement is not its own
                    found.append(path)
                continue
            names = re.findall(r"{(\w+)}", route)
            missing = [n for n in names if n not in self.params]
            assert not missing, f"{route}: give {missing} a value in every_page.Site.params"
            path = route.format(**self.params)
            found += [path] + [path + v.format(**self.params) for v in VARIANTS.get(route, [])]
        return found


def _build(home: Path) -> Site:
    ws = init_workspace(load_settings(home=home))
    ctx = run_demo(ws, scale=0.005, seed=7, defer=["reports", "accounts", "vetting"])
    load_demo_assessments(ws)  # the questionnaires, without vetting's slow scoring run
    for role, email in EMAILS.items():
        vendor = VENDOR if role == "vendor" else None
        accounts.add_user(ws, email=email, password=PASSWORD, role=role, vendor_id=vendor)
    with_evidence = [
        f for f in governance.list_findings(ws, engagement_id=ENGAGEMENT) if f.finding.evidence
    ]
    [code] = [c["code"] for c in ctx.results["voice"] if c["engagement"] == ENGAGEMENT]
    params = {
        "engagement_id": ENGAGEMENT,
        "vendor_id": VENDOR,
        "finding_id": str(with_evidence[0].id),
        "batch_id": list_batches(ws, engagement_id=ENGAGEMENT)[0].batch_id,
        "measure": "living_wage",
        "period": "2026-07",
        "metric": "service_level",
        "month": "2026-07",
        "term_id": "voice-service-level",
        "quarter": "2026-Q3",
        "code": code,
    }
    app = create_app(ws.settings, workspace=ws)
    routes = sorted(path for method, path in _routes(app.routes) if method == "GET")
    paths = {
        # the roster spells behind a month's attrition (``measure`` above is a welfare one)
        "/engagements/{engagement_id}/roster/{measure}/{period}": web_paths.roster(
            ENGAGEMENT, "attrition", "2026-07"
        ),
        # the events behind an access anomaly the demo planted, as its finding links them
        "/engagements/{engagement_id}/access-events/{kind}/{agent_ref}/{day}": _anomaly_link(ws),
    }
    ws.close()
    return Site(params=params, routes=routes, paths=paths)


def _anomaly_link(ws: Workspace) -> str:
    """The access-event drill-down of the first access anomaly the demo planted (at
    telco-mnl: the vendor user, Indigo's, does not see it)."""
    for record in governance.list_findings(ws):
        for occurrence in record.occurrences:
            link = occurrence_evidence(record, occurrence)
            if link is not None and "/access-events/" in link:
                return link
    raise AssertionError("the demo planted no access anomaly")


def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The pages of the run's demo workspace (waits for its build)."""
    root = _ready(tmp_path_factory)
    saved = json.loads((root / "built" / "site.json").read_text(encoding="utf-8"))
    return Site(saved["params"], saved["routes"], saved["paths"])


def demo_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The address the run's one server of the demo workspace answers on."""
    return (_ready(tmp_path_factory) / "url").read_text(encoding="utf-8")


def shared_folder(tmp_path_factory: pytest.TempPathFactory, name: str) -> Path:
    """A folder every worker of the run shares, next to the site's."""
    folder = EVERY_PAGE.root(tmp_path_factory.getbasetemp()) / name
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _ready(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The background job's folder once it serves (started here when no one has)."""
    need_chromium()
    root = EVERY_PAGE.root(tmp_path_factory.getbasetemp())
    start(root, EVERY_PAGE.module)
    wait_for(root / "url", seconds=WAIT_SECONDS, what="the every-page site")
    return root


def _build_into(folder: Path) -> None:
    site = _build(folder / "ws")
    saved = {"params": site.params, "routes": site.routes, "paths": site.paths}
    (folder / "site.json").write_text(json.dumps(saved), encoding="utf-8")


def _build_and_serve(root: Path) -> None:
    """The background job: build into ``root / "built"``, serve it, write the address
    to ``root / "url"`` (or why not to ``root / "error"``), serve until stopped."""
    parent = os.getppid()
    try:
        (root / "building").mkdir()
        with quick_password_hashes():  # each role signs in once per test
            _build_into(root / "building")
        (root / "building").rename(root / "built")
        served = serve(root / "built" / "ws")  # the demo pins its own "today"
        url = next(served)
    except BaseException:
        (root / "error").write_text(traceback.format_exc(), encoding="utf-8")
        raise
    (root / "url.tmp").write_text(url, encoding="utf-8")
    (root / "url.tmp").rename(root / "url")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # the run's end (shared_build.reap)
    try:
        while os.getppid() == parent:  # a run killed before it could reap: stop as well
            time.sleep(1)
    finally:
        served.close()


def visit(page: Any, path: str) -> int:
    """Open ``path`` and wait for its charts; the HTTP status. (No page fetches anything
    after its load event: the charts are drawn from specs in the page.)"""
    answer = page.goto(path, timeout=180000)  # a report computes on its first view
    assert answer is not None, path
    charts = page.locator(".chart")
    for i in range(charts.count()):
        charts.nth(i).locator("svg, canvas").first.wait_for(timeout=30000)
    return int(answer.status)


def sign_in_as(page: Any, role: str) -> None:
    """Sign in to the demo as ``role``'s user and wait for the landing page."""
    page.goto("/login")
    page.get_by_label("Email").fill(EMAILS[role])
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/login" not in url)


if __name__ == "__main__":
    _build_and_serve(Path(sys.argv[1]))
