"""Shared fixtures: a fresh workspace per test, on SQLite and (when configured) PostgreSQL."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from fairshore.bootstrap import Workspace, init_workspace
from fairshore.config import load_settings

SHARED = Path(__file__).resolve().parents[2] / "shared"
POSTGRES_URL = os.environ.get("FAIRSHORE_TEST_POSTGRES_URL")


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    """A fresh, migrated SQLite workspace."""
    ws = init_workspace(load_settings(home=tmp_path / "ws"))
    yield ws
    ws.close()


def _fresh_postgres_database(worker: str) -> str:
    """A new, empty database on the test server for this xdist worker."""
    assert POSTGRES_URL is not None
    name = f"fairshore_{worker}"
    admin = sa.create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return POSTGRES_URL.rsplit("/", 1)[0] + f"/{name}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_workspace(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Workspace]:
    """A fresh workspace whose database is SQLite, then PostgreSQL (skipped if not set up)."""
    overrides: dict[str, object] = {"home": tmp_path / "ws"}
    if request.param == "postgresql":
        if not POSTGRES_URL:
            pytest.skip("FAIRSHORE_TEST_POSTGRES_URL not set (.ci/run starts a server)")
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        overrides["database_url"] = _fresh_postgres_database(worker)
    ws = init_workspace(load_settings(**overrides))
    yield ws
    ws.close()
