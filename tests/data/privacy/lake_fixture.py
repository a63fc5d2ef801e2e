"""Builders for privacy tests: an engagement, a constructed access log, lake files."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from fairshore.adapters.lake import empty_schema
from fairshore.adapters.lake.upgrade import upgrade_lake
from fairshore.bootstrap import Workspace
from fairshore.engagements import services as eng_services

ENGAGEMENT = "telco-mnl"
TZ = "Asia/Manila"
EXPORTER = "agent-x"
EXPORT_AT_LOCAL = datetime(2026, 9, 14, 2, 10)


def make_engagement(ws: Workspace, engagement_id: str = ENGAGEMENT, tz: str = TZ) -> None:
    eng_services.add_vendor(ws, id="northwind", name="Northwind BPO", country_iso2="PH")
    eng_services.add_site(
        ws,
        id="northwind-mnl",
        vendor_id="northwind",
        name="Manila",
        location="Manila",
        country_iso2="PH",
        timezone=tz,
        currency="PHP",
    )
    eng_services.add_engagement(
        ws,
        id=engagement_id,
        vendor_id="northwind",
        name="Telco Manila",
        timezone=tz,
        channels=["voice", "chat", "email"],
        languages=["en"],
        site_ids=["northwind-mnl"],
        segment_columns=["seg_region", "seg_tier", "seg_accessibility"],
    )


def access_log(
    *, n_agents: int = 40, days: int = 45, seed: int = 7, exporter: str | None = EXPORTER
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A month and a half of normal access by ``n_agents`` plus one bulk export.

    Half the floor works days (09-18 local), half nights (21-06, a US-facing BPO
    pattern); each agent views the records of customers it serves, searches now and
    then and exports small lists rarely. ``exporter`` works days like the others but
    on 2026-09-14 at 02:10 local exports 5,000 records.
    Returns (access_events, interactions[agent_ref, customer_ref]).
    """
    rng = np.random.default_rng(seed)
    tz = ZoneInfo(TZ)
    start = pd.Timestamp(datetime(2026, 8, 10), tz=tz)
    agents = [f"agent-{i:03d}" for i in range(n_agents)] + ([exporter] if exporter else [])
    frames: list[pd.DataFrame] = []
    handled: list[pd.DataFrame] = []
    for a_i, agent in enumerate(agents):
        night = a_i % 2 == 1 and agent != exporter
        customers = np.array([f"cust-{a_i:03d}-{k:04d}" for k in range(400)])
        handled.append(pd.DataFrame({"agent_ref": agent, "customer_ref": customers}))
        day_idx = np.arange(days)
        weekdays = np.array([(start + pd.Timedelta(days=int(d))).weekday() for d in day_idx])
        worked = day_idx if night else day_idx[weekdays < 5]
        per_day = rng.poisson(60, len(worked))
        day_of = np.repeat(worked, per_day)
        n = len(day_of)
        offset_h = (21 + rng.integers(0, 9, n)) if night else (9 + rng.integers(0, 9, n))
        minutes = day_of * 1440 + offset_h * 60 + rng.integers(0, 60, n)
        action = rng.choice(["view", "view", "view", "update", "search"], n)
        record = np.where(
            rng.random(n) < 0.95,
            customers[rng.integers(0, 400, n)],
            np.char.add("cust-x-", rng.integers(0, 10**6, n).astype(str)),
        )
        count = np.where(action == "search", rng.integers(1, 20, n), 1)
        exports = worked[rng.random(len(worked)) < 0.1]
        frames.append(
            pd.DataFrame(
                {
                    "agent_ref": agent,
                    "minutes": minutes,
                    "action": action,
                    "record_ref": record,
                    "records_count": count,
                    "source": "northwind-mnl",
                }
            )
        )
        frames.append(
            pd.DataFrame(
                {
                    "agent_ref": agent,
                    "minutes": exports * 1440 + (23 if night else 15) * 60,
                    "action": "export",
                    "record_ref": None,
                    "records_count": rng.integers(5, 60, len(exports)),
                    "source": "northwind-mnl",
                }
            )
        )
    frame = pd.concat(frames, ignore_index=True)
    frame["at"] = (start + pd.to_timedelta(frame.pop("minutes"), unit="min")).dt.tz_convert(UTC)
    if exporter:
        at = pd.Timestamp(EXPORT_AT_LOCAL, tz=tz).tz_convert(UTC)
        frame.loc[len(frame)] = {
            "agent_ref": exporter,
            "at": at,
            "action": "export",
            "record_ref": None,
            "records_count": 5000,
            "source": "northwind-mnl",
        }
    frame = frame.sort_values("at", kind="stable").reset_index(drop=True)
    frame["event_id"] = [f"ev-{i:07d}" for i in range(len(frame))]
    return frame[
        ["event_id", "agent_ref", "at", "action", "record_ref", "records_count", "source"]
    ], pd.concat(handled, ignore_index=True)


def write_lake(
    ws: Workspace, table: str, engagement_id: str, frame: pd.DataFrame, *, batch: str = "b1"
) -> list[Path]:
    """Write ``frame`` to the lake in canonical layout (every column, one file per month)."""
    schema = empty_schema(
        table, ["seg_region", "seg_tier", "seg_accessibility"] if table == "interactions" else None
    ).to_pyarrow()
    frame = frame.copy()
    frame["engagement_id"] = engagement_id
    frame["batch_id"] = batch
    for name in schema.names:
        if name not in frame.columns:
            frame[name] = None
    time_col = {"interactions": "arrived_at", "access_events": "at"}[table]
    months = pd.to_datetime(frame[time_col], utc=True).dt.strftime("%Y-%m")
    paths = []
    for month, part in frame.groupby(months):
        folder = ws.lake / table / f"engagement={engagement_id}" / f"month={month}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{batch}.parquet"
        pq.write_table(
            pa.Table.from_pandas(part[schema.names], schema=schema, preserve_index=False), path
        )
        paths.append(path)
    upgrade_lake(ws.lake)
    return paths


def interactions_frame(handled: pd.DataFrame, *, n: int = 2000, seed: int = 3) -> pd.DataFrame:
    """Interactions for (agent, customer) pairs, with a free-text-free canonical shape."""
    rng = np.random.default_rng(seed)
    pick = handled.sample(n=min(n, len(handled)), random_state=seed).reset_index(drop=True)
    base = datetime(2026, 9, 1, tzinfo=UTC)
    arrived = [base + timedelta(minutes=int(m)) for m in rng.integers(0, 60 * 24 * 20, len(pick))]
    return pd.DataFrame(
        {
            "interaction_id": [f"i-{i:06d}" for i in range(len(pick))],
            "site_id": "northwind-mnl",
            "channel": rng.choice(["voice", "chat", "email"], len(pick)),
            "queue": "general",
            "language": "en",
            "reason": "billing",
            "customer_ref": pick["customer_ref"],
            "agent_ref": pick["agent_ref"],
            "arrived_at": arrived,
            "handle_seconds": rng.uniform(60, 900, len(pick)),
            "seg_region": rng.choice(["NCR", "Visayas"], len(pick)),
            "seg_tier": "standard",
            "seg_accessibility": "none",
        }
    )
