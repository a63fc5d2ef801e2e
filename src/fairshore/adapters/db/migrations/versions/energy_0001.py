"""Energy: metered electricity per vendor site and month.

Revision ID: energy_0001
Revises: 0001_baseline
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "energy_0001"
down_revision: str | Sequence[str] | None = "0001_baseline"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "site_energy",
        sa.Column(
            "organisation_id", sa.String(64), sa.ForeignKey("organisations.id"), primary_key=True
        ),
        sa.Column("site_id", sa.String(64), sa.ForeignKey("sites.id"), primary_key=True),
        sa.Column("month", sa.String(7), primary_key=True),
        sa.Column("kwh", sa.Float, nullable=False),
        sa.Column("renewable_kwh", sa.Float, nullable=True),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("site_energy")
