"""A source the workspace pulls from, and what one sync of it did."""

from __future__ import annotations

from datetime import datetime
from typing import Literal, NamedTuple

from pydantic import BaseModel, Field

SourceKind = Literal["zendesk", "zendesk-talk", "freshdesk", "folder", "amazon-connect"]
KINDS: tuple[SourceKind, ...] = ("zendesk", "zendesk-talk", "freshdesk", "folder", "amazon-connect")
FILE_KINDS: tuple[SourceKind, ...] = ("folder", "amazon-connect")  # read objects, not an API
SyncStatus = Literal["complete", "partial", "failed"]


class Source(BaseModel):
    """One feed: where to pull from, how to sign in (never the secret itself), where it is.

    ``token_env`` names the environment variable that holds the API token (Freshdesk's
    API key): the token is never stored. ``email`` is the Zendesk API user ("" for
    Freshdesk). ``cursor`` is the source's own position (Zendesk's ``after_cursor``,
    Talk's ``end_time``, Freshdesk's ``updated_since`` as JSON), saved after each page
    has been ingested, so an interrupted sync resumes there.
    """

    id: str
    kind: SourceKind
    engagement_id: str
    base_url: str
    email: str
    token_env: str
    cadence_hours: int = 24
    cursor: str | None = None
    start_time: int = 0  # the first sync's start (Unix seconds): start_time, updated_since
    added_at: datetime
    last_attempt_at: datetime | None = None
    last_success_at: datetime | None = None
    last_error: str | None = None
    rows_total: int = 0
    # file sources (``FILE_KINDS``): ``base_url`` is the folder or ``s3://`` prefix and
    # ``options`` the table, file pattern, format, mapping and timezone of the files
    options: dict[str, str] = Field(default_factory=dict)


class SyncReport(BaseModel):
    """What one sync fetched and ingested (each page is one ingest batch)."""

    source_id: str
    status: SyncStatus
    pages: int = 0
    batches: list[str] = Field(default_factory=list)
    rows_read: int = 0
    rows_accepted: int = 0
    rows_quarantined: int = 0
    rows_inserted: int = 0
    rows_updated: int = 0
    rows_unchanged: int = 0
    rows_stale: int = 0
    rows_retracted: int = 0
    retries: int = 0
    waited_seconds: float = 0.0
    cursor: str | None = None
    end_of_stream: bool = False
    error: str | None = None


class SeenObject(NamedTuple):
    """An object (file) a file source has read: its key under the source's location, its
    stamp (size and modification time, or ETag) and the SHA-256 of its bytes."""

    key: str
    stamp: str
    digest: str
