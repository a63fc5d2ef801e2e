"""Privacy: the controller's GDPR Art. 33 assessment of an incident.

Revision ID: privacy_0002
Revises: privacy_0001
Create Date: 2026-11-23
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "privacy_0002"
down_revision: str | Sequence[str] | None = "privacy_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # "required", "not_required" or null (not assessed: the 72-hour clock runs).
    op.add_column(
        "privacy_incidents", sa.Column("authority_notification", sa.String(20), nullable=True)
    )


def downgrade() -> None:
    with op.batch_alter_table("privacy_incidents") as batch:  # SQLite rebuilds the table
        batch.drop_column("authority_notification")
