"""``fairshore demo --serve`` end to end: every step's time as it goes, then the URL and
an account that really signs in, and the reports written once the web app answers."""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import pytest

from fairshore.demo.pipeline import STEPS
from fairshore.entrypoints.cli.demo import WHILE_SERVING

FAIRSHORE = Path(sys.executable).parent / "fairshore"
pytestmark = pytest.mark.xdist_group(name="demo_serve")
SERVING = re.compile(
    r"Serving Fairshore on http://127\.0\.0\.1:(\d+) after \d+ s \(Ctrl-C to stop\): "
    r"sign in as (\S+) with password (\S+)"
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for(log: Path, process: subprocess.Popen[bytes], text: str) -> str:
    deadline = time.monotonic() + 900  # the whole demo at scale 0.01 on a loaded machine
    while True:
        seen = log.read_text(encoding="utf-8", errors="replace")
        if text in seen:
            return seen
        if process.poll() is not None or time.monotonic() > deadline:
            raise AssertionError(f"no {text!r} in the demo's output:\n{seen}")
        time.sleep(0.5)


def _sign_in(port: int, email: str, password: str) -> int:
    con = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    con.request("GET", "/login")
    form = con.getresponse()
    cookie = form.getheader("set-cookie", "").split(";")[0]
    form.read()
    token = cookie.split("=", 1)[1]
    body = urllib.parse.urlencode({"email": email, "password": password, "csrf_token": token})
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie}
    con.request("POST", "/login", body=body, headers=headers)
    answer = con.getresponse()
    answer.read()
    con.close()
    return answer.status


def test_demo_serves_then_writes_reports_and_names_an_account_that_signs_in(
    tmp_path: Path,
) -> None:
    port, home, log = _free_port(), tmp_path / "ws", tmp_path / "demo.log"
    args = ["--dir", str(home), "--scale", "0.01", "--fresh", "--serve", "--port", str(port)]
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [str(FAIRSHORE), "demo", *args],
            stdout=sink,
            stderr=subprocess.STDOUT,
            env={**os.environ, "COLUMNS": "200"},
        )
    try:
        serving = _wait_for(log, process, "Serving Fairshore")
        found = SERVING.search(serving)
        assert found, serving
        assert int(found[1]) == port and found[2] == "admin@telco.example"
        assert _sign_in(port, found[2], found[3]) == 303  # signed in, sent to the portfolio
        assert _sign_in(port, found[2], found[3] + "x") == 401
        done = _wait_for(log, process, "Reports (written in")
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=60)
    for step in STEPS:  # each step, then its time and the running total
        timed = re.search(rf"{step.name}  .*\n\s+\d+\.\d s \(\d+ s in all\)", done)
        assert (timed is None) == (step.name in WHILE_SERVING), step.name
    assert done.index("Serving Fairshore") < done.index("Reports (written in")
    assert sorted(p.suffix for p in (home / "reports").glob("board*")) == [".html", ".pdf"]
