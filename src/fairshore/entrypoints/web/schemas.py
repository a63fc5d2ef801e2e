"""API schemas, separate from domain types and tables."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

if TYPE_CHECKING:
    from fairshore.governance.model import FindingRecord


class EngagementPublic(BaseModel):
    id: str
    vendor_id: str
    name: str
    timezone: str
    channels: list[str]
    languages: list[str]
    site_ids: list[str]
    segment_columns: list[str]


class EngagementsPublic(BaseModel):
    data: list[EngagementPublic]
    count: int


class FindingPublic(BaseModel):
    id: int
    engagement_id: str | None
    source: str
    severity: str
    title: str
    detail: str
    status: str
    owner: str | None
    due_on: date
    times_seen: int

    @classmethod
    def of(cls, r: FindingRecord) -> FindingPublic:
        """The public view of a register entry."""
        return cls(
            id=r.id,
            engagement_id=r.finding.engagement_id,
            source=r.finding.source,
            severity=r.finding.severity,
            title=r.finding.title,
            detail=r.finding.detail,
            status=r.display_status,
            owner=r.owner,
            due_on=r.due_on,
            times_seen=r.times_seen,
        )


class FindingsPublic(BaseModel):
    data: list[FindingPublic]
    count: int  # in data
    total: int  # matching, on every page
    limit: int
    offset: int


class TokenCreate(BaseModel):
    # The column holds 200 characters; PostgreSQL refuses NUL in text.
    name: str = Field(min_length=1, max_length=200, pattern=r"^[^\x00]+$")
    scopes: list[str] = Field(max_length=10)


class TokenPublic(BaseModel):
    id: int
    token: str


class ChainPublic(BaseModel):
    entries: int
    ok: bool
    first_bad_id: int | None
    problem: str | None
    head_hash: str | None = None
    checkpoints: int = 0
