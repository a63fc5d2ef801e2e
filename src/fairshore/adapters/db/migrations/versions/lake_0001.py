"""Lake: a batch counts the rows it inserted, updated, left unchanged, found stale or
retracted, and the version of its table it committed.

Revision ID: lake_0001
Revises: 0001_baseline
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "lake_0001"
down_revision: str | Sequence[str] | None = "0001_baseline"
branch_labels: str | Sequence[str] | None = ("lake",)
depends_on: str | Sequence[str] | None = None

COUNTS = ("rows_inserted", "rows_updated", "rows_unchanged", "rows_stale", "rows_retracted")


def upgrade() -> None:
    for name in COUNTS:
        # batches published before versions existed inserted every accepted row
        op.add_column(
            "ingest_batches",
            sa.Column(name, sa.BigInteger, nullable=False, server_default="0"),
        )
    op.execute("UPDATE ingest_batches SET rows_inserted = rows_accepted")
    op.add_column("ingest_batches", sa.Column("table_version", sa.BigInteger, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("ingest_batches") as batch:  # SQLite rebuilds the table
        for name in (*COUNTS, "table_version"):
            batch.drop_column(name)
