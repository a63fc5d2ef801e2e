"""Reading a batch's files: the validator of a batch and the running counts of its rows.

Shared by publishing a batch (:mod:`fairshore.interactions.services`) and by weighing a
batch sent again (:mod:`fairshore.interactions.resend`), so both read a file the same way.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, time

import pyarrow as pa
import pyarrow.compute as pc

from fairshore.engagements.model import Engagement
from fairshore.interactions.model import ReadContext
from fairshore.interactions.schema import TableSchema
from fairshore.interactions.validation import CheckedChunk, Validator


def batch_validator(
    spec: TableSchema, ctx: ReadContext, *, batch_id: str, engagement: Engagement
) -> Validator:
    """The validator of one batch of an engagement's table."""
    return Validator(
        spec,
        engagement_id=ctx.engagement_id,
        batch_id=batch_id,
        source_tz=ctx.source_tz,
        segments=ctx.segment_columns,
        default_site=engagement.site_ids[0] if len(engagement.site_ids) == 1 else None,
        channels=list(engagement.channels),
        languages=list(engagement.languages),
    )


class Tally:
    """Running counts of a batch: rows read, accepted (withdrawals included), quarantined."""

    def __init__(self) -> None:
        self.read = self.accepted = self.quarantined = 0
        self.reasons: Counter[str] = Counter()
        self.warnings: Counter[str] = Counter()
        self.time_min: datetime | None = None
        self.time_max: datetime | None = None

    def add(self, checked: CheckedChunk, time_column: str) -> None:
        accepted = checked.accepted
        quarantined = sum(checked.reasons.values())
        taken = accepted.num_rows + checked.withdrawn.num_rows
        self.accepted += taken
        self.quarantined += quarantined
        self.read += taken + quarantined
        self.reasons.update(checked.reasons)
        self.warnings.update(checked.warnings)
        if accepted.num_rows:
            bounds = pc.min_max(accepted.column(time_column))
            low, high = _instant(bounds["min"].as_py()), _instant(bounds["max"].as_py())
            self.time_min = low if self.time_min is None or low < self.time_min else self.time_min
            self.time_max = high if self.time_max is None or high > self.time_max else self.time_max


def _instant(value: date | datetime) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    return datetime.combine(value, time(0), tzinfo=UTC)


def concat_keys(parts: list[pa.Table]) -> pa.Table | None:
    """The withdrawn keys of a batch's chunks as one table (None when there are none)."""
    found = [p for p in parts if p.num_rows]
    return pa.concat_tables(found) if found else None
