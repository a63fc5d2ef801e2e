"""A killed ingest leaves nothing visible; re-running it gives exactly the lake of an
uninterrupted run."""

from __future__ import annotations

import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from fairshore.adapters.lake import Lake, delta
from fairshore.bootstrap import Workspace, init_workspace
from fairshore.config import load_settings
from fairshore.interactions.services import ingest_files, list_batches

from .workspace_files import ENGAGEMENT, add_engagement, write

SCRIPT = Path(__file__).with_name("crash_ingest.py")


def _csv(rows: int) -> str:
    lines = ["interaction_id,channel,arrived_at,handle_seconds,csat"]
    for i in range(rows):
        month = 1 + i % 3
        csat = "9" if i % 97 == 0 else str(1 + i % 5)
        lines.append(
            f"i{i},chat,2026-0{month}-{1 + i % 28:02d}T10:{i % 60:02d}:00,{i % 500},{csat}"
        )
    return "\n".join(lines) + "\n"


@pytest.mark.slow
def test_killed_ingest_completes_on_rerun(ws: Workspace, tmp_path: Path) -> None:
    data = write(tmp_path, "big.csv", _csv(3000))
    done = subprocess.run(
        [sys.executable, str(SCRIPT), str(ws.home), str(data), "staging"],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr.decode()[-2000:]
    assert Lake(ws.lake).files("interactions") == []  # nothing visible
    assert list_batches(ws)[0].status == "running"

    report = ingest_files(ws, table="interactions", paths=[data], engagement_id=ENGAGEMENT)

    clean = init_workspace(load_settings(home=tmp_path / "clean"))
    add_engagement(clean)
    expected = ingest_files(clean, table="interactions", paths=[data], engagement_id=ENGAGEMENT)
    assert report.status == expected.status == "accepted"
    assert (report.rows_read, report.rows_accepted, report.reasons) == (
        expected.rows_read,
        expected.rows_accepted,
        expected.reasons,
    )
    assert _rows(ws) == _rows(clean)
    assert len(Lake(ws.lake).files("interactions")) == 3
    assert _quarantine(ws) == _quarantine(clean)
    clean.close()


def _rows(ws: Workspace) -> list[dict[str, object]]:
    files = Lake(ws.lake).files("interactions")
    rows = pa.concat_tables([pq.read_table(p) for p in files]).to_pylist() if files else []
    return sorted(rows, key=lambda r: str(r["interaction_id"]))


def _quarantine(ws: Workspace) -> list[dict[str, object]]:
    found = sorted(ws.folder("quarantine").rglob("*.parquet"))
    return [row for p in found for row in pq.read_table(p).to_pylist()]


@pytest.mark.slow
def test_killed_merge_leaves_the_previous_version(ws: Workspace, tmp_path: Path) -> None:
    first = write(tmp_path, "first.csv", _csv(30000))
    ingest_files(ws, table="interactions", paths=[first], engagement_id=ENGAGEMENT)
    table = delta.open_table(ws.lake, "interactions")
    assert table is not None
    version, before = table.version(), _rows(ws)
    # two thirds of the rows again, on another channel: 20 000 new versions to merge,
    # so the held files are rewritten with the rest (new data files before the commit)
    lines = _csv(30000).replace(",chat,", ",voice,").splitlines(keepends=True)
    second = write(tmp_path, "second.csv", "".join(lines[:20001]))
    done = subprocess.run(
        [sys.executable, str(SCRIPT), str(ws.home), str(second), "merge"],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr.decode()[-2000:]
    after = delta.open_table(ws.lake, "interactions")
    assert after is not None and after.version() == version
    assert _rows(ws) == before
    assert list_batches(ws)[0].status == "publishing"

    report = ingest_files(ws, table="interactions", paths=[second], engagement_id=ENGAGEMENT)
    assert (report.status, report.rows_updated, report.rows_inserted) == (
        "accepted",
        report.rows_accepted,
        0,
    )
    channels = Counter(str(r["channel"]) for r in _rows(ws))
    assert channels == {"voice": report.rows_accepted, "chat": len(before) - report.rows_accepted}
