"""Tables of the sourcing feature: what became of the client's staff affected by outsourcing."""

from __future__ import annotations

import sqlalchemy as sa

from fairshore.adapters.db.tables import metadata

staff_transitions = sa.Table(
    "staff_transitions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("organisation_id", sa.ForeignKey("organisations.id"), nullable=False, index=True),
    sa.Column("engagement_id", sa.ForeignKey("engagements.id"), nullable=False, index=True),
    sa.Column("team", sa.String(200), nullable=False),
    sa.Column("recorded_on", sa.Date, nullable=False),
    sa.Column("affected", sa.Integer, nullable=False),
    sa.Column("redeployed", sa.Integer, nullable=False),
    sa.Column("retrained", sa.Integer, nullable=False),
    sa.Column("left", sa.Integer, nullable=False),
    sa.Column("note", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)
