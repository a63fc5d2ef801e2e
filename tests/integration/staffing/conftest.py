"""A small lake for one engagement: a well-staffed June and an understaffed July."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from fairshore.adapters.lake.upgrade import upgrade_lake
from fairshore.bootstrap import Workspace
from fairshore.interactions.schema import TABLES

ARROW = {
    "string": pa.string(),
    "timestamp": pa.timestamp("us", tz="UTC"),
    "date": pa.date32(),
    "float": pa.float64(),
    "int": pa.int64(),
    "bool": pa.bool_(),
}
ENGAGEMENT = "telco-test"


def write_table(lake: Path, table: str, month: str, rows: dict[str, list[object]]) -> None:
    spec = TABLES[table]
    n = len(next(iter(rows.values())))
    arrays = {
        c.name: pa.array(rows.get(c.name, [None] * n), type=ARROW[c.type]) for c in spec.columns
    }
    folder = lake / table / f"engagement={ENGAGEMENT}" / f"month={month}"
    folder.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.table(arrays), folder / "batch-1.parquet")
    upgrade_lake(lake)


def _month(
    lake: Path, start: date, agents: int, logged_hours: float, seed: int, reporting: int = 0
) -> None:
    """A month of calls; ``reporting`` agents (default all) have logged-in hours reported."""
    rng = np.random.default_rng(seed)
    arrived, answered, agent_ref, ids = [], [], [], []
    for day in range(10):
        for hour in range(8, 20):
            base = datetime(start.year, start.month, start.day, tzinfo=UTC) + timedelta(
                days=day, hours=hour
            )
            for k in range(100):
                t = base + timedelta(seconds=float(rng.uniform(0, 3599)))
                arrived.append(t)
                wait = float(rng.exponential(6 if agents > 9 else 90))
                answered.append(t + timedelta(seconds=wait))
                agent_ref.append(f"a{rng.integers(agents)}")
                ids.append(f"{start:%Y%m}-{day}-{hour}-{k}")
    n = len(ids)
    month = f"{start:%Y-%m}"
    write_table(
        lake,
        "interactions",
        month,
        {
            "interaction_id": ids,
            "engagement_id": [ENGAGEMENT] * n,
            "channel": ["voice"] * n,
            "arrived_at": arrived,
            "answered_at": answered,
            "handle_seconds": [300.0] * n,
            "agent_ref": agent_ref,
            "batch_id": ["b1"] * n,
        },
    )
    shown = reporting or agents
    write_table(
        lake,
        "agent_months",
        month,
        {
            "agent_ref": [f"a{i}" for i in range(shown)],
            "engagement_id": [ENGAGEMENT] * shown,
            "month": [start] * shown,
            "logged_in_hours": [logged_hours / agents] * shown,
            "batch_id": ["b1"] * shown,
        },
    )


def write_staffed_lake(workspace: Workspace) -> Workspace:
    """June: 13 agents for 8.33 Erlangs (occupancy 64 %); July: 8.8 (occupancy 95 %)."""
    _month(workspace.lake, date(2026, 6, 1), agents=13, logged_hours=13 * 120.0, seed=1)
    _month(workspace.lake, date(2026, 7, 1), agents=9, logged_hours=8.8 * 120.0, seed=2)
    return workspace


@pytest.fixture
def staffed_lake(workspace: Workspace) -> Workspace:
    """A workspace whose lake holds the staffed June and understaffed July."""
    return write_staffed_lake(workspace)
