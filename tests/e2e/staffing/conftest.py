"""Reuse the small staffed lake of the integration tests for the CLI tests."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from fairshore.bootstrap import Workspace

_spec = importlib.util.spec_from_file_location(
    "staffing_lake", Path(__file__).parents[2] / "integration" / "staffing" / "conftest.py"
)
assert _spec is not None and _spec.loader is not None
staffing_lake = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(staffing_lake)


@pytest.fixture
def staffed_home(workspace: Workspace) -> Path:
    staffing_lake.write_staffed_lake(workspace)
    return workspace.home
