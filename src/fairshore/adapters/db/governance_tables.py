"""Tables of the governance capability: findings, their occurrences and history, audits."""

from __future__ import annotations

import sqlalchemy as sa

from fairshore.adapters.db.tables import metadata

findings = sa.Table(
    "findings",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("organisation_id", sa.ForeignKey("organisations.id"), nullable=False, index=True),
    sa.Column("key", sa.String(300), nullable=False, index=True),
    sa.Column("source", sa.String(40), nullable=False),
    sa.Column("engagement_id", sa.String(64), nullable=True, index=True),
    sa.Column("severity", sa.String(20), nullable=False),
    sa.Column("title", sa.String(300), nullable=False),
    sa.Column("detail", sa.Text, nullable=False),
    sa.Column("evidence", sa.JSON, nullable=False),
    sa.Column("period", sa.String(20), nullable=True),
    sa.Column("owner", sa.String(200), nullable=True),
    # The user of the organisation who owns the finding (``owner`` is the corrective
    # action's owner, often the vendor's person); set by assignment or the engagement.
    sa.Column("assignee", sa.String(320), nullable=True, index=True),
    sa.Column("due_on", sa.Date, nullable=False),
    # The vendor's proposed date: shown beside ``due_on``, which only the client moves.
    sa.Column("proposed_due", sa.Date, nullable=True),
    sa.Column("corrective_action", sa.Text, nullable=True),
    sa.Column("verification_method", sa.String(20), nullable=True),
    sa.Column("status", sa.String(30), nullable=False),
    sa.Column("times_seen", sa.Integer, nullable=False),
    sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
)

finding_history = sa.Table(
    "finding_history",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("finding_id", sa.ForeignKey("findings.id"), nullable=False, index=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("actor", sa.String(200), nullable=False),
    sa.Column("event", sa.String(40), nullable=False),
    sa.Column("changes", sa.JSON, nullable=False),
    sa.Column("note", sa.Text, nullable=True),
)

# One row per period a condition was seen in, per capability that saw it; "" is the
# period of a condition judged as a whole (a site's pay, a vendor's claim).
finding_occurrences = sa.Table(
    "finding_occurrences",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("finding_id", sa.ForeignKey("findings.id"), nullable=False, index=True),
    sa.Column("period", sa.String(40), nullable=False),
    sa.Column("source", sa.String(40), nullable=False),
    sa.Column("observed_on", sa.Date, nullable=True),
    sa.Column("value", sa.Float, nullable=True),
    sa.Column("credit", sa.Float, nullable=True),
    sa.Column("evidence", sa.JSON, nullable=False),
    sa.Column("first_seen_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
    sa.UniqueConstraint("finding_id", "period", "source", name="uq_finding_occurrence"),
)

# Files a vendor attaches to its response, stored under ``<workspace>/evidence/<sha256>``.
finding_attachments = sa.Table(
    "finding_attachments",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("organisation_id", sa.String(64), nullable=False, index=True),
    sa.Column("finding_id", sa.ForeignKey("findings.id"), nullable=False, index=True),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("filename", sa.String(300), nullable=False),
    sa.Column("size", sa.Integer, nullable=False),
    sa.Column("added_by", sa.String(320), nullable=False),
    sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
)

audits = sa.Table(
    "audits",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("organisation_id", sa.ForeignKey("organisations.id"), nullable=False, index=True),
    sa.Column("engagement_id", sa.String(64), nullable=False, index=True),
    sa.Column("auditor", sa.String(200), nullable=False),
    sa.Column("audited_on", sa.Date, nullable=False),
    sa.Column("scope", sa.Text, nullable=False),
    sa.Column("pillars", sa.JSON, nullable=False),
    sa.Column("method", sa.String(20), nullable=False),
    sa.Column("nonconformities", sa.JSON, nullable=False),
)

audit_requests = sa.Table(
    "audit_requests",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("organisation_id", sa.ForeignKey("organisations.id"), nullable=False, index=True),
    sa.Column("engagement_id", sa.String(64), nullable=False, index=True),
    sa.Column("requested_on", sa.Date, nullable=False),
    sa.Column("audit_from", sa.Date, nullable=True),
    sa.Column("access", sa.String(10), nullable=False),
    sa.Column("decided_on", sa.Date, nullable=True),
    sa.Column("scope", sa.Text, nullable=False),
    sa.Column("note", sa.Text, nullable=False),
)
