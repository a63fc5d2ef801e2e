"""A Zendesk source's initial sync against ingesting the same tickets from one file.

Size: ``FAIRSHORE_BENCH_SYNC_TICKETS`` tickets (default 1,000,000) with their metric
sets. The fake Zendesk of the connector tests serves them (``benchmarks/zendesk_server``,
its own process, 1000 tickets a page as Zendesk does) and a sync of a new source pulls
every page into the lake; the baseline, measured in the same run, ingests one export
file holding the same tickets through the same ``zendesk`` format adapter. The goal
(issue 26): the sync at least half the file's throughput.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import orjson

from benchmarks.zendesk_server import EMAIL, TOKEN, tickets
from fairshore.bootstrap import Workspace, init_workspace
from fairshore.config import load_settings
from fairshore.engagements import services as entities
from fairshore.interactions import services as ingest
from fairshore.sources import services as sources

ENV = "FAIRSHORE_BENCH_ZENDESK_TOKEN"
NOW = datetime(2026, 11, 2, 6, 0, tzinfo=UTC)


def _workspace(home: Path) -> Workspace:
    ws = init_workspace(load_settings(home=home))
    entities.add_vendor(ws, id="northwind", name="Northwind")
    entities.add_engagement(
        ws, id="telco-mnl", vendor_id="northwind", name="Telco MNL", timezone="Asia/Manila",
        channels=["chat", "email"], languages=["en"],
    )  # fmt: skip
    return ws


def _export_file(path: Path, n: int) -> None:
    """One export file: every ticket, then every metric set (written as it goes)."""
    with path.open("wb") as out:
        out.write(b'{"tickets": [')
        for tid, (ticket, _) in enumerate(tickets(1, n)):
            out.write((b"," if tid else b"") + orjson.dumps(ticket))
        out.write(b'], "metric_sets": [')
        for tid, (_, metrics) in enumerate(tickets(1, n)):
            out.write((b"," if tid else b"") + orjson.dumps(metrics))
        out.write(b'], "end_of_stream": true}')


def _file(folder: Path, n: int) -> float:
    path = folder / "export.json"
    _export_file(path, n)
    ws = _workspace(folder / "ws-file")
    started = time.perf_counter()
    report = ingest.ingest_files(ws, table="interactions", paths=[path],
                                 engagement_id="telco-mnl", format="zendesk")  # fmt: skip
    seconds = time.perf_counter() - started
    ws.close()
    assert report.status == "accepted" and report.rows_accepted == n, report
    return seconds


def _sync(folder: Path, n: int) -> tuple[float, int]:
    server = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.zendesk_server", str(n)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert server.stdout is not None
        base_url = server.stdout.readline().strip()
        os.environ[ENV] = TOKEN
        ws = _workspace(folder / "ws-sync")
        sources.add_source(ws, kind="zendesk", engagement_id="telco-mnl", email=EMAIL,
                           token_env=ENV, base_url=base_url, now=NOW)  # fmt: skip
        started = time.perf_counter()
        report = sources.sync_source(ws, "telco-mnl-zendesk", now=NOW, page_budget=10**6)
        seconds = time.perf_counter() - started
        ws.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert report.status == "complete" and report.rows_accepted == n, report
    return seconds, len(report.batches)


def main() -> None:
    n = int(os.environ.get("FAIRSHORE_BENCH_SYNC_TICKETS", "1000000"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        file_s = _file(folder, n)
        sync_s, batches = _sync(folder, n)
    file_rate, sync_rate = n / file_s, n / sync_s
    print(f"{n:,} Zendesk tickets with metric sets, 1000 a page")
    print(f"ingest one export file  {file_s:7.1f} s   {file_rate:9,.0f} tickets/s")
    print(f"initial sync ({batches} batches) {sync_s:7.1f} s   {sync_rate:9,.0f} tickets/s")
    print(f"ratio: the sync has {sync_rate / file_rate:.2f}x the file's throughput (goal >= 0.5)")


if __name__ == "__main__":
    main()
