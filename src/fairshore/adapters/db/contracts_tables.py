"""Tables of the contracts capability: contract versions, evaluations, term results.

Organisation is reached through ``engagements.organisation_id``.
"""

from __future__ import annotations

import sqlalchemy as sa

from fairshore.adapters.db.tables import metadata

contracts = sa.Table(
    "contracts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("contract_key", sa.String(64), nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("engagement_id", sa.ForeignKey("engagements.id"), nullable=False, index=True),
    sa.Column("effective_from", sa.Date, nullable=False),
    sa.Column("effective_to", sa.Date, nullable=True),
    sa.Column("file_sha256", sa.String(64), nullable=False),
    sa.Column("source_name", sa.String(500), nullable=False),
    sa.Column("body", sa.Text, nullable=False),
    sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
    sa.UniqueConstraint("contract_key", "version", name="uq_contracts_key_version"),
)

contract_evaluations = sa.Table(
    "contract_evaluations",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("contract_id", sa.ForeignKey("contracts.id"), nullable=False, index=True),
    sa.Column("engagement_id", sa.ForeignKey("engagements.id"), nullable=False, index=True),
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
    sa.Column("evaluated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("lake_version", sa.BigInteger, nullable=True),
)

contract_term_results = sa.Table(
    "contract_term_results",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "evaluation_id", sa.ForeignKey("contract_evaluations.id"), nullable=False, index=True
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
