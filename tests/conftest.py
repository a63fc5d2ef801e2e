"""Shared fixtures: a fresh workspace per test, on SQLite and (when configured) PostgreSQL.

``FAIRSHORE_TEST_CLOCK_SHIFT_DAYS=N`` runs the whole session with the clock moved N days
(time-machine, ticking), to prove that no test reads the calendar: every test that
judges dates injects ``today``/``now`` or freezes the clock itself.
"""

from __future__ import annotations

import os
import shutil
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
    from tests import shared_build

    shared_build.reap()
    while _travel:
        _travel.pop().stop()


def pytest_report_header(config: pytest.Config) -> str | None:
    if CLOCK_SHIFT_DAYS:
        return f"clock moved {CLOCK_SHIFT_DAYS:+d} days (FAIRSHORE_TEST_CLOCK_SHIFT_DAYS)"
    return None


# Migrating a new database takes a second or two per test; a copy of one migrated once per
# test process takes a few milliseconds. Migrations themselves are tested on fresh
# databases in tests/integration/foundation.
@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite database, made once per test process."""
    home = tmp_path_factory.mktemp("template") / "ws"
    init_workspace(load_settings(home=home)).close()
    database = home / "fairshore.db"
    assert [p.name for p in home.glob("fairshore.db*")] == [database.name], "WAL not merged"
    return database


def _sqlite_workspace(home: Path, template: Path) -> Workspace:
    home.mkdir(parents=True)
    shutil.copyfile(template, home / "fairshore.db")
    return init_workspace(load_settings(home=home))


@pytest.fixture
def workspace(tmp_path: Path, _sqlite_template: Path) -> Iterator[Workspace]:
    """A fresh, migrated SQLite workspace."""
    ws = _sqlite_workspace(tmp_path / "ws", _sqlite_template)
    yield ws
    ws.close()


def _worker() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


def _database_url(name: str) -> str:
    assert POSTGRES_URL is not None
    return POSTGRES_URL.rsplit("/", 1)[0] + f"/{name}"


def _recreate_database(name: str, *, template: str | None = None) -> str:
    """Drop and create a database on the test server (a copy of ``template`` if given)."""
    assert POSTGRES_URL is not None
    admin = sa.create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    copy = f' TEMPLATE "{template}"' if template else ""
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(sa.text(f'CREATE DATABASE "{name}"{copy}'))
    admin.dispose()
    return _database_url(name)


@pytest.fixture(scope="session")
def _postgres_template(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A database migrated once per test process, copied for each test."""
    name = f"fairshore_template_{_worker()}"
    url = _recreate_database(name)
    home = tmp_path_factory.mktemp("pg-template") / "ws"
    init_workspace(load_settings(home=home, database_url=url)).close()
    return name


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_workspace(
    request: pytest.FixtureRequest, tmp_path: Path, _sqlite_template: Path
) -> Iterator[Workspace]:
    """A fresh workspace whose database is SQLite, then PostgreSQL (skipped if not set up)."""
    home = tmp_path / "ws"
    if request.param == "sqlite":
        ws = _sqlite_workspace(home, _sqlite_template)
    else:
        if not POSTGRES_URL:
            pytest.skip(
                "FAIRSHORE_TEST_POSTGRES_URL not set (make test starts a throwaway server "
                "when PostgreSQL is installed)"
            )
        template = request.getfixturevalue("_postgres_template")
        url = _recreate_database(f"fairshore_{_worker()}", template=template)
        ws = init_workspace(load_settings(home=home, database_url=url))
    yield ws
    ws.close()


@pytest.fixture(scope="session")
def demo_ws(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    """This worker's copy of the run's one demo (``tests/shared_demo.py``): scale 0.05,
    every step including the reports. Session-scoped: under xdist a worker may run other
    tests between two that use it, and a narrower fixture would then be copied again."""
    from fairshore.bootstrap import open_workspace
    from tests import shared_demo
    from tests.system_packages import need_weasyprint

    need_weasyprint()  # the demo's last step writes the PDF reports
    root = shared_demo.root_for(tmp_path_factory.getbasetemp())
    home = shared_demo.copy_of(root, tmp_path_factory.mktemp("demo"))
    ws = open_workspace(load_settings(home=home))
    yield ws
    ws.close()


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_node_collection_finished(node: object, ids: list[str]) -> None:
    """On the xdist controller: start the run's background builds (the shared demo, the
    every-page site) as soon as a test needs them, so they are built while the workers
    run other tests."""
    from tests import shared_build, shared_demo
    from tests.system_packages import CHROMIUM

    config = node.config  # type: ignore[attr-defined]
    # The controller's base temp is the parent of every worker's (xdist's own layout).
    basetemp = config._tmp_path_factory.getbasetemp()
    if any(i.startswith(shared_demo.MODULES) for i in ids):
        shared_demo.start(shared_demo.root_for(basetemp))
    site = shared_build.EVERY_PAGE
    if Path(CHROMIUM).exists() and any(i.startswith(site.tests) for i in ids):
        shared_build.start(site.root(basetemp), site.module)
