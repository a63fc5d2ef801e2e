"""Workspaces built once per test run and copied by every test module that needs them.

Several modules used to build the same workspace each for itself (the browser tests'
telecom, the evidence tests' judged contacts): under xdist every copy of such a build
ran again, often on both workers. ``built_once`` builds it the first time any worker of
the run asks, under a lock in the folder the workers share (their base temp's parent,
xdist's own layout; without xdist the session's base temp); a worker that asks while
another builds waits for it. Tests never use the built workspace itself, only a
``copy_of`` it (they sign in, record findings, upload files).

The slowest builds run in the background instead (``start``): the xdist controller
starts them as soon as a worker has collected a test that needs them
(``pytest_xdist_node_collection_finished`` in ``tests/conftest.py``), so they run while
the workers run other tests, and ``reap`` stops whatever is left at the end of the run
(a build no test waited for, a server kept for the whole run).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest
from filelock import FileLock

from tests.quick_passwords import quick_password_hashes

REPO = Path(__file__).resolve().parents[1]
_started: list[subprocess.Popen[bytes]] = []  # background jobs this process started


class Job(NamedTuple):
    """A background job: the tests that need it, its module (run as ``python -m module
    ROOT``) and the name of its folder in the run's shared root."""

    tests: tuple[str, ...]
    module: str
    folder: str

    def root(self, basetemp: Path) -> Path:
        return shared_root(basetemp) / self.folder


# Every page of the app in a browser: its demo workspace, built and served for the run.
EVERY_PAGE = Job(
    ("tests/e2e/browser/test_every_page.py",), "tests.e2e.browser.every_page", "shared-every-page"
)


def shared_root(basetemp: Path) -> Path:
    """The folder shared by the controller and every worker of this run."""
    return basetemp.parent if os.environ.get("PYTEST_XDIST_WORKER") else basetemp


def _shared_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return shared_root(tmp_path_factory.getbasetemp())


def built_once(
    tmp_path_factory: pytest.TempPathFactory, name: str, build: Callable[[Path], None]
) -> Path:
    """The folder ``build(folder)`` filled, built once per run under the name ``name``.

    ``build`` gets an empty folder and leaves everything it needs in it (a workspace in
    ``folder / "ws"``, closed, and the files it ingested). A build that fails leaves
    nothing behind, so the next module that asks tries again and fails the same way.
    The users it adds are stored at argon2id's lowest cost (``quick_passwords``): the
    tests sign them in again and again.
    """
    root = _shared_root(tmp_path_factory) / f"shared-{name}"
    root.mkdir(parents=True, exist_ok=True)
    built = root / "built"
    with FileLock(str(root / "lock")):
        if not built.exists():
            partial = root / "building"
            shutil.rmtree(partial, ignore_errors=True)
            partial.mkdir()
            with quick_password_hashes():
                build(partial)
            partial.rename(built)
    return built


def copy_of(built: Path, into: Path) -> Path:
    """A private copy of a ``built_once`` folder; its workspace, ``into / "ws"``."""
    shutil.copytree(built, into, symlinks=True, dirs_exist_ok=True)
    return into / "ws"


def start(root: Path, module: str) -> None:
    """Run ``python -m module root`` in the background, once per run (whoever asks first:
    the controller, or without xdist the test that needs it). The job is a session of
    its own, so ``reap`` stops it with everything it started."""
    root.mkdir(parents=True, exist_ok=True)
    with FileLock(str(root / "lock")):
        if (root / "started").exists():
            return
        job = subprocess.Popen(
            [sys.executable, "-m", module, str(root)],
            cwd=REPO,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        _started.append(job)
        (root / "started").touch()


def wait_for(done: Path, *, seconds: float, what: str) -> None:
    """Wait until a background job writes ``done`` into its folder; an ``error`` file
    written there instead fails at once with its text."""
    deadline, failed = time.monotonic() + seconds, done.with_name("error")
    while not done.exists():
        if failed.exists():
            raise AssertionError(failed.read_text(encoding="utf-8"))
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} took over {seconds} s: {done.parent}")
        time.sleep(0.5)


def reap() -> None:
    """At the end of the run: every background job this process started and that is
    still running (a build no test waited for, a server) is stopped and waited for."""
    while _started:
        job = _started.pop()
        if job.poll() is None:
            os.killpg(job.pid, signal.SIGTERM)
        job.wait()
