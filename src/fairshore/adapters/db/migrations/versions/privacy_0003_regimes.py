"""Privacy: the regimes an engagement falls under, and what an incident's clocks need.

``engagements.regimes`` lists the data-protection regimes (GDPR, HIPAA, ...);
``privacy_incidents.affected_by_region`` counts the people affected per state or country
(HIPAA's media threshold is per state, 45 CFR 164.406); ``privacy_incidents.notices``
records when each further audience (media, HHS, card brands, ...) was told.

Revision ID: privacy_0003_regimes
Revises: privacy_0002
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "privacy_0003_regimes"
down_revision: str | Sequence[str] | None = "privacy_0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Existing engagements name no regime: their incidents keep the GDPR clocks (assumed).
    op.add_column(
        "engagements",
        sa.Column("regimes", sa.JSON, nullable=False, server_default=sa.text("'[]'")),
    )
    op.add_column("privacy_incidents", sa.Column("affected_by_region", sa.JSON, nullable=True))
    op.add_column("privacy_incidents", sa.Column("notices", sa.JSON, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("privacy_incidents") as batch:  # SQLite rebuilds the table
        batch.drop_column("notices")
        batch.drop_column("affected_by_region")
    with op.batch_alter_table("engagements") as batch:
        batch.drop_column("regimes")
