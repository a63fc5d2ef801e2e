"""Zendesk Talk calls (incremental calls export) -> voice interactions.

``completion_status`` (Talk API, incremental calls export) decides the outcome:
``completed`` is answered; ``abandoned_in_queue`` and ``abandoned_in_voicemail`` are
abandoned; ``abandoned_in_ivr`` is abandoned and counted as the warning
``ivr_hangup``; ``abandoned_on_hold`` was answered first (the caller left while on
hold). ``voicemail`` and callbacks are neither answered nor abandoned (warnings).
AHT = talk + hold + wrap-up; ASA from ``time_to_answer`` of answered calls.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, ClassVar

import pyarrow as pa

from fairshore.errors import IngestError
from fairshore.interactions.adapters.base import chunked, load_json
from fairshore.interactions.adapters.json_records import (
    SUPERSEDED,
    apply_custom_fields,
    latest_versions,
    number,
    passthrough,
    plus_seconds,
)
from fairshore.interactions.model import ReadContext
from fairshore.interactions.schema import INTERACTIONS

ANSWERED = {"completed", "abandoned_on_hold", "answered"}
ABANDONED = {"abandoned_in_queue", "abandoned_in_voicemail", "abandoned_in_ivr", "abandoned"}
NEITHER = {"voicemail", "callback_requested", "callback"}
OUTBOUND = "outbound_call"


class ZendeskTalkCalls:
    """Zendesk Talk incremental calls pages -> voice interactions (id ``call-<id>``)."""

    name: ClassVar[str] = "zendesk-talk"
    tables: ClassVar[tuple[str, ...]] = ("interactions",)

    def sniff(self, path: Path, head: str) -> bool:
        return head.lstrip().startswith("{") and '"calls"' in head

    def read(self, paths: Sequence[Path], ctx: ReadContext) -> Iterator[pa.Table]:
        calls: list[dict[str, Any]] = []
        last_end: bool | None = None
        for path in paths:
            doc = load_json(path, ctx)
            if not isinstance(doc, dict) or not isinstance(doc.get("calls"), list):
                raise IngestError(
                    f'{path.name}: not a Zendesk Talk calls export (expected {{"calls": [...]}})'
                )
            calls.extend(c for c in doc["calls"] if isinstance(c, dict))
            if "end_of_stream" in doc:
                last_end = bool(doc["end_of_stream"])
        if last_end is False:
            ctx.warnings["export_incomplete"] += 1
        yield from chunked(self._rows(calls, ctx), ctx.chunk_rows)

    def _rows(self, calls: list[dict[str, Any]], ctx: ReadContext) -> Iterator[dict[str, Any]]:
        custom = ctx.mapping.get("custom_fields") or {}
        for pos, call in enumerate(latest_versions(calls), start=1):
            row = self._row(call, ctx)
            apply_custom_fields(row, call.get("custom_fields"), custom, ctx.segment_columns)
            passthrough(row, call, [*INTERACTIONS.names, *ctx.segment_columns])
            row["_row"] = pos
            if call["__superseded"]:
                row["_reason"], row["_detail"] = SUPERSEDED, "id"
            elif call.get("direction") == "outbound":
                row["_reason"], row["_detail"] = OUTBOUND, "direction"
            yield row

    def _row(self, call: dict[str, Any], ctx: ReadContext) -> dict[str, Any]:
        start = call.get("created_at")
        status = str(call.get("completion_status") or "").lower()
        cid = call.get("id")
        row: dict[str, Any] = {
            "interaction_id": None if cid is None else f"call-{cid}",
            "channel": "voice",
            "queue": call.get("group_id", call.get("phone_number_id")),
            "customer_ref": call.get("customer_id"),
            "agent_ref": call.get("agent_id"),
            "arrived_at": start,
            # the source's own modification time: a newer version replaces this one
            "updated_at": call.get("updated_at"),
            "ended_at": plus_seconds(start, call.get("duration")),
        }
        if status in ANSWERED:
            answer = call.get("time_to_answer", call.get("wait_time"))
            row["answered_at"] = plus_seconds(start, answer)
            parts = [number(call.get(k)) for k in ("talk_time", "hold_time", "wrap_up_time")]
            if any(p is not None for p in parts):
                row["handle_seconds"] = sum(p or 0.0 for p in parts)
        elif status in ABANDONED:
            if status == "abandoned_in_ivr":
                ctx.warnings["ivr_hangup"] += 1
            row["abandoned_at"] = row["ended_at"] or plus_seconds(
                start,
                (number(call.get("ivr_time_spent")) or 0) + (number(call.get("wait_time")) or 0),
            )
        elif status in NEITHER:
            ctx.warnings[status] += 1
        else:
            ctx.warnings["unknown_completion_status"] += 1
        return row
