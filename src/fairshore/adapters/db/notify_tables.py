"""Tables of owners and notifications: engagements' default owners and the mail outbox."""

from __future__ import annotations

import sqlalchemy as sa

from fairshore.adapters.db.tables import metadata

# Who owns new findings of an engagement (an e-mail of a user of its organisation).
engagement_owners = sa.Table(
    "engagement_owners",
    metadata,
    sa.Column("organisation_id", sa.String(64), primary_key=True),
    sa.Column("engagement_id", sa.String(64), primary_key=True),
    sa.Column("owner", sa.String(320), nullable=False),
    sa.Column("set_by", sa.String(320), nullable=False),
    sa.Column("set_at", sa.DateTime(timezone=True), nullable=False),
)

# Every e-mail Fairshore meant to send, sent or not: a failure is kept with its reason.
notification_outbox = sa.Table(
    "notification_outbox",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("organisation_id", sa.String(64), nullable=False, index=True),
    sa.Column("kind", sa.String(40), nullable=False),
    sa.Column("ref", sa.String(300), nullable=False),
    sa.Column("recipient", sa.String(320), nullable=False),
    sa.Column("subject", sa.String(300), nullable=False),
    sa.Column("body", sa.Text, nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("error", sa.Text, nullable=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
)
