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
    regimes: list[str] = Field(default_factory=list)  # data-protection regimes it falls under


class EngagementsPublic(BaseModel):
    data: list[EngagementPublic]
    count: int


class OccurrencePublic(BaseModel):
    """One period a finding's condition was seen in (its evidence stays in the register)."""

    period: str | None
    source: str
    observed_on: date | None
    value: float | None
    credit: float | None


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
    proposed_due: date | None = None  # the vendor's proposed date (the client accepts it)
    assignee: str | None = None  # the user of the organisation who owns the finding
    occurrences: list[OccurrencePublic] = Field(default_factory=list)
    credit: float | None = None  # over every occurrence
    trend: str | None = None  # rising, falling or flat over the periods

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
            proposed_due=r.proposed_due,
            assignee=r.assignee,
            occurrences=[
                OccurrencePublic.model_validate(o.model_dump(exclude={"evidence"}))
                for o in r.occurrences
            ],
            credit=r.credit,
            trend=r.trend,
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
