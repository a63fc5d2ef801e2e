"""Vetting: assessments, answers, evidence, contests, engagement criticality.

Revision ID: vetting_0001
Revises: 0001_baseline
Create Date: 2026-11-23
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "vetting_0001"
down_revision: str | Sequence[str] | None = "0001_baseline"
branch_labels: str | Sequence[str] | None = ("vetting",)
depends_on: str | Sequence[str] | None = None

TS = sa.DateTime(timezone=True)


def _org() -> sa.Column[str]:
    return sa.Column(
        "organisation_id", sa.String(64), sa.ForeignKey("organisations.id"), nullable=False
    )


def upgrade() -> None:
    op.create_table(
        "vetting_assessments",
        sa.Column("id", sa.String(160), primary_key=True),
        _org(),
        sa.Column("vendor_id", sa.String(64), sa.ForeignKey("vendors.id"), nullable=False),
        sa.Column("rubric_id", sa.String(80), nullable=False),
        sa.Column("rubric_version", sa.Integer, nullable=False),
        sa.Column("scope", sa.JSON, nullable=False),
        sa.Column("context", sa.JSON, nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
    )
    op.create_index(
        "ix_vetting_assessments_organisation_id", "vetting_assessments", ["organisation_id"]
    )
    op.create_index("ix_vetting_assessments_vendor_id", "vetting_assessments", ["vendor_id"])
    op.create_table(
        "vetting_answers",
        sa.Column(
            "assessment_id",
            sa.String(160),
            sa.ForeignKey("vetting_assessments.id"),
            primary_key=True,
        ),
        sa.Column("question_id", sa.String(80), primary_key=True),
        sa.Column("value", sa.JSON, nullable=True),
        sa.Column("na", sa.Boolean, nullable=False),
        sa.Column("evidence_refs", sa.JSON, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("source", sa.String(40), nullable=False),
        sa.Column("answered_at", TS, nullable=False),
    )
    op.create_index("ix_vetting_answers_assessment_id", "vetting_answers", ["assessment_id"])
    op.create_table(
        "vetting_evidence",
        _org(),
        sa.Column("vendor_id", sa.String(64), sa.ForeignKey("vendors.id"), primary_key=True),
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("type", sa.String(80), nullable=False),
        sa.Column("issuer", sa.String(200), nullable=False),
        sa.Column("scope", sa.JSON, nullable=False),
        sa.Column("valid_from", sa.Date, nullable=True),
        sa.Column("valid_until", sa.Date, nullable=True),
        sa.Column("status", sa.String(40), nullable=False),
        sa.Column("filename", sa.String(300), nullable=False),
        sa.Column("added_at", TS, nullable=False),
    )
    op.create_index("ix_vetting_evidence_organisation_id", "vetting_evidence", ["organisation_id"])
    op.create_table(
        "vetting_contests",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _org(),
        sa.Column("vendor_id", sa.String(64), sa.ForeignKey("vendors.id"), nullable=False),
        sa.Column("question_id", sa.String(80), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("resolution", sa.Text, nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("resolved_at", TS, nullable=True),
    )
    op.create_index("ix_vetting_contests_organisation_id", "vetting_contests", ["organisation_id"])
    op.create_index("ix_vetting_contests_vendor_id", "vetting_contests", ["vendor_id"])
    op.create_table(
        "vetting_criticality",
        sa.Column(
            "engagement_id", sa.String(64), sa.ForeignKey("engagements.id"), primary_key=True
        ),
        _org(),
        sa.Column("data_sensitivity", sa.String(40), nullable=False),
        sa.Column("monthly_volume", sa.BigInteger, nullable=False),
        sa.Column("vulnerable_share", sa.String(40), nullable=False),
        sa.Column("assessed_on", sa.Date, nullable=False),
    )
    op.create_index(
        "ix_vetting_criticality_organisation_id", "vetting_criticality", ["organisation_id"]
    )


def downgrade() -> None:
    for table in (
        "vetting_criticality",
        "vetting_contests",
        "vetting_evidence",
        "vetting_answers",
        "vetting_assessments",
    ):
        op.drop_table(table)
