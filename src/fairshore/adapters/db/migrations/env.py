"""Alembic environment: runs migrations on the URL Fairshore hands it."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import context

from fairshore.adapters.db.tables import metadata

config = context.config
url = config.get_main_option("sqlalchemy.url")
assert url is not None
connectable = context.config.attributes.get("connection")


def _run(connection: sa.Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


if connectable is None:
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    with engine.connect() as conn:
        _run(conn)
    engine.dispose()
else:
    _run(connectable)
