"""Contracts: versioned contract files, evaluations per period, term results.

Revision ID: contracts_0001
Revises: 0001_baseline
Create Date: 2026-11-23
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "contracts_0001"
down_revision: str | Sequence[str] | None = "0001_baseline"
branch_labels: str | Sequence[str] | None = ("contracts",)
depends_on: str | Sequence[str] | None = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "contracts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("contract_key", sa.String(64), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column(
            "engagement_id",
            sa.String(64),
            sa.ForeignKey("engagements.id"),
            nullable=False,
            index=True,
        ),
        sa.Column("effective_from", sa.Date, nullable=False),
        sa.Column("effective_to", sa.Date, nullable=True),
        sa.Column("file_sha256", sa.String(64), nullable=False),
        sa.Column("source_name", sa.String(500), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("added_at", TS, nullable=False),
        sa.UniqueConstraint("contract_key", "version", name="uq_contracts_key_version"),
    )
    op.create_table(
        "contract_evaluations",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "contract_id", sa.Integer, sa.ForeignKey("contracts.id"), nullable=False, index=True
        ),
        sa.Column(
            "engagement_id",
            sa.String(64),
            sa.ForeignKey("engagements.id"),
            nullable=False,
            index=True,
        ),
        sa.Column("period", sa.String(10), nullable=False),
        sa.Column("period_start", sa.Date, nullable=False),
        sa.Column("period_end", sa.Date, nullable=False),
        sa.Column("fee", sa.Float, nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("credits_before_cap", sa.Float, nullable=False),
        sa.Column("cap", sa.Float, nullable=False),
        sa.Column("credits_owed", sa.Float, nullable=False),
        sa.Column("earned_back", sa.Float, nullable=False),
        sa.Column("net_credit", sa.Float, nullable=False),
        sa.Column("evaluated_at", TS, nullable=False),
    )
    op.create_table(
        "contract_term_results",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "evaluation_id",
            sa.Integer,
            sa.ForeignKey("contract_evaluations.id"),
            nullable=False,
            index=True,
        ),
        sa.Column("term_id", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("metric", sa.String(64), nullable=False),
        sa.Column("comparator", sa.String(2), nullable=False),
        sa.Column("target", sa.Float, nullable=False),
        sa.Column("value", sa.Float, nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("margin", sa.Float, nullable=True),
        sa.Column("sample_size", sa.BigInteger, nullable=False),
        sa.Column("min_sample", sa.Integer, nullable=False),
        sa.Column("credit_share", sa.Float, nullable=False),
        sa.Column("credit", sa.Float, nullable=False),
        sa.Column("earned_back", sa.Float, nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
    )


def downgrade() -> None:
    for name in ("contract_term_results", "contract_evaluations", "contracts"):
        op.drop_table(name)
