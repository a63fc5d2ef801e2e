"""Workspace creation and migration on SQLite (and PostgreSQL when configured)."""

from __future__ import annotations

import importlib
import os
import pkgutil
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

import fairshore.adapters.db
from fairshore.adapters.db.database import Database, _alembic_config
from fairshore.adapters.db.tables import metadata
from fairshore.bootstrap import FOLDERS, init_workspace, open_workspace
from fairshore.config import load_settings
from fairshore.engagements import services
from fairshore.errors import WorkspaceError


def test_init_creates_every_folder_and_the_database(tmp_path: Path) -> None:
    ws = init_workspace(load_settings(home=tmp_path / "ws"))
    try:
        for name in FOLDERS:
            assert (tmp_path / "ws" / name).is_dir()
        assert (tmp_path / "ws" / "fairshore.db").is_file()
        assert ws.db.current_revisions() == ws.db.head_revisions()
        names = set(sa.inspect(ws.db.engine).get_table_names())
        assert {
            "organisations",
            "vendors",
            "sites",
            "engagements",
            "touchpoints",
            "ingest_batches",
        } <= names
    finally:
        ws.close()


def test_init_twice_is_harmless_and_keeps_data(tmp_path: Path) -> None:
    settings = load_settings(home=tmp_path / "ws")
    ws = init_workspace(settings)
    services.add_vendor(ws, id="northwind", name="Northwind")
    ws.close()
    again = init_workspace(settings)
    try:
        assert again.migrated == []
        assert [v.id for v in services.list_vendors(again)] == ["northwind"]
    finally:
        again.close()


def test_opening_a_missing_workspace_says_how_to_create_one(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError, match="fairshore init"):
        open_workspace(load_settings(home=tmp_path / "nothing"))


def test_a_workspace_from_an_older_version_is_migrated(tmp_path: Path) -> None:
    home = tmp_path / "old"
    home.mkdir()
    url = f"sqlite:///{home / 'fairshore.db'}"
    command.upgrade(_alembic_config(url), "0001_baseline")  # what version 0.1 shipped
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(
            sa.text(
                "INSERT INTO organisations (id, name, created_at) "
                "VALUES ('default', 'D', '2026-01-01')"
            )
        )
        conn.execute(
            sa.text(
                "INSERT INTO vendors (id, organisation_id, name, created_at) "
                "VALUES ('old-vendor', 'default', 'Old', '2026-01-01')"
            )
        )
    engine.dispose()
    ws = open_workspace(load_settings(home=home))
    try:
        assert ws.db.current_revisions() == ws.db.head_revisions()
        assert [v.id for v in services.list_vendors(ws)] == ["old-vendor"]
    finally:
        ws.close()


def test_the_migrations_build_exactly_the_tables_the_code_declares(tmp_path: Path) -> None:
    for module in pkgutil.iter_modules(fairshore.adapters.db.__path__):
        if module.name.endswith("_tables"):  # every capability's tables on the metadata
            importlib.import_module(f"fairshore.adapters.db.{module.name}")
    init_workspace(load_settings(home=tmp_path / "ws")).close()
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'ws' / 'fairshore.db'}")
    try:
        with engine.connect() as conn:
            differences = compare_metadata(MigrationContext.configure(conn), metadata)
    finally:
        engine.dispose()
    assert differences == []  # a column or table added without its migration, or the reverse


def test_a_workspace_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    ws = init_workspace(load_settings(home=tmp_path / "ws"))
    with ws.db.begin() as conn:
        conn.execute(
            sa.text(
                "UPDATE alembic_version SET version_num = 'from_the_future' "
                "WHERE version_num = (SELECT MIN(version_num) FROM alembic_version)"
            )
        )
    ws.close()
    with pytest.raises(WorkspaceError, match="newer version"):
        open_workspace(load_settings(home=tmp_path / "ws"))


@pytest.mark.postgres
def test_migrations_run_on_postgresql() -> None:
    url = os.environ.get("FAIRSHORE_TEST_POSTGRES_URL")
    if not url:
        pytest.skip("FAIRSHORE_TEST_POSTGRES_URL not set (make test starts a throwaway server)")
    db = Database(url)
    try:
        with db.begin() as conn:
            conn.execute(sa.text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        applied = db.migrate()
        assert applied
        assert db.current_revisions() == db.head_revisions()
    finally:
        db.dispose()
