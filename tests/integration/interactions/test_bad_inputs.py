"""The bad-input corpus: each case states exactly which rows are quarantined and why,
or which clear error rejects the whole file (with nothing written)."""

from __future__ import annotations

import gzip
import io
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from fairshore.bootstrap import Workspace, init_workspace
from fairshore.config import load_settings
from fairshore.interactions.services import ingest_files, list_batches
from fairshore.interactions.validation import Validator

from .workspace_files import ENGAGEMENT, add_engagement, nothing_written, write

H = (
    "interaction_id,channel,arrived_at,answered_at,abandoned_at,ended_at,handle_seconds,"
    "csat,nps,escalated,seg_region\n"
)
OK = "ok1,voice,2026-03-02T09:00:00,2026-03-02T09:00:20,,2026-03-02T09:05:00,280,5,9,false,north\n"


@dataclass
class Case:
    name: str
    content: str | bytes
    reasons: dict[str, int] = field(default_factory=dict)
    accepted: int = 1
    table: str = "interactions"
    format: str | None = None
    filename: str = "data.csv"
    warnings: dict[str, int] | None = None


ROW_CASES = [
    Case(
        "missing id", H + OK + ",chat,2026-03-02T09:00:00,,,,,,,,\n", {"missing_required_field": 1}
    ),
    Case("missing arrival", H + OK + "x1,chat,,,,,,,,,\n", {"missing_required_field": 1}),
    Case(
        "missing channel",
        H + OK + "x1,,2026-03-02T09:00:00,,,,,,,,\n",
        {"missing_required_field": 1},
    ),
    Case("unparseable time", H + OK + "x1,chat,yesterday,,,,,,,,\n", {"unparseable_time": 1}),
    Case(
        "impossible date", H + OK + "x1,chat,2026-02-30T09:00:00,,,,,,,,\n", {"unparseable_time": 1}
    ),
    Case(
        "answered before arrival",
        H + OK + "x1,chat,2026-03-02T09:00:00,2026-03-02T08:59:00,,,,,,,\n",
        {"answered_before_arrival": 1},
    ),
    Case(
        "abandoned before arrival",
        H + OK + "x1,voice,2026-03-02T09:00:00,,2026-03-02T08:00:00,,,,,,\n",
        {"abandoned_before_arrival": 1},
    ),
    Case(
        "ended before arrival",
        H + OK + "x1,voice,2026-03-02T09:00:00,,,2026-03-01T09:00:00,,,,,\n",
        {"ended_before_arrival": 1},
    ),
    Case(
        "answered and abandoned",
        H + OK + "x1,voice,2026-03-02T09:00:00,2026-03-02T09:01:00,2026-03-02T09:02:00,,,,,,\n",
        {"answered_and_abandoned": 1},
    ),
    Case(
        "negative handle time",
        H + OK + "x1,voice,2026-03-02T09:00:00,,,,-5,,,,\n",
        {"negative_duration": 1},
    ),
    Case(
        "unparseable number",
        H + OK + "x1,voice,2026-03-02T09:00:00,,,,abc,,,,\n",
        {"unparseable_number": 1},
    ),
    Case(
        "csat above 5", H + OK + "x1,email,2026-03-02T09:00:00,,,,,6,,,\n", {"csat_out_of_range": 1}
    ),
    Case("csat zero", H + OK + "x1,email,2026-03-02T09:00:00,,,,,0,,,\n", {"csat_out_of_range": 1}),
    Case("nps 11", H + OK + "x1,email,2026-03-02T09:00:00,,,,,,11,,\n", {"nps_out_of_range": 1}),
    Case(
        "unknown channel", H + OK + "x1,fax,2026-03-02T09:00:00,,,,,,,,\n", {"unknown_channel": 1}
    ),
    Case(
        "unparseable bool",
        H + OK + "x1,chat,2026-03-02T09:00:00,,,,,,,maybe,\n",
        {"unparseable_bool": 1},
    ),
    Case("duplicate id in batch", H + OK + OK.replace("280", "281"), {"duplicate_id_in_batch": 1}),
    Case("wrong field count", H + OK + "x1,chat,2026-03-02T09:00:00\n", {"malformed_record": 1}),
    Case("first reason wins", H + OK + "x1,fax,nonsense,,,,-1,9,,,\n", {"unknown_channel": 1}),
    Case(
        "wrong engagement",
        "interaction_id,engagement_id,channel,arrived_at\n"
        f"a,{ENGAGEMENT},chat,2026-03-02T09:00:00\nb,other,chat,2026-03-02T09:00:00\n",
        {"wrong_engagement": 1},
    ),
    Case(
        "agent left before hired",
        "agent_ref,employment_type,hired_on,left_on\n"
        "a1,employee,2026-01-10,\na2,employee,2026-01-10,2025-12-31\n",
        {"left_before_hired": 1},
        table="agents",
    ),
    Case(
        "unknown employment type",
        "agent_ref,employment_type,hired_on\na1,employee,2026-01-10\na2,intern,2026-01-10\n",
        {"unknown_value": 1},
        table="agents",
    ),
    Case(
        "negative paid hours",
        "agent_ref,month,paid_hours\na1,2026-01,160\na2,2026-01-01,-3\n",
        {"negative_duration": 1},
        table="agent_months",
    ),
    Case(
        "topic hours over the training total",
        "agent_ref,month,training_hours,training_hours_ethics,training_hours_empathy\n"
        "a1,2026-01,10,4,6\na2,2026-01,10,8,3\n",
        {"topic_hours_over_training": 1},
        table="agent_months",
    ),
    Case(
        "negative records count",
        "event_id,agent_ref,at,action,records_count\n"
        "e1,a1,2026-03-02T09:00:00Z,export,50\ne2,a1,2026-03-02T09:00:00Z,export,-5\n",
        {"negative_count": 1},
        table="access_events",
    ),
    Case(
        "unknown action",
        "event_id,agent_ref,at,action\n"
        "e1,a1,2026-03-02T09:00:00Z,view\ne2,a1,2026-03-02T09:01:00Z,print\n",
        {"unknown_value": 1},
        table="access_events",
    ),
    Case(
        "malformed json line",
        json.dumps(
            {"interaction_id": "j1", "channel": "chat", "arrived_at": "2026-03-02T09:00:00Z"}
        )
        + '\n{"interaction_id": \n',
        {"malformed_record": 1},
        format="jsonl",
        filename="data.jsonl",
    ),
    Case(
        "undeclared channel is a warning",
        H + OK.replace("voice", "messaging"),
        {},
        warnings={"unexpected_channel": 1},
    ),
    Case("byte order mark and CRLF", "\ufeff" + (H + OK).replace("\n", "\r\n"), {}),
    Case(
        "long handle time is a warning",
        H + OK.replace("280", "20000"),
        {},
        warnings={"long_handle_time": 1},
    ),
]


@pytest.fixture(scope="module")
def shared_ws(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    """One workspace for the row cases (each case has its own engagement)."""
    space = init_workspace(load_settings(home=tmp_path_factory.mktemp("rows")))
    yield space
    space.close()


@pytest.mark.parametrize("case", ROW_CASES, ids=[c.name for c in ROW_CASES])
def test_row_cases(shared_ws: Workspace, tmp_path: Path, case: Case) -> None:
    engagement = f"e{ROW_CASES.index(case)}"
    add_engagement(shared_ws, engagement)
    path = write(
        tmp_path,
        case.filename,
        case.content.replace(ENGAGEMENT, engagement)
        if isinstance(case.content, str)
        else case.content,
    )
    report = ingest_files(
        shared_ws, table=case.table, paths=[path], engagement_id=engagement, format=case.format
    )
    assert report.status == "accepted", report.error
    assert report.reasons == case.reasons
    assert report.rows_accepted == case.accepted
    assert report.rows_quarantined == sum(case.reasons.values())
    assert report.rows_read == report.rows_accepted + report.rows_quarantined
    if case.warnings is not None:
        assert report.warnings == case.warnings


def test_row_already_in_lake_is_unchanged(ws: Workspace, tmp_path: Path) -> None:
    first = write(tmp_path, "a.csv", H + OK)
    second = write(tmp_path, "b.csv", H + OK + OK.replace("ok1", "ok2"))
    assert (
        ingest_files(ws, table="interactions", paths=[first], engagement_id=ENGAGEMENT).status
        == "accepted"
    )
    report = ingest_files(ws, table="interactions", paths=[second], engagement_id=ENGAGEMENT)
    assert report.reasons == {}
    assert (report.rows_accepted, report.rows_inserted, report.rows_unchanged) == (2, 1, 1)
    assert report.rows_updated == report.rows_stale == 0


def _gzip(text: str) -> bytes:
    return gzip.compress(text.encode())


def _zip(text: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("data.csv", "0" * 100_000 + text)
    return buffer.getvalue()


FILE_CASES = [
    ("empty file", b"", None, "data.csv", "the file is empty"),
    ("header only", H.encode(), None, "data.csv", "no rows to ingest"),
    (
        "wrong columns",
        b"a,b\n1,2\n",
        "csv",
        "data.csv",
        "missing interaction_id, channel, arrived_at",
    ),
    (
        "semicolons",
        b"interaction_id;channel;arrived_at\n1;chat;2026-01-01\n",
        "csv",
        "data.csv",
        "does not seem comma-separated",
    ),
    (
        "latin-1",
        (H + OK.replace("north", "Kraków")).encode("latin-1"),
        "csv",
        "data.csv",
        "not valid UTF-8",
    ),
    ("utf-16", (H + OK).encode("utf-16"), "csv", "data.csv", "UTF-16"),
    ("gzip", _gzip(H + OK), None, "data.csv.gz", "gzip-compressed"),
    ("zip bomb", _zip(H + OK), "csv", "data.zip", "zip-compressed"),
    ("binary", b"\x00\x01\x02binary\x00" * 50, "csv", "data.csv", "binary content"),
    (
        "truncated json",
        b'{"tickets": [{"id": 1, "created_at": "2026-01-01T00:00:00Z"',
        "zendesk",
        "tickets.json",
        "truncated",
    ),
    ("invalid json", b'{"tickets": [1,,2]}', "zendesk", "tickets.json", "is not valid JSON"),
    ("not zendesk", b'{"users": []}', "zendesk", "x.json", "not a Zendesk tickets"),
    ("not talk", b'{"tickets": []}', "zendesk-talk", "x.json", "not a Zendesk Talk calls export"),
    ("not freshdesk", b'{"foo": 1}', "freshdesk", "x.json", "not a Freshdesk tickets export"),
    ("not connect", b'{"foo": 1}', "amazon-connect", "x.json", "not a contact record"),
    ("connect cut", b'{"ContactId": "c1"} {"Cont', "amazon-connect", "x", "not valid JSON"),
    ("jsonl array", b'[{"interaction_id": "1"}]\n', "jsonl", "x.jsonl", "not a JSON object"),
    ("undetectable", b"hello world\nthis is prose\n", None, "notes.txt", "cannot tell the format"),
    (
        "acd wrong columns",
        b"call\tdate\n1\t990201\n",
        "acd",
        "calls.txt",
        "wrong columns for this ACD mapping",
    ),
    ("damaged parquet", b"PAR1" + b"\x07" * 200, "parquet", "x.parquet", "Parquet"),
    (
        "empty zendesk page",
        b'{"tickets": [], "end_of_stream": true}',
        "zendesk",
        "t.json",
        "no rows to ingest",
    ),
]


@pytest.mark.parametrize(
    ("content", "format", "filename", "message"),
    [c[1:] for c in FILE_CASES],
    ids=[c[0] for c in FILE_CASES],
)
def test_file_rejections(
    ws: Workspace,
    tmp_path: Path,
    content: bytes,
    format: str | None,
    filename: str,
    message: str,
) -> None:
    path = write(tmp_path, filename, content)
    report = ingest_files(
        ws, table="interactions", paths=[path], engagement_id=ENGAGEMENT, format=format
    )
    assert report.status == "rejected"
    assert report.error is not None and message in report.error
    assert (report.rows_read, report.rows_accepted, report.rows_quarantined) == (0, 0, 0)
    assert nothing_written(ws)


def test_too_large(small_ws: Workspace, tmp_path: Path) -> None:
    path = write(tmp_path, "big.csv", H + OK * 40)
    report = ingest_files(small_ws, table="interactions", paths=[path], engagement_id=ENGAGEMENT)
    assert report.status == "rejected"
    assert report.error is not None and "FAIRSHORE_INGEST_MAX_BYTES" in report.error
    assert nothing_written(small_ws)


def test_bad_utf8_after_first_chunk_writes_nothing(ws: Workspace, tmp_path: Path) -> None:
    # The bad byte sits beyond the 1 MiB checked up front: found while streaming.
    rows = "".join(OK.replace("ok1", f"r{i}") for i in range(20_000))
    path = write(
        tmp_path, "late.csv", (H + rows).encode() + b"x9,chat,2026-03-02T09:00:00,,,,,,,,caf\xe9\n"
    )
    report = ingest_files(ws, table="interactions", paths=[path], engagement_id=ENGAGEMENT)
    assert report.status == "rejected"
    assert report.error is not None and "UTF-8" in report.error
    assert nothing_written(ws)


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ("format: acd\nid_columns: [call_id]\n", "invalid ACD mapping: date: Field required"),
        ("- just\n- a list\n", "must be a YAML mapping"),
        ("a: [unclosed\n", "is not valid YAML"),
    ],
    ids=["incomplete", "not a mapping", "bad yaml"],
)
def test_bad_acd_mapping(ws: Workspace, tmp_path: Path, mapping: str, message: str) -> None:
    data = write(
        tmp_path, "calls.txt", "vru_entry\tq_start\tser_start\n9:00:00\t9:00:01\t9:00:02\n"
    )
    report = ingest_files(
        ws,
        table="interactions",
        paths=[data],
        engagement_id=ENGAGEMENT,
        format="acd",
        mapping=write(tmp_path, "m.yaml", mapping),
    )
    assert report.status == "rejected"
    assert report.error is not None and message in report.error
    assert nothing_written(ws)


DEEP = "[" * 10_000 + "]" * 10_000  # the probe's upload: RecursionError in json


@pytest.mark.parametrize(
    ("fmt", "name", "text"),
    [
        ("zendesk", "tickets.json", '{"tickets": ' + DEEP + "}"),
        ("freshdesk", "tickets.json", DEEP),
        ("amazon-connect", "ctr.json", DEEP),
        ("jsonl", "rows.jsonl", '{"interaction_id": ' + DEEP + "}\n"),
    ],
)
def test_deeply_nested_json_is_rejected_not_left_running(
    ws: Workspace, tmp_path: Path, fmt: str, name: str, text: str
) -> None:
    path = write(tmp_path, name, text)
    report = ingest_files(
        ws, table="interactions", paths=[path], engagement_id=ENGAGEMENT, format=fmt
    )
    assert report.status == "rejected"
    assert report.error is not None and "nests JSON" in report.error
    assert [b.status for b in list_batches(ws)] == ["rejected"]
    assert nothing_written(ws)


def test_an_unexpected_error_marks_the_batch_failed_with_the_reason(
    ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: Validator, chunk: object) -> object:  # stands for any bug mid-ingest
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(Validator, "check", broken)
    path = write(tmp_path, "ok.csv", H + OK)
    with pytest.raises(RuntimeError):
        ingest_files(ws, table="interactions", paths=[path], engagement_id=ENGAGEMENT)
    (batch,) = list_batches(ws)
    assert batch.status == "failed"
    assert batch.error == "the ingest failed (RuntimeError: disk on fire)"
    assert nothing_written(ws)
