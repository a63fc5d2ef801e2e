"""A killed ingest leaves nothing visible; re-running it gives exactly the lake of an
uninterrupted run."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from fairshore.adapters.lake import Lake
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


def _snapshot(ws: Workspace) -> dict[str, object]:
    files = {
        str(p.relative_to(ws.lake)): pq.read_table(p) for p in Lake(ws.lake).files("interactions")
    }
    quarantine = {
        str(p.relative_to(ws.folder("quarantine"))): pq.read_table(p)
        for p in ws.folder("quarantine").rglob("*.parquet")
    }
    return {"files": files, "quarantine": quarantine}


@pytest.mark.slow
@pytest.mark.parametrize("kill_at", ["staging", "publishing"])
def test_killed_ingest_completes_on_rerun(ws: Workspace, tmp_path: Path, kill_at: str) -> None:
    data = write(tmp_path, "big.csv", _csv(3000))
    done = subprocess.run(
        [sys.executable, str(SCRIPT), str(ws.home), str(data), kill_at],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr.decode()[-2000:]
    assert Lake(ws.lake).files("interactions") == []  # nothing visible
    assert list_batches(ws)[0].status == ("running" if kill_at == "staging" else "publishing")

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
    got, want = _snapshot(ws), _snapshot(clean)
    assert sorted(got["files"]) == sorted(want["files"])  # type: ignore[call-overload]
    assert len(got["files"]) == 3  # type: ignore[arg-type]
    for name, table in want["files"].items():  # type: ignore[attr-defined]
        assert got["files"][name].equals(table)  # type: ignore[index]
    for name, table in want["quarantine"].items():  # type: ignore[attr-defined]
        assert got["quarantine"][name].equals(table)  # type: ignore[index]
    assert not any((ws.lake / "_staging").iterdir())
    clean.close()


@pytest.mark.slow
def test_the_next_ingest_finishes_a_half_published_batch(ws: Workspace, tmp_path: Path) -> None:
    data = write(tmp_path, "big.csv", _csv(900))
    done = subprocess.run(
        [sys.executable, str(SCRIPT), str(ws.home), str(data), "publishing"],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr.decode()[-2000:]
    assert Lake(ws.lake).files("interactions") == []
    other = write(
        tmp_path, "other.csv", "interaction_id,channel,arrived_at\nx,chat,2026-05-01T10:00:00\n"
    )
    ingest_files(ws, table="interactions", paths=[other], engagement_id=ENGAGEMENT)
    statuses = sorted(b.status for b in list_batches(ws))
    assert statuses == ["accepted", "accepted"]
    assert len(Lake(ws.lake).files("interactions")) == 4  # three months + the other file
