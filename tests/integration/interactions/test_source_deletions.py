"""A source's own deleted status retracts the record (issue 22, item 3).

Zendesk's incremental ticket export carries deleted tickets with ``status: deleted``
and Freshdesk's ticket list carries ``deleted: true`` (``shared/reference/
export-schemas.md``, from the vendors' API documentation): such a row withdraws its key
from the lake in the batch's one commit, and the batch report counts it ``retracted``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fairshore.adapters.lake import delta
from fairshore.bootstrap import Workspace
from fairshore.interactions.services import ingest_files
from fairshore.metrics.services import compute_kpis

from .workspace_files import ENGAGEMENT, lake_rows, write


def zendesk_ticket(tid: int, *, status: str, updated_at: str) -> dict[str, Any]:
    """A ticket of the incremental export, with the fields the API documents."""
    return {
        "id": tid,
        "url": f"https://x.zendesk.com/api/v2/tickets/{tid}.json",
        "created_at": "2026-03-02T08:00:00Z",
        "updated_at": updated_at,
        "generated_timestamp": 1772445600,
        "type": "question",
        "subject": "s",
        "priority": "normal",
        "status": status,
        "requester_id": 9000 + tid,
        "submitter_id": 9000 + tid,
        "assignee_id": 500,
        "group_id": 42,
        "tags": [],
        "via": {"channel": "email", "source": {"rel": None}},
        "custom_fields": [],
        "satisfaction_rating": None,
    }


def zendesk_page(*tickets: dict[str, Any]) -> str:
    page = {"tickets": list(tickets), "end_of_stream": True, "after_cursor": "c"}
    return json.dumps(page)


def freshdesk_ticket(tid: int, **extra: Any) -> dict[str, Any]:
    """A ticket of ``GET /api/v2/tickets?include=stats`` (Freshdesk API v2 fields)."""
    ticket: dict[str, Any] = {
        "id": tid,
        "subject": "s",
        "status": 4,
        "priority": 2,
        "source": 1,
        "type": "Question",
        "created_at": "2026-03-02T08:00:00Z",
        "updated_at": "2026-03-02T12:00:00Z",
        "requester_id": 100 + tid,
        "responder_id": 77,
        "group_id": 5,
        "tags": [],
        "custom_fields": {},
        "stats": {"first_responded_at": "2026-03-02T08:10:00Z"},
    }
    ticket.update(extra)
    return ticket


def _ingest(ws: Workspace, path: Path) -> Any:
    report = ingest_files(ws, table="interactions", paths=[path], engagement_id=ENGAGEMENT)
    assert report.status in ("accepted", "duplicate"), report.error
    assert report.rows_read == report.rows_accepted + report.rows_quarantined
    outcomes = (
        report.rows_inserted,
        report.rows_updated,
        report.rows_unchanged,
        report.rows_stale,
        report.rows_retracted,
    )
    assert sum(outcomes) == report.rows_accepted
    return report


def _ids(ws: Workspace) -> list[str]:
    return [str(r["interaction_id"]) for r in lake_rows(ws)]


def test_a_zendesk_ticket_deleted_at_the_source_leaves_the_lake(
    ws: Workspace, tmp_path: Path
) -> None:
    first = write(
        tmp_path,
        "tickets-1.json",
        zendesk_page(
            zendesk_ticket(1, status="open", updated_at="2026-03-02T09:00:00Z"),
            zendesk_ticket(2, status="open", updated_at="2026-03-02T09:00:00Z"),
        ),
    )
    assert _ingest(ws, first).rows_inserted == 2
    assert compute_kpis(ws, engagement_id=ENGAGEMENT).rows[0].offered == 2

    later = write(
        tmp_path,
        "tickets-2.json",
        zendesk_page(
            zendesk_ticket(1, status="deleted", updated_at="2026-03-04T09:00:00Z"),
            zendesk_ticket(3, status="new", updated_at="2026-03-04T09:00:00Z"),
        ),
    )
    report = _ingest(ws, later)
    assert (report.rows_retracted, report.rows_inserted, report.rows_quarantined) == (1, 1, 0)
    assert report.table_version is not None
    assert _ids(ws) == ["2", "3"]
    assert compute_kpis(ws, engagement_id=ENGAGEMENT).rows[0].offered == 2

    # the same export again: the ticket is already gone, nothing changes
    table = delta.open_table(ws.lake, "interactions")
    assert table is not None
    again = _ingest(ws, later)
    assert again.status == "duplicate"
    assert (again.rows_retracted, again.rows_unchanged) == (0, 2)
    assert delta.open_table(ws.lake, "interactions").version() == table.version()  # type: ignore[union-attr]


def test_a_freshdesk_export_of_deletions_only_retracts(ws: Workspace, tmp_path: Path) -> None:
    tickets = [freshdesk_ticket(1), freshdesk_ticket(2), freshdesk_ticket(3)]
    _ingest(ws, write(tmp_path, "fd-1.json", json.dumps(tickets)))
    gone = [freshdesk_ticket(2, deleted=True), freshdesk_ticket(9, deleted=True)]
    report = _ingest(ws, write(tmp_path, "fd-2.json", json.dumps(gone)))
    # ticket 9 was never sent: withdrawing it changes nothing
    assert (report.rows_accepted, report.rows_retracted, report.rows_unchanged) == (2, 1, 1)
    assert report.rows_inserted == 0
    assert _ids(ws) == ["1", "3"]


def test_a_deleted_ticket_without_an_id_stays_quarantined(ws: Workspace, tmp_path: Path) -> None:
    tickets = [freshdesk_ticket(1), freshdesk_ticket(2, id=None, deleted=True)]
    report = _ingest(ws, write(tmp_path, "fd.json", json.dumps(tickets)))
    assert report.reasons == {"deleted_ticket": 1}
    assert (report.rows_inserted, report.rows_retracted) == (1, 0)
