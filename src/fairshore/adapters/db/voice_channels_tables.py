"""Tables of the public worker-voice channels: which engagements take anonymous reports.

An engagement opts in by opening a channel; its public code (printed on the posters
at the vendor's sites) is what a worker types on the unauthenticated ``/voice`` form.
The code is public by design (it names no one); closing a channel stops new reports.
"""

from __future__ import annotations

import sqlalchemy as sa

from fairshore.adapters.db.tables import metadata

voice_channels = sa.Table(
    "voice_channels",
    metadata,
    sa.Column("code", sa.String(20), primary_key=True),
    sa.Column("organisation_id", sa.ForeignKey("organisations.id"), nullable=False, index=True),
    sa.Column("engagement_id", sa.String(64), nullable=False, index=True),
    sa.Column("opened_on", sa.Date, nullable=False),
    sa.Column("closed_on", sa.Date, nullable=True),
)
