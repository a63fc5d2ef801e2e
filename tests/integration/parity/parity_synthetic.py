"""Synthetic interactions with planted (or no) disparities, written as canonical Parquet."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from fairshore.adapters.lake import empty_schema
from fairshore.adapters.lake.upgrade import upgrade_lake

SEGMENTS = ("seg_region", "seg_tier", "seg_accessibility")


def interactions(
    n: int,
    *,
    seed: int,
    languages: tuple[str, ...] = ("en", "es", "de", "pl"),
    slow_language: str | None = None,
    slow_factor: float = 3.0,
    voice_share: dict[str, float] | None = None,
    engagement_id: str = "telco-krk",
) -> pd.DataFrame:
    """``n`` interactions; ``slow_language`` waits ``slow_factor`` times longer.

    ``voice_share`` gives each language its own share of voice (the rest is chat):
    voice answers slower and less often, so languages differ only through the mix.
    """
    rng = np.random.default_rng(seed)
    lang = rng.choice(languages, size=n)
    share = np.array([(voice_share or {}).get(str(x), 0.5) for x in lang])
    channel = np.where(rng.random(n) < share, "voice", "chat")
    voice = channel == "voice"
    arrived = pd.Timestamp("2026-03-01", tz="UTC") + pd.to_timedelta(
        rng.integers(0, 28 * 86400, size=n), unit="s"
    )
    mean_wait = np.where(voice, 60.0, 20.0) * np.where(lang == slow_language, slow_factor, 1.0)
    wait = rng.exponential(mean_wait)
    patience = rng.exponential(np.where(voice, 240.0, 400.0))
    answered = wait <= patience
    p_fcr = np.where(voice, 0.6, 0.8)
    csat = np.where(rng.random(n) < 0.3, rng.integers(1, 6, size=n).astype(float), np.nan)
    tier = np.where(rng.random(n) < 0.2, "premium", "standard")
    df = pd.DataFrame(
        {
            "interaction_id": [f"i{seed}-{i}" for i in range(n)],
            "engagement_id": engagement_id,
            "site_id": "vistula-krk",
            "channel": channel,
            "queue": np.char.add("q-", lang.astype(str)),
            "language": lang,
            "priority": np.where(tier == "premium", "1", "0"),
            "reason": "billing",
            "customer_ref": [f"c{i % 997}" for i in range(n)],
            "agent_ref": [f"a{i % 53}" for i in range(n)],
            "arrived_at": arrived,
            "answered_at": arrived + pd.to_timedelta(np.where(answered, wait, np.nan), unit="s"),
            "abandoned_at": arrived
            + pd.to_timedelta(np.where(answered, np.nan, patience), unit="s"),
            "ended_at": arrived + pd.to_timedelta(wait + 300, unit="s"),
            "handle_seconds": rng.gamma(4, 75, size=n),
            "resolved_at": pd.NaT,
            "reopened_count": 0,
            "escalated": rng.random(n) < 0.05,
            "transferred": False,
            "first_contact_resolved": np.where(answered, rng.random(n) < p_fcr, None),
            "csat": csat,
            "nps": np.nan,
            "batch_id": f"b{seed}",
            "seg_region": rng.choice(["north", "south"], size=n),
            "seg_tier": tier,
            "seg_accessibility": rng.choice(["none", "hearing"], size=n, p=[0.9, 0.1]),
        }
    )
    df["resolved_at"] = df["ended_at"].where(df["first_contact_resolved"].notna())
    return df


def to_arrow(df: pd.DataFrame) -> pa.Table:
    """``df`` as an Arrow table of the canonical Parquet types."""
    extra = list(SEGMENTS) + [c for c in df.columns if c == "reply_text"]
    schema = empty_schema("interactions", extra).to_pyarrow()
    df = df.assign(first_contact_resolved=df["first_contact_resolved"].astype("boolean"))
    df = df.assign(**{c: None for c in schema.names if c not in df.columns})  # e.g. updated_at
    return pa.Table.from_pandas(df[schema.names], schema=schema, preserve_index=False, safe=False)


def write_lake(lake: Path, df: pd.DataFrame, *, engagement_id: str = "telco-krk") -> Path:
    """Write ``df`` as one canonical Parquet file of the lake."""
    table = to_arrow(df)
    folder = lake / "interactions" / f"engagement={engagement_id}" / "month=2026-03"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "b0.parquet"
    pq.write_table(table, path)
    upgrade_lake(lake)
    return path
