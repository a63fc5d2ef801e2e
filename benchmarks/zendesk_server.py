"""The connector tests' fake Zendesk, serving N generated tickets, for ``bench_sync``.

``python -m benchmarks.zendesk_server N`` serves tickets 1..N (ticket ``i`` updated
``i`` seconds after a fixed time, so the export's order is the id order) on 127.0.0.1
and prints its base URL. A page is made when asked from the cursor, with the tests'
``zendesk_ticket`` and ``metric_set`` (fields from Zendesk's Tickets and Ticket Metrics
APIs), so a million tickets need no million dicts in memory. It runs in a process of
its own, as a real API does: its JSON encoding takes no time from the sync measured.
"""

from __future__ import annotations

import base64
import sys
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

from tests.integration.sources.fake_zendesk import (
    PATH,
    FakeZendesk,
    metric_set,
    serving,
    zendesk_ticket,
)

EMAIL, TOKEN = "bench@telco.example", "bench-token"
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
T0_S = int(T0.timestamp())


def ticket(tid: int) -> dict[str, Any]:
    """Ticket ``tid``: solved, except every fifth still open."""
    status = "open" if tid % 5 == 0 else "solved"
    return zendesk_ticket(tid, updated=T0 + timedelta(seconds=tid), status=status)


def metrics(tid: int) -> dict[str, Any]:
    solved = None if tid % 5 == 0 else T0 + timedelta(seconds=tid)
    return metric_set(tid, solved=solved)


def tickets(first: int, last: int) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """Tickets ``first``..``last`` with their metric sets."""
    for tid in range(first, last + 1):
        yield ticket(tid), metrics(tid)


class GeneratedZendesk(FakeZendesk):
    """The fake export over tickets 1..``count``, made page by page."""

    def __init__(self, count: int) -> None:
        super().__init__(email=EMAIL, token=TOKEN, per_page=1000)  # Zendesk's page size
        self.count = count

    def page(self, query: dict[str, list[str]]) -> dict[str, Any]:
        if "cursor" in query:
            raw = base64.urlsafe_b64decode(query["cursor"][0].encode()).decode()
            after = int(raw.split(":")[1])
        else:
            after = max(0, int(query.get("start_time", ["0"])[0]) - T0_S - 1)
        last = min(self.count, after + self.per_page)
        chosen = list(tickets(after + 1, last))
        cursor = base64.urlsafe_b64encode(f"{T0_S + last}:{last}".encode()).decode()
        return {
            "tickets": [t for t, _ in chosen],
            "metric_sets": [m for _, m in chosen],
            "after_cursor": cursor,
            "after_url": f"{self.base_url}{PATH}?cursor={cursor}&include=metric_sets",
            "before_cursor": None,
            "before_url": None,
            "end_of_stream": last >= self.count,
        }


def main(argv: list[str]) -> None:
    api = GeneratedZendesk(int(argv[0]))
    with serving(api) as url:
        print(url, flush=True)
        threading.Event().wait(float(argv[1]) if len(argv) > 1 else 3600.0)


if __name__ == "__main__":
    main(sys.argv[1:])
