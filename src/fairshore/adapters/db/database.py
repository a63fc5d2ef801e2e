"""The database: engine, Alembic migrations, and version checks."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from fairshore.errors import WorkspaceError

MIGRATIONS = Path(__file__).parent / "migrations"


def _alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


class Database:
    """A SQLAlchemy engine over SQLite or PostgreSQL, migrated by Alembic."""

    def __init__(self, url: str) -> None:
        self.url = url
        kwargs: dict[str, object] = {}
        if url.startswith("sqlite"):
            kwargs["connect_args"] = {"timeout": 30}
        self.engine = sa.create_engine(url, **kwargs)
        if url.startswith("sqlite"):
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)

    def head_revisions(self) -> set[str]:
        """The revisions this version of Fairshore knows as newest."""
        return set(ScriptDirectory.from_config(_alembic_config(self.url)).get_heads())

    def current_revisions(self) -> set[str]:
        """The revisions the database is at (empty for a new database)."""
        with self.engine.connect() as conn:
            return set(MigrationContext.configure(conn).get_current_heads())

    def migrate(self) -> list[str]:
        """Bring the schema up to date; return the revisions applied (empty if none)."""
        script = ScriptDirectory.from_config(_alembic_config(self.url))
        known = {rev.revision for rev in script.walk_revisions()}
        current = self.current_revisions()
        unknown = current - known
        if unknown:
            raise WorkspaceError(
                f"the database is at revision {', '.join(sorted(unknown))}, which this version "
                "of Fairshore does not know: it was made by a newer version; upgrade Fairshore"
            )
        before = current
        command.upgrade(_alembic_config(self.url), "heads")
        after = self.current_revisions()
        return sorted(after - before)

    @contextmanager
    def begin(self) -> Iterator[sa.Connection]:
        """A connection inside a transaction, committed on success."""
        with self.engine.begin() as conn:
            yield conn

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()


def _sqlite_pragmas(dbapi_conn: object, _record: object) -> None:
    cursor = dbapi_conn.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()
