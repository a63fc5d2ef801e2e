"""Access logs: what agents did to customer records while they served them.

Each answered contact yields a view of the customer's record by its agent, often an
update, sometimes a search; exports are rare and small. The planted bulk export is
one event of thousands of records, off-shift, by one agent.
"""

from __future__ import annotations

import zlib
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from fairshore.demo.arrivals import DayPlan
from fairshore.demo.contacts import Batch
from fairshore.demo.model import EngagementScenario
from fairshore.demo.roster import Roster
from fairshore.demo.scenario import (
    BULK_EXPORT_LOCAL,
    RESIDENCY_COUNTRY,
    RESIDENCY_ENGAGEMENT,
    RESIDENCY_MONTH,
    RESIDENCY_NETWORK,
    RESIDENCY_SHARE,
)
from fairshore.demo.workload import queues_of
from fairshore.demo.writers import MonthlyFiles

NAN = float("nan")
ACCESS_CODE = 9


def access_events(
    batch: Batch, *, source: str, site_id: str, country: str, rng: np.random.Generator
) -> Batch:
    """The record accesses that a day's answered contacts of one channel caused, each from
    the site (its network label, site id and country) where the agent works."""
    answered = ~np.isnan(batch["answered_at"])
    ids = batch["interaction_id"][answered]
    agents = batch["agent_ref"][answered]
    customers = batch["customer_ref"][answered]
    start = batch["answered_at"][answered]
    end = np.where(np.isnan(batch["ended_at"][answered]), start, batch["ended_at"][answered])
    n = ids.size
    parts: list[Batch] = []

    def add(
        action: str,
        mask: npt.NDArray[np.bool_],
        at: npt.NDArray[np.float64],
        count: npt.NDArray[np.int64],
    ) -> None:
        parts.append(
            {
                "event_id": (ids[mask] + f"-{action[0]}").astype(object),
                "agent_ref": agents[mask],
                "at": np.round(at[mask]),
                "action": np.full(int(mask.sum()), action, dtype=object),
                "record_ref": customers[mask],
                "records_count": count[mask],
            }
        )

    ones = np.ones(n, dtype=np.int64)
    add("view", np.ones(n, dtype=np.bool_), start + rng.uniform(3, 40, n), ones)
    add("search", rng.random(n) < 0.15, start + rng.uniform(1, 20, n), rng.integers(1, 25, n))
    add("update", rng.random(n) < 0.3, np.maximum(end - rng.uniform(0, 30, n), start), ones)
    add("export", rng.random(n) < 0.0008, end, rng.integers(1, 6, n))
    events = {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}
    events["source"] = np.full(events["at"].size, source, dtype=object)
    events["site_id"] = np.full(events["at"].size, site_id, dtype=object)
    events["country"] = np.full(events["at"].size, country, dtype=object)
    order = np.argsort(events["at"], kind="stable")
    return {k: v[order] for k, v in events.items()}


def bulk_export(
    *, agent_ref: str, at: float, records: int, event_id: str, source: str, country: str
) -> Batch:
    """The planted event: one agent exports thousands of records at once, from a remote
    network in the site's country (no site)."""
    one: dict[str, Any] = {
        "event_id": [event_id],
        "agent_ref": [agent_ref],
        "at": [at],
        "action": ["export"],
        "record_ref": [None],
        "records_count": [records],
        "source": [source],
        "site_id": [None],
        "country": [country],
    }
    return {
        k: np.array(
            v, dtype=np.float64 if k == "at" else (np.int64 if k == "records_count" else object)
        )
        for k, v in one.items()
    }


def work_from(events: Batch, agents: set[str], *, source: str, country: str) -> tuple[Batch, int]:
    """``events`` with those of ``agents`` made from a remote network in ``country`` (no
    site), and how many they are."""
    moved = np.isin(events["agent_ref"], list(agents))
    out = dict(events)
    for column, value in (("source", source), ("site_id", None), ("country", country)):
        out[column] = events[column].copy()
        out[column][moved] = value
    return out, int(moved.sum())


def merge(a: Batch, b: Batch) -> Batch:
    """Two event batches as one, in time order."""
    events = {k: np.concatenate([a[k], b[k]]) for k in a}
    order = np.argsort(events["at"], kind="stable")
    return {k: v[order] for k, v in events.items()}


class AccessLog:
    """One engagement's access log, written a month at a time, with its planted events:
    the bulk export (telco-mnl) and the accesses from abroad (the residency breach)."""

    def __init__(
        self, eng: EngagementScenario, roster: Roster, *, out: Path, seed: int, index: int
    ) -> None:
        self.eng, self.roster, self.seed, self.index = eng, roster, seed, index
        self.files = MonthlyFiles(
            out, f"{eng.id}/access/access-events-{{month}}.csv", table="access_events", fmt="csv"
        )
        self.bulk: dict[str, Any] | None = None
        self.abroad: dict[str, Any] = {"events": 0, "agents": set(), "month": RESIDENCY_MONTH}

    def day(self, plan: DayPlan, batches: dict[str, Batch]) -> int:
        """Write the accesses a day's contacts caused; return how many."""
        rng = np.random.default_rng([self.seed, self.index, ACCESS_CODE, plan.index])
        site = self.eng.site
        country = site.country_iso2 or ""
        events = [
            access_events(b, source=site.id, site_id=site.id, country=country, rng=rng)
            for b in batches.values()
            if b["arrived_at"].size
        ]
        if not events:
            return 0
        merged = events[0]
        for more in events[1:]:
            merged = merge(merged, more)
        if self.eng.id == "telco-mnl" and plan.day.isoformat() == BULK_EXPORT_LOCAL[:10]:
            merged = merge(merged, self._bulk_export(plan, rng))
        if self.eng.id == RESIDENCY_ENGAGEMENT and plan.month == RESIDENCY_MONTH:
            merged = self._from_abroad(merged)
        merged["engagement_id"] = np.full(merged["at"].size, self.eng.id, dtype=object)
        self.files.write(plan.month, merged)
        return int(merged["at"].size)

    def close(self) -> list[str]:
        """Close the month's file; the paths written."""
        return self.files.close()

    def _from_abroad(self, events: Batch) -> Batch:
        """One agent in ``RESIDENCY_SHARE`` (by a hash of the ref: the same agents every
        day) works from a remote network abroad."""
        agents = {
            str(a)
            for a in np.unique(events["agent_ref"])
            if zlib.crc32(str(a).encode()) % RESIDENCY_SHARE == 0
        }
        moved, n = work_from(events, agents, source=RESIDENCY_NETWORK, country=RESIDENCY_COUNTRY)
        self.abroad["events"] += n
        self.abroad["agents"] |= agents
        return moved

    def _bulk_export(self, plan: DayPlan, rng: np.random.Generator) -> Batch:
        active = self.roster.active(plan.index, next(iter(queues_of(self.eng))))
        agent = self.roster.refs[int(active[int(rng.integers(0, active.size))])]
        local = datetime.fromisoformat(BULK_EXPORT_LOCAL)
        at = plan.midnight_epoch + local.hour * 3600 + local.minute * 60
        records = int(rng.integers(4000, 6000))
        event_id = f"X{plan.day.strftime('%Y%m%d')}0001"
        self.bulk = {
            "engagement_id": self.eng.id,
            "agent_ref": agent,
            "at": at,
            "records_count": records,
            "event_id": event_id,
            "local": BULK_EXPORT_LOCAL,
            "timezone": self.eng.timezone,
        }
        return bulk_export(
            agent_ref=agent,
            at=at,
            records=records,
            event_id=event_id,
            source="vpn-remote",
            country=self.eng.site.country_iso2 or "",
        )
