"""The database: engine, Alembic migrations, and version checks."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from fairshore.adapters.db import registers_version as versions
from fairshore.errors import WorkspaceError

MIGRATIONS = Path(__file__).parent / "migrations"
_AUDIT = "fairshore.audit_chain"
_AFTER_COMMIT = "fairshore.after_commit"


@dataclass(frozen=True)
class AuditChain:
    """How this database's audit log is chained: the HMAC key, and who hears of new heads.

    ``after_append(entries, head_hash)`` runs after the transaction that appended an entry
    commits (never for one rolled back), so an outside checkpoint only names rows that exist.
    """

    key: bytes
    after_append: Callable[[int, str], None]


def audit_chain(conn: sa.Connection) -> AuditChain:
    """The audit chain of the database ``conn`` was opened on (``Database.begin``)."""
    chain = conn.info.get(_AUDIT)
    if not isinstance(chain, AuditChain):
        raise WorkspaceError("the audit log is not keyed: open the database through a workspace")
    return chain


def after_commit(conn: sa.Connection, callback: Callable[[], None]) -> None:
    """Run ``callback`` once the transaction of ``conn`` (from ``Database.begin``) commits."""
    conn.info.setdefault(_AFTER_COMMIT, []).append(callback)


def _alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


class Database:
    """A SQLAlchemy engine over SQLite or PostgreSQL, migrated by Alembic."""

    def __init__(self, url: str, *, audit: AuditChain | None = None) -> None:
        self.url = url
        self.audit = audit
        kwargs: dict[str, object] = {}
        if url.startswith("sqlite"):
            kwargs["connect_args"] = {"timeout": 30}
        self.engine = sa.create_engine(url, **kwargs)
        if url.startswith("sqlite"):
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)
        sa.event.listen(self.engine, "after_cursor_execute", versions.note_write)

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
        """A connection inside a transaction, committed on success.

        Callbacks registered with ``after_commit`` run after the commit, not on rollback.
        A transaction that wrote a register moves :meth:`registers_version` as it commits.
        """
        with self.engine.begin() as conn:
            # conn.info outlives this checkout (it is the pooled connection's): clear it.
            conn.info[_AUDIT] = self.audit
            try:
                yield conn
                versions.bump_if_written(conn)
            finally:
                versions.forget_writes(conn)
                callbacks = conn.info.pop(_AFTER_COMMIT, [])
                conn.info.pop(_AUDIT, None)
        for callback in callbacks:
            callback()

    def registers_version(self) -> int:
        """Moves with every committed write to a register (anything but sign-ins, sessions,
        tokens, the audit log and the outbox), in any process: what a result kept in
        memory is stamped with (``registers_version`` module)."""
        with self.engine.connect() as conn:
            return versions.read_version(conn)

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()


def _sqlite_pragmas(dbapi_conn: object, _record: object) -> None:
    cursor = dbapi_conn.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()
