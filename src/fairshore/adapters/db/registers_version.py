"""One counter for the whole database: every committed write to a register moves it.

Results kept in memory (report pages, scorecards) are stamped with it, so a new privacy
incident, SLA evaluation, finding, answer or any other register row written in any
process shows at the next request, without each repository keeping a version of its own.

How: the engine notes each INSERT, UPDATE or DELETE a connection runs, and
``Database.begin`` adds one to the counter as the transaction's last statement, so the
counter commits (or rolls back) with the rows it stands for and a reader never sees the
new number before the new rows. Bumped last, its row lock (PostgreSQL) is held only for
the commit and taken after every other lock of the transaction: no deadlock between two
writers. Tables of sign-ins and bookkeeping (``UNCOUNTED``), which a page view itself
writes and no report reads, do not move it; a statement whose table is not known does.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from fairshore.adapters.db.tables import metadata

registers_version = sa.Table(
    "registers_version",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("version", sa.BigInteger, nullable=False),
)

# Written by signing in, serving a request or sending mail; read by no kept result.
UNCOUNTED = frozenset(
    {
        "registers_version",
        "sessions",
        "users",
        "api_tokens",
        "audit_log",
        "notification_outbox",
        "alembic_version",
    }
)
_WRITTEN = "fairshore.registers_written"
_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "UPSERT", "MERGE")


def _table_of(context: Any) -> str | None:
    """The table a compiled INSERT, UPDATE or DELETE writes (None for raw SQL)."""
    statement = getattr(getattr(context, "compiled", None), "statement", None)
    table = getattr(statement, "table", None)
    name = getattr(table, "name", None)
    return name if isinstance(name, str) else None


def note_write(
    conn: sa.Connection,
    _cursor: object,
    statement: str,
    _parameters: object,
    context: Any,
    _executemany: bool,
) -> None:
    """``after_cursor_execute``: remember that this transaction wrote a register."""
    if statement.lstrip()[:7].upper().startswith(_WRITES) and _table_of(context) not in UNCOUNTED:
        conn.info[_WRITTEN] = True


def bump_if_written(conn: sa.Connection) -> None:
    """Move the counter once if the transaction wrote a register (its last statement)."""
    if conn.info.pop(_WRITTEN, False):
        t = registers_version
        moved = conn.execute(t.update().where(t.c.id == 1).values(version=t.c.version + 1))
        if not moved.rowcount:  # a database built without its first row
            conn.execute(t.insert().values(id=1, version=1))


def forget_writes(conn: sa.Connection) -> None:
    """Drop the note of a transaction rolled back (``conn.info`` outlives the checkout)."""
    conn.info.pop(_WRITTEN, None)


def read_version(conn: sa.Connection) -> int:
    """The counter (0 before any write)."""
    t = registers_version
    found = conn.execute(sa.select(t.c.version).where(t.c.id == 1)).scalar()
    return int(found or 0)
