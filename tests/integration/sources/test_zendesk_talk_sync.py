"""Syncing a Zendesk Talk source against a local server that speaks the documented export.

The server (``fake_zendesk_talk.py``) implements the time-based incremental calls
export; the lake a sync builds is compared with the lake built by ingesting the final
export once, through the same ``zendesk-talk`` format adapter.
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
from fairshore.interactions import services as ingest
from fairshore.sources import services as sources
from fairshore.sources.model import SyncReport
from tests.integration.interactions.workspace_files import add_engagement, lake_rows

from .fake_api import serving
from .fake_zendesk_talk import FakeZendeskTalk, talk_call

EMAIL, TOKEN, ENV = "talk@telco.example", "talk-secret", "FAIRSHORE_TEST_TALK_TOKEN"
SOURCE = "telco-krk-zendesk-talk"
NOW = datetime(2026, 11, 2, 6, 0, tzinfo=UTC)
T0 = datetime(2026, 10, 1, 8, 0, tzinfo=UTC)
CALLS = 2300  # three export pages: 1000, 1000 (one repeated), 302 (one repeated)


def _workspace(home: Path) -> Workspace:
    ws = init_workspace(load_settings(home=home))
    add_engagement(ws)
    return ws


def _inbound(last: int) -> int:
    return sum(1 for cid in range(1, last + 1) if cid % 10)


@pytest.fixture
def api() -> Iterator[FakeZendeskTalk]:
    server = FakeZendeskTalk(email=EMAIL, token=TOKEN)
    for cid in range(1, CALLS + 1):
        status = "abandoned_in_queue" if cid % 7 == 0 else "completed"
        direction = "outbound" if cid % 10 == 0 else "inbound"  # quarantined: not offered
        server.put(talk_call(cid, updated=T0 + timedelta(seconds=cid), status=status,
                             direction=direction))  # fmt: skip
    with serving(server):
        yield server


@pytest.fixture
def ws(
    tmp_path: Path, api: FakeZendeskTalk, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Workspace]:
    monkeypatch.setenv(ENV, TOKEN)
    space = _workspace(tmp_path / "ws")
    sources.add_source(space, kind="zendesk-talk", engagement_id="telco-krk", email=EMAIL,
                       token_env=ENV, base_url=api.base_url, now=NOW)  # fmt: skip
    yield space
    space.close()


def _change(api: FakeZendeskTalk) -> None:
    """A day later: new calls, one call's wrap-up filled in, one's outcome corrected."""
    later = T0 + timedelta(days=1)
    for cid in range(CALLS + 1, CALLS + 41):
        api.put(talk_call(cid, updated=later + timedelta(seconds=cid)))
    api.put(talk_call(1, updated=later, wrap_up=95))
    api.put(talk_call(7, updated=later + timedelta(seconds=1), status="completed"))


def _once(tmp_path: Path, api: FakeZendeskTalk) -> list[dict[str, object]]:
    """The lake from ingesting the final export in one file."""
    ws = _workspace(tmp_path / "once")
    path = tmp_path / "calls.json"
    path.write_bytes(orjson.dumps(api.export()))
    report = ingest.ingest_files(ws, table="interactions", paths=[path],
                                 engagement_id="telco-krk", format="zendesk-talk")  # fmt: skip
    assert report.status == "accepted"
    rows = _view(ws)
    ws.close()
    return rows


def _view(ws: Workspace) -> list[dict[str, object]]:
    # every column but the batch and the partition columns (a file's layout)
    return [{k: v for k, v in r.items() if k != "batch_id" and not k.startswith("part_")}
            for r in lake_rows(ws)]  # fmt: skip


def _sync(ws: Workspace, now: datetime = NOW, **options: object) -> SyncReport:
    return sources.sync_source(ws, SOURCE, now=now, sleep=lambda s: None, **options)  # type: ignore[arg-type]


def test_two_syncs_with_changes_give_the_lake_of_one_final_export(
    ws: Workspace, api: FakeZendeskTalk, tmp_path: Path
) -> None:
    first = _sync(ws)
    assert (first.status, first.pages, first.end_of_stream) == ("complete", 3, True)
    # the call at each page's end_time comes again at the next page's start: 1999 is
    # the same version again, 1000 an outbound call quarantined again
    assert (first.rows_read, first.rows_unchanged) == (CALLS + 2, 1)
    assert first.rows_quarantined == CALLS // 10 + 1  # outbound calls, 1000 twice
    assert first.rows_inserted == _inbound(CALLS)
    assert "start_time=0" in api.requests[0]
    _change(api)
    served_before = len(api.served)
    second = _sync(ws, NOW + timedelta(days=1))
    assert second.status == "complete" and second.pages == 1
    served = sorted(c["id"] for c in api.served[served_before:])
    assert served == [1, 7, CALLS, *range(CALLS + 1, CALLS + 41)]  # only what changed
    assert (second.rows_inserted, second.rows_updated) == (40, 2)
    assert _view(ws) == _once(tmp_path, api)
    by_id = {r["interaction_id"]: r for r in lake_rows(ws)}
    assert by_id["call-1"]["handle_seconds"] == 240 + 10 + 95  # talk + hold + wrap-up
    assert by_id["call-7"]["abandoned_at"] is None and by_id["call-7"]["answered_at"]
    assert by_id["call-14"]["abandoned_at"] is not None
    assert sources.get_source(ws, SOURCE).cursor == str(
        int((T0 + timedelta(days=1, seconds=CALLS + 40)).timestamp())
    )


def test_a_429_on_any_page_is_waited_out(ws: Workspace, api: FakeZendeskTalk) -> None:
    api.throttle = {2: 7, 4: 1}  # Talk's exports allow 10 requests a minute
    waits: list[float] = []
    report = sources.sync_source(ws, SOURCE, now=NOW, sleep=waits.append)
    assert report.status == "complete" and report.rows_inserted == _inbound(CALLS)
    assert waits == [7.0, 1.0] and report.retries == 2


def test_a_wrong_token_fails_with_a_reason(
    ws: Workspace, api: FakeZendeskTalk, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV, "wrong")
    report = _sync(ws)
    assert report.status == "failed" and "refused the credentials (401)" in (report.error or "")


def test_a_sync_killed_mid_way_and_run_again_gives_the_same_lake(
    ws: Workspace, api: FakeZendeskTalk, tmp_path: Path
) -> None:
    api.stall_at = 3  # the third page's request is held: the CLI is killed while waiting
    env = os.environ | {ENV: TOKEN}
    command = [sys.executable, "-m", "fairshore", "--home", str(ws.home), "sync", SOURCE,
               "--json"]  # fmt: skip
    quiet = subprocess.DEVNULL
    process = subprocess.Popen(command, env=env, stdout=quiet, stderr=quiet)
    try:
        assert api.stalled.wait(120), "the sync never asked for its third page"
        process.send_signal(signal.SIGKILL)
        process.wait(30)
    finally:
        api.stall_at = None
        api.release.set()
    time.sleep(0.1)
    assert len(lake_rows(ws)) == _inbound(1999)  # two pages were in when it died
    again = _sync(ws)
    assert again.status == "complete" and again.rows_inserted == _inbound(CALLS) - _inbound(1999)
    assert _view(ws) == _once(tmp_path, api)
