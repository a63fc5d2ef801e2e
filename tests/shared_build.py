"""Workspaces built once per test run and copied by every test module that needs them.

Several modules used to build the same workspace each for itself (the browser tests'
telecom, the evidence tests' judged contacts): under xdist every copy of such a build
ran again, often on both workers. ``built_once`` builds it the first time any worker of
the run asks, under a lock in the folder the workers share (their base temp's parent,
xdist's own layout; without xdist the session's base temp); a worker that asks while
another builds waits for it. Tests never use the built workspace itself, only a
``copy_of`` it (they sign in, record findings, upload files).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from filelock import FileLock


def _shared_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    basetemp = tmp_path_factory.getbasetemp()
    return basetemp.parent if os.environ.get("PYTEST_XDIST_WORKER") else basetemp


def built_once(
    tmp_path_factory: pytest.TempPathFactory, name: str, build: Callable[[Path], None]
) -> Path:
    """The folder ``build(folder)`` filled, built once per run under the name ``name``.

    ``build`` gets an empty folder and leaves everything it needs in it (a workspace in
    ``folder / "ws"``, closed, and the files it ingested). A build that fails leaves
    nothing behind, so the next module that asks tries again and fails the same way.
    """
    root = _shared_root(tmp_path_factory) / f"shared-{name}"
    root.mkdir(parents=True, exist_ok=True)
    built = root / "built"
    with FileLock(str(root / "lock")):
        if not built.exists():
            partial = root / "building"
            shutil.rmtree(partial, ignore_errors=True)
            partial.mkdir()
            build(partial)
            partial.rename(built)
    return built


def copy_of(built: Path, into: Path) -> Path:
    """A private copy of a ``built_once`` folder; its workspace, ``into / "ws"``."""
    shutil.copytree(built, into, symlinks=True, dirs_exist_ok=True)
    return into / "ws"
