"""``fairshore demo --serve`` end to end: every step's time as it goes, then the URL and
an account that really signs in, and the reports written once the web app answers.

The run's one demo (``tests/shared_demo.py``) is built by that very command, so these
tests read its output and serve a copy of the workspace it built, instead of running a
demo of their own (153 s, the suite's slowest test).
"""

from __future__ import annotations

import http.client
import re
import socket
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests import shared_demo

from fairshore.demo.pipeline import STEPS
from fairshore.entrypoints.cli.demo import WHILE_SERVING

FAIRSHORE = Path(sys.executable).parent / "fairshore"
SERVING = re.compile(
    r"Serving Fairshore on http://127\.0\.0\.1:(\d+) after \d+ s \(Ctrl-C to stop\): "
    r"sign in as (\S+) with password (\S+)"
)


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder of the run's one demo: its log, ``served.json`` and workspace."""
    from tests.system_packages import need_weasyprint

    need_weasyprint()  # the demo's reports include PDFs
    found = shared_demo.root_for(tmp_path_factory.getbasetemp())
    shared_demo.home(found)  # built (or waited for)
    return found


def test_each_step_prints_its_time_then_it_serves_then_writes_the_reports(root: Path) -> None:
    log = shared_demo.log_of(root)
    for step in STEPS:  # each step, then its time and the running total
        timed = re.search(rf"{step.name}  .*\n\s+\d+\.\d s \(\d+ s in all\)", log)
        assert (timed is None) == (step.name in WHILE_SERVING), step.name
    found = SERVING.search(log)
    assert found, log[-4000:]
    assert found[2] == "admin@telco.example"
    assert log.index("Serving Fairshore") < log.index("Reports (written in")
    # the demo's own server answered while it said it was serving
    assert shared_demo.served(root) == {"port": int(found[1]), "login_page": 200}
    reports = shared_demo.home(root) / "reports"
    assert sorted(p.suffix for p in reports.glob("board*")) == [".html", ".pdf"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def served_copy(root: Path, tmp_path: Path) -> Iterator[int]:
    """``fairshore --home COPY serve`` (how the demo's workspace is served again) on a
    copy of the demo's workspace (signing in writes to it); yields the port once up."""
    port = _free_port()
    home, log = shared_demo.copy_of(root, tmp_path), tmp_path / "serve.log"
    with log.open("wb") as sink:
        server = subprocess.Popen(
            [str(FAIRSHORE), "--home", str(home), "serve", "--port", str(port)],
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 300  # imports on a loaded machine
        while True:
            try:
                con = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                con.request("GET", "/login")
                con.getresponse().read()
                con.close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(f"no answer on {port}:\n{log.read_text()}") from None
                time.sleep(0.5)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=60)


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


def test_the_account_the_demo_names_signs_in(root: Path, served_copy: int) -> None:
    found = SERVING.search(shared_demo.log_of(root))
    assert found
    email, password = found[2], found[3]
    assert _sign_in(served_copy, email, password) == 303  # signed in, sent to the portfolio
    assert _sign_in(served_copy, email, password + "x") == 401
