"""A batch sent again after it was published: what each of its rows would do now.

Batches are named by their content, so the same files sent again are the same batch and
are never published twice. The report still says what their rows are against the lake
of today, as the issue's versions rule reads: a row the lake holds as it is is
``unchanged``; any other is ``stale`` (a later batch replaced it, or a retraction withdrew
it: the batch is older than both). Nothing is written to the lake.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path

import pyarrow.parquet as pq

from fairshore.adapters.lake import versions
from fairshore.adapters.lake.delta import StagedFile
from fairshore.bootstrap import Workspace
from fairshore.engagements.model import Engagement
from fairshore.errors import IngestError
from fairshore.interactions.model import BatchReport, ReadContext
from fairshore.interactions.reading import Tally, batch_validator
from fairshore.interactions.schema import TableSchema


def weigh_resend(
    ws: Workspace,
    spec: TableSchema,
    files: Sequence[Path],
    ctx: ReadContext,
    *,
    fmt: str,
    engagement: Engagement,
    previous: BatchReport,
) -> BatchReport:
    """The ``duplicate`` report of a published batch sent again, its accepted rows
    counted ``unchanged`` or ``stale`` against the current lake."""
    validator = batch_validator(spec, ctx, batch_id=previous.batch_id, engagement=engagement)
    tally = Tally()
    withdrawn = 0
    ws.home.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".resend-", dir=ws.home) as tmp:
        path = Path(tmp) / "rows.parquet"
        try:
            with pq.ParquetWriter(path, validator.schema) as out:
                for chunk in ws.registries.formats.get(fmt, spec.name).read(list(files), ctx):
                    checked = validator.check(chunk)
                    out.write_table(checked.accepted)
                    tally.add(checked, spec.time_column)
                    withdrawn += checked.withdrawn.num_rows
        except (IngestError, UnicodeDecodeError, RecursionError):
            return previous  # it was read once: the stored report stands
        rows = tally.accepted - withdrawn
        counts = versions.resend_outcomes(
            ws.lake,
            table=spec.name,
            key=validator.key,
            engagement_id=ctx.engagement_id,
            schema=validator.schema,
            staged=[StagedFile(path, "", rows)] if rows else [],
        )
    counts["unchanged"] += withdrawn  # a withdrawal again withdraws nothing more
    return previous.model_copy(
        update={
            "rows_read": tally.read,
            "rows_accepted": tally.accepted,
            "rows_quarantined": tally.quarantined,
            "table_version": None,
            **{f"rows_{name}": n for name, n in counts.items()},
        }
    )
