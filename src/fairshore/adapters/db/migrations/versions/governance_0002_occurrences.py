"""Governance: one finding per condition, its sightings kept as occurrences.

Findings keyed by month or day (``sla:<e>:<term>:<month>``,
``staffing:<e>:<month>:<kind>``, ``people:<e>:occupancy:<month>``,
``access_anomaly:<e>:<agent>:<kind>:<day>``) are grouped into one finding per
condition; each old row becomes an occurrence of it, and its history moves along.

Revision ID: governance_0002_occurrences
Revises: governance_0001
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "governance_0002_occurrences"
down_revision: str | Sequence[str] | None = "governance_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TS = sa.DateTime(timezone=True)
ACTIVE = ("open", "action_planned", "awaiting_verification")
RANK = {"observation": 0, "minor": 1, "major": 2, "critical": 3}


def upgrade() -> None:
    op.create_table(
        "finding_occurrences",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "finding_id", sa.Integer, sa.ForeignKey("findings.id"), nullable=False, index=True
        ),
        sa.Column("period", sa.String(40), nullable=False),
        sa.Column("source", sa.String(40), nullable=False),
        sa.Column("observed_on", sa.Date, nullable=True),
        sa.Column("value", sa.Float, nullable=True),
        sa.Column("credit", sa.Float, nullable=True),
        sa.Column("evidence", sa.JSON, nullable=False),
        sa.Column("first_seen_at", TS, nullable=False),
        sa.Column("last_seen_at", TS, nullable=False),
        sa.UniqueConstraint("finding_id", "period", "source", name="uq_finding_occurrence"),
    )
    _group_findings(op.get_bind())


def condition_key(key: str, source: str) -> tuple[str, str | None]:
    """The condition a per-period key names, and the period it carried (None: kept)."""
    parts = key.split(":")
    if source == "sla" and len(parts) == 4:
        return ":".join(parts[:3]), parts[3]
    if source == "staffing" and len(parts) == 4:
        kind = parts[3]
        head = f"people:{parts[1]}:occupancy" if kind == "occupancy" else None
        return head or f"staffing:{parts[1]}:{kind}", parts[2]
    if source == "people" and len(parts) == 4 and parts[2] == "occupancy":
        return ":".join(parts[:3]), parts[3]
    if source == "access_anomaly" and len(parts) == 5:
        return ":".join(parts[:4]), parts[4]
    return key, None


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _group_findings(conn: sa.Connection) -> None:
    meta = sa.MetaData()
    findings = sa.Table("findings", meta, autoload_with=conn)
    history = sa.Table("finding_history", meta, autoload_with=conn)
    occurrences = sa.Table("finding_occurrences", meta, autoload_with=conn)
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for row in conn.execute(sa.select(findings).order_by(findings.c.id)).mappings():
        key, period = condition_key(row["key"], row["source"])
        groups.setdefault((row["organisation_id"], key), []).append(
            dict(row) | {"new_key": key, "occurrence_period": period or row["period"]}
        )
    for rows in groups.values():
        keeper = _keeper(rows)
        others = [r["id"] for r in rows if r["id"] != keeper["id"]]
        if others:
            conn.execute(
                history.update()
                .where(history.c.finding_id.in_(others))
                .values(finding_id=keeper["id"])
            )
        seen: dict[tuple[str, str], dict[str, Any]] = {}
        for r in rows:  # in id order: the newest row of a period wins
            seen[(r["occurrence_period"] or "", r["source"])] = r
        for (period, source), r in seen.items():
            evidence = r["evidence"] or {}
            conn.execute(
                occurrences.insert().values(
                    finding_id=keeper["id"],
                    period=period,
                    source=source,
                    observed_on=None,
                    value=_number(evidence.get("value")),
                    credit=_number(evidence.get("credit")),
                    evidence=evidence,
                    first_seen_at=_aware(r["opened_at"]),
                    last_seen_at=_aware(r["last_seen_at"]),
                )
            )
        if others:
            conn.execute(findings.delete().where(findings.c.id.in_(others)))
        newest = max(rows, key=lambda r: (r["occurrence_period"] or "", r["id"]))
        conn.execute(
            findings.update()
            .where(findings.c.id == keeper["id"])
            .values(
                key=keeper["new_key"],
                severity=max((r["severity"] for r in rows), key=lambda s: RANK.get(s, 0)),
                times_seen=sum(r["times_seen"] for r in rows),
                period=newest["occurrence_period"],
                evidence=newest["evidence"],
                title=newest["title"],
                detail=newest["detail"],
            )
        )


def _keeper(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The row that stays: the oldest active one (its workflow goes on), else the newest."""
    active = [r for r in rows if r["status"] in ACTIVE]
    return active[0] if active else rows[-1]


def _aware(at: datetime | None) -> datetime:
    if at is None:
        return datetime.now(UTC)
    return at if at.tzinfo else at.replace(tzinfo=UTC)


def downgrade() -> None:
    # Grouped findings stay grouped (their per-month rows are not rebuilt); only the
    # occurrences go.
    op.drop_table("finding_occurrences")
