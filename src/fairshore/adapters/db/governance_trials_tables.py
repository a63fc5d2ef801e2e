"""Tables of trial periods (pilots): the pass / fail / extend decision records."""

from __future__ import annotations

import sqlalchemy as sa

from fairshore.adapters.db.tables import metadata

trial_decisions = sa.Table(
    "trial_decisions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("organisation_id", sa.ForeignKey("organisations.id"), nullable=False, index=True),
    sa.Column("engagement_id", sa.String(64), nullable=False, index=True),
    sa.Column("pilot_id", sa.String(64), nullable=False, index=True),
    sa.Column("pilot_start", sa.Date, nullable=False),
    sa.Column("pilot_end", sa.Date, nullable=False),
    sa.Column("pilot_sha256", sa.String(64), nullable=False),
    sa.Column("outcome", sa.String(30), nullable=False),
    sa.Column("decision", sa.String(20), nullable=False),
    sa.Column("decided_by", sa.String(200), nullable=False),
    sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("figures", sa.JSON, nullable=False),
    sa.Column("note", sa.Text, nullable=True),
)
