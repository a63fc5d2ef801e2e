"""Syncing a Zendesk source against a local server that speaks the documented protocol.

The server (``fake_zendesk.py``) implements Zendesk's cursor-based incremental ticket
export; the lake a sync builds is compared with the lake built by ingesting the final
export once, through the same ``zendesk`` format adapter.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import orjson
import pytest

from fairshore.bootstrap import Workspace, init_workspace
from fairshore.config import load_settings
from fairshore.governance import services as governance
from fairshore.interactions import services as ingest
from fairshore.sources import services as sources
from tests.integration.interactions.workspace_files import add_engagement, lake_rows

from .fake_zendesk import FakeZendesk, metric_set, serving, zendesk_ticket

EMAIL, TOKEN, ENV = "sync@telco.example", "zd-secret-token", "FAIRSHORE_TEST_ZENDESK_TOKEN"
NOW = datetime(2026, 11, 2, 6, 0, tzinfo=UTC)
T0 = datetime(2026, 10, 1, 8, 0, tzinfo=UTC)
COMPARED = ("interaction_id", "channel", "arrived_at", "resolved_at", "csat", "fcr",
            "reopened", "escalated", "updated_at")  # fmt: skip


def _workspace(home: Path) -> Workspace:
    ws = init_workspace(load_settings(home=home))
    add_engagement(ws)
    return ws


@pytest.fixture
def api() -> Iterator[FakeZendesk]:
    server = FakeZendesk(email=EMAIL, token=TOKEN, per_page=100)
    for tid in range(1, 251):
        solved = tid % 5 != 0  # every fifth ticket still open
        server.put(
            zendesk_ticket(
                tid, updated=T0 + timedelta(minutes=tid), status="solved" if solved else "open"
            ),
            metric_set(tid, solved=T0 + timedelta(minutes=tid) if solved else None),
        )
    with serving(server):
        yield server


@pytest.fixture
def ws(tmp_path: Path, api: FakeZendesk, monkeypatch: pytest.MonkeyPatch) -> Iterator[Workspace]:
    monkeypatch.setenv(ENV, TOKEN)
    space = _workspace(tmp_path / "ws")
    sources.add_source(space, kind="zendesk", engagement_id="telco-krk", email=EMAIL,
                       token_env=ENV, base_url=api.base_url, now=NOW)  # fmt: skip
    yield space
    space.close()


def _change(api: FakeZendesk) -> None:
    """A day later: new tickets, an open one solved, a solved one reopened, one deleted."""
    later = T0 + timedelta(days=1)
    for tid in range(251, 281):
        api.put(zendesk_ticket(tid, updated=later + timedelta(minutes=tid)),
                metric_set(tid, solved=later + timedelta(minutes=tid)))  # fmt: skip
    api.put(zendesk_ticket(5, updated=later + timedelta(minutes=1)),
            metric_set(5, solved=later + timedelta(minutes=1)))  # fmt: skip
    api.put(zendesk_ticket(7, updated=later + timedelta(minutes=2), status="open"),
            metric_set(7, solved=None, reopens=1))  # fmt: skip
    api.put(zendesk_ticket(9, updated=later + timedelta(minutes=3), status="deleted"))


def _once(tmp_path: Path, api: FakeZendesk) -> list[dict[str, object]]:
    """The lake from ingesting the final export in one file."""
    ws = _workspace(tmp_path / "once")
    path = tmp_path / "final-export.json"
    path.write_bytes(orjson.dumps(api.export()))
    report = ingest.ingest_files(ws, table="interactions", paths=[path],
                                 engagement_id="telco-krk", format="zendesk")  # fmt: skip
    assert report.status == "accepted"
    rows = _view(ws)
    ws.close()
    return rows


def _view(ws: Workspace) -> list[dict[str, object]]:
    return [{k: r.get(k) for k in COMPARED} for r in lake_rows(ws)]


def test_two_syncs_with_changes_give_the_lake_of_one_final_export(
    ws: Workspace, api: FakeZendesk, tmp_path: Path
) -> None:
    first = sources.sync_source(ws, "telco-krk-zendesk", now=NOW, sleep=lambda s: None)
    assert (first.status, first.pages, first.rows_accepted) == ("complete", 3, 250)
    assert len(first.batches) == 1  # the pages go into the lake together
    assert first.end_of_stream and first.cursor
    assert "start_time=0" in api.requests[0]
    _change(api)
    served_before = api.served_tickets
    second = sources.sync_source(ws, "telco-krk-zendesk", now=NOW + timedelta(days=1),
                                 sleep=lambda s: None)  # fmt: skip
    assert second.status == "complete"
    assert api.served_tickets - served_before == 33  # only what changed: 30 new, 3 changed
    assert all("cursor=" in r for r in api.requests[3:])
    assert (second.rows_updated, second.rows_inserted, second.rows_retracted) == (2, 30, 1)
    assert _view(ws) == _once(tmp_path, api)
    by_id = {r["interaction_id"]: r for r in lake_rows(ws)}
    assert by_id["5"]["resolved_at"] is not None
    assert by_id["7"]["resolved_at"] is None and "9" not in by_id
    source = sources.get_source(ws, "telco-krk-zendesk")
    assert (
        source.last_success_at == NOW + timedelta(days=1) and source.rows_total == 283
    )  # accepted over both syncs


def test_a_429_on_any_page_is_waited_out(ws: Workspace, api: FakeZendesk) -> None:
    api.throttle = {2: 7, 4: 1}  # the second page, then its retry's next page
    waits: list[float] = []
    report = sources.sync_source(ws, "telco-krk-zendesk", now=NOW, sleep=waits.append)
    assert report.status == "complete" and report.rows_accepted == 250
    assert waits == [7.0, 1.0] and report.retries == 2 and report.waited_seconds == 8.0


def test_a_page_budget_stops_and_the_next_sync_goes_on(ws: Workspace, api: FakeZendesk) -> None:
    part = sources.sync_source(ws, "telco-krk-zendesk", now=NOW, page_budget=1)
    assert (part.status, part.pages, part.rows_accepted) == ("partial", 1, 100)
    rest = sources.sync_source(ws, "telco-krk-zendesk", now=NOW)
    assert (rest.status, rest.pages, rest.rows_accepted) == ("complete", 2, 150)
    assert len(lake_rows(ws)) == 250


def test_a_wrong_token_fails_with_a_reason_and_the_feed_goes_quiet(
    ws: Workspace, api: FakeZendesk, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV, "wrong")
    report = sources.sync_source(ws, "telco-krk-zendesk", now=NOW)
    assert report.status == "failed" and "refused the credentials (401)" in (report.error or "")
    monkeypatch.delenv(ENV)
    missing = sources.sync_source(ws, "telco-krk-zendesk", now=NOW)
    assert f"set the environment variable {ENV}" in (missing.error or "")
    assert sources.silent_feeds(ws, now=NOW + timedelta(hours=47)) == []
    quiet = sources.silent_feeds(ws, now=NOW + timedelta(hours=49))
    assert [f.title for f in quiet] == ["No data from telco-krk's zendesk since 2026-11-02"]
    governance.record_findings(ws, quiet)
    assert sources.due_sources(ws, now=NOW + timedelta(hours=25))[0].id == "telco-krk-zendesk"


def test_a_sync_killed_mid_way_and_run_again_gives_the_same_lake(
    ws: Workspace, api: FakeZendesk, tmp_path: Path
) -> None:
    api.stall_at = 3  # the third page's request is held: the CLI is killed while waiting
    env = os.environ | {ENV: TOKEN}
    command = [sys.executable, "-m", "fairshore", "--home", str(ws.home), "sync",
               "telco-krk-zendesk", "--batch-records", "100", "--json"]  # fmt: skip
    quiet = subprocess.DEVNULL
    process = subprocess.Popen(command, env=env, stdout=quiet, stderr=quiet)
    try:
        assert api.stalled.wait(120), "the sync never asked for its third page"
        for _ in range(600):  # the page before it is ingested while it is fetched
            if len(lake_rows(ws)) == 200:
                break
            time.sleep(0.1)
        process.send_signal(signal.SIGKILL)
        process.wait(30)
    finally:
        api.stall_at = None
        api.release.set()
    time.sleep(0.1)
    assert len(lake_rows(ws)) == 200  # two pages were in when it died
    again = sources.sync_source(ws, "telco-krk-zendesk", now=NOW)
    assert again.status == "complete" and again.rows_accepted == 50
    assert _view(ws) == _once(tmp_path, api)


def test_an_engagement_whose_files_stop_arriving_raises_a_finding(
    ws: Workspace, api: FakeZendesk
) -> None:
    assert sources.silent_engagements(ws, now=NOW) == []  # no file yet: nothing to miss
    sources.sync_source(ws, "telco-krk-zendesk", now=NOW, sleep=lambda s: None)
    [batch] = ingest.list_batches(ws, engagement_id="telco-krk")[-1:]
    arrived = batch.published_at or batch.created_at
    assert arrived is not None
    days = ws.settings.file_feed_days
    assert sources.silent_engagements(ws, now=arrived + timedelta(days=days - 1)) == []
    [quiet] = sources.silent_engagements(ws, now=arrived + timedelta(days=days + 1))
    assert quiet.key == "feed:telco-krk:files" and quiet.source == "feed"
    assert quiet.title == f"No vendor files for telco-krk since {arrived:%Y-%m-%d}"
    outcome = governance.record_findings(ws, [quiet])
    assert len(outcome.opened) == 1  # the register takes it like any condition
