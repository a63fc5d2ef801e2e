"""An Amazon Connect source: contact records as Kinesis Firehose lands them (JSON objects
concatenated or one per line, gzipped or not, under a date prefix) in a folder or an S3
prefix (moto's S3 server, as the lake's store tests use). The field names and meanings
are those of AWS's "Data model for Amazon Connect contact records"."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from fairshore.bootstrap import Workspace, init_workspace
from fairshore.config import load_settings
from fairshore.sources import files
from fairshore.sources import services as sources
from tests.integration.interactions.workspace_files import add_engagement, lake_rows
from tests.integration.lake.conftest import new_bucket, s3_endpoint, storage_options

__all__ = ["s3_endpoint"]  # the session fixture, used by name
NOW = datetime(2026, 11, 2, 6, 0, tzinfo=UTC)
T0 = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
SOURCE = "telco-krk-amazon-connect"


def _at(seconds: float) -> str:
    return (T0 + timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%SZ")


def ctr(
    contact: str, *, answered: bool = True, updated: float = 600, **extra: Any
) -> dict[str, Any]:
    """A voice contact queued 20 s after it began; answered 45 s later, or left at 90 s."""
    record: dict[str, Any] = {
        "AWSAccountId": "123456789012",
        "ContactId": contact,
        "Channel": "VOICE",
        "InitiationMethod": "INBOUND",
        "InitiationTimestamp": _at(0),
        "ConnectedToSystemTimestamp": _at(1),
        "DisconnectTimestamp": _at(400 if answered else 90),
        "DisconnectReason": "CUSTOMER_DISCONNECT",
        "LastUpdateTimestamp": _at(updated),
        "Queue": {
            "Name": "BasicQueue",
            "EnqueueTimestamp": _at(20),
            "DequeueTimestamp": _at(65 if answered else 90),
            "Duration": 45 if answered else 70,
        },
        "Agent": None,
        "CustomerEndpoint": {"Address": "+48123456789", "Type": "TELEPHONE_NUMBER"},
        "Attributes": {"language": "pl"},
    }
    if answered:
        record["Agent"] = {"Username": "agent-7", "ConnectedToAgentTimestamp": _at(65),
                           "AgentInteractionDuration": 300, "CustomerHoldDuration": 20,
                           "AfterContactWorkDuration": 30, "NumberOfHolds": 1}  # fmt: skip
    return record | extra


def firehose(records: list[dict[str, Any]], *, lines: bool = False, packed: bool = False) -> bytes:
    """Records as Firehose writes them: concatenated (or one per line), maybe gzipped."""
    body = ("\n" if lines else "").join(json.dumps(r) for r in records).encode()
    return gzip.compress(body) if packed else body


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    space = init_workspace(load_settings(home=tmp_path / "ws"))
    add_engagement(space)
    yield space
    space.close()


def _put(folder: Path, key: str, content: bytes) -> None:
    path = folder / key
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


def _rows(ws: Workspace) -> dict[str, dict[str, object]]:
    return {str(r["interaction_id"]): r for r in lake_rows(ws)}


def test_contact_records_from_a_folder_map_to_interactions(ws: Workspace, tmp_path: Path) -> None:
    drop = tmp_path / "ctr"
    _put(drop, "2026/11/01/09/ctr-stream-1-2026-11-01-09-05-00-a1",
         firehose([ctr("c-1"), ctr("c-2", answered=False)]))  # fmt: skip
    _put(drop, "2026/11/01/10/ctr-stream-1-2026-11-01-10-05-00-b2.gz",
         firehose([ctr("c-3", InitiationMethod="OUTBOUND"), ctr("c-4", Channel="CHAT")],
                  lines=True, packed=True))  # fmt: skip
    sources.add_file_source(ws, kind="amazon-connect", engagement_id="telco-krk",
                            location=str(drop), now=NOW)  # fmt: skip
    report = sources.sync_source(ws, SOURCE, now=NOW)
    assert (report.status, report.rows_read, report.rows_accepted) == ("complete", 4, 3)
    assert report.rows_quarantined == 1  # the outbound call is not demand on the vendor
    rows = _rows(ws)
    answered, left, chat = rows["c-1"], rows["c-2"], rows["c-4"]
    assert answered["arrived_at"] == T0 + timedelta(seconds=20)  # queued, as ASA counts
    assert answered["answered_at"] == T0 + timedelta(seconds=65)
    assert answered["handle_seconds"] == 350  # interaction 300 + hold 20 + ACW 30
    assert (answered["agent_ref"], answered["queue"], answered["language"]) == (
        "agent-7", "BasicQueue", "pl")  # fmt: skip
    assert left["abandoned_at"] == T0 + timedelta(seconds=90) and left["answered_at"] is None
    assert chat["channel"] == "chat"
    assert answered["updated_at"] == T0 + timedelta(seconds=600)


def test_a_later_copy_of_a_record_replaces_the_older(ws: Workspace, tmp_path: Path) -> None:
    drop = tmp_path / "ctr"
    _put(drop, "2026/11/01/09/a", firehose([ctr("c-1"), ctr("c-2", answered=False)]))
    sources.add_file_source(ws, kind="amazon-connect", engagement_id="telco-krk",
                            location=str(drop), now=NOW)  # fmt: skip
    sources.sync_source(ws, SOURCE, now=NOW)
    # an hour later Connect re-emits c-1 (a contact attribute changed), and an old copy
    # of c-2 arrives late: the newest LastUpdateTimestamp wins, whatever the order
    newer = ctr("c-1", updated=3600, Attributes={"language": "en"})
    _put(drop, "2026/11/01/10/b", firehose([newer, ctr("c-2", answered=False, updated=60)]))
    second = sources.sync_source(ws, SOURCE, now=NOW + timedelta(hours=1))
    assert (second.rows_read, second.rows_updated, second.rows_stale) == (2, 1, 1)
    rows = _rows(ws)
    assert rows["c-1"]["language"] == "en"
    assert rows["c-1"]["updated_at"] == T0 + timedelta(seconds=3600)
    assert rows["c-2"]["updated_at"] == T0 + timedelta(seconds=600)
    third = sources.sync_source(ws, SOURCE, now=NOW + timedelta(hours=2))
    assert (third.batches, third.rows_read) == ([], 0)  # nothing new to read


def test_an_s3_prefix_resumes_where_a_budgeted_sync_stopped(
    ws: Workspace, s3_endpoint: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import boto3

    for name, value in storage_options(s3_endpoint).items():
        monkeypatch.setenv(name, value)
    bucket = new_bucket(s3_endpoint)
    s3 = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1",
                      aws_access_key_id="fairshore-test",
                      aws_secret_access_key="fairshore-test-secret")  # fmt: skip
    for hour in range(3):
        key = f"connect/ctr/2026/11/01/{9 + hour:02d}/ctr-stream-1-{hour}.gz"
        body = firehose([ctr(f"c-{hour}-{n}") for n in range(4)], lines=True, packed=True)
        s3.put_object(Bucket=bucket, Key=key, Body=body)
    s3.put_object(Bucket=bucket, Key="other/ctr-elsewhere", Body=firehose([ctr("x")]))
    monkeypatch.setattr(files, "OBJECTS_CHUNK", 1)  # one object a batch
    sources.add_file_source(ws, kind="amazon-connect", engagement_id="telco-krk",
                            location=f"s3://{bucket}/connect/ctr", now=NOW)  # fmt: skip
    first = sources.sync_source(ws, SOURCE, now=NOW, page_budget=2)
    assert (first.status, first.pages, first.rows_accepted) == ("partial", 2, 8)
    rest = sources.sync_source(ws, SOURCE, now=NOW + timedelta(hours=1), page_budget=2)
    assert (rest.status, rest.pages, rest.rows_accepted) == ("complete", 1, 4)
    assert len(_rows(ws)) == 12 and "x" not in _rows(ws)
    [source] = sources.list_sources(ws)
    assert source.rows_total == 12 and source.last_error is None


def test_a_file_that_is_not_contact_records_fails_the_sync_with_its_name(
    ws: Workspace, tmp_path: Path
) -> None:
    drop = tmp_path / "ctr"
    _put(drop, "2026/11/01/09/a", b'{"ContactId": "c-1", "Channel": "VOICE"} {"oops"')
    sources.add_file_source(ws, kind="amazon-connect", engagement_id="telco-krk",
                            location=str(drop), now=NOW)  # fmt: skip
    report = sources.sync_source(ws, SOURCE, now=NOW)
    assert report.status == "failed" and "not valid JSON" in (report.error or "")
    assert lake_rows(ws) == []
