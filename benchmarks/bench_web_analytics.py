"""Analytics API under concurrent clients, against the KPI query each request would run.

A workspace with ``FAIRSHORE_BENCH_ROWS`` synthetic interactions (default 500 000) over
12 months is served by ``fairshore serve`` on loopback. Baseline: the KPI query behind
the KPI trends page (``compute_kpis`` by month x channel) run directly, once. Then
``FAIRSHORE_BENCH_CLIENTS`` (default 50) concurrent clients with an API token read
``/kpis``, ``/sla``, ``/parity``, ``/people``, ``/privacy``, ``/staffing`` of the
engagement, ``/scorecards`` and ``/reports``; the first
request to each endpoint is made alone first (it computes the KPI trends, or imports
the capability), later ones reuse what is kept until a batch lands. Printed: the first
request of each endpoint, p50 / p95 of the concurrent warm requests,
throughput, the warm p95 as a ratio of the baseline query, and each endpoint's warm p95
against the 200 ms goal.
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from fairshore.accounts import services as accounts
from fairshore.adapters.lake import empty_schema
from fairshore.adapters.lake.upgrade import upgrade_lake
from fairshore.bootstrap import Workspace, init_workspace
from fairshore.config import load_settings
from fairshore.engagements import services as entities
from fairshore.metrics.services import compute_kpis

ENGAGEMENT = "telco-mnl"
PATHS = (
    *(f"/api/v1/engagements/{ENGAGEMENT}/{s}"
      for s in ("kpis", "sla", "parity", "people", "privacy", "staffing")),
    "/api/v1/scorecards",
    "/api/v1/reports",
)  # fmt: skip
GOAL_MS = 200.0


def _write_lake(ws: Workspace, rows: int) -> None:
    rng = np.random.default_rng(7)
    schema = empty_schema("interactions").to_pyarrow()
    per_month = rows // 12
    for month in range(1, 13):
        start = np.datetime64(f"2026-{month:02d}-01T00:00:00", "us")
        arrived = start + rng.integers(0, 28 * 86_400_000_000, per_month).astype("timedelta64[us]")
        wait = rng.exponential(15.0, per_month)
        answered = rng.random(per_month) > 0.05
        columns = {
            "interaction_id": pa.array([f"{month}-{i}" for i in range(per_month)]),
            "engagement_id": pa.array([ENGAGEMENT] * per_month),
            "channel": pa.array(rng.choice(["voice", "chat", "email"], per_month)),
            "language": pa.array(rng.choice(["en", "tl"], per_month)),
            "arrived_at": pa.array(arrived, pa.timestamp("us", tz="UTC")),
            "answered_at": pa.array(
                np.where(answered, arrived + (wait * 1e6).astype("timedelta64[us]"), None),
                pa.timestamp("us", tz="UTC"),
            ),
            "abandoned_at": pa.array(
                np.where(answered, None, arrived + (wait * 1e6).astype("timedelta64[us]")),
                pa.timestamp("us", tz="UTC"),
            ),
            "handle_seconds": pa.array(rng.normal(360, 60, per_month)),
            "csat": pa.array(rng.integers(1, 6, per_month).astype(float)),
            "batch_id": pa.array(["bench"] * per_month),
        }
        table = pa.table(
            {f.name: columns.get(f.name, pa.nulls(per_month, f.type)).cast(f.type) for f in schema}
        )
        folder = ws.lake / "interactions" / f"engagement={ENGAGEMENT}" / f"month=2026-{month:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        pq.write_table(table, folder / "bench.parquet")
    upgrade_lake(ws.lake)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str, token: str) -> float:
    request = urllib.request.Request(url, headers={"authorization": f"Bearer {token}"})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=600) as response:
        response.read()
        assert response.status == 200, response.status
    return time.perf_counter() - started


def main() -> None:
    rows = int(os.environ.get("FAIRSHORE_BENCH_ROWS", "500000"))
    clients = int(os.environ.get("FAIRSHORE_BENCH_CLIENTS", "50"))
    per_client = int(os.environ.get("FAIRSHORE_BENCH_REQUESTS", "8"))
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "ws"
        ws = init_workspace(load_settings(home=home))
        entities.add_vendor(ws, id="northwind", name="Northwind")
        entities.add_engagement(
            ws,
            id=ENGAGEMENT,
            vendor_id="northwind",
            name="Telco MNL",
            timezone="UTC",
            channels=["voice", "chat", "email"],
            languages=["en", "tl"],
        )
        _write_lake(ws, rows)
        started = time.perf_counter()
        compute_kpis(ws, engagement_id=ENGAGEMENT, by=["month", "channel"])
        baseline = time.perf_counter() - started
        password = "correct horse battery staple"
        accounts.add_user(ws, email="bench@telco.example", password=password, role="analyst")
        session = accounts.sign_in(ws, email="bench@telco.example", password=password)
        found = accounts.session_principal(ws, session.token)
        assert found is not None
        _, token = accounts.create_api_token(ws, found[0], name="bench", scopes=["read"])
        ws.close()
        port = _free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "fairshore", "--home", str(home), "serve", "--port", str(port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    urllib.request.urlopen(f"{base}/healthz", timeout=2)
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.3)
            cold = {path: _get(base + path, token) for path in PATHS}  # first of each
            times: list[float] = []
            by_path: dict[str, list[float]] = {path: [] for path in PATHS}
            lock = threading.Lock()

            def client(n: int) -> None:
                paths = [PATHS[(n + i) % len(PATHS)] for i in range(per_client)]
                mine = [(path, _get(base + path, token)) for path in paths]
                with lock:
                    times.extend(t for _, t in mine)
                    for path, t in mine:
                        by_path[path].append(t)

            began = time.perf_counter()
            threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            wall = time.perf_counter() - began
        finally:
            server.terminate()
            server.wait(timeout=20)
    ordered = sorted(times)
    p50 = statistics.median(ordered)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    print(f"rows {rows:,}, {clients} clients x {per_client} requests over {len(PATHS)} endpoints")
    print(f"baseline: KPI query by month x channel, run directly: {baseline:.2f} s")
    for path, seconds in cold.items():
        print(f"first request (computes or imports, then kept) {path}: {seconds:.2f} s")
    print(
        f"warm requests: p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
        f"throughput {len(times) / wall:.0f} req/s"
    )
    print(f"ratio warm p95 / baseline query: {p95 / baseline:.3f}")
    for path, seconds_each in by_path.items():
        mine = sorted(seconds_each)
        p95_ms = mine[int(0.95 * (len(mine) - 1))] * 1000
        goal = "met" if p95_ms < GOAL_MS else "NOT met"
        print(f"warm p95 {path}: {p95_ms:.0f} ms ({len(mine)} requests; < {GOAL_MS:.0f} ms {goal})")


if __name__ == "__main__":
    main()
