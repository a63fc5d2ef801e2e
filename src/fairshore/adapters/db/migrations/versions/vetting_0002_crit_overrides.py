"""Vetting: criticality is measured; typed-in values become overrides with who, when, why.

The old ``vetting_criticality`` row (three typed-in values per engagement) becomes
three override rows set by "typed in before measurement", at its assessment date.

Revision ID: vetting_0002_crit_overrides
Revises: vetting_0001
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time

import sqlalchemy as sa
from alembic import op

revision: str = "vetting_0002_crit_overrides"
down_revision: str | Sequence[str] | None = "vetting_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TS = sa.DateTime(timezone=True)
DIMENSIONS = ("data_sensitivity", "monthly_volume", "vulnerable_share")
MIGRATED_BY = "typed in before measurement"


def upgrade() -> None:
    overrides = op.create_table(
        "vetting_criticality_overrides",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "organisation_id", sa.String(64), sa.ForeignKey("organisations.id"), nullable=False
        ),
        sa.Column("engagement_id", sa.String(64), sa.ForeignKey("engagements.id"), nullable=False),
        sa.Column("dimension", sa.String(40), nullable=False),
        sa.Column("value", sa.String(40), nullable=False),
        sa.Column("set_by", sa.String(200), nullable=False),
        sa.Column("set_at", TS, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
    )
    for column in ("organisation_id", "engagement_id"):
        op.create_index(
            f"ix_vetting_criticality_overrides_{column}",
            "vetting_criticality_overrides",
            [column],
        )
    conn = op.get_bind()
    old = sa.table(
        "vetting_criticality",
        *(sa.column(c) for c in ("engagement_id", "organisation_id", *DIMENSIONS, "assessed_on")),
    )
    rows = [
        {
            "organisation_id": r.organisation_id,
            "engagement_id": r.engagement_id,
            "dimension": d,
            "value": str(getattr(r, d)),
            "set_by": MIGRATED_BY,
            "set_at": _at(r.assessed_on),
            "reason": "stored criticality input kept as an override",
        }
        for r in conn.execute(sa.select(old))
        for d in DIMENSIONS
    ]
    if rows:
        op.bulk_insert(overrides, rows)
    op.drop_index("ix_vetting_criticality_organisation_id", table_name="vetting_criticality")
    op.drop_table("vetting_criticality")


def _at(day: object) -> datetime:
    if isinstance(day, str):
        day = date.fromisoformat(day[:10])
    assert isinstance(day, date)
    return datetime.combine(day, time.min, tzinfo=UTC)


def downgrade() -> None:
    op.create_table(
        "vetting_criticality",
        sa.Column(
            "engagement_id", sa.String(64), sa.ForeignKey("engagements.id"), primary_key=True
        ),
        sa.Column(
            "organisation_id", sa.String(64), sa.ForeignKey("organisations.id"), nullable=False
        ),
        sa.Column("data_sensitivity", sa.String(40), nullable=False),
        sa.Column("monthly_volume", sa.BigInteger, nullable=False),
        sa.Column("vulnerable_share", sa.String(40), nullable=False),
        sa.Column("assessed_on", sa.Date, nullable=False),
    )
    op.create_index(
        "ix_vetting_criticality_organisation_id", "vetting_criticality", ["organisation_id"]
    )
    # Overrides of only some dimensions cannot become a full row: they are dropped.
    op.drop_table("vetting_criticality_overrides")
