"""Shared fixtures: a fresh workspace per test, a CLI runner."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from fairshore.bootstrap import Workspace, init_workspace
from fairshore.config import load_settings

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    ws = init_workspace(load_settings(home=tmp_path / "ws"))
    yield ws
    ws.close()
