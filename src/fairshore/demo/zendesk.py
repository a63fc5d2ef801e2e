"""Zendesk as vendors export it: incremental ticket pages, ticket metrics, Talk calls.

Language and segments travel in ticket ``custom_fields`` (ids in ``CUSTOM_FIELDS``,
written to ``zendesk-fields.yaml`` for ingest), handle time in the Time Tracking
app's "total time spent (sec)" field. Satisfaction uses the legacy good/bad score
(good when the 1-5 answer was 4 or 5), as an object or, in a few old tickets, a
plain string; ``via.channel`` is now and then the numeric via id (29 chat, 4 e-mail),
as some exports write it. Missed chats are closed tickets tagged ``zopim_chat_missed`` with no
assignee and no reply; their ``updated_at`` is when the visitor left.

Pages are rendered from JSON tokens computed a column at a time and filled into one
template per record (every value is a number, null, or a string of letters, digits
and ``-:_ /``, so no escaping is needed): several times faster than building a dict
per record.
"""

from __future__ import annotations

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


Tokens = npt.NDArray[Any]


def _null_or(mask: npt.NDArray[np.bool_], tokens: Tokens) -> Tokens:
    out = np.full(mask.size, "null", dtype=object)
    out[mask] = tokens[mask]
    return out


def _ints(values: npt.NDArray[Any]) -> Tokens:
    return np.asarray(np.nan_to_num(values).astype(np.int64).astype(str), dtype=object)


def _nullable_ints(values: npt.NDArray[np.float64]) -> Tokens:
    return _null_or(~np.isnan(values), _ints(values))


def _strings(values: npt.NDArray[Any]) -> Tokens:
    present = np.array([v is not None for v in values.tolist()], dtype=np.bool_)
    out = np.full(values.size, "null", dtype=object)
    out[present] = '"' + values[present].astype(object) + '"'
    return out


def _numeric_ids(values: npt.NDArray[Any]) -> Tokens:
    """Numeric ids held as strings (Zendesk user ids), unquoted; null when absent."""
    present = np.array([v is not None for v in values.tolist()], dtype=np.bool_)
    return _null_or(present, values.astype(object))


def _times(t: npt.NDArray[np.float64]) -> Tokens:
    return _strings(iso_utc(t))


def _minutes(seconds: npt.NDArray[np.float64], ok: npt.NDArray[np.bool_]) -> Tokens:
    """Whole minutes (Zendesk metrics are in minutes), null where not ``ok``."""
    good = ok & ~np.isnan(seconds)
    return _null_or(good, _ints(np.maximum(np.round(np.nan_to_num(seconds) / 60), 0)))


def _pair(calendar: Tokens, business: Tokens) -> Tokens:
    return '{"calendar":' + calendar + ',"business":' + business + "}"


def _fill(template: str, columns: list[Tokens]) -> list[str]:
    return [template % values for values in zip(*(c.tolist() for c in columns), strict=True)]


class PagedJson:
    """Writes pages of at most ``PAGE_SIZE`` records; the last says ``end_of_stream``."""

    def __init__(self, out: Path, folder: str, name: str, key: str) -> None:
        self.out, self.folder, self.name, self.key = out, folder, name, key
        self.items: list[str] = []
        self.pending: list[str] | None = None
        self.paths: list[str] = []

    def extend(self, items: list[str]) -> None:
        self.items.extend(items)
        while len(self.items) >= PAGE_SIZE:
            page, self.items = self.items[:PAGE_SIZE], self.items[PAGE_SIZE:]
            self._push(page)

    def _push(self, page: list[str]) -> None:
        if self.pending is not None:
            self._write(self.pending, last=False)
        self.pending = page

    def _write(self, items: list[str], *, last: bool) -> None:
        number = len(self.paths) + 1
        rel = f"{self.folder}/{self.name}-{number:05d}.json"
        cursor = f"{self.name}-{number + 1:05d}"
        url = f"{BASE_URL}/incremental/{self.name}/cursor.json?cursor={cursor}"
        tail = b""
        if self.key != "ticket_metrics":
            tail = (
                b","
                + orjson.dumps(
                    {
                        "next_page": None if last else url,
                        "after_url": None if last else url,
                        "after_cursor": None if last else cursor,
                        "before_cursor": None,
                        "count": len(items),
                        "end_of_stream": last,
                    }
                )[1:-1]
            )
        body = f'{{"{self.key}":[' + ",".join(items) + "]"
        path = self.out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(body.encode() + tail + b"}")
        self.paths.append(rel)

    def close(self) -> list[str]:
        if self.items:
            self._push(self.items)
            self.items = []
        if self.pending is not None:
            self._write(self.pending, last=True)
            self.pending = None
        return self.paths


TICKET = (
    '{"id":%s,"url":"' + BASE_URL + '/tickets/%s.json","external_id":null,"created_at":%s,'
    '"updated_at":%s,"generated_timestamp":%s,"type":%s,"subject":%s,"priority":%s,'
    '"status":%s,"requester_id":%s,"submitter_id":%s,"assignee_id":%s,"organization_id":null,'
    '"group_id":%s,"brand_id":360000000100,"ticket_form_id":360000000200,"tags":%s,'
    '"custom_fields":[{"id":360000000001,"value":%s},{"id":360000000002,"value":%s},'
    '{"id":360000000003,"value":%s},{"id":360000000004,"value":%s},'
    '{"id":360000000005,"value":%s}],'
    '"via":{"channel":%s,"source":{"from":{},"to":{},"rel":null}},"satisfaction_rating":%s}'
)
METRIC = (
    '{"id":%s,"ticket_id":%s,"url":"' + BASE_URL + '/ticket_metrics/%s.json","created_at":%s,'
    '"updated_at":%s,"group_stations":%s,"assignee_stations":%s,"reopens":%s,"replies":%s,'
    '"assigned_at":%s,"initially_assigned_at":%s,"solved_at":%s,"status_updated_at":%s,'
    '"latest_comment_added_at":%s,"reply_time_in_minutes":%s,'
    '"first_resolution_time_in_minutes":%s,"full_resolution_time_in_minutes":%s,'
    '"agent_wait_time_in_minutes":%s,"requester_wait_time_in_minutes":%s,'
    '"on_hold_time_in_minutes":{"calendar":0,"business":0}}'
)


class ZendeskTickets:
    """Chat and e-mail contacts as incremental ticket pages plus ticket metrics pages."""

    def __init__(self, out: Path, folder: str, clock: BusinessClock) -> None:
        self.tickets = PagedJson(out, folder, "tickets", "tickets")
        self.metrics = PagedJson(out, folder, "ticket_metrics", "ticket_metrics")
        self.clock = clock

    def write(self, month: str, data: Batch) -> None:
        if data["arrived_at"].size == 0:
            return
        tokens = _ticket_tokens(data, self.clock)
        self.tickets.extend(_fill(TICKET, [tokens[k] for k in TICKET_KEYS]))
        self.metrics.extend(_fill(METRIC, [tokens[k] for k in METRIC_KEYS]))

    def close(self) -> list[str]:
        return self.tickets.close() + self.metrics.close()


TICKET_KEYS = (
    "id",
    "id",
    "created",
    "updated",
    "generated",
    "type",
    "subject",
    "priority",
    "status",
    "customer",
    "customer",
    "assignee",
    "group",
    "tags",
    "language",
    "seg_region",
    "seg_tier",
    "seg_accessibility",
    "handle",
    "channel",
    "satisfaction",
)
METRIC_KEYS = (
    "metric_id",
    "id",
    "metric_id",
    "created",
    "updated",
    "group_stations",
    "assignee_stations",
    "reopens",
    "replies",
    "answered",
    "answered",
    "resolved",
    "updated",
    "updated",
    "reply",
    "resolution",
    "resolution",
    "agent_wait",
    "reply",
)


VIA_IDS = {"chat": "29", "email": "4"}  # Zendesk via types, as some exports write them


def _via(channel: npt.NDArray[Any], ids: npt.NDArray[np.int64]) -> Tokens:
    """``via.channel`` as a string, or (about 1 in 97 tickets) as the numeric via id."""
    named = _strings(channel)
    numeric = np.array([VIA_IDS[c] for c in channel.tolist()], dtype=object)
    return np.where(ids % 97 == 0, numeric, named).astype(object)


def _ticket_tokens(d: Batch, clock: BusinessClock) -> dict[str, Tokens]:
    answered = ~np.isnan(d["answered_at"])
    resolved = ~np.isnan(d["resolved_at"])
    last = np.fmax(np.fmax(d["resolved_at"], d["answered_at"]), d["abandoned_at"])
    updated = np.where(np.isnan(last), d["arrived_at"], last)
    ids = d["_id"]
    channel = d["channel"]
    chat_tag = np.where(answered, ',"zopim_chat"', ',"zopim_chat_missed"')
    tags = (
        '["'
        + d["reason"]
        + '","lang_'
        + d["language"]
        + '"'
        + np.where(channel == "chat", chat_tag, "").astype(object)
        + np.where(d["escalated"], ',"escalated"', "").astype(object)
        + "]"
    )
    status = np.where(~answered | resolved, "closed", np.where(ids % 3 == 0, "pending", "open"))
    rating = np.where(d["csat"] >= 4, "good", "bad").astype(object)
    rated = (
        '{"id":' + _ints(ids * 10 + 1) + ',"score":"' + rating + '","comment":null,"reason":null}'
    )
    unoffered = np.where(ids % 17 == 0, '"unoffered"', '{"score":"unoffered"}').astype(object)
    offered = np.where(d["_csat_offered"], '{"score":"offered"}', unoffered).astype(object)
    b_arrived = clock.to_business(d["arrived_at"])
    reply_b = clock.to_business(np.nan_to_num(d["answered_at"])) - b_arrived
    resolve_b = clock.to_business(np.nan_to_num(d["resolved_at"])) - b_arrived
    stations = _ints(1 + d["transferred"].astype(np.int64))
    groups = _ints(1 + d["escalated"].astype(np.int64))
    replies = np.where(d["first_contact_resolved"], "1", _ints(2 + ids % 2)).astype(object)
    subjects = np.array([SUBJECTS[r] for r in d["reason"].tolist()], dtype=object)
    return {
        "id": _ints(ids),
        "metric_id": _ints(ids + 7 * 10**12),
        "created": _times(d["arrived_at"]),
        "updated": _times(updated),
        "generated": _ints(updated),
        "type": np.where(d["reason"] == "technical", '"problem"', '"question"').astype(object),
        "subject": '"' + subjects + '"',
        "priority": _strings(d["priority"]),
        "status": '"' + status.astype(object) + '"',
        "customer": _ints(d["_customer"]),
        "assignee": _numeric_ids(d["agent_ref"]),
        "group": np.array([str(GROUPS[c]) for c in channel.tolist()], dtype=object),
        "tags": tags,
        "language": _strings(d["language"]),
        "seg_region": _strings(d["seg_region"]),
        "seg_tier": _strings(d["seg_tier"]),
        "seg_accessibility": _strings(d["seg_accessibility"]),
        "handle": _nullable_ints(d["handle_seconds"]),
        "channel": _via(channel, ids),
        "satisfaction": np.where(~np.isnan(d["csat"]), rated, offered).astype(object),
        # Zendesk's own terms (docs/ingest.md): an escalation moves the ticket to another
        # group, a transfer to another assignee; a ticket resolved on first contact is
        # one-touch (solved with fewer than two agent replies).
        "group_stations": np.where(answered, groups, "1").astype(object),
        "assignee_stations": np.where(answered, stations, "0").astype(object),
        "reopens": _ints(d["reopened_count"]),
        "replies": np.where(answered, replies, "0").astype(object),
        "answered": _times(d["answered_at"]),
        "resolved": _times(d["resolved_at"]),
        "reply": _pair(
            _minutes(d["answered_at"] - d["arrived_at"], answered), _minutes(reply_b, answered)
        ),
        "resolution": _pair(
            _minutes(d["resolved_at"] - d["arrived_at"], resolved), _minutes(resolve_b, resolved)
        ),
        "agent_wait": np.where(
            answered, '{"calendar":0,"business":0}', '{"calendar":null,"business":null}'
        ).astype(object),
    }


CALL = (
    '{"id":%s,"created_at":%s,"updated_at":%s,"agent_id":%s,"customer_id":%s,"ticket_id":null,'
    '"direction":"inbound","phone_number_id":360000000300,"phone_number":"+918000407000",'
    '"wait_time":%s,"time_to_answer":%s,"talk_time":%s,"hold_time":%s,"wrap_up_time":%s,'
    '"duration":%s,"completion_status":%s,"exceeded_queue_wait_time":false,"overflowed":false,'
    '"overflowed_to":null,"callback":false,"callback_source":null,"voicemail":false,'
    '"outside_business_hours":false,"ivr_time_spent":%s,"ivr_hops":1,"ivr_action":"group",'
    '"ivr_destination_group_name":%s,"default_group":false,"minutes_billed":%s,'
    '"quality_issues":[],"group_id":' + str(GROUPS["voice"]) + ',"language":%s,'
    '"seg_region":%s,"seg_tier":%s,"seg_accessibility":%s}'
)


class ZendeskCalls:
    """Voice contacts as Zendesk Talk incremental call pages.

    The vendor enriches its export with the caller's language and segments.
    """

    def __init__(self, out: Path, folder: str, languages: dict[str, str]) -> None:
        self.calls = PagedJson(out, folder, "calls", "calls")
        self.languages = languages

    def write(self, month: str, data: Batch) -> None:
        if data["arrived_at"].size == 0:
            return
        d = data
        answered = ~np.isnan(d["answered_at"])
        talk = np.where(answered, d["_talk"], 0.0)
        hold = np.where(answered, d["_hold"], 0.0)
        wrap = np.where(answered, d["_wrap"], 0.0)
        duration = d["_wait"] + talk + hold
        end = np.where(answered, d["ended_at"] + d["_wrap"], d["abandoned_at"])
        groups = np.array([f'"{self.languages[x]}"' for x in d["language"].tolist()], dtype=object)
        columns = [
            _ints(d["_id"]),
            _times(d["arrived_at"]),
            _times(end),
            _numeric_ids(d["agent_ref"]),
            _ints(d["_customer"]),
            _ints(d["_wait"]),
            _null_or(answered, _ints(d["_wait"])),
            _ints(talk),
            _ints(hold),
            _ints(wrap),
            _ints(duration),
            np.where(answered, '"completed"', '"abandoned_in_queue"').astype(object),
            _ints(d["_ivr"]),
            groups,
            _ints(np.ceil(duration / 60)),
            _strings(d["language"]),
            _strings(d["seg_region"]),
            _strings(d["seg_tier"]),
            _strings(d["seg_accessibility"]),
        ]
        self.calls.extend(_fill(CALL, columns))

    def close(self) -> list[str]:
        return self.calls.close()
