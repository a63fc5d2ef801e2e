"""Helpers of the ingest tests: the test engagement, file writers, lake readers."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq

from fairshore.adapters.lake import Lake
from fairshore.bootstrap import Workspace
from fairshore.engagements import services as entities

ENGAGEMENT = "telco-krk"


def add_engagement(ws: Workspace, engagement_id: str = ENGAGEMENT) -> None:
    """A vendor with one site and an engagement in Kraków (Europe/Warsaw)."""
    if not entities.list_vendors(ws):
        entities.add_vendor(ws, id="vistula", name="Vistula")
        entities.add_site(
            ws,
            id="vistula-krk",
            vendor_id="vistula",
            name="Kraków",
            location="Kraków",
            country_iso2="PL",
            timezone="Europe/Warsaw",
            currency="PLN",
        )
    entities.add_engagement(
        ws,
        id=engagement_id,
        vendor_id="vistula",
        name="Telco Kraków",
        timezone="Europe/Warsaw",
        channels=["voice", "chat", "email"],
        languages=["en", "es", "de", "pl"],
        segment_columns=["seg_region", "seg_tier"],
        site_ids=["vistula-krk"],
    )


def write(folder: Path, name: str, content: str | bytes) -> Path:
    """Write a test file (text as UTF-8)."""
    path = folder / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def lake_rows(ws: Workspace, table: str = "interactions") -> list[dict[str, object]]:
    """Every published row of a table, sorted by key."""
    rows: list[dict[str, object]] = []
    for path in Lake(ws.lake).files(table):
        rows.extend(pq.read_table(path).to_pylist())
    key = {"interactions": "interaction_id", "access_events": "event_id"}.get(table, "agent_ref")
    return sorted(rows, key=lambda r: str(r[key]))


def nothing_written(ws: Workspace) -> bool:
    """No lake file, no quarantine, no raw file, no staging left."""
    lake = [p for p in ws.lake.rglob("*") if p.is_file()]
    quarantine = list(ws.folder("quarantine").iterdir())
    raw = list(ws.folder("raw").iterdir())
    return not lake and not quarantine and not raw
