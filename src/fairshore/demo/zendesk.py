"""Zendesk as vendors export it: incremental ticket pages, ticket metrics, Talk calls.

Language and segments travel in ticket ``custom_fields`` (ids in ``CUSTOM_FIELDS``,
written to ``zendesk-fields.yaml`` for ingest), handle time in the Time Tracking
app's "total time spent (sec)" field. Satisfaction uses the legacy good/bad score
(good when the 1-5 answer was 4 or 5), as an object or, in a few old tickets, a
plain string. Missed chats are closed tickets tagged ``zopim_chat_missed`` with no
assignee and no reply; their ``updated_at`` is when the visitor left.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import orjson

from fairshore.demo.contacts import Batch
from fairshore.demo.queueing import BusinessClock
from fairshore.demo.writers import iso_utc

PAGE_SIZE = 1000
BASE_URL = "https://telco-care.zendesk.com/api/v2"
CUSTOM_FIELDS = {
    360000000001: "language",
    360000000002: "seg_region",
    360000000003: "seg_tier",
    360000000004: "seg_accessibility",
    360000000005: "handle_seconds",
}
GROUPS = {"chat": 360000100002, "email": 360000100003, "voice": 360000100001}
SUBJECTS = {
    "billing": "Question about my bill",
    "technical": "No signal / data not working",
    "plan_change": "Change my plan",
    "device": "Problem with my phone",
    "cancellation": "Cancel my contract",
    "roaming": "Roaming charges abroad",
}


def mapping_yaml() -> str:
    """The ``--mapping`` file for a Zendesk ingest: custom field id -> canonical column."""
    lines = [
        "# Zendesk custom field id -> canonical column (Fairshore demo, telco-blr)",
        "custom_fields:",
    ]
    lines += [f"  {fid}: {col}" for fid, col in CUSTOM_FIELDS.items()]
    return "\n".join(lines) + "\n"


def _minutes(seconds: npt.NDArray[np.float64], ok: npt.NDArray[np.bool_]) -> npt.NDArray[Any]:
    """Whole minutes (Zendesk metrics are in minutes), None where not ``ok``."""
    out = np.full(seconds.size, None, dtype=object)
    good = ok & ~np.isnan(seconds)
    out[good] = np.maximum(np.round(seconds[good] / 60), 0).astype(np.int64).tolist()
    return out


class PagedJson:
    """Writes pages of at most ``PAGE_SIZE`` items; the last says ``end_of_stream``."""

    def __init__(self, out: Path, folder: str, name: str, key: str) -> None:
        self.out, self.folder, self.name, self.key = out, folder, name, key
        self.items: list[dict[str, Any]] = []
        self.pending: list[dict[str, Any]] | None = None
        self.paths: list[str] = []

    def extend(self, items: list[dict[str, Any]]) -> None:
        self.items.extend(items)
        while len(self.items) >= PAGE_SIZE:
            page, self.items = self.items[:PAGE_SIZE], self.items[PAGE_SIZE:]
            self._push(page)

    def _push(self, page: list[dict[str, Any]]) -> None:
        if self.pending is not None:
            self._write(self.pending, last=False)
        self.pending = page

    def _write(self, items: list[dict[str, Any]], *, last: bool) -> None:
        number = len(self.paths) + 1
        rel = f"{self.folder}/{self.name}-{number:05d}.json"
        cursor = f"{self.name}-{number + 1:05d}"
        url = f"{BASE_URL}/incremental/{self.name}/cursor.json?cursor={cursor}"
        page: dict[str, Any] = {self.key: items}
        if self.key != "ticket_metrics":
            page.update(
                {
                    "next_page": None if last else url,
                    "after_url": None if last else url,
                    "after_cursor": None if last else cursor,
                    "before_cursor": None,
                    "count": len(items),
                    "end_of_stream": last,
                }
            )
        path = self.out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(orjson.dumps(page))
        self.paths.append(rel)

    def close(self) -> list[str]:
        if self.items:
            self._push(self.items)
            self.items = []
        if self.pending is not None:
            self._write(self.pending, last=True)
            self.pending = None
        return self.paths


class ZendeskTickets:
    """Chat and e-mail contacts as incremental ticket pages plus ticket metrics pages."""

    def __init__(self, out: Path, folder: str, clock: BusinessClock) -> None:
        self.tickets = PagedJson(out, folder, "tickets", "tickets")
        self.metrics = PagedJson(out, folder, "ticket_metrics", "ticket_metrics")
        self.clock = clock

    def write(self, month: str, data: Batch) -> None:
        if data["arrived_at"].size == 0:
            return
        tickets, metrics = [], []
        rows = _rows(data, self.clock)
        for row in rows:
            tickets.append(_ticket(row))
            metrics.append(_metrics(row))
        self.tickets.extend(tickets)
        self.metrics.extend(metrics)

    def close(self) -> list[str]:
        return self.tickets.close() + self.metrics.close()


def _rows(data: Batch, clock: BusinessClock) -> list[dict[str, Any]]:
    d = dict(data)
    last = np.fmax(np.fmax(d["resolved_at"], d["answered_at"]), d["abandoned_at"])
    d["_updated"] = np.where(np.isnan(last), d["arrived_at"], last)
    for col in ("arrived_at", "answered_at", "abandoned_at", "resolved_at", "_updated"):
        d[col + "_iso"] = iso_utc(d[col])
    b_arrived = clock.to_business(d["arrived_at"])
    answered = ~np.isnan(d["answered_at"])
    resolved = ~np.isnan(d["resolved_at"])
    reply_b = clock.to_business(np.nan_to_num(d["answered_at"])) - b_arrived
    resolve_b = clock.to_business(np.nan_to_num(d["resolved_at"])) - b_arrived
    d["_reply_cal"] = _minutes(d["answered_at"] - d["arrived_at"], answered)
    d["_reply_bus"] = _minutes(reply_b, answered)
    d["_resolve_cal"] = _minutes(d["resolved_at"] - d["arrived_at"], resolved)
    d["_resolve_bus"] = _minutes(resolve_b, resolved)
    keys = list(d)
    columns = [d[k].tolist() for k in keys]
    return [dict(zip(keys, values, strict=True)) for values in zip(*columns, strict=True)]


def _satisfaction(row: dict[str, Any]) -> dict[str, Any] | str:
    csat = row["csat"]
    if not math.isnan(csat):
        return {
            "id": row["_id"] * 10 + 1,
            "score": "good" if csat >= 4 else "bad",
            "comment": None,
            "reason": None,
        }
    if row["_csat_offered"]:
        return {"score": "offered"}
    return "unoffered" if row["_id"] % 17 == 0 else {"score": "unoffered"}


def _ticket(row: dict[str, Any]) -> dict[str, Any]:
    channel = row["channel"]
    missed = row["answered_at_iso"] is None
    tags = [row["reason"], f"lang_{row['language']}"]
    if channel == "chat":
        tags.append("zopim_chat_missed" if missed else "zopim_chat")
    if row["escalated"]:
        tags.append("escalated")
    resolved = row["resolved_at_iso"] is not None
    status = "closed" if missed or resolved else ("open" if row["_id"] % 3 else "pending")
    handle = row["handle_seconds"]
    return {
        "id": row["_id"],
        "url": f"{BASE_URL}/tickets/{row['_id']}.json",
        "external_id": None,
        "created_at": row["arrived_at_iso"],
        "updated_at": row["_updated_iso"],
        "generated_timestamp": int(row["_updated"]),
        "type": "problem" if row["reason"] == "technical" else "question",
        "subject": SUBJECTS[row["reason"]],
        "priority": row["priority"],
        "status": status,
        "requester_id": row["_customer"],
        "submitter_id": row["_customer"],
        "assignee_id": None if row["agent_ref"] is None else int(row["agent_ref"]),
        "organization_id": None,
        "group_id": GROUPS[channel],
        "brand_id": 360000000100,
        "ticket_form_id": 360000000200,
        "tags": tags,
        "custom_fields": [
            {"id": 360000000001, "value": row["language"]},
            {"id": 360000000002, "value": row["seg_region"]},
            {"id": 360000000003, "value": row["seg_tier"]},
            {"id": 360000000004, "value": row["seg_accessibility"]},
            {"id": 360000000005, "value": None if math.isnan(handle) else int(handle)},
        ],
        "via": {"channel": channel, "source": {"from": {}, "to": {}, "rel": None}},
        "satisfaction_rating": _satisfaction(row),
    }


def _metrics(row: dict[str, Any]) -> dict[str, Any]:
    answered = row["answered_at_iso"] is not None
    reply = {"calendar": row["_reply_cal"], "business": row["_reply_bus"]}
    resolution = {"calendar": row["_resolve_cal"], "business": row["_resolve_bus"]}
    zero = {"calendar": 0, "business": 0} if answered else {"calendar": None, "business": None}
    stations = 1 + int(row["transferred"])
    metric_id = row["_id"] + 7 * 10**12
    return {
        "id": metric_id,
        "ticket_id": row["_id"],
        "url": f"{BASE_URL}/ticket_metrics/{metric_id}.json",
        "created_at": row["arrived_at_iso"],
        "updated_at": row["_updated_iso"],
        "group_stations": stations if answered else 1,
        "assignee_stations": stations if answered else 0,
        "reopens": row["reopened_count"],
        "replies": (1 + row["_id"] % 3) if answered else 0,
        "assigned_at": row["answered_at_iso"],
        "initially_assigned_at": row["answered_at_iso"],
        "solved_at": row["resolved_at_iso"],
        "status_updated_at": row["_updated_iso"],
        "latest_comment_added_at": row["_updated_iso"],
        "reply_time_in_minutes": reply,
        "first_resolution_time_in_minutes": resolution,
        "full_resolution_time_in_minutes": dict(resolution),
        "agent_wait_time_in_minutes": zero,
        "requester_wait_time_in_minutes": dict(reply),
        "on_hold_time_in_minutes": {"calendar": 0, "business": 0},
    }


class ZendeskCalls:
    """Voice contacts as Zendesk Talk incremental call pages."""

    def __init__(self, out: Path, folder: str, languages: dict[str, str]) -> None:
        self.calls = PagedJson(out, folder, "calls", "calls")
        self.languages = languages

    def write(self, month: str, data: Batch) -> None:
        if data["arrived_at"].size == 0:
            return
        d = dict(data)
        d["_created_iso"] = iso_utc(d["arrived_at"])
        end = np.where(np.isnan(d["answered_at"]), d["abandoned_at"], d["ended_at"] + d["_wrap"])
        d["_updated_iso"] = iso_utc(end)
        keys = [
            "_id",
            "_created_iso",
            "_updated_iso",
            "agent_ref",
            "_customer",
            "_wait",
            "_talk",
            "_hold",
            "_wrap",
            "_ivr",
            "language",
            "answered_at",
            "seg_region",
            "seg_tier",
            "seg_accessibility",
        ]
        calls = []
        for row in zip(*(d[k].tolist() for k in keys), strict=True):
            r = dict(zip(keys, row, strict=True))
            answered = not math.isnan(r["answered_at"])
            talk = int(r["_talk"]) if answered else 0
            hold = int(r["_hold"]) if answered else 0
            calls.append(
                {
                    "id": r["_id"],
                    "created_at": r["_created_iso"],
                    "updated_at": r["_updated_iso"],
                    "agent_id": int(r["agent_ref"]) if answered else None,
                    "customer_id": r["_customer"],
                    "ticket_id": None,
                    "direction": "inbound",
                    "phone_number_id": 360000000300,
                    "phone_number": "+918000407000",
                    "wait_time": int(r["_wait"]),
                    "time_to_answer": int(r["_wait"]) if answered else None,
                    "talk_time": talk,
                    "hold_time": hold,
                    "wrap_up_time": int(r["_wrap"]) if answered else 0,
                    "duration": int(r["_wait"]) + talk + hold,
                    "completion_status": "completed" if answered else "abandoned_in_queue",
                    "exceeded_queue_wait_time": False,
                    "overflowed": False,
                    "overflowed_to": None,
                    "callback": False,
                    "callback_source": None,
                    "voicemail": False,
                    "outside_business_hours": False,
                    "ivr_time_spent": int(r["_ivr"]),
                    "ivr_hops": 1,
                    "ivr_action": "group",
                    "ivr_destination_group_name": self.languages[r["language"]],
                    "default_group": False,
                    "minutes_billed": math.ceil((int(r["_wait"]) + talk + hold) / 60),
                    "quality_issues": [],
                    "group_id": GROUPS["voice"],
                    # The vendor enriches its export with the caller's profile.
                    "language": r["language"],
                    "seg_region": r["seg_region"],
                    "seg_tier": r["seg_tier"],
                    "seg_accessibility": r["seg_accessibility"],
                }
            )
        self.calls.extend(calls)

    def close(self) -> list[str]:
        return self.calls.close()
