"""Tables of the people feature: benchmark overrides, grievances and their replies.

Grievances are anonymous by construction: no reporter identity, no IP address, no
time finer than the day, and a random case id (insertion order reveals nothing). The
reporter's receipt code is kept only as its SHA-256 digest.
"""

from __future__ import annotations

import sqlalchemy as sa

from fairshore.adapters.db.tables import metadata

people_benchmarks = sa.Table(
    "people_benchmarks",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("organisation_id", sa.ForeignKey("organisations.id"), nullable=False, index=True),
    sa.Column("location", sa.String(200), nullable=False),
    sa.Column("country_iso2", sa.String(2), nullable=False),
    sa.Column("metric", sa.String(40), nullable=False),
    sa.Column("amount", sa.String(60), nullable=False),
    sa.Column("currency", sa.String(3), nullable=False),
    sa.Column("period", sa.String(10), nullable=False),
    sa.Column("year", sa.Integer, nullable=True),
    sa.Column("scope", sa.String(40), nullable=False),
    sa.Column("source", sa.String(500), nullable=False),
    sa.Column("verified", sa.Boolean, nullable=False),
    sa.Column("note", sa.Text, nullable=False),
    sa.Column("added_on", sa.Date, nullable=False),
)

grievances = sa.Table(
    "grievances",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("organisation_id", sa.ForeignKey("organisations.id"), nullable=False, index=True),
    sa.Column("engagement_id", sa.ForeignKey("engagements.id"), nullable=False, index=True),
    sa.Column("site_id", sa.String(64), nullable=True),
    sa.Column("category", sa.String(40), nullable=False),
    sa.Column("body", sa.Text, nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("submitted_on", sa.Date, nullable=False),
    sa.Column("ack_due_on", sa.Date, nullable=False),
    sa.Column("resolve_due_on", sa.Date, nullable=False),
    sa.Column("acknowledged_on", sa.Date, nullable=True),
    sa.Column("investigating_on", sa.Date, nullable=True),
    sa.Column("resolved_on", sa.Date, nullable=True),
    sa.Column("escalated_on", sa.Date, nullable=True),
    sa.Column("receipt_digest", sa.String(64), nullable=False, unique=True),
)

grievance_replies = sa.Table(
    "grievance_replies",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("grievance_id", sa.ForeignKey("grievances.id"), nullable=False, index=True),
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("author", sa.String(20), nullable=False),
    sa.Column("body", sa.Text, nullable=False),
    sa.Column("written_on", sa.Date, nullable=False),
)
