"""Domain types of ingest: batch reports, the reading context, reason and warning keys.

Every row a vendor sends is either accepted into the lake or quarantined with one
reason; warnings (suspicious but valid values) are counted and never fatal.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

BatchStatus = Literal["accepted", "duplicate", "rejected", "failed", "running", "publishing"]
"""``running``/``publishing``: an ingest that was interrupted (re-run it to finish);
``failed``: it stopped on an unexpected error (``error`` says which; nothing published)."""

# Reason keys (stable: reports, quarantine files and tests use them).
MISSING_REQUIRED = "missing_required_field"
UNPARSEABLE_TIME = "unparseable_time"
UNPARSEABLE_NUMBER = "unparseable_number"
UNPARSEABLE_BOOL = "unparseable_bool"
ANSWERED_BEFORE_ARRIVAL = "answered_before_arrival"
ENDED_BEFORE_ARRIVAL = "ended_before_arrival"
ABANDONED_BEFORE_ARRIVAL = "abandoned_before_arrival"
ANSWERED_AND_ABANDONED = "answered_and_abandoned"
NEGATIVE_DURATION = "negative_duration"
NEGATIVE_COUNT = "negative_count"
CSAT_OUT_OF_RANGE = "csat_out_of_range"
NPS_OUT_OF_RANGE = "nps_out_of_range"
SCORE_OUT_OF_RANGE = "score_out_of_range"
MALFORMED_ITEMS = "malformed_items"
UNKNOWN_CHANNEL = "unknown_channel"
UNKNOWN_VALUE = "unknown_value"
DUPLICATE_IN_BATCH = "duplicate_id_in_batch"
WRONG_ENGAGEMENT = "wrong_engagement"
LEFT_BEFORE_HIRED = "left_before_hired"
UNKNOWN_COUNTRY = "unknown_country"
TOPICS_OVER_TRAINING = "topic_hours_over_training"
MALFORMED_RECORD = "malformed_record"
DELETED_TICKET = "deleted_ticket"
SUPERSEDED_VERSION = "superseded_version"
WITHDRAWALS = frozenset({DELETED_TICKET})
"""Reasons that withdraw a key rather than quarantine a row: the source's own deleted
status (Zendesk ``status: deleted``, Freshdesk ``deleted: true``) retracts the record."""
EXCLUDED_OUTCOME = "excluded_outcome"
UNKNOWN_OUTCOME = "unknown_outcome"
MISSING_ANSWER_TIME = "missing_answer_time"


class BatchReport(BaseModel):
    """What happened to one ingest batch (the JSON report of ``fairshore ingest``).

    ``rows_accepted + rows_quarantined == rows_read`` always; ``reasons`` counts
    quarantined rows by reason, ``warnings`` counts suspicious but accepted values.
    Accepted rows are ``rows_inserted`` (a new key), ``rows_updated`` (a newer version
    of a row in the lake), ``rows_unchanged`` (the same version again) or ``rows_stale``
    (an older version arriving late: it changes nothing); a retraction's accepted
    keys are ``rows_retracted`` or ``rows_unchanged`` (not in the lake). ``table_version`` is the
    Delta version of the table the batch committed (None when it changed nothing).
    """

    model_config = ConfigDict(frozen=True)

    batch_id: str
    status: BatchStatus
    engagement_id: str
    table: str
    format: str | None
    files: list[str]
    sha256: str | None = None
    rows_read: int = 0
    rows_accepted: int = 0
    rows_quarantined: int = 0
    rows_inserted: int = 0
    rows_updated: int = 0
    rows_unchanged: int = 0
    rows_stale: int = 0
    rows_retracted: int = 0
    table_version: int | None = None
    reasons: dict[str, int] = Field(default_factory=dict)
    warnings: dict[str, int] = Field(default_factory=dict)
    time_min: datetime | None = None
    time_max: datetime | None = None
    error: str | None = None
    created_at: datetime | None = None
    published_at: datetime | None = None


class QuarantinedRow(BaseModel):
    """One quarantined row: where it was, why, and its values as text."""

    model_config = ConfigDict(frozen=True)

    row: int
    reason: str
    detail: str | None
    values: dict[str, str | None]


class BatchDetail(BaseModel):
    """A batch with (the first rows of) its quarantine."""

    model_config = ConfigDict(frozen=True)

    report: BatchReport
    quarantine: list[QuarantinedRow]
    quarantine_total: int


ProgressCallback = Callable[[int, int], None]
"""Called as ``progress(rows_read_so_far, total_bytes)`` after each chunk."""


@dataclass
class ReadContext:
    """What an adapter needs to read files: options, mapping and the tallies it feeds."""

    table: str
    engagement_id: str
    source_tz: str
    chunk_rows: int
    max_bytes: int
    segment_columns: list[str]
    mapping: dict[str, Any] = field(default_factory=dict)
    max_rows: int | None = None  # rows the batch may hold (web and API uploads)
    sheet: str | None = None  # the workbook sheet to read (Excel files; default: detected)
    warnings: Counter[str] = field(default_factory=Counter)
