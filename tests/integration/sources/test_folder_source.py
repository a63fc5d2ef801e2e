"""A folder source: a sync ingests the new and changed files of a folder through the
normal ingest path, remembers each file's digest, and a re-sync reads only what is new."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fairshore.bootstrap import Workspace, init_workspace
from fairshore.config import load_settings
from fairshore.entrypoints.cli.main import cli
from fairshore.errors import InputError
from fairshore.sources import services as sources
from tests.integration.interactions.workspace_files import add_engagement, lake_rows

NOW = datetime(2026, 11, 2, 6, 0, tzinfo=UTC)
H = "interaction_id,channel,arrived_at,resolved_at,updated_at,customer_ref\n"
OPEN = "t1,email,2026-03-02T09:00:00,,2026-03-02T09:00:00,c1\n"
RESOLVED = "t1,email,2026-03-02T09:00:00,2026-03-03T10:00:00,2026-03-03T10:00:00,c1\n"
OTHER = "t2,email,2026-04-04T09:00:00,2026-04-04T11:00:00,2026-04-04T11:00:00,c2\n"
BAD = "t3,email,not a time,,,c3\n"


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    space = init_workspace(load_settings(home=tmp_path / "ws"))
    add_engagement(space)
    yield space
    space.close()


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _resolved(ws: Workspace) -> dict[str, object]:
    return {str(r["interaction_id"]): r["resolved_at"] for r in lake_rows(ws)}


def test_a_resync_reads_only_new_and_changed_files(ws: Workspace, tmp_path: Path) -> None:
    drop = tmp_path / "drop"
    write(drop, "2026-03.csv", H + OPEN + BAD)
    write(drop, "notes.txt", "not a feed file")
    sources.add_file_source(ws, kind="folder", engagement_id="telco-krk", location=str(drop),
                            pattern="*.csv", now=NOW)  # fmt: skip
    first = sources.sync_source(ws, "telco-krk-folder", now=NOW)
    assert (first.status, first.pages, len(first.batches)) == ("complete", 1, 1)
    assert (first.rows_read, first.rows_accepted, first.rows_quarantined) == (2, 1, 1)
    again = sources.sync_source(ws, "telco-krk-folder", now=NOW + timedelta(hours=1))
    assert (again.status, again.batches, again.rows_read) == ("complete", [], 0)

    # the vendor re-sends March with t1 resolved (a newer version) and adds April
    write(drop, "2026-03.csv", H + RESOLVED)
    write(drop, "2026-04.csv", H + OTHER)
    third = sources.sync_source(ws, "telco-krk-folder", now=NOW + timedelta(hours=2))
    assert (len(third.batches), third.rows_read) == (1, 2)
    assert (third.rows_updated, third.rows_inserted) == (1, 1)
    assert _resolved(ws).keys() == {"t1", "t2"}
    assert _resolved(ws)["t1"] is not None
    [source] = sources.list_sources(ws)
    assert source.rows_total == 3 and source.last_success_at == NOW + timedelta(hours=2)


def test_a_touched_but_unchanged_file_is_not_ingested_again(ws: Workspace, tmp_path: Path) -> None:
    drop = tmp_path / "drop"
    path = write(drop, "a.csv", H + OPEN)
    sources.add_file_source(ws, kind="folder", engagement_id="telco-krk", location=str(drop),
                            now=NOW)  # fmt: skip
    assert sources.sync_source(ws, "telco-krk-folder", now=NOW).rows_read == 1
    os.utime(path, (1e9, 1e9))  # copied again: new time, same bytes
    touched = sources.sync_source(ws, "telco-krk-folder", now=NOW)
    assert (touched.status, touched.batches, touched.rows_read) == ("complete", [], 0)


def test_a_file_that_cannot_be_read_fails_the_sync_and_is_read_again(
    ws: Workspace, tmp_path: Path
) -> None:
    drop = tmp_path / "drop"
    write(drop, "a.csv", "no,header,we,know\n1,2,3,4\n")
    sources.add_file_source(ws, kind="folder", engagement_id="telco-krk", location=str(drop),
                            now=NOW)  # fmt: skip
    failed = sources.sync_source(ws, "telco-krk-folder", now=NOW)
    assert failed.status == "failed" and "rejected" in (failed.error or "")
    [source] = sources.list_sources(ws)
    assert source.last_error == failed.error and source.last_success_at is None
    write(drop, "a.csv", H + OPEN)  # fixed by the vendor
    fixed = sources.sync_source(ws, "telco-krk-folder", now=NOW)
    assert (fixed.status, fixed.rows_accepted) == ("complete", 1)


def test_a_folder_that_does_not_exist_is_refused(ws: Workspace, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is not a folder"):
        sources.add_file_source(ws, kind="folder", engagement_id="telco-krk",
                                location=str(tmp_path / "nowhere"), now=NOW)  # fmt: skip
    with pytest.raises(InputError, match="unknown table 'calls'"):
        sources.add_file_source(ws, kind="folder", engagement_id="telco-krk", table="calls",
                                location=str(tmp_path), now=NOW)  # fmt: skip
    with pytest.raises(InputError, match="unknown format 'xls'"):
        sources.add_file_source(ws, kind="folder", engagement_id="telco-krk", format="xls",
                                location=str(tmp_path), now=NOW)  # fmt: skip
    assert sources.list_sources(ws) == []


def test_source_add_folder_and_sync_from_the_cli(ws: Workspace, tmp_path: Path) -> None:
    drop = tmp_path / "drop"
    write(drop, "agents/a.csv", H + OPEN)
    home = ["--home", str(ws.home)]
    runner = CliRunner()
    add = ["source", "add", "folder", "--engagement", "telco-krk", "--path", str(drop)]
    added = runner.invoke(cli, [*home, *add, "--pattern", "agents/*.csv", "--json"])
    assert added.exit_code == 0, added.output
    assert json.loads(added.output)["options"] == {
        "table": "interactions",
        "pattern": "agents/*.csv",
    }
    synced = runner.invoke(cli, [*home, "sync", "telco-krk-folder", "--json"])
    assert synced.exit_code == 0, synced.output
    assert json.loads(synced.output)[0]["rows_accepted"] == 1
