"""A local Freshdesk API v2 for the connector tests.

Built from Freshdesk's API documentation (developers.freshdesk.com/api): "List All
Tickets" ``GET /api/v2/tickets`` with ``updated_since`` (tickets changed at or after
it), ``order_by=updated_at``, ``order_type=asc``, ``per_page`` (at most 100),
``page`` (at most 300) and ``include=stats``; a ``Link: <...>; rel="next"`` header while
more tickets follow; "View a Ticket" ``GET /api/v2/tickets/<id>``; "View all
satisfaction ratings" ``GET /api/v2/surveys/satisfaction_ratings?created_since=``.
Basic auth with the API key and ``X``; 401 ``{"code": "invalid_credentials", ...}``,
400 ``{"description": "Validation failed", "errors": [...]}``, 404 for a missing
ticket, 429 with ``Retry-After`` when told to.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, ClassVar
from urllib.parse import urlencode

from .fake_api import Answer, FakeApi

TICKETS = "/api/v2/tickets"
RATINGS = "/api/v2/surveys/satisfaction_ratings"


def _t(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def iso(at: datetime) -> str:
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _invalid(field: str, message: str) -> Answer:
    body = {"description": "Validation failed",
            "errors": [{"field": field, "message": message, "code": "invalid_value"}]}  # fmt: skip
    return 400, body, {}


class FakeFreshdesk(FakeApi):
    """The tickets (current versions, their stats apart) and the satisfaction ratings."""

    refused: ClassVar[dict[str, str]] = {"code": "invalid_credentials",
               "message": "You have to be logged in to perform this action."}  # fmt: skip
    throttled: ClassVar[dict[str, str]] = {
        "message": "You have exceeded the limit of requests per minute"
    }

    def __init__(self, *, key: str) -> None:
        super().__init__(auth="Basic " + base64.b64encode(f"{key}:X".encode()).decode())
        self.tickets: dict[int, dict[str, Any]] = {}
        self.stats: dict[int, dict[str, Any]] = {}
        self.ratings: list[dict[str, Any]] = []
        self.served: list[dict[str, Any]] = []  # every ticket sent, in order
        self.before: dict[int, Callable[[], None]] = {}  # request number -> a change first

    def put(self, ticket: dict[str, Any], stats: dict[str, Any]) -> None:
        """Create or change a ticket (its ``updated_at`` says when)."""
        with self.lock:
            self._put(ticket, stats)

    def _put(self, ticket: dict[str, Any], stats: dict[str, Any]) -> None:
        self.tickets[ticket["id"]] = ticket
        self.stats[ticket["id"]] = stats

    def rate(self, rating: dict[str, Any]) -> None:
        with self.lock:
            self.ratings.append(rating)

    def _full(self, tid: int, stats: bool) -> dict[str, Any]:
        ticket = dict(self.tickets[tid])
        if stats:
            ticket["stats"] = self.stats[tid]
        return ticket

    def export(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """Every ticket (with stats) and every rating: the 'final export' files."""
        ordered = sorted(self.tickets.values(), key=lambda t: (_t(t["updated_at"]), t.get("id", 0)))
        ratings = sorted(self.ratings, key=lambda r: (_t(r["created_at"]), r["id"]))
        return [self._full(t["id"], True) for t in ordered], ratings

    def route(self, path: str, query: dict[str, list[str]]) -> Answer:
        change = self.before.pop(len(self.requests), None)
        if change is not None:  # a ticket changes while the client pages
            change()
        one = {k: v[0] for k, v in query.items()}
        if path == TICKETS:
            return self._list(one)
        if path.startswith(TICKETS + "/"):
            tid = int(path.rsplit("/", 1)[1])
            if tid not in self.tickets:
                return 404, {"code": "not_found"}, {}
            self.served.append(self.tickets[tid])
            return 200, self._full(tid, one.get("include") == "stats"), {}
        if path == RATINGS:
            since = _t(one.get("created_since", "1970-01-01T00:00:00Z"))
            found = sorted((r for r in self.ratings if _t(r["created_at"]) >= since),
                           key=lambda r: (_t(r["created_at"]), r["id"]))  # fmt: skip
            return self._paged(path, one, found)
        return 404, {"code": "not_found"}, {}

    def _list(self, one: dict[str, str]) -> Answer:
        if "updated_since" not in one:  # Freshdesk: the last 30 days only; never wanted
            return _invalid("updated_since", "the connector always sends it")
        if one.get("order_by") != "updated_at" or one.get("order_type") != "asc":
            return _invalid("order_by", "the connector pages oldest change first")
        since = _t(one["updated_since"])
        ordered = sorted(self.tickets, key=lambda i: (_t(self.tickets[i]["updated_at"]), i))
        found = [self._full(tid, one.get("include") == "stats")
                 for tid in ordered if _t(self.tickets[tid]["updated_at"]) >= since]  # fmt: skip
        answer = self._paged(TICKETS, one, found)
        if answer[0] == 200:
            self.served.extend(answer[1])
        return answer

    def _paged(self, path: str, one: dict[str, str], found: list[dict[str, Any]]) -> Answer:
        per_page, page = int(one.get("per_page", "30")), int(one.get("page", "1"))
        if not 1 <= per_page <= 100:
            return _invalid("per_page", "It should be a Positive Number less than or equal to 100")
        if not 1 <= page <= 300:
            return _invalid("page", "It should be a Positive Number less than or equal to 300")
        chosen = found[(page - 1) * per_page : page * per_page]
        headers = {}
        if len(found) > page * per_page:
            following = urlencode(one | {"page": page + 1})
            headers["link"] = f'<{self.base_url}{path}?{following}>; rel="next"'
        return 200, chosen, headers


def freshdesk_ticket(tid: int, *, updated: datetime, status: int = 4,
                     source: int = 7) -> dict[str, Any]:  # fmt: skip
    """A ticket as "List All Tickets" shows it (fields from Freshdesk's Tickets API)."""
    return {
        "id": tid, "subject": "s", "type": "Question", "status": status, "priority": 1,
        "source": source, "requester_id": 9000 + tid, "responder_id": 500, "group_id": 42,
        "company_id": None, "is_escalated": tid % 7 == 0, "fr_escalated": False,
        "spam": False, "tags": [], "custom_fields": {}, "due_by": iso(updated),
        "fr_due_by": iso(updated), "created_at": "2026-03-02T08:00:00Z",
        "updated_at": iso(updated),
    }  # fmt: skip


def ticket_stats(*, responded: datetime, resolved: datetime | None,
                 reopened: datetime | None = None) -> dict[str, Any]:  # fmt: skip
    """``stats`` as ``include=stats`` adds it."""
    return {
        "agent_responded_at": iso(responded), "requester_responded_at": None,
        "first_responded_at": iso(responded), "status_updated_at": iso(responded),
        "reopened_at": iso(reopened) if reopened else None,
        "resolved_at": iso(resolved) if resolved else None,
        "closed_at": None, "pending_since": None,
    }  # fmt: skip


def rating(rid: int, tid: int, *, created: datetime, answer: int) -> dict[str, Any]:
    """A satisfaction rating as "View all satisfaction ratings" lists it."""
    return {
        "id": rid, "survey_id": 1, "user_id": 9000 + tid, "agent_id": 500, "group_id": 42,
        "ticket_id": tid, "feedback": "", "ratings": {"default_question": answer},
        "created_at": iso(created), "updated_at": iso(created),
    }  # fmt: skip
