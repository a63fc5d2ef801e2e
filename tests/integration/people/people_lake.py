"""Hand-made rosters written as Parquet into a workspace lake, as ingest would."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from fairshore.adapters.lake.upgrade import upgrade_lake
from fairshore.bootstrap import Workspace
from fairshore.engagements import services as eng
from fairshore.interactions.schema import TABLES

ARROW = {
    "string": pa.string(),
    "timestamp": pa.timestamp("us", tz="UTC"),
    "date": pa.date32(),
    "float": pa.float64(),
    "int": pa.int64(),
    "bool": pa.bool_(),
}
Writer = Callable[[str, str, list[dict[str, Any]]], None]


def _month_of(table: str, row: dict[str, Any]) -> str:
    value = row[TABLES[table].time_column]
    return f"{value:%Y-%m}"


def write_rows(lake: Path, table: str, engagement_id: str, rows: list[dict[str, Any]]) -> None:
    """Write canonical rows to the lake, one file per month partition."""
    spec = TABLES[table]
    by_month: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        full = {c: row.get(c) for c in spec.names}
        full["engagement_id"] = engagement_id
        full["batch_id"] = full["batch_id"] or "test"
        by_month.setdefault(_month_of(table, full), []).append(full)
    schema = pa.schema([(c.name, ARROW[c.type]) for c in spec.columns])
    for month, part in by_month.items():
        folder = lake / table / f"engagement={engagement_id}" / f"month={month}"
        folder.mkdir(parents=True, exist_ok=True)
        n = len(list(folder.glob("*.parquet")))
        pq.write_table(pa.Table.from_pylist(part, schema=schema), folder / f"b{n}.parquet")
    upgrade_lake(lake)


def setup_engagement(
    ws: Workspace,
    engagement_id: str = "eng",
    *,
    sites: tuple[tuple[str, str, str, str], ...] = (
        ("site-mnl", "Manila (Metro Manila)", "PH", "PHP"),
    ),
) -> None:
    """A vendor, its sites (id, location, country, currency) and one engagement."""
    eng.add_vendor(ws, id="vend", name="Vendor")
    for site_id, location, country, currency in sites:
        eng.add_site(
            ws, id=site_id, vendor_id="vend", name=site_id, location=location,
            country_iso2=country, timezone="UTC", currency=currency,
        )  # fmt: skip
    eng.add_engagement(
        ws, id=engagement_id, vendor_id="vend", name="E", timezone="UTC",
        channels=["voice"], languages=["en"], site_ids=[s[0] for s in sites],
    )  # fmt: skip


def agent(ref: str, hired: date, left: date | None = None, **extra: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "agent_ref": ref, "hired_on": hired, "left_on": left, "site_id": "site-mnl",
        "role": "agent", "employment_type": "employee", "supervisor_ref": "sup1",
    }  # fmt: skip
    row.update(extra)
    return row


def month_row(ref: str, month: date, **extra: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "agent_ref": ref, "month": month, "scheduled_hours": 174.0, "paid_hours": 174.0,
        "logged_in_hours": 150.0, "overtime_hours": 0.0, "days_off": 8,
        "max_weekly_hours": 40.0, "training_hours": 4.0, "sick_days": 0.0,
        "gross_pay": 40000.0, "currency": "PHP",
    }  # fmt: skip
    row.update(extra)
    return row


def call(at: datetime, handle_s: float, n: int = 0) -> dict[str, Any]:
    return {
        "interaction_id": f"i{at:%Y%m%d%H%M%S}-{n}", "channel": "voice",
        "arrived_at": at.replace(tzinfo=UTC), "answered_at": at.replace(tzinfo=UTC),
        "handle_seconds": handle_s,
    }  # fmt: skip
