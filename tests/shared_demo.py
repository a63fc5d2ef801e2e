"""One demo workspace per test run, built once for every xdist worker.

The demo (``fairshore demo --scale 0.05 --fresh --serve``, every step including the
reports) is the slowest thing the suite builds. It used to be built three times per run (the report
and conformance tests, the web analytics pages, the demo's own end-to-end tests), each
inside an xdist group that kept its tests on one worker (the web analytics pages still
build their own, smaller one, once per process: ``tests/e2e/web/analytics_demo.py``).
Now the xdist controller starts one build in the background as soon as the workers have
collected a test that needs it (``pytest_xdist_node_collection_finished`` in ``tests/conftest.py``),
so the build runs while both workers run other tests; each worker then waits for it and
works on its own copy (tests write to their workspace). Without xdist, the first test
that needs the demo builds it.

The build is ``fairshore demo --serve``, as ``make demo`` runs it: each step and its time,
the web app served before the reports are written, the URL and the first account to sign
in with. When the line ``Serving Fairshore`` appears the build asks the served app for
its sign-in page (``ROOT/served.json``: the port, the page's status or the error), and
once the reports' table is printed it stops the server with Ctrl-C (SIGINT), as a user
would. So ``tests/e2e/demo/test_demo_serve.py`` checks that whole path on this log
instead of running a demo of its own (which was the suite's slowest test, 153 s).

Run as a module (``python -m tests.shared_demo ROOT``) it is the build itself: the CLI's
output goes to ``ROOT/demo.log`` and, written last, ``ROOT/rc``: 0 when the demo served
and wrote its reports, else the command's exit status (1 if it was stopped without them).
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from tests import shared_build

SCALE = "0.05"  # enough contacts for the planted parity gaps to be significant (BH)
FAIRSHORE = Path(sys.executable).parent / "fairshore"
# Test modules that use the demo; the controller starts the build when one is collected.
MODULES = (
    "tests/e2e/demo/test_demo_generate.py",
    "tests/e2e/demo/test_demo_serve.py",
    "tests/e2e/conformance/",
    "tests/integration/reporting/test_reports_from_demo.py",
    "tests/integration/reporting/test_qbr_staffing_quarter.py",
    "tests/integration/reporting/test_esg_and_sections.py",
    "tests/integration/reporting/test_no_exponent_notation.py",
)
WAIT_SECONDS = 1800  # the demo at this scale on a loaded 2-core machine, with margin


def root_for(basetemp: Path) -> Path:
    """The demo's folder, shared by the controller and every worker of this run."""
    return shared_build.shared_root(basetemp) / "shared-demo"


def start(root: Path) -> None:
    """Start the build in the background unless this run has started it already."""
    shared_build.start(root, "tests.shared_demo")


def home(root: Path) -> Path:
    """The built demo's workspace, started here when no one has; waits for the build."""
    start(root)
    shared_build.wait_for(root / "rc", seconds=WAIT_SECONDS, what="the shared demo")
    log = (root / "demo.log").read_text(encoding="utf-8", errors="replace")
    status = (root / "rc").read_text().strip()
    assert status == "0", f"fairshore demo exited {status}:\n{log[-4000:]}"
    assert "Demo scenario" in log and "telco-krk" in log, log[-4000:]
    return root / "ws"


def log_of(root: Path) -> str:
    """What the finished build printed (waits for it)."""
    home(root)
    return (root / "demo.log").read_text(encoding="utf-8", errors="replace")


def served(root: Path) -> dict[str, object]:
    """The port the build served on and the status of its ``/login`` page, or why it did
    not answer (waits for the build)."""
    home(root)
    return dict(json.loads((root / "served.json").read_text()))


def copy_of(root: Path, into: Path) -> Path:
    """A private copy of the built workspace (tests record findings, users, reports)."""
    target = into / "ws"
    shutil.copytree(home(root), target, symlinks=True)
    return target


SERVING = "Serving Fairshore on http://127.0.0.1:"
REPORTS = "Reports (written in"  # the deferred reports' table: the build is complete
NOT_WRITTEN = " not written:"  # the deferred reports failed (the server keeps serving)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _login_page(port: int) -> int:
    con = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        con.request("GET", "/login")
        answer = con.getresponse()
        answer.read()
        return answer.status
    finally:
        con.close()


def _watch(root: Path, demo: subprocess.Popen[bytes], port: int) -> bool:
    """Follow the log until the reports are written (True) or the demo ends or stalls."""
    deadline, asked = time.monotonic() + WAIT_SECONDS, False
    while demo.poll() is None and time.monotonic() < deadline:
        seen = (root / "demo.log").read_text(encoding="utf-8", errors="replace")
        if SERVING in seen and not asked:
            asked = True
            answer: dict[str, object] = {"port": port}
            try:
                answer["login_page"] = _login_page(port)
            except OSError as exc:  # the test's comparison shows the reason
                answer["error"] = repr(exc)
            (root / "served.json").write_text(json.dumps(answer))
        if asked and (REPORTS in seen or NOT_WRITTEN in seen):
            return REPORTS in seen
        time.sleep(0.5)
    return False


def _build(root: Path) -> None:
    port = _free_port()
    args = ["--dir", str(root / "ws"), "--scale", SCALE, "--fresh", "--serve", "--port", str(port)]
    with (root / "demo.log").open("wb") as log:
        demo = subprocess.Popen(
            [str(FAIRSHORE), "demo", *args],
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "COLUMNS": "200"},
        )
    try:
        complete = _watch(root, demo, port)
    finally:
        if demo.poll() is None:
            demo.send_signal(signal.SIGINT)  # Ctrl-C: the server stops, the workspace closes
        code = demo.wait()
    (root / "rc.tmp").write_text("0" if complete else str(code or 1))
    (root / "rc.tmp").rename(root / "rc")


if __name__ == "__main__":
    _build(Path(sys.argv[1]))
