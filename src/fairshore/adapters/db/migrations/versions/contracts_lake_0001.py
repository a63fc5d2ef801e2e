"""Contracts: a stored evaluation records the lake version it read (issue 22).

Revision ID: contracts_lake_0001
Revises: contracts_0001
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "contracts_lake_0001"
down_revision: str | Sequence[str] | None = "contracts_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # null: evaluated before lake versions existed
    op.add_column("contract_evaluations", sa.Column("lake_version", sa.BigInteger, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("contract_evaluations") as batch:  # SQLite rebuilds the table
        batch.drop_column("lake_version")
