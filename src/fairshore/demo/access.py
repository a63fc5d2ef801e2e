"""Access logs: what agents did to customer records while they served them.

Each answered contact yields a view of the customer's record by its agent, often an
update, sometimes a search; exports are rare and small. The planted bulk export is
one event of thousands of records, off-shift, by one agent.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from fairshore.demo.contacts import Batch

NAN = float("nan")


def access_events(batch: Batch, *, source: str, rng: np.random.Generator) -> Batch:
    """The record accesses that a day's answered contacts of one channel caused."""
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
    order = np.argsort(events["at"], kind="stable")
    return {k: v[order] for k, v in events.items()}


def bulk_export(*, agent_ref: str, at: float, records: int, event_id: str, source: str) -> Batch:
    """The planted event: one agent exports thousands of records at once."""
    one: dict[str, Any] = {
        "event_id": [event_id],
        "agent_ref": [agent_ref],
        "at": [at],
        "action": ["export"],
        "record_ref": [None],
        "records_count": [records],
        "source": [source],
    }
    return {
        k: np.array(
            v, dtype=np.float64 if k == "at" else (np.int64 if k == "records_count" else object)
        )
        for k, v in one.items()
    }


def merge(a: Batch, b: Batch) -> Batch:
    """Two event batches as one, in time order."""
    events = {k: np.concatenate([a[k], b[k]]) for k in a}
    order = np.argsort(events["at"], kind="stable")
    return {k: v[order] for k, v in events.items()}
