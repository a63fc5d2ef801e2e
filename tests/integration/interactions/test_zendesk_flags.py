"""Escalated, transferred and first-contact-resolved from Zendesk, as Zendesk defines them.

The fixture is Zendesk's own published API examples: the "Show Ticket" example (ticket
35436, "Help, my printer is on fire!", status open, via web) and the "Show Ticket
Metrics" example (group_stations 7, assignee_stations 1, reopens 55, replies 322),
joined on the ticket id, with variants that change one field each. The definitions:

* one-touch ticket, Zendesk Explore: ``IF (VALUE(Agent replies) < 2 AND ([Ticket status]
  = "Solved" OR [Ticket status] = "Closed")) THEN [Ticket ID]`` (Zendesk help article
  "How are one-touch resolutions calculated?", 4408820618266);
* ticket metrics API: ``group_stations`` "number of groups the ticket passed through",
  ``assignee_stations`` "number of assignees the ticket had"; Zendesk escalates between
  tiers by moving a ticket to another group ("Using groups": escalate from Level 1 to
  Level 2).

A flag the export does not carry stays null: no metrics, no flag.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from fairshore.bootstrap import Workspace
from fairshore.interactions.services import ingest_files

from .workspace_files import ENGAGEMENT, lake_rows, write

# developer.zendesk.com, Tickets API, "Show Ticket" example response (abridged: the
# fields an export carries).
ZENDESK_TICKET: dict[str, Any] = {
    "assignee_id": 235323,
    "created_at": "2009-07-20T22:55:29Z",
    "custom_fields": [{"id": 27642, "value": "745"}, {"id": 27648, "value": "yes"}],
    "description": "The fire is very colorful.",
    "external_id": "ahg35h3jh",
    "group_id": 98738,
    "id": 35436,
    "organization_id": 509974,
    "priority": "high",
    "requester_id": 20978392,
    "satisfaction_rating": {"comment": "Great support!", "id": 1234, "score": "good"},
    "status": "open",
    "subject": "Help, my printer is on fire!",
    "submitter_id": 76872,
    "tags": ["enterprise", "other_tag"],
    "type": "incident",
    "updated_at": "2011-05-05T10:38:52Z",
    "url": "https://company.zendesk.com/api/v2/tickets/35436.json",
    "via": {"channel": "web"},
}
# developer.zendesk.com, Ticket Metrics API, "Show Ticket Metrics" example response.
ZENDESK_METRIC: dict[str, Any] = {
    "agent_wait_time_in_minutes": {"business": 737, "calendar": 2391},
    "assigned_at": "2011-05-05T10:38:52Z",
    "assignee_stations": 1,
    "assignee_updated_at": "2011-05-06T10:38:52Z",
    "created_at": "2009-07-20T22:55:29Z",
    "first_resolution_time_in_minutes": {"business": 737, "calendar": 2391},
    "full_resolution_time_in_minutes": {"business": 737, "calendar": 2391},
    "group_stations": 7,
    "id": 33,
    "initially_assigned_at": "2011-05-03T10:38:52Z",
    "latest_comment_added_at": "2011-05-09T10:38:52Z",
    "on_hold_time_in_minutes": {"business": 637, "calendar": 2290},
    "reopens": 55,
    "replies": 322,
    "reply_time_in_minutes": {"business": 737, "calendar": 2391},
    "requester_updated_at": "2011-05-07T10:38:52Z",
    "requester_wait_time_in_minutes": {"business": 737, "calendar": 2391},
    "solved_at": "2011-05-09T10:38:52Z",
    "status_updated_at": "2011-05-04T10:38:52Z",
    "ticket_id": 4343,
    "updated_at": "2011-05-05T10:38:52Z",
}


def _ticket(tid: int, **fields: Any) -> dict[str, Any]:
    return copy.deepcopy(ZENDESK_TICKET) | {"id": tid} | fields


def _metric(tid: int, **fields: Any) -> dict[str, Any]:
    return copy.deepcopy(ZENDESK_METRIC) | {"ticket_id": tid, "id": tid + 1} | fields


def _flags(ws: Workspace) -> dict[int, tuple[object, object, object]]:
    return {
        int(str(r["interaction_id"])): (
            r["escalated"],
            r["transferred"],
            r["first_contact_resolved"],
        )
        for r in lake_rows(ws)
    }


def test_zendesk_flags_follow_zendesk_definitions(ws: Workspace, tmp_path: Path) -> None:
    tickets = [
        _ticket(35436),  # the published pair: open, 7 groups, 1 assignee
        _ticket(35437, status="solved"),  # solved after 322 replies: not one touch
        _ticket(35438, status="solved"),  # solved with one reply: one touch
        _ticket(35439, status="closed"),  # closed without a reply: one touch (Explore counts it)
        _ticket(35440, status="solved"),  # handed to a second agent in the same group
        _ticket(35441, tags=["escalated_tier2"]),  # no metrics, tagged: escalated
        _ticket(35442),  # no metrics, no tag: nothing known
    ]
    metrics = [
        _metric(35436),
        _metric(35437),
        _metric(35438, replies=1, group_stations=1, reopens=0),
        _metric(35439, replies=0, group_stations=1, reopens=0),
        _metric(35440, replies=1, group_stations=1, assignee_stations=2, reopens=0),
    ]
    files = [
        write(tmp_path, "tickets.json", json.dumps({"tickets": tickets})),
        write(tmp_path, "metrics.json", json.dumps({"ticket_metrics": metrics})),
    ]
    report = ingest_files(ws, table="interactions", paths=files, engagement_id=ENGAGEMENT)
    assert (report.format, report.rows_accepted) == ("zendesk", 7)
    # (escalated, transferred, first contact resolved)
    assert _flags(ws) == {
        35436: (True, False, None),  # not solved yet: FCR unknown, not false
        35437: (True, False, False),
        35438: (False, False, True),
        35439: (False, False, True),
        35440: (False, True, True),
        35441: (True, None, None),
        35442: (None, None, None),
    }
    reopened = {int(str(r["interaction_id"])): r["reopened_count"] for r in lake_rows(ws)}
    assert reopened[35436] == 55 and reopened[35442] is None
