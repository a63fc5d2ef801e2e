"""A local Zendesk Talk API for the connector tests: the incremental calls export.

Built from Zendesk's developer documentation (Talk API, "Incremental Exports"):
``GET /api/v2/channels/voice/stats/incremental/calls?start_time=<Unix>`` answers the
calls created or changed at or after ``start_time``, oldest change first, at most 1000,
with ``next_page`` (``start_time`` = ``end_time``, never null), ``count`` and
``end_time`` (the last call's change). Basic auth ``{email}/token:{token}``; 401 with
Zendesk's error body; 400 without ``start_time``; 429 with ``Retry-After`` when told to.
"""

from __future__ import annotations

import base64
from datetime import UTC, datetime
from typing import Any

from .fake_api import Answer, FakeApi

PATH = "/api/v2/channels/voice/stats/incremental/calls"
LIMIT = 1000


def _ts(text: str) -> int:
    return int(datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp())


def iso(at: datetime) -> str:
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class FakeZendeskTalk(FakeApi):
    """The calls (current versions)."""

    def __init__(self, *, email: str, token: str) -> None:
        super().__init__(
            auth="Basic " + base64.b64encode(f"{email}/token:{token}".encode()).decode()
        )
        self.calls: dict[int, dict[str, Any]] = {}
        self.served: list[dict[str, Any]] = []

    def put(self, call: dict[str, Any]) -> None:
        with self.lock:
            self.calls[call["id"]] = call

    def _ordered(self) -> list[dict[str, Any]]:
        return sorted(self.calls.values(), key=lambda c: (_ts(c["updated_at"]), c["id"]))

    def export(self) -> dict[str, Any]:
        """Every call's current version as one page (the 'final export')."""
        calls = self._ordered()
        return {"calls": calls, "count": len(calls), "next_page": None,
                "end_time": _ts(calls[-1]["updated_at"])}  # fmt: skip

    def route(self, path: str, query: dict[str, list[str]]) -> Answer:
        if path != PATH:
            return 404, {"error": "InvalidEndpoint", "description": "Not found"}, {}
        if "start_time" not in query:
            return 400, {"error": "InvalidValue", "description": "start_time is required"}, {}
        start = int(query["start_time"][0])
        chosen = [c for c in self._ordered() if _ts(c["updated_at"]) >= start][:LIMIT]
        end = _ts(chosen[-1]["updated_at"]) if chosen else start
        self.served.extend(chosen)
        body = {"calls": chosen, "count": len(chosen), "end_time": end,
                "next_page": f"{self.base_url}{PATH}.json?start_time={end}"}  # fmt: skip
        return 200, body, {}


def talk_call(cid: int, *, updated: datetime, status: str = "completed",
              direction: str = "inbound", wrap_up: int | None = 20) -> dict[str, Any]:  # fmt: skip
    """A call as the incremental calls export shows it (Talk API field names)."""
    created = datetime(2026, 10, 1, 7, 0, tzinfo=UTC)
    return {
        "id": cid, "created_at": iso(created), "updated_at": iso(updated),
        "agent_id": 500 + cid % 4, "customer_id": 9000 + cid, "phone_number_id": 7,
        "direction": direction, "completion_status": status, "duration": 300,
        "wait_time": 25, "time_to_answer": 25, "hold_time": 10, "talk_time": 240,
        "wrap_up_time": wrap_up, "ivr_time_spent": 5, "ivr_hops": 1, "voicemail": False,
        "outside_business_hours": False, "exceeded_queue_wait_time": False,
        "minutes_billed": 5, "ticket_id": None, "default_group": True,
    }  # fmt: skip
