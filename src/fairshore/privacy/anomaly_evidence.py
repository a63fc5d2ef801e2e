"""The access events behind an access anomaly, event by event, with the batch each came from.

A flag such as "agent-17 exported 5,000 records on 14 September" is one agent's kind
of anomaly on one day. The detector names, as it raises each flag, the events that
raised it (:attr:`AccessAnomalyDetector.rows_`): the one bulk event, the off-shift
events of the day, every event of the spiking shift, the first access of each record
of a customer the agent never served, the first event from a new source. This lists
them, running the detector exactly as the finding was detected (over the period kept
in its evidence as ``detected_over``), so the events listed are the events counted:
their number (or records) is the anomaly's count.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict

from fairshore.errors import InputError
from fairshore.interactions.services import list_batches
from fairshore.metrics.periods import parse_period
from fairshore.privacy.anomaly_services import run_detector
from fairshore.privacy.model import AccessFlag

if TYPE_CHECKING:
    from fairshore.bootstrap import Workspace

FLAG_KINDS = ("bulk_export", "off_shift", "volume_spike", "unhandled_records", "new_source")
# The number of each kind of flag that its events make up: a sum of their records, or a
# count of them (``None``: a count of events, the flag carrying no number of its own).
COUNTS: dict[str, tuple[str, str] | None] = {
    "bulk_export": ("records_count", "records"),
    "off_shift": ("events", "events"),
    "volume_spike": ("events", "events"),
    "unhandled_records": ("unhandled", "events"),
    "new_source": None,
}


class EvidenceAccessEvent(BaseModel):
    """One access event a flag counted, the flags it supports, and where it came from."""

    model_config = ConfigDict(frozen=True)

    event_id: str | None
    at: datetime
    local_hour: int
    action: str | None
    record_ref: str | None
    records_count: float
    source: str
    flags: list[int]  # positions in the sample's ``flags``
    batch_id: str | None
    files: list[str]


class AccessEventSample(BaseModel):
    """A page of the access events behind an agent's anomaly on a day."""

    model_config = ConfigDict(frozen=True)

    engagement_id: str
    kind: str
    agent_ref: str
    day: str
    detected_over: str | None
    flags: list[AccessFlag]  # the flags of this kind for the agent that day (usually one)
    counts: list[float | None]  # each flag's own number of events or records
    count_of: str  # what a count counts: "events" or "records"
    total: int
    rows: list[EvidenceAccessEvent]
    offset: int


def access_events_behind(
    ws: Workspace,
    *,
    engagement_id: str,
    kind: str,
    agent_ref: str,
    day: str,
    detected_over: str | None = None,
    limit: int = 25,
    offset: int = 0,
) -> AccessEventSample:
    """The access events that raised ``agent_ref``'s ``kind`` of anomaly on ``day`` (a
    local day), ``limit`` of them from ``offset`` in time order, as the detector judged
    them over ``detected_over`` (a period; default every event).

    Raises
    ------
    InputError
        When ``kind`` is no kind of flag, or ``day`` or ``detected_over`` is no period.
    """
    if kind not in COUNTS:
        raise InputError(f"no access anomaly {kind!r}: use one of {', '.join(FLAG_KINDS)}")
    if parse_period(day).kind != "day":
        raise InputError(f"{day!r} is not a day: use YYYY-MM-DD, e.g. 2026-09-14")
    over = parse_period(detected_over) if detected_over else None
    detector, _, flags = run_detector(
        ws, engagement_id=engagement_id, period=over, columns=["event_id", "batch_id"]
    )
    mine = [
        (flag, rows)
        for flag, rows in zip(flags, detector.rows_, strict=True)
        if (flag.kind, flag.agent_ref, flag.day) == (kind, agent_ref, day)
    ]
    ev = detector.events_
    used = np.unique(np.concatenate([rows for _, rows in mine])) if mine else np.array([], int)
    page = ev.iloc[used[offset : offset + limit]]  # ``events_`` is in time order
    supports = {int(p): [i for i, (_, rows) in enumerate(mine) if p in rows] for p in page.index}
    files = {b.batch_id: b.files for b in list_batches(ws, engagement_id=engagement_id)}
    counted = COUNTS[kind]
    return AccessEventSample(
        engagement_id=engagement_id,
        kind=kind,
        agent_ref=agent_ref,
        day=day,
        detected_over=over.label if over else None,
        flags=[flag for flag, _ in mine],
        counts=[
            flag.numbers.get(counted[0]) if counted else float(len(rows)) for flag, rows in mine
        ],
        count_of=counted[1] if counted else "events",
        total=len(used),
        rows=[_row(r, supports[p], files) for p, r in zip(page.index, _records(page), strict=True)],
        offset=offset,
    )


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{str(k): v for k, v in r.items()} for r in frame.to_dict("records")]


def _row(r: dict[str, Any], flags: list[int], files: dict[str, list[str]]) -> EvidenceAccessEvent:
    at = pd.Timestamp(r["at"]).to_pydatetime()
    batch = r.get("batch_id")
    batch = None if batch is None or pd.isna(batch) else str(batch)
    return EvidenceAccessEvent(
        event_id=None if pd.isna(r.get("event_id")) else str(r["event_id"]),
        at=at if at.tzinfo else at.replace(tzinfo=UTC),
        local_hour=int(r["hour"]),
        action=None if pd.isna(r.get("action")) else str(r["action"]),
        record_ref=None if pd.isna(r.get("record_ref")) else str(r["record_ref"]),
        records_count=float(r["records_count"]),
        source=str(r["source"]),
        flags=flags,
        batch_id=batch,
        files=files.get(batch, []) if batch else [],
    )
