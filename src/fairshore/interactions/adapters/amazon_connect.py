"""Amazon Connect contact records (CTRs) -> interactions.

Amazon Connect streams a contact record through Kinesis (Firehose lands them in S3)
when a contact ends, and again when it changes: the copy with the greatest
``LastUpdateTimestamp`` is the current one (AWS, "Data model for Amazon Connect
contact records"). A file holds records as Firehose writes them: JSON objects
concatenated with no separator, one per line, or a JSON array. Durations are seconds.

``interaction_id`` = ``ContactId``; ``arrived_at`` = ``Queue.EnqueueTimestamp`` (waits
count from the queue, as the ACD mapping's ``arrival: queue``), else
``InitiationTimestamp``; ``answered_at`` = ``Agent.ConnectedToAgentTimestamp``;
``ended_at`` = ``DisconnectTimestamp``; ``handle_seconds`` =
``Agent.AgentInteractionDuration + CustomerHoldDuration + AfterContactWorkDuration``;
``updated_at`` = ``LastUpdateTimestamp``. A queued contact no agent took is abandoned
at ``Queue.DequeueTimestamp`` unless it went on to another contact (``NextContactId``:
transferred); one that never queued and that the customer hung up is an IVR hang-up
(abandoned, warning ``ivr_hangup``), one the flow ended is neither (``ended_in_flow``).
Outbound contacts (``outbound_call``), supervisor monitoring and disconnect-flow legs
(``excluded_outcome``) are not the customers' demand on the vendor: quarantined.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, ClassVar

import pyarrow as pa

from fairshore.errors import IngestError
from fairshore.interactions.adapters.base import chunked
from fairshore.interactions.adapters.json_records import (
    SUPERSEDED,
    latest_versions,
    number,
    passthrough,
)
from fairshore.interactions.adapters.zendesk_talk import OUTBOUND
from fairshore.interactions.file_checks import check_file
from fairshore.interactions.model import EXCLUDED_OUTCOME, ReadContext
from fairshore.interactions.schema import INTERACTIONS

CHANNELS = {"VOICE": "voice", "CHAT": "chat", "EMAIL": "email", "TASK": "other"}
# contacts that are not a customer's demand on the vendor: quarantined with a reason
NOT_DEMAND = {"OUTBOUND": OUTBOUND, "MONITOR": EXCLUDED_OUTCOME, "DISCONNECT": EXCLUDED_OUTCOME}
HANDLE_PARTS = ("AgentInteractionDuration", "CustomerHoldDuration", "AfterContactWorkDuration")


class AmazonConnectRecords:
    """Amazon Connect contact records (Kinesis Firehose files) -> interactions."""

    name: ClassVar[str] = "amazon-connect"
    tables: ClassVar[tuple[str, ...]] = ("interactions",)

    def sniff(self, path: Path, head: str) -> bool:
        return '"ContactId"' in head and '"InitiationTimestamp"' in head

    def read(self, paths: Sequence[Path], ctx: ReadContext) -> Iterator[pa.Table]:
        records: list[dict[str, Any]] = []
        for path in paths:
            check_file(path, max_bytes=ctx.max_bytes, kind="text")
            records.extend(_version(r) for r in contact_records(path))
        yield from chunked(self._rows(records, ctx), ctx.chunk_rows)

    def _rows(self, records: list[dict[str, Any]], ctx: ReadContext) -> Iterator[dict[str, Any]]:
        for pos, record in enumerate(latest_versions(records), start=1):
            row = contact_row(record, ctx)
            attributes = record.get("Attributes")
            if isinstance(attributes, dict):  # contact attributes named like a column
                passthrough(row, attributes, [*INTERACTIONS.names, *ctx.segment_columns])
            row["_row"] = pos
            method = str(record.get("InitiationMethod") or "").upper()
            if record["__superseded"]:
                row["_reason"], row["_detail"] = SUPERSEDED, "ContactId"
            elif method in NOT_DEMAND:
                row["_reason"], row["_detail"] = NOT_DEMAND[method], "InitiationMethod"
            yield row


def contact_records(path: Path) -> Iterator[dict[str, Any]]:
    """The JSON objects of a Firehose file: concatenated, one per line, or an array."""
    text = path.read_text(encoding="utf-8-sig")
    decoder = json.JSONDecoder()
    pos, end = 0, len(text)
    while True:
        while pos < end and text[pos] in " \t\r\n,":
            pos += 1
        if pos >= end:
            return
        try:
            value, pos = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            raise IngestError(
                f"{path.name}: not valid JSON at line {exc.lineno} column {exc.colno} "
                f"({exc.msg}); Amazon Connect contact records are JSON objects"
            ) from None
        for item in value if isinstance(value, list) else [value]:
            if not isinstance(item, dict) or "ContactId" not in item:
                raise IngestError(f"{path.name}: a JSON value that is not a contact record")
            yield item


def _version(record: dict[str, Any]) -> dict[str, Any]:
    """The record with the keys ``latest_versions`` compares (id, updated_at)."""
    return {
        **record,
        "id": record.get("ContactId"),
        "updated_at": record.get("LastUpdateTimestamp"),
    }


def _part(record: dict[str, Any], name: str) -> dict[str, Any]:
    value = record.get(name)
    return value if isinstance(value, dict) else {}


def contact_row(record: dict[str, Any], ctx: ReadContext) -> dict[str, Any]:
    """One contact record as a canonical interaction (before row checks)."""
    queue, agent = _part(record, "Queue"), _part(record, "Agent")
    channel = str(record.get("Channel") or "").upper()
    row: dict[str, Any] = {
        "interaction_id": record.get("ContactId"),
        "channel": CHANNELS.get(channel, channel.lower() or None),
        "queue": queue.get("Name"),
        "agent_ref": agent.get("Username"),
        "arrived_at": queue.get("EnqueueTimestamp") or record.get("InitiationTimestamp"),
        "ended_at": record.get("DisconnectTimestamp"),
        "transferred": bool(
            record.get("TransferCompletedTimestamp") or record.get("NextContactId")
        ),
        # the record's own version: a later copy of the same contact replaces this one
        "updated_at": record.get("LastUpdateTimestamp"),
    }
    if agent.get("ConnectedToAgentTimestamp"):
        row["answered_at"] = agent["ConnectedToAgentTimestamp"]
        parts = [number(agent.get(k)) for k in HANDLE_PARTS]
        if any(p is not None for p in parts):
            row["handle_seconds"] = sum(p or 0.0 for p in parts)
    elif queue.get("EnqueueTimestamp"):
        if not record.get("NextContactId"):
            row["abandoned_at"] = queue.get("DequeueTimestamp") or record.get("DisconnectTimestamp")
    elif str(record.get("DisconnectReason") or "").upper() == "CUSTOMER_DISCONNECT":
        ctx.warnings["ivr_hangup"] += 1
        row["abandoned_at"] = record.get("DisconnectTimestamp")
    else:
        ctx.warnings["ended_in_flow"] += 1
    return row
