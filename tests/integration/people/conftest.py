"""Fixtures of the people integration tests (helpers live in ``people_lake.py``)."""

from __future__ import annotations

import pytest

from fairshore.bootstrap import Workspace
from tests.integration.people.people_lake import Writer, write_rows


@pytest.fixture
def lake_writer(workspace: Workspace) -> Writer:
    def write(table: str, engagement_id: str, rows: list[dict[str, object]]) -> None:
        write_rows(workspace.lake, table, engagement_id, rows)

    return write
