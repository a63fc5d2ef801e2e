"""Syncing a Freshdesk source against a local server that speaks the documented API.

The server (``fake_freshdesk.py``) implements "List All Tickets" with ``updated_since``,
``page``/``per_page`` and the ``Link`` header, "View a Ticket" and the satisfaction
ratings list; the lake a sync builds is compared with the lake built by ingesting the
final tickets and ratings files once, through the same ``freshdesk`` format adapter.
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
from .fake_freshdesk import FakeFreshdesk, freshdesk_ticket, iso, rating, ticket_stats

KEY, ENV, SOURCE = "fd-api-key", "FAIRSHORE_TEST_FRESHDESK_KEY", "telco-krk-freshdesk"
NOW = datetime(2026, 11, 2, 6, 0, tzinfo=UTC)
T0 = datetime(2026, 10, 1, 8, 0, tzinfo=UTC)
SAME = range(95, 106)  # tickets changed in one second, across the first page's end


def _workspace(home: Path) -> Workspace:
    ws = init_workspace(load_settings(home=home))
    add_engagement(ws)
    return ws


def _when(tid: int) -> datetime:
    return T0 + timedelta(minutes=95 if tid in SAME else tid)


@pytest.fixture
def api() -> Iterator[FakeFreshdesk]:
    server = FakeFreshdesk(key=KEY)
    for tid in range(1, 251):
        solved = tid % 5 != 0  # every fifth ticket still open
        at = _when(tid)
        server.put(freshdesk_ticket(tid, updated=at, status=4 if solved else 2),
                   ticket_stats(responded=at - timedelta(minutes=30),
                                resolved=at if solved else None))  # fmt: skip
    for tid in range(1, 41):
        server.rate(rating(tid, tid, created=_when(tid), answer=103 if tid % 3 else -102))
    with serving(server):
        yield server


@pytest.fixture
def ws(tmp_path: Path, api: FakeFreshdesk, monkeypatch: pytest.MonkeyPatch) -> Iterator[Workspace]:
    monkeypatch.setenv(ENV, KEY)
    space = _workspace(tmp_path / "ws")
    sources.add_source(space, kind="freshdesk", engagement_id="telco-krk", token_env=ENV,
                       base_url=api.base_url, now=NOW)  # fmt: skip
    yield space
    space.close()


def _change(api: FakeFreshdesk) -> None:
    """A day later: new tickets, an open one resolved and rated, a resolved one reopened,
    and a rating for a ticket that did not change otherwise."""
    later = T0 + timedelta(days=1)
    for tid in range(251, 281):
        at = later + timedelta(minutes=tid)
        api.put(freshdesk_ticket(tid, updated=at),
                ticket_stats(responded=at, resolved=at))  # fmt: skip
    at = later + timedelta(minutes=1)
    api.put(freshdesk_ticket(5, updated=at), ticket_stats(responded=T0, resolved=at))
    api.rate(rating(41, 5, created=at, answer=101))
    at = later + timedelta(minutes=2)
    api.put(freshdesk_ticket(7, updated=at, status=2),
            ticket_stats(responded=T0, resolved=None, reopened=at))  # fmt: skip
    api.rate(rating(42, 60, created=later + timedelta(minutes=3), answer=100))


def _once(tmp_path: Path, api: FakeFreshdesk) -> list[dict[str, object]]:
    """The lake from ingesting the final tickets and ratings files in one batch."""
    ws = _workspace(tmp_path / "once")
    tickets, ratings = api.export()
    paths = [tmp_path / "tickets.json", tmp_path / "satisfaction_ratings.json"]
    paths[0].write_bytes(orjson.dumps(tickets))
    paths[1].write_bytes(orjson.dumps(ratings))
    report = ingest.ingest_files(ws, table="interactions", paths=paths,
                                 engagement_id="telco-krk", format="freshdesk")  # fmt: skip
    assert report.status == "accepted" and report.rows_accepted == len(tickets)
    rows = _view(ws)
    ws.close()
    return rows


def _view(ws: Workspace) -> list[dict[str, object]]:
    # every column but the batch and the partition columns (a file's layout)
    return [{k: v for k, v in r.items() if k != "batch_id" and not k.startswith("part_")}
            for r in lake_rows(ws)]  # fmt: skip


def _same(synced: list[dict[str, object]], once: list[dict[str, object]]) -> None:
    """Equal lakes; else the first differing row's differing columns."""
    for mine, theirs in zip(synced, once, strict=True):
        differ = {k: (mine.get(k), theirs.get(k)) for k in {*mine, *theirs}
                  if mine.get(k) != theirs.get(k)}  # fmt: skip
        assert not differ, f"ticket {mine['interaction_id']}: {differ}"


def _sync(ws: Workspace, now: datetime = NOW, **options: object) -> SyncReport:
    return sources.sync_source(ws, SOURCE, now=now, sleep=lambda s: None, **options)  # type: ignore[arg-type]


def test_two_syncs_with_changes_give_the_lake_of_one_final_export(
    ws: Workspace, api: FakeFreshdesk, tmp_path: Path
) -> None:
    first = _sync(ws)
    assert (first.status, first.rows_read, first.rows_accepted) == ("complete", 250, 250)
    assert first.pages == 3 and first.end_of_stream  # 100, then 94 after the shared second
    assert "updated_since=1970-01-01T00%3A00%3A00Z" in api.requests[1]
    _change(api)
    served_before = len(api.served)
    second = _sync(ws, NOW + timedelta(days=1))
    assert second.status == "complete" and second.end_of_stream
    # only what changed: 30 new, 5 and 7 changed, 60 rated; the last ticket of the
    # first sync comes again (updated_since is inclusive) and is not ingested twice
    served = api.served[served_before:]
    assert sorted(t["id"] for t in served) == [5, 7, 60, 250, *range(251, 281)]
    assert (second.rows_read, second.rows_inserted, second.rows_updated) == (33, 30, 3)
    _same(_view(ws), _once(tmp_path, api))
    by_id = {r["interaction_id"]: r for r in lake_rows(ws)}
    assert by_id["5"]["resolved_at"] is not None and by_id["5"]["csat"] == 4.0
    assert by_id["7"]["resolved_at"] is None and by_id["60"]["csat"] == 3.0
    assert by_id["3"]["csat"] == 2.0 and by_id["1"]["csat"] == 5.0  # -102 and 103
    assert sources.get_source(ws, SOURCE).rows_total == 283


def test_a_third_sync_with_nothing_changed_ingests_nothing(
    ws: Workspace, api: FakeFreshdesk
) -> None:
    _sync(ws)
    again = _sync(ws, NOW + timedelta(days=1))
    assert (again.status, again.rows_read, again.batches) == ("complete", 0, [])


def test_a_429_on_any_page_is_waited_out(ws: Workspace, api: FakeFreshdesk) -> None:
    api.throttle = {2: 7, 4: 1}  # the first tickets page, then its retry's next page
    waits: list[float] = []
    report = sources.sync_source(ws, SOURCE, now=NOW, sleep=waits.append)
    assert report.status == "complete" and report.rows_accepted == 250
    assert waits == [7.0, 1.0] and report.retries == 2 and report.waited_seconds == 8.0


def test_a_page_budget_stops_and_the_next_sync_goes_on(ws: Workspace, api: FakeFreshdesk) -> None:
    part = _sync(ws, page_budget=1)
    assert (part.status, part.pages, part.rows_accepted) == ("partial", 1, 100)
    rest = _sync(ws)
    assert (rest.status, rest.pages, rest.rows_accepted) == ("complete", 2, 150)
    assert len(lake_rows(ws)) == 250


def test_a_wrong_key_fails_with_a_reason(
    ws: Workspace, api: FakeFreshdesk, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV, "wrong")
    report = _sync(ws)
    assert report.status == "failed" and "refused the credentials (401)" in (report.error or "")
    assert "invalid_credentials" in (report.error or "") and lake_rows(ws) == []


def test_a_sync_killed_mid_way_and_run_again_gives_the_same_lake(
    ws: Workspace, api: FakeFreshdesk, tmp_path: Path
) -> None:
    api.stall_at = 4  # ratings, two ticket pages, then the third is held and the CLI killed
    env = os.environ | {ENV: KEY}
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
    assert len(lake_rows(ws)) == 194  # two pages were in when it died
    again = _sync(ws)
    assert again.status == "complete" and again.rows_accepted == 56
    _same(_view(ws), _once(tmp_path, api))


def test_the_cursor_is_the_last_change_and_its_tickets(ws: Workspace, api: FakeFreshdesk) -> None:
    _sync(ws)
    cursor = orjson.loads(sources.get_source(ws, SOURCE).cursor or "")
    assert cursor == {"updated_since": iso(_when(250)), "page": 1, "seen": [250],
                      "ratings_since": iso(_when(40)), "rated": [40], "joined": []}  # fmt: skip
    kept = orjson.loads((ws.home / "sources" / SOURCE / "satisfaction_ratings.json").read_bytes())
    assert len(kept) == 40 and set(kept["3"]) == {"id", "ticket_id", "created_at", "ratings"}


def test_a_ticket_without_an_id_stops_the_sync_with_the_page_named(
    ws: Workspace, api: FakeFreshdesk
) -> None:
    api.tickets[3] = {k: v for k, v in api.tickets[3].items() if k != "id"}
    report = _sync(ws)
    assert report.status == "failed" and "a ticket without a numeric id" in (report.error or "")
    assert "/api/v2/tickets?updated_since=" in (report.error or "")
    assert lake_rows(ws) == [] and sources.get_source(ws, SOURCE).cursor is None


def test_a_ticket_changing_while_it_is_paged_skips_no_other(
    ws: Workspace, api: FakeFreshdesk
) -> None:
    """Offsets shift when ticket 3 (on page 1) changes before page 2 is asked for: page 2
    of the same query would start one ticket late. Each page starts a new window."""
    at = T0 + timedelta(hours=9)
    api.before[3] = lambda: api._put(freshdesk_ticket(3, updated=at, status=5),
                                     ticket_stats(responded=T0, resolved=T0))  # fmt: skip
    report = _sync(ws)
    assert report.status == "complete" and report.rows_inserted == 250
    assert report.rows_updated == 1  # ticket 3 again, closed
    assert {r["interaction_id"] for r in lake_rows(ws)} == {str(t) for t in range(1, 251)}


def test_a_page_of_tickets_changed_in_one_second_pages_on_in_its_window(
    ws: Workspace, api: FakeFreshdesk
) -> None:
    api.tickets.clear()
    at = T0 + timedelta(days=3)
    for tid in range(1, 151):
        api.put(freshdesk_ticket(tid, updated=at), ticket_stats(responded=T0, resolved=at))
    report = _sync(ws)
    # page 1 (100); the window at that second again (100 known: nothing new); page 2 (50)
    assert (report.status, report.pages, report.rows_read) == ("complete", 3, 150)
    assert "page=2" in api.requests[-1] and len(lake_rows(ws)) == 150
