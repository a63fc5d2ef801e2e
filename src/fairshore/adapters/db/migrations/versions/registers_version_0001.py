"""One counter every committed write to a register moves (kept results are stamped with it).

Revision ID: registers_version_0001
Revises: 0001_baseline
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "registers_version_0001"
down_revision: str | Sequence[str] | None = "0001_baseline"
branch_labels: str | Sequence[str] | None = ("registers_version",)
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    table = op.create_table(
        "registers_version",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("version", sa.BigInteger, nullable=False),
    )
    op.bulk_insert(table, [{"id": 1, "version": 0}])


def downgrade() -> None:
    op.drop_table("registers_version")
