"""Each adapter on realistic fixtures written from the public field lists
(``shared/reference/export-schemas.md``: Zendesk Support and Talk APIs, Freshdesk API v2,
the Anonymous Bank ACD layout), including the awkward cases."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from fairshore.bootstrap import Workspace
from fairshore.interactions.services import ingest_files

from .workspace_files import ENGAGEMENT, lake_rows, write


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def by_id(ws: Workspace) -> dict[str, dict[str, Any]]:
    return {str(r["interaction_id"]): r for r in lake_rows(ws)}


def ticket(tid: int, **extra: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": tid,
        "url": f"https://x.zendesk.com/api/v2/tickets/{tid}.json",
        "created_at": "2026-03-02T08:00:00Z",
        "updated_at": "2026-03-02T09:00:00Z",
        "type": "question",
        "subject": "s",
        "priority": "normal",
        "status": "solved",
        "requester_id": 9000 + tid,
        "submitter_id": 9000 + tid,
        "assignee_id": 500,
        "group_id": 42,
        "tags": [],
        "via": {"channel": "chat", "source": {"rel": None}},
        "custom_fields": [
            {"id": 360000000001, "value": "en"},
            {"id": 360000000002, "value": "north"},
            {"id": 360000000003, "value": "standard"},
        ],
        "satisfaction_rating": None,
    }
    base.update(extra)
    return base


ZENDESK_MAPPING = """custom_fields:
  360000000001: language
  360000000002: seg_region
  360000000003: seg_tier
  360000000004: seg_accessibility
"""


def test_zendesk_tickets_metrics_and_awkward_cases(ws: Workspace, tmp_path: Path) -> None:
    page1 = {
        "tickets": [
            ticket(1, updated_at="2026-03-02T08:30:00Z", satisfaction_rating=None),
            ticket(2, via={"channel": 4}, satisfaction_rating="bad"),
            ticket(3, status="deleted"),
            ticket(4, via={"channel": 99}),
            ticket(7, satisfaction_rating={"score": 7}),
        ],
        "next_page": "https://x.zendesk.com/api/v2/incremental/tickets/cursor.json?cursor=a",
        "end_of_stream": False,
        "after_cursor": "a",
    }
    page2 = {
        "tickets": [
            ticket(
                1,
                satisfaction_rating={"id": 1, "score": "good", "comment": "thanks"},
                custom_fields=[
                    {"id": 360000000001, "value": "es"},
                    {"id": 360000000002, "value": "south"},
                    {"id": 360000000003, "value": "premium"},
                ],
            ),
            ticket(5, satisfaction_rating={"answers": [{"rating": 4, "rating_category": "good"}]}),
            ticket(
                6,
                satisfaction_rating={"score": "offered"},
                metric_set={"ticket_id": 6, "reply_time_in_minutes": {"calendar": 5}},
            ),
        ],
        "metric_sets": [
            {"ticket_id": 5, "reply_time_in_minutes": {"calendar": 30, "business": 20}}
        ],
        "next_page": None,
        "end_of_stream": True,
        "after_cursor": "b",
    }
    metrics = {
        "ticket_metrics": [
            {
                "ticket_id": 1,
                "reply_time_in_minutes": {"calendar": 12, "business": 10},
                "solved_at": "2026-03-02T10:00:00Z",
                "reopens": 1,
                "replies": 3,
                "assignee_stations": 2,
                "group_stations": 1,
            },
            {"ticket_id": 2, "reply_time_in_minutes": {"calendar": None, "business": None}},
            {"ticket_id": 999, "reply_time_in_minutes": {"calendar": 1, "business": 1}},
        ]
    }
    files = [
        write(tmp_path, "page1.json", json.dumps(page1)),
        write(tmp_path, "page2.json", json.dumps(page2)),
        write(tmp_path, "metrics.json", json.dumps(metrics)),
    ]
    mapping = write(tmp_path, "zendesk.yaml", ZENDESK_MAPPING)
    report = ingest_files(
        ws, table="interactions", paths=files, engagement_id=ENGAGEMENT, mapping=mapping
    )
    assert report.format == "zendesk"
    assert report.rows_read == 8
    assert report.reasons == {
        "superseded_version": 1,
        "unknown_channel": 1,
        "csat_out_of_range": 1,
    }
    # the deleted ticket withdraws its key (the lake does not hold it: unchanged)
    assert (report.rows_accepted, report.rows_inserted, report.rows_unchanged) == (5, 4, 1)
    assert report.warnings == {"metrics_without_ticket": 1}
    rows = by_id(ws)
    assert set(rows) == {"1", "2", "5", "6"}
    one = rows["1"]
    assert (one["channel"], one["csat"], one["language"]) == ("chat", 5.0, "es")
    assert (one["seg_region"], one["seg_tier"]) == ("south", "premium")
    assert one["answered_at"] == utc("2026-03-02T08:12:00+00:00")
    assert one["resolved_at"] == utc("2026-03-02T10:00:00+00:00")
    assert (one["reopened_count"], one["transferred"], one["queue"]) == (1, True, "42")
    assert one["site_id"] == "vistula-krk"
    assert (rows["2"]["channel"], rows["2"]["csat"], rows["2"]["answered_at"]) == (
        "email",
        1.0,
        None,
    )
    assert rows["5"]["csat"] == 4.0
    assert rows["5"]["answered_at"] == utc("2026-03-02T08:30:00+00:00")
    assert rows["6"]["csat"] is None
    assert rows["6"]["answered_at"] == utc("2026-03-02T08:05:00+00:00")


def test_zendesk_incomplete_export_is_a_warning(ws: Workspace, tmp_path: Path) -> None:
    page = {"tickets": [ticket(1)], "end_of_stream": False}
    report = ingest_files(
        ws,
        table="interactions",
        engagement_id=ENGAGEMENT,
        paths=[write(tmp_path, "p.json", json.dumps(page))],
    )
    assert report.warnings == {"export_incomplete": 1}
    assert report.rows_accepted == 1


def test_zendesk_missed_chat_is_abandoned_when_the_visitor_left(
    ws: Workspace, tmp_path: Path
) -> None:
    missed = ticket(
        7,
        status="closed",
        assignee_id=None,
        tags=["billing", "zopim_chat_missed"],
        created_at="2026-03-02T08:00:00Z",
        updated_at="2026-03-02T08:03:10Z",
    )
    served = ticket(8, tags=["zopim_chat"])
    metrics = {"ticket_metrics": [{"ticket_id": 8, "reply_time_in_minutes": {"calendar": 2}}]}
    report = ingest_files(
        ws,
        table="interactions",
        engagement_id=ENGAGEMENT,
        paths=[
            write(tmp_path, "t.json", json.dumps({"tickets": [missed, served]})),
            write(tmp_path, "m.json", json.dumps(metrics)),
        ],
        format="zendesk",
    )
    assert report.rows_accepted == 2
    rows = by_id(ws)
    assert rows["7"]["abandoned_at"] == utc("2026-03-02T08:03:10Z")
    assert rows["7"]["answered_at"] is None
    assert rows["8"]["abandoned_at"] is None and rows["8"]["answered_at"] is not None


def call(cid: int, status: str, **extra: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": cid,
        "created_at": "2026-03-02T08:00:00Z",
        "updated_at": "2026-03-02T08:10:00Z",
        "agent_id": 500,
        "customer_id": 7000 + cid,
        "ticket_id": None,
        "direction": "inbound",
        "wait_time": 20,
        "time_to_answer": 20,
        "talk_time": 300,
        "hold_time": 30,
        "wrap_up_time": 60,
        "duration": 400,
        "completion_status": status,
        "exceeded_queue_time": False,
        "overflowed": False,
        "callback": False,
        "voicemail": False,
        "outside_business_hours": False,
        "ivr_time_spent": 8,
        "language": "pl",
    }
    base.update(extra)
    return base


def test_zendesk_talk_calls(ws: Workspace, tmp_path: Path) -> None:
    page = {
        "calls": [
            call(1, "completed", updated_at="2026-03-02T08:05:00Z", talk_time=1),
            call(1, "completed"),
            call(
                2,
                "abandoned_in_queue",
                agent_id=None,
                time_to_answer=None,
                talk_time=0,
                hold_time=0,
                wrap_up_time=0,
                duration=45,
            ),
            call(3, "abandoned_in_ivr", agent_id=None, duration=10),
            call(4, "voicemail", agent_id=None, duration=60),
            call(5, "completed", direction="outbound"),
        ],
        "next_page": "https://x.zendesk.com/api/v2/channels/voice/stats/incremental/calls?start_time=1",
        "end_of_stream": True,
        "count": 6,
    }
    report = ingest_files(
        ws,
        table="interactions",
        engagement_id=ENGAGEMENT,
        paths=[write(tmp_path, "calls.json", json.dumps(page))],
    )
    assert report.format == "zendesk-talk"
    assert report.reasons == {"superseded_version": 1, "outbound_call": 1}
    assert report.warnings == {"ivr_hangup": 1, "voicemail": 1}
    rows = by_id(ws)
    answered = rows["call-1"]
    assert answered["handle_seconds"] == 390.0  # talk 300 + hold 30 + wrap-up 60
    assert answered["answered_at"] == utc("2026-03-02T08:00:20+00:00")
    assert answered["language"] == "pl"
    assert rows["call-2"]["abandoned_at"] == utc("2026-03-02T08:00:45+00:00")
    assert rows["call-2"]["answered_at"] is None
    assert rows["call-3"]["abandoned_at"] == utc("2026-03-02T08:00:10+00:00")
    assert rows["call-4"]["abandoned_at"] is None and rows["call-4"]["answered_at"] is None


def test_freshdesk_with_stats_ratings_and_custom_statuses(ws: Workspace, tmp_path: Path) -> None:
    def fd(tid: int, **extra: Any) -> dict[str, Any]:
        base: dict[str, Any] = {
            "id": tid,
            "subject": "s",
            "type": "Question",
            "status": 5,
            "priority": 3,
            "source": 7,
            "created_at": "2026-03-02T08:00:00Z",
            "updated_at": "2026-03-02T12:00:00Z",
            "due_by": "2026-03-03T08:00:00Z",
            "fr_due_by": "2026-03-02T09:00:00Z",
            "is_escalated": False,
            "fr_escalated": False,
            "requester_id": 100 + tid,
            "responder_id": 77,
            "group_id": 5,
            "company_id": None,
            "tags": [],
            "custom_fields": {"cf_language": "pl", "cf_region": "east"},
            "stats": {
                "first_responded_at": "2026-03-02T08:10:00Z",
                "agent_responded_at": "2026-03-02T08:10:00Z",
                "requester_responded_at": None,
                "resolved_at": "2026-03-02T11:00:00Z",
                "closed_at": "2026-03-02T12:00:00Z",
                "status_updated_at": None,
                "pending_since": None,
                "reopened_at": None,
            },
        }
        base.update(extra)
        return base

    tickets = [
        fd(1),
        fd(2, source=1, priority=1),
        fd(3, status=6),
        fd(4, status=7),
        fd(5, source=99),
        fd(6, deleted=True),
        fd(
            7,
            is_escalated=True,
            stats={
                "first_responded_at": "2026-03-02T08:01:00Z",
                "reopened_at": "2026-03-02T13:00:00Z",
                "resolved_at": None,
                "closed_at": None,
            },
        ),
    ]
    ratings = [
        {"ticket_id": 1, "agent_id": 77, "ratings": {"default_question": 103}},
        {"ticket_id": 2, "agent_id": 77, "ratings": {"default_question": -103}},
    ]
    mapping = write(
        tmp_path,
        "fd.yaml",
        "statuses: {6: resolved}\ncustom_fields:\n"
        "  cf_language: language\n  cf_region: seg_region\n",
    )
    files = [
        write(tmp_path, "tickets.json", json.dumps(tickets)),
        write(tmp_path, "ratings.json", json.dumps(ratings)),
    ]
    report = ingest_files(
        ws, table="interactions", paths=files, engagement_id=ENGAGEMENT, mapping=mapping
    )
    assert report.format == "freshdesk"
    assert report.rows_read == 7
    assert report.reasons == {"unknown_channel": 1}
    assert (report.rows_unchanged, report.rows_retracted) == (1, 0)  # the deleted ticket
    assert report.warnings == {"unknown_status": 1}
    rows = by_id(ws)
    assert (rows["1"]["channel"], rows["1"]["priority"], rows["1"]["csat"]) == ("chat", "high", 5.0)
    assert (rows["2"]["channel"], rows["2"]["priority"], rows["2"]["csat"]) == ("email", "low", 1.0)
    assert rows["1"]["answered_at"] == utc("2026-03-02T08:10:00+00:00")
    assert rows["1"]["resolved_at"] == utc("2026-03-02T11:00:00+00:00")
    assert (rows["1"]["language"], rows["1"]["seg_region"]) == ("pl", "east")
    assert (rows["7"]["escalated"], rows["7"]["reopened_count"]) == (True, 1)


ACD_HEADER = (
    "vru+line\tcall_id\tcustomer_id\tpriority\ttype\tdate\tvru_entry\tvru_exit\t"
    "vru_time\tq_start\tq_exit\tq_time\toutcome\tser_start\tser_exit\tser_time\tserver"
)
ACD_ROWS = [
    # answered after queueing, H:MM:SS times
    "AA0101\t1\t11\t0\tEN\t260302\t9:00:00\t9:00:10\t10\t9:00:10\t9:00:40\t30\tAGENT\t9:00:40\t9:05:40\t300\tANNA",
    # answered straight from the IVR, HH:MM:SS times and 00:00:00 empty queue
    "AA0101\t2\t0\t1\tES\t260302\t09:10:00\t09:10:05\t5\t00:00:00\t00:00:00\t0\tAGENT\t09:10:05\t09:12:05\t120\tJAN",
    # abandoned in the queue
    "AA0101\t3\t13\t0\tES\t260302\t9:20:00\t9:20:10\t10\t9:20:10\t9:25:10\t300\tHANG\t0:00:00\t0:00:00\t0\tNO_SERVER",
    # hung up in the IVR (q_start 0:00:00 with HANG)
    "AA0101\t4\t0\t0\tDE\t260302\t9:30:00\t9:30:30\t30\t0:00:00\t0:00:00\t0\tHANG\t0:00:00\t0:00:00\t0\tNO_SERVER",
    # negative IVR time (the exit clock before the entry clock)
    "AA0102\t1\t15\t0\tPL\t260302\t9:40:30\t9:40:00\t-30\t9:40:00\t9:41:00\t60\tAGENT\t9:41:00\t9:42:00\t60\tANNA",
    # across midnight: queue entered at 0:00:10 of the next day
    "AA0102\t2\t16\t0\tEN\t260302\t23:59:50\t0:00:10\t20\t0:00:10\t0:01:10\t60\tAGENT\t0:01:10\t0:03:10\t120\tJAN",
    # not a real call
    "AA0102\t3\t0\t0\tEN\t260302\t10:00:00\t10:00:05\t5\t10:00:05\t10:00:06\t1\tPHANTOM\t0:00:00\t0:00:00\t0\tNO_SERVER",
    # unparseable clock
    "AA0102\t4\t0\t0\tEN\t260302\t10:61:00\t10:00:05\t5\t0:00:00\t0:00:00\t0\tHANG\t0:00:00\t0:00:00\t0\tNO_SERVER",
]
ACD_MAPPING = r"""format: acd
delimiter: "\t"
id_columns: ["vru+line", call_id]
date: {column: date, format: "%y%m%d"}
time_formats: ["%H:%M:%S"]
empty_times: ["0:00:00", "00:00:00"]
ivr: {start: vru_entry, end: vru_exit, seconds: vru_time}
queue: {start: q_start, end: q_exit, seconds: q_time}
service: {start: ser_start, end: ser_exit, seconds: ser_time}
arrival: queue
outcome: {column: outcome, codes: {AGENT: answered, HANG: abandoned, PHANTOM: quarantine}}
columns: {customer_ref: customer_id, agent_ref: server, queue: type}
null_values: {server: [NO_SERVER], customer_id: ["0"]}
derive:
  language: {column: type, values: {EN: en, ES: es, DE: de, PL: pl}}
  seg_tier: {column: priority, values: {"0": standard, "1": premium}}
constants: {channel: voice}
"""


def test_acd_mapping_with_real_world_quirks(ws: Workspace, tmp_path: Path) -> None:
    path = write(tmp_path, "calls.txt", ACD_HEADER + "\n" + "\n".join(ACD_ROWS))
    mapping = write(tmp_path, "vistula-acd.yaml", ACD_MAPPING)
    report = ingest_files(
        ws, table="interactions", paths=[path], engagement_id=ENGAGEMENT, mapping=mapping
    )
    assert report.format == "acd"
    assert report.rows_read == 8
    assert report.reasons == {"excluded_outcome": 1, "unparseable_time": 1}
    assert report.warnings == {"ivr_hangup": 1, "negative_ivr_time": 1}
    rows = by_id(ws)
    # Kraków is UTC+1 in early March (Europe/Warsaw, before the switch to summer time).
    first = rows["AA0101-1"]
    assert first["arrived_at"] == utc("2026-03-02T08:00:10+00:00")
    assert first["answered_at"] == utc("2026-03-02T08:00:40+00:00")
    assert (first["handle_seconds"], first["language"], first["seg_tier"]) == (
        300.0,
        "en",
        "standard",
    )
    straight = rows["AA0101-2"]
    assert straight["arrived_at"] == straight["answered_at"] == utc("2026-03-02T08:10:05+00:00")
    assert (straight["customer_ref"], straight["seg_tier"]) == (None, "premium")
    assert rows["AA0101-3"]["abandoned_at"] == utc("2026-03-02T08:25:10+00:00")
    assert rows["AA0101-4"]["abandoned_at"] == utc("2026-03-02T08:30:30+00:00")
    assert rows["AA0101-4"]["agent_ref"] is None
    assert rows["AA0102-1"]["arrived_at"] == utc("2026-03-02T08:40:00+00:00")
    late = rows["AA0102-2"]
    assert late["arrived_at"] == utc("2026-03-02T23:00:10+00:00")
    assert late["ended_at"] == utc("2026-03-02T23:03:10+00:00")


def test_source_tz_flag_overrides_engagement(ws: Workspace, tmp_path: Path) -> None:
    path = write(
        tmp_path, "a.csv", "interaction_id,channel,arrived_at\n1,chat,2026-07-01 12:00:00\n"
    )
    ingest_files(
        ws, table="interactions", paths=[path], engagement_id=ENGAGEMENT, source_tz="Asia/Manila"
    )
    assert lake_rows(ws)[0]["arrived_at"] == utc("2026-07-01T04:00:00+00:00")


CANONICAL = [
    {
        "interaction_id": "c1",
        "channel": "Chat",
        "arrived_at": "2026-03-31T23:30:00",
        "answered_at": "2026-04-01T00:30:00+02:00",
        "handle_seconds": "60.5",
        "csat": "4",
        "escalated": "yes",
        "seg_region": "north",
        "seg_other": "dropped",
    },
    {
        "interaction_id": "c2",
        "channel": "email",
        "arrived_at": "2026-04-02T10:00:00Z",
        "reopened_count": "2",
        "transferred": "0",
        "nps": "10",
    },
]


def _canonical_file(tmp_path: Path, fmt: str) -> Path:
    if fmt == "csv":
        cols = list(dict.fromkeys(k for r in CANONICAL for k in r))
        lines = [",".join(cols)] + [",".join(str(r.get(c, "")) for c in cols) for r in CANONICAL]
        return write(tmp_path, "i.csv", "\n".join(lines) + "\n")
    if fmt == "jsonl":
        return write(tmp_path, "i.jsonl", "\n".join(json.dumps(r) for r in CANONICAL) + "\n")
    names = list(dict.fromkeys(k for r in CANONICAL for k in r))
    table = pa.Table.from_pylist(CANONICAL, schema=pa.schema([(n, pa.string()) for n in names]))
    pq.write_table(table, tmp_path / "i.parquet")
    return tmp_path / "i.parquet"


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_canonical_formats_give_the_same_rows(ws: Workspace, tmp_path: Path, fmt: str) -> None:
    report = ingest_files(
        ws, table="interactions", engagement_id=ENGAGEMENT, paths=[_canonical_file(tmp_path, fmt)]
    )
    assert report.format == fmt
    assert (report.rows_accepted, report.reasons) == (2, {})
    assert report.warnings == {"undeclared_segment_column": 1}
    rows = by_id(ws)
    c1 = rows["c1"]
    # Naive times are Kraków local (UTC+2 from 29 March 2026): 23:30 local is 21:30 UTC.
    assert c1["arrived_at"] == utc("2026-03-31T21:30:00+00:00")
    assert c1["answered_at"] == utc("2026-03-31T22:30:00+00:00")
    assert (c1["channel"], c1["handle_seconds"], c1["csat"], c1["escalated"]) == (
        "chat",
        60.5,
        4.0,
        True,
    )
    assert c1["seg_region"] == "north" and "seg_other" not in c1
    assert (rows["c2"]["reopened_count"], rows["c2"]["transferred"], rows["c2"]["nps"]) == (
        2,
        False,
        10.0,
    )
    assert report.time_min == utc("2026-03-31T21:30:00+00:00")
    assert report.time_max == utc("2026-04-02T10:00:00+00:00")


def test_manifest_ingests_every_listed_file(ws: Workspace, tmp_path: Path) -> None:
    from fairshore.interactions.services import ingest_manifest

    write(tmp_path, "calls.txt", ACD_HEADER + "\n" + "\n".join(ACD_ROWS[:3]))
    write(tmp_path, "vistula-acd.yaml", ACD_MAPPING)
    write(
        tmp_path, "chat.csv", "interaction_id,channel,arrived_at\nchat-1,chat,2026-03-02T10:00:00\n"
    )
    manifest = write(
        tmp_path,
        "manifest.json",
        json.dumps(
            {
                "seed": 1,
                "files": [
                    {
                        "engagement_id": ENGAGEMENT,
                        "table": "interactions",
                        "format": "acd",
                        "paths": ["calls.txt"],
                        "mapping": "vistula-acd.yaml",
                    },
                    {
                        "engagement_id": ENGAGEMENT,
                        "table": "interactions",
                        "format": "csv",
                        "paths": ["chat.csv"],
                        "mapping": None,
                    },
                ],
            }
        ),
    )
    reports = ingest_manifest(ws, manifest)
    assert [(r.format, r.status, r.rows_accepted) for r in reports] == [
        ("acd", "accepted", 3),
        ("csv", "accepted", 1),
    ]


def test_typed_parquet_columns(ws: Workspace, tmp_path: Path) -> None:
    table = pa.table(
        {
            "interaction_id": pa.array([1, 2], pa.int64()),
            "channel": ["voice", "chat"],
            "arrived_at": pa.array(
                [datetime(2026, 3, 2, 10), datetime(2026, 3, 2, 11)], pa.timestamp("ms")
            ),
            "answered_at": pa.array(
                [datetime(2026, 3, 2, 9, 0, 30, tzinfo=UTC), None], pa.timestamp("us", tz="UTC")
            ),
            "handle_seconds": pa.array([120, 60], pa.int32()),
            "escalated": [True, None],
        }
    )
    pq.write_table(table, tmp_path / "typed.parquet")
    report = ingest_files(
        ws, table="interactions", engagement_id=ENGAGEMENT, paths=[tmp_path / "typed.parquet"]
    )
    assert (report.rows_accepted, report.reasons) == (2, {})
    rows = by_id(ws)
    # Naive timestamps are local (Kraków, UTC+1); aware ones are exact.
    assert rows["1"]["arrived_at"] == utc("2026-03-02T09:00:00+00:00")
    assert rows["1"]["answered_at"] == utc("2026-03-02T09:00:30+00:00")
    assert (rows["1"]["handle_seconds"], rows["1"]["escalated"]) == (120.0, True)


def test_csv_blocks_never_cut_inside_a_quoted_value(tmp_path: Path) -> None:
    from fairshore.bootstrap import init_workspace
    from fairshore.config import load_settings

    from .workspace_files import add_engagement

    space = init_workspace(load_settings(home=tmp_path / "ws", ingest_chunk_rows=100))
    add_engagement(space)
    lines = ["interaction_id,channel,arrived_at,reason"]
    for i in range(6000):
        reason = f'"billing, ""late""\nline {i}"' if i % 7 == 0 else "billing"
        lines.append(f"i{i},chat,2026-03-02T10:00:00,{reason}")
    path = write(tmp_path, "quoted.csv", "\n".join(lines) + "\n")
    assert path.stat().st_size > 3 * 64 * 1024  # several blocks
    chunks: list[int] = []
    report = ingest_files(
        space,
        table="interactions",
        paths=[path],
        engagement_id=ENGAGEMENT,
        progress=lambda rows, _b: chunks.append(rows),
    )
    assert (report.rows_read, report.rows_accepted, report.reasons) == (6000, 6000, {})
    assert len(chunks) > 3
    rows = {r["interaction_id"]: r for r in lake_rows(space)}
    assert rows["i14"]["reason"] == 'billing, "late"\nline 14'
    assert rows["i15"]["reason"] == "billing"
    space.close()
