"""Table of the worker pulse: anonymous eNPS answers, kept by quarter only.

No date, time, account or address is stored: a response names its engagement, its
quarter, its score and, if the worker chose one, its site.
"""

from __future__ import annotations

import sqlalchemy as sa

from fairshore.adapters.db.tables import metadata

pulse_responses = sa.Table(
    "pulse_responses",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("organisation_id", sa.ForeignKey("organisations.id"), nullable=False, index=True),
    sa.Column("engagement_id", sa.String(64), nullable=False, index=True),
    sa.Column("site_id", sa.String(64), nullable=True),
    sa.Column("quarter", sa.String(7), nullable=False),
    sa.Column("score", sa.Integer, nullable=False),
)
