"""Tables of vendor due diligence: assessments, answers, evidence, contests, criticality."""

from __future__ import annotations

import sqlalchemy as sa

from fairshore.adapters.db.tables import metadata

TS = sa.DateTime(timezone=True)

vetting_assessments = sa.Table(
    "vetting_assessments",
    metadata,
    sa.Column("id", sa.String(160), primary_key=True),
    sa.Column("organisation_id", sa.ForeignKey("organisations.id"), nullable=False, index=True),
    sa.Column("vendor_id", sa.ForeignKey("vendors.id"), nullable=False, index=True),
    sa.Column("rubric_id", sa.String(80), nullable=False),
    sa.Column("rubric_version", sa.Integer, nullable=False),
    sa.Column("scope", sa.JSON, nullable=False),
    sa.Column("context", sa.JSON, nullable=False),
    sa.Column("created_at", TS, nullable=False),
    sa.Column("updated_at", TS, nullable=False),
)

vetting_answers = sa.Table(
    "vetting_answers",
    metadata,
    sa.Column(
        "assessment_id", sa.ForeignKey("vetting_assessments.id"), primary_key=True, index=True
    ),
    sa.Column("question_id", sa.String(80), primary_key=True),
    sa.Column("value", sa.JSON, nullable=True),
    sa.Column("na", sa.Boolean, nullable=False),
    sa.Column("evidence_refs", sa.JSON, nullable=False),
    sa.Column("note", sa.Text, nullable=False),
    sa.Column("source", sa.String(40), nullable=False),
    sa.Column("answered_at", TS, nullable=False),
)

vetting_evidence = sa.Table(
    "vetting_evidence",
    metadata,
    sa.Column("organisation_id", sa.ForeignKey("organisations.id"), nullable=False, index=True),
    sa.Column("vendor_id", sa.ForeignKey("vendors.id"), primary_key=True),
    sa.Column("sha256", sa.String(64), primary_key=True),
    sa.Column("type", sa.String(80), nullable=False),
    sa.Column("issuer", sa.String(200), nullable=False),
    sa.Column("scope", sa.JSON, nullable=False),
    sa.Column("valid_from", sa.Date, nullable=True),
    sa.Column("valid_until", sa.Date, nullable=True),
    sa.Column("status", sa.String(40), nullable=False),
    sa.Column("filename", sa.String(300), nullable=False),
    sa.Column("added_at", TS, nullable=False),
    # The question ids the document supports (the vendor's link; shown on both sides).
    sa.Column("questions", sa.JSON, nullable=False, server_default=sa.text("'[]'")),
)

vetting_contests = sa.Table(
    "vetting_contests",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("organisation_id", sa.ForeignKey("organisations.id"), nullable=False, index=True),
    sa.Column("vendor_id", sa.ForeignKey("vendors.id"), nullable=False, index=True),
    sa.Column("question_id", sa.String(80), nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("resolution", sa.Text, nullable=False),
    sa.Column("created_at", TS, nullable=False),
    sa.Column("resolved_at", TS, nullable=True),
)

# Typed-in values that replace a measured criticality dimension; append-only (the
# latest per engagement and dimension applies), each with who set it, when and why.
vetting_criticality_overrides = sa.Table(
    "vetting_criticality_overrides",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("organisation_id", sa.ForeignKey("organisations.id"), nullable=False, index=True),
    sa.Column("engagement_id", sa.ForeignKey("engagements.id"), nullable=False, index=True),
    sa.Column("dimension", sa.String(40), nullable=False),
    sa.Column("value", sa.String(40), nullable=False),
    sa.Column("set_by", sa.String(200), nullable=False),
    sa.Column("set_at", TS, nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
)
