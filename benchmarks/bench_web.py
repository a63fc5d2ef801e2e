"""The web app under 50 concurrent signed-in clients over real HTTP on loopback.

The demo workspace is built with the demo pipeline at a small scale
(``FAIRSHORE_BENCH_BASE_SCALE``, default 0.02 = ~20,000 contacts, a few minutes), then its
lake's interactions are replicated up to ``FAIRSHORE_BENCH_INTERACTIONS`` rows (default
10,000,000): every interactions Parquet file of every engagement x month is rewritten as
k copies of itself (interaction ids suffixed ``~r<i>`` so they stay unique), k =
ceil(target / rows). Generating 10 M contacts directly (scale 10) takes hours on a small
machine; the copies keep each month's mix of channels, languages and outcomes. Set
``FAIRSHORE_BENCH_WORKSPACE=DIR`` to keep the workspace and reuse it on the next run.

``fairshore serve`` (uvicorn; ``FAIRSHORE_BENCH_WORKERS`` processes, default one per
core) listens on 127.0.0.1. ``FAIRSHORE_BENCH_CLIENTS`` clients (default 50: 40 with an
analyst's session, 10 with the vendor's) hit one path at a time for
``FAIRSHORE_BENCH_SECONDS`` each (default 10). The load generator is Apache Bench
(``ab``, Debian's apache2-utils; ``make bench`` installs it) when it is on the PATH: a
Python client needs a core of its own to drive 50 connections and becomes what is
measured. Without ``ab`` (or with ``FAIRSHORE_BENCH_CLIENT=python``) the clients are
httpx async ones, each with its own session. Paths: ``PATHS`` below plus any in
``FAIRSHORE_BENCH_WEB_PATHS`` (comma separated; ``{engagement}`` is replaced by the
engagement id). The baseline is ``/healthz`` under the same load: the server's floor
(routing, middleware, HTTP). Goal: p95 < 200 ms on every page and API call.
"""

from __future__ import annotations

import asyncio
import math
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import httpx
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from fairshore.accounts import services as accounts
from fairshore.bootstrap import Workspace, init_workspace, open_workspace
from fairshore.config import load_settings

ENGAGEMENT = "telco-mnl"
BASELINE = "/healthz"
# Every page and API list a user opens daily (issue 23 item 12), page then its API.
SECTIONS = ("kpis", "parity", "people", "privacy", "staffing")
PATHS = [
    "/",
    "/engagements/{engagement}",
    "/findings",
    "/api/v1/engagements",
    "/api/v1/engagements/{engagement}",
    "/api/v1/findings",
    "/api/v1/findings?engagement_id={engagement}",
    "/scorecards",
    "/api/v1/scorecards",
    *(p for s in SECTIONS for p in (f"/engagements/{{engagement}}/{s}",
                                     f"/api/v1/engagements/{{engagement}}/{s}")),
    "/reports",
    "/api/v1/reports",
]  # fmt: skip
PASSWORD = "bench-password-for-the-load-test"
ANALYST, VENDOR = "bench-analyst@telco.example", "bench-vendor@northwind.example"
GOAL_MS = 200.0
MARK = "bench-interactions.txt"


@dataclass(frozen=True)
class Figure:
    """What one path did under load."""

    path: str
    requests: int
    errors: int
    p50_ms: float
    p95_ms: float
    per_second: float
    cpu_ms: float  # the server's CPU time per request (all its processes)


def _env_int(name: str, default: int) -> int:
    return int(float(os.environ.get(name, default)))


def _interaction_rows(ws: Workspace) -> int:
    files = sorted((ws.lake / "interactions").glob("*/*/*.parquet"))
    return sum(pq.ParquetFile(f).metadata.num_rows for f in files)


def replicate_interactions(ws: Workspace, target: int) -> int:
    """Rewrite each interactions file as k copies of itself; the rows there afterwards."""
    rows = _interaction_rows(ws)
    k = max(1, math.ceil(target / max(rows, 1)))
    if k == 1:
        return rows
    for path in sorted((ws.lake / "interactions").glob("*/*/*.parquet")):
        table = pq.read_table(path)
        ids = table.column("interaction_id")
        copies = [
            table.set_column(
                table.schema.get_field_index("interaction_id"),
                "interaction_id",
                pc.binary_join_element_wise(ids, pa.scalar(f"~r{i}"), ""),
            )
            for i in range(k)
        ]
        tmp = path.with_suffix(".tmp")
        pq.write_table(pa.concat_tables(copies), tmp, compression="zstd")
        tmp.replace(path)
    return _interaction_rows(ws)


def prepare_workspace(home: Path, *, scale: float, target: int) -> int:
    """The demo workspace at ``home`` (built when missing) with ``target`` interactions."""
    mark = home / MARK
    if mark.exists():
        return int(mark.read_text())
    from fairshore.demo.pipeline import run_demo

    if home.exists() and any(home.iterdir()):
        # Never rewrite (multiply) the lake of a workspace this benchmark did not make.
        raise SystemExit(f"{home} exists and was not made by this benchmark: name a new folder")
    started = time.perf_counter()
    ws = init_workspace(load_settings(home=home))
    run_demo(ws, scale=scale, seed=7)
    print(f"demo at scale {scale}: {time.perf_counter() - started:.0f} s", flush=True)
    started = time.perf_counter()
    rows = replicate_interactions(ws, target)
    print(f"replicated to {rows:,} interactions: {time.perf_counter() - started:.0f} s")
    for email, role, vendor in ((ANALYST, "analyst", None), (VENDOR, "vendor", "northwind")):
        accounts.add_user(ws, email=email, password=PASSWORD, role=role, vendor_id=vendor)
    ws.close()
    mark.write_text(str(rows))
    return rows


def server_cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process and its children (uvicorn's workers)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    pids = [pid]
    while pids:
        current = pids.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick
        pids += [int(c) for c in children]
    return total


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(home: Path, log: Path, *, workers: int) -> tuple[subprocess.Popen[bytes], str]:
    """``fairshore serve`` on a free loopback port, once /healthz answers."""
    port = _free_port()
    command = [sys.executable, "-m", "fairshore", "--home", str(home), "serve"]
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [*command, "--port", str(port), "--workers", str(workers)],
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            urllib.request.urlopen(f"{base}/healthz", timeout=2)
            return process, base
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError(f"server did not start: {log.read_text()}") from None
            time.sleep(0.3)


async def _get(client: httpx.AsyncClient, path: str, headers: dict[str, str]) -> httpx.Response:
    """GET, once more when the server had just closed the idle keep-alive connection."""
    try:
        return await client.get(path, headers=headers)
    except (httpx.ReadError, httpx.RemoteProtocolError):
        return await client.get(path, headers=headers)


async def sign_in(client: httpx.AsyncClient, email: str) -> dict[str, str]:
    """A session cookie header (Secure cookies are not replayed over http by httpx's jar)."""
    form = await _get(client, "/login", {})
    csrf = form.cookies["fairshore_login_csrf"]
    done = await client.post(
        "/login",
        data={"email": email, "password": PASSWORD, "csrf_token": csrf},
        headers={"cookie": f"fairshore_login_csrf={csrf}"},
    )
    if done.status_code != 303:
        raise RuntimeError(f"sign-in failed for {email}: {done.status_code}")
    return {"cookie": f"fairshore_session={done.cookies['fairshore_session']}"}


async def _hammer(
    client: httpx.AsyncClient, path: str, headers: dict[str, str], until: float, out: list[float]
) -> int:
    errors = 0
    while time.perf_counter() < until:
        started = time.perf_counter()
        response = await _get(client, path, headers)
        out.append(time.perf_counter() - started)
        errors += response.status_code != 200
    return errors


async def sessions_for(base: str, analysts: int, vendors: int) -> list[dict[str, str]]:
    """Signed-in sessions: ``analysts`` analysts' then ``vendors`` the vendor's."""
    async with httpx.AsyncClient(base_url=base, timeout=60) as client:
        sessions = [await sign_in(client, ANALYST) for _ in range(analysts)]
        sessions += [await sign_in(client, VENDOR) for _ in range(vendors)]
        for path in PATHS:  # fail fast on a broken path, for either role
            for headers in (sessions[0], sessions[-1]):
                answer = await _get(client, path.format(engagement=ENGAGEMENT), headers)
                if answer.status_code != 200:
                    raise RuntimeError(f"{path}: {answer.status_code} {answer.text[:200]}")
    return sessions


def _figure(path: str, ms: list[float], errors: int, elapsed: float, cpu: float) -> Figure:
    return Figure(
        path=path,
        requests=len(ms),
        errors=errors,
        p50_ms=float(np.percentile(ms, 50)),
        p95_ms=float(np.percentile(ms, 95)),
        per_second=len(ms) / elapsed,
        cpu_ms=cpu * 1000 / max(len(ms), 1),
    )


async def load_httpx(
    base: str, paths: list[str], *, sessions: list[dict[str, str]], seconds: float, server_pid: int
) -> list[Figure]:
    """Each path in turn under one httpx client per session (Python: it needs a core itself)."""
    n = len(sessions)
    limits = httpx.Limits(max_connections=n, max_keepalive_connections=n)
    figures = []
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:
        for path in paths:
            for headers in (sessions[0], sessions[-1]):  # warm up
                await _get(client, path, headers)
            times: list[float] = []
            until = time.perf_counter() + seconds
            started, cpu = time.perf_counter(), server_cpu_seconds(server_pid)
            errors = await asyncio.gather(
                *(_hammer(client, path, s, until, times) for s in sessions)
            )
            elapsed = time.perf_counter() - started
            cpu = server_cpu_seconds(server_pid) - cpu
            figures.append(_figure(path, [t * 1000 for t in times], sum(errors), elapsed, cpu))
    return figures


def _ab_counts(output: str) -> tuple[int, int]:
    """Completed requests and errors (failed or not 2xx) from Apache Bench's report."""
    found = dict(re.findall(r"^(Complete requests|Failed requests|Non-2xx responses):\s+(\d+)",
                            output, flags=re.M))  # fmt: skip
    done = int(found.get("Complete requests", 0))
    return done, int(found.get("Failed requests", 0)) + int(found.get("Non-2xx responses", 0))


def load_ab(
    ab: str,
    base: str,
    paths: list[str],
    *,
    sessions: list[dict[str, str]],
    clients: int,
    seconds: float,
    server_pid: int,
    scratch: Path,
) -> list[Figure]:
    """Each path in turn under Apache Bench (C: a small share of a core for the whole load).

    One ``ab`` process per role, started together: an analyst's session on ``clients -
    clients // 5`` keep-alive connections, the vendor's (``sessions[-1]``) on the rest.
    Every request's time comes from ``ab -g`` (whole milliseconds), so the percentiles
    are of both roles' requests together.
    """
    groups = [(sessions[0], clients - clients // 5), (sessions[-1], clients // 5)]
    figures = []
    for path in paths:
        for headers, _ in groups:  # warm up, as the httpx clients do
            warm = httpx.get(base + path, headers=headers, timeout=600)
            if warm.status_code != 200:
                raise RuntimeError(f"{path}: {warm.status_code} {warm.text[:200]}")
        runs = []
        started, cpu = time.perf_counter(), server_cpu_seconds(server_pid)
        for i, (headers, n) in enumerate(g for g in groups if g[1]):
            data = scratch / f"ab-{i}.tsv"
            command = [
                ab,
                "-q",
                "-r",
                "-k",
                "-c",
                str(n),
                "-t",
                f"{seconds:g}",
                "-n",
                "100000000",
                "-g",
                str(data),
                "-H",
                f"Cookie: {headers['cookie']}",
                base + path,
            ]
            process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            runs.append((process, data))
        ms: list[float] = []
        errors = 0
        for process, data in runs:
            output = process.communicate()[0].decode(errors="replace")
            if process.returncode != 0:
                raise RuntimeError(f"ab failed on {path}: {output[-500:]}")
            done, failed = _ab_counts(output)
            errors += failed
            lines = data.read_text().splitlines()[1:]  # starttime seconds ctime dtime ttime wait
            ms += [float(line.split("\t")[4]) for line in lines]
            assert len(lines) == done, f"{path}: ab reported {done} requests, wrote {len(lines)}"
        elapsed = time.perf_counter() - started
        cpu = server_cpu_seconds(server_pid) - cpu
        figures.append(_figure(path, ms, errors, elapsed, cpu))
    return figures


def main() -> None:
    target = _env_int("FAIRSHORE_BENCH_INTERACTIONS", 10_000_000)
    scale = float(os.environ.get("FAIRSHORE_BENCH_BASE_SCALE", "0.02"))
    clients = _env_int("FAIRSHORE_BENCH_CLIENTS", 50)
    workers = _env_int("FAIRSHORE_BENCH_WORKERS", os.cpu_count() or 1)
    seconds = float(os.environ.get("FAIRSHORE_BENCH_SECONDS", "10"))
    extra = [p for p in os.environ.get("FAIRSHORE_BENCH_WEB_PATHS", "").split(",") if p]
    paths = [BASELINE, *(p.format(engagement=ENGAGEMENT) for p in PATHS + extra)]
    keep = os.environ.get("FAIRSHORE_BENCH_WORKSPACE")
    scratch = None if keep else tempfile.TemporaryDirectory(prefix="bench-web-")
    home = Path(keep) if keep else Path(scratch.name) / "ws"  # type: ignore[union-attr]
    rows = prepare_workspace(home, scale=scale, target=target)
    load_before = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    ws = open_workspace(load_settings(home=home))
    findings = _count_findings(ws)
    ws.close()
    print(f"workspace {home}: {rows:,} interactions, {findings} findings")
    process, base = start_server(home, home.parent / "bench-web-server.log", workers=workers)
    ab = None if os.environ.get("FAIRSHORE_BENCH_CLIENT") == "python" else shutil.which("ab")
    try:
        if ab:
            sessions = asyncio.run(sessions_for(base, 1, 1))
            with tempfile.TemporaryDirectory(prefix="bench-web-ab-") as data:
                figures = load_ab(
                    ab,
                    base,
                    paths,
                    sessions=sessions,
                    clients=clients,
                    seconds=seconds,
                    server_pid=process.pid,
                    scratch=Path(data),
                )
        else:
            vendors = clients // 5
            sessions = asyncio.run(sessions_for(base, clients - vendors, vendors))
            figures = asyncio.run(
                load_httpx(base, paths, sessions=sessions, seconds=seconds, server_pid=process.pid)
            )
    finally:
        process.terminate()
        process.wait(timeout=30)
        if scratch is not None:
            scratch.cleanup()
    print(f"load average before the run: {load_before}")
    generator = f"Apache Bench ({ab})" if ab else "httpx (Python; install apache2-utils for ab)"
    print(f"{clients} concurrent clients, {seconds:g} s per path, uvicorn workers: {workers}, "
          f"load generator: {generator}")  # fmt: skip
    print_figures(figures)


def print_figures(figures: list[Figure]) -> None:
    """One line per path with its p95 against the goal; the first figure is the floor."""
    floor = figures[0]
    print(f"{'path':48} {'requests':>8} {'errors':>6} {'p50 ms':>8} {'p95 ms':>8} "
          f"{'req/s':>7} {'p95/floor':>9} {'cpu ms':>7}  p95 < {GOAL_MS:.0f} ms")  # fmt: skip
    for f in figures:
        goal = "" if f is floor else ("met" if f.p95_ms < GOAL_MS else "NOT met")
        ratio = f.p95_ms / floor.p95_ms
        print(f"{f.path:48} {f.requests:8d} {f.errors:6d} {f.p50_ms:8.1f} {f.p95_ms:8.1f} "
              f"{f.per_second:7.1f} {ratio:9.2f} {f.cpu_ms:7.2f}  {goal}")  # fmt: skip
    worst = max(figures[1:], key=lambda f: f.p95_ms)
    over = [f.path for f in figures[1:] if f.p95_ms >= GOAL_MS]
    print(
        f"baseline {BASELINE}: p95 {floor.p95_ms:.1f} ms; worst {worst.path} p95 "
        f"{worst.p95_ms:.1f} ms = {worst.p95_ms / floor.p95_ms:.2f}x the floor; "
        f"goal p95 < {GOAL_MS:.0f} ms met on {len(figures) - 1 - len(over)} of "
        f"{len(figures) - 1} paths" + (f"; NOT met on {', '.join(over)}" if over else "")
    )


def _count_findings(ws: Workspace) -> int:
    from fairshore.governance import services as governance

    return len(governance.list_findings(ws))


if __name__ == "__main__":
    main()
