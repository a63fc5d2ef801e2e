"""Shared fixtures: a fresh workspace per test, on SQLite and (when configured) PostgreSQL.

``FAIRSHORE_TEST_CLOCK_SHIFT_DAYS=N`` runs the whole session with the clock moved N days
(time-machine, ticking), to prove that no test reads the calendar: every test that
judges dates injects ``today``/``now`` or freezes the clock itself.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
import time_machine

from fairshore.bootstrap import Workspace, init_workspace
from fairshore.config import load_settings

SHARED = Path(__file__).resolve().parents[2] / "shared"
POSTGRES_URL = os.environ.get("FAIRSHORE_TEST_POSTGRES_URL")
CLOCK_SHIFT_DAYS = int(os.environ.get("FAIRSHORE_TEST_CLOCK_SHIFT_DAYS") or 0)
_travel: list[time_machine.travel] = []


def pytest_configure(config: pytest.Config) -> None:
    """Move the clock for the whole process (each xdist worker runs this too)."""
    if CLOCK_SHIFT_DAYS:
        travel = time_machine.travel(
            datetime.now(UTC) + timedelta(days=CLOCK_SHIFT_DAYS), tick=True
        )
        travel.start()
        _travel.append(travel)


def pytest_unconfigure(config: pytest.Config) -> None:
    while _travel:
        _travel.pop().stop()


def pytest_report_header(config: pytest.Config) -> str | None:
    if CLOCK_SHIFT_DAYS:
        return f"clock moved {CLOCK_SHIFT_DAYS:+d} days (FAIRSHORE_TEST_CLOCK_SHIFT_DAYS)"
    return None


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
            pytest.skip(
                "FAIRSHORE_TEST_POSTGRES_URL not set (make test starts a throwaway server "
                "when PostgreSQL is installed)"
            )
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        overrides["database_url"] = _fresh_postgres_database(worker)
    ws = init_workspace(load_settings(**overrides))
    yield ws
    ws.close()
