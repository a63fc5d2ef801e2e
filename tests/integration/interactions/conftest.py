"""Fixtures for ingest tests: a workspace with one engagement."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from fairshore.bootstrap import Workspace, init_workspace
from fairshore.config import load_settings

from .workspace_files import add_engagement


@pytest.fixture
def ws(workspace: Workspace) -> Workspace:
    """The test workspace with the engagement ``telco-krk``."""
    add_engagement(workspace)
    return workspace


@pytest.fixture
def small_ws(tmp_path: Path) -> Iterator[Workspace]:
    """A workspace whose ingest limit is 2,000 bytes."""
    space = init_workspace(load_settings(home=tmp_path / "small", ingest_max_bytes=2000))
    add_engagement(space)
    yield space
    space.close()
