"""Write canonical interaction rows straight into a workspace lake (tests only)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from fairshore.adapters.lake.upgrade import upgrade_lake
from fairshore.bootstrap import Workspace
from fairshore.engagements import services as engagements
from fairshore.interactions.schema import INTERACTIONS

SEGMENTS = ("seg_region", "seg_tier")
_ARROW = {
    "string": pa.string(),
    "timestamp": pa.timestamp("us", tz="UTC"),
    "date": pa.date32(),
    "float": pa.float64(),
    "int": pa.int64(),
    "bool": pa.bool_(),
}
T0 = datetime(2026, 7, 1, 9, 0, tzinfo=UTC)


def at(seconds: float, base: datetime = T0) -> datetime:
    return base + timedelta(seconds=seconds)


def add_engagement(
    ws: Workspace, engagement_id: str = "eng-a", vendor_id: str = "vend-a", **extra: Any
) -> None:
    if not any(v.id == vendor_id for v in engagements.list_vendors(ws)):
        engagements.add_vendor(ws, id=vendor_id, name=vendor_id)
    engagements.add_engagement(
        ws,
        id=engagement_id,
        vendor_id=vendor_id,
        name=engagement_id,
        timezone=extra.pop("timezone", "UTC"),
        channels=["voice", "chat", "email"],
        languages=["en", "es"],
        segment_columns=list(SEGMENTS),
        **extra,
    )


def contact(
    i: int,
    *,
    arrived: datetime = T0,
    wait: float | None = None,
    abandon: float | None = None,
    **values: Any,
) -> dict[str, Any]:
    """One interaction: answered after ``wait`` s, or abandoned after ``abandon`` s."""
    row: dict[str, Any] = {"interaction_id": f"c{i}", "channel": "voice", "arrived_at": arrived}
    if wait is not None:
        row["answered_at"] = arrived + timedelta(seconds=wait)
    if abandon is not None:
        row["abandoned_at"] = arrived + timedelta(seconds=abandon)
    row.update(values)
    return row


def write_rows(
    ws: Workspace, engagement_id: str, rows: Iterable[Mapping[str, Any]], batch: str = "b1"
) -> list[Path]:
    """Write rows (missing columns null) partitioned by UTC month, like ingest does."""
    by_month: dict[str, list[Mapping[str, Any]]] = {}
    for row in rows:
        by_month.setdefault(row["arrived_at"].strftime("%Y-%m"), []).append(row)
    paths = []
    for month, month_rows in by_month.items():
        arrays = {}
        for col in INTERACTIONS.columns:
            default = (
                engagement_id
                if col.name == "engagement_id"
                else batch
                if col.name == "batch_id"
                else None
            )
            arrays[col.name] = pa.array(
                [r.get(col.name, default) for r in month_rows], _ARROW[col.type]
            )
        for seg in SEGMENTS:
            arrays[seg] = pa.array([r.get(seg) for r in month_rows], pa.string())
        folder = ws.lake / "interactions" / f"engagement={engagement_id}" / f"month={month}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{batch}.parquet"
        pq.write_table(pa.table(arrays), path)
        paths.append(path)
    upgrade_lake(ws.lake)
    return paths
