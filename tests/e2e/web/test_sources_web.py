"""The Sources page: last sync, rows and next run; admins sync now, others may not."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from fairshore.bootstrap import Workspace
from fairshore.sources import services as sources
from tests.e2e.web.conftest import sign_in
from tests.integration.sources.fake_zendesk import (
    FakeZendesk,
    metric_set,
    serving,
    zendesk_ticket,
)

ENV, TOKEN = "FAIRSHORE_TEST_WEB_ZENDESK_TOKEN", "web-token"


@pytest.fixture
def api(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeZendesk]:
    monkeypatch.setenv(ENV, TOKEN)
    server = FakeZendesk(email="api@telco.example", token=TOKEN, per_page=10)
    start = datetime(2026, 10, 1, 8, tzinfo=UTC)
    for tid in range(1, 26):
        at = start + timedelta(minutes=tid)
        server.put(zendesk_ticket(tid, updated=at), metric_set(tid, solved=at))
    with serving(server):
        yield server


def test_an_admin_syncs_now_and_the_page_shows_it(
    app_client: TestClient, web_ws: Workspace, api: FakeZendesk
) -> None:
    sources.add_source(
        web_ws, kind="zendesk", engagement_id="telco-blr", email="api@telco.example",
        token_env=ENV, base_url=api.base_url, source_id="blr-zendesk",
        now=datetime(2026, 11, 1, tzinfo=UTC),
    )  # fmt: skip
    csrf = sign_in(app_client, "analyst@telco.example")
    page = app_client.get("/sources").text
    assert "blr-zendesk" in page and "Sync now" not in page  # analysts read, admins act
    refused = app_client.post("/sources/blr-zendesk/sync", data={"csrf_token": csrf})
    assert refused.status_code == 403 and api.requests == []
    csrf = sign_in(app_client, "admin@telco.example")
    done = app_client.post("/sources/blr-zendesk/sync", data={"csrf_token": csrf})
    assert done.status_code == 200 and "Synced blr-zendesk" in done.text
    assert len(api.requests) == 3  # 25 tickets, 10 a page
    row = re.search(r"<th scope=\"row\">blr-zendesk.*?</tr>", done.text, re.S)
    assert row is not None and ">25<" in row.group(0) and "never" not in row.group(0)
    assert sources.get_source(web_ws, "blr-zendesk").rows_total == 25


def test_vendors_do_not_see_the_clients_feeds(app_client: TestClient) -> None:
    sign_in(app_client, "vendor@telco.example")
    assert app_client.get("/sources").status_code == 404
    assert 'href="/sources"' not in app_client.get("/").text


def test_the_server_syncs_due_sources_and_one_process_holds_the_schedule(
    web_ws: Workspace, api: FakeZendesk
) -> None:
    from fairshore.entrypoints.web.scheduler import SyncScheduler

    sources.add_source(
        web_ws, kind="zendesk", engagement_id="telco-mnl", email="api@telco.example",
        token_env=ENV, base_url=api.base_url, source_id="due-zendesk", cadence_hours=1,
        now=datetime(2026, 1, 1, tzinfo=UTC),  # long due
    )  # fmt: skip
    clock = lambda: datetime(2026, 11, 2, 6, 0, tzinfo=UTC)  # noqa: E731 (a fixed "now")
    first = SyncScheduler.start(web_ws, interval_s=0.05, clock=clock)
    assert first is not None
    try:
        assert SyncScheduler.start(web_ws, interval_s=0.05, clock=clock) is None  # taken
        for _ in range(600):
            if sources.get_source(web_ws, "due-zendesk").rows_total == 25:
                break
            time.sleep(0.1)
        assert sources.get_source(web_ws, "due-zendesk").last_success_at is not None
    finally:
        first.stop()
    assert SyncScheduler.start(web_ws, interval_s=0) is None  # 0: cron runs the syncs
