"""A local Zendesk Support API for the connector tests: the incremental cursor export.

Built from Zendesk's developer documentation ("Incremental Exports", cursor-based
ticket export): ``GET /api/v2/incremental/tickets/cursor.json`` with ``start_time``
(Unix seconds) on the first request or ``cursor`` afterwards, ``include=metric_sets``
side-loading each ticket's metrics; a page holds up to ``per_page`` tickets (1000 in
Zendesk) ordered by ``updated_at``, with ``after_cursor``, ``after_url`` and
``end_of_stream``. Basic auth ``{email}/token:{token}``; 401 with Zendesk's error body
otherwise; 429 with ``Retry-After`` (seconds) when told to. A ticket changed after a
cursor comes again after it, as in Zendesk.
"""

from __future__ import annotations

import base64
from datetime import UTC, datetime
from typing import Any

from .fake_api import Answer, FakeApi, serving

__all__ = ["PATH", "FakeZendesk", "metric_set", "serving", "zendesk_ticket"]

PATH = "/api/v2/incremental/tickets/cursor.json"


def _ts(text: str) -> int:
    return int(datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp())


class FakeZendesk(FakeApi):
    """The tickets (current versions), their metrics, and what the test wants to happen."""

    def __init__(self, *, email: str, token: str, per_page: int = 100) -> None:
        auth = "Basic " + base64.b64encode(f"{email}/token:{token}".encode()).decode()
        super().__init__(auth=auth)
        self.per_page = per_page
        self.tickets: dict[int, dict[str, Any]] = {}
        self.metrics: dict[int, dict[str, Any]] = {}
        self.served_tickets = 0

    def route(self, path: str, query: dict[str, list[str]]) -> Answer:
        if path != PATH:
            return 404, {"error": "InvalidEndpoint"}, {}
        return 200, self.page(query), {}

    def put(self, ticket: dict[str, Any], metric_set: dict[str, Any] | None = None) -> None:
        """Create or change a ticket (its ``updated_at`` says when)."""
        with self.lock:
            self.tickets[int(ticket["id"])] = ticket
            if metric_set is not None:
                self.metrics[int(ticket["id"])] = metric_set

    def export(self) -> dict[str, Any]:
        """Every ticket's current version as one export page (the 'final export')."""
        ordered = sorted(self.tickets.values(), key=lambda t: (_ts(t["updated_at"]), t["id"]))
        metric_sets = [self.metrics[t["id"]] for t in ordered if t["id"] in self.metrics]
        return {"tickets": ordered, "metric_sets": metric_sets, "end_of_stream": True,
                "after_cursor": None}  # fmt: skip

    def page(self, query: dict[str, list[str]]) -> dict[str, Any]:
        """One page of the export after the query's cursor (called holding ``lock``)."""
        if "cursor" in query:
            raw = base64.urlsafe_b64decode(query["cursor"][0].encode()).decode()
            after_ts, after_id = (int(x) for x in raw.split(":"))
        else:
            after_ts, after_id = int(query.get("start_time", ["0"])[0]) - 1, 2**62
        ordered = sorted(self.tickets.values(), key=lambda t: (_ts(t["updated_at"]), t["id"]))
        rest = [t for t in ordered if (_ts(t["updated_at"]), t["id"]) > (after_ts, after_id)]
        chosen = rest[: self.per_page]
        metric_sets = [self.metrics[t["id"]] for t in chosen if t["id"] in self.metrics]
        if chosen:
            last = chosen[-1]
            position = f"{_ts(last['updated_at'])}:{last['id']}"
        else:
            position = f"{after_ts}:{after_id}"
        cursor = base64.urlsafe_b64encode(position.encode()).decode()
        self.served_tickets += len(chosen)
        body: dict[str, Any] = {
            "tickets": chosen,
            "after_cursor": cursor,
            "after_url": f"{self.base_url}{PATH}?cursor={cursor}&include=metric_sets",
            "before_cursor": None,
            "before_url": None,
            "end_of_stream": len(rest) <= self.per_page,
        }
        if "metric_sets" in query.get("include", [""])[0]:
            body["metric_sets"] = metric_sets
        return body


def zendesk_ticket(tid: int, *, updated: datetime, status: str = "solved",
                   channel: str = "chat") -> dict[str, Any]:  # fmt: skip
    """A ticket as the incremental export shows it (fields from Zendesk's Tickets API)."""
    created = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    return {
        "id": tid, "url": f"https://acme.zendesk.com/api/v2/tickets/{tid}.json",
        "created_at": created.isoformat().replace("+00:00", "Z"),
        "updated_at": updated.isoformat().replace("+00:00", "Z"),
        "type": "question", "subject": "s", "priority": "normal", "status": status,
        "requester_id": 9000 + tid, "submitter_id": 9000 + tid, "assignee_id": 500,
        "group_id": 42, "tags": [], "via": {"channel": channel, "source": {"rel": None}},
        "custom_fields": [], "satisfaction_rating": None,
    }  # fmt: skip


def metric_set(tid: int, *, solved: datetime | None, reopens: int = 0) -> dict[str, Any]:
    """A ticket's metrics as ``metric_sets`` side-loads them (Ticket Metrics API fields)."""
    return {
        "ticket_id": tid,
        "reply_time_in_minutes": {"calendar": 12, "business": 10},
        "solved_at": solved.isoformat().replace("+00:00", "Z") if solved else None,
        "reopens": reopens, "replies": 2, "group_stations": 1, "assignee_stations": 1,
    }  # fmt: skip
